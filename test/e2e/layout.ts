// What a view's layout must never do at a workstation's size (1280×720, at 125 % zoom 1024×576):
// scroll the page sideways, make a list wider than the box it is in (its last columns cut off),
// cut the program's name in the top bar, hide views below the navigation rail's fold, wrap a button's
// label onto a second line, cut a text without an ellipsis, or lay one control over another.
// Sideways scrolling is the point of the block grid and the contingency heatmap: not checked here.
import type { Page } from '@playwright/test';

export async function layoutDefects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const defects: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) defects.push(`the page scrolls sideways (${root.scrollWidth} px)`);
    // The app's frame hides what overflows it, so a view wider than the window is cut, not scrolled.
    const view = document.querySelector('main')?.getBoundingClientRect();
    if (view && view.right > window.innerWidth + 1)
      defects.push(`the view runs off the window's right edge (${Math.round(view.right)} > ${window.innerWidth} px)`);
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

    // What the user sees of the app's frame and the view (not the grid's or heatmap's cells, which
    // have checks of their own, nor what is scrolled out of the window).
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return (
        r.width > 0 &&
        r.height > 0 &&
        r.bottom > 0 &&
        r.top < window.innerHeight &&
        r.right > 0 &&
        r.left < window.innerWidth &&
        !el.closest('[role="grid"], [aria-hidden="true"], .MuiPopover-root, .MuiModal-root') &&
        getComputedStyle(el).visibility !== 'hidden'
      );
    };
    const label = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60);
    // The most lines any one of its texts takes (a name above a role is two texts, one line each).
    const textLines = (el: Element) => {
      let most = 0;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
        most = Math.max(most, tops.size);
      }
      return most;
    };
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        'button, a[href], [role="button"], [role="tab"], [role="combobox"], [role="switch"], ' +
          'input:not([type="hidden"])',
      ),
    ].filter((el) => shown(el) && getComputedStyle(el).opacity !== '0');
    // A button or tab says what it does on one line.
    for (const b of controls)
      if (b.matches('.MuiButton-root, .MuiTab-root, .MuiToggleButton-root, .MuiChip-root') && textLines(b) > 1)
        defects.push(`"${label(b)}" wraps onto a second line`);
    // A text cut short shows an ellipsis and its whole on hover; a text merely clipped reads wrong.
    // The cheap tests first: most of the page's elements hold others, or nothing, or sit in a table.
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.children.length > 0 || !el.textContent?.trim() || el.closest('table') || !shown(el)) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible') continue;
      // Text for screen readers only (ui/visuallyHidden: clipped to nothing) is not read on screen.
      if (style.clip !== 'auto' || style.clipPath !== 'none') continue;
      // The text's own width against the room inside the padding (a text cut inside the padding, as a
      // select's by its arrow, leaves scrollWidth as it is).
      const range = document.createRange();
      range.selectNodeContents(el);
      const room = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      if (range.getBoundingClientRect().width <= room + 1) continue;
      const text = el.textContent.trim();
      // Whole on hover: a title, or a tooltip (which names its element with the same words).
      const hover = el.closest('[title], [aria-label]');
      const whole = hover?.getAttribute('title') ?? hover?.getAttribute('aria-label') ?? '';
      if (style.textOverflow !== 'ellipsis') defects.push(`"${label(el)}" is cut`);
      else if (!whole.includes(text.slice(0, 12)))
        defects.push(`"${text.slice(0, 60)}" is cut, and not whole on hover`);
    }
    // No control runs off the window's right edge, unless a box it sits in scrolls sideways to it
    // (a view wider than the window inside a frame that hides the overflow: the page does not scroll).
    const scrollsSideways = (el: Element) => {
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement)
        if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return true;
      return false;
    };
    for (const el of controls)
      if (el.getBoundingClientRect().right > window.innerWidth + 1 && !scrollsSideways(el))
        defects.push(`"${label(el)}" runs off the window's right edge`);
    // No control lies over another (one inside the other is one control: a select and its input).
    // Each box read once and the pairs swept in order of their left edge: only boxes that share more
    // than 2 px of width are compared, not every pair of the page's controls.
    const boxes = controls.map((el) => ({ el, r: el.getBoundingClientRect() })).sort((a, b) => a.r.left - b.r.left);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length && boxes[j].r.left < boxes[i].r.right - 2; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const w = Math.min(a.r.right, b.r.right) - b.r.left;
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 2 && h > 2 && !a.el.contains(b.el) && !b.el.contains(a.el))
          defects.push(`"${label(a.el)}" and "${label(b.el)}" overlap`);
      }
    return defects;
  });
}
