// The worker pool with real built workers: typed tasks, progress over the port, hard cancel via
// AbortSignal (pool healthy afterwards), graceful stop via the shared flag, HiGHS wasm loading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkerPool,
  isAbortError,
  StopFlag,
  WorkerFileMissingError,
  type WorkerPool,
} from '../../core/jobs/pool';
import { defaultSettings } from '../../core/domain/defaults';
import type { CalendarProgress, TaskMap } from '../../workers/tasks';
import { buildTestWorkers } from './jobs-fixtures/build';
import type { FixtureTaskMap } from './jobs-fixtures/tasks';

type AllTasks = TaskMap & FixtureTaskMap;
let pool: WorkerPool<AllTasks>;
let cleanup: () => void;

beforeAll(async () => {
  const built = await buildTestWorkers();
  cleanup = built.cleanup;
  pool = createWorkerPool<AllTasks>({ workerDir: built.dir, maxThreads: 1 });
});
afterAll(async () => {
  await pool?.close();
  cleanup?.();
});

const layout = defaultSettings().blockLayout;

describe('worker pool', () => {
  it('runs the calendar task and delivers every monthly progress message before the result', async () => {
    const progress: CalendarProgress[] = [];
    const calendar = await pool.run(
      'calendar',
      {
        academicYear: 2026,
        blockLayout: layout,
        holidays: [{ date: '2026-07-03', name: 'Independence Day (observed)', dayType: 'federal_holiday' }],
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(calendar.slots).toHaveLength(730);
    expect(progress.map((p) => p.detail.month)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(calendar.slots.find((s) => s.date === '2026-07-03')!.dayType).toBe('federal_holiday');
  });

  it('hard-cancels a blocking task through AbortSignal and stays healthy for the next task', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const running = pool.run(
      'busy',
      { steps: 200, stepMs: 50 },
      {
        signal: abort.signal,
        onProgress: (p) => {
          seen.push(p.fraction!);
          if (seen.length === 2) abort.abort();
        },
      },
    );
    const err = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(err)).toBe(true);
    expect(seen.length).toBeLessThan(20);
    const next = await pool.run('busy', { steps: 3, stepMs: 1 });
    expect(next).toMatchObject({ stepsDone: 3, stoppedEarly: false });
    expect(pool.busy).toBe(0);
  });

  it('stops a long task gracefully through the shared flag, returning its partial result', async () => {
    const stop = new StopFlag();
    const result = await pool.run(
      'busy',
      { steps: 10_000, stepMs: 5 },
      {
        stop,
        onProgress: (p) => {
          if (p.detail?.step === 5) stop.request();
        },
      },
    );
    expect(result.stoppedEarly).toBe(true);
    expect(result.stepsDone).toBeGreaterThanOrEqual(5);
    expect(result.stepsDone).toBeLessThan(10_000);
  });

  it('ends a task that does not answer a stop with its last interim result, and the pool runs on', async () => {
    const stop = new StopFlag();
    const result = await pool.run(
      'busy',
      { steps: 1_000_000, stepMs: 5, deafWithInterim: true },
      {
        stop,
        stopGraceMs: 1,
        onProgress: (p) => {
          if (p.detail?.step === 5) stop.request();
        },
      },
    );
    // The interim result of step 5 or later: the task itself never looks at the stop.
    expect(result.stoppedEarly).toBe(true);
    expect(result.stepsDone).toBeGreaterThanOrEqual(4);
    expect(result.stepsDone).toBeLessThan(1_000_000);
    const next = await pool.run('busy', { steps: 2, stepMs: 1 });
    expect(next).toMatchObject({ stepsDone: 2, stoppedEarly: false });
    expect(next.threadId).not.toBe(result.threadId);
    expect(pool.busy).toBe(0);
  });

  it('lets a task that posted no interim result run on past a stop it does not answer', async () => {
    const stop = new StopFlag();
    const result = await pool.run(
      'busy',
      { steps: 20, stepMs: 10, deaf: true },
      {
        stop,
        stopGraceMs: 1,
        onProgress: (p) => {
          if (p.detail?.step === 2) stop.request();
        },
      },
    );
    expect(result).toMatchObject({ stepsDone: 20, stoppedEarly: false });
  });

  it('reports a task error with its message, and the next task still runs', async () => {
    await expect(pool.run('busy', { steps: 5, stepMs: 1, failAtStep: 2 })).rejects.toThrow(
      'busy task failed at step 2',
    );
    await expect(pool.run('busy', { steps: 1, stepMs: 1 })).resolves.toMatchObject({ stepsDone: 1 });
  });

  it('names the missing worker file when a task was never built', async () => {
    const untyped = pool as unknown as WorkerPool<{ nope: AllTasks['busy'] }>;
    await expect(untyped.run('nope', { steps: 1, stepMs: 1 })).rejects.toThrow(WorkerFileMissingError);
    await expect(untyped.run('nope', { steps: 1, stepMs: 1 })).rejects.toThrow(/nope\.cjs/);
  });

  it('hands each bundled worker the HiGHS its process compiled, and the worker solves with it', async () => {
    const r = await pool.run('highs-probe', {});
    expect(r.fromPoolModule).toBe(true);
    expect(r.status).toBe('optimal');
    // max x + 2y s.t. x + y <= 4, x - y >= 1 → x = 2.5, y = 1.5, objective 5.5
    expect(r.objective).toBeCloseTo(5.5, 6);
    expect(r.x).toBeCloseTo(2.5, 6);
    expect(r.y).toBeCloseTo(1.5, 6);
  });
});
