// Conflicts: double booking, work during absence, credentials, certifications, call during an
// inpatient week.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import { absence, assign, call, fill, faculty, input, resident } from './fixtures';

describe('double_booking', () => {
  const only = { ruleIds: ['double_booking'] };
  const people = [resident('r1', 2)];

  it('flags two assignments in one slot', () => {
    const findings = validate(input({ people, assignments: [assign('r1', '2026-09-08', 'AM', 'C'), assign('r1', '2026-09-08', 'AM', 'PROC')] }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ personId: 'r1', start: '2026-09-08', slots: [{ date: '2026-09-08', half: 'AM' }], measured: 2, limit: 1, severity: 'critical' });
    expect(findings[0].message).toBe('2 assignments in Sep 8 AM: C, PROC');
  });

  it('flags a call overlapping a half-day elsewhere, not one merely adjacent to it', () => {
    // 24-hour call from 07:00 and clinic 08:00–12:00 the same morning.
    const overlap = validate(input({ people, calls: [call('r1', '2026-09-08')], assignments: [assign('r1', '2026-09-08', 'AM', 'C')] }), only);
    expect(overlap.map((f) => [f.message, f.measured])).toEqual([['LD call Sep 8 overlaps C Sep 8 AM', 4]]);
    // Faculty call 17:00–07:00 after clinic until 17:00 touches but does not overlap.
    const fac = [faculty('f1')];
    expect(validate(input({ people: fac, calls: [call('f1', '2026-09-08', 'OC')], assignments: [assign('f1', '2026-09-08', 'PM', 'C')] }), only)).toEqual([]);
  });

  it('flags moonlighting during scheduled work', () => {
    const moonlighting = [{ id: 'm1', personId: 'r1', start: '2026-09-08T16:00', end: '2026-09-08T20:00', internal: false, approved: true }];
    const findings = validate(input({ people, moonlighting, assignments: [assign('r1', '2026-09-08', 'PM', 'C')] }), only);
    expect(findings.map((f) => f.measured)).toEqual([1]);
  });
});

describe('absence_conflict', () => {
  const only = { ruleIds: ['absence_conflict'] };
  const people = [resident('r1', 2), faculty('f1')];

  it('flags work during a blocking absence and its recovery days', () => {
    // Deployment always blocks, 7 recovery days after it.
    const absences = [absence('r1', 'deployment', '2026-09-01', '2026-09-10')];
    const assignments = [assign('r1', '2026-09-05', 'AM', 'C'), assign('r1', '2026-09-16', 'PM', 'C'), assign('r1', '2026-09-18', 'AM', 'C'), ...fill('r1', '2026-09-02', '2026-09-03', 'LV')];
    const findings = validate(input({ people, absences, assignments }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-09-01', end: '2026-09-17', measured: 2, slots: [{ date: '2026-09-05', half: 'AM' }, { date: '2026-09-16', half: 'PM' }] });
    expect(findings[0].message).toBe('2 half-days of work during deployment Sep 1 – Sep 10 (plus 7 recovery days)');
  });

  it('follows the policy: vacation never blocks, sick blocks over 3 days', () => {
    const work = [assign('r1', '2026-09-02', 'AM', 'C')];
    expect(validate(input({ people, assignments: work, absences: [absence('r1', 'vacation', '2026-09-01', '2026-09-05')] }), only)).toEqual([]);
    expect(validate(input({ people, assignments: work, absences: [absence('r1', 'sick', '2026-09-01', '2026-09-03')] }), only)).toEqual([]);
    expect(validate(input({ people, assignments: work, absences: [absence('r1', 'sick', '2026-09-01', '2026-09-04')] }), only)).toHaveLength(1);
    expect(validate(input({ people, assignments: work, absences: [absence('r1', 'tdy', '2026-09-01', '2026-09-04', 'denied')] }), only)).toEqual([]);
  });

  it('flags call and inpatient weeks during any approved leave', () => {
    const absences = [absence('f1', 'vacation', '2026-09-07', '2026-09-09')];
    const findings = validate(
      input({ people, absences, calls: [call('f1', '2026-09-08', 'OC'), call('f1', '2026-09-10', 'OC')], inpatientWeeks: [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }] }),
      only,
    );
    expect(findings.map((f) => [f.start, f.end, f.unit])).toEqual([
      ['2026-09-07', '2026-09-09', 'days'],
      ['2026-09-08', '2026-09-08', 'calls'],
    ]);
    expect(findings[0].message).toBe('Inpatient week Sep 4 – Sep 10 overlaps vacation Sep 7 – Sep 9');
  });
});

describe('credential_missing', () => {
  const only = { ruleIds: ['credential_missing'] };

  it('needs a valid credential for procedure slots', () => {
    const date = '2026-09-08';
    const none = resident('r1', 3);
    expect(validate(input({ people: [none], assignments: [assign('r1', date, 'AM', 'PROC')] }), only).map((f) => f.message)).toEqual([
      'PROC on Sep 8 AM without a valid PROC credential (no credential on file)',
    ]);
    const active = resident('r1', 3, { credentials: [{ activityCode: 'PROC', status: 'active', expires: '2026-12-31' }] });
    expect(validate(input({ people: [active], assignments: [assign('r1', date, 'AM', 'PROC')] }), only)).toEqual([]);
    const expired = resident('r1', 3, { credentials: [{ activityCode: 'PROC', status: 'active', expires: '2026-09-07' }] });
    expect(validate(input({ people: [expired], assignments: [assign('r1', date, 'AM', 'PROC')] }), only).map((f) => f.message)).toEqual([
      'PROC on Sep 8 AM without a valid PROC credential (expired Sep 7)',
    ]);
    const suspended = resident('r1', 3, { credentials: [{ activityCode: 'PROC', status: 'suspended', expires: null }] });
    expect(validate(input({ people: [suspended], assignments: [assign('r1', date, 'AM', 'PROC')] }), only)).toHaveLength(1);
  });
});

describe('certification_expired', () => {
  const only = { ruleIds: ['certification_expired'], asOf: '2026-09-01' };

  it('flags expired certifications and those expiring within 180 days; renewals replace', () => {
    const person = faculty('f1', 'core', {
      certifications: [
        { kind: 'BLS', issued: '2024-08-01', expires: '2026-08-01' },
        { kind: 'ACLS', issued: '2025-01-01', expires: '2027-01-01' },
        { kind: 'PALS', issued: '2024-01-01', expires: '2026-01-01' },
        { kind: 'PALS', issued: '2025-12-01', expires: '2027-12-01' },
        { kind: 'NRP', issued: '2025-03-01', expires: '2027-02-28' },
      ],
    });
    const findings = validate(input({ people: [person] }), only);
    expect(findings.map((f) => [f.message, f.severity])).toEqual([
      ['BLS expired Aug 1', 'medium'],
      ['ACLS expires Jan 1', 'low'],
      ['NRP expires Feb 28', 'low'],
    ]);
    expect(validate(input({ people: [{ ...person, active: false }] }), only)).toEqual([]);
  });
});

describe('call_during_inpatient_week', () => {
  const only = { ruleIds: ['call_during_inpatient_week'] };

  it('flags Sunday–Thursday call during the faculty member’s own inpatient week', () => {
    const inpatientWeeks = [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }]; // Friday → Thursday
    const calls = [call('f1', '2026-09-04', 'OC'), call('f1', '2026-09-05', 'OC'), call('f1', '2026-09-08', 'OC'), call('f1', '2026-09-11', 'OC')];
    const findings = validate(input({ people: [faculty('f1')], inpatientWeeks, calls }), only);
    expect(findings.map((f) => [f.start, f.message])).toEqual([['2026-09-08', 'OC call on Sep 8 during inpatient week Sep 4 – Sep 10']]);
  });
});

describe('consecutive_call_nights', () => {
  const only = { ruleIds: ['consecutive_call_nights'] };
  const people = [faculty('f1'), faculty('f2')];

  it('flags a run of call nights longer than allowed, once per run', () => {
    const calls = [call('f1', '2026-09-07', 'OC'), call('f1', '2026-09-08', 'OC'), call('f1', '2026-09-09', 'OC'), call('f2', '2026-09-07', 'OC'), call('f2', '2026-09-09', 'OC')];
    const findings = validate(input({ people, calls }), only);
    expect(findings.map((f) => [f.personId, f.start, f.end, f.measured, f.limit, f.severity])).toEqual([['f1', '2026-09-07', '2026-09-09', 3, 1, 'high']]);
    expect(findings[0].message).toBe('Call 3 nights in a row (Sep 7 – Sep 9); at most 1');
  });

  it('leaves out calls that do not count toward duty hours and the nights an own inpatient week covers', () => {
    const backup = [call('f1', '2026-09-07', 'OC'), call('f1', '2026-09-08', 'BU')];
    expect(validate(input({ people, calls: backup }), only)).toEqual([]);
    // Friday and Saturday of the own inpatient week are one duty; the Thursday before is not part of it.
    const inpatientWeeks = [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }];
    const weekend = [call('f1', '2026-09-04', 'OC'), call('f1', '2026-09-05', 'OC')];
    expect(validate(input({ people, calls: weekend, inpatientWeeks }), only)).toEqual([]);
    const before = [call('f1', '2026-09-03', 'OC'), ...weekend];
    expect(validate(input({ people, calls: before, inpatientWeeks }), only).map((f) => [f.start, f.end])).toEqual([['2026-09-03', '2026-09-04']]);
  });

  it('follows the allowed run length', () => {
    const settings = (max: number) => {
      const s = input({ people }).settings;
      return { ...s, rules: s.rules.map((r) => (r.id === 'consecutive_call_nights' ? { ...r, params: { maxConsecutiveNights: max } } : r)) };
    };
    const calls = [call('f1', '2026-09-07', 'OC'), call('f1', '2026-09-08', 'OC')];
    expect(validate({ ...input({ people, calls }), settings: settings(2) }, only)).toEqual([]);
    expect(validate({ ...input({ people, calls }), settings: settings(1) }, only)).toHaveLength(1);
  });
});
