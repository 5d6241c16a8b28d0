// The demo program generator: a deterministic, seeded, realistic program for one academic year
// (people, rotations, the annual plan, absences, the half-day schedule, calls and FMIT weeks).
// Same options → same ProgramData, byte for byte.
import { callPatternParams } from '../domain/call-patterns';
import { defaultSettings } from '../domain/defaults';
import type { ProgramData } from '../domain/program';
import type { RestAfterCallParams } from '../domain/rest-after-call';
import type {
  AcademicYearId,
  BlockLayout,
  IsoDate,
  JsonValue,
  MoonlightingEntry,
  Person,
  ProgramSettings,
} from '../domain/types';
import { absenceDays, makeAbsences } from './absences';
import { makeCalls, makeInpatientWeeks } from './calls';
import { standardActivities, standardCallTypes } from './catalog';
import { makeAssignments, type WeeklyLimit } from './halfdays';
import { holidaysForYear } from './holidays';
import { makePeople } from './people';
import { capacities, planRotations } from './plan';
import { createRng, type Rng } from './rng';
import { ROTATION_SPECS, rotationFromSpec, type RotationSpec } from './rotations';
import { makeYear, type DemoYear } from './year';

export interface GenerateOptions {
  seed: number;
  academicYear: AcademicYearId;
  /** Residents per PGY level, index 0 = PGY-1. Reference: [6, 6, 5]; 100 residents: [34, 33, 33]. */
  residentsPerPgy?: number[];
  /** Reference: 12 (PD, APD, OIC, chief, sports medicine, 6 core, 1 adjunct). */
  facultyCount?: number;
  /** Medical students and rotating interns. */
  learnerCount?: number;
  programName?: string;
  /** Block calendar (default: the reference program's, anchored on Thursdays). */
  blockLayout?: BlockLayout;
}

export const REFERENCE_RESIDENTS = [6, 6, 5];
export const REFERENCE_FACULTY = 12;

/** Splits a resident total over three PGY levels as evenly as possible (100 → 34/33/33). */
export function residentsPerPgyFor(total: number): number[] {
  const base = Math.floor(total / 3);
  return [0, 1, 2].map((i) => base + (i < total % 3 ? 1 : 0));
}

/** Faculty needed to precept a program of this size (12 for the reference 17 residents). */
export function facultyCountFor(residents: number): number {
  return Math.max(REFERENCE_FACULTY, Math.round((residents * REFERENCE_FACULTY) / 17));
}

/** What `cli demo` is asked for: a size, a seed, a year and, optionally, a calendar without block 0. */
export interface DemoOptions {
  seed: number;
  academicYear: AcademicYearId;
  /** Residents in all, split over PGY 1–3 with faculty scaled to them; default the reference 6/6/5 and 12. */
  residents?: number;
  /** Block 1 from July 1 lasting this many days, then 28-day blocks, 13 in all; default the reference calendar. */
  firstBlockDays?: number;
}

/**
 * The demo program `cli demo` writes, and the one the benches measure, so a figure is of the model
 * the command line solves on that file (its rotation-plan rules are its settings', not derived).
 */
export function cliDemoProgram(options: DemoOptions): ProgramData {
  const residentsPerPgy = options.residents === undefined ? REFERENCE_RESIDENTS : residentsPerPgyFor(options.residents);
  const total = residentsPerPgy.reduce((a, b) => a + b, 0);
  return generateProgram({
    seed: options.seed,
    academicYear: options.academicYear,
    residentsPerPgy,
    facultyCount: options.residents === undefined ? undefined : facultyCountFor(total),
    blockLayout:
      options.firstBlockDays === undefined
        ? undefined
        : { anchorWeekday: null, blockLengthDays: 28, blockCount: 13, firstBlockDays: options.firstBlockDays },
  });
}

function scaledSettings(base: ProgramSettings, scale: number): ProgramSettings {
  // A bigger program runs more clinic rooms: scale the clinic capacity policy with it.
  const rules = base.rules.map((rule) =>
    rule.type === 'clinic_capacity'
      ? {
          ...rule,
          params: {
            ...rule.params,
            soft: (rule.params.soft as number) * scale,
            hard: (rule.params.hard as number) * scale,
          } as Record<string, JsonValue>,
        }
      : rule,
  );
  return { ...base, rules };
}

function moonlighting(
  rng: Rng,
  y: DemoYear,
  seniors: Person[],
  data: Pick<ProgramData, 'assignments' | 'calls'>,
  rotationOf: Map<string, RotationSpec[]>,
): MoonlightingEntry[] {
  // A few PGY-3 shifts on free Saturdays (weekend off on both days), only in quiet stretches:
  // outpatient for two weeks on both sides and no call within a week, since the shift costs a
  // day off that inpatient and call weekends cannot spare.
  const weekend = new Set(
    data.assignments.filter((a) => a.activityCode === 'W').map((a) => `${a.personId}:${a.date}:${a.half}`),
  );
  const onCall = new Set(data.calls.map((c) => `${c.personId}:${c.date}`));
  const callDays = new Map<string, number[]>();
  for (const c of data.calls) callDays.set(c.personId, [...(callDays.get(c.personId) ?? []), y.index.get(c.date)!]);
  const quiet = (id: string, d: number) =>
    rotationOf
      .get(id)!
      .slice(Math.max(0, d - 14), d + 15)
      .every((r) => r.setting === 'outpatient' && !r.worksWeekends) &&
    !(callDays.get(id) ?? []).some((c) => Math.abs(c - d) <= 7);
  const free = (id: string, d: number) =>
    d < y.days.length &&
    weekend.has(`${id}:${y.days[d]}:AM`) &&
    weekend.has(`${id}:${y.days[d]}:PM`) &&
    !onCall.has(`${id}:${y.days[d]}`);
  const out: MoonlightingEntry[] = [];
  const saturdays = y.days.map((_, d) => d).filter((d) => y.weekday[d] === 6);
  for (let attempt = 0; attempt < 400 && out.length < Math.max(4, seniors.length + 3); attempt++) {
    const person = rng.pick(seniors);
    const d = rng.pick(saturdays);
    if (!free(person.id, d) || !free(person.id, d + 1) || !quiet(person.id, d)) continue;
    // At most one shift a person in any four weeks.
    if (out.some((m) => m.personId === person.id && Math.abs(y.index.get(m.start.slice(0, 10) as IsoDate)! - d) < 28))
      continue;
    out.push({
      id: `ml-${String(out.length + 1).padStart(3, '0')}`,
      personId: person.id,
      start: `${y.days[d]}T08:00`,
      end: `${y.days[d]}T20:00`,
      internal: rng.chance(0.5),
      approved: true,
    });
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.personId.localeCompare(b.personId));
}

export function generateProgram(options: GenerateOptions): ProgramData {
  const residentsPerPgy = options.residentsPerPgy ?? REFERENCE_RESIDENTS;
  if (
    residentsPerPgy.length === 0 ||
    residentsPerPgy.length > 8 ||
    residentsPerPgy.some((n) => !Number.isInteger(n) || n < 1)
  )
    throw new RangeError(
      `residentsPerPgy needs 1–8 levels of at least one resident each, got [${residentsPerPgy.join(', ')}]`,
    );
  const residentTotal = residentsPerPgy.reduce((a, b) => a + b, 0);
  const facultyCount = options.facultyCount ?? facultyCountFor(residentTotal);
  if (!Number.isInteger(facultyCount) || facultyCount < 7)
    throw new RangeError(
      `facultyCount must be at least 7 (the roles PD … sports medicine, core and adjunct), got ${facultyCount}`,
    );
  const year = options.academicYear;
  const rng = createRng(options.seed);
  const scale = Math.max(1, Math.round(residentTotal / 17));

  const base = defaultSettings(options.programName ?? 'Family Medicine Residency (demo)');
  const settings = scaledSettings(options.blockLayout ? { ...base, blockLayout: options.blockLayout } : base, scale);
  const holidays = holidaysForYear(year);
  const y = makeYear(year, settings.blockLayout, holidays);
  const people = makePeople(rng, year, residentsPerPgy, facultyCount, options.learnerCount ?? 3);
  const residents = people.residentsByPgy.flat();
  const pgyOf = new Map(people.residentsByPgy.flatMap((level, i) => level.map((r) => [r.id, i + 1] as const)));

  const plan = planRotations(y, people.residentsByPgy);
  const capacity = capacities(plan, y, residentsPerPgy.length);
  const rotations = ROTATION_SPECS.map((s) => rotationFromSpec(s, capacity.get(s.code)!));
  const fmit = makeInpatientWeeks(rng, y, people.faculty);

  const residentAbsences = makeAbsences(rng, y, residents, (p) => ({
    canLeave: (d) => plan.byDay.get(p.id)![d].leaveEligible,
  }));
  const facultyAbsences = makeAbsences(
    rng,
    y,
    people.faculty,
    (p) => {
      const free = (d: number) => [-1, 0, 1].every((k) => fmit.attendingOn[d + k] !== p.id);
      return { canLeave: free, canBeAway: free };
    },
    residentAbsences.length + 1,
  );
  const absences = [...residentAbsences, ...facultyAbsences];
  const absent = absenceDays(y, absences, settings.absencePolicies);

  // Resident call grows with the program: one L&D call a day per 17 residents.
  const calls = makeCalls({
    rng,
    y,
    faculty: people.faculty,
    residentsByPgy: people.residentsByPgy,
    residentCallsPerDay: scale,
    fmit,
    absent,
    rotationOf: plan.byDay,
    pattern: callPatternParams(settings),
  });
  const ruleParams = (type: string) => settings.rules.find((r) => r.type === type)!.params;
  const clinicRule = ruleParams('clinic_capacity');
  const supervisionRule = ruleParams('supervision');
  const activities = standardActivities();
  const callTypes = standardCallTypes();
  const assignments = makeAssignments({
    rng,
    y,
    activities,
    residents,
    pgyOf,
    faculty: people.faculty,
    learners: people.learners,
    rotationOf: plan.byDay,
    absent,
    calls,
    callTypes,
    restAfterCall: settings.rules
      .filter((r) => r.type === 'acgme_rest_after_call' && r.enabled)
      .map((r) => r.params as unknown as RestAfterCallParams),
    fmit,
    clinicSoft: clinicRule.soft as number,
    capacityScale: settings.capacityScale,
    procedureRooms: scale,
    unitsPerFaculty: supervisionRule.unitsPerFaculty as number,
    pgy1Units: supervisionRule.pgy1Units as number,
    seniorUnits: supervisionRule.seniorUnits as number,
    learnerUnits: (supervisionRule.learnerUnits as number | undefined) ?? 2,
    facultyLimits: (settings.rules.find((r) => r.type === 'faculty_weekly_halfdays')?.params.limits ??
      []) as unknown as WeeklyLimit[],
  });
  const seniors = people.residentsByPgy[people.residentsByPgy.length - 1];

  return {
    settings,
    academicYears: [year],
    people: [...residents, ...people.faculty, ...people.learners],
    activities,
    rotations,
    callTypes,
    holidays,
    absences,
    rotationAssignments: plan.assignments,
    assignments,
    calls,
    inpatientWeeks: fmit.weeks,
    moonlighting: moonlighting(rng, y, seniors, { assignments, calls }, plan.byDay),
    callbacks: [],
  };
}
