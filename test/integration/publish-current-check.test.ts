// Publish on the draft's stored rules check while it is current (issue 15): no second run of the
// rules for the check the publish dialog showed; every change to what the check was made from (an
// edit, the rules, the published schedule, an absence, the lock date, a day) makes publish check again,
// and a blocking finding of that new check refuses the publish.
import { describe, expect, it } from 'vitest';
import { createAbsence } from '../../core/services/absences';
import {
  checkPublish,
  createDraft,
  editDraft,
  getDraft,
  publishDraft,
  queryAudit,
  rollbackPublication,
  validateDraft,
  type Validator,
} from '../../core/services/drafts';
import { updateSettings } from '../../core/services/settings';
import { context, fixturePerFile, flagActivity, flagSlots } from './drafts-fixture';

const f = fixturePerFile();
const RES = 'RES';

/** The validator counted: how many schedules the rules were run on (a draft's check runs them on two). */
function counted(validate: Validator) {
  let runs = 0;
  return {
    validate: (input: Parameters<Validator>[0]) => {
      runs++;
      return validate(input);
    },
    runs: () => runs,
  };
}

/** A rule the test controls: a slot with activity `code` on a day its person is away (approved) is critical. */
const workWhileAway = (code: string): Validator =>
  flagSlots(
    'away',
    (a, input) =>
      a.activityCode === code &&
      (input.absences ?? []).some(
        (x) => x.personId === a.personId && x.status === 'approved' && x.start <= a.date && a.date <= x.end,
      ),
    (a) => `${a.personId} works ${code} on ${a.date} ${a.half} while away`,
  );

const resident = () => f.data.people.find((p) => p.kind === 'resident')!;
const cellOn = (date: string, personId = resident().id) => {
  const a = f.data.assignments.find((x) => x.personId === personId && x.date === date)!;
  return { personId: a.personId, date: a.date, half: a.half };
};
const publishInput = (draftId: number) => ({ draftId, acceptChurnWarnings: true, breakGlass: null });

/** A program copy with a draft changing one slot to `code`, checked: the counter counts from there. */
async function checkedDraft(validate: Validator = flagActivity('SIM'), code = RES, date = '2026-10-07') {
  const rules = counted(validate);
  const ctx = context(await f.copy(), rules.validate);
  const draft = await createDraft(ctx, { name: 'checked' });
  await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cellOn(date)], activityCode: code });
  await validateDraft(ctx, draft.id);
  expect(rules.runs()).toBe(2);
  return { ctx, draft, rules, checkedRuns: rules.runs() };
}

async function lastPublishAudit(ctx: Awaited<ReturnType<typeof checkedDraft>>['ctx']) {
  return (await queryAudit(ctx, { action: 'draft.publish', limit: 1, offset: 0 })).entries[0].after;
}

describe('publish on a current check', () => {
  it('runs the rules no second time for the check the publish dialog showed, and says so in the audit', async () => {
    const { ctx, draft, rules, checkedRuns } = await checkedDraft();
    const check = await checkPublish(ctx, publishInput(draft.id));
    expect(check.canPublish).toBe(true);
    await publishDraft(ctx, publishInput(draft.id));
    expect(rules.runs()).toBe(checkedRuns);
    expect(await lastPublishAudit(ctx)).toMatchObject({ revalidated: false, checkedAt: check.validation.validatedAt });
  });

  it('still refuses a draft whose current check has an unacknowledged blocking finding', async () => {
    const { ctx, draft, rules, checkedRuns } = await checkedDraft(flagActivity(RES));
    await expect(publishDraft(ctx, publishInput(draft.id))).rejects.toThrow(/1 finding needs to be resolved/);
    expect(rules.runs()).toBe(checkedRuns);
  });
});

describe('publish checks again when the check is stale', () => {
  type Checked = Awaited<ReturnType<typeof checkedDraft>>;
  const cases: [string, (c: Checked) => Promise<unknown>, RegExp][] = [
    [
      'the draft was edited',
      ({ ctx, draft }) =>
        editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cellOn('2026-10-08')], activityCode: RES }),
      /the draft was edited/,
    ],
    [
      'a rule changed',
      async ({ ctx }) => {
        const rules = f.data.settings.rules.map((r, i) => (i === 0 ? { ...r, enabled: !r.enabled } : r));
        await updateSettings(ctx.program, { rules }, 'coordinator');
      },
      /settings \(rules\) changed/,
    ],
    [
      'another draft was published',
      async ({ ctx }) => {
        const other = await createDraft(ctx, { name: 'other' });
        await editDraft(ctx, other.id, { kind: 'setActivity', cells: [cellOn('2026-11-04')], activityCode: RES });
        await publishDraft(ctx, publishInput(other.id));
      },
      /the published schedule changed/,
    ],
    [
      'an absence was recorded',
      ({ ctx }) =>
        createAbsence(
          ctx.program,
          {
            personId: resident().id,
            type: 'conference',
            start: '2026-12-01',
            end: '2026-12-02',
            status: 'approved',
            note: null,
          },
          'coordinator',
        ),
      /the program changed after the check \(absence/,
    ],
    [
      'a day went by',
      async ({ ctx }) => {
        ctx.clock.advanceHours(25);
      },
      /checked more than 24 hours ago/,
    ],
  ];
  for (const [what, change, reason] of cases)
    it(`${what}: the draft's check reads stale and publish runs the rules again`, async () => {
      const checked = await checkedDraft();
      await change(checked);
      const { ctx, draft, rules } = checked;
      expect((await getDraft(ctx, draft.id)).validation?.staleReason).toMatch(reason);
      const runs = rules.runs();
      await publishDraft(ctx, publishInput(draft.id));
      expect(rules.runs()).toBe(runs + 2);
      expect(await lastPublishAudit(ctx)).toMatchObject({ revalidated: true });
    });

  it('a publication rolled back after the check: publish runs the rules again', async () => {
    const rules = counted(flagActivity('SIM'));
    const ctx = context(await f.copy(), rules.validate);
    const first = await createDraft(ctx, { name: 'first' });
    await editDraft(ctx, first.id, { kind: 'setActivity', cells: [cellOn('2026-11-04')], activityCode: RES });
    const pub = await publishDraft(ctx, publishInput(first.id));
    const draft = await createDraft(ctx, { name: 'checked' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cellOn('2026-10-07')], activityCode: RES });
    await validateDraft(ctx, draft.id);
    await rollbackPublication(ctx, { publicationId: pub.id, reason: 'wrong week' });
    const runs = rules.runs();
    await publishDraft(ctx, publishInput(draft.id));
    expect(rules.runs()).toBe(runs + 2);
  });

  it('the lock date moved past its changes: checked again and refused without break-glass', async () => {
    const { ctx, draft, rules, checkedRuns } = await checkedDraft();
    await updateSettings(ctx.program, { lockDate: '2026-10-31' }, 'coordinator');
    await expect(publishDraft(ctx, publishInput(draft.id))).rejects.toThrow(/on or before the lock date 2026-10-31/);
    expect(rules.runs()).toBe(checkedRuns + 2);
  });

  it('an absence makes the checked draft break a rule: the new check refuses the publish', async () => {
    const { ctx, draft, rules, checkedRuns } = await checkedDraft(workWhileAway(RES));
    expect((await getDraft(ctx, draft.id)).validation).toMatchObject({ unresolved: 0, stale: false });
    expect((await checkPublish(ctx, publishInput(draft.id))).canPublish).toBe(true);
    await createAbsence(
      ctx.program,
      {
        personId: resident().id,
        type: 'conference',
        start: '2026-10-07',
        end: '2026-10-07',
        status: 'approved',
        note: null,
      },
      'coordinator',
    );
    const check = await checkPublish(ctx, publishInput(draft.id));
    expect(check.reasons.map((r) => r.gate)).toEqual(['findings']);
    await expect(publishDraft(ctx, publishInput(draft.id))).rejects.toThrow(/1 finding needs to be resolved/);
    expect(rules.runs()).toBe(checkedRuns + 4);
  });
});
