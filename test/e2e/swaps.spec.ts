// Swaps end to end, as the coordinator in the demo program: right-click an upcoming call in the
// published schedule → request a swap → ranked candidates → choose the best → the request waits
// (badge on the Swaps entry, card on the Dashboard) → approve → run it → the grid shows the
// other person on that night → roll back → the grid shows the first person again. The published
// schedule is left as it was (the rollback restores it to the byte).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// One booted app for the spec's tests, each signed in afresh: nothing of the test before stays (fixtures.ts).
test.use({ sharePage: 'signed-in-afresh' });

interface Setup {
  date: string;
  block: number;
  holder: string;
  holderName: string;
}

/** An OC call at least three days ahead, early in its block (so its column shows without scrolling). */
async function upcomingCall(page: Page): Promise<Setup> {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
    for (const b of blocks) {
      if (b.end < soon) continue;
      const early = new Date(Date.parse(`${b.start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const grid = await window.api['schedule.grid']({ start: b.start, end: early });
      const call = grid.calls.find((c) => c.callTypeCode === 'OC' && c.date >= soon);
      if (call)
        return {
          date: call.date,
          block: b.number,
          holder: call.personId,
          holderName: people.find((p) => p.id === call.personId)!.name,
        };
    }
    throw new Error('No upcoming OC call early in a block of the current academic year');
  });
}

const callCell = (page: Page, date: string) =>
  page.getByRole('grid').locator(`[role="gridcell"][data-call-type="OC"][data-date="${date}"]`);

async function openBlock(page: Page, block: number) {
  await page.goto(`${new URL(page.url()).origin}/#/schedule?block=${block}`);
  await expect(page.getByRole('grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
}

test('request a swap from the grid, see candidates, approve, run it, see it in the grid, roll it back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const s = await upcomingCall(page);
  await openBlock(page, s.block);
  await expect(callCell(page, s.date)).toHaveAttribute('data-person-ids', s.holder);

  // The cell's menu offers the call; the dialog ranks who could take it.
  await callCell(page, s.date).click({ button: 'right' });
  const offer = page.getByTestId('request-swap');
  await expect(offer).toContainText(`${s.holderName}’s OC call`);
  await offer.click();
  const dialog = page.getByRole('dialog', { name: 'Request a swap' });
  const candidates = dialog.getByTestId('swap-candidate');
  await expect(candidates.first()).toBeVisible({ timeout: 60_000 });
  const scores = await candidates.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-score'))));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  for (const v of scores) expect(v >= 0 && v <= 1).toBe(true);
  const taker = (await candidates.first().getAttribute('data-person-id'))!;
  await candidates.first().click();
  await dialog.getByTestId('swap-reason').fill('Family event that night');
  await dialog.getByTestId('swap-request-submit').click();
  await expect(dialog).toBeHidden();

  // It waits for approval: in the Swaps view, with a badge on its entry.
  await expect(page).toHaveURL(/#\/swaps\?swap=\d+/);
  const row = page.getByTestId('swap-row').first();
  await expect(row).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('swaps-badge')).toContainText('1');
  const swapId = (await row.getAttribute('data-swap-id'))!;

  await row.getByTestId('swap-approve').click();
  const approve = page.getByRole('dialog', { name: /Approve the swap/ });
  await approve.getByTestId('swap-action-text').fill('Fine by the schedule');
  await approve.getByTestId('swap-action-submit').click();
  await expect(approve).toBeHidden();
  await expect(row).toHaveAttribute('data-status', 'approved');

  await row.getByTestId('swap-execute').click();
  const run = page.getByRole('dialog', { name: /Run the swap/ });
  await run.getByTestId('swap-action-submit').click();
  await expect(run).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('swaps-badge')).toHaveCount(0);

  // The published schedule has the other person on that night.
  await openBlock(page, s.block);
  await expect(callCell(page, s.date)).toHaveAttribute('data-person-ids', taker);

  // Roll it back from the history: the first person is on call again.
  await page.goto(`${new URL(page.url()).origin}/#/swaps?tab=history&swap=${swapId}`);
  const done = page.locator(`[data-testid="swap-row"][data-swap-id="${swapId}"]`);
  await expect(done).toHaveAttribute('data-status', 'executed');
  await done.getByTestId('swap-rollback').click();
  const rollback = page.getByRole('dialog', { name: /Roll back the swap/ });
  await rollback.getByTestId('swap-action-text').fill('The holder can make it after all');
  await rollback.getByTestId('swap-action-submit').click();
  await expect(rollback).toBeHidden();
  await expect(done).toHaveAttribute('data-status', 'rolled_back');
  await openBlock(page, s.block);
  await expect(callCell(page, s.date)).toHaveAttribute('data-person-ids', s.holder);
});

test('an absence entered over a call finds cover, and the choice becomes a draft', async ({ page }) => {
  test.setTimeout(240_000);
  const s = await upcomingCall(page);
  const absences = () =>
    page.evaluate(async () =>
      (
        await window.api['absences.list']({ academicYear: (await window.api['program.info']({})).currentAcademicYear })
      ).map((a) => a.id),
    );
  const before = await absences();

  // A TDY (approved) over the night: the dialog offers to find cover after saving.
  await page.goto(`${new URL(page.url()).origin}/#/absences`);
  await page.getByTestId('new-absence').click();
  const dialog = page.getByRole('dialog', { name: 'Enter an absence' });
  await dialog.getByLabel('Person').fill(s.holderName);
  await page.getByRole('option', { name: s.holderName, exact: true }).click();
  await dialog.getByTestId('absence-type').click();
  await page.getByRole('option', { name: 'TDY' }).click();
  await dialog.getByLabel('Approval').click();
  await page.getByRole('option', { name: 'Approved' }).click();
  await dialog.getByTestId('absence-start').fill(s.date);
  await dialog.getByTestId('absence-end').fill(s.date);
  await expect(dialog.getByTestId('collide-calls')).toBeVisible();
  await dialog.getByTestId('absence-save-cover').click();
  await expect(dialog).toBeHidden();
  const added = (await absences()).filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);

  try {
    // Find cover opens on the absence: the call with its ranked candidates.
    await expect(page).toHaveURL(/#\/swaps\?.*tab=cover/);
    const need = page.getByTestId('cover-need').filter({ hasText: 'OC call' });
    await expect(need.getByTestId('swap-candidate').first()).toBeVisible({ timeout: 60_000 });
    const taker = (await need.getByTestId('swap-candidate').first().getAttribute('data-person-id'))!;
    await need.getByTestId('swap-candidate').first().click();
    await page.getByTestId('cover-draft').click();

    // The draft holds the night for the chosen person.
    await expect(page).toHaveURL(/#\/drafts\?draft=(\d+)/);
    const draftId = Number(new URL(page.url().replace('#/', '')).searchParams.get('draft'));
    const diff = await page.evaluate(
      async (id) => (await window.api['drafts.diff']({ draftId: id })).diff.calls,
      draftId,
    );
    const night = diff.find((c) => c.date === s.date && c.callTypeCode === 'OC')!;
    expect(night.before.map((c) => c.personId)).toEqual([s.holder]);
    expect(night.after.map((c) => c.personId)).toEqual([taker]);
    await page.evaluate(
      async (id) => void (await window.api['drafts.discard']({ draftId: id, reason: 'e2e cleanup' })),
      draftId,
    );
  } finally {
    await page.evaluate(async (id) => void (await window.api['absences.delete']({ id })), added[0]);
  }
});

test.describe('as a faculty member', () => {
  test.use({ account: 'faculty' });

  test('asks for a swap of their own call or week, sees only their own swaps, and cancels it', async ({ page }) => {
    const me = await page.evaluate(async () => (await window.api['session.status']({})).account!.personId!);
    await page.goto(`${new URL(page.url()).origin}/#/swaps`);
    await expect(page.getByTestId('tab-swaps-cover')).toHaveCount(0);
    await page.getByTestId('new-swap').click();
    const dialog = page.getByRole('dialog', { name: 'Request a swap' });
    // Only themselves to choose, and their own upcoming items.
    await dialog.getByTestId('swap-person').click();
    await expect(page.getByRole('option')).toHaveCount(1);
    await page.getByRole('option').first().click();
    await dialog.getByTestId('swap-item').click();
    await page.getByRole('option').first().click();
    const candidates = dialog.getByTestId('swap-candidate');
    await expect(candidates.first()).toBeVisible({ timeout: 60_000 });
    await candidates.first().click();
    await dialog.getByTestId('swap-reason').fill('Conference that night');
    await dialog.getByTestId('swap-request-submit').click();
    await expect(dialog).toBeHidden();

    const row = page.getByTestId('swap-row').first();
    await expect(row).toHaveAttribute('data-status', 'pending');
    // Approving and running are the coordinator's; cancelling their own request is theirs.
    await expect(row.getByTestId('swap-approve')).toHaveCount(0);
    await row.getByTestId('swap-cancel').click();
    const cancel = page.getByRole('dialog', { name: /Cancel the request/ });
    await cancel.getByTestId('swap-action-text').fill('Found another way');
    await cancel.getByTestId('swap-action-submit').click();
    await expect(cancel).toBeHidden();
    const mine = await page.evaluate(
      async (personId) => (await window.api['swaps.list']({ personId })).map((s) => [s.requesterId, s.status]),
      me,
    );
    expect(mine[0]).toEqual([me, 'cancelled']);
  });
});
