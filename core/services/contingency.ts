// Contingency as a use case: run the N-1/N-2 sweep (or the stress ladder) on the published
// schedule as a job split across the worker pool (progress, stop, cancel, a time limit that keeps
// what was finished), record the run with the schedule version it saw (a later schedule change
// makes it stale), recompute only the weeks whose inputs changed since the last run of the same
// question, hand out a loss's repair, and turn a repair into a draft.
import { createHash } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';
import type { Generated, Kysely, Selectable } from 'kysely';
import { academicYearLabel, academicYearOf, addDays, blocksForYear, daysBetween } from '../domain/calendar';
import type { ContingencyParams, ContingencyResult, Repair, StressResult } from '../domain/contingency';
import type { ProgramData } from '../domain/program';
import type { IsoDate } from '../domain/types';
import { contingencyReportPdf } from '../exports/pdf/contingencyPdf';
import { formatPrintedAt } from '../exports/pdf/dates';
import type { PageSize, PdfFonts } from '../exports/pdf/document';
import type { Database } from '../db/schema';
import type { JobService, JobSnapshot, JobWorkContext } from '../jobs/service';
import { goneDaysOf, HORIZON_MARGIN_DAYS, summarizeSweep, sweepWeeks, type WeekResult } from '../solver/contingency';
import type { ContingencyProgress } from '../../workers/tasks';
import { requireAcademicYear } from './catalog';
import {
  createDraftFromAssignments,
  DraftError,
  getDraft,
  validateDraft,
  type DraftContext,
  type DraftSummary,
} from './drafts';
import { packProgram, type PackedProgram } from '../solver/models/packed-request';
import { nextTurn } from './drafts/turns';
import { ServiceError } from './errors';
import { writeAll } from './exports';
import { loadProgramData, type Program } from './program';
import { describeChange, scheduleVersion } from './schedule-version';

export type ContingencyRunKind = 'sweep' | 'stress';

export interface SweepRequest extends ContingencyParams {
  /** Seconds for the whole sweep; at the limit it stops and keeps the weeks it finished. */
  timeLimitSec: number;
}

export interface StressRequest {
  academicYear: number;
  blockNumber: number;
  samples: number;
  seed: number;
  timeLimitSec: number;
}

export interface ContingencyRunSummary {
  id: number;
  kind: ContingencyRunKind;
  actor: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  /** The schedule changed (published, edited, absences…) since the run: its results may no longer hold. */
  stale: boolean;
  staleReason: string | null;
  params: ContingencyParams | Omit<StressRequest, 'timeLimitSec'>;
}

export interface SweepRun extends ContingencyRunSummary {
  kind: 'sweep';
  params: ContingencyParams;
  result: ContingencyResult;
  /** Weeks taken over from an earlier run because nothing they read had changed. */
  reusedWeeks: number;
}

export interface StressRun extends ContingencyRunSummary {
  kind: 'stress';
  result: StressResult;
}

/** What a sweep or stress job ends with. */
export interface ContingencyJobResult {
  runId: number;
  kind: ContingencyRunKind;
  complete: boolean;
  stoppedBy: 'user' | 'time_limit' | null;
  /** Sweep: weeks computed now and weeks reused from the last run. */
  weeksComputed: number;
  reusedWeeks: number;
}

// ---- Storage ----

interface ContingencyRunsTable {
  id: Generated<number>;
  kind: string;
  actor: string;
  started_at: string;
  finished_at: string;
  schedule_version: number;
  complete: number;
  params: string;
  result: string;
  weeks: string | null;
}
interface RunsDatabase extends Database {
  contingency_runs: ContingencyRunsTable;
}
const runsDb = (db: Kysely<Database>) => db as unknown as Kysely<RunsDatabase>;

/** Stored sweep week: what it read (fingerprint), how many weeks were reused into the run, and its outcome. */
interface StoredWeek {
  fingerprint: string;
  goneDays: IsoDate[];
  depth: 1 | 2;
  result: WeekResult;
}
interface StoredSweep {
  reused: number;
  weeks: StoredWeek[];
}

/** Sweeps kept per program (older ones are deleted as new ones are recorded). */
const KEEP_RUNS = 5;

async function staleness(
  db: Kysely<Database>,
  version: number,
): Promise<{ stale: boolean; staleReason: string | null }> {
  const now = await scheduleVersion(db);
  if (now.id <= version) return { stale: false, staleReason: null };
  return {
    stale: true,
    staleReason: `The schedule changed since this run (${describeChange(now)})`,
  };
}

const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'actor',
  'started_at',
  'finished_at',
  'schedule_version',
  'complete',
  'params',
] as const;

async function summaryOf(
  db: Kysely<Database>,
  row: Pick<Selectable<ContingencyRunsTable>, (typeof SUMMARY_COLUMNS)[number]>,
): Promise<ContingencyRunSummary> {
  return {
    id: row.id,
    kind: row.kind as ContingencyRunKind,
    actor: row.actor,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    complete: row.complete === 1,
    ...(await staleness(db, row.schedule_version)),
    params: JSON.parse(row.params),
  };
}

export async function listContingencyRuns(
  program: Program,
  filter: { kind?: ContingencyRunKind; limit: number },
): Promise<ContingencyRunSummary[]> {
  let q = runsDb(program.db)
    .selectFrom('contingency_runs')
    .select(SUMMARY_COLUMNS)
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => summaryOf(program.db, r)));
}

/** A run with its result; null when there is none (latest of a kind). */
export async function getContingencyRun(
  program: Program,
  query: { runId: number } | { latest: ContingencyRunKind },
): Promise<SweepRun | StressRun | null> {
  let q = runsDb(program.db)
    .selectFrom('contingency_runs')
    .select([...SUMMARY_COLUMNS, 'result', 'weeks']);
  q =
    'runId' in query
      ? q.where('id', '=', query.runId)
      : q.where('kind', '=', query.latest).orderBy('id', 'desc').limit(1);
  const row = await q.executeTakeFirst();
  if (!row) {
    if ('runId' in query) throw new ServiceError('not_found', `No contingency run ${query.runId}`);
    return null;
  }
  const summary = await summaryOf(program.db, row);
  if (row.kind === 'stress') return { ...summary, kind: 'stress', result: JSON.parse(row.result) as StressResult };
  const stored = row.weeks ? (JSON.parse(row.weeks) as StoredSweep) : { reused: 0, weeks: [] };
  return {
    ...summary,
    kind: 'sweep',
    params: summary.params as ContingencyParams,
    result: JSON.parse(row.result) as ContingencyResult,
    reusedWeeks: stored.reused,
  };
}

async function storedWeeks(
  program: Program,
  runId: number,
): Promise<{ version: number; stored: StoredSweep; params: ContingencyParams }> {
  const row = await runsDb(program.db)
    .selectFrom('contingency_runs')
    .select(['kind', 'weeks', 'schedule_version', 'params'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No contingency run ${runId}`);
  if (row.kind !== 'sweep' || !row.weeks)
    throw new ServiceError('rejected', `Run ${runId} is a stress ladder, not a contingency sweep`);
  return {
    version: row.schedule_version,
    stored: JSON.parse(row.weeks) as StoredSweep,
    params: JSON.parse(row.params),
  };
}

async function recordRun(
  program: Program,
  run: {
    kind: ContingencyRunKind;
    actor: string;
    startedAt: string;
    finishedAt: string;
    version: number;
    complete: boolean;
    params: unknown;
    result: unknown;
    weeks: StoredSweep | null;
  },
): Promise<number> {
  return runsDb(program.db)
    .transaction()
    .execute(async (trx) => {
      const { id } = await trx
        .insertInto('contingency_runs')
        .values({
          kind: run.kind,
          actor: run.actor,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          schedule_version: run.version,
          complete: run.complete ? 1 : 0,
          params: JSON.stringify(run.params),
          result: JSON.stringify(run.result),
          weeks: run.weeks ? JSON.stringify(run.weeks) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Keep the newest runs of the kind; a program file must not grow with every sweep.
      const old = await trx
        .selectFrom('contingency_runs')
        .select('id')
        .where('kind', '=', run.kind)
        .orderBy('id', 'desc')
        .offset(KEEP_RUNS)
        .limit(1000)
        .execute();
      if (old.length)
        await trx
          .deleteFrom('contingency_runs')
          .where(
            'id',
            'in',
            old.map((r) => r.id),
          )
          .execute();
      return id;
    });
}

// ---- Inputs ----

/**
 * Everything a week's losses read: the program's base and the schedule around the week. Each day's
 * items are put in canonical form once (a week reads 91 days: per week they were 2 million
 * stringifications a year at 150 residents), with a turn every month of days for other requests.
 */
export async function weekFingerprints(
  data: ProgramData,
  weeks: readonly IsoDate[],
  pause: () => Promise<void>,
): Promise<Map<IsoDate, string>> {
  const base = createHash('sha256')
    .update(
      JSON.stringify([
        data.settings,
        data.people,
        data.activities,
        data.rotations,
        data.callTypes,
        data.holidays,
        data.rotationAssignments,
      ]),
    )
    .digest('hex');
  const byDate = new Map<IsoDate, unknown[]>();
  const put = (date: IsoDate, item: unknown) => {
    const list = byDate.get(date);
    if (list) list.push(item);
    else byDate.set(date, [item]);
  };
  for (const a of data.assignments) put(a.date, a);
  for (const c of data.calls) put(c.date, c);
  for (const m of data.moonlighting) put(m.start.slice(0, 10), m);
  for (const c of data.callbacks) put(c.start.slice(0, 10), c);
  const dayKeys = new Map<IsoDate, string>();
  for (const [date, items] of byDate) {
    dayKeys.set(date, JSON.stringify(items.map((x) => JSON.stringify(x)).sort()));
    if (dayKeys.size % 31 === 0) await pause();
  }
  const out = new Map<IsoDate, string>();
  for (const week of weeks) {
    const from = addDays(week, -HORIZON_MARGIN_DAYS);
    const to = addDays(week, 6 + HORIZON_MARGIN_DAYS);
    const hash = createHash('sha256').update(base);
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const key = dayKeys.get(d);
      if (key) hash.update(key);
    }
    const spans = [...data.inpatientWeeks, ...data.absences]
      .filter((x) => x.start <= to && x.end >= from)
      .map((x) => JSON.stringify(x))
      .sort();
    out.set(week, hash.update(JSON.stringify(spans)).digest('hex'));
  }
  return out;
}

/** The program's data around some weeks only (what a worker needs for them). */
export function dataAround(data: ProgramData, from: IsoDate, to: IsoDate): ProgramData {
  const [lo, hi] = [addDays(from, -(HORIZON_MARGIN_DAYS + 31)), addDays(to, HORIZON_MARGIN_DAYS + 31)];
  return {
    ...data,
    assignments: data.assignments.filter((a) => a.date >= lo && a.date <= hi),
    calls: data.calls.filter((c) => c.date >= lo && c.date <= hi),
    inpatientWeeks: data.inpatientWeeks.filter((w) => w.end >= lo && w.start <= hi),
    moonlighting: data.moonlighting.filter((m) => m.end.slice(0, 10) >= lo && m.start.slice(0, 10) <= hi),
    callbacks: data.callbacks.filter((c) => c.end.slice(0, 10) >= lo && c.start.slice(0, 10) <= hi),
  };
}

export async function checkSweepRequest(program: Program, r: SweepRequest): Promise<void> {
  if (!(r.timeLimitSec > 0))
    throw new ServiceError('rejected', `The time limit must be a positive number of seconds, got ${r.timeLimitSec}`);
  if (r.end < r.start) throw new ServiceError('rejected', `The period ends (${r.end}) before it starts (${r.start})`);
  if (daysBetween(r.start, r.end) > 400)
    throw new ServiceError(
      'rejected',
      `${r.start} – ${r.end} is longer than a year: sweep one academic year at a time`,
    );
  await requireAcademicYear(program, academicYearOf(r.start));
  await requireAcademicYear(program, academicYearOf(r.end));
  if (r.gone.mode === 'from') {
    if (r.gone.days < 1 || r.gone.days > 366)
      throw new ServiceError('rejected', `Gone for ${r.gone.days} days: give 1 to 366 days`);
    if (!sweepWeeks(r).length)
      throw new ServiceError(
        'rejected',
        `Gone from ${r.gone.start} for ${r.gone.days} days does not overlap the period ${r.start} – ${r.end}`,
      );
  }
}

// ---- The runner ----

export interface ContingencyRunnerOptions {
  jobs: JobService;
  now?: () => Date;
}

export interface ContingencyRunner {
  startSweep(program: Program, actor: string, request: SweepRequest): Promise<{ jobId: string }>;
  startStress(program: Program, actor: string, request: StressRequest): Promise<{ jobId: string }>;
  /** Graceful stop: the job keeps what is finished. */
  stop(jobId: string): JobSnapshot;
  /** One loss's repair in a recorded sweep (computed now when the run did not keep it). */
  repair(program: Program, query: RepairQuery): Promise<Repair>;
}

export interface RepairQuery {
  runId: number;
  gone: string[];
  week: IsoDate;
}

const sameParams = (a: ContingencyParams, b: ContingencyParams) =>
  a.depth === b.depth && JSON.stringify(a.gone) === JSON.stringify(b.gone);

/**
 * Weeks split into chunks, two per worker thread: threads finish close together, while each chunk
 * pays once for indexing its weeks and checking their schedule (with a margin around them).
 */
function chunksOf<T>(items: T[], threads: number): T[][] {
  const size = Math.max(1, Math.ceil(items.length / Math.max(1, threads * 2)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createContingencyRunner(options: ContingencyRunnerOptions): ContingencyRunner {
  const { jobs } = options;
  const now = options.now ?? (() => new Date());
  const stopReasons = new Map<string, 'user' | 'time_limit'>();

  function withTimeLimit(jobId: string, seconds: number): void {
    const timer = setTimeout(() => {
      if (jobs.status(jobId).state !== 'running') return;
      if (!stopReasons.has(jobId)) stopReasons.set(jobId, 'time_limit');
      jobs.requestStop(jobId);
    }, seconds * 1000);
    timer.unref?.();
    void jobs.wait(jobId).finally(() => clearTimeout(timer));
  }

  async function startSweep(program: Program, actor: string, request: SweepRequest): Promise<{ jobId: string }> {
    await checkSweepRequest(program, request);
    const params: ContingencyParams = {
      start: request.start,
      end: request.end,
      depth: request.depth,
      gone: request.gone,
    };
    const [data, version] = await Promise.all([loadProgramData(program), scheduleVersion(program.db)]);
    const weeks = sweepWeeks(params);
    const fingerprints = await weekFingerprints(data, weeks, nextTurn);
    // Weeks whose inputs and question are unchanged since the last sweep are taken over.
    const reused = new Map<IsoDate, StoredWeek>();
    const last = await runsDb(program.db)
      .selectFrom('contingency_runs')
      .select(['id', 'params', 'weeks'])
      .where('kind', '=', 'sweep')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last?.weeks && sameParams(JSON.parse(last.params), params)) {
      for (const w of (JSON.parse(last.weeks) as StoredSweep).weeks) {
        const days = goneDaysOf(params, w.result.week);
        if (fingerprints.get(w.result.week) === w.fingerprint && JSON.stringify(days) === JSON.stringify(w.goneDays))
          reused.set(w.result.week, w);
      }
    }
    const todo = weeks.filter((w) => !reused.has(w));
    const startedAt = now().toISOString();
    const jobId = jobs.startWork('contingency', async (ctx) => runChunks(ctx, data, params, todo), {
      finish: async (out, fin) => {
        fin.phase('Saving the results');
        const stored: StoredWeek[] = [
          ...reused.values(),
          ...out.weeks.map((w) => ({
            fingerprint: fingerprints.get(w.week)!,
            goneDays: goneDaysOf(params, w.week),
            depth: params.depth,
            result: w,
          })),
        ].sort((a, b) => (a.result.week < b.result.week ? -1 : 1));
        const complete = out.complete && stored.length === weeks.length;
        const result = summarizeSweep(
          data,
          params,
          stored.map((w) => w.result),
          { people: data.people.length, pairs: 0, elapsedSec: out.elapsedSec, workers: out.workers },
          complete,
        );
        result.figures.pairs = params.depth === 2 ? (result.people.length * (result.people.length - 1)) / 2 : 0;
        if (fin.signal.aborted) throw new Error('cancelled');
        const runId = await recordRun(program, {
          kind: 'sweep',
          actor,
          startedAt,
          finishedAt: now().toISOString(),
          version: version.id,
          complete,
          params,
          result,
          weeks: { reused: reused.size, weeks: stored },
        });
        const outcome: ContingencyJobResult = {
          runId,
          kind: 'sweep',
          complete,
          stoppedBy: complete ? null : (stopReasons.get(jobId) ?? 'user'),
          weeksComputed: out.weeks.length,
          reusedWeeks: reused.size,
        };
        return {
          state: 'succeeded',
          result: outcome,
          phase: complete ? 'Done' : 'Stopped: the finished weeks are kept',
        };
      },
    });
    withTimeLimit(jobId, request.timeLimitSec);
    return { jobId };
  }

  async function runChunks(ctx: JobWorkContext, data: ProgramData, params: ContingencyParams, todo: IsoDate[]) {
    const started = performance.now();
    const chunks = chunksOf(todo, ctx.threads);
    const progress = chunks.map(() => ({ done: 0, total: 0, week: '' }));
    const depthWord = params.depth === 2 ? 'N-1 and N-2' : 'N-1';
    const report = () => {
      const done = progress.reduce((n, p) => n + p.done, 0);
      const total = progress.reduce((n, p) => n + p.total, 0);
      const week =
        progress
          .filter((p) => p.week)
          .map((p) => p.week)
          .sort()[0] ?? '';
      ctx.progress({
        fraction: total ? done / total : 0,
        phase:
          `${depthWord}${week ? `: week of ${week}` : ''} · ${done.toLocaleString('en-US')} of ` +
          `${total.toLocaleString('en-US')} losses`,
        detail: { done, total, week: week || null },
      });
    };
    report();
    // Each chunk's part of the program, packed, a turn between two: made all at once they held the
    // main thread (a copy of months of half-days per chunk, several chunks).
    const inputs: PackedProgram[] = [];
    for (const weeks of chunks) {
      if (inputs.length) await nextTurn();
      inputs.push(packProgram(dataAround(data, weeks[0], addDays(weeks[weeks.length - 1], 6))));
    }
    const results = await Promise.all(
      chunks.map(async (weeks, i) => {
        const out = await ctx.run(
          'contingency',
          { kind: 'sweep', data: inputs[i], params, weeks },
          (p: ContingencyProgress) => {
            progress[i] = { done: p.detail.done, total: p.detail.total, week: p.detail.week ?? '' };
            report();
          },
        );
        if (out.kind !== 'sweep') throw new Error('The contingency worker answered a sweep with something else');
        return out.chunk;
      }),
    );
    return {
      weeks: results.flatMap((r) => r.weeks),
      complete: results.every((r) => r.complete),
      elapsedSec: Math.round((performance.now() - started) / 100) / 10,
      workers: Math.min(ctx.threads, chunks.length),
    };
  }

  async function startStress(program: Program, actor: string, request: StressRequest): Promise<{ jobId: string }> {
    await requireAcademicYear(program, request.academicYear);
    if (!(request.samples >= 1 && request.samples <= 20))
      throw new ServiceError('rejected', `Samples per level: give 1 to 20, got ${request.samples}`);
    const [data, version] = await Promise.all([loadProgramData(program), scheduleVersion(program.db)]);
    const block = blocksForYear(request.academicYear, data.settings.blockLayout).find(
      (b) => b.number === request.blockNumber,
    );
    if (!block)
      throw new ServiceError(
        'not_found',
        `Block ${request.blockNumber} does not exist in ${academicYearLabel(request.academicYear)}`,
      );
    const startedAt = now().toISOString();
    const params = {
      academicYear: request.academicYear,
      blockNumber: request.blockNumber,
      samples: request.samples,
      seed: request.seed,
    };
    const jobId = jobs.startWork(
      'contingency-stress',
      async (ctx) => {
        const out = await ctx.run(
          'contingency',
          { kind: 'stress', data: packProgram(dataAround(data, block.start, block.end)), ...params },
          (p: ContingencyProgress) => ctx.progress(p),
        );
        if (out.kind !== 'stress')
          throw new Error('The contingency worker answered a stress ladder with something else');
        return out.stress;
      },
      {
        finish: async (stress, fin) => {
          fin.phase('Saving the results');
          const complete = stress.levels.every((l) => l.samples.length === request.samples);
          if (fin.signal.aborted) throw new Error('cancelled');
          const runId = await recordRun(program, {
            kind: 'stress',
            actor,
            startedAt,
            finishedAt: now().toISOString(),
            version: version.id,
            complete,
            params,
            result: stress,
            weeks: null,
          });
          const outcome: ContingencyJobResult = {
            runId,
            kind: 'stress',
            complete,
            stoppedBy: complete ? null : (stopReasons.get(jobId) ?? 'user'),
            weeksComputed: 0,
            reusedWeeks: 0,
          };
          return { state: 'succeeded', result: outcome };
        },
      },
    );
    withTimeLimit(jobId, request.timeLimitSec);
    return { jobId };
  }

  async function repair(program: Program, query: RepairQuery): Promise<Repair> {
    const { stored, version, params } = await storedWeeks(program, query.runId);
    const week = stored.weeks.find((w) => w.result.week === query.week);
    if (!week) throw new ServiceError('not_found', `Run ${query.runId} did not compute the week of ${query.week}`);
    const gone = [...query.gone].sort();
    const same = (r: Repair) => JSON.stringify([...r.gone].sort()) === JSON.stringify(gone);
    const kept = [...week.result.singles, ...week.result.pairRepairs].find(same);
    if (kept) return kept;
    if (gone.length === 2 && params.depth !== 2)
      throw new ServiceError('rejected', `Run ${query.runId} looked at single losses only (N-1)`);
    const { stale, staleReason } = await staleness(program.db, version);
    if (stale) throw new ServiceError('conflict', `${staleReason}: run the sweep again to see this repair`);
    const data = await loadProgramData(program);
    const known = new Set(data.people.map((p) => p.id));
    for (const id of gone) if (!known.has(id)) throw new ServiceError('not_found', `No person with id "${id}"`);
    const jobId = jobs.startWork('contingency-repair', async (ctx) => {
      const out = await ctx.run('contingency', {
        kind: 'repair',
        data: packProgram(dataAround(data, query.week, addDays(query.week, 6))),
        week: query.week,
        days: week.goneDays,
        gone,
      });
      if (out.kind !== 'repair') throw new Error('The contingency worker answered a repair with something else');
      return out.repair;
    });
    const done = await jobs.wait(jobId);
    if (done.state !== 'succeeded')
      throw new ServiceError('conflict', done.error ?? `The repair could not be computed (${done.state})`);
    const result = done.result as Repair | null;
    if (!result) throw new ServiceError('not_found', 'Nothing to repair: losing them leaves every requirement met');
    return result;
  }

  return {
    startSweep,
    startStress,
    stop: (jobId) => {
      if (jobs.status(jobId).state === 'running' && !stopReasons.has(jobId)) stopReasons.set(jobId, 'user');
      return jobs.requestStop(jobId);
    },
    repair,
  };
}

// ---- A repair into a draft ----

const names = (data: ProgramData, ids: string[]) =>
  ids.map((id) => data.people.find((p) => p.id === id)?.name ?? id).join(' and ');

/** A draft holding a repair: the gone people's half-days, the covers' changes, calls and inpatient weeks moved. */
export async function repairDraft(
  program: Program,
  actor: string,
  runner: ContingencyRunner,
  query: RepairQuery,
): Promise<DraftSummary> {
  const { version } = await storedWeeks(program, query.runId);
  const { stale, staleReason } = await staleness(program.db, version);
  if (stale) throw new ServiceError('conflict', `${staleReason}: run the sweep again before applying a repair`);
  const repair = await runner.repair(program, query);
  const data = await loadProgramData(program);
  const assignments = repair.changes.flatMap((c) =>
    c.kind === 'slot' ? [{ personId: c.personId, date: c.date, half: c.half, activityCode: c.to }] : [],
  );
  const nightPeople = new Map<string, Set<string>>();
  const weekPeople = new Map<string, { end: IsoDate; people: Set<string> }>();
  for (const c of repair.changes) {
    if (c.kind === 'call') {
      const key = `${c.date}|${c.callTypeCode}`;
      const people =
        nightPeople.get(key) ??
        new Set(
          data.calls.filter((x) => x.date === c.date && x.callTypeCode === c.callTypeCode).map((x) => x.personId),
        );
      people.delete(c.from);
      if (c.to) people.add(c.to);
      nightPeople.set(key, people);
    } else if (c.kind === 'inpatient_week') {
      const entry = weekPeople.get(c.start) ?? {
        end: c.end,
        people: new Set(data.inpatientWeeks.filter((w) => w.start === c.start).map((w) => w.personId)),
      };
      entry.people.delete(c.from);
      if (c.to) entry.people.add(c.to);
      weekPeople.set(c.start, entry);
    }
  }
  const calls = [...nightPeople].flatMap(([key, people]) =>
    [...people].map((personId) => ({ date: key.split('|')[0], callTypeCode: key.split('|')[1], personId })),
  );
  const emptyCalls = [...nightPeople]
    .filter(([, people]) => !people.size)
    .map(([key]) => ({ date: key.split('|')[0], callTypeCode: key.split('|')[1] }));
  const inpatientWeeks = [...weekPeople].flatMap(([start, w]) =>
    [...w.people].map((personId) => ({ personId, start, end: w.end })),
  );
  const emptyInpatientWeeks = [...weekPeople]
    .filter(([, w]) => !w.people.size)
    .map(([start, w]) => ({ start, end: w.end }));
  const who = names(data, repair.gone);
  const name = `Contingency: ${who} gone, week of ${repair.week}`.slice(0, 120);
  const uncovered = repair.requirements.filter((r) => r.uncovered).map((r) => r.label);
  const note = [
    `Repair from contingency run ${query.runId}: ${who} gone ${repair.days[0]} – ` +
      `${repair.days[repair.days.length - 1]} (${repair.outcome}).`,
    uncovered.length ? `Nobody can take: ${uncovered.join('; ')}.` : '',
    repair.shed.length
      ? `Shed: ${repair.shed.length} half-days ` +
        `(${[...new Set(repair.shed.map((s) => s.level.replace('_', ' ')))].join(', ')}).`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const ctx: DraftContext = { program, actor };
  try {
    const { draft } = await createDraftFromAssignments(ctx, {
      name,
      source: 'manual',
      note,
      assignments,
      calls,
      emptyCalls,
      inpatientWeeks,
      emptyInpatientWeeks,
    });
    await validateDraft(ctx, draft.id);
    return getDraft(ctx, draft.id);
  } catch (err) {
    if (err instanceof DraftError)
      throw new ServiceError(err.code === 'invalid_input' ? 'rejected' : err.code, err.message);
    throw err;
  }
}

// ---- The printable report ----

export interface ContingencyReportRequest {
  runId: number;
  /** The .pdf file to write. */
  output: string;
  pageSize?: PageSize;
  fonts?: PdfFonts;
  now?: Date;
}

export async function exportContingencyReport(
  program: Program,
  req: ContingencyReportRequest,
): Promise<{ path: string; pages: number }> {
  const run = await getContingencyRun(program, { runId: req.runId });
  if (!run || run.kind !== 'sweep')
    throw new ServiceError('rejected', `Run ${req.runId} is a stress ladder: the contingency report prints a sweep`);
  const output = resolve(req.output);
  if (extname(output).toLowerCase() !== '.pdf')
    throw new ServiceError('rejected', `The output "${basename(output)}" must be a .pdf file`);
  const settings = (await loadProgramData(program)).settings;
  const made = await contingencyReportPdf({
    result: run.result,
    staleReason: run.staleReason,
    runLabel: `run ${run.id} of ${run.finishedAt.slice(0, 16).replace('T', ' ')}`,
    setup: {
      programName: settings.programName,
      printedAt: formatPrintedAt(req.now ?? new Date(), settings.timeZone),
      draftLabel: null,
      pageSize: req.pageSize,
      fonts: req.fonts,
    },
  });
  await writeAll([{ path: output, content: made.pdf }]);
  return { path: output, pages: made.pages };
}
