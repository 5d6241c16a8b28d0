// The main process stays free while an export or a solve runs: both run in the worker pool, so
// another request is answered before they end. Ordered by events (the job's own progress and end),
// never by a time budget; the latency itself is a benchmark figure (npm run bench:responsiveness).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus, ProgramInfo } from '../../core/api/contract';
import { signedInCoreOnProgram, YEAR } from './generation-fixture';
import { value } from '../test-core';

let out: string;
const status = async (jobId: string) => value<JobStatus>(await on.core.dispatch('jobs.status', { jobId }));

/** Yields to the event loop until the job reports what `seen` looks for (or ends). */
async function until(jobId: string, seen: (s: JobStatus) => boolean): Promise<JobStatus> {
  for (;;) {
    const s = await status(jobId);
    if (s.state !== 'running' || seen(s)) return s;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Another request, answered while the job runs: the instant it was answered, then the job's end. */
async function answeredDuring(jobId: string): Promise<{ answered: number; finished: number }> {
  const info = value<ProgramInfo>(await on.core.dispatch('program.info', {}));
  const answered = Date.now();
  expect(info.counts.residents).toBeGreaterThan(0);
  const end = await on.core.jobs.wait(jobId);
  return { answered, finished: Date.parse(end.finishedAt!) };
}

const on = signedInCoreOnProgram('responsive.sqlite', 'responsiveness-test');
beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'responsive-'));
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('while long work runs in the pool', () => {
  it('another request is answered before a year of personal printouts for a class is made', async () => {
    const { jobId } = value<{ jobId: string }>(
      await on.core.dispatch('exports.pdf', {
        kind: 'person',
        people: { pgyLevels: [1] },
        start: `${YEAR}-07-01`,
        end: `${YEAR + 1}-06-30`,
        output: out,
      }),
    );
    const making = await until(jobId, (s) => Number(s.detail.done ?? 0) >= 1);
    expect(making.state).toBe('running');
    const { answered, finished } = await answeredDuring(jobId);
    expect(answered).toBeLessThan(finished);
    expect((await status(jobId)).state).toBe('succeeded');
  });

  it('another request is answered while a block’s calls are generated', async () => {
    const { jobId } = value<{ jobId: string }>(
      await on.core.dispatch('generate.start', { scope: 'calls', academicYear: YEAR, blockNumber: 4 }),
    );
    const solving = await until(jobId, (s) => s.phase !== 'Queued');
    expect(solving.state).toBe('running');
    const { answered, finished } = await answeredDuring(jobId);
    expect(answered).toBeLessThan(finished);
  });
});
