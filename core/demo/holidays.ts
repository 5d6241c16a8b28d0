// US federal holidays of an academic year (observed dates: Saturday → Friday, Sunday → Monday),
// plus the training holidays a military program usually adds.
import { addDays, academicYearEnd, academicYearStart, isoWeekday, nextWeekdayOnOrAfter } from '../domain/calendar';
import type { AcademicYearId, Holiday, IsoDate, IsoWeekday } from '../domain/types';

const pad = (n: number) => String(n).padStart(2, '0');
const date = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

/** The n-th given weekday of a month (n = 1 … 4). */
function nthWeekday(year: number, month: number, weekday: IsoWeekday, n: number): IsoDate {
  return addDays(nextWeekdayOnOrAfter(date(year, month, 1), weekday), 7 * (n - 1));
}

function lastWeekday(year: number, month: number, weekday: IsoWeekday): IsoDate {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return nextWeekdayOnOrAfter(date(year, month, lastDay - 6), weekday);
}

function observed(day: IsoDate): IsoDate {
  const wd = isoWeekday(day);
  return wd === 6 ? addDays(day, -1) : wd === 7 ? addDays(day, 1) : day;
}

export function holidaysForYear(year: AcademicYearId): Holiday[] {
  const next = year + 1;
  const fixed = (y: number, m: number, d: number, name: string): Holiday => {
    const actual = date(y, m, d);
    const obs = observed(actual);
    return { date: obs, name: obs === actual ? name : `${name} (observed)`, dayType: 'federal_holiday' };
  };
  const floating = (day: IsoDate, name: string): Holiday => ({ date: day, name, dayType: 'federal_holiday' });
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  const holidays: Holiday[] = [
    fixed(year, 7, 4, 'Independence Day'),
    floating(nthWeekday(year, 9, 1, 1), 'Labor Day'),
    floating(nthWeekday(year, 10, 1, 2), 'Columbus Day'),
    fixed(year, 11, 11, 'Veterans Day'),
    floating(thanksgiving, 'Thanksgiving Day'),
    { date: addDays(thanksgiving, 1), name: 'Day after Thanksgiving', dayType: 'training_holiday' },
    fixed(year, 12, 25, 'Christmas Day'),
    fixed(next, 1, 1, "New Year's Day"),
    floating(nthWeekday(next, 1, 1, 3), 'Martin Luther King Jr. Day'),
    floating(nthWeekday(next, 2, 1, 3), "Washington's Birthday"),
    floating(lastWeekday(next, 5, 1), 'Memorial Day'),
    fixed(next, 6, 19, 'Juneteenth'),
  ];
  const christmasEve = date(year, 12, 24);
  if (isoWeekday(christmasEve) <= 5 && !holidays.some((h) => h.date === christmasEve))
    holidays.push({ date: christmasEve, name: 'Christmas Eve', dayType: 'minimal_manning' });
  const start = academicYearStart(year);
  const end = academicYearEnd(year);
  // New Year's Day observed can fall on Dec 31 of the previous year; still inside the AY.
  return holidays.filter((h) => h.date >= start && h.date <= end).sort((a, b) => a.date.localeCompare(b.date));
}
