// Reading a coordinator's absence list (an .xlsx sheet or a .csv file): one absence per row under
// a header row naming its columns (name or id, type, first day, last day, AM/PM, approved, note),
// in any order and with the usual words for them. Every problem is said by sheet and cell with a
// suggestion, like the block sheet import. Pure: the caller writes the absences (core/services/
// absence-import.ts) through the same check as an absence entered by hand.
import type ExcelJS from 'exceljs';
import type { ProgramData } from '../../domain/program';
import type { AbsencePart, AbsenceStatus, IsoDate, Person } from '../../domain/types';
import { dateOfCell } from './layout';
import { colName, findHeaderRow, headerKey, noHeaderRow, worksheetOf } from './listSheet';
import { cellText } from './cellText';
import { closest, nameKey, type SheetPlace, type SheetProblem } from './readBlockSheets';

export interface ReadAbsence {
  personId: string;
  type: string;
  start: IsoDate;
  end: IsoDate;
  part?: AbsencePart;
  status: AbsenceStatus;
  note: string | null;
  at: SheetPlace;
}

export interface AbsenceReading {
  sheet: string;
  rows: ReadAbsence[];
  problems: SheetProblem[];
}

type Column = 'id' | 'name' | 'type' | 'start' | 'end' | 'part' | 'status' | 'note';

/** The words a header may use for each column (compared without case, spaces or punctuation). */
const HEADERS: Record<Column, string[]> = {
  id: ['id', 'personid'],
  name: ['name', 'person', 'resident', 'faculty', 'fullname'],
  type: ['type', 'absencetype', 'leavetype', 'kind', 'reason'],
  start: ['firstday', 'start', 'startdate', 'from', 'begin', 'begins', 'firstdate'],
  end: ['lastday', 'end', 'enddate', 'to', 'until', 'through', 'lastdate'],
  part: ['ampm', 'part', 'half', 'halfday', 'partofday'],
  status: ['approved', 'status', 'approval'],
  note: ['note', 'notes', 'comment', 'comments', 'remarks'],
};
const STATUS: Record<string, AbsenceStatus> = {
  yes: 'approved',
  y: 'approved',
  true: 'approved',
  approved: 'approved',
  x: 'approved',
  '1': 'approved',
  no: 'requested',
  n: 'requested',
  false: 'requested',
  requested: 'requested',
  pending: 'requested',
  '0': 'requested',
  denied: 'denied',
  rejected: 'denied',
};

/** Read the absences of a file against a program's people and absence types. */
export async function readAbsenceRows(
  bytes: Uint8Array,
  kind: 'xlsx' | 'csv',
  data: ProgramData,
  types: { code: string; name: string }[],
): Promise<AbsenceReading> {
  const sheets = await worksheetOf(bytes, kind);
  const header = findHeaderRow(
    sheets,
    HEADERS,
    (cols) => (cols.has('name') || cols.has('id')) && cols.has('type') && cols.has('start'),
  );
  if (header) return readRows(header.sheet, header.row, header.cols, data, types);
  return noHeaderRow(
    kind,
    sheets,
    'no header row naming the columns: give a row with Name (or Id), Type, First day and, as needed, Last day, ' +
      'AM/PM, Approved, Note',
  );
}

function readRows(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  cols: Map<Column, number>,
  data: ProgramData,
  types: { code: string; name: string }[],
): AbsenceReading {
  const reading: AbsenceReading = { sheet: sheet.name, rows: [], problems: [] };
  const people = new Map(data.people.map((p) => [p.id, p]));
  const byName = new Map<string, Person[]>();
  for (const p of data.people) byName.set(nameKey(p.name), [...(byName.get(nameKey(p.name)) ?? []), p]);
  const typeOf = new Map<string, string>();
  for (const t of types) typeOf.set(headerKey(t.code), t.code).set(headerKey(t.name), t.code);

  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cell = (col: Column) => (cols.has(col) ? row.getCell(cols.get(col)!) : null);
    const text = (col: Column) => {
      const c = cell(col);
      return c ? cellText(c.value) : null;
    };
    const at = (col: Column) => ({ sheet: sheet.name, cell: `${colName(cols.get(col) ?? 1)}${r}` });
    const problem = (col: Column, message: string) => reading.problems.push({ ...at(col), message });
    if ((Object.keys(HEADERS) as Column[]).every((c) => text(c) === null)) continue;

    let person: Person | undefined;
    const id = text('id');
    const name = text('name');
    if (id) {
      person = people.get(id);
      if (!person) {
        problem('id', `no person with id "${id}" in this program`);
        continue;
      }
    } else if (name) {
      const found = byName.get(nameKey(name)) ?? [];
      if (found.length !== 1) {
        const guess = closest(
          name,
          data.people.map((p) => p.name),
        );
        problem(
          'name',
          found.length > 1
            ? `"${name}" is the name of ${found.length} people (${found.map((p) => p.id).join(', ')}); add an Id column`
            : `no person named "${name}" in this program${guess ? `; did you mean "${guess}"?` : ''}`,
        );
        continue;
      }
      person = found[0];
    } else {
      problem('name', 'the row has no name');
      continue;
    }

    const typeText = text('type');
    const type = typeText ? typeOf.get(headerKey(typeText)) : undefined;
    if (!type) {
      const guess = typeText
        ? closest(
            typeText,
            types.map((t) => t.name),
          )
        : null;
      problem(
        'type',
        typeText
          ? `"${typeText}" is not an absence type of this ` +
              `program${guess ? `; did you mean "${guess}"?` : ` (${types.map((t) => t.name).join(', ')})`}`
          : 'the absence type is missing',
      );
      continue;
    }
    const start = dateOfCell(cell('start')?.value ?? null);
    if (!start) {
      problem(
        'start',
        `${text('start') ? `"${text('start')}" is not a date` : 'the first day is missing'}; write it as YYYY-MM-DD ` +
          `(or a date cell)`,
      );
      continue;
    }
    const endText = text('end');
    const end = endText ? dateOfCell(cell('end')!.value) : start;
    if (!end) {
      problem('end', `"${endText}" is not a date; write it as YYYY-MM-DD (or a date cell)`);
      continue;
    }
    if (end < start) {
      problem('end', `the last day ${end} is before the first day ${start}`);
      continue;
    }
    const partText =
      text('part')
        ?.toUpperCase()
        .replace(/[^A-Z]/g, '') ?? '';
    let part: AbsencePart | undefined;
    if (partText === 'AM' || partText === 'PM') part = partText;
    else if (!['', 'ALLDAY', 'WHOLEDAY', 'FULLDAY', 'DAY', 'BOTH', 'AMPM'].includes(partText)) {
      problem('part', `"${text('part')}" is not AM, PM or all day`);
      continue;
    }
    const statusText = text('status');
    const status: AbsenceStatus | undefined = statusText === null ? 'requested' : STATUS[statusText.toLowerCase()];
    if (!status) {
      problem('status', `"${statusText}" is not yes/no (approved, requested or denied)`);
      continue;
    }
    const note = text('note');
    reading.rows.push({
      personId: person.id,
      type,
      start,
      end,
      ...(part ? { part } : {}),
      status,
      note: note ? note.slice(0, 500) : null,
      at: at(cols.has('name') ? 'name' : 'id'),
    });
  }
  return reading;
}
