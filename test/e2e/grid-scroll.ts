// Finding a row in the block grid, whose rows are drawn only as they scroll into view: the grid
// renders them after the scroll event (React batches it), later still on a loaded machine. A loop that
// scrolls without waiting can scroll past the row it looks for before that row is ever drawn. So scroll
// half a screen at a time and, after each step, wait until the grid has drawn the row at the new
// bottom edge of the view.
import { expect, type Locator } from '@playwright/test';

/** Scrolls `grid` from the top down until `target` (in a grid row) is drawn; fails if it never is. */
export async function scrollGridUntil(grid: Locator, target: Locator): Promise<void> {
  await rowsDrawn(grid);
  if ((await target.count()) === 0) {
    // From the top, so a row above the current view is found too.
    await grid.evaluate((el) => el.scrollTo({ top: 0 }));
    await rowsDrawn(grid);
  }
  while ((await target.count()) === 0) {
    const moved = await grid.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollBy(0, Math.max(100, el.clientHeight / 2));
      return el.scrollTop > before;
    });
    if (!moved) break; // the last row is in view: the target is not in this grid
    await rowsDrawn(grid);
  }
  await expect(target.first(), 'drawn once the grid scrolled to it').toBeAttached();
}

/** Resolves once a body row (header rows are 1 and 2) covers the view's bottom edge. */
function rowsDrawn(grid: Locator): Promise<void> {
  return grid.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const check = () => {
          const edge = Math.min(el.scrollTop + el.clientHeight, el.scrollHeight) - 1;
          for (const row of el.querySelectorAll<HTMLElement>('[role="row"]')) {
            if (Number(row.getAttribute('aria-rowindex')) <= 2) continue;
            const top = Number.parseFloat(row.style.top);
            if (top <= edge && top + row.offsetHeight > edge) return resolve();
          }
          requestAnimationFrame(check);
        };
        check();
      }),
  );
}
