// Runs an export plan: its one call starts a job in the worker pool; the job is followed until it
// ends, reporting progress per file, and cancelled when the user stops it. Every file is written
// at the end, all or none: a stopped or failed export writes nothing and says who is missing.
import type { AnyExportResult, Api, ApiErrorData, CalendarExportResult, JobStatus } from '../../../core/api/contract';
import { toApiError } from '../api';
import { countOf, formatInfo, type ExportFormat } from './formats';
import type { ExportCall, ExportPlan } from './plan';
import { baseName } from './paths';

export type ExportClient = Pick<
  Api,
  'exports.calendars' | 'exports.pdf' | 'exports.csv' | 'exports.xlsx' | 'jobs.status' | 'jobs.cancel'
>;

export interface RunProgress {
  /** Files (people, for batches) done so far. */
  done: number;
  total: number;
  /** Who is being written now ("Eli Green"), or what ("Block schedule"). */
  current: string;
}

export interface OutcomeFile {
  path: string;
  /** Person name, or the file name. */
  label: string;
  /** "214 events · 3 cancelled", "9 pages", "23,360 rows". */
  detail: string;
}

export interface ExportOutcome {
  status: 'done' | 'cancelled' | 'failed';
  format: ExportFormat;
  location: string;
  locationKind: 'folder' | 'file';
  /** The draft's name when a draft was exported. */
  draftLabel: string | null;
  range: { start: string; end: string } | null;
  files: OutcomeFile[];
  /** "6 calendars · 1,309 events". */
  summary: string;
  error: ApiErrorData | null;
  /** People whose files were not written because the run stopped. */
  missing: string[];
  seconds: number;
}

export interface RunHooks {
  onProgress(progress: RunProgress): void;
  /** Checked each time the job is looked at. */
  cancelled(): boolean;
  now?: () => number;
  /** Waits between looks at the job (default: a quarter of a second). */
  pause?: () => Promise<void>;
}

const POLL_MS = 250;

const n = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, one: string, many = `${one}s`) => `${n(value)} ${value === 1 ? one : many}`;

function calendarDetail(f: CalendarExportResult['files'][number]): string {
  const parts = [plural(f.events, 'event')];
  if (f.added > 0 && f.added < f.events) parts.push(`${n(f.added)} new`);
  if (f.updated > 0) parts.push(`${n(f.updated)} updated`);
  if (f.cancelled > 0) parts.push(`${n(f.cancelled)} cancelled`);
  if (f.unchanged === f.events && f.cancelled === 0 && f.events > 0) parts.push('no changes');
  return parts.join(' · ');
}

type Result = AnyExportResult;

function startCall(client: ExportClient, call: ExportCall): Promise<{ jobId: string }> {
  switch (call.method) {
    case 'exports.calendars':
      return client['exports.calendars'](call.input);
    case 'exports.pdf':
      return client['exports.pdf'](call.input);
    case 'exports.csv':
      return client['exports.csv'](call.input);
    case 'exports.xlsx':
      return client['exports.xlsx'](call.input);
  }
}

function filesOf(result: Result, names: Record<string, string>): OutcomeFile[] {
  switch (result.format) {
    case 'calendars':
      return result.value.files.map((f) => ({ path: f.path, label: f.personName, detail: calendarDetail(f) }));
    case 'pdf':
      return result.value.files.map((f) => ({
        path: f.path,
        label: f.personId ? (names[f.personId] ?? f.personId) : baseName(f.path),
        detail: plural(f.pages, 'page'),
      }));
    case 'csv':
      return [
        { path: result.value.path, label: baseName(result.value.path), detail: plural(result.value.rows, 'row') },
      ];
    case 'xlsx':
      return [
        {
          path: result.value.path,
          label: baseName(result.value.path),
          detail: plural(result.value.sheets.length, 'sheet'),
        },
      ];
  }
}

/** "6 calendars · 1,309 events", "Block schedule · 4 pages", "Assignments · 23,360 rows". */
function summarize(format: ExportFormat, results: Result[], files: number): string {
  let events = 0;
  let cancelled = 0;
  let pages = 0;
  let rows = 0;
  for (const r of results) {
    if (r.format === 'calendars') for (const f of r.value.files) (events += f.events), (cancelled += f.cancelled);
    if (r.format === 'pdf') for (const f of r.value.files) pages += f.pages;
    if (r.format === 'csv') rows += r.value.rows;
    if (r.format === 'xlsx') pages += r.value.sheets.length;
  }
  const info = formatInfo(format);
  const parts = [info.output === 'file' ? info.title : countOf(format, files)];
  if (format === 'ics') parts.push(plural(events, 'event') + (cancelled ? ` (${n(cancelled)} cancelled)` : ''));
  else if (format === 'csv') parts.push(plural(rows, 'row'));
  else if (format === 'xlsx') parts.push(plural(pages, 'sheet'));
  else parts.push(plural(pages, 'page'));
  return parts.join(' · ');
}

/** Follow a job until it ends, reporting its progress; cancel it when the user stops. */
async function follow(plan: ExportPlan, client: ExportClient, jobId: string, hooks: RunHooks): Promise<JobStatus> {
  const pause = hooks.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, POLL_MS)));
  for (;;) {
    if (hooks.cancelled()) return client['jobs.cancel']({ jobId });
    const status = await client['jobs.status']({ jobId });
    if (status.state !== 'running') return status;
    const done = Number(status.detail.done ?? 0);
    hooks.onProgress({
      done,
      total: plan.files,
      current: typeof status.detail.current === 'string' ? status.detail.current : status.phase,
    });
    await pause();
  }
}

export async function runPlan(plan: ExportPlan, client: ExportClient, hooks: RunHooks): Promise<ExportOutcome> {
  const now = hooks.now ?? (() => performance.now());
  const began = now();
  let status: ExportOutcome['status'] = 'done';
  let error: ApiErrorData | null = null;
  let result: Result | null = null;
  hooks.onProgress({ done: 0, total: plan.files, current: plan.people[0] ?? baseName(plan.location) });
  try {
    const { jobId } = await startCall(client, plan.call);
    const end = await follow(plan, client, jobId, hooks);
    if (end.state === 'succeeded') result = end.result as Result;
    else if (end.state === 'cancelled') status = 'cancelled';
    else {
      status = 'failed';
      error = { code: 'rejected', message: end.error ?? 'The export failed' };
    }
  } catch (err) {
    status = 'failed';
    error = toApiError(err);
  }
  const files = result ? filesOf(result, plan.names) : [];
  hooks.onProgress({ done: files.length, total: plan.files, current: '' });
  return {
    status,
    format: plan.format,
    location: plan.location,
    locationKind: plan.locationKind,
    draftLabel: result?.value.draftLabel ?? null,
    range: result?.value.range ?? null,
    files,
    summary: summarize(plan.format, result ? [result] : [], files.length),
    error,
    missing: result ? [] : plan.people,
    seconds: (now() - began) / 1000,
  };
}
