// Absences from a coordinator's spreadsheet (.csv and .xlsx): columns found by their header words
// in any order, people by name (case and spacing ignored) or id, types by code or name, AM/PM and
// approval in the usual words; the preview writes nothing; any problem (by sheet and cell, with a
// suggestion) and nothing is imported; otherwise every absence in one transaction, checked as an
// absence entered by hand.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAbsences, previewAbsenceImport } from '../../core/services/absence-import';
import { loadProgramData, openProgram, writeProgramData, type Program } from '../../core/services/program';
import { makeProgram } from '../unit/exports-fixture';

let dir = '';
let program: Program;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'absence-import-'));
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  await writeProgramData(program, makeProgram('2026-11-19', '2026-12-16'));
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

const absences = async () => (await loadProgramData(program)).absences;

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
}

describe('absence import', () => {
  it('previews a CSV without writing, then imports every row', async () => {
    const path = csv('leave.csv', [
      'Last day,First day,Name,Type,AM/PM,Approved,Notes',
      '2026-12-04,2026-12-01,  avery   ADAMS ,Vacation,,yes,Family trip',
      ',2026-12-08,Blake Brown,conference,PM,no,',
      '12/10/2026,12/10/2026,Dana Diaz MD,sick,AM,Approved,',
    ]);
    const preview = await previewAbsenceImport(program, path, 'test');
    expect(preview.problems).toEqual([
      {
        sheet: 'CSV',
        cell: 'C4',
        message: 'no person named "Dana Diaz MD" in this program; did you mean "Dana Diaz, MD"?',
      },
    ]);
    expect(await absences()).toEqual([]);
    const rows = [
      'Last day,First day,Name,Type,AM/PM,Approved,Notes',
      '2026-12-04,2026-12-01,  avery   ADAMS ,Vacation,,yes,Family trip',
      ',2026-12-08,Blake Brown,conference,PM,no,',
      '12/10/2026,12/10/2026,"Dana Diaz, MD",sick,AM,Approved,',
    ];
    writeFileSync(path, `\uFEFF${rows.join('\r\n')}\r\n`);
    const ok = await previewAbsenceImport(program, path, 'test');
    expect(ok.problems).toEqual([]);
    expect(ok.rows.map((r) => [r.personName, r.type, r.start, r.end, r.part ?? 'day', r.status, r.note])).toEqual([
      ['Avery Adams', 'vacation', '2026-12-01', '2026-12-04', 'day', 'approved', 'Family trip'],
      ['Blake Brown', 'conference', '2026-12-08', '2026-12-08', 'PM', 'requested', null],
      ['Dana Diaz, MD', 'sick', '2026-12-10', '2026-12-10', 'AM', 'approved', null],
    ]);
    expect(await absences()).toEqual([]);
    const { created } = await importAbsences(program, path, 'test');
    expect(created).toHaveLength(3);
    expect((await absences()).map((a) => a.personId).sort()).toEqual(['f1', 'r1', 'r2']);
  });

  it('says every problem of an .xlsx by sheet and cell, and imports nothing', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leave 2026');
    sheet.addRow(['Id', 'Type', 'Start', 'End', 'Half', 'Status']);
    sheet.addRow(['r3', 'Vacaton', new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T00:00:00Z'), null, 'yes']);
    sheet.addRow(['r9', 'Vacation', new Date('2026-12-01T00:00:00Z'), null, null, 'yes']);
    sheet.addRow(['r4', 'Vacation', 'next week', null, null, 'yes']);
    sheet.addRow([
      'r4',
      'Vacation',
      new Date('2026-12-05T00:00:00Z'),
      new Date('2026-12-03T00:00:00Z'),
      'evening',
      'maybe',
    ]);
    sheet.addRow(['r4', 'Vacation', new Date('2031-01-05T00:00:00Z'), null, null, 'yes']);
    sheet.addRow(['r4', 'TDY', new Date('2026-12-05T00:00:00Z'), new Date('2026-12-06T00:00:00Z'), 'PM', 'y']);
    const path = join(dir, 'leave.xlsx');
    await book.xlsx.writeFile(path);
    const before = (await absences()).length;
    const preview = await previewAbsenceImport(program, path, 'test');
    expect(preview.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual([
      'Leave 2026!B2: "Vacaton" is not an absence type of this program; did you mean "Vacation"?',
      'Leave 2026!A3: no person with id "r9" in this program',
      'Leave 2026!C4: "next week" is not a date; write it as YYYY-MM-DD (or a date cell)',
      'Leave 2026!D5: the last day 2026-12-03 is before the first day 2026-12-05',
      expect.stringMatching(/^Leave 2026!A6: 2031-01-05 – 2031-01-05 is outside the program's academic years/),
    ]);
    expect(preview.rows).toHaveLength(2);
    await expect(importAbsences(program, path, 'test')).rejects.toThrow(
      /^Nothing was imported: 5 problems in leave\.xlsx: Leave 2026!B2/,
    );
    expect((await absences()).length).toBe(before);
  });

  it('refuses files it cannot read, in words', async () => {
    await expect(previewAbsenceImport(program, join(dir, 'leave.txt'), 'test')).rejects.toThrow(
      /neither an Excel workbook \(\.xlsx\) nor a CSV file/,
    );
    const none = await previewAbsenceImport(program, csv('none.csv', ['Who,When', 'x,y']), 'test');
    expect(none.problems[0].message).toMatch(/^no header row naming the columns/);
  });
});
