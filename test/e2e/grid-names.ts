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
