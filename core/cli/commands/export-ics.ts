// `export-ics`: personal calendars, one .ics file per person, into a folder. Re-exporting into the
// same folder updates events (same UIDs, higher sequence) and cancels the ones that disappeared.
import { resolve } from 'node:path';
import { exportCalendarsFromData } from '../../services/exports';
import { CliUsageError, stdio, type CliIo, type CommandBody } from '../command';
import { COMMON_OPTIONS, COMMON_USAGE, exportRequestFrom, runExportCommand, type CommonValues } from './export-options';
import { plural } from '../../domain/words';

const options = { ...COMMON_OPTIONS, omit: { type: 'string', multiple: true } } as const;

export const usage = `Usage: export-ics --program FILE --out FOLDER [options]
Writes one calendar file per person (named by person) with their activities, calls and
inpatient weeks at their real times in the program's time zone.

${COMMON_USAGE}
Calendar:
  --omit CODE[,CODE]     leave these activity codes out (e.g. --omit W,OFF)`;

interface Values extends CommonValues {
  omit?: string[];
}

export async function run(argv: string[], io: CliIo = stdio): Promise<number> {
  return runExportCommand<Values>(
    argv,
    io,
    { options, usage, method: 'exports.calendars' },
    async (values, data, signedIn) => {
      if (!values.out) throw new CliUsageError('--out FOLDER is required');
      const request = await exportRequestFrom(values, data, signedIn, { method: 'exports.calendars' });
      const omit = (values.omit ?? [])
        .flatMap((v) => v.split(','))
        .map((c) => c.trim())
        .filter(Boolean);
      const unknown = omit.filter((c) => !data.activities.some((a) => a.code === c));
      if (unknown.length)
        throw new CliUsageError(`--omit: unknown activity code ${unknown.map((c) => `"${c}"`).join(', ')}`);
      const result = await exportCalendarsFromData(
        data,
        { ...request, outputDir: resolve(values.out), omitActivityCodes: omit },
        { programFile: signedIn.program.path },
      );
      io.out(
        `Exported ${plural(result.files.length, 'calendar')}, ${result.range.start} to ${result.range.end}, ${
          result.draftLabel ? `DRAFT "${result.draftLabel}"` : 'published schedule'
        }, into ${values.out}`,
      );
      for (const f of result.files)
        io.out(
          `  ${f.path}: ${f.events} events (${f.added} new, ${f.updated} changed, ${f.unchanged} unchanged, ` +
            `${f.cancelled} cancelled)`,
        );
    },
  );
}

export const exportIcsCommand: CommandBody = {
  name: 'export-ics',
  usage,
  run,
};
