// ACGME work periods: 24 h continuous (+4 never scheduled), 14 h free after 24 h of in-house
// call, 8 h between work periods (warning), and in-house call every third night on average.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import type { Activity } from '../../../core/domain/types';
import { activities, assign, call, callTypes, everyNth, fill, input, resident } from './fixtures';

const r1 = resident('r1', 2);

function extraActivity(code: string, pm: [string, string], am: [string, string] | null = null): Activity {
  return {
    ...activities()[0],
    code,
    needsSupervision: false,
    countsTowardClinicCapacity: false,
    am: am && { start: am[0], end: am[1] },
    pm: { start: pm[0], end: pm[1] },
  };
}
const catalog = [
  ...activities(),
  extraActivity('EVE', ['21:00', '23:00']),
  extraActivity('EVE2', ['20:59', '23:00']),
  extraActivity('LATE', ['15:00', '19:00']),
  extraActivity('HAND', ['19:00', '20:00'], ['07:00', '08:00']),
  extraActivity('MIN', ['19:00', '20:00'], ['07:00', '07:01']),
];
const program = (parts: Parameters<typeof input>[0]) =>
  input({ activities: catalog, callTypes: callTypes(), ...parts });

describe('acgme_continuous', () => {
  const only = { ruleIds: ['acgme_continuous'] };

  it('allows a 24-hour call and flags one minute more', () => {
    expect(validate(program({ people: [r1], calls: [call('r1', '2026-09-01', 'LD')] }), only)).toEqual([]);
    // The call 07:00–07:00, then one minute of handover work (07:00–07:01) the next morning.
    const findings = validate(
      program({
        people: [r1],
        calls: [call('r1', '2026-09-01')],
        assignments: [assign('r1', '2026-09-02', 'AM', 'MIN')],
      }),
      only,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-09-01', end: '2026-09-02', limit: 24, unit: 'h' });
    expect(findings[0].measured).toBeCloseTo(24 + 1 / 60, 6);
    expect(findings[0].message).toBe(
      'New patient care 24.02 h into continuous work, Sep 1 07:00 – Sep 2 07:01; limit 24',
    );
  });

  it('joins work across short breaks into one period', () => {
    // Call 07:00–07:00, then 07:00–08:00 the next morning: 25 h.
    const findings = validate(
      program({
        people: [r1],
        calls: [call('r1', '2026-09-05')],
        assignments: [assign('r1', '2026-09-06', 'AM', 'HAND')],
      }),
      only,
    );
    expect(findings.map((f) => f.measured)).toEqual([25]);
    // A 1-hour lunch break does not end a period; a clinic day is 9 hours.
    expect(validate(program({ people: [r1], assignments: fill('r1', '2026-09-07', '2026-09-07', 'C') }), only)).toEqual(
      [],
    );
  });

  it('measures real hours on the spring-forward night: 24-hour call + 1 h is 24 h', () => {
    // Saturday Mar 13 2027 07:00 → Sunday 07:00 is 23 real hours (clocks skip 02:00–03:00).
    const dst = program({
      people: [r1],
      calls: [call('r1', '2027-03-13')],
      assignments: [assign('r1', '2027-03-14', 'AM', 'HAND')],
    });
    expect(validate(dst, only)).toEqual([]);
    const normal = program({
      people: [r1],
      calls: [call('r1', '2027-03-06')],
      assignments: [assign('r1', '2027-03-07', 'AM', 'HAND')],
    });
    expect(validate(normal, only).map((f) => f.measured)).toEqual([25]);
  });

  it('ends a 24-hour call an hour earlier on the clock on the fall-back night, and counts real hours after it', () => {
    // Saturday Oct 31 2026 07:00 EDT → Sunday 06:00 EST is 24 real hours: the call is within the limit.
    expect(validate(program({ people: [r1], calls: [call('r1', '2026-10-31')] }), only)).toEqual([]);
    // Work at 07:00–08:00 on the clock joins the call (a 1-hour break): 26 real hours.
    const findings = validate(
      program({
        people: [r1],
        calls: [call('r1', '2026-10-31')],
        assignments: [assign('r1', '2026-11-01', 'AM', 'HAND')],
      }),
      only,
    );
    expect(findings.map((f) => f.measured)).toEqual([26]);
    expect(findings[0].explanation).toContain('the clocks change for daylight saving');
    const normal = validate(
      program({
        people: [r1],
        calls: [call('r1', '2026-10-24')],
        assignments: [assign('r1', '2026-10-25', 'AM', 'HAND')],
      }),
      only,
    );
    expect(normal[0].explanation).not.toContain('daylight saving');
  });

  // A call type whose program keeps the clock end on the fall-back night ('clock_end').
  const keepsClockEnd = (parts: Parameters<typeof input>[0]) =>
    input({
      activities: catalog,
      callTypes: callTypes().map((t) => (t.code === 'LD' ? { ...t, clockChange: 'clock_end' as const } : t)),
      ...parts,
    });

  it("keeps the call's clock end on the fall-back night when the call type says so: 25 real hours", () => {
    // Saturday Oct 31 2026 07:00 EDT → Sunday 07:00 EST is 25 real hours: patient care 1 h past 24.
    const findings = validate(keepsClockEnd({ people: [r1], calls: [call('r1', '2026-10-31')] }), only);
    expect(findings.map((f) => f.measured)).toEqual([25]);
    expect(findings[0]).toMatchObject({ start: '2026-10-31', end: '2026-11-01', limit: 24 });
    expect(findings[0].explanation).toContain('keeps its clock end on the night the clocks fall back');
    // + 07:00–08:00 on the clock the next morning (patient care, no break): 26 real hours.
    const withHandover = validate(
      keepsClockEnd({
        people: [r1],
        calls: [call('r1', '2026-10-31')],
        assignments: [assign('r1', '2026-11-01', 'AM', 'HAND')],
      }),
      only,
    );
    expect(withHandover.map((f) => f.measured)).toEqual([26]);
    // Any other night the setting changes nothing: a 07:00–07:00 call is 24 h, within the limit.
    expect(validate(keepsClockEnd({ people: [r1], calls: [call('r1', '2026-10-24')] }), only)).toEqual([]);
  });

  it('ends the call at its clock time on the spring-forward night under either setting: 23 real hours', () => {
    // Saturday Mar 13 2027 07:00 EST → Sunday 07:00 EDT, + 07:00–08:00: 24 h, within the limit.
    for (const make of [program, keepsClockEnd]) {
      const dst = make({
        people: [r1],
        calls: [call('r1', '2027-03-13')],
        assignments: [assign('r1', '2027-03-14', 'AM', 'HAND')],
      });
      expect(validate(dst, only)).toEqual([]);
    }
  });
});

describe('acgme_rest_after_call', () => {
  const only = { ruleIds: ['acgme_rest_after_call'] };

  it('needs 14 hours off after 24 hours of in-house call', () => {
    // Call ends Sep 2 07:00; 21:00 is exactly 14 h later, 20:59 one minute short.
    const atLimit = program({
      people: [r1],
      calls: [call('r1', '2026-09-01')],
      assignments: [assign('r1', '2026-09-02', 'PM', 'EVE')],
    });
    expect(validate(atLimit, only)).toEqual([]);
    const short = program({
      people: [r1],
      calls: [call('r1', '2026-09-01')],
      assignments: [assign('r1', '2026-09-02', 'PM', 'EVE2')],
    });
    const findings = validate(short, only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-09-01', end: '2026-09-02', limit: 14, unit: 'h off' });
    expect(findings[0].measured).toBeCloseTo(14 - 1 / 60, 6);
    expect(findings[0].slots).toEqual([{ date: '2026-09-02', half: 'PM' }]);
    expect(findings[0].message).toBe('13.98 h off after in-house call ending Sep 2 07:00; at least 14 required');
  });

  it('applies to a 24-hour call on the spring-forward night (23 real hours)', () => {
    const findings = validate(
      program({
        people: [r1],
        calls: [call('r1', '2027-03-13')],
        assignments: fill('r1', '2027-03-14', '2027-03-14', 'NF', ['PM']),
      }),
      only,
    );
    expect(findings.map((f) => f.measured)).toEqual([12]);
  });

  it('does not apply after call that is not in-house', () => {
    const fac = { ...r1, id: 'f1' };
    const findings = validate(
      program({
        people: [fac],
        calls: [call('f1', '2026-09-01', 'OC')],
        assignments: [assign('f1', '2026-09-02', 'PM', 'C')],
      }),
      only,
    );
    expect(findings).toEqual([]);
  });
});

describe('acgme_rest_between', () => {
  const only = { ruleIds: ['acgme_rest_between'] };

  it('warns under 8 hours off between work periods, exactly 8 is fine', () => {
    // Night float ends Sep 2 07:00; 15:00 is 8 h later, clinic at 13:00 only 6 h.
    const ok = program({
      people: [r1],
      assignments: [assign('r1', '2026-09-01', 'PM', 'NF'), assign('r1', '2026-09-02', 'PM', 'LATE')],
    });
    expect(validate(ok, only)).toEqual([]);
    const short = program({
      people: [r1],
      assignments: [assign('r1', '2026-09-01', 'PM', 'NF'), assign('r1', '2026-09-02', 'PM', 'C')],
    });
    const findings = validate(short, only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'medium',
      measured: 6,
      limit: 8,
      start: '2026-09-02',
      end: '2026-09-02',
    });
  });

  it('uses the configured break length to tell a break from rest', () => {
    const clinicDay = program({ people: [r1], assignments: fill('r1', '2026-09-07', '2026-09-07', 'C') });
    expect(validate(clinicDay, only)).toEqual([]);
    expect(validate(clinicDay, { ...only, workPeriodBreakMinutes: 30 }).map((f) => f.measured)).toEqual([1]);
  });
});

describe('acgme_call_frequency', () => {
  const only = { ruleIds: ['acgme_call_frequency'] };

  it('allows 9 in-house call nights in 28 days and flags 10 (every third night on average)', () => {
    const nine = everyNth('2026-09-01', '2026-09-25', 3).map((d) => call('r1', d));
    expect(nine).toHaveLength(9);
    expect(validate(program({ people: [r1], calls: nine }), only)).toEqual([]);
    const ten = [...nine, call('r1', '2026-09-28')];
    const findings = validate(program({ people: [r1], calls: ten }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      start: '2026-09-01',
      end: '2026-09-28',
      measured: 10,
      limit: 9,
      severity: 'high',
    });
    expect(findings[0].message).toBe('10 in-house call nights in Sep 1 – Sep 28; at most 9 (every 3rd night)');
  });

  it('averages: two calls on consecutive nights are not a violation', () => {
    expect(
      validate(program({ people: [r1], calls: [call('r1', '2026-09-01'), call('r1', '2026-09-02')] }), only),
    ).toEqual([]);
  });

  it('does not count call from home', () => {
    const fac = { ...r1, id: 'f1' };
    const calls = everyNth('2026-09-01', '2026-09-28', 2).map((d) => call('f1', d, 'OC'));
    expect(validate(program({ people: [fac], calls }), only)).toEqual([]);
  });
});
