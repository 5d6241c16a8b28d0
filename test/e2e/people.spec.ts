// People view end to end: the demo program's people are listed; a new PGY-1 resident added in the
// dialog appears in the list and in the block grid after a reload; invalid input is shown inline
// next to its field and saves nothing.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { scrollGridUntil } from './grid-scroll';

// One app for the spec (fixtures.ts): each check opens People itself.
test.use({ sharePage: true });

async function openPeople(page: Page) {
  await page.getByTestId('nav-people').click();
  await expect(page).toHaveURL(/#\/people/);
  await expect(page.getByTestId('person-row').first()).toBeVisible();
}

async function countPeople(page: Page) {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
    return { total: people.length, residents: people.filter((p) => p.kind === 'resident').length };
  });
}

test('the demo program lists 17 residents and its faculty', async ({ page }) => {
  await openPeople(page);
  await page.getByTestId('people-kind-resident').click();
  await expect(page.getByTestId('person-row')).toHaveCount(17);
  await expect(page.getByTestId('people-table')).toContainText('PGY-1');
  await expect(page.getByTestId('people-table')).toContainText('PGY-3');

  await page.getByTestId('people-kind-faculty').click();
  const faculty = await page.getByTestId('person-row').count();
  expect(faculty).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId('people-table')).toContainText('Program director');

  // The text filter finds the PGY-3 class (5 in the demo program: 6/6/5 by PGY).
  await page.getByTestId('people-kind-all').click();
  await page.getByTestId('people-filter').fill('PGY-3');
  await expect(page.getByTestId('person-row')).toHaveCount(5);
});

test('an empty name is shown inline, keeps the dialog open and saves nothing', async ({ page }) => {
  await openPeople(page);
  const before = await countPeople(page);
  let createCalls = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/people.create')) createCalls++;
  });

  await page.getByTestId('person-add').click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await expect(dialog).toBeVisible();
  await page.getByTestId('person-name').fill('   ');
  await page.getByTestId('person-save').click();

  await expect(dialog.getByText('name is required')).toBeVisible();
  await expect(dialog.getByText('residents need a PGY level')).toBeVisible();
  await expect(page.getByTestId('person-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toBeVisible();
  expect(createCalls).toBe(0);
  expect(await countPeople(page)).toEqual(before);

  // Typing in the field clears its error.
  await page.getByTestId('person-name').fill('A');
  await expect(dialog.getByText('name is required')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('issues the server reports are shown next to the fields they name', async ({ page }) => {
  await openPeople(page);
  // The client mirrors the contract, so make the server's answer the only source of the issue.
  await page.route('**/api/people.create', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'Invalid input for people.create',
          issues: [
            { path: 'email', message: 'this e-mail address is already used by someone else' },
            { path: 'academicYear', message: 'the program has no such academic year' },
          ],
        },
      }),
    }),
  );
  await page.getByTestId('person-add').click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await page.getByTestId('person-name').fill('Server Check');
  await page.getByTestId('person-pgy').click();
  await page.getByRole('option', { name: 'PGY-2' }).click();
  await page.getByTestId('person-email').fill('dup@example.org');
  await page.getByTestId('person-save').click();

  await expect(dialog.getByText('this e-mail address is already used by someone else')).toBeVisible();
  await expect(page.getByTestId('person-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('person-form-error')).toContainText(
    'academicYear: the program has no such academic year',
  );
  await expect(page.getByTestId('person-save')).toBeEnabled();
});

test('a new PGY-1 resident appears in the list and in the block grid after a reload', async ({ page }) => {
  await openPeople(page);
  const before = await countPeople(page);
  const name = `Avery Newcomb ${Date.now().toString(36)}`;

  await page.getByTestId('person-add').click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await page.getByTestId('person-name').fill(name);
  await page.getByTestId('person-pgy').click();
  await page.getByRole('option', { name: 'PGY-1' }).click();
  await page.getByTestId('person-email').fill('avery.newcomb@example.org');
  const save = page.getByTestId('person-save');
  await save.click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('snackbar')).toContainText(`Added ${name} (PGY-1)`);
  const row = page.getByTestId('person-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('PGY-1');
  const id = await row.getAttribute('data-person-id');
  expect(id).toBeTruthy();
  expect(await countPeople(page)).toEqual({ total: before.total + 1, residents: before.residents + 1 });

  // Reload: the hash keeps the People view and the person is stored.
  await page.reload();
  await expect(page).toHaveURL(/#\/people/);
  await expect(page.getByTestId('person-row').filter({ hasText: name })).toHaveCount(1);

  // The block grid of the reloaded app lists them in the PGY-1 group.
  await page.getByTestId('nav-schedule').click();
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  const gridRow = grid.locator(`[role="row"][data-person-id="${id}"]`);
  // Rows are virtualized: scroll down until the new row is drawn.
  await scrollGridUntil(grid, gridRow);
  await expect(gridRow).toContainText(name);
  await expect(gridRow).toContainText('PGY-1 resident');
  // It sits in the PGY-1 group: the nearest group header above it says so.
  const group = await gridRow.evaluate((row) => {
    const top = parseFloat((row as HTMLElement).style.top);
    const groups = [...row.parentElement!.querySelectorAll<HTMLElement>('[data-group]')].filter(
      (g) => parseFloat(g.style.top) < top,
    );
    groups.sort((a, b) => parseFloat(b.style.top) - parseFloat(a.style.top));
    return groups[0]?.dataset.group ?? null;
  });
  expect(group).toBe('PGY-1');
});

test(
  "a person's first and last day: an end before the start is shown beside the field, a good pair is saved and " +
    'listed',
  async ({ page }) => {
    await openPeople(page);
    let writes = 0;
    page.on('request', (r) => {
      if (/\/api\/people\.(create|update)$/.test(r.url())) writes++;
    });
    const name = `Rowan Visiting ${Date.now().toString(36)}`;
    await page.getByTestId('person-add').click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await page.getByTestId('person-name').fill(name);
    await page.getByTestId('person-kind').click();
    await page.getByRole('option', { name: /student/i }).click();
    await page.getByTestId('person-start-date').fill('2026-08-12');
    await page.getByTestId('person-end-date').fill('2026-08-11');
    await page.getByTestId('person-save').click();
    await expect(dialog.getByText('the end date 2026-08-11 is before the start date 2026-08-12')).toBeVisible();
    await expect(page.getByTestId('person-end-date')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toBeVisible();
    expect(writes).toBe(0);

    await page.getByTestId('person-end-date').fill('2027-01-08');
    await page.getByTestId('person-save').click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId('person-row').filter({ hasText: name });
    await expect(row.getByTestId('person-dates')).toHaveText('12 Aug 2026 – 8 Jan 2027');
    const id = await row.getAttribute('data-person-id');
    const stored = async () =>
      page.evaluate(async (personId) => {
        const info = await window.api['program.info']({});
        const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
        const p = people.find((x) => x.id === personId)!;
        return [p.startDate ?? null, p.endDate ?? null];
      }, id);
    expect(await stored()).toEqual(['2026-08-12', '2027-01-08']);

    // Edited: the dialog starts from the stored dates; cleared, the person is open-ended again.
    await row.click();
    const edit = page.getByRole('dialog', { name: `Edit ${name}` });
    await expect(page.getByTestId('person-end-date')).toHaveValue('2027-01-08');
    await page.getByTestId('person-start-date').fill('');
    await page.getByTestId('person-end-date').fill('');
    await page.getByTestId('person-save').click();
    await expect(edit).toBeHidden();
    await expect(row.getByTestId('person-dates')).toHaveCount(0);
    expect(await stored()).toEqual([null, null]);
  },
);
