// An independent examiner's ACGME scenarios (Common Program Requirements VI.F, as DOMAIN.md
// paraphrases them), each a tiny program file written the way a person authors one and checked
// with `cli validate`, the path a user takes. Every expected finding was computed by hand before
// the rules engine was read; the arithmetic is in each scenario's `why`. Only the rules a scenario
// names are compared, so one case examines one edge.
//
// Calendar facts used below (America/New_York, the default time zone): 2026-07-01 is a Wednesday;
// 2026-09-07 a Monday; blocks of 28 days start on Thursdays, so block 4 starts 2026-09-24 and the
// 28-day windows around September straddle blocks 3 and 4. Clocks fall back on Sunday 2026-11-01
// at 02:00 and spring forward on Sunday 2027-03-14 at 02:00.
//
// Assumptions (from DOMAIN.md and the ACGME FAQ on averaging):
// - A 28-day window is always 28 days; days with nothing scheduled (also before the academic year
//   or before a resident's first day) are days without work, not days left out of the average.
// - Approved leave is neither work nor time off: leave days leave the numerator and denominator of
//   the 80-hour average and of the 1-in-7 requirement (which is then 4 × non-leave days / 28); a
//   leave day is never counted as a free day.
// - A free day is a continuous 24 hours with no work and no home call inside the window; a stretch
//   of time off counts floor(hours / 24) free days.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { defaultSettings } from '../../core/domain/defaults';
import type { ProgramSettings } from '../../core/domain/types';
import { exchangeActivity as activity } from '../exchange-activity';
import { rotation } from '../unit/rules/fixtures';

type Json = Record<string, unknown>;

// ---- dates (plain UTC arithmetic on calendar dates; independent of the app's helpers) ----
const shift = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** Dates from `start` to `end` inclusive, stepping `step` days, keeping the ISO weekdays given (1 = Monday). */
function dates(start: string, end: string, weekdays = [1, 2, 3, 4, 5, 6, 7], step = 1): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = shift(d, step)) {
    const iso = new Date(`${d}T12:00:00Z`).getUTCDay() || 7;
    if (weekdays.includes(iso)) out.push(d);
  }
  return out;
}
const WEEKDAYS = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];

// ---- the program file ----
const times = (start: string, end: string) => ({ start, end });
const ACTIVITIES = [
  activity('W16', 'clinical', times('06:00', '12:00'), times('12:00', '22:00')), // 16 h, 06:00–22:00
  activity('W165', 'clinical', times('06:00', '12:00'), times('12:00', '22:30')), // 16.5 h
  activity('D12', 'clinical', times('06:00', '12:00'), times('12:00', '18:00')), // 12 h, 06:00–18:00
  activity('C8', 'clinical', times('08:00', '12:00'), times('13:00', '17:00')), // clinic
  activity('HO', 'clinical', times('07:00', '11:00'), null, { patientCare: false }), // handoff, 4 h
  activity('HO45', 'clinical', times('07:00', '11:30'), null, { patientCare: false }), // handoff, 4.5 h
  activity('HO5', 'clinical', times('07:00', '12:00'), null, { patientCare: false }), // handoff, 5 h
  activity('RND', 'clinical', times('07:00', '08:00'), null), // rounds: new patient care
  activity('EVE', 'clinical', null, times('21:00', '23:00')),
  activity('EVE2', 'clinical', null, times('20:30', '23:00')),
  activity('NF', 'clinical', null, times('20:00', '08:00')), // night float, 12 h into the next morning
  activity('HOL', 'time_off', null, null), // a holiday off
  // clinic that needs supervision and fills the clinic; virtual clinic (not counted); precepting; procedures
  activity('C', 'clinical', times('08:00', '12:00'), times('13:00', '17:00'), {
    needsSupervision: true,
    countsTowardClinicCapacity: true,
  }),
  activity('CV', 'clinical', times('08:00', '12:00'), times('13:00', '17:00'), { needsSupervision: true }),
  activity('AT', 'clinical', times('08:00', '12:00'), times('13:00', '17:00'), { providesSupervision: true }),
  activity('PROC', 'clinical', times('08:00', '12:00'), times('13:00', '17:00'), {
    needsSupervision: true,
    extraSupervisionUnits: 4,
  }),
];
const callType = (code: string, start: string, end: string, inHouse: boolean, extra: Json = {}) => ({
  code,
  name: code,
  start,
  end,
  inHouse,
  for: 'resident',
  countsTowardDutyHours: true,
  ...extra,
});
const CALL_TYPES = [
  callType('LD', '07:00', '07:00', true), // 24-hour in-house call
  callType('LDX', '07:00', '07:00', true, { clockChange: 'clock_end' }), // keeps 07:00 on the fall-back night
  callType('NC', '17:00', '07:00', true), // in-house night call, 14 h
  callType('HC', '08:00', '08:00', false), // 24-hour home call
  callType('HN', '18:00', '06:00', false), // overnight home call
];
const resident = (id: string, pgy: Record<string, number>) => ({
  id,
  name: `Resident ${id}`,
  kind: 'resident',
  facultyRole: null,
  pgyByYear: pgy,
  email: null,
  active: true,
  credentials: [],
  certifications: [],
});

interface Schedule {
  assignments?: Json[];
  calls?: Json[];
  absences?: Json[];
  moonlighting?: Json[];
  callbacks?: Json[];
  years?: number[];
  /** People beyond r2 and r1 (faculty, more residents). */
  people?: Json[];
  rotations?: unknown[];
  rotationAssignments?: Json[];
  holidays?: Json[];
  /** The 80-hour rule's setting: a rotation shorter than 28 days is also averaged over its own days. */
  averageShortRotations?: boolean;
}
function withShortRotations(settings: ProgramSettings, on: boolean): ProgramSettings {
  return {
    ...settings,
    rules: settings.rules.map((r) =>
      r.type === 'acgme_80h' ? { ...r, params: { ...r.params, averageShortRotations: on } } : r,
    ),
  };
}
function programFile(s: Schedule): Json {
  const years = s.years ?? [2026];
  const pgy = (level: number) => Object.fromEntries(years.map((y, i) => [String(y), Math.min(level + i, 3)]));
  return {
    format: 'residency-program',
    version: 3,
    exportedAt: '2026-07-01T00:00:00Z',
    program: {
      settings: withShortRotations(defaultSettings('Examiner program'), s.averageShortRotations ?? false),
      academicYears: years,
      people: [resident('r2', pgy(2)), resident('r1', pgy(1)), ...(s.people ?? [])],
      activities: ACTIVITIES,
      rotations: s.rotations ?? [],
      callTypes: CALL_TYPES,
      holidays: s.holidays ?? [],
      absences: s.absences ?? [],
      rotationAssignments: s.rotationAssignments ?? [],
      assignments: s.assignments ?? [],
      calls: s.calls ?? [],
      inpatientWeeks: [],
      moonlighting: s.moonlighting ?? [],
      callbacks: s.callbacks ?? [],
    },
  };
}

const work = (personId: string, days: string[], code: string, halves = ['AM', 'PM']) =>
  days.flatMap((date) =>
    halves.map((half) => ({ personId, date, half, activityCode: code, source: 'manual', locked: false })),
  );
const call = (personId: string, date: string, callTypeCode: string) => ({
  date,
  callTypeCode,
  personId,
  source: 'manual',
});
let ids = 0;
const moonlight = (personId: string, start: string, end: string, extra: Json = {}) => ({
  id: `ml${++ids}`,
  personId,
  start,
  end,
  internal: false,
  approved: true,
  ...extra,
});
const callback = (personId: string, start: string, end: string) => ({ id: `cb${++ids}`, personId, start, end });
const absence = (personId: string, type: string, start: string, end: string, extra: Json = {}) => ({
  id: `ab${++ids}`,
  personId,
  type,
  start,
  end,
  status: 'approved',
  note: '',
  ...extra,
});

// ---- rotations, holidays and a clinic's people (fourth batch) ----
const planEntry = (personId: string, blockNumber: number, part: string, rotationId: string, academicYear = 2026) => ({
  personId,
  academicYear,
  blockNumber,
  part,
  rotationId,
});
/** r2 on a half-block ICU (inpatient, not leave-eligible) Sep 24 – Oct 7 (block 4, first half), OUT Oct 8 – 21. */
const halfBlockIcu = (): Schedule => ({
  rotations: [
    rotation('icu', 'ICU', { setting: 'inpatient', leaveEligible: false, halfBlock: true }),
    rotation('out', 'OUT', { halfBlock: true }),
  ],
  rotationAssignments: [planEntry('r2', 4, 'first', 'icu'), planEntry('r2', 4, 'second', 'out')],
});
const LABOR_DAY = { date: '2026-09-07', name: 'Labor Day', dayType: 'federal_holiday' };
/** r2's absences in a year with Labor Day (a federal holiday: not a working day away). */
const awayWithLaborDay = (...absences: Json[]): Schedule => ({ holidays: [LABOR_DAY], absences });
const faculty = (id: string) => ({ ...resident(id, {}), name: `Faculty ${id}`, kind: 'faculty', facultyRole: 'core' });
/** Besides r1 (PGY-1) and r2 (PGY-2): r1b PGY-1, r2b … r2d and r3 … r5 PGY-2, faculty f1. */
const CLINIC_PEOPLE = [
  resident('r1b', { 2026: 1 }),
  ...['r2b', 'r2c', 'r2d', 'r3', 'r4', 'r5'].map((id) => resident(id, { 2026: 2 })),
  faculty('f1'),
];
/** Two years: r2b … r2d PGY-2 in AY 2026 and PGY-3 in 2027, faculty f1. */
const CLINIC_PEOPLE_2027 = [...['r2b', 'r2c', 'r2d'].map((id) => resident(id, { 2026: 2, 2027: 3 })), faculty('f1')];
const SIX = ['r1', 'r1b', 'r2', 'r2b', 'r2c', 'r2d'];
/** The people in one activity on the given days' half (Wed Sep 9 AM unless told). */
const clinic = (people: string[], code: string, days = ['2026-09-09'], half = 'AM') =>
  people.flatMap((id) => work(id, days, code, [half]));

// ---- expectations ----
interface Expected {
  rule: string;
  person: string;
  severity: string;
  measured?: number;
  limit?: number;
  /** First and last date of the finding, where a single window or slot is the answer. */
  start?: string;
  end?: string;
}
interface Scenario {
  name: string;
  why: string;
  rules: string[];
  schedule: Schedule;
  year?: number;
  expect: Expected[];
}

// A Monday-to-Sunday run of D12 weeks with Sundays off, Aug 3 – Nov 7: every 28-day window holds
// exactly four Sundays, each free from Saturday 18:00 to Monday 06:00 (36 h = 1 free day).
const sundaysOff = (except: string[] = []) =>
  work(
    'r2',
    dates('2026-08-03', '2026-11-07', MON_SAT).filter((d) => !except.includes(d)),
    'D12',
  );
const FIVE_WEEKS_80 = dates('2026-09-07', '2026-10-02', WEEKDAYS); // 20 weekdays
const SEPT_MONTH = dates('2026-09-07', '2026-10-04'); // Monday … Sunday, 28 days

const SCENARIOS: Scenario[] = [
  // ---------------- 80 hours a week, averaged over 28 days ----------------
  {
    name: '80h: exactly 80.0 h/week over a window straddling two blocks',
    why:
      '20 weekdays Sep 7 – Oct 2 of 16 h = 320 h; the three windows holding them all (starting Sep 5, 6, 7) ' +
      'average 320 / 4 = 80.0: at the limit, allowed',
    rules: ['acgme_80h'],
    schedule: { assignments: work('r2', FIVE_WEEKS_80, 'W16') },
    expect: [],
  },
  {
    name: '80h: 80.25 h/week (one hour of moonlighting more) is over',
    why: '320 h + 1 h of moonlighting on Sat Sep 12 = 321 h / 4 = 80.25 in the windows starting Sep 5, 6, 7',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', FIVE_WEEKS_80, 'W16'),
      moonlighting: [moonlight('r2', '2026-09-12T10:00', '2026-09-12T11:00')],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },
  {
    name: '80h: external moonlighting counts: 304 h + 16 h = 80.0 is allowed',
    why: '19 weekdays Sep 7 – Oct 1 × 16 h = 304 h, + Sat Sep 26 08:00–24:00 = 16 h: 320 / 4 = 80.0',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2026-09-07', '2026-10-01', WEEKDAYS), 'W16'),
      moonlighting: [moonlight('r2', '2026-09-26T08:00', '2026-09-27T00:00')],
    },
    expect: [],
  },
  {
    name: '80h: external moonlighting counts: 304 h + 17 h past midnight = 80.25 is over',
    why: '304 h + Sat Sep 26 08:00 – Sun 01:00 = 17 h: 321 / 4 = 80.25 (windows starting Sep 4 … 7)',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2026-09-07', '2026-10-01', WEEKDAYS), 'W16'),
      moonlighting: [moonlight('r2', '2026-09-26T08:00', '2026-09-27T01:00')],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },
  {
    name: '80h: a week of vacation leaves the average; 240 h over the 21 other days is exactly 80',
    why: 'W16 on the 15 weekdays outside vacation Sep 14–20 = 240 h; 21 non-leave days = 3 weeks: 80.0',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work(
        'r2',
        FIVE_WEEKS_80.filter((d) => d < '2026-09-14' || d > '2026-09-20'),
        'W16',
      ),
      absences: [absence('r2', 'vacation', '2026-09-14', '2026-09-20')],
    },
    expect: [],
  },
  {
    name: '80h: with a week of vacation, one hour more is 80.33 (not 60.25: leave is not averaged in)',
    why:
      '241 h over 21 non-leave days = 241 / 3 = 80.33 in the windows starting Sep 5, 6, 7 (each holds the whole ' +
      'leave week)',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work(
        'r2',
        FIVE_WEEKS_80.filter((d) => d < '2026-09-14' || d > '2026-09-20'),
        'W16',
      ),
      absences: [absence('r2', 'vacation', '2026-09-14', '2026-09-20')],
      moonlighting: [moonlight('r2', '2026-09-26T10:00', '2026-09-26T11:00')],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.33, limit: 80 }],
  },
  {
    name: '80h: first two weeks of the year at 112 h/week, then nothing: 56 h/week over 28 days',
    why:
      'W16 every day Jul 1–14 = 224 h; any 28-day window holds at most 224 h = 56 h/week. Fewer than 28 days of ' +
      'history is no shorter window',
    rules: ['acgme_80h'],
    schedule: { assignments: work('r1', dates('2026-07-01', '2026-07-14'), 'W16') },
    expect: [],
  },
  {
    name: '80h: first 23 days of the year at 16 h a day is over from the first full window on',
    why: 'W16 every day Jul 1–23 = 368 h; windows ending Jul 23 … 28 hold all of it: 368 / 4 = 92.0',
    rules: ['acgme_80h'],
    schedule: { assignments: work('r1', dates('2026-07-01', '2026-07-23'), 'W16') },
    expect: [{ rule: 'acgme_80h', person: 'r1', severity: 'critical', measured: 92, limit: 80 }],
  },
  {
    name: '80h: a window straddling the academic-year boundary (checked in the new year)',
    why:
      'W16 on 14 days Jun 14–30 2027 (224 h, 56 h/week in any window of AY 2026) + 7 days Jul 1–9 2027 (112 h): ' +
      'windows starting Jun 12 … 14 hold 336 h = 84.0',
    rules: ['acgme_80h'],
    year: 2027,
    schedule: {
      years: [2026, 2027],
      assignments: work(
        'r2',
        [...dates('2027-06-14', '2027-06-30', WEEKDAYS), '2027-06-19'].concat(
          dates('2027-07-01', '2027-07-09', WEEKDAYS),
        ),
        'W16',
      ),
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 84, limit: 80 }],
  },
  {
    name: '80h: the same program checked in the old year reports the same straddling windows',
    why:
      'the failing windows (Jun 12 … Jul 11) hold 224 h of AY 2026 work: checking AY 2026 shows them too ' +
      '(examiner first expected none, reading "windows ending by Jun 30"; a window that holds June work belongs to ' +
      'June as much as to July)',
    rules: ['acgme_80h'],
    year: 2026,
    schedule: {
      years: [2026, 2027],
      assignments: work(
        'r2',
        [...dates('2027-06-14', '2027-06-30', WEEKDAYS), '2027-06-19'].concat(
          dates('2027-07-01', '2027-07-09', WEEKDAYS),
        ),
        'W16',
      ),
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 84, limit: 80 }],
  },
  {
    name: '80h: a resident who starts mid-year with two heavy weeks averages over 28 days',
    why: 'r1 has nothing before Mon Jan 4 2027; W16 every day Jan 4–17 = 224 h: any window 56 h/week',
    rules: ['acgme_80h'],
    schedule: { assignments: work('r1', dates('2027-01-04', '2027-01-17'), 'W16') },
    expect: [],
  },
  {
    name: '80h: home call hours are not work: 60 h of days + overnight home call every weeknight',
    why: 'D12 on 20 weekdays = 240 h = 60 h/week; 20 nights of home call 18:00–06:00 add nothing without callbacks',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', FIVE_WEEKS_80, 'D12'),
      calls: FIVE_WEEKS_80.map((d) => call('r2', d, 'HN')),
    },
    expect: [],
  },
  {
    name: '80h: callbacks during home call count: 240 h + 80 h of callbacks = 80.0',
    why: '20 callbacks 20:00–24:00 = 80 h: 320 / 4 = 80.0',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', FIVE_WEEKS_80, 'D12'),
      calls: FIVE_WEEKS_80.map((d) => call('r2', d, 'HN')),
      callbacks: FIVE_WEEKS_80.map((d) => callback('r2', `${d}T20:00`, `${shift(d, 1)}T00:00`)),
    },
    expect: [],
  },
  {
    name: '80h: callbacks during home call count: one callback an hour longer makes 80.25',
    why: 'the Fri Sep 11 callback runs 20:00–01:00 (5 h): 321 / 4 = 80.25 in the windows starting Sep 5, 6, 7',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', FIVE_WEEKS_80, 'D12'),
      calls: FIVE_WEEKS_80.map((d) => call('r2', d, 'HN')),
      callbacks: FIVE_WEEKS_80.map((d) =>
        callback('r2', `${d}T20:00`, d === '2026-09-11' ? '2026-09-12T01:00' : `${shift(d, 1)}T00:00`),
      ),
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },

  // ---------------- one day in seven free, averaged: 4 free days in every 28 days ----------------
  {
    name: 'day off: Sundays off every week is 4 free days in every window (also over the fall-back Sunday)',
    why: 'each Sunday is free Sat 18:00 – Mon 06:00 (36 h, 37 over Nov 1): 1 free day; any 28 days hold 4 Sundays',
    rules: ['acgme_day_off'],
    schedule: { assignments: sundaysOff() },
    expect: [],
  },
  {
    name: 'day off: a post-call Sunday that starts at 07:00 is not a free day',
    why:
      'Sat Sep 19 is a 24-hour call to Sun 07:00; free Sun 07:00 – Mon 06:00 = 23 h: 0. Windows holding Sep 20 ' +
      '(Aug 24 … Sep 20 starts) have 3 free days',
    rules: ['acgme_day_off'],
    schedule: { assignments: sundaysOff(['2026-09-19']), calls: [call('r2', '2026-09-19', 'LD')] },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: 'day off: exactly 24 h off (Sun 00:00 – Mon 00:00) is a free day',
    why: 'moonlighting Sat Sep 19 18:00–24:00 and Mon Sep 21 00:00–06:00 leaves Sunday Sep 20 free, 24 h exactly: 1',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      moonlighting: [
        moonlight('r2', '2026-09-19T18:00', '2026-09-20T00:00'),
        moonlight('r2', '2026-09-21T00:00', '2026-09-21T06:00'),
      ],
    },
    expect: [],
  },
  {
    name: 'day off: 23.5 h off is not a free day',
    why: 'as above with the Sat moonlighting to Sun 00:30: free 23.5 h: 0. Windows holding Sep 20 have 3',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      moonlighting: [
        moonlight('r2', '2026-09-19T18:00', '2026-09-20T00:30'),
        moonlight('r2', '2026-09-21T00:00', '2026-09-21T06:00'),
      ],
    },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: "day off: 24 h off cut by a window's first midnight counts only inside that window",
    why:
      'moonlighting Sun Sep 20 18:00–22:00: free Sat 18:00 – Sun 18:00 (24 h); the window Sep 20 – Oct 17 holds ' +
      '18 h of it, so 3 free days there (every other window has 4). Examiner first expected none; see the report: a ' +
      'window counts the free time inside it',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      moonlighting: [moonlight('r2', '2026-09-20T18:00', '2026-09-20T22:00')],
    },
    expect: [
      {
        rule: 'acgme_day_off',
        person: 'r2',
        severity: 'critical',
        measured: 3,
        limit: 4,
        start: '2026-09-20',
        end: '2026-10-17',
      },
    ],
  },
  {
    name: 'day off: home call on the day off takes it (ACGME: no at-home call on free days)',
    why: 'home call Sun Sep 20 08:00 – Mon 08:00: free Sat 18:00 – Sun 08:00 = 14 h: 0. Windows holding Sep 20 have 3',
    rules: ['acgme_day_off'],
    schedule: { assignments: sundaysOff(), calls: [call('r2', '2026-09-20', 'HC')] },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: 'day off: a week of vacation is not 7 days off; the requirement is 3 for the 21 other days',
    why:
      'D12 every day Sep 7 – Oct 4 but Sun Sep 27 and vacation Sep 14–20. Window Sep 7 – Oct 4: 1 free day (Sep ' +
      '27) of 3 required; windows starting Sep 6 and Sep 8 add one free edge day (2 of 3); Sep 5 and Sep 9 reach 3',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: work(
        'r2',
        SEPT_MONTH.filter((d) => d !== '2026-09-27' && (d < '2026-09-14' || d > '2026-09-20')),
        'D12',
      ),
      absences: [absence('r2', 'vacation', '2026-09-14', '2026-09-20')],
    },
    expect: [
      {
        rule: 'acgme_day_off',
        person: 'r2',
        severity: 'critical',
        measured: 1,
        limit: 3,
        // the run of failing windows Sep 6 – Oct 3, Sep 7 – Oct 4, Sep 8 – Oct 5 (its message names the worst)
        start: '2026-09-06',
        end: '2026-10-05',
      },
    ],
  },

  // ---------------- continuous work: 24 h + up to 4 h of transitions ----------------
  {
    name: 'continuous: 24 h call + 4 h handoff = 28 h exactly is allowed',
    why: 'call Tue Sep 1 07:00 – Wed 07:00, handoff (no new patient care) 07:00–11:00: 28 h',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'HO', ['AM']) },
    expect: [],
  },
  {
    name: 'continuous: 24 h call + 4.5 h handoff = 28.5 h is over 24 + 4',
    why: 'handoff 07:00–11:30: 28.5 h > 28',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'HO45', ['AM']) },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 28.5, limit: 28 }],
  },
  {
    name: 'continuous: new patient care in the transition hours is over 24 even when the period is 25 h',
    why: 'call to Wed 07:00, then rounds (patient care) 07:00–08:00: care ends 25 h after the start > 24',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'RND', ['AM']) },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 25, limit: 24 }],
  },
  {
    name: 'continuous: a 07:00–07:00 call over the fall-back night lasts its scheduled 24 h by default',
    why: 'clockChange scheduled_hours (the default): the call ends 06:00 on the clock after 24 real hours',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2026-10-31', 'LD')] },
    expect: [],
  },
  {
    name: 'continuous: kept to its 07:00 clock end, the fall-back call is 25 real hours of patient care',
    why: 'clockChange clock_end: Sat Oct 31 07:00 – Sun Nov 1 07:00 EST = 25 h > 24',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2026-10-31', 'LDX')] },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 25, limit: 24 }],
  },
  {
    name: 'continuous: the spring-forward call is 23 h, so a 5 h handoff ends at 28 real hours',
    why: 'Sat Mar 13 2027 07:00 EST – Sun 07:00 EDT = 23 h, + handoff 07:00–12:00 = 28 h (29 on the clock)',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2027-03-13', 'LD')], assignments: work('r2', ['2027-03-14'], 'HO5', ['AM']) },
    expect: [],
  },
  {
    name: 'continuous: the same 5 h handoff after an ordinary 24 h call is 29 h',
    why: 'Sat Mar 6 2027 07:00 – Sun 07:00 = 24 h + 5 h = 29 h > 28',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2027-03-06', 'LD')], assignments: work('r2', ['2027-03-07'], 'HO5', ['AM']) },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 29, limit: 28 }],
  },

  // ---------------- rest: 14 h after 24 h of in-house call (must), 8 h between periods (should) ----------------
  {
    name: 'rest after call: exactly 14 h free after a 24 h call is allowed',
    why: 'call ends Wed Sep 2 07:00; next work 21:00: 14 h',
    rules: ['acgme_rest_after_call'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'EVE', ['PM']) },
    expect: [],
  },
  {
    name: 'rest after call: 13.5 h is a violation',
    why: 'call ends 07:00; next work 20:30: 13.5 h < 14',
    rules: ['acgme_rest_after_call'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'EVE2', ['PM']) },
    expect: [{ rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 13.5, limit: 14 }],
  },
  {
    name: 'rest after call: the 14 h count from the end of the handoff, not of the call',
    why: 'call to 07:00, handoff to 11:00, next work 21:00: 10 h free < 14',
    rules: ['acgme_rest_after_call'],
    schedule: {
      calls: [call('r2', '2026-09-01', 'LD')],
      assignments: [...work('r2', ['2026-09-02'], 'HO', ['AM']), ...work('r2', ['2026-09-02'], 'EVE', ['PM'])],
    },
    expect: [{ rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 10, limit: 14 }],
  },
  {
    name: 'rest between: exactly 8 h between two shifts is fine',
    why: 'Tue Sep 1 06:00–22:00, Wed 06:00–18:00: 8 h',
    rules: ['acgme_rest_between', 'acgme_rest_after_call'],
    schedule: {
      assignments: [...work('r2', ['2026-09-01'], 'W16'), ...work('r2', ['2026-09-02'], 'D12')],
    },
    expect: [],
  },
  {
    name: 'rest between: 7.5 h between two shifts is a warning (medium), not a violation',
    why: 'Tue 06:00–22:30, Wed 06:00: 7.5 h < 8 (should); no in-house call, so no rest-after-call finding',
    rules: ['acgme_rest_between', 'acgme_rest_after_call'],
    schedule: {
      assignments: [...work('r2', ['2026-09-01'], 'W165'), ...work('r2', ['2026-09-02'], 'D12')],
    },
    expect: [{ rule: 'acgme_rest_between', person: 'r2', severity: 'medium', measured: 7.5, limit: 8 }],
  },

  {
    name: 'rest: a 14 h night call is not 24 h of in-house call: 6 h after it is a warning, not a violation',
    why:
      'night call Tue Sep 1 17:00 – Wed 07:00 (14 h), clinic Wed 13:00: 6 h < 8 between periods (should); the 14 ' +
      'h rule needs 24 h of call',
    rules: ['acgme_rest_between', 'acgme_rest_after_call'],
    schedule: { calls: [call('r2', '2026-09-01', 'NC')], assignments: work('r2', ['2026-09-02'], 'C8', ['PM']) },
    expect: [{ rule: 'acgme_rest_between', person: 'r2', severity: 'medium', measured: 6, limit: 8 }],
  },
  {
    name: 'consecutive days (local policy, stricter than 1-in-7): 6 worked days are fine, 7 are not',
    why: 'r1 clinic Sep 7–12 (6 days); r2 clinic Sep 7–13 (7 days) > 6',
    rules: ['consecutive_days'],
    schedule: {
      assignments: [
        ...work('r1', dates('2026-09-07', '2026-09-12'), 'C8'),
        ...work('r2', dates('2026-09-07', '2026-09-13'), 'C8'),
      ],
    },
    expect: [
      {
        rule: 'consecutive_days',
        person: 'r2',
        severity: 'medium',
        measured: 7,
        limit: 6,
        start: '2026-09-07',
        end: '2026-09-13',
      },
    ],
  },

  // ---------------- in-house call no more than every third night, averaged over 4 weeks ----------------
  {
    name: 'call frequency: 9 in-house nights every third night in 28 days is allowed',
    why: 'night calls Sep 7, 10, … Oct 1 (9): no 28-day window holds more than 9 ≤ 28 / 3',
    rules: ['acgme_call_frequency'],
    schedule: { calls: dates('2026-09-07', '2026-10-01', undefined, 3).map((d) => call('r2', d, 'NC')) },
    expect: [],
  },
  {
    name: 'call frequency: strict q3 from day 1 to day 28 is 10 nights in one window: over 9.33',
    why: 'night calls Sep 7, 10, … Oct 4 (10); only the window Sep 7 – Oct 4 holds all 10 > 28 / 3',
    rules: ['acgme_call_frequency'],
    schedule: { calls: dates('2026-09-07', '2026-10-04', undefined, 3).map((d) => call('r2', d, 'NC')) },
    expect: [
      {
        rule: 'acgme_call_frequency',
        person: 'r2',
        severity: 'high',
        measured: 10,
        limit: 9,
        start: '2026-09-07',
        end: '2026-10-04',
      },
    ],
  },
  {
    name: 'call frequency: q2 for 17 days then none averages to q3 over 4 weeks',
    why: 'night calls Sep 7, 9, … 23 (9): 9 in any 28 days',
    rules: ['acgme_call_frequency'],
    schedule: { calls: dates('2026-09-07', '2026-09-23', undefined, 2).map((d) => call('r2', d, 'NC')) },
    expect: [],
  },
  {
    name: 'call frequency: home call is not in-house call',
    why: 'overnight home call every night for two weeks: no in-house call at all',
    rules: ['acgme_call_frequency'],
    schedule: { calls: dates('2026-09-07', '2026-09-20').map((d) => call('r2', d, 'HN')) },
    expect: [],
  },

  // ---------------- daylight saving in the 80-hour average ----------------
  {
    name: '80h over the fall-back night: a 24 h call kept to its scheduled hours keeps the total at 320',
    why:
      'D12 on 20 weekdays Oct 12 – Nov 6 (240 h) + calls Sat Oct 17, 24, 31 (3 × 24 h; Oct 31 ends 06:00 on the ' +
      'clock) + moonlighting Wed Oct 14 20:00–04:00 (8 h) = 320: 80.0',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2026-10-12', '2026-11-06', WEEKDAYS), 'D12'),
      calls: ['2026-10-17', '2026-10-24', '2026-10-31'].map((d) => call('r2', d, 'LD')),
      moonlighting: [moonlight('r2', '2026-10-14T20:00', '2026-10-15T04:00')],
    },
    expect: [],
  },
  {
    name: '80h over the fall-back night: the same call kept to its 07:00 clock end is 25 h: 80.25',
    why:
      'as above with clockChange clock_end: Oct 31 07:00 – Nov 1 07:00 EST = 25 h: 321 / 4 = 80.25 (windows ' +
      'starting Oct 10 … 12)',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2026-10-12', '2026-11-06', WEEKDAYS), 'D12'),
      calls: ['2026-10-17', '2026-10-24', '2026-10-31'].map((d) => call('r2', d, 'LDX')),
      moonlighting: [moonlight('r2', '2026-10-14T20:00', '2026-10-15T04:00')],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },
  {
    name: '80h over the spring-forward night: the 07:00–07:00 call is 23 real hours',
    why:
      'D12 on 20 weekdays Feb 22 – Mar 19 2027 (240 h) + calls Sat Feb 27, Mar 6 (24 h each), Mar 13 (23 h) + ' +
      'moonlighting Wed Feb 24 20:00–05:00 (9 h) = 320: 80.0 (321 if the short call counted 24)',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2027-02-22', '2027-03-19', WEEKDAYS), 'D12'),
      calls: ['2027-02-27', '2027-03-06', '2027-03-13'].map((d) => call('r2', d, 'LD')),
      moonlighting: [moonlight('r2', '2027-02-24T20:00', '2027-02-25T05:00')],
    },
    expect: [],
  },
  {
    name: '80h over the spring-forward night: one more hour is 80.25',
    why: 'moonlighting 20:00–06:00 (10 h): 321 / 4 = 80.25 (windows starting Feb 20 … 22)',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2027-02-22', '2027-03-19', WEEKDAYS), 'D12'),
      calls: ['2027-02-27', '2027-03-06', '2027-03-13'].map((d) => call('r2', d, 'LD')),
      moonlighting: [moonlight('r2', '2027-02-24T20:00', '2027-02-25T06:00')],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },
  {
    name: 'rest after call: a scheduled 24 h call on the spring-forward night (23 real hours) still needs 14 h',
    why:
      'call Sat Mar 13 2027 07:00 – Sun 07:00 (23 h); next work Sun 20:30: 13.5 h < 14. ACGME: 14 h after 24 h ' +
      'of in-house call, and the call was scheduled as one',
    rules: ['acgme_rest_after_call'],
    schedule: { calls: [call('r2', '2027-03-13', 'LD')], assignments: work('r2', ['2027-03-14'], 'EVE2', ['PM']) },
    expect: [{ rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 13.5, limit: 14 }],
  },

  // ---------------- work periods made of several items ----------------
  {
    name: 'continuous: a day shift running into a night call is 25 h of patient care, and needs 14 h after',
    why:
      'D12 Tue Sep 1 06:00–18:00 + night call 17:00 – Wed 07:00: one period of 25 h > 24; clinic Wed 13:00: 6 h ' +
      'rest < 14 after a period of 25 h with in-house call',
    rules: ['acgme_continuous', 'acgme_rest_after_call'],
    schedule: {
      assignments: [...work('r2', ['2026-09-01'], 'D12'), ...work('r2', ['2026-09-02'], 'C8', ['PM'])],
      calls: [call('r2', '2026-09-01', 'NC')],
    },
    expect: [
      { rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 25, limit: 24 },
      { rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 6, limit: 14 },
    ],
  },
  {
    name: 'continuous: a one-hour break does not end a work period (day shift + moonlighting night)',
    why: 'D12 Tue 06:00–18:00, moonlighting 19:00 – Wed 07:00: 1 h is no rest, one period of 25 h > 24',
    rules: ['acgme_continuous'],
    schedule: {
      assignments: work('r2', ['2026-09-01'], 'D12'),
      moonlighting: [moonlight('r2', '2026-09-01T19:00', '2026-09-02T07:00')],
    },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 25, limit: 24 }],
  },
  {
    name: 'continuous: a three-hour break ends it (two periods), but 3 h off is short of the 8 h that should be',
    why: 'D12 Tue 06:00–18:00, moonlighting 21:00 – Wed 07:00: periods of 12 h and 10 h; 3 h between < 8 (warning)',
    rules: ['acgme_continuous', 'acgme_rest_between'],
    schedule: {
      assignments: work('r2', ['2026-09-01'], 'D12'),
      moonlighting: [moonlight('r2', '2026-09-01T21:00', '2026-09-02T07:00')],
    },
    expect: [{ rule: 'acgme_rest_between', person: 'r2', severity: 'medium', measured: 3, limit: 8 }],
  },
  {
    name: 'continuous: a callback during home call joins the day shift before it: exactly 24 h',
    why: 'D12 Tue 06:00–18:00 on 24 h home call, callback 18:00 – Wed 06:00: 24 h, allowed',
    rules: ['acgme_continuous'],
    schedule: {
      assignments: work('r2', ['2026-09-01'], 'D12'),
      calls: [call('r2', '2026-09-01', 'HC')],
      callbacks: [callback('r2', '2026-09-01T18:00', '2026-09-02T06:00')],
    },
    expect: [],
  },
  {
    name: 'continuous: the callback running to 07:00 makes 25 h of patient care',
    why: 'callback 18:00 – Wed 07:00: 06:00 Tue – 07:00 Wed = 25 h > 24',
    rules: ['acgme_continuous'],
    schedule: {
      assignments: work('r2', ['2026-09-01'], 'D12'),
      calls: [call('r2', '2026-09-01', 'HC')],
      callbacks: [callback('r2', '2026-09-01T18:00', '2026-09-02T07:00')],
    },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 25, limit: 24 }],
  },

  // ---------------- leave in the call-frequency average ----------------
  {
    name: 'call frequency: a week of vacation leaves the average: 8 nights in 21 working days is over 7',
    why:
      'night calls Sep 7, 9, 11, 21, 23, 25, 27, 29; vacation Sep 14–20. Windows starting Sep 2 … 7 hold all 8 ' +
      'and the whole leave: 21 days / 3 = 7 < 8 (with leave averaged in it would be 9 and pass)',
    rules: ['acgme_call_frequency'],
    schedule: {
      calls: [
        '2026-09-07',
        '2026-09-09',
        '2026-09-11',
        '2026-09-21',
        '2026-09-23',
        '2026-09-25',
        '2026-09-27',
        '2026-09-29',
      ].map((d) => call('r2', d, 'NC')),
      absences: [absence('r2', 'vacation', '2026-09-14', '2026-09-20')],
    },
    expect: [
      {
        rule: 'acgme_call_frequency',
        person: 'r2',
        severity: 'high',
        measured: 8,
        limit: 7,
        start: '2026-09-02',
        end: '2026-10-04',
      },
    ],
  },
  {
    name: 'day off: a conference week is not a week of days off',
    why:
      'as the vacation case with a conference Sep 14–20 instead: a conference is education, not time off, and ' +
      '(by default) not leave either, so the window Sep 7 – Oct 4 needs 4 and has 1 (Sep 27); windows starting Sep ' +
      '4 … 10 fail too',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: work(
        'r2',
        SEPT_MONTH.filter((d) => d !== '2026-09-27' && (d < '2026-09-14' || d > '2026-09-20')),
        'D12',
      ),
      absences: [absence('r2', 'conference', '2026-09-14', '2026-09-20')],
    },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 1, limit: 4 }],
  },

  // ---------------- absences ----------------
  {
    name: 'absence: an AM-only absence leaves the PM free for work',
    why: 'vacation AM on Wed Sep 9; clinic in the PM only',
    rules: ['absence_conflict'],
    schedule: {
      absences: [absence('r2', 'vacation', '2026-09-09', '2026-09-09', { part: 'AM' })],
      assignments: work('r2', ['2026-09-09'], 'C8', ['PM']),
    },
    expect: [],
  },
  {
    name: 'absence: work in the AM of an AM-only absence is a finding',
    why: 'vacation AM on Wed Sep 9; clinic AM and PM: the AM half-day conflicts',
    rules: ['absence_conflict'],
    schedule: {
      absences: [absence('r2', 'vacation', '2026-09-09', '2026-09-09', { part: 'AM' })],
      assignments: work('r2', ['2026-09-09'], 'C8'),
    },
    expect: [{ rule: 'absence_conflict', person: 'r2', severity: 'high', start: '2026-09-09', end: '2026-09-09' }],
  },
  {
    name: 'absence: a night call ending on the first morning of a conference is taken by it',
    why: 'night call Tue Sep 8 17:00 – Wed 07:00; conference Sep 9–11 (conference blocks calls too by default)',
    rules: ['absence_conflict'],
    schedule: {
      absences: [absence('r2', 'conference', '2026-09-09', '2026-09-11')],
      calls: [call('r2', '2026-09-08', 'NC')],
    },
    expect: [{ rule: 'absence_conflict', person: 'r2', severity: 'critical', start: '2026-09-08' }],
  },
  {
    name: 'absence: a requested absence with work is a low finding; a denied one none',
    why: 'requested vacation Sep 9 with clinic (low); denied vacation Sep 10 with clinic (nothing)',
    rules: ['absence_conflict'],
    schedule: {
      absences: [
        absence('r2', 'vacation', '2026-09-09', '2026-09-09', { status: 'requested' }),
        absence('r2', 'vacation', '2026-09-10', '2026-09-10', { status: 'denied' }),
      ],
      assignments: work('r2', ['2026-09-09', '2026-09-10'], 'C8'),
    },
    expect: [{ rule: 'absence_conflict', person: 'r2', severity: 'low', start: '2026-09-09', end: '2026-09-09' }],
  },
  {
    name: 'absence: sick leave blocks work like any approved absence',
    why: 'approved sick day Sep 9 with clinic: high',
    rules: ['absence_conflict'],
    schedule: {
      absences: [absence('r2', 'sick', '2026-09-09', '2026-09-09')],
      assignments: work('r2', ['2026-09-09'], 'C8'),
    },
    expect: [{ rule: 'absence_conflict', person: 'r2', severity: 'high', start: '2026-09-09', end: '2026-09-09' }],
  },
  {
    name: 'absence: 7 recovery days after deployment (the 7th is covered, the 8th is not)',
    why: 'deployment Sep 1–10; recovery Sep 11–17; clinic Sep 17 conflicts, Sep 18 does not',
    rules: ['absence_conflict'],
    schedule: {
      absences: [absence('r2', 'deployment', '2026-09-01', '2026-09-10')],
      assignments: work('r2', ['2026-09-17', '2026-09-18'], 'C8'),
    },
    // the finding spans from the absence's first day to the last half-day of work on it: 2 half-days (Sep 17)
    expect: [
      { rule: 'absence_conflict', person: 'r2', severity: 'high', measured: 2, start: '2026-09-01', end: '2026-09-17' },
    ],
  },
  {
    name: 'absence: 3 recovery days after convalescent leave',
    why: 'convalescent Sep 1–5; recovery Sep 6–8; clinic Sep 8 conflicts, Sep 9 does not',
    rules: ['absence_conflict'],
    schedule: {
      absences: [absence('r2', 'convalescent', '2026-09-01', '2026-09-05')],
      assignments: work('r2', ['2026-09-08', '2026-09-09'], 'C8'),
    },
    expect: [
      { rule: 'absence_conflict', person: 'r2', severity: 'high', measured: 2, start: '2026-09-01', end: '2026-09-08' },
    ],
  },

  {
    name: 'absence: a part-day absence by wall-clock range blocks the half-days it touches',
    why:
      'sick 12:00–17:00 on Sep 9 takes the PM only (1 half-day of clinic); sick 10:00–14:00 on Sep 10 takes ' +
      'both (2)',
    rules: ['absence_conflict'],
    schedule: {
      absences: [
        absence('r2', 'sick', '2026-09-09', '2026-09-09', { part: { start: '12:00', end: '17:00' } }),
        absence('r2', 'sick', '2026-09-10', '2026-09-10', { part: { start: '10:00', end: '14:00' } }),
      ],
      assignments: work('r2', ['2026-09-09', '2026-09-10'], 'C8'),
    },
    expect: [
      { rule: 'absence_conflict', person: 'r2', severity: 'high', measured: 1, start: '2026-09-09', end: '2026-09-09' },
      { rule: 'absence_conflict', person: 'r2', severity: 'high', measured: 2, start: '2026-09-10', end: '2026-09-10' },
    ],
  },

  // ---------------- moonlighting ----------------
  {
    name: 'moonlighting: a PGY-1 may not moonlight; a PGY-2 may',
    why: 'r1 (PGY-1) and r2 (PGY-2) each moonlight Sat Sep 12 08:00–20:00',
    rules: ['moonlighting_pgy1'],
    schedule: {
      moonlighting: [
        moonlight('r1', '2026-09-12T08:00', '2026-09-12T20:00'),
        moonlight('r2', '2026-09-12T08:00', '2026-09-12T20:00'),
      ],
    },
    expect: [{ rule: 'moonlighting_pgy1', person: 'r1', severity: 'high', start: '2026-09-12', end: '2026-09-12' }],
  },
  {
    name: "moonlighting: without the program director's approval it is a finding",
    why: 'r2 moonlights Sat Sep 12 08:00–20:00 with approved: false',
    rules: ['moonlighting_approval', 'moonlighting_pgy1'],
    schedule: { moonlighting: [moonlight('r2', '2026-09-12T08:00', '2026-09-12T20:00', { approved: false })] },
    expect: [{ rule: 'moonlighting_approval', person: 'r2', severity: 'medium' }],
  },

  // ---------------- third batch: conferences across a weekend, moonlighting, home call, night float ----------------
  {
    name: 'day off: a conference entered Thu–Mon takes the weekend inside it',
    why:
      'Sundays off; conference Thu Sep 17 – Mon Sep 21 as one absence (no work on those days): every day of it ' +
      'is away at the conference, so Sun Sep 20 is not free and the windows holding it have 3 free days of 4 (Wed ' +
      '18:00–24:00 and Tue 00:00–06:00 are 6 h each)',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(['2026-09-17', '2026-09-18', '2026-09-19', '2026-09-21']),
      absences: [absence('r2', 'conference', '2026-09-17', '2026-09-21')],
    },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: 'day off: the same conference entered as Thu–Fri and Mon leaves the weekend between free',
    why:
      'conference Sep 17–18 and Sep 21 (two absences), no work Sat Sep 19: free Sat 00:00 – Mon 00:00 = 48 h = 2 ' +
      'free days; every window has 4 or 5. READING: an absence covers the days away; a conference with a free ' +
      'weekend is entered as two absences',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(['2026-09-17', '2026-09-18', '2026-09-19', '2026-09-21']),
      absences: [
        absence('r2', 'conference', '2026-09-17', '2026-09-18'),
        absence('r2', 'conference', '2026-09-21', '2026-09-21'),
      ],
    },
    expect: [],
  },
  {
    name: 'day off: a conference morning on a free Sunday leaves no 24 hours free that weekend',
    why:
      'Sundays off; conference Sun Sep 20 08:00–12:00 (a part-day absence): free Sat 18:00 – Sun 08:00 = 14 h ' +
      'and Sun 12:00 – Mon 06:00 = 18 h, neither 24: 0 free days that weekend. Windows holding Sep 20 (Aug 24 … Sep ' +
      '20 starts) have 3 free days. READING: a conference is education, never free time, for the hours it takes',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      absences: [absence('r2', 'conference', '2026-09-20', '2026-09-20', { part: times('08:00', '12:00') })],
    },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: 'day off: a conference evening after Saturday’s shift leaves the Sunday free',
    why:
      'Sundays off; conference Sat Sep 19 19:00–21:00, after the 06:00–18:00 shift: free Sat 21:00 – Mon 06:00 = ' +
      '33 h, 1 free day, wholly inside every window that holds Sep 20 (the window starting Sep 20 holds 30 h of ' +
      'it); the windows ending Sep 19 hold their 4 earlier Sundays whole; every window has 4',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      absences: [absence('r2', 'conference', '2026-09-19', '2026-09-19', { part: times('19:00', '21:00') })],
    },
    expect: [],
  },
  {
    name: '80h: internal moonlighting counts like external: 304 h + 17 h = 80.25 is over',
    why:
      'as the external case, the Sat Sep 26 08:00 – Sun 01:00 shift (17 h) moonlit in the program’s own ' +
      'hospital: ACGME VI.F.5 counts internal and external moonlighting alike',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2026-09-07', '2026-10-01', WEEKDAYS), 'W16'),
      moonlighting: [moonlight('r2', '2026-09-26T08:00', '2026-09-27T01:00', { internal: true })],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },
  {
    name: '80h: moonlighting the program director has not approved still counts its hours',
    why:
      '304 h + 17 h of unapproved external moonlighting = 321 / 4 = 80.25: approval is its own finding; the ' +
      'hours were worked either way',
    rules: ['acgme_80h'],
    schedule: {
      assignments: work('r2', dates('2026-09-07', '2026-10-01', WEEKDAYS), 'W16'),
      moonlighting: [moonlight('r2', '2026-09-26T08:00', '2026-09-27T01:00', { approved: false })],
    },
    expect: [{ rule: 'acgme_80h', person: 'r2', severity: 'critical', measured: 80.25, limit: 80 }],
  },
  {
    name: 'moonlighting: a PGY-1 may not moonlight internally either',
    why:
      'r1 (PGY-1) moonlights Sat Sep 12 08:00–20:00 in the program’s own hospital: VI.F.5.c, PGY-1 residents are ' +
      'not permitted to moonlight',
    rules: ['moonlighting_pgy1'],
    schedule: { moonlighting: [moonlight('r1', '2026-09-12T08:00', '2026-09-12T20:00', { internal: true })] },
    expect: [{ rule: 'moonlighting_pgy1', person: 'r1', severity: 'high', start: '2026-09-12', end: '2026-09-12' }],
  },
  {
    name: 'day off: home call from 18:00 on a Sunday is not free time (it cuts the day off like work)',
    why:
      'Sundays off; home call Sun Sep 20 18:00 – Mon 06:00: free Sat 18:00 – Sun 18:00 = 24 h. The window Sep 20 ' +
      '– Oct 17 holds 18 h of it: 3 free days there; every other window holds the 24 h (as the moonlighting case ' +
      'above). READING: a free day is 24 continuous hours free of work and home call, counted inside the window',
    rules: ['acgme_day_off'],
    schedule: { assignments: sundaysOff(), calls: [call('r2', '2026-09-20', 'HN')] },
    expect: [
      {
        rule: 'acgme_day_off',
        person: 'r2',
        severity: 'critical',
        measured: 3,
        limit: 4,
        start: '2026-09-20',
        end: '2026-10-17',
      },
    ],
  },
  {
    name:
      'day off: home call every fourth night with Sundays off keeps the days off (home call is exempt from q3, ' +
      'not from 1-in-7)',
    why:
      'Sundays off; overnight home call Mon Sep 7, Fri Sep 11, Tue Sep 15, … every 4th night (Mon–Sat only, ' +
      '18:00–06:00 next morning, never reaching a Sunday 00:00): Sat night calls end Sun 06:00, so a Sat call would ' +
      'cut Sunday; none falls on a Saturday here, so every Sunday stays free (4 in every window); no call-frequency ' +
      'finding for home call',
    rules: ['acgme_day_off', 'acgme_call_frequency'],
    schedule: {
      assignments: sundaysOff(),
      calls: dates('2026-09-07', '2026-10-31', [1, 2, 3, 4, 5], 4).map((d) => call('r2', d, 'HN')),
    },
    expect: [],
  },
  {
    name: 'rest after call: a callback during home call inside the 14 h after a 24 h call breaks the rest',
    why:
      'LD Tue Sep 1 07:00 – Wed 07:00; home call Wed 18:00; callback Wed 19:00–20:00: 12 h free < 14 (ACGME ' +
      'VI.F.8: patient care on home call is clinical work)',
    rules: ['acgme_rest_after_call'],
    schedule: {
      calls: [call('r2', '2026-09-01', 'LD'), call('r2', '2026-09-02', 'HN')],
      callbacks: [callback('r2', '2026-09-02T19:00', '2026-09-02T20:00')],
    },
    expect: [{ rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 12, limit: 14 }],
  },
  {
    name: 'rest after call: home call with no callback inside the 14 h is not work',
    why:
      'as above without the callback: nothing worked between Wed 07:00 and Thu 06:00 (home call is not work; ' +
      'only its patient care is). READING (unsure): ACGME forbids home call on the day off, and is silent on the 14 ' +
      'h; the app follows VI.F.8, which counts only time spent on patient care',
    rules: ['acgme_rest_after_call'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD'), call('r2', '2026-09-02', 'HN')] },
    expect: [],
  },
  {
    name: 'rest after call: moonlighting inside the 14 h after a 24 h call breaks the rest',
    why: 'LD Tue Sep 1 07:00 – Wed 07:00; external moonlighting Wed 17:00–23:00: 10 h free < 14',
    rules: ['acgme_rest_after_call'],
    schedule: {
      calls: [call('r2', '2026-09-01', 'LD')],
      moonlighting: [moonlight('r2', '2026-09-02T17:00', '2026-09-02T23:00')],
    },
    expect: [{ rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 10, limit: 14 }],
  },
  {
    name: 'night float: 6 nights in a row (Sun–Fri) are 6 worked days; a 7th night is over',
    why:
      'r1 NF 20:00–08:00 Sun Sep 13 – Fri Sep 18 (6 nights, the last ending Sat 08:00): 6 days of duty, dated by ' +
      'the night they start. r2 NF Sun Sep 13 – Sat Sep 19: 7 > 6. Each night is 12 h (no continuous or 80 h finding)',
    rules: ['consecutive_days', 'acgme_continuous', 'acgme_80h'],
    schedule: {
      assignments: [
        ...work('r1', dates('2026-09-13', '2026-09-18'), 'NF', ['PM']),
        ...work('r2', dates('2026-09-13', '2026-09-19'), 'NF', ['PM']),
      ],
    },
    expect: [
      {
        rule: 'consecutive_days',
        person: 'r2',
        severity: 'medium',
        measured: 7,
        limit: 6,
        start: '2026-09-13',
        end: '2026-09-19',
      },
    ],
  },
  {
    name: 'night float: five nights a week (Sun–Thu) for four weeks keeps 80 h and the days off',
    why:
      'NF Sun–Thu 20:00–08:00 Sep 6 – Oct 1: 20 nights × 12 h = 240 h = 60 h/week; each week free Fri 08:00 – ' +
      'Sun 20:00 (60 h = 2 free days, of which the whole of Saturday), so every window holds at least 4; 5 nights ' +
      'in a row',
    rules: ['acgme_80h', 'acgme_day_off', 'consecutive_days'],
    schedule: { assignments: work('r2', dates('2026-09-06', '2026-10-01', [7, 1, 2, 3, 4]), 'NF', ['PM']) },
    expect: [],
  },
  {
    name: 'night float: six nights on, one off (36 h a week) is one day in seven in every window',
    why:
      'NF Sun–Fri 20:00–08:00, Sep 6 – Oct 30: each week free Sat 08:00 – Sun 20:00 (36 h = 1 day); 72 h a week. ' +
      'A window from a Sunday 00:00 holds 20 h of the first such stretch and 16 h of the last: each is 20/36 and ' +
      '16/36 of its day, together one, so 4 (3 whole + 1). READING: averaged over four weeks, a day off split by ' +
      'the window edges is not lost (the app reported 3 before)',
    rules: ['acgme_80h', 'acgme_day_off', 'consecutive_days'],
    schedule: { assignments: work('r2', dates('2026-09-06', '2026-10-30', [7, 1, 2, 3, 4, 5]), 'NF', ['PM']) },
    expect: [],
  },
  // ---------------- fourth batch: rotations shorter than 4 weeks, DST rest and days off, holidays,
  // ---------------- call then clinic, days away, PGY-1 vs PGY-2 supervision, clinic capacity, night float
  {
    name:
      '80h (short rotations averaged, a setting): a half-block rotation at exactly 80 h/week over its 14 days ' +
      'is allowed',
    why:
      'r2 on the half-block ICU Sep 24 – Oct 7 (block 4, first half), OUT after: W16 on its 10 weekdays = 160 h ' +
      'over 14 days = 80.0 (ACGME FAQ: a rotation shorter than four weeks is averaged over the rotation)',
    rules: ['acgme_80h'],
    schedule: {
      averageShortRotations: true,
      ...halfBlockIcu(),
      assignments: work('r2', dates('2026-09-24', '2026-10-07', WEEKDAYS), 'W16'),
    },
    expect: [],
  },
  {
    name:
      '80h (short rotations averaged, a setting): a half-block one hour over (80.5 h/week over its 14 days) is ' +
      'over, though every 28 days hold 40',
    why:
      '160 h + 1 h of moonlighting Sat Sep 26 = 161 h over the 14 days of the ICU half = 80.5 h/week; the 28-day ' +
      'windows hold at most 161 / 4 = 40.25: heavy and light halves are not combined to comply',
    rules: ['acgme_80h'],
    schedule: {
      averageShortRotations: true,
      ...halfBlockIcu(),
      assignments: work('r2', dates('2026-09-24', '2026-10-07', WEEKDAYS), 'W16'),
      moonlighting: [moonlight('r2', '2026-09-26T10:00', '2026-09-26T11:00')],
    },
    expect: [
      {
        rule: 'acgme_80h',
        person: 'r2',
        severity: 'critical',
        measured: 80.5,
        limit: 80,
        start: '2026-09-24',
        end: '2026-10-07',
      },
    ],
  },
  {
    name: '80h by default (DOMAIN.md: every 28-day window): the heavy half-block beside a light one is compliant',
    why:
      'as the 80.5 h/week half-block case without the setting: every 28-day window holds at most 161 h = 40.25 ' +
      'h/week',
    rules: ['acgme_80h'],
    schedule: {
      ...halfBlockIcu(),
      assignments: work('r2', dates('2026-09-24', '2026-10-07', WEEKDAYS), 'W16'),
      moonlighting: [moonlight('r2', '2026-09-26T10:00', '2026-09-26T11:00')],
    },
    expect: [],
  },
  {
    name:
      '80h (short rotations averaged, a setting): the same two heavy weeks inside a whole-block (28-day) ' +
      'rotation average over its 4 weeks',
    why:
      'r2 on OUT for all of block 4 (Sep 24 – Oct 21); W16 every day Sep 24 – Oct 7 = 224 h: every 28-day window ' +
      'holds at most 224 / 4 = 56',
    rules: ['acgme_80h'],
    schedule: {
      averageShortRotations: true,
      rotations: [rotation('out', 'OUT')],
      rotationAssignments: [planEntry('r2', 4, 'full', 'out')],
      assignments: work('r2', dates('2026-09-24', '2026-10-07'), 'W16'),
    },
    expect: [],
  },
  {
    name:
      '80h (short rotations averaged, a setting): the same rotation in both halves of a block is one 28-day ' +
      'rotation',
    why:
      'r2 on the half-block ICU in both halves of block 4 (Sep 24 – Oct 21): one 28-day rotation; W16 every day ' +
      'Sep 24 – Oct 7 = 224 h: every 28-day window holds at most 56 h/week',
    rules: ['acgme_80h'],
    schedule: {
      averageShortRotations: true,
      rotations: [rotation('icu', 'ICU', { setting: 'inpatient', leaveEligible: false, halfBlock: true })],
      rotationAssignments: [planEntry('r2', 4, 'first', 'icu'), planEntry('r2', 4, 'second', 'icu')],
      assignments: work('r2', dates('2026-09-24', '2026-10-07'), 'W16'),
    },
    expect: [],
  },
  {
    name: 'day off: the spring-forward Sunday is 23 real hours, not a free day',
    why:
      'D12 Mon–Sat Feb 15 – Apr 10 2027, Sundays off; moonlighting Sat Mar 13 18:00–24:00 and Mon Mar 15 ' +
      '00:00–06:00: Sun Mar 14 00:00 – Mon 00:00 is 23 h (clocks spring forward): 0 free days. Windows holding Mar ' +
      '14 have 3 of 4',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: work('r2', dates('2027-02-15', '2027-04-10', MON_SAT), 'D12'),
      moonlighting: [
        moonlight('r2', '2027-03-13T18:00', '2027-03-14T00:00'),
        moonlight('r2', '2027-03-15T00:00', '2027-03-15T06:00'),
      ],
    },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: 'day off: on the fall-back Sunday 00:00–23:00 on the clock is 24 real hours: a free day',
    why:
      'Sundays off; moonlighting Sat Oct 31 18:00–24:00 and Sun Nov 1 23:00 – Mon 06:00: free Sun 00:00 – 23:00 ' +
      'EST = 24 h (the clocks fall back): 1 free day, 4 in every window',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      moonlighting: [
        moonlight('r2', '2026-10-31T18:00', '2026-11-01T00:00'),
        moonlight('r2', '2026-11-01T23:00', '2026-11-02T06:00'),
      ],
    },
    expect: [],
  },
  {
    name: 'rest between: 22:00 to 07:00 over the spring-forward night is 8 real hours: fine',
    why: 'W16 Sat Mar 13 2027 06:00–22:00, handoff Sun Mar 14 07:00: 9 h on the clock, 8 real hours = 8',
    rules: ['acgme_rest_between'],
    schedule: {
      assignments: [...work('r2', ['2027-03-13'], 'W16'), ...work('r2', ['2027-03-14'], 'HO', ['AM'])],
    },
    expect: [],
  },
  {
    name: 'rest between: 22:30 to 07:00 over the spring-forward night is 7.5 real hours: a warning',
    why: 'W165 Sat Mar 13 2027 06:00–22:30, handoff Sun 07:00: 8.5 h on the clock, 7.5 real hours < 8',
    rules: ['acgme_rest_between'],
    schedule: {
      assignments: [...work('r2', ['2027-03-13'], 'W165'), ...work('r2', ['2027-03-14'], 'HO', ['AM'])],
    },
    expect: [{ rule: 'acgme_rest_between', person: 'r2', severity: 'medium', measured: 7.5, limit: 8 }],
  },
  {
    name: 'rest between: 22:30 to 06:00 over the fall-back night is 8.5 real hours: no warning',
    why: 'W165 Sat Oct 31 06:00–22:30, D12 Sun Nov 1 06:00: 7.5 h on the clock, 8.5 real hours ≥ 8',
    rules: ['acgme_rest_between'],
    schedule: {
      assignments: [...work('r2', ['2026-10-31'], 'W165'), ...work('r2', ['2026-11-01'], 'D12')],
    },
    expect: [],
  },
  {
    name: 'call then clinic: afternoon clinic after a 24 h call leaves 6 h of the 14 h rest',
    why: 'LD Tue Sep 1 07:00 – Wed 07:00, clinic Wed 13:00–17:00: 6 h free < 14 (must)',
    rules: ['acgme_rest_after_call'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'C8', ['PM']) },
    expect: [{ rule: 'acgme_rest_after_call', person: 'r2', severity: 'critical', measured: 6, limit: 14 }],
  },
  {
    name: 'call then clinic: morning clinic after a 24 h call is new patient care 29 h after the start',
    why:
      'LD Tue Sep 1 07:00 – Wed 07:00, clinic Wed 08:00–12:00: a 1 h gap is no rest, so one period of 29 h whose ' +
      'clinic (new patient care) ends 29 h after its start (> 24, and > 24 + 4)',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r2', '2026-09-01', 'LD')], assignments: work('r2', ['2026-09-02'], 'C8', ['AM']) },
    expect: [{ rule: 'acgme_continuous', person: 'r2', severity: 'critical', measured: 29 }],
  },
  {
    name: 'continuous: a PGY-1 has the same 24 + 4 hours as a PGY-2 (no separate PGY-1 limit)',
    why:
      'r1 (PGY-1): call Tue Sep 1 07:00 – Wed 07:00 + handoff 07:00–11:00 = 28 h: allowed (DOMAIN.md sets one ' +
      'limit for every resident)',
    rules: ['acgme_continuous'],
    schedule: { calls: [call('r1', '2026-09-01', 'LD')], assignments: work('r1', ['2026-09-02'], 'HO', ['AM']) },
    expect: [],
  },
  {
    name: 'holiday: Labor Day off after a worked Sunday is a free day, one day later than the Sundays',
    why:
      'Sundays off, but Sun Sep 6 worked (D12) and Mon Sep 7 (Labor Day) HOL: free Sun 18:00 – Tue 06:00 = 36 h ' +
      '= 1 free day. Every window holds 4 but the Monday-to-Sunday one Aug 10 – Sep 6: its Sundays Aug 16, 23, 30 ' +
      'and 6 h of each of the stretches at its edges (6/36 + 6/36 of a day): 3. Examiner first expected none ' +
      '(missed that window)',
    rules: ['acgme_day_off'],
    schedule: {
      holidays: [LABOR_DAY],
      assignments: [
        ...sundaysOff(['2026-09-07']),
        ...work('r2', ['2026-09-06'], 'D12'),
        ...work('r2', ['2026-09-07'], 'HOL'),
      ],
    },
    expect: [
      {
        rule: 'acgme_day_off',
        person: 'r2',
        severity: 'critical',
        measured: 3,
        limit: 4,
        start: '2026-08-10',
        end: '2026-09-06',
      },
    ],
  },
  {
    name: 'holiday: a holiday worked is not a day off because it is a holiday',
    why:
      'as above with D12 on Labor Day: Sun Sep 6 and Mon Sep 7 worked; the windows holding that week (starting ' +
      'Aug 10 … Sep 6) have 3 free days of 4',
    rules: ['acgme_day_off'],
    schedule: {
      holidays: [LABOR_DAY],
      assignments: [...sundaysOff(), ...work('r2', ['2026-09-06'], 'D12')],
    },
    expect: [{ rule: 'acgme_day_off', person: 'r2', severity: 'critical', measured: 3, limit: 4 }],
  },
  {
    name: 'day off: a medical appointment on a free Sunday morning leaves it free',
    why:
      'Sundays off; approved medical absence Sun Sep 20 AM (00:00–12:00): an appointment is not work; Sat 18:00 ' +
      '– Mon 06:00 stays free (36 h)',
    rules: ['acgme_day_off'],
    schedule: {
      assignments: sundaysOff(),
      absences: [absence('r2', 'medical', '2026-09-20', '2026-09-20', { part: 'AM' })],
    },
    expect: [],
  },
  {
    name: 'days away: 20 working days (a holiday inside the leave does not count) is below the warning',
    why: 'vacation Aug 3–28 (20 weekdays) + Mon Sep 7 (Labor Day, a federal holiday: 0 working days) = 20 < 21',
    rules: ['days_away'],
    schedule: awayWithLaborDay(
      absence('r2', 'vacation', '2026-08-03', '2026-08-28'),
      absence('r2', 'vacation', '2026-09-07', '2026-09-07'),
    ),
    expect: [],
  },
  {
    name: 'days away: 21 working days is the warning',
    why: 'vacation Aug 3–28 (20) + Sep 7–8 (Labor Day left out: 1) = 21: warn at 21 (medium)',
    rules: ['days_away'],
    schedule: awayWithLaborDay(
      absence('r2', 'vacation', '2026-08-03', '2026-08-28'),
      absence('r2', 'vacation', '2026-09-07', '2026-09-08'),
    ),
    expect: [{ rule: 'days_away', person: 'r2', severity: 'medium', measured: 21 }],
  },
  {
    name: 'days away: 28 working days is at the limit: still only the warning',
    why: 'vacation Aug 3 – Sep 4 (25 weekdays) + Sep 7–10 (Labor Day left out: 3) = 28 ≤ 28',
    rules: ['days_away'],
    schedule: awayWithLaborDay(
      absence('r2', 'vacation', '2026-08-03', '2026-09-04'),
      absence('r2', 'vacation', '2026-09-07', '2026-09-10'),
    ),
    expect: [{ rule: 'days_away', person: 'r2', severity: 'medium', measured: 28 }],
  },
  {
    name: 'days away: 28.5 working days (a part-day absence counts half) is over the limit',
    why: 'vacation Aug 3 – Sep 4 (25) + Sep 8–10 (3) + sick Fri Sep 11 AM (0.5) = 28.5 > 28: high',
    rules: ['days_away'],
    schedule: awayWithLaborDay(
      absence('r2', 'vacation', '2026-08-03', '2026-09-04'),
      absence('r2', 'vacation', '2026-09-08', '2026-09-10'),
      absence('r2', 'sick', '2026-09-11', '2026-09-11', { part: 'AM' }),
    ),
    expect: [{ rule: 'days_away', person: 'r2', severity: 'high', measured: 28.5, limit: 28 }],
  },
  {
    name: 'supervision: two PGY-1s in clinic are 4 units: one preceptor is enough',
    why: 'Wed Sep 9 AM: r1 and r1b (PGY-1, 2 units each) in C, f1 precepting (AT): ceil(4 / 4) = 1',
    rules: ['supervision'],
    schedule: {
      people: CLINIC_PEOPLE,
      assignments: [...clinic(['r1', 'r1b'], 'C'), ...clinic(['f1'], 'AT')],
    },
    expect: [],
  },
  {
    name: 'supervision: two PGY-1s and a PGY-2 are 5 units: two preceptors needed',
    why: 'as above with r2 (PGY-2, 1 unit) in C too: ceil(5 / 4) = 2 > 1 faculty',
    rules: ['supervision'],
    schedule: {
      people: CLINIC_PEOPLE,
      assignments: [...clinic(['r1', 'r1b', 'r2'], 'C'), ...clinic(['f1'], 'AT')],
    },
    expect: [{ rule: 'supervision', person: '*', severity: 'high', start: '2026-09-09', end: '2026-09-09' }],
  },
  {
    name: 'supervision: four PGY-2s are 4 units: one preceptor is enough',
    why: 'r2, r2b, r2c, r2d (PGY-2, 1 unit each) in C, f1 in AT: ceil(4 / 4) = 1',
    rules: ['supervision'],
    schedule: {
      people: CLINIC_PEOPLE,
      assignments: [...clinic(['r2', 'r2b', 'r2c', 'r2d'], 'C'), ...clinic(['f1'], 'AT')],
    },
    expect: [],
  },
  {
    name: 'supervision: one PGY-2 doing procedures is 1 + 4 units: two preceptors needed',
    why: 'r2 in PROC (1 + 4 = 5 units), f1 in AT: ceil(5 / 4) = 2 > 1',
    rules: ['supervision'],
    schedule: { people: CLINIC_PEOPLE, assignments: [...clinic(['r2'], 'PROC'), ...clinic(['f1'], 'AT')] },
    expect: [{ rule: 'supervision', person: '*', severity: 'high', start: '2026-09-09', end: '2026-09-09' }],
  },
  {
    name: 'supervision: on June 30 a resident is still PGY-1 (2 units); on July 1 PGY-2 (1 unit)',
    why:
      'r1 (PGY-1 in AY 2026, PGY-2 in 2027) with r2b, r2c, r2d (PGY-3 in 2027) in C and f1 in AT on Wed Jun 30 ' +
      'and Thu Jul 1 2027: June 30 is 2 + 3 = 5 units (2 faculty needed), July 1 is 1 + 3 = 4 (1). Checked in AY ' +
      '2026: the June finding',
    rules: ['supervision'],
    year: 2026,
    schedule: {
      years: [2026, 2027],
      people: CLINIC_PEOPLE_2027,
      assignments: [
        ...clinic(['r1', 'r2b', 'r2c', 'r2d'], 'C', ['2027-06-30', '2027-07-01']),
        ...clinic(['f1'], 'AT', ['2027-06-30', '2027-07-01']),
      ],
    },
    expect: [{ rule: 'supervision', person: '*', severity: 'high', start: '2027-06-30', end: '2027-06-30' }],
  },
  {
    name: 'supervision: the same program checked in AY 2027 has no July finding',
    why: 'July 1 2027: r1 is PGY-2: 4 units, 1 preceptor enough',
    rules: ['supervision'],
    year: 2027,
    schedule: {
      years: [2026, 2027],
      people: CLINIC_PEOPLE_2027,
      assignments: [
        ...clinic(['r1', 'r2b', 'r2c', 'r2d'], 'C', ['2027-06-30', '2027-07-01']),
        ...clinic(['f1'], 'AT', ['2027-06-30', '2027-07-01']),
      ],
    },
    expect: [],
  },
  {
    name: 'clinic capacity: 6 in clinic is the soft limit; virtual clinic is not counted',
    why: 'Wed Sep 9 AM: 6 residents in C and 3 in CV: 6 ≤ 6',
    rules: ['clinic_capacity'],
    schedule: {
      people: CLINIC_PEOPLE,
      assignments: [...clinic(SIX, 'C'), ...clinic(['r3', 'r4', 'r5'], 'CV')],
    },
    expect: [],
  },
  {
    name: 'clinic capacity: 7 in clinic is over the soft limit (medium); 8 still only soft',
    why: 'Wed Sep 9 AM: 7 in C > 6 (medium); Thu Sep 10 AM: 8 in C: > 6, not > 8 (medium)',
    rules: ['clinic_capacity'],
    schedule: {
      people: CLINIC_PEOPLE,
      assignments: [...clinic([...SIX, 'r3'], 'C'), ...clinic([...SIX, 'r3', 'r4'], 'C', ['2026-09-10'])],
    },
    expect: [
      { rule: 'clinic_capacity', person: '*', severity: 'medium', start: '2026-09-09', end: '2026-09-09' },
      { rule: 'clinic_capacity', person: '*', severity: 'medium', start: '2026-09-10', end: '2026-09-10' },
    ],
  },
  {
    name: 'clinic capacity: 9 in clinic is over the hard limit (high)',
    why: 'Wed Sep 9 AM: 9 in C > 8',
    rules: ['clinic_capacity'],
    schedule: { people: CLINIC_PEOPLE, assignments: clinic([...SIX, 'r3', 'r4', 'r5'], 'C') },
    expect: [{ rule: 'clinic_capacity', person: '*', severity: 'high', start: '2026-09-09', end: '2026-09-09' }],
  },
  {
    name: 'clinic capacity: a minimal-manning day holds a quarter: 1 is fine, 2 is over 6 × 0.25, 3 over 8 × 0.25',
    why:
      'minimal manning Sep 9 and Sep 10 (scale 0.25): soft 1.5, hard 2. Sep 9 AM 1 in C: none; Sep 9 PM 2: ' +
      'medium; Sep 10 AM 3: high',
    rules: ['clinic_capacity'],
    schedule: {
      people: CLINIC_PEOPLE,
      holidays: [
        { date: '2026-09-09', name: 'Minimal manning', dayType: 'minimal_manning' },
        { date: '2026-09-10', name: 'Minimal manning', dayType: 'minimal_manning' },
      ],
      assignments: [
        ...clinic(['r2'], 'C'),
        ...clinic(['r2', 'r2b'], 'C', ['2026-09-09'], 'PM'),
        ...clinic(['r2', 'r2b', 'r2c'], 'C', ['2026-09-10']),
      ],
    },
    expect: [
      { rule: 'clinic_capacity', person: '*', severity: 'medium', start: '2026-09-09', end: '2026-09-09' },
      { rule: 'clinic_capacity', person: '*', severity: 'high', start: '2026-09-10', end: '2026-09-10' },
    ],
  },
  {
    name: 'clinic capacity: a federal holiday holds no clinic',
    why: 'Labor Day Mon Sep 7 (scale 0): 1 resident in C AM > 0 (hard)',
    rules: ['clinic_capacity'],
    schedule: { people: CLINIC_PEOPLE, holidays: [LABOR_DAY], assignments: clinic(['r2'], 'C', ['2026-09-07']) },
    expect: [{ rule: 'clinic_capacity', person: '*', severity: 'high', start: '2026-09-07', end: '2026-09-07' }],
  },
  {
    name: 'night float: two residents on night float in the same half-block is over one at a time',
    why: 'r1 and r2 both on the NF rotation for block 4: 2 > 1 in each half (Sep 24 – Oct 7, Oct 8 – 21)',
    rules: ['night_float_max'],
    schedule: {
      rotations: [rotation('nf', 'NF', { setting: 'inpatient', leaveEligible: false })],
      rotationAssignments: [planEntry('r1', 4, 'full', 'nf'), planEntry('r2', 4, 'full', 'nf')],
    },
    expect: [
      { rule: 'night_float_max', person: '*', severity: 'high', start: '2026-09-24', end: '2026-10-07' },
      { rule: 'night_float_max', person: '*', severity: 'high', start: '2026-10-08', end: '2026-10-21' },
    ],
  },
  {
    name: 'night float: one resident each half of the block is one at a time',
    why: 'r1 on the half-block NF Sep 24 – Oct 7, r2 Oct 8 – 21',
    rules: ['night_float_max'],
    schedule: {
      rotations: [rotation('nf', 'NF', { setting: 'inpatient', leaveEligible: false, halfBlock: true })],
      rotationAssignments: [planEntry('r1', 4, 'first', 'nf'), planEntry('r2', 4, 'second', 'nf')],
    },
    expect: [],
  },
  {
    name: 'leave: vacation on a leave-ineligible rotation is a finding; sick leave and an appointment are not',
    why:
      'r2 on the half-block ICU (not leave-eligible) Sep 24 – Oct 7: vacation Sep 28–30 (medium); sick Oct 1 and ' +
      'a medical appointment Oct 2 PM (unplanned / part-day) are not leave; vacation Oct 12 on OUT (eligible) is fine',
    rules: ['leave_on_ineligible_rotation'],
    schedule: {
      ...halfBlockIcu(),
      absences: [
        absence('r2', 'vacation', '2026-09-28', '2026-09-30'),
        absence('r2', 'sick', '2026-10-01', '2026-10-01'),
        absence('r2', 'medical', '2026-10-02', '2026-10-02', { part: 'PM' }),
        absence('r2', 'vacation', '2026-10-12', '2026-10-12'),
      ],
    },
    expect: [{ rule: 'leave_on_ineligible_rotation', person: 'r2', severity: 'medium' }],
  },
  {
    name: 'moonlighting: a resident PGY-1 until June 30 may not moonlight that day',
    why: 'r1 is PGY-1 in AY 2026 and PGY-2 in 2027; moonlighting Wed Jun 30 2027 08:00–20:00 (AY 2026): high',
    rules: ['moonlighting_pgy1'],
    year: 2026,
    schedule: {
      years: [2026, 2027],
      moonlighting: [
        moonlight('r1', '2027-06-30T08:00', '2027-06-30T20:00'),
        moonlight('r1', '2027-07-01T08:00', '2027-07-01T20:00'),
      ],
    },
    expect: [{ rule: 'moonlighting_pgy1', person: 'r1', severity: 'high', start: '2027-06-30', end: '2027-06-30' }],
  },
  {
    name: 'moonlighting: the same resident, PGY-2 from July 1, may',
    why: 'as above, checked in AY 2027: the July 1 moonlighting is a PGY-2’s',
    rules: ['moonlighting_pgy1'],
    year: 2027,
    schedule: {
      years: [2026, 2027],
      moonlighting: [
        moonlight('r1', '2027-06-30T08:00', '2027-06-30T20:00'),
        moonlight('r1', '2027-07-01T08:00', '2027-07-01T20:00'),
      ],
    },
    expect: [],
  },
  {
    name: 'consecutive days: a run across the academic-year boundary counts whole',
    why: 'r2 clinic Sat Jun 26 – Fri Jul 2 2027 (7 days, 5 in AY 2026 and 2 in AY 2027) > 6, checked in AY 2027',
    rules: ['consecutive_days'],
    year: 2027,
    schedule: { years: [2026, 2027], assignments: work('r2', dates('2027-06-26', '2027-07-02'), 'C8') },
    expect: [
      {
        rule: 'consecutive_days',
        person: 'r2',
        severity: 'medium',
        measured: 7,
        limit: 6,
        start: '2027-06-26',
        end: '2027-07-02',
      },
    ],
  },
];

// ---- running them the way a user does: a program file and `cli validate` ----
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acgme-examiner-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface ReportFinding {
  ruleId: string;
  personId: string | null;
  severity: string;
  measured: number;
  limit: number;
  start: string;
  end: string;
  message: string;
}
let files = 0;
async function validate(file: Json, year: number): Promise<ReportFinding[]> {
  const p = path.join(dir, `scenario-${++files}.json`);
  fs.writeFileSync(p, JSON.stringify(file));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', p, '--year', String(year)], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  if (code !== 0 && code !== 3) throw new Error(`validate failed (${code}): ${err.join('\n')}`);
  return (JSON.parse(out.join('\n')) as { findings: ReportFinding[] }).findings;
}

/** A finding in the shape of the expectations: only the fields the examiner wrote down for its rule are compared. */
function asExpected(f: ReportFinding, expected: Expected[]): Expected {
  const written = new Set(expected.filter((e) => e.rule === f.ruleId).flatMap((e) => Object.keys(e)));
  const got: Expected = { rule: f.ruleId, person: f.personId ?? '*', severity: f.severity };
  if (written.has('measured')) got.measured = Math.round(f.measured * 100) / 100;
  if (written.has('limit')) got.limit = f.limit;
  if (written.has('start')) got.start = f.start;
  if (written.has('end')) got.end = f.end;
  return got;
}

describe('ACGME examiner: hand-computed scenarios through cli validate', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const findings = (await validate(programFile(s.schedule), s.year ?? 2026)).filter((f) =>
      s.rules.includes(f.ruleId),
    );
    const order = (e: Expected) => `${e.rule}|${e.person}|${e.start ?? ''}`;
    const expected = [...s.expect].sort((a, b) => order(a).localeCompare(order(b)));
    const got = findings.map((f) => asExpected(f, expected)).sort((a, b) => order(a).localeCompare(order(b)));
    expect(got, `${s.why}\n${findings.map((f) => f.message).join('\n')}`).toEqual(expected);
  });

  it('has at least 30 scenarios, each with its hand computation', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    for (const s of SCENARIOS) expect(s.why.length, s.name).toBeGreaterThan(20);
  });
});
