// Test fixtures for the e2e specs: `page` is already authenticated at the app (the host's token
// exchanged for its session cookie) and signed in as a demo account (`test.use({ account: … })`,
// the coordinator unless a spec says otherwise), and the app is held to its offline promise: the
// browser refuses any request that would leave the host, and the test that made it fails. A worker
// signs in once per account: later tests of that account start with the same session's cookies (a
// sign-in is a deliberately slow scrypt). Tests of a spec may share one booted app (`sharePage`), each
// of them signed in afresh if the app keeps something of the test before that the next would trip on.
import { existsSync, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type BrowserContext, type Cookie, expect, type Locator, type Page } from '@playwright/test';
import type { SessionStatus } from '../../core/api/contract';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoRole } from '../sign-in';
import { startHostProcess } from './host-process';
import { pageCheckpoint } from './shared-page';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The URL printed by the host (with its one-time token query). */
export function hostUrl(): string {
  if (process.env.E2E_HOST_URL) return process.env.E2E_HOST_URL;
  const file = path.join(root, '.tmp', 'e2e-host.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url;
  throw new Error('No test host: run the specs through playwright.config.ts (its global setup starts the host)');
}

/** A booted app kept for the next test of the same spec and options (`sharePage`). */
interface SharedApp {
  key: string;
  file: string;
  page: Page;
  /** Who the app is signed in as. */
  account: DemoRole | null;
  /** Where the app started (each test starts there). */
  start: string;
  outside: string[];
  /** Puts the page back as the next test expects it (shared-page.ts). */
  restore: () => Promise<void>;
}

export const test = base.extend<
  { hostOrigin: string; account: DemoRole | null; sharePage: boolean | 'signed-in-afresh' },
  {
    laterWorkerTurn: undefined;
    workerHost: string;
    signedIn: Map<DemoRole, Cookie[]>;
    sharedApp: { current: SharedApp | null };
  }
>({
  /**
   * With E2E_LATER_WORKERS_AFTER=<file>, every worker but the first waits for that file before its
   * first spec: CI (.ci/run) creates it when its other lane (typecheck, lint, vitest) ends, so a second
   * browser joins the run only once the cores are free, and then shares the specs still queued.
   */
  laterWorkerTurn: [
    async ({}, use, workerInfo) => {
      const gate = process.env.E2E_LATER_WORKERS_AFTER;
      if (gate && workerInfo.parallelIndex > 0) await fileExists(gate);
      await use(undefined);
    },
    // No limit of its own: it waits as long as the other lane runs (CI's step limit guards a hang).
    { scope: 'worker', timeout: 0 },
  ],
  /**
   * The host this worker's specs use: the run's shared one (global-setup.ts, one worker), or with
   * several workers (E2E_WORKERS) a host of the worker's own, on its own copy of the demo program.
   */
  workerHost: [
    async ({ laterWorkerTurn: _ }, use) => {
      if (process.env.E2E_HOST_URL) return use(process.env.E2E_HOST_URL);
      const host = await startHostProcess();
      process.env.E2E_HOST_URL = host.url;
      await use(host.url);
      await host.stop();
    },
    // Longer than the host's own start-up guard (host-process.ts), so that one reports a hang.
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
  /** This worker's signed-in sessions: the host's cookies of a browser signed in as each account. */
  signedIn: [async ({}, use) => use(new Map()), { scope: 'worker' }],
  hostOrigin: async ({}, use) => {
    await use(new URL(hostUrl()).origin);
  },
  /** Who the page is signed in as (the demo program's account of this role); null = signed out. */
  account: ['coordinator', { option: true }],
  /**
   * Tests of one spec that set up the same scenario (same account and page options) share one booted app:
   * each starts where the app starts, with the routes, listeners and emulated media the test before added
   * undone (shared-page.ts), and what it writes is seen by the next, as the program already is.
   * 'signed-in-afresh': the same, and before each test the account signs out and in again through the app
   * (cheaper than a boot), which forgets everything of the test before: an export form, a generation run
   * and its panel, a draft being edited (renderer/src/state/store.ts). A test of another account on the same
   * options takes the app over the same way, signed out and in as its account.
   */
  sharePage: [false, { option: true }],
  sharedApp: [
    // On the browser, so that it ends before the browser closes.
    async ({ browser: _ }, use) => {
      const holder: { current: SharedApp | null } = { current: null };
      await use(holder);
      await holder.current?.page.context().close();
    },
    { scope: 'worker' },
  ],
  page: async (
    {
      context,
      browser,
      hostOrigin,
      account,
      signedIn,
      sharePage,
      sharedApp,
      viewport,
      reducedMotion,
      colorScheme,
      deviceScaleFactor,
    },
    use,
    testInfo,
  ) => {
    const options = { viewport, reducedMotion, colorScheme };
    // The zoom (a 125 % screen) is the context's for good: a page with another one is another app. Another
    // account signs in on the app through its sign-in screen (a signed-out test's app has none open).
    const key = sharePage ? JSON.stringify([testInfo.file, account === null, options, deviceScaleFactor ?? 1]) : null;
    // Another spec's, or another scenario's of this spec, ends here; one of this spec's own tests that opts
    // out of sharing (sharePage false) runs on a page of its own beside it.
    const kept = sharedApp.current;
    if (kept && kept.key !== key && (key || kept.file !== testInfo.file)) {
      sharedApp.current = null;
      await kept.page.context().close();
    }
    let app = key ? sharedApp.current : null;
    if (app) {
      await app.restore();
      if (account && (app.account !== account || sharePage === 'signed-in-afresh')) {
        await closeWhatIsOpen(app.page);
        await signOutAndInAs(app.page, account);
        // The session signed out is void: a later boot as its account signs in again.
        if (app.account) signedIn.delete(app.account);
        signedIn.set(account, await app.page.context().cookies(hostOrigin));
        if (app.account === account) await expect(app.page).toHaveURL(app.start);
        else {
          // Residents and faculty are sent on to their own page once signed in: wait for it.
          await expect(app.page).toHaveURL(
            ['resident', 'faculty'].includes(account) ? /\/#\/person$/ : appStart(hostOrigin),
          );
          app.account = account;
          app.start = app.page.url();
        }
      }
    } else {
      const page = await (key ? await browser.newContext({ ...options, deviceScaleFactor }) : context).newPage();
      const outside = offHostRequests(page.context(), hostOrigin);
      await openApp(page, hostOrigin, account, signedIn);
      app = { key: key ?? '', file: testInfo.file, page, account, start: page.url(), outside, restore: async () => {} };
      if (key) sharedApp.current = app;
    }
    const { page, outside } = app;
    outside.length = 0;
    const restore = pageCheckpoint(page, page.url(), options);
    await use(page);
    if (holding.has(page)) await releaseSolves(page);
    // A test that signed its session out or in as someone else leaves the next test a fresh sign-in.
    const stillSignedIn = !account || (await signedInAs(page, hostOrigin, account));
    if (!stillSignedIn) signedIn.delete(account!);
    if (key && (!stillSignedIn || page.isClosed())) {
      sharedApp.current = null;
      await page.context().close();
    } else app.restore = restore;
    expect([...outside], 'the app must not make network requests outside the host').toEqual([]);
  },
});

/** Open the app in `page` signed in as the demo account of `role` (null: signed out), at its own start. */
async function openApp(
  page: Page,
  hostOrigin: string,
  role: DemoRole | null,
  signedIn: Map<DemoRole, Cookie[]>,
): Promise<void> {
  if (role) {
    const cookies = signedIn.get(role);
    if (cookies) await page.context().addCookies(cookies);
    else {
      // The browser's own session (cookies shared with the page): token exchange, then sign in.
      await page.request.get(hostUrl());
      await signInAs(page, role);
      signedIn.set(role, await page.context().cookies(hostOrigin));
    }
    await page.goto(`${hostOrigin}/`);
  } else {
    await page.goto(hostUrl());
  }
  await expect(page).toHaveURL(appStart(hostOrigin));
}

/** The app's own start (residents and faculty open on their schedule page: `#/person`). */
function appStart(hostOrigin: string): RegExp {
  return new RegExp(`^${hostOrigin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(#/\\w+)?$`);
}

/**
 * The requests `context` makes from now on to anywhere but the host's `origin`, for the test to fail on.
 * The browser itself refuses them (playwright.config.ts resolves no address but the host's), so this only
 * listens: a page.route for every request held each one for a round trip to the test runner.
 */
export function offHostRequests(context: BrowserContext, origin: string): string[] {
  const outside: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  return outside;
}

/** Resolves once `file` exists (watched, not polled). */
function fileExists(file: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(path.dirname(file), () => {
      if (existsSync(file)) {
        watcher.close();
        resolve();
      }
    });
    // Created before the watch began.
    if (existsSync(file)) {
      watcher.close();
      resolve();
    }
  });
}

/** Close the dialogs and menus left open over the app as a user would, with Escape (the account menu is under them). */
async function closeWhatIsOpen(page: Page): Promise<void> {
  const open = page.getByRole('dialog').or(page.getByRole('menu')).or(page.getByRole('listbox'));
  for (let n = await open.count(); n > 0; n = await open.count()) {
    await page.keyboard.press('Escape');
    await expect(open, 'a dialog or menu left open that Escape does not close').toHaveCount(n - 1);
  }
}

/**
 * Sign the app out through its account menu and in as the demo account of `role` through its sign-in screen
 * (the same booted page; nothing of the session before stays in it). The old session's cookies are void after.
 */
export async function signOutAndInAs(page: Page, role: DemoRole): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInThroughApp(page, role);
}

/** Sign in as the demo account of `role` on the app's sign-in screen. */
export async function signInThroughApp(page: Page, role: DemoRole): Promise<void> {
  await page.getByLabel('Account name').fill(DEMO_ACCOUNTS[role]);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
}

/** Whether the page's browser session is still signed in as the demo account of `role`. */
async function signedInAs(page: Page, origin: string, role: DemoRole): Promise<boolean> {
  try {
    const response = await page.request.post(`${origin}/api/session.status`, { data: {} });
    const body = (await response.json()) as { ok: boolean; value?: SessionStatus };
    return body.ok && body.value?.account?.username === DEMO_ACCOUNTS[role];
  } catch {
    return false; // the page or its context is gone, or the cookies were cleared: sign in afresh
  }
}

/** Sign the page's browser session in as the demo account of `role` (test/sign-in.ts); reload to see it. */
export async function signInAs(page: Page, role: DemoRole): Promise<void> {
  const origin = new URL(hostUrl()).origin;
  const response = await page.request.post(`${origin}/api/session.signIn`, {
    data: { username: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD },
  });
  const body = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`Could not sign in as the demo ${role}: ${body.error?.message}`);
}

/** A draft made by `draftWithLectureInBlock5`. */
export interface LectureDraft {
  id: number;
  name: string;
  residentId: string;
  residentName: string;
}

/**
 * Through the page's API: a new draft named `name` in which the first resident of the grid has
 * `halfDays` of their non-lecture half-days on block 5's first day changed to lecture (LEC), so
 * the draft has something to publish, review or check.
 */
export async function draftWithLectureInBlock5(page: Page, name: string, halfDays = 1): Promise<LectureDraft> {
  return page.evaluate(
    async ({ name, halfDays }) => {
      const info = await window.api['program.info']({});
      const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
      const block = blocks.find((b) => b.number === 5)!;
      const grid = await window.api['schedule.grid']({ start: block.start, end: block.start });
      const resident = grid.people.find((p) => p.kind === 'resident')!;
      const cells = grid.assignments
        .filter((a) => a.personId === resident.id && a.activityCode !== 'LEC')
        .slice(0, halfDays)
        .map((a) => ({ personId: a.personId, date: a.date, half: a.half }));
      if (cells.length < halfDays) throw new Error(`${resident.name} has fewer than ${halfDays} half-days to change`);
      const created = await window.api['drafts.create']({ name, note: null });
      await window.api['drafts.setActivity']({ draftId: created.id, cells, activityCode: 'LEC' });
      return { id: created.id, name: created.name, residentId: resident.id, residentName: resident.name };
    },
    { name, halfDays },
  );
}

/**
 * In the Drafts view's findings section: acknowledge every critical or high finding that still
 * blocks publishing, as an approved exception with `explanation`.
 */
export async function acknowledgeBlockingFindings(page: Page, explanation: string): Promise<void> {
  const findings = page.getByTestId('findings-section');
  const blocking = findings.locator(
    '[data-testid="draft-finding"][data-acknowledged="false"][data-severity="critical"], ' +
      '[data-testid="draft-finding"][data-acknowledged="false"][data-severity="high"]',
  );
  for (let n = await blocking.count(); n > 0; n--) {
    await blocking.first().getByRole('button', { name: 'Acknowledge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Acknowledge a finding' });
    await dialog.getByTestId('ack-reason-code').click();
    await page.getByRole('option', { name: 'Approved exception' }).click();
    await dialog.getByLabel('Explanation').fill(explanation);
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(dialog).toBeHidden();
    await expect(blocking).toHaveCount(n - 1);
  }
}

/**
 * The running generation's details, opened from its status in the top bar (where a run shows while it
 * goes; nothing floats over the page): the panel, which stays open until hidden or closed.
 */
export async function openGenerationDetails(page: Page): Promise<Locator> {
  const panel = page.getByTestId('generation-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /: show the generation details$/ }).click();
  await expect(panel).toBeVisible();
  return panel;
}

/** Pages whose test holds the host's solves: released when the test ends, however it ends. */
const holding = new WeakSet<Page>();

/**
 * Hold every solve the host starts at its first step (test/host/solve-gate.ts) until
 * releaseSolves (or the test's end), or until the run is cancelled: "while a generation runs" for as
 * long as a test needs, however fast the solver is on this machine.
 */
export async function holdSolves(page: Page): Promise<void> {
  holding.add(page);
  await solveGate(page, 'hold');
}

export async function releaseSolves(page: Page): Promise<void> {
  await solveGate(page, 'release');
  holding.delete(page);
}

async function solveGate(page: Page, action: 'hold' | 'release'): Promise<void> {
  const response = await page.request.post(`${new URL(hostUrl()).origin}/test/solves/${action}`);
  expect(response.status(), `the test host's solve gate (${action})`).toBe(204);
}

export { expect };
