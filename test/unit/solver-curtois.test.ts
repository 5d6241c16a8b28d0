import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CurtoisParseError,
  curtoisToRoster,
  evaluateCurtois,
  formatCurtois,
  mondayWeekends,
  parseCurtois,
  rosterToCurtois,
  type CurtoisInstance,
  type CurtoisRoster,
} from '../../core/solver/curtois';
import { generateCurtoisInstance, generateSyntheticCurtois } from '../../core/solver/curtois/synthetic';
import { solveRoster } from '../../core/solver/roster';

const dataDir = resolve(__dirname, '../fixtures/curtois');
const instance1 = () => parseCurtois(readFileSync(resolve(dataDir, 'Instance1.txt'), 'utf8'), 'Instance1.txt');

/** A two-week instance small enough to reason about by hand. */
const SMALL = `# small
SECTION_HORIZON
14

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=14|L=2,4320,1440,5,2,2,1
B,E=14|L=14,4320,960,5,2,2,1

SECTION_DAYS_OFF
A,3

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
B,1,L,3

SECTION_COVER
0,E,1,100,1
0,L,1,100,1
1,E,1,100,1
`;

const off = (days = 14): (string | null)[] => Array.from({ length: days }, () => null);
function line(spec: string): (string | null)[] {
  // "EE.L" → ['E', 'E', null, 'L'], padded with off days to 14.
  const out = [...spec].map((ch) => (ch === '.' ? null : ch));
  return [...out, ...off(14 - out.length)];
}

describe('parseCurtois', () => {
  it('reads Instance1 completely', () => {
    const inst = instance1();
    expect(inst.name).toBe('Instance1');
    expect(inst.horizonDays).toBe(14);
    expect(inst.shifts).toEqual([{ id: 'D', minutes: 480, cannotFollow: [] }]);
    expect(inst.staff).toHaveLength(8);
    expect(inst.staff[0]).toEqual({
      id: 'A',
      maxShifts: { D: 14 },
      maxTotalMinutes: 4320,
      minTotalMinutes: 3360,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
      daysOff: [0],
    });
    expect(inst.onRequests).toHaveLength(21);
    expect(inst.offRequests).toHaveLength(5);
    expect(inst.cover).toHaveLength(14);
    expect(inst.cover[1]).toEqual({ day: 1, shift: 'D', requirement: 7, underWeight: 100, overWeight: 1 });
  });

  it('reads successions and per-shift limits', () => {
    const inst = parseCurtois(SMALL, 'small.txt');
    expect(inst.shifts[1]).toEqual({ id: 'L', minutes: 480, cannotFollow: ['E'] });
    expect(inst.staff[0].maxShifts).toEqual({ E: 14, L: 2 });
    expect(inst.staff[0].daysOff).toEqual([3]);
    expect(inst.staff[1].daysOff).toEqual([]);
  });

  it.each([
    [SMALL.replace('SECTION_COVER', 'SECTION_COVERS'), /small\.txt line 22: unknown section "SECTION_COVERS"/],
    [SMALL.replace('E,480,', 'E,48x,'), /line 6: length of shift E must be a whole number, got "48x"/],
    [SMALL.replace('A,3', 'Z,3'), /line 14: unknown employee "Z"/],
    [SMALL.replace('A,3', 'A,14'), /line 14: day 14 is outside the horizon 0\.\.13/],
    [SMALL.replace('A,0,E,2', 'A,0,X,2'), /line 17: request refers to unknown shift "X"/],
    [SMALL.replace('L,480,E', 'L,480,Q'), /line 7: shift L's successions refers to unknown shift "Q"/],
    [
      SMALL.replace('A,E=14|L=2,4320,1440,5,2,2,1', 'A,E=14|L=2,4320,1440,5,2,2'),
      /line 10: an employee needs 8 comma-separated fields, got 7/,
    ],
    [
      SMALL.replace('A,E=14|L=2,4320,1440', 'A,E=14|L=2,1000,1440'),
      /line 10: MinTotalMinutes 1440 is above MaxTotalMinutes 1000/,
    ],
    [SMALL.replace('1,E,1,100,1', '0,E,2,100,1'), /line 25: cover for day 0 shift E is given twice/],
    ['14\n', /line 1: data before the first SECTION_ header/],
    [SMALL.replace('SECTION_HORIZON\n14\n', ''), /SECTION_HORIZON is missing/],
  ])('reports bad input with its line (%#)', (text, message) => {
    expect(() => parseCurtois(text, 'small.txt')).toThrow(CurtoisParseError);
    expect(() => parseCurtois(text, 'small.txt')).toThrow(message);
  });

  it('reads a file as written on Windows: byte-order mark, CRLF line ends, tabs, comments in every section', () => {
    const text = [
      '\uFEFF# Written on Windows',
      'SECTION_HORIZON',
      '# days',
      '\t14\t',
      'SECTION_SHIFTS',
      '# ShiftID, Length in mins, Shifts which cannot follow this shift | separated',
      'E, 480,',
      'L,480, E ',
      '',
      'SECTION_STAFF',
      '# ID, MaxShifts, ...',
      'A,E=14|L=2,4320,1440,5,2,2,1',
      'B,E=14|L=14,4320,960,5,2,2,1',
      'SECTION_DAYS_OFF',
      '# EmployeeID, DayIndexes',
      'A,3',
      'SECTION_SHIFT_ON_REQUESTS',
      '# comment',
      'A,0,E,2',
      'SECTION_SHIFT_OFF_REQUESTS',
      'B,1,L,3',
      'SECTION_COVER',
      '# Day, ShiftID, Requirement, Weight for under, Weight for over',
      '0,E,1,100,1',
      '0,L,1,100,1',
      '1,E,1,100,1',
    ];
    const unix = parseCurtois(SMALL, 'small');
    expect(parseCurtois(text.join('\r\n'), 'small')).toEqual(unix);
    // Old Mac line ends too; a missing final line end changes nothing.
    expect(parseCurtois(text.join('\r'), 'small')).toEqual(unix);
    // Line numbers count CRLF lines: the bad cover is on line 26.
    const bad = [...text.slice(0, -1), '1,E,1,x,1'].join('\r\n');
    expect(() => parseCurtois(bad, 'small.txt')).toThrow(/small\.txt line 26: weight for under must be a whole number/);
  });

  it(
    'reads the sections a published file may leave empty or out, several shift types a day and zero ' + 'weights',
    async () => {
      const inst = parseCurtois(
        `SECTION_HORIZON
7
SECTION_SHIFTS
E,480
D,480,E|
N,600,E|D
SECTION_STAFF
A,,2880,0,5,1,1,1
B,E=7|D=0|,2880,960,5,1,1,1,
C,N=2,1800,0,3,1,1,0
SECTION_DAYS_OFF
B,
SECTION_SHIFT_ON_REQUESTS
SECTION_SHIFT_OFF_REQUESTS
A,2,N,0
SECTION_COVER
0,E,1,100,1
0,D,1,100,1
0,N,1,0,0
1,E,0,100,1
`,
        'sparse.txt',
      );
      // A shift without successions (no trailing comma) or with a trailing '|'; staff with no limit
      // per shift, with a trailing comma, or with no days-off line at all.
      expect(inst.shifts).toEqual([
        { id: 'E', minutes: 480, cannotFollow: [] },
        { id: 'D', minutes: 480, cannotFollow: ['E'] },
        { id: 'N', minutes: 600, cannotFollow: ['E', 'D'] },
      ]);
      expect(inst.staff.map((s) => [s.id, s.maxShifts, s.daysOff])).toEqual([
        ['A', {}, []],
        ['B', { E: 7, D: 0 }, []],
        ['C', { N: 2 }, []],
      ]);
      expect(inst.onRequests).toEqual([]);
      expect(inst.offRequests).toEqual([{ staff: 'A', day: 2, shift: 'N', weight: 0 }]);
      expect(inst.cover.filter((c) => c.day === 0).map((c) => c.shift)).toEqual(['E', 'D', 'N']);
      // The engine takes it as it is: the zero weights cost nothing, the roster keeps every rule.
      const roster = curtoisToRoster(inst);
      expect(roster.staff[0].maxShifts).toEqual({});
      const roster7: CurtoisRoster = { A: off(7), B: off(7), C: off(7) };
      roster7.A[2] = 'N';
      roster7.A[0] = 'D';
      roster7.B[0] = 'E';
      roster7.B[2] = 'E';
      roster7.C[0] = 'N';
      const ev = evaluateCurtois(inst, roster7);
      expect(ev.violations).toEqual([]);
      // Cover: day 0 E, D, N met, day 1 E needs 0 (day 2 has none). The off request of weight 0 costs nothing.
      expect(ev.objective).toBe(0);
      const solved = await solveRoster(roster, { timeLimitSec: 20 });
      expect(solved.status).toBe('optimal');
      const check = evaluateCurtois(inst, rosterToCurtois(inst, solved.roster!));
      expect(check.violations).toEqual([]);
      expect(check.objective).toBe(0);
      expect(solved.objective).toBe(0);
    },
  );

  it('round-trips through formatCurtois', () => {
    for (const inst of [
      instance1(),
      parseCurtois(SMALL, 'small'),
      generateCurtoisInstance({ days: 28, staff: 12, shifts: 3, seed: 5 }),
    ]) {
      const again = parseCurtois(formatCurtois(inst), inst.name);
      expect(again).toEqual(inst);
    }
  });
});

describe('generated instances', () => {
  it.each([
    [28, 10, 2],
    [28, 36, 4],
    [56, 60, 10],
    [182, 100, 16],
    [364, 150, 32],
  ])('%i days × %i staff × %i shift types: the witness roster keeps every hard rule', (days, staff, shifts) => {
    for (const seed of days > 56 ? [1] : [1, 2, 3]) {
      const { instance, witness, witnessObjective } = generateSyntheticCurtois({ days, staff, shifts, seed });
      expect(instance.horizonDays).toBe(days);
      expect(instance.staff).toHaveLength(staff);
      expect(instance.shifts).toHaveLength(shifts);
      expect(instance.cover).toHaveLength(days * shifts);
      // Read back as the bench reads it, and judged by the evaluator alone.
      const again = parseCurtois(formatCurtois(instance), instance.name);
      expect(again).toEqual(instance);
      const ev = evaluateCurtois(again, witness);
      expect(ev.violations).toEqual([]);
      expect(ev.objective).toBe(witnessObjective);
      // Real structure: forbidden successions once there are late shifts, limits that bind.
      if (shifts >= 3) expect(instance.shifts.some((s) => s.cannotFollow.length > 0)).toBe(true);
      expect(instance.staff.some((s) => s.daysOff.length > 0)).toBe(true);
      expect(instance.onRequests.length + instance.offRequests.length).toBeGreaterThan(staff);
    }
  });

  it(
    'is shaped like Instances 1-3: cover near the staff capacity, weekends asked like weekdays, forward ' + 'rotation',
    () => {
      for (const [staff, shifts] of [
        [10, 2],
        [20, 3],
        [36, 4],
      ])
        for (const seed of [1, 2, 3]) {
          const { instance } = generateSyntheticCurtois({ days: 28, staff, shifts, seed });
          const asked = instance.cover.reduce((n, c) => n + c.requirement, 0);
          const capacity = instance.staff.reduce((n, p) => n + p.maxTotalMinutes / 480, 0);
          expect(asked / capacity).toBeGreaterThan(0.88);
          expect(asked / capacity).toBeLessThan(1.08);
          const weekend = instance.cover.filter((c) => c.day % 7 >= 5).reduce((n, c) => n + c.requirement, 0);
          expect(weekend / (asked - weekend)).toBeGreaterThan((2 / 5) * 0.7);
          // One weekend a fortnight: weekends cannot all be covered.
          for (const p of instance.staff) expect(p.maxWeekends).toBe(2);
          const next = new Map(instance.shifts.map((s) => [s.id, s.cannotFollow]));
          expect(next.get('D')).toContain('E');
          if (shifts >= 3) expect(next.get('L')).toEqual(['E', 'D']);
        }
    },
  );

  it('is reproducible from its seed and differs between seeds', () => {
    const a = generateCurtoisInstance({ days: 28, staff: 18, shifts: 3, seed: 4 });
    expect(generateCurtoisInstance({ days: 28, staff: 18, shifts: 3, seed: 4 })).toEqual(a);
    expect(generateCurtoisInstance({ days: 28, staff: 18, shifts: 3, seed: 5 })).not.toEqual(a);
  });

  it('says what is wrong with a size it cannot generate', () => {
    expect(() => generateCurtoisInstance({ days: 30, staff: 10, shifts: 2, seed: 1 })).toThrow(
      /days must be a positive multiple of 7, got 30/,
    );
    expect(() => generateCurtoisInstance({ days: 28, staff: 10, shifts: 0, seed: 1 })).toThrow(
      /shift types must be 1\.\.52, got 0/,
    );
    expect(() => generateCurtoisInstance({ days: 28, staff: 0, shifts: 2, seed: 1 })).toThrow(
      /staff must be at least 1/,
    );
  });
});

describe('evaluateCurtois', () => {
  const inst = parseCurtois(SMALL, 'small');
  const evaluate = (a: (string | null)[], b: (string | null)[]) => evaluateCurtois(inst, { A: a, B: b });
  // A feasible baseline: A works E on days 0–2 (1440 minutes, a run touching day 0; day 3 is
  // A's day off), B works L on days 0–1 (960 minutes).
  const a = line('EEE');
  const b = line('LL');

  it('scores a feasible roster term by term', () => {
    const ev = evaluate(a, b);
    expect(ev.violations).toEqual([]);
    expect(ev.feasible).toBe(true);
    // On-request A day 0 E: met. Off-request B day 1 L: violated (3). Cover day 0 E: 1/1, L: 1/1;
    // day 1 E: A works E → 1/1.
    expect(ev.penalties).toEqual({ onRequests: 0, offRequests: 3, underCover: 0, overCover: 0 });
    expect(ev.objective).toBe(3);
  });

  it('charges unmet on-requests and cover shortfall and excess', () => {
    const ev = evaluate(line('.EE'), line('LL'));
    // A misses the on-request (2); day 0 E uncovered (100); day 1 E covered by A.
    expect(ev.penalties).toEqual({ onRequests: 2, offRequests: 3, underCover: 100, overCover: 0 });
    const over = evaluate(line('EEE'), line('EE'));
    // Day 0: E has 2 (over 1), L has 0 (under 100); day 1: E has 2 (over 1).
    expect(over.penalties.overCover).toBe(2);
    expect(over.penalties.underCover).toBe(100);
  });

  const rules = (a2: (string | null)[], b2: (string | null)[]) => evaluate(a2, b2).violations.map((v) => v.rule);

  it('detects each hard rule', () => {
    expect(rules(line('EEEE'), b)).toContain('day_off');
    expect(rules(a, line('LLLLLL'))).toContain('max_consecutive_shifts');
    expect(rules(a, line('....L.LL'))).toContain('min_consecutive_shifts');
    expect(rules(a, line('LL.LL'))).toContain('min_consecutive_days_off');
    expect(rules(a, line('LE'))).toContain('forbidden_succession');
    expect(rules(a, line('L'))).toContain('min_total_minutes');
    expect(rules(line('EEE..LLL'), b)).toContain('max_shifts');
    // Days 5 and 12 are Saturdays: two weekends worked, at most one allowed.
    expect(rules(a, line('.....LL.....LL'))).toContain('max_weekends');
    expect(rules(a, line('L'.repeat(5) + '..' + 'L'.repeat(5) + '..'))).toContain('max_total_minutes');
    expect(rules(a, line('LX'))).toContain('unknown_shift');
  });

  it('exempts runs touching the horizon edges from the minimum run rules', () => {
    // B works day 0 and day 13 only: both one-day runs touch an edge.
    expect(rules(a, ['L', ...off(12), 'L'])).toEqual([]);
    // An off run of 1 at the start (day 0 off, works from day 1) is fine.
    expect(rules(a, line('.LL'))).toEqual([]);
  });

  it('reports a roster of the wrong shape', () => {
    const ev = evaluateCurtois(inst, { A: a } as CurtoisRoster);
    expect(ev.violations.map((v) => v.message)).toContain('employee B is missing from the roster');
    const short = evaluateCurtois(inst, { A: a.slice(0, 10), B: b, C: b });
    expect(short.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(['shape']));
    expect(short.violations.map((v) => v.message)).toContain('roster has unknown employee C');
  });
});

describe('adapter', () => {
  it('maps an instance to the rostering problem and back', () => {
    const inst: CurtoisInstance = instance1();
    const problem = curtoisToRoster(inst);
    expect(problem.days).toBe(14);
    expect(problem.weekends).toEqual([
      [5, 6],
      [12, 13],
    ]);
    expect(problem.staff[1]).toMatchObject({
      id: 'B',
      minMinutes: 3360,
      maxMinutes: 4320,
      maxConsecutive: 5,
      minConsecutive: 2,
      minConsecutiveOff: 2,
      maxWeekends: 1,
      daysOff: [5],
    });
    const roster = rosterToCurtois(
      inst,
      inst.staff.map(() => off()),
    );
    expect(Object.keys(roster)).toEqual(inst.staff.map((s) => s.id));
    expect(() => rosterToCurtois(inst, [off()])).toThrow(/1 rows but the instance has 8/);
  });

  it('lists weekends of horizons starting on a Monday', () => {
    expect(mondayWeekends(7)).toEqual([[5, 6]]);
    expect(mondayWeekends(6)).toEqual([[5]]);
    expect(mondayWeekends(28)).toHaveLength(4);
  });
});
