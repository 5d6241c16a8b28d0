// The audit chain in the app: a copy of the demo program whose audit log was edited outside the
// app (an entry deleted with the append-only trigger dropped) opens with a banner for the
// administrator naming the first entry that does not match; "Check again" checks again; a
// coordinator is not shown it.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../sign-in';
import { expect, test } from './fixtures';
import { startSecondHost, type SecondHost } from './second-host';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
test.use({ account: null });

let dir: string;
let host: SecondHost | null = null;
let deleted: number;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-audit-chain-'));
  const file = path.join(dir, 'tampered.sqlite');
  copyFileSync(path.join(root, 'dist', 'demo', 'demo-program.sqlite'), file);
  const raw = new Sqlite(file);
  try {
    deleted = (raw.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2').get() as { id: number }).id;
    raw.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = ${deleted};`);
  } finally {
    raw.close();
  }
  host = await startSecondHost(file, dir);
});
test.afterAll(async () => {
  await host?.stop();
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

async function signInThroughTheForm(page: Page, username: string) {
  await page.goto(host!.url);
  await page.getByLabel('Account name').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
}

test('the administrator is shown the first entry that does not match, and can check again', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInThroughTheForm(page, DEMO_ACCOUNTS.administrator);
  // The notices are in the top bar, the worst first; the broken chain's notice cannot be dismissed.
  const toggle = page.getByTestId('notices-toggle');
  await expect(toggle).toHaveClass(/colorError/);
  await toggle.click();
  const banner = page.getByTestId('audit-chain-banner');
  await expect(banner).toHaveAttribute('data-status', 'broken');
  await expect(banner.getByRole('button', { name: 'Dismiss' })).toHaveCount(0);
  await expect(banner).toContainText('The audit log was changed outside the app');
  await expect(page.getByTestId('audit-chain-first')).toHaveText(`#${deleted}`);
  await expect(banner).toContainText(`Entry #${deleted} was deleted`);
  await banner.getByRole('button', { name: 'Check again' }).click();
  await expect(banner).toHaveAttribute('data-status', 'broken');
  await page.context().close();

  const coordinator = await (await browser.newContext()).newPage();
  await signInThroughTheForm(coordinator, DEMO_ACCOUNTS.coordinator);
  await expect(coordinator.getByTestId('nav-schedule')).toBeVisible();
  await expect(coordinator.getByTestId('audit-chain-banner')).toHaveCount(0);
  await coordinator.context().close();
});
