// The domain model: plain data types shared by every layer. Imports nothing of ours.
// Vocabulary follows ../shared/DOMAIN.md: slot, block, rotation, activity, draft, finding.

/** Calendar date in ISO form, `YYYY-MM-DD`, always a local date in the program's time zone. */
export type IsoDate = string;
/** Wall-clock time `HH:MM` (24h) in the program's time zone. */
export type ClockTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. The only weekday convention in this code base. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** The two halves of a day. */
export type HalfDay = 'AM' | 'PM';
export const HALF_DAYS: readonly HalfDay[] = ['AM', 'PM'];

/** A slot is one half-day. */
export interface Slot {
  date: IsoDate;
  half: HalfDay;
}

/** Academic year, identified by the calendar year it starts in (2026 = 1 Jul 2026 – 30 Jun 2027). */
export type AcademicYearId = number;

export type DayType = 'normal' | 'federal_holiday' | 'training_holiday' | 'minimal_manning' | 'closure';
export const DAY_TYPES: readonly DayType[] = [
  'normal',
  'federal_holiday',
  'training_holiday',
  'minimal_manning',
  'closure',
];

export interface Holiday {
  date: IsoDate;
  name: string;
  dayType: Exclude<DayType, 'normal'>;
}

/**
 * How an academic year is cut into blocks (the program's block calendar). Three ways:
 * - anchored (`anchorWeekday` set): block 0 runs from July 1 to the day before the first anchor
 *   weekday on or after July 1 (0–6 days, omitted when empty), then `blockCount` blocks of
 *   `blockLengthDays`, and a last block with the rest to June 30;
 * - from July 1 (`anchorWeekday` null): block 1 starts on July 1 and lasts `firstBlockDays`
 *   (default `blockLengthDays`; e.g. 30 for a long first block 1–30 July), the next ones
 *   `blockLengthDays`, and block `blockCount` absorbs the rest of the year;
 * - explicit start dates for given academic years (`explicitYears`), which win over the rule.
 * A block has halves (days 1–14, day 15 to the end) when it is long enough (MIN_DAYS_FOR_HALVES);
 * explicit blocks say whether they have them.
 */
export interface BlockLayout {
  anchorWeekday: IsoWeekday | null;
  blockLengthDays: number;
  blockCount: number;
  /** Without an anchor: the first block's length in days (default `blockLengthDays`). */
  firstBlockDays?: number;
  /** Academic years whose blocks are listed by their start dates (the rule serves the other years). */
  explicitYears?: ExplicitBlockYear[];
}

/** One academic year's blocks by start date: contiguous, the first on July 1, the last ending June 30. */
export interface ExplicitBlockYear {
  academicYear: AcademicYearId;
  /** Number of the first block (0 or 1); the others follow in order. */
  firstNumber: number;
  /** Each block's first day (it ends the day before the next one starts) and whether it has halves. */
  blocks: ExplicitBlock[];
}

export interface ExplicitBlock {
  start: IsoDate;
  halves: boolean;
}

export interface Block {
  academicYear: AcademicYearId;
  number: number;
  start: IsoDate;
  end: IsoDate;
  /** First day of the second half (day 15); equal to `start` when the block has no halves. */
  secondHalfStart: IsoDate;
}

export type PersonKind = 'resident' | 'faculty' | 'student' | 'intern';
export const PERSON_KINDS: readonly PersonKind[] = ['resident', 'faculty', 'student', 'intern'];
export type FacultyRole = 'pd' | 'apd' | 'oic' | 'chief' | 'sports_med' | 'core' | 'adjunct';
export const FACULTY_ROLES: readonly FacultyRole[] = ['pd', 'apd', 'oic', 'chief', 'sports_med', 'core', 'adjunct'];
/** The roles as the People view names them (the people import reads these words, the workbook writes them). */
export const FACULTY_ROLE_NAMES: Record<FacultyRole, string> = {
  pd: 'Program director',
  apd: 'Associate PD',
  oic: 'Officer in charge',
  chief: 'Department chief',
  sports_med: 'Sports medicine',
  core: 'Core faculty',
  adjunct: 'Adjunct',
};

export type CertificationKind = 'BLS' | 'ACLS' | 'PALS' | 'ALSO' | 'NRP';
export const CERTIFICATION_KINDS: readonly CertificationKind[] = ['BLS', 'ACLS', 'PALS', 'ALSO', 'NRP'];

export interface Certification {
  kind: CertificationKind;
  issued: IsoDate;
  expires: IsoDate;
}

export type CredentialStatus = 'active' | 'provisional' | 'suspended' | 'expired';
export interface Credential {
  /** Activity code the privilege allows, e.g. PROC or VAS. */
  activityCode: string;
  status: CredentialStatus;
  expires: IsoDate | null;
}

export interface Person {
  id: string;
  name: string;
  kind: PersonKind;
  /** Faculty only. */
  facultyRole: FacultyRole | null;
  /** Residents: PGY level per academic year. History keeps the level the person had. */
  pgyByYear: Record<string, number>;
  email: string | null;
  active: boolean;
  /**
   * First and last day in the program, inclusive (core/domain/program-dates): an off-cycle start,
   * a transfer, a separation. Absent: in the program on every day of the years it is listed for.
   */
  startDate?: IsoDate;
  endDate?: IsoDate;
  credentials: Credential[];
  certifications: Certification[];
}

export type ActivityCategory = 'clinical' | 'educational' | 'administrative' | 'time_off';
export const ACTIVITY_CATEGORIES: readonly ActivityCategory[] = [
  'clinical',
  'educational',
  'administrative',
  'time_off',
];

/** Start/end of a half-day activity. An end at or before the start means the next day. */
export interface TimeRange {
  start: ClockTime;
  end: ClockTime;
}

export interface Activity {
  code: string;
  name: string;
  category: ActivityCategory;
  needsSupervision: boolean;
  providesSupervision: boolean;
  protected: boolean;
  countsTowardDutyHours: boolean;
  /**
   * New patient care. ACGME allows up to 4 hours after 24 hours of continuous work for
   * transitions of care and education only: an activity with `patientCare: false` (handoff,
   * lecture, administration) may fill those hours, one with `patientCare: true` may not.
   */
  patientCare: boolean;
  countsTowardClinicCapacity: boolean;
  /** Extra supervision units a resident doing this activity needs (procedures: 4). */
  extraSupervisionUnits: number;
  /** Duty times; null = this activity is never done in that half. */
  am: TimeRange | null;
  pm: TimeRange | null;
  /** Display colour, `#rrggbb`. */
  color: string;
  location: string | null;
}

export type RotationSetting = 'inpatient' | 'outpatient' | 'offsite';

/** One cell of a weekly pattern: a fixed activity, or null when the solver chooses. */
export interface PatternCell {
  activityCode: string | null;
  protected: boolean;
}
export type PatternDay = { AM: PatternCell; PM: PatternCell };
/** Seven days keyed by ISO weekday as a string ('1' … '7'). */
export type PatternWeek = Record<string, PatternDay>;

/**
 * A shift of a shift-based rotation: an activity whose half-day times make one stretch of duty
 * (a day shift 07:00–19:00 is AM 07:00–12:00 + PM 12:00–19:00; a night 19:00–07:00 is its PM),
 * and how many of the rotation's residents it needs on each weekday.
 */
export interface RotationShift {
  activityCode: string;
  /** Residents needed, by ISO weekday as a string ('1' … '7'). */
  cover: Record<string, number>;
}

/**
 * A rotation worked in shifts (emergency department, ICU, night float): its residents' half-days
 * are not a weekly pattern but shifts, generated by the roster engine to cover each day's shifts
 * under the ACGME rules, the program's policies and these limits. A shift is dated on the day it
 * starts; the rest of a resident's half-days on such a day are off.
 */
export interface ShiftRotation {
  shifts: RotationShift[];
  /** Least rest from the end of one shift to the start of the next, in hours. */
  minRestHours: number;
  /** Most shifts on consecutive days. */
  maxConsecutiveShifts: number;
  /** Shift hours a week, averaged over a resident's available days on the rotation in a block. */
  minHoursPerWeek: number;
  maxHoursPerWeek: number;
  /** Whole weekends (Saturday and Sunday) without a shift, per four weekends on the rotation (rounded up). */
  minWeekendsOff: number;
}

export interface Rotation {
  id: string;
  code: string;
  name: string;
  setting: RotationSetting;
  leaveEligible: boolean;
  /** Maximum residents on this rotation in one block. */
  capacity: number;
  worksWeekends: boolean;
  /** true = lasts half a block. */
  halfBlock: boolean;
  /** 1 week (repeats) or 4 weeks (week 1–4 of the block). */
  pattern: PatternWeek[];
  /** Activity targets per week, e.g. { C: 4 } = four clinic half-days a week. */
  weeklyTargets: Record<string, number>;
  /** Ids of standing program rules this rotation is exempt from (e.g. 'wednesday_lecture'). */
  exemptFrom: string[];
  color: string;
  /** Shift-based: shifts generated by the roster engine instead of the weekly pattern (absent or null = not). */
  shifts?: ShiftRotation | null;
}

export type BlockPart = 'full' | 'first' | 'second';
/** Annual rotation plan entry: resident × block (or half-block) → rotation. */
export interface RotationAssignment {
  personId: string;
  academicYear: AcademicYearId;
  blockNumber: number;
  part: BlockPart;
  rotationId: string;
}

/** Where a slot's value came from. Precedence preload > manual > solver > template. */
export type AssignmentSource = 'preload' | 'manual' | 'solver' | 'template';
export const ASSIGNMENT_SOURCES: readonly AssignmentSource[] = ['preload', 'manual', 'solver', 'template'];
export const SOURCE_PRECEDENCE: Record<AssignmentSource, number> = { preload: 3, manual: 2, solver: 1, template: 0 };

/** Half-day assignment: person × slot → activity. */
export interface Assignment {
  personId: string;
  date: IsoDate;
  half: HalfDay;
  activityCode: string;
  source: AssignmentSource;
  /** Locked slots are never overwritten by generation. */
  locked: boolean;
}

/** Kinds of call, with their duty times (end at or before start = next day). */
export interface CallType {
  code: string;
  name: string;
  start: ClockTime;
  end: ClockTime;
  /**
   * true: in-house call, all of its hours are work. false: home call (at-home availability):
   * its hours are not work (only the callbacks recorded during it are), yet it is not time off
   * either (no free day may include it).
   */
  inHouse: boolean;
  /** Who takes it. */
  for: 'faculty' | 'resident';
  /** false: the duty rules ignore the call altogether (e.g. a backup roster). */
  countsTowardDutyHours: boolean;
  /**
   * The night the clocks fall back (the local night has 25 hours): 'scheduled_hours' — the call
   * lasts its scheduled hours and ends an hour earlier on the clock (07:00–06:00, 24 h);
   * 'clock_end' — it keeps its clock end and lasts an hour longer (07:00–07:00, 25 h), which the
   * duty rules judge as any 25 hours. The spring-forward night ends at the clock end either way.
   */
  clockChange: CallClockChange;
}

export type CallClockChange = 'scheduled_hours' | 'clock_end';

export interface CallAssignment {
  date: IsoDate;
  callTypeCode: string;
  personId: string;
  source: AssignmentSource;
}

/** Faculty inpatient (FMIT) week: Friday → Thursday. */
export interface InpatientWeek {
  personId: string;
  start: IsoDate;
  end: IsoDate;
}

/**
 * An absence type's code. The built-in types below exist in every program; a program defines
 * more of its own (onboarding, named TDY kinds) in its settings, each with a policy.
 */
export type AbsenceType = string;
export const BUILT_IN_ABSENCE_TYPES = [
  'vacation',
  'conference',
  'deployment',
  'tdy',
  'family_emergency',
  'bereavement',
  'emergency_leave',
  'convalescent',
  'parental',
  'medical',
  'sick',
] as const;
export type BuiltInAbsenceType = (typeof BUILT_IN_ABSENCE_TYPES)[number];
export type AbsenceStatus = 'requested' | 'approved' | 'denied';

/**
 * The part of each of its days an absence covers: the AM or PM half, or a wall-clock range
 * (e.g. 12:00–17:00, end after start on the same day). Absent = whole days.
 */
export type AbsencePart = 'AM' | 'PM' | TimeRange;

export interface Absence {
  id: string;
  personId: string;
  type: AbsenceType;
  start: IsoDate;
  end: IsoDate;
  /** Part-day absences only: the part of each day from start to end. */
  part?: AbsencePart;
  status: AbsenceStatus;
  note: string | null;
}

/**
 * A program's absence type and its policy. An approved absence makes the person unavailable for
 * every half-day and call it covers; a policy only says what the program chooses to relax.
 */
export interface AbsencePolicy {
  type: AbsenceType;
  /** Shown in the app, e.g. "Vacation", "Onboarding". */
  name: string;
  relax: AbsenceRelax;
  /** Days after the absence the person is still unavailable (deployment 7, convalescent 3). */
  recoveryDays: number;
  /** Residents' absences of this type belong on leave-eligible rotations (planned leave). */
  leaveEligibleOnly: boolean;
}

/** What an absence type still allows; nothing relaxed (the default) = it blocks everything. */
export interface AbsenceRelax {
  /** Half-day work stays allowed on its days (and inpatient weeks). */
  halfDays: boolean;
  /** Calls starting at or after this time stay allowed (a conference that still allows evening call); null = none. */
  callsFrom: ClockTime | null;
}

/**
 * Moonlighting: clinical work outside the program (external) or inside the institution outside
 * the schedule (internal). It counts as clinical work for every work-hour rule. Local date-times
 * `YYYY-MM-DDTHH:MM`.
 */
export interface MoonlightingEntry {
  id: string;
  personId: string;
  start: string;
  end: string;
  internal: boolean;
  /** The program director approved it (ACGME: moonlighting needs the PD's prior approval). */
  approved: boolean;
}

/**
 * A callback: in-house time during home call (called in to the hospital), recorded with its real
 * times as local date-times `YYYY-MM-DDTHH:MM`. It is clinical work; it is not a double booking
 * against the home call it happens in.
 */
export interface Callback {
  id: string;
  personId: string;
  start: string;
  end: string;
  note: string | null;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
/** Findings of these severities are hard: they block publishing until acknowledged, and generation avoids them. */
export const HARD_SEVERITIES: readonly Severity[] = ['critical', 'high'];

/** JSON-representable value (rule parameters are stored as JSON). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Who a rule applies to. Empty lists mean everyone of that dimension. */
export interface RuleScope {
  kinds: PersonKind[];
  pgyLevels: number[];
}

/** A rule as data: type + parameters + scope, stored in the program's settings. */
export interface RuleConfig {
  id: string;
  type: string;
  enabled: boolean;
  severity: Severity;
  scope: RuleScope;
  params: Record<string, JsonValue>;
}

export interface ChurnThresholds {
  rejectTotalPct: number;
  rejectPersonPct: number;
  warnPersonPct: number;
  warnPeopleAffected: number;
}

/** How many blocks of a rotation each resident of a PGY level does in a year (half-blocks count ½). */
export interface RotationRequirement {
  pgy: number;
  rotationCode: string;
  minBlocks: number;
  maxBlocks: number;
}
/** A rotation is not placed in these blocks for these PGY levels (empty list = every level). */
export interface RotationWindow {
  rotationCode: string;
  pgyLevels: number[];
  notInBlocks: number[];
}
/** For these PGY levels (empty = every level), all of `before` comes before any of `after`. */
export interface RotationOrder {
  pgyLevels: number[];
  before: string;
  after: string;
}
/** A block every resident of a PGY level spends on one rotation (PGY-1 block 1 = orientation). */
export interface FixedRotation {
  pgy: number;
  blockNumber: number;
  rotationCode: string;
}
/** At least `min` residents (of these PGY levels; empty = any) on a rotation in every half-block. */
export interface RotationStaffing {
  rotationCode: string;
  pgyLevels: number[];
  min: number;
}
/** The annual rotation plan's requirements, as data (rotation codes, PGY levels, block numbers). */
export interface RotationPlanRules {
  requirements: RotationRequirement[];
  windows: RotationWindow[];
  order: RotationOrder[];
  fixed: FixedRotation[];
  staffing: RotationStaffing[];
}
/** How many residents (of these PGY levels; empty = any level) a service has at any time. */
export interface ServiceStaffing {
  pgyLevels: number[];
  min: number;
  /** null = no upper limit. */
  max: number | null;
}

/**
 * A service: one team staffed by several rotations (the inpatient service staffed by the FMIT
 * intern, resident and pre-attending rotations; night float by intern and resident night
 * float). Staffing is counted over all its rotations, per half-block of the annual plan.
 */
export interface Service {
  code: string;
  name: string;
  /** Codes of the rotations that staff it. */
  rotationCodes: string[];
  staffing: ServiceStaffing[];
  /** Faculty inpatient weeks (Friday → Thursday) attend this service. */
  facultyWeeks: boolean;
}

/** Call-day preference of a person (or of everyone in a faculty role), e.g. the PD avoids Tuesday. */
export interface CallPreference {
  personId: string | null;
  role: FacultyRole | null;
  avoidWeekdays: IsoWeekday[];
}

/** Weights of a swap candidate's score parts (each part is 0..1; the score is their weighted mean). */
export interface SwapScoreWeights {
  preference: number;
  proximity: number;
  workload: number;
  history: number;
  availability: number;
}

/** How swap requests are approved and their candidates ranked. */
export interface SwapSettings {
  /** Swaps of inpatient weeks need the program director's approval as well as the coordinator's. */
  programDirectorApprovesInpatientWeeks: boolean;
  scoreWeights: SwapScoreWeights;
}

/** Offline review of drafts (issue 18). */
export interface ReviewSettings {
  /** A draft is published only once the program director approved its current version (break-glass aside). */
  publishNeedsDirectorApproval: boolean;
}

export interface ProgramSettings {
  programName: string;
  /** IANA zone, e.g. America/New_York. */
  timeZone: string;
  blockLayout: BlockLayout;
  /** Clinic capacity multiplier by day type (normal 1.0, reduced 0.25, closed 0). */
  capacityScale: Record<DayType, number>;
  absencePolicies: AbsencePolicy[];
  rules: RuleConfig[];
  /** Soft-goal weights for the solver, editable by the coordinator. */
  solverWeights: Record<string, number>;
  churn: ChurnThresholds;
  /** Changes on or before this date need break-glass approval. */
  lockDate: IsoDate | null;
  rollbackHours: number;
  /** Annual-plan requirements; absent = no per-PGY requirements (capacities and rules only). */
  rotationPlan?: RotationPlanRules;
  /** Call-day preferences the call model honours as soft goals. */
  callPreferences?: CallPreference[];
  /** Services (teams staffed by several rotations); absent = none. */
  services?: Service[];
  /** Swap approvals and candidate ranking; absent = the defaults (coordinator approves). */
  swaps?: SwapSettings;
  /** Offline review; absent = publishing does not wait for the program director's approval. */
  review?: ReviewSettings;
}

/** A finding from the compliance engine. */
export interface Finding {
  /** Stable id: rule + person + window, so acknowledgements survive re-validation. */
  id: string;
  ruleId: string;
  ruleType: string;
  severity: Severity;
  personId: string | null;
  /** Window the finding covers (inclusive dates). */
  start: IsoDate;
  end: IsoDate;
  /** Slots involved, for marking cells in the grid. */
  slots: Slot[];
  measured: number;
  limit: number;
  unit: string;
  message: string;
  explanation: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}
