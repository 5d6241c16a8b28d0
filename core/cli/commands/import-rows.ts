// `import-people` and `import-absences -p DB FILE [--preview]`: a coordinator's .xlsx or .csv list
// into the program, the same import as the Import view's (core/services/people-import.ts,
// absence-import.ts). Both print every row with where it is (Sheet!Cell, or the CSV line); --preview
// writes nothing; without it every row is added in one transaction, or none: any problem is printed
// by its place and the command exits 1.
import { basename, extname } from 'node:path';
import type { AbsenceImportPreview } from '../../services/absence-import';
import { importAbsences, previewAbsenceImport } from '../../services/absence-import';
import type { PeopleImportPreview } from '../../services/people-import';
import { importPeople, previewPeopleImport } from '../../services/people-import';
import { openProgram, type Program } from '../../services/program';
import { currentAcademicYear } from '../../services/settings';
import { readAcademicYears } from '../../db/program-data';
import { academicYearLabel } from '../../domain/calendar';
import type { SheetProblem } from '../../exports/xlsx/readBlockSheets';
import type { Operation } from '../../api/permissions';
import { CliUsageError, integerOption, runCommand, type CliIo, type CommandBody } from '../command';
import { signInTo } from '../session';
import { plural } from '../../domain/words';

const common = `  -p, --program FILE   the program file (.sqlite)
  --preview            print the rows and any problems; write nothing
Problems are listed by place (Sheet!Cell in a workbook, the line in a CSV file); then nothing is
written (exit 1).`;

const peopleUsage = `Usage: import-people --program FILE <people.xlsx|people.csv> [--preview] [--year Y]
Adds the people of a spreadsheet: one person per row under a header row (Name, Kind, PGY, Role,
E-mail, Active, Start date, End date, in any order). A PGY level means a resident, a faculty role
faculty; the start and end dates are the first and last day in the program (optional).
${common}
  --year Y             the academic year the PGY levels are for (the calendar year it starts in;
                       default: the current one)`;

const absencesUsage = `Usage: import-absences --program FILE <absences.xlsx|absences.csv> [--preview]
Adds the absences of a spreadsheet: one absence per row under a header row (Name or Id, Type,
First day, Last day, AM/PM, Approved, Note, in any order).
${common}`;

/** "Incoming!C4", or "line 4 (column C)" in a CSV file (which has no sheets). */
export function placeOf(file: string, p: Pick<SheetProblem, 'sheet' | 'cell'>): string {
  if (extname(file).toLowerCase() !== '.csv') return `${p.sheet}!${p.cell}`;
  const [, column, line] = /^([A-Z]+)(\d+)$/.exec(p.cell) ?? [];
  return line ? `line ${line} (column ${column})` : p.cell;
}

/** The place of a row ("CSV!B4", "People!B4" as the preview gives it) in the same words. */
function rowPlace(file: string, at: string): string {
  const bang = at.lastIndexOf('!');
  return placeOf(file, { sheet: at.slice(0, bang), cell: at.slice(bang + 1) });
}

/** Open the program writable (the preview adds every row in a transaction it rolls back) and sign in. */
async function withProgram<T>(
  db: string,
  io: CliIo,
  operation: Operation,
  body: (p: Program, actor: string) => Promise<T>,
) {
  const program = await openProgram(db);
  try {
    const signedIn = await signInTo(program, io, [operation]);
    return await body(program, signedIn.actor);
  } finally {
    await program.close();
  }
}

/** Print the problems and refuse, or return when there are none. */
function refuseProblems(io: CliIo, file: string, problems: SheetProblem[]): void {
  if (problems.length === 0) return;
  for (const p of problems) io.err(`${placeOf(file, p)}: ${p.message}`);
  throw new Error(`${plural(problems.length, 'problem')} in ${basename(file)}; nothing was imported`);
}

const options = { program: { type: 'string', short: 'p' }, preview: { type: 'boolean' } } as const;

function personLine(file: string, r: PeopleImportPreview['rows'][number]): string {
  const what = [
    r.pgy !== null ? `${r.kind} PGY-${r.pgy}` : r.kind,
    r.facultyRole ? `role ${r.facultyRole}` : null,
    r.email,
    r.active ? null : 'inactive',
    r.startDate ? `from ${r.startDate}` : null,
    r.endDate ? `until ${r.endDate}` : null,
  ].filter(Boolean);
  return `  ${rowPlace(file, r.at)}: ${r.name}, ${what.join(', ')}`;
}

export const importPeopleCommand: CommandBody = {
  name: 'import-people',
  usage: peopleUsage,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: peopleUsage, options: { ...options, year: { type: 'string' } }, positionals: ['file'] },
      async (values, [file]) => {
        if (typeof values.program !== 'string') throw new CliUsageError('--program FILE is required');
        const givenYear = integerOption(values.year, 'year', 1900, 2999);
        const operation = values.preview ? 'imports.peoplePreview' : 'imports.people';
        await withProgram(values.program, io, operation, async (program, actor) => {
          const year = givenYear ?? currentAcademicYear(await readAcademicYears(program.db));
          const preview = await previewPeopleImport(program, file, year, actor);
          refuseProblems(io, file, preview.problems);
          io.out(`${basename(file)}: ${preview.rows.length} people (PGY levels for ${academicYearLabel(year)})`);
          for (const r of preview.rows) io.out(personLine(file, r));
          if (values.preview) {
            io.out('Preview only: nothing was written.');
            return;
          }
          // Refused as a whole (its problems in the message) if the file changed since the preview.
          const { created } = await importPeople(program, file, year, actor);
          io.out(`Added ${created.length} people to ${basename(program.path)}.`);
        });
      },
    ),
};

function absenceLine(file: string, r: AbsenceImportPreview['rows'][number]): string {
  const days = r.start === r.end ? r.start : `${r.start} to ${r.end}`;
  const part = r.part === undefined ? '' : typeof r.part === 'string' ? ` ${r.part}` : ` ${r.part.start}–${r.part.end}`;
  return (
    `  ${rowPlace(file, r.at)}: ${r.personName}, ${r.type} ${days}${part}, ` +
    `${r.status}${r.note ? ` (${r.note})` : ''}`
  );
}

export const importAbsencesCommand: CommandBody = {
  name: 'import-absences',
  usage: absencesUsage,
  run: (argv, io) =>
    runCommand(argv, io, { usage: absencesUsage, options, positionals: ['file'] }, async (values, [file]) => {
      if (typeof values.program !== 'string') throw new CliUsageError('--program FILE is required');
      const operation = values.preview ? 'imports.absencesPreview' : 'imports.absences';
      await withProgram(values.program, io, operation, async (program, actor) => {
        const preview = await previewAbsenceImport(program, file, actor);
        refuseProblems(io, file, preview.problems);
        io.out(`${basename(file)}: ${plural(preview.rows.length, 'absence')}`);
        for (const r of preview.rows) io.out(absenceLine(file, r));
        if (values.preview) {
          io.out('Preview only: nothing was written.');
          return;
        }
        const { created } = await importAbsences(program, file, actor);
        io.out(`Added ${plural(created.length, 'absence')} to ${basename(program.path)}.`);
      });
    }),
};
