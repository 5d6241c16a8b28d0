// Small hand-made programs for the generation tests: a few residents and faculty, a handful of
// rotations, the standard activity catalogue and call types. Each test changes what it needs.
import { standardActivities, standardCallTypes } from '../../core/demo/catalog';
import { addDays, blocksForYear, daysBetween } from '../../core/domain/calendar';
import { defaultSettings } from '../../core/domain/defaults';
import type { ProgramData } from '../../core/domain/program';
import type {
  BlockPart,
  FacultyRole,
  Finding,
  PatternWeek,
  Person,
  Rotation,
  RotationAssignment,
  RotationPlanRules,
} from '../../core/domain/types';
import { complianceInput, validate } from '../../core/rules';

export const YEAR = 2026;

export function resident(id: string, pgy: number, name = id): Person {
  return {
    id,
    name,
    kind: 'resident',
    facultyRole: null,
    pgyByYear: { [String(YEAR)]: pgy },
    email: null,
    active: true,
    credentials: [],
    certifications: [],
  };
}

export function facultyMember(id: string, role: FacultyRole, name = id): Person {
  return {
    id,
    name,
    kind: 'faculty',
    facultyRole: role,
    pgyByYear: {},
    email: null,
    active: true,
    credentials: [],
    certifications: [],
  };
}

/** A weekly pattern: weekdays from `weekday` (AM, PM codes; null = solver's choice), weekend W or given. */
export function weekPattern(
  weekday: [string | null, string | null],
  weekend: [string | null, string | null] = ['W', 'W'],
  overrides: Record<string, [string | null, string | null]> = {},
): PatternWeek {
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
    // A deep copy: tests change settings, and the defaults share nested objects between calls.
    settings: structuredClone(defaultSettings('Test program')),
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
    callbacks: [],
  };
}

/** Inpatient team, night float, clinic and two electives; 3 residents per PGY, 8 faculty. */
export function smallProgram(perPgy = 3): ProgramData {
  const data = emptyProgram();
  for (let pgy = 1; pgy <= 3; pgy++)
    for (let i = 1; i <= perPgy; i++) data.people.push(resident(`PGY${pgy}-0${i}`, pgy));
  data.people.push(facultyMember('F-PD', 'pd'), facultyMember('F-APD', 'apd'));
  for (let i = 1; i <= 6; i++) data.people.push(facultyMember(`F-C${i}`, 'core'));
  data.rotations = [
    rotation('FMIT', {
      setting: 'inpatient',
      leaveEligible: false,
      worksWeekends: true,
      pattern: [weekPattern(['FMIT', 'FMIT'], ['FMIT', 'FMIT'], { '3': ['FMIT', 'LEC'], '7': ['OFF', 'OFF'] })],
      weeklyTargets: {},
      capacity: 3,
    }),
    rotation('NF', {
      setting: 'inpatient',
      leaveEligible: false,
      worksWeekends: true,
      halfBlock: true,
      pattern: [weekPattern(['OFF', 'NF'], ['OFF', 'NF'], { '6': ['OFF', 'OFF'] })],
      weeklyTargets: {},
      capacity: 1,
      exemptFrom: ['wednesday_lecture'],
    }),
    rotation('CLIN', { weeklyTargets: { C: 6 } }),
    rotation('CARD', { pattern: [weekPattern(['CARD', null])], weeklyTargets: { C: 2 } }),
    rotation('ELEC', { pattern: [weekPattern(['ELEC', null])], weeklyTargets: { C: 2 } }),
  ];
  return data;
}

/** smallProgram() with every PGY-2 deployed through block 4: the inpatient team cannot have its PGY-2. */
export function smallProgramWithoutPgy2s(): ProgramData {
  const data = smallProgram();
  for (const id of ['PGY2-01', 'PGY2-02', 'PGY2-03'])
    data.absences.push({
      id: `d-${id}`,
      personId: id,
      type: 'deployment',
      start: '2026-09-24',
      end: '2026-10-21',
      status: 'approved',
      note: null,
    });
  return data;
}

/** Requirements that fit smallProgram(): 13 weighted blocks, FMIT one per PGY level per block. */
export function smallPlanRules(): RotationPlanRules {
  return {
    requirements: [1, 2, 3].flatMap((pgy) => [
      { pgy, rotationCode: 'FMIT', minBlocks: 4, maxBlocks: 5 },
      { pgy, rotationCode: 'NF', minBlocks: 0, maxBlocks: 1.5 },
      { pgy, rotationCode: 'CLIN', minBlocks: 2, maxBlocks: 6 },
      { pgy, rotationCode: 'CARD', minBlocks: 1, maxBlocks: 3 },
      { pgy, rotationCode: 'ELEC', minBlocks: 0, maxBlocks: 4 },
    ]),
    windows: [],
    order: [],
    fixed: [],
    staffing: [],
  };
}

export interface PlanCell {
  blockNumber: number;
  /** 'first'/'second' half, or 'full' for blocks too short to halve. */
  half: BlockPart;
  weight: number;
  start: string;
  end: string;
  rotationCode: string;
}

/**
 * Each resident's rotation per half-block, read from plan entries with the calendar alone (an
 * independent reading: a 'full' entry covers both halves). Throws on a gap or an overlap.
 */
export function planCells(data: ProgramData, plan: RotationAssignment[], year = YEAR): Map<string, PlanCell[]> {
  const byId = new Map(data.rotations.map((r) => [r.id, r.code]));
  const out = new Map<string, PlanCell[]>();
  const residents = data.people.filter((p) => p.kind === 'resident' && p.pgyByYear[String(year)]);
  for (const r of residents) {
    const cells: PlanCell[] = [];
    for (const block of blocksForYear(year, data.settings.blockLayout)) {
      const days = daysBetween(block.start, block.end) + 1;
      const halves: { half: BlockPart; start: string; end: string; days: number }[] =
        days > 14
          ? [
              {
                half: 'first',
                start: block.start,
                end: addDays(block.secondHalfStart, -1),
                days: daysBetween(block.start, block.secondHalfStart),
              },
              {
                half: 'second',
                start: block.secondHalfStart,
                end: block.end,
                days: daysBetween(block.secondHalfStart, block.end) + 1,
              },
            ]
          : [{ half: 'full', start: block.start, end: block.end, days }];
      for (const h of halves) {
        const entries = plan.filter(
          (a) =>
            a.personId === r.id &&
            a.academicYear === year &&
            a.blockNumber === block.number &&
            (a.part === 'full' || a.part === h.half),
        );
        if (entries.length !== 1)
          throw new Error(`${r.id} block ${block.number} ${h.half}: ${entries.length} plan entries`);
        cells.push({
          blockNumber: block.number,
          half: h.half,
          weight: Math.round((2 * h.days) / 28) / 2,
          start: h.start,
          end: h.end,
          rotationCode: byId.get(entries[0].rotationId)!,
        });
      }
    }
    out.set(r.id, cells);
  }
  return out;
}

/** Findings of the compliance engine for some rule ids over a range. */
export function findingsOf(data: ProgramData, start: string, end: string, ruleIds: string[]): Finding[] {
  return validate(complianceInput(data, { start, end }), { ruleIds });
}
