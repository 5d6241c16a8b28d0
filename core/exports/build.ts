// Building exports from a program's data: personal calendars (.ics, one file per person),
// printouts (PDF) and the assignments CSV, every file made in memory. Nothing here writes: the
// caller writes all files or none (core/services/exports.ts). The export worker runs these off the
// main thread and reports each file as it is made; the CLI calls them directly.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import {
  academicYearEnd,
  academicYearLabel,
  academicYearOf,
  academicYearStart,
  blockContaining,
  blocksForYear,
} from '../domain/calendar';
import type { ProgramData, ProgramOutline } from '../domain/program';
import type { IsoDate, Person } from '../domain/types';
import { personCalendarEntries } from './calendarEntries';
import { assignmentsCsv } from './csv';
import { personFileNames, safeFileStem } from './fileNames';
import { buildPersonCalendar } from './ics';
import { blockSchedulePdf } from './pdf/blockSchedulePdf';
import { callRosterPdf } from './pdf/callRosterPdf';
import { formatPrintedAt } from './pdf/dates';
import type { PageSize, PdfFonts, PdfResult, PrintSetup } from './pdf/document';
import { personSchedulePdf } from './pdf/personSchedulePdf';
import { readPreviousCalendar } from './previousCalendar';
import { buildWorkbook } from './xlsx/workbook';
import {
  ExportInputError,
  resolvePeople,
  resolveRange,
  scheduleFor,
  sortForDisplay,
  type DateRange,
  type PeopleSelection,
  type ScheduleOverride,
} from './schedule';

/** What every export is asked: who, when, and which schedule. */
export interface ExportRequest {
  /** Nothing = every active person. */
  people?: PeopleSelection;
  start?: IsoDate;
  end?: IsoDate;
  /** A block of the academic year (of `start`, else of today) instead of start/end. */
  block?: { academicYear?: number; number: number };
  /** A draft picked explicitly by the user; otherwise the published schedule is exported. */
  draft?: ScheduleOverride | null;
  /** The export clock (tests fix it); default: now. */
  now?: Date;
}

export interface CalendarExportRequest extends ExportRequest {
  /** Folder that receives one .ics file per person (created if missing). */
  outputDir: string;
  /** Activity codes to leave out of calendars, e.g. ['W'] for weekends. */
  omitActivityCodes?: string[];
}

export interface CalendarFileResult {
  personId: string;
  personName: string;
  path: string;
  events: number;
  added: number;
  updated: number;
  unchanged: number;
  cancelled: number;
}

export interface CalendarExportResult {
  range: DateRange;
  draftLabel: string | null;
  files: CalendarFileResult[];
}

export type PrintoutKind = 'block' | 'call-roster' | 'person';
export const PRINTOUT_KINDS: readonly PrintoutKind[] = ['block', 'call-roster', 'person'];

export interface PdfExportRequest extends ExportRequest {
  kind: PrintoutKind;
  /**
   * Block schedule and call roster: the .pdf file to write. Personal schedules: a folder that
   * receives one file per person, or a .pdf file when exactly one person is selected.
   */
  output: string;
  pageSize?: PageSize;
  /** Call roster only: first column of the month (7 = Sunday, 1 = Monday). */
  weekStartsOn?: 1 | 7;
  fonts?: PdfFonts;
}

export interface PdfFileResult {
  path: string;
  pages: number;
  personId: string | null;
}

export interface PdfExportResult {
  range: DateRange;
  draftLabel: string | null;
  files: PdfFileResult[];
}

export interface CsvExportRequest extends ExportRequest {
  /** The .csv file to write. */
  output: string;
}

export interface CsvExportResult {
  range: DateRange;
  draftLabel: string | null;
  path: string;
  rows: number;
}

/** A file made in memory, to be written whole. */
export interface BuiltFile {
  path: string;
  content: string | Uint8Array;
}

/** An export made in memory: its files and what it reports once they are written. */
export interface Built<R> {
  files: BuiltFile[];
  result: R;
}

/** Told after each file is made: how many of how many, and whose (or which) it was. */
export type BuildProgress = (done: number, total: number, current: string) => void;

function todayIn(zone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The range of a request; `fallback` supplies the default when neither dates nor a block are given. */
function rangeOf(
  data: ProgramOutline,
  req: ExportRequest,
  today: IsoDate,
  fallback?: (today: IsoDate) => DateRange,
): DateRange {
  if (req.block) {
    if (req.start || req.end) throw new ExportInputError('Give either a block or a start/end date, not both');
    const year = req.block.academicYear ?? blockContaining(today, data.settings.blockLayout).academicYear;
    const block = blocksForYear(year, data.settings.blockLayout).find((b) => b.number === req.block!.number);
    if (!block) throw new ExportInputError(`Academic year ${year} has no block ${req.block.number}`);
    return { start: block.start, end: block.end };
  }
  const range =
    !req.start && !req.end && fallback ? fallback(today) : resolveRange({ start: req.start, end: req.end }, today);
  return insideYears(data, range);
}

/** Every export stays within the program's academic years: no absurd range can run for hours. */
function insideYears(data: ProgramOutline, range: DateRange): DateRange {
  const years = [...data.academicYears].sort((a, b) => a - b);
  if (years.length === 0) throw new ExportInputError('The program has no academic year to export');
  const first = academicYearStart(years[0]);
  const last = academicYearEnd(years[years.length - 1]);
  if (range.start < first || range.end > last) {
    const span =
      years.length === 1
        ? academicYearLabel(years[0])
        : `${academicYearLabel(years[0])} to ${academicYearLabel(years[years.length - 1])}`;
    throw new ExportInputError(
      `The dates ${range.start} to ${range.end} go beyond the program's academic years (${span}: ${first} to ` +
        `${last}); choose dates inside them`,
    );
  }
  return range;
}

interface Prepared {
  data: ProgramData;
  range: DateRange;
  people: Person[];
  schedule: ReturnType<typeof scheduleFor>;
  now: Date;
}

/** The dates and people of a request, checked (cheap: what the API checks before starting a job). */
function scope(
  data: ProgramOutline,
  req: ExportRequest,
  fallback?: (today: IsoDate) => DateRange,
): { range: DateRange; people: Person[]; now: Date } {
  const now = req.now ?? new Date();
  const range = rangeOf(data, req, todayIn(data.settings.timeZone, now), fallback);
  const people = sortForDisplay(resolvePeople(data, req.people ?? {}, range.start), academicYearOf(range.start));
  return { range, people, now };
}

function prepare(data: ProgramData, req: ExportRequest, fallback?: (today: IsoDate) => DateRange): Prepared {
  return { data, ...scope(data, req, fallback), schedule: scheduleFor(data, req.draft) };
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    // Nothing there yet (or part of the path is a file: then writing says so in words).
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function printSetup(p: Prepared, req: PdfExportRequest): PrintSetup {
  return {
    programName: p.data.settings.programName,
    printedAt: formatPrintedAt(p.now, p.data.settings.timeZone),
    draftLabel: p.schedule.draftLabel,
    pageSize: req.pageSize,
    fonts: req.fonts,
  };
}

// ---- Calendars ----

export async function buildCalendars(
  data: ProgramData,
  req: CalendarExportRequest,
  progress?: BuildProgress,
): Promise<Built<CalendarExportResult>> {
  const p = prepare(data, req);
  const dir = resolve(req.outputDir);
  const names = personFileNames(p.people, 'ics');
  const zone = data.settings.timeZone;
  const results: CalendarFileResult[] = [];
  const files: BuiltFile[] = [];
  for (const person of p.people) {
    const path = join(dir, names.get(person.id)!);
    const previousText = await readIfExists(path);
    const entries = personCalendarEntries({
      data,
      schedule: p.schedule,
      person,
      range: p.range,
      omitActivityCodes: req.omitActivityCodes,
    });
    const built = buildPersonCalendar({
      programName: data.settings.programName,
      timeZone: zone,
      person,
      entries,
      range: p.range,
      draftLabel: p.schedule.draftLabel,
      previous: previousText === null ? null : readPreviousCalendar(previousText, zone, path),
      now: p.now,
    });
    files.push({ path, content: built.ics });
    const { ics: _ics, ...counts } = built;
    results.push({ personId: person.id, personName: person.name, path, ...counts });
    progress?.(results.length, p.people.length, person.name);
  }
  return { files, result: { range: p.range, draftLabel: p.schedule.draftLabel, files: results } };
}

// ---- Printouts ----

function monthOf(today: IsoDate): DateRange {
  const d = DateTime.fromISO(today, { zone: 'utc' });
  return { start: d.startOf('month').toISODate()!, end: d.endOf('month').toISODate()! };
}

/** A printout's default dates: the current block, the current month, the rest of the academic year. */
function printoutFallback(data: ProgramOutline, req: PdfExportRequest): ((today: IsoDate) => DateRange) | undefined {
  if (!PRINTOUT_KINDS.includes(req.kind))
    throw new ExportInputError(`Unknown printout "${req.kind}"; choose one of ${PRINTOUT_KINDS.join(', ')}`);
  if (req.kind === 'block')
    return (today) => {
      const b = blockContaining(today, data.settings.blockLayout);
      return { start: b.start, end: b.end };
    };
  return req.kind === 'call-roster' ? monthOf : undefined;
}

function pdfPath(output: string): string {
  if (extname(output).toLowerCase() !== '.pdf')
    throw new ExportInputError(`The output "${basename(output)}" must be a .pdf file for this printout`);
  return output;
}

export async function buildPdf(
  data: ProgramData,
  req: PdfExportRequest,
  progress?: BuildProgress,
): Promise<Built<PdfExportResult>> {
  const p = prepare(data, req, printoutFallback(data, req));
  const setup = printSetup(p, req);
  const output = resolve(req.output);
  const made: { path: string; result: PdfResult; personId: string | null }[] = [];
  if (req.kind === 'block') {
    made.push({
      path: pdfPath(output),
      personId: null,
      result: await blockSchedulePdf({ ...p, range: p.range, setup }),
    });
    progress?.(1, 1, basename(output));
  } else if (req.kind === 'call-roster') {
    const people = req.people && Object.values(req.people).some((v) => v?.length) ? p.people : undefined;
    made.push({
      path: pdfPath(output),
      personId: null,
      result: await callRosterPdf({
        data,
        schedule: p.schedule,
        range: p.range,
        setup,
        people,
        weekStartsOn: req.weekStartsOn,
      }),
    });
    progress?.(1, 1, basename(output));
  } else {
    const single = p.people.length === 1 && extname(output).toLowerCase() === '.pdf' && !(await isDirectory(output));
    const names = personFileNames(p.people, 'pdf');
    for (const person of p.people) {
      made.push({
        path: single ? output : join(output, names.get(person.id)!),
        personId: person.id,
        result: await personSchedulePdf({ data, schedule: p.schedule, person, range: p.range, setup }),
      });
      progress?.(made.length, p.people.length, person.name);
    }
  }
  return {
    files: made.map((m) => ({ path: m.path, content: m.result.pdf })),
    result: {
      range: p.range,
      draftLabel: p.schedule.draftLabel,
      files: made.map((m) => ({ path: m.path, pages: m.result.pages, personId: m.personId })),
    },
  };
}

// ---- CSV ----

export async function buildCsv(
  data: ProgramData,
  req: CsvExportRequest,
  progress?: BuildProgress,
): Promise<Built<CsvExportResult>> {
  const p = prepare(data, req);
  const output = resolve(req.output);
  if (extname(output).toLowerCase() !== '.csv')
    throw new ExportInputError(`The output "${basename(output)}" must be a .csv file`);
  const { csv, rows } = assignmentsCsv(p);
  progress?.(1, 1, basename(output));
  return {
    files: [{ path: output, content: csv }],
    result: { range: p.range, draftLabel: p.schedule.draftLabel, path: output, rows },
  };
}

// ---- Excel ----

export interface XlsxExportRequest extends ExportRequest {
  /** The .xlsx file to write. */
  output: string;
  /** Every block of this academic year, one sheet each (instead of `block`). */
  academicYear?: number;
  /** Add the annual rotation plan sheet. */
  plan?: boolean;
  /** Add the call roster sheet. */
  calls?: boolean;
}

export interface XlsxExportResult {
  range: DateRange;
  draftLabel: string | null;
  path: string;
  /** The sheets, in order. */
  sheets: string[];
}

function xlsxPath(output: string): string {
  if (extname(output).toLowerCase() !== '.xlsx')
    throw new ExportInputError(`The output "${basename(output)}" must be a .xlsx file`);
  return resolve(output);
}

/** The blocks an Excel export covers: the one asked for, every block of a year, else today's block. */
function xlsxBlocks(data: ProgramOutline, req: XlsxExportRequest, now: Date) {
  if (req.academicYear !== undefined && req.block)
    throw new ExportInputError('Give either a block or a whole academic year, not both');
  if (req.start || req.end)
    throw new ExportInputError('An Excel export covers a block or a whole academic year, not a range of dates');
  const layout = data.settings.blockLayout;
  const year =
    req.academicYear ??
    req.block?.academicYear ??
    blockContaining(todayIn(data.settings.timeZone, now), layout).academicYear;
  if (!data.academicYears.includes(year))
    throw new ExportInputError(
      `The program has no academic year ${academicYearLabel(year)}; it has ` +
        `${data.academicYears.map(academicYearLabel).join(', ')}`,
    );
  const blocks = blocksForYear(year, layout);
  if (req.academicYear !== undefined) return blocks;
  const number = req.block?.number ?? blockContaining(todayIn(data.settings.timeZone, now), layout).number;
  const block = blocks.find((b) => b.number === number);
  if (!block) throw new ExportInputError(`Academic year ${academicYearLabel(year)} has no block ${number}`);
  return [block];
}

function xlsxScope(data: ProgramOutline, req: XlsxExportRequest) {
  const now = req.now ?? new Date();
  const blocks = xlsxBlocks(data, req, now);
  const range = { start: blocks[0].start, end: blocks[blocks.length - 1].end };
  const people = sortForDisplay(resolvePeople(data, req.people ?? {}, range.start), academicYearOf(range.start));
  return { blocks, range, people, output: xlsxPath(req.output) };
}

export async function buildXlsx(
  data: ProgramData,
  req: XlsxExportRequest,
  progress?: BuildProgress,
): Promise<Built<XlsxExportResult>> {
  const { blocks, range, people, output } = xlsxScope(data, req);
  const schedule = scheduleFor(data, req.draft);
  const { bytes, sheets } = await buildWorkbook(
    { data, schedule, people, blocks, plan: !!req.plan, calls: !!req.calls },
    progress,
  );
  return {
    files: [{ path: output, content: bytes }],
    result: { range, draftLabel: schedule.draftLabel, path: output, sheets },
  };
}

/** Every export there is, as one request (what the export worker takes). */
export type AnyExportRequest =
  | { format: 'calendars'; request: CalendarExportRequest }
  | { format: 'pdf'; request: PdfExportRequest }
  | { format: 'csv'; request: CsvExportRequest }
  | { format: 'xlsx'; request: XlsxExportRequest };

/** What each export reports once its files are written. */
export type AnyExportResult =
  | { format: 'calendars'; value: CalendarExportResult }
  | { format: 'pdf'; value: PdfExportResult }
  | { format: 'csv'; value: CsvExportResult }
  | { format: 'xlsx'; value: XlsxExportResult };

/**
 * The checks an export request must pass, without making anything: its dates (inside the
 * program's academic years), its people, its output. Throws ExportInputError saying what is wrong.
 */
export function checkExport(data: ProgramOutline, any: AnyExportRequest): void {
  if (any.format === 'pdf') {
    const fallback = printoutFallback(data, any.request);
    scope(data, any.request, fallback);
    if (any.request.kind !== 'person') pdfPath(resolve(any.request.output));
    return;
  }
  if (any.format === 'xlsx') {
    xlsxScope(data, any.request);
    return;
  }
  scope(data, any.request);
  if (any.format === 'csv' && extname(any.request.output).toLowerCase() !== '.csv')
    throw new ExportInputError(`The output "${basename(any.request.output)}" must be a .csv file`);
}

/** Make any export in memory. */
export async function buildExport(
  data: ProgramData,
  any: AnyExportRequest,
  progress?: BuildProgress,
): Promise<Built<AnyExportResult>> {
  switch (any.format) {
    case 'calendars': {
      const built = await buildCalendars(data, any.request, progress);
      return { files: built.files, result: { format: 'calendars', value: built.result } };
    }
    case 'pdf': {
      const built = await buildPdf(data, any.request, progress);
      return { files: built.files, result: { format: 'pdf', value: built.result } };
    }
    case 'csv': {
      const built = await buildCsv(data, any.request, progress);
      return { files: built.files, result: { format: 'csv', value: built.result } };
    }
    case 'xlsx': {
      const built = await buildXlsx(data, any.request, progress);
      return { files: built.files, result: { format: 'xlsx', value: built.result } };
    }
  }
}

/** A default file name for a printout or CSV, e.g. "Block 5 schedule 2026-10-22.pdf". */
export function defaultExportName(kind: PrintoutKind | 'csv', range: DateRange): string {
  const label =
    kind === 'block'
      ? 'Block schedule'
      : kind === 'call-roster'
        ? 'Call roster'
        : kind === 'csv'
          ? 'Assignments'
          : 'Schedule';
  return `${safeFileStem(`${label} ${range.start} to ${range.end}`)}.${kind === 'csv' ? 'csv' : 'pdf'}`;
}
