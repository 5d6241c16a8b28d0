// Reads back a calendar file this app exported earlier, so the next export can keep UIDs and
// sequence numbers and cancel events that disappeared. The previous file in the output folder is
// the record of "what this person last received": no database table is needed, and the record
// lives exactly where the person's calendar file does.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { IsoDate } from '../domain/types';
import type { EntryTiming } from './calendarEntries';
import { ExportInputError } from './schedule';

/** Event-level property holding a hash of the event's visible content. */
export const CONTENT_HASH_PROPERTY = 'X-RESIDENCY-CONTENT-HASH';

export interface PreviousEvent {
  uid: string;
  sequence: number;
  cancelled: boolean;
  /** Hash of the content as exported; null when the event has none (file not made by us). */
  contentHash: string | null;
  summary: string;
  location: string | null;
  description: string;
  timing: EntryTiming;
}

export interface PreviousCalendar {
  events: PreviousEvent[];
}

function textOf(event: ICAL.Component, name: string): string | null {
  const value = event.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : null;
}

function timeOf(event: ICAL.Component, name: string, zone: string): { date: IsoDate; dt: DateTime | null } | null {
  const prop = event.getFirstProperty(name);
  const value = prop?.getFirstValue();
  if (!(value instanceof ICAL.Time)) return null;
  const pad = (n: number, digits: number) => String(n).padStart(digits, '0');
  const date = `${pad(value.year, 4)}-${pad(value.month, 2)}-${pad(value.day, 2)}`;
  if (value.isDate) return { date, dt: null };
  const tzid = prop!.getParameter('tzid');
  const utc = value.zone === ICAL.Timezone.utcTimezone;
  const source = utc ? 'utc' : typeof tzid === 'string' ? tzid : zone;
  const dt = DateTime.fromObject(
    {
      year: value.year,
      month: value.month,
      day: value.day,
      hour: value.hour,
      minute: value.minute,
      second: value.second,
    },
    { zone: source },
  ).setZone(zone);
  return { date, dt: dt.isValid ? dt : null };
}

/** Parse a previous export; events without a UID or start are skipped (nothing to update). */
export function readPreviousCalendar(text: string, zone: string, fileLabel: string): PreviousCalendar {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw new ExportInputError(
      `The previous calendar file ${fileLabel} cannot be read ` +
        `(${err instanceof Error ? err.message : String(err)}); move it away to start a fresh calendar`,
    );
  }
  const events: PreviousEvent[] = [];
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = textOf(vevent, 'uid');
    const start = timeOf(vevent, 'dtstart', zone);
    if (!uid || !start) continue;
    const end = timeOf(vevent, 'dtend', zone);
    let timing: EntryTiming;
    if (start.dt === null) {
      // All-day DTEND is exclusive; our timing keeps the last day inclusive.
      const endDate = end ? DateTime.fromISO(end.date, { zone: 'utc' }).minus({ days: 1 }).toISODate()! : start.date;
      timing = { allDay: true, startDate: start.date, endDate: endDate < start.date ? start.date : endDate };
    } else {
      timing = { allDay: false, start: start.dt, end: end?.dt ?? start.dt };
    }
    const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
    events.push({
      uid,
      sequence: Number.isFinite(sequence) ? sequence : 0,
      cancelled: String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
      contentHash: textOf(vevent, CONTENT_HASH_PROPERTY.toLowerCase()),
      summary: textOf(vevent, 'summary') ?? '',
      location: textOf(vevent, 'location'),
      description: textOf(vevent, 'description') ?? '',
      timing,
    });
  }
  return { events };
}
