// The kysely view of the program database: one interface per table, column types as SQLite
// stores them (booleans are 0/1 integers, JSON is text). Mapping to domain types lives in
// core/db/rows.ts so this file stays a plain description of the tables.
import type { Generated } from 'kysely';

/** 0 or 1: SQLite has no boolean type. */
export type Flag = number;

export interface MetaTable {
  key: string;
  value: string;
}

export interface ProgramSettingsTable {
  /** Always 1: the table holds one row. */
  id: number;
  json: string;
}

export interface AcademicYearsTable {
  id: number;
}

export interface BlocksTable {
  academic_year: number;
  number: number;
  start: string;
  end: string;
  second_half_start: string;
}

export interface HolidaysTable {
  date: string;
  name: string;
  day_type: string;
}

export interface PeopleTable {
  id: string;
  name: string;
  kind: string;
  faculty_role: string | null;
  email: string | null;
  active: Flag;
  /** First and last day in the program (inclusive), or null. */
  start_date: string | null;
  end_date: string | null;
}

export interface PersonPgyTable {
  person_id: string;
  academic_year: number;
  level: number;
}

export interface CredentialsTable {
  person_id: string;
  activity_code: string;
  status: string;
  expires: string | null;
}

export interface CertificationsTable {
  id: Generated<number>;
  person_id: string;
  kind: string;
  issued: string;
  expires: string;
}

export interface ActivitiesTable {
  code: string;
  name: string;
  category: string;
  needs_supervision: Flag;
  provides_supervision: Flag;
  protected: Flag;
  counts_toward_duty_hours: Flag;
  patient_care: Flag;
  counts_toward_clinic_capacity: Flag;
  extra_supervision_units: number;
  am_start: string | null;
  am_end: string | null;
  pm_start: string | null;
  pm_end: string | null;
  color: string;
  location: string | null;
}

export interface RotationsTable {
  id: string;
  code: string;
  name: string;
  setting: string;
  leave_eligible: Flag;
  capacity: number;
  works_weekends: Flag;
  half_block: Flag;
  /** JSON array of pattern weeks. */
  pattern: string;
  /** JSON object activity code → half-days per week. */
  weekly_targets: string;
  /** JSON array of standing-rule ids. */
  exempt_from: string;
  color: string;
  /** JSON ShiftRotation of a shift-based rotation, NULL otherwise (schema version 12). */
  shifts?: string | null;
}

export interface RotationAssignmentsTable {
  person_id: string;
  academic_year: number;
  block_number: number;
  part: string;
  rotation_id: string;
}

export interface AbsencesTable {
  id: string;
  person_id: string;
  type: string;
  start: string;
  end: string;
  /** 'day' (whole days), 'AM', 'PM' or 'time' (start_time–end_time each day). */
  part: string;
  start_time: string | null;
  end_time: string | null;
  status: string;
  note: string | null;
}

export interface AssignmentsTable {
  person_id: string;
  date: string;
  half: string;
  activity_code: string;
  source: string;
  locked: Flag;
}

export interface CallTypesTable {
  code: string;
  name: string;
  start: string;
  end: string;
  in_house: Flag;
  for_kind: string;
  counts_toward_duty_hours: Flag;
  clock_change: string;
}

export interface CallsTable {
  date: string;
  call_type_code: string;
  person_id: string;
  source: string;
}

export interface InpatientWeeksTable {
  person_id: string;
  start: string;
  end: string;
}

export interface MoonlightingTable {
  id: string;
  person_id: string;
  start: string;
  end: string;
  internal: Flag;
  approved: Flag;
}

export interface CallbacksTable {
  id: string;
  person_id: string;
  start: string;
  end: string;
  note: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  person_id: string | null;
  /** scrypt$N$r$p$salt$hash (core/services/passwords.ts). */
  password_hash: string;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<Flag>;
  must_change_password: Flag;
  created_at: string;
  last_sign_in_at: string | null;
}

/** The seal of one audit entry (migration 0016, core/db/audit-chain.ts). */
export interface AuditChainTable {
  entry_id: number;
  key_id: string;
  prev_mac: string;
  mac: string;
}

/** The newest sealed entry, itself sealed (one row). */
export interface AuditHeadTable {
  id: number;
  entry_id: number;
  mac: string;
  key_id: string;
  seal: string;
}

export interface Database {
  meta: MetaTable;
  program_settings: ProgramSettingsTable;
  academic_years: AcademicYearsTable;
  blocks: BlocksTable;
  holidays: HolidaysTable;
  people: PeopleTable;
  person_pgy: PersonPgyTable;
  credentials: CredentialsTable;
  certifications: CertificationsTable;
  activities: ActivitiesTable;
  rotations: RotationsTable;
  rotation_assignments: RotationAssignmentsTable;
  absences: AbsencesTable;
  assignments: AssignmentsTable;
  call_types: CallTypesTable;
  calls: CallsTable;
  inpatient_weeks: InpatientWeeksTable;
  moonlighting: MoonlightingTable;
  callbacks: CallbacksTable;
  audit_log: AuditLogTable;
  accounts: AccountsTable;
  audit_chain: AuditChainTable;
  audit_head: AuditHeadTable;
}
