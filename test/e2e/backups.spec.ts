// Backups in the app, on a copy of the demo program of the spec's own: the administrator is told
// no folder is chosen, chooses one in Settings › Backups, sees the last good backup, changes a
// setting after it, restores the backup in one guided step (the program as it was is kept beside
// it), signs in again and finds the setting as it was in the backup. A coordinator sees the
// status but neither the folder form nor Restore.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../sign-in';
import { expect, signOutAndInAs, test } from './fixtures';
import { startSecondHost, type SecondHost } from './second-host';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
test.use({ account: null });

let dir: string;
let folder: string;
let host: SecondHost | null = null;
/** The administrator's app, kept for the coordinator's test (a sign-out and in costs less than another boot). */
let app: Page | null = null;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-backups-'));
  folder = path.join(dir, 'backup-drive');
  mkdirSync(folder);
  const file = path.join(dir, 'program.sqlite');
  copyFileSync(path.join(root, 'dist', 'demo', 'demo-program.sqlite'), file);
  host = await startSecondHost(file, dir);
});
test.afterAll(async () => {
  await app?.context().close();
  await host?.stop();
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string) {
  await page.getByLabel('Account name').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
}

test('the administrator sets up backups, sees the last good one and restores it', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(host!.url);
  await signIn(page, DEMO_ACCOUNTS.administrator);

  // No folder yet: the administrator is told, and the banner leads to the section.
  await page.getByTestId('notices-toggle').click();
  const banner = page.getByTestId('backup-banner');
  await expect(banner).toHaveAttribute('data-kind', 'off');
  await banner.getByRole('button', { name: 'Backups' }).click();
  await expect(page.getByTestId('backup-last-good')).toHaveText('No backup has been made yet.');
  await expect(banner).toHaveCount(0);

  // A folder that does not exist is refused in words; one that exists is taken, and backed up to.
  const form = page.getByRole('form', { name: 'Where backups go and how many are kept' });
  await page.getByTestId('backup-folder').fill(path.join(dir, 'no-such-drive'));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText('does not exist');
  await page.getByTestId('backup-folder').fill(folder);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-last-good')).toContainText('Last good backup:');
  await expect(page.getByTestId('backup-problem')).toHaveCount(0);
  const rows = page.getByTestId('backup-row');
  await expect(rows.first()).toBeVisible();

  // A change after the backup: keep 11 instead of 10.
  await form.getByLabel('Keep the newest').fill('11');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(form.getByLabel('Keep the newest')).toHaveValue('11');

  // Restore the oldest backup (the one before the change), in one guided step.
  await rows.last().getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('is kept beside it');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  // Everyone is signed out; the sign-in screen says where the program as it was is kept.
  await expect(page.getByTestId('restore-done')).toContainText('was restored');
  const keptAs = (await page.getByTestId('restore-kept-as').textContent())!;
  expect(keptAs).toContain('before-restore');
  expect(existsSync(keptAs)).toBe(true);

  await signIn(page, DEMO_ACCOUNTS.administrator);
  await page.getByTestId('nav-settings').click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Backups' }).click();
  await expect(
    page.getByRole('form', { name: 'Where backups go and how many are kept' }).getByLabel('Keep the newest'),
  ).toHaveValue('10');
  await expect(page.getByTestId('backup-last-good')).toContainText('Last good backup:');
  app = page;
});

test('a coordinator sees the backups but cannot change or restore them', async ({ browser }) => {
  // On the administrator's app, signed out and in (a sign-out forgets everything of the account before), or a new one.
  const kept = app;
  app = null;
  const page = kept ?? (await (await browser.newContext()).newPage());
  if (kept) await signOutAndInAs(page, 'coordinator');
  else {
    await page.goto(host!.url);
    await signIn(page, DEMO_ACCOUNTS.coordinator);
  }
  await page.getByTestId('nav-settings').click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Backups' }).click();
  await expect(page.getByTestId('backup-last-good')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Where backups go and how many are kept' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Restore…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
  await page.context().close();
});
