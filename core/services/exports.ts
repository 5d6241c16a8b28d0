// Export use cases: personal calendars (.ics, one file per person), printouts (PDF) and the
// assignments CSV. The files are made in memory (core/exports/build.ts) — in the app by the export
// worker, as a job with progress that can be cancelled, never on the main thread — and only then
// written, all or none: each to a temporary name, then renamed into place, so a reader never sees
// half a file and a cancelled or refused export changes no file.
import { extname } from 'node:path';
import { DateTime } from 'luxon';
import type { ProgramData } from '../domain/program';
import type { IsoDate } from '../domain/types';
import {
  buildCalendars,
  buildCsv,
  buildPdf,
  buildXlsx,
  checkExport,
  type AnyExportRequest,
  type AnyExportResult,
  type Built,
  type BuiltFile,
  type CalendarExportRequest,
  type CalendarExportResult,
  type CsvExportRequest,
  type CsvExportResult,
  type PdfExportRequest,
  type PdfExportResult,
  type XlsxExportRequest,
  type XlsxExportResult,
} from '../exports/build';
import { ExportInputError, type ScheduleOverride } from '../exports/schedule';
import type { JobService } from '../jobs/service';
import { compareDraft, getDraft, type DraftContext } from './drafts';
import { applyDiffToProgram } from './drafts/overlay-program';
import { changedSpan } from './drafts/validation';
import { checkOutputPath, writeFilesAtomically, type OutputPlace } from './output-files';
import { loadPackedProgram, loadProgramData, type Program } from './program';

export { ExportInputError };
export { defaultExportName, PRINTOUT_KINDS } from '../exports/build';
export type {
  AnyExportRequest,
  AnyExportResult,
  CalendarExportRequest,
  CalendarExportResult,
  CalendarFileResult,
  CsvExportRequest,
  CsvExportResult,
  ExportRequest,
  PdfExportRequest,
  PdfExportResult,
  PdfFileResult,
  PrintoutKind,
  XlsxExportRequest,
  XlsxExportResult,
} from '../exports/build';

function todayIn(zone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Write all files or none (core/services/output-files.ts), never over the program's own files. */
export async function writeAll(files: BuiltFile[], place: OutputPlace = {}): Promise<void> {
  await writeFilesAtomically(files, place.programFile);
}

/** Write an export made in memory; its result once every file is in place. */
export async function writeBuilt<R>(built: Built<R>, place: OutputPlace = {}): Promise<R> {
  await writeAll(built.files, place);
  return built.result;
}

/**
 * Where an export writes, checked before anything is made: a full path, never the program file,
 * in a folder that exists (or may be made, place.creatableRoot). Returns the request with the
 * paths resolved.
 */
export function checkExportOutput<R extends AnyExportRequest>(any: R, place: OutputPlace): R {
  if (any.format === 'calendars')
    return { ...any, request: { ...any.request, outputDir: checkOutputPath(any.request.outputDir, 'folder', place) } };
  // A personal printout goes to a folder unless it is named as one .pdf file.
  const kind =
    any.format === 'pdf' && any.request.kind === 'person' && extname(any.request.output).toLowerCase() !== '.pdf'
      ? 'folder'
      : 'file';
  return { ...any, request: { ...any.request, output: checkOutputPath(any.request.output, kind, place) } };
}

// ---- Drafts ----

/**
 * A stored draft as the schedule override exports take: on every date the draft changes, its
 * version of the assignments, calls and inpatient weeks. Only open drafts can be exported.
 */
export async function draftOverride(ctx: DraftContext, draftId: number): Promise<ScheduleOverride> {
  const summary = await getDraft(ctx, draftId);
  if (summary.status !== 'open')
    throw new ExportInputError(
      `Draft ${draftId} "${summary.name}" is ${summary.status}; only open drafts can be exported`,
    );
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

// ---- In this process (the CLI, tests) ----

export async function exportCalendarsFromData(
  data: ProgramData,
  req: CalendarExportRequest,
  place: OutputPlace = {},
): Promise<CalendarExportResult> {
  const checked = checkExportOutput({ format: 'calendars', request: req }, place);
  return writeBuilt(await buildCalendars(data, checked.request), place);
}

export async function exportPdfFromData(
  data: ProgramData,
  req: PdfExportRequest,
  place: OutputPlace = {},
): Promise<PdfExportResult> {
  const checked = checkExportOutput({ format: 'pdf', request: req }, place);
  return writeBuilt(await buildPdf(data, checked.request), place);
}

export async function exportXlsxFromData(
  data: ProgramData,
  req: XlsxExportRequest,
  place: OutputPlace = {},
): Promise<XlsxExportResult> {
  const checked = checkExportOutput({ format: 'xlsx', request: req }, place);
  return writeBuilt(await buildXlsx(data, checked.request), place);
}

export async function exportCsvFromData(
  data: ProgramData,
  req: CsvExportRequest,
  place: OutputPlace = {},
): Promise<CsvExportResult> {
  const checked = checkExportOutput({ format: 'csv', request: req }, place);
  return writeBuilt(await buildCsv(data, checked.request), place);
}

// ---- As a job in the worker pool (the app) ----

/**
 * Start an export as a job: the request is checked first (bad dates, people or output are
 * refused at once, nothing started); the export worker makes the files, reporting each; the job's
 * last step writes them all, unless the job was cancelled. The job's result is an AnyExportResult.
 * `writeFailure` turns a file-system error into the words the job reports.
 */
export async function startExport(
  jobs: Pick<JobService, 'start'>,
  program: Program,
  given: AnyExportRequest,
  writeFailure: (err: unknown) => string | null = () => null,
  place: OutputPlace = { programFile: program.path },
): Promise<{ jobId: string }> {
  const request = checkExportOutput(given, { ...place, programFile: program.path });
  const data = await loadPackedProgram(program);
  checkExport(data, request);
  const jobId = jobs.start(
    'export',
    { data, request },
    {
      finish: async (built, ctx) => {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        ctx.phase(`Writing ${built.files.length === 1 ? 'the file' : `${built.files.length} files`}`);
        try {
          return {
            state: 'succeeded',
            result: await writeBuilt<AnyExportResult>(built, { programFile: program.path }),
          };
        } catch (err) {
          return {
            state: 'failed',
            result: null,
            error: writeFailure(err) ?? (err instanceof Error ? err.message : String(err)),
          };
        }
      },
    },
  );
  return { jobId };
}
