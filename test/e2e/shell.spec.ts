// Smoke test of the shell: the app loads in a browser through the test host, the navigation is
// there, and `window.api` (the bridge generated from the contract) reaches the real core.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, offHostRequests, test } from './fixtures';
import { startScripts, watchApiCalls } from './requests';

// One app for the whole spec (fixtures.ts): the checks below look at it, or reload it themselves.
test.use({ sharePage: true });

test('the app loads with its navigation', async ({ page }) => {
  await expect(page).toHaveTitle(/Residency Scheduler/);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
});

test('the collapsed rail names each view in a tooltip on hover', async ({ page }) => {
  const toggle = page.getByTestId('nav-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'People' }).hover();
  const tip = page.getByRole('tooltip').filter({ hasText: /^People$/ });
  await expect(tip).toBeVisible();
  // Open again (prefs keep the choice): the next test starts with the rail open.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(tip).toHaveCount(0);
});

test('window.api reaches the core and reports invalid input with its path', async ({ page }) => {
  const info = await page.evaluate(() => window.api['program.info']({}));
  expect(info.counts.residents).toBeGreaterThan(0);
  expect(info.schemaVersion).toBeGreaterThan(0);

  const err = await page.evaluate(() =>
    window.api['people.list']({ academicYear: 1800 }).then(
      () => null,
      (e: { data?: unknown }) => e.data,
    ),
  );
  expect(err).toMatchObject({ code: 'invalid_input', issues: [{ path: 'academicYear' }] });
});

test('a calendar job runs in the worker pool and reports its result', async ({ page }) => {
  const status = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const { jobId } = await window.api['jobs.startYearCalendar']({ academicYear: info.currentAcademicYear });
    // Until the job leaves 'running', however long a loaded machine takes: the test's limit is the hang guard.
    for (;;) {
      const s = await window.api['jobs.status']({ jobId });
      if (s.state !== 'running')
        return { state: s.state, slots: (s.result as { slots: unknown[] } | null)?.slots.length ?? 0 };
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  expect(status.state).toBe('succeeded');
  expect([730, 732]).toContain(status.slots);
});

test('with the system set to reduce motion, a dialog appears without a transition; without it, it fades in', async ({
  page,
}) => {
  // The specs run as a user who asked for reduced motion (playwright.config.ts): check both ways.
  const dialog = page.getByRole('dialog', { name: 'Enter an absence' });
  const fade = async () => {
    await page.getByTestId('nav-absences').click();
    await page.getByTestId('new-absence').click();
    await expect(dialog).toBeVisible();
    // The dialog's fade (MUI's Fade on its container), as the theme made it.
    const transition = await page.locator('.MuiDialog-container').evaluate((el) => getComputedStyle(el).transition);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    return transition;
  };
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await fade()).toMatch(/^(none|all 0s ease 0s)$/);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await fade()).toMatch(/opacity \d+ms|opacity 0\.\d+s/);
});

// A transition written by hand, not through the theme, still runs under reduced motion (and the accessibility walk,
// which switches the theme in place, read the export tiles mid-fade at load).
test('with the system set to reduce motion, nothing in the views has a CSS transition', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const moving = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('#root *')]
        .filter((el) =>
          getComputedStyle(el)
            .transitionDuration.split(',')
            .some((d) => Number.parseFloat(d) > 0),
        )
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${getComputedStyle(el).transition})`),
    );
  for (const view of ['dashboard', 'schedule', 'people', 'absences', 'export']) {
    await page.getByTestId(`nav-${view}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${view}`));
    if (view === 'export') await expect(page.locator('[data-testid^="export-format-"]').first()).toBeVisible();
    await expect(
      page.locator('main .MuiLinearProgress-indeterminate, main .MuiCircularProgress-indeterminate'),
    ).toHaveCount(0);
    expect(await moving(), view).toEqual([]);
  }
});

// Its own app: the views visited before would answer from what they already read, without a loading bar.
test.describe(() => {
  test.use({ sharePage: false });

  test('with the system set to reduce motion, a loading bar stands still; without it, it slides', async ({ page }) => {
    // Hold the absences list so the view's loading bar stays on screen while it is looked at.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/absences.list', async (route) => {
      await released;
      await route.continue();
    });
    const loadingBar = page.locator('.MuiLinearProgress-indeterminate');
    /** The endless animations running in the page (MUI's slide of an indeterminate bar, a spinner's turn). */
    const endless = () =>
      page.evaluate(
        () =>
          document
            .getAnimations()
            .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations === Infinity).length,
      );

    // The view's own bar: the dashboard left behind (its cards still loading) is gone once Absences shows.
    const absencesShown = page.getByRole('heading', { level: 1, name: 'Absences' });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.getByTestId('nav-absences').click();
    await expect(absencesShown).toBeVisible();
    await expect(loadingBar).toBeVisible();
    expect(await endless()).toBeGreaterThan(0);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await page.getByTestId('nav-absences').click();
    await expect(absencesShown).toBeVisible();
    await expect(loadingBar).toBeVisible();
    expect(await endless()).toBe(0);
    release();
    await expect(loadingBar).toBeHidden();
  });
});

// Each view is its own chunk (renderer/src/shell/views.ts): the app starts on the shell and the dashboard.
test('the app starts without the other views’ code, which arrives when a view is opened', async ({ page }) => {
  const { scripts, atStart } = await startScripts(page);
  expect(atStart.size).toBeGreaterThan(0);

  await page.getByTestId('nav-schedule').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
  const forSchedule = scripts.filter((s) => !atStart.has(s));
  expect(forSchedule.length, 'opening Schedule fetches its own code').toBeGreaterThan(0);
});

test('a view whose code cannot be fetched says so, and opens on a second try', async ({ page }) => {
  const { atStart } = await startScripts(page);
  // Every script the start did not fetch is refused (a damaged installation).
  const refuse = (route: import('@playwright/test').Route) =>
    atStart.has(new URL(route.request().url()).pathname) ? route.fallback() : route.abort('failed');
  await page.route('**/*.js', refuse);

  await page.getByTestId('nav-settings').click();
  const failed = page.getByRole('alert').filter({ hasText: 'Settings could not be opened' });
  await expect(failed).toBeVisible();

  await page.unroute('**/*.js', refuse);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

// Views reading the same data at once share one request (lib/useApiQuery.ts): the navigation's swaps badge and
// the dashboard's swaps card asked swaps.pending twice at every start.
test('the app’s start asks the core nothing twice', async ({ page }) => {
  // Watched from the reload's commit: the page before it may still be asking (its own start, on a slow machine),
  // and the new document asks nothing before it exists.
  await page.reload({ waitUntil: 'commit' });
  const calls = watchApiCalls(page);
  await expect(page.getByTestId('current-block')).toBeVisible();
  await calls.idle();
  const asked = calls.asked().map((c) => `${c.method} ${c.body}`);
  const twice = asked.filter((a, i) => asked.indexOf(a) !== i);
  expect(twice, asked.join('\n')).toEqual([]);
});

test('the page cannot reach the API without the session cookie', async ({ page, hostOrigin }) => {
  await page.context().clearCookies();
  const status = await page.evaluate(async (origin) => {
    const r = await fetch(`${origin}/api/program.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return r.status;
  }, hostOrigin);
  expect(status).toBe(403);
});

// The offline promise's guard (fixtures.ts, playwright.config.ts): a request off the host never leaves the
// browser, and is listed for the test that made it to fail. A server on this machine, under a name that is
// not the host's, stands for "elsewhere": without the guard the page would reach it.
test('a request off the host is refused by the browser and listed to fail the test', async ({
  browser,
  hostOrigin,
}) => {
  let reached = 0;
  const elsewhere = createServer((_, response) => {
    reached++;
    response.end('reached');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  try {
    const outside = offHostRequests(context, hostOrigin);
    const page = await context.newPage();
    const url = `http://localhost:${(elsewhere.address() as AddressInfo).port}/`;
    await expect(page.goto(url)).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    expect(reached).toBe(0);
    expect(outside).toEqual([url]);
  } finally {
    await context.close();
    elsewhere.close();
  }
});
