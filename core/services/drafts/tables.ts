// The kysely view of the draft tables (migrations 0003_drafts, 0005_draft_rotation_plan, 0024), added to
// the program's schema.
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database, Flag } from '../../db/schema';

export interface DraftsTable {
  id: Generated<number>;
  name: string;
  source: string;
  note: string | null;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  revision: Generated<number>;
  base_publication_id: number | null;
  validated_at: string | null;
  validated_revision: number | null;
  /** JSON DraftValidation. */
  validation: string | null;
  publication_id: number | null;
  /** JSON IncompletePart[] (migration 0014): what a stopped generation left out; NULL = complete. */
  incomplete: string | null;
  /** 1 while the draft is being written in parts (migration 0020): not yet a draft anyone may see. */
  saving: Generated<Flag>;
  /** While saving (migration 0022): until when its save holds the draft (renewed by each part); ISO. */
  saving_until: string | null;
}

export interface DraftAssignmentChangesTable {
  draft_id: number;
  person_id: string;
  date: string;
  half: string;
  activity_code: string | null;
  source: string;
  locked: Flag;
}

export interface DraftCallChangesTable {
  draft_id: number;
  date: string;
  call_type_code: string;
  person_id: string;
  assigned: Flag;
  source: string | null;
}

export interface DraftInpatientWeekChangesTable {
  draft_id: number;
  person_id: string;
  start: string;
  end: string | null;
  assigned: Flag;
}

/** The draft's annual rotation plan entries; rotation_id NULL = the draft removes the entry. */
export interface DraftRotationChangesTable {
  draft_id: number;
  person_id: string;
  academic_year: number;
  block_number: number;
  part: string;
  rotation_id: string | null;
}

export interface PublicationsTable {
  id: Generated<number>;
  draft_id: number;
  published_at: string;
  published_by: string;
  summary: string;
  rolled_back_at: string | null;
  rolled_back_by: string | null;
  rollback_reason: string | null;
}

/** A part of a publication's record of what it changed (migration 0024; core/db/publication-records). */
export interface PublicationRecordsTable {
  publication_id: number;
  /** The part's first row's seq: its rows are seq, seq + 1 … in order. */
  seq: number;
  table_name: 'assignments' | 'calls' | 'inpatient_weeks' | 'rotation_assignments';
  row_count: number;
  /** The rows before and after, compact (encodePart). */
  rows: Uint8Array;
}

export interface FindingAcknowledgementsTable {
  id: Generated<number>;
  finding_id: string;
  draft_id: number | null;
  reason_code: string;
  reason: string;
  actor: string;
  at: string;
  finding: string | null;
}

export interface DraftDatabase extends Database {
  drafts: DraftsTable;
  draft_assignment_changes: DraftAssignmentChangesTable;
  draft_call_changes: DraftCallChangesTable;
  draft_inpatient_week_changes: DraftInpatientWeekChangesTable;
  draft_rotation_changes: DraftRotationChangesTable;
  publications: PublicationsTable;
  publication_records: PublicationRecordsTable;
  finding_acknowledgements: FindingAcknowledgementsTable;
}

export type DraftDb = Kysely<DraftDatabase>;
export type DraftTrx = Transaction<DraftDatabase>;

/** The program's query builder, typed with the draft tables (they exist from schema version 3). */
export function draftDb(db: Kysely<Database>): DraftDb {
  return db as unknown as DraftDb;
}
