// Interactive work (INTERACTIVE_TASKS: what a user waits for) never queues behind a solve (issue 15
// item 1). On a two-core workstation the solve pool has one thread, and a year's generation or a
// contingency sweep holds it for minutes; an export, the year's calendars, a draft's rule check and
// reading a workbook run on a thread of their own. Here a solve-pool task that runs until it is
// stopped holds that thread; on the old routing the export below waited behind it and never ended.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../core/api/contract';
import { value } from '../test-core';
import { signedInCoreOnProgram, YEAR } from './generation-fixture';

const on = signedInCoreOnProgram('interactive-work.sqlite');

/** The job's end, read through the API as the app's status line reads it. */
async function jobEnd(jobId: string): Promise<JobStatus> {
  for (;;) {
    const status = value<JobStatus>(await on.core.dispatch('jobs.status', { jobId }));
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('while a solve holds the solve threads', () => {
  it('an export and the calendars run and end; the solve is still running', async () => {
    // Holds every thread of the solve pool until cancelled.
    const holding = on.core.jobs.startWork('solve', (ctx) =>
      Promise.all(
        Array.from({ length: ctx.threads }, () => ctx.run('busy' as never, { steps: 1_000_000, stepMs: 5 } as never)),
      ),
    );
    const csv = value<{ jobId: string }>(
      await on.core.dispatch('exports.csv', { output: path.join(on.fixture.dir, 'year.csv') }),
    );
    const calendars = value<{ jobId: string }>(
      await on.core.dispatch('jobs.startYearCalendar', { academicYear: YEAR }),
    );
    expect((await jobEnd(csv.jobId)).state).toBe('succeeded');
    expect((await jobEnd(calendars.jobId)).state).toBe('succeeded');
    expect(on.core.jobs.status(holding).state).toBe('running');
    on.core.jobs.cancel(holding);
    expect((await on.core.jobs.wait(holding)).state).toBe('cancelled');
  });
});
