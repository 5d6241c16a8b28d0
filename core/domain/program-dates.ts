// A person's days in the program: from their start date to their end date, inclusive; a missing
// date leaves that end open. Outside them the person is not in the program: no model may use
// them, no duty is expected, they are not on leave (no absence, no leave balance), and no rule
// judges those days. Availability (core/domain/availability) asks here, so every model, the
// compliance engine, storage and the views agree.
import { daysBetween } from './calendar';
import type { IsoDate, Person } from './types';

export type ProgramDates = Pick<Person, 'startDate' | 'endDate'>;

/** Whether the person is in the program on a date. */
export function inProgramOn(dates: ProgramDates, date: IsoDate): boolean {
  return (
    (dates.startDate === undefined || date >= dates.startDate) && (dates.endDate === undefined || date <= dates.endDate)
  );
}

/** The part of `from`–`to` the person is in the program, or null when none of it. */
export function programSpanIn(
  dates: ProgramDates,
  from: IsoDate,
  to: IsoDate,
): { start: IsoDate; end: IsoDate } | null {
  const start = dates.startDate !== undefined && dates.startDate > from ? dates.startDate : from;
  const end = dates.endDate !== undefined && dates.endDate < to ? dates.endDate : to;
  return start <= end ? { start, end } : null;
}

/** Days of `from`–`to` the person is in the program. */
export function programDaysIn(dates: ProgramDates, from: IsoDate, to: IsoDate): number {
  const span = programSpanIn(dates, from, to);
  return span ? daysBetween(span.start, span.end) + 1 : 0;
}

/**
 * The share (0..1) of `from`–`to` the person is in the program. DOMAIN's fairness for a part-year
 * person: their calls and inpatient weeks are compared per share, so someone in the program for
 * half the year carries half a full-year person's load, not a full year's crammed into half.
 */
export function programShareOf(dates: ProgramDates, from: IsoDate, to: IsoDate): number {
  return programDaysIn(dates, from, to) / (daysBetween(from, to) + 1);
}

/** A count as if the person had been in the program the whole period (count / share); 0 with no share. */
export function perWholePeriod(count: number, share: number): number {
  return share > 0 ? count / share : 0;
}

/** Whether the person has a date at all (most people have none). */
export function hasProgramDates(dates: ProgramDates): boolean {
  return dates.startDate !== undefined || dates.endDate !== undefined;
}

/** Why a pair of dates cannot be stored, naming the field, or null. */
export function programDatesIssue(dates: {
  startDate?: IsoDate | null;
  endDate?: IsoDate | null;
}): { field: 'endDate'; message: string } | null {
  if (dates.startDate && dates.endDate && dates.endDate < dates.startDate)
    return { field: 'endDate', message: `the end date ${dates.endDate} is before the start date ${dates.startDate}` };
  return null;
}

/** "before their first day, 12 Aug 2026" / "after their last day, 8 Jan 2027": why a date is outside. */
export function outsideWords(dates: ProgramDates, date: IsoDate): string {
  if (dates.startDate !== undefined && date < dates.startDate)
    return `before their first day, ${dayWords(dates.startDate)}`;
  return `after their last day, ${dayWords(dates.endDate ?? date)}`;
}

/** "from 12 Aug 2026", "until 8 Jan 2027", "12 Aug 2026 – 8 Jan 2027", "". */
export function programDatesWords(dates: ProgramDates): string {
  const { startDate: s, endDate: e } = dates;
  if (s !== undefined && e !== undefined) return `${dayWords(s)} – ${dayWords(e)}`;
  if (s !== undefined) return `from ${dayWords(s)}`;
  if (e !== undefined) return `until ${dayWords(e)}`;
  return '';
}

const dayWords = (date: IsoDate) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
