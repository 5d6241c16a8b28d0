// Reading an edited block sheet workbook back: which person has which activity code in which
// half-day, who has which call, and which Rotation cells differ from the plan, with every problem
// said by sheet and cell and a suggestion
// ("Block 6!F12: 'CLNC' is not an activity code; did you mean 'C'?"). Columns are found by the
// header rows (layout.ts), never by position: a moved column or shifted dates are read as what
// their headers say; a column whose header cannot be read is refused with why. Pure: the caller
// compares the reading with the schedule and writes a draft (core/services/xlsx-import.ts).
import type ExcelJS from 'exceljs';
import { loadExcel } from '../libraries';
import { academicYearOf, datesInRange } from '../../domain/calendar';
import type { ProgramOutline } from '../../domain/program';
import type { Block, HalfDay, IsoDate, Person } from '../../domain/types';
import { RotationLookup } from '../rotationLookup';
import { cellText } from './cellText';
import { callNames, rotationText } from './workbook';
import {
  CALL_MARK,
  CALL_SHEET,
  dateOfCell,
  ID_HEADER,
  LEGEND_SHEET,
  NAME_HEADER,
  PEOPLE_SHEET,
  PLAN_SHEET,
  ROTATION_HEADER,
} from './layout';
import { plural } from '../../domain/words';

/** Where something is in the workbook. */
export interface SheetPlace {
  sheet: string;
  /** A1-style address, e.g. "F12". */
  cell: string;
}

export interface SheetProblem extends SheetPlace {
  message: string;
}

/** One half-day as the sheet says it (null = the cell is empty). */
export interface ReadCell {
  personId: string;
  date: IsoDate;
  half: HalfDay;
  activityCode: string | null;
  at: SheetPlace;
}

/** One night's call of one type as the sheet says it ([] = nobody). */
export interface ReadCall {
  date: IsoDate;
  callTypeCode: string;
  personIds: string[];
  at: SheetPlace;
}

/**
 * A Rotation cell whose text differs from the plan's (as the export writes it): the resident's
 * block as the sheet now says it. One rotation = the whole block; "A / B" = its two halves.
 */
export interface ReadRotation {
  personId: string;
  academicYear: number;
  blockNumber: number;
  /** The plan's text, as the export writes it ('' = no plan entry). */
  before: string;
  /** The cell's text ('' = emptied). */
  after: string;
  /** The rotations the cell names, in order (none = the block is cleared). */
  rotationIds: string[];
  at: SheetPlace;
}

export interface SheetSummary {
  name: string;
  start: IsoDate;
  end: IsoDate;
  people: number;
}

export interface WorkbookReading {
  sheets: SheetSummary[];
  cells: ReadCell[];
  calls: ReadCall[];
  /** Rotation cells changed from the plan (unchanged ones are not listed). */
  rotations: ReadRotation[];
  problems: SheetProblem[];
  /** Sheets the import leaves alone, and why. */
  skipped: { sheet: string; reason: string }[];
}

/** The one-line form of a problem: "Block 6!F12: …". */
export function problemText(p: SheetProblem): string {
  return `${p.sheet}!${p.cell}: ${p.message}`;
}

export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

const HEADER_SEARCH_ROWS = 12;
/** Beyond this, the rest is said as a count: a mangled sheet could otherwise yield thousands. */
const MAX_PROBLEMS = 200;

/** Case, spacing and accents do not matter when matching names. */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

/** A name's consonants: "Clinic" → "clnc", how codes are often abbreviated by hand. */
function skeleton(name: string): string {
  return nameKey(name)
    .replace(/[^a-z]/g, '')
    .replace(/(?!^)[aeiouy]/g, '');
}

/** The activity code a mistyped code most likely meant: by code, or by the activity's name ("CLNC" → C, Clinic). */
export function closestCode(text: string, activities: { code: string; name: string }[]): string | null {
  const t = nameKey(text);
  const byName = activities.filter((a) => nameKey(a.name) === t || skeleton(a.name) === t.replace(/[^a-z]/g, ''));
  if (byName.length === 1) return byName[0].code;
  return closest(
    text,
    activities.map((a) => a.code),
  );
}

/** The closest of `options` to `text`, when it is close enough to be a likely typo. */
export function closest(text: string, options: string[]): string | null {
  const t = text.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const o of options) {
    const lo = o.toLowerCase();
    // A code that starts the text (CLNC → C, LECT → LEC) or the text that starts a code counts as close.
    const score = Math.min(
      distance(t, lo),
      t.startsWith(lo) || lo.startsWith(t) ? Math.abs(t.length - lo.length) : Infinity,
    );
    if (score < bestScore || (score === bestScore && best !== null && o.length > best.length)) {
      best = o;
      bestScore = score;
    }
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(t.length / 2)) ? best : null;
}

/** The value a header cell holds (a formula by its result). */
function rawOf(value: ExcelJS.CellValue): unknown {
  if (value && typeof value === 'object' && !(value instanceof Date) && 'result' in value) return value.result;
  if (value && typeof value === 'object' && !(value instanceof Date) && 'richText' in value) return cellText(value);
  return value;
}

const colName = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const address = (row: number, col: number) => `${colName(col)}${row}`;

interface Columns {
  headerRow: number;
  id: number | null;
  name: number;
  rotation: number | null;
  /** Column → the half-day it holds. */
  grid: Map<number, { date: IsoDate; half: HalfDay }>;
}

/** The header row: the first row with a Name cell and AM/PM cells. */
function findHeader(sheet: ExcelJS.Worksheet): number | null {
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
    const row = sheet.getRow(r);
    let name = false;
    let halves = 0;
    row.eachCell((cell) => {
      const t = cellText(cell.value)?.toUpperCase();
      if (t === NAME_HEADER.toUpperCase()) name = true;
      if (t === 'AM' || t === 'PM') halves++;
    });
    if (name && halves > 0) return r;
  }
  return null;
}

function readColumns(sheet: ExcelJS.Worksheet, headerRow: number, problems: SheetProblem[]): Columns | null {
  const header = sheet.getRow(headerRow);
  const dates = sheet.getRow(headerRow - 1);
  const cols: Columns = { headerRow, id: null, name: 0, rotation: null, grid: new Map() };
  const seen = new Map<string, number>();
  const last = Math.max(sheet.columnCount, header.cellCount);
  let previous: { col: number; date: IsoDate | null; half: HalfDay } | null = null;
  for (let c = 1; c <= last; c++) {
    const text = cellText(header.getCell(c).value);
    const upper = text?.toUpperCase();
    if (upper === ID_HEADER.toUpperCase()) cols.id = c;
    else if (upper === NAME_HEADER.toUpperCase()) cols.name = c;
    else if (upper === ROTATION_HEADER.toUpperCase()) cols.rotation = c;
    else if (upper === 'AM' || upper === 'PM') {
      const half = upper as HalfDay;
      let date = headerRow > 1 ? dateOfCell(rawOf(dates.getCell(c).value)) : null;
      // A day's date sits over its AM column (merged over both): PM takes it from its AM.
      if (
        !date &&
        half === 'PM' &&
        previous?.half === 'AM' &&
        previous.col === c - 1 &&
        !cellText(dates.getCell(c).value)
      )
        date = previous.date;
      previous = { col: c, date, half };
      if (!date) {
        const shown = cellText(dates.getCell(c).value);
        problems.push({
          sheet: sheet.name,
          cell: address(headerRow - 1, c),
          message: shown
            ? `"${shown}" is not a date, so column ${colName(c)} (${half}) cannot be placed; put the day's date ` +
              `over its AM column`
            : `column ${colName(c)} says ${half} but has no date above it; put the day's date over its AM column`,
        });
        continue;
      }
      const key = `${date}|${half}`;
      const other = seen.get(key);
      if (other !== undefined) {
        problems.push({
          sheet: sheet.name,
          cell: address(headerRow, c),
          message:
            `column ${colName(c)} is ${date} ${half} again (column ${colName(other)} already is); remove one ` +
            `of the two columns`,
        });
        continue;
      }
      seen.set(key, c);
      cols.grid.set(c, { date, half });
    } else previous = null;
  }
  return cols;
}

/** The one block every day of the sheet lies in (its plan is what the Rotation column shows), or why not. */
function sheetBlock(
  data: ProgramOutline,
  dates: IsoDate[],
): { lookup: RotationLookup; block: Block; days: IsoDate[] } | { why: string } {
  let lookup: RotationLookup;
  let first: Block;
  let last: Block;
  try {
    lookup = new RotationLookup(data, { start: dates[0], end: dates[dates.length - 1] });
    first = lookup.day(dates[0]).block;
    last = lookup.day(dates[dates.length - 1]).block;
  } catch {
    return { why: `its days (${dates[0]} to ${dates[dates.length - 1]}) are not all in blocks of this program` };
  }
  if (first.academicYear !== last.academicYear || first.number !== last.number)
    return {
      why:
        `its days run from block ${first.number} into block ${last.number}, ` +
        "so it is not clear which block's rotation it names",
    };
  return { lookup, block: first, days: datesInRange(first.start, first.end) };
}

/** A rotation as written in a cell: by code or by name, case and spacing ignored. */
const rotationKey = (text: string) => nameKey(text).replace(/\s+/g, '');

/**
 * The person's Rotation cell against the plan: null when it says what the export wrote (case and
 * spacing aside), else the edit or the problem with it.
 */
function readRotation(
  data: ProgramOutline,
  sheet: ReturnType<typeof sheetBlock>,
  person: Person,
  text: string | null,
  at: SheetPlace,
): ReadRotation | SheetProblem | null {
  const after = text ?? '';
  const parts = after
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!('block' in sheet)) {
    if (parts.length === 0) return null;
    return { ...at, message: `the Rotation column cannot be read on this sheet: ${sheet.why}` };
  }
  const before = rotationText(sheet.lookup, person.id, sheet.days);
  const words = (t: string) => t.split('/').map(rotationKey).filter(Boolean).join('/');
  if (words(before) === words(after)) return null;
  if (parts.length > 2)
    return {
      ...at,
      message:
        `"${after}" names ${parts.length} rotations; ` + 'a block takes one rotation, or two as "A / B" for its halves',
    };
  const rotationIds: string[] = [];
  for (const part of parts) {
    const key = rotationKey(part);
    const found = data.rotations.filter((r) => rotationKey(r.code) === key || rotationKey(r.name) === key);
    if (found.length === 1) {
      rotationIds.push(found[0].id);
      continue;
    }
    const byName = closest(
      part,
      data.rotations.map((r) => r.name),
    );
    const guess =
      closest(
        part,
        data.rotations.map((r) => r.code),
      ) ?? data.rotations.find((r) => r.name === byName)?.code;
    return {
      ...at,
      message:
        found.length > 1
          ? `"${part}" names ${found.length} rotations (${found.map((r) => r.code).join(', ')}); ` +
            "write the rotation's code"
          : `'${part}' is not a rotation of this program${guess ? `; did you mean '${guess}'?` : ''}`,
    };
  }
  const { block } = sheet;
  return {
    personId: person.id,
    academicYear: block.academicYear,
    blockNumber: block.number,
    before,
    after,
    rotationIds,
    at,
  };
}

export interface ReadOptions {
  /** At most this many problems are listed; the rest are counted. */
  maxProblems?: number;
}

/**
 * Read the block sheets of a workbook against a program. Throws WorkbookReadError when the bytes
 * are not a workbook at all; everything else is a problem with its sheet and cell.
 */
export async function readBlockSheets(
  bytes: Uint8Array,
  data: ProgramOutline,
  options: ReadOptions = {},
): Promise<WorkbookReading> {
  const book = new (await loadExcel()).Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as never);
  } catch (err) {
    throw new WorkbookReadError(
      `This is not an Excel workbook (.xlsx) the import can read: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const reading: WorkbookReading = { sheets: [], cells: [], calls: [], rotations: [], problems: [], skipped: [] };
  const people = new Map(data.people.map((p) => [p.id, p]));
  const byName = new Map<string, Person[]>();
  for (const p of data.people) byName.set(nameKey(p.name), [...(byName.get(nameKey(p.name)) ?? []), p]);
  const short = callNames(data);
  const byCallName = new Map<string, string[]>();
  for (const [id, name] of short) byCallName.set(nameKey(name), [...(byCallName.get(nameKey(name)) ?? []), id]);
  const activities = new Map(data.activities.map((a) => [a.code, a]));
  const byUpperCode = new Map<string, string[]>();
  for (const a of data.activities)
    byUpperCode.set(a.code.toUpperCase(), [...(byUpperCode.get(a.code.toUpperCase()) ?? []), a.code]);
  const callTypes = new Map(data.callTypes.map((t) => [t.code.toUpperCase(), t]));
  const years = new Set(data.academicYears);
  const seenSlots = new Map<string, SheetPlace>();
  const seenNights = new Map<string, SheetPlace>();

  const codeOf = (text: string): string | null => {
    if (activities.has(text)) return text;
    const same = byUpperCode.get(text.toUpperCase());
    return same?.length === 1 ? same[0] : null;
  };
  const personByName = (text: string): { person?: Person; problem?: string } => {
    const found = byName.get(nameKey(text)) ?? [];
    if (found.length === 1) return { person: found[0] };
    if (found.length > 1)
      return {
        problem:
          `"${text}" is the name of ${found.length} people (${found.map((p) => p.id).join(', ')}); put the ` +
          `person's id in the Id column`,
      };
    const guess = closest(
      text,
      data.people.map((p) => p.name),
    );
    return { problem: `no person named "${text}" in this program${guess ? `; did you mean "${guess}"?` : ''}` };
  };

  for (const sheet of book.worksheets) {
    if (sheet.name === PLAN_SHEET) {
      reading.skipped.push({
        sheet: sheet.name,
        reason: "not imported: change a rotation in the block sheet's Rotation column, or in the app",
      });
      continue;
    }
    if (sheet.name === PEOPLE_SHEET) {
      reading.skipped.push({
        sheet: sheet.name,
        reason: 'not a block sheet (people are added with the people import)',
      });
      continue;
    }
    if ([LEGEND_SHEET, CALL_SHEET].includes(sheet.name)) {
      reading.skipped.push({ sheet: sheet.name, reason: 'not a block sheet (only block sheets are imported)' });
      continue;
    }
    const problems: SheetProblem[] = [];
    const headerRow = findHeader(sheet);
    if (headerRow === null) {
      reading.skipped.push({
        sheet: sheet.name,
        reason: `no header row with "${NAME_HEADER}" and AM/PM columns in its first ${HEADER_SEARCH_ROWS} rows`,
      });
      continue;
    }
    const cols = readColumns(sheet, headerRow, problems);
    if (!cols || cols.grid.size === 0) {
      reading.problems.push(...problems);
      continue;
    }
    const dates = [...cols.grid.values()].map((g) => g.date).sort();
    for (const [c, g] of cols.grid)
      if (!years.has(academicYearOf(g.date)))
        problems.push({
          sheet: sheet.name,
          cell: address(headerRow - 1, c),
          message: `${g.date} is not in an academic year of this program`,
        });
    // Columns between the grid's that have no header but hold values: an inserted column.
    const gridCols = [...cols.grid.keys()];
    const known = new Set([cols.id, cols.name, cols.rotation, ...gridCols]);
    const lastCol = Math.max(...gridCols);
    const unlabelled = new Set<number>();
    for (let c = 1; c <= lastCol; c++)
      if (!known.has(c) && !cellText(sheet.getRow(headerRow).getCell(c).value)) unlabelled.add(c);
    const block = sheetBlock(data, dates);
    const reported = new Set<number>();
    const seenPeople = new Map<string, number>();
    let count = 0;

    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const id = cols.id ? cellText(row.getCell(cols.id).value) : null;
      const name = cellText(row.getCell(cols.name).value);
      const rotation = cols.rotation ? cellText(row.getCell(cols.rotation).value) : null;
      for (const c of unlabelled) {
        const stray = cellText(row.getCell(c).value);
        if (stray && !reported.has(c)) {
          reported.add(c);
          problems.push({
            sheet: sheet.name,
            cell: address(r, c),
            message:
              `column ${colName(c)} has no date or AM/PM in its header (rows ${headerRow - 1}–${headerRow}) ` +
              `but holds "${stray}"; was a column inserted? Give it its date and AM/PM, or delete it`,
          });
        }
      }
      const gridValues = gridCols.map((c) => ({ c, text: cellText(row.getCell(c).value) }));
      const hasValues = gridValues.some((v) => v.text !== null);

      if (rotation?.toUpperCase() === CALL_MARK.toUpperCase()) {
        const type = id ? callTypes.get(id.toUpperCase()) : undefined;
        if (!type) {
          const guess = id
            ? closest(
                id,
                data.callTypes.map((t) => t.code),
              )
            : null;
          const what = id ? `"${id}" is not a call type code` : 'a call row needs its call type code in the Id column';
          problems.push({
            sheet: sheet.name,
            cell: address(r, cols.id ?? cols.name),
            message: `${what}${guess ? `; did you mean '${guess}'?` : ''}`,
          });
          continue;
        }
        for (const [c, g] of cols.grid) {
          if (g.half !== 'AM') continue;
          const text = cellText(row.getCell(c).value);
          const at = { sheet: sheet.name, cell: address(r, c) };
          const night = `${g.date}|${type.code}`;
          if (seenNights.has(night)) {
            const first = seenNights.get(night)!;
            problems.push({
              ...at,
              message: `the ${type.code} call of ${g.date} is also at ${first.sheet}!${first.cell}; keep one`,
            });
            continue;
          }
          seenNights.set(night, at);
          const ids: string[] = [];
          for (const part of text
            ? text
                .split('/')
                .map((s) => s.trim())
                .filter(Boolean)
            : []) {
            const byShort = byCallName.get(nameKey(part)) ?? [];
            const match = byShort.length === 1 ? byShort : (byName.get(nameKey(part)) ?? []).map((p) => p.id);
            if (match.length === 1) ids.push(match[0]);
            else {
              const guess = closest(part, [...short.values()]);
              problems.push({
                ...at,
                message:
                  `"${part}" is not one person of this program${guess ? `; did you mean "${guess}"?` : ''} ` +
                  `(several people on one call are separated by /)`,
              });
            }
          }
          reading.calls.push({ date: g.date, callTypeCode: type.code, personIds: ids, at });
        }
        continue;
      }

      if (!id && !name) {
        if (hasValues) {
          const first = gridValues.find((v) => v.text !== null)!;
          problems.push({
            sheet: sheet.name,
            cell: address(r, cols.name),
            message: `row ${r} holds codes (e.g. "${first.text}" in ${colName(first.c)}) but no person; give the name`,
          });
        }
        continue;
      }
      // A group heading ("PGY-2", "Faculty"): a name cell only.
      if (!id && !hasValues && name && !byName.has(nameKey(name))) continue;
      let person: Person | undefined;
      if (id) {
        person = people.get(id);
        if (!person) {
          const guess = name ? personByName(name).person : undefined;
          problems.push({
            sheet: sheet.name,
            cell: address(r, cols.id!),
            message: `no person with id "${id}" in this program${guess ? `; "${name}" is ${guess.id}` : ''}`,
          });
          continue;
        }
        if (name && nameKey(name) !== nameKey(person.name)) {
          problems.push({
            sheet: sheet.name,
            cell: address(r, cols.name),
            message:
              `the id ${id} is ${person.name}, not "${name}"; correct the id or the name (or clear the id to ` +
              `match by name)`,
          });
          continue;
        }
      } else {
        const match = personByName(name!);
        if (!match.person) {
          problems.push({ sheet: sheet.name, cell: address(r, cols.name), message: match.problem! });
          continue;
        }
        person = match.person;
      }
      if (seenPeople.has(person.id)) {
        problems.push({
          sheet: sheet.name,
          cell: address(r, cols.name),
          message: `${person.name} is also on row ${seenPeople.get(person.id)}; keep one row per person`,
        });
        continue;
      }
      seenPeople.set(person.id, r);
      count++;
      if (cols.rotation) {
        const at = { sheet: sheet.name, cell: address(r, cols.rotation) };
        const edit = readRotation(data, block, person, rotation, at);
        if (edit && 'message' in edit) problems.push(edit);
        else if (edit) reading.rotations.push(edit);
      }
      for (const { c, text } of gridValues) {
        const g = cols.grid.get(c)!;
        const at = { sheet: sheet.name, cell: address(r, c) };
        const slot = `${person.id}|${g.date}|${g.half}`;
        const earlier = seenSlots.get(slot);
        if (earlier) {
          problems.push({
            ...at,
            message: `${person.name}'s ${g.date} ${g.half} is also at ${earlier.sheet}!${earlier.cell}; keep one`,
          });
          continue;
        }
        seenSlots.set(slot, at);
        let code: string | null = null;
        if (text !== null) {
          code = codeOf(text);
          if (!code) {
            const guess = closestCode(text, data.activities);
            problems.push({
              ...at,
              message:
                `'${text}' is not an activity ` +
                `code${guess ? `; did you mean '${guess}'?` : ' (the Legend sheet lists them)'}`,
            });
            continue;
          }
        }
        reading.cells.push({ personId: person.id, date: g.date, half: g.half, activityCode: code, at });
      }
    }
    reading.problems.push(...problems);
    reading.sheets.push({ name: sheet.name, start: dates[0], end: dates[dates.length - 1], people: count });
  }
  const max = options.maxProblems ?? MAX_PROBLEMS;
  if (reading.problems.length > max) {
    const more = reading.problems.length - max;
    reading.problems = reading.problems.slice(0, max);
    reading.problems.push({
      sheet: reading.problems[max - 1].sheet,
      cell: '-',
      message: `and ${plural(more, 'more problem')}`,
    });
  }
  return reading;
}
