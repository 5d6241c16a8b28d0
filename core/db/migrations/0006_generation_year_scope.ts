// Generation runs of the whole-year scope ('year': the rotation plan, then every block's calls and
// half-days from a first block on). SQLite cannot change a CHECK constraint in place, so the table
// is rebuilt with 'year' among the scopes and a `from_block` column (the year scope's first block;
// NULL for the other scopes, whose period is `block_number`). Every row is copied as it was.
import { sql, type Kysely } from 'kysely';

const json = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR json_valid(${column}))`;

const COLUMNS =
  'id, draft_id, scope, academic_year, block_number, backend, time_limit_sec, status, optimal, stopped_by, message, ' +
  'actor, started_at, finished_at, figures, diagnosis, hard_findings, findings_count, explanations, plan';

export const statements = [
  `CREATE TABLE generation_runs_v6 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id INTEGER REFERENCES drafts(id),
    scope TEXT NOT NULL CHECK (scope IN ('annual', 'block', 'calls', 'block+calls', 'year')),
    academic_year INTEGER NOT NULL,
    block_number INTEGER,
    -- Year scope: the first block whose calls and half-days were generated.
    from_block INTEGER CHECK (from_block IS NULL OR scope = 'year'),
    backend TEXT NOT NULL CHECK (backend IN ('highs', 'glpk')),
    time_limit_sec REAL NOT NULL CHECK (time_limit_sec > 0),
    status TEXT NOT NULL CHECK (status IN ('succeeded', 'stopped', 'invalid', 'infeasible', 'failed')),
    -- 1 = every model was solved to proven optimality (within the requested gap).
    optimal INTEGER NOT NULL CHECK (optimal IN (0, 1)),
    stopped_by TEXT CHECK (stopped_by IS NULL OR stopped_by IN ('user', 'time_limit')),
    message TEXT NOT NULL,
    actor TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    ${json('figures')},
    ${json('diagnosis', true)},
    ${json('hard_findings')},
    findings_count INTEGER NOT NULL,
    ${json('explanations')},
    -- Annual runs before schema version 5: the proposed rotation plan (newer runs put it in their draft).
    ${json('plan', true)}
  )`,
  `INSERT INTO generation_runs_v6 (${COLUMNS}) SELECT ${COLUMNS} FROM generation_runs`,
  `DROP TABLE generation_runs`,
  `ALTER TABLE generation_runs_v6 RENAME TO generation_runs`,
  `CREATE INDEX generation_runs_by_draft ON generation_runs(draft_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
