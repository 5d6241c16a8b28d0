// Compliance end to end on the demo program: the findings list with filters; a click on a clinic
// capacity finding opens the block grid at its slot with the involved cells highlighted; editing
// one of those cells (a new draft) fixes it, so the grid markers go at once and the draft's
// findings no longer list it; acknowledging another finding with a reason keeps it listed but
// marked; the work-hours chart and the dashboard summary.
import type { Page } from '@playwright/test';
import type { ComplianceFinding } from '../../core/api/contract';
import { expect, test } from './fixtures';

async function yearOf(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.api['program.info']({})).currentAcademicYear);
}

/** A clinic slot one person over the soft limit: moving one person out fixes it. */
async function fixableClinicFinding(page: Page, year: number): Promise<ComplianceFinding> {
  const found = await page.evaluate(async (academicYear) => {
    const r = await window.api['compliance.findings']({ academicYear, ruleIds: ['clinic_capacity'], severities: ['medium'], acknowledged: false });
    return r.findings.find((f) => f.measured === f.limit + 1 && f.slots.length === 1) ?? null;
  }, year);
  expect(found, 'the demo has a clinic slot one over its soft limit').not.toBeNull();
  return found!;
}

test('filter the findings, jump to the cells, fix one in a draft and watch the finding go', async ({ page }) => {
  const year = await yearOf(page);
  const target = await fixableClinicFinding(page, year);
  const { date, half } = target.slots[0];

  await page.getByTestId('nav-compliance').click();
  await expect(page).toHaveURL(/#\/compliance/);
  const rows = page.getByTestId('finding-row');
  await expect(rows.first()).toBeVisible();
  // Most serious first.
  const firstSeverity = await rows.first().getAttribute('data-severity');
  expect(['critical', 'high']).toContain(firstSeverity);

  // Filter: medium severity, the clinic capacity rule, the finding's day.
  await page.getByTestId('filter-severity-medium').click();
  await expect(page).toHaveURL(/sev=medium/);
  await page.getByTestId('filter-rule').click();
  await page.getByTestId('filter-rule-clinic_capacity').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-from').fill(date);
  await page.getByTestId('filter-to').fill(date);
  await expect(page).toHaveURL(new RegExp(`from=${date}.*to=${date}|to=${date}`));
  await expect(page.getByTestId('findings-count')).toContainText('Showing');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-severity', 'medium');
    expect(await row.getAttribute('data-finding-id')).toMatch(/^clinic_capacity\|/);
  }
  const row = page.locator(`[data-testid="finding-row"][data-finding-id="${target.id}"]`);
  await expect(row).toContainText(`${target.measured} in clinic`);
  await expect(row).toContainText(`limit ${target.limit}`);

  // Jump: the block holding the slot opens with the involved cells highlighted.
  await row.click();
  await expect(page).toHaveURL(/#\/schedule\?.*block=\d+/);
  await expect(page.getByTestId('focus-banner')).toHaveAttribute('data-finding-id', target.id);
  const grid = page.getByTestId('block-grid');
  const focused = grid.locator(`[role="gridcell"][data-focus][data-date="${date}"][data-half="${half}"]`);
  await expect(focused.first()).toBeVisible();
  expect(await grid.locator('[role="gridcell"][data-focus]').count()).toBe(await focused.count());
  // The slot's clinic cells carry the finding's marker.
  const marked = grid.locator(`[role="gridcell"][data-date="${date}"][data-half="${half}"][data-finding]`);
  await expect(marked.first()).toBeVisible();

  // Fix it: move one person out of clinic in that slot (the edit starts a draft).
  const cell = grid.locator(`[role="gridcell"][data-focus][data-date="${date}"][data-half="${half}"]:not([data-locked])`).first();
  const personId = await cell.getAttribute('data-person-id');
  await cell.click();
  await page.keyboard.type('ADV');
  await expect(page.getByTestId('cell-picker')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/draft=\d+/);
  const draftId = Number(/draft=(\d+)/.exec(page.url())![1]);
  await expect(grid.locator(`[role="gridcell"][data-person-id="${personId}"][data-date="${date}"][data-half="${half}"]`)).toHaveAttribute('data-activity', 'ADV');
  // The markers follow the edit at once: the slot is no longer over its limit.
  await expect(marked).toHaveCount(0);

  // Back to the list (same filters): the published schedule still has it, the draft does not.
  await page.getByTestId('focus-back').click();
  await expect(page).toHaveURL(/#\/compliance\?.*sev=medium/);
  await expect(row).toBeVisible();
  await page.getByTestId('compliance-source').click();
  await page.getByTestId(`source-draft-${draftId}`).click();
  await expect(page).toHaveURL(new RegExp(`draft=${draftId}`));
  await expect(page.getByText(/draft \d+ ·/)).toBeVisible();
  await expect(row).toHaveCount(0);
});

test('acknowledge a finding with a reason: it stays listed, marked, and leaves the open list', async ({ page }) => {
  const year = await yearOf(page);
  await page.goto(`${new URL(page.url()).origin}/#/compliance?sev=low&ack=open`);
  const rows = page.getByTestId('finding-row');
  await expect(rows.first()).toBeVisible();
  const id = (await rows.first().getAttribute('data-finding-id'))!;
  const row = page.locator(`[data-testid="finding-row"][data-finding-id="${id}"]`);

  await row.getByTestId('finding-acknowledge').click();
  const dialog = page.getByRole('dialog', { name: 'Acknowledge finding' });
  await expect(dialog).toBeVisible();
  // A reason is required.
  await dialog.getByTestId('ack-submit').click();
  await expect(dialog.getByText('choose why')).toBeVisible();
  await dialog.getByTestId('ack-reason-code').click();
  await page.getByTestId('ack-reason-approved_exception').click();
  await dialog.getByTestId('ack-reason-text').fill('Renewal booked for next month, approved by the PD');
  await dialog.getByTestId('ack-submit').click();
  await expect(dialog).toBeHidden();

  // Gone from the open list; listed and marked under All and Acknowledged.
  await expect(row).toHaveCount(0);
  await page.getByTestId('filter-ack-all').click();
  await expect(row.getByTestId('finding-acknowledged')).toBeVisible();
  await page.getByTestId('filter-ack-acknowledged').click();
  await expect(row).toBeVisible();

  const audit = await page.evaluate(async (findingId) => (await window.api['audit.query']({ action: 'finding.acknowledge', entityId: findingId })).entries, id);
  expect(audit[0].after).toMatchObject({ reasonCode: 'approved_exception', reason: 'Renewal booked for next month, approved by the PD' });
  const listed = await page.evaluate(
    async ([academicYear, findingId]) => (await window.api['compliance.findings']({ academicYear: academicYear as number, acknowledged: true })).findings.map((f) => f.id).includes(findingId as string),
    [year, id] as const,
  );
  expect(listed).toBe(true);
});

test('work hours per resident against the 80-hour line, and the dashboard summary', async ({ page }) => {
  const year = await yearOf(page);
  const expected = await page.evaluate(async (academicYear) => {
    const hours = await window.api['compliance.hours']({ academicYear });
    const summary = await window.api['compliance.summary']({ academicYear });
    return { residents: hours.residents.length, open: summary.open, second: [...hours.residents].sort((a, b) => b.maxAverage - a.maxAverage)[1] };
  }, year);

  await page.goto(`${new URL(page.url()).origin}/#/compliance?tab=hours`);
  await expect(page.getByTestId('hours-resident')).toHaveCount(expected.residents);
  const chart = page.getByTestId('hours-chart');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(chart.locator('.recharts-line-curve')).toBeVisible();
  await expect(chart.getByText('80 h limit')).toBeVisible();
  await page.locator(`[data-testid="hours-resident"][data-person-id="${expected.second.personId}"]`).click();
  await expect(chart).toHaveAttribute('data-person-id', expected.second.personId);
  await expect(chart).toContainText(expected.second.name);

  await page.getByTestId('nav-dashboard').click();
  const card = page.getByTestId('compliance-summary');
  for (const s of ['critical', 'high', 'medium', 'low'] as const) {
    await expect(card.getByTestId(`summary-open-${s}`)).toHaveText(String(expected.open[s]));
  }
  await card.getByTestId('summary-critical').click();
  await expect(page).toHaveURL(/#\/compliance\?.*sev=critical/);
  await expect(page.getByTestId('filter-severity-critical')).toHaveAttribute('aria-pressed', 'true');
});
