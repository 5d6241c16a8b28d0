// Duty the ACGME way end to end on the demo program, at a 1280×720 workstation: a coordinator
// enters a PGY-1 resident's moonlighting (a finding at once), approving it is the program
// director's; a callback is recorded during a home call; the program director defines a service
// staffed by several rotations and marks an activity as transition time in Settings; a call type
// keeps its clock end the night the clocks fall back. What a test adds it removes again (the specs
// share one program).
import type { Locator, Page } from '@playwright/test';
import type { HomeCall, PersonRow } from '../../core/api/contract';
import type { Activity, CallType, MoonlightingEntry, ProgramSettings } from '../../core/domain/types';
import { expect, test } from './fixtures';

// One app for the spec: the coordinator's checks, then the program director's signed in on it once
// (fixtures.ts; the director's tests are last, so the account changes once); each opens its view.
test.use({ viewport: { width: 1280, height: 720 }, sharePage: true });

async function yearOf(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.api['program.info']({})).currentAcademicYear);
}

async function residentOf(page: Page, year: number, pgy: number): Promise<PersonRow> {
  const people = await page.evaluate(async (academicYear) => window.api['people.list']({ academicYear }), year);
  return people.filter((p) => p.kind === 'resident' && p.pgy === pgy).sort((a, b) => a.name.localeCompare(b.name))[0];
}

/** A Saturday in the academic year's autumn (the AY starts July 1 of `year`). */
const saturday = (year: number) => {
  const d = new Date(Date.UTC(year, 9, 1));
  while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

async function openDuty(page: Page, tab: 'Moonlighting' | 'Callbacks') {
  await page.getByTestId('nav-duty').click();
  await expect(page).toHaveURL(/#\/duty/);
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

/** Settings at `section` (from the rail, then its section list): its form. */
async function openSettingsSection(page: Page, section: string): Promise<Locator> {
  await page.getByTestId('nav-settings').click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: section }).click();
  return page.getByRole('form', { name: section });
}

async function fillTimes(
  page: Page,
  prefix: string,
  startDate: string,
  startTime: string,
  endDate: string,
  endTime: string,
) {
  await page.getByTestId(`${prefix}-start-date`).fill(startDate);
  await page.getByTestId(`${prefix}-start-time`).fill(startTime);
  await page.getByTestId(`${prefix}-end-date`).fill(endDate);
  await page.getByTestId(`${prefix}-end-time`).fill(endTime);
}

test(
  'a coordinator enters a PGY-1 resident’s moonlighting: a finding at once, approval left to the program ' + 'director',
  async ({ page }) => {
    const year = await yearOf(page);
    const intern = await residentOf(page, year, 1);
    const day = saturday(year);
    await openDuty(page, 'Moonlighting');
    await page.getByTestId('new-moonlighting').click();
    const dialog = page.getByRole('dialog', { name: 'Enter moonlighting' });
    await dialog.getByLabel('Resident').fill(intern.name);
    await page.getByRole('option', { name: intern.name }).click();
    await expect(dialog.getByText('PGY-1 residents may not moonlight (ACGME)')).toBeVisible();
    // An end time before the start time is the next morning: the end day follows.
    await fillTimes(page, 'moonlighting', day, '20:00', day, '07:00');
    await expect(dialog.getByText('11 h')).toBeVisible();
    // An end day before the start is said beside the field, and nothing is saved.
    await fillTimes(page, 'moonlighting', day, '08:00', day, '20:00');
    await page.getByTestId('moonlighting-end-date').fill('2000-01-01');
    await dialog.getByRole('button', { name: 'Enter moonlighting' }).click();
    await expect(dialog.getByText('A shift ends after it starts')).toBeVisible();
    await page.getByTestId('moonlighting-end-date').fill(day);
    await expect(dialog.getByText('12 h')).toBeVisible();
    await expect(dialog.getByLabel('Approved by the program director')).toBeDisabled();
    await dialog.getByRole('button', { name: 'Enter moonlighting' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByTestId('moonlighting-row').filter({ hasText: intern.name });
    await expect(row).toContainText('12 h');
    await expect(row).toContainText('Awaiting approval');

    // The compliance view lists it at once.
    await page.getByTestId('nav-compliance').click();
    await expect(page.getByTestId('finding-row').filter({ hasText: 'may not moonlight' }).first()).toContainText(
      intern.name,
    );

    // Remove it again.
    await openDuty(page, 'Moonlighting');
    await row.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
    await expect(row).toHaveCount(0);
  },
);

test('sets, in plain words, what a 24-hour call does the night the clocks fall back', async ({ page }) => {
  const ld = async () =>
    page.evaluate(async () => (await window.api['callTypes.list']({})).find((t: CallType) => t.code === 'LD')!);
  const before = await ld();
  try {
    const form = await openSettingsSection(page, 'Calls when the clocks change');
    await expect(form).toContainText('the night has 25 hours');
    const choice = form.getByLabel(`LD ${before.name}: the night the clocks fall back`);
    await expect(choice).toContainText('Ends an hour early on the clock (07:00–06:00, 24 h)');
    await choice.click();
    await page.getByRole('option', { name: 'Keeps its end time (07:00–07:00, 25 h)' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('settings-recheck')).toContainText('Calls when the clocks change saved');
    expect((await ld()).clockChange).toBe('clock_end');
  } finally {
    await page.evaluate(
      async (clockChange) => window.api['callTypes.setClockChange']({ changes: [{ code: 'LD', clockChange }] }),
      before.clockChange,
    );
  }
});

test('a callback is recorded during a home call, and deleted again', async ({ page }) => {
  const year = await yearOf(page);
  const homeCalls = await page.evaluate(
    async (academicYear) => window.api['callbacks.homeCalls']({ academicYear }),
    year,
  );
  expect(homeCalls.length, 'the demo has home calls (faculty overnight call from home)').toBeGreaterThan(0);
  const target: HomeCall = homeCalls[0];
  const people = await page.evaluate(async (academicYear) => window.api['people.list']({ academicYear }), year);
  const name = people.find((p) => p.id === target.personId)!.name;

  await openDuty(page, 'Callbacks');
  await page.getByTestId('new-callback').click();
  const dialog = page.getByRole('dialog', { name: 'Record a callback' });
  await dialog.getByLabel('Person on home call').fill(name);
  await page.getByRole('option', { name }).click();
  await page.getByTestId('callback-call').click();
  await page.getByRole('option').first().click();
  // Inside the call: its first evening, 22:00 to 23:30.
  const day = target.start.slice(0, 10);
  await fillTimes(page, 'callback', day, '22:00', day, '23:30');
  await dialog.getByLabel('Note').fill('Admission from the ED');
  await dialog.getByRole('button', { name: 'Record callback' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('callback-row').filter({ hasText: name });
  await expect(row).toContainText('1.5 h');
  await expect(row).toContainText(target.callTypeCode);
  await expect(row).toContainText('Admission from the ED');

  await row.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
  await expect(row).toHaveCount(0);
});

test('moonlighting and a callback show on the person’s row in the Schedule grid, with their times on hover', async ({
  page,
}) => {
  const year = await yearOf(page);
  const senior = await residentOf(page, year, 3);
  const day = saturday(year);
  const sunday = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
  const homeCalls = await page.evaluate(
    async (academicYear) => window.api['callbacks.homeCalls']({ academicYear }),
    year,
  );
  const home: HomeCall = homeCalls[0];
  const homeDay = home.start.slice(0, 10);
  const [night, callback] = await page.evaluate(
    async ({ personId, day, sunday, home, homeDay }) => [
      await window.api['moonlighting.create']({
        personId,
        start: `${day}T21:00`,
        end: `${sunday}T07:00`,
        internal: false,
        approved: false,
      }),
      await window.api['callbacks.create']({
        personId: home.personId,
        start: `${homeDay}T22:00`,
        end: `${homeDay}T23:30`,
        note: 'Admission from the ED',
      }),
    ],
    { personId: senior.id, day, sunday, home, homeDay },
  );
  try {
    const blocks = await page.evaluate(async (academicYear) => window.api['blocks.list']({ academicYear }), year);
    // The schedule at the block holding `date`, scrolled to that day and the person's row.
    const openAt = (date: string, personId: string) => {
      const block = blocks.find((b) => b.start <= date && date <= b.end)!;
      return page.goto(
        `${new URL(page.url()).origin}/#/schedule?block=${block.number}&date=${date}&person=${personId}`,
      );
    };
    const cell = (personId: string, date: string, half: 'AM' | 'PM') =>
      page
        .getByRole('grid')
        .locator(`.bg-cell[data-person-id="${personId}"][data-date="${date}"][data-half="${half}"]`);
    await openAt(day, senior.id);
    // The night covers Saturday evening and Sunday morning, not Saturday morning.
    await expect(cell(senior.id, day, 'PM')).toHaveAttribute('data-duty', 'moonlighting');
    await expect(cell(senior.id, sunday, 'AM')).toHaveAttribute('data-duty', 'moonlighting');
    await expect(cell(senior.id, day, 'AM')).not.toHaveAttribute('data-duty');
    await cell(senior.id, day, 'PM').hover();
    await expect(cell(senior.id, day, 'PM')).toHaveAttribute(
      'title',
      /Moonlighting \(external, awaiting approval\): Sat \d+ \w+ \d{4} 21:00 – Sun \d+ \w+ \d{4} 07:00/,
    );

    // The callback is on the home call's evening, beside the call itself.
    await openAt(homeDay, home.personId);
    const evening = cell(home.personId, homeDay, 'PM');
    await expect(evening).toHaveAttribute('data-duty', 'callback');
    await expect(evening).toHaveAttribute('data-call', home.callTypeCode);
    await evening.hover();
    await expect(evening).toHaveAttribute('title', /Callback: .* 22:00–23:30 – Admission from the ED/);
  } finally {
    await page.evaluate(
      async ({ night, callback }) => {
        await window.api['moonlighting.delete']({ id: night });
        await window.api['callbacks.delete']({ id: callback });
      },
      { night: night.id, callback: callback.id },
    );
  }
});

test.describe('as the program director', () => {
  test.use({ account: 'program_director' });

  test('approves a resident’s moonlighting', async ({ page }) => {
    const year = await yearOf(page);
    const senior = await residentOf(page, year, 3);
    const day = saturday(year);
    const entry = await page.evaluate(async (fields) => window.api['moonlighting.create'](fields), {
      personId: senior.id,
      start: `${day}T09:00`,
      end: `${day}T17:00`,
      internal: true,
      approved: false,
    });
    try {
      await openDuty(page, 'Moonlighting');
      const row = page
        .getByTestId('moonlighting-row')
        .filter({ hasText: senior.name })
        .filter({ hasText: 'Awaiting approval' });
      await row.click();
      const dialog = page.getByRole('dialog', { name: 'Change moonlighting' });
      await expect(dialog.getByText('You approve it as the program director.')).toBeVisible();
      await dialog.getByLabel('Approved by the program director').check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByTestId('moonlighting-row').filter({ hasText: senior.name }).filter({ hasText: '8 h' }),
      ).toContainText('Approved');
      const saved = await page.evaluate(
        async (academicYear) => window.api['moonlighting.list']({ academicYear }),
        year,
      );
      expect(saved.find((m: MoonlightingEntry) => m.id === entry.id)?.approved).toBe(true);
    } finally {
      await page.evaluate(async (id) => window.api['moonlighting.delete']({ id }), entry.id);
    }
  });

  test('defines a service staffed by several rotations and marks a handoff activity as transition time', async ({
    page,
  }) => {
    const original = await page.evaluate(async () => (await window.api['program.info']({})).settings);
    const pcat = await page.evaluate(
      async () => (await window.api['activities.list']({})).find((a) => a.code === 'PCAT')!,
    );
    try {
      const form = await openSettingsSection(page, 'Services');
      await expect(form.getByTestId('service')).toHaveCount(original.services?.length ?? 0);
      await form.getByRole('button', { name: 'Add service' }).click();
      const card = form.getByTestId('service').last();
      await card.getByLabel('Code').fill('ICU');
      await card.getByLabel('Name').fill('Intensive care team');
      await card.getByLabel('Rotations that staff it').fill('ICU');
      await page.getByRole('option', { name: /^ICU/ }).click();
      await card.getByLabel('Rotations that staff it').fill('EM');
      await page.getByRole('option', { name: /^EM/ }).click();
      await card.getByRole('textbox', { name: /any level: at most/ }).fill('0');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(card.getByText('at least the least (1)')).toBeVisible();
      await card.getByRole('textbox', { name: /any level: at most/ }).fill('2');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId('settings-recheck')).toContainText('Services saved');
      const settings = await page.evaluate(async () => (await window.api['program.info']({})).settings);
      expect(settings.services!.find((s) => s.code === 'ICU')).toEqual({
        code: 'ICU',
        name: 'Intensive care team',
        rotationCodes: ['ICU', 'EM'],
        staffing: [{ pgyLevels: [], min: 1, max: 2 }],
        facultyWeeks: false,
      });
      expect(settings.rules.find((r) => r.id === 'service_icu')).toMatchObject({
        type: 'service_staffing',
        params: { services: ['ICU'] },
      });

      const care = await openSettingsSection(page, 'Patient care and transitions');
      await expect(care).toContainText('After 24 hours of continuous work ACGME allows up to 4 more hours');
      await care.getByLabel(`PCAT ${pcat.name}: new patient care`).uncheck();
      await care.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId('settings-recheck')).toContainText('Patient care and transitions saved');
      const marked = await page.evaluate(
        async () => (await window.api['activities.list']({})).find((a: Activity) => a.code === 'PCAT')!,
      );
      expect(marked.patientCare).toBe(false);
    } finally {
      await page.evaluate(
        async (json) => {
          const back = JSON.parse(json) as { settings: ProgramSettings; patientCare: boolean };
          await window.api['program.updateSettings'](back.settings);
          await window.api['activities.setPatientCare']({ changes: [{ code: 'PCAT', patientCare: back.patientCare }] });
        },
        JSON.stringify({ settings: original, patientCare: pcat.patientCare }),
      );
    }
  });
});
