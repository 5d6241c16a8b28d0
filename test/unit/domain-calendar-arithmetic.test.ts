// Calendar arithmetic (core/domain/calendar): plain integer day arithmetic must agree with luxon's
// calendar for every date and offset, across leap years, month ends and centuries, and refuse dates
// that do not exist; the unchecked day numbers of the hot loops read every string as Date.UTC does.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../core/domain/availability';
import {
  academicYearOf,
  addDays,
  datesInRange,
  daysBetween,
  epochDay,
  isIsoDate,
  isoWeekday,
} from '../../core/domain/calendar';

describe('calendar arithmetic', () => {
  it('agrees with luxon on adding days, days between and weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 366 }), fc.integer({ min: -800, max: 800 }), (offset, n) => {
        const base = DateTime.fromISO('1950-01-01', { zone: 'utc' }).plus({ days: offset });
        const date = base.toISODate()!;
        expect(addDays(date, n)).toBe(base.plus({ days: n }).toISODate());
        expect(isoWeekday(date)).toBe(base.weekday);
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  it(
    'puts a date in the academic year that starts on the July 1 before it, and refuses dates that do ' + 'not exist',
    () => {
      expect(academicYearOf('2026-07-01')).toBe(2026);
      expect(academicYearOf('2026-06-30')).toBe(2025);
      expect(academicYearOf('2027-06-30')).toBe(2026);
      expect(academicYearOf('2026-12-31')).toBe(2026);
      expect(academicYearOf('2028-02-29')).toBe(2027);
      for (const bad of ['2026-02-29', '2026-13-01', 'July 2026', '2026-7-01'])
        expect(() => academicYearOf(bad)).toThrow(/Not a calendar date/);
    },
  );

  it('lists the dates of a range across a leap day, and refuses dates that do not exist', () => {
    expect(datesInRange('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesInRange('2026-03-02', '2026-03-01')).toEqual([]);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1']) {
      expect(() => addDays(bad, 1)).toThrow(/Not a calendar date/);
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(isIsoDate('2028-02-29')).toBe(true);
  });

  it('agrees with luxon from year 0 to 9999 (400-year cycles, century years)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 365 }),
        fc.integer({ min: -1000, max: 1000 }),
        (y, doy, n) => {
          const base = DateTime.fromObject({ year: y, month: 1, day: 1 }, { zone: 'utc' }).plus({ days: doy });
          const date = base.toISODate()!;
          const later = base.plus({ days: n });
          if (later.year < 0 || later.year > 9999) return;
          expect(addDays(date, n)).toBe(later.toISODate());
          expect(isoWeekday(date)).toBe(base.weekday);
          expect(daysBetween(date, addDays(date, n))).toBe(n);
          expect(isIsoDate(date)).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 2 },
    );
    for (const [date, weekday] of [
      ['1600-02-29', 2],
      ['1700-03-01', 1],
      ['2000-02-29', 2],
      ['2100-02-28', 7],
    ] as const) {
      expect(isoWeekday(date)).toBe(weekday);
      expect(isIsoDate(date)).toBe(true);
    }
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });

  it('reads any string as Date.UTC does in the unchecked day numbers (epochDay, dayNumber)', () => {
    const byDateUtc = (s: string) =>
      Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;
    const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : a === b);
    const digit = fc.constantFrom(...'0123456789');
    const piece = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
    const dateLike = fc.tuple(piece(4), piece(2), piece(2)).map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 16 })), (s) => {
        expect(same(epochDay(s), byDateUtc(s)), s).toBe(true);
        expect(same(dayNumber(s), byDateUtc(s)), s).toBe(true);
      }),
      { numRuns: 5000, seed: 3 },
    );
    for (const s of [
      '2026-02-30',
      '2026-04-31',
      '0050-01-01',
      '0000-00-00',
      '2026-13-01',
      '2026-07-01T07:00',
      ' 2026-1-1',
    ]) {
      expect(same(epochDay(s), byDateUtc(s)), s).toBe(true);
    }
  });
});
