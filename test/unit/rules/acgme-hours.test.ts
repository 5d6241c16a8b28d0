// ACGME 80 hours a week averaged over 28 days: boundaries, averaging, DST, year boundary, leave.
import { describe, expect, it } from 'vitest';
import { createValidator, validate } from '../../../core/rules';
import { shortRotationPeriods } from '../../../core/rules/acgme-hours';
import { absence, assign, fill, input, resident, rotation, withRule } from './fixtures';

const only = { ruleIds: ['acgme_80h'] };
const r1 = resident('r1', 2);

describe('acgme_80h', () => {
  it('allows exactly 320 hours in 28 days and flags one minute more', () => {
    // 26 ward days of 12 h (312 h) + 8 h moonlighting on day 28 = 320 h = 80 h/week.
    const base = fill('r1', '2026-09-01', '2026-09-26', 'WARD');
    const atLimit = input({
      people: [r1],
      assignments: base,
      moonlighting: [
        {
          id: 'm1',
          personId: 'r1',
          start: '2026-09-28T08:00',
          end: '2026-09-28T16:00',
          internal: false,
          approved: true,
        },
      ],
    });
    expect(validate(atLimit, only)).toEqual([]);

    const over = input({
      people: [r1],
      assignments: base,
      moonlighting: [
        {
          id: 'm1',
          personId: 'r1',
          start: '2026-09-28T08:00',
          end: '2026-09-28T16:01',
          internal: false,
          approved: true,
        },
      ],
    });
    const findings = validate(over, only);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      ruleId: 'acgme_80h',
      personId: 'r1',
      start: '2026-09-01',
      end: '2026-09-28',
      limit: 80,
      unit: 'h/week',
      severity: 'critical',
    });
    expect(f.measured).toBeCloseTo(320.0167 / 4, 3);
    expect(f.message).toBe('80.004 h/week averaged over Sep 1 – Sep 28; limit 80');
    expect(f.id).toBe('acgme_80h|r1|2026-09-01|2026-09-28');
  });

  it('averages over four weeks: one 100-hour week among 60-hour weeks is not a violation', () => {
    // Week 1: 7 ward days (84 h) + 16 h moonlighting; weeks 2–4: 5 ward days (60 h) each.
    const assignments = [
      ...fill('r1', '2026-09-07', '2026-09-13', 'WARD'),
      ...fill('r1', '2026-09-14', '2026-09-18', 'WARD'),
      ...fill('r1', '2026-09-21', '2026-09-25', 'WARD'),
      ...fill('r1', '2026-09-28', '2026-10-02', 'WARD'),
    ];
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-12T18:00', end: '2026-09-13T06:00', internal: true, approved: true },
      { id: 'm2', personId: 'r1', start: '2026-09-13T18:00', end: '2026-09-13T22:00', internal: true, approved: true },
    ];
    expect(validate(input({ people: [r1], assignments, moonlighting }), only)).toEqual([]);
  });

  it('flags four weeks of 84 hours and reports the worst window and the run of windows', () => {
    const findings = validate(
      input({ people: [r1], assignments: fill('r1', '2026-10-01', '2026-10-28', 'WARD') }),
      only,
    );
    expect(findings).toHaveLength(1);
    // 27 of the 28 duty days fit windows starting a day earlier or later (81 h/week): the run spans them.
    expect(findings[0]).toMatchObject({ start: '2026-09-30', end: '2026-10-29', measured: 84 });
    expect(findings[0].message).toBe('84 h/week averaged over Oct 1 – Oct 28; limit 80');
    expect(findings[0].explanation).toContain('3 overlapping 28-day windows');
  });

  it('counts real hours across the spring-forward night', () => {
    // Night float 19:00–07:00 every night of March 2027 1–28; the night of Mar 13 is 11 h.
    const march = validate(
      input({ people: [r1], assignments: fill('r1', '2027-03-01', '2027-03-28', 'NF', ['PM']) }),
      only,
    );
    // Window Mar 2 – Mar 29: 27 whole nights minus Mar 1's evening = 331 − 1 (DST) = 330 h.
    expect(march).toHaveLength(1);
    expect(march[0].measured).toBe(82.5);
    expect(march[0].message).toBe('82.5 h/week averaged over Mar 2 – Mar 29; limit 80');
    const april = validate(
      input({ people: [r1], assignments: fill('r1', '2027-04-01', '2027-04-28', 'NF', ['PM']) }),
      only,
    );
    expect(april[0].measured).toBe(82.75);
  });

  it('checks windows that straddle the academic-year boundary, with June as context', () => {
    const assignments = fill('r1', '2026-06-16', '2026-07-13', 'WARD');
    const findings = validate(input({ people: [r1], assignments }), only);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ start: '2026-06-15', end: '2026-07-14', measured: 84 });
    expect(findings[0].message).toBe('84 h/week averaged over Jun 16 – Jul 13; limit 80');
    // A range that ends before the duty starts does not report it.
    expect(validate(input({ people: [r1], assignments }, { start: '2026-04-01', end: '2026-05-01' }), only)).toEqual(
      [],
    );
  });

  it('leaves leave days out of the average (ACGME), unless configured not to', () => {
    const assignments = fill('r1', '2026-09-08', '2026-09-28', 'WARD'); // 21 days × 12 h = 252 h
    const absences = [absence('r1', 'vacation', '2026-09-01', '2026-09-07')];
    const findings = validate(input({ people: [r1], assignments, absences }), only);
    const worst = findings.find((f) => f.message.includes('Sep 1 – Sep 28'));
    expect(worst?.measured).toBe(84);
    expect(worst?.explanation).toContain('7 leave days in that window are left out of the average');
    const settings = withRule('acgme_80h', { params: { excludeLeave: false } });
    expect(validate(input({ settings, people: [r1], assignments, absences }), only)).toEqual([]);
  });

  it('counts moonlighting unless the rule says otherwise, and a double-booked hour once', () => {
    const assignments = [
      ...fill('r1', '2026-09-01', '2026-09-26', 'WARD'),
      assign('r1', '2026-09-02', 'AM', 'C'),
      assign('r1', '2026-09-03', 'AM', 'C'),
    ];
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-27T06:00', end: '2026-09-27T18:00', internal: false, approved: true },
    ];
    const findings = validate(input({ people: [r1], assignments, moonlighting }), only);
    expect(findings.map((f) => f.measured)).toEqual([81]); // (312 + 12) / 4; the clinic overlaps ward hours
    const settings = withRule('acgme_80h', { params: { includeMoonlighting: false } });
    expect(validate(input({ settings, people: [r1], assignments, moonlighting }), only)).toEqual([]);
  });

  it('applies only to people in the rule scope', () => {
    const fac = { ...resident('f1', 1), kind: 'faculty' as const, facultyRole: 'core' as const, pgyByYear: {} };
    expect(
      validate(input({ people: [fac], assignments: fill('f1', '2026-10-01', '2026-10-28', 'WARD') }), only),
    ).toEqual([]);
    const pgy3Only = withRule('acgme_80h', { scope: { kinds: ['resident'], pgyLevels: [3] } });
    expect(
      validate(
        input({ settings: pgy3Only, people: [r1], assignments: fill('r1', '2026-10-01', '2026-10-28', 'WARD') }),
        only,
      ),
    ).toEqual([]);
  });
});

describe('acgme_80h over a rotation shorter than the window', () => {
  it('takes each run of days on one rotation shorter than the window, not runs cut by the ends', () => {
    const keys = ['a', 'a', 'b', 'b', 'b', null, null, 'c', 'c', 'c', 'c', 'd'];
    // 'a' touches the start and 'd' the end (they may go on); null is no rotation; 'c' is 4 days, not < 4.
    expect(shortRotationPeriods(keys, 4)).toEqual([{ from: 2, to: 5 }]);
    expect(shortRotationPeriods(keys, 5)).toEqual([
      { from: 2, to: 5 },
      { from: 7, to: 11 },
    ]);
  });

  it('a half-block edit finds the rotation average the full check finds', () => {
    // 13 ward days of 12 h in the 14 days Sep 24 – Oct 7 = 156 h = 78 h/week on a half-block rotation.
    const icu = rotation('icu', 'ICU', { halfBlock: true });
    const out = rotation('out', 'OUT', { halfBlock: true });
    const data = input({
      people: [r1],
      rotations: [icu, out],
      rotationAssignments: [
        { personId: 'r1', academicYear: 2026, blockNumber: 4, part: 'first', rotationId: 'icu' },
        { personId: 'r1', academicYear: 2026, blockNumber: 4, part: 'second', rotationId: 'out' },
      ],
      assignments: fill('r1', '2026-09-24', '2026-10-06', 'WARD'),
      settings: withRule('acgme_80h', { params: { averageShortRotations: true } }),
    });
    const validator = createValidator(data);
    expect(validator.findings().filter((f) => f.ruleId === 'acgme_80h')).toEqual([]);
    // The 14th day worked: 168 h = 84 h/week over the rotation (every 28-day window holds 42).
    const day14 = [assign('r1', '2026-10-07', 'AM', 'WARD'), assign('r1', '2026-10-07', 'PM', 'WARD')];
    const { added } = validator.applyEdits(day14.map((assignment) => ({ kind: 'setAssignment' as const, assignment })));
    const hours = added.filter((f) => f.ruleId === 'acgme_80h');
    expect(hours).toHaveLength(1);
    expect(hours[0]).toMatchObject({ personId: 'r1', start: '2026-09-24', end: '2026-10-07', measured: 84 });
    expect(hours[0].message).toBe('84 h/week averaged over the 14-day rotation ICU (Sep 24 – Oct 7); limit 80');
    expect(validator.findings()).toEqual(validate({ ...data, assignments: [...(data.assignments ?? []), ...day14] }));
  });
});
