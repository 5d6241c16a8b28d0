// What the swap service takes and returns: plain data the API hands to the renderer and the CLI
// prints. DOMAIN.md, "Swaps".
import type { Assignment, CallAssignment, Finding, InpatientWeek, IsoDate } from '../../domain/types';

/** One-to-one: the two trade items. Absorb: the counterpart takes the requester's item. */
export type SwapKind = 'one_to_one' | 'absorb';
export const SWAP_KINDS: readonly SwapKind[] = ['one_to_one', 'absorb'];

export type SwapStatus = 'pending' | 'approved' | 'executed' | 'rolled_back' | 'rejected' | 'cancelled';
export const SWAP_STATUSES: readonly SwapStatus[] = [
  'pending',
  'approved',
  'executed',
  'rolled_back',
  'rejected',
  'cancelled',
];

/** Who approves: the coordinator always; the program director too for inpatient weeks when the program says so. */
export type ApprovalRole = 'coordinator' | 'program_director';
export const APPROVAL_ROLES: readonly ApprovalRole[] = ['coordinator', 'program_director'];

/**
 * What is given. An inpatient week is named by its holder and first day; it moves with its own
 * calls (the Friday and Saturday nights) and its post-call day. `from` (cover only) is the first
 * day the taker takes over a week already under way or partly covered by an absence.
 */
export type SwapItem =
  | { kind: 'inpatient_week'; personId: string; start: IsoDate; from?: IsoDate }
  | { kind: 'call'; personId: string; date: IsoDate; callTypeCode: string };

/** An item as found in the schedule, with what a reader needs to recognise it. */
export interface ItemView {
  item: SwapItem;
  /** First and last day the item covers (a week from `from`). */
  start: IsoDate;
  end: IsoDate;
  /** "Inpatient week Aug 7 – Aug 13", "OC call Aug 11". */
  label: string;
  /** Who takes this kind of item. */
  for: 'faculty' | 'resident';
}

/** One key of the published schedule a swap changes, with its value before and after (null = none). */
export interface CellChange {
  personId: string;
  date: IsoDate;
  half: 'AM' | 'PM';
  before: Assignment | null;
  after: Assignment | null;
}
export interface CallChange {
  date: IsoDate;
  callTypeCode: string;
  personId: string;
  before: CallAssignment | null;
  after: CallAssignment | null;
}
export interface WeekChange {
  personId: string;
  start: IsoDate;
  before: InpatientWeek | null;
  after: InpatientWeek | null;
}

/** Every change a swap makes to the published schedule, each with the value it replaces. */
export interface SwapPlan {
  cells: CellChange[];
  calls: CallChange[];
  weeks: WeekChange[];
}

export type ScorePartName = 'preference' | 'proximity' | 'workload' | 'history' | 'availability';
export const SCORE_PARTS: readonly ScorePartName[] = ['preference', 'proximity', 'workload', 'history', 'availability'];

export interface ScorePart {
  /** 0..1, higher is better. */
  value: number;
  /** Why, in words ("Took 2 of Dr Lee's calls this year"). */
  note: string;
}

export interface Score {
  /** Weighted mean of the parts in 0..1; 0 when the candidate blocked those dates. */
  value: number;
  blocked: boolean;
  parts: Record<ScorePartName, ScorePart>;
}

/** A finding a swap would add, as candidates and requests show it. */
export type FindingBrief = Pick<
  Finding,
  'id' | 'ruleId' | 'ruleType' | 'severity' | 'personId' | 'start' | 'end' | 'message'
>;

export interface SwapCandidate {
  personId: string;
  name: string;
  /** One-to-one: what the candidate gives back. */
  counterItem: ItemView | null;
  score: Score;
  /** Medium and low findings the swap would add (hard ones exclude the candidate). */
  softFindings: FindingBrief[];
  /** What moves: half-days, call entries and inpatient weeks. */
  moves: { cells: number; calls: number; weeks: number };
}

export interface ExcludedCandidate {
  personId: string;
  name: string;
  counterItem: ItemView | null;
  /** The hard (critical or high) findings the swap would add. */
  reasons: FindingBrief[];
}

export interface CandidateList {
  kind: SwapKind;
  item: ItemView;
  /** Best first. */
  candidates: SwapCandidate[];
  /** Who would break a hard rule, and which. */
  excluded: ExcludedCandidate[];
}

export interface SwapApproval {
  role: ApprovalRole;
  approvedBy: string;
  approvedAt: string;
  note: string | null;
}

export interface SwapSummary {
  id: number;
  kind: SwapKind;
  status: SwapStatus;
  requesterId: string;
  requesterName: string;
  item: ItemView;
  counterpartId: string;
  counterpartName: string;
  counterItem: ItemView | null;
  reason: string;
  score: Score;
  softFindings: FindingBrief[];
  plan: SwapPlan;
  /** Roles that must approve before it can run. */
  approvalsNeeded: ApprovalRole[];
  approvals: SwapApproval[];
  requestedBy: string;
  requestedAt: string;
  updatedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  draftId: number | null;
  publicationId: number | null;
  executedBy: string | null;
  executedAt: string | null;
  rolledBackBy: string | null;
  rolledBackAt: string | null;
  rollbackReason: string | null;
  /** Until when an executed swap can be rolled back, and whether it still can. */
  rollbackDeadline: string | null;
  canRollback: boolean;
  /** Pending or approved: what changed in the published schedule since the request (empty = current). */
  staleBecause: string[];
}

/** Calls and weeks of one person in a date range that need someone else, each with its candidates. */
export interface CoverNeed {
  item: ItemView;
  candidates: SwapCandidate[];
  excluded: ExcludedCandidate[];
}

export interface CoverResult {
  personId: string;
  name: string;
  start: IsoDate;
  end: IsoDate;
  /** The approved absences over the range (the person is away on those days). */
  absences: { id: string; type: string; start: IsoDate; end: IsoDate }[];
  needs: CoverNeed[];
  /** Other half-days of work the person has in the range (cleared by a cover draft when asked). */
  otherWork: { date: IsoDate; half: 'AM' | 'PM'; activityCode: string }[];
}
