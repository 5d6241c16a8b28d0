// Shared by the generation integration tests: the app's workers (bundled once per run), the
// reference demo program on disk (copied per test), and independent readers of what a run wrote —
// the published schedule, the draft's own rows, and the schedule as it would be after publishing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { Assignment, CallAssignment, InpatientWeek } from '../../core/domain/types';
import { readProgramData } from '../../core/db/program-data';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { checkPublish, getDraft, type DraftContext } from '../../core/services/drafts';
import { createGenerationRunner, type GenerationParams, type GenerationResult } from '../../core/services/generate';
import { JobService, type JobStartOptions, type JobWorkContext } from '../../core/jobs/service';
import { openProgram, type Program } from '../../core/services/program';
import type { Core } from '../../core/api/core';
import { demoProgram, writeProgramFile } from '../program-template';
import { getBackend } from '../../core/solver/backends';
import { runGeneration } from '../../core/solver/models/generate';
import { unpack, unpackRequest } from '../../core/solver/models/packed-request';
import type { ComplianceInput } from '../../core/rules/input';
import { validate } from '../../core/rules/engine';
import type { TaskMap, TaskProgress } from '../../workers/tasks';
import { signIn } from '../sign-in';
import { createTestCore } from '../test-core';

export const YEAR = 2026;

/** The app's workers, bundled once per run by test/global-workers.ts (it removes them at the end). */
export async function buildAppWorkers(): Promise<{ dir: string; cleanup: () => void }> {
  return { dir: inject('workerDir'), cleanup: () => {} };
}

/**
 * For a test file: before its tests, the app's workers, a one-thread pool on them (not warmed up:
 * test/test-core.ts says why) and the reference program (changed by `edit`); all removed after.
 * Read `pool` and `fixture` inside the tests.
 */
export function poolAndProgram(edit?: (data: ProgramData) => void): {
  readonly pool: WorkerPool;
  readonly fixture: ProgramFixture;
} {
  let workers: { dir: string; cleanup: () => void } | undefined;
  let pool: WorkerPool | undefined;
  let fixture: ProgramFixture | undefined;
  beforeAll(async () => {
    workers = await buildAppWorkers();
    pool = createWorkerPool({ workerDir: workers.dir, maxThreads: 1, warm: false });
    fixture = await programFixture(edit);
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    workers?.cleanup();
    fixture?.cleanup();
  });
  return {
    get pool() {
      return pool!;
    },
    get fixture() {
      return fixture!;
    },
  };
}

/**
 * For a test file: before its tests, a two-thread pool on the app's workers (not warmed up) and a
 * scratch folder named after `prefix`; both removed after. Read `pool` and `dir` inside the tests.
 */
export function poolAndScratch(prefix: string): { readonly pool: WorkerPool; readonly dir: string } {
  let workers: { dir: string; cleanup: () => void } | undefined;
  let pool: WorkerPool | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    workers = await buildAppWorkers();
    pool = createWorkerPool({ workerDir: workers.dir, maxThreads: 2, warm: false });
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    workers?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get pool() {
      return pool!;
    },
    get dir() {
      return dir!;
    },
  };
}

/**
 * For a test file: before its tests, a core on the app's workers, opened on a copy of the reference
 * program (`fileName` in the fixture's folder) and signed in as the coordinator; closed and removed
 * after. Read `core`, `fixture` and `file` inside the tests.
 */
export function signedInCoreOnProgram(
  fileName: string,
  actor = 'api-test',
): { readonly core: Core; readonly fixture: ProgramFixture; readonly file: string } {
  let workers: { dir: string; cleanup: () => void } | undefined;
  let fixture: ProgramFixture | undefined;
  let core: Core | undefined;
  let file = '';
  beforeAll(async () => {
    workers = await buildAppWorkers();
    fixture = await programFixture();
    file = path.join(fixture.dir, fileName);
    fs.copyFileSync(fixture.template, file);
    core = await createTestCore({ dbPath: file, workerDir: workers.dir, actor });
    await signIn(core.dispatch);
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    workers?.cleanup();
    fixture?.cleanup();
  });
  return {
    get core() {
      return core!;
    },
    get fixture() {
      return fixture!;
    },
    get file() {
      return file;
    },
  };
}

export interface ProgramFixture {
  dir: string;
  template: string;
  data: ProgramData;
  copy(): Promise<Program>;
  cleanup(): void;
}

/** The reference program (17 residents, 12 faculty) of the demo generator, changed by `edit`. */
export async function programFixture(edit: (data: ProgramData) => void = () => {}): Promise<ProgramFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-'));
  const data = demoProgram({ seed: 1, academicYear: YEAR });
  edit(data);
  const template = path.join(dir, 'template.sqlite');
  await writeProgramFile(template, data, 'fixture');
  let copies = 0;
  return {
    dir,
    template,
    data,
    async copy() {
      const file = path.join(dir, `copy-${++copies}.sqlite`);
      fs.copyFileSync(template, file);
      return openProgram(file);
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The published schedule layers, as stored. */
export async function publishedSchedule(program: Program) {
  const data = await readProgramData(program.db);
  return {
    assignments: data.assignments,
    calls: data.calls,
    inpatientWeeks: data.inpatientWeeks,
    rotationAssignments: data.rotationAssignments,
  };
}

/** Rows per table: what "the database is unchanged" compares. */
export async function tableCounts(program: Program): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'`.execute(program.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(program.db);
    out[name] = r.rows[0].n;
  }
  return out;
}

export interface DraftRows {
  cells: {
    personId: string;
    date: string;
    half: 'AM' | 'PM';
    activityCode: string | null;
    source: string;
    locked: boolean;
  }[];
  calls: { date: string; callTypeCode: string; personId: string; assigned: boolean; source: string | null }[];
  weeks: { personId: string; start: string; end: string | null; assigned: boolean }[];
}

/** A draft's overlay rows, read straight from its tables. */
export async function draftRows(program: Program, draftId: number): Promise<DraftRows> {
  const cells = await sql<{
    person_id: string;
    date: string;
    half: 'AM' | 'PM';
    activity_code: string | null;
    source: string;
    locked: number;
  }>`
    SELECT person_id, date, half, activity_code, source, locked FROM draft_assignment_changes
    WHERE draft_id = ${draftId}`.execute(program.db);
  const calls = await sql<{
    date: string;
    call_type_code: string;
    person_id: string;
    assigned: number;
    source: string | null;
  }>`
    SELECT date, call_type_code, person_id, assigned, source FROM draft_call_changes
    WHERE draft_id = ${draftId}`.execute(program.db);
  const weeks = await sql<{ person_id: string; start: string; end: string | null; assigned: number }>`
    SELECT person_id, start, "end", assigned FROM draft_inpatient_week_changes WHERE draft_id = ${draftId}`.execute(
    program.db,
  );
  return {
    cells: cells.rows.map((r) => ({
      personId: r.person_id,
      date: r.date,
      half: r.half,
      activityCode: r.activity_code,
      source: r.source,
      locked: r.locked === 1,
    })),
    calls: calls.rows.map((r) => ({
      date: r.date,
      callTypeCode: r.call_type_code,
      personId: r.person_id,
      assigned: r.assigned === 1,
      source: r.source,
    })),
    weeks: weeks.rows.map((r) => ({ personId: r.person_id, start: r.start, end: r.end, assigned: r.assigned === 1 })),
  };
}

/** The program as it would be after publishing the draft: published rows with the draft's rows on top. */
export function withDraft(data: ProgramData, rows: DraftRows): ProgramData {
  const cellKey = (a: { personId: string; date: string; half: string }) => `${a.personId}|${a.date}|${a.half}`;
  const cells = new Map<string, Assignment>(data.assignments.map((a) => [cellKey(a), a]));
  for (const c of rows.cells) {
    if (c.activityCode === null) cells.delete(cellKey(c));
    else
      cells.set(cellKey(c), {
        personId: c.personId,
        date: c.date,
        half: c.half,
        activityCode: c.activityCode,
        source: c.source as Assignment['source'],
        locked: c.locked,
      });
  }
  const callKey = (c: { date: string; callTypeCode: string; personId: string }) =>
    `${c.date}|${c.callTypeCode}|${c.personId}`;
  const calls = new Map<string, CallAssignment>(data.calls.map((c) => [callKey(c), c]));
  for (const c of rows.calls) {
    if (c.assigned)
      calls.set(callKey(c), {
        date: c.date,
        callTypeCode: c.callTypeCode,
        personId: c.personId,
        source: c.source as CallAssignment['source'],
      });
    else calls.delete(callKey(c));
  }
  const weekKey = (w: { personId: string; start: string }) => `${w.personId}|${w.start}`;
  const weeks = new Map<string, InpatientWeek>(data.inpatientWeeks.map((w) => [weekKey(w), w]));
  for (const w of rows.weeks) {
    if (w.assigned) weeks.set(weekKey(w), { personId: w.personId, start: w.start, end: w.end! });
    else weeks.delete(weekKey(w));
  }
  return { ...data, assignments: [...cells.values()], calls: [...calls.values()], inpatientWeeks: [...weeks.values()] };
}

/** Poll until `check` holds (the job service updates status from worker messages). */
/**
 * A job service that records every progress report its jobs make (phase, objective), as they are
 * made: polling a job's status samples it, and a short phase (a small block's half-day solve) can
 * pass between two polls on a loaded machine.
 */
export class RecordingJobService extends JobService {
  readonly phases = new Set<string>();
  sawObjective = false;

  override startWork<R>(kind: string, work: (ctx: JobWorkContext) => Promise<R>, options?: JobStartOptions<R>): string {
    const record = (p: TaskProgress) => {
      this.phases.add(p.phase);
      if (typeof p.detail?.objective === 'number') this.sawObjective = true;
    };
    return super.startWork(
      kind,
      (ctx) =>
        work({
          ...ctx,
          progress: (p) => {
            record(p);
            ctx.progress(p);
          },
        }),
      options,
    );
  }
}

export async function until(check: () => boolean, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A generated draft that misses parts (a stopped run): it holds them as its incomplete parts, and
 * publishing is blocked by an unacknowledged critical flag for them. Returns that flag and the check.
 */
export async function missingPartsFlag(ctx: DraftContext, result: GenerationResult) {
  const draft = await getDraft(ctx, result.draftId!);
  expect(draft.incomplete).toEqual(result.missing);
  const check = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
  expect(check.canPublish).toBe(false);
  const flag = check.validation.added.find((f) => f.ruleId === 'generation_incomplete')!;
  expect(flag).toMatchObject({ severity: 'critical', blocking: true, acknowledgement: null });
  return { draft, check, flag };
}

/** Run one generation through the app's runner to its end (it must succeed) and return its result. */
export async function generateToEnd(
  program: Program,
  jobs: JobService,
  params: GenerationParams,
): Promise<GenerationResult> {
  const runner = createGenerationRunner({ jobs });
  const { jobId } = await runner.start(program, 'coordinator', params);
  await until(() => jobs.status(jobId).state !== 'running', 1_500_000, `${params.scope} run`);
  const done = jobs.status(jobId);
  expect(done.state, done.error ?? '').toBe('succeeded');
  await runner.idle();
  return done.result as GenerationResult;
}

/**
 * A pool that runs the solve task in this process and asks it to stop when `stopAt` sees its
 * phase; the draft's check as the check worker does.
 */
export function inProcessPool(stopAt: (phase: string) => boolean): WorkerPool<TaskMap> {
  return {
    async run(task, input, opts = {}) {
      if (task === 'check') {
        const { before, after, options } = input as TaskMap['check']['input'];
        const run = (i: typeof before) => validate(unpack<ComplianceInput>(i), options);
        return { before: run(before), after: run(after) } as never;
      }
      if (task !== 'solve') throw new Error(`only the solve and check tasks run here, not ${task}`);
      const { backend = 'highs', ...request } = input as TaskMap['solve']['input'];
      return runGeneration(getBackend(backend), unpackRequest(request), {
        stop: () => opts.stop?.requested ?? false,
        progress: (p) => {
          if (stopAt(p.phase)) opts.stop?.request();
          opts.onProgress?.({
            fraction: p.fraction,
            phase: p.phase,
            detail: { objective: p.objective, bound: p.bound, gap: p.gap, elapsedSec: p.elapsedSec },
          } as never);
        },
      }) as never;
    },
    workerFile: (t) => t,
    workerDir: '',
    maxThreads: 1,
    busy: 0,
    close: async () => {},
  };
}
