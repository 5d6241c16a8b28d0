// THE API contract: every method's name, zod input schema and output type, in one place.
// The Electron preload and the browser test host both expose a client generated from it; the
// renderer imports only types from here. Add a method here, then its handler in handlers.ts.
import { z } from 'zod';
import * as S from '../domain/schemas';
import type * as T from '../domain/types';
import { command, query, rolledBackQuery, type ClientOf } from './kit';
import { ACK_REASON_CODES } from '../services/drafts/types';
import type * as D from '../services/drafts/types';
import type * as A from '../services/absences';
import type * as DE from '../services/duty-entries';
import { daysBetween, isIsoDate } from '../domain/calendar';
import { programDatesIssue } from '../domain/program-dates';
import type * as G from '../services/generation-runs';
import type * as C from '../services/compliance';
import type { RuleTypeInfo } from '../rules/descriptions';
import type { AuditChainReport } from '../services/audit-chain';
import type { BackupEntry } from '../services/backups';
import type { BackupStatus } from './backup-scheduler';
import type { GridDutyEntry } from '../services/grid';
export type { GridDutyEntry } from '../services/grid';
import type { PersonSchedule } from '../services/person-schedule';
import { ROLES, USERNAME_PATTERN, USERNAME_RULE, type Account, type Role } from '../domain/accounts';
import type * as CG from '../services/contingency';
import type { Repair } from '../domain/contingency';
import type * as R from '../services/rotations';
import type * as W from '../services/swaps/types';
import type * as XI from '../services/xlsx-import';
import type * as AI from '../services/absence-import';
import type * as PI from '../services/people-import';
import * as V from '../services/reviews/types';

/** The error shape window.api failures carry in `.data` (re-exported for the renderer). */
export type { ApiErrorData } from './kit';

// ---- Areas of the program's data: what each method reads (queries) or changes (commands). The
// client names the queries a write made stale, so open views re-read what it touched. A method
// without areas reads or changes everything. ----

export type DataArea =
  | 'program' // settings, blocks, holidays
  | 'people'
  | 'catalog' // activities, rotations, call types
  | 'absences'
  | 'duty' // moonlighting and callbacks
  | 'schedule' // the published schedule: rotation plan, half-days, calls, inpatient weeks
  | 'drafts' // a draft's content (its overlay and revision), name and status
  | 'validation' // a draft's last rules check (its flags): drafts.validate changes only this
  | 'findings' // acknowledgements
  | 'publications'
  | 'runs' // generation run records
  | 'accounts' // sign-in accounts and their roles
  | 'contingency' // contingency sweeps and stress ladders
  | 'swaps' // swap requests and their approvals
  | 'backups'; // the backup folder and its settings
const areas = (...list: DataArea[]): readonly DataArea[] => list;
/** Touches no program data (host services, jobs that only compute). */
const NO_DATA = areas();
const GRID_AREAS = areas('program', 'people', 'catalog', 'absences', 'schedule');

// ---- Output shapes (plain data, structured-clone safe) ----

export interface AcademicYearSummary {
  id: T.AcademicYearId;
  label: string;
  start: T.IsoDate;
  end: T.IsoDate;
}

export interface ProgramInfo {
  /** File the program is stored in. */
  path: string;
  settings: T.ProgramSettings;
  academicYears: AcademicYearSummary[];
  /** Academic year the app opens on (the one containing today, else the latest). */
  currentAcademicYear: T.AcademicYearId;
  /** Each rule's name by id, from the rule catalog: what every view shows. */
  ruleNames: Record<string, string>;
  counts: {
    residents: number;
    faculty: number;
    others: number;
    activities: number;
    rotations: number;
    absences: number;
    assignments: number;
    calls: number;
  };
  schemaVersion: number;
}

/** A person as listed, with the PGY level for the requested academic year. */
export interface PersonRow extends T.Person {
  pgy: number | null;
}

export interface GridPerson {
  id: string;
  name: string;
  kind: T.PersonKind;
  facultyRole: T.FacultyRole | null;
  pgy: number | null;
  /** Display group: 'PGY-3', 'PGY-2', 'PGY-1', 'Faculty', 'Learners'. */
  group: string;
  /** First and last day in the program, when the person has them: the days around are shown as outside. */
  startDate?: T.IsoDate;
  endDate?: T.IsoDate;
}

/** Everything the block grid needs for one date range. */
export interface GridData {
  start: T.IsoDate;
  end: T.IsoDate;
  people: GridPerson[];
  activities: T.Activity[];
  assignments: T.Assignment[];
  calls: T.CallAssignment[];
  callTypes: T.CallType[];
  holidays: T.Holiday[];
  rotationAssignments: T.RotationAssignment[];
  rotations: Pick<T.Rotation, 'id' | 'code' | 'name' | 'color'>[];
  absences: T.Absence[];
  /** Moonlighting and callbacks in range with the half-days they cover (residents and faculty: their own only). */
  duty: GridDutyEntry[];
}

export interface JobStatus {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** 0..1 when known. */
  progress: number | null;
  phase: string;
  detail: Record<string, number | string | null>;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  result: unknown;
}

// ---- Input shapes ----

const empty = z.object({});
const yearInput = z.object({ academicYear: S.academicYear });
const personFields = z.object({
  name: S.personName,
  kind: z.enum(['resident', 'faculty', 'student', 'intern']),
  facultyRole: z.enum(['pd', 'apd', 'oic', 'chief', 'sports_med', 'core', 'adjunct']).nullable(),
  /** PGY level in `academicYear` (residents only). */
  pgy: z.number().int().min(1).max(8).nullable(),
  academicYear: S.academicYear,
  email: z.string().trim().email('not a valid e-mail address').nullable(),
  active: z.boolean().default(true),
  /** First and last day in the program, inclusive; null (or left out): open. */
  startDate: S.isoDate.nullable().default(null),
  endDate: S.isoDate.nullable().default(null),
});

function checkPerson(p: z.output<typeof personFields>, ctx: z.RefinementCtx) {
  if (p.kind === 'resident' && p.pgy === null)
    ctx.addIssue({ code: 'custom', path: ['pgy'], message: 'residents need a PGY level' });
  if (p.kind !== 'resident' && p.pgy !== null)
    ctx.addIssue({ code: 'custom', path: ['pgy'], message: 'only residents have a PGY level' });
  if (p.kind === 'faculty' && !p.facultyRole)
    ctx.addIssue({ code: 'custom', path: ['facultyRole'], message: 'faculty need a role' });
  if (p.kind !== 'faculty' && p.facultyRole)
    ctx.addIssue({ code: 'custom', path: ['facultyRole'], message: 'only faculty have a role' });
  const dates = programDatesIssue(p);
  if (dates) ctx.addIssue({ code: 'custom', path: [dates.field], message: dates.message });
}

/** Adding a person from the People view: the PGY level is given for one academic year. */
export const personInput = personFields.superRefine(checkPerson);
export const personUpdateInput = personFields.extend({ id: S.id }).superRefine(checkPerson);
export type PersonInput = z.input<typeof personInput>;
export type PersonUpdateInput = z.input<typeof personUpdateInput>;

/**
 * Every date range the API takes has a stated maximum length, so no request can ask for a
 * century (services also keep ranges inside the program's academic years where that applies).
 */
function spanAtMost(
  days: number,
  what: string,
): [(r: { start?: string; end?: string }) => boolean, { message: string; path: string[] }] {
  return [
    (r) => !r.start || !r.end || !isIsoDate(r.start) || !isIsoDate(r.end) || daysBetween(r.start, r.end) < days,
    { message: `${what} covers at most ${days} days`, path: ['end'] },
  ];
}
/** Two academic years: the most a grid, an export or a filter spans. */
const MAX_RANGE_DAYS = 731;

const dateRangeInput = z
  .object({ start: S.isoDate, end: S.isoDate })
  .refine((r) => r.start <= r.end, { message: 'end must be on or after start', path: ['end'] })
  .refine(...spanAtMost(MAX_RANGE_DAYS, 'a range'));
const jobInput = z.object({ jobId: z.string().min(1).max(64) });
const personScheduleInput = z.object({ personId: S.id, academicYear: S.academicYear });
export type { PersonBlock, PersonCall, PersonHalfDay, PersonSchedule } from '../services/person-schedule';

// ---- Settings (core/services/settings, holidays): the Settings view changes some settings at a
// time; each change is audited and the next compliance check uses it. ----

export type { ParamDescription, ParamFormat, RuleDescription, RuleTypeInfo } from '../rules/descriptions';
/** The settings to change; those left out stay as they are. */
const settingsChanges = S.programSettingsSchema.partial();
const holidaysInput = z.object({ academicYear: S.academicYear, holidays: z.array(S.holidaySchema).max(366) });

// ---- Drafts and publishing (core/services/drafts): edits return an `undo` patch; applying it
// with drafts.applyPatch returns the redo patch. ----

export type {
  Acknowledgement,
  AuditRow,
  BreakGlass,
  DraftChanges,
  DraftValidationState,
  DraftComparison,
  DraftConflict,
  DraftEditResult,
  DraftFlag,
  DraftPatch,
  DraftSummary,
  DraftValidation,
  PublicationSummary,
  PublishCheck,
} from '../services/drafts/types';
export type { ChurnReport, ChurnFinding, PersonChurn } from '../services/drafts/churn';
export type { AuditChainProblem, AuditChainReport } from '../services/audit-chain';
export type { CallDiff, CellDiff, DraftDiff, PlanPart, RotationDiff, WeekDiff } from '../services/drafts/diff';

const draftId = z.number().int().positive();
const draftRef = z.object({ draftId });
const activityCode = z.string().min(1).max(8);
const callTypeCode = z.string().min(1).max(8);
const cellRef = z.object({ personId: S.id, date: S.isoDate, half: S.halfDay });
/** A multi-cell selection: up to a whole year of a large program. */
const cellRefs = z.array(cellRef).min(1, 'select at least one slot').max(100_000);
/** One entry of the annual rotation plan: a resident's block, or one half of it. */
const planRef = z.object({
  personId: S.id,
  academicYear: S.academicYear,
  blockNumber: z.number().int().min(0).max(60),
  part: z.enum(['full', 'first', 'second']),
});
const draftPatchInput = z.object({
  cells: z
    .array(
      cellRef.extend({
        value: z
          .object({ activityCode: activityCode.nullable(), source: S.assignmentSourceSchema, locked: z.boolean() })
          .nullable(),
      }),
    )
    .max(200_000),
  calls: z
    .array(
      z.object({
        date: S.isoDate,
        callTypeCode,
        personId: S.id,
        value: z
          .discriminatedUnion('assigned', [
            z.object({ assigned: z.literal(true), source: S.assignmentSourceSchema }),
            z.object({ assigned: z.literal(false) }),
          ])
          .nullable(),
      }),
    )
    .max(20_000),
  inpatientWeeks: z
    .array(
      z.object({
        personId: S.id,
        start: S.isoDate,
        value: z
          .discriminatedUnion('assigned', [
            z.object({ assigned: z.literal(true), end: S.isoDate }),
            z.object({ assigned: z.literal(false) }),
          ])
          .nullable(),
      }),
    )
    .max(5_000),
  /** Annual plan entries; value.rotationId null = the draft removes the entry. */
  rotations: z
    .array(planRef.extend({ value: z.object({ rotationId: S.id.nullable() }).nullable() }))
    .max(20_000)
    .default([]),
});
const draftName = S.nameText(120, 'a draft name');
const reasonText = S.noteText(1000).pipe(z.string().trim().min(3, 'give a reason (at least 3 characters)'));
/** Break-glass: the signed-in program director approves changes on or before the lock date, with a reason. */
const breakGlassInput = z.object({ reason: reasonText });
const publishInput = z.object({
  draftId,
  acceptChurnWarnings: z.boolean().default(false),
  breakGlass: breakGlassInput.nullable().default(null),
  /** The revision the user reviewed; publish refuses if the draft changed since. */
  expectedRevision: z.number().int().min(0).optional(),
});
const draftListInput = z.object({ status: z.enum(['open', 'published', 'discarded']).optional() });
const draftCreateInput = z.object({ name: draftName, note: S.noteText(1000).nullable().default(null) });
const draftUpdateInput = z.object({ draftId, name: draftName, note: S.noteText(1000).nullable() });
const draftDiscardInput = z.object({ draftId, reason: S.noteText(1000).nullable().default(null) });
const setActivityInput = z.object({ draftId, cells: cellRefs, activityCode });
const cellsInput = z.object({ draftId, cells: cellRefs });
const pasteInput = z.object({
  draftId,
  cells: z
    .array(cellRef.extend({ activityCode: activityCode.nullable() }))
    .min(1)
    .max(100_000),
});
const setLockInput = z.object({ draftId, cells: cellRefs, locked: z.boolean() });
const setCallInput = z.object({ draftId, date: S.isoDate, callTypeCode, personIds: z.array(S.id).max(20) });
const setWeekInput = z
  .object({ draftId, start: S.isoDate, end: S.isoDate, personIds: z.array(S.id).max(20) })
  .refine((w) => w.start <= w.end, { message: 'end must be on or after start', path: ['end'] })
  .refine(...spanAtMost(14, 'an inpatient week'));
const revertInput = z.object({
  draftId,
  cells: z.array(cellRef).max(100_000).default([]),
  calls: z
    .array(z.object({ date: S.isoDate, callTypeCode, personId: S.id }))
    .max(20_000)
    .default([]),
  inpatientWeeks: z
    .array(z.object({ personId: S.id, start: S.isoDate }))
    .max(5_000)
    .default([]),
  rotations: z.array(planRef).max(20_000).default([]),
});
/** rotationId null = the resident has nothing planned there in the draft. */
const setRotationInput = planRef.extend({ draftId, rotationId: S.id.nullable() });
const applyPatchInput = z.object({ draftId, patch: draftPatchInput });
const diffInput = z
  .object({ draftId, start: S.isoDate.optional(), end: S.isoDate.optional() })
  .refine((r) => !r.start || !r.end || r.start <= r.end, { message: 'end must be on or after start', path: ['end'] });
const acknowledgeInput = z.object({
  findingId: z.string().min(1).max(300),
  /** null = acknowledged for the whole program. */
  draftId: draftId.nullable(),
  reasonCode: z.enum(ACK_REASON_CODES),
  reason: reasonText,
});
const publicationListInput = z.object({ limit: z.number().int().min(1).max(1000).default(200) });
const rollbackInput = z.object({ publicationId: z.number().int().positive(), reason: reasonText });
const auditInstant = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'expected a date (YYYY-MM-DD) or an ISO date-time',
  });
const auditQueryInput = z.object({
  personId: S.id.optional(),
  from: auditInstant.optional(),
  to: auditInstant.optional(),
  /** An action, or a prefix ending in '.' (e.g. 'draft.'). */
  action: z.string().min(1).max(80).optional(),
  entity: z.string().min(1).max(80).optional(),
  entityId: z.string().min(1).max(300).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});

/** What a draft's summary and its check depend on besides the draft (staleness: publications, rules). */
const DRAFT_SUMMARY_READS = areas('drafts', 'validation', 'publications', 'program', 'catalog');
/** What the draft against the published schedule depends on. */
const DRAFT_CHANGES_READS = areas('drafts', 'publications', ...GRID_AREAS);

const draftMethods = {
  // A summary carries the last check's counts, and whether a publication or the rules made it stale.
  'drafts.list': query<typeof draftListInput, D.DraftSummary[]>(draftListInput, DRAFT_SUMMARY_READS),
  'drafts.get': query<typeof draftRef, D.DraftSummary>(draftRef, DRAFT_SUMMARY_READS),
  'drafts.create': command<typeof draftCreateInput, D.DraftSummary>(draftCreateInput, areas('drafts')),
  'drafts.update': command<typeof draftUpdateInput, D.DraftSummary>(draftUpdateInput, areas('drafts')),
  'drafts.discard': command<typeof draftDiscardInput, D.DraftSummary>(draftDiscardInput, areas('drafts')),
  /** Set an activity on many slots (they become manual and locked). */
  'drafts.setActivity': command<typeof setActivityInput, D.DraftEditResult>(setActivityInput, areas('drafts')),
  'drafts.clearCells': command<typeof cellsInput, D.DraftEditResult>(cellsInput, areas('drafts')),
  /** Paste a copied range: target slots with the copied values (null = empty source slot). */
  'drafts.pasteCells': command<typeof pasteInput, D.DraftEditResult>(pasteInput, areas('drafts')),
  'drafts.setLock': command<typeof setLockInput, D.DraftEditResult>(setLockInput, areas('drafts')),
  /** The night's call of a type is taken by exactly these people ([] clears it). */
  'drafts.setCall': command<typeof setCallInput, D.DraftEditResult>(setCallInput, areas('drafts')),
  'drafts.setInpatientWeek': command<typeof setWeekInput, D.DraftEditResult>(setWeekInput, areas('drafts')),
  /**
   * One part of a resident's block in the annual plan takes a rotation (null = nothing). A whole
   * block replaces its halves; a half replaces a whole-block entry, whose rotation stays on the other half.
   */
  'drafts.setRotation': command<typeof setRotationInput, D.DraftEditResult>(setRotationInput, areas('drafts')),
  /** Drop the draft's own values so the published ones show again. */
  'drafts.revert': command<typeof revertInput, D.DraftEditResult>(revertInput, areas('drafts')),
  /** Undo/redo: apply an edit's `undo` patch; the result's `undo` is the redo patch. */
  'drafts.applyPatch': command<typeof applyPatchInput, D.DraftEditResult>(applyPatchInput, areas('drafts')),
  'drafts.diff': query<typeof diffInput, D.DraftComparison>(diffInput),
  /** drafts.diff without the rules check: the grid's overlay, re-read after an edit and not after a check. */
  'drafts.changes': query<typeof diffInput, D.DraftChanges>(diffInput, DRAFT_CHANGES_READS),
  /** The draft's last rules check: re-read after a check, and after an edit (which makes it stale). */
  'drafts.validation': query<typeof draftRef, D.DraftValidationState>(draftRef, DRAFT_SUMMARY_READS),
  'drafts.validate': command<typeof draftRef, D.DraftValidation>(draftRef, areas('validation')),
  'drafts.acknowledgeFinding': command<typeof acknowledgeInput, D.Acknowledgement>(
    acknowledgeInput,
    areas('validation', 'findings'),
  ),
  'drafts.publishCheck': query<typeof publishInput, D.PublishCheck>(publishInput),
  'drafts.publish': command<typeof publishInput, D.PublicationSummary>(
    publishInput,
    // Publishing checks the rules again (validation).
    areas('drafts', 'validation', 'schedule', 'publications'),
  ),
  'publications.list': query<typeof publicationListInput, D.PublicationSummary[]>(
    publicationListInput,
    areas('publications'),
  ),
  'publications.rollback': command<typeof rollbackInput, D.PublicationSummary>(
    rollbackInput,
    areas('drafts', 'schedule', 'publications'),
  ),
  'audit.query': query<typeof auditQueryInput, { total: number; entries: D.AuditRow[] }>(auditQueryInput),
  /** The audit chain as checked when the program was opened (or last checked); null before the first check. */
  'audit.chainStatus': query<typeof empty, AuditChainReport | null>(empty, NO_DATA),
  /** Check every entry's seal now. */
  'audit.verifyChain': query<typeof empty, AuditChainReport>(empty, NO_DATA),
} as const;

// ---- Swaps and cover (core/services/swaps): ranked candidates checked by the rules engine, the
// request lifecycle (pending → approved → executed → rolled back; rejected, cancelled), execution as
// a publication, and find cover for someone away (their choice becomes a draft). ----

export type {
  ApprovalRole,
  CandidateList,
  CoverNeed,
  CoverResult,
  ExcludedCandidate,
  FindingBrief,
  ItemView,
  Score,
  ScorePart,
  ScorePartName,
  SwapApproval,
  SwapCandidate,
  SwapItem,
  SwapKind,
  SwapPlan,
  SwapStatus,
  SwapSummary,
} from '../services/swaps/types';

const swapId = z.number().int().positive();
const swapItemInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), personId: S.id, date: S.isoDate, callTypeCode }),
  z.object({ kind: z.literal('inpatient_week'), personId: S.id, start: S.isoDate, from: S.isoDate.optional() }),
]);
const swapKind = z.enum(['one_to_one', 'absorb']);
const swapListInput = z.object({
  /** 'open' = pending or approved. */
  status: z.enum(['open', 'pending', 'approved', 'executed', 'rolled_back', 'rejected', 'cancelled']).optional(),
  personId: S.id.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
const swapRef = z.object({ swapId });
/** personId: only the swaps that person is part of. */
const swapPendingInput = z.object({ personId: S.id.optional() });
const swapCandidatesInput = z.object({ kind: swapKind, item: swapItemInput });
const swapItemsInput = z
  .object({ personId: S.id, start: S.isoDate, end: S.isoDate })
  .refine((r) => r.start <= r.end, { message: 'end must be on or after start', path: ['end'] })
  .refine((r) => Number(r.end.slice(0, 4)) - Number(r.start.slice(0, 4)) <= 1, {
    message: 'a range covers at most a year',
    path: ['end'],
  });
const swapRequestInput = z
  .object({
    kind: swapKind,
    item: swapItemInput,
    counterpartId: S.id,
    counterItem: swapItemInput.nullable().default(null),
    reason: reasonText,
  })
  .refine((r) => (r.kind === 'one_to_one') === (r.counterItem !== null), {
    message: 'a one-to-one swap names the item given back; an absorb swap does not',
    path: ['counterItem'],
  });
/** `role`: the signed-in account's role decides it; without accounts (a program's first run, tools) it is given. */
const swapApproveInput = z.object({
  swapId,
  role: z.enum(['coordinator', 'program_director']).optional(),
  note: z.string().trim().max(1000).nullable().default(null),
});
const swapDecisionInput = z.object({ swapId, reason: reasonText });
const swapExecuteInput = z.object({
  swapId,
  acceptChurnWarnings: z.boolean().default(false),
  breakGlass: breakGlassInput.nullable().default(null),
});
const coverRange = z
  .object({ personId: S.id, start: S.isoDate, end: S.isoDate })
  .refine((r) => r.start <= r.end, { message: 'end must be on or after start', path: ['end'] });
const coverDraftInput = z
  .object({
    personId: S.id,
    start: S.isoDate,
    end: S.isoDate,
    choices: z.array(z.object({ item: swapItemInput, takerId: S.id })).max(200),
    clearOtherWork: z.boolean().default(false),
  })
  .refine((r) => r.start <= r.end, { message: 'end must be on or after start', path: ['end'] });

/** A swap reads as stale when the schedule moved under it, and as rolled back from its publication. */
const SWAP_READS = areas('swaps', 'schedule', 'publications', 'people');
/** Candidates depend on everything the rules check. */
const CANDIDATE_READS = areas(...GRID_AREAS, 'swaps');
/** Executing or rolling back publishes (or undoes) the swap's draft. */
const SWAP_RUNS = areas('swaps', 'drafts', 'schedule', 'publications');

const swapMethods = {
  'swaps.list': query<typeof swapListInput, W.SwapSummary[]>(swapListInput, SWAP_READS),
  'swaps.get': query<typeof swapRef, W.SwapSummary>(swapRef, SWAP_READS),
  /** Swaps waiting: pending (need approval) and approved (ready to execute). */
  'swaps.pending': query<typeof swapPendingInput, { pending: number; approved: number }>(
    swapPendingInput,
    areas('swaps'),
  ),
  /** A person's upcoming calls and inpatient weeks in a date range. */
  'swaps.items': query<typeof swapItemsInput, W.ItemView[]>(
    swapItemsInput,
    areas('schedule', 'people', 'catalog', 'program'),
  ),
  /** Ranked candidates for an upcoming item, and who is excluded by which hard rule. */
  'swaps.candidates': query<typeof swapCandidatesInput, W.CandidateList>(swapCandidatesInput, CANDIDATE_READS),
  'swaps.request': command<typeof swapRequestInput, W.SwapSummary>(swapRequestInput, areas('swaps')),
  'swaps.approve': command<typeof swapApproveInput, W.SwapSummary>(swapApproveInput, areas('swaps')),
  'swaps.reject': command<typeof swapDecisionInput, W.SwapSummary>(swapDecisionInput, areas('swaps')),
  'swaps.cancel': command<typeof swapDecisionInput, W.SwapSummary>(swapDecisionInput, areas('swaps')),
  /** Re-validate and publish an approved swap in one transaction. */
  'swaps.execute': command<typeof swapExecuteInput, W.SwapSummary>(swapExecuteInput, SWAP_RUNS),
  'swaps.rollback': command<typeof swapDecisionInput, W.SwapSummary>(swapDecisionInput, SWAP_RUNS),
  /** What someone away leaves uncovered in a date range, with candidates for each call and week. */
  'swaps.cover': query<typeof coverRange, W.CoverResult>(coverRange, CANDIDATE_READS),
  /** Turn cover choices into a draft (reviewed and published in Drafts). */
  'swaps.coverDraft': command<typeof coverDraftInput, D.DraftSummary>(coverDraftInput, areas('drafts')),
} as const;

// ---- Absences (core/services/absences): create, update, delete (audited, one transaction each)
// and the collision preview the Absences dialog shows before saving. ----

export type { AbsenceBlocking, AbsenceCollisions, AbsenceOverlapGroup, CollidingSlot } from '../services/absences';

const absenceFields = z.object({
  personId: S.id,
  type: S.absenceTypeCode,
  start: S.isoDate,
  end: S.isoDate,
  /** AM, PM or a time range { start, end } on each day; left out = whole days. */
  part: S.absencePartSchema.optional(),
  status: z.enum(['requested', 'approved', 'denied']),
  note: S.noteText(500).nullable().default(null),
});
const absenceDates = { message: 'the absence must end on or after its first day', path: ['end'] };
/** Two years: a deployment may be long; a typo in the year (2062 for 2026) is refused. */
const absenceSpan = spanAtMost(MAX_RANGE_DAYS, 'an absence');
const absenceInput = absenceFields.refine((a) => a.start <= a.end, absenceDates).refine(...absenceSpan);
const absenceUpdateInput = absenceFields
  .extend({ id: S.id })
  .refine((a) => a.start <= a.end, absenceDates)
  .refine(...absenceSpan);
/** `id` = the absence being edited (left out of the overlap check). */
const absencePreviewInput = absenceFields
  .extend({ id: S.id.nullable().default(null) })
  .refine((a) => a.start <= a.end, absenceDates)
  .refine(...absenceSpan);
const absenceRef = z.object({ id: S.id });
const absenceYearInput = z.object({ academicYear: S.academicYear });
const absenceMergeInput = z.object({
  ids: z.array(S.id).min(2, 'choose at least two absences').max(50),
  type: S.absenceTypeCode.optional(),
  status: z.enum(['requested', 'approved']).optional(),
});
export type AbsenceInput = z.input<typeof absenceInput>;

const absenceMethods = {
  'absences.create': command<typeof absenceInput, T.Absence>(absenceInput, areas('absences')),
  'absences.update': command<typeof absenceUpdateInput, T.Absence>(absenceUpdateInput, areas('absences')),
  'absences.delete': command<typeof absenceRef, T.Absence>(absenceRef, areas('absences')),
  /** What an absence would collide with in the published schedule, and whether it blocks. */
  'absences.preview': query<typeof absencePreviewInput, A.AbsenceCollisions>(absencePreviewInput),
  /** One person's absences that repeat or overlap each other (one stretch of time entered twice). */
  'absences.overlaps': query<typeof absenceYearInput, A.AbsenceOverlapGroup[]>(
    absenceYearInput,
    areas('absences', 'people'),
  ),
  /** Merge overlapping absences of one person into one (the earliest keeps its id); audited. */
  'absences.merge': command<typeof absenceMergeInput, T.Absence>(absenceMergeInput, areas('absences')),
} as const;

// ---- Moonlighting and callbacks (core/services/duty-entries): clinical work recorded with its
// real times outside the half-day schedule. Approving moonlighting is the program director's. ----

export type { HomeCall } from '../services/duty-entries';

/** A moonlighting shift longer than this is a typo (a day in the wrong month), not a shift. */
export const MOONLIGHTING_MAX_HOURS = 48;
const endsAfterStart = { message: 'must end after it starts', path: ['end'] };
const moonlightingFields = z.object({
  personId: S.id,
  start: S.localDateTime,
  end: S.localDateTime,
  internal: z.boolean(),
  approved: z.boolean(),
});
const moonlightingChecks = <T extends z.ZodType<{ start: string; end: string }>>(schema: T) =>
  schema
    .refine((m) => m.start < m.end, endsAfterStart)
    .refine((m) => S.hoursBetweenLocal(m.start, m.end) <= MOONLIGHTING_MAX_HOURS, {
      message: `a shift lasts at most ${MOONLIGHTING_MAX_HOURS} hours`,
      path: ['end'],
    });
const moonlightingInput = moonlightingChecks(moonlightingFields);
const moonlightingUpdateInput = moonlightingChecks(moonlightingFields.extend({ id: S.id }));
const callbackFields = z.object({
  personId: S.id,
  start: S.localDateTime,
  end: S.localDateTime,
  note: z.string().trim().max(500, 'at most 500 characters').nullable().default(null),
});
const callbackChecks = <T extends z.ZodType<{ start: string; end: string }>>(schema: T) =>
  schema
    .refine((c) => c.start < c.end, endsAfterStart)
    .refine((c) => S.hoursBetweenLocal(c.start, c.end) <= S.CALLBACK_MAX_HOURS, {
      message: `a callback lasts at most ${S.CALLBACK_MAX_HOURS} hours`,
      path: ['end'],
    });
const callbackInput = callbackChecks(callbackFields);
const callbackUpdateInput = callbackChecks(callbackFields.extend({ id: S.id }));
const homeCallsInput = z.object({ academicYear: S.academicYear, personId: S.id.optional() });
const entryRef = z.object({ id: S.id });
const patientCareInput = z.object({
  changes: z
    .array(z.object({ code: z.string().min(1).max(8), patientCare: z.boolean() }))
    .min(1)
    .max(500),
});
const clockChangeInput = z.object({
  changes: z
    .array(z.object({ code: z.string().min(1).max(8), clockChange: z.enum(['scheduled_hours', 'clock_end']) }))
    .min(1)
    .max(100),
});

const dutyMethods = {
  'moonlighting.list': query<typeof yearInput, T.MoonlightingEntry[]>(yearInput, areas('duty')),
  'moonlighting.create': command<typeof moonlightingInput, T.MoonlightingEntry>(moonlightingInput, areas('duty')),
  'moonlighting.update': command<typeof moonlightingUpdateInput, T.MoonlightingEntry>(
    moonlightingUpdateInput,
    areas('duty'),
  ),
  'moonlighting.delete': command<typeof entryRef, T.MoonlightingEntry>(entryRef, areas('duty')),
  'callbacks.list': query<typeof yearInput, T.Callback[]>(yearInput, areas('duty')),
  /** Home calls of the published schedule (one person's, or everyone's), with their real times. */
  'callbacks.homeCalls': query<typeof homeCallsInput, DE.HomeCall[]>(homeCallsInput, areas('schedule', 'catalog')),
  'callbacks.create': command<typeof callbackInput, T.Callback>(callbackInput, areas('duty')),
  'callbacks.update': command<typeof callbackUpdateInput, T.Callback>(callbackUpdateInput, areas('duty')),
  'callbacks.delete': command<typeof entryRef, T.Callback>(entryRef, areas('duty')),
  /**
   * Marks activities as new patient care or not (transitions of care and education may fill the hours after 24);
   * returns those changed.
   */
  'activities.setPatientCare': command<typeof patientCareInput, T.Activity[]>(patientCareInput, areas('catalog')),
  /**
   * Sets what calls of each listed type do on the fall-back night (scheduled hours or clock end); returns those
   * changed.
   */
  'callTypes.setClockChange': command<typeof clockChangeInput, T.CallType[]>(clockChangeInput, areas('catalog')),
} as const;

// ---- Exports (core/services/exports): personal calendars, printouts, CSV. Each starts a job in
// the worker pool and returns its id (poll jobs.status for progress and the AnyExportResult;
// jobs.cancel stops it and writes nothing). They write files, not the program database;
// `draftId` picks an open draft instead of the published schedule. ----

export type {
  AnyExportResult,
  CalendarExportResult,
  CalendarFileResult,
  CsvExportResult,
  PdfExportResult,
  PdfFileResult,
  PrintoutKind,
  XlsxExportResult,
} from '../services/exports';

const exportWho = z.object({
  /** Explicit people win; otherwise active people filtered by kind and PGY level; nothing = everyone. */
  personIds: z.array(S.id).max(2000).optional(),
  kinds: z.array(z.enum(['resident', 'faculty', 'student', 'intern'])).optional(),
  pgyLevels: z.array(z.number().int().min(1).max(8)).optional(),
});
const exportBase = z.object({
  people: exportWho.default({}),
  /** Default range: the rest of the academic year (printouts: the current block / month). */
  start: S.isoDate.optional(),
  end: S.isoDate.optional(),
  block: z.object({ academicYear: S.academicYear.optional(), number: z.number().int().min(0).max(60) }).optional(),
  draftId: z.number().int().positive().nullable().default(null),
});
const outputPath = z.string().trim().min(1, 'choose where to save').max(4096);
/** Exports stay inside the program's academic years too (checked when the job is asked for). */
const exportSpan = spanAtMost(MAX_RANGE_DAYS, 'an export');
const exportCalendarsInput = exportBase
  .extend({
    outputDir: outputPath,
    omitActivityCodes: z.array(z.string().min(1).max(8)).default([]),
  })
  .refine(...exportSpan);
const exportPdfInput = exportBase
  .extend({
    kind: z.enum(['block', 'call-roster', 'person']),
    /** A .pdf file; for personal schedules of several people, a folder. */
    output: outputPath,
    pageSize: z.enum(['LETTER', 'A4']).default('LETTER'),
    weekStartsOn: z.union([z.literal(1), z.literal(7)]).default(7),
  })
  .refine(...exportSpan);
const exportCsvInput = exportBase.extend({ output: outputPath }).refine(...exportSpan);
/**
 * The block sheet workbook: one block (`block`), or every block of `academicYear`; plan and call roster sheets on
 * request.
 */
const exportXlsxInput = exportBase
  .extend({
    output: outputPath,
    academicYear: S.academicYear.optional(),
    plan: z.boolean().default(false),
    calls: z.boolean().default(false),
  })
  .refine((v) => !(v.block && v.academicYear !== undefined), {
    message: 'give either a block or a whole academic year',
    path: ['academicYear'],
  });

const exportMethods = {
  'exports.calendars': query<typeof exportCalendarsInput, { jobId: string }>(exportCalendarsInput, NO_DATA),
  'exports.pdf': query<typeof exportPdfInput, { jobId: string }>(exportPdfInput, NO_DATA),
  'exports.csv': query<typeof exportCsvInput, { jobId: string }>(exportCsvInput, NO_DATA),
  'exports.xlsx': query<typeof exportXlsxInput, { jobId: string }>(exportXlsxInput, NO_DATA),
} as const;

// ---- Imports from spreadsheets (core/services/xlsx-import): an edited block sheet workbook comes
// back as one draft. The preview reads and checks it and writes nothing; the import writes one
// draft or, on any problem (each by sheet and cell), nothing. ----

export type { XlsxImportPreview, XlsxImportResult, SheetProblem, SheetSummary } from '../services/xlsx-import';
export type { AbsenceImportPreview, AbsenceImportRow } from '../services/absence-import';
export type { PeopleImportPreview, PeopleImportRow } from '../services/people-import';

const workbookPath = z.string().trim().min(1, 'choose the workbook').max(4096);
const xlsxPreviewInput = z.object({ path: workbookPath });
const xlsxImportInput = z.object({ path: workbookPath, name: z.string().trim().max(120).optional() });
const absenceFileInput = z.object({ path: z.string().trim().min(1, 'choose the .xlsx or .csv file').max(4096) });
/** People's PGY levels in the file are for `academicYear`. */
const peopleFileInput = absenceFileInput.extend({ academicYear: S.academicYear });

const importMethods = {
  'imports.xlsxPreview': query<typeof xlsxPreviewInput, XI.XlsxImportPreview>(
    xlsxPreviewInput,
    areas('schedule', 'people', 'catalog'),
  ),
  'imports.xlsx': command<typeof xlsxImportInput, XI.XlsxImportResult>(xlsxImportInput, areas('drafts')),
  /** Absences from a coordinator's .xlsx or .csv: what would be added, or every problem by sheet and cell. */
  'imports.absencesPreview': rolledBackQuery<typeof absenceFileInput, AI.AbsenceImportPreview>(
    absenceFileInput,
    areas('absences', 'people'),
  ),
  /** Adds every absence of the file in one transaction, or none. */
  'imports.absences': command<typeof absenceFileInput, { created: T.Absence[]; preview: AI.AbsenceImportPreview }>(
    absenceFileInput,
    areas('absences'),
  ),
  /** People from a coordinator's .xlsx or .csv: who would be added, or every problem by sheet and cell. */
  'imports.peoplePreview': rolledBackQuery<typeof peopleFileInput, PI.PeopleImportPreview>(
    peopleFileInput,
    areas('people'),
  ),
  /** Adds every person of the file in one transaction (each checked as if added by hand), or none. */
  'imports.people': command<typeof peopleFileInput, { created: PersonRow[]; preview: PI.PeopleImportPreview }>(
    peopleFileInput,
    areas('people'),
  ),
} as const;

// ---- Compliance (core/services/compliance): the findings of the published schedule (or an open
// draft) of an academic year, filtered; acknowledging one with a reason (audited, program-wide);
// weekly duty hours per resident; the dashboard summary. ----

export type {
  ComplianceFinding,
  ComplianceSummary,
  FindingsResult,
  HoursResult,
  PersonSummary,
  ResidentHours,
  SeverityCounts,
  WeekAtRisk,
  WeekHours,
} from '../services/compliance';

const complianceTarget = {
  academicYear: S.academicYear,
  /** null = the published schedule. */
  draftId: draftId.nullable().default(null),
};
const findingsInput = z
  .object({
    ...complianceTarget,
    ruleIds: z.array(z.string().min(1).max(80)).max(100).optional(),
    severities: z
      .array(z.enum(['critical', 'high', 'medium', 'low']))
      .max(4)
      .optional(),
    personIds: z.array(S.id).max(5000).optional(),
    /** Findings whose window overlaps from … to. */
    from: S.isoDate.optional(),
    to: S.isoDate.optional(),
    acknowledged: z.boolean().optional(),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'end must be on or after start', path: ['to'] });
const complianceAckInput = z.object({
  ...complianceTarget,
  findingId: z.string().min(1).max(300),
  reasonCode: z.enum(ACK_REASON_CODES),
  reason: reasonText,
});
const hoursInput = z.object({ ...complianceTarget, personIds: z.array(S.id).max(5000).optional() });
const summaryInput = z.object({ ...complianceTarget, asOf: S.isoDate.optional() });

/**
 * The rules run on the published schedule or a draft's version of it, with everything the rules
 * read (duty hours included) and the acknowledgements; never on a draft's stored check.
 */
const COMPLIANCE_READS = areas(...GRID_AREAS, 'duty', 'drafts', 'findings');

const complianceMethods = {
  'compliance.findings': query<typeof findingsInput, C.FindingsResult>(findingsInput, COMPLIANCE_READS),
  'compliance.acknowledge': command<typeof complianceAckInput, C.ComplianceFinding>(
    complianceAckInput,
    // An open draft's flags carry the acknowledgement too (validation).
    areas('findings', 'validation'),
  ),
  'compliance.hours': query<typeof hoursInput, C.HoursResult>(hoursInput, COMPLIANCE_READS),
  'compliance.summary': query<typeof summaryInput, C.ComplianceSummary>(summaryInput, COMPLIANCE_READS),
} as const;

// ---- System (the host around core): the default export folder, and showing a folder or file
// in the OS file manager (Electron's shell; the browser test host records the request). ----

export interface SystemPaths {
  /** Where exports go unless the user picks another folder. */
  exportFolder: string;
  /** The host's path separator, for building paths in the UI. */
  separator: '/' | '\\';
  /** Whether system.revealPath can show paths in this host. */
  canReveal: boolean;
  /** Whether system.pickPath can show the OS file dialog in this host. */
  canPick: boolean;
}
export interface PickedPath {
  /** The full path chosen, or null when the user cancelled the dialog. */
  path: string | null;
}
export interface RevealedPath {
  path: string;
  /** A folder is opened; a file is selected in its folder. */
  kind: 'folder' | 'file';
}

const revealInput = z.object({ path: z.string().trim().min(1, 'give a folder or file').max(4096) });
const extensionText = z.string().regex(/^[a-z0-9]{1,8}$/, 'an extension such as "pdf", without the dot');
const pickInput = z.object({
  /** folder: a folder to save into; file: a file to save as; open: an existing file to read. */
  kind: z.enum(['folder', 'file', 'open']),
  title: z.string().trim().min(1, 'give the dialog a title').max(200),
  /** Where the dialog opens; ignored unless it is a full path. */
  defaultPath: z.string().trim().max(4096).nullable().default(null),
  /** For a file: the extension offered as its type, without the dot. */
  extension: extensionText.nullable().default(null),
  /** For a file to open: the extensions the dialog shows (e.g. xlsx, csv); none = every file. */
  extensions: z.array(extensionText).max(8).default([]),
});

const systemMethods = {
  'system.paths': query<typeof empty, SystemPaths>(empty, NO_DATA),
  'system.revealPath': query<typeof revealInput, RevealedPath>(revealInput, NO_DATA),
  'system.pickPath': query<typeof pickInput, PickedPath>(pickInput, NO_DATA),
} as const;

// ---- Schedule generation (core/services/generate): generate.start runs as a job — poll it with
// jobs.status (phase, progress, detail: objective, bound, gap, elapsedSec), stop it gracefully
// with generate.stop (the best schedule so far goes into the draft) or hard-cancel it with
// jobs.cancel (nothing is written). The job's result is a GenerationResult. ----

export type { GenerationResult } from '../services/generate';
export type {
  CellExplanationView,
  ExplainTarget,
  GenerationFigures,
  GenerationRunStatus,
  GenerationRunSummary,
  GenerationScopeName,
} from '../services/generation-runs';
export type { Diagnosis, FixTarget, Relaxation, RequirementFix } from '../solver/diagnose/diagnose';
export type { ModelFigures } from '../solver/models/generate';
export type { Reason, ReasonKind } from '../solver/models/builder';

const generateStartInput = z
  .object({
    scope: z.enum(['annual', 'block', 'calls', 'block+calls', 'year']),
    academicYear: S.academicYear,
    /** Every scope but 'annual' and 'year' generates one block ('calls' without one: a range of blocks). */
    blockNumber: z.number().int().min(0).max(60).nullable().default(null),
    /**
     * 'year': the first block whose calls and half-days are generated (default the year's first);
     * earlier blocks are kept. 'calls' without a block: the range's first block (default the year's first).
     */
    fromBlock: z.number().int().min(0).max(60).nullable().default(null),
    /**
     * 'calls' without a block: the range's last block (default the year's last). One draft, fair over the range and the
     * year to date.
     */
    toBlock: z.number().int().min(0).max(60).nullable().default(null),
    /**
     * Scopes that plan calls ('calls', 'block+calls', 'year'): re-plan inpatient weeks that already have an attending.
     */
    regenerateInpatientWeeks: z.boolean().default(false),
    /**
     * Scopes that plan calls: plan the overnight and weekend calls entered by hand or imported too (they are locked
     * otherwise).
     */
    releaseLockedCalls: z.boolean().default(false),
    /** 'annual' and 'year': change the current rotation plan as little as possible (false: plan from scratch). */
    keepCurrentPlan: z.boolean().default(true),
    /** Seconds for the whole run; at the limit it stops with the best schedule so far. */
    timeLimitSec: z.number().min(1).max(3600).default(60),
    backend: z.enum(['highs', 'glpk']).default('highs'),
  })
  .refine((r) => r.scope === 'annual' || r.scope === 'year' || r.scope === 'calls' || r.blockNumber !== null, {
    message: 'choose a block',
    path: ['blockNumber'],
  })
  .refine((r) => r.scope !== 'annual' || r.blockNumber === null, {
    message: 'the annual plan covers the whole year: no block',
    path: ['blockNumber'],
  })
  .refine((r) => r.scope !== 'year' || r.blockNumber === null, {
    message: 'the year scope takes a first block (fromBlock), not a block',
    path: ['blockNumber'],
  })
  .refine((r) => r.scope === 'year' || (r.scope === 'calls' && r.blockNumber === null) || r.fromBlock === null, {
    message: 'a first block goes only with the year scope or a range of call blocks',
    path: ['fromBlock'],
  })
  .refine((r) => (r.scope === 'calls' && r.blockNumber === null) || r.toBlock === null, {
    message: 'a last block goes only with a range of call blocks',
    path: ['toBlock'],
  })
  .refine(
    (r) => ['calls', 'block+calls', 'year'].includes(r.scope) || (!r.regenerateInpatientWeeks && !r.releaseLockedCalls),
    {
      message: 'only the scopes that plan calls regenerate inpatient weeks or release locked calls',
      path: ['scope'],
    },
  )
  .refine((r) => r.scope === 'annual' || r.scope === 'year' || r.keepCurrentPlan, {
    message: 'only the annual and year scopes plan the rotation plan',
    path: ['keepCurrentPlan'],
  });
const explainTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slot'), personId: S.id, date: S.isoDate, half: S.halfDay }),
  z.object({ kind: z.literal('call'), date: S.isoDate, callTypeCode }),
  /** Any date of the Friday→Thursday week. */
  z.object({ kind: z.literal('inpatient'), date: S.isoDate }),
  z.object({
    kind: z.literal('plan'),
    personId: S.id,
    blockNumber: z.number().int().min(0).max(60),
    part: z.enum(['full', 'first', 'second']),
  }),
]);
const runId = z.number().int().positive();
const generateExplainInput = z
  .object({ draftId: draftId.optional(), runId: runId.optional(), target: explainTarget })
  .refine((r) => (r.draftId === undefined) !== (r.runId === undefined), {
    message: 'give either a draft or a run',
    path: ['draftId'],
  });
const generateRunsInput = z.object({
  draftId: draftId.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
const generateRunInput = z.object({ runId });

const rotationShiftsInput = z.object({ rotationId: S.id, shifts: S.shiftRotationDefinitionSchema.nullable() });

const generateMethods = {
  'generate.start': command<typeof generateStartInput, { jobId: string }>(generateStartInput, areas('runs')),
  /** Graceful stop: returns at once; the job ends shortly with the best schedule found so far. */
  'generate.stop': command<typeof jobInput, JobStatus>(jobInput, NO_DATA),
  /** Why generation put what it put in one cell of a generated draft (or of a run's annual plan). */
  'generate.explain': query<typeof generateExplainInput, G.CellExplanationView>(
    generateExplainInput,
    areas('runs', 'drafts'),
  ),
  'generate.runs': query<typeof generateRunsInput, G.GenerationRunSummary[]>(generateRunsInput, areas('runs')),
  'generate.run': query<typeof generateRunInput, G.GenerationRunSummary>(generateRunInput, areas('runs')),
} as const;

// ---- Accounts and sessions (core/services/accounts, core/api/permissions.ts): every method but
// session.status, session.setup and session.signIn needs a signed-in account, and the role
// matrix says which roles may call it. A program without accounts is new: session.setup creates
// its administrator. ----

export type { Account, Role } from '../domain/accounts';

/** The signed-in account as the UI sees it. */
export interface SessionAccount {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  personId: string | null;
  /** Set by an administrator's password reset: only session.changePassword and signOut work until then. */
  mustChangePassword: boolean;
}

export interface SessionStatus {
  /** The program has no account yet: the first-run step creates its administrator. */
  setupNeeded: boolean;
  account: SessionAccount | null;
  /** Every method the signed-in account may call (none but the session's own when signed out). */
  allowed: string[];
  /** Which program the sign-in is for. */
  programName: string | null;
  /** null: no program on this workstation yet (the start page: open a review, make a program). */
  programPath: string | null;
  /** The file cannot be written here: it is open for looking and exporting only. */
  readOnly: boolean;
}

const username = z.string().trim().min(1, 'give an account name').regex(USERNAME_PATTERN, USERNAME_RULE);
/** Passwords are taken exactly as typed (never trimmed); the length policy is checked with a clear message. */
const password = z.string().min(1, 'give the password').max(256, 'at most 256 characters');
const accountId = z.number().int().positive();
const role = z.enum(ROLES);
const setupInput = z.object({ username, displayName: S.personName, password });
const signInInput = z.object({ username: z.string().max(64, 'at most 64 characters'), password });
const changePasswordInput = z.object({ currentPassword: password, newPassword: password });
const accountCreateInput = z.object({
  username,
  displayName: S.personName,
  role,
  /** The person the account acts for (faculty and resident accounts must name one). */
  personId: S.id.nullable().default(null),
  password,
  /** The user chooses their own password at the first sign-in. */
  mustChangePassword: z.boolean().default(true),
});
const accountUpdateInput = z.object({
  id: accountId,
  displayName: S.personName,
  role,
  personId: S.id.nullable(),
  disabled: z.boolean(),
});
const resetPasswordInput = z.object({ id: accountId, password, mustChangePassword: z.boolean().default(true) });
const accountRef = z.object({ id: accountId });

const sessionMethods = {
  'session.status': query<typeof empty, SessionStatus>(empty),
  /** First run only: create the administrator and sign in as them. */
  'session.setup': command<typeof setupInput, SessionStatus>(setupInput),
  'session.signIn': command<typeof signInInput, SessionStatus>(signInInput),
  'session.signOut': command<typeof empty, SessionStatus>(empty),
  'session.changePassword': command<typeof changePasswordInput, SessionStatus>(changePasswordInput),
} as const;

const accountMethods = {
  'accounts.list': query<typeof empty, Account[]>(empty, areas('accounts')),
  'accounts.create': command<typeof accountCreateInput, Account>(accountCreateInput, areas('accounts')),
  'accounts.update': command<typeof accountUpdateInput, Account>(accountUpdateInput, areas('accounts')),
  /** A new password chosen by the administrator; also unlocks the account. */
  'accounts.resetPassword': command<typeof resetPasswordInput, Account>(resetPasswordInput, areas('accounts')),
  'accounts.unlock': command<typeof accountRef, Account>(accountRef, areas('accounts')),
} as const;

// ---- Backups (core/services/backups.ts, core/api/backup-scheduler.ts): automatic copies after
// every publish and when overdue, into the folder the administrator chooses; a guided restore
// that keeps the current file. ----

export type { BackupEntry, BackupPolicy, BackupReason, BackupSettings } from '../services/backups';
export type { BackupStatus } from './backup-scheduler';

const backupPolicy = z.object({
  keepLast: z.number().int().min(1, 'keep at least the newest backup').max(100),
  daily: z.number().int().min(0).max(60),
  weekly: z.number().int().min(0).max(52),
  monthly: z.number().int().min(0).max(120),
  maxAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});
const backupConfigureInput = z.object({
  /** A full path to a folder that exists; null switches automatic backups off. */
  folder: z.string().trim().min(1).max(4096).nullable(),
  policy: backupPolicy,
});
const backupRestoreInput = z.object({ file: z.string().trim().min(1).max(4096) });

const backupMethods = {
  'backups.status': query<typeof empty, BackupStatus>(empty, areas('backups')),
  'backups.configure': command<typeof backupConfigureInput, BackupStatus>(backupConfigureInput, areas('backups')),
  /** Take a backup now. */
  'backups.run': command<typeof empty, BackupEntry>(empty, areas('backups')),
  /** Put a backup in the place of the program, keeping the current file beside it; everyone is signed out. */
  'backups.restore': command<typeof backupRestoreInput, { restoredFrom: string; keptAs: string }>(backupRestoreInput),
} as const;

// ---- Contingency (core/services/contingency): contingency.start runs the N-1/N-2 sweep as a job
// split across the worker pool — poll it with jobs.status (phase, progress, detail: done, total,
// week), stop it with contingency.stop (the finished weeks are kept) or cancel it with
// jobs.cancel (nothing is recorded). The job's result is a ContingencyJobResult; the run itself
// is read with contingency.run. ----

export type {
  ContingencyParams,
  ContingencyResult,
  CoverCost,
  CriticalPerson,
  GoneWindow,
  LossOutcome,
  LostRequirement,
  PairFinding,
  PersonWeek,
  Repair,
  RepairChange,
  SacrificeLevel,
  ShedItem,
  StressLevel,
  StressResult,
  StressSample,
  SweepFigures,
  Utilization,
  UtilizationLevel,
  WeekSummary,
} from '../domain/contingency';
export type { ContingencyJobResult, ContingencyRunSummary, StressRun, SweepRun } from '../services/contingency';

const goneWindow = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('period') }),
  /** Gone from `start` for `days` days (within the period). */
  z.object({ mode: z.literal('from'), start: S.isoDate, days: z.number().int().min(1).max(366) }),
]);
const contingencyStartInput = z
  .object({
    start: S.isoDate,
    end: S.isoDate,
    /** 1 = every person alone (N-1); 2 = and every pair (N-2). */
    depth: z.union([z.literal(1), z.literal(2)]).default(2),
    gone: goneWindow.default({ mode: 'period' }),
    /** Seconds for the whole sweep; at the limit it stops and keeps the weeks it finished. */
    timeLimitSec: z.number().min(1).max(3600).default(300),
  })
  .refine((r) => r.end >= r.start, { message: 'the period ends before it starts', path: ['end'] });
const stressStartInput = z.object({
  academicYear: S.academicYear,
  blockNumber: z.number().int().min(0).max(60),
  samples: z.number().int().min(1).max(20).default(3),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  timeLimitSec: z.number().min(1).max(3600).default(900),
});
const contingencyRunId = z.number().int().positive();
const contingencyRunsInput = z.object({
  kind: z.enum(['sweep', 'stress']).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
const contingencyRunInput = z
  .object({ runId: contingencyRunId.optional(), latest: z.enum(['sweep', 'stress']).optional() })
  .refine((r) => (r.runId === undefined) !== (r.latest === undefined), {
    message: 'give either a run or latest',
    path: ['runId'],
  });
const repairInput = z.object({
  runId: contingencyRunId,
  /** One person (N-1) or two (N-2). */
  gone: z
    .array(S.id)
    .min(1)
    .max(2)
    .refine((ids) => new Set(ids).size === ids.length, 'the same person twice'),
  /** Monday of the week. */
  week: S.isoDate,
});
const contingencyReportInput = z.object({
  runId: contingencyRunId,
  /** The .pdf file to write. */
  output: z.string().trim().min(1).max(1000),
  pageSize: z.enum(['LETTER', 'A4']).default('LETTER'),
});

/** A run is stale once anything it read changes: it reads the runs and everything they were computed on. */
const CONTINGENCY_READS = areas('contingency', ...GRID_AREAS);

const contingencyMethods = {
  'contingency.start': command<typeof contingencyStartInput, { jobId: string }>(
    contingencyStartInput,
    areas('contingency'),
  ),
  /** Graceful stop: the job ends shortly, recording the weeks it finished. */
  'contingency.stop': command<typeof jobInput, JobStatus>(jobInput, NO_DATA),
  'contingency.startStress': command<typeof stressStartInput, { jobId: string }>(
    stressStartInput,
    areas('contingency'),
  ),
  'contingency.runs': query<typeof contingencyRunsInput, CG.ContingencyRunSummary[]>(
    contingencyRunsInput,
    CONTINGENCY_READS,
  ),
  /** A recorded run with its result (null: no run of that kind yet), and whether it is stale. */
  'contingency.run': query<typeof contingencyRunInput, CG.SweepRun | CG.StressRun | null>(
    contingencyRunInput,
    CONTINGENCY_READS,
  ),
  /** The repair of one loss (one or two people gone) in a week of a recorded sweep. */
  'contingency.repair': query<typeof repairInput, Repair>(repairInput, CONTINGENCY_READS),
  /** Turn a repair into a new draft (checked like any draft); refused when the sweep is stale. */
  'contingency.applyRepair': command<typeof repairInput, D.DraftSummary>(repairInput, areas('drafts', 'validation')),
  /** The printable contingency report (PDF) of a recorded sweep. */
  'contingency.report': query<typeof contingencyReportInput, { path: string; pages: number }>(
    contingencyReportInput,
    CONTINGENCY_READS,
  ),
} as const;

// ---- Offline review (core/services/reviews): a draft sent for review as one signed file, the
// responses imported back (comments on the draft, the decision recorded), comments resolved. ----

export type {
  ChangedEntry,
  CommentAnchor,
  Decision,
  DraftReviewState,
  OpenedReview,
  ReviewComment,
  ReviewDocument,
  ReviewPerson,
  ReviewResponseSummary,
  Staleness,
} from '../services/reviews/types';

const reviewFilePath = z.string().trim().min(1, 'give the file').max(4096);
const reviewExportInput = z.object({ draftId, path: reviewFilePath });
const reviewImportInput = z.object({ path: reviewFilePath });
const resolveCommentInput = z.object({ commentId: z.number().int().positive(), resolved: z.boolean() });
const reviewPdfInput = z.object({
  reviewPath: reviewFilePath,
  path: reviewFilePath.refine((p) => p.toLowerCase().endsWith('.pdf'), 'must be a .pdf file'),
});
const respondInput = z.object({ reviewPath: reviewFilePath, path: reviewFilePath }).and(V.responseInputSchema);

export interface SentReview {
  path: string;
  hash: string;
  shortHash: string;
  bytes: number;
}

const reviewMethods = {
  /** Send for review: write the draft's signed review file (validated first when stale). */
  // A review carries a current rules check: a stale one is checked again first.
  'reviews.export': command<typeof reviewExportInput, SentReview>(reviewExportInput, areas('drafts', 'validation')),
  'reviews.state': query<typeof draftRef, V.DraftReviewState>(draftRef, areas('drafts')),
  /** Import a response: comments onto the draft, the decision recorded (refused: changed, foreign, repeated). */
  'reviews.importResponse': command<typeof reviewImportInput, { response: V.ReviewResponseSummary; draftName: string }>(
    reviewImportInput,
    areas('drafts'),
  ),
  'reviews.resolveComment': command<typeof resolveCommentInput, V.ReviewComment>(resolveCommentInput, areas('drafts')),
  /** The reviewer's side, which reads no program data: open a review file (verified), save the signed response. */
  'reviews.open': query<typeof reviewImportInput, V.OpenedReview>(reviewImportInput, NO_DATA),
  'reviews.respond': command<typeof respondInput, { path: string; hash: string; shortHash: string }>(
    respondInput,
    NO_DATA,
  ),
  /** Print a review file (summary, changes by person, findings; the file's short hash in every footer). */
  'reviews.pdf': command<typeof reviewPdfInput, { path: string; pages: number }>(reviewPdfInput, NO_DATA),
} as const;

// ---- A workstation without a program (a reviewer's machine, a first start): the start page
// opens a review file (reviews.*, which read no program), or makes the workstation's program from
// the bundled demo or from a program file (the exchange format). Only while no program is open. ----

export interface StartedProgram {
  /** The new program file (the workstation's own, e.g. program.sqlite in the user-data folder). */
  path: string;
  /** What the imported file holds that wants a look (duplicate or overlapping absences). */
  warnings: { path: string; message: string }[];
}

const programFileInput = z.object({ path: z.string().trim().min(1, 'give the program file (.json)').max(4096) });

const startMethods = {
  'program.createFromDemo': command<typeof empty, StartedProgram>(empty, NO_DATA),
  'program.importFile': command<typeof programFileInput, StartedProgram>(programFileInput, NO_DATA),
} as const;

export const contract = {
  'program.info': query<typeof empty, ProgramInfo>(empty, GRID_AREAS),
  'program.updateSettings': command<typeof settingsChanges, T.ProgramSettings>(settingsChanges, areas('program')),
  'program.holidays': query<typeof yearInput, T.Holiday[]>(yearInput, areas('program')),
  /** Replaces the academic year's holidays. */
  'program.setHolidays': command<typeof holidaysInput, T.Holiday[]>(holidaysInput, areas('program')),
  /** Every rule type with its plain explanation and its parameters' schema. */
  'rules.catalog': query<typeof empty, RuleTypeInfo[]>(empty, NO_DATA),

  'people.list': query<typeof yearInput, PersonRow[]>(yearInput, areas('people')),
  /** One person's year at a glance: rotations, calls, clinic, leave, the coming two weeks, hours. */
  'people.schedule': query<typeof personScheduleInput, PersonSchedule>(personScheduleInput, GRID_AREAS),
  'people.create': command<typeof personInput, PersonRow>(personInput, areas('people')),
  'people.update': command<typeof personUpdateInput, PersonRow>(personUpdateInput, areas('people')),

  'activities.list': query<typeof empty, T.Activity[]>(empty, areas('catalog')),
  'callTypes.list': query<typeof empty, T.CallType[]>(empty, areas('catalog')),
  'rotations.list': query<typeof empty, T.Rotation[]>(empty, areas('catalog')),
  /**
   * Mark a rotation shift-based (its shifts, cover and limits; shift activities created or updated) or, with null, not.
   */
  'rotations.setShifts': command<typeof rotationShiftsInput, R.RotationShiftsResult>(
    rotationShiftsInput,
    areas('catalog'),
  ),
  'blocks.list': query<typeof yearInput, T.Block[]>(yearInput, areas('program')),
  'absences.list': query<typeof yearInput, T.Absence[]>(yearInput, areas('absences')),

  'schedule.grid': query<typeof dateRangeInput, GridData>(dateRangeInput, areas(...GRID_AREAS, 'duty')),

  /** Long-running work runs as a job in the worker pool; poll its status, cancel it. */
  'jobs.startYearCalendar': command<typeof yearInput, { jobId: string }>(yearInput, NO_DATA),
  'jobs.status': query<typeof jobInput, JobStatus>(jobInput, NO_DATA),
  'jobs.cancel': command<typeof jobInput, JobStatus>(jobInput, NO_DATA),

  ...draftMethods,
  ...swapMethods,
  ...absenceMethods,
  ...dutyMethods,
  ...exportMethods,
  ...importMethods,
  ...complianceMethods,
  ...systemMethods,
  ...generateMethods,
  ...sessionMethods,
  ...accountMethods,
  ...backupMethods,
  ...contingencyMethods,
  ...reviewMethods,
  ...startMethods,
} as const;

export type Contract = typeof contract;
export type Api = ClientOf<Contract>;
export type MethodName = keyof Contract & string;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
