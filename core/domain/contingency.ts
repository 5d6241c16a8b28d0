// Resilience, as data: what the N-1/N-2 contingency sweep, utilization and the stress ladder
// report (../shared/DOMAIN.md, Resilience). Plain types shared by the solver that computes them,
// the services that store them, the exports that print them and the renderer that shows them.
import type { HalfDay, IsoDate, Slot } from './types';

/** Faculty utilization levels (required ÷ available faculty half-days). */
export type UtilizationLevel = 'green' | 'yellow' | 'orange' | 'red' | 'black';
export const UTILIZATION_LEVELS: readonly UtilizationLevel[] = ['green', 'yellow', 'orange', 'red', 'black'];

/** green < 0.70, yellow 0.70–0.80, orange 0.80–0.90, red 0.90–0.95, black ≥ 0.95 (and no capacity at all). */
export function utilizationLevel(ratio: number): UtilizationLevel {
  if (!Number.isFinite(ratio) || ratio >= 0.95) return 'black';
  if (ratio >= 0.9) return 'red';
  if (ratio >= 0.8) return 'orange';
  if (ratio >= 0.7) return 'yellow';
  return 'green';
}

export interface Utilization {
  /** Faculty half-days the schedule needs: precepting (supervision), faculty clinic minimums, procedure sessions. */
  required: number;
  /** Faculty weekday half-days on clinic days, less absences, inpatient weeks and post-call afternoons. */
  available: number;
  /** required ÷ available, capped at 9.99 (nothing available but something required). */
  ratio: number;
  level: UtilizationLevel;
}

/**
 * What is given up, in the order it is shed when capacity is short. Patient care, inpatient and
 * call coverage and the ACGME limits are never shed.
 */
export type SacrificeLevel = 'optional_education' | 'administration' | 'core_education' | 'continuity_clinic';
export const SACRIFICE_ORDER: readonly SacrificeLevel[] = [
  'optional_education',
  'administration',
  'core_education',
  'continuity_clinic',
];
export const SACRIFICE_LABELS: Record<SacrificeLevel, string> = {
  optional_education: 'optional education',
  administration: 'administration and research',
  core_education: 'core education',
  continuity_clinic: 'continuity clinic',
};

/**
 * How a loss ends: absorbed (every requirement covered, covers taken from free time, optional
 * education or administration), shedding (covered only by giving up core education or continuity
 * clinic), uncovered (a call, inpatient week, inpatient team place or procedure session nobody can
 * take, even with shedding).
 */
export type LossOutcome = 'absorbed' | 'shedding' | 'uncovered';
export const LOSS_OUTCOMES: readonly LossOutcome[] = ['absorbed', 'shedding', 'uncovered'];
/** Worse outcomes rank higher. */
export const OUTCOME_RANK: Record<LossOutcome, number> = { absorbed: 0, shedding: 1, uncovered: 2 };

export type RequirementKind = 'call' | 'inpatient_week' | 'supervision' | 'team' | 'procedure';

/** One requirement the loss leaves without its person, and how the repair meets it. */
export interface LostRequirement {
  /** Stable within a week, e.g. `call|2026-10-05|OC|fac-03`, `supervision|2026-10-06|AM`. */
  id: string;
  kind: RequirementKind;
  /** In the domain's words: "OC call on Mon 5 Oct (Avery Garcia)". */
  label: string;
  /** Who held it (null for a slot's supervision). */
  personId: string | null;
  start: IsoDate;
  end: IsoDate;
  slots: Slot[];
  /** How much is missing: 1 for a call, week, team run or session; supervising faculty short for supervision. */
  amount: number;
  /** Who covers it. */
  coveredBy: string[];
  /** Supervision only: supervisors short, met by cancelling learners' clinic (continuity clinic shed). */
  shed: number;
  /** Left without cover (never for supervision, which can always be shed). */
  uncovered: number;
}

export type ChangeReason = 'gone' | 'cover' | 'post_call' | 'shed';

/** One changed assignment of a repair. `to: null` clears the slot, removes the call or the week. */
export type RepairChange =
  | {
      kind: 'slot';
      personId: string;
      date: IsoDate;
      half: HalfDay;
      from: string | null;
      to: string | null;
      reason: ChangeReason;
      requirementId: string | null;
    }
  | {
      kind: 'call';
      date: IsoDate;
      callTypeCode: string;
      from: string;
      to: string | null;
      reason: ChangeReason;
      requirementId: string | null;
    }
  | {
      kind: 'inpatient_week';
      start: IsoDate;
      end: IsoDate;
      from: string;
      to: string | null;
      reason: ChangeReason;
      requirementId: string | null;
    };

/** What covering costs one person. */
export interface CoverCost {
  personId: string;
  /** Their half-days the repair changes. */
  halfDays: number;
  /** Duty hours added (real elapsed hours, net of the duty their changed half-days had). */
  hoursAdded: number;
  /** Calls they take over in this repair. */
  callsTaken: number;
  /** Their calls in the calendar month of the week, with the repair. */
  callsThisMonth: number;
  /** Inpatient weeks they take over. */
  inpatientWeeks: number;
  /** What they give up: activity code, how many half-days, and its sacrifice level (null: free time or precepting). */
  givesUp: { activityCode: string; halfDays: number; level: SacrificeLevel | null }[];
}

/** A half-day given up because capacity is short. */
export interface ShedItem {
  level: SacrificeLevel;
  personId: string;
  date: IsoDate;
  half: HalfDay;
  activityCode: string;
}

/** How a repair was found. `composed`: two N-1 repairs that provably do not interact (exact pruning). */
export type RepairMethod = 'none' | 'model' | 'composed';

/** The repair of one loss (one or two people gone) in one week. */
export interface Repair {
  gone: string[];
  /** Monday of the week. */
  week: IsoDate;
  /** Days of the week the people are gone. */
  days: IsoDate[];
  outcome: LossOutcome;
  requirements: LostRequirement[];
  changes: RepairChange[];
  covers: CoverCost[];
  shed: ShedItem[];
  /** Clinic half-days of the people gone that are simply cancelled (their own patients). */
  clinicLost: number;
  /** Changed half-days, calls and inpatient weeks, the gone people's own included. */
  changedAssignments: number;
  /** Model objective (exact pruning is checked against it). */
  objective: number;
  method: RepairMethod;
  /** Checked by the compliance engine: no new critical/high finding for anyone still there. */
  verified: boolean;
  /** New hard findings the compliance engine still reports (messages), when not verified. */
  problems: string[];
}

/** The N-1 outcome of one person in one week (for the heatmap). */
export interface PersonWeek {
  personId: string;
  week: IsoDate;
  outcome: LossOutcome;
  changedAssignments: number;
  requirements: number;
}

/** A pair whose joint loss is worse than either loss alone in some weeks. */
export interface PairFinding {
  a: string;
  b: string;
  weeks: { week: IsoDate; outcome: LossOutcome; changedAssignments: number; method: RepairMethod }[];
  /** Weeks the pair leaves coverage uncovered (fatal) and weeks it needs shedding. */
  uncoveredWeeks: number;
  sheddingWeeks: number;
}

export type GoneWindow = { mode: 'period' } | { mode: 'from'; start: IsoDate; days: number };

export interface ContingencyParams {
  start: IsoDate;
  end: IsoDate;
  depth: 1 | 2;
  gone: GoneWindow;
}

export interface SweepFigures {
  weeks: number;
  people: number;
  /** N-1 losses with something to repair, over all weeks. */
  singleLosses: number;
  pairs: number;
  /** Pair × week combinations examined. */
  pairWeeks: number;
  /** Repair models built and solved (N-1 and N-2), re-solves after a rejection included. */
  modelsSolved: number;
  /** Of those, solved by HiGHS (the others: each requirement's own cheapest cover was the optimum). */
  milpSolved: number;
  /** Pair-weeks answered by composing two N-1 repairs (exact pruning), or with nothing to repair. */
  pruned: number;
  /** Repairs the compliance engine rejected and the model re-solved without the offending covers. */
  validatorRejections: number;
  elapsedSec: number;
  workers: number;
}

export interface WeekSummary {
  week: IsoDate;
  end: IsoDate;
  utilization: Utilization;
  /** Worst N-1 and N-2 outcome of the week (null: nothing to repair). */
  worstSingle: LossOutcome | null;
  worstPair: LossOutcome | null;
  /** Losses of the week by outcome (N-1). */
  singles: Record<LossOutcome, number>;
  /** Pair-weeks by outcome (N-2; zero when depth 1). */
  pairs: Record<LossOutcome, number>;
}

export interface BlockUtilization {
  academicYear: number;
  blockNumber: number;
  start: IsoDate;
  end: IsoDate;
  utilization: Utilization;
}

/** A person whose loss alone is not absorbed in some weeks. */
export interface CriticalPerson {
  personId: string;
  /** Weeks their loss leaves something uncovered (a single point of failure). */
  uncoveredWeeks: IsoDate[];
  /** Weeks their loss is covered only by shedding. */
  sheddingWeeks: IsoDate[];
}

export interface ContingencyResult {
  params: ContingencyParams;
  people: { id: string; name: string; kind: 'resident' | 'faculty'; label: string }[];
  weeks: WeekSummary[];
  blocks: BlockUtilization[];
  /** N-1 by person and week (only weeks with something to repair). */
  heatmap: PersonWeek[];
  /** People whose loss alone leaves coverage uncovered in some week, worst first. */
  singlePointsOfFailure: CriticalPerson[];
  /** People whose loss alone is covered only by shedding in some week (and never uncovered). */
  sheddingLosses: CriticalPerson[];
  /** Pairs worse together than apart: fatal (uncovered) first, then those that need shedding. */
  pairs: PairFinding[];
  figures: SweepFigures;
  /** false when stopped or at the time limit: `weeksDone` lists what was finished. */
  complete: boolean;
  weeksDone: IsoDate[];
}

// ---- Stress ladder ----

export interface StressSample {
  seed: number;
  gone: string[];
  /** Share of the lost requirements that the repair covers (1 = everything). */
  coverageKept: number;
  requirementsLost: number;
  /** ACGME findings (critical/high) of the repaired block, beyond those it already had. */
  acgmeFindings: number;
  hardFindings: number;
  utilization: Utilization;
  shed: Record<SacrificeLevel, number>;
  uncovered: number;
}

export interface StressLevel {
  /** Share of staff absent over the block (0, 0.1 … 0.4). */
  fraction: number;
  absent: number;
  samples: StressSample[];
  /** Means over the samples. */
  coverageKept: number;
  acgmeFindings: number;
  utilization: number;
  shed: number;
  uncovered: number;
}

export interface StressResult {
  academicYear: number;
  blockNumber: number;
  start: IsoDate;
  end: IsoDate;
  staff: number;
  levels: StressLevel[];
  /** Where the ladder does not degrade monotonically, in words (empty when it does). */
  nonMonotonic: string[];
  elapsedSec: number;
}
