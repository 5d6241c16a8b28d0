// Conflicts: double booking, work during absence, credentials, certifications, call during an
// inpatient week.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import { absence, assign, call, fill, faculty, input, resident, withRule } from './fixtures';

describe('double_booking', () => {
  const only = { ruleIds: ['double_booking'] };
  const people = [resident('r1', 2)];

  it('flags two assignments in one slot', () => {
    const findings = validate(
      input({ people, assignments: [assign('r1', '2026-09-08', 'AM', 'C'), assign('r1', '2026-09-08', 'AM', 'PROC')] }),
      only,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: 'r1',
      start: '2026-09-08',
      slots: [{ date: '2026-09-08', half: 'AM' }],
      measured: 2,
      limit: 1,
      severity: 'critical',
    });
    expect(findings[0].message).toBe('2 assignments in Sep 8 AM: C, PROC');
  });

  it('flags a call overlapping a half-day elsewhere, not one merely adjacent to it', () => {
    // 24-hour call from 07:00 and clinic 08:00–12:00 the same morning.
    const overlap = validate(
      input({ people, calls: [call('r1', '2026-09-08')], assignments: [assign('r1', '2026-09-08', 'AM', 'C')] }),
      only,
    );
    expect(overlap.map((f) => [f.message, f.measured])).toEqual([['LD call Sep 8 overlaps C Sep 8 AM', 4]]);
    // Faculty call 17:00–07:00 after clinic until 17:00 touches but does not overlap.
    const fac = [faculty('f1')];
    expect(
      validate(
        input({
          people: fac,
          calls: [call('f1', '2026-09-08', 'OC')],
          assignments: [assign('f1', '2026-09-08', 'PM', 'C')],
        }),
        only,
      ),
    ).toEqual([]);
  });

  it('gives a finding the same id whatever period is validated (no index from the period start)', () => {
    const parts = {
      people,
      calls: [call('r1', '2026-09-08')],
      assignments: [
        assign('r1', '2026-09-08', 'AM', 'C'),
        assign('r1', '2026-09-09', 'PM', 'C'),
        assign('r1', '2026-09-09', 'PM', 'PROC'),
      ],
      moonlighting: [
        {
          id: 'm1',
          personId: 'r1',
          start: '2026-09-09T16:00',
          end: '2026-09-09T20:00',
          internal: false,
          approved: true,
        },
      ],
    };
    const ids = (range: { start: string; end: string }) =>
      validate(input(parts, range), only)
        .map((f) => f.id)
        .sort();
    const narrow = ids({ start: '2026-09-01', end: '2026-09-30' });
    expect(narrow).toHaveLength(4);
    expect(ids({ start: '2026-07-01', end: '2027-06-30' })).toEqual(narrow);
    expect(ids({ start: '2026-09-07', end: '2026-09-10' })).toEqual(narrow);
    expect(narrow.every((id) => !/@\d+(\/|$)/.test(id))).toBe(true);
  });

  it('flags moonlighting during scheduled work', () => {
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-08T16:00', end: '2026-09-08T20:00', internal: false, approved: true },
    ];
    const findings = validate(
      input({ people, moonlighting, assignments: [assign('r1', '2026-09-08', 'PM', 'C')] }),
      only,
    );
    expect(findings.map((f) => f.measured)).toEqual([1]);
  });
});

describe('absence_conflict', () => {
  const only = { ruleIds: ['absence_conflict'] };
  const people = [resident('r1', 2), faculty('f1')];

  it('flags work during a blocking absence and its recovery days', () => {
    // Deployment always blocks, 7 recovery days after it.
    const absences = [absence('r1', 'deployment', '2026-09-01', '2026-09-10')];
    const assignments = [
      assign('r1', '2026-09-05', 'AM', 'C'),
      assign('r1', '2026-09-16', 'PM', 'C'),
      assign('r1', '2026-09-18', 'AM', 'C'),
      ...fill('r1', '2026-09-02', '2026-09-03', 'LV'),
    ];
    const findings = validate(input({ people, absences, assignments }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      start: '2026-09-01',
      end: '2026-09-17',
      measured: 2,
      slots: [
        { date: '2026-09-05', half: 'AM' },
        { date: '2026-09-16', half: 'PM' },
      ],
    });
    expect(findings[0].message).toBe('2 half-days of work during deployment Sep 1 – Sep 10 (plus 7 recovery days)');
  });

  it('any approved type makes the person unavailable; a request is flagged low; a denied one is nothing', () => {
    const work = [assign('r1', '2026-09-02', 'AM', 'C')];
    for (const type of ['vacation', 'conference', 'sick', 'medical', 'tdy']) {
      const findings = validate(
        input({ people, assignments: work, absences: [absence('r1', type, '2026-09-01', '2026-09-01')] }),
        only,
      );
      expect(findings).toEqual([]);
      const covering = validate(
        input({ people, assignments: work, absences: [absence('r1', type, '2026-09-02', '2026-09-02')] }),
        only,
      );
      expect(covering.map((f) => [f.severity, f.measured])).toEqual([['high', 1]]);
    }
    const requested = validate(
      input({
        people,
        assignments: work,
        absences: [absence('r1', 'vacation', '2026-09-01', '2026-09-04', 'requested')],
      }),
      only,
    );
    expect(requested.map((f) => [f.severity, f.message])).toEqual([
      ['low', '1 half-day of work during requested vacation Sep 1 – Sep 4'],
    ]);
    expect(
      validate(
        input({ people, assignments: work, absences: [absence('r1', 'tdy', '2026-09-01', '2026-09-04', 'denied')] }),
        only,
      ),
    ).toEqual([]);
  });

  it('a call on an approved absence is critical, the night before a whole-day absence included', () => {
    const absences = [absence('f1', 'vacation', '2026-09-07', '2026-09-09')];
    const calls = [
      call('f1', '2026-09-06', 'OC'),
      call('f1', '2026-09-08', 'OC'),
      call('f1', '2026-09-09', 'OC'),
      call('f1', '2026-09-10', 'OC'),
    ];
    const findings = validate(input({ people, absences, calls }), only);
    expect(findings.map((f) => [f.start, f.severity, f.unit])).toEqual([
      ['2026-09-06', 'critical', 'calls'],
      ['2026-09-08', 'critical', 'calls'],
      ['2026-09-09', 'critical', 'calls'],
    ]);
    expect(findings[0].message).toBe('OC call on Sep 6 runs into vacation Sep 7 – Sep 9');
    expect(findings[1].message).toBe('OC call on Sep 8 during vacation Sep 7 – Sep 9');
  });

  it('reports an inpatient week over an absence once, its own calls folded in', () => {
    const absences = [absence('f1', 'vacation', '2026-09-07', '2026-09-09')];
    const week = { personId: 'f1', start: '2026-09-04', end: '2026-09-10' };
    const findings = validate(
      input({
        people,
        absences,
        calls: [call('f1', '2026-09-08', 'OC'), call('f1', '2026-09-10', 'OC')],
        inpatientWeeks: [week],
      }),
      only,
    );
    expect(findings.map((f) => [f.start, f.end, f.unit, f.severity])).toEqual([
      ['2026-09-04', '2026-09-10', 'inpatient weeks', 'critical'],
    ]);
    expect(findings[0].message).toBe('Inpatient week Sep 4 – Sep 10 overlaps vacation Sep 7 – Sep 9');
    const noCall = validate(input({ people, absences, inpatientWeeks: [week] }), only);
    expect(noCall.map((f) => f.severity)).toEqual(['high']);
  });

  it('counts duplicate and overlapping absences once', () => {
    const absences = [
      absence('r1', 'vacation', '2026-09-01', '2026-09-05'),
      absence('r1', 'vacation', '2026-09-01', '2026-09-05'),
      absence('r1', 'conference', '2026-09-04', '2026-09-08'),
    ];
    const assignments = [assign('r1', '2026-09-02', 'AM', 'C'), assign('r1', '2026-09-07', 'PM', 'C')];
    const findings = validate(input({ people, absences, assignments, calls: [call('r1', '2026-09-04')] }), only);
    expect(findings.map((f) => [f.start, f.end, f.unit, f.measured])).toEqual([
      ['2026-09-01', '2026-09-08', 'half-days', 2],
      ['2026-09-04', '2026-09-04', 'calls', 1],
    ]);
  });
});

describe('credential_missing', () => {
  const only = { ruleIds: ['credential_missing'] };

  it('needs a valid credential for procedure slots', () => {
    const date = '2026-09-08';
    const none = faculty('f1');
    const messages = (p: ReturnType<typeof faculty>) =>
      validate(input({ people: [p], assignments: [assign(p.id, date, 'AM', 'PROC')] }), only);
    expect(messages(none).map((f) => [f.message, f.explanation])).toEqual([
      [
        'PROC on Sep 8 AM without a valid PROC credential (no credential on file)',
        'Faculty f1 is scheduled for PROC on Sep 8 AM; that needs an active or provisional PROC credential valid on ' +
          'the day (no credential on file).',
      ],
    ]);
    expect(
      messages(
        faculty('f1', 'core', { credentials: [{ activityCode: 'PROC', status: 'active', expires: '2026-12-31' }] }),
      ),
    ).toEqual([]);
    const expired = faculty('f1', 'core', {
      credentials: [{ activityCode: 'PROC', status: 'active', expires: '2026-09-07' }],
    });
    expect(messages(expired).map((f) => f.message)).toEqual([
      'PROC on Sep 8 AM without a valid PROC credential (expired Sep 7)',
    ]);
    expect(
      messages(faculty('f1', 'core', { credentials: [{ activityCode: 'PROC', status: 'suspended', expires: null }] })),
    ).toHaveLength(1);
  });

  it('is a faculty matter unless the program opts residents in', () => {
    const assignments = [assign('r1', '2026-09-08', 'AM', 'PROC')];
    expect(validate(input({ people: [resident('r1', 3)], assignments }), only)).toEqual([]);
    const settings = withRule('credential_missing', { scope: { kinds: ['faculty', 'resident'], pgyLevels: [] } });
    expect(validate(input({ people: [resident('r1', 3)], assignments, settings }), only)).toHaveLength(1);
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
    const calls = [
      call('f1', '2026-09-04', 'OC'),
      call('f1', '2026-09-05', 'OC'),
      call('f1', '2026-09-08', 'OC'),
      call('f1', '2026-09-11', 'OC'),
    ];
    const findings = validate(input({ people: [faculty('f1')], inpatientWeeks, calls }), only);
    expect(findings.map((f) => [f.start, f.message])).toEqual([
      ['2026-09-08', 'OC call on Sep 8 during inpatient week Sep 4 – Sep 10'],
    ]);
  });

  it('flags the Thursday night before the week too, as the call model forbids it', () => {
    const inpatientWeeks = [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }];
    const calls = [call('f1', '2026-09-02', 'OC'), call('f1', '2026-09-03', 'OC')];
    const findings = validate(input({ people: [faculty('f1')], inpatientWeeks, calls }), only);
    expect(findings.map((f) => [f.start, f.message])).toEqual([
      ['2026-09-03', 'OC call on Sep 3, the night before inpatient week Sep 4 – Sep 10'],
    ]);
  });

  it('is one finding, not also a double booking against the week’s own work', () => {
    const inpatientWeeks = [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }];
    const calls = [call('f1', '2026-09-08', 'OC')];
    // With the week's half-days implied (empty slots) and written out (FMIT assignments).
    for (const assignments of [[], fill('f1', '2026-09-04', '2026-09-10', 'FMIT')]) {
      const findings = validate(input({ people: [faculty('f1')], inpatientWeeks, calls, assignments }), {
        ruleIds: ['call_during_inpatient_week', 'double_booking'],
      });
      expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['call_during_inpatient_week', 'high']]);
    }
  });
});

describe('consecutive_call_nights', () => {
  const only = { ruleIds: ['consecutive_call_nights'] };
  const people = [faculty('f1'), faculty('f2')];

  it('flags a run of call nights longer than allowed, once per run', () => {
    const calls = [
      call('f1', '2026-09-07', 'OC'),
      call('f1', '2026-09-08', 'OC'),
      call('f1', '2026-09-09', 'OC'),
      call('f2', '2026-09-07', 'OC'),
      call('f2', '2026-09-09', 'OC'),
    ];
    const findings = validate(input({ people, calls }), only);
    expect(findings.map((f) => [f.personId, f.start, f.end, f.measured, f.limit, f.severity])).toEqual([
      ['f1', '2026-09-07', '2026-09-09', 3, 1, 'high'],
    ]);
    expect(findings[0].message).toBe('Call 3 nights in a row (Sep 7 – Sep 9); at most 1');
  });

  it('leaves out calls that do not count toward duty hours and the nights an own inpatient week covers', () => {
    const backup = [call('f1', '2026-09-07', 'OC'), call('f1', '2026-09-08', 'BU')];
    expect(validate(input({ people, calls: backup }), only)).toEqual([]);
    // Friday and Saturday of the own inpatient week are one duty. A call the Thursday before is that
    // week's fault (call_during_inpatient_week), reported once, not also as a run with the Friday.
    const inpatientWeeks = [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }];
    const weekend = [call('f1', '2026-09-04', 'OC'), call('f1', '2026-09-05', 'OC')];
    expect(validate(input({ people, calls: weekend, inpatientWeeks }), only)).toEqual([]);
    const before = [call('f1', '2026-09-03', 'OC'), ...weekend];
    const both = { ruleIds: ['consecutive_call_nights', 'call_during_inpatient_week'] };
    expect(validate(input({ people, calls: before, inpatientWeeks }), both).map((f) => [f.ruleId, f.start])).toEqual([
      ['call_during_inpatient_week', '2026-09-03'],
    ]);
    // A run outside the week still counts.
    const after = [call('f1', '2026-09-14', 'OC'), call('f1', '2026-09-15', 'OC')];
    expect(validate(input({ people, calls: after, inpatientWeeks }), only).map((f) => [f.start, f.end])).toEqual([
      ['2026-09-14', '2026-09-15'],
    ]);
  });

  it('follows the allowed run length', () => {
    const settings = (max: number) => {
      const s = input({ people }).settings;
      return {
        ...s,
        rules: s.rules.map((r) =>
          r.id === 'consecutive_call_nights' ? { ...r, params: { maxConsecutiveNights: max } } : r,
        ),
      };
    };
    const calls = [call('f1', '2026-09-07', 'OC'), call('f1', '2026-09-08', 'OC')];
    expect(validate({ ...input({ people, calls }), settings: settings(2) }, only)).toEqual([]);
    expect(validate({ ...input({ people, calls }), settings: settings(1) }, only)).toHaveLength(1);
  });
});
