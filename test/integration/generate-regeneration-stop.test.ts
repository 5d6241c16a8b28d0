// A coordinator regenerates a published block after one new absence and stops the run before its
// search has found anything (the Stop button; a loaded machine or a big program is the same: no
// schedule yet when the time is up). The draft is the published block with what the absence forces
// changed: the publish dialog's churn counts the absent member's work that day and the slot the
// absence leaves without a preceptor, nothing else. Before, the stopped block had no half-days.
// The solve runs in this process, stopped by the job's own stop flag at the event "the half-day
// model started".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksForYear, isoWeekday } from '../../core/domain/calendar';
import { churnsSlot } from '../../core/domain/churn';
import { JobService } from '../../core/jobs/service';
import { createAbsence } from '../../core/services/absences';
import { checkPublish, publishDraft } from '../../core/services/drafts';
import { createGenerationRunner, type GenerationParams, type GenerationResult } from '../../core/services/generate';
import type { Program } from '../../core/services/program';
import {
  draftRows,
  generateToEnd,
  inProcessPool,
  programFixture,
  publishedSchedule,
  YEAR,
  type ProgramFixture,
} from './generation-fixture';

const BLOCK = 4;
const halfdays: GenerationParams = {
  scope: 'block',
  academicYear: YEAR,
  blockNumber: BLOCK,
  timeLimitSec: 120,
  backend: 'highs',
};
const key = (a: { personId: string; date: string; half: string }) => `${a.personId}:${a.date}:${a.half}`;

let fixture: ProgramFixture;
let program: Program;
beforeAll(async () => {
  fixture = await programFixture();
  program = await fixture.copy();
}, 120_000);
afterAll(async () => {
  await program?.close();
  fixture?.cleanup();
});

describe('regenerating a published block after a new absence, stopped at once', () => {
  it('drafts the published block with only what the absence forces changed', async () => {
    const ctx = { program, actor: 'coordinator' };
    // The block as the app generates it, published.
    const first = await generateToEnd(program, new JobService(inProcessPool(() => false)), halfdays);
    await publishDraft(ctx, { draftId: first.draftId!, acceptChurnWarnings: true, breakGlass: null });
    const block = blocksForYear(YEAR, fixture.data.settings.blockLayout).find((b) => b.number === BLOCK)!;
    const published = (await publishedSchedule(program)).assignments.filter(
      (a) => a.date >= block.start && a.date <= block.end,
    );

    // The change: a faculty member precepting on a weekday in the block's third week is away that day.
    const gone = published.find(
      (a) => a.activityCode === 'AT' && isoWeekday(a.date) <= 5 && a.date > block.secondHalfStart,
    )!;
    await createAbsence(
      program,
      { personId: gone.personId, type: 'vacation', start: gone.date, end: gone.date, status: 'approved', note: null },
      'coordinator',
    );

    const jobs = new JobService(inProcessPool((phase) => phase.includes('Half-day schedule')));
    const runner = createGenerationRunner({ jobs });
    const { jobId } = await runner.start(program, 'coordinator', halfdays);
    const end = await jobs.wait(jobId);
    expect(await runner.idle()).toEqual([]);
    const result = end.result as GenerationResult;
    expect(result.draftId, result.message).not.toBeNull();
    expect(result.missing).toEqual([]);

    // The churn as the publish dialog reads it, and which slots it is.
    const check = await checkPublish(ctx, { draftId: result.draftId!, acceptChurnWarnings: true, breakGlass: null });
    const draft = new Map((await draftRows(program, result.draftId!)).cells.map((c) => [key(c), c.activityCode]));
    const moved = published.filter((a) => draft.has(key(a)) && churnsSlot(a.activityCode, draft.get(key(a))!));
    expect(check.churn.changedSlots).toBe(moved.length);
    console.log(
      `stopped regeneration after one day's absence: ${moved.length} of ${published.length} published slots changed`,
    );
    const worked = published.filter((a) => a.personId === gone.personId && a.date === gone.date);
    expect(
      moved
        .filter((a) => a.personId === gone.personId)
        .map(key)
        .sort(),
    ).toEqual(worked.map(key).sort());
    // Anyone else moved covers the precepting the absence took from that slot.
    for (const a of moved.filter((x) => x.personId !== gone.personId)) {
      expect(key(a)).toMatch(new RegExp(`:${gone.date}:${gone.half}$`));
      expect(draft.get(key(a))).toBe('AT');
    }
  }, 300_000);
});
