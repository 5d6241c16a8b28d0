// JobService's finish step (used by schedule generation to store a result in the main process):
// the job stays running until the step ends and takes the step's outcome; a hard cancel before
// the step starts writing ends the job cancelled; once the step has written, the job completes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService, type JobFinishContext } from '../../core/jobs/service';
import type { TaskMap } from '../../workers/tasks';
import { buildTestWorkers } from './jobs-fixtures/build';
import type { BusyResult, FixtureTaskMap } from './jobs-fixtures/tasks';

type AllTasks = TaskMap & FixtureTaskMap;
let pool: WorkerPool<AllTasks>;
let cleanup: () => void;

beforeAll(async () => {
  const built = await buildTestWorkers();
  cleanup = built.cleanup;
  pool = createWorkerPool<AllTasks>({ workerDir: built.dir, maxThreads: 1 });
}, 60_000);
afterAll(async () => {
  await pool?.close();
  cleanup?.();
});

/** A promise with its resolve function, to hold a finish step at a chosen point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('JobService finish step', () => {
  it('keeps the job running through the step and ends it with the step’s outcome', async () => {
    const jobs = new JobService(pool);
    const hold = gate();
    let seen: { result: BusyResult; stopRequested: boolean } | null = null;
    const id = jobs.start(
      'busy',
      { steps: 2, stepMs: 1 },
      {
        finish: async (result, ctx) => {
          seen = { result, stopRequested: ctx.stopRequested };
          ctx.phase('Saving');
          await hold.opened;
          return { state: 'failed', result: { stored: result.stepsDone }, error: 'rule check failed' };
        },
      },
    );
    await expect.poll(() => jobs.status(id).phase).toBe('Saving');
    expect(jobs.status(id).state).toBe('running');
    hold.open();
    const done = await jobs.wait(id);
    expect(done).toMatchObject({
      state: 'failed',
      error: 'rule check failed',
      result: { stored: 2 },
      phase: 'Failed',
      progress: 1,
    });
    expect(seen).toMatchObject({ result: { stepsDone: 2 }, stopRequested: false });
  });

  it('a cancel during the step aborts its signal: before writing, the job ends cancelled', async () => {
    const jobs = new JobService(pool);
    const hold = gate();
    let wrote = false;
    const id = jobs.start(
      'busy',
      { steps: 1, stepMs: 1 },
      {
        finish: async (_result, ctx: JobFinishContext) => {
          ctx.phase('Waiting');
          await hold.opened;
          if (ctx.signal.aborted) {
            const err = new Error('cancelled');
            err.name = 'AbortError';
            throw err;
          }
          wrote = true;
          return { state: 'succeeded', result: null };
        },
      },
    );
    await expect.poll(() => jobs.status(id).phase).toBe('Waiting');
    // The step is in charge now: cancel asks it to give up rather than ending the job under it.
    expect(jobs.cancel(id).state).toBe('running');
    hold.open();
    expect((await jobs.wait(id)).state).toBe('cancelled');
    expect(wrote).toBe(false);
  });

  it('a cancel after the step started writing lets the job complete', async () => {
    const jobs = new JobService(pool);
    const hold = gate();
    const id = jobs.start(
      'busy',
      { steps: 1, stepMs: 1 },
      {
        finish: async (_result, ctx) => {
          ctx.phase('Writing');
          await hold.opened;
          return { state: 'succeeded', result: 'written', phase: 'Saved' };
        },
      },
    );
    await expect.poll(() => jobs.status(id).phase).toBe('Writing');
    jobs.cancel(id);
    hold.open();
    expect(await jobs.wait(id)).toMatchObject({ state: 'succeeded', result: 'written', phase: 'Saved' });
  });

  it('reports the graceful stop to the step', async () => {
    const jobs = new JobService(pool);
    const id = jobs.start(
      'busy',
      { steps: 10_000, stepMs: 5 },
      {
        finish: async (result, ctx) => ({
          state: 'succeeded',
          result: { stopped: ctx.stopRequested, early: result.stoppedEarly },
        }),
      },
    );
    await expect.poll(() => jobs.status(id).progress ?? 0).toBeGreaterThan(0);
    jobs.requestStop(id);
    expect(await jobs.wait(id)).toMatchObject({
      state: 'succeeded',
      phase: 'Stopped early',
      result: { stopped: true, early: true },
    });
  });
});
