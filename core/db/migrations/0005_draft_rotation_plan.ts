// Drafts hold the annual rotation plan too: draft_rotation_changes is the overlay over
// rotation_assignments (resident × block part → rotation, or NULL = the draft removes the entry),
// and publication_rows may now record rotation_assignments rows so a rollback restores them.
// SQLite cannot change a CHECK constraint, so publication_rows is rebuilt with its rows kept.
import { sql, type Kysely } from 'kysely';

export const statements = [
  `CREATE TABLE draft_rotation_changes (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id),
    academic_year INTEGER NOT NULL REFERENCES academic_years(id),
    block_number INTEGER NOT NULL CHECK (block_number >= 0),
    part TEXT NOT NULL CHECK (part IN ('full', 'first', 'second')),
    -- NULL = the draft removes this plan entry.
    rotation_id TEXT REFERENCES rotations(id),
    PRIMARY KEY (draft_id, person_id, academic_year, block_number, part)
  )`,
  `CREATE TABLE publication_rows_v5 (
    publication_id INTEGER NOT NULL REFERENCES publications(id),
    seq INTEGER NOT NULL,
    table_name TEXT NOT NULL CHECK (table_name IN ('assignments', 'calls', 'inpatient_weeks', 'rotation_assignments')),
    -- Whole rows (with rowid) as JSON; NULL before = inserted, NULL after = deleted.
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    CHECK (before IS NOT NULL OR after IS NOT NULL),
    PRIMARY KEY (publication_id, seq)
  )`,
  `INSERT INTO publication_rows_v5 (publication_id, seq, table_name, before, after)
    SELECT publication_id, seq, table_name, before, after FROM publication_rows`,
  `DROP TABLE publication_rows`,
  `ALTER TABLE publication_rows_v5 RENAME TO publication_rows`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
