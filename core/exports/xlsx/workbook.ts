// The Excel workbook coordinators print, mail and edit: one block sheet per block (people × AM/PM
// days, call rows on top, the rotation per half-block beside each name, activity codes filled with
// the legend colours, weekends and holidays shaded, frozen headers, landscape one page wide), and
// on request the annual rotation plan and the call roster, plus a legend. The layout is in
// layout.ts, which the importer reads with.
import type ExcelJS from 'exceljs';
import { loadExcel } from '../libraries';
import { academicYearLabel, datesInRange, isoWeekday } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import { pgyIn } from '../../domain/program';
import { FACULTY_ROLE_NAMES, type Block, type HalfDay, type IsoDate, type Person } from '../../domain/types';
import { shortNames } from '../pdf/document';
import { RotationLookup } from '../rotationLookup';
import { displayGroup, sortForDisplay, type ExportSchedule } from '../schedule';
import {
  argb,
  blockSheetName,
  CALL_MARK,
  CALL_SHEET,
  DATE_ROW,
  excelDate,
  FIRST_BODY_ROW,
  FIRST_GRID_COL,
  HEADER_ROW,
  ID_COL,
  ID_HEADER,
  inkOn,
  LEGEND_SHEET,
  NAME_COL,
  NAME_HEADER,
  PEOPLE_SHEET,
  PLAN_SHEET,
  ROTATION_COL,
  ROTATION_HEADER,
  TITLE_ROW,
} from './layout';

export interface WorkbookInput {
  data: ProgramData;
  schedule: ExportSchedule;
  /** Everyone the block sheets list (any order: they are grouped and sorted here). */
  people: Person[];
  /** One block sheet each, in order. */
  blocks: Block[];
  /** Add the annual plan of these blocks' academic year(s). */
  plan: boolean;
  /** Add the call roster of these blocks' days. */
  calls: boolean;
}

const HEADER_FILL = 'FFE4E7EB';
const WEEKEND_FILL = 'FFF0F2F5';
const HOLIDAY_FILL = 'FFEFE2F5';
const GROUP_FILL = 'FF52606D';
const CALL_FILL = 'FFF5F7FA';
const WEEKDAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Fill = ExcelJS.Fill;
const solid = (color: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: color } });

/** Shared style objects: one per colour, not one per cell (a whole year is ~30 000 cells). */
class Styles {
  private readonly fills = new Map<string, Fill>();
  private readonly fonts = new Map<string, Partial<ExcelJS.Font>>();
  fill(color: string): Fill {
    let f = this.fills.get(color);
    if (!f) this.fills.set(color, (f = solid(color)));
    return f;
  }
  font(color: string, bold = false): Partial<ExcelJS.Font> {
    const key = `${color}|${bold}`;
    let f = this.fonts.get(key);
    if (!f) this.fonts.set(key, (f = { color: { argb: color }, bold, size: 9 }));
    return f;
  }
}

const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle' };

function dayFill(date: IsoDate, holidays: Set<IsoDate>): string | null {
  if (holidays.has(date)) return HOLIDAY_FILL;
  return isoWeekday(date) >= 6 ? WEEKEND_FILL : null;
}

function printSetup(sheet: ExcelJS.Worksheet, titleRows: string): void {
  sheet.pageSetup = {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: titleRows,
    margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}

/** "A. Smith" style names for call cells, one per person of the program. */
export function callNames(data: Pick<ProgramData, 'people'>): Map<string, string> {
  return shortNames(data.people);
}

/** A person's rotations in a block: "FMIT", or "OB/PEDS" when the halves differ (the importer compares with it). */
export function rotationText(lookup: RotationLookup, personId: string, days: IsoDate[]): string {
  const codes: string[] = [];
  for (const date of days) {
    const code = lookup.on(personId, date)?.rotation?.code ?? '';
    if (code && codes[codes.length - 1] !== code) codes.push(code);
  }
  return codes.join('/');
}

function title(data: ProgramData, schedule: ExportSchedule, text: string): string {
  const which = schedule.draftLabel ? `DRAFT "${schedule.draftLabel}"` : 'Published schedule';
  return `${data.settings.programName} · ${text} · ${which}`;
}

function addBlockSheet(
  book: ExcelJS.Workbook,
  input: WorkbookInput,
  block: Block,
  styles: Styles,
  index: Indexes,
): void {
  const { data, schedule } = input;
  const days = datesInRange(block.start, block.end);
  const sheet = book.addWorksheet(blockSheetName(block.number), {
    views: [{ state: 'frozen', xSplit: FIRST_GRID_COL - 1, ySplit: HEADER_ROW }],
  });
  const lastCol = FIRST_GRID_COL + 2 * days.length - 1;
  sheet.getColumn(ID_COL).width = 9;
  sheet.getColumn(NAME_COL).width = 24;
  sheet.getColumn(ROTATION_COL).width = 11;
  for (let c = FIRST_GRID_COL; c <= lastCol; c++) sheet.getColumn(c).width = 5.5;

  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = title(
    data,
    schedule,
    `Block ${block.number}, ${academicYearLabel(block.academicYear)}: ${block.start} to ${block.end}`,
  );
  titleCell.font = { bold: true, size: 12 };

  const dateRow = sheet.getRow(DATE_ROW);
  const headerRow = sheet.getRow(HEADER_ROW);
  for (const [col, text] of [
    [ID_COL, ID_HEADER],
    [NAME_COL, NAME_HEADER],
    [ROTATION_COL, ROTATION_HEADER],
  ] as const) {
    const cell = headerRow.getCell(col);
    cell.value = text;
    cell.font = styles.font('FF1F2933', true);
    cell.fill = styles.fill(HEADER_FILL);
    dateRow.getCell(col).fill = styles.fill(HEADER_FILL);
  }
  days.forEach((date, i) => {
    const col = FIRST_GRID_COL + 2 * i;
    const shade = dayFill(date, index.holidays) ?? HEADER_FILL;
    const cell = dateRow.getCell(col);
    cell.value = excelDate(date);
    cell.numFmt = 'ddd d mmm';
    cell.alignment = CENTER;
    cell.font = styles.font('FF1F2933', true);
    cell.fill = styles.fill(shade);
    dateRow.getCell(col + 1).fill = styles.fill(shade);
    sheet.mergeCells(DATE_ROW, col, DATE_ROW, col + 1);
    for (const [j, half] of (['AM', 'PM'] as HalfDay[]).entries()) {
      const h = headerRow.getCell(col + j);
      h.value = half;
      h.alignment = CENTER;
      h.font = styles.font('FF52606D');
      h.fill = styles.fill(shade);
    }
  });

  let r = FIRST_BODY_ROW;
  const callTypes = data.callTypes.filter((t) => days.some((d) => index.calls.has(`${t.code}|${d}`)));
  for (const t of callTypes) {
    const row = sheet.getRow(r++);
    row.getCell(ID_COL).value = t.code;
    row.getCell(NAME_COL).value = t.name;
    row.getCell(ROTATION_COL).value = CALL_MARK;
    for (const c of [ID_COL, NAME_COL, ROTATION_COL]) row.getCell(c).fill = styles.fill(CALL_FILL);
    days.forEach((date, i) => {
      const col = FIRST_GRID_COL + 2 * i;
      const names = index.calls.get(`${t.code}|${date}`);
      const cell = row.getCell(col);
      if (names) cell.value = names.join('/');
      cell.alignment = CENTER;
      cell.font = styles.font('FF1F2933');
      const shade = dayFill(date, index.holidays);
      if (shade) cell.fill = styles.fill(shade);
      sheet.mergeCells(row.number, col, row.number, col + 1);
    });
  }

  const year = block.academicYear;
  const lookup = new RotationLookup(data, { start: block.start, end: block.end });
  let lastGroup = '';
  for (const person of sortForDisplay(input.people, year)) {
    const group = displayGroup(person, year).label;
    if (group !== lastGroup) {
      const row = sheet.getRow(r++);
      row.getCell(NAME_COL).value = group;
      for (let c = 1; c <= lastCol; c++) row.getCell(c).fill = styles.fill(GROUP_FILL);
      row.getCell(NAME_COL).font = styles.font('FFFFFFFF', true);
      lastGroup = group;
    }
    const row = sheet.getRow(r++);
    row.getCell(ID_COL).value = person.id;
    row.getCell(NAME_COL).value = person.name;
    row.getCell(ROTATION_COL).value = rotationText(lookup, person.id, days) || null;
    row.getCell(ID_COL).font = styles.font('FF7B8794');
    days.forEach((date, i) => {
      const shade = dayFill(date, index.holidays);
      for (const [j, half] of (['AM', 'PM'] as HalfDay[]).entries()) {
        const cell = row.getCell(FIRST_GRID_COL + 2 * i + j);
        const code = index.cells.get(`${person.id}|${date}|${half}`);
        cell.alignment = CENTER;
        if (code) {
          cell.value = code;
          const color = index.colors.get(code);
          if (color) {
            cell.fill = styles.fill(argb(color));
            cell.font = styles.font(inkOn(color));
          }
        } else if (shade) cell.fill = styles.fill(shade);
      }
    });
  }
  printSetup(sheet, `${DATE_ROW}:${HEADER_ROW}`);
}

function addPlanSheet(book: ExcelJS.Workbook, input: WorkbookInput, years: number[], styles: Styles): void {
  const { data } = input;
  const sheet = book.addWorksheet(PLAN_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }] });
  const rotations = new Map(data.rotations.map((r) => [r.id, r]));
  const blocks = input.blocks.filter((b) => years.includes(b.academicYear));
  sheet.getColumn(1).width = 9;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(3).width = 7;
  const header = sheet.getRow(2);
  ['Id', 'Name', 'PGY'].forEach((t, i) => (header.getCell(i + 1).value = t));
  blocks.forEach((b, i) => {
    sheet.getColumn(4 + i).width = 11;
    header.getCell(4 + i).value = `Block ${b.number}`;
  });
  header.eachCell((c) => {
    c.font = styles.font('FF1F2933', true);
    c.fill = styles.fill(HEADER_FILL);
    c.alignment = CENTER;
  });
  sheet.getCell(1, 1).value = title(
    data,
    input.schedule,
    `Annual rotation plan, ${years.map(academicYearLabel).join(', ')}`,
  );
  sheet.getCell(1, 1).font = { bold: true, size: 12 };
  const entries = new Map<string, { part: string; rotationId: string }[]>();
  for (const ra of data.rotationAssignments) {
    const key = `${ra.personId}|${ra.academicYear}|${ra.blockNumber}`;
    entries.set(key, [...(entries.get(key) ?? []), { part: ra.part, rotationId: ra.rotationId }]);
  }
  const year = blocks[0]?.academicYear ?? years[0];
  const residents = sortForDisplay(
    input.people.filter((p) => p.kind === 'resident'),
    year,
  );
  let r = 3;
  for (const person of residents) {
    const row = sheet.getRow(r++);
    row.getCell(1).value = person.id;
    row.getCell(2).value = person.name;
    row.getCell(3).value = pgyIn(person, year);
    blocks.forEach((b, i) => {
      const parts = (entries.get(`${person.id}|${b.academicYear}|${b.number}`) ?? []).sort((x, y) =>
        x.part < y.part ? -1 : 1,
      );
      const codes = parts.map((p) => rotations.get(p.rotationId)?.code ?? p.rotationId);
      const cell = row.getCell(4 + i);
      cell.alignment = CENTER;
      if (codes.length === 0) return;
      // 'first' sorts before 'second'; a full block is alone.
      cell.value = codes.join(' / ');
      const color = parts.length === 1 ? rotations.get(parts[0].rotationId)?.color : undefined;
      if (color) {
        cell.fill = styles.fill(argb(color));
        cell.font = styles.font(inkOn(color));
      }
    });
  }
  printSetup(sheet, '1:2');
}

/**
 * Everyone the block sheets list with their first and last day in the program, in the columns the
 * people import reads (core/exports/xlsx/readPeopleRows), so the sheet can be imported as it is.
 */
function addPeopleSheet(book: ExcelJS.Workbook, input: WorkbookInput, styles: Styles): void {
  const sheet = book.addWorksheet(PEOPLE_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const year = input.blocks[0].academicYear;
  sheet.getCell(1, 1).value = title(input.data, input.schedule, `People, ${academicYearLabel(year)}`);
  sheet.getCell(1, 1).font = { bold: true, size: 12 };
  const labels = ['Name', 'Kind', 'PGY', 'Faculty role', 'E-mail', 'Active', 'Start date', 'End date'];
  const widths = [24, 10, 6, 18, 28, 7, 12, 12];
  const header = sheet.getRow(2);
  labels.forEach((t, i) => {
    const cell = header.getCell(i + 1);
    cell.value = t;
    cell.font = styles.font('FF1F2933', true);
    cell.fill = styles.fill(HEADER_FILL);
    sheet.getColumn(i + 1).width = widths[i];
  });
  const date = (cell: ExcelJS.Cell, day: IsoDate | undefined) => {
    if (day === undefined) return;
    cell.value = excelDate(day);
    cell.numFmt = 'yyyy-mm-dd';
  };
  sortForDisplay(input.people, year).forEach((person, i) => {
    const row = sheet.getRow(3 + i);
    row.getCell(1).value = person.name;
    row.getCell(2).value = person.kind[0].toUpperCase() + person.kind.slice(1);
    row.getCell(3).value = pgyIn(person, year);
    row.getCell(4).value = person.facultyRole ? FACULTY_ROLE_NAMES[person.facultyRole] : null;
    row.getCell(5).value = person.email;
    row.getCell(6).value = person.active ? 'yes' : 'no';
    date(row.getCell(7), person.startDate);
    date(row.getCell(8), person.endDate);
  });
  printSetup(sheet, '2:2');
}

function addCallSheet(book: ExcelJS.Workbook, input: WorkbookInput, index: Indexes, styles: Styles): void {
  const { data, schedule } = input;
  const first = input.blocks[0];
  const last = input.blocks[input.blocks.length - 1];
  const days = datesInRange(first.start, last.end);
  const sheet = book.addWorksheet(CALL_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const callTypes = data.callTypes.filter((t) => days.some((d) => index.calls.has(`${t.code}|${d}`)));
  sheet.getCell(1, 1).value = title(data, schedule, `Call roster: ${first.start} to ${last.end}`);
  sheet.getCell(1, 1).font = { bold: true, size: 12 };
  const header = sheet.getRow(2);
  const labels = ['Date', 'Day', ...callTypes.map((t) => `${t.name} (${t.code})`), 'Inpatient week', 'Holiday'];
  labels.forEach((t, i) => {
    const cell = header.getCell(i + 1);
    cell.value = t;
    cell.font = styles.font('FF1F2933', true);
    cell.fill = styles.fill(HEADER_FILL);
    sheet.getColumn(i + 1).width = i < 2 ? (i === 0 ? 12 : 6) : 20;
  });
  const holidayNames = new Map(data.holidays.map((h) => [h.date, h.name]));
  days.forEach((date, i) => {
    const row = sheet.getRow(3 + i);
    row.getCell(1).value = excelDate(date);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.getCell(2).value = WEEKDAY[isoWeekday(date)];
    callTypes.forEach((t, j) => (row.getCell(3 + j).value = index.calls.get(`${t.code}|${date}`)?.join('/') ?? null));
    const weeks = schedule.inpatientWeeks
      .filter((w) => w.start <= date && date <= w.end)
      .map((w) => index.names.get(w.personId) ?? w.personId);
    row.getCell(3 + callTypes.length).value = weeks.join('/') || null;
    row.getCell(4 + callTypes.length).value = holidayNames.get(date) ?? null;
    const shade = dayFill(date, index.holidays);
    if (shade) for (let c = 1; c <= labels.length; c++) row.getCell(c).fill = styles.fill(shade);
  });
  printSetup(sheet, '2:2');
}

function addLegend(book: ExcelJS.Workbook, input: WorkbookInput, styles: Styles): void {
  const sheet = book.addWorksheet(LEGEND_SHEET);
  sheet.getColumn(1).width = 9;
  sheet.getColumn(2).width = 32;
  sheet.getColumn(3).width = 16;
  const header = sheet.getRow(1);
  ['Code', 'Activity', 'Category'].forEach((t, i) => {
    header.getCell(i + 1).value = t;
    header.getCell(i + 1).font = styles.font('FF1F2933', true);
  });
  input.data.activities.forEach((a, i) => {
    const row = sheet.getRow(2 + i);
    row.getCell(1).value = a.code;
    row.getCell(1).fill = styles.fill(argb(a.color));
    row.getCell(1).font = styles.font(inkOn(a.color), true);
    row.getCell(2).value = a.name;
    row.getCell(3).value = a.category.replace('_', ' ');
  });
}

interface Indexes {
  cells: Map<string, string>;
  calls: Map<string, string[]>;
  colors: Map<string, string>;
  holidays: Set<IsoDate>;
  names: Map<string, string>;
}

function indexes(input: WorkbookInput): Indexes {
  const first = input.blocks[0].start;
  const last = input.blocks[input.blocks.length - 1].end;
  const inside = (d: IsoDate) => d >= first && d <= last;
  const cells = new Map<string, string>();
  for (const a of input.schedule.assignments)
    if (inside(a.date)) cells.set(`${a.personId}|${a.date}|${a.half}`, a.activityCode);
  const names = callNames(input.data);
  const calls = new Map<string, string[]>();
  for (const c of input.schedule.calls) {
    if (!inside(c.date)) continue;
    const key = `${c.callTypeCode}|${c.date}`;
    calls.set(key, [...(calls.get(key) ?? []), names.get(c.personId) ?? c.personId]);
  }
  return {
    cells,
    calls,
    colors: new Map(input.data.activities.map((a) => [a.code, a.color])),
    holidays: new Set(input.data.holidays.filter((h) => inside(h.date)).map((h) => h.date)),
    names,
  };
}

/** The workbook as .xlsx bytes and its sheets' names. `progress` is told after each sheet. */
export async function buildWorkbook(
  input: WorkbookInput,
  progress?: (done: number, total: number, sheet: string) => void,
): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  if (input.blocks.length === 0) throw new RangeError('A workbook needs at least one block');
  const book = new (await loadExcel()).Workbook();
  book.creator = input.data.settings.programName;
  book.created = new Date(0);
  const styles = new Styles();
  const index = indexes(input);
  const total = input.blocks.length + 1 + (input.plan ? 1 : 0) + (input.calls ? 1 : 0);
  let done = 0;
  for (const block of input.blocks) {
    addBlockSheet(book, input, block, styles, index);
    progress?.(++done, total, blockSheetName(block.number));
  }
  // Before the plan sheet: the people import reads the first sheet with a Name and a PGY header.
  addPeopleSheet(book, input, styles);
  progress?.(++done, total, PEOPLE_SHEET);
  if (input.plan) {
    addPlanSheet(book, input, [...new Set(input.blocks.map((b) => b.academicYear))], styles);
    progress?.(++done, total, PLAN_SHEET);
  }
  if (input.calls) {
    addCallSheet(book, input, index, styles);
    progress?.(++done, total, CALL_SHEET);
  }
  addLegend(book, input, styles);
  return { bytes: new Uint8Array(await book.xlsx.writeBuffer()), sheets: book.worksheets.map((w) => w.name) };
}
