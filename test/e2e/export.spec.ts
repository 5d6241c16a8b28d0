// The Export view end to end: one resident's calendar and the whole PGY-1 class exported through
// the UI from the demo program, with progress per person, the result's location and "Open folder"
// (the test host records what it was asked to show); the files are read back from disk and parsed
// with ical.js. A draft picked explicitly is exported marked DRAFT into its own folder. Bad
// choices are said next to the choice, and a folder that cannot be written is said in words.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { EXPORT_JOB_END } from './export-job';
import { expect, test } from './fixtures';

// One booted app for the spec's tests, each signed in afresh: nothing of the test before stays (fixtures.ts).
test.use({ sharePage: 'signed-in-afresh' });

interface Setup {
  zone: string;
  exportFolder: string;
  pgy1: { id: string; name: string }[];
  pgy2: { id: string; name: string }[];
  yearEnd: string;
}

/** The demo program's facts the checks compare against, read through the API. */
async function setup(page: Page): Promise<Setup> {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
    const paths = await window.api['system.paths']({});
    const year = info.academicYears.find((y) => y.id === info.currentAcademicYear)!;
    const klass = (level: number) =>
      people
        .filter((p) => p.kind === 'resident' && p.active && p.pgy === level)
        .map((p) => ({ id: p.id, name: p.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    return {
      zone: info.settings.timeZone,
      exportFolder: paths.exportFolder,
      pgy1: klass(1),
      pgy2: klass(2),
      yearEnd: year.end,
    };
  });
}

async function openExport(page: Page) {
  await page.getByTestId('nav-export').click();
  await expect(page).toHaveURL(/#\/export/);
  await expect(page.getByTestId('export-view')).toBeVisible();
}

async function pickPerson(page: Page, name: string) {
  await page.getByTestId('export-who-person').click();
  await page.getByTestId('export-person').fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

interface ParsedCalendar {
  name: string;
  tzids: string[];
  events: { uid: string; summary: string; start: string; tzid: string | null; allDay: boolean; status: string }[];
}

/** A calendar file from disk, parsed by ical.js (an independent parser). */
function readCalendar(file: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')) as unknown[]);
  return {
    name: String(root.getFirstPropertyValue('x-wr-calname')),
    tzids: root.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    events: root.getAllSubcomponents('vevent').map((v) => {
      const start = v.getFirstProperty('dtstart')!;
      const time = start.getFirstValue() as ICAL.Time;
      return {
        uid: String(v.getFirstPropertyValue('uid')),
        summary: String(v.getFirstPropertyValue('summary')),
        start: time.toString().slice(0, 10),
        tzid: (start.getParameter('tzid') as string | undefined) ?? null,
        allDay: time.isDate,
        status: String(v.getFirstPropertyValue('status')),
      };
    }),
  };
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A person's calendar: their own UIDs, real times in the program zone, dates inside the range. */
function expectPersonCalendar(cal: ParsedCalendar, person: { id: string; name: string }, s: Setup) {
  expect(cal.name).toContain(person.name);
  expect(cal.tzids).toEqual([s.zone]);
  expect(cal.events.length).toBeGreaterThan(0);
  for (const e of cal.events) {
    expect(e.uid.startsWith(`${person.id}.`), e.uid).toBe(true);
    if (!e.allDay) expect(e.tzid).toBe(s.zone);
    expect(e.start >= todayIso() && e.start <= s.yearEnd, `${e.uid} starts ${e.start}`).toBe(true);
  }
  expect(new Set(cal.events.map((e) => e.uid)).size).toBe(cal.events.length);
}

async function revealedPaths(page: Page): Promise<string[]> {
  return page.evaluate(() => fetch('/test/revealed').then((r) => r.json() as Promise<string[]>));
}

test('one resident’s calendar goes to the folder typed, and “Open folder” shows that folder', async ({ page }) => {
  const s = await setup(page);
  const resident = s.pgy2[0];
  const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-export-one-'));
  try {
    await openExport(page);
    await expect(page.getByTestId('export-format-ics')).toHaveAttribute('aria-checked', 'true');
    await pickPerson(page, resident.name);
    await expect(page.getByTestId('export-run')).toHaveText('Export 1 calendar');
    await page.getByTestId('export-output').fill(folder);
    await page.getByTestId('export-run').click();

    const outcome = page.getByTestId('export-outcome');
    await expect(outcome).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
    await expect(page.getByTestId('export-outcome-title')).toHaveText('Export finished');
    await expect(page.getByTestId('export-location')).toHaveText(folder);
    await expect(page.getByTestId('export-file')).toContainText(resident.name);

    expect(readdirSync(folder)).toEqual([`${resident.name}.ics`]);
    const cal = readCalendar(path.join(folder, `${resident.name}.ics`));
    expectPersonCalendar(cal, resident, s);
    expect(cal.events.every((e) => e.status === 'CONFIRMED' && !e.summary.startsWith('DRAFT'))).toBe(true);
    await expect(page.getByTestId('export-outcome-summary')).toContainText(
      `1 calendar · ${cal.events.length.toLocaleString('en-US')} events`,
    );

    await page.getByTestId('export-open-folder').click();
    await expect(page.getByTestId('snackbar')).toContainText(`Opened ${folder}`);
    expect(await revealedPaths(page)).toContain(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Holds the next export request until `release` is called (the request is seen as it is sent). */
async function holdExportStart(page: Page, method: string): Promise<{ seen: Promise<void>; release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen!: () => void;
  const seenPromise = new Promise<void>((resolve) => (seen = resolve));
  await page.route(`**/api/${method}`, async (route) => {
    seen();
    await released;
    await route.continue();
  });
  return { seen: seenPromise, release };
}

test('the whole PGY-1 class is exported as one job with progress, into the default folder', async ({ page }) => {
  const s = await setup(page);
  expect(s.pgy1.length).toBeGreaterThan(1);
  const folder = path.join(s.exportFolder, 'Calendars');
  const start = await holdExportStart(page, 'exports.calendars');

  await openExport(page);
  await page.getByTestId('export-who-pgy').click();
  await page.getByTestId('export-pgy-1').click();
  await expect(page.getByTestId('export-who-summary')).toContainText(`${s.pgy1.length} people`);
  await expect(page.getByTestId('export-run')).toHaveText(`Export ${s.pgy1.length} calendars`);
  await expect(page.getByTestId('export-output')).toHaveValue(folder);
  await page.getByTestId('export-run').click();

  await start.seen;
  await expect(page.getByTestId('export-progress-text')).toHaveText(`Making 1 of ${s.pgy1.length}`);
  await expect(page.getByTestId('export-cancel')).toBeVisible();
  await expect(page.getByTestId('export-output')).toBeDisabled();
  start.release();

  await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
  await expect(page.getByTestId('export-location')).toHaveText(folder);
  await expect(page.getByTestId('export-file')).toHaveCount(s.pgy1.length);
  await expect(page.getByTestId('export-outcome-summary')).toContainText(`${s.pgy1.length} calendars`);

  expect(readdirSync(folder).sort()).toEqual(s.pgy1.map((p) => `${p.name}.ics`).sort());
  for (const person of s.pgy1) expectPersonCalendar(readCalendar(path.join(folder, `${person.name}.ics`)), person, s);

  await page.getByTestId('export-open-folder').click();
  await expect(page.getByTestId('snackbar')).toContainText(`Opened ${folder}`);
  expect(await revealedPaths(page)).toContain(folder);
});

test('Stop cancels the export job: no file is written and everyone is named as not written', async ({ page }) => {
  const s = await setup(page);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-export-stop-'));
  try {
    const start = await holdExportStart(page, 'exports.pdf');
    await openExport(page);
    await page.getByTestId('export-format-person-pdf').click();
    await page.getByTestId('export-who-pgy').click();
    await page.getByTestId('export-pgy-1').click();
    await page.getByTestId('export-output').fill(folder);
    await page.getByTestId('export-run').click();
    await start.seen;
    await page.getByTestId('export-cancel').click();
    await expect(page.getByTestId('export-progress-current')).toHaveText('Stopping: no file will be written…');
    start.release();

    await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'cancelled', EXPORT_JOB_END);
    await expect(page.getByTestId('export-outcome-title')).toHaveText('Export stopped: nothing was written');
    await expect(page.getByTestId('export-missing')).toContainText(s.pgy1[0].name);
    expect(readdirSync(folder)).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a draft picked explicitly is exported marked DRAFT into its own folder', async ({ page }) => {
  const s = await setup(page);
  const resident = s.pgy1[0];
  const draft = await page.evaluate(async (personId) => {
    const d = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const created = await window.api['drafts.create']({ name: 'E2E export review' });
    await window.api['drafts.setActivity']({
      draftId: created.id,
      cells: [{ personId, date, half: 'AM' }],
      activityCode: 'PROC',
    });
    return { id: created.id, name: created.name };
  }, resident.id);
  const folder = path.join(s.exportFolder, `Calendars (DRAFT ${draft.name})`);
  try {
    await openExport(page);
    await pickPerson(page, resident.name);
    await page.getByTestId('export-source-draft').check();
    await expect(page.getByTestId('export-draft')).toHaveValue(String(draft.id));
    await expect(page.getByTestId('export-draft-warning')).toContainText('DRAFT');
    await expect(page.getByTestId('export-output')).toHaveValue(folder);
    await page.getByTestId('export-run').click();

    await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
    await expect(page.getByTestId('export-outcome-draft')).toHaveText(`DRAFT · ${draft.name}`);
    const cal = readCalendar(path.join(folder, `${resident.name}.ics`));
    expect(cal.name).toContain('(DRAFT)');
    expect(cal.events.length).toBeGreaterThan(0);
    expect(cal.events.every((e) => e.summary.startsWith('DRAFT: ') && e.status === 'TENTATIVE')).toBe(true);
    expect(cal.events.some((e) => e.summary === 'DRAFT: Procedures')).toBe(true);
  } finally {
    await page.evaluate(
      (draftId) => window.api['drafts.discard']({ draftId, reason: 'e2e export test done' }),
      draft.id,
    );
  }
});

test('bad choices are said next to the choice; an unwritable folder and a vanished one are said in words', async ({
  page,
}) => {
  const s = await setup(page);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'e2e-export-bad-'));
  try {
    await openExport(page);

    // Nobody picked: nothing to export.
    await page.getByTestId('export-who-person').click();
    await expect(page.getByTestId('export-section-who-error')).toHaveText('Pick the person to export');
    await expect(page.getByTestId('export-run')).toBeDisabled();
    await pickPerson(page, s.pgy2[0].name);
    await expect(page.getByTestId('export-section-who-error')).toHaveCount(0);

    // A relative folder, then a file where a folder should be.
    await page.getByTestId('export-output').fill('Calendars');
    await expect(page.getByTestId('export-section-output-error')).toContainText('Give the full path');
    await expect(page.getByTestId('export-blocked')).toHaveText('One choice needs attention before exporting.');
    await page.getByTestId('export-output').fill(path.join(tmp, 'Zoe.ics'));
    await expect(page.getByTestId('export-section-output-error')).toHaveText(
      'Calendars are saved one file per person: give a folder, not a .ics file',
    );

    // A file in the way of the folder: refused by the core, nothing written.
    writeFileSync(path.join(tmp, 'notes.txt'), 'not a folder');
    await page.getByTestId('export-output').fill(path.join(tmp, 'notes.txt', 'Calendars'));
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'failed', EXPORT_JOB_END);
    await expect(page.getByTestId('export-outcome-title')).toHaveText('Nothing was exported');
    await expect(page.getByTestId('export-error')).toContainText('part of the path is a file, not a folder');
    await expect(page.getByTestId('export-missing')).toHaveText(`Not written: ${s.pgy2[0].name}.`);

    // The default comes back with one click.
    await page.getByTestId('export-output-default').click();
    await expect(page.getByTestId('export-output')).toHaveValue(path.join(s.exportFolder, 'Calendars'));

    // A folder that was removed after the export cannot be opened.
    const gone = path.join(tmp, 'gone');
    await page.getByTestId('export-output').fill(gone);
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
    expect(existsSync(path.join(gone, `${s.pgy2[0].name}.ics`))).toBe(true);
    rmSync(gone, { recursive: true, force: true });
    await page.getByTestId('export-open-folder').click();
    await expect(page.getByTestId('snackbar')).toContainText(`Could not open the folder: ${gone} does not exist`);
    expect(await revealedPaths(page)).not.toContain(gone);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('“Browse…” fills in the folder or file chosen in the file dialog, and the export goes there', async ({ page }) => {
  const s = await setup(page);
  // The test host answers the dialog as a user would, with this name in its exports folder.
  const chosen = path.join(s.exportFolder, 'Chosen in the dialog');
  try {
    await openExport(page);
    // Calendars go to a folder: the dialog asks for one.
    await page.getByTestId('export-output-browse').click();
    await expect(page.getByTestId('export-output')).toHaveValue(chosen);
    await expect(page.getByTestId('export-output-default')).toBeVisible();

    // The block schedule is one file: the dialog asks for a .pdf file, and the PDF is written there.
    await page.getByTestId('export-format-block-pdf').click();
    await page.getByTestId('export-output-browse').click();
    await expect(page.getByTestId('export-output')).toHaveValue(`${chosen}.pdf`);
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
    await expect(page.getByTestId('export-location')).toContainText(`${chosen}.pdf`);
    expect(readFileSync(`${chosen}.pdf`).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    rmSync(`${chosen}.pdf`, { force: true });
    rmSync(chosen, { recursive: true, force: true });
  }
});

test('the Excel block sheets: the current block with the plan and call roster, read back from the file', async ({
  page,
}) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-export-xlsx-'));
  const file = path.join(folder, 'Block sheets.xlsx');
  try {
    await openExport(page);
    await page.getByTestId('export-format-xlsx').click();
    await expect(page.getByTestId('export-when-block')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('export-when-dates')).toHaveCount(0);
    await page.getByTestId('export-output').fill(file);
    await expect(page.getByTestId('export-run')).toHaveText('Export Excel workbook');
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-outcome')).toHaveAttribute('data-status', 'done', EXPORT_JOB_END);
    await expect(page.getByTestId('export-outcome-summary')).toContainText('Block sheets · 5 sheets');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const names = book.worksheets.map((w) => w.name);
    expect(names.slice(1)).toEqual(['People', 'Annual plan', 'Call roster', 'Legend']);
    // Everyone with their first and last day, in the columns the people import reads.
    const people = book.getWorksheet('People')!;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => people.getCell(2, c).value)).toEqual([
      'Name',
      'Kind',
      'PGY',
      'Faculty role',
      'E-mail',
      'Active',
      'Start date',
      'End date',
    ]);
    const sheet = book.worksheets[0];
    expect(sheet.name).toMatch(/^Block \d+$/);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getCell(3, c).value)).toEqual(['Id', 'Name', 'Rotation', 'AM', 'PM']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 3 });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
