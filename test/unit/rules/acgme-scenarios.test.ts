// Hand-computed ACGME scenarios (docs/domain.md's definitions, worked on paper, not read off the
// code): each rule just inside its limit, exactly at it, and just outside, with the finding's
// severity, person, dates and figures. Fixture catalog (./fixtures): WARD 06:00–18:00 (12 h),
// NF 19:00–07:00, C 08:00–12:00 / 13:00–17:00, LD in-house call 07:00–07:00, HC home call.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../core/domain/defaults';
import type { Activity, CallType } from '../../../core/domain/types';
import { validate } from '../../../core/rules';
import {
  absence,
  activities,
  activity,
  call,
  callTypes,
  datesInRange,
  fill,
  input,
  resident,
  withRule,
} from './fixtures';

const r1 = resident('r1', 2);

/** Ward days (12 h) on every date of the range except the free ones. */
function wardExcept(start: string, end: string, free: readonly string[]) {
  return datesInRange(start, end)
    .filter((d) => !free.includes(d))
    .flatMap((d) => fill('r1', d, d, 'WARD'));
}

function inZone(timeZone: string) {
  const settings = defaultSettings();
  settings.timeZone = timeZone;
  return settings;
}

describe('80 hours a week averaged over 28 days', () => {
  const only = { ruleIds: ['acgme_80h'] };

  it('leave days leave the window: 20 ward days in the 21 days after a week of vacation is 80 h, 21 is 84', () => {
    // Window Sep 1–28 with Sep 1–7 on vacation: 21 counted days, 80 × 21 / 7 = 240 h allowed = 20 ward days.
    const absences = [absence('r1', 'vacation', '2026-09-01', '2026-09-07')];
    const twenty = wardExcept('2026-09-08', '2026-09-28', ['2026-09-28']);
    expect(validate(input({ people: [r1], assignments: twenty, absences }), only)).toEqual([]);
    const all = wardExcept('2026-09-08', '2026-09-28', []);
    const findings = validate(input({ people: [r1], assignments: all, absences }), only);
    // 252 h over 21 counted days = 84 h/week; the windows starting Sep 1…Sep 8 all hold 21 ward days
    // in 21 or more counted days: Sep 2 has 1 leave day left out (22 counted, 80.18 h/week), Sep 8 none.
    const worst = findings.find((f) => f.message.includes('Sep 1 – Sep 28'));
    expect(worst).toMatchObject({ personId: 'r1', severity: 'critical', measured: 84, limit: 80, unit: 'h/week' });
  });

  it('a part-day absence is not a leave day: the day stays in the average', () => {
    // Sep 1 AM off (a part-day vacation): 28 counted days; 26 ward days + 8 h = 320 h is at the limit.
    const absences = [{ ...absence('r1', 'vacation', '2026-09-01', '2026-09-01'), part: 'AM' as const }];
    const assignments = [...wardExcept('2026-09-02', '2026-09-27', []), ...fill('r1', '2026-09-28', '2026-09-28', 'C')];
    expect(validate(input({ people: [r1], assignments, absences }), only)).toEqual([]);
  });

  it('checks the last windows of the academic year with July as context', () => {
    // Ward every day Jun 10 – Jul 7, 2027 (28 days × 12 h = 336 h = 84 h/week), reported on AY 2026.
    const assignments = wardExcept('2027-06-10', '2027-07-07', []);
    const findings = validate(input({ people: [r1], assignments }), only);
    expect(findings).toHaveLength(1);
    // Windows starting Jun 9 (27 days, 81) … Jun 11 (27 days, 81) are over: the run is reported whole.
    expect(findings[0]).toMatchObject({ start: '2027-06-09', end: '2027-07-08', measured: 84 });
    expect(findings[0].message).toBe('84 h/week averaged over Jun 10 – Jul 7; limit 80');
  });

  it('counts the fall-back night as 13 real hours: 28 nights of float Oct 5 – Nov 1, 2026', () => {
    // Each night 19:00–07:00; the night of Oct 31 is 13 h (clocks go back on Nov 1), 8 h of it after midnight.
    // Window Oct 6 – Nov 2: Oct 5's 7 h after midnight + 27 nights (one of 13 h) = 7 + 325 = 332 h = 83 h/week.
    // Window Oct 5 – Nov 1: 27 whole nights (325 h) + Nov 1's 5 h before midnight = 330 h = 82.5.
    // Window Oct 7 – Nov 3: 7 + 26 nights (313 h) = 320 h: exactly at the limit. Oct 4 – Oct 31: 317 h.
    const assignments = fill('r1', '2026-10-05', '2026-11-01', 'NF', ['PM']);
    const findings = validate(input({ people: [r1], assignments }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-10-05', end: '2026-11-02', measured: 83 });
    expect(findings[0].message).toBe('83 h/week averaged over Oct 6 – Nov 2; limit 80');
  });

  it('splits hours at the local midnight of the program (Asia/Kolkata, UTC+05:30), not UTC', () => {
    // 28 nights Sep 1–28: window Sep 2–29 = 7 + 27 × 12 = 331 h (82.75); Sep 1–28 = 27 × 12 + 5 = 329 (82.25);
    // Sep 3–30 = 7 + 26 × 12 = 319; Aug 31 – Sep 27 = 26 × 12 + 5 = 317.
    const assignments = fill('r1', '2026-09-01', '2026-09-28', 'NF', ['PM']);
    const findings = validate(input({ settings: inZone('Asia/Kolkata'), people: [r1], assignments }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-09-01', end: '2026-09-29', measured: 82.75 });
  });

  it('counts moonlighting: 312 ward hours + 8 h moonlighting is 80; 8 h 01 min is over', () => {
    const assignments = wardExcept('2026-11-02', '2026-11-27', []);
    const shift = (end: string) => [
      { id: 'm1', personId: 'r1', start: '2026-11-28T08:00', end, internal: false, approved: true },
    ];
    expect(validate(input({ people: [r1], assignments, moonlighting: shift('2026-11-28T16:00') }), only)).toEqual([]);
    const over = validate(input({ people: [r1], assignments, moonlighting: shift('2026-11-28T16:01') }), only);
    expect(over).toHaveLength(1);
    // The windows starting Nov 1 and Nov 2 both hold all of it (Nov 2 – 28 holds the same days of work).
    expect(over[0]).toMatchObject({ personId: 'r1', start: '2026-11-01', end: '2026-11-29', severity: 'critical' });
  });

  it('home call counts only the hours called in', () => {
    // 26 ward days (312 h) + home call on both weekend nights 3 times: only callbacks count.
    const assignments = wardExcept('2026-11-02', '2026-11-27', []);
    const calls = ['2026-11-07', '2026-11-14', '2026-11-21'].map((d) => call('r1', d, 'HC'));
    const callback = (end: string) => [{ id: 'cb1', personId: 'r1', start: '2026-11-21T20:00', end, note: null }];
    expect(
      validate(input({ people: [r1], assignments, calls, callbacks: callback('2026-11-22T04:00') }), only),
    ).toEqual([]);
    const over = validate(input({ people: [r1], assignments, calls, callbacks: callback('2026-11-22T04:01') }), only);
    // Windows starting Oct 31, Nov 1 and Nov 2 each hold all 26 ward days and the callback: the first is named.
    expect(over.map((f) => [f.start, f.end, f.message])).toEqual([
      ['2026-10-31', '2026-11-29', '80.004 h/week averaged over Oct 31 – Nov 27; limit 80'],
    ]);
  });
});

describe('one day in seven free, averaged over 28 days', () => {
  const only = { ruleIds: ['acgme_day_off'] };
  // Ward 06–18 every day Aug 2 – Dec 26, 2026 except Sundays: each free Sunday is 36 h off (Sat 18:00 –
  // Mon 06:00), one free day, and every 28-day window holds four Sundays (a window's edge cuts a Sunday's
  // stretch at most to 30 h: still one whole day).
  const sundays = datesInRange('2026-08-02', '2026-12-27').filter((_, i) => i % 7 === 0);
  const weeks = (free: readonly string[]) => wardExcept('2026-08-02', '2026-12-26', free);

  it('needs 4 free days in every 28: a Sunday off each week is enough; one Sunday worked is 3', () => {
    expect(validate(input({ people: [r1], assignments: weeks(sundays) }), only)).toEqual([]);
    // Oct 18 worked: the windows holding it (starting Sep 21 … Oct 18) have 3 free days.
    const findings = validate(
      input({ people: [r1], assignments: weeks(sundays.filter((d) => d !== '2026-10-18')) }),
      only,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: 'r1',
      severity: 'critical',
      start: '2026-09-21',
      end: '2026-11-14',
      measured: 3,
      limit: 4,
      unit: 'days off',
    });
    expect(findings[0].message).toBe('3 days off in Sep 21 – Oct 18; at least 4 required');
  });

  it('a holiday is no day off when it is worked, and is one when it is free', () => {
    const holidays = [{ date: '2026-10-18', name: 'Holiday', dayType: 'federal_holiday' as const }];
    const worked = sundays.filter((d) => d !== '2026-10-18');
    expect(validate(input({ people: [r1], holidays, assignments: weeks(worked) }), only)).toHaveLength(1);
    expect(validate(input({ people: [r1], holidays, assignments: weeks(sundays) }), only)).toEqual([]);
  });

  it('one leave day leaves 27 counted days: floor(4 × 27 / 28) = 3 free days are required there', () => {
    // Sunday Oct 18 worked and Wednesday Oct 14 on vacation (nothing scheduled). Every window holding
    // Oct 18 has 3 free days: those that also hold Oct 14 (starting Sep 21 … Oct 14) have 27 counted
    // days and need 3; those starting Oct 15 … 18 have 28 counted days and need 4.
    // (Whole free days required, rounded down: docs/compliance.md "requirement scaled to the non-leave days".)
    const absences = [absence('r1', 'vacation', '2026-10-14', '2026-10-14')];
    const free = [...sundays.filter((d) => d !== '2026-10-18'), '2026-10-14'];
    const findings = validate(input({ people: [r1], absences, assignments: weeks(free) }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: 'r1',
      start: '2026-10-15',
      end: '2026-11-14',
      measured: 3,
      limit: 4,
    });
    expect(findings[0].message).toBe('3 days off in Oct 15 – Nov 11; at least 4 required');
  });

  it('seven leave days leave 21 counted days: exactly 3 free days are enough, 2 are not', () => {
    // Vacation Mon Oct 12 – Sun Oct 18 (Sunday Oct 18 among it): a window holding the whole week has
    // 21 counted days and needs 4 × 21 / 28 = 3 free days; the other three Sundays give them.
    const absences = [absence('r1', 'vacation', '2026-10-12', '2026-10-18')];
    const vacation = datesInRange('2026-10-12', '2026-10-18');
    const free = [...new Set([...sundays, ...vacation])];
    expect(validate(input({ people: [r1], absences, assignments: weeks(free) }), only)).toEqual([]);
    // Sunday Oct 25 worked too: every window holding it falls short (Sep 28 – Oct 25: 21 counted days,
    // Sundays Oct 4 and 11 free, 2 of 3; Oct 19 – Nov 15: 28 counted days, 3 of 4), the first is named.
    const fewer = free.filter((d) => d !== '2026-10-25');
    const findings = validate(input({ people: [r1], absences, assignments: weeks(fewer) }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-09-28', end: '2026-11-21', measured: 2, limit: 3 });
    expect(findings[0].message).toBe('2 days off in Sep 28 – Oct 25; at least 3 required');
    expect(findings[0].explanation).toContain('7 leave days are left out of the window.');
  });
});

describe('in-house call no more often than every third night, averaged over 28 days', () => {
  const only = { ruleIds: ['acgme_call_frequency'] };

  it('three leave days leave 25 counted days: at most floor(25 / 3) = 8 calls', () => {
    // Vacation Sep 1–3; LD call every third night Sep 4 … Sep 28 = 9 calls.
    // Window Sep 1–28: 25 counted days, 8 allowed, 9 calls. Sep 2–29: 26 counted, 8 allowed, 9 calls.
    // Sep 3–30: 27 counted, 9 allowed. So the run is Sep 1 … Sep 2, reported Sep 1 – Sep 29.
    const absences = [absence('r1', 'vacation', '2026-09-01', '2026-09-03')];
    const dates = ['04', '07', '10', '13', '16', '19', '22', '25', '28'].map((d) => `2026-09-${d}`);
    const findings = validate(input({ people: [r1], absences, calls: dates.map((d) => call('r1', d)) }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: 'r1',
      severity: 'high',
      start: '2026-09-01',
      end: '2026-09-29',
      measured: 9,
      limit: 8,
      unit: 'call nights',
    });
    expect(findings[0].message).toBe('9 in-house call nights in Sep 1 – Sep 28; at most 8 (every 3rd night)');
    // Without the leave, nine calls every third night are exactly the limit.
    expect(validate(input({ people: [r1], calls: dates.map((d) => call('r1', d)) }), only)).toEqual([]);
  });
});

describe('continuous work and rest across time-zone edges', () => {
  const HAND = activity('HAND', ['07:00', '12:00'], null, { category: 'educational' });
  const HAND1 = activity('HAND1', ['07:00', '12:01'], null, { category: 'educational' });
  const catalog: Activity[] = [...activities(), HAND, HAND1];

  it('a 24-hour call on the night Chile skips midnight is 23 real hours: + 5 h of handoff is 28, + 1 min over', () => {
    // America/Santiago, Sep 6 2026: 00:00 does not exist (clocks jump to 01:00).
    const settings = inZone('America/Santiago');
    const program = (code: string) =>
      input({
        settings,
        activities: catalog,
        people: [r1],
        calls: [call('r1', '2026-09-05')],
        assignments: fill('r1', '2026-09-06', '2026-09-06', code, ['AM']),
      });
    expect(validate(program('HAND'), { ruleIds: ['acgme_continuous'] })).toEqual([]);
    const over = validate(program('HAND1'), { ruleIds: ['acgme_continuous'] });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ personId: 'r1', start: '2026-09-05', end: '2026-09-06', limit: 28 });
    expect(over[0].measured).toBeCloseTo(28 + 1 / 60, 6);
  });

  it('a day shift joined to a 12-hour in-house night call is 24 hours with call: 14 hours free after it', () => {
    const night: CallType = { ...callTypes()[0], code: 'NC', name: 'Night call', start: '18:00', end: '06:00' };
    const EVE = activity('EVE', null, ['20:00', '22:00']);
    const EVE1 = activity('EVE1', null, ['19:59', '22:00']);
    const program = (code: string) =>
      input({
        activities: [...activities(), EVE, EVE1],
        callTypes: [...callTypes(), night],
        people: [r1],
        calls: [call('r1', '2026-09-01', 'NC')],
        assignments: [
          ...fill('r1', '2026-09-01', '2026-09-01', 'WARD'),
          ...fill('r1', '2026-09-02', '2026-09-02', code, ['PM']),
        ],
      });
    // Work Sep 1 06:00 – Sep 2 06:00; free again at 20:00.
    expect(validate(program('EVE'), { ruleIds: ['acgme_rest_after_call'] })).toEqual([]);
    const short = validate(program('EVE1'), { ruleIds: ['acgme_rest_after_call'] });
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ personId: 'r1', severity: 'critical', start: '2026-09-01', end: '2026-09-02' });
    expect(short[0].measured).toBeCloseTo(13 + 59 / 60, 6);
  });
});

describe('PGY-1 at the turn of the academic year', () => {
  it('moonlighting is a finding on June 30 as a PGY-1 and none on July 1 as a PGY-2', () => {
    const intern = resident('r1', 1);
    const shift = (date: string) => ({
      id: `m-${date}`,
      personId: 'r1',
      start: `${date}T18:00`,
      end: `${date}T22:00`,
      internal: false,
      approved: true,
    });
    const findings = validate(
      input(
        { people: [intern], moonlighting: [shift('2027-06-30'), shift('2027-07-01')] },
        { start: '2027-06-01', end: '2027-07-31' },
      ),
      { ruleIds: ['moonlighting_pgy1'] },
    );
    expect(findings.map((f) => [f.start, f.severity])).toEqual([['2027-06-30', 'high']]);
  });
});

describe('windows roll across block edges and program start dates', () => {
  const only = { ruleIds: ['acgme_80h'] };

  it('two blocks each at exactly 80 h/week still break the limit in the windows across their edge', () => {
    // Block Sep 3 – Sep 30: 8 h moonlighting Sep 3, ward Sep 5–30 (26 × 12 + 8 = 320 h, at the limit).
    // Block Oct 1 – Oct 28: ward Oct 1–26, 8 h moonlighting Oct 28 (320 h, at the limit).
    // Ward runs Sep 5 – Oct 26 without a gap: windows Sep 4 … Sep 30 hold 27 or 28 ward days (81–84 h/week).
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-03T08:00', end: '2026-09-03T16:00', internal: false, approved: true },
      { id: 'm2', personId: 'r1', start: '2026-10-28T08:00', end: '2026-10-28T16:00', internal: false, approved: true },
    ];
    const assignments = wardExcept('2026-09-05', '2026-10-26', []);
    const findings = validate(input({ people: [r1], assignments, moonlighting }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-09-04', end: '2026-10-27', measured: 84 });
    expect(findings[0].message).toBe('84 h/week averaged over Sep 5 – Oct 2; limit 80');
  });

  it('days before a resident starts are no work: a window reaching back past the start averages them in', () => {
    // Starts Sep 15; ward Sep 15 – Oct 5 (21 × 12 = 252 h): the window Sep 8 – Oct 5 is 63 h/week, and every
    // window holds at most 21 ward days (≤ 252 h = 63 h/week).
    const late = resident('r1', 2, { startDate: '2026-09-15' });
    expect(validate(input({ people: [late], assignments: wardExcept('2026-09-15', '2026-10-05', []) }), only)).toEqual(
      [],
    );
    // Ward Sep 15 – Oct 12: the window Sep 15 – Oct 12 is 336 h = 84 h/week.
    const findings = validate(input({ people: [late], assignments: wardExcept('2026-09-15', '2026-10-12', []) }), only);
    expect(findings.map((f) => f.message)).toEqual(['84 h/week averaged over Sep 15 – Oct 12; limit 80']);
  });
});

describe('8 hours between work periods (a warning) across the spring-forward night', () => {
  const only = { ruleIds: ['acgme_rest_between'] };
  const DAY = activity('DAY', ['06:00', '12:00'], ['12:00', '18:00']);
  const DAY1 = activity('DAY1', ['06:00', '12:00'], ['12:00', '18:01']);
  const DAWN = activity('DAWN', ['03:00', '07:00'], null);
  const program = (code: string) =>
    input({
      activities: [...activities(), DAY, DAY1, DAWN],
      people: [r1],
      assignments: [
        ...fill('r1', '2027-03-13', '2027-03-13', code),
        ...fill('r1', '2027-03-14', '2027-03-14', 'DAWN', ['AM']),
      ],
    });

  it('18:00 to 03:00 on the night the clocks go forward is 8 real hours: no warning; 18:01 is 7 h 59 min', () => {
    expect(validate(program('DAY'), only)).toEqual([]);
    const findings = validate(program('DAY1'), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ personId: 'r1', severity: 'medium', start: '2027-03-13', end: '2027-03-14' });
    expect(findings[0].measured).toBeCloseTo(7 + 59 / 60, 6);
  });
});

describe('night float', () => {
  it('seven nights in a row are seven consecutive worked days (the local 6-day limit); six are fine', () => {
    const only = { ruleIds: ['consecutive_days'] };
    expect(
      validate(input({ people: [r1], assignments: fill('r1', '2026-09-07', '2026-09-12', 'NF', ['PM']) }), only),
    ).toEqual([]);
    const findings = validate(
      input({ people: [r1], assignments: fill('r1', '2026-09-07', '2026-09-13', 'NF', ['PM']) }),
      only,
    );
    expect(findings.map((f) => [f.personId, f.severity, f.start, f.end, f.measured, f.limit])).toEqual([
      ['r1', 'medium', '2026-09-07', '2026-09-13', 7, 6],
    ]);
  });

  it('six nights on, one off, for four weeks: the night off is 36 h free, one day a week, no day-off finding', () => {
    // Nights Mon–Sat 19:00–07:00; free Sun 07:00 – Mon 19:00 (36 h). 24 nights in 28 days = 288 h = 72 h/week.
    const nights = datesInRange('2026-09-07', '2026-10-04').filter((_, i) => i % 7 !== 6);
    const assignments = nights.flatMap((d) => fill('r1', d, d, 'NF', ['PM']));
    expect(validate(input({ people: [r1], assignments }), { ruleIds: ['acgme_day_off', 'acgme_80h'] })).toEqual([]);
  });
});

describe('a free day is 24 real hours', () => {
  it('24 hours off between two calls is a free day; on the spring-forward night the same clock times are 23', () => {
    // In-house 24-hour call (07:00–07:00) every day Feb 20 – Mar 19, 2027 but one; nothing before or after.
    // Rule at one free day in 28. The window Feb 20 – Mar 19 then holds the gap and 7 h of the time off
    // before Feb 20 07:00 (a 29-day stretch: its share, 29 × 7 / 703 ≈ 0.29 days); Feb 21 – Mar 20 the gap
    // and 17 h of the time off after Mar 20 07:00 (≈ 0.7 days): both need the gap to make one whole day.
    const settings = withRule('acgme_day_off', { params: { minDaysOff: 1 } });
    const only = { ruleIds: ['acgme_day_off'] };
    const callsBut = (gap: string) =>
      datesInRange('2027-02-20', '2027-03-19')
        .filter((d) => d !== gap)
        .map((d) => call('r1', d));
    // Gap Mar 6: Mar 6 07:00 – Mar 7 07:00 is 24 h, a free day exactly.
    expect(validate(input({ settings, people: [r1], calls: callsBut('2027-03-06') }), only)).toEqual([]);
    // Gap Mar 13: Mar 13 07:00 – Mar 14 07:00 is 23 real hours (clocks go forward at 02:00 on Mar 14).
    const findings = validate(input({ settings, people: [r1], calls: callsBut('2027-03-13') }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: 'r1',
      start: '2027-02-20',
      end: '2027-03-20',
      measured: 0,
      limit: 1,
    });
    expect(findings[0].message).toBe('0 days off in Feb 20 – Mar 19; at least 1 required');
  });
});

describe('a callback from home call is unscheduled work', () => {
  // Ward 06–18 on Sep 1 and 2, home call the night between, called in 22:00–23:00.
  const data = (extra: Parameters<typeof input>[0]) =>
    input({
      ...extra,
      assignments: wardExcept('2026-09-01', '2026-09-02', []),
      calls: [call('r1', '2026-09-01', 'HC')],
    });

  it('starts no new rest period: 12 h between the scheduled ward days, no 8-hour warning', () => {
    const callbacks = [{ id: 'cb1', personId: 'r1', start: '2026-09-01T22:00', end: '2026-09-01T23:00', note: null }];
    expect(validate(data({ people: [r1], callbacks }), { ruleIds: ['acgme_rest_between'] })).toEqual([]);
  });

  it('while a moonlighting shift at the same hours is scheduled work: 4 h and 7 h off, two warnings', () => {
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-01T22:00', end: '2026-09-01T23:00', internal: true, approved: true },
    ];
    const findings = validate(data({ people: [r1], moonlighting }), { ruleIds: ['acgme_rest_between'] });
    expect(findings.map((f) => [f.severity, f.measured, f.message])).toEqual([
      ['medium', 4, '4 h off between work ending Sep 1 18:00 and work starting Sep 1 22:00; should be at least 8'],
      ['medium', 7, '7 h off between work ending Sep 1 23:00 and work starting Sep 2 06:00; should be at least 8'],
    ]);
  });
});
