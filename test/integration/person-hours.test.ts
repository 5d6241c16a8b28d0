// A resident's own hours (their page) from the compliance cache: the same figures as their row of
// the Compliance view's chart, computed from their part of the published program without building
// the whole year's validator (the page residents open first must not stall the app), and taken
// from the validator's hours when it is built already.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { complianceHours, complianceFindings, type ComplianceContext } from '../../core/services/compliance';
import { CheckedSchedule } from '../../core/services/compliance/checked-schedule';
import {
  acknowledgeFinding,
  createDraft,
  editDraft,
  publishDraft,
  validateDraft,
  type DraftContext,
} from '../../core/services/drafts';
import { buildFixture, openCopy, slotsOf, YEAR, type Fixture } from './compliance-fixture';

// Test files share modules (isolate: false): a spy on the class, put back after each test, not a module mock.
let builds: MockInstance<typeof CheckedSchedule.steps>;
beforeEach(() => {
  builds = vi.spyOn(CheckedSchedule, 'steps');
});
afterEach(() => builds.mockRestore());

let fixture: Fixture;
beforeAll(async () => {
  fixture = await buildFixture();
});
afterAll(() => fixture.cleanup());

const published = { academicYear: YEAR, draftId: null };

async function withProgram(body: (ctx: ComplianceContext & DraftContext) => Promise<void>) {
  const program = await openCopy(fixture);
  try {
    await body({ program, actor: 'coordinator' });
  } finally {
    await program.close();
  }
}

describe("a resident's own hours", () => {
  it("equal their row of everyone's, before and after a publish, without building the year's validator", async () => {
    await withProgram(async (ctx) => {
      const mine = await complianceHours(ctx, published, ['res-04']);
      expect(builds).toHaveBeenCalledTimes(0);
      expect(mine.residents.map((r) => r.personId)).toEqual(['res-04']);

      // A publish moves res-04 into 28 days of 12-hour EM: their page follows it at once.
      const draft = await createDraft(ctx, { name: '80 hours' });
      await editDraft(ctx, draft.id, {
        kind: 'setActivity',
        cells: slotsOf('res-04', '2027-01-04', 28),
        activityCode: 'EM',
      });
      for (const f of (await validateDraft(ctx, draft.id)).added.filter((x) => x.blocking))
        await acknowledgeFinding(ctx, {
          findingId: f.id,
          draftId: draft.id,
          reasonCode: 'approved_exception',
          reason: 'test',
        });
      await publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
      const after = await complianceHours(ctx, published, ['res-04']);
      expect(builds).toHaveBeenCalledTimes(0);

      const everyone = await complianceHours(ctx, published);
      expect(builds).toHaveBeenCalledTimes(1);
      expect(after).toEqual({ ...everyone, residents: everyone.residents.filter((r) => r.personId === 'res-04') });
      expect(mine).not.toEqual(after);

      // Built already: the validator's hours are reused, nothing is built again.
      const again = await complianceHours(ctx, published, ['res-04', 'res-01']);
      expect(builds).toHaveBeenCalledTimes(1);
      expect(again.residents).toEqual(everyone.residents.filter((r) => ['res-04', 'res-01'].includes(r.personId)));
      await complianceFindings(ctx, published);
      expect(builds).toHaveBeenCalledTimes(1);
    });
  });
});
