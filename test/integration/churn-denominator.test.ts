// The churn guard's denominators come from the draft's own span (the academic years its entries
// cover), not from the dates it happens to change: a regenerated draft that changes nothing still
// reads "0 of <the year's published slots>", never "0 of 0", and one change reads against the same
// whole. Checked through compareDraft (what drafts.diff, the publish check and the Compare view read).
import { describe, expect, it } from 'vitest';
import { compareDraft, createDraftFromAssignments, editDraft } from '../../core/services/drafts';
import { context, fixturePerFile, flagActivity, YEAR } from './drafts-fixture';

const f = fixturePerFile();

/** Published slots of the fixture's academic year, in total and of one person. */
function publishedOfYear(personId?: string): number {
  return f.data.assignments.filter(
    (a) =>
      a.date >= `${YEAR}-07-01` &&
      a.date <= `${YEAR + 1}-06-30` &&
      a.activityCode !== null &&
      (!personId || a.personId === personId),
  ).length;
}

describe('churn denominators', () => {
  it('count the published slots of the years the draft covers, even when it changes nothing', async () => {
    const ctx = context(await f.copy(), flagActivity('none'));
    // A regeneration of August that comes out the same as published: every slot, same activity.
    const august = f.data.assignments.filter((a) => a.date >= `${YEAR}-08-01` && a.date <= `${YEAR}-08-31`);
    expect(august.length).toBeGreaterThan(100);
    const { draft } = await createDraftFromAssignments(ctx, {
      name: 'August again',
      source: 'generation',
      assignments: august.map((a) => ({ ...a, locked: a.locked ?? false })),
    });
    const year = publishedOfYear();
    expect(year).toBeGreaterThan(august.length);

    const same = await compareDraft(ctx, { draftId: draft.id });
    expect(same.counts.cells.changed + same.counts.cells.removed).toBe(0);
    expect(same.churn).toMatchObject({ changedSlots: 0, totalPct: 0, publishedSlots: year, verdict: 'ok' });

    // One changed slot is measured against the same whole, and its person against their year.
    const slot = august.find((a) => a.activityCode && a.activityCode !== 'SIM')!;
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [slot], activityCode: 'SIM' });
    const one = await compareDraft(ctx, { draftId: draft.id });
    expect(one.churn).toMatchObject({ changedSlots: 1, publishedSlots: year });
    expect(one.churn.people).toEqual([
      expect.objectContaining({
        personId: slot.personId,
        changedSlots: 1,
        publishedSlots: publishedOfYear(slot.personId),
      }),
    ]);
  });
});
