// Assignments CSV: read back with an independent CSV reader (exceljs, as a spreadsheet would),
// and cells that a spreadsheet would evaluate as formulas are neutralised.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_CSV_HEADER, assignmentsCsv, csvCell, neutraliseFormula } from '../../core/exports/csv';
import { resolvePeople, scheduleFor } from '../../core/exports/schedule';
import { makeProgram } from './exports-fixture';

async function readCsv(text: string): Promise<string[][]> {
  const path = join(mkdtempSync(join(tmpdir(), 'csv-')), 'a.csv');
  writeFileSync(path, text);
  const sheet = await new ExcelJS.Workbook().csv.readFile(path, { map: (v: unknown) => v } as never);
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('formula neutralising', () => {
  it('prefixes cells a spreadsheet would evaluate, and only those', () => {
    for (const bad of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    for (const ok of ['Clinic', '2026-11-05', 'A-B', 'x=1', '']) expect(neutraliseFormula(ok)).toBe(ok);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Smith, J')).toBe('"Smith, J"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });
});

describe('assignments CSV', () => {
  it('round-trips person, date, part of day, activity and source', async () => {
    const data = makeProgram();
    const people = resolvePeople(data, { personIds: ['r1', 'f1'] }, '2026-11-09');
    const { csv, rows } = assignmentsCsv({
      data,
      schedule: scheduleFor(data),
      people,
      range: { start: '2026-11-09', end: '2026-11-10' },
    });
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('\r\n');
    const parsed = await readCsv(csv);
    expect(parsed[0]).toEqual(ASSIGNMENT_CSV_HEADER);
    expect(rows).toBe(8);
    expect(parsed).toHaveLength(9);
    expect(parsed[1]).toEqual([
      'Avery Adams',
      'r1',
      'PGY-1',
      '2026-11-09',
      'Mon',
      'AM',
      'C',
      'Clinic',
      'solver',
      'Published',
      '',
    ]);
    expect(parsed[5]).toEqual([
      'Dana Diaz, MD',
      'f1',
      'Faculty',
      '2026-11-09',
      'Mon',
      'AM',
      'AT',
      'Attending (precepting)',
      'solver',
      'Published',
      '',
    ]);
  });

  it('names the absence covering each half-day, a part-day one only on the half it covers', async () => {
    const data = makeProgram();
    data.absences = [
      {
        id: 'a1',
        personId: 'r1',
        type: 'medical',
        start: '2026-11-09',
        end: '2026-11-09',
        part: { start: '12:00', end: '17:00' },
        status: 'approved',
        note: null,
      },
      {
        id: 'a2',
        personId: 'r1',
        type: 'vacation',
        start: '2026-11-10',
        end: '2026-11-10',
        status: 'requested',
        note: null,
      },
    ];
    const people = resolvePeople(data, { personIds: ['r1'] }, '2026-11-09');
    const { csv } = assignmentsCsv({
      data,
      schedule: scheduleFor(data),
      people,
      range: { start: '2026-11-09', end: '2026-11-10' },
    });
    const parsed = await readCsv(csv);
    expect(parsed.slice(1).map((r) => [r[3], r[5], r[10]])).toEqual([
      ['2026-11-09', 'AM', ''],
      ['2026-11-09', 'PM', 'Medical leave 12:00–17:00'],
      ['2026-11-10', 'AM', 'Vacation (requested)'],
      ['2026-11-10', 'PM', 'Vacation (requested)'],
    ]);
  });

  it('neutralises hostile names and labels', async () => {
    const data = makeProgram();
    data.people = data.people.map((p) => (p.id === 'r1' ? { ...p, name: '=HYPERLINK("http://x","click")' } : p));
    data.activities = data.activities.map((a) => (a.code === 'C' ? { ...a, name: '@SUM(1+1)' } : a));
    const override = {
      label: '+evil',
      start: '2026-11-09',
      end: '2026-11-09',
      assignments: data.assignments.filter((a) => a.date === '2026-11-09'),
      calls: [],
    };
    const people = resolvePeople(data, { personIds: ['r1'] }, '2026-11-09');
    const { csv } = assignmentsCsv({
      data,
      schedule: scheduleFor(data, override),
      people,
      range: { start: '2026-11-09', end: '2026-11-09' },
    });
    const parsed = await readCsv(csv);
    expect(parsed[1][0]).toBe(`'=HYPERLINK("http://x","click")`);
    expect(parsed[1][7]).toBe(`'@SUM(1+1)`);
    expect(parsed[1][9]).toBe('DRAFT: +evil');
    for (const row of parsed) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
