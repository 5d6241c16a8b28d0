// One booted app for the tests of a spec that set up the same scenario (`test.use({ sharePage: true })`,
// fixtures.ts): a boot is most of a short test's CPU. Between two such tests the page is put back as a
// fresh one would be as far as the test harness set it (routes, listeners, emulated media, viewport) and
// returned to the app's start; what a test did to the app's own state (a draft opened, a setting saved)
// is the scenario's, as with the program the specs already share.
import type { Page, ViewportSize } from '@playwright/test';

/** What the test harness lets a test change on a page, as a fresh page of its options has it. */
export interface PageOptions {
  viewport: ViewportSize | null;
  reducedMotion: 'reduce' | 'no-preference' | null;
  colorScheme: 'light' | 'dark' | 'no-preference' | null;
}

type Listener = (...args: unknown[]) => void;

function listenersOf(page: Page): Map<string | symbol, Listener[]> {
  const emitter = page as unknown as NodeJS.EventEmitter;
  return new Map(emitter.eventNames().map((event) => [event, [...emitter.listeners(event)] as Listener[]] as const));
}

/** Records the page's state before a test; `restore()` undoes what the test added, `start` is the app's start. */
export function pageCheckpoint(page: Page, start: string, options: PageOptions) {
  const before = listenersOf(page);
  return async function restore(): Promise<void> {
    await page.unrouteAll({ behavior: 'wait' });
    const emitter = page as unknown as NodeJS.EventEmitter;
    for (const [event, listeners] of listenersOf(page))
      for (const listener of listeners) if (!before.get(event)?.includes(listener)) emitter.off(event, listener);
    await page.emulateMedia({ reducedMotion: options.reducedMotion, colorScheme: options.colorScheme });
    const size = page.viewportSize();
    if (options.viewport && (size?.width !== options.viewport.width || size?.height !== options.viewport.height))
      await page.setViewportSize(options.viewport);
    // The pointer and the focus where a fresh page has them: a control the last test left hovered or focused
    // keeps its tooltip open over what the next test clicks (the top-left corner is the top bar's padding).
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // Only the hash changes (a start without one is the dashboard's `#/`): the same document, no new boot.
    if (page.url() !== start) await page.goto(start.includes('#') ? start : `${start}#/`);
  };
}
