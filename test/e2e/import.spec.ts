// The Import view end to end on the demo program: the current block exported as Excel through the
// API, edited with exceljs (one half-day changed, two residents' rotations swapped; a copy mistypes a
// code and a rotation), then imported through the UI: the mistyped workbook is refused with its
// sheets and cells and suggestions, the corrected one (chosen with Browse…) previews as exactly the
// edit (Rotation cells old → new), imports as one draft, and opens in the Schedule.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// One booted app for the spec's tests, each signed in afresh: nothing of the test before stays (fixtures.ts).
test.use({ sharePage: 'signed-in-afresh' });

test('an edited block sheet is previewed, refused with Sheet!Cell when wrong, and imported as a draft', async ({
  page,
}) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-import-'));
  const exported = path.join(folder, 'block.xlsx');
  let chosen: string | null = null;
  try {
    // Export the current block through the app's own API (a job), and wait for the file.
    const jobId = await page.evaluate(async (output) => {
      const info = await window.api['program.info']({});
      const blocks = await window.api['blocks.list']({ academicYear: info.currentAcademicYear });
      const block = blocks[Math.min(6, blocks.length - 1)];
      return (
        await window.api['exports.xlsx']({
          block: { academicYear: info.currentAcademicYear, number: block.number },
          output,
        })
      ).jobId;
    }, exported);
    await expect
      .poll(async () => page.evaluate(async (id) => (await window.api['jobs.status']({ jobId: id })).state, jobId))
      .toBe('succeeded');

    // A resident's first weekday AM becomes LEC (or C when it was LEC); a second copy mistypes it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exported);
    const sheet = book.worksheets[0];
    let row = 0;
    for (let r = 4; r <= sheet.rowCount && !row; r++)
      if (sheet.getCell(r, 3).value && sheet.getCell(r, 3).value !== 'Call' && sheet.getCell(r, 1).value) row = r;
    let col = 4;
    while ([6, 0].includes((sheet.getCell(2, col).value as Date).getUTCDay())) col += 2;
    const person = String(sheet.getCell(row, 2).value);
    const was = sheet.getCell(row, col).value as string | null;
    const now = was === 'LEC' ? 'C' : 'LEC';
    sheet.getCell(row, col).value = now;
    // Two residents of one PGY group on different whole-block rotations swap them in the Rotation column.
    const group: { row: number; rotation: string }[] = [];
    let pair: { row: number; rotation: string }[] = [];
    for (let r = 4; r <= sheet.rowCount && pair.length === 0; r++) {
      const [id, name, rotation] = [1, 2, 3].map((c) => sheet.getCell(r, c).value);
      if (!id && name) group.length = 0; // a group heading
      if (!id || typeof rotation !== 'string' || rotation === 'Call' || rotation.includes('/')) continue;
      const other = group.find((g) => g.rotation !== rotation);
      if (other) pair = [other, { row: r, rotation }];
      group.push({ row: r, rotation });
    }
    expect(pair).toHaveLength(2);
    sheet.getCell(pair[0].row, 3).value = pair[1].rotation;
    sheet.getCell(pair[1].row, 3).value = pair[0].rotation;
    const swapped = pair.map((p) => ({
      cell: `${sheet.name}!${sheet.getCell(p.row, 3).address}`,
      person: String(sheet.getCell(p.row, 2).value),
    }));
    const good = path.join(folder, 'edited.xlsx');
    await book.xlsx.writeFile(good);
    sheet.getCell(row, col).value = 'CLNC';
    sheet.getCell(pair[0].row, 3).value = `${pair[1].rotation}Q`;
    const bad = path.join(folder, 'mistyped.xlsx');
    await book.xlsx.writeFile(bad);
    const cell = sheet.getCell(row, col).address;

    await page.getByTestId('nav-schedule').click();
    await page.getByTestId('view-options').click();
    await page.getByTestId('schedule-import').click();
    await expect(page).toHaveURL(/#\/import/);

    await page.getByTestId('import-path').fill(bad);
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-problem')).toHaveCount(2);
    await expect(
      page
        .getByTestId('import-problem')
        .filter({ hasText: `${sheet.name}!${cell}: 'CLNC' is not an activity code; did you mean 'C'?` }),
    ).toHaveCount(1);
    await expect(
      page.getByTestId('import-problem').filter({
        hasText:
          `${swapped[0].cell}: '${pair[1].rotation}Q' is not a rotation of this program; did you mean ` +
          `'${pair[1].rotation}'?`,
      }),
    ).toHaveCount(1);
    await expect(page.getByTestId('import-run')).toHaveCount(0);

    // The corrected workbook is chosen with Browse…: the test host's open dialog answers with this
    // name in its exports folder, as a user picking the file would.
    const exportFolder = await page.evaluate(async () => (await window.api['system.paths']({})).exportFolder);
    chosen = path.join(exportFolder, 'Chosen in the dialog.xlsx');
    mkdirSync(exportFolder, { recursive: true });
    copyFileSync(good, chosen);
    await page.getByTestId('import-browse').click();
    await expect(page.getByTestId('import-path')).toHaveValue(chosen);
    await page.getByTestId('import-preview').click();
    const people = new Set([person, ...swapped.map((s) => s.person)]).size;
    await expect(page.getByTestId('import-summary')).toHaveText(
      `1 half-day, 0 call nights and 2 rotations change, for ${people} people.`,
    );
    await expect(page.getByTestId('import-change')).toHaveCount(3);
    const halfDay = page.getByTestId('import-change').filter({ hasNotText: 'Rotation (' });
    await expect(halfDay).toContainText(person);
    await expect(halfDay).toContainText(`${was ?? '—'}${now}`);
    // Each changed Rotation cell by Sheet!Cell, old → new.
    for (const [i, s] of swapped.entries())
      await expect(page.getByTestId('import-change').filter({ hasText: `Rotation (${s.cell})` })).toContainText(
        `${s.person}${pair[i].rotation}${pair[1 - i].rotation}`,
      );
    await page.getByTestId('import-name').fill('Block sheet from Excel');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText(
      '“Block sheet from Excel”: 1 half-day, 0 call nights and 2 rotations',
    );
    await page.getByTestId('import-open-draft').click();
    await expect(page).toHaveURL(/#\/schedule\?.*draft=\d+/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (chosen) rmSync(chosen, { force: true });
  }
});

/** The ids of the program's absences in the current academic year. */
async function absenceIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const info = await window.api['program.info']({});
    return (await window.api['absences.list']({ academicYear: info.currentAcademicYear })).map((a) => a.id);
  });
}

test('absences from a CSV: reached from the Absences view, a mistake said by its cell, then every row added', async ({
  page,
}) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-import-absences-'));
  const before = await absenceIds(page);
  try {
    const { name, start } = await page.evaluate(async () => {
      const info = await window.api['program.info']({});
      const people = await window.api['people.list']({ academicYear: info.currentAcademicYear });
      const year = info.academicYears.find((y) => y.id === info.currentAcademicYear)!;
      const resident = people
        .filter((p) => p.kind === 'resident' && p.active)
        .sort((a, b) => a.name.localeCompare(b.name))[0];
      // A Monday late in the year, far from the demo's own absences.
      const d = new Date(`${year.end}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 20);
      return { name: resident.name, start: d.toISOString().slice(0, 10) };
    });
    const bad = path.join(folder, 'leave-bad.csv');
    writeFileSync(bad, `Name,Type,First day,Last day,AM/PM,Approved\r\n"${name}",Vacaton,${start},${start},,yes\r\n`);
    const good = path.join(folder, 'leave.csv');
    writeFileSync(
      good,
      `Name,Type,First day,Last day,AM/PM,Approved\r\n"${name.toUpperCase()}",Conference,${start},${start},PM,no\r\n`,
    );

    await page.getByTestId('nav-absences').click();
    await page.getByTestId('absences-import').click();
    await expect(page).toHaveURL(/#\/import/);
    await page.getByTestId('import-absences-path').fill(bad);
    await page.getByTestId('import-absences-preview').click();
    await expect(page.getByTestId('import-absences-problem')).toHaveText([
      'CSV!B2: "Vacaton" is not an absence type of this program; did you mean "Vacation"?',
    ]);
    await expect(page.getByTestId('import-absences-run')).toHaveCount(0);

    await page.getByTestId('import-absences-path').fill(good);
    await page.getByTestId('import-absences-preview').click();
    await expect(page.getByTestId('import-absences-row')).toHaveCount(1);
    await expect(page.getByTestId('import-absences-row')).toContainText(name);
    await page.getByTestId('import-absences-run').click();
    await expect(page.getByTestId('import-absences-done')).toHaveText(
      'Added 1 absence. They are in the Absences view.',
    );
    const stored = await page.evaluate(async (day) => {
      const info = await window.api['program.info']({});
      return (await window.api['absences.list']({ academicYear: info.currentAcademicYear })).filter(
        (a) => a.start === day && a.type === 'conference',
      );
    }, start);
    expect(stored).toMatchObject([{ part: 'PM', status: 'requested', end: start }]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    // The program as the test found it, however far it got: run again, it adds the same row.
    const added = (await absenceIds(page)).filter((id) => !before.includes(id));
    await page.evaluate(async (ids) => {
      for (const id of ids) await window.api['absences.delete']({ id });
    }, added);
  }
});

test(
  'people from a CSV: a mistake said by its cell with a suggestion, then everyone added and listed in ' + 'People',
  async ({ page }) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'e2e-import-people-'));
    try {
      // Names no one in the program has yet: run again on the same program (the people stay), it adds two more.
      const [student, faculty] = await page.evaluate(
        async (names) => {
          const info = await window.api['program.info']({});
          const taken = new Set(
            (await window.api['people.list']({ academicYear: info.currentAcademicYear })).map((p) => p.name),
          );
          for (let n = 1; ; n++) {
            const free = names.map((name) => (n === 1 ? name : `${name} ${n}`));
            if (!free.some((name) => taken.has(name))) return free;
          }
        },
        ['Quinn Ortega', 'Riley Park'],
      );
      const bad = path.join(folder, 'class-bad.csv');
      // Inactive learners and faculty: the e2e specs share the demo program, and later ones count its residents
      // and schedule its active people.
      const header = 'Name,Kind,Role,Active\r\n';
      writeFileSync(bad, `${header}${student},Studnt,,no\r\n${faculty},Faculty,Core faculty,no\r\n`);
      const good = path.join(folder, 'class.csv');
      writeFileSync(good, `${header}${student},Med student,,no\r\n${faculty},Faculty,Core faculty,no\r\n`);

      await page.getByTestId('nav-import').click();
      await page.getByTestId('import-people-path').fill(bad);
      await page.getByTestId('import-people-preview').click();
      await expect(page.getByTestId('import-people-problem')).toHaveText([
        'CSV!B2: "Studnt" is not resident, faculty, student or intern; did you mean "Student"?',
      ]);
      await expect(page.getByTestId('import-people-run')).toHaveCount(0);

      await page.getByTestId('import-people-path').fill(good);
      await page.getByTestId('import-people-preview').click();
      await expect(page.getByTestId('import-people-row')).toHaveCount(2);
      await expect(page.getByTestId('import-people-row').first()).toContainText(student);
      await expect(page.getByTestId('import-people-row').nth(1)).toContainText('Core faculty');
      await page.getByTestId('import-people-run').click();
      await expect(page.getByTestId('import-people-done')).toHaveText('Added 2 people. They are in the People view.');

      // The same file again: both names are taken now, found by the check of adding a person by hand.
      await page.getByTestId('import-people-preview').click();
      await expect(page.getByTestId('import-people-problem')).toHaveCount(2);
      await expect(page.getByTestId('import-people-problem').first()).toContainText(
        `CSV!A2: A person named "${student}" already exists`,
      );

      await page.getByTestId('nav-people').click();
      await expect(page.getByText(student, { exact: true })).toBeVisible();
      const stored = await page.evaluate(
        async (names) => {
          const info = await window.api['program.info']({});
          return (await window.api['people.list']({ academicYear: info.currentAcademicYear }))
            .filter((p) => names.includes(p.name))
            .map((p) => [p.name, p.kind, p.pgy, p.facultyRole, p.active]);
        },
        [student, faculty],
      );
      expect(stored).toEqual([
        [faculty, 'faculty', null, 'core', false],
        [student, 'student', null, null, false],
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
);
