// `export-xlsx`: the block sheet workbook (one sheet per block, or every block of a year), with
// the annual plan and the call roster as sheets on request. It opens in Excel or LibreOffice and
// comes back in with `import-xlsx`.
import { resolve } from 'node:path';
import { exportXlsxFromData } from '../../services/exports';
import { CliUsageError, stdio, type CliIo, type CommandBody } from '../command';
import { COMMON_OPTIONS, COMMON_USAGE, exportRequestFrom, runExportCommand, type CommonValues } from './export-options';
import { plural } from '../../domain/words';

const options = { ...COMMON_OPTIONS, plan: { type: 'boolean' }, calls: { type: 'boolean' } } as const;

const USAGE_LINE =
  'Usage: export-xlsx --program FILE --out FILE.xlsx [--block N [--year Y] | --year Y] [--plan] [--calls]';

export const usage = `${USAGE_LINE}
  --block N [--year Y]   one block sheet (default: the current block)
  --year Y               one sheet per block of academic year Y (2026 = 2026-27)
  --plan                 add the annual rotation plan (residents x blocks)
  --calls                add the call roster (one row per day)

${COMMON_USAGE.replace(/When:[\s\S]*?Which schedule:/, 'Which schedule:')}`;

interface Values extends CommonValues {
  plan?: boolean;
  calls?: boolean;
}

function wholeYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new CliUsageError(`--year expects an academic year such as 2026, got "${value}"`);
  return Number(value);
}

export async function run(argv: string[], io: CliIo = stdio): Promise<number> {
  return runExportCommand<Values>(
    argv,
    io,
    { options, usage, method: 'exports.xlsx' },
    async (values, data, signedIn) => {
      if (!values.out) throw new CliUsageError('--out FILE.xlsx is required');
      if (values.from || values.to)
        throw new CliUsageError('An Excel export covers a block (--block) or a year (--year), not --from/--to');
      const academicYear = values.year && !values.block ? wholeYear(values.year) : undefined;
      const common = academicYear === undefined ? values : { ...values, year: undefined };
      const request = await exportRequestFrom(common, data, signedIn, { method: 'exports.xlsx' });
      const result = await exportXlsxFromData(
        data,
        { ...request, output: resolve(values.out), academicYear, plan: values.plan, calls: values.calls },
        { programFile: signedIn.program.path },
      );
      const sheets = `${plural(result.sheets.length, 'sheet')} (${result.sheets.join(', ')})`;
      const schedule = result.draftLabel ? `DRAFT "${result.draftLabel}"` : 'published schedule';
      io.out(`Wrote ${sheets}, ${result.range.start} to ${result.range.end}, ${schedule}, to ${result.path}`);
    },
  );
}

export const exportXlsxCommand: CommandBody = {
  name: 'export-xlsx',
  usage,
  run,
};
