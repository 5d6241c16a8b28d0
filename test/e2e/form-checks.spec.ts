// Impossible dates are refused where they are typed, at a 1280×720 workstation (issue 15 §7): an
// absence whose last day is before its first, a Compliance filter whose From is after To, a Find
// cover range and a contingency period that end before they start. Each says so beside the field
// (one shared check, renderer/src/lib/dateRange.ts), and nothing is saved or run with it.
import { expect, test } from './fixtures';

// One app for the spec (fixtures.ts): each check opens its view, and saves nothing.
test.use({ viewport: { width: 1280, height: 720 }, sharePage: true });

test('an absence that ends before it starts is refused beside its last day, and nothing is saved', async ({ page }) => {
  const count = () =>
    page.evaluate(
      async () =>
        (
          await window.api['absences.list']({
            academicYear: (await window.api['program.info']({})).currentAcademicYear,
          })
        ).length,
    );
  const before = await count();
  await page.getByTestId('nav-absences').click();
  await page.getByTestId('new-absence').click();
  const dialog = page.getByRole('dialog', { name: 'Enter an absence' });
  await dialog.getByLabel('Person').click();
  await page.getByRole('option').first().click();
  await dialog.getByTestId('absence-start').fill('2026-10-05');
  await dialog.getByTestId('absence-end').fill('2026-10-01');
  // Said at once, before Enter is pressed.
  await expect(dialog.getByText('The last day is before the first day')).toBeVisible();
  await expect(dialog.getByTestId('absence-end')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Enter absence' }).click();
  await expect(dialog.getByText('The last day is before the first day')).toBeVisible();
  await expect(dialog).toBeVisible();
  // Editing another field keeps the message (it is the form's own check, not a server reply).
  await dialog.getByLabel('Note').fill('conference');
  await expect(dialog.getByText('The last day is before the first day')).toBeVisible();
  expect(await count()).toBe(before);
  // Put right, it goes.
  await dialog.getByTestId('absence-end').fill('2026-10-06');
  await expect(dialog.getByText('The last day is before the first day')).toHaveCount(0);
  await expect(dialog.getByText('2 days')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await count()).toBe(before);
});

test('a Compliance filter whose From is after To says so and is not applied', async ({ page }) => {
  await page.getByTestId('nav-compliance').click();
  const counter = page.getByTestId('findings-count');
  await expect(counter).toContainText('most serious first');
  const all = (await counter.textContent())!.match(/^(\d+) finding/)![1];

  await page.getByTestId('filter-from').fill('2026-10-05');
  await page.getByTestId('filter-to').fill('2026-10-01');
  await expect(page.getByTestId('compliance-filters').getByText('To is before From')).toBeVisible();
  await expect(page.getByTestId('filter-to')).toHaveAttribute('aria-invalid', 'true');
  // The dates are not applied: every finding is still listed.
  await expect(counter).toHaveText(`Showing ${all} of ${all} findings`);

  // A real range filters, and the message goes.
  await page.getByTestId('filter-to').fill('2026-10-11');
  await expect(page.getByTestId('compliance-filters').getByText('To is before From')).toHaveCount(0);
  await expect(page.getByTestId('filter-to')).toHaveAttribute('aria-invalid', 'false');
  await expect(counter).not.toHaveText(`Showing ${all} of ${all} findings`);
});

test('Find cover and a contingency sweep refuse a period that ends before it starts', async ({ page }) => {
  const personId = await page.evaluate(async () => {
    const year = (await window.api['program.info']({})).currentAcademicYear;
    return (await window.api['people.list']({ academicYear: year })).find((p) => p.kind === 'resident' && p.active)!.id;
  });
  await page.evaluate((id) => {
    location.hash = `#/swaps?tab=cover&person=${id}&start=2026-10-05&end=2026-10-01`;
  }, personId);
  const cover = page.getByTestId('cover-panel');
  await expect(cover.getByText('To is before From')).toBeVisible();
  await expect(cover.getByTestId('cover-end')).toHaveAttribute('aria-invalid', 'true');
  await expect(cover.getByTestId('cover-draft')).toHaveCount(0);
  await cover.getByTestId('cover-end').fill('2026-10-07');
  await expect(cover.getByText('To is before From')).toHaveCount(0);

  await page.getByTestId('nav-contingency').click();
  await expect(page.getByTestId('sweep-run')).toBeVisible();
  await page.getByTestId('sweep-from').fill('2026-10-12');
  await page.getByTestId('sweep-to').fill('2026-10-05');
  const run = page.getByTestId('contingency-run');
  await expect(run.getByText('To is before From')).toBeVisible();
  await expect(page.getByTestId('sweep-run')).toBeDisabled();
  await page.getByTestId('sweep-to').fill('2026-10-18');
  await expect(run.getByText('To is before From')).toHaveCount(0);
  await expect(page.getByTestId('sweep-run')).toBeEnabled();
});
