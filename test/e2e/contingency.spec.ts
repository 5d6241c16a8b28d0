// Contingency end to end: open the view, run the N-1/N-2 sweep over a week (in the worker pool),
// read the heatmap, pick a fatal pair, read its repair, and apply it as a draft, which opens in the
// Drafts view. The Dashboard card then shows the sweep.
import { expect, test } from './fixtures';

test('runs the sweep, picks a fatal pair and applies its repair as a draft', async ({ page }) => {
  test.setTimeout(240_000); // the sweep solves a few hundred repairs; slow on a loaded machine
  await page.getByTestId('nav-contingency').click();
  await expect(page).toHaveURL(/#\/contingency/);
  await expect(page.getByTestId('not-available')).toHaveCount(0);

  await page.getByTestId('sweep-from').fill('2026-10-12');
  await page.getByTestId('sweep-to').fill('2026-10-18');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress')).toBeVisible();
  // The UI stays usable while the workers sweep: the dashboard opens and comes back.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('contingency-card')).toBeVisible();
  await page.getByTestId('nav-contingency').click();
  await expect(page.getByTestId('contingency-heatmap')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
  await expect(page.getByTestId('run-line')).toContainText('each person and every pair');
  await expect(page.getByTestId('util-2026-10-12')).toHaveText(/^\d+$/);

  // A fatal pair: their joint loss leaves coverage uncovered, neither alone does.
  const fatal = page.getByTestId('list-pairs').locator('[data-testid^="pair-"]').filter({ hasText: 'lost' }).first();
  await expect(fatal).toBeVisible();
  await fatal.click();
  const panel = page.getByTestId('repair-panel');
  await expect(panel.getByTestId('repair-outcome')).toHaveText('Coverage lost');
  await expect(panel.getByTestId('repair-requirements')).toContainText('nobody can take it');
  const title = (await panel.getByTestId('repair-title').textContent())!;
  const names = title.replace(/ gone, week of.*$/, '');

  await panel.getByTestId('apply-repair').click();
  await expect(page).toHaveURL(/#\/drafts\?draft=\d+/);
  await expect(page.getByText(`Contingency: ${names} gone, week of 2026-10-12`).first()).toBeVisible();

  // Leave the program as the other specs expect it.
  await page.evaluate(async () => {
    for (const d of await window.api['drafts.list']({ status: 'open' }))
      if (d.name.startsWith('Contingency:'))
        await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e clean-up' });
  });

  // The Dashboard card reads the sweep.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('contingency-card')).toContainText(/single points? of failure/);
});
