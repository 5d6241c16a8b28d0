// Runs an export plan: its API calls one after another, reporting progress per person, and
// stopping between calls when the user cancels. Each call writes its files whole or not at all
// (core builds in memory, then renames into place); a batch that stops part-way says exactly
// which files were written and who is missing.
import type { Api, ApiErrorData, CalendarExportResult, CsvExportResult, PdfExportResult } from '../../../core/api/contract';
import { toApiError } from '../api';
import { countOf, formatInfo, type ExportFormat } from './formats';
import type { ExportCall, ExportPlan } from './plan';
import { baseName } from './paths';

export type ExportClient = Pick<Api, 'exports.calendars' | 'exports.pdf' | 'exports.csv'>;

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
  /** Checked between calls. */
  cancelled(): boolean;
  now?: () => number;
}

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

type Result =
  | { method: 'exports.calendars'; value: CalendarExportResult }
  | { method: 'exports.pdf'; value: PdfExportResult }
  | { method: 'exports.csv'; value: CsvExportResult };

async function callOnce(client: ExportClient, call: ExportCall): Promise<Result> {
  switch (call.method) {
    case 'exports.calendars':
      return { method: call.method, value: await client['exports.calendars'](call.input) };
    case 'exports.pdf':
      return { method: call.method, value: await client['exports.pdf'](call.input) };
    case 'exports.csv':
      return { method: call.method, value: await client['exports.csv'](call.input) };
  }
}

function filesOf(result: Result, names: Record<string, string>): OutcomeFile[] {
  switch (result.method) {
    case 'exports.calendars':
      return result.value.files.map((f) => ({ path: f.path, label: f.personName, detail: calendarDetail(f) }));
    case 'exports.pdf':
      return result.value.files.map((f) => ({
        path: f.path,
        label: f.personId ? (names[f.personId] ?? f.personId) : baseName(f.path),
        detail: plural(f.pages, 'page'),
      }));
    case 'exports.csv':
      return [{ path: result.value.path, label: baseName(result.value.path), detail: plural(result.value.rows, 'row') }];
  }
}

/** "6 calendars · 1,309 events", "Block schedule · 4 pages", "Assignments · 23,360 rows". */
function summarize(format: ExportFormat, results: Result[], files: number): string {
  let events = 0;
  let cancelled = 0;
  let pages = 0;
  let rows = 0;
  for (const r of results) {
    if (r.method === 'exports.calendars') for (const f of r.value.files) (events += f.events), (cancelled += f.cancelled);
    if (r.method === 'exports.pdf') for (const f of r.value.files) pages += f.pages;
    if (r.method === 'exports.csv') rows += r.value.rows;
  }
  const info = formatInfo(format);
  const parts = [info.output === 'file' ? info.title : countOf(format, files)];
  if (format === 'ics') parts.push(plural(events, 'event') + (cancelled ? ` (${n(cancelled)} cancelled)` : ''));
  else if (format === 'csv') parts.push(plural(rows, 'row'));
  else parts.push(plural(pages, 'page'));
  return parts.join(' · ');
}

export async function runPlan(plan: ExportPlan, client: ExportClient, hooks: RunHooks): Promise<ExportOutcome> {
  const now = hooks.now ?? (() => performance.now());
  const began = now();
  const results: Result[] = [];
  const files: OutcomeFile[] = [];
  let status: ExportOutcome['status'] = 'done';
  let error: ApiErrorData | null = null;
  let stoppedAt = plan.steps.length;

  for (const [i, step] of plan.steps.entries()) {
    if (hooks.cancelled()) {
      status = 'cancelled';
      stoppedAt = i;
      break;
    }
    hooks.onProgress({
      done: files.length,
      total: plan.files,
      current: step.people.length > 0 ? step.people.join(', ') : baseName(plan.location),
    });
    try {
      const result = await callOnce(client, step.call);
      results.push(result);
      files.push(...filesOf(result, plan.names));
    } catch (err) {
      status = 'failed';
      error = toApiError(err);
      stoppedAt = i;
      break;
    }
  }
  hooks.onProgress({ done: files.length, total: plan.files, current: '' });

  const first = results[0]?.value;
  return {
    status,
    format: plan.format,
    location: plan.location,
    locationKind: plan.locationKind,
    draftLabel: first?.draftLabel ?? null,
    range: first?.range ?? null,
    files,
    summary: summarize(plan.format, results, files.length),
    error,
    missing: plan.steps.slice(stoppedAt).flatMap((s) => s.people),
    seconds: (now() - began) / 1000,
  };
}
