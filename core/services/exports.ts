// Export use cases: personal calendars (.ics, one file per person), printouts (PDF) and the
// assignments CSV. The files are made in memory (core/exports/build.ts) — in the app by the export
// worker, as a job with progress that can be cancelled, never on the main thread — and only then
// written, all or none: each to a temporary name, then renamed into place, so a reader never sees
// half a file and a cancelled or refused export changes no file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DateTime } from 'luxon';
import type { ProgramData } from '../domain/program';
import type { IsoDate } from '../domain/types';
import {
  buildCalendars,
  buildCsv,
  buildPdf,
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
} from '../exports/build';
import { ExportInputError, type ScheduleOverride } from '../exports/schedule';
import type { JobService } from '../jobs/service';
import { compareDraft, getDraft, type DraftContext } from './drafts';
import { applyDiffToProgram } from './drafts/overlay-program';
import { changedSpan } from './drafts/validation';
import { loadProgramData, type Program } from './program';

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
} from '../exports/build';

function todayIn(zone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Write all files or none: temp files first, then renames. */
export async function writeAll(files: BuiltFile[]): Promise<void> {
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

/** Write an export made in memory; its result once every file is in place. */
export async function writeBuilt<R>(built: Built<R>): Promise<R> {
  await writeAll(built.files);
  return built.result;
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

// ---- In this process (the CLI, tests) ----

export async function exportCalendarsFromData(data: ProgramData, req: CalendarExportRequest): Promise<CalendarExportResult> {
  return writeBuilt(await buildCalendars(data, req));
}

export async function exportPdfFromData(data: ProgramData, req: PdfExportRequest): Promise<PdfExportResult> {
  return writeBuilt(await buildPdf(data, req));
}

export async function exportCsvFromData(data: ProgramData, req: CsvExportRequest): Promise<CsvExportResult> {
  return writeBuilt(await buildCsv(data, req));
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
  request: AnyExportRequest,
  writeFailure: (err: unknown) => string | null = () => null,
): Promise<{ jobId: string }> {
  const data = await loadProgramData(program);
  checkExport(data, request);
  const jobId = jobs.start(
    'export',
    { data, request },
    {
      finish: async (built, ctx) => {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        ctx.phase(`Writing ${built.files.length === 1 ? 'the file' : `${built.files.length} files`}`);
        try {
          return { state: 'succeeded', result: await writeBuilt<AnyExportResult>(built) };
        } catch (err) {
          return { state: 'failed', result: null, error: writeFailure(err) ?? (err instanceof Error ? err.message : String(err)) };
        }
      },
    },
  );
  return { jobId };
}
