// `import-xlsx -p DB FILE [--preview] [--name NAME]`: an edited block sheet workbook back into
// the program. --preview prints what would change and writes nothing; without it the changes
// become one draft (its id is printed). Any problem, each by sheet and cell: nothing is written.
import { basename } from 'node:path';
import type { XlsxImportPreview } from '../../services/xlsx-import';
import { importXlsx, previewXlsxImport } from '../../services/xlsx-import';
import { loadProgramData } from '../../services/program';
import { CliUsageError, runCommand, type CliIo, type CommandBody } from '../command';
import { withDraftContext } from './draft-context';
import { plural } from '../../domain/words';

const usage = `Usage: import-xlsx --program FILE <workbook.xlsx> [--preview] [--name NAME]
Reads an edited block sheet workbook (from export-xlsx) and compares it with the published
schedule and rotation plan. People are matched by the Id column, else by name (case and spacing
do not matter); columns by their date and AM/PM headers; the Rotation column by rotation code or
name ("A / B" for a block's two halves).
  -p, --program FILE   the program file (.sqlite)
  --preview            print the changes and write nothing
  --name NAME          the new draft's name (default: "Import of <file>")
Every problem is listed as Sheet!Cell; then nothing is written (exit 1).`;

const options = {
  program: { type: 'string', short: 'p' },
  preview: { type: 'boolean' },
  name: { type: 'string' },
} as const;

/** "2 half-day(s), 1 call night(s) and 1 rotation(s) change". */
function changeCounts({ counts, rotationEdits }: XlsxImportPreview): string {
  return (
    `${plural(counts.cells, 'half-day')}, ${plural(counts.calls, 'call night')} and ` +
    `${plural(rotationEdits.length, 'rotation')} change`
  );
}

function printPreview(io: CliIo, preview: XlsxImportPreview, names: Map<string, string>): void {
  for (const s of preview.sheets) io.out(`${s.name}: ${s.start} to ${s.end}, ${plural(s.people, 'person', 'people')}`);
  for (const s of preview.skipped) io.out(`${s.sheet}: skipped, ${s.reason}`);
  const who = (id: string) => names.get(id) ?? id;
  for (const c of preview.diff.cells)
    io.out(
      `  ${c.date} ${c.half}  ${who(c.personId)}: ${c.before?.activityCode ?? '(empty)'} -> ` +
        `${c.after?.activityCode ?? '(empty)'}`,
    );
  for (const c of preview.diff.calls)
    io.out(
      `  ${c.date} ${c.callTypeCode} call: ${c.before.map((b) => who(b.personId)).join(', ') || '(nobody)'} -> ` +
        `${c.after.map((a) => who(a.personId)).join(', ') || '(nobody)'}`,
    );
  for (const r of preview.rotationEdits)
    io.out(
      `  ${r.sheet}!${r.cell}  ${who(r.personId)}'s rotation in block ${r.blockNumber}: ` +
        `${r.before || '(none)'} -> ${r.after || '(none)'}`,
    );
  io.out(`${changeCounts(preview)}, for ${plural(preview.counts.people, 'person', 'people')}`);
}

export const importXlsxCommand: CommandBody = {
  name: 'import-xlsx',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(argv, io, { usage, options, positionals: ['workbook.xlsx'] }, async (values, [file]) => {
      if (typeof values.program !== 'string') throw new CliUsageError('--program FILE is required');
      const operation = values.preview ? 'imports.xlsxPreview' : 'imports.xlsx';
      await withDraftContext(values.program, io, [operation], async (ctx) => {
        const data = await loadProgramData(ctx.program);
        const names = new Map(data.people.map((p) => [p.id, p.name]));
        const preview = await previewXlsxImport(ctx, file);
        if (preview.problems.length > 0) {
          for (const p of preview.problems) io.err(`${p.sheet ? `${p.sheet}!` : ''}${p.cell}: ${p.message}`);
          throw new Error(`${plural(preview.problems.length, 'problem')} in ${basename(file)}; nothing was imported`);
        }
        printPreview(io, preview, names);
        if (values.preview) {
          io.out('Preview only: nothing was written.');
          return;
        }
        const { draft } = await importXlsx(ctx, {
          path: file,
          name: typeof values.name === 'string' ? values.name : undefined,
        });
        io.out(`Imported as draft ${draft.id} "${draft.name}"`);
      });
    }),
};
