// Absences end to end, at a 1280×720 workstation: a program-defined absence type and a relaxed
// one (Settings, Absence types), a part-day absence entered through the dialog (its preview shows
// only the half-days it covers), and duplicate absences found and merged in the Absences view.
// Settings and absences are put back at the end (the specs share one program).
import type { Page } from '@playwright/test';
import type { Absence, ProgramSettings } from '../../core/domain/types';
import { expect, test } from './fixtures';

// One app for the spec (fixtures.ts): each check opens its view.
test.use({ viewport: { width: 1280, height: 720 }, sharePage: true });

interface Target {
  name: string;
  personId: string;
  /** A weekday with work in both halves. */
  date: string;
  am: string;
  pm: string;
  year: number;
}

/** A resident with work in both halves of a weekday and no absence around it. */
async function residentWithWork(page: Page): Promise<Target> {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const year = info.academicYears.find((y) => y.id === info.currentAcademicYear)!;
    const people = await window.api['people.list']({ academicYear: year.id });
    const absences = await window.api['absences.list']({ academicYear: year.id });
    const grid = await window.api['schedule.grid']({ start: year.start, end: year.end });
    const at = new Map(grid.assignments.map((a) => [`${a.personId}|${a.date}|${a.half}`, a.activityCode]));
    for (const a of grid.assignments) {
      const person = people.find((p) => p.id === a.personId);
      if (person?.kind !== 'resident' || a.half !== 'AM' || a.activityCode !== 'C') continue;
      const pm = at.get(`${a.personId}|${a.date}|PM`);
      const day = new Date(`${a.date}T12:00:00Z`).getUTCDay();
      if (!pm || pm === 'LEC' || day === 0 || day === 6 || day === 3) continue;
      if (absences.some((x) => x.personId === a.personId && x.start <= a.date && a.date <= x.end)) continue;
      return { name: person.name, personId: person.id, date: a.date, am: a.activityCode, pm, year: year.id };
    }
    throw new Error('no resident with clinic in a morning and work in its afternoon');
  });
}

let settings: ProgramSettings | null = null;
let absencesBefore: string[] = [];

test.beforeEach(async ({ page }) => {
  settings = await page.evaluate(async () => (await window.api['program.info']({})).settings);
  absencesBefore = await page.evaluate(async () =>
    (
      await window.api['absences.list']({ academicYear: (await window.api['program.info']({})).currentAcademicYear })
    ).map((a) => a.id),
  );
});

test.afterEach(async ({ page }) => {
  await page.evaluate(
    async ([json, before]) => {
      const info = await window.api['program.info']({});
      for (const a of await window.api['absences.list']({ academicYear: info.currentAcademicYear }))
        if (!(before as string[]).includes(a.id)) await window.api['absences.delete']({ id: a.id });
      await window.api['program.updateSettings']({
        absencePolicies: (JSON.parse(json as string) as ProgramSettings).absencePolicies,
      });
    },
    [JSON.stringify(settings), absencesBefore] as const,
  );
});

test('absence types: a program adds its own and relaxes one on purpose; the dialog offers them', async ({ page }) => {
  await page.getByTestId('nav-settings').click();
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('button', { name: 'Absence types' })
    .click();
  const form = page.getByRole('form', { name: /^Absence types/ });
  await expect(form.getByText('makes the person unavailable for every half-day and call it covers')).toBeVisible();
  await form.getByLabel('Conference: calls allowed from (HH:MM)').fill('17:00');
  await form.getByLabel('New absence type').fill('Onboarding');
  await expect(form.getByText('code: onboarding')).toBeVisible();
  await form.getByRole('button', { name: 'Add type' }).click();
  await expect(form.locator('[data-testid="absence-type-row"][data-type="onboarding"]')).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('settings-recheck')).toContainText('Absence types saved');
  const saved = await page.evaluate(async () => (await window.api['program.info']({})).settings.absencePolicies);
  expect(saved.find((p) => p.type === 'conference')!.relax).toEqual({ halfDays: false, callsFrom: '17:00' });
  expect(saved.find((p) => p.type === 'onboarding')).toEqual({
    type: 'onboarding',
    name: 'Onboarding',
    relax: { halfDays: false, callsFrom: null },
    recoveryDays: 0,
    leaveEligibleOnly: true,
  });

  // A wrong time is said beside its field and saves nothing.
  await form.getByLabel('Conference: calls allowed from (HH:MM)').fill('5pm');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('A time as HH:MM')).toBeVisible();

  await page.getByTestId('nav-absences').click();
  await page.getByTestId('new-absence').click();
  const dialog = page.getByRole('dialog', { name: 'Enter an absence' });
  await dialog.getByTestId('absence-type').click();
  await expect(page.getByRole('option', { name: 'Onboarding' })).toBeVisible();
  await page.getByRole('option', { name: 'Onboarding' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('a part-day absence covers only the half-days it overlaps, in the preview, the list and the checks', async ({
  page,
}) => {
  const target = await residentWithWork(page);
  await page.getByTestId('nav-absences').click();
  await page.getByTestId('new-absence').click();
  const dialog = page.getByRole('dialog', { name: 'Enter an absence' });
  await dialog.getByLabel('Person').fill(target.name);
  await page.getByRole('option', { name: target.name, exact: true }).click();
  await dialog.getByTestId('absence-type').click();
  await page.getByRole('option', { name: 'Medical leave' }).click();
  await dialog.getByTestId('absence-start').fill(target.date);
  await dialog.getByTestId('absence-end').fill(target.date);
  await dialog.getByTestId('absence-status').click();
  await page.getByRole('option', { name: 'Approved' }).click();
  // Whole day: both halves collide.
  await expect(dialog.getByTestId('collide-slots')).toContainText(`${target.am} AM`);
  await expect(dialog.getByTestId('collide-slots')).toContainText(`${target.pm} PM`);
  // 12:00–17:00: only the afternoon.
  await dialog.getByTestId('absence-part').click();
  await page.getByRole('option', { name: 'A time range' }).click();
  await dialog.getByTestId('absence-from-time').fill('12:00');
  await dialog.getByTestId('absence-to-time').fill('17:00');
  await expect(dialog.getByTestId('collide-slots')).toHaveAttribute('data-count', '1');
  await expect(dialog.getByTestId('collide-slots')).toContainText(`${target.pm} PM`);
  await expect(dialog.getByTestId('collide-slots')).not.toContainText(`${target.am} AM`);
  // A range that ends before it starts is refused beside its field.
  await dialog.getByTestId('absence-to-time').fill('11:00');
  await dialog.getByRole('button', { name: 'Enter absence' }).click();
  await expect(dialog.getByText('Ends after it starts, the same day')).toBeVisible();
  await dialog.getByTestId('absence-to-time').fill('17:00');
  await dialog.getByRole('button', { name: 'Enter absence' }).click();
  await expect(dialog).toBeHidden();

  const stored = await page.evaluate(
    async ([personId, date]) =>
      (
        await window.api['absences.list']({ academicYear: (await window.api['program.info']({})).currentAcademicYear })
      ).filter((a) => a.personId === personId && a.start === date),
    [target.personId, target.date] as const,
  );
  expect(stored.map((a) => [a.type, a.part, a.status])).toEqual([
    ['medical', { start: '12:00', end: '17:00' }, 'approved'],
  ]);
  await page.getByLabel('Filter absences').fill(target.name);
  await expect(page.locator(`[data-testid="absence-row"][data-absence-id="${stored[0].id}"]`)).toContainText(
    '12:00–17:00',
  );

  // The checks report the afternoon only.
  const findings = await page.evaluate(
    async ([personId, year]) =>
      (
        await window.api['compliance.findings']({
          academicYear: year as number,
          draftId: null,
          personIds: [personId as string],
          ruleIds: ['absence_conflict'],
        })
      ).findings,
    [target.personId, target.year] as const,
  );
  const onIt = findings.filter((f) => f.start <= target.date && target.date <= f.end);
  expect(onIt.map((f) => f.slots)).toEqual([[{ date: target.date, half: 'PM' }]]);
});

test('duplicate and overlapping absences are flagged in the Absences view and merged into one', async ({ page }) => {
  const target = await residentWithWork(page);
  const made: Absence[] = await page.evaluate(async (t) => {
    const base = { personId: t.personId, type: 'vacation', start: t.date, end: t.date, status: 'approved' as const };
    return [
      await window.api['absences.create']({ ...base, note: 'first entry' }),
      await window.api['absences.create']({ ...base, note: 'entered again' }),
    ];
  }, target);
  await page.getByTestId('nav-absences').click();
  const banner = page.getByTestId('absence-overlaps');
  await expect(banner).toContainText(target.name);
  await banner.getByRole('button', { name: 'Review and merge' }).click();
  const dialog = page.getByRole('dialog', { name: 'Absences entered more than once' });
  const group = dialog.locator(`[data-testid="overlap-group"][data-person-id="${target.personId}"]`);
  await expect(group).toContainText('2 copies of one absence');
  await group.getByRole('button', { name: 'Merge into one' }).click();
  await expect(group).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const left = await page.evaluate(
    async (personId) =>
      (
        await window.api['absences.list']({ academicYear: (await window.api['program.info']({})).currentAcademicYear })
      ).filter((a) => a.personId === personId),
    target.personId,
  );
  const merged = left.filter((a) => made.some((m) => m.id === a.id));
  expect(merged).toHaveLength(1);
  expect(merged[0]).toMatchObject({ start: target.date, end: target.date, status: 'approved' });
  expect(merged[0].note!.split('; ').sort()).toEqual(['entered again', 'first entry']);
  const audit = await page.evaluate(
    async () => (await window.api['audit.query']({ action: 'absences.merge', limit: 1 })).entries[0],
  );
  expect(audit.entityId).toBe(merged[0].id);
});
