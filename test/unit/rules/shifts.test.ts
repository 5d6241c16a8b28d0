// Shift-based rotations: each day's shift cover and each resident's limits (rest, shifts in a
// row, hours a week, weekends off), on hand-made schedules with known answers; plus the shared
// definition of a shift (its slots and times).
import { describe, expect, it } from 'vitest';
import {
  restMinutes,
  shiftHalves,
  shiftMinuteLimits,
  shiftSpanOf,
  weekendsOffRequired,
} from '../../../core/domain/shifts';
import type { Activity, RotationAssignment, ShiftRotation } from '../../../core/domain/types';
import { validate } from '../../../core/rules';
import { absence, activities, assign, datesInRange, input, resident, rotation } from './fixtures';

function shift(code: string, start: string, end: string): Activity {
  const { am, pm } = shiftHalves(start, end);
  return {
    ...activities().find((a) => a.code === 'C')!,
    code,
    name: `${code} shift`,
    needsSupervision: false,
    countsTowardClinicCapacity: false,
    am,
    pm,
  };
}

const every = (n: number) => Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, n]));
const POLICY: ShiftRotation = {
  shifts: [
    { activityCode: 'EDD', cover: every(1) },
    { activityCode: 'EDN', cover: { ...every(1), '6': 2 } },
  ],
  minRestHours: 10,
  maxConsecutiveShifts: 3,
  minHoursPerWeek: 36,
  maxHoursPerWeek: 60,
  minWeekendsOff: 1,
};

// Block 3 of AY 2026–27 (reference layout): Thursday 2026-08-27 to Wednesday 2026-09-23.
const BLOCK = { start: '2026-08-27', end: '2026-09-23' };
const ed = rotation('rot-ed', 'ED', { shifts: POLICY, worksWeekends: true, name: 'Emergency Department' });
const people = [resident('a', 2), resident('b', 2)];
const plan: RotationAssignment[] = people.map((p) => ({
  personId: p.id,
  academicYear: 2026,
  blockNumber: 3,
  part: 'full',
  rotationId: 'rot-ed',
}));
const catalog = [...activities(), shift('EDD', '07:00', '19:00'), shift('EDN', '19:00', '07:00')];
const base = { people, activities: catalog, rotations: [ed], rotationAssignments: plan };
const day = (date: string, p: string) => [assign(p, date, 'AM', 'EDD'), assign(p, date, 'PM', 'EDD')];
const night = (date: string, p: string) => [assign(p, date, 'PM', 'EDN')];

describe('a shift', () => {
  it('takes the half-days it runs in, split at noon, dated on the day it starts', () => {
    expect(shiftHalves('07:00', '19:00')).toEqual({
      am: { start: '07:00', end: '12:00' },
      pm: { start: '12:00', end: '19:00' },
    });
    expect(shiftHalves('19:00', '07:00')).toEqual({ am: null, pm: { start: '19:00', end: '07:00' } });
    expect(shiftHalves('07:00', '07:00')).toEqual({
      am: { start: '07:00', end: '12:00' },
      pm: { start: '12:00', end: '07:00' },
    });
    expect(shiftHalves('00:00', '08:00')).toEqual({ am: { start: '00:00', end: '08:00' }, pm: null });
    expect(shiftSpanOf(shift('X', '19:00', '07:00'))).toEqual({ start: 19 * 60, end: 31 * 60, halves: ['PM'] });
    expect(shiftSpanOf(shift('X', '07:00', '07:00'))).toEqual({ start: 7 * 60, end: 31 * 60, halves: ['AM', 'PM'] });
  });

  it('is refused when its halves are not one stretch, or it does not count as duty', () => {
    expect(shiftSpanOf(activities().find((a) => a.code === 'C')!)).toMatch(
      /AM part ends at 12:00 but its PM part starts at 13:00/,
    );
    expect(shiftSpanOf(activities().find((a) => a.code === 'OFF')!)).toMatch(/does not count toward duty hours/);
  });

  it('rest runs from one end to the next start; limits follow the available days', () => {
    const d = shiftSpanOf(shift('D', '07:00', '19:00')) as Exclude<ReturnType<typeof shiftSpanOf>, string>;
    const n = shiftSpanOf(shift('N', '19:00', '07:00')) as Exclude<ReturnType<typeof shiftSpanOf>, string>;
    expect(restMinutes(n, 0, d, 1)).toBe(0);
    expect(restMinutes(n, 0, d, 2)).toBe(24 * 60);
    expect(restMinutes(d, 0, n, 0)).toBe(0);
    // 36–60 h a week over 28 days: 144–240 h; over 21 available days 108–180 h.
    expect(shiftMinuteLimits(POLICY, 28)).toEqual({ min: 144 * 60, max: 240 * 60 });
    expect(shiftMinuteLimits(POLICY, 21)).toEqual({ min: 108 * 60, max: 180 * 60 });
    expect(weekendsOffRequired(POLICY, 4)).toBe(1);
    expect(weekendsOffRequired(POLICY, 2)).toBe(1);
    expect(weekendsOffRequired({ ...POLICY, minWeekendsOff: 2 }, 3)).toBe(2);
  });
});

describe('shift_cover', () => {
  const only = { ruleIds: ['shift_cover'] };
  const range = { start: '2026-09-01', end: '2026-09-01' }; // a Tuesday

  it('flags a shift with fewer residents than its weekday needs, once per day and shift', () => {
    const findings = validate(input({ ...base, assignments: day('2026-09-01', 'a') }, range), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: null,
      start: '2026-09-01',
      end: '2026-09-01',
      measured: 0,
      limit: 1,
      unit: 'residents',
      severity: 'high',
      slots: [{ date: '2026-09-01', half: 'PM' }],
    });
    expect(findings[0].message).toBe('Sep 1: ED EDN shift (EDN) has 0 of 1 residents');
    expect(findings[0].explanation).toContain('not on this shift: Resident a and Resident b');
    expect(
      validate(input({ ...base, assignments: [...day('2026-09-01', 'a'), ...night('2026-09-01', 'b')] }, range), only),
    ).toEqual([]);
  });

  it('reads the cover of the weekday: Saturday nights need two', () => {
    const sat = { start: '2026-09-05', end: '2026-09-05' };
    const findings = validate(
      input({ ...base, assignments: [...day('2026-09-05', 'a'), ...night('2026-09-05', 'b')] }, sat),
      only,
    );
    expect(findings.map((f) => [f.message, f.measured, f.limit])).toEqual([
      ['Sep 5: ED EDN shift (EDN) has 1 of 2 residents', 1, 2],
    ]);
  });

  it('counts only residents on the rotation that day, and says nothing for rotations without shifts', () => {
    const other = rotation('rot-c', 'CLIN');
    const off: RotationAssignment[] = [{ ...plan[1], rotationId: 'rot-c' }, plan[0]];
    const findings = validate(
      input(
        {
          ...base,
          rotations: [ed, other],
          rotationAssignments: off,
          assignments: [...day('2026-09-01', 'a'), ...night('2026-09-01', 'b')],
        },
        range,
      ),
      only,
    );
    expect(findings.map((f) => f.measured)).toEqual([0]);
    const plain = { ...ed, shifts: null };
    expect(
      validate(
        input({ people, rotations: [plain, other], rotationAssignments: off, activities: catalog }, range),
        only,
      ),
    ).toEqual([]);
  });
});

describe('shift_limits', () => {
  const only = { ruleIds: ['shift_limits'] };

  /**
   * A whole block of a's shifts: nights on the given days of the block (0 = Thursday Aug 27), days elsewhere where
   * listed.
   */
  const block = (days: number[], kind: 'day' | 'night' = 'day') => {
    const dates = datesInRange(BLOCK.start, BLOCK.end);
    return days.flatMap((i) => (kind === 'day' ? day(dates[i], 'a') : night(dates[i], 'a')));
  };
  // 20 day shifts (240 h) in runs of 3 with both days of weekend 2 off: within every limit.
  const good = [0, 1, 2, 4, 5, 6, 8, 11, 12, 13, 15, 16, 17, 19, 20, 21, 23, 24, 25, 27];

  it('accepts a block that keeps rest, runs, hours and weekends', () => {
    const findings = validate(input({ ...base, assignments: block(good) }, BLOCK), only);
    expect(findings.filter((f) => f.personId === 'a')).toEqual([]);
  });

  it('flags less rest than the rotation gives between a night and the next day shift', () => {
    const dates = datesInRange(BLOCK.start, BLOCK.end);
    const assignments = [...block(good), ...night(dates[7], 'a')];
    const findings = validate(input({ ...base, assignments }, BLOCK), only).filter((f) => f.personId === 'a');
    const rest = findings.filter((f) => f.unit === 'h rest');
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({ start: dates[7], end: dates[8], measured: 0, limit: 10 });
    expect(rest[0].message).toBe('0 h between EDN on Sep 3 and EDD on Sep 4; at least 10 h');
  });

  it('flags a run of more shifts in a row than the rotation allows', () => {
    const findings = validate(input({ ...base, assignments: block([...good, 3]) }, BLOCK), only).filter(
      (f) => f.unit === 'shifts in a row',
    );
    expect(findings.map((f) => [f.measured, f.limit, f.start, f.end])).toEqual([[7, 3, '2026-08-27', '2026-09-02']]);
  });

  it('flags hours above and below the weekly average over the available days', () => {
    const few = validate(input({ ...base, assignments: block(good.slice(0, 10)) }, BLOCK), only).filter(
      (f) => f.unit === 'shift hours' && f.personId === 'a',
    );
    expect(few.map((f) => [f.measured, f.limit])).toEqual([[120, 144]]);
    // Two weeks of approved conference leave that blocks (TDY): 14 available days, 72–120 h; 120 h is fine.
    const away = [absence('a', 'tdy', '2026-09-10', '2026-09-23')];
    const half = validate(
      input({ ...base, absences: away, assignments: block(good.slice(0, 10)) }, BLOCK),
      only,
    ).filter((f) => f.unit === 'shift hours' && f.personId === 'a');
    expect(half).toEqual([]);
  });

  it('flags a block without the whole weekends off the rotation gives', () => {
    // Weekends of block 3: Aug 29–30, Sep 5–6, Sep 12–13, Sep 19–20 (days 2–3, 9–10, 16–17, 23–24).
    const busy = [0, 2, 3, 5, 6, 9, 10, 12, 13, 16, 17, 19, 20, 23, 24, 26, 27];
    const findings = validate(input({ ...base, assignments: block(busy) }, BLOCK), only).filter(
      (f) => f.unit === 'weekends off',
    );
    expect(findings.map((f) => [f.measured, f.limit])).toEqual([[0, 1]]);
    expect(findings[0].message).toBe('0 weekends off on ED in block 3 (Aug 27 – Sep 23); at least 1');
  });
});

describe('a block whose half-days are not made yet (an annual plan only)', () => {
  const only = { ruleIds: ['shift_cover', 'shift_limits'] };

  it('has no shift findings: nothing is scheduled on the rotation to count', () => {
    expect(validate(input({ ...base, assignments: [] }, BLOCK), only)).toEqual([]);
  });

  it('is checked as soon as anyone on the rotation has a half-day that day', () => {
    const findings = validate(input({ ...base, assignments: day('2026-09-01', 'a') }, BLOCK), only);
    expect(findings.filter((f) => f.ruleId === 'shift_cover').map((f) => f.start.slice(0, 10))).toEqual(['2026-09-01']);
    expect(findings.find((f) => f.ruleId === 'shift_cover')!.explanation).toContain('; nobody is on it.');
    // a's hours in the block are counted (one shift, far too few); b, with nothing scheduled, is not judged.
    expect(findings.filter((f) => f.ruleId === 'shift_limits').map((f) => f.personId)).toEqual(['a']);
  });
});
