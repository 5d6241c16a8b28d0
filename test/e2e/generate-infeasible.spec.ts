// A block whose half-days cannot be made: the generation panel says why — the clinic slot, who is
// fixed there, the capacity — and its button goes to the setting to change.
import { expect, openGenerationDetails, test } from './fixtures';
import { joinRegExp } from '../regexp';

// One booted app for the spec's tests, each signed in afresh: nothing of the test before stays (fixtures.ts).
test.use({ sharePage: 'signed-in-afresh' });

test('an impossible block names the clinic capacity it breaks and links to the setting', async ({ page }) => {
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
    const panel = await openGenerationDetails(page);
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

test('a rotation plan whose minimums overfill a rotation names it, counted, and links to the rotation', async ({
  page,
}) => {
  const before = await page.evaluate(async () => (await window.api['program.info']({})).settings.rotationPlan);
  const codes = await page.evaluate(async () => (await window.api['rotations.list']({})).map((r) => r.code));
  try {
    // Every resident needs 5 blocks of the inpatient team, which takes a few at a time.
    const requirements = [1, 2, 3].flatMap((pgy) =>
      codes.map((rotationCode) =>
        rotationCode === 'FMIT'
          ? { pgy, rotationCode, minBlocks: 5, maxBlocks: 5 }
          : { pgy, rotationCode, minBlocks: 0, maxBlocks: 13 },
      ),
    );
    const plan = { requirements, windows: [], order: [], fixed: [], staffing: [] };
    await page.evaluate(
      async (json) => void (await window.api['program.updateSettings'](JSON.parse(json))),
      JSON.stringify({ rotationPlan: plan }),
    );
    await page.getByTestId('nav-schedule').click();
    await page.getByRole('button', { name: 'Generate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a schedule' });
    await dialog.getByRole('radio', { name: /^Annual rotation plan/ }).check();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const panel = await openGenerationDetails(page);
    const diagnosis = panel.getByTestId('generation-diagnosis');
    await expect(diagnosis).toBeVisible({ timeout: 90_000 });
    await expect(diagnosis).toContainText('The schedule cannot be made');
    await expect(diagnosis).toContainText(
      joinRegExp(
        /Family Medicine Inpatient Team \(FMIT\) takes at most \d+ residents? at a time /,
        /\([\d.]+ resident-blocks over the year\), but the minimums that must go there add up to \d+/,
      ),
    );
    await diagnosis.getByRole('button', { name: 'Rotation Family Medicine Inpatient Team (FMIT)' }).click();
    await expect(page).toHaveURL(/#\/rotations\?rotation=/);
  } finally {
    // The demo has no rotation plan of its own: rules with no requirements plan the same way.
    const restore = before ?? { requirements: [], windows: [], order: [], fixed: [], staffing: [] };
    await page.evaluate(
      async (json) => void (await window.api['program.updateSettings'](JSON.parse(json))),
      JSON.stringify({ rotationPlan: restore }),
    );
  }
});
