// Offline review in the app, both sides, each with its own user-data folder and program: the
// coordinator (the shared test host) sends a draft for review; the program director opens the file
// in a second host of their own (nothing of the coordinator's program there), sees the draft
// read-only, comments on cells and on the whole draft, asks for changes and saves the response; a
// changed file is refused; the coordinator imports the response, sees the decision and the
// comments on the draft, resolves one, finds the cell comment marked in the diff grid (hover and
// click show it; the comments panel jumps to its cells; by keyboard alone Tab reaches the named mark,
// Enter/Space open its comments and focus returns to it) and resolves it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../sign-in';
import { draftWithLectureInBlock5, expect, test } from './fixtures';
import { startSecondHost, type SecondHost } from './second-host';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let reviewerDir: string;
let reviewer: SecondHost | null = null;

test.beforeAll(async () => {
  reviewerDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-reviewer-'));
  const db = path.join(reviewerDir, 'director.sqlite');
  copyFileSync(path.join(root, 'dist', 'demo', 'demo-program.sqlite'), db);
  reviewer = await startSecondHost(db, reviewerDir);
});
test.afterAll(async () => {
  await reviewer?.stop();
  rmSync(reviewerDir, { recursive: true, force: true });
});

async function directorPage(browser: import('@playwright/test').Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.request.get(reviewer!.url);
  const origin = new URL(reviewer!.url).origin;
  const signedIn = await page.request.post(`${origin}/api/session.signIn`, {
    data: { username: DEMO_ACCOUNTS.program_director, password: DEMO_PASSWORD },
  });
  expect(((await signedIn.json()) as { ok: boolean }).ok).toBe(true);
  await page.goto(`${origin}/#/review`);
  return page;
}

test('send for review, review on another workstation, import the response', async ({ page, browser }) => {
  const draft = await draftWithLectureInBlock5(page, `Review e2e ${Date.now()}`, 2);
  const reviewFile = path.join(reviewerDir, 'sent.rsreview');

  // The coordinator sends it.
  await page.goto(`${new URL(page.url()).origin}/#/drafts?draft=${draft.id}`);
  await page.getByTestId('send-for-review').click();
  await page.getByTestId('send-review-path').fill(reviewFile);
  await page.getByTestId('send-review-go').click();
  // Sending checks the draft against the rules when its check is stale (a year's check, like plan-draft's
  // 'Check again'): more than the 10 s an assertion waits for the page by default on a loaded machine.
  await expect(page.getByTestId('review-sent')).toContainText('Sent once', { timeout: 60_000 });

  // The director, in their own app and folder: a changed copy is refused, the file opens.
  const pd = await directorPage(browser);
  const bytes = readFileSync(reviewFile);
  bytes[bytes.length - 10] ^= 1;
  const tampered = path.join(reviewerDir, 'tampered.rsreview');
  writeFileSync(tampered, bytes);
  await pd.getByTestId('review-path').fill(tampered);
  await pd.getByTestId('review-open').click();
  await expect(pd.getByTestId('review-open-error')).toContainText('was changed after it was signed');
  await pd.getByTestId('review-path').fill(reviewFile);
  await pd.getByTestId('review-open').click();
  await expect(pd.getByRole('heading', { name: `Review: ${draft.name}` })).toBeVisible();
  await expect(pd.getByTestId('review-counts')).toContainText('2 slots changed');
  await expect(pd.getByTestId('review-person')).toContainText(draft.residentName);

  // A comment on cells selected in the grid, one on the whole draft.
  const grid = pd.getByTestId('review-grid');
  await grid.locator('[role="gridcell"][data-change]').first().click();
  await pd.getByTestId('comment-selection').click();
  await expect(pd.getByTestId('comment-about')).toContainText(draft.residentName);
  await pd.getByRole('textbox', { name: 'Comment', exact: true }).fill('Lecture on a ward day?');
  await pd.getByRole('button', { name: 'Add' }).click();
  await pd.getByTestId('comment-draft').click();
  await pd.getByRole('textbox', { name: 'Comment', exact: true }).fill('Otherwise fine');
  await pd.getByRole('button', { name: 'Add' }).click();
  await expect(pd.getByTestId('review-comment')).toHaveCount(2);

  await pd.getByLabel('Request changes').check();
  await pd.getByTestId('save-response').click();
  await expect(pd.getByText('Say what should change')).toBeVisible();
  await pd.getByLabel('Reason').fill('Keep the ward covered');
  await pd.getByTestId('save-response').click();
  await expect(pd.getByTestId('response-saved')).toBeVisible();
  const responseFile = (await pd.getByTestId('response-path').inputValue()).trim();
  expect(responseFile).toBe(reviewFile.replace(/\.rsreview$/, '-response.rsresponse'));

  // Back at the coordinator's: import it, see the decision and the comments, resolve one.
  await page.getByTestId('import-response').click();
  await page.getByTestId('import-review-path').fill(responseFile);
  await page.getByTestId('import-review-go').click();
  const response = page.getByTestId('review-response');
  await expect(response).toHaveAttribute('data-decision', 'request_changes');
  await expect(response).toContainText('Keep the ward covered');
  const comments = page.getByTestId('draft-comment');
  await expect(comments).toHaveCount(2);
  await expect(comments.nth(1)).toContainText('the whole draft');
  await comments.nth(1).getByRole('button', { name: 'Resolve' }).click();
  await expect(comments.nth(1)).toHaveAttribute('data-resolved', 'true');

  // The cell comment is marked on the changed cell it is about; the panel jumps to it (its row
  // may be below the fold of a grid of the whole program); hover and click show it.
  const diffGrid = page.getByTestId('diff-section').getByTestId('block-grid');
  await expect(diffGrid).toHaveAttribute('aria-label', 'Changes in block 5');
  const marked = diffGrid.locator('[role="gridcell"][data-comment]');
  await comments.nth(0).getByTestId('comment-jump').click();
  await expect(marked).toHaveCount(1);
  await expect(marked).toBeInViewport();
  await expect(marked).toHaveAttribute('data-comment', 'open');
  await expect(marked).toHaveAttribute('data-change', 'changed');
  const cellComments = page.getByTestId('cell-comments');
  await expect(cellComments).toContainText(draft.residentName);
  await cellComments.getByRole('button', { name: 'Close' }).click();
  await expect(cellComments).toHaveCount(0);
  await marked.hover();
  await expect(marked).toHaveAttribute('title', /\nComment by .+: Lecture on a ward day\?$/);
  await marked.click();
  await expect(cellComments.getByTestId('cell-comment')).toHaveText(/^.+: Lecture on a ward day\?$/);
  // Looking at another block, a click on the comment in the panel jumps back to its cells.
  await page.getByTestId('diff-block-picker').click();
  await page.getByRole('option', { name: /^Block 1 ·/ }).click();
  await expect(diffGrid).toHaveAttribute('aria-label', 'Changes in block 1');
  await expect(marked).toHaveCount(0);
  await comments.nth(0).getByTestId('comment-jump').click();
  await expect(diffGrid).toHaveAttribute('aria-label', 'Changes in block 5');
  await expect(marked).toBeInViewport();
  await expect(cellComments).toContainText('Lecture on a ward day?');

  // By keyboard only: Tab from the block's Next button reaches the mark, a button named for screen
  // readers; Enter opens its comments with the focus on them; Escape closes them and gives the
  // focus back to the mark; Space opens them again; the Close button gives the focus back too.
  const person = draft.residentName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mark = diffGrid.getByRole('button', {
    name: new RegExp(`^Comment by .+ on ${person}, .+ (AM|PM): Lecture on a ward day\\?$`),
  });
  await expect(diffGrid.getByTestId('comment-mark')).toHaveCount(1);
  await page.getByTestId('diff-section').getByRole('button', { name: 'Next block' }).focus();
  for (let tabs = 0; tabs < 10 && !(await mark.evaluate((el) => el === document.activeElement)); tabs++)
    await page.keyboard.press('Tab');
  await expect(mark).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cellComments).toBeFocused();
  await expect(cellComments).toHaveAccessibleName(new RegExp(`^Comments on ${person}, `));
  await expect(cellComments.getByTestId('cell-comment')).toHaveText(/^.+: Lecture on a ward day\?$/);
  await page.keyboard.press('Escape');
  await expect(cellComments).toHaveCount(0);
  await expect(mark).toBeFocused();
  await page.keyboard.press(' ');
  await expect(cellComments).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cellComments.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cellComments).toHaveCount(0);
  await expect(mark).toBeFocused();
  // Resolved, the mark stays (greyed).
  await comments.nth(0).getByRole('button', { name: 'Resolve' }).click();
  await expect(comments.nth(0)).toHaveAttribute('data-resolved', 'true');
  await expect(marked).toHaveAttribute('data-comment', 'resolved');

  // The same response again is refused, and says why.
  await page.getByTestId('import-response').click();
  await page.getByTestId('import-review-path').fill(responseFile);
  await page.getByTestId('import-review-go').click();
  await expect(page.getByTestId('import-review-error')).toContainText('already imported');
});
