// The block grid on real workstations: at 1280×720 (100 % zoom) at least 12 people × 14 days are
// in view at once; at 1920×1080 the whole current block of every resident. The compact density is
// the default; the navigation rail can be collapsed for more days; the legend is on demand.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clippedGridNames, cutGridTexts } from './grid-names';
import { layoutDefects } from './layout';

/** People rows and day columns wholly inside the grid's visible area (below its sticky header, right of its names). */
async function inView(grid: Locator): Promise<{ people: number; days: number; residents: number }> {
  return grid.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const header = el.querySelector('.bg-header')!.getBoundingClientRect();
    const names = el.querySelector('.bg-corner')!.getBoundingClientRect();
    const top = header.bottom;
    const left = names.right;
    const bottom = box.top + el.clientHeight;
    const right = box.left + el.clientWidth;
    const rows = [...el.querySelectorAll<HTMLElement>('.bg-row[data-person-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= top - 0.5 && b.bottom <= bottom + 0.5;
    });
    const days = [...el.querySelectorAll<HTMLElement>('.bg-day-head')].filter((d) => {
      const b = d.getBoundingClientRect();
      return b.left >= left - 0.5 && b.right <= right + 0.5;
    });
    const residents = rows.filter(
      (r) =>
        r.querySelector('.bg-band') !== null || r.closest('[data-person-id]')?.getAttribute('data-resident') === 'true',
    );
    return { people: rows.length, days: days.length, residents: residents.length };
  });
}

async function openSchedule(page: Page) {
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(page.getByRole('grid').locator('.bg-row[data-person-id]').first()).toBeVisible();
}

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('shows at least 12 people and 14 days; the rail collapses for more days', async ({ page }) => {
    await openSchedule(page);
    const grid = page.getByRole('grid');
    await expect(grid).toHaveAttribute('data-density', 'compact');
    const view = await inView(grid);
    expect(view.people, JSON.stringify(view)).toBeGreaterThanOrEqual(12);
    expect(view.days, JSON.stringify(view)).toBeGreaterThanOrEqual(14);
    // Every name whole, call types' included, at 100 % and at 125 % zoom (1024×576 CSS pixels).
    expect(await clippedGridNames(page), 'names cut off at 1280×720').toEqual([]);
    // Every half-day's code and every name on call whole in its cell (not run into its neighbour).
    expect(await cutGridTexts(page), 'cell texts cut at 1280×720').toEqual([]);
    await page.setViewportSize({ width: 1024, height: 576 });
    expect(await clippedGridNames(page), 'names cut off at 125 % zoom').toEqual([]);
    expect(await cutGridTexts(page), 'cell texts cut at 125 % zoom').toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByTestId('nav-toggle').click();
    await expect(
      page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Schedule' }),
    ).toBeVisible();
    await expect.poll(async () => (await inView(grid)).days).toBeGreaterThan(view.days);
    // The collapsed rail is still the navigation: its entries keep their names for screen readers.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'People' }).click();
    await expect(page).toHaveURL(/#\/people/);
  });
});

// 1280×720 at 125 % zoom: 1024×576 CSS pixels. The views with wide lists, the person page with
// its rotations, the top bar and the rail, for the coordinator and the program director (whose
// rail also holds "My schedule").
for (const account of ['coordinator', 'program_director'] as const)
  test.describe(`at 125 % zoom, as the ${account.replace('_', ' ')}`, () => {
    test.use({ viewport: { width: 1024, height: 576 }, deviceScaleFactor: 1.25, account });

    test('lists, the person page, the top bar and the navigation fit the screen', async ({ page, hostOrigin }) => {
      for (const view of ['compliance', 'people', 'rotations', 'absences']) {
        await page.getByTestId(`nav-${view}`).click();
        // Rows shown (the list has loaded), then measured.
        await expect(page.locator('main table tbody tr, main [data-testid="finding-row"]').first()).toBeVisible();
        expect.soft(await layoutDefects(page), `${view} at 125 %`).toEqual([]);
      }
      // The finding itself is in view, not pushed off the side.
      await page.getByTestId('nav-compliance').click();
      const finding = page.getByRole('columnheader', { name: 'Finding' });
      await expect(finding).toBeInViewport({ ratio: 1 });
      // Its Acknowledge button reads whole in the folded layout.
      const acknowledge = page.getByTestId('finding-acknowledge').first();
      expect(await acknowledge.evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
      // A resident's page: every rotation's name whole in its block.
      const resident = await page.evaluate(async () => {
        const info = await window.api['program.info']({});
        const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
        return people.find((p) => p.kind === 'resident' && p.active)!.id;
      });
      await page.goto(`${hostOrigin}/#/person?id=${resident}`);
      const blocks = page.getByRole('list', { name: 'Blocks of the year' });
      await expect(blocks.locator('li').first()).toBeVisible();
      const cut = await blocks
        .locator('p')
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent ?? ''));
      expect.soft(cut, 'rotations cut on the person page').toEqual([]);
      expect.soft(await layoutDefects(page), 'person page at 125 %').toEqual([]);
    });
  });

test.describe('at 1280×720 while editing a draft', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the editing tools never cover the draft banner’s buttons', async ({ page }) => {
    await openSchedule(page);
    const openBefore = await page.evaluate(async () =>
      (await window.api['drafts.list']({ status: 'open' })).map((d) => d.id),
    );
    try {
      const cell = page
        .getByRole('grid')
        .locator('[role="gridcell"][data-person-id][data-half][data-activity]')
        .first();
      await cell.click();
      await page.keyboard.press('Delete');
      // The first edit starts a draft (made, checked, the grid drawn again): more than 10 s at load ~50 (drafts.spec).
      await expect(page.getByTestId('draft-banner')).toBeVisible({ timeout: 30_000 });
      // A trial click checks that the button itself receives the pointer (nothing lies on top of it).
      for (const id of ['open-compare', 'back-to-published', 'undo']) await page.getByTestId(id).click({ trial: true });
    } finally {
      await page.evaluate(async (keep) => {
        for (const d of await window.api['drafts.list']({ status: 'open' }))
          if (!keep.includes(d.id)) await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e clean-up' });
      }, openBefore);
    }
  });
});

test.describe('at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('shows every resident across the whole current block', async ({ page }) => {
    await openSchedule(page);
    const grid = page.getByRole('grid');
    const { residents, blockDays } = await page.evaluate(async () => {
      const info = await window.api['program.info']({});
      const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
      const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
      const today = new Date().toISOString().slice(0, 10);
      const block = blocks.find((b) => b.start <= today && today <= b.end) ?? blocks[1];
      const days = Math.round((Date.parse(block.end) - Date.parse(block.start)) / 86_400_000) + 1;
      return { residents: people.filter((p) => p.kind === 'resident' && p.active).length, blockDays: days };
    });
    const view = await grid.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const header = el.querySelector('.bg-header')!.getBoundingClientRect();
      const names = el.querySelector('.bg-corner')!.getBoundingClientRect();
      const inside = (b: DOMRect) => b.top >= header.bottom - 0.5 && b.bottom <= box.top + el.clientHeight + 0.5;
      const rows = [...el.querySelectorAll<HTMLElement>('.bg-row[data-person-id]')].filter(
        (r) => r.querySelector('.bg-band') && inside(r.getBoundingClientRect()),
      );
      const days = [...el.querySelectorAll<HTMLElement>('.bg-day-head')].filter((d) => {
        const b = d.getBoundingClientRect();
        return b.left >= names.right - 0.5 && b.right <= box.left + el.clientWidth + 0.5;
      });
      return { residents: rows.length, days: days.length };
    });
    expect(view.residents, JSON.stringify(view)).toBeGreaterThanOrEqual(residents);
    expect(view.days, JSON.stringify(view)).toBeGreaterThanOrEqual(blockDays);
    expect(await cutGridTexts(page), 'cell texts cut at 1920×1080').toEqual([]);
  });
});
