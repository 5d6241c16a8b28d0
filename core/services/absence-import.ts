// Importing absences from a coordinator's spreadsheet (.xlsx or .csv). The file is read
// (core/exports/xlsx/readAbsenceRows.ts), then every absence goes through addAbsence, the same
// check and insert as an absence entered by hand, in one transaction: the preview rolls it back,
// the import keeps it only when no row had a problem. All or nothing.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { defaultAbsencePolicy } from '../domain/defaults';
import type { Absence } from '../domain/types';
import { readAbsenceRows, type ReadAbsence } from '../exports/xlsx/readAbsenceRows';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { problemText, WorkbookReadError, type SheetPlace, type SheetProblem } from '../exports/xlsx/readBlockSheets';
import { addAbsence, knownAbsenceTypes } from './absences';
import { ServiceError } from './errors';
import { loadProgramData, type Program } from './program';
import { plural } from '../domain/words';

export interface AbsenceImportRow extends Omit<ReadAbsence, 'at'> {
  personName: string;
  /** Where the row is: "Absences!B4". */
  at: string;
}

export interface AbsenceImportPreview {
  file: string;
  sheet: string;
  rows: AbsenceImportRow[];
  problems: SheetProblem[];
}

/** The bytes of an .xlsx or .csv file, or a clear refusal (wrong type, missing, a folder). */
export async function readSpreadsheetFile(path: string): Promise<{ bytes: Uint8Array; kind: 'xlsx' | 'csv' }> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv')
    throw new ServiceError(
      'invalid_input',
      `"${basename(path)}" is neither an Excel workbook (.xlsx) nor a CSV file (.csv)`,
    );
  try {
    return { bytes: new Uint8Array(await readFile(path)), kind: ext === '.xlsx' ? 'xlsx' : 'csv' };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ServiceError(
      'invalid_input',
      `Cannot read ${path}: ` +
        `${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? err)}`,
    );
  }
}

async function run(
  program: Program,
  path: string,
  actor: string,
  write: boolean,
): Promise<{ preview: AbsenceImportPreview; created: Absence[] }> {
  const { bytes, kind } = await readSpreadsheetFile(path);
  const data = await loadProgramData(program);
  const types = knownAbsenceTypes(data.settings.absencePolicies ?? []).map((code) => {
    const policy = data.settings.absencePolicies?.find((p) => p.type === code) ?? defaultAbsencePolicy(code);
    return { code, name: policy.name };
  });
  let reading;
  try {
    reading = await readAbsenceRows(bytes, kind, data, types);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new ServiceError('invalid_input', `${basename(path)}: ${err.message}`);
    throw err;
  }
  const names = new Map(data.people.map((p) => [p.id, p.name]));
  const preview: AbsenceImportPreview = {
    file: path,
    sheet: reading.sheet,
    rows: reading.rows.map(({ at, ...r }) => ({
      ...r,
      personName: names.get(r.personId) ?? r.personId,
      at: `${at.sheet}!${at.cell}`,
    })),
    problems: reading.problems,
  };
  if (reading.rows.length === 0 && reading.problems.length === 0)
    preview.problems.push({ sheet: reading.sheet, cell: 'A2', message: 'no absence rows under the header' });
  const created = await addAllOrNothing(program, reading.rows, preview.problems, write, (trx, { at, ...fields }) =>
    addAbsence(trx, fields, actor),
  );
  return { preview, created };
}

class RolledBack extends Error {}

/**
 * Add every row with `add` (the same check and insert as by hand) in one transaction. A row the
 * check refuses becomes a problem at its place; the transaction is kept only when `write` and no
 * problem at all (then the added are returned), else rolled back (nothing is returned).
 */
export async function addAllOrNothing<Row extends { at: SheetPlace }, Added>(
  program: Program,
  rows: Row[],
  problems: SheetProblem[],
  write: boolean,
  add: (trx: Transaction<Database>, row: Row) => Promise<Added>,
): Promise<Added[]> {
  const added: Added[] = [];
  try {
    await program.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        try {
          added.push(await add(trx, row));
        } catch (err) {
          if (!(err instanceof ServiceError)) throw err;
          problems.push({ ...row.at, message: err.message });
        }
      }
      if (!write || problems.length > 0) throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
    return [];
  }
  return added;
}

/** What importing the file would add; writes nothing. */
export async function previewAbsenceImport(
  program: Program,
  path: string,
  actor: string,
): Promise<AbsenceImportPreview> {
  return (await run(program, path, actor, false)).preview;
}

/** Add every absence of the file, or none when any row has a problem. */
export async function importAbsences(
  program: Program,
  path: string,
  actor: string,
): Promise<{ created: Absence[]; preview: AbsenceImportPreview }> {
  const { preview, created } = await run(program, path, actor, true);
  if (preview.problems.length > 0) throw refusal(path, preview.problems);
  return { created, preview };
}

/** The error of an import refused for its problems: the first ten in the message, all as issues. */
export function refusal(path: string, problems: SheetProblem[]): ServiceError {
  const shown = problems.slice(0, 10).map(problemText).join('; ');
  return new ServiceError(
    'invalid_input',
    `Nothing was imported: ${plural(problems.length, 'problem')} in ${basename(path)}: ` +
      `${shown}${problems.length > 10 ? '; and more' : ''}`,
    problems.map((p) => ({ path: `${p.sheet}!${p.cell}`, message: p.message })),
  );
}
