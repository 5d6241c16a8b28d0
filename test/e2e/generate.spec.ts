// Schedule generation end to end: start it from the Schedule toolbar; while the solver runs in the
// worker pool, switch views, open People and scroll the grid (the UI stays responsive); then see
// the result draft, open it in the grid and ask why a cell is what it is. Stop, a cancel that
// writes nothing, and the solver weights. (That a stop mid-solve returns the best schedule so far
// within about a second is tested deterministically in test/integration/generate-run.test.ts.)
import type { Page } from '@playwright/test';
import { expect, holdSolves, openGenerationDetails, releaseSolves, test } from './fixtures';
import { jargonIn } from './jargon';

// One booted app for the spec's tests, each signed in afresh: nothing of the test before stays (fixtures.ts).
test.use({ sharePage: 'signed-in-afresh' });

async function openSchedule(page: Page) {
  await page.getByTestId('nav-schedule').click();
  await expect(page).toHaveURL(/#\/schedule/);
  await expect(page.getByTestId('block-grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
}

async function draftCount(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.api['drafts.list']({})).length);
}

/** Block 2's call plan takes the demo program several seconds to prove optimal: time to work meanwhile. */
const SLOW_BLOCK = 2;

async function startGeneration(page: Page, scopeLabel: RegExp, block: number | null = null) {
  await page.getByRole('button', { name: 'Generate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate a schedule' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: scopeLabel }).check();
  await expect(dialog.getByTestId('generate-block')).toHaveText(/^Block \d+/);
  if (block !== null) {
    await dialog.getByTestId('generate-block').click();
    await page.getByRole('option', { name: new RegExp(`^Block ${block} ·`) }).click();
    await expect(dialog.getByTestId('generate-block')).toHaveText(new RegExp(`^Block ${block} ·`));
  }
  await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(dialog).toBeHidden();
  return openGenerationDetails(page);
}

/** Discard the open drafts a run made (leaves the program as the other specs expect it). */
async function discardDraftsExcept(page: Page, keep: number[]) {
  await page.evaluate(async (ids) => {
    for (const d of await window.api['drafts.list']({ status: 'open' }))
      if (!ids.includes(d.id)) await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e clean-up' });
  }, keep);
}

test('generates a block while the app stays responsive, then opens the draft and explains a cell', async ({ page }) => {
  await openSchedule(page);
  const draftsBefore = await draftCount(page);
  // Held at its first solve by the host's gate until the views below have answered, so they answer
  // while a run goes on however fast the solver is here.
  await holdSolves(page);
  const panel = await startGeneration(page, /Block: calls and half-days/, SLOW_BLOCK);

  // While the run goes on: another view, the People list, back to the grid and scroll it.
  const t0 = Date.now();
  await page.getByTestId('nav-people').click();
  await expect(page.getByTestId('person-row').first()).toBeVisible();
  const peopleMs = Date.now() - t0;
  // The panel goes along with every view.
  await expect(panel).toHaveAttribute('data-state', 'running');
  await page.getByTestId('nav-dashboard').click();
  await expect(page).toHaveURL(/#\/dashboard/);
  await openSchedule(page);
  const grid = page.getByTestId('block-grid');
  const scrolled = await grid.evaluate(async (el) => {
    el.scrollTop = 400;
    el.scrollLeft = 900;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { top: el.scrollTop, left: el.scrollLeft };
  });
  expect(scrolled.left).toBeGreaterThan(0);
  await expect(grid.locator('[role="gridcell"][data-activity]').first()).toBeVisible();
  await expect(panel).toHaveAttribute('data-state', 'running');
  console.log(`People view rendered ${peopleMs} ms after starting the generation`);
  await releaseSolves(page);

  // The result: a new draft, proven optimal, no hard-rule findings. (If the run ends any other
  // way, the panel's words say why.)
  await expect(panel).not.toHaveAttribute('data-state', /running|starting/, { timeout: 90_000 });
  expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('succeeded');
  await expect(page.getByTestId('generation-outcome')).toContainText('Schedule generated');
  await expect(page.getByTestId('generation-findings')).toContainText('(0 hard)');
  expect(await draftCount(page)).toBe(draftsBefore + 1);
  const drafts = await page.evaluate(async () => window.api['drafts.list']({}));
  const draft = drafts.find((d) => d.source === 'generation')!;
  expect(draft.name).toMatch(/^Generated Block \d+/);

  // Open it: the Drafts view shows the draft (its changes, flags, publish) ...
  await panel.getByRole('button', { name: 'Open draft' }).click();
  await expect(page).toHaveURL(new RegExp(`#/drafts\\?draft=${draft.id}`));
  await expect(page.getByRole('heading', { name: draft.name })).toBeVisible();
  // ... and the block grid shows it too.
  await panel.getByRole('button', { name: 'Show in grid' }).click();
  await expect(page).toHaveURL(new RegExp(`#/schedule\\?.*draft=${draft.id}`));
  await expect(grid.locator('[role="gridcell"][data-activity]').first()).toBeVisible();

  // Why is this cell what it is? Right-click a person's cell of the draft.
  const cell = grid.locator('[role="gridcell"][data-person-id][data-half][data-activity]').first();
  await cell.click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Why is this cell/ }).click();
  const explain = page.getByTestId('explain-panel');
  await expect(explain).toBeVisible();
  await expect(explain.getByTestId('explain-result')).toBeVisible();
  await expect(explain.locator('[data-reason]').first()).toBeVisible();
  await expect(explain.getByTestId('explain-value')).toHaveText(/\S/);

  // The run's details.
  await page.getByRole('button', { name: 'Close explanation' }).click();
  await panel.getByRole('button', { name: 'Details', exact: true }).click();
  const details = page.getByRole('dialog', { name: /Generation run #\d+/ });
  await expect(details.getByRole('table', { name: 'Solver figures per model' })).toContainText('Half-day schedule');
  await details.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Close generation panel' }).click();
  await expect(panel).toBeHidden();
});

test('Stop before the solver has a schedule: the run ends at once, says so and writes nothing', async ({ page }) => {
  await openSchedule(page);
  const draftsBefore = await draftCount(page);
  const stops: { ok: boolean; phase: string }[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/generate.stop')) {
      const body = (await r.json()) as { ok: boolean; value?: { phase: string } };
      stops.push({ ok: body.ok, phase: body.value?.phase ?? '' });
    }
  });
  // Held at its first solve by the host's gate: the stop reaches the run before the solver starts.
  // (A stop mid-solve keeping the best schedule so far: test/integration/generate-run.test.ts.)
  await holdSolves(page);
  let panel!: Awaited<ReturnType<typeof startGeneration>>;
  try {
    panel = await startGeneration(page, /Block: calls and inpatient weeks/, 1);
    await expect(panel).toHaveAttribute('data-state', 'running');
    await panel.getByRole('button', { name: 'Stop' }).click();
    // One stop, which the core took.
    await expect.poll(() => stops.length).toBe(1);
    expect(stops[0].ok).toBe(true);
  } finally {
    await releaseSolves(page);
  }
  await expect(panel).toHaveAttribute('data-state', 'succeeded');
  const outcome = page.getByTestId('generation-outcome');
  await expect(outcome).toHaveText(/^Stopped before any schedule was found/);
  expect(jargonIn((await outcome.textContent()) ?? '')).toEqual([]);
  expect(await draftCount(page)).toBe(draftsBefore);
  await expect(panel.getByRole('button', { name: 'Stop' })).toBeHidden();
  await page.getByRole('button', { name: 'Close generation panel' }).click();
});

test('cancel stops the generation at once and writes nothing (started from the Drafts view)', async ({ page }) => {
  await page.getByTestId('nav-drafts').click();
  await expect(page).toHaveURL(/#\/drafts/);
  const before = await page.evaluate(async () => ({
    drafts: (await window.api['drafts.list']({})).length,
    runs: (await window.api['generate.runs']({})).length,
  }));
  const openBefore = await page.evaluate(async () =>
    (await window.api['drafts.list']({ status: 'open' })).map((d) => d.id),
  );
  // Held at its first solve by the host's gate, so the cancel lands on a running solve however
  // fast this machine is.
  await holdSolves(page);
  try {
    const panel = await startGeneration(page, /Block: calls and half-days/, SLOW_BLOCK);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByTestId('generation-outcome')).toContainText('Nothing was written');
    const after = await page.evaluate(async () => ({
      drafts: (await window.api['drafts.list']({})).length,
      runs: (await window.api['generate.runs']({})).length,
    }));
    expect(after).toEqual(before);
  } finally {
    await releaseSolves(page);
  }
  // The app goes on: the next generation starts (and is cancelled too, leaving the program as it was).
  await page.getByRole('button', { name: 'Close generation panel' }).click();
  await openSchedule(page);
  await holdSolves(page);
  try {
    const again = await startGeneration(page, /Block: calls and inpatient weeks/, SLOW_BLOCK);
    await expect(again).toHaveAttribute('data-state', 'running');
    await again.getByRole('button', { name: 'Cancel' }).click();
    await expect(again).toHaveAttribute('data-state', 'cancelled');
  } finally {
    await releaseSolves(page);
    await discardDraftsExcept(page, openBefore);
  }
});

test('the solver weights are edited from the Generate dialog', async ({ page }) => {
  await openSchedule(page);
  await page.getByRole('button', { name: 'Generate…' }).click();
  await page.getByRole('button', { name: 'Solver weights…' }).click();
  const weights = page.getByRole('dialog', { name: 'Solver weights' });
  const field = weights.getByLabel('Balance calls');
  const original = await field.inputValue();
  await field.fill('-3');
  await expect(weights.getByText('must be 0 or more')).toBeVisible();
  await expect(weights.getByRole('button', { name: 'Save weights' })).toBeDisabled();
  await field.fill('7');
  await weights.getByRole('button', { name: 'Save weights' }).click();
  await expect(weights).toBeHidden();
  const saved = await page.evaluate(
    async () => (await window.api['program.info']({})).settings.solverWeights.fairnessCalls,
  );
  expect(saved).toBe(7);
  // Put it back for the other specs.
  await page.evaluate(async (value) => {
    const info = await window.api['program.info']({});
    await window.api['program.updateSettings']({
      ...info.settings,
      solverWeights: { ...info.settings.solverWeights, fairnessCalls: value },
    });
  }, Number(original));
});

test('the whole year from the second-to-last block: one draft with plan changes and slot changes together', async ({
  page,
}) => {
  await openSchedule(page);
  const openBefore = await page.evaluate(async () =>
    (await window.api['drafts.list']({ status: 'open' })).map((d) => d.id),
  );
  try {
    const from = await page.evaluate(async () => {
      const info = await window.api['program.info']({});
      const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear! });
      return blocks[blocks.length - 2].number;
    });
    await page.getByRole('button', { name: 'Generate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a schedule' });
    await dialog
      .getByRole('radio', { name: /Whole year: rotation plan, then every block’s calls and half-days/ })
      .check();
    await expect(dialog.getByTestId('generate-block')).toHaveCount(0);
    await expect(dialog.getByTestId('generate-from-block')).toHaveText(/^Block \d+/);
    await dialog.getByTestId('generate-from-block').click();
    await page.getByRole('option', { name: new RegExp(`^Block ${from} ·`) }).click();
    await expect(dialog.getByTestId('generate-from-block')).toHaveText(new RegExp(`^Block ${from} ·`));
    // A year run keeps the current plan unless asked: ask, so the plan changes too.
    await dialog.getByRole('checkbox', { name: /Plan the rotations afresh/ }).check();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const panel = await openGenerationDetails(page);
    await expect(panel).not.toHaveAttribute('data-state', /running|starting/, { timeout: 150_000 });
    expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('succeeded');
    await expect(page.getByTestId('generation-findings')).toContainText('(0 hard)');
    await expect(page.getByTestId('generation-year-note')).toContainText(
      `the calls and half-days of blocks ${from}–${from + 1}`,
    );
    const draft = (await page.evaluate(async () => window.api['drafts.list']({ status: 'open' }))).find(
      (d) => !openBefore.includes(d.id),
    )!;
    expect(draft.name).toMatch(new RegExp(`^Generated year AY \\d{4}–\\d{2} from block ${from}`));
    expect(draft.entries.rotations).toBeGreaterThan(0);
    expect(draft.entries.cells).toBeGreaterThan(0);

    // The run's details list every model: the plan, then calls and half-days of each block.
    await panel.getByRole('button', { name: 'Details', exact: true }).click();
    const details = page.getByRole('dialog', { name: /Generation run #\d+/ });
    const models = details.getByRole('table', { name: 'Solver figures per model' });
    await expect(models.locator('tbody tr')).toHaveCount(1 + 2 * 2);
    await expect(models).toContainText('Annual rotation plan');
    await expect(models).toContainText(`Half-day schedule, block ${from + 1}`);
    await details.getByRole('button', { name: 'Close' }).click();

    // The Drafts view: the Rotation plan section lists the changed blocks, next to the changes ...
    await panel.getByRole('button', { name: 'Open draft' }).click();
    await expect(page).toHaveURL(new RegExp(`#/drafts\\?draft=${draft.id}`));
    await expect(page.getByRole('heading', { name: draft.name })).toBeVisible();
    await expect(page.getByTestId('rotation-plan-section').getByTestId('changed-rotation').first()).toBeVisible();
    // ... and the grid in draft mode names plan blocks and changed slots together.
    await panel.getByRole('button', { name: 'Show in grid' }).click();
    await expect(page).toHaveURL(new RegExp(`#/schedule\\?.*draft=${draft.id}`));
    const banner = page.getByTestId('draft-banner');
    await expect(banner).toContainText(/\d+ changed slots?/);
    await expect(banner).toContainText(/\d+ plan blocks?/);
    await page.getByRole('button', { name: 'Close generation panel' }).click();
  } finally {
    // Leave the program as the other specs expect it.
    await discardDraftsExcept(page, openBefore);
  }
});
