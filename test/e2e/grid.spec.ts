// The block grid end to end: the current block of the demo program with call rows, groups,
// colour-coded activity codes, rotation bands, weekend/holiday shading and a legend; the whole
// year is virtualized in both directions.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// One app for the spec (fixtures.ts): each check opens the schedule where it looks.
test.use({ sharePage: true });

async function openSchedule(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${new URL(page.url()).origin}/#/schedule${query}`);
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  await expect(grid.locator('[role="gridcell"][data-activity]').first()).toBeVisible();
  return grid;
}

test('the current block shows people by group with activity codes, calls and rotations', async ({ page }) => {
  const expected = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
    const today = new Date().toISOString().slice(0, 10);
    const block = blocks.find((b) => b.start <= today && today <= b.end) ?? blocks.find((b) => b.number === 1)!;
    const grid = await window.api['schedule.grid']({ start: block.start, end: block.end });
    const days = Math.round((Date.parse(block.end) - Date.parse(block.start)) / 86_400_000) + 1;
    return { block, days, callTypes: grid.callTypes.map((c) => c.code), assignments: grid.assignments.length };
  });
  expect(expected.assignments).toBeGreaterThan(0);

  const grid = await openSchedule(page);
  await expect(page.getByText(`Block ${expected.block.number} ·`).first()).toBeVisible();
  await expect(grid).toHaveAttribute('data-start', expected.block.start);
  await expect(grid).toHaveAttribute('aria-colcount', String(1 + expected.days * 2));

  // Two-level header: the first day with AM and PM below it.
  const firstDay = grid.locator(`[role="columnheader"][data-date="${expected.block.start}"]`);
  await expect(firstDay).toBeVisible();
  await expect(grid.locator('[role="columnheader"]', { hasText: /^AM$/ }).first()).toBeVisible();
  await expect(grid.locator('[role="columnheader"]', { hasText: /^PM$/ }).first()).toBeVisible();

  // Call rows on top, one per call type, before any group.
  const rowOrder = await grid.locator('[role="row"][data-call-type], [role="row"][data-group]').evaluateAll((rows) =>
    rows
      .map((r) => ({
        top: parseFloat((r as HTMLElement).style.top),
        call: r.getAttribute('data-call-type'),
        group: r.getAttribute('data-group'),
      }))
      .sort((a, b) => a.top - b.top),
  );
  expect(rowOrder.filter((r) => r.call).map((r) => r.call)).toEqual(expected.callTypes);
  const firstGroup = rowOrder.findIndex((r) => r.group);
  expect(rowOrder.slice(0, firstGroup).every((r) => r.call)).toBe(true);
  expect(
    rowOrder
      .filter((r) => r.group)
      .map((r) => r.group)
      .slice(0, 3),
  ).toEqual(['PGY-3', 'PGY-2', 'PGY-1']);

  // Someone is on call on some night of the block.
  await expect(grid.locator('[role="gridcell"][data-call-type][data-person-ids]').first()).toBeVisible();

  // Cells carry their slot and activity, coloured with readable text.
  const cell = grid.locator('[role="gridcell"][data-activity]').first();
  await expect(cell).toHaveAttribute('data-person-id', /.+/);
  await expect(cell).toHaveAttribute('data-date', /^\d{4}-\d{2}-\d{2}$/);
  await expect(cell).toHaveAttribute('data-half', /^(AM|PM)$/);
  const code = await cell.getAttribute('data-activity');
  await expect(cell).toHaveText(code!);
  const colours = await cell.evaluate((el) => ({
    bg: getComputedStyle(el).backgroundColor,
    fg: getComputedStyle(el).color,
  }));
  expect(colours.bg).not.toBe('rgba(0, 0, 0, 0)');
  expect(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']).toContain(colours.fg);

  // Residents show their rotation for each half-block.
  await expect(grid.locator('[data-rotation]').first()).toBeVisible();

  // Weekends are shaded in the header.
  await expect(grid.locator('[role="columnheader"].bg-weekend').first()).toBeVisible();

  // The legend is shown on demand (from the view options) and names the codes in view.
  await expect(page.getByTestId('grid-legend')).toHaveCount(0);
  await page.getByTestId('view-options').click();
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('grid-legend').locator(`[data-legend-code="${code}"]`)).toBeVisible();
  await page.getByTestId('view-options').click();
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('grid-legend')).toHaveCount(0);
});

test('the block picker and arrows move between blocks and the URL keeps the choice', async ({ page }) => {
  await openSchedule(page, '?block=2');
  const grid = page.getByRole('grid');
  const start2 = await grid.getAttribute('data-start');
  await page.getByRole('button', { name: 'Next block' }).click();
  await expect(page).toHaveURL(/block=3/);
  await expect(grid).not.toHaveAttribute('data-start', start2!);
  await page.reload();
  await expect(page).toHaveURL(/block=3/);
  await expect(page.getByText('Block 3 ·').first()).toBeVisible();
  await page.getByRole('button', { name: 'Previous block' }).click();
  await expect(grid).toHaveAttribute('data-start', start2!);
});

test('holidays are marked with their name', async ({ page }) => {
  const holiday = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const year = info.academicYears.find((y) => y.id === info.currentAcademicYear)!;
    const grid = await window.api['schedule.grid']({ start: year.start, end: year.end });
    return grid.holidays[0] ?? null;
  });
  expect(holiday).not.toBeNull();
  const blockNumber = await page.evaluate(async (date) => {
    const info = await window.api['program.info']({});
    const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
    return blocks.find((b) => b.start <= date && date <= b.end)!.number;
  }, holiday!.date);
  const grid = await openSchedule(page, `?block=${blockNumber}`);
  const head = grid.locator(`[role="columnheader"][data-date="${holiday!.date}"]`);
  await head.scrollIntoViewIfNeeded();
  await expect(head).toHaveAttribute('data-holiday', holiday!.name);
  const escaped = holiday!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(head).toHaveAttribute('title', new RegExp(escaped));
  await expect(head).toHaveClass(/bg-holiday/);
});

test('the whole year is virtualized in both directions', async ({ page }) => {
  const grid = await openSchedule(page, '?block=year');
  const colcount = Number(await grid.getAttribute('aria-colcount'));
  expect([731, 733]).toContain(colcount);
  const rowcount = Number(await grid.getAttribute('aria-rowcount'));
  const total = (rowcount - 2) * (colcount - 1);
  const rendered = await grid.locator('[role="gridcell"]').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(total / 5);

  // Scroll to the far right: the last day of the year is rendered, the first is not.
  const end = await grid.getAttribute('data-end');
  const start = await grid.getAttribute('data-start');
  await grid.evaluate((el) => el.scrollTo({ left: el.scrollWidth, top: el.scrollHeight }));
  await expect(grid.locator(`[role="columnheader"][data-date="${end}"]`)).toBeVisible();
  await expect(grid.locator(`[role="columnheader"][data-date="${start}"]`)).toHaveCount(0);
  // The sticky name column and header stay in view.
  await expect(grid.locator('[role="rowheader"]').last()).toBeVisible();
  await expect(grid.locator('[role="columnheader"]', { hasText: /^PM$/ }).last()).toBeVisible();
});
