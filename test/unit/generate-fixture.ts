// Small hand-made programs for the generation tests: a few residents and faculty, a handful of
// rotations, the standard activity catalogue and call types. Each test changes what it needs.
import { standardActivities, standardCallTypes } from '../../core/demo/catalog';
import { defaultSettings } from '../../core/domain/defaults';
import type { ProgramData } from '../../core/domain/program';
import type { FacultyRole, PatternWeek, Person, Rotation } from '../../core/domain/types';

export const YEAR = 2026;

export function resident(id: string, pgy: number, name = id): Person {
  return { id, name, kind: 'resident', facultyRole: null, pgyByYear: { [String(YEAR)]: pgy }, email: null, active: true, credentials: [], certifications: [] };
}

export function facultyMember(id: string, role: FacultyRole, name = id): Person {
  return { id, name, kind: 'faculty', facultyRole: role, pgyByYear: {}, email: null, active: true, credentials: [], certifications: [] };
}

/** A weekly pattern: weekdays from `weekday` (AM, PM codes; null = solver's choice), weekend W or given. */
export function weekPattern(weekday: [string | null, string | null], weekend: [string | null, string | null] = ['W', 'W'], overrides: Record<string, [string | null, string | null]> = {}): PatternWeek {
  const week: PatternWeek = {};
  for (let d = 1; d <= 7; d++) {
    const [am, pm] = overrides[String(d)] ?? (d >= 6 ? weekend : weekday);
    week[String(d)] = { AM: { activityCode: am, protected: false }, PM: { activityCode: pm, protected: false } };
  }
  return week;
}

export function rotation(code: string, extra: Partial<Rotation> = {}): Rotation {
  return {
    id: `rot-${code}`,
    code,
    name: code,
    setting: 'outpatient',
    leaveEligible: true,
    capacity: 10,
    worksWeekends: false,
    halfBlock: false,
    pattern: [weekPattern([null, null])],
    weeklyTargets: { C: 4 },
    exemptFrom: [],
    color: '#888888',
    ...extra,
  };
}

export function emptyProgram(): ProgramData {
  return {
    settings: defaultSettings('Test program'),
    academicYears: [YEAR],
    people: [],
    activities: standardActivities(),
    rotations: [],
    callTypes: standardCallTypes(),
    holidays: [],
    absences: [],
    rotationAssignments: [],
    assignments: [],
    calls: [],
    inpatientWeeks: [],
    moonlighting: [],
  };
}

/** Inpatient team, night float, clinic and two electives; 3 residents per PGY, 8 faculty. */
export function smallProgram(perPgy = 3): ProgramData {
  const data = emptyProgram();
  for (let pgy = 1; pgy <= 3; pgy++) for (let i = 1; i <= perPgy; i++) data.people.push(resident(`PGY${pgy}-0${i}`, pgy));
  data.people.push(facultyMember('F-PD', 'pd'), facultyMember('F-APD', 'apd'));
  for (let i = 1; i <= 6; i++) data.people.push(facultyMember(`F-C${i}`, 'core'));
  data.rotations = [
    rotation('FMIT', { setting: 'inpatient', leaveEligible: false, worksWeekends: true, pattern: [weekPattern(['FMIT', 'FMIT'], ['FMIT', 'FMIT'], { '3': ['FMIT', 'LEC'], '7': ['OFF', 'OFF'] })], weeklyTargets: {}, capacity: 3 }),
    rotation('NF', { setting: 'inpatient', leaveEligible: false, worksWeekends: true, halfBlock: true, pattern: [weekPattern(['OFF', 'NF'], ['OFF', 'NF'], { '6': ['OFF', 'OFF'] })], weeklyTargets: {}, capacity: 1, exemptFrom: ['wednesday_lecture'] }),
    rotation('CLIN', { weeklyTargets: { C: 6 } }),
    rotation('CARD', { pattern: [weekPattern(['CARD', null])], weeklyTargets: { C: 2 } }),
    rotation('ELEC', { pattern: [weekPattern(['ELEC', null])], weeklyTargets: { C: 2 } }),
  ];
  return data;
}
