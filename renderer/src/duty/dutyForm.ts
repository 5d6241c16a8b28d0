// The fields of a moonlighting shift or a callback as the dialogs hold them (dates and times
// apart, as people type them), checked before anything is sent; and how entries read in tables.
// Local date-times are wall-clock times in the program's zone, `YYYY-MM-DDTHH:MM`.
import { DateTime } from 'luxon';

export interface TimedForm {
  personId: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function localDateTime(date: string, time: string): string {
  return `${date}T${time}`;
}

/** The form's date and time fields of an entry's start and end. */
export function timedFields(
  start: string,
  end: string,
): Pick<TimedForm, 'startDate' | 'startTime' | 'endDate' | 'endTime'> {
  return {
    startDate: start.slice(0, 10),
    startTime: start.slice(11, 16),
    endDate: end.slice(0, 10),
    endTime: end.slice(11, 16),
  };
}

/** Wall-clock hours from one local date-time to another (what the person worked by the clock). */
export function clockHours(start: string, end: string): number {
  const a = DateTime.fromISO(start, { zone: 'utc' });
  const b = DateTime.fromISO(end, { zone: 'utc' });
  return b.diff(a, 'minutes').minutes / 60;
}

/** Problems with the fields, by field name; empty when the entry can be sent. */
export function timedErrors(form: TimedForm, maxHours: number, what: string): Partial<Record<keyof TimedForm, string>> {
  const errors: Partial<Record<keyof TimedForm, string>> = {};
  if (!form.personId) errors.personId = 'Choose the person';
  if (!DATE.test(form.startDate)) errors.startDate = 'Enter the day it starts';
  if (!TIME.test(form.startTime)) errors.startTime = 'HH:MM';
  if (!DATE.test(form.endDate)) errors.endDate = 'Enter the day it ends';
  if (!TIME.test(form.endTime)) errors.endTime = 'HH:MM';
  if (Object.keys(errors).some((k) => k !== 'personId')) return errors;
  const hours = clockHours(localDateTime(form.startDate, form.startTime), localDateTime(form.endDate, form.endTime));
  if (!(hours > 0)) errors.endTime = `${what} ends after it starts`;
  else if (hours > maxHours) errors.endDate = `${what} lasts at most ${maxHours} hours`;
  return errors;
}

/** `3.5 h`, `12 h`. */
export function formatHours(hours: number): string {
  return `${Math.round(hours * 100) / 100} h`;
}

/** `Sat 5 Sep 2026, 08:00 – 20:00`, or `Sat 5 Sep 2026, 20:00 – Sun 6 Sep 02:00` across midnight. */
export function formatTimeRange(start: string, end: string): string {
  const a = DateTime.fromISO(start, { zone: 'utc' });
  const b = DateTime.fromISO(end, { zone: 'utc' });
  const day = a.toFormat('ccc d LLL yyyy', { locale: 'en-GB' });
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return (
    `${day}, ${a.toFormat('HH:mm')} – ` +
    `${sameDay ? b.toFormat('HH:mm') : b.toFormat('ccc d LLL HH:mm', { locale: 'en-GB' })}`
  );
}

/** The next calendar day of `YYYY-MM-DD`. */
export function nextDay(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
}
