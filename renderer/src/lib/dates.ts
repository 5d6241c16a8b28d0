// Calendar dates for display and for the grid's columns. Dates are plain `YYYY-MM-DD` calendar
// dates; luxon works in UTC so no time zone or DST change can shift a day. Weekdays are ISO
// (1 = Monday … 7 = Sunday), the project's one convention.
import { DateTime } from 'luxon';
import type { IsoDate, IsoWeekday } from '../../../core/domain/types';
import { plural } from './words';

function parse(date: IsoDate): DateTime {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!dt.isValid) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return dt;
}

export function isoWeekday(date: IsoDate): IsoWeekday {
  return parse(date).weekday as IsoWeekday;
}

export function isWeekendDay(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return parse(date).plus({ days }).toISODate()!;
}

/** Every date from start to end inclusive. */
export function datesBetween(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const last = parse(end);
  for (let d = parse(start); d <= last; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/** Inclusive day count, e.g. a one-day absence is 1. */
export function dayCount(start: IsoDate, end: IsoDate): number {
  return Math.round(parse(end).diff(parse(start), 'days').days) + 1;
}

/** Today's date on this workstation's calendar. */
export function todayIso(): IsoDate {
  return DateTime.local().toISODate()!;
}

/** `Wed 1 Jul 2026` */
export function formatDate(date: IsoDate): string {
  return parse(date).toFormat('ccc d LLL yyyy', { locale: 'en-GB' });
}

/** `1 Jul 2026` */
export function formatShortDate(date: IsoDate): string {
  return parse(date).toFormat('d LLL yyyy', { locale: 'en-GB' });
}

/**
 * `2 Jul – 29 Jul 2026`, or with both years when they differ; `years: false` where the year is
 * already said (a block of the academic year shown beside it): `17 Dec – 13 Jan`.
 */
export function formatRange(start: IsoDate, end: IsoDate, { years = true } = {}): string {
  const a = parse(start);
  const b = parse(end);
  const dayMonth = (d: DateTime) => d.toFormat('d LLL', { locale: 'en-GB' });
  if (!years) return start === end ? dayMonth(a) : `${dayMonth(a)} – ${dayMonth(b)}`;
  if (start === end) return formatShortDate(start);
  const left = a.year === b.year ? dayMonth(a) : a.toFormat('d LLL yyyy', { locale: 'en-GB' });
  return `${left} – ${b.toFormat('d LLL yyyy', { locale: 'en-GB' })}`;
}

/** "23 Nov 2026, 14:05" in the workstation's clock. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago": whole units elapsed, never more than has passed
 * (a backup 23 h 50 min old is "23 hours ago", not yet the "24 hours" a policy may allow). */
export function ago(iso: string, now = Date.now()): string {
  const ms = now - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return '';
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${plural(min, 'minute')} ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${plural(h, 'hour')} ago`;
  return `${plural(Math.floor(h / 24), 'day')} ago`;
}
