// Importing people from a coordinator's spreadsheet (.xlsx or .csv). The file is read
// (core/exports/xlsx/readPeopleRows.ts), then every person goes through addPerson, the same check
// and insert as a person added by hand, in one transaction: the preview rolls it back, the import
// keeps it only when no row had a problem. All or nothing.
import { basename } from 'node:path';
import type { AcademicYearId } from '../domain/types';
import { type PeopleReading, readPeopleRows, type ReadPerson } from '../exports/xlsx/readPeopleRows';
import { WorkbookReadError, type SheetProblem } from '../exports/xlsx/readBlockSheets';
import { addAllOrNothing, readSpreadsheetFile, refusal } from './absence-import';
import { ServiceError } from './errors';
import { addPerson, type PersonWithPgy } from './people';
import type { Program } from './program';

export interface PeopleImportRow extends Omit<ReadPerson, 'at'> {
  /** Where the row is: "People!A4". */
  at: string;
}

export interface PeopleImportPreview {
  file: string;
  sheet: string;
  academicYear: AcademicYearId;
  rows: PeopleImportRow[];
  problems: SheetProblem[];
}

async function run(
  program: Program,
  path: string,
  academicYear: AcademicYearId,
  actor: string,
  write: boolean,
): Promise<{ preview: PeopleImportPreview; created: PersonWithPgy[] }> {
  const { bytes, kind } = await readSpreadsheetFile(path);
  let reading: PeopleReading;
  try {
    reading = await readPeopleRows(bytes, kind);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new ServiceError('invalid_input', `${basename(path)}: ${err.message}`);
    throw err;
  }
  const preview: PeopleImportPreview = {
    file: path,
    sheet: reading.sheet,
    academicYear,
    rows: reading.rows.map(({ at, ...r }) => ({ ...r, at: `${at.sheet}!${at.cell}` })),
    problems: reading.problems,
  };
  if (reading.rows.length === 0 && reading.problems.length === 0)
    preview.problems.push({ sheet: reading.sheet, cell: 'A2', message: 'no people under the header' });
  const created = await addAllOrNothing(program, reading.rows, preview.problems, write, (trx, { at, ...fields }) =>
    addPerson(trx, program, { ...fields, academicYear }, actor),
  );
  return { preview, created };
}

/** Who importing the file would add (PGY levels in `academicYear`); writes nothing. */
export async function previewPeopleImport(
  program: Program,
  path: string,
  academicYear: AcademicYearId,
  actor: string,
): Promise<PeopleImportPreview> {
  return (await run(program, path, academicYear, actor, false)).preview;
}

/** Add every person of the file, or none when any row has a problem. */
export async function importPeople(
  program: Program,
  path: string,
  academicYear: AcademicYearId,
  actor: string,
): Promise<{ created: PersonWithPgy[]; preview: PeopleImportPreview }> {
  const { preview, created } = await run(program, path, academicYear, actor, true);
  if (preview.problems.length > 0) throw refusal(path, preview.problems);
  return { created, preview };
}
