// Calendar arithmetic (core/domain/calendar): plain UTC day arithmetic must agree with luxon's
// calendar for every date and offset, across leap years and month ends, and refuse dates that do
// not exist.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, datesInRange, daysBetween, isIsoDate, isoWeekday } from '../../core/domain/calendar';

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

  it('lists the dates of a range across a leap day, and refuses dates that do not exist', () => {
    expect(datesInRange('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesInRange('2026-03-02', '2026-03-01')).toEqual([]);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1']) {
      expect(() => addDays(bad, 1)).toThrow(/Not a calendar date/);
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
