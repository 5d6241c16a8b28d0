// Settings view end to end, at a 1280×720 workstation: each section saves what it shows, every
// save re-checks the published schedule and says what it found, invalid input is said beside its
// field and saves nothing, a refusal of the server is shown in the section. The program's
// settings are put back at the end (the specs share one program).
import type { Page } from '@playwright/test';
import type { Holiday, ProgramSettings } from '../../core/domain/types';
import { expect, test } from './fixtures';
import { expectCatalogRuleNames } from './rule-names';

// The program director: the lock date and the ACGME rules are theirs alone (core/api/permissions.ts).
// One app for the spec (fixtures.ts): each check opens its section.
test.use({ viewport: { width: 1280, height: 720 }, account: 'program_director', sharePage: true });

async function saved(page: Page): Promise<ProgramSettings> {
  return page.evaluate(async () => (await window.api['program.info']({})).settings);
}

async function openSection(page: Page, title: string) {
  await page.getByTestId('nav-settings').click();
  await expect(page).toHaveURL(/#\/settings/);
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: title }).click();
  await expect(page.getByRole('form', { name: new RegExp(`^${title}`) })).toBeVisible();
}

let original: { settings: ProgramSettings; holidays: Holiday[]; year: number } | null = null;

test.beforeEach(async ({ page }) => {
  original = await page.evaluate(async () => {
    const info = await window.api['program.info']({});
    return {
      settings: info.settings,
      year: info.currentAcademicYear,
      holidays: await window.api['program.holidays']({ academicYear: info.currentAcademicYear }),
    };
  });
});

test.afterEach(async ({ page }) => {
  if (!original) return;
  await page.evaluate(async (json) => {
    const o = JSON.parse(json) as { settings: ProgramSettings; year: number; holidays: Holiday[] };
    await window.api['program.updateSettings'](o.settings);
    await window.api['program.setHolidays']({ academicYear: o.year, holidays: o.holidays });
  }, JSON.stringify(original));
});

test(
  'the lock date and churn thresholds are saved, audited and re-check the schedule; a wrong number is said ' +
    'beside its field',
  async ({ page }) => {
    await openSection(page, 'Lock date and publishing');
    const form = page.getByRole('form', { name: 'Lock date and publishing' });
    await form.getByLabel('Lock date').fill('2026-08-15');
    const warn = form.locator('#settings-churn-warnPersonPct');
    await warn.fill('70');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('warn at or below the refusal (50 %)')).toBeVisible();
    expect((await saved(page)).lockDate).toBe(original!.settings.lockDate);

    await warn.fill('25');
    await expect(form.getByText('warn at or below the refusal (50 %)')).toBeHidden();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('settings-recheck')).toContainText(
      'Lock date and publishing saved. Re-checked the published schedule of AY',
    );
    const now = await saved(page);
    expect(now.lockDate).toBe('2026-08-15');
    expect(now.churn.warnPersonPct).toBe(25);
    await expect(form.getByText('Unsaved changes')).toBeHidden();

    const audit = await page.evaluate(
      async () => (await window.api['audit.query']({ action: 'program.updateSettings', limit: 1 })).entries[0],
    );
    expect((audit.after as ProgramSettings).lockDate).toBe('2026-08-15');
  },
);

test(
  'a rule is explained with the program’s numbers; a stricter limit re-checks the schedule and shows more ' +
    'findings',
  async ({ page }) => {
    await openSection(page, 'Rules');
    const form = page.getByRole('form', { name: 'Rules' });
    await expectCatalogRuleNames(page, form.getByTestId('rule-name'), 'Settings → Rules');
    const rule = form.getByRole('button', { name: /80 hours a week/ });
    await expect(rule).toContainText('A resident works at most 80 hours a week, averaged over every 28-day window');
    await expect(form.getByRole('button', { name: /Standing half-day|Wednesday lecture/ }).first()).toContainText(
      'Every Wednesday afternoon is LEC',
    );
    await rule.click();
    const hours = form.getByLabel('Hours a week', { exact: true });
    await hours.fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('enter more than 0')).toBeVisible();

    await hours.fill('30');
    await expect(rule).toContainText('at most 30 hours a week');
    await form.getByRole('button', { name: 'Save' }).click();
    const banner = page.getByTestId('settings-recheck');
    await expect(banner).toContainText('Rules saved. Re-checked the published schedule');
    await expect(banner).toContainText(/critical \(was \d+\)/);
    const limit = (await saved(page)).rules.find((r) => r.type === 'acgme_80h')!.params.limitHours;
    expect(limit).toBe(30);
  },
);

test(
  'holidays of the year are added and checked; a block layout the plan cannot take is refused in the ' + 'section',
  async ({ page }) => {
    await openSection(page, 'Holidays');
    const form = page.getByRole('form', { name: /^Holidays in AY/ });
    const count = await form.getByRole('listitem').count();
    await form.getByRole('button', { name: 'Add a holiday' }).click();
    const row = form.getByRole('listitem').nth(count);
    await row.getByLabel('Date').fill('2031-01-02');
    await row.getByLabel('Name').fill('Training day');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByText(/outside AY/)).toBeVisible();
    await row.getByLabel('Date').fill(`${original!.year + 1}-03-17`);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('settings-recheck')).toContainText('Holidays saved');
    const holidays = await page.evaluate(
      async (year) => window.api['program.holidays']({ academicYear: year }),
      original!.year,
    );
    expect(holidays).toContainEqual({
      date: `${original!.year + 1}-03-17`,
      name: 'Training day',
      dayType: 'federal_holiday',
    });

    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Block calendar' })
      .click();
    const calendar = page.getByRole('form', { name: 'Block calendar' });
    await expect(calendar.getByRole('list', { name: /Blocks of AY/ }).getByRole('listitem')).toHaveCount(14);
    await calendar.getByLabel('Block length').fill('56');
    await calendar.getByLabel('Blocks of that length').fill('6');
    await calendar.getByRole('button', { name: 'Save' }).click();
    await expect(calendar.getByRole('alert')).toContainText(/has no block \d+/);
    expect((await saved(page)).blockLayout).toEqual(original!.settings.blockLayout);
  },
);
