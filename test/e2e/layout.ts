// What a view's layout must never do at a workstation's size (1280×720, at 125 % zoom 1024×576):
// scroll the page sideways, make a list wider than the box it is in (its last columns cut off),
// cut the program's name in the top bar, or hide views below the navigation rail's fold.
// Sideways scrolling is the point of the block grid and the contingency heatmap: not checked here.
import type { Page } from '@playwright/test';

export async function layoutDefects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const defects: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) defects.push(`the page scrolls sideways (${root.scrollWidth} px)`);
    for (const table of document.querySelectorAll<HTMLElement>('main table, main [data-testid="findings-table"]')) {
      let box: HTMLElement | null = table;
      while (box && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      if (box && box.scrollWidth > box.clientWidth + 1)
        defects.push(
          `"${table.getAttribute('aria-label') ?? table.textContent?.slice(0, 40)}" is wider than its box ` +
            `(${box.scrollWidth} > ${box.clientWidth} px)`,
        );
    }
    const name = document.querySelector<HTMLElement>('[data-testid="program-name"]');
    if (name && name.scrollWidth > name.clientWidth + 1)
      defects.push(`the program's name is cut: "${name.textContent}"`);
    const nav = document.querySelector<HTMLElement>('#nav-rail');
    for (const box of [nav, nav?.parentElement])
      if (box && box.scrollHeight > box.clientHeight + 1)
        defects.push(`the navigation needs scrolling (${box.scrollHeight} > ${box.clientHeight} px)`);
    return defects;
  });
}
