// Finding a person's week fast, at a 1280×720 workstation: Ctrl+K searches people, activities,
// views and dates; a person opens on their own schedule page (their year at a glance, the coming
// two weeks, their hours), from which the grid shows their row; a date jumps the schedule there;
// an activity is picked out in the grid. A resident opens the app on their own page.
import { expect, test } from './fixtures';

// One app for the spec: the coordinator's checks, then the resident signed in on it (fixtures.ts).
test.use({ viewport: { width: 1280, height: 720 }, sharePage: true });

test('Ctrl+K finds a resident; their page shows the year and leads to their row in the grid', async ({ page }) => {
  const resident = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
    return people.find((p) => p.kind === 'resident' && p.pgy === 2)!;
  });
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill(resident.name.split(' ')[0]);
  await expect(page.getByTestId('search-result').first()).toContainText(resident.name);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(new RegExp(`#/person\\?.*id=${resident.id}`));
  const person = page.getByTestId('person-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(resident.name);
  await expect(person.getByRole('list', { name: 'Blocks of the year' }).getByRole('listitem')).toHaveCount(14);
  await expect(person.getByTestId('person-totals')).toContainText('clinic half-days');
  await expect(person.getByRole('table', { name: 'The coming two weeks' })).toBeVisible();
  await expect(person.getByTestId('person-hours')).toBeVisible();

  await page.getByRole('button', { name: 'Show in the grid' }).click();
  const row = page.getByRole('grid').locator(`.bg-row[data-person-id="${resident.id}"]`);
  await expect(row).toBeInViewport();
});

test('a date jumps the schedule to its block and day; an activity is picked out in the grid', async ({ page }) => {
  const year = await page.evaluate(async () => (await window.api['program.info']({})).currentAcademicYear);
  await page.getByTestId('search-open').click();
  await page.getByTestId('search-input').fill(`18 Mar ${year + 1}`);
  await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-kind', 'date');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/schedule\\?.*date=${year + 1}-03-18`));
  await expect(page.getByRole('grid').locator(`.bg-day-head[data-date="${year + 1}-03-18"]`)).toBeInViewport();

  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('LEC');
  await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-kind', 'activity');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('grid-highlight')).toContainText('LEC');
  await expect(page.getByRole('grid')).toHaveAttribute('data-highlight', 'LEC');
});

test.describe('a resident', () => {
  test.use({ account: 'resident' });

  test('opens the app on their own schedule page and exports from it', async ({ page }) => {
    const me = await page.evaluate(async () => (await window.api['session.status']({})).account!);
    await expect(page).toHaveURL(/#\/person$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(me.displayName);
    await expect(page.getByRole('navigation', { name: 'Views' }).getByTestId('nav-person')).toHaveAttribute(
      'aria-current',
      'page',
    );
    await page.getByTestId('person-export-ics').click();
    await expect(page).toHaveURL(/#\/export/);
    await expect(page.getByTestId('export-own-schedule')).toContainText(me.displayName);
  });
});
