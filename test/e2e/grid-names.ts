// Names the block grid cuts off in its name column: people's and call types' (a call type's name
// wraps whole over as many lines as it needs). Empty when every name is shown whole.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function clippedGridNames(page: Page): Promise<string[]> {
  const grid = page.getByTestId('block-grid');
  // Call rows are there to check (the demo has call types).
  await expect(grid.locator('.bg-row.bg-call .bg-name .bg-pn').first()).toBeVisible();
  return grid
    .locator('.bg-row .bg-name .bg-pn')
    .evaluateAll((els) =>
      els
        .filter((e) => e.scrollWidth > e.clientWidth + 0.5 || e.scrollHeight > e.clientHeight + 0.5)
        .map((e) => e.textContent ?? ''),
    );
}

/**
 * Grid cells whose text does not show whole: a half-day's code wider than its cell (it would run
 * into its neighbour or be cut), one name on call that does not fit its day on one line. Measured
 * on the text itself (a centred overflow does not count in scrollWidth). Several people on one
 * call share two lines, the rest in the cell's hover text.
 */
export async function cutGridTexts(page: Page): Promise<string[]> {
  const grid = page.getByTestId('block-grid');
  await expect(grid.locator('.bg-call-cell span').first()).toBeVisible();
  return grid.locator('.bg-cell, .bg-call-cell span').evaluateAll((els) =>
    els.flatMap((el) => {
      const text = el.textContent?.trim() ?? '';
      if (!text || text.includes(',')) return [];
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      const cut = range.getBoundingClientRect().width > el.clientWidth + 0.5 || lines > 1;
      return cut ? [`${text} (${el.closest('[data-date]')?.getAttribute('data-date')})`] : [];
    }),
  );
}
