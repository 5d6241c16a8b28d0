// A shared hospital workstation: when the coordinator signs out, nothing of theirs stays in the app. The
// resident who signs in next on the same page (no reload) starts where a resident starts, with no draft
// open, no generation in the top bar and the export form as it is at first (renderer/src/state/store.ts);
// so does whoever signs in after a session that ended without the app's sign-out.
import {
  expect,
  holdSolves,
  openGenerationDetails,
  releaseSolves,
  signInThroughApp,
  signOutAndInAs,
  test,
} from './fixtures';

test('the next user on the workstation sees nothing the one who signed out left', async ({ page }) => {
  const origin = new URL(page.url()).origin;
  const { draftId, defaultFolder } = await page.evaluate(async () => {
    const draft = await window.api['drafts.create']({ name: 'Left open at sign-out', note: null });
    const paths = await window.api['system.paths']({});
    return { draftId: draft.id, defaultFolder: `${paths.exportFolder}${paths.separator}Calendars` };
  });
  try {
    // The coordinator works in a draft, starts a generation from it and ends it, then fills in an export.
    await page.goto(`${origin}/#/schedule?draft=${draftId}`);
    await expect(page.getByTestId('block-grid').locator('[role="gridcell"][data-activity]').first()).toBeVisible();
    await holdSolves(page);
    await page.getByRole('button', { name: 'Generate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a schedule' });
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const panel = await openGenerationDetails(page);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toHaveAttribute('data-state', 'cancelled');
    await releaseSolves(page);
    await page.getByTestId('nav-export').click();
    await expect(page.getByTestId('export-output')).toHaveValue(defaultFolder);
    await page.getByTestId('export-output').fill('/home/coordinator/private');
    await expect(page.getByTestId('generation-status')).toBeVisible();
  } finally {
    await page.evaluate((id) => window.api['drafts.discard']({ draftId: id, reason: 'e2e clean-up' }), draftId);
  }

  await signOutAndInAs(page, 'resident');
  await expect(page.getByTestId('account-role')).toHaveText('Resident');

  // Their own start, not the view and draft the coordinator had open.
  await expect(page).toHaveURL(`${origin}/#/person`);
  await expect(page.getByTestId('generation-status')).toHaveCount(0);
  await page.getByTestId('nav-schedule').click();
  await expect(page).toHaveURL(`${origin}/#/schedule`);
  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('export-own-schedule')).toBeVisible();
  await expect(page.getByTestId('export-output')).toHaveValue(defaultFolder);

  // A session that ends without the app's sign-out (expired, ended elsewhere): the first call refused brings
  // the sign-in screen, and whoever signs in there finds nothing of it either.
  await page.getByTestId('export-output').fill('/home/resident/private');
  const ended = await page.request.post(`${origin}/api/session.signOut`, { data: {} });
  expect(ended.ok()).toBe(true);
  await page.getByTestId('nav-people').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signInThroughApp(page, 'resident');
  await expect(page).toHaveURL(`${origin}/#/person`);
  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('export-output')).toHaveValue(defaultFolder);
});
