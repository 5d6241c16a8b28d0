// Accessibility of every view, as a coordinator, in the light and the dark theme: axe-core checks
// each navigation destination, an open menu with a keyboard-focused item, and the main dialogs (generate, publish,
// absence, a person's page,
// settings, review mode, a contingency result) and the test fails on any serious or critical
// violation, naming the rule, the elements and what to do. One test per part of the app (the views, the
// dialogs, review mode, a contingency result): a failure names its part and theme.
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { draftWithLectureInBlock5, expect, test } from './fixtures';
import { jargonIn } from './jargon';
import { clippedGridNames } from './grid-names';
import { layoutDefects } from './layout';
import { switchTheme, switchThemeInPlace, themesFromCurrent } from './theme';

/** WCAG contrast ratio of two `rgb()`/`rgba()` colours, the first composited over `under` when translucent. */
function contrast(fg: string, bg: string, under: string): number {
  const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const [ur, ug, ub] = parse(under);
  const flat = (c: string) => {
    const [r, g, b, a = 1] = parse(c);
    return [r * a + ur * (1 - a), g * a + ug * (1 - a), b * a + ub * (1 - a)];
  };
  const lum = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [l1, l2] = [lum(flat(fg)), lum(flat(bg))].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Words a user must never read (test/e2e/jargon.ts), each hit with its context. */
async function jargon(page: Page): Promise<string[]> {
  return jargonIn(await page.locator('body').innerText());
}

/**
 * A dialog or menu open over a view (MUI's modal layer). The page under it is hidden from screen readers
 * (aria-hidden) and under its backdrop, so axe judges nothing there (its rules skip what no screen reader
 * reaches, and a covered text's contrast is unknown): checking only the modal finds the same, and axe no
 * longer gathers the whole view (the grid) first to drop it.
 */
const MODAL = '.MuiModal-root';

/** `include`: only these parts of the page (an open modal), the whole page when absent. */
async function expectAccessible(page: Page, where: string, theme: 'light' | 'dark', include?: string[]): Promise<void> {
  // Nothing still loading (a spinner has no value; a meter such as the block's day has one): axe
  // reads what the user will read.
  await expect(page.locator('[role="progressbar"]:not([aria-valuenow])')).toHaveCount(0);
  // Soft: one run lists every view's violations, not only the first view's.
  // The dark theme changes colours only (the same components, roles and names): there the colour rules.
  const rules = theme === 'dark' ? ['color-contrast', 'link-in-text-block'] : undefined;
  expect
    .soft(await seriousViolations(page, { rules, include }), `${where}: serious or critical accessibility violations`)
    .toEqual([]);
  if (theme === 'light') expect.soft(await jargon(page), `${where}: jargon or raw keys shown`).toEqual([]);
}

async function discard(page: Page, draftId: number): Promise<void> {
  await page.evaluate(async (id) => window.api['drafts.discard']({ draftId: id, reason: 'e2e clean-up' }), draftId);
}

// A common hospital workstation: every check at 1280×720 (and the grid renders fewer cells for axe).
// One booted app for the whole spec (a boot costs more than most checks): each test discards the draft it
// made, and every part is checked in both themes in place, first in the theme the page is in (one switch a part).
test.use({ viewport: { width: 1280, height: 720 }, sharePage: true });

test("every view and the navigation's focus ring, light and dark theme", async ({ page }) => {
  test.setTimeout(300_000); // every view through axe twice, on a loaded machine
  // Every destination the coordinator's navigation offers, in its order.
  const nav = page.getByRole('navigation', { name: 'Views' });
  const views = (
    await nav.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.dataset.testid!))
  ).map((id) => id.replace(/^nav-/, ''));
  expect(views).toEqual(expect.arrayContaining(['dashboard', 'schedule', 'compliance', 'contingency', 'settings']));

  for (const theme of await themesFromCurrent(page)) {
    await switchTheme(page, theme);

    // The navigation's keyboard focus ring: at least 2 px and 3:1 against what it is drawn on.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('nav-dashboard').focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const rail = getComputedStyle(el.closest('.MuiDrawer-paper')!).backgroundColor;
      return {
        id: el.dataset.testid,
        width: Number.parseFloat(style.outlineWidth),
        styleName: style.outlineStyle,
        color: style.outlineColor,
        itemBackground: style.backgroundColor,
        rail,
      };
    });
    expect(ring.id).toBe(`nav-${views[1]}`);
    expect(ring.styleName).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(
      contrast(ring.color, ring.itemBackground, ring.rail),
      `focus ring ${ring.color} on ${ring.itemBackground}`,
    ).toBeGreaterThanOrEqual(3);
    expect(
      contrast(ring.color, ring.rail, ring.rail),
      `focus ring ${ring.color} on the rail ${ring.rail}`,
    ).toBeGreaterThanOrEqual(3);
  }

  // Each view mounted once and checked in both themes, the one it opens in first (one switch a view).
  for (const view of views) {
    await page.getByTestId(`nav-${view}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${view}`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // A rotation's exemptions by the rule's name, not its key (`wednesday_lecture`).
    if (view === 'rotations') await expect(page.getByText('Wednesday lecture').first()).toBeVisible();
    if (view === 'schedule')
      await expect(page.getByTestId('block-grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
    for (const theme of await themesFromCurrent(page)) {
      // The view is restyled, not drawn again (a switch costs the browser's restyle only).
      await switchThemeInPlace(page, theme);
      // No person's or call type's name is cut off in the grid's name column (faculty's and calls' were).
      if (view === 'schedule')
        expect.soft(await clippedGridNames(page), `names cut off in the schedule at 1280×720 (${theme})`).toEqual([]);
      await expectAccessible(page, `${view} (${theme})`, theme);
      if (theme === 'light') expect.soft(await layoutDefects(page), `${view}: layout at 1280×720`).toEqual([]);
    }
  }
});

// The dialogs, a menu and a person's page in both themes on one path: a modal keeps the top bar's theme toggle
// out of reach, so each is opened in the theme the page is in, closed, and opened again in the other one.
test("the generate, absence and publish dialogs and a person's page, light and dark theme", async ({ page }) => {
  test.setTimeout(300_000); // ten checks through axe, on a loaded machine
  // A draft with one change to publish (discarded at the end).
  const draft = await draftWithLectureInBlock5(page, `Accessibility e2e dialogs ${Date.now()}`);
  /** The dialog `opener` opens, checked in each theme in turn and closed with `closeName` before the theme changes. */
  const dialogInBothThemes = async (where: string, opener: Locator, dialog: Locator, closeName: string) => {
    for (const theme of await themesFromCurrent(page)) {
      await switchTheme(page, theme);
      await opener.click();
      await expect(dialog).toBeVisible();
      await expectAccessible(page, `${where} (${theme})`, theme, [MODAL]);
      await dialog.getByRole('button', { name: closeName }).click();
      await expect(dialog).toBeHidden();
    }
  };

  await page.getByTestId('nav-schedule').click();
  await dialogInBothThemes(
    'generate dialog',
    page.getByRole('button', { name: 'Generate…' }),
    page.getByRole('dialog', { name: 'Generate a schedule' }),
    'Close',
  );

  // A menu with secondary lines, opened by keyboard: its selected item focused, then another one.
  const published = page.getByTestId('draft-option-published');
  for (const theme of await themesFromCurrent(page)) {
    await switchTheme(page, theme);
    await page.getByTestId('draft-picker').focus();
    await page.keyboard.press('Enter');
    await expect(published).toBeFocused();
    await expect(published).toHaveClass(/Mui-focusVisible/);
    await expectAccessible(page, `a menu's focused, selected item (${theme})`, theme, [MODAL]);
    await page.keyboard.press('ArrowDown');
    const next = page.locator('[role="option"]:focus');
    await expect(next).toHaveClass(/Mui-focusVisible/);
    await expect(next).not.toHaveAttribute('data-testid', 'draft-option-published');
    await expectAccessible(page, `a menu's focused item (${theme})`, theme, [MODAL]);
    await page.keyboard.press('Escape');
    await expect(published).toBeHidden();
  }

  await page.getByTestId('nav-absences').click();
  await dialogInBothThemes(
    'absence dialog',
    page.getByTestId('new-absence'),
    page.getByRole('dialog', { name: 'Enter an absence' }),
    'Cancel',
  );

  // A person's page (no dialog: the theme changes in place).
  await page.goto(`${new URL(page.url()).origin}/#/person?id=${draft.residentId}`);
  await expect(page.getByTestId('person-page')).toBeVisible();
  await expect(page.getByTestId('person-hours')).toBeVisible();
  for (const theme of await themesFromCurrent(page)) {
    await switchTheme(page, theme);
    await expectAccessible(page, `person page (${theme})`, theme);
  }

  // Publish (opened, not confirmed).
  await page.goto(`${new URL(page.url()).origin}/#/drafts?draft=${draft.id}`);
  await dialogInBothThemes(
    'publish dialog',
    page.getByTestId('publish'),
    page.getByRole('dialog', { name: /^Publish/ }),
    'Cancel',
  );

  await discard(page, draft.id);
});

test('review mode, light and dark', async ({ page }, testInfo) => {
  // A draft with one change, sent for review and opened in Open review (discarded at the end).
  const draft = await draftWithLectureInBlock5(page, `Accessibility e2e review ${Date.now()}`);
  const reviewFile = testInfo.outputPath('a11y.rsreview');
  await page.goto(`${new URL(page.url()).origin}/#/drafts?draft=${draft.id}`);
  await page.getByTestId('send-for-review').click();
  await page.getByTestId('send-review-path').fill(reviewFile);
  await page.getByTestId('send-review-go').click();
  // Sending checks the draft against the rules when its check is stale (a year's check, like plan-draft's
  // 'Check again'): more than the 10 s an assertion waits for the page by default on a loaded machine.
  await expect(page.getByTestId('review-sent')).toContainText('Sent once', { timeout: 60_000 });

  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-path').fill(reviewFile);
  await page.getByTestId('review-open').click();
  // The review stays open when the theme changes.
  for (const theme of await themesFromCurrent(page)) {
    await switchTheme(page, theme);
    await expect(page.getByTestId('review-counts')).toContainText('1 slot changed');
    await expect(page.getByTestId('review-grid')).toBeVisible();
    await expectAccessible(page, `review mode (${theme})`, theme);
  }

  await discard(page, draft.id);
});

test('a contingency result, light and dark', async ({ page }) => {
  test.setTimeout(300_000); // one short sweep, on a loaded machine
  // A one-day sweep (the view keeps its result when the theme changes).
  await page.getByTestId('nav-contingency').click();
  await page.getByTestId('sweep-from').fill('2026-10-12');
  await page.getByTestId('sweep-to').fill('2026-10-12');
  await page.getByTestId('sweep-run').click();
  for (const theme of await themesFromCurrent(page)) {
    await switchTheme(page, theme);
    await expect(page.getByTestId('contingency-heatmap')).toBeVisible({ timeout: 200_000 });
    await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
    await expectAccessible(page, `contingency result (${theme})`, theme);
  }
});
