// People's start and end dates (core/domain/program-dates): the one availability definition keeps
// them out of the program outside their dates, the compliance engine reports work there (not as an
// absence, not as leave), and the annual plan leaves them off blocks they are not in, pro-rating
// their yearly requirements.
import { describe, expect, it } from 'vitest';
import { Availability, PersonAvailability, policyLookup } from '../../core/domain/availability';
import { inProgramOn, programDatesIssue, programDaysIn, programSpanIn } from '../../core/domain/program-dates';
import { personSchema } from '../../core/domain/schemas';
import { defaultAbsencePolicies } from '../../core/domain/defaults';
import type { ProgramData } from '../../core/domain/program';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel } from '../../core/solver/models/annual';
import { solveGeneration } from '../../core/solver/models/solve';
import { findingsOf, resident, smallPlanRules, smallProgram, YEAR } from './generate-fixture';

const LEAVER = 'PGY2-01';
const LAST_DAY = '2027-01-08'; // in block 7 (17 Dec – 13 Jan)
const STARTER = 'PGY1-01';
const FIRST_DAY = '2026-08-12'; // the last day of block 2's first half (30 Jul – 12 Aug)

function withDates(data: ProgramData): ProgramData {
  data.people = data.people.map((p) =>
    p.id === LEAVER ? { ...p, endDate: LAST_DAY } : p.id === STARTER ? { ...p, startDate: FIRST_DAY } : p,
  );
  return data;
}

describe('days in the program', () => {
  it('counts the start and end days in, and the days around them out', () => {
    const dates = { startDate: '2026-08-12', endDate: '2027-01-08' };
    expect(inProgramOn(dates, '2026-08-11')).toBe(false);
    expect(inProgramOn(dates, '2026-08-12')).toBe(true);
    expect(inProgramOn(dates, '2027-01-08')).toBe(true);
    expect(inProgramOn(dates, '2027-01-09')).toBe(false);
    expect(inProgramOn({}, '1999-01-01')).toBe(true);
    expect(programDaysIn(dates, '2026-08-01', '2026-08-14')).toBe(3);
    expect(programDaysIn(dates, '2027-01-09', '2027-02-01')).toBe(0);
    expect(programSpanIn({ endDate: '2027-01-08' }, '2027-01-01', '2027-01-31')).toEqual({
      start: '2027-01-01',
      end: '2027-01-08',
    });
  });

  it('refuses an end before the start, naming the field, in the schema the importer and the API use', () => {
    expect(programDatesIssue({ startDate: '2027-01-09', endDate: '2027-01-08' })).toEqual({
      field: 'endDate',
      message: 'the end date 2027-01-08 is before the start date 2027-01-09',
    });
    expect(programDatesIssue({ startDate: '2027-01-08', endDate: '2027-01-08' })).toBeNull();
    const parsed = personSchema.safeParse({ ...resident('r', 1), startDate: '2027-01-09', endDate: '2027-01-08' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endDate', 'the end date 2027-01-08 is before the start date 2027-01-09'],
    ]);
  });

  it(
    'makes the person unavailable outside their dates for half-days, calls and inpatient weeks, but not ' + 'absent',
    () => {
      const person = new PersonAvailability([], policyLookup(defaultAbsencePolicies()), { endDate: LAST_DAY });
      expect(person.empty).toBe(false);
      expect(person.halfDay(LAST_DAY, 'PM')).toBeNull();
      expect(person.halfDay('2027-01-09', 'AM')).toMatchObject({ kind: 'outside', date: '2027-01-09', approved: true });
      // A night call on the last day runs into the first day out.
      expect(person.call(LAST_DAY, '17:00', '07:00')).toMatchObject({ kind: 'outside', date: '2027-01-09' });
      expect(person.inpatientWeek('2027-01-08', '2027-01-14')).toMatchObject({ kind: 'outside', date: '2027-01-09' });
      // Not on leave: no absence, no leave, no absence groups.
      expect(person.absenceIn('2027-01-09', 'AM')).toBeNull();
      expect(person.leaveIn('2027-01-09', '2027-02-01')).toEqual([]);
      expect(person.groups(true)).toEqual([]);
      // The program-wide view takes each person's dates.
      const all = new Availability([], [], [{ id: 'a', startDate: FIRST_DAY }, { id: 'b' }]);
      expect(all.of('a').halfDay('2026-08-11', 'PM')?.kind).toBe('outside');
      expect(all.of('b').halfDay('2026-08-11', 'PM')).toBeNull();
    },
  );
});

describe('the compliance engine and people’s dates', () => {
  it('reports work, calls and plan entries outside a person’s dates, and counts no days away for them', () => {
    const data = withDates(smallProgram());
    const rotation = data.rotations.find((r) => r.code === 'CLIN')!;
    data.rotationAssignments.push(
      { personId: LEAVER, academicYear: YEAR, blockNumber: 7, part: 'full', rotationId: rotation.id },
      { personId: LEAVER, academicYear: YEAR, blockNumber: 9, part: 'full', rotationId: rotation.id },
    );
    data.assignments.push(
      { personId: LEAVER, date: '2027-01-08', half: 'AM', activityCode: 'C', source: 'manual', locked: false },
      { personId: LEAVER, date: '2027-01-11', half: 'AM', activityCode: 'C', source: 'manual', locked: false },
      { personId: LEAVER, date: '2027-01-11', half: 'PM', activityCode: 'OFF', source: 'manual', locked: false },
    );
    const findings = findingsOf(data, `${YEAR}-07-01`, `${YEAR + 1}-06-30`, ['absence_conflict', 'days_away']);
    expect(findings.map((f) => [f.personId, f.severity, f.start, f.message])).toEqual([
      [LEAVER, 'high', '2027-01-11', '1 half-day of work and 1 plan entry after their last day, 8 Jan 2027'],
    ]);
    expect(findings[0].slots).toEqual([{ date: '2027-01-11', half: 'AM' }]);
    expect(findings[0].explanation).toContain('CLIN in block 9');
  });

  it('asks no certificate renewal of someone whose certificate lasts past their last day', () => {
    const data = withDates(smallProgram());
    for (const p of data.people)
      if (p.id === LEAVER || p.id === 'PGY2-02')
        p.certifications = [{ kind: 'BLS', issued: '2025-02-01', expires: '2027-02-01' }];
    const findings = findingsOf(data, '2026-12-01', '2026-12-31', ['certification_expired']);
    expect(findings.map((f) => [f.personId, f.message])).toEqual([['PGY2-02', 'BLS expires Feb 1']]);
  });
});

describe('the annual plan and people’s dates', () => {
  it(
    'plans no block a resident is not in, no inpatient rotation in a block they are in part of, and pro-rates ' +
      'their requirements',
    async () => {
      const data = withDates(smallProgram());
      const rules = smallPlanRules();
      const out = await solveGeneration(
        buildAnnualPlanModel(data, { academicYear: YEAR, rules }),
        getBackend('highs'),
        {
          timeLimitSec: 60,
        },
      );
      expect(out.status, out.message).toBe('optimal');
      const plan = out.result!.rotationAssignments;
      const code = new Map(data.rotations.map((r) => [r.id, r.code]));
      const blocksOf = (id: string) => plan.filter((a) => a.personId === id).map((a) => a.blockNumber);
      expect(Math.max(...blocksOf(LEAVER))).toBe(7);
      expect(Math.min(...blocksOf(STARTER))).toBe(2);
      const inpatient = new Set(['FMIT', 'NF']);
      for (const [id, block] of [
        [LEAVER, 7],
        [STARTER, 2],
      ] as const)
        for (const a of plan.filter((x) => x.personId === id && x.blockNumber === block))
          if (id === LEAVER || a.part !== 'second')
            expect(inpatient.has(code.get(a.rotationId)!), `${id} ${a.part}`).toBe(false);
      // The leaver is in 192 of the year's 365 days: at least 1.5 FMIT blocks of the 4 a full year asks.
      const fmit = plan
        .filter((a) => a.personId === LEAVER && code.get(a.rotationId) === 'FMIT')
        .reduce((n, a) => n + (a.part === 'full' ? 1 : 0.5), 0);
      expect(fmit).toBeGreaterThanOrEqual(2);
      // The engine finds nothing outside their dates, and the inpatient team is staffed without them.
      const merged = { ...data, rotationAssignments: plan };
      expect(
        findingsOf(merged, `${YEAR}-07-01`, `${YEAR + 1}-06-30`, ['absence_conflict', 'inpatient_team']).map(
          (f) => f.message,
        ),
      ).toEqual([]);
    },
  );
});
