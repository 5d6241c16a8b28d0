// Calendar export: entries from the schedule, and the .ics file read back by an independent
// parser (ical.js) with its VTIMEZONE, so times, zones and UIDs are checked as a calendar app sees them.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import { personCalendarEntries, type CalendarEntry } from '../../core/exports/calendarEntries';
import { buildPersonCalendar, sequenceAt } from '../../core/exports/ics';
import { readPreviousCalendar } from '../../core/exports/previousCalendar';
import {
  ExportInputError,
  resolvePeople,
  resolveRange,
  scheduleFor,
  type ScheduleOverride,
} from '../../core/exports/schedule';
import { makeProgram } from './exports-fixture';

const ZONE = 'America/New_York';

function entriesFor(data: ProgramData, personId: string, start: string, end: string, override?: ScheduleOverride) {
  const person = data.people.find((p) => p.id === personId)!;
  return personCalendarEntries({ data, schedule: scheduleFor(data, override), person, range: { start, end } });
}

function local(e: CalendarEntry): string {
  if (e.timing.allDay) return `${e.timing.startDate}..${e.timing.endDate}`;
  return `${e.timing.start.toFormat('yyyy-MM-dd HH:mm')}–${e.timing.end.toFormat('yyyy-MM-dd HH:mm')}`;
}

interface ParsedEvent {
  uid: string;
  summary: string;
  status: string;
  sequence: number;
  location: string | null;
  allDay: boolean;
  tzid: string | null;
  /** Absolute instants (UTC ISO) for timed events, dates for all-day ones. */
  start: string;
  end: string;
}

/** Parse with ical.js, registering the file's own VTIMEZONE the way a calendar app would. */
function parseIcs(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const ev = new ICAL.Event(v);
    const tzid = v.getFirstProperty('dtstart')!.getParameter('tzid');
    const fmt = (t: ICAL.Time) => (t.isDate ? t.toString() : DateTime.fromJSDate(t.toJSDate()).toUTC().toISO()!);
    return {
      uid: ev.uid,
      summary: ev.summary,
      status: String(v.getFirstPropertyValue('status')),
      sequence: ev.sequence,
      location: ev.location ?? null,
      allDay: ev.startDate.isDate,
      tzid: typeof tzid === 'string' ? tzid : null,
      start: fmt(ev.startDate),
      end: fmt(ev.endDate),
    };
  });
  return { calendar, events };
}

function exportIcs(
  data: ProgramData,
  personId: string,
  start: string,
  end: string,
  opts: { previous?: string; now?: Date; override?: ScheduleOverride } = {},
) {
  const person = data.people.find((p) => p.id === personId)!;
  const schedule = scheduleFor(data, opts.override);
  const entries = personCalendarEntries({ data, schedule, person, range: { start, end } });
  return buildPersonCalendar({
    programName: data.settings.programName,
    timeZone: ZONE,
    person,
    entries,
    range: { start, end },
    draftLabel: schedule.draftLabel,
    previous: opts.previous ? readPreviousCalendar(opts.previous, ZONE, 'previous.ics') : null,
    now: opts.now ?? new Date('2026-11-01T12:00:00Z'),
  });
}

describe('calendar entries', () => {
  const data = makeProgram();

  it('merges a day of clinic into one event with its real hours and location', () => {
    const entries = entriesFor(data, 'r1', '2026-11-09', '2026-11-09');
    expect(entries.map(local)).toEqual(['2026-11-09 08:00–2026-11-09 17:00']);
    expect(entries[0].summary).toBe('Clinic');
    expect(entries[0].location).toBe('Family Health Clinic');
  });

  it('keeps different activities of a day apart and merges weekends and leave into all-day runs', () => {
    const entries = entriesFor(data, 'r1', '2026-11-11', '2026-11-22');
    const rows = entries.map((e) => `${e.summary} ${local(e)}`);
    expect(rows).toEqual([
      'Clinic 2026-11-11 08:00–2026-11-11 12:00',
      'Lecture 2026-11-11 13:00–2026-11-11 17:00',
      'Procedures 2026-11-12 08:00–2026-11-12 12:00',
      'Clinic 2026-11-12 13:00–2026-11-12 17:00',
      'Clinic 2026-11-13 08:00–2026-11-13 17:00',
      'Weekend 2026-11-14..2026-11-15',
      'Leave 2026-11-16..2026-11-20',
      'Weekend 2026-11-21..2026-11-22',
    ]);
  });

  it('shows night float overnight and an untimed morning off as an all-day note', () => {
    const entries = entriesFor(data, 'r3', '2026-11-10', '2026-11-10');
    expect(entries.map((e) => `${e.summary} ${local(e)}`)).toEqual([
      'Off (morning) 2026-11-10..2026-11-10',
      'Night float 2026-11-10 19:00–2026-11-11 07:00',
    ]);
  });

  it('gives calls and inpatient weeks their own events in plain words', () => {
    const entries = entriesFor(data, 'f1', '2026-11-11', '2026-11-13');
    const call = entries.find((e) => e.kind === 'call')!;
    expect(call.summary).toBe('Overnight call');
    expect(local(call)).toBe('2026-11-11 17:00–2026-11-12 07:00');
    const week = entries.find((e) => e.kind === 'inpatient_week')!;
    expect(week.summary).toBe('Inpatient team (FMIT) week');
    expect(local(week)).toBe('2026-11-13..2026-11-19');
  });

  it(
    'gives part-day absences their own entries: a time range each day, mornings or afternoons as an ' + 'all-day note',
    () => {
      const withAbsences = makeProgram();
      withAbsences.absences = [
        {
          id: 'a-range',
          personId: 'r1',
          type: 'medical',
          start: '2026-11-09',
          end: '2026-11-10',
          part: { start: '12:00', end: '17:00' },
          status: 'approved',
          note: 'physio',
        },
        {
          id: 'a-am',
          personId: 'r1',
          type: 'vacation',
          start: '2026-11-12',
          end: '2026-11-12',
          part: 'AM',
          status: 'requested',
          note: null,
        },
        {
          id: 'a-denied',
          personId: 'r1',
          type: 'vacation',
          start: '2026-11-13',
          end: '2026-11-13',
          part: 'PM',
          status: 'denied',
          note: null,
        },
      ];
      const entries = entriesFor(withAbsences, 'r1', '2026-11-09', '2026-11-13').filter((e) => e.kind === 'absence');
      expect(entries.map((e) => `${e.summary} ${local(e)}`)).toEqual([
        'Medical leave 12:00–17:00 2026-11-09 12:00–2026-11-09 17:00',
        'Medical leave 12:00–17:00 2026-11-10 12:00–2026-11-10 17:00',
        'Vacation mornings (requested) 2026-11-12..2026-11-12',
      ]);
      expect(entries[0].description).toBe('Medical leave 12:00–17:00: physio');
      expect(new Set(entries.map((e) => e.uid)).size).toBe(3);
    },
  );

  it('gives moonlighting and callbacks events of their own, with their real times and what they count for', () => {
    const withWork: ProgramData = {
      ...data,
      moonlighting: [
        {
          id: 'ml-7',
          personId: 'f1',
          start: '2026-11-14T08:00',
          end: '2026-11-14T20:00',
          internal: false,
          approved: false,
        },
      ],
      callbacks: [
        { id: 'cb-3', personId: 'f1', start: '2026-11-11T23:30', end: '2026-11-12T02:00', note: 'Admission' },
      ],
    };
    const entries = entriesFor(withWork, 'f1', '2026-11-11', '2026-11-14');
    const shift = entries.find((e) => e.kind === 'moonlighting')!;
    expect([shift.summary, local(shift)]).toEqual(['Moonlighting (external)', '2026-11-14 08:00–2026-11-14 20:00']);
    expect(shift.description).toContain('not yet approved by the program director');
    const callback = entries.find((e) => e.kind === 'callback')!;
    expect([callback.summary, local(callback), callback.uid]).toEqual([
      'Callback',
      '2026-11-11 23:30–2026-11-12 02:00',
      'f1.2026-11-11.DAY.callback-cb-3@residency-scheduler',
    ]);
    expect(callback.description).toBe('Called in during home call: Admission. It counts toward the work-hour limits.');
    // Outside the range: nothing.
    expect(
      entriesFor(withWork, 'f1', '2026-11-15', '2026-11-16').filter(
        (e) => e.kind === 'moonlighting' || e.kind === 'callback',
      ),
    ).toEqual([]);
  });

  it('counts real elapsed hours across daylight-saving changes', () => {
    const fall = makeProgram('2026-10-30', '2026-11-02');
    const fallCall = entriesFor(fall, 'r2', '2026-10-31', '2026-10-31').find((e) => e.kind === 'call')!;
    const spring = makeProgram('2027-03-12', '2027-03-15');
    const springCall = entriesFor(spring, 'r2', '2027-03-13', '2027-03-13').find((e) => e.kind === 'call')!;
    const hours = (e: CalendarEntry) => (e.timing.allDay ? NaN : e.timing.end.diff(e.timing.start, 'hours').hours);
    // A call lasts at most its scheduled hours: on the fall-back night it ends an hour earlier on the clock.
    expect(hours(fallCall)).toBe(24);
    expect(local(fallCall)).toBe('2026-10-31 07:00–2026-11-01 06:00');
    expect(hours(springCall)).toBe(23);
    expect(local(springCall)).toBe('2027-03-13 07:00–2027-03-14 07:00');
    // A call type set to keep its clock end that night: 07:00–07:00 on the clock, 25 real hours.
    const keepsEnd = (p: ProgramData): ProgramData => ({
      ...p,
      callTypes: p.callTypes.map((t) => ({ ...t, clockChange: 'clock_end' as const })),
    });
    const keptCall = entriesFor(keepsEnd(fall), 'r2', '2026-10-31', '2026-10-31').find((e) => e.kind === 'call')!;
    expect(hours(keptCall)).toBe(25);
    expect(local(keptCall)).toBe('2026-10-31 07:00–2026-11-01 07:00');
    const keptSpring = entriesFor(keepsEnd(spring), 'r2', '2027-03-13', '2027-03-13').find((e) => e.kind === 'call')!;
    expect(hours(keptSpring)).toBe(23);
  });

  it('names the person, date and code when an assignment uses an unknown activity', () => {
    const broken = makeProgram();
    broken.assignments = [
      { personId: 'r1', date: '2026-11-10', half: 'AM', activityCode: 'ZZZ', source: 'manual', locked: false },
    ];
    expect(() => entriesFor(broken, 'r1', '2026-11-10', '2026-11-10')).toThrow(/Avery Adams on 2026-11-10 AM .*"ZZZ"/);
  });
});

describe('.ics file', () => {
  const data = makeProgram();

  it('parses back with the VTIMEZONE, zoned times, locations and one UID per event', () => {
    const result = exportIcs(data, 'f1', '2026-11-05', '2026-12-02');
    expect(result.ics).toContain('BEGIN:VTIMEZONE');
    expect(result.ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    const { calendar, events } = parseIcs(result.ics);
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(ZONE);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events).toHaveLength(result.events);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

    // Monday 9 Nov: AT in the morning, clinic in the afternoon (EST = UTC-5).
    const morning = events.find((e) => e.summary === 'Attending (precepting)' && e.start.startsWith('2026-11-09'))!;
    expect(morning).toMatchObject({
      tzid: ZONE,
      start: '2026-11-09T13:00:00.000Z',
      end: '2026-11-09T17:00:00.000Z',
      location: 'Family Health Clinic',
    });
    const call = events.find((e) => e.summary === 'Overnight call' && e.start.startsWith('2026-11-09'))!;
    expect(call).toMatchObject({
      start: '2026-11-09T22:00:00.000Z',
      end: '2026-11-10T12:00:00.000Z',
      status: 'CONFIRMED',
    });
    const week = events.find((e) => e.summary === 'Inpatient team (FMIT) week')!;
    // All-day DTEND is exclusive: the week ends Thursday 19 Nov.
    expect(week).toMatchObject({ allDay: true, start: '2026-11-13', end: '2026-11-20' });
  });

  it('refers events to the VTIMEZONE it includes, also for zone aliases', () => {
    const alias = makeProgram('2026-11-09', '2026-11-09');
    alias.settings = { ...alias.settings, timeZone: 'US/Eastern' };
    const person = alias.people[0];
    const range = { start: '2026-11-09', end: '2026-11-09' };
    const entries = personCalendarEntries({ data: alias, schedule: scheduleFor(alias), person, range });
    const result = buildPersonCalendar({
      programName: 'X',
      timeZone: 'US/Eastern',
      person,
      entries,
      range,
      draftLabel: null,
      previous: null,
      now: new Date(),
    });
    const { calendar, events } = parseIcs(result.ics);
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(ZONE);
    expect(events[0]).toMatchObject({ tzid: ZONE, start: '2026-11-09T13:00:00.000Z' });
  });

  it('places summer events in daylight time', () => {
    const summer = makeProgram('2026-07-06', '2026-07-10');
    const { events } = parseIcs(exportIcs(summer, 'r1', '2026-07-06', '2026-07-10').ics);
    const monday = events.find((e) => e.start.startsWith('2026-07-06'))!;
    expect(monday.start).toBe('2026-07-06T12:00:00.000Z'); // 08:00 EDT
  });

  it('keeps UIDs and sequences for unchanged events, bumps changed ones and cancels removed ones', () => {
    const first = exportIcs(data, 'r1', '2026-11-09', '2026-11-13', { now: new Date('2026-11-01T12:00:00Z') });
    const again = exportIcs(data, 'r1', '2026-11-09', '2026-11-13', {
      previous: first.ics,
      now: new Date('2026-11-02T12:00:00Z'),
    });
    expect(again).toMatchObject({ added: 0, updated: 0, cancelled: 0, unchanged: first.events });
    expect(parseIcs(again.ics).events.map((e) => [e.uid, e.sequence])).toEqual(
      parseIcs(first.ics).events.map((e) => [e.uid, e.sequence]),
    );

    // Tuesday afternoon becomes procedures; Friday's clinic is removed entirely.
    const changed = makeProgram();
    changed.assignments = changed.assignments
      .map((a) =>
        a.personId === 'r1' && a.date === '2026-11-10' && a.half === 'PM' ? { ...a, activityCode: 'PROC' } : a,
      )
      .filter((a) => !(a.personId === 'r1' && a.date === '2026-11-13'));
    const later = new Date('2026-11-03T12:00:00Z');
    const third = exportIcs(changed, 'r1', '2026-11-09', '2026-11-13', { previous: again.ics, now: later });
    const events = parseIcs(third.ics).events;
    const tuesday = events.find((e) => e.uid.includes('.2026-11-10.AM.'))!;
    expect(tuesday).toMatchObject({ summary: 'Clinic', end: '2026-11-10T17:00:00.000Z', sequence: sequenceAt(later) });
    const newPm = events.find((e) => e.uid.includes('.2026-11-10.PM.'))!;
    expect(newPm.summary).toBe('Procedures');
    const friday = events.find((e) => e.uid.includes('.2026-11-13.AM.'))!;
    expect(friday).toMatchObject({ status: 'CANCELLED', start: '2026-11-13T13:00:00.000Z' });
    expect(friday.sequence).toBeGreaterThan(parseIcs(again.ics).events.find((e) => e.uid === friday.uid)!.sequence);
    expect(third).toMatchObject({ added: 1, updated: 1, cancelled: 1 });

    // A person who skipped that import still gets the cancellation next time.
    const fourth = exportIcs(changed, 'r1', '2026-11-09', '2026-11-13', {
      previous: third.ics,
      now: new Date('2026-11-04T12:00:00Z'),
    });
    const carried = parseIcs(fourth.ics).events.find((e) => e.uid === friday.uid)!;
    expect(carried).toMatchObject({ status: 'CANCELLED', sequence: friday.sequence });
    expect(fourth.updated).toBe(0);
  });

  it('does not cancel previously exported events outside the new range', () => {
    const wide = exportIcs(data, 'r1', '2026-11-09', '2026-11-20');
    const narrow = exportIcs(data, 'r1', '2026-11-09', '2026-11-10', { previous: wide.ics });
    expect(narrow.cancelled).toBe(0);
    expect(parseIcs(narrow.ics).events.every((e) => e.start < '2026-11-11')).toBe(true);
  });

  it('ignores a previous file that belongs to someone else', () => {
    const other = exportIcs(data, 'r4', '2026-11-09', '2026-11-13');
    const mine = exportIcs(data, 'r1', '2026-11-09', '2026-11-13', { previous: other.ics });
    expect(mine.cancelled).toBe(0);
  });

  it('marks every event of a draft as DRAFT and tentative', () => {
    const override: ScheduleOverride = {
      label: 'Block 5 regeneration',
      start: '2026-11-09',
      end: '2026-11-10',
      assignments: [
        { personId: 'r1', date: '2026-11-09', half: 'AM', activityCode: 'PROC', source: 'solver', locked: false },
      ],
      calls: [],
    };
    const result = exportIcs(data, 'r1', '2026-11-09', '2026-11-11', { override });
    const { calendar, events } = parseIcs(result.ics);
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toContain('(DRAFT)');
    expect(events.every((e) => e.summary.startsWith('DRAFT: ') && e.status === 'TENTATIVE')).toBe(true);
    // Inside the draft range only the draft's assignments count: Monday PM and all Tuesday are empty.
    expect(events.map((e) => e.summary)).toEqual(['DRAFT: Procedures', 'DRAFT: Clinic', 'DRAFT: Lecture']);
  });

  it('rejects a previous file that is not iCalendar, naming it', () => {
    expect(() => readPreviousCalendar('not a calendar', ZONE, 'Avery Adams.ics')).toThrow(/Avery Adams\.ics/);
  });
});

describe('selection', () => {
  const data = makeProgram();

  it('defaults to the rest of the academic year', () => {
    expect(resolveRange({}, '2026-11-23')).toEqual({ start: '2026-11-23', end: '2027-06-30' });
    expect(resolveRange({ start: '2027-03-01' }, '2026-11-23')).toEqual({ start: '2027-03-01', end: '2027-06-30' });
    expect(() => resolveRange({ start: '2026-12-01', end: '2026-11-01' }, '2026-11-23')).toThrow(/before its start/);
    expect(() => resolveRange({ start: '2026-13-01' }, '2026-11-23')).toThrow(/start date "2026-13-01"/);
  });

  it('selects people by id, PGY class or everyone active', () => {
    expect(resolvePeople(data, { pgyLevels: [1] }, '2026-11-05').map((p) => p.id)).toEqual(['r1', 'r4']);
    expect(resolvePeople(data, {}, '2026-11-05').map((p) => p.id)).not.toContain('x1');
    expect(resolvePeople(data, { kinds: ['faculty'] }, '2026-11-05').map((p) => p.id)).toEqual(['f1', 'f2']);
    expect(() => resolvePeople(data, { personIds: ['nobody'] }, '2026-11-05')).toThrow(/"nobody"/);
    expect(() => resolvePeople(data, { pgyLevels: [5] }, '2026-11-05')).toThrow(ExportInputError);
  });

  it('rejects a draft entry outside the draft range', () => {
    const override: ScheduleOverride = {
      label: 'Bad',
      start: '2026-11-09',
      end: '2026-11-10',
      assignments: [
        { personId: 'r1', date: '2026-11-12', half: 'AM', activityCode: 'C', source: 'solver', locked: false },
      ],
      calls: [],
    };
    expect(() => scheduleFor(data, override)).toThrow(/2026-11-12 lies outside the draft's range/);
  });
});
