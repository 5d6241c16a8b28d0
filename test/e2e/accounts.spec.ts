// Accounts and roles in the app: signing in (a wrong password said in words), what each role sees
// (a resident: the published schedule, read-only, and their own calendar only), the administrator's
// Accounts view (a new account with a temporary password, which the user replaces at first sign-in),
// break-glass left to the program director, and the first run of a program without accounts, which
// creates its administrator.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createProgramFile, emptyProgramData } from '../../core/services/create';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../sign-in';
import { EXPORT_JOB_END } from './export-job';
import { expect, hostUrl, signInAs, test } from './fixtures';
import { startSecondHost, type SecondHost } from './second-host';

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}`;

// One booted app for the signed-in tests (a resident, the administrator, a coordinator): each takes it over by
// signing out and in as its account through the app (fixtures.ts), cheaper than a boot each.
test.use({ sharePage: true });

/** A second browser, signed in as the demo account of `role`, to call the API as them. */
async function asRole(
  browser: Browser,
  role: keyof typeof DEMO_ACCOUNTS,
): Promise<{ page: Page; call(method: string, payload: unknown): Promise<unknown> }> {
  const page = await (await browser.newContext()).newPage();
  await page.request.get(hostUrl());
  await signInAs(page, role);
  const origin = new URL(hostUrl()).origin;
  return {
    page,
    async call(method, payload) {
      const body = (await (await page.request.post(`${origin}/api/${method}`, { data: payload })).json()) as {
        ok: boolean;
        value?: unknown;
        error?: { message: string };
      };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value;
    },
  };
}

test.describe('signed out', () => {
  test.use({ account: null });

  test('the app opens on the sign-in screen; a wrong password is said, the right one opens the app', async ({
    page,
  }) => {
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByTestId('session-program-name')).not.toBeEmpty();
    await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
    await page.getByLabel('Account name').fill(DEMO_ACCOUNTS.coordinator);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong account name or password');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await expect(page.getByTestId('account-role')).toHaveText('Coordinator');
    // Signing out returns to the sign-in screen, and the API refuses the signed-out browser.
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    const refused = await page.evaluate(() =>
      window.api['people.list']({ academicYear: 2026 }).then(
        () => null,
        (e: { data?: unknown }) => e.data,
      ),
    );
    expect(refused).toMatchObject({ code: 'unauthenticated' });
  });
});

test.describe('a resident', () => {
  test.use({ account: 'resident' });

  test('sees the published schedule read-only and exports only their own calendar', async ({ page }) => {
    const nav = page.getByRole('navigation', { name: 'Views' });
    await expect(page.getByTestId('account-role')).toHaveText('Resident');
    for (const id of ['dashboard', 'schedule', 'people', 'rotations', 'export'])
      await expect(nav.getByTestId(`nav-${id}`)).toBeVisible();
    for (const id of ['absences', 'compliance', 'drafts', 'accounts'])
      await expect(nav.getByTestId(`nav-${id}`)).toHaveCount(0);
    // A view the role may not open, reached by its link, says so.
    await page.goto(`${new URL(page.url()).origin}/#/drafts`);
    await expect(page.getByTestId('not-for-role')).toContainText('Resident accounts cannot open Drafts');

    // The grid: typing a code changes nothing and says why.
    await page.goto(`${new URL(page.url()).origin}/#/schedule?block=2`);
    const grid = page.getByRole('grid');
    const first = grid.locator('[role="gridcell"][data-activity]').first();
    await first.click();
    await page.keyboard.type('C');
    await expect(page.getByTestId('snackbar')).toContainText('Your account shows the published schedule');
    await expect(page.getByRole('toolbar', { name: 'Editing tools' })).toHaveCount(0);
    await expect(page.getByTestId('published-banner')).toContainText('the coordinator makes the changes');

    // Export: one format pair, no draft choice, their own schedule.
    const me = await page.evaluate(() => window.api['session.status']({}));
    const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-resident-'));
    try {
      await page.getByTestId('nav-export').click();
      await expect(page.getByTestId('export-own-schedule')).toContainText(me.account!.displayName);
      await expect(page.getByTestId('export-format-csv')).toHaveCount(0);
      await expect(page.getByTestId('export-section-source')).toHaveCount(0);
      await page.getByTestId('export-output').fill(folder);
      await page.getByTestId('export-run').click();
      await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
      expect(readdirSync(folder)).toEqual([`${me.account!.displayName}.ics`]);
      // Core refuses anyone else's calendar, whatever the page sends.
      const other = await page.evaluate(async (folder) => {
        const people = await window.api['people.list']({
          academicYear: (await window.api['program.info']({})).currentAcademicYear,
        });
        const mine = (await window.api['session.status']({})).account!.personId;
        const someone = people.find((p) => p.id !== mine)!.id;
        return window.api['exports.calendars']({ people: { personIds: [someone] }, outputDir: folder }).then(
          () => null,
          (e: { data?: unknown }) => e.data,
        );
      }, folder);
      expect(other).toMatchObject({ code: 'forbidden' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

test.describe('the administrator', () => {
  test.use({ account: 'administrator' });

  test('adds an account in the Accounts view; its user chooses a new password at first sign-in', async ({
    page,
    browser,
  }) => {
    const username = unique('e2e');
    await page.getByTestId('nav-accounts').click();
    await expect(page.locator(`[data-testid="account-row"][data-username="${DEMO_ACCOUNTS.resident}"]`)).toContainText(
      'Resident',
    );
    await page.getByTestId('account-add').click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Account name').fill(username);
    await dialog.getByLabel('Full name').fill('Casey Chief');
    await dialog.getByTestId('account-role-picker').click();
    await page.getByRole('option', { name: 'Chief resident' }).click();
    await dialog.getByLabel('Temporary password').fill('first day pass');
    await dialog.getByLabel('Repeat the password').fill('first day pass');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator(`[data-testid="account-row"][data-username="${username}"]`)).toContainText(
      'Temporary password',
    );

    const user = await (await browser.newContext()).newPage();
    await user.goto(hostUrl());
    await user.getByLabel('Account name').fill(username);
    await user.getByLabel('Password').fill('first day pass');
    await user.getByRole('button', { name: 'Sign in' }).click();
    await expect(user.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await user.getByLabel('Current password').fill('first day pass');
    await user.getByLabel('New password').fill('my own pass phrase');
    await user.getByLabel('Repeat the password').fill('my own pass phrase');
    await user.getByRole('button', { name: 'Change password' }).click();
    await expect(user.getByTestId('account-role')).toHaveText('Chief resident');
    // A chief resident sees drafts but cannot publish or read the audit log.
    await user.getByTestId('nav-drafts').click();
    await expect(user.getByTestId('tab-audit')).toHaveCount(0);
    await user.context().close();
  });
});

test('break-glass is the program director’s: a coordinator is told to ask them', async ({ page, browser }) => {
  const pd = await asRole(browser, 'program_director');
  const info = (await pd.call('program.info', {})) as {
    settings: Record<string, unknown>;
    currentAcademicYear: number;
  };
  const draftId = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
    const block = blocks.find((b) => b.number === 3)!;
    const grid = await window.api['schedule.grid']({ start: block.start, end: block.start });
    const a = grid.assignments.find((x) => x.activityCode !== 'OFF')!;
    const draft = await window.api['drafts.create']({ name: 'Before the lock date', note: null });
    await window.api['drafts.setActivity']({
      draftId: draft.id,
      cells: [{ personId: a.personId, date: a.date, half: a.half }],
      activityCode: 'OFF',
    });
    return draft.id;
  });
  const lockAt = (await page.evaluate(async (id) => {
    const cmp = await window.api['drafts.diff']({ draftId: id });
    return cmp.diff.cells[0].date;
  }, draftId)) as string;
  try {
    await pd.call('program.updateSettings', { ...info.settings, lockDate: lockAt });
    await page.goto(`${new URL(page.url()).origin}/#/drafts?draft=${draftId}`);
    await page.getByTestId('publish').click();
    const publish = page.getByRole('dialog', { name: /^Publish/ });
    await expect(publish.getByTestId('gate-lock-date')).toHaveAttribute('data-state', 'confirm', { timeout: 60_000 });
    await expect(publish.getByTestId('break-glass-needs-director')).toContainText(
      'Ask the program director to sign in',
    );
    await expect(publish.getByTestId('confirm-publish')).toBeDisabled();
    await publish.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await pd.call('program.updateSettings', info.settings);
    await page.evaluate((id) => window.api['drafts.discard']({ draftId: id, reason: 'e2e cleanup' }), draftId);
    await pd.page.context().close();
  }
});

test.describe('first run', () => {
  test.use({ account: null });
  let dir: string;
  let host: SecondHost | null = null;

  test.beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-first-run-'));
    const file = path.join(dir, 'new-program.sqlite');
    await createProgramFile(file, emptyProgramData({ programName: 'Brand New Program', academicYear: 2026 }));
    host = await startSecondHost(file, dir);
  });
  test.afterAll(async () => {
    await host?.stop();
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  test('a program without accounts opens on creating its administrator', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(host!.url);
    await expect(page.getByRole('heading', { name: 'Create the administrator' })).toBeVisible();
    await expect(page.getByTestId('session-program-name')).toHaveText('Brand New Program');
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Create and sign in' }).click();
    await expect(page.getByText('At least 8 characters', { exact: true })).toBeVisible();
    await page.getByLabel('New password').fill('a long enough phrase');
    await page.getByLabel('Repeat the password').fill('a long enough phrase');
    await page.getByRole('button', { name: 'Create and sign in' }).click();
    await expect(page.getByTestId('account-role')).toHaveText('Administrator');
    await expect(page.getByTestId('nav-accounts')).toBeVisible();
    await page.context().close();
  });
});
