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

// One booted app for both tests, each signed in afresh: the first's generation run and draft are forgotten.
test.use({ sharePage: 'signed-in-afresh' });

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

/** Generates `blockNumber` (calls and half-days) from the Schedule toolbar; the generation panel once the run ends. */
async function generateBlock(page: Page, blockNumber: number) {
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('block-grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Generate…' }).click();
  const generate = page.getByRole('dialog', { name: 'Generate a schedule' });
  await generate.getByRole('radio', { name: /Block: calls and half-days/ }).check();
  await generate.getByTestId('generate-block').click();
  await page.getByRole('option', { name: new RegExp(`^Block ${blockNumber} ·`) }).click();
  await expect(generate.getByTestId('generate-shift-note')).toContainText('Shift-based rotation EM');
  await generate.getByRole('button', { name: 'Generate', exact: true }).click();
  const panel = await openGenerationDetails(page);
  await expect(panel).not.toHaveAttribute('data-state', /running|starting/, { timeout: 200_000 });
  return panel;
}

/** Leave the program as the other specs expect it: no new drafts, EM from its pattern. */
async function restoreEm(page: Page, keep: number[]) {
  await page.evaluate(async (keep) => {
    for (const d of await window.api['drafts.list']({ status: 'open' }))
      if (!keep.includes(d.id)) await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e clean-up' });
    const em = (await window.api['rotations.list']({})).find((r) => r.code === 'EM')!;
    await window.api['rotations.setShifts']({ rotationId: em.id, shifts: null });
  }, keep);
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
  const draftsBefore = await page.evaluate(async () => (await window.api['drafts.list']({})).map((d) => d.id));
  const panel = await generateBlock(page, block.number);
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

  await page.getByRole('button', { name: 'Close generation panel' }).click();
  await restoreEm(page, draftsBefore);
  await page.evaluate(async (newcomer) => {
    await window.api['people.update']({ ...newcomer, active: false });
  }, newcomer);
});

test("names the rule that keeps EM's residents below its minimum shift hours, and links to EM", async ({ page }) => {
  test.setTimeout(240_000); // as above
  const block = await emBlock(page);
  const draftsBefore = await page.evaluate(async () => (await window.api['drafts.list']({})).map((d) => d.id));
  // 70 h a week of 12-hour shifts: more than one day off in seven leaves room for.
  await page.evaluate(async () => {
    const em = (await window.api['rotations.list']({})).find((r) => r.code === 'EM')!;
    const cover = { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1 };
    await window.api['rotations.setShifts']({
      rotationId: em.id,
      shifts: {
        shifts: [
          { code: 'EMD', name: 'EM day', start: '07:00', end: '19:00', cover },
          { code: 'EMN', name: 'EM night', start: '19:00', end: '07:00', cover },
        ],
        minRestHours: 10,
        maxConsecutiveShifts: 7,
        minHoursPerWeek: 70,
        maxHoursPerWeek: 80,
        minWeekendsOff: 0,
      },
    });
  });
  try {
    const panel = await generateBlock(page, block.number);
    await expect(panel.getByTestId('generation-outcome')).toContainText('The generated schedule breaks');
    const diagnosis = panel.getByTestId('generation-diagnosis');
    await expect(diagnosis).toContainText(/The schedule falls short of (this requirement|these \d+ requirements)/);
    await expect(diagnosis).toContainText(
      /EM: .+ can work at most \d+ shift hours .+ One day off in seven: 4 free days in every 28/,
    );
    await expect(diagnosis).toContainText("Lower EM's minimum to");
    await diagnosis.getByRole('button', { name: 'Rotation EM' }).first().click();
    await expect(page).toHaveURL(/#\/rotations/);
  } finally {
    await restoreEm(page, draftsBefore);
  }
});
