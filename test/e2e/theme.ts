// The app's own theme switch, the top bar's toggle, as a user turns it: a check in both themes turns it
// on the page it already has open (a boot or a view's mount costs more than a theme's restyle).
import { expect, type Page } from '@playwright/test';

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/**
 * Both themes, the one the page is drawn in first: a part checked in both costs one switch, not two
 * (a switch restyles the whole page).
 */
export async function themesFromCurrent(page: Page): Promise<Theme[]> {
  return (await page.locator('html').getAttribute('data-theme')) === 'dark' ? ['dark', 'light'] : ['light', 'dark'];
}

/** The app in `theme`; resolves once the page is drawn in it (the app sets the page's `data-theme` then). */
export async function switchTheme(page: Page, theme: Theme): Promise<void> {
  const toggle = page.getByTestId('theme-toggle');
  const html = page.locator('html');
  if ((await html.getAttribute('data-theme')) !== theme) await toggle.click();
  await expect(html).toHaveAttribute('data-theme', theme);
  await expect(toggle).toHaveAttribute('aria-label', theme === 'dark' ? 'Use the light theme' : 'Use the dark theme');
}

/**
 * `switchTheme` with the open view left as it is: the switch adds, removes or changes no element of the page's main
 * region (the browser restyles it from the theme's CSS variables; the app draws nothing again), so a half-typed
 * entry, a selection and a scrolled grid stay as they were. Fails naming the first elements the switch changed.
 */
export async function switchThemeInPlace(page: Page, theme: Theme): Promise<void> {
  // Already in it: nothing to switch (and the view may still be filling in from its first load).
  if ((await page.locator('html').getAttribute('data-theme')) === theme) return switchTheme(page, theme);
  await page.locator('main').evaluate((main) => {
    const changed: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        changed.push(
          `${r.type}${r.attributeName ? ` [${r.attributeName}]` : ''} on <${el?.localName}.${el?.classList[0] ?? ''}>`,
        );
      }
    });
    observer.observe(main, { subtree: true, childList: true, attributes: true, characterData: true });
    (window as { themeSwitchWatch?: () => string[] }).themeSwitchWatch = () => {
      changed.push(...observer.takeRecords().map((r) => `${r.type} (late)`));
      observer.disconnect();
      return changed;
    };
  });
  await switchTheme(page, theme);
  // A render the switch caused is committed by the next frame.
  const changed = await page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return (window as { themeSwitchWatch?: () => string[] }).themeSwitchWatch?.() ?? ['no watch'];
  });
  expect(changed.slice(0, 5), `the view's elements a switch to the ${theme} theme changed`).toEqual([]);
}
