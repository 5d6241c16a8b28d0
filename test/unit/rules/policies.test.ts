// Program policies: supervision, clinic capacity, inpatient team, night float, days away,
// consecutive days, post-call, faculty weekly half-days, standing slots.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import type { RotationAssignment } from '../../../core/domain/types';
import { absence, assign, call, fill, faculty, input, resident, rotation, withRule } from './fixtures';

const day = '2026-09-08'; // a Tuesday

describe('supervision', () => {
  const only = { ruleIds: ['supervision'] };
  const people = [
    resident('p1a', 1),
    resident('p1b', 1),
    resident('p1c', 1),
    resident('p2', 2),
    faculty('f1'),
    faculty('f2'),
  ];

  it('needs ceil(units / 4) supervising faculty: three PGY-1s (6 units) need two', () => {
    const learners = ['p1a', 'p1b', 'p1c'].map((id) => assign(id, day, 'AM', 'C'));
    const one = validate(input({ people, assignments: [...learners, assign('f1', day, 'AM', 'AT')] }), only);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      personId: null,
      start: day,
      end: day,
      slots: [{ date: day, half: 'AM' }],
      measured: 1,
      limit: 2,
      severity: 'high',
    });
    expect(one[0].message).toBe('Sep 8 AM: 1 supervising faculty for 6 supervision units; 2 needed');
    expect(
      validate(
        input({ people, assignments: [...learners, assign('f1', day, 'AM', 'AT'), assign('f2', day, 'AM', 'AT')] }),
        only,
      ),
    ).toEqual([]);
  });

  it('adds the extra units of procedures and counts exactly four units as one faculty', () => {
    // A PGY-2 in clinic (1) + PGY-1 (2) + PGY-2 … exactly 4: one PGY-2 doing procedures is 1 + 4 = 5.
    const four = [assign('p1a', day, 'PM', 'C'), assign('p1b', day, 'PM', 'C')];
    expect(validate(input({ people, assignments: [...four, assign('f1', day, 'PM', 'AT')] }), only)).toEqual([]);
    const proc = [assign('p2', day, 'PM', 'PROC'), assign('f1', day, 'PM', 'AT')];
    expect(validate(input({ people, assignments: proc }), only).map((f) => [f.measured, f.limit])).toEqual([[1, 2]]);
  });

  it('does not count faculty who are not in a supervising activity', () => {
    const findings = validate(
      input({ people, assignments: [assign('p2', day, 'AM', 'C'), assign('f1', day, 'AM', 'C')] }),
      only,
    );
    expect(findings.map((f) => f.measured)).toEqual([0]);
  });
});

describe('clinic_capacity', () => {
  const only = { ruleIds: ['clinic_capacity'] };
  const people = Array.from({ length: 10 }, (_, i) => resident(`r${i}`, 2));
  const inClinic = (n: number, date = day) => people.slice(0, n).map((p) => assign(p.id, date, 'AM', 'C'));

  it('is fine up to 6, warns over the soft limit, is high over the hard limit', () => {
    expect(validate(input({ people, assignments: inClinic(6) }), only)).toEqual([]);
    expect(validate(input({ people, assignments: inClinic(7) }), only).map((f) => [f.severity, f.limit])).toEqual([
      ['medium', 6],
    ]);
    expect(validate(input({ people, assignments: inClinic(8) }), only).map((f) => [f.severity, f.limit])).toEqual([
      ['medium', 6],
    ]);
    const hard = validate(input({ people, assignments: inClinic(9) }), only);
    expect(hard.map((f) => [f.severity, f.measured, f.limit])).toEqual([['high', 9, 8]]);
    expect(hard[0].message).toBe('Sep 8 AM: 9 in clinic; hard limit 8');
  });

  it('scales the limits by the day type (training holiday × 0.25: soft 1, hard 2)', () => {
    const holidays = [{ date: day, name: 'Training holiday', dayType: 'training_holiday' as const }];
    expect(validate(input({ people, holidays, assignments: inClinic(1) }), only)).toEqual([]);
    expect(
      validate(input({ people, holidays, assignments: inClinic(2) }), only).map((f) => [f.severity, f.limit]),
    ).toEqual([['medium', 1]]);
    const closed = validate(
      input({
        people,
        holidays: [{ date: day, name: 'Federal', dayType: 'federal_holiday' }],
        assignments: inClinic(1),
      }),
      only,
    );
    expect(closed.map((f) => [f.severity, f.limit])).toEqual([['high', 0]]);
    expect(closed[0].message).toContain('on a federal holiday (capacity × 0)');
  });

  it('does not count activities that do not take a clinic room (virtual clinic)', () => {
    const virtual = people.slice(0, 9).map((p) => assign(p.id, day, 'AM', 'CV'));
    expect(validate(input({ people, assignments: virtual }), only)).toEqual([]);
  });
});

describe('the default services: inpatient team and night float', () => {
  // AY 2026 block 3: Aug 27 – Sep 23 (Thursday anchor), second half from Sep 10.
  const rotations = [
    rotation('rot-fmit', 'FMIT', { setting: 'inpatient' }),
    rotation('rot-nf', 'NF', { setting: 'inpatient' }),
    rotation('rot-clin', 'CLIN'),
  ];
  const people = [resident('a1', 1), resident('a2', 2), resident('a3', 3), resident('b2', 2), resident('b3', 3)];
  const ra = (personId: string, rotationId: string, part: RotationAssignment['part'] = 'full'): RotationAssignment => ({
    personId,
    academicYear: 2026,
    blockNumber: 3,
    part,
    rotationId,
  });
  const range = { start: '2026-08-27', end: '2026-09-23' };

  it('needs exactly one resident per PGY level on the inpatient team in each half-block', () => {
    const full = [
      ra('a1', 'rot-fmit'),
      ra('a2', 'rot-fmit'),
      ra('a3', 'rot-fmit'),
      ra('b2', 'rot-clin'),
      ra('b3', 'rot-clin'),
    ];
    expect(
      validate(input({ people, rotations, rotationAssignments: full }, range), { ruleIds: ['inpatient_team'] }),
    ).toEqual([]);

    const gaps = [
      ra('a1', 'rot-fmit'),
      ra('a2', 'rot-fmit'),
      ra('b2', 'rot-fmit', 'first'),
      ra('a3', 'rot-fmit', 'first'),
      ra('b3', 'rot-clin'),
    ];
    const findings = validate(input({ people, rotations, rotationAssignments: gaps }, range), {
      ruleIds: ['inpatient_team'],
    });
    expect(findings.map((f) => [f.start, f.end, f.unit, f.measured])).toEqual([
      ['2026-08-27', '2026-09-09', 'PGY-2 residents', 2],
      ['2026-09-10', '2026-09-23', 'PGY-3 residents', 0],
    ]);
    expect(findings[1].message).toBe(
      'FMIT block 3, days 15–28 (Sep 10 – Sep 23): 0 PGY-3 residents; exactly 1 required',
    );
  });

  it('skips blocks with no rotation plan', () => {
    expect(validate(input({ people, rotations }, range), { ruleIds: ['inpatient_team', 'night_float_max'] })).toEqual(
      [],
    );
  });

  it('allows one resident on night float at a time', () => {
    const plan = [ra('a2', 'rot-nf', 'first'), ra('b2', 'rot-nf', 'second'), ra('a3', 'rot-clin')];
    expect(
      validate(input({ people, rotations, rotationAssignments: plan }, range), { ruleIds: ['night_float_max'] }),
    ).toEqual([]);
    const two = [...plan, ra('b3', 'rot-nf', 'second')];
    const findings = validate(input({ people, rotations, rotationAssignments: two }, range), {
      ruleIds: ['night_float_max'],
    });
    expect(findings.map((f) => [f.start, f.measured, f.limit])).toEqual([['2026-09-10', 2, 1]]);
  });
});

describe('days_away', () => {
  const only = { ruleIds: ['days_away'] };
  const people = [resident('r1', 2)];

  it('counts working days by default: warns from 21 a year, high over 28', () => {
    // Aug 3 (Monday) – Aug 31: 21 weekdays.
    const warn = validate(input({ people, absences: [absence('r1', 'vacation', '2026-08-03', '2026-08-31')] }), only);
    expect(warn.map((f) => [f.severity, f.measured, f.limit, f.start, f.end, f.unit])).toEqual([
      ['medium', 21, 21, '2026-07-01', '2027-06-30', 'working days away'],
    ]);
    // Oct 1 – Oct 12: 8 more weekdays → 29.
    const over = validate(
      input({
        people,
        absences: [
          absence('r1', 'vacation', '2026-08-03', '2026-08-31'),
          absence('r1', 'sick', '2026-10-01', '2026-10-12'),
        ],
      }),
      only,
    );
    expect(over.map((f) => [f.severity, f.measured, f.limit])).toEqual([['high', 29, 28]]);
    expect(over[0].message).toBe('29 working days away in AY 2026–27; limit 28');
    // A federal holiday inside the absence is not a working day (Labor Day, Sep 7).
    const holidays = [{ date: '2026-09-07', name: 'Labor Day', dayType: 'federal_holiday' as const }];
    const withHoliday = validate(
      input({ people, holidays, absences: [absence('r1', 'vacation', '2026-08-10', '2026-09-08')] }),
      only,
    );
    expect(withHoliday.map((f) => f.measured)).toEqual([21]);
  });

  it('counts only the configured types: conferences, TDY and parental leave are not time away by default', () => {
    const absences = [
      absence('r1', 'conference', '2026-08-03', '2026-08-31'),
      absence('r1', 'tdy', '2026-09-01', '2026-09-30'),
      absence('r1', 'parental', '2026-10-01', '2026-11-30'),
    ];
    expect(validate(input({ people, absences }), only)).toEqual([]);
    const settings = withRule('days_away', { params: { absenceTypes: ['conference'] } });
    expect(validate(input({ people, absences, settings }), only).map((f) => f.measured)).toEqual([21]);
  });

  it('counts calendar days when the program says so', () => {
    const settings = withRule('days_away', { params: { count: 'calendar_days' } });
    const warn = validate(
      input({ people, settings, absences: [absence('r1', 'vacation', '2026-08-01', '2026-08-21')] }),
      only,
    );
    expect(warn.map((f) => [f.severity, f.measured, f.unit])).toEqual([['medium', 21, 'days away']]);
  });

  it(
    'counts overlapping absences once, part-day ones as half days, only approved ones, only days inside ' + 'the year',
    () => {
      const settings = withRule('days_away', { params: { count: 'calendar_days' } });
      const absences = [
        absence('r1', 'vacation', '2026-06-20', '2026-07-10'), // 10 days in AY 2026
        absence('r1', 'sick', '2026-07-05', '2026-07-12'), // 2 new days
        absence('r1', 'vacation', '2026-09-01', '2026-09-30', 'requested'),
        absence('r1', 'vacation', '2026-10-01', '2026-10-08'), // 8 days: 20 in all
      ];
      expect(validate(input({ people, absences, settings }), only)).toEqual([]);
      absences.push(absence('r1', 'sick', '2026-11-02', '2026-11-03'));
      expect(validate(input({ people, absences, settings }), only).map((f) => f.measured)).toEqual([22]);
      absences.push({ ...absence('r1', 'vacation', '2026-11-04', '2026-11-04'), part: 'PM' });
      expect(validate(input({ people, absences, settings }), only).map((f) => f.measured)).toEqual([22.5]);
    },
  );
});

describe('consecutive_days', () => {
  const only = { ruleIds: ['consecutive_days'] };
  const people = [resident('r1', 1)];

  it('allows 6 worked days in a row and flags 7', () => {
    expect(validate(input({ people, assignments: fill('r1', '2026-09-01', '2026-09-06', 'C', ['AM']) }), only)).toEqual(
      [],
    );
    const findings = validate(
      input({ people, assignments: fill('r1', '2026-09-01', '2026-09-07', 'C', ['AM']) }),
      only,
    );
    expect(findings.map((f) => [f.start, f.end, f.measured, f.limit])).toEqual([['2026-09-01', '2026-09-07', 7, 6]]);
  });

  it('counts a call or moonlighting as work and time off as a break', () => {
    const assignments = [
      ...fill('r1', '2026-09-01', '2026-09-03', 'C', ['AM']),
      ...fill('r1', '2026-09-04', '2026-09-04', 'OFF'),
      ...fill('r1', '2026-09-05', '2026-09-07', 'C', ['AM']),
    ];
    expect(validate(input({ people, assignments }), only)).toEqual([]);
    const withCall = validate(input({ people, assignments, calls: [call('r1', '2026-09-04')] }), only);
    expect(withCall.map((f) => f.measured)).toEqual([7]);
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-04T18:00', end: '2026-09-04T22:00', internal: false, approved: true },
    ];
    expect(validate(input({ people, assignments, moonlighting }), only).map((f) => f.measured)).toEqual([7]);
  });
});

describe('post_call', () => {
  const only = { ruleIds: ['post_call'] };
  const people = [faculty('f1'), resident('r1', 2)];

  it('expects PCAT in the morning and DO in the afternoon after a Sunday–Thursday overnight call', () => {
    // Monday Sep 7 overnight call; Tuesday Sep 8.
    const good = validate(
      input({
        people,
        calls: [call('f1', '2026-09-07', 'OC')],
        assignments: [assign('f1', day, 'AM', 'PCAT'), assign('f1', day, 'PM', 'DO')],
      }),
      only,
    );
    expect(good).toEqual([]);
    const bad = validate(
      input({
        people,
        calls: [call('f1', '2026-09-07', 'OC')],
        assignments: [assign('f1', day, 'AM', 'C'), assign('f1', day, 'PM', 'AT')],
      }),
      only,
    );
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({
      personId: 'f1',
      start: '2026-09-07',
      end: day,
      slots: [
        { date: day, half: 'AM' },
        { date: day, half: 'PM' },
      ],
    });
    expect(bad[0].message).toBe('After OC call on Sep 7: C AM, AT PM instead of post-call');
    // Leave the next day is fine; Friday night call has no post-call day.
    expect(
      validate(
        input({ people, calls: [call('f1', '2026-09-07', 'OC')], assignments: fill('f1', day, day, 'LV') }),
        only,
      ),
    ).toEqual([]);
    expect(
      validate(
        input({
          people,
          calls: [call('f1', '2026-09-11', 'OC')],
          assignments: fill('f1', '2026-09-12', '2026-09-12', 'C'),
        }),
        only,
      ),
    ).toEqual([]);
  });

  it('expects a full post-call day after the last night of night float', () => {
    const nights = fill('r1', '2026-09-07', '2026-09-11', 'NF', ['PM']);
    expect(
      validate(input({ people, assignments: [...nights, ...fill('r1', '2026-09-12', '2026-09-12', 'PC')] }), only),
    ).toEqual([]);
    const findings = validate(
      input({
        people,
        assignments: [...nights, assign('r1', '2026-09-12', 'AM', 'PC'), assign('r1', '2026-09-12', 'PM', 'C')],
      }),
      only,
    );
    expect(findings.map((f) => [f.start, f.end, f.slots])).toEqual([
      ['2026-09-11', '2026-09-12', [{ date: '2026-09-12', half: 'PM' }]],
    ]);
  });

  it('expects the day after an inpatient week off, with no call', () => {
    const inpatientWeeks = [{ personId: 'f1', start: '2026-09-04', end: '2026-09-10' }];
    expect(
      validate(input({ people, inpatientWeeks, assignments: fill('f1', '2026-09-11', '2026-09-11', 'OFF') }), only),
    ).toEqual([]);
    const findings = validate(
      input({
        people,
        inpatientWeeks,
        assignments: fill('f1', '2026-09-11', '2026-09-11', 'OFF'),
        calls: [call('f1', '2026-09-11', 'OC')],
      }),
      only,
    );
    expect(findings.map((f) => f.message)).toEqual(['Day after inpatient week Sep 4 – Sep 10: OC call instead of OFF']);
  });
});

describe('faculty_weekly_halfdays', () => {
  const only = { ruleIds: ['faculty_weekly_halfdays'] };
  const people = [faculty('f1', 'core')];
  // ISO week Mon Sep 7 – Sun Sep 13.
  const week = (clinic: number) => {
    const slots = ['07', '08', '09', '10', '11'].flatMap((d) => [
      assign('f1', `2026-09-${d}`, 'AM', 'AT'),
      assign('f1', `2026-09-${d}`, 'PM', 'AT'),
    ]);
    for (let i = 0; i < clinic; i++) slots[i] = { ...slots[i], activityCode: 'C' };
    return slots;
  };

  it('keeps core faculty between 4 and 6 clinic half-days a week', () => {
    const range = { start: '2026-09-07', end: '2026-09-13' };
    expect(validate(input({ people, assignments: week(4) }, range), only)).toEqual([]);
    expect(validate(input({ people, assignments: week(6) }, range), only)).toEqual([]);
    expect(
      validate(input({ people, assignments: week(3) }, range), only).map((f) => [f.measured, f.limit, f.start, f.end]),
    ).toEqual([[3, 4, '2026-09-07', '2026-09-13']]);
    expect(validate(input({ people, assignments: week(7) }, range), only).map((f) => [f.measured, f.limit])).toEqual([
      [7, 6],
    ]);
  });

  it('scales the minimum to the half-days the person is available', () => {
    const range = { start: '2026-09-07', end: '2026-09-13' };
    // Three days of leave: 4 available half-days → floor(4 × 4 / 10) = 1 clinic half-day.
    const assignments = [...week(1).slice(0, 4), ...fill('f1', '2026-09-09', '2026-09-11', 'LV')];
    const absences = [absence('f1', 'vacation', '2026-09-09', '2026-09-11')];
    expect(validate(input({ people, assignments, absences }, range), only)).toEqual([]);
  });
});

describe('standing_slot (Wednesday PM lecture)', () => {
  const only = { ruleIds: ['wednesday_lecture'] };
  const rotations = [rotation('rot-clin', 'CLIN'), rotation('rot-nf', 'NF', { exemptFrom: ['wednesday_lecture'] })];
  const people = [resident('r1', 1)];
  const wed = '2026-09-09'; // block 3 runs Aug 27 – Sep 23; its last Wednesday is Sep 23

  it('flags residents working something else on Wednesday PM unless their rotation is exempt', () => {
    const plan = (rotationId: string): RotationAssignment[] => [
      { personId: 'r1', academicYear: 2026, blockNumber: 3, part: 'full', rotationId },
    ];
    expect(
      validate(
        input({
          people,
          rotations,
          rotationAssignments: plan('rot-clin'),
          assignments: [assign('r1', wed, 'PM', 'LEC')],
        }),
        only,
      ),
    ).toEqual([]);
    const findings = validate(
      input({ people, rotations, rotationAssignments: plan('rot-clin'), assignments: [assign('r1', wed, 'PM', 'C')] }),
      only,
    );
    expect(findings.map((f) => f.message)).toEqual(['Sep 9 PM: C instead of LEC']);
    expect(
      validate(
        input({ people, rotations, rotationAssignments: plan('rot-nf'), assignments: [assign('r1', wed, 'PM', 'C')] }),
        only,
      ),
    ).toEqual([]);
    expect(validate(input({ people, rotations, assignments: [assign('r1', wed, 'PM', 'LV')] }), only)).toEqual([]);
  });

  it('expects advising instead on the last Wednesday of a block', () => {
    expect(validate(input({ people, assignments: [assign('r1', '2026-09-23', 'PM', 'ADV')] }), only)).toEqual([]);
    expect(
      validate(input({ people, assignments: [assign('r1', '2026-09-23', 'PM', 'LEC')] }), only).map((f) => f.message),
    ).toEqual(['Sep 23 PM: LEC instead of ADV']);
    const plain = withRule('wednesday_lecture', { params: { lastOfBlockActivityCode: null } });
    expect(
      validate(input({ settings: plain, people, assignments: [assign('r1', '2026-09-23', 'PM', 'LEC')] }), only),
    ).toEqual([]);
  });
});
