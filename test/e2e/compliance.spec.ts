// Compliance end to end on the demo program: the findings list with filters; a click on a
// critical finding (clinic the day after a resident's 24-hour call: continuous work past 24 + 4
// hours) opens the block grid at the resident's slots, highlighted; clearing that clinic day in the
// grid (a new draft) fixes it, so the grid markers go at once and the draft's findings
// no longer list it; acknowledging another finding with a reason keeps it listed but marked; the
// work-hours chart and the dashboard summary; a resident's own page shows their row of that chart.
// The demo validates clean (no critical or high finding), so the test plants its own fault in a
// publication and rolls it back at the end.
import type { Page } from '@playwright/test';
import type { ComplianceFinding } from '../../core/api/contract';
import { expect, test } from './fixtures';
import { expectCatalogRuleNames } from './rule-names';

async function yearOf(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.api['program.info']({})).currentAcademicYear);
}

/**
 * Publish clinic (AM and PM) on the post-call day of a resident's 24-hour call in the spring:
 * 24 hours of call and then new clinical work is a critical continuous-work finding..
 */
async function plantCallFinding(
  page: Page,
  year: number,
): Promise<{ publicationId: number; personId: string; clinicDay: string }> {
  return page.evaluate(async (academicYear) => {
    const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const grid = await window.api['schedule.grid']({
      start: `${academicYear + 1}-02-01`,
      end: `${academicYear + 1}-04-30`,
    });
    const postCall = (personId: string, date: string) =>
      grid.assignments.filter((a) => a.personId === personId && a.date === date && a.activityCode === 'PC').length ===
      2;
    const call = grid.calls.find((c) => c.callTypeCode === 'LD' && postCall(c.personId, nextDay(c.date)));
    if (!call) throw new Error('the demo has no 24-hour call followed by a post-call day in the spring');
    const after = nextDay(call.date);
    const draft = await window.api['drafts.create']({ name: 'e2e: clinic after a 24-hour call', note: null });
    await window.api['drafts.setActivity']({
      draftId: draft.id,
      cells: [
        { personId: call.personId, date: after, half: 'AM' },
        { personId: call.personId, date: after, half: 'PM' },
      ],
      activityCode: 'C',
    });
    // Publishing past the gate takes an acknowledgement with a reason; the published finding then
    // shows as acknowledged (listed under All), the way an approved exception does.
    const checked = await window.api['drafts.validate']({ draftId: draft.id });
    for (const f of checked.added.filter((x) => x.blocking))
      await window.api['drafts.acknowledgeFinding']({
        findingId: f.id,
        draftId: draft.id,
        reasonCode: 'approved_exception',
        reason: 'e2e: a planted fault',
      });
    const publication = await window.api['drafts.publish']({ draftId: draft.id, acceptChurnWarnings: true });
    return { publicationId: publication.id, personId: call.personId, clinicDay: after };
  }, year);
}

/** The planted finding: the resident's continuous work through the call into the clinic day. */
async function callFinding(page: Page, year: number, personId: string): Promise<ComplianceFinding> {
  const found = await page.evaluate(
    async ([academicYear, personId]) => {
      const r = await window.api['compliance.findings']({
        academicYear: academicYear as number,
        ruleIds: ['acgme_continuous'],
        severities: ['critical'],
      });
      return r.findings.find((f) => f.personId === personId) ?? null;
    },
    [year, personId] as const,
  );
  expect(found, 'the planted continuous-work finding').not.toBeNull();
  return found!;
}

async function findFilterJumpFix(page: Page, target: ComplianceFinding, clinicDay: string) {
  const who = target.personId!;

  await page.getByTestId('nav-compliance').click();
  await expect(page).toHaveURL(/#\/compliance/);
  // The planted finding was acknowledged to publish it: list all, not only the open ones.
  await page.getByTestId('filter-ack-all').click();
  const rows = page.getByTestId('finding-row');
  await expect(rows.first()).toBeVisible();
  // Most serious first.
  await expect(rows.first()).toHaveAttribute('data-severity', 'critical');
  // Every rule named as the rule catalog names it (the list, then the filter's choices).
  await expectCatalogRuleNames(page, rows.getByTestId('rule-name'), 'Compliance findings');

  // Filter: critical, the continuous-work rule, the finding's days.
  await page.getByTestId('filter-severity-critical').click();
  await expect(page).toHaveURL(/sev=critical/);
  await page.getByTestId('filter-rule').click();
  await expectCatalogRuleNames(page, page.locator('[data-testid^="filter-rule-"]'), 'Compliance rule filter');
  await page.getByTestId('filter-rule-acgme_continuous').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-from').fill(target.start);
  await page.getByTestId('filter-to').fill(target.end);
  await expect(page).toHaveURL(new RegExp(`to=${target.end}`));
  await expect(page.getByTestId('findings-count')).toContainText('Showing');
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-severity', 'critical');
    expect(await row.getAttribute('data-finding-id')).toMatch(/^acgme_continuous\|/);
  }
  const row = page.locator(`[data-testid="finding-row"][data-finding-id="${target.id}"]`);
  await expect(row).toContainText(target.personName!);
  await expect(row).toContainText(`${target.measured} h`);
  await expect(row).toContainText(`limit ${target.limit}`);

  // Jump: the block opens at the person's highlighted, marked slots in the finding's window.
  await row.click();
  await expect(page).toHaveURL(/#\/schedule\?.*block=\d+/);
  await expect(page.getByTestId('focus-banner')).toHaveAttribute('data-finding-id', target.id);
  const grid = page.getByTestId('block-grid');
  const mine = grid.locator(`[role="gridcell"][data-person-id="${who}"][data-half]`);
  await expect(mine.and(page.locator('[data-focus]')).first()).toBeVisible();
  const marked = mine.and(page.locator('[data-finding="critical"]'));
  await expect(marked.first()).toBeVisible();
  const markedBefore = await marked.count();

  // Clear the clinic day after the call (AM and PM; the edit starts a draft).
  const am = grid.locator(`[role="gridcell"][data-person-id="${who}"][data-date="${clinicDay}"][data-half="AM"]`);
  await expect(am).toHaveAttribute('data-finding', 'critical');
  await am.click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Delete');
  await expect(page).toHaveURL(/draft=\d+/);
  const draftId = Number(/draft=(\d+)/.exec(page.url())![1]);
  // The markers follow the edit at once.
  expect(markedBefore).toBeGreaterThan(0);
  await expect(marked).toHaveCount(0);

  // Back to the list (same filters): the published schedule still has it, the draft does not.
  await page.getByTestId('focus-back').click();
  await expect(page).toHaveURL(/#\/compliance\?.*sev=critical/);
  await expect(row).toBeVisible();
  await page.getByTestId('compliance-source').click();
  await page.getByTestId(`source-draft-${draftId}`).click();
  await expect(page).toHaveURL(new RegExp(`draft=${draftId}`));
  await expect(page.getByText(/draft \d+ ·/)).toBeVisible();
  await expect(row).toHaveCount(0);
}

// One app for the spec (fixtures.ts): these checks first, then the fix in a draft, signed in afresh (a sign-out
// forgets what the checks before left in the app); it leaves a draft being edited, which Compliance would open on.
test.describe(() => {
  test.use({ sharePage: true });

  test('acknowledge a finding with a reason: it stays listed, marked, and leaves the open list', async ({ page }) => {
    const year = await yearOf(page);
    await page.goto(`${new URL(page.url()).origin}/#/compliance?sev=low&ack=open`);
    const rows = page.getByTestId('finding-row');
    await expect(rows.first()).toBeVisible();
    const id = (await rows.first().getAttribute('data-finding-id'))!;
    const row = page.locator(`[data-testid="finding-row"][data-finding-id="${id}"]`);

    await row.getByTestId('finding-acknowledge').click();
    const dialog = page.getByRole('dialog', { name: 'Acknowledge a finding' });
    await expect(dialog).toBeVisible();
    // A reason is required.
    await dialog.getByTestId('ack-submit').click();
    await expect(dialog.getByText('Choose why the finding is acceptable')).toBeVisible();
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

    const audit = await page.evaluate(
      async (findingId) =>
        (await window.api['audit.query']({ action: 'finding.acknowledge', entityId: findingId })).entries,
      id,
    );
    expect(audit[0].after).toMatchObject({
      reasonCode: 'approved_exception',
      reason: 'Renewal booked for next month, approved by the PD',
    });
    const listed = await page.evaluate(
      async ([academicYear, findingId]) =>
        (await window.api['compliance.findings']({ academicYear: academicYear as number, acknowledged: true })).findings
          .map((f) => f.id)
          .includes(findingId as string),
      [year, id] as const,
    );
    expect(listed).toBe(true);
  });

  test('work hours per resident against the 80-hour line, and the dashboard summary', async ({ page }) => {
    const year = await yearOf(page);
    const expected = await page.evaluate(async (academicYear) => {
      const hours = await window.api['compliance.hours']({ academicYear });
      const summary = await window.api['compliance.summary']({ academicYear });
      return {
        residents: hours.residents.length,
        open: summary.open,
        second: [...hours.residents].sort((a, b) => b.maxAverage - a.maxAverage)[1],
      };
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

  test("a resident's own page shows the same work hours as their row of the Compliance chart", async ({ page }) => {
    const year = await yearOf(page);
    const resident = await page.evaluate(async (academicYear) => {
      const people = await window.api['people.list']({ academicYear });
      return people.find((p) => p.kind === 'resident' && p.active)!.id;
    }, year);
    const row = (id: string) => page.locator(`[data-testid="hours-resident"][data-person-id="${id}"]`);

    await page.goto(`${new URL(page.url()).origin}/#/person?id=${resident}`);
    const own = page.getByTestId('person-hours');
    await expect(own.getByTestId('hours-chart')).toHaveAttribute('data-person-id', resident);
    const onPage = (await own.locator(row(resident)).textContent()) ?? '';
    expect(onPage).toMatch(/\d h$/);

    await page.goto(`${new URL(page.url()).origin}/#/compliance?tab=hours`);
    await expect(row(resident)).toHaveText(onPage);
  });
});

test.describe(() => {
  test.use({ sharePage: 'signed-in-afresh' });

  test('filter the findings, jump to the cells, fix it in a draft and watch the finding go', async ({ page }) => {
    const year = await yearOf(page);
    const draftsBefore = await page.evaluate(async () => (await window.api['drafts.list']({})).map((d) => d.id));
    const planted = await plantCallFinding(page, year);
    try {
      await findFilterJumpFix(page, await callFinding(page, year, planted.personId), planted.clinicDay);
    } finally {
      // Leave the program as the other specs expect it.
      await page.evaluate(
        async ({ before, publicationId }) => {
          await window.api['publications.rollback']({ publicationId, reason: 'e2e cleanup' });
          for (const d of await window.api['drafts.list']({ status: 'open' }))
            if (!before.includes(d.id)) await window.api['drafts.discard']({ draftId: d.id, reason: 'e2e cleanup' });
        },
        { before: draftsBefore, publicationId: planted.publicationId },
      );
    }
  });
});
