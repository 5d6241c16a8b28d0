// What a half-day is worth when someone has to cover: the one place that says which assignments
// a repair may take a person away from, and at what price. The sacrifice order (DOMAIN.md):
// optional education, then administration and research, then core education, then continuity
// clinic; patient care, inpatient and call coverage are never given up. Free time may be used
// (at a small price); rest after call, absences and locked slots never.
import type { SacrificeLevel } from '../../domain/contingency';
import type { Baseline } from './baseline';

/** What a cell holds, for a repair. */
export type CellRole =
  | 'empty'
  | 'free'
  | 'optional_education'
  | 'administration'
  | 'core_education'
  | 'continuity_clinic'
  | 'supervising'
  | 'patient_care'
  | 'rest'
  | 'away'
  | 'locked';

/** Objective weights: uncovered ≫ shedding ≫ changed assignments; within changes, the sacrifice order. */
export const COST = {
  change: 10,
  uncovered: 1_000_000,
  /** One supervising faculty member short in a slot, met by cancelling learners' clinic. */
  supervisionShed: 20_000,
  role: {
    empty: 0,
    free: 3,
    optional_education: 1,
    administration: 2,
    supervising: 0,
    core_education: 5_000,
    continuity_clinic: 10_000,
  } as Partial<Record<CellRole, number>>,
};

/** Roles a repair may displace, and the sacrifice level each counts as (null: not a sacrifice). */
export const DISPLACEABLE: Partial<Record<CellRole, SacrificeLevel | null>> = {
  empty: null,
  free: null,
  supervising: null,
  optional_education: 'optional_education',
  administration: 'administration',
  core_education: 'core_education',
  continuity_clinic: 'continuity_clinic',
};

/** Sacrifice levels that make a repair "needs shedding" rather than absorbed. */
export const SHEDDING_LEVELS: ReadonlySet<SacrificeLevel> = new Set(['core_education', 'continuity_clinic']);

/** The role of a person's cell (day, half) in the baseline. */
export function cellRole(b: Baseline, personId: string, day: number, half: number): CellRole {
  const a = b.cell(personId, day, half);
  if (!b.availableForHalfDays(personId, day)) return 'away';
  if (!a) return 'empty';
  if (a.locked || a.source === 'preload' || a.source === 'manual') return 'locked';
  return activityRole(b, personId, day, a.activityCode);
}

/** The role an activity plays for a person on a day. */
export function activityRole(b: Baseline, personId: string, day: number, code: string): CellRole {
  const activity = b.activity(code);
  const person = b.people.get(personId)!;
  const pc = b.rules.postCall;
  switch (activity.category) {
    case 'time_off': {
      if (code === b.codes.leave || code === 'DEP' || code === 'TDY') return 'away';
      if (pc && (code === pc.afterOvernightPm || code === pc.afterNightFloat)) return 'rest';
      if (pc && code === pc.afterInpatientWeek && b.inpatientWeeksOf(personId).some((w) => b.day(w.end) === day - 1))
        return 'rest';
      return 'free';
    }
    case 'administrative':
      return 'administration';
    case 'educational':
      return activity.protected ? 'core_education' : 'optional_education';
    case 'clinical': {
      if (activity.providesSupervision) return 'supervising';
      if (code === b.codes.inpatient) return 'patient_care';
      if (person.kind === 'faculty') return b.needsCredential(code) ? 'patient_care' : 'continuity_clinic';
      if (activity.needsSupervision || activity.countsTowardClinicCapacity) return 'continuity_clinic';
      // A resident's rotation work: inpatient services are patient care, outpatient rotations learning.
      const rotation = b.rotationOn(personId, day);
      if (!rotation || rotation.setting === 'inpatient' || b.rules.teams.has(rotation.code)) return 'patient_care';
      return 'core_education';
    }
  }
}
