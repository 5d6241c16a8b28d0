// The command line's people and absence imports, run as a coordinator runs them (`main` with the
// arguments typed after `npm run cli --`): --preview prints every row by its place and writes
// nothing; the import adds every row or, on any problem (each said by Sheet!Cell or CSV line), none
// and exits 1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { loadProgramData, openProgram, writeProgramData } from '../../core/services/program';
import { makeProgram } from '../unit/exports-fixture';

let dir = '';
let db = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-rows-cli-'));
  db = join(dir, 'program.sqlite');
  const program = await openProgram(db, { create: true });
  await writeProgramData(program, makeProgram('2026-11-19', '2026-12-16'));
  await program.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function stored() {
  const program = await openProgram(db, { readOnly: true });
  try {
    return await loadProgramData(program);
  } finally {
    await program.close();
  }
}

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
}

describe('import-people', () => {
  it('is listed in the help, with its own usage', async () => {
    const help = await cli('--help');
    expect(help.out.join('\n')).toMatch(/ {2}import-people +Add the people of a spreadsheet/);
    expect(help.out.join('\n')).toMatch(/ {2}import-absences +Add the absences of a spreadsheet/);
    const usage = await cli('import-people', '--help');
    expect(usage.code).toBe(0);
    expect(usage.out.join('\n')).toContain('--year Y');
    const wrong = await cli('import-people', 'people.csv');
    expect(wrong.code).toBe(2);
    expect(wrong.err[0]).toBe('error: --program FILE is required');
  });

  it('previews a CSV by line and writes nothing, then adds everyone', async () => {
    const file = csv('class.csv', [
      'Name,PGY,Role,E-mail',
      'Ellis Evans,PGY-1,,ellis@example.mil',
      'Gale Green,,Core faculty,',
    ]);
    const before = (await stored()).people.length;
    const preview = await cli('import-people', '-p', db, file, '--preview', '--year', '2026');
    expect(preview).toEqual({
      code: 0,
      out: [
        'class.csv: 2 people (PGY levels for AY 2026–27)',
        '  line 2 (column A): Ellis Evans, resident PGY-1, ellis@example.mil',
        '  line 3 (column A): Gale Green, faculty, role core',
        'Preview only: nothing was written.',
      ],
      err: [],
    });
    expect((await stored()).people).toHaveLength(before);

    const run = await cli('import-people', '-p', db, file);
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toBe('Added 2 people to program.sqlite.');
    const people = (await stored()).people;
    expect(people).toHaveLength(before + 2);
    expect(people.find((p) => p.name === 'Ellis Evans')?.pgyByYear).toEqual({ '2026': 1 });
  });

  it('lists every problem of a workbook by Sheet!Cell, adds nobody and exits 1', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Incoming');
    sheet.addRow(['Name', 'Kind', 'PGY']);
    sheet.addRow(['Ivy Irwin', 'Residnt', 1]);
    sheet.addRow(['Ellis Evans', 'Resident', 2]);
    sheet.addRow(['Jo Jones', 'Resident', 2]);
    const file = join(dir, 'incoming.xlsx');
    await book.xlsx.writeFile(file);
    const before = (await stored()).people;

    const run = await cli('import-people', '-p', db, file);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      expect.stringMatching(/^warning: .* has no accounts yet/),
      'Incoming!B2: "Residnt" is not resident, faculty, student or intern; did you mean "Resident"?',
      expect.stringMatching(/^Incoming!A3: A person named "Ellis Evans" already exists/),
      'error: 2 problems in incoming.xlsx; nothing was imported',
    ]);
    expect((await stored()).people).toEqual(before);

    const missing = await cli('import-people', '-p', db, join(dir, 'gone.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err.at(-1)).toBe(`error: Cannot read ${join(dir, 'gone.csv')}: there is no such file`);
  });
});

describe('import-absences', () => {
  it('previews the absences of a CSV, then adds them; a wrong name is said by line and nothing is added', async () => {
    const bad = csv('leave-bad.csv', ['Name,Type,First day,Last day', 'Avery Adms,Vacation,2026-12-01,2026-12-04']);
    const refused = await cli('import-absences', '-p', db, bad, '--preview');
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([
      'line 2 (column A): no person named "Avery Adms" in this program; did you mean "Avery Adams"?',
      'error: 1 problem in leave-bad.csv; nothing was imported',
    ]);

    const file = csv('leave.csv', [
      'Name,Type,First day,Last day,AM/PM,Approved',
      'Avery Adams,Vacation,2026-12-01,2026-12-04,,yes',
      'Blake Brown,conference,2026-12-08,,PM,no',
    ]);
    const preview = await cli('import-absences', '-p', db, file, '--preview');
    expect(preview.code).toBe(0);
    expect(preview.out).toEqual([
      'leave.csv: 2 absences',
      '  line 2 (column A): Avery Adams, vacation 2026-12-01 to 2026-12-04, approved',
      '  line 3 (column A): Blake Brown, conference 2026-12-08 PM, requested',
      'Preview only: nothing was written.',
    ]);
    expect((await stored()).absences).toEqual([]);

    const run = await cli('import-absences', '-p', db, file);
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toBe('Added 2 absences to program.sqlite.');
    expect((await stored()).absences.map((a) => [a.personId, a.type, a.start, a.end])).toEqual([
      ['r1', 'vacation', '2026-12-01', '2026-12-04'],
      ['r2', 'conference', '2026-12-08', '2026-12-08'],
    ]);
  });
});
