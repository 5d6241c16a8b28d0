// A generation stopped part-way leaves a draft that is consistent or says what it misses: a
// block+calls run stopped when its half-day model starts keeps the new calls, and the draft then
// carries "missing the half-day schedule of block N" as a blocking flag, so it cannot be published
// unnoticed; the result counts the draft's changes (call nights, not just slots). The block has no
// half-days yet (a published block's are the stopped model's start: generate-regeneration-stop).
// The solve runs in this process (a pool that runs the task here), stopped by the job's own stop
// flag at the event "the half-day model started".
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksForYear } from '../../core/domain/calendar';
import { JobService } from '../../core/jobs/service';
import { acknowledgeFinding, checkPublish, type DraftContext } from '../../core/services/drafts';
import { createGenerationRunner, type GenerationResult } from '../../core/services/generate';
import { openProgram, type Program } from '../../core/services/program';
import { inProcessPool, missingPartsFlag, programFixture, YEAR, type ProgramFixture } from './generation-fixture';
import { joinRegExp } from '../regexp';

let fixture: ProgramFixture;
let program: Program;

beforeAll(async () => {
  fixture = await programFixture((data) => {
    const block = blocksForYear(YEAR, data.settings.blockLayout).find((b) => b.number === 4)!;
    data.assignments = data.assignments.filter((a) => a.date < block.start || a.date > block.end);
  });
  const file = path.join(fixture.dir, 'stop.sqlite');
  fs.copyFileSync(fixture.template, file);
  program = await openProgram(file);
}, 120_000);
afterAll(async () => {
  await program?.close();
  fixture?.cleanup();
});

describe('a block+calls run stopped before its half-days', () => {
  it('keeps the calls, marks the missing half-days as a blocking flag, and counts the changes', async () => {
    const jobs = new JobService(inProcessPool((phase) => phase.includes('Half-day schedule')));
    const runner = createGenerationRunner({ jobs });
    const { jobId } = await runner.start(program, 'coordinator', {
      scope: 'block+calls',
      academicYear: YEAR,
      blockNumber: 4,
      timeLimitSec: 120,
      backend: 'highs',
    });
    const end = await jobs.wait(jobId);
    expect(await runner.idle()).toEqual([]);
    const result = end.result as GenerationResult;
    expect(result.status).toBe('stopped');
    expect(result.draftId).not.toBeNull();
    expect(result.changes?.calls).toBeGreaterThan(0);
    expect(result.missing).toEqual([expect.objectContaining({ what: 'the half-day schedule of block 4' })]);
    expect(result.message).toMatch(
      /missing the half-day schedule of block 4: publishing is blocked until that is acknowledged/,
    );

    const ctx: DraftContext = { program, actor: 'coordinator' };
    const { draft, check, flag } = await missingPartsFlag(ctx, result);
    expect(flag.message).toMatch(
      joinRegExp(
        /^This draft is missing the half-day schedule of block 4: /,
        /the run was stopped after the calls, so \d+ call nights/,
      ),
    );
    expect(check.reasons.some((r) => r.gate === 'findings')).toBe(true);
    expect(check.churn.changedCalls).toBeGreaterThan(0);

    // Acknowledged with a reason, it no longer blocks (the coordinator publishes the calls alone).
    await acknowledgeFinding(ctx, {
      findingId: flag.id,
      draftId: draft.id,
      reasonCode: 'approved_exception',
      reason: 'Half-days are set by hand this block',
    });
    const after = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect(after.validation.added.find((f) => f.ruleId === 'generation_incomplete')!.acknowledgement).not.toBeNull();
    expect(after.reasons.filter((r) => r.gate === 'findings').every((r) => !r.message.includes('missing'))).toBe(true);
    // A block+calls run through the worker pool: 33 s under load, past the 30 s default.
  }, 120_000);
});
