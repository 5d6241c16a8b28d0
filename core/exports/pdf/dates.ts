// Dates as printed on schedules: "Thu 26 Nov", "Thu 5 Nov 2026 – Wed 2 Dec 2026". Always English
// and independent of the machine's locale, so every printout of a program reads the same.
import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/types';

function day(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' });
}

export function formatDay(date: IsoDate): string {
  return day(date).toFormat('ccc d LLL');
}

export function formatDate(date: IsoDate): string {
  return day(date).toFormat('ccc d LLL yyyy');
}

export function formatRange(start: IsoDate, end: IsoDate): string {
  return start === end ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;
}

export function formatMonth(date: IsoDate): string {
  return day(date).toFormat('LLLL yyyy');
}

/** Print time in the program's zone, e.g. "23 Nov 2026 14:05". */
export function formatPrintedAt(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).setLocale('en-US').toFormat('d LLL yyyy HH:mm');
}
