// Duty the ACGME way, hand-computed at each limit and one minute over: home call (not work, not
// time off) with callbacks (work, not a double booking), 24 + 4 transition hours, and
// moonlighting counted wherever clinical work counts (and never by PGY-1 residents).
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import type { Activity, CallType, Callback, MoonlightingEntry } from '../../../core/domain/types';
import {
  activities,
  activity,
  assign,
  call,
  callTypes,
  datesInRange,
  fill,
  input,
  resident,
  withRule,
} from './fixtures';

const r1 = resident('r1', 2);
const intern = resident('i1', 1);

const catalog: Activity[] = [
  ...activities(),
  // Handoff and teaching after a 24-hour call: transitions of care, not new patient care.
  activity('HO', ['07:00', '11:00'], null, { patientCare: false }),
  activity('HO1', ['07:00', '11:01'], null, { patientCare: false }),
  activity('EDU', ['07:00', '11:00'], null, { category: 'educational' }),
  activity('MIN', ['07:00', '07:01'], null),
];
const homeCall = (code: string, start: string, end: string): CallType => ({
  code,
  name: code,
  start,
  end,
  inHouse: false,
  for: 'resident',
  countsTowardDutyHours: true,
  clockChange: 'scheduled_hours',
});
const allCallTypes = [...callTypes(), homeCall('HCE', '18:00', '06:00'), homeCall('HCL', '17:59', '06:00')];
const program = (parts: Parameters<typeof input>[0]) =>
  input({ activities: catalog, callTypes: allCallTypes, ...parts });

let seq = 0;
const callback = (personId: string, start: string, end: string): Callback => ({
  id: `cb-${++seq}`,
  personId,
  start,
  end,
  note: null,
});
const moonlight = (
  personId: string,
  start: string,
  end: string,
  extra: Partial<MoonlightingEntry> = {},
): MoonlightingEntry => ({
  id: `ml-${++seq}`,
  personId,
  start,
  end,
  internal: false,
  approved: true,
  ...extra,
});

// Four weeks, Monday Sep 7 – Sunday Oct 4 2026: 12-hour ward days on weekdays (240 h), a 24-hour
// home call (HC 08:00 → 08:00) every Saturday and Sunday.
const weekdays = datesInRange('2026-09-07', '2026-10-04').filter(
  (d) => ![6, 0].includes(new Date(`${d}T12:00Z`).getUTCDay()),
);
const weekendDays = datesInRange('2026-09-07', '2026-10-04').filter((d) =>
  [6, 0].includes(new Date(`${d}T12:00Z`).getUTCDay()),
);
const wardWeekdays = weekdays.flatMap((d) => fill('r1', d, d, 'WARD'));
const homeCalls = weekendDays.map((d) => call('r1', d, 'HC'));

describe('home call', () => {
  it('is not work: a month of weekend home call on top of 60 h/week raises no hours or continuous-work finding', () => {
    expect(weekdays).toHaveLength(20);
    expect(weekendDays).toHaveLength(8);
    const findings = validate(program({ people: [r1], assignments: wardWeekdays, calls: homeCalls }), {
      ruleIds: ['acgme_80h', 'acgme_continuous', 'acgme_rest_after_call', 'acgme_call_frequency'],
    });
    expect(findings).toEqual([]);
  });

  it(
    'counts callbacks toward the 80 hours: 240 h of ward + 80 h of callbacks is the limit, one minute more ' +
      'is over',
    () => {
      // Ten hours of callbacks on each of the eight home-call days (09:00–19:00).
      const callbacks = (lastEnd: string) =>
        weekendDays.map((d, i) =>
          callback('r1', `${d}T09:00`, i === weekendDays.length - 1 ? `${d}T${lastEnd}` : `${d}T19:00`),
        );
      const only = { ruleIds: ['acgme_80h'] };
      expect(
        validate(
          program({ people: [r1], assignments: wardWeekdays, calls: homeCalls, callbacks: callbacks('19:00') }),
          only,
        ),
      ).toEqual([]);
      const over = validate(
        program({ people: [r1], assignments: wardWeekdays, calls: homeCalls, callbacks: callbacks('19:01') }),
        only,
      );
      expect(over).toHaveLength(1);
      expect(over[0]).toMatchObject({
        ruleId: 'acgme_80h',
        start: '2026-09-07',
        end: '2026-10-04',
        limit: 80,
        unit: 'h/week',
      });
      expect(over[0].measured).toBeCloseTo((320 + 1 / 60) / 4, 6);
      expect(over[0].message).toBe('80.004 h/week averaged over Sep 7 – Oct 4; limit 80');
    },
  );

  it('is not time off: a free day needs 24 hours free of home call too (exactly 24 h is a day, 23:59 is not)', () => {
    const only = { ruleIds: ['acgme_day_off'] };
    const offDays = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-25'];
    const wards = datesInRange('2026-09-01', '2026-09-28')
      .filter((d) => !offDays.includes(d))
      .flatMap((d) => fill('r1', d, d, 'WARD'));
    // Off on Sep 25: free from Sep 24 18:00 to Sep 26 06:00. Home call from 18:00 leaves 24 h.
    expect(
      validate(program({ people: [r1], assignments: wards, calls: [call('r1', '2026-09-25', 'HCE')] }), only),
    ).toEqual([]);
    const short = validate(
      program({ people: [r1], assignments: wards, calls: [call('r1', '2026-09-25', 'HCL')] }),
      only,
    );
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ start: '2026-09-01', end: '2026-09-28', measured: 3, limit: 4, unit: 'days off' });
  });

  it('makes a worked day: six ward days and a seventh on home call are seven consecutive days', () => {
    const only = { ruleIds: ['consecutive_days'] };
    const six = fill('r1', '2026-09-07', '2026-09-12', 'WARD');
    expect(validate(program({ people: [r1], assignments: six }), only)).toEqual([]);
    const seven = validate(program({ people: [r1], assignments: six, calls: [call('r1', '2026-09-13', 'HCE')] }), only);
    expect(seven.map((f) => [f.start, f.end, f.measured])).toEqual([['2026-09-07', '2026-09-13', 7]]);
  });

  it('is not in-house call: no rest-after-call or call-frequency finding after 24 h of home call', () => {
    const calls = datesInRange('2026-09-07', '2026-10-04')
      .filter((_, i) => i % 2 === 0)
      .map((d) => call('r1', d, 'HC'));
    const next = fill('r1', '2026-09-08', '2026-09-08', 'C');
    expect(
      validate(program({ people: [r1], calls, assignments: next }), {
        ruleIds: ['acgme_rest_after_call', 'acgme_call_frequency'],
      }),
    ).toEqual([]);
  });

  it('a callback during home call is no double booking; one overlapping a half-day or another shift is', () => {
    const only = { ruleIds: ['double_booking'] };
    // Home call Sep 12 08:00 → Sep 13 08:00, a callback in the night, ward work from 06:00.
    const during = program({
      people: [r1],
      calls: [call('r1', '2026-09-12', 'HC')],
      callbacks: [callback('r1', '2026-09-13T02:00', '2026-09-13T05:30')],
      assignments: [assign('r1', '2026-09-13', 'AM', 'WARD')],
    });
    expect(validate(during, only)).toEqual([]);
    const twoCalls = program({ people: [r1], calls: [call('r1', '2026-09-12', 'HC'), call('r1', '2026-09-12', 'LD')] });
    expect(validate(twoCalls, only).map((f) => f.message)).toEqual(['LD call Sep 12 overlaps HC home call Sep 12']);
    const clash = program({
      people: [r1],
      assignments: [assign('r1', '2026-09-14', 'AM', 'C')],
      callbacks: [callback('r1', '2026-09-14T11:00', '2026-09-14T12:30')],
      moonlighting: [moonlight('r1', '2026-09-14T12:00', '2026-09-14T16:00')],
    });
    expect(validate(clash, only).map((f) => f.message)).toEqual([
      'C Sep 14 AM overlaps callback from Sep 14 11:00',
      'callback from Sep 14 11:00 overlaps moonlighting from Sep 14 12:00',
    ]);
  });

  it('callbacks are work for continuous work and for rest after in-house call', () => {
    // LD Sep 12 07:00 → Sep 13 07:00, then home call from 08:00 with a callback.
    const calls = [call('r1', '2026-09-12', 'LD'), call('r1', '2026-09-13', 'HC')];
    const rest = { ruleIds: ['acgme_rest_after_call'] };
    expect(
      validate(
        program({ people: [r1], calls, callbacks: [callback('r1', '2026-09-13T21:00', '2026-09-13T23:00')] }),
        rest,
      ),
    ).toEqual([]);
    const early = validate(
      program({ people: [r1], calls, callbacks: [callback('r1', '2026-09-13T20:59', '2026-09-13T23:00')] }),
      rest,
    );
    expect(early.map((f) => f.measured)).toEqual([14 - 1 / 60].map((x) => Math.round(x * 1e6) / 1e6));
    // A callback starting within the break joins the call's work period: new patient care after 24 h.
    const joined = validate(
      program({ people: [r1], calls, callbacks: [callback('r1', '2026-09-13T08:30', '2026-09-13T09:00')] }),
      { ruleIds: ['acgme_continuous'] },
    );
    expect(joined.map((f) => [f.measured, f.limit])).toEqual([[26, 24]]);
  });
});

describe('rest after in-house call: the work period the call is part of, not the call alone', () => {
  const only = { ruleIds: ['acgme_rest_after_call', 'acgme_continuous'] };
  const night = (code: string, start: string): CallType => ({ ...homeCall(code, start, '08:00'), inHouse: true });
  // Clinic Sep 1 08:00–12:00 and 13:00–17:00, then an in-house night call until Sep 2 08:00.
  const day = (callCode: string, extra: Partial<Parameters<typeof input>[0]> = {}) =>
    input({
      activities: catalog,
      callTypes: [...allCallTypes, night('N19', '19:00'), night('N1859', '18:59')],
      people: [r1],
      calls: [call('r1', '2026-09-01', callCode)],
      assignments: fill('r1', '2026-09-01', '2026-09-01', 'C'),
      ...extra,
    });
  const afternoon = {
    assignments: [...fill('r1', '2026-09-01', '2026-09-01', 'C'), assign('r1', '2026-09-02', 'PM', 'C')],
  };

  it('joins a call to the clinic day before it across a break under 2 h: 24 h of work, 14 h free after', () => {
    // 17:00 → 18:59 is a break of 1 h 59 min: one period Sep 1 08:00 – Sep 2 08:00 (24 h, allowed),
    // so free again at 22:00. Clinic at 13:00 the next day is 5 h off.
    expect(validate(day('N1859', afternoon), only).map((f) => [f.ruleId, f.measured, f.limit])).toEqual([
      ['acgme_rest_after_call', 5, 14],
    ]);
    const at = (t: string) => ({ moonlighting: [moonlight('r1', `2026-09-02T${t}`, '2026-09-02T23:00')] });
    expect(validate(day('N1859', at('22:00')), only)).toEqual([]);
    expect(validate(day('N1859', at('21:59')), only).map((f) => f.message)).toEqual([
      '13.98 h off after in-house call ending Sep 2 08:00; at least 14 required',
    ]);
  });

  it('keeps them apart across a break of exactly 2 h: a 13-h call owes no rest after it', () => {
    expect(validate(day('N19', afternoon), only)).toEqual([]);
  });
});

describe('24 + 4: transitions of care and education after 24 hours', () => {
  const only = { ruleIds: ['acgme_continuous'] };
  // LD Sep 1 07:00 → Sep 2 07:00, then the next morning's half-day from 07:00.
  const after = (code: string) =>
    program({ people: [r1], calls: [call('r1', '2026-09-01')], assignments: [assign('r1', '2026-09-02', 'AM', code)] });

  it('allows 24 h of call plus 4 h of handoff or education, and flags one minute more', () => {
    expect(validate(after('HO'), only)).toEqual([]);
    expect(validate(after('EDU'), only)).toEqual([]);
    const over = validate(after('HO1'), only);
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ start: '2026-09-01', end: '2026-09-02', limit: 28, unit: 'h' });
    expect(over[0].measured).toBeCloseTo(28 + 1 / 60, 6);
    expect(over[0].message).toBe('28.02 h of continuous work, Sep 1 07:00 – Sep 2 11:01; limit 24 + 4 for transitions');
  });

  it('flags new patient care after 24 h, even one minute of it', () => {
    const findings = validate(after('MIN'), only);
    expect(findings.map((f) => [f.measured, f.limit])).toEqual([[Math.round((24 + 1 / 60) * 1e6) / 1e6, 24]]);
    expect(findings[0].explanation).toContain('new patient care (MIN)');
  });

  it('applies the transitionHours setting (0 = nothing after 24 h)', () => {
    const settings = withRule('acgme_continuous', { params: { transitionHours: 0 } });
    const findings = validate(
      input({
        settings,
        activities: catalog,
        callTypes: allCallTypes,
        people: [r1],
        calls: [call('r1', '2026-09-01')],
        assignments: [assign('r1', '2026-09-02', 'AM', 'HO')],
      }),
      only,
    );
    expect(findings.map((f) => [f.measured, f.limit])).toEqual([[28, 24]]);
  });
});

describe('moonlighting counts wherever clinical work counts', () => {
  const calls = [call('r1', '2026-09-01')]; // LD Sep 1 07:00 → Sep 2 07:00

  it('rest after 24 h of in-house call: moonlighting 14 h later is fine, one minute earlier is not', () => {
    const only = { ruleIds: ['acgme_rest_after_call'] };
    expect(
      validate(
        program({ people: [r1], calls, moonlighting: [moonlight('r1', '2026-09-02T21:00', '2026-09-02T23:00')] }),
        only,
      ),
    ).toEqual([]);
    const findings = validate(
      program({ people: [r1], calls, moonlighting: [moonlight('r1', '2026-09-02T20:59', '2026-09-02T23:00')] }),
      only,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe('13.98 h off after in-house call ending Sep 2 07:00; at least 14 required');
  });

  it('continuous work: moonlighting straight after a 24-hour call is patient care after 24 h', () => {
    const findings = validate(
      program({ people: [r1], calls, moonlighting: [moonlight('r1', '2026-09-02T07:00', '2026-09-02T07:01')] }),
      { ruleIds: ['acgme_continuous'] },
    );
    expect(findings.map((f) => f.limit)).toEqual([24]);
    expect(findings[0].explanation).toContain('moonlighting');
  });

  it('rest between work periods: moonlighting is a work period', () => {
    const findings = validate(
      program({
        people: [r1],
        assignments: [assign('r1', '2026-09-08', 'PM', 'C')],
        moonlighting: [moonlight('r1', '2026-09-08T22:00', '2026-09-09T06:00')],
      }),
      { ruleIds: ['acgme_rest_between'] },
    );
    expect(findings.map((f) => f.measured)).toEqual([5]);
  });
});

describe('moonlighting policy', () => {
  it('PGY-1 residents may not moonlight; PGY-2 may', () => {
    const entries = [
      moonlight('i1', '2026-09-05T08:00', '2026-09-05T20:00'),
      moonlight('r1', '2026-09-05T08:00', '2026-09-05T20:00'),
    ];
    const findings = validate(program({ people: [intern, r1], moonlighting: entries }), {
      ruleIds: ['moonlighting_pgy1'],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ personId: 'i1', severity: 'high', start: '2026-09-05', end: '2026-09-05' });
    expect(findings[0].message).toBe(
      'Resident i1 (PGY-1) moonlights Sep 5 08:00 – Sep 5 20:00; PGY-1 residents may not moonlight',
    );
  });

  it('moonlighting needs the program director’s approval', () => {
    const entries = [
      moonlight('r1', '2026-09-05T08:00', '2026-09-05T20:00', { approved: false }),
      moonlight('r1', '2026-09-12T08:00', '2026-09-12T20:00'),
    ];
    const findings = validate(program({ people: [r1], moonlighting: entries }), { ruleIds: ['moonlighting_approval'] });
    expect(findings.map((f) => [f.start, f.severity])).toEqual([['2026-09-05', 'medium']]);
  });
});
