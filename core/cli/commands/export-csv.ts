// `export-csv`: the half-day assignments of a range as CSV, safe to open in Excel.
import { resolve } from 'node:path';
import { exportCsvFromData } from '../../services/exports';
import { CliUsageError, stdio, type CliIo, type CommandBody } from '../command';
import { COMMON_OPTIONS, COMMON_USAGE, exportRequestFrom, runExportCommand, type CommonValues } from './export-options';
import { plural } from '../../domain/words';

export const usage = `Usage: export-csv --program FILE --out FILE.csv [options]
Writes one row per person and half-day: person, date, part of day, activity, source.

${COMMON_USAGE}`;

export async function run(argv: string[], io: CliIo = stdio): Promise<number> {
  return runExportCommand<CommonValues>(
    argv,
    io,
    { options: COMMON_OPTIONS, usage, method: 'exports.csv' },
    async (values, data, signedIn) => {
      if (!values.out) throw new CliUsageError('--out FILE.csv is required');
      const request = await exportRequestFrom(values, data, signedIn, { method: 'exports.csv' });
      const result = await exportCsvFromData(
        data,
        { ...request, output: resolve(values.out) },
        { programFile: signedIn.program.path },
      );
      io.out(
        `Wrote ${plural(result.rows, 'assignment row')}, ${result.range.start} to ${result.range.end}, ${
          result.draftLabel ? `DRAFT "${result.draftLabel}"` : 'published schedule'
        }, to ${result.path}`,
      );
    },
  );
}

export const exportCsvCommand: CommandBody = {
  name: 'export-csv',
  usage,
  run,
};
