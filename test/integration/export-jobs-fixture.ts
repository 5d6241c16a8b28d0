// Shared by the export API tests: the app's workers built once per file, a one-thread pool and
// the job service exports run in, and a helper that waits for an export job to end.
import { afterAll, beforeAll } from 'vitest';
import type { AnyExportResult } from '../../core/api/contract';
import type { Envelope } from '../../core/api/kit';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService, type JobSnapshot } from '../../core/jobs/service';
import { buildAppWorkers } from './generation-fixture';

export function exportJobs(): { readonly jobs: JobService } {
  let workers: { dir: string; cleanup: () => void } | undefined;
  let pool: WorkerPool | undefined;
  let jobs: JobService | undefined;
  beforeAll(async () => {
    workers = await buildAppWorkers();
    pool = createWorkerPool({ workerDir: workers.dir, maxThreads: 1, warm: false });
    jobs = new JobService(pool);
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    workers?.cleanup();
  });
  return {
    get jobs() {
      if (!jobs) throw new Error('exportJobs() is read inside tests');
      return jobs;
    },
  };
}

/** The end of the export job an API call started (the call must have been accepted). */
export async function exportEnd(jobs: JobService, started: Envelope<unknown>): Promise<JobSnapshot> {
  if (!started.ok) throw new Error(`the export was refused: ${started.error.code}: ${started.error.message}`);
  return jobs.wait((started.value as { jobId: string }).jobId);
}

/** What a finished export job wrote (fails the test when the job did not succeed). */
export function exportResult(end: JobSnapshot): AnyExportResult['value'] & Record<string, unknown> {
  if (end.state !== 'succeeded') throw new Error(`the export job ${end.state}: ${end.error}`);
  return (end.result as AnyExportResult).value as AnyExportResult['value'] & Record<string, unknown>;
}
