// People from a coordinator's spreadsheet (.csv and .xlsx): columns found by their header words in
// any order; kind said or implied (a PGY level = resident, a role = faculty); roles in the People
// view's words; the preview writes nothing; any problem (by sheet and cell, with a suggestion) and
// nobody is added; otherwise everyone in one transaction, each checked as if added by hand (a name
// already in the program is refused by that same check).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../core/domain/types';
import { exportXlsxFromData } from '../../core/services/exports';
import { importPeople, previewPeopleImport } from '../../core/services/people-import';
import { loadProgramData, openProgram, writeProgramData, type Program } from '../../core/services/program';
import { makeProgram } from '../unit/exports-fixture';

let dir = '';
let program: Program;
let year = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'people-import-'));
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  const data = makeProgram('2026-11-19', '2026-12-16');
  await writeProgramData(program, data);
  year = data.academicYears[0];
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

const people = async () => (await loadProgramData(program)).people;

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
}

describe('people import', () => {
  it('reads first and last days in the program, refusing a last day before the first at its cell', async () => {
    const before = (await people()).length;
    const bad = csv('dates-bad.csv', [
      'Name,PGY,First day,Last day',
      'Ira Irving,2,2026-08-12,2026-08-11',
      'Jules Jones,1,12 August,',
    ]);
    const preview = await previewPeopleImport(program, bad, year, 'test');
    expect(preview.problems.map((p) => [p.cell, p.message])).toEqual([
      ['D2', 'the end date 2026-08-11 is before the start date 2026-08-12'],
      ['C3', '"12 August" is not a date; write it as YYYY-MM-DD (or a date cell)'],
    ]);
    await expect(importPeople(program, bad, year, 'test')).rejects.toThrow();
    expect(await people()).toHaveLength(before);

    const good = csv('dates.csv', [
      'Name,PGY,Start date,End date',
      'Ira Irving,2,,2027-01-08',
      'Jules Jones,1,8/12/2026,',
    ]);
    await importPeople(program, good, year, 'test');
    const added = (await people()).filter((p) => p.name === 'Ira Irving' || p.name === 'Jules Jones');
    expect(added.map((p) => [p.name, p.startDate ?? null, p.endDate ?? null]).sort()).toEqual([
      ['Ira Irving', null, '2027-01-08'],
      ['Jules Jones', '2026-08-12', null],
    ]);
  });

  it("reads the exported workbook's People sheet back: everyone, with their first and last days", async () => {
    // A late starter and a leaver in one program; its block sheet workbook imported into another.
    const data = makeProgram('2026-11-19', '2026-12-16');
    const residents = data.people.filter((p) => p.kind === 'resident');
    residents[0].startDate = '2026-08-12';
    residents[1].endDate = '2027-01-08';
    const source = await openProgram(join(dir, 'source.sqlite'), { create: true });
    await writeProgramData(source, data);
    const workbook = join(dir, 'block6.xlsx');
    const { sheets } = await exportXlsxFromData(await loadProgramData(source), {
      output: workbook,
      block: { academicYear: year, number: 6 },
      plan: true,
    });
    expect(sheets).toContain('People');
    // The workbook lists whom its block sheets list: everyone active.
    const listed = (await loadProgramData(source)).people.filter((p) => p.active);
    await source.close();
    const target = await openProgram(join(dir, 'target.sqlite'), { create: true });
    const nobody = { people: [], assignments: [], calls: [], inpatientWeeks: [], absences: [], moonlighting: [] };
    await writeProgramData(target, { ...data, ...nobody, rotationAssignments: [], callbacks: [] });
    try {
      const preview = await previewPeopleImport(target, workbook, year, 'test');
      expect(preview.problems).toEqual([]);
      expect(preview.rows.map((r) => r.at.split('!')[0])).toContain('People');
      await importPeople(target, workbook, year, 'test');
      const fields = (p: Person) => [
        p.name,
        p.kind,
        p.facultyRole,
        p.pgyByYear[String(year)] ?? null,
        p.email,
        p.active,
        p.startDate ?? null,
        p.endDate ?? null,
      ];
      const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);
      expect((await loadProgramData(target)).people.sort(byName).map(fields)).toEqual(listed.sort(byName).map(fields));
      expect(listed.filter((p) => p.startDate || p.endDate).map(fields)).toHaveLength(2);
    } finally {
      await target.close();
    }
  });

  it('previews a CSV without writing, then adds everyone with the PGY level of the year', async () => {
    const before = (await people()).length;
    const path = csv('class.csv', [
      'E-mail,Name,PGY,Role,Kind,Active',
      'ellis@example.mil,Ellis Evans,PGY-1,,,',
      ',Frankie Ford,2,,Resident,yes',
      ',Gale Green,,Program Director,,',
      ',Harper Hill,,,med student,no',
    ]);
    const preview = await previewPeopleImport(program, path, year, 'test');
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.at, r.name, r.kind, r.pgy, r.facultyRole, r.email, r.active])).toEqual([
      ['CSV!B2', 'Ellis Evans', 'resident', 1, null, 'ellis@example.mil', true],
      ['CSV!B3', 'Frankie Ford', 'resident', 2, null, null, true],
      ['CSV!B4', 'Gale Green', 'faculty', null, 'pd', null, true],
      ['CSV!B5', 'Harper Hill', 'student', null, null, null, false],
    ]);
    expect(await people()).toHaveLength(before);
    const { created } = await importPeople(program, path, year, 'test');
    expect(created.map((p) => [p.name, p.kind, p.pgy])).toEqual([
      ['Ellis Evans', 'resident', 1],
      ['Frankie Ford', 'resident', 2],
      ['Gale Green', 'faculty', null],
      ['Harper Hill', 'student', null],
    ]);
    const stored = await people();
    expect(stored).toHaveLength(before + 4);
    expect(stored.find((p) => p.name === 'Frankie Ford')?.pgyByYear).toEqual({ [String(year)]: 2 });
  });

  it('says every problem of an .xlsx by sheet and cell with a suggestion, and adds nobody', async () => {
    const before = await people();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Incoming');
    sheet.addRow(['Roster for next year']);
    sheet.addRow(['Name', 'Type', 'Level', 'Position', 'Email']);
    sheet.addRow(['Ivy Irwin', 'Residnt', 1, null, null]);
    sheet.addRow(['Jules James', 'Faculty', null, 'Core facluty', null]);
    sheet.addRow(['Kim King', 'Resident', null, null, null]);
    sheet.addRow(['Lee Lane', 'Resident', 'PGY-9', null, null]);
    sheet.addRow(['Mo Moss', 'Resident', 3, null, 'mo at example']);
    sheet.addRow(['avery adams', 'Resident', 2, null, null]);
    sheet.addRow(['Nat Nash', 'Resident', 2, null, null]);
    sheet.addRow(['NAT NASH', 'Resident', 2, null, null]);
    const path = join(dir, 'incoming.xlsx');
    await book.xlsx.writeFile(path);

    const preview = await previewPeopleImport(program, path, year, 'test');
    expect(preview.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual([
      'Incoming!B3: "Residnt" is not resident, faculty, student or intern; did you mean "Resident"?',
      'Incoming!D4: "Core facluty" is not a faculty role; did you mean "Core faculty"?',
      'Incoming!C5: Kim King is a resident: give the PGY level (1 to 8)',
      'Incoming!C6: "PGY-9" is not a PGY level; write 1 to 8 (or PGY-2)',
      'Incoming!E7: "mo at example" is not an e-mail address',
      'Incoming!A10: "NAT NASH" is already on this sheet at A9',
      // Found by the same check as adding a person by hand, mapped back to its row.
      'Incoming!A8: A person named "Avery Adams" already exists (id r1)',
    ]);
    await expect(importPeople(program, path, year, 'test')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Nothing was imported: 7 problems in incoming\.xlsx: Incoming!B3: /),
    });
    expect(await people()).toEqual(before);
  });

  it('refuses a file without a header row, of another type, or missing, in words', async () => {
    const noHeader = csv('no-header.csv', ['Ellis,1', 'Frankie,2']);
    expect((await previewPeopleImport(program, noHeader, year, 'test')).problems).toEqual([
      {
        sheet: 'CSV',
        cell: 'A1',
        message:
          'no header row naming the columns: give a row with Name, Kind (or PGY / Role) and, as needed, E-mail, Active',
      },
    ]);
    await expect(previewPeopleImport(program, join(dir, 'roster.pdf'), year, 'test')).rejects.toThrow(
      '"roster.pdf" is neither an Excel workbook (.xlsx) nor a CSV file (.csv)',
    );
    await expect(previewPeopleImport(program, join(dir, 'gone.csv'), year, 'test')).rejects.toThrow(
      'there is no such file',
    );
  });
});
