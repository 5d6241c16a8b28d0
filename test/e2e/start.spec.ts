// A workstation without a program (a program director's machine): the test host started as the
// desktop app starts on an EMPTY user-data folder. The app opens on the start page, not on a program
// it made by itself; a review file opens there with no program (chosen in the file dialog, and as
// the desktop app routes a double-clicked file); a bad program file is refused and nothing is made;
// "Create a program from the demo" makes the workstation's program, which then asks for a sign-in;
// signed in, the app's own Open review view chooses a review file with the file dialog.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../sign-in';
import { draftWithLectureInBlock5, expect, test } from './fixtures';
import { startWorkstationHost, type SecondHost } from './second-host';

let userData: string;
let outside: string;
let workstation: SecondHost | null = null;

test.beforeAll(async () => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'e2e-workstation-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'e2e-sent-'));
  workstation = await startWorkstationHost(userData);
});
test.afterAll(async () => {
  await workstation?.stop();
  rmSync(userData, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** The workstation's window (its own browser session). */
async function workstationPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(workstation!.url);
  return page;
}

/** What the test host's stand-in file dialog answers for a file of `ext` (test/host/start.ts). */
const dialogAnswer = (ext: string) => path.join(userData, 'exports', `Chosen in the dialog.${ext}`);

test('an empty workstation starts on the start page and opens a review file with no program', async ({
  page,
  browser,
}) => {
  // The coordinator (the shared host) sends a draft for review.
  const reviewFile = path.join(outside, 'Block 5 draft.rsreview');
  const draft = await draftWithLectureInBlock5(page, `Start page e2e ${Date.now()}`);
  await page.evaluate(async ({ draftId, file }) => window.api['reviews.export']({ draftId, path: file }), {
    draftId: draft.id,
    file: reviewFile,
  });

  const pd = await workstationPage(browser);
  await expect(pd.getByRole('heading', { name: 'No program on this workstation' })).toBeVisible();
  expect(existsSync(path.join(userData, 'program.sqlite'))).toBe(false);

  // Open a review file… : the file dialog's choice opens in the review view.
  mkdirSync(path.join(userData, 'exports'), { recursive: true });
  copyFileSync(reviewFile, dialogAnswer('rsreview'));
  await pd.getByTestId('start-open-review').click();
  await expect(pd.getByRole('heading', { name: `Review: ${draft.name}` })).toBeVisible();
  await expect(pd.getByTestId('review-counts')).toContainText('1 slot changed');
  await pd.getByTestId('start-back').click();
  await expect(pd.getByRole('heading', { name: 'No program on this workstation' })).toBeVisible();

  // As the desktop app routes a double-clicked file: the review view on that file.
  const origin = new URL(workstation!.url).origin;
  await pd.goto(`${origin}/#/review?${new URLSearchParams({ file: reviewFile })}`);
  await expect(pd.getByRole('heading', { name: `Review: ${draft.name}` })).toBeVisible();
  await pd.goto(`${origin}/#/review?${new URLSearchParams({ file: path.join(outside, 'gone.rsreview') })}`);
  await expect(pd.getByTestId('review-open-error')).toContainText('gone.rsreview');
  await pd.getByTestId('start-back').click();

  // A program file that is not one is refused, and nothing is made.
  const bad = path.join(outside, 'not-a-program.json');
  writeFileSync(bad, '{"format": "a spreadsheet"}');
  await pd.getByTestId('start-import-path').fill(bad);
  await pd.getByTestId('start-import').click();
  await expect(pd.getByTestId('start-error')).toContainText('is not a valid program file');
  expect(readdirSync(userData).filter((f) => f.endsWith('.sqlite'))).toEqual([]);

  // The demo becomes the workstation's program, which asks who is signing in.
  await pd.getByTestId('start-demo').click();
  await expect(pd.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(pd.getByText(path.join(userData, 'program.sqlite'))).toBeVisible();
  await pd.getByLabel('Account name').fill(DEMO_ACCOUNTS.program_director);
  await pd.getByLabel('Password').fill(DEMO_PASSWORD);
  await pd.getByRole('button', { name: 'Sign in' }).click();

  // With a program open, the app's own Open review view chooses the file with the dialog.
  await pd.getByTestId('nav-review').click();
  await pd.getByTestId('review-choose').click();
  await expect(pd.getByRole('heading', { name: `Review: ${draft.name}` })).toBeVisible();
  await expect(pd).toHaveURL(/#\/review\?file=/);
});
