// Test fixtures for the e2e specs: `page` is already authenticated at the app (the host's token
// exchanged for its session cookie, then redirected to /), and the app is held to its offline
// promise: any request that leaves the host fails the test.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The URL printed by the host (with its one-time token query). */
export function hostUrl(): string {
  if (process.env.E2E_HOST_URL) return process.env.E2E_HOST_URL;
  const file = path.join(root, '.tmp', 'e2e-host.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url;
  throw new Error('No test host: run the specs through playwright.config.ts (its global setup starts the host)');
}

export const test = base.extend<{ hostOrigin: string }>({
  hostOrigin: async ({}, use) => {
    await use(new URL(hostUrl()).origin);
  },
  page: async ({ page, hostOrigin }, use) => {
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${hostOrigin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(hostUrl());
    await expect(page).toHaveURL(`${hostOrigin}/`);
    await use(page);
    expect(outside, 'the app must not make network requests outside the host').toEqual([]);
  },
});

/**
 * In the Drafts view's findings section: acknowledge every critical or high finding that still
 * blocks publishing, as an approved exception with `explanation`.
 */
export async function acknowledgeBlockingFindings(page: Page, explanation: string): Promise<void> {
  const findings = page.getByTestId('findings-section');
  const blocking = findings.locator(
    '[data-testid="draft-finding"][data-acknowledged="false"][data-severity="critical"], [data-testid="draft-finding"][data-acknowledged="false"][data-severity="high"]',
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

export { expect };
