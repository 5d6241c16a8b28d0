// Shift-based rotations end to end: in the Rotations view a coordinator makes Emergency Medicine
// shift-based (day and night shifts with start and end times, residents per weekday, rest and
// hours), is told what is wrong beside the field, saves; generates a block from the Generate
// dialog, which says the EM shifts are rostered first; sees the shifts in the EM residents' rows
// of the draft in the grid. A resident added mid-year with no rotation in the plan (the spec adds
// its own, so it does not matter which specs ran before) is named as not scheduled while everyone
// else's block is generated. EM goes back to its weekly pattern and that resident is made inactive.
import type { Page } from '@playwright/test';
import { expect, openGenerationDetails, test } from './fixtures';
import { scrollGridUntil } from './grid-scroll';

/** A block of the current academic year with residents on EM for the whole block. */
async function emBlock(page: Page): Promise<{ number: number; days: number; residents: string[] }> {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const year = info.currentAcademicYear;
    const em = (await window.api['rotations.list']({})).find((r) => r.code === 'EM')!;
    const blocks = await window.api['blocks.list']({ academicYear: year });
    for (const b of blocks.filter((x) => x.number > 0)) {
      const grid = await window.api['schedule.grid']({ start: b.start, end: b.end });
      const on = grid.rotationAssignments
        .filter((r) => r.rotationId === em.id && r.blockNumber === b.number && r.part === 'full')
        .map((r) => r.personId);
      if (on.length >= 2)
        return { number: b.number, days: (Date.parse(b.end) - Date.parse(b.start)) / 86_400_000 + 1, residents: on };
    }
    throw new Error('no block with two residents on EM');
  });
}

test('makes EM shift-based, generates a block and shows its shifts in the draft', async ({ page }) => {
  test.setTimeout(240_000); // the block's calls, its EM roster and its half-days on a loaded machine
  const block = await emBlock(page);
  const newcomer = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const fields = {
      kind: 'resident' as const,
      facultyRole: null,
      pgy: 1,
      academicYear: info.currentAcademicYear,
      email: null,
    };
    const person = await window.api['people.create']({
      ...fields,
      name: `Casey Unplanned ${Date.now().toString(36)}`,
      active: true,
    });
    return { ...fields, id: person.id, name: person.name };
  });

  await page.getByTestId('nav-rotations').click();
  await expect(page).toHaveURL(/#\/rotations/);
  await page.getByRole('button', { name: 'Shifts of EM' }).click();
  const dialog = page.getByRole('dialog', { name: /Shifts of EM/ });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('shift-based').locator('input').check();

  // Two 12-hour shifts are offered; days every day but Wednesday (lecture), nights on Fridays.
  await expect(dialog.getByTestId('shift-row')).toHaveCount(2);
  await expect(dialog.getByTestId('shift-code-0')).toHaveValue('EMD');
  await expect(dialog.getByTestId('shift-start-1')).toHaveValue('19:00');
  await dialog.getByTestId('shift-cover-0-2').fill('0');
  for (const k of [0, 1, 2, 3, 5, 6]) await dialog.getByTestId(`shift-cover-1-${k}`).fill('0');
  await dialog.getByTestId('shift-minHoursPerWeek').fill('30');

  // A mistake is named beside its field, and nothing is sent.
  await dialog.getByTestId('shift-maxHoursPerWeek').fill('20');
  await dialog.getByTestId('shift-save').click();
  await expect(dialog.getByText('Above the most (20)')).toBeVisible();
  await dialog.getByTestId('shift-maxHoursPerWeek').fill('60');
  await dialog.getByTestId('shift-save').click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('rotation-row').filter({ hasText: 'Emergency Medicine' });
  await expect(row.getByTestId('rotation-shifts')).toHaveText('EMD 07:00–19:00 · EMN 19:00–07:00');
  // Opening the row shows the shifts and the residents each needs instead of the weekly pattern.
  await row.click();
  await expect(page.getByRole('table', { name: 'Shifts of EM' })).toContainText('EMN');

  // Generate the block from the Schedule toolbar.
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('block-grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
  const draftsBefore = await page.evaluate(async () => (await window.api['drafts.list']({})).map((d) => d.id));
  await page.getByRole('button', { name: 'Generate…' }).click();
  const generate = page.getByRole('dialog', { name: 'Generate a schedule' });
  await generate.getByRole('radio', { name: /Block: calls and half-days/ }).check();
  await generate.getByTestId('generate-block').click();
  await page.getByRole('option', { name: new RegExp(`^Block ${block.number} ·`) }).click();
  await expect(generate.getByTestId('generate-shift-note')).toContainText('Shift-based rotation EM');
  await generate.getByRole('button', { name: 'Generate', exact: true }).click();
  const panel = await openGenerationDetails(page);
  await expect(panel).not.toHaveAttribute('data-state', /running|starting/, { timeout: 200_000 });
  expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('succeeded');
  await expect(panel.getByTestId('generation-unplanned')).toContainText(
    `${newcomer.name} (block ${block.number}, ${block.days} days)`,
  );

  // The draft in the grid: the EM residents work EMD (AM and PM) and EMN (PM) shifts.
  await panel.getByRole('button', { name: 'Show in grid' }).click();
  const grid = page.getByTestId('block-grid');
  for (const person of block.residents) {
    // Rows are drawn as they scroll into view: scroll down until the resident's row is there.
    const shift = grid.locator(`[role="gridcell"][data-person-id="${person}"][data-activity="EMD"]`).first();
    await scrollGridUntil(grid, shift);
    await expect(shift).toBeVisible();
    await expect(
      grid.locator(`[role="gridcell"][data-person-id="${person}"][data-activity="EMD"][data-half="PM"]`).first(),
    ).toBeAttached();
  }
  await expect(grid.locator('[role="gridcell"][data-activity="EMN"][data-half="PM"]').first()).toBeAttached();
  const details = await page.evaluate(async () => (await window.api['generate.runs']({ limit: 1 }))[0]);
  expect(JSON.stringify(details)).toContain(`Shift roster EM, block ${block.number}`);

  // Leave the program as the other specs expect it: no new drafts, EM from its pattern.
  await page.getByRole('button', { name: 'Close generation panel' }).click();
  await page.evaluate(
    async ({ keep, newcomer }) => {
      for (const d of await window.api['drafts.list']({ status: 'open' }))
        if (!keep.includes(d.id)) await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e clean-up' });
      const em = (await window.api['rotations.list']({})).find((r) => r.code === 'EM')!;
      await window.api['rotations.setShifts']({ rotationId: em.id, shifts: null });
      await window.api['people.update']({ ...newcomer, active: false });
    },
    { keep: draftsBefore, newcomer },
  );
});
