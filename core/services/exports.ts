// Export use cases: personal calendars (.ics, one file per person), printouts (PDF) and the
// assignments CSV. Each loads the program (or takes its data), resolves who/when/which schedule,
// builds everything in memory first and only then writes, so bad input changes no file.
// Files are written to a temporary name and renamed into place, so a reader never sees half a file.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { academicYearOf, blockContaining, blocksForYear } from '../domain/calendar';
import type { ProgramData } from '../domain/program';
import type { IsoDate, Person } from '../domain/types';
import { personCalendarEntries } from '../exports/calendarEntries';
import { assignmentsCsv } from '../exports/csv';
import { personFileNames, safeFileStem } from '../exports/fileNames';
import { buildPersonCalendar } from '../exports/ics';
import { blockSchedulePdf } from '../exports/pdf/blockSchedulePdf';
import { callRosterPdf } from '../exports/pdf/callRosterPdf';
import { formatPrintedAt } from '../exports/pdf/dates';
import type { PageSize, PdfFonts, PdfResult, PrintSetup } from '../exports/pdf/document';
import { personSchedulePdf } from '../exports/pdf/personSchedulePdf';
import { readPreviousCalendar } from '../exports/previousCalendar';
import {
  ExportInputError,
  resolvePeople,
  resolveRange,
  scheduleFor,
  sortForDisplay,
  type DateRange,
  type PeopleSelection,
  type ScheduleOverride,
} from '../exports/schedule';
import { compareDraft, getDraft, type DraftContext } from './drafts';
import { applyDiffToProgram } from './drafts/overlay-program';
import { changedSpan } from './drafts/validation';
import { loadProgramData, type Program } from './program';

export { ExportInputError };

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

function todayIn(zone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The range of a request; `fallback` supplies the default when neither dates nor a block are given. */
function rangeOf(data: ProgramData, req: ExportRequest, today: IsoDate, fallback?: (today: IsoDate) => DateRange): DateRange {
  if (req.block) {
    if (req.start || req.end) throw new ExportInputError('Give either a block or a start/end date, not both');
    const year = req.block.academicYear ?? blockContaining(today, data.settings.blockLayout).academicYear;
    const block = blocksForYear(year, data.settings.blockLayout).find((b) => b.number === req.block!.number);
    if (!block) throw new ExportInputError(`Academic year ${year} has no block ${req.block.number}`);
    return { start: block.start, end: block.end };
  }
  if (!req.start && !req.end && fallback) return fallback(today);
  return resolveRange({ start: req.start, end: req.end }, today);
}

interface Prepared {
  data: ProgramData;
  range: DateRange;
  people: Person[];
  schedule: ReturnType<typeof scheduleFor>;
  now: Date;
}

function prepare(data: ProgramData, req: ExportRequest, fallback?: (today: IsoDate) => DateRange): Prepared {
  const now = req.now ?? new Date();
  const range = rangeOf(data, req, todayIn(data.settings.timeZone, now), fallback);
  const people = sortForDisplay(resolvePeople(data, req.people ?? {}, range.start), academicYearOf(range.start));
  return { data, range, now, people, schedule: scheduleFor(data, req.draft) };
}

/** Write all files or none: temp files first, then renames. */
async function writeAll(files: { path: string; content: string | Buffer }[]): Promise<void> {
  const temps = files.map((f) => `${f.path}.${process.pid}.tmp`);
  try {
    for (const [i, f] of files.entries()) {
      await mkdir(dirname(f.path), { recursive: true });
      await writeFile(temps[i], f.content);
    }
    for (const [i, f] of files.entries()) await rename(temps[i], f.path);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
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

// ---- Drafts ----

/**
 * A stored draft as the schedule override exports take: on every date the draft changes, its
 * version of the assignments, calls and inpatient weeks. Only open drafts can be exported.
 */
export async function draftOverride(ctx: DraftContext, draftId: number): Promise<ScheduleOverride> {
  const summary = await getDraft(ctx, draftId);
  if (summary.status !== 'open')
    throw new ExportInputError(`Draft ${draftId} "${summary.name}" is ${summary.status}; only open drafts can be exported`);
  const { diff } = await compareDraft(ctx, { draftId });
  const drafted = applyDiffToProgram(await loadProgramData(ctx.program), diff);
  const today = todayIn(drafted.settings.timeZone, ctx.now?.() ?? new Date());
  // A draft that changes nothing shows the published schedule; a one-day span keeps that true.
  const span = changedSpan(diff) ?? { start: today, end: today };
  const inside = (date: IsoDate) => date >= span.start && date <= span.end;
  return {
    label: summary.name,
    start: span.start,
    end: span.end,
    assignments: drafted.assignments.filter((a) => inside(a.date)),
    calls: drafted.calls.filter((c) => inside(c.date)),
    inpatientWeeks: drafted.inpatientWeeks.filter((w) => w.start <= span.end && w.end >= span.start),
  };
}

// ---- Calendars ----

export async function exportCalendarsFromData(data: ProgramData, req: CalendarExportRequest): Promise<CalendarExportResult> {
  const p = prepare(data, req);
  const dir = resolve(req.outputDir);
  const names = personFileNames(p.people, 'ics');
  const zone = data.settings.timeZone;
  const files: CalendarFileResult[] = [];
  const writes: { path: string; content: string }[] = [];
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
    writes.push({ path, content: built.ics });
    const { ics: _ics, ...counts } = built;
    files.push({ personId: person.id, personName: person.name, path, ...counts });
  }
  await writeAll(writes);
  return { range: p.range, draftLabel: p.schedule.draftLabel, files };
}

export async function exportCalendars(program: Program, req: CalendarExportRequest): Promise<CalendarExportResult> {
  return exportCalendarsFromData(await loadProgramData(program), req);
}

// ---- Printouts ----

function monthOf(today: IsoDate): DateRange {
  const d = DateTime.fromISO(today, { zone: 'utc' });
  return { start: d.startOf('month').toISODate()!, end: d.endOf('month').toISODate()! };
}

export async function exportPdfFromData(data: ProgramData, req: PdfExportRequest): Promise<PdfExportResult> {
  if (!PRINTOUT_KINDS.includes(req.kind))
    throw new ExportInputError(`Unknown printout "${req.kind}"; choose one of ${PRINTOUT_KINDS.join(', ')}`);
  const layout = data.settings.blockLayout;
  // Defaults: the current block, the current month, the rest of the academic year.
  const fallback =
    req.kind === 'block'
      ? (today: IsoDate) => {
          const b = blockContaining(today, layout);
          return { start: b.start, end: b.end };
        }
      : req.kind === 'call-roster'
        ? monthOf
        : undefined;
  const p = prepare(data, req, fallback);
  const setup = printSetup(p, req);
  const output = resolve(req.output);
  const made: { path: string; result: PdfResult; personId: string | null }[] = [];
  if (req.kind === 'block') {
    made.push({ path: pdfPath(output), personId: null, result: await blockSchedulePdf({ ...p, range: p.range, setup }) });
  } else if (req.kind === 'call-roster') {
    const people = req.people && Object.values(req.people).some((v) => v?.length) ? p.people : undefined;
    made.push({
      path: pdfPath(output),
      personId: null,
      result: await callRosterPdf({ data, schedule: p.schedule, range: p.range, setup, people, weekStartsOn: req.weekStartsOn }),
    });
  } else {
    const single = p.people.length === 1 && extname(output).toLowerCase() === '.pdf' && !(await isDirectory(output));
    const names = personFileNames(p.people, 'pdf');
    for (const person of p.people)
      made.push({
        path: single ? output : join(output, names.get(person.id)!),
        personId: person.id,
        result: await personSchedulePdf({ data, schedule: p.schedule, person, range: p.range, setup }),
      });
  }
  await writeAll(made.map((m) => ({ path: m.path, content: m.result.pdf })));
  return {
    range: p.range,
    draftLabel: p.schedule.draftLabel,
    files: made.map((m) => ({ path: m.path, pages: m.result.pages, personId: m.personId })),
  };
}

function pdfPath(output: string): string {
  if (extname(output).toLowerCase() !== '.pdf')
    throw new ExportInputError(`The output "${basename(output)}" must be a .pdf file for this printout`);
  return output;
}

export async function exportPdf(program: Program, req: PdfExportRequest): Promise<PdfExportResult> {
  return exportPdfFromData(await loadProgramData(program), req);
}

// ---- CSV ----

export async function exportCsvFromData(data: ProgramData, req: CsvExportRequest): Promise<CsvExportResult> {
  const p = prepare(data, req);
  const output = resolve(req.output);
  if (extname(output).toLowerCase() !== '.csv')
    throw new ExportInputError(`The output "${basename(output)}" must be a .csv file`);
  const { csv, rows } = assignmentsCsv(p);
  await writeAll([{ path: output, content: csv }]);
  return { range: p.range, draftLabel: p.schedule.draftLabel, path: output, rows };
}

export async function exportCsv(program: Program, req: CsvExportRequest): Promise<CsvExportResult> {
  return exportCsvFromData(await loadProgramData(program), req);
}

/** A default file name for a printout or CSV, e.g. "Block 5 schedule 2026-10-22.pdf". */
export function defaultExportName(kind: PrintoutKind | 'csv', range: DateRange): string {
  const label = kind === 'block' ? 'Block schedule' : kind === 'call-roster' ? 'Call roster' : kind === 'csv' ? 'Assignments' : 'Schedule';
  return `${safeFileStem(`${label} ${range.start} to ${range.end}`)}.${kind === 'csv' ? 'csv' : 'pdf'}`;
}
