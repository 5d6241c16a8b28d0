// Services staffed by several rotations: the real program's inpatient service (FMIT intern,
// resident and pre-attending rotations) and intern and resident night float, each staffing line
// at its limits and one over; the rule names unknown services; findings keep their ids.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import type { RotationAssignment, Service } from '../../../core/domain/types';
import { ComplianceInputError } from '../../../core/rules/input';
import { defaultSettings } from '../../../core/domain/defaults';
import { input, resident, rotation } from './fixtures';
import { joinRegExp } from '../../regexp';

// AY 2026 block 3: Aug 27 – Sep 23 (Thursday anchor), second half from Sep 10.
const range = { start: '2026-08-27', end: '2026-09-23' };
const rotations = [
  rotation('rot-fi', 'FMIT-I', { setting: 'inpatient' }),
  rotation('rot-fr', 'FMIT-R', { setting: 'inpatient' }),
  rotation('rot-fpa', 'FMIT-PA', { setting: 'inpatient' }),
  rotation('rot-nfi', 'NF-I', { setting: 'inpatient' }),
  rotation('rot-nfr', 'NF-R', { setting: 'inpatient' }),
  rotation('rot-clin', 'CLIN'),
];
const services: Service[] = [
  {
    code: 'FMIT',
    name: 'Inpatient medicine',
    rotationCodes: ['FMIT-I', 'FMIT-R', 'FMIT-PA'],
    staffing: [
      { pgyLevels: [1], min: 1, max: 2 },
      { pgyLevels: [2, 3], min: 2, max: 2 },
    ],
    facultyWeeks: true,
  },
  {
    code: 'NF',
    name: 'Night float',
    rotationCodes: ['NF-I', 'NF-R'],
    staffing: [
      { pgyLevels: [1], min: 1, max: 1 },
      { pgyLevels: [], min: 0, max: 2 },
    ],
    facultyWeeks: false,
  },
];
const settings = () => {
  const s = defaultSettings();
  s.services = services;
  s.rules = s.rules
    .map((r) => (r.type === 'service_staffing' ? { ...r, params: { services: [] } } : r))
    .filter((r) => r.id !== 'night_float_max');
  return s;
};
const people = ['i1', 'i2', 'i3']
  .map((id) => resident(id, 1))
  .concat(
    ['r1', 'r2'].map((id) => resident(id, 2)),
    ['s1', 's2'].map((id) => resident(id, 3)),
  );
const ra = (personId: string, rotationId: string, part: RotationAssignment['part'] = 'full'): RotationAssignment => ({
  personId,
  academicYear: 2026,
  blockNumber: 3,
  part,
  rotationId,
});
const check = (plan: RotationAssignment[]) =>
  validate(input({ settings: settings(), people, rotations, rotationAssignments: plan }, range), {
    ruleIds: ['inpatient_team'],
  });

// A plan exactly at every limit: FMIT 1 intern (max 2) and 2 seniors over three rotations; NF one intern + one senior
// (max 2).
const atLimits = [
  ra('i1', 'rot-fi'),
  ra('r1', 'rot-fr'),
  ra('s1', 'rot-fpa'),
  ra('i2', 'rot-nfi'),
  ra('r2', 'rot-nfr'),
  ra('i3', 'rot-clin'),
  ra('s2', 'rot-clin'),
];

describe('service_staffing', () => {
  it('counts residents over all of a service’s rotations, per staffing line: at the limits nothing is found', () => {
    expect(check(atLimits)).toEqual([]);
  });

  it('flags one resident short and one over, per half-block, naming the service and the line', () => {
    // Second half: the PGY-3 leaves FMIT-PA for clinic (seniors 1 of 2); the third intern joins NF-I (interns 2 of 1,
    // total 3 of 2).
    const plan = atLimits.filter((a) => a.personId !== 's1' && a.personId !== 'i3');
    plan.push(
      ra('s1', 'rot-fpa', 'first'),
      ra('s1', 'rot-clin', 'second'),
      ra('i3', 'rot-clin', 'first'),
      ra('i3', 'rot-nfi', 'second'),
    );
    const findings = check(plan);
    expect(findings.map((f) => [f.start, f.message])).toEqual([
      ['2026-09-10', 'FMIT block 3, days 15–28 (Sep 10 – Sep 23): 1 PGY-2/3 resident; exactly 2 required'],
      ['2026-09-10', 'NF block 3, days 15–28 (Sep 10 – Sep 23): 3 residents; at most 2'],
      ['2026-09-10', 'NF block 3, days 15–28 (Sep 10 – Sep 23): 2 PGY-1 residents; exactly 1 required'],
    ]);
    expect(findings.map((f) => [f.measured, f.limit])).toEqual([
      [1, 2],
      [3, 2],
      [2, 1],
    ]);
    expect(findings[0].explanation).toContain(
      'Inpatient medicine (FMIT) is staffed by the rotations FMIT-I, FMIT-R, FMIT-PA',
    );
    // Ids name the service and the line when a rule covers several services.
    expect(findings.map((f) => f.id.split('|').slice(4).join('|'))).toEqual(['FMIT:pgy2-3', 'NF', 'NF:pgy1']);
  });

  it('allows a second intern on FMIT (max 2)', () => {
    expect(check([...atLimits.filter((a) => a.personId !== 'i3'), ra('i3', 'rot-fi')])).toEqual([]);
  });

  it('refuses a rule that names a service the program does not have', () => {
    const s = settings();
    s.rules = s.rules.map((r) => (r.id === 'inpatient_team' ? { ...r, params: { services: ['ICU'] } } : r));
    expect(() => validate(input({ settings: s, people, rotations }, range))).toThrow(ComplianceInputError);
    expect(() => validate(input({ settings: s, people, rotations }, range))).toThrow(
      joinRegExp(
        /settings\.rules\[\d+\]\.params\.services: unknown service "ICU"; /,
        /the program's services: FMIT, NF \(rule "inpatient_team"\)/,
      ),
    );
  });
});
