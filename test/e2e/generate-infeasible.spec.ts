// A block whose half-days cannot be made: the generation panel says why — the clinic slot, who is
// fixed there, the capacity — and its button goes to the setting to change.
import { expect, test } from './fixtures';

test('an impossible block names the clinic capacity it breaks and links to the setting', async ({ page }) => {
  test.setTimeout(120_000);
  const before = await page.evaluate(async () => (await window.api['program.info']({})).settings.rules);
  try {
    // A clinic that takes one: every slot where two or more are fixed to clinic is over it.
    const capped = before.map((r) =>
      r.type === 'clinic_capacity' ? { ...r, params: { ...r.params, soft: 1, hard: 1 } } : r,
    );
    await page.evaluate(
      async (json) => void (await window.api['program.updateSettings'](JSON.parse(json))),
      JSON.stringify({ rules: capped }),
    );
    await page.getByTestId('nav-schedule').click();
    await page.getByRole('button', { name: 'Generate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a schedule' });
    await dialog.getByRole('radio', { name: /^Block: half-days/ }).check();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const panel = page.getByTestId('generation-panel');
    const diagnosis = panel.getByTestId('generation-diagnosis');
    await expect(diagnosis).toBeVisible({ timeout: 90_000 });
    await expect(diagnosis).toContainText('The schedule cannot be made');
    await expect(diagnosis).toContainText(/AM clinic, block \d+: \d+ are fixed to clinic but the clinic takes 1/);
    await expect(diagnosis).toContainText('raise the clinic capacity');
    await diagnosis.getByRole('button', { name: 'Clinic capacity' }).first().click();
    await expect(page).toHaveURL(/#\/settings\?section=capacity/);
    await expect(page.getByRole('form', { name: 'Clinic capacity' })).toBeVisible();
  } finally {
    await page.evaluate(
      async (json) => void (await window.api['program.updateSettings'](JSON.parse(json))),
      JSON.stringify({ rules: before }),
    );
  }
});
