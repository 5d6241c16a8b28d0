// Generation writes its draft and its run record in ONE transaction: when the run record cannot
// be written, the draft is not there either (a crash between two transactions used to leave a
// draft no run explains).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { JobService } from '../../core/jobs/service';
import { listDrafts } from '../../core/services/drafts';
import { createGenerationRunner } from '../../core/services/generate';
import { poolAndProgram, until, YEAR } from './generation-fixture';

const env = poolAndProgram();

describe('generation writes its draft and its run record together', () => {
  it('leaves no draft when the run record fails', async () => {
    const program = await env.fixture.copy();
    try {
      await sql`CREATE TRIGGER refuse_runs BEFORE INSERT ON generation_runs
        BEGIN SELECT RAISE(ABORT, 'the run record cannot be written'); END`.execute(program.db);
      const jobs = new JobService(env.pool);
      const runner = createGenerationRunner({ jobs });
      const { jobId } = await runner.start(program, 'tester', {
        scope: 'calls',
        academicYear: YEAR,
        blockNumber: 3,
        timeLimitSec: 60,
        backend: 'highs',
      });
      await until(() => jobs.status(jobId).state !== 'running', 120_000, 'generation end');
      expect(jobs.status(jobId).state).toBe('failed');
      expect(await listDrafts({ program, actor: 'tester' })).toEqual([]);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM draft_call_changes`.execute(program.db);
      expect(rows[0].n).toBe(0);

      // Without the obstacle the same run writes both.
      await sql`DROP TRIGGER refuse_runs`.execute(program.db);
      const again = await runner.start(program, 'tester', {
        scope: 'calls',
        academicYear: YEAR,
        blockNumber: 3,
        timeLimitSec: 60,
        backend: 'highs',
      });
      await until(() => jobs.status(again.jobId).state !== 'running', 120_000, 'generation end');
      const drafts = await listDrafts({ program, actor: 'tester' });
      expect(drafts).toHaveLength(1);
      const runs = await sql<{ draft_id: number }>`SELECT draft_id FROM generation_runs`.execute(program.db);
      expect(runs.rows.map((r) => r.draft_id)).toEqual([drafts[0].id]);
      await runner.idle();
    } finally {
      await program.close();
    }
    // A generation through the worker pool: 30 s under load, the whole 30 s default.
  }, 120_000);
});
