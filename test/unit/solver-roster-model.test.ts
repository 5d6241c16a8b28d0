// The roster engine's model built row by row in scratch arrays (core/solver/roster/row-terms.ts): the rows it
// makes, and the whole model, which must stay the one the Map-per-row builder made before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksForYear } from '../../core/domain/calendar';
import { curtoisToRoster, parseCurtois } from '../../core/solver/curtois';
import { generateCurtoisInstance } from '../../core/solver/curtois/synthetic';
import { resolveBlock } from '../../core/solver/models/halfday-cells';
import { buildRosterModel, compileRoster, type RosterModel, type RosterProblem } from '../../core/solver/roster';
import { RowTerms } from '../../core/solver/roster/row-terms';
import { buildShiftRosters } from '../../core/solver/shifts';
import { YEAR } from './generate-fixture';
import { programWithEd } from './shift-fixture';

describe('RowTerms', () => {
  it('adds up a column met twice in its first place, and leaves zeros out unless asked to keep them', () => {
    const terms = new RowTerms();
    terms.add(7, 1);
    terms.add(3, 2);
    terms.add(7, -1);
    terms.add(5, 4);
    terms.add(3, 0.5);
    expect(terms.size).toBe(3);
    expect(terms.toRow('r', 0, 0, true)).toEqual({
      name: 'r',
      lower: 0,
      upper: 0,
      indices: [7, 3, 5],
      values: [0, 2.5, 4],
    });
    expect(terms.toRow('r', -Infinity, 1)).toEqual({
      name: 'r',
      lower: -Infinity,
      upper: 1,
      indices: [3, 5],
      values: [2.5, 4],
    });
    terms.clear();
    expect(terms.size).toBe(0);
    expect(terms.toRow('empty', 1, 2, true)).toEqual({ name: 'empty', lower: 1, upper: 2, indices: [], values: [] });
  });

  it('starts each row afresh, past its first capacity of terms and of columns', () => {
    const terms = new RowTerms();
    const rng = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const next = rng(3);
    for (let r = 0; r < 50; r++) {
      // The same columns again in later rows: a column of an earlier row must not count as in this one.
      const columns = Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 5000));
      const expected = new Map<number, number>();
      terms.clear();
      for (const [i, j] of columns.entries()) {
        terms.add(j, i + 1);
        expected.set(j, (expected.get(j) ?? 0) + i + 1);
      }
      const row = terms.toRow(`r${r}`, 0, 1);
      expect(row.indices).toEqual([...expected.keys()]);
      expect(row.values).toEqual([...expected.values()]);
    }
  });
});

const published = (n: number) =>
  curtoisToRoster(
    parseCurtois(readFileSync(resolve(__dirname, `../fixtures/curtois/Instance${n}.txt`), 'utf8'), `Instance${n}.txt`),
  );

/**
 * Three staff over 15 days with a night whose morning the day shift leaves short of a free day, duty outside
 * the roster starting early, day windows with the nights before their ends, a fixed day and a fixed day off,
 * weekends, runs of work and of days off; B and C alike (a symmetry row).
 */
function nightsProblem(): RosterProblem {
  const staff = (id: string) => ({
    id,
    maxShifts: { D: 8 },
    minMinutes: 2400,
    maxMinutes: 6000,
    maxConsecutive: 4,
    minConsecutive: 2,
    minConsecutiveOff: 2,
    maxWeekends: 1,
    windows: [
      { from: 0, to: 6, maxDays: 5, maxMinutes: 3600, nightBeforeEnd: 'end' as const },
      { from: 7, to: 14, maxDays: 5, nightBeforeEnd: 'pastEnd' as const },
    ],
  });
  return {
    days: 15,
    shifts: [
      { id: 'D', minutes: 720, forbiddenNext: [] },
      { id: 'E', minutes: 480, forbiddenNext: [] },
      { id: 'N', minutes: 720, minutesNextDay: 540, forbiddenNext: ['D', 'E'], busyMorningBefore: ['D'] },
    ],
    staff: [
      {
        ...staff('A'),
        daysOff: [3],
        busyBefore: [
          { day: 9, after: ['N'] },
          { day: 15, after: ['N'] },
        ],
      },
      staff('B'),
      staff('C'),
    ],
    weekends: [
      [5, 6],
      [12, 13],
    ],
    onRequests: [{ staff: 'A', day: 1, shift: 'N', weight: 3 }],
    offRequests: [{ staff: 'A', day: 2, shift: 'D', weight: 2 }],
    cover: Array.from({ length: 15 }, (_, day) => [
      { day, shift: 'D', requirement: 1, underWeight: 100, overWeight: 1 },
      { day, shift: 'N', requirement: 1, underWeight: 100, overWeight: 1 },
    ]).flat(),
    fixed: [
      { staff: 'A', day: 0, shift: 'N' },
      { staff: 'A', day: 8, shift: null },
    ],
  };
}

/** The ED of the shift fixture in block 5, across the end of daylight saving time, with a locked night. */
function edAcrossDst(): RosterProblem {
  const data = programWithEd(5);
  const block = blocksForYear(YEAR, data.settings.blockLayout).find((b) => b.number === 5)!;
  expect(block.start <= '2026-11-01' && '2026-11-01' <= block.end).toBe(true);
  for (const half of ['AM', 'PM'] as const)
    data.assignments.push({
      personId: 'PGY2-02',
      date: '2026-10-31',
      half,
      activityCode: 'EDN',
      source: 'manual',
      locked: true,
    });
  const [plan] = buildShiftRosters(resolveBlock(data, { academicYear: YEAR, blockNumber: 5 }));
  return plan.problem;
}

/** A digest of everything in the model: columns, rows and the maps from the roster's cells to columns. */
function fingerprint(rm: RosterModel) {
  const hash = createHash('sha256');
  const { model } = rm;
  hash.update(`${model.sense} ${model.offset}\n`);
  model.columns.forEach((col, j) =>
    hash.update(`${col.name} ${col.lower} ${col.upper} ${col.cost} ${col.integer} ${rm.colStaff[j]} ${rm.colDay[j]}\n`),
  );
  for (const row of model.rows)
    hash.update(`${row.name} ${row.lower} ${row.upper} ${row.indices.join(',')} ${row.values.join(',')}\n`);
  for (const cols of [rm.xCol, rm.weekendCol, rm.afterNightCol, rm.morningCol, rm.earlyCol, rm.underCol, rm.overCol])
    hash.update(`${cols.join(',')}\n`);
  return {
    columns: model.columns.length,
    rows: model.rows.length,
    nonzeros: model.rows.reduce((n, r) => n + r.indices.length, 0),
    sha256: hash.digest('hex').slice(0, 16),
  };
}

const shapes: [string, () => RosterProblem][] = [
  ['Instance1', () => published(1)],
  ['Instance2', () => published(2)],
  ['Instance3', () => published(3)],
  ['28x30x4', () => curtoisToRoster(generateCurtoisInstance({ days: 28, staff: 30, shifts: 4, seed: 1 }))],
  ['56x20x6', () => curtoisToRoster(generateCurtoisInstance({ days: 56, staff: 20, shifts: 6, seed: 2 }))],
  ['nights', nightsProblem],
  ['ED across DST', edAcrossDst],
];

/**
 * Digests of the model the Map-per-row builder made (main at 93fbcc5, before the scratch arrays), the same as the
 * scratch-array builder's on these shapes and on 112x120x18, 182x32x4, 364x50x10 and 364x150x32 (compared in full at
 * the change). A deliberate change of the formulation changes them: check the new rows, then take the new digests.
 */
const BEFORE = {
  Instance1: { columns: 148, rows: 290, nonzeros: 1084, sha256: 'df8a0b522e243ccf' },
  Instance2: { columns: 396, rows: 715, nonzeros: 3748, sha256: 'c5fa1fe1e40ede36' },
  Instance3: { columns: 722, rows: 1380, nonzeros: 8516, sha256: 'f5001fd1dd98b5e6' },
  '28x30x4': { columns: 3152, rows: 5274, nonzeros: 46386, sha256: '95b0bb2049bad585' },
  '56x20x6': { columns: 4835, rows: 8552, nonzeros: 72550, sha256: 'c6823e4da2714c11' },
  nights: { columns: 325, rows: 659, nonzeros: 3652, sha256: '3aa95885f5ea3342' },
  // Retaken when the roster counted the days around the clock change in real hours (each shift there a type of its
  // own: the night the clocks go back 13 h, with its successions; the 80-hour windows without their hour of margin).
  'ED across DST': { columns: 380, rows: 747, nonzeros: 5521, sha256: '1fde51608dfdcbf6' },
};

describe('the roster model built in scratch arrays', () => {
  it('has shapes that make every kind of row and column', () => {
    const kinds = (problem: RosterProblem) => {
      const { model } = buildRosterModel(compileRoster(problem));
      const kind = (name: string) => name.replace(/_.*/, '');
      return new Set([...model.columns.map((c) => kind(c.name)), ...model.rows.map((r) => kind(r.name))]);
    };
    expect([...kinds(nightsProblem())].sort()).toEqual(
      [
        ...['x', 'early', 'morning', 'afterNight', 'weekend', 'under', 'over'],
        ...['day', 'seq', 'maxShifts', 'minutes', 'maxRun', 'minRun', 'minOff', 'windowMinutes', 'windowDays'],
        ...['earlyStart', 'earlyGoesOn', 'earlyAtMost', 'earlyNotLate', 'morningNight', 'morningEarly', 'morningFree'],
        ...['afterNightGoesOn', 'weekendDay', 'weekendAny', 'maxWeekends', 'symmetry', 'cover'],
      ].sort(),
    );
    const ed = edAcrossDst();
    // The night the clocks go back is a shift type of its own: 13 real hours (core/solver/shifts/problem.ts).
    expect(ed.fixed).toContainEqual({ staff: 'PGY2-02', day: 9, shift: 'EDN@2026-10-31' });
    expect(ed.shifts.find((sh) => sh.id === 'EDN@2026-10-31')?.minutes).toBe(13 * 60);
    expect(kinds(ed)).toContain('afterNight');
  });

  it('is the model the Map-per-row builder made, column for column and row for row', () => {
    const got = Object.fromEntries(
      shapes.map(([name, problem]) => [name, fingerprint(buildRosterModel(compileRoster(problem())))]),
    );
    expect(got).toEqual(BEFORE);
  });
});
