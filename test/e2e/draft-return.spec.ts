// The draft being edited stays with the user (issue 15 §8), at a 1280×720 workstation: leaving
// Schedule for another view and coming back through the navigation reopens the draft, and
// Compliance opens on it; back to the published schedule, or the draft discarded, and the
// navigation opens the published schedule again.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

const banner = (page: Page) => page.getByTestId('draft-banner');

/** Open the draft in Schedule (as the draft picker or "Edit in grid" does). */
async function editInSchedule(page: Page, draftId: number) {
  await page.evaluate((id) => {
    location.hash = `#/schedule?draft=${id}`;
  }, draftId);
  await expect(banner(page)).toHaveAttribute('data-draft-id', String(draftId));
}

test('leaving Schedule keeps the draft being edited; Compliance opens on it; discarded, it is gone', async ({
  page,
}) => {
  const draft = await page.evaluate(() => window.api['drafts.create']({ name: 'Kept across views (e2e)', note: null }));
  try {
    await page.getByTestId('nav-schedule').click();
    await expect(page.getByTestId('published-banner')).toBeVisible();
    await editInSchedule(page, draft.id);

    // Away and back through the navigation: still the draft.
    await page.getByTestId('nav-people').click();
    await expect(page).toHaveURL(/#\/people/);
    await page.getByTestId('nav-schedule').click();
    await expect(banner(page)).toHaveAttribute('data-draft-id', String(draft.id));
    await expect(page).toHaveURL(new RegExp(`#/schedule\\?.*draft=${draft.id}`));

    // Compliance checks the draft being edited, not the published schedule.
    await page.getByTestId('nav-compliance').click();
    await expect(page).toHaveURL(new RegExp(`#/compliance\\?.*draft=${draft.id}`));
    await expect(page.getByText(`draft ${draft.id} ·`)).toBeVisible();
    // …and from there, Schedule is still the draft.
    await page.getByTestId('nav-schedule').click();
    await expect(banner(page)).toHaveAttribute('data-draft-id', String(draft.id));

    // Back to published: the navigation now opens the published schedule.
    await page.getByTestId('back-to-published').click();
    await expect(page.getByTestId('published-banner')).toBeVisible();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('nav-compliance').click();
    await expect(page.getByText(/published schedule ·/)).toBeVisible();
    await expect(page).not.toHaveURL(/draft=/);
    await page.getByTestId('nav-schedule').click();
    await expect(page.getByTestId('published-banner')).toBeVisible();

    // Into the draft again, then Compare & publish → Discard: the navigation forgets it.
    await editInSchedule(page, draft.id);
    await page.getByTestId('open-compare').click();
    await expect(page).toHaveURL(new RegExp(`#/drafts\\?.*draft=${draft.id}`));
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Discard/ });
    await dialog.getByRole('button', { name: 'Discard', exact: true }).click();
    await expect(dialog).toBeHidden();
    await page.getByTestId('nav-schedule').click();
    await expect(page.getByTestId('published-banner')).toBeVisible();
    await expect(page).not.toHaveURL(/draft=/);
  } finally {
    await page.evaluate(async (id) => {
      const open = await window.api['drafts.list']({ status: 'open' });
      if (open.some((d) => d.id === id)) await window.api['drafts.discard']({ draftId: id, reason: 'e2e cleanup' });
    }, draft.id);
  }
});
