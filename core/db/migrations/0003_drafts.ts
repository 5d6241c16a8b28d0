// Drafts and publishing. A draft is a set of overlay rows over the published tables
// (assignments, calls, inpatient_weeks); publishing applies them and keeps every touched row's
// exact previous and new values in publication_rows so a rollback restores them to the byte.
// Acknowledged findings (with reason) live in finding_acknowledgements.
import { sql, type Kysely } from 'kysely';

const isoDate = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR ${column} GLOB ` +
  `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;
const sourceCheck = (column: string) =>
  `CHECK (${column} IS NULL OR ${column} IN ('preload', 'manual', 'solver', 'template'))`;

export const statements = [
  `CREATE TABLE drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    source TEXT NOT NULL CHECK (source IN ('manual', 'generation', 'import', 'swap')),
    note TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'published', 'discarded')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Bumped by every edit, so a stored validation knows whether it still describes the draft.
    revision INTEGER NOT NULL DEFAULT 0,
    -- Latest publication when the draft was created: later ones may have touched its cells.
    base_publication_id INTEGER,
    validated_at TEXT,
    validated_revision INTEGER,
    validation TEXT CHECK (validation IS NULL OR json_valid(validation)),
    publication_id INTEGER
  )`,
  `CREATE INDEX drafts_by_status ON drafts(status, updated_at)`,
  `CREATE TABLE draft_assignment_changes (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id),
    ${isoDate('date')},
    half TEXT NOT NULL CHECK (half IN ('AM', 'PM')),
    -- NULL = the slot is cleared in this draft.
    activity_code TEXT REFERENCES activities(code),
    source TEXT NOT NULL ${sourceCheck('source')},
    locked INTEGER NOT NULL CHECK (locked IN (0, 1)),
    PRIMARY KEY (draft_id, person_id, date, half)
  )`,
  `CREATE INDEX draft_assignment_changes_by_date ON draft_assignment_changes(draft_id, date)`,
  `CREATE TABLE draft_call_changes (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    ${isoDate('date')},
    call_type_code TEXT NOT NULL REFERENCES call_types(code),
    person_id TEXT NOT NULL REFERENCES people(id),
    -- 1 = the person has this call in the draft, 0 = the draft takes it away.
    assigned INTEGER NOT NULL CHECK (assigned IN (0, 1)),
    source TEXT ${sourceCheck('source')},
    CHECK ((assigned = 1) = (source IS NOT NULL)),
    PRIMARY KEY (draft_id, date, call_type_code, person_id)
  )`,
  `CREATE TABLE draft_inpatient_week_changes (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id),
    ${isoDate('start')},
    ${isoDate('"end"', true)},
    assigned INTEGER NOT NULL CHECK (assigned IN (0, 1)),
    CHECK ((assigned = 1) = ("end" IS NOT NULL)),
    CHECK ("end" IS NULL OR start <= "end"),
    PRIMARY KEY (draft_id, person_id, start)
  )`,
  `CREATE TABLE publications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    summary TEXT NOT NULL CHECK (json_valid(summary)),
    rolled_back_at TEXT,
    rolled_back_by TEXT,
    rollback_reason TEXT,
    CHECK ((rolled_back_at IS NULL) = (rolled_back_by IS NULL))
  )`,
  `CREATE TABLE publication_rows (
    publication_id INTEGER NOT NULL REFERENCES publications(id),
    seq INTEGER NOT NULL,
    table_name TEXT NOT NULL CHECK (table_name IN ('assignments', 'calls', 'inpatient_weeks')),
    -- Whole rows (with rowid) as JSON; NULL before = inserted, NULL after = deleted.
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    CHECK (before IS NOT NULL OR after IS NOT NULL),
    PRIMARY KEY (publication_id, seq)
  )`,
  `CREATE TABLE finding_acknowledgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id TEXT NOT NULL,
    -- NULL = acknowledged for the program, not just one draft.
    draft_id INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
    reason_code TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) > 0),
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    -- What the finding said when it was acknowledged.
    finding TEXT CHECK (finding IS NULL OR json_valid(finding))
  )`,
  `CREATE INDEX finding_acknowledgements_by_finding ON finding_acknowledgements(finding_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
