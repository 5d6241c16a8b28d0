// One person's calendar as an iCalendar (.ics) file, written with ical-generator and the
// VTIMEZONE of the program's zone (timezones-ical-library), so Outlook, Google and Apple place
// every event at its real wall-clock time.
//
// Updates and cancellations: UIDs are stable (see calendarEntries.ts). Given the previously
// exported file for the person, an event whose content is unchanged keeps its SEQUENCE; a changed
// or new event gets a sequence from the export clock (minutes since 2020), which is higher than any
// earlier export's, so calendar apps accept the update even when an earlier export is unknown.
// Events of the previous file that fall in the exported range and are gone now are emitted with
// STATUS:CANCELLED; cancellations already in the previous file are carried forward while they
// remain in range, so a person who skipped an import still gets them.
import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Person } from '../domain/types';
import { personUidPrefix, type CalendarEntry, type EntryTiming } from './calendarEntries';
import { CONTENT_HASH_PROPERTY, type PreviousCalendar, type PreviousEvent } from './previousCalendar';
import { ExportInputError, type DateRange } from './schedule';

export interface PersonCalendarInput {
  programName: string;
  timeZone: string;
  person: Person;
  entries: CalendarEntry[];
  range: DateRange;
  draftLabel: string | null;
  /** The file exported last time for this person, parsed; null on a first export. */
  previous: PreviousCalendar | null;
  now: Date;
}

export interface PersonCalendarResult {
  ics: string;
  /** Events that are live in this file (not cancelled). */
  events: number;
  added: number;
  updated: number;
  unchanged: number;
  cancelled: number;
}

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/** Sequence number for a change exported at `now`: minutes since 2020, so it only grows. */
export function sequenceAt(now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - SEQUENCE_EPOCH) / 60_000));
}

function timingKey(t: EntryTiming, zone: string): string[] {
  if (t.allDay) return ['all-day', t.startDate, t.endDate];
  return ['timed', t.start.setZone(zone).toISO()!, t.end.setZone(zone).toISO()!];
}

/** Hash of what a person sees in the event; a different hash means the event changed. */
export function contentHash(
  e: { summary: string; location: string | null; description: string; timing: EntryTiming },
  status: string,
  zone: string,
): string {
  const parts = [status, ...timingKey(e.timing, zone), e.summary, e.location ?? '', e.description];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

function spanDates(t: EntryTiming): { first: string; last: string } {
  return t.allDay ? { first: t.startDate, last: t.endDate } : { first: t.start.toISODate()!, last: t.end.toISODate()! };
}

/**
 * The VTIMEZONE block for a zone and the TZID it defines. Aliases (US/Eastern, UTC) come back
 * under their canonical id (America/New_York, Etc/UTC); events must reference that same id.
 */
function vtimezone(zone: string): { block: string; tzid: string } | null {
  const found = tzlib_get_ical_block(zone);
  const block = Array.isArray(found) ? found[0] : null;
  const tzid = block?.match(/^TZID:(.+)$/m)?.[1]?.trim();
  return block && block.startsWith('BEGIN:VTIMEZONE') && tzid ? { block, tzid } : null;
}

/** Control characters and text-direction marks, which no calendar text may carry (RFC 5545 TEXT). */
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for an event property: line breaks kept (ical-generator escapes them), nothing unsafe. */
function eventText(text: string): string {
  return text.replace(UNSAFE_TEXT, '');
}

/**
 * A calendar-level TEXT value (NAME, X-WR-CALNAME, X-WR-CALDESC), escaped here because
 * ical-generator writes those raw: a line break there would start new properties or events.
 */
export function calendarText(text: string): string {
  return eventText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

export function buildPersonCalendar(input: PersonCalendarInput): PersonCalendarResult {
  const vtz = vtimezone(input.timeZone);
  if (!vtz)
    throw new ExportInputError(`No VTIMEZONE definition is known for the program's time zone "${input.timeZone}"`);
  const zone = vtz.tzid;
  const draft = input.draftLabel !== null;
  const calendar = ical({
    name: calendarText(`${input.programName}: ${input.person.name}${draft ? ' (DRAFT)' : ''}`),
    description: calendarText(
      draft ? `DRAFT schedule "${input.draftLabel}", not published` : `Published schedule of ${input.programName}`,
    ),
    prodId: { company: 'Residency Scheduler', product: 'Personal calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // name: null keeps DTSTAMP in UTC (ical-generator writes it in the calendar zone otherwise);
    // events carry their own TZID and the generator adds the matching VTIMEZONE.
    timezone: { name: null, generator: () => vtz.block },
  });

  // Only this person's events count: a file that belonged to someone else (same file name) is no baseline.
  const prefix = personUidPrefix(input.person.id);
  const previous = new Map<string, PreviousEvent>(
    (input.previous?.events ?? []).filter((e) => e.uid.startsWith(prefix)).map((e) => [e.uid, e]),
  );
  const clockSequence = sequenceAt(input.now);
  const liveStatus = draft ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
  const stats = { added: 0, updated: 0, unchanged: 0, cancelled: 0 };

  const addEvent = (
    e: { uid: string; summary: string; location: string | null; description: string; timing: EntryTiming },
    status: ICalEventStatus,
    sequence: number,
    hash: string,
  ) => {
    const common = {
      id: e.uid,
      sequence,
      stamp: input.now,
      summary: eventText(e.summary),
      description: eventText(e.description),
      location: e.location === null ? undefined : eventText(e.location),
      status,
      x: [[CONTENT_HASH_PROPERTY, hash]] as [string, string][],
    };
    if (e.timing.allDay)
      calendar.createEvent({
        ...common,
        allDay: true,
        start: DateTime.fromISO(e.timing.startDate, { zone }),
        // DTEND of an all-day event is exclusive.
        end: DateTime.fromISO(e.timing.endDate, { zone }).plus({ days: 1 }),
      });
    else
      calendar.createEvent({
        ...common,
        timezone: zone,
        start: e.timing.start.setZone(zone),
        end: e.timing.end.setZone(zone),
      });
  };

  const seen = new Set<string>();
  for (const entry of input.entries) {
    seen.add(entry.uid);
    const hash = contentHash(entry, liveStatus, zone);
    const before = previous.get(entry.uid);
    let sequence = clockSequence;
    if (!before) stats.added++;
    else if (before.contentHash === hash && !before.cancelled) {
      sequence = before.sequence;
      stats.unchanged++;
    } else {
      sequence = Math.max(clockSequence, before.sequence + 1);
      stats.updated++;
    }
    addEvent(entry, liveStatus, sequence, hash);
  }

  for (const before of previous.values()) {
    if (seen.has(before.uid)) continue;
    const span = spanDates(before.timing);
    // Outside the exported range the event is not gone, just not part of this export.
    if (span.last < input.range.start || span.first > input.range.end) continue;
    const hash = contentHash(before, ICalEventStatus.CANCELLED, zone);
    const sequence = before.cancelled ? before.sequence : Math.max(clockSequence, before.sequence + 1);
    addEvent(before, ICalEventStatus.CANCELLED, sequence, hash);
    stats.cancelled++;
  }

  return { ics: calendar.toString(), events: input.entries.length, ...stats };
}
