// JobService over the real pool: start → status with progress → result; cancel; graceful stop;
// failures; only the last N finished jobs are kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobNotFoundError, JobService } from '../../core/jobs/service';
import { defaultSettings } from '../../core/domain/defaults';
import type { TaskMap, YearCalendar } from '../../workers/tasks';
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

async function until(check: () => boolean, timeoutMs = 10_000) {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('JobService', () => {
  it('runs a calendar job to success with its result and full progress', async () => {
    const jobs = new JobService(pool);
    const id = jobs.start('calendar', { academicYear: 2026, blockLayout: defaultSettings().blockLayout, holidays: [] });
    expect(jobs.status(id)).toMatchObject({ id, kind: 'calendar', state: 'running', finishedAt: null });
    const done = await jobs.wait(id);
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, phase: 'Done', error: null });
    expect((done.result as YearCalendar).slots).toHaveLength(730);
    expect(done.detail).toMatchObject({ month: '2027-06', monthsDone: 12 });
    expect(done.finishedAt).not.toBeNull();
  });

  it('shows progress while running and cancels at once; the next job still runs', async () => {
    const jobs = new JobService(pool);
    const id = jobs.start('busy', { steps: 500, stepMs: 20 });
    await until(() => (jobs.status(id).progress ?? 0) > 0);
    expect(jobs.status(id).phase).toMatch(/^step \d+$/);
    const cancelled = jobs.cancel(id);
    expect(cancelled).toMatchObject({ state: 'cancelled', phase: 'Cancelled' });
    expect((await jobs.wait(id)).state).toBe('cancelled');
    // Cancelling a finished job changes nothing.
    expect(jobs.cancel(id).state).toBe('cancelled');
    const next = jobs.start('busy', { steps: 2, stepMs: 1 });
    expect((await jobs.wait(next)).state).toBe('succeeded');
  });

  it('stops gracefully: the job succeeds with the partial result', async () => {
    const jobs = new JobService(pool);
    const id = jobs.start('busy', { steps: 10_000, stepMs: 5 });
    await until(() => (jobs.status(id).progress ?? 0) > 0);
    expect(jobs.requestStop(id).phase).toBe('Stopping');
    const done = await jobs.wait(id);
    expect(done).toMatchObject({ state: 'succeeded', phase: 'Stopped early', result: { stoppedEarly: true } });
  });

  it('records a failed task with its error message', async () => {
    const jobs = new JobService(pool);
    const id = jobs.start('busy', { steps: 3, stepMs: 1, failAtStep: 1 });
    const done = await jobs.wait(id);
    expect(done).toMatchObject({ state: 'failed', phase: 'Failed', error: 'busy task failed at step 1' });
  });

  it('keeps only the last N finished jobs and names unknown ids', async () => {
    const jobs = new JobService(pool, { keepFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(jobs.start('busy', { steps: 1, stepMs: 1 }));
      await jobs.wait(ids[i]);
    }
    expect(() => jobs.status(ids[0])).toThrow(JobNotFoundError);
    expect(() => jobs.status(ids[1])).toThrow(new RegExp(ids[1]));
    expect(jobs.status(ids[2]).state).toBe('succeeded');
    expect(jobs.list().map((j) => j.id)).toEqual([ids[2], ids[3]]);
  });
});
