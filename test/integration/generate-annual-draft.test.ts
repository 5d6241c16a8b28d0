// The annual scope end to end through the worker pool: the rotation plan goes into a NEW draft
// (never the published plan) whose plan is exactly what the solver decided (the run's recorded
// explanations, one per plan entry), checked by the compliance engine with no hard finding; then
// published (rotation_assignments becomes the draft's plan) and rolled back to the byte.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { JobService } from '../../core/jobs/service';
import {
  compareDraft,
  getDraft,
  listDrafts,
  publishDraft,
  rollbackPublication,
  validateDraft,
} from '../../core/services/drafts';
import { applyDiffToProgram } from '../../core/services/drafts/overlay-program';
import { createGenerationRunner, type GenerationResult } from '../../core/services/generate';
import { loadProgramData, type Program } from '../../core/services/program';
import { poolAndProgram, until, YEAR } from './generation-fixture';

const env = poolAndProgram();

async function dumpPlan(program: Program): Promise<string> {
  const { rows } = await sql`SELECT rowid AS rowid, * FROM rotation_assignments ORDER BY rowid`.execute(program.db);
  return JSON.stringify(rows);
}

/** "person|block|part=CODE" for each plan entry of the year. */
function planLines(
  entries: { personId: string; academicYear: number; blockNumber: number; part: string; rotationId: string }[],
  codeOf: (id: string) => string,
): string[] {
  return entries
    .filter((e) => e.academicYear === YEAR)
    .map((e) => `${e.personId}|${e.blockNumber}|${e.part}=${codeOf(e.rotationId)}`)
    .sort();
}

describe('annual generation writes a rotation-plan draft', () => {
  it('the draft holds the solver plan, passes the rule check, publishes and rolls back exactly', async () => {
    const program = await env.fixture.copy();
    try {
      const jobs = new JobService(env.pool);
      const runner = createGenerationRunner({ jobs });
      const ctx = { program, actor: 'tester' };
      const publishedBefore = await dumpPlan(program);
      const t0 = performance.now();
      const { jobId } = await runner.start(program, 'tester', {
        scope: 'annual',
        academicYear: YEAR,
        blockNumber: null,
        timeLimitSec: 90,
        backend: 'highs',
      });
      await until(() => jobs.status(jobId).state !== 'running', 180_000, 'annual generation end');
      const done = jobs.status(jobId);
      const result = done.result as GenerationResult;
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.status).toBe('succeeded');
      expect(result.hardFindings).toEqual([]);
      expect(result.draftId).not.toBeNull();
      expect(result.draftName).toMatch(/^Generated rotation plan AY 2026–27/);
      expect(result.message).not.toMatch(/not the rotation plan/);
      // The run no longer keeps a copy of the plan: the draft holds it.
      const run = await sql<{
        plan: string | null;
        explanations: string;
      }>`SELECT plan, explanations FROM generation_runs WHERE id = ${result.runId}`.execute(program.db);
      expect(run.rows[0].plan).toBeNull();
      expect(await runner.idle()).toEqual([]);
      console.log(
        `annual plan (17 residents): ${((performance.now() - t0) / 1000).toFixed(2)} s end to end, ` +
          `${result.figures.variables} variables × ${result.figures.rows} rows`,
      );

      // The draft's plan (published plan with the draft on top) is exactly the solver's decisions.
      const data = await loadProgramData(program);
      const code = new Map(data.rotations.map((r) => [r.id, r.code]));
      const comparison = await compareDraft(ctx, { draftId: result.draftId! });
      expect(comparison.diff.rotations.length).toBeGreaterThan(0);
      expect(comparison.diff.cells).toEqual([]);
      const drafted = applyDiffToProgram(data, comparison.diff).rotationAssignments;
      // The run's explanations: those in its row, then those stored in parts with its draft.
      const parts = await sql<{ explanations: string }>`SELECT explanations FROM generation_explanation_parts
        WHERE draft_id = ${result.draftId} ORDER BY part`.execute(program.db);
      const solver = [run.rows[0].explanations, ...parts.rows.map((p) => p.explanations)]
        .flatMap((json) => JSON.parse(json) as { key: string; value: string }[])
        .filter((e) => e.key.startsWith('plan:'))
        .map((e) => {
          const [, personId, block, part] = e.key.split(':');
          return `${personId}|${block}|${part}=${e.value}`;
        })
        .sort();
      expect(planLines(drafted, (id) => code.get(id)!)).toEqual(solver);

      // Checked with the compliance engine after the job: stored flags, nothing hard.
      const summary = await getDraft(ctx, result.draftId!);
      expect(summary.entries.rotations).toBeGreaterThan(0);
      expect(summary.validation).not.toBeNull();
      const v = await validateDraft(ctx, result.draftId!);
      expect(v.added.filter((f) => f.blocking)).toEqual([]);

      // Publish: the published plan becomes the draft's; the rollback restores it to the byte.
      const pub = await publishDraft(ctx, { draftId: result.draftId!, acceptChurnWarnings: true, breakGlass: null });
      expect(pub.changes.rotations).toBe(comparison.diff.rotations.length);
      expect(planLines((await loadProgramData(program)).rotationAssignments, (id) => code.get(id)!)).toEqual(solver);

      // Generated again, the plan is the one now in place: no draft to review or publish.
      const drafts = await listDrafts(ctx);
      const again = await runner.start(program, 'tester', {
        scope: 'annual',
        academicYear: YEAR,
        blockNumber: null,
        timeLimitSec: 90,
        backend: 'highs',
      });
      await until(() => jobs.status(again.jobId).state !== 'running', 180_000, 'second annual generation end');
      const second = jobs.status(again.jobId).result as GenerationResult;
      expect(second.status).toBe('succeeded');
      expect(second.draftId).toBeNull();
      expect(second.message).toMatch(/already in place: nothing to change, so no draft was written/);
      expect(await listDrafts(ctx)).toEqual(drafts);
      await rollbackPublication(ctx, { publicationId: pub.id, reason: 'test' });
      expect(await dumpPlan(program)).toBe(publishedBefore);
    } finally {
      await program.close();
    }
  }, 300_000);
});
