// The annual rotation plan goes into a draft, end to end in the demo program: generate it from the
// Generate dialog ("Annual rotation plan"), open the draft and see its Rotation plan section,
// change one resident's rotation by hand in the grid (right-click the band → Change rotation…,
// undo and redo), publish it (acknowledging what must be acknowledged), see the published plan
// changed, and roll it back. The program is left as it was: the publication is rolled back and
// the draft discarded.
import type { Page } from '@playwright/test';
import { acknowledgeBlockingFindings, expect, openGenerationDetails, test } from './fixtures';

// Publishing a new rotation plan: the program director (break-glass if a lock date covers it).
test.use({ account: 'program_director' });

/** The published plan of the academic year, sorted, through the API. */
async function publishedPlan(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const year = info.currentAcademicYear;
    const grid = await window.api['schedule.grid']({ start: `${year}-07-01`, end: `${year + 1}-06-30` });
    return grid.rotationAssignments.map((r) => `${r.personId}|${r.blockNumber}|${r.part}=${r.rotationId}`).sort();
  });
}

const openDraftIds = (page: Page) =>
  page.evaluate(async () => (await window.api['drafts.list']({ status: 'open' })).map((d) => d.id));

test('generate the annual plan into a draft, change a rotation by hand, publish and roll back', async ({ page }) => {
  test.setTimeout(300_000);
  const draftsBefore = await openDraftIds(page);
  const planBefore = await publishedPlan(page);
  expect(planBefore.length, 'the demo program has a published plan').toBeGreaterThan(0);
  let publicationId: number | null = null;
  try {
    // Generate the plan from the Schedule toolbar.
    await page.getByTestId('nav-schedule').click();
    await expect(page.getByTestId('block-grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Generate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a schedule' });
    await dialog.getByRole('radio', { name: /Annual rotation plan/ }).check();
    await expect(dialog.getByTestId('generate-block')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const panel = await openGenerationDetails(page);
    await expect(panel).not.toHaveAttribute('data-state', /running|starting/, { timeout: 120_000 });
    expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('succeeded');
    await expect(panel).toContainText('The proposed rotation plan is in the draft');
    const draft = (await page.evaluate(async () => window.api['drafts.list']({ status: 'open' }))).find(
      (d) => !draftsBefore.includes(d.id),
    )!;
    expect(draft.name).toMatch(/^Generated rotation plan AY \d{4}–\d{2}/);
    expect(draft.entries.rotations).toBeGreaterThan(0);

    // The draft in the Drafts view: its Rotation plan section lists the changed blocks.
    await panel.getByRole('button', { name: 'Open draft' }).click();
    await expect(page).toHaveURL(new RegExp(`#/drafts\\?draft=${draft.id}`));
    const section = page.getByTestId('rotation-plan-section');
    await expect(section).toBeVisible();
    await expect(section.getByTestId('changed-rotation').first()).toBeVisible();
    await expect(section.getByTestId('rotation-after').first().locator('[data-rotation]').first()).toHaveAttribute(
      'data-rotation',
      /\S/,
    );
    await page.getByRole('button', { name: 'Close generation panel' }).click();

    // Edit in the grid: right-click a resident's whole-block band (not an inpatient-team or
    // night-float block, whose team rules would flag it) and pick another rotation.
    await page.getByRole('button', { name: 'Edit in grid' }).click();
    await expect(page).toHaveURL(new RegExp(`#/schedule\\?.*draft=${draft.id}`));
    // The banner names what the draft changes: plan blocks, not slots.
    await expect(page.getByTestId('draft-banner')).toContainText(/\d+ plan blocks/);
    await expect(page.getByTestId('draft-banner')).not.toContainText('changed slot');
    const grid = page.getByTestId('block-grid');
    const band = grid
      .locator('.bg-band[data-part="full"]:not([data-rotation="FMIT"]):not([data-rotation="NF"])')
      .first();
    await expect(band).toBeVisible();
    const target = {
      personId: (await band.getAttribute('data-person-id'))!,
      block: Number(await band.getAttribute('data-block')),
      from: (await band.getAttribute('data-rotation'))!,
    };
    const to = target.from === 'IM' ? 'EM' : 'IM';
    const bandOf = (code: string) =>
      grid.locator(
        `.bg-band[data-person-id="${target.personId}"][data-block="${target.block}"][data-rotation="${code}"]`,
      );
    await band.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Change rotation/ }).click();
    const change = page.getByRole('dialog', { name: 'Change rotation' });
    await change.getByTestId('rotation-select').click();
    await page.getByTestId(`rotation-option-${to}`).click();
    await change.getByTestId('rotation-save').click();
    await expect(change).toBeHidden();
    await expect(bandOf(to)).toHaveAttribute('data-change', /changed|added/);

    // Undo and redo it like any grid edit.
    // Each step redraws the year's plan in the grid: at load ~35 the band took 7.5 s and once more than 10 s.
    await page.getByTestId('undo').click();
    await expect(bandOf(target.from)).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('redo').click();
    await expect(bandOf(to)).toBeVisible({ timeout: 30_000 });

    // From the keyboard: Shift+F10 on one of the resident's cells in that block offers the same menu.
    const blockCell = grid.locator(`[role="gridcell"][data-person-id="${target.personId}"][data-half="AM"]`).first();
    await blockCell.click();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByTestId('change-rotation')).toBeVisible();
    await page.getByTestId('change-rotation').click();
    await expect(change).toBeVisible();
    await expect(change).toContainText(`block ${target.block}`);
    await change.getByRole('button', { name: 'Cancel' }).click();
    await expect(change).toBeHidden();

    // Publish from the Drafts view: acknowledge blocking findings, accept the churn warnings.
    await page.getByTestId('nav-drafts').click();
    await page.evaluate((id) => void (location.hash = `#/drafts?draft=${id}`), draft.id);
    await expect(page.getByRole('heading', { name: draft.name })).toBeVisible();
    await expect(
      page.locator(
        `[data-testid="changed-rotation"][data-person-id="${target.personId}"][data-block="${target.block}"] ` +
          `[data-testid="rotation-after"] [data-rotation="${to}"]`,
      ),
    ).toBeVisible();
    const findings = page.getByTestId('findings-section');
    await expect(findings.getByRole('button', { name: 'Check again' })).toBeEnabled({ timeout: 60_000 });
    await findings.getByRole('button', { name: 'Check again' }).click();
    await expect(findings.getByRole('button', { name: 'Check again' })).toBeEnabled({ timeout: 60_000 });
    await acknowledgeBlockingFindings(page, 'Plan reviewed at the staff meeting');
    await page.getByTestId('publish').click();
    const publish = page.getByRole('dialog', { name: /^Publish/ });
    await expect(publish.getByTestId('gate-findings')).toHaveAttribute('data-state', 'ok', { timeout: 60_000 });
    await expect(publish.getByTestId('gate-churn')).toContainText('plan block');
    const accept = publish.getByLabel('I have checked these changes with the people affected');
    if (await accept.count()) await accept.check();
    if ((await publish.getByTestId('gate-lock-date').getAttribute('data-state')) === 'confirm') {
      await publish.getByLabel('Reason').fill('New rotation plan approved');
    }
    await publish.getByTestId('confirm-publish').click();
    await expect(publish).toBeHidden({ timeout: 60_000 });

    // The published plan is the draft's now, with the hand edit.
    await expect(page).toHaveURL(/tab=published/);
    const row = page.getByTestId('publication-row').first();
    await expect(row).toContainText('plan block');
    publicationId = (await page.evaluate(async () => (await window.api['publications.list']({}))[0].id)) as number;
    const planAfter = await publishedPlan(page);
    expect(planAfter).not.toEqual(planBefore);
    const rotationIdOf = await page.evaluate(
      async (code) => (await window.api['rotations.list']({})).find((r) => r.code === code)!.id,
      to,
    );
    expect(planAfter).toContain(`${target.personId}|${target.block}|full=${rotationIdOf}`);

    // Roll it back: the published plan is exactly what it was.
    await row.getByTestId('rollback').click();
    const rollback = page.getByRole('dialog', { name: /^Roll back/ });
    await rollback.getByLabel('Reason').fill('Plan to be discussed again');
    await rollback.getByRole('button', { name: 'Roll back' }).click();
    await expect(rollback).toBeHidden();
    await expect(page.getByTestId('publication-row').first()).toHaveAttribute('data-rolled-back', 'true');
    publicationId = null;
    expect(await publishedPlan(page)).toEqual(planBefore);
  } finally {
    // Leave the program as the other specs expect it.
    await page.evaluate(
      async ({ before, publicationId }) => {
        if (publicationId !== null)
          await window.api['publications.rollback']({ publicationId, reason: 'e2e cleanup' }).catch(() => undefined);
        for (const d of await window.api['drafts.list']({ status: 'open' }))
          if (!before.includes(d.id)) await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e cleanup' });
      },
      { before: draftsBefore, publicationId },
    );
  }
});
