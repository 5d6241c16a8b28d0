// Export use cases and CLI commands end to end: files in a folder, re-export with cancellations,
// all-or-nothing on bad input, and the export-ics / export-pdf / export-csv commands on a real
// program file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as runCsv } from '../../core/cli/commands/export-csv';
import { run as runIcs } from '../../core/cli/commands/export-ics';
import { run as runPdf } from '../../core/cli/commands/export-pdf';
import { run as runXlsx } from '../../core/cli/commands/export-xlsx';
import type { CliIo } from '../../core/cli/command';
import {
  exportCalendarsFromData,
  exportCsvFromData,
  exportPdfFromData,
  ExportInputError,
} from '../../core/services/exports';
import { openProgram, writeProgramData } from '../../core/services/program';
import { makeProgram } from '../unit/exports-fixture';

const NOW = new Date('2026-11-08T15:00:00Z');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'exports-'));
}

function events(path: string) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')) as unknown[]);
  return root.getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    status: String(v.getFirstPropertyValue('status')),
    summary: String(v.getFirstPropertyValue('summary')),
  }));
}

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('calendar files', () => {
  it('writes one file per person, named by person, and cancels what disappeared on re-export', async () => {
    const dir = tempDir();
    const data = makeProgram();
    const first = await exportCalendarsFromData(data, {
      outputDir: dir,
      people: { pgyLevels: [1] },
      start: '2026-11-09',
      end: '2026-11-22',
      now: NOW,
    });
    expect(readdirSync(dir).sort()).toEqual(['Avery Adams.ics', 'Devon Díaz-Núñez.ics']);
    expect(first.files.map((f) => f.personName)).toEqual(['Avery Adams', 'Devon Díaz-Núñez']);
    expect(first.files[0].events).toBeGreaterThan(5);

    // Avery's leave is withdrawn: the all-day leave event is cancelled, clinic days appear.
    const changed = makeProgram();
    changed.assignments = changed.assignments.map((a) =>
      a.personId === 'r1' && a.activityCode === 'LV' ? { ...a, activityCode: 'C' } : a,
    );
    const second = await exportCalendarsFromData(changed, {
      outputDir: dir,
      people: { personIds: ['r1'] },
      start: '2026-11-09',
      end: '2026-11-22',
      now: new Date(NOW.getTime() + 3_600_000),
    });
    expect(second.files[0]).toMatchObject({ cancelled: 1, added: 5 });
    const avery = events(join(dir, 'Avery Adams.ics'));
    expect(avery.find((e) => e.summary === 'Leave')).toMatchObject({ status: 'CANCELLED' });
    expect(avery.filter((e) => e.status === 'CONFIRMED' && e.uid.includes('.2026-11-16.'))).toHaveLength(1);
  });

  it('defaults to the rest of the academic year and leaves out chosen codes', async () => {
    const dir = tempDir();
    const result = await exportCalendarsFromData(makeProgram(), {
      outputDir: dir,
      people: { personIds: ['r1'] },
      omitActivityCodes: ['W'],
      now: NOW,
    });
    expect(result.range).toEqual({ start: '2026-11-08', end: '2027-06-30' });
    expect(events(join(dir, 'Avery Adams.ics')).some((e) => e.summary === 'Weekend')).toBe(false);
  });

  it('writes nothing when any person fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Devon Díaz-Núñez.ics'), 'garbage');
    const request = { outputDir: dir, people: { pgyLevels: [1] }, start: '2026-11-09', end: '2026-11-13', now: NOW };
    await expect(exportCalendarsFromData(makeProgram(), request)).rejects.toThrow(
      /Devon Díaz-Núñez\.ics cannot be read/,
    );
    expect(readdirSync(dir)).toEqual(['Devon Díaz-Núñez.ics']);
    await expect(
      exportCalendarsFromData(makeProgram(), { ...request, people: { personIds: ['r1', 'nobody'] } }),
    ).rejects.toThrow(ExportInputError);
    expect(readdirSync(dir)).toEqual(['Devon Díaz-Núñez.ics']);
  });
});

describe('printouts and CSV files', () => {
  it('prints a block by number, personal schedules into a folder, and the CSV', async () => {
    const dir = tempDir();
    const data = makeProgram('2026-10-22', '2026-11-18');
    const block = await exportPdfFromData(data, {
      kind: 'block',
      block: { academicYear: 2026, number: 5 },
      output: join(dir, 'block5.pdf'),
      now: NOW,
    });
    expect(block.range).toEqual({ start: '2026-10-22', end: '2026-11-18' });
    expect(readFileSync(join(dir, 'block5.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const people = await exportPdfFromData(data, {
      kind: 'person',
      people: { kinds: ['faculty'] },
      start: '2026-11-01',
      end: '2026-11-14',
      output: join(dir, 'people'),
      now: NOW,
    });
    expect(readdirSync(join(dir, 'people')).sort()).toEqual(['Dana Diaz, MD.pdf', 'Eli Evans, DO.pdf']);
    expect(people.files.every((f) => f.pages >= 1)).toBe(true);
    const one = await exportPdfFromData(data, {
      kind: 'person',
      people: { personIds: ['r2'] },
      start: '2026-11-01',
      end: '2026-11-14',
      output: join(dir, 'blake.pdf'),
      now: NOW,
    });
    expect(one.files.map((f) => f.path)).toEqual([join(dir, 'blake.pdf')]);
    const csv = await exportCsvFromData(data, {
      start: '2026-11-01',
      end: '2026-11-07',
      output: join(dir, 'a.csv'),
      now: NOW,
    });
    expect(csv.rows).toBeGreaterThan(50);
    await expect(exportPdfFromData(data, { kind: 'block', output: join(dir, 'x.txt'), now: NOW })).rejects.toThrow(
      /must be a \.pdf/,
    );
    expect(existsSync(join(dir, 'x.txt'))).toBe(false);
  });
});

describe('export commands', () => {
  let programPath = '';
  beforeAll(async () => {
    programPath = join(tempDir(), 'program.sqlite');
    const program = await openProgram(programPath, { create: true });
    await writeProgramData(program, makeProgram('2026-10-22', '2026-12-02'));
    await program.close();
  });

  it('export-ics writes calendars for a PGY class and reports them', async () => {
    const out = tempDir();
    const io = captureIo();
    const code = await runIcs(
      [
        '--program',
        programPath,
        '--pgy',
        '1',
        '--from',
        '2026-11-09',
        '--to',
        '2026-11-15',
        '--omit',
        'W',
        '--out',
        out,
      ],
      io,
    );
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['Avery Adams.ics', 'Devon Díaz-Núñez.ics']);
    expect(io.lines[0]).toMatch(/Exported 2 calendars, 2026-11-09 to 2026-11-15, published schedule/);
  });

  it('export-ics takes a person by name and a draft file, marking events DRAFT', async () => {
    const out = tempDir();
    const draftPath = join(tempDir(), 'draft.json');
    writeFileSync(
      draftPath,
      JSON.stringify({
        label: 'Trial',
        start: '2026-11-09',
        end: '2026-11-09',
        assignments: [
          { personId: 'r2', date: '2026-11-09', half: 'AM', activityCode: 'C', source: 'manual', locked: false },
        ],
        calls: [],
      }),
    );
    const io = captureIo();
    const code = await runIcs(
      [
        '-p',
        programPath,
        '--person',
        'blake brown',
        '--from',
        '2026-11-09',
        '--to',
        '2026-11-09',
        '--draft',
        draftPath,
        '-o',
        out,
      ],
      io,
    );
    expect(code).toBe(0);
    expect(events(join(out, 'Blake Brown.ics')).map((e) => e.summary)).toEqual(['DRAFT: Clinic']);
  });

  it('export-pdf prints a block and export-csv writes assignments', async () => {
    const out = tempDir();
    const io = captureIo();
    expect(
      await runPdf(
        ['-p', programPath, '--type', 'block', '--block', '5', '--year', '2026', '-o', join(out, 'b.pdf')],
        io,
      ),
    ).toBe(0);
    expect(io.lines.join('\n')).toMatch(/b\.pdf: 2 pages/);
    expect(
      await runPdf(
        [
          '-p',
          programPath,
          '--type',
          'call-roster',
          '--from',
          '2026-11-01',
          '--to',
          '2026-11-30',
          '--week-start',
          'monday',
          '-o',
          join(out, 'r.pdf'),
        ],
        io,
      ),
    ).toBe(0);
    expect(
      await runCsv(
        [
          '-p',
          programPath,
          '--kind',
          'faculty',
          '--from',
          '2026-11-02',
          '--to',
          '2026-11-06',
          '-o',
          join(out, 'f.csv'),
        ],
        io,
      ),
    ).toBe(0);
    expect(readFileSync(join(out, 'f.csv'), 'utf8').trim().split('\r\n')).toHaveLength(1 + 2 * 5 * 2);
  });

  it('export-xlsx writes a block sheet or a year with the plan and call roster; --from/--to is refused', async () => {
    const out = tempDir();
    const io = captureIo();
    expect(await runXlsx(['-p', programPath, '--block', '5', '--year', '2026', '-o', join(out, 'b5.xlsx')], io)).toBe(
      0,
    );
    expect(io.lines[0]).toMatch(
      /^Wrote 3 sheets \(Block 5, People, Legend\), 2026-10-22 to 2026-11-18, published schedule/,
    );
    expect(
      await runXlsx(['-p', programPath, '--year', '2026', '--plan', '--calls', '-o', join(out, 'y.xlsx')], io),
    ).toBe(0);
    expect(io.lines[1]).toMatch(/Wrote 18 sheets \(Block 0, .*Block 13, People, Annual plan, Call roster, Legend\)/);
    const refused = captureIo();
    expect(await runXlsx(['-p', programPath, '--from', '2026-11-01', '-o', join(out, 'r.xlsx')], refused)).toBe(2);
    expect(refused.errors[0]).toMatch(/a block \(--block\) or a year \(--year\)/);
    expect(await runXlsx(['-p', programPath, '--year', '2030', '-o', join(out, 'r.xlsx')], refused)).toBe(1);
    expect(refused.errors[1]).toMatch(/no academic year AY 2030–31.*nothing was written/);
    expect(readdirSync(out).sort()).toEqual(['b5.xlsx', 'y.xlsx']);
  });

  it('reports usage mistakes with exit code 2 and refused exports with 1, writing nothing', async () => {
    const out = tempDir();
    const cases: [string[], number, RegExp][] = [
      [['--out', out], 2, /--program FILE is required/],
      [['-p', programPath, '--bogus'], 2, /Unknown option '--bogus'/],
      [['-p', programPath, '--person', 'Nobody Here', '-o', out], 2, /No person with id or name "Nobody Here"/],
      [['-p', programPath, '--pgy', 'two', '-o', out], 2, /--pgy expects a whole number/],
      [['-p', programPath, '--everyone', '--pgy', '1', '-o', out], 2, /--everyone cannot be combined/],
      [
        ['-p', programPath, '--from', '2026-12-01', '--to', '2026-11-01', '-o', out],
        1,
        /before its start.*nothing was written/,
      ],
      [['-p', programPath, '--pgy', '7', '-o', out], 1, /No active person matches PGY 7/],
    ];
    for (const [argv, expected, message] of cases) {
      const io = captureIo();
      expect(await runIcs(argv, io)).toBe(expected);
      expect(io.errors.join('\n')).toMatch(message);
    }
    const io = captureIo();
    expect(await runPdf(['-p', programPath, '--type', 'poster', '-o', join(out, 'x.pdf')], io)).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });
});
