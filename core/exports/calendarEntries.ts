// One person's schedule as calendar entries: what they do, when they actually do it, in the
// program's time zone. Consecutive half-days of the same activity become one entry; calls,
// inpatient weeks and part-day absences are entries of their own. Pure: no files, no iCalendar syntax (see ics.ts).
import { DateTime } from 'luxon';
import { absenceLabel, policyLookup } from '../domain/availability';
import { addDays, datesInRange } from '../domain/calendar';
import { callEndInstant, scheduledCallMinutes } from '../domain/call-end';
import type { ProgramData } from '../domain/program';
import type { Activity, CallType, ClockTime, HalfDay, IsoDate, Person, TimeRange } from '../domain/types';
import { ExportInputError, type DateRange, type ExportSchedule } from './schedule';

export type EntryKind = 'activity' | 'call' | 'inpatient_week' | 'absence' | 'moonlighting' | 'callback';

/** Timed entries carry wall-clock start/end in the zone; all-day entries carry dates (end inclusive). */
export type EntryTiming =
  | { allDay: false; start: DateTime; end: DateTime }
  | { allDay: true; startDate: IsoDate; endDate: IsoDate };

export interface CalendarEntry {
  /** Stable identity: (person, first date, part of day, kind). */
  uid: string;
  kind: EntryKind;
  /** Activity or call type code (the inpatient team code for inpatient weeks). */
  code: string;
  summary: string;
  location: string | null;
  description: string;
  timing: EntryTiming;
}

export type PartOfDay = HalfDay | 'DAY';

/**
 * UIDs survive re-exports so calendar apps update events instead of duplicating them. The person id
 * is percent-encoded so any id yields a valid, collision-free UID.
 */
export function entryUid(personId: string, date: IsoDate, part: PartOfDay, kind: string): string {
  return `${personUidPrefix(personId)}${date}.${part}.${kind}@residency-scheduler`;
}

/** Every UID of a person starts with this, so a file's events can be told apart by person. */
export function personUidPrefix(personId: string): string {
  // '.' separates the UID's parts, so it is encoded too: id "r1" never prefixes id "r1.x".
  return `${encodeURIComponent(personId).replace(/\./g, '%2E')}.`;
}

// Zone arithmetic is the costly part of a batch export and the same few (date, time) pairs recur
// for every person; DateTime is immutable, so placed times are shared. Bounded to stay small.
const placed = new Map<string, DateTime>();
const PLACED_MAX = 20_000;

/** A wall-clock time on a date in the zone; luxon moves a time skipped by spring-forward ahead. */
export function wallClock(date: IsoDate, time: ClockTime, zone: string): DateTime {
  const key = `${zone}|${date}T${time}`;
  const hit = placed.get(key);
  if (hit) return hit;
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid)
    throw new ExportInputError(`Cannot place ${date} ${time} in time zone ${zone}: ${dt.invalidExplanation}`);
  if (placed.size >= PLACED_MAX) placed.clear();
  placed.set(key, dt);
  return dt;
}

/** A duty period starting on `date`; an end at or before the start means the next day. */
export function dutyPeriod(date: IsoDate, range: TimeRange, zone: string): { start: DateTime; end: DateTime } {
  const endDate = range.end <= range.start ? addDays(date, 1) : date;
  return { start: wallClock(date, range.start, zone), end: wallClock(endDate, range.end, zone) };
}

export interface EntryOptions {
  data: ProgramData;
  schedule: ExportSchedule;
  person: Person;
  range: DateRange;
  /** Activity codes left out of calendars (e.g. W for weekends), chosen by the user. */
  omitActivityCodes?: string[];
}

interface HalfDayItem {
  date: IsoDate;
  half: HalfDay;
  activity: Activity;
}

const HALF_WORDS: Record<HalfDay, string> = { AM: 'morning', PM: 'afternoon' };

function draftNote(schedule: ExportSchedule): string {
  return schedule.draftLabel ? `DRAFT schedule "${schedule.draftLabel}": not published, may change.\n` : '';
}

function summaryOf(schedule: ExportSchedule, text: string): string {
  return schedule.draftLabel ? `DRAFT: ${text}` : text;
}

function clock(dt: DateTime): string {
  return dt.toFormat('HH:mm');
}

/** A whole day of one time-off activity (or of one activity that has no times) is an all-day entry. */
function isWholeDay(am: Activity | undefined, pm: Activity | undefined): boolean {
  if (!am || !pm || am.code !== pm.code) return false;
  return am.category === 'time_off' || (am.am === null && am.pm === null);
}

function activityEntries(opts: EntryOptions, activities: Map<string, Activity>): CalendarEntry[] {
  const { data, schedule, person, range } = opts;
  const zone = data.settings.timeZone;
  const omit = new Set(opts.omitActivityCodes ?? []);
  const byDate = new Map<IsoDate, Partial<Record<HalfDay, Activity>>>();
  for (const a of schedule.assignments) {
    if (a.personId !== person.id || a.date < range.start || a.date > range.end) continue;
    const activity = activities.get(a.activityCode);
    if (!activity)
      throw new ExportInputError(
        `The assignment of ${person.name} on ${a.date} ${a.half} uses activity "${a.activityCode}", which this ` +
          `program does not define`,
      );
    if (omit.has(activity.code)) continue;
    const day = byDate.get(a.date) ?? {};
    day[a.half] = activity;
    byDate.set(a.date, day);
  }

  const entries: CalendarEntry[] = [];
  const note = draftNote(schedule);
  const describe = (activity: Activity) => `${note}${activity.name} (${activity.code})`;

  // All-day runs: consecutive whole days of the same activity become one entry.
  let run: { activity: Activity; first: IsoDate; last: IsoDate } | null = null;
  const closeRun = () => {
    if (!run) return;
    entries.push({
      uid: entryUid(person.id, run.first, 'DAY', 'activity'),
      kind: 'activity',
      code: run.activity.code,
      summary: summaryOf(schedule, run.activity.name),
      location: run.activity.location,
      description: describe(run.activity),
      timing: { allDay: true, startDate: run.first, endDate: run.last },
    });
    run = null;
  };
  const timedItems: HalfDayItem[] = [];
  for (const date of datesInRange(range.start, range.end)) {
    const day = byDate.get(date);
    if (day && isWholeDay(day.AM, day.PM)) {
      const activity = day.AM!;
      if (run && run.activity.code === activity.code && addDays(run.last, 1) === date) run.last = date;
      else {
        closeRun();
        run = { activity, first: date, last: date };
      }
      continue;
    }
    closeRun();
    for (const half of ['AM', 'PM'] as const) {
      const activity = day?.[half];
      if (!activity) continue;
      const times = half === 'AM' ? activity.am : activity.pm;
      if (times) timedItems.push({ date, half, activity });
      // No duty times for this half: an all-day note for that date, saying which half.
      else
        entries.push({
          uid: entryUid(person.id, date, half, 'activity'),
          kind: 'activity',
          code: activity.code,
          summary: summaryOf(schedule, `${activity.name} (${HALF_WORDS[half]})`),
          location: activity.location,
          description: describe(activity),
          timing: { allDay: true, startDate: date, endDate: date },
        });
    }
  }
  closeRun();

  // Timed half-days: merge the same activity within a day (across the lunch gap) or when one
  // period ends exactly when the next begins (e.g. a night running into the next morning).
  let open: { item: HalfDayItem; lastDate: IsoDate; start: DateTime; end: DateTime } | null = null;
  const closeOpen = () => {
    if (!open) return;
    entries.push({
      uid: entryUid(person.id, open.item.date, open.item.half, 'activity'),
      kind: 'activity',
      code: open.item.activity.code,
      summary: summaryOf(schedule, open.item.activity.name),
      location: open.item.activity.location,
      description: describe(open.item.activity),
      timing: { allDay: false, start: open.start, end: open.end },
    });
    open = null;
  };
  for (const item of timedItems) {
    const times = (item.half === 'AM' ? item.activity.am : item.activity.pm)!;
    const period = dutyPeriod(item.date, times, zone);
    const joins =
      open !== null &&
      open.item.activity.code === item.activity.code &&
      (open.lastDate === item.date || +open.end === +period.start) &&
      period.start >= open.end;
    if (joins && open) {
      open.end = period.end;
      open.lastDate = item.date;
    } else {
      closeOpen();
      open = { item, lastDate: item.date, ...period };
    }
  }
  closeOpen();
  return entries;
}

function callEntries(opts: EntryOptions, callTypes: Map<string, CallType>): CalendarEntry[] {
  const { data, schedule, person, range } = opts;
  const zone = data.settings.timeZone;
  return schedule.calls
    .filter((c) => c.personId === person.id && c.date >= range.start && c.date <= range.end)
    .map((call) => {
      const type = callTypes.get(call.callTypeCode);
      if (!type)
        throw new ExportInputError(
          `The call of ${person.name} on ${call.date} has call type "${call.callTypeCode}", which this program does ` +
            `not define`,
        );
      const { start, end: clockEnd } = dutyPeriod(call.date, type, zone);
      // Where the duty rules end it: on the night the clocks fall back the call type says.
      const endMs = callEndInstant(type, start.toMillis(), clockEnd.toMillis(), scheduledCallMinutes(type));
      const end = endMs === clockEnd.toMillis() ? clockEnd : DateTime.fromMillis(endMs, { zone });
      const nextDay = end.toISODate() !== call.date ? ' next day' : '';
      const part: HalfDay = type.start < '12:00' ? 'AM' : 'PM';
      return {
        uid: entryUid(person.id, call.date, part, `call-${type.code}`),
        kind: 'call' as const,
        code: type.code,
        summary: summaryOf(schedule, type.name),
        location: null,
        description:
          `${draftNote(schedule)}${type.name} (${type.code}), ${clock(start)} – ` +
          `${clock(end)}${nextDay}${type.inHouse ? ', in house' : ', home call'}`,
        timing: { allDay: false as const, start, end },
      };
    });
}

/**
 * Plain words for an inpatient week: the name of the service faculty inpatient weeks attend
 * (settings.services, `facultyWeeks`), e.g. "Family medicine inpatient team (FMIT) week".
 */
export function inpatientWeekLabel(data: ProgramData): { code: string; summary: string; location: string | null } {
  const service = (data.settings.services ?? []).find((s) => s.facultyWeeks);
  if (!service) return { code: 'INPT', summary: 'Inpatient week', location: null };
  const { code, name } = service;
  const activity =
    data.activities.find((a) => a.code === code) ?? data.activities.find((a) => service.rotationCodes.includes(a.code));
  const withCode = !name.includes(code) ? `${name} (${code})` : name;
  return { code, summary: `${withCode} week`, location: activity?.location ?? null };
}

/**
 * Part-day absences (approved or requested) as entries of their own: a time range each day as a
 * timed entry per day, mornings or afternoons as one all-day entry over the absence's days. (A
 * whole-day absence shows through the half-days it turns into leave.)
 */
function partDayAbsenceEntries(opts: EntryOptions): CalendarEntry[] {
  const { data, schedule, person, range } = opts;
  const zone = data.settings.timeZone;
  const policyOf = policyLookup(data.settings.absencePolicies);
  const out: CalendarEntry[] = [];
  for (const a of data.absences) {
    if (
      a.personId !== person.id ||
      a.part === undefined ||
      a.status === 'denied' ||
      a.end < range.start ||
      a.start > range.end
    )
      continue;
    const label = absenceLabel(a, policyOf(a.type));
    const description = `${draftNote(schedule)}${label}${a.note ? `: ${a.note}` : ''}`;
    const first = a.start < range.start ? range.start : a.start;
    const last = a.end > range.end ? range.end : a.end;
    if (typeof a.part === 'string') {
      out.push({
        uid: entryUid(person.id, a.start, a.part, `absence-${a.id}`),
        kind: 'absence',
        code: a.type,
        summary: summaryOf(schedule, label),
        location: null,
        description,
        timing: { allDay: true, startDate: first, endDate: last },
      });
      continue;
    }
    for (const date of datesInRange(first, last))
      out.push({
        uid: entryUid(person.id, date, a.part.start < '12:00' ? 'AM' : 'PM', `absence-${a.id}`),
        kind: 'absence',
        code: a.type,
        summary: summaryOf(schedule, label),
        location: null,
        description,
        timing: { allDay: false, start: wallClock(date, a.part.start, zone), end: wallClock(date, a.part.end, zone) },
      });
  }
  return out;
}

function inpatientWeekEntries(opts: EntryOptions): CalendarEntry[] {
  const { data, schedule, person, range } = opts;
  const label = inpatientWeekLabel(data);
  return schedule.inpatientWeeks
    .filter((w) => w.personId === person.id && w.start <= range.end && w.end >= range.start)
    .map((week) => ({
      uid: entryUid(person.id, week.start, 'DAY', 'inpatient-week'),
      kind: 'inpatient_week' as const,
      code: label.code,
      summary: summaryOf(schedule, label.summary),
      location: label.location,
      description: `${draftNote(schedule)}${label.summary}: ${week.start} – ${week.end}`,
      timing: { allDay: true as const, startDate: week.start, endDate: week.end },
    }));
}

/** A local date-time `YYYY-MM-DDTHH:MM` placed in the zone. */
const atLocal = (dateTime: string, zone: string) => wallClock(dateTime.slice(0, 10), dateTime.slice(11, 16), zone);

/**
 * Moonlighting shifts and callbacks (recorded work with real times, the same in the published
 * schedule and in drafts), each an event identified by its record.
 */
function recordedWorkEntries(opts: EntryOptions): CalendarEntry[] {
  const { data, schedule, person, range } = opts;
  const zone = data.settings.timeZone;
  const inRange = (e: { personId: string; start: string }) =>
    e.personId === person.id && e.start.slice(0, 10) >= range.start && e.start.slice(0, 10) <= range.end;
  const timing = (e: { start: string; end: string }) => ({
    allDay: false as const,
    start: atLocal(e.start, zone),
    end: atLocal(e.end, zone),
  });
  const moonlighting = data.moonlighting.filter(inRange).map((m) => ({
    uid: entryUid(person.id, m.start.slice(0, 10), 'DAY', `moonlighting-${m.id}`),
    kind: 'moonlighting' as const,
    code: 'MOON',
    summary: summaryOf(schedule, `Moonlighting (${m.internal ? 'internal' : 'external'})`),
    location: null,
    description:
      `${draftNote(schedule)}Moonlighting, ${m.internal ? 'internal' : 'external'}; ` +
      `${m.approved ? 'approved' : 'not yet approved'} by the program director. It counts toward the work-hour limits.`,
    timing: timing(m),
  }));
  const callbacks = data.callbacks.filter(inRange).map((c) => ({
    uid: entryUid(person.id, c.start.slice(0, 10), 'DAY', `callback-${c.id}`),
    kind: 'callback' as const,
    code: 'CALLBACK',
    summary: summaryOf(schedule, 'Callback'),
    location: null,
    description:
      `${draftNote(schedule)}Called in during home call${c.note ? `: ${c.note}` : ''}. It counts toward ` +
      `the work-hour limits.`,
    timing: timing(c),
  }));
  return [...moonlighting, ...callbacks];
}

function entryStartKey(e: CalendarEntry): string {
  return e.timing.allDay ? `${e.timing.startDate}T00:00` : e.timing.start.toISO()!.slice(0, 16);
}

/** Every calendar entry of one person in the range, in start order. */
export function personCalendarEntries(opts: EntryOptions): CalendarEntry[] {
  const activities = new Map(opts.data.activities.map((a) => [a.code, a]));
  const callTypes = new Map(opts.data.callTypes.map((c) => [c.code, c]));
  const entries = [
    ...activityEntries(opts, activities),
    ...callEntries(opts, callTypes),
    ...inpatientWeekEntries(opts),
    ...partDayAbsenceEntries(opts),
    ...recordedWorkEntries(opts),
  ];
  const uids = new Set<string>();
  for (const e of entries) {
    // Two calls of one type on one date would share a UID: that is a data error, not an export choice.
    if (uids.has(e.uid))
      throw new ExportInputError(`${opts.person.name} has two ${e.kind} entries with identity ${e.uid}`);
    uids.add(e.uid);
  }
  const keyed = entries.map((e) => ({ e, key: `${entryStartKey(e)}|${e.uid}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.e);
}
