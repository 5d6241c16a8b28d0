// The year calendar the calendar worker computes (pure function, run here in-process).
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/domain/defaults';
import type { CalendarProgress } from '../../workers/tasks';
import { yearCalendar } from '../../workers/calendar';

const layout = defaultSettings().blockLayout; // anchor Thursday, 12 × 28 days

describe('yearCalendar', () => {
  const progress: CalendarProgress[] = [];
  const cal = yearCalendar(
    {
      academicYear: 2026,
      blockLayout: layout,
      holidays: [
        { date: '2026-11-26', name: 'Thanksgiving', dayType: 'federal_holiday' },
        { date: '2026-11-27', name: 'Training holiday', dayType: 'training_holiday' },
        { date: '2026-06-19', name: 'Juneteenth (previous year)', dayType: 'federal_holiday' },
      ],
    },
    (p) => progress.push(p),
  );

  it('has 730 slots, July 1 to June 30, AM before PM', () => {
    expect(cal.slots).toHaveLength(730);
    expect(cal.slots[0]).toMatchObject({ date: '2026-07-01', half: 'AM' });
    expect(cal.slots[1]).toMatchObject({ date: '2026-07-01', half: 'PM' });
    expect(cal.slots.at(-1)).toMatchObject({ date: '2027-06-30', half: 'PM' });
  });

  it('uses ISO weekdays (2026-07-01 is a Wednesday = 3, 2026-07-05 a Sunday = 7)', () => {
    expect(cal.slots.find((s) => s.date === '2026-07-01')!.weekday).toBe(3);
    expect(cal.slots.find((s) => s.date === '2026-07-05')!.weekday).toBe(7);
  });

  it('places block 0 before the first Thursday and splits 28-day blocks into halves at day 15', () => {
    const day = (d: string) => cal.slots.find((s) => s.date === d)!;
    expect(day('2026-07-01')).toMatchObject({ blockNumber: 0, blockHalf: 1 });
    expect(day('2026-07-02')).toMatchObject({ blockNumber: 1, blockHalf: 1 });
    expect(day('2026-07-15')).toMatchObject({ blockNumber: 1, blockHalf: 1 });
    expect(day('2026-07-16')).toMatchObject({ blockNumber: 1, blockHalf: 2 });
    expect(day('2026-07-29')).toMatchObject({ blockNumber: 1, blockHalf: 2 });
    expect(day('2026-07-30')).toMatchObject({ blockNumber: 2, blockHalf: 1 });
    expect(day('2027-06-30').blockNumber).toBe(13);
    expect(cal.blocks.map((b) => b.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('marks holiday day types on both halves and ignores holidays outside the year', () => {
    const thanksgiving = cal.slots.filter((s) => s.date === '2026-11-26');
    expect(thanksgiving.map((s) => s.dayType)).toEqual(['federal_holiday', 'federal_holiday']);
    expect(thanksgiving[0].holidayName).toBe('Thanksgiving');
    expect(cal.daysByType).toEqual({
      normal: 363,
      federal_holiday: 1,
      training_holiday: 1,
      minimal_manning: 0,
      closure: 0,
    });
  });

  it('reports progress once per month, ending at 1', () => {
    expect(progress).toHaveLength(12);
    expect(progress[0].detail).toEqual({ month: '2026-07', monthsDone: 1, monthsTotal: 12, slots: 62 });
    expect(progress.at(-1)!.fraction).toBe(1);
  });

  it('counts Feb 29 in a leap academic year (2027–28: 366 days, 732 slots)', () => {
    expect(yearCalendar({ academicYear: 2027, blockLayout: layout, holidays: [] }).slots).toHaveLength(732);
  });

  it('rejects two holidays on one date with different day types, naming both', () => {
    expect(() =>
      yearCalendar({
        academicYear: 2026,
        blockLayout: layout,
        holidays: [
          { date: '2026-12-25', name: 'Christmas', dayType: 'federal_holiday' },
          { date: '2026-12-25', name: 'Closure', dayType: 'closure' },
        ],
      }),
    ).toThrow(/Christmas.*Closure.*2026-12-25/);
  });
});
