// The app's own theme switch, the top bar's toggle, as a user turns it: a check in both themes turns it
// on the page it already has open (a boot or a view's mount costs more than a theme's redraw).
import { expect, type Page } from '@playwright/test';

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/**
 * Both themes, the one the page is drawn in first: a part checked in both costs one switch, not two
 * (a switch redraws the whole app, the largest cost of the accessibility spec after axe itself).
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
