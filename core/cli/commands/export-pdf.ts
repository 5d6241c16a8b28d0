// `export-pdf`: printouts. The block schedule (the block grid), the monthly call roster, or
// personal schedules (one file per person).
import { resolve } from 'node:path';
import { exportPdfFromData, PRINTOUT_KINDS, type PrintoutKind } from '../../services/exports';
import { CliUsageError, stdio, type CliIo, type CommandBody } from '../command';
import { RESOURCES_DIR } from '../paths';
import { COMMON_OPTIONS, COMMON_USAGE, exportRequestFrom, runExportCommand, type CommonValues } from './export-options';
import { bundledPrintFonts } from '../../services/print-fonts';
import { plural } from '../../domain/words';

const options = {
  ...COMMON_OPTIONS,
  type: { type: 'string', short: 't' },
  page: { type: 'string' },
  'week-start': { type: 'string' },
} as const;

export const usage = `Usage: export-pdf --program FILE --type block|call-roster|person --out PATH [options]
  block        the block grid (people x AM/PM days), default range: the current block
  call-roster  a month calendar of calls per page, default range: the current month
  person       each person's schedule, default range: the rest of the academic year;
               --out is a folder (one file per person) or a .pdf file for one person

${COMMON_USAGE}
Paper:
  --page letter|a4       paper size (default letter)
  --week-start sunday|monday   first column of the call roster (default sunday)`;

interface Values extends CommonValues {
  type?: string;
  page?: string;
  'week-start'?: string;
}

export async function run(argv: string[], io: CliIo = stdio): Promise<number> {
  return runExportCommand<Values>(
    argv,
    io,
    { options, usage, method: 'exports.pdf' },
    async (values, data, signedIn) => {
      if (!values.type || !PRINTOUT_KINDS.includes(values.type as PrintoutKind))
        throw new CliUsageError(`--type must be one of ${PRINTOUT_KINDS.join(', ')}`);
      if (!values.out) throw new CliUsageError('--out PATH is required');
      const page = (values.page ?? 'letter').toLowerCase();
      if (page !== 'letter' && page !== 'a4')
        throw new CliUsageError(`--page must be letter or a4, got "${values.page}"`);
      const weekStart = (values['week-start'] ?? 'sunday').toLowerCase();
      if (weekStart !== 'sunday' && weekStart !== 'monday')
        throw new CliUsageError(`--week-start must be sunday or monday, got "${values['week-start']}"`);
      const request = await exportRequestFrom(values, data, signedIn, { method: 'exports.pdf', kind: values.type });
      const result = await exportPdfFromData(
        data,
        {
          ...request,
          kind: values.type as PrintoutKind,
          output: resolve(values.out),
          pageSize: page === 'a4' ? 'A4' : 'LETTER',
          weekStartsOn: weekStart === 'monday' ? 1 : 7,
          fonts: bundledPrintFonts(RESOURCES_DIR),
        },
        { programFile: signedIn.program.path },
      );
      io.out(
        `Printed ${values.type}, ${result.range.start} to ${result.range.end}, ${
          result.draftLabel ? `DRAFT "${result.draftLabel}"` : 'published schedule'
        }`,
      );
      for (const f of result.files) io.out(`  ${f.path}: ${plural(f.pages, 'page')}`);
    },
  );
}

export const exportPdfCommand: CommandBody = {
  name: 'export-pdf',
  usage,
  run,
};
