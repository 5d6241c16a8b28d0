// Small hand-made programs for the compliance engine tests: a few people, a catalog with simple
// duty times, and helpers to lay down half-days, calls and absences day by day.
import { addDays, datesInRange } from '../../../core/domain/calendar';
import { defaultSettings } from '../../../core/domain/defaults';
import type {
  Absence,
  Activity,
  Assignment,
  CallAssignment,
  CallType,
  HalfDay,
  IsoDate,
  Person,
  Rotation,
  RuleConfig,
} from '../../../core/domain/types';
import type { ComplianceInput } from '../../../core/rules/input';

export const AY = 2026;

export function activity(
  code: string,
  am: [string, string] | null,
  pm: [string, string] | null,
  extra: Partial<Activity> = {},
): Activity {
  const category = extra.category ?? 'clinical';
  return {
    code,
    name: code,
    category,
    needsSupervision: false,
    providesSupervision: false,
    protected: false,
    countsTowardDutyHours: true,
    patientCare: category === 'clinical',
    countsTowardClinicCapacity: false,
    extraSupervisionUnits: 0,
    am: am && { start: am[0], end: am[1] },
    pm: pm && { start: pm[0], end: pm[1] },
    color: '#888888',
    location: null,
    ...extra,
  };
}

const off = { category: 'time_off' as const, countsTowardDutyHours: false };

/** Clinic 08–12 / 13–17; a 12-hour ward day 06–12 / 12–18; nights 19–07 (PM); time off. */
export function activities(): Activity[] {
  return [
    activity('C', ['08:00', '12:00'], ['13:00', '17:00'], { needsSupervision: true, countsTowardClinicCapacity: true }),
    activity('CV', ['08:00', '12:00'], ['13:00', '17:00'], { needsSupervision: true }),
    activity('PROC', ['08:00', '12:00'], ['13:00', '17:00'], {
      needsSupervision: true,
      countsTowardClinicCapacity: true,
      extraSupervisionUnits: 4,
    }),
    activity('AT', ['08:00', '12:00'], ['13:00', '17:00'], { providesSupervision: true }),
    activity('PCAT', ['08:00', '12:00'], null, { providesSupervision: true }),
    activity('WARD', ['06:00', '12:00'], ['12:00', '18:00']),
    activity('FMIT', ['07:00', '12:00'], ['12:00', '19:00']),
    activity('NF', null, ['19:00', '07:00']),
    activity('LEC', ['08:00', '12:00'], ['13:00', '17:00'], { category: 'educational' }),
    activity('ADV', ['08:00', '12:00'], ['13:00', '17:00'], { category: 'educational' }),
    activity('DO', null, ['13:00', '17:00'], off),
    activity('PC', ['08:00', '12:00'], ['13:00', '17:00'], off),
    activity('OFF', ['08:00', '12:00'], ['13:00', '17:00'], off),
    activity('W', ['08:00', '12:00'], ['13:00', '17:00'], off),
    activity('LV', ['08:00', '12:00'], ['13:00', '17:00'], off),
  ];
}

export function callTypes(): CallType[] {
  return [
    {
      code: 'LD',
      name: 'Labor & delivery 24-hour call',
      start: '07:00',
      end: '07:00',
      inHouse: true,
      for: 'resident',
      countsTowardDutyHours: true,
      clockChange: 'scheduled_hours',
    },
    {
      code: 'OC',
      name: 'Faculty overnight call',
      start: '17:00',
      end: '07:00',
      inHouse: false,
      for: 'faculty',
      countsTowardDutyHours: true,
      clockChange: 'scheduled_hours',
    },
    {
      code: 'BU',
      name: 'Backup call',
      start: '17:00',
      end: '07:00',
      inHouse: false,
      for: 'faculty',
      countsTowardDutyHours: false,
      clockChange: 'scheduled_hours',
    },
    {
      code: 'HC',
      name: 'Resident home call',
      start: '08:00',
      end: '08:00',
      inHouse: false,
      for: 'resident',
      countsTowardDutyHours: true,
      clockChange: 'scheduled_hours',
    },
  ];
}

export function resident(id: string, pgy: number, extra: Partial<Person> = {}): Person {
  return {
    id,
    name: `Resident ${id}`,
    kind: 'resident',
    facultyRole: null,
    pgyByYear: { [String(AY)]: pgy, [String(AY - 1)]: Math.max(1, pgy - 1), [String(AY + 1)]: pgy + 1 },
    email: null,
    active: true,
    credentials: [],
    certifications: [],
    ...extra,
  };
}

export function faculty(id: string, role: Person['facultyRole'] = 'core', extra: Partial<Person> = {}): Person {
  return {
    id,
    name: `Faculty ${id}`,
    kind: 'faculty',
    facultyRole: role,
    pgyByYear: {},
    email: null,
    active: true,
    credentials: [],
    certifications: [],
    ...extra,
  };
}

export function rotation(id: string, code: string, extra: Partial<Rotation> = {}): Rotation {
  const cell = { activityCode: null, protected: false };
  const week = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, { AM: cell, PM: cell }]));
  return {
    id,
    code,
    name: code,
    setting: 'outpatient',
    leaveEligible: true,
    capacity: 10,
    worksWeekends: false,
    halfBlock: false,
    pattern: [week],
    weeklyTargets: {},
    exemptFrom: [],
    color: '#888888',
    ...extra,
  };
}

/** Assignments of one activity for a person on every date in a range (both halves by default). */
export function fill(
  personId: string,
  start: IsoDate,
  end: IsoDate,
  code: string,
  halves: HalfDay[] = ['AM', 'PM'],
): Assignment[] {
  return datesInRange(start, end).flatMap((date) => halves.map((half) => assign(personId, date, half, code)));
}

export function assign(personId: string, date: IsoDate, half: HalfDay, code: string): Assignment {
  return { personId, date, half, activityCode: code, source: 'manual', locked: false };
}

export function call(personId: string, date: IsoDate, code = 'LD'): CallAssignment {
  return { personId, date, callTypeCode: code, source: 'manual' };
}

let absenceSeq = 0;
export function absence(
  personId: string,
  type: Absence['type'],
  start: IsoDate,
  end: IsoDate,
  status: Absence['status'] = 'approved',
): Absence {
  return { id: `abs-${++absenceSeq}`, personId, type, start, end, status, note: null };
}

/** Every `step` days from start to end inclusive. */
export function everyNth(start: IsoDate, end: IsoDate, step: number): IsoDate[] {
  return datesInRange(start, end).filter((_, i) => i % step === 0);
}

/** A compliance input over a range, with the default settings and the fixture catalog. */
export function input(
  parts: Partial<ComplianceInput> & { people: Person[] },
  range = { start: `${AY}-07-01`, end: `${AY + 1}-06-30` },
): ComplianceInput {
  return {
    settings: defaultSettings(),
    activities: activities(),
    callTypes: callTypes(),
    rotations: [],
    holidays: [],
    absences: [],
    rotationAssignments: [],
    assignments: [],
    calls: [],
    inpatientWeeks: [],
    moonlighting: [],
    callbacks: [],
    range,
    ...parts,
  };
}

/** The default settings with one rule's params changed. */
export function withRule(id: string, change: Partial<RuleConfig>): ComplianceInput['settings'] {
  const settings = defaultSettings();
  settings.rules = settings.rules.map((r) =>
    r.id === id ? { ...r, ...change, params: { ...r.params, ...(change.params ?? {}) } } : r,
  );
  return settings;
}

export { addDays, datesInRange };
