// What the draft service returns: plain data the API hands to the renderer and the CLI prints.
import type { AssignmentSource, BlockPart, Finding, IsoDate } from '../../domain/types';
import type { LockedOverUnavailable } from '../../solver/models/locked-unavailable';
import type { ChurnReport } from './churn';
import type { CallDiff, CellDiff, DraftDiff, RotationDiff, WeekDiff } from './diff';
import type { FlagCategory } from './findings';
import type { CallRef, CellRef, DraftPatch, RotationRef, WeekRef } from './patch';

export type DraftSource = 'manual' | 'generation' | 'import' | 'swap';
export const DRAFT_SOURCES: readonly DraftSource[] = ['manual', 'generation', 'import', 'swap'];
export type DraftStatus = 'open' | 'published' | 'discarded';

/** Why a finding may be acknowledged instead of fixed. */
export const ACK_REASON_CODES = [
  'clinical_necessity',
  'staffing_shortage',
  'approved_exception',
  'resident_request',
  'data_error',
  'other',
] as const;
export type AckReasonCode = (typeof ACK_REASON_CODES)[number];

/** Who may approve a change on or before the lock date. */
export const BREAK_GLASS_ROLES = ['pd', 'apd', 'oic', 'chief', 'coordinator', 'gme_office'] as const;
export type BreakGlassRole = (typeof BREAK_GLASS_ROLES)[number];

export interface BreakGlass {
  role: BreakGlassRole;
  /** Name of the person approving. */
  approvedBy: string;
  reason: string;
}

export interface Acknowledgement {
  id: number;
  findingId: string;
  /** null = acknowledged for the whole program, not one draft. */
  draftId: number | null;
  reasonCode: AckReasonCode;
  reason: string;
  actor: string;
  at: string;
}

/** A finding as a draft flag. */
export interface DraftFlag extends Finding {
  category: FlagCategory;
  /** Severity blocks publishing unless acknowledged. */
  blocking: boolean;
  acknowledgement: Acknowledgement | null;
}

/** The stored outcome of checking a draft against the rules. */
export interface DraftValidation {
  draftId: number;
  validatedAt: string;
  /** Draft revision the check saw. */
  revision: number;
  /** Dates checked (the changed dates with a margin for 28-day windows); null = nothing changed. */
  range: { start: IsoDate; end: IsoDate } | null;
  /** Findings the draft introduces. */
  added: DraftFlag[];
  /** Findings of the published schedule the draft resolves. */
  removed: Finding[];
  /** Findings in the checked range present before and after. */
  persisting: number;
  /** Introduced blocking findings nobody acknowledged: these stop a publish. */
  unresolved: number;
  byCategory: Record<FlagCategory, number>;
}

export interface DraftSummary {
  id: number;
  name: string;
  source: DraftSource;
  note: string | null;
  status: DraftStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every edit. */
  revision: number;
  /** Overlay entries the draft holds (rotations: annual plan entries). */
  entries: { cells: number; calls: number; inpatientWeeks: number; rotations: number };
  /** Last validation, and whether it no longer describes the draft. */
  validation: {
    at: string;
    stale: boolean;
    /** Why it is stale: edited since, older than 24 hours, or a publication since. */
    staleReason: string | null;
    added: number;
    removed: number;
    unresolved: number;
    byCategory: Record<FlagCategory, number>;
  } | null;
  publicationId: number | null;
  /** Parts of the schedule the draft should hold but does not (a stopped generation); [] = complete. */
  incomplete: IncompletePart[];
}

/** What an edit did, and the patch that undoes it (apply it with drafts.applyPatch). */
export interface DraftEditResult {
  draftId: number;
  revision: number;
  /** Overlay entries written. */
  applied: number;
  /** Cells the edit left alone (locking an empty slot). */
  skipped: number;
  undo: DraftPatch;
  /** Slots a lock kept where their person is unavailable (an approved absence, the rest after a long call). */
  lockedOverUnavailable?: LockedOverUnavailable[];
  /** Those slots in words, for the grid: "Locked 1 slot where its person is unavailable: …". */
  warning?: string;
}

/** A slot (or plan entry) whose value another publication changed after this draft was created. */
export interface DraftConflict {
  publicationId: number;
  table: 'assignments' | 'calls' | 'inpatient_weeks' | 'rotation_assignments';
  personId: string;
  /** The slot's date, the call night, the week's start, or the plan block's first day. */
  date: IsoDate;
  half: 'AM' | 'PM' | null;
  /** Plan entries: which block and part. */
  plan?: { academicYear: number; blockNumber: number; part: BlockPart };
}

/** The draft against the published schedule, without its rules check (drafts.changes: the grid's overlay). */
export type DraftChanges = Omit<DraftComparison, 'validation' | 'validationStaleReason'>;

/** A draft's last rules check and whether it still describes the draft (drafts.validation). */
export interface DraftValidationState {
  draftId: number;
  /** null = never checked. */
  validation: DraftValidation | null;
  /** Why that check no longer describes the draft (null = current). */
  staleReason: string | null;
}

export interface DraftComparison {
  draftId: number;
  /** The diff, limited to the requested dates when given (churn is always for the whole draft). */
  diff: DraftDiff;
  counts: {
    cells: Record<CellDiff['kind'], number>;
    calls: Record<CallDiff['kind'], number>;
    inpatientWeeks: Record<WeekDiff['kind'], number>;
    /** Residents' plan blocks. */
    rotations: Record<RotationDiff['kind'], number>;
  };
  churn: ChurnReport;
  /** Changes on or before the program's lock date (they need break-glass approval). */
  lockedChanges: number;
  lockDate: IsoDate | null;
  conflicts: DraftConflict[];
  /** The last validation (null = never validated). */
  validation: DraftValidation | null;
  /** Why that validation no longer describes the draft (null = current); publish revalidates anyway. */
  validationStaleReason: string | null;
}

export type GateStatus = 'ok' | 'needs_confirmation' | 'blocked';

/** Everything publish checks, without publishing: what the Publish dialog shows. */
export interface PublishCheck {
  draftId: number;
  canPublish: boolean;
  reasons: {
    gate: 'empty' | 'status' | 'churn' | 'churn_warning' | 'lock_date' | 'approval' | 'findings';
    message: string;
  }[];
  churn: ChurnReport;
  lockedChanges: number;
  /** Changes on or before the lock date, or a missing program-director approval the program asks for. */
  needsBreakGlass: boolean;
  /** settings.review.publishNeedsDirectorApproval: whether it applies to this draft, and whether it is met. */
  approval: { needed: boolean; approved: boolean };
  validation: DraftValidation;
}

export interface PublicationSummary {
  id: number;
  draftId: number;
  draftName: string;
  publishedAt: string;
  publishedBy: string;
  /** rotations: residents' plan blocks changed. */
  changes: { cells: number; calls: number; inpatientWeeks: number; rotations: number; rows: number };
  churn: {
    totalPct: number;
    changedSlots: number;
    changedRotations: number;
    peopleAffected: number;
    warnings: string[];
  };
  breakGlass: BreakGlass | null;
  acknowledged: number;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
  rollbackReason: string | null;
  /** Until when a rollback is allowed (published + rollbackHours). */
  rollbackDeadline: string;
  canRollback: boolean;
}

export interface AuditQuery {
  personId?: string;
  /** ISO date or date-time; entries at or after. */
  from?: string;
  /** ISO date (whole day included) or date-time; entries at or before. */
  to?: string;
  /** Action or action prefix ending in '.', e.g. 'draft.' */
  action?: string;
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * Schedule data handed to createDraftFromAssignments by generation, import and swaps, in the
 * domain's shapes. Every call night (date + call type) that appears in `calls` is taken by exactly
 * the people listed for it; every inpatient week start that appears in `inpatientWeeks` is held
 * by exactly those people. Nights and weeks not mentioned keep their published values.
 */
/**
 * A part of the schedule a draft should hold but does not: a generation stopped before it (e.g.
 * the half-day schedule of a block whose calls changed). Its flag blocks publishing until
 * acknowledged.
 */
export interface IncompletePart {
  /** "the half-day schedule of block 4". */
  what: string;
  start: IsoDate;
  end: IsoDate;
  /** Why it is missing and what follows from it, in the coordinator's words. */
  why: string;
}

export interface DraftContent {
  name: string;
  source: DraftSource;
  note?: string | null;
  /** What the content leaves out that it should hold (a stopped generation). */
  incomplete?: IncompletePart[];
  /** activityCode null clears the slot; source/locked default by draft source. */
  assignments: {
    personId: string;
    date: IsoDate;
    half: 'AM' | 'PM';
    activityCode: string | null;
    source?: AssignmentSource;
    locked?: boolean;
  }[];
  calls?: { date: IsoDate; callTypeCode: string; personId: string; source?: AssignmentSource }[];
  inpatientWeeks?: { personId: string; start: IsoDate; end: IsoDate }[];
  /** Call nights (of one call type) nobody holds in the draft. */
  emptyCalls?: { date: IsoDate; callTypeCode: string }[];
  /** Inpatient weeks nobody holds in the draft (by their first day). */
  emptyInpatientWeeks?: { start: IsoDate; end: IsoDate }[];
  /**
   * Annual plan entries: every resident's block that appears is planned with exactly the parts
   * listed (a whole block replaces two halves and the reverse); other blocks keep their plan.
   */
  rotationAssignments?: {
    personId: string;
    academicYear: number;
    blockNumber: number;
    part: BlockPart;
    rotationId: string;
  }[];
}

export type { CallRef, CellRef, DraftPatch, RotationRef, WeekRef };
