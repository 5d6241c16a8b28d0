// Generation runs of a range of call blocks ('calls' with from_block … to_block), the options a run
// was started with (regenerate inpatient weeks, release locked calls, plan from scratch) and the
// blocks a year run or a call range could not generate, each with its diagnosis. SQLite cannot
// change a CHECK constraint in place, so the table is rebuilt; every row is copied as it was.
import { sql, type Kysely } from 'kysely';

const json = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR json_valid(${column}))`;

const COLUMNS =
  'id, draft_id, scope, academic_year, block_number, from_block, backend, time_limit_sec, status, optimal, ' +
  'stopped_by, message, actor, started_at, finished_at, figures, diagnosis, hard_findings, findings_count, ' +
  'explanations, plan';

const TO_BLOCK_CHECK = "to_block IS NULL OR (scope = 'calls' AND from_block IS NOT NULL AND to_block >= from_block)";

export const statements = [
  `CREATE TABLE generation_runs_v16 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id INTEGER REFERENCES drafts(id),
    scope TEXT NOT NULL CHECK (scope IN ('annual', 'block', 'calls', 'block+calls', 'year')),
    academic_year INTEGER NOT NULL,
    block_number INTEGER,
    -- Year scope: the first block generated; calls over a range: its first block.
    from_block INTEGER CHECK (from_block IS NULL OR scope IN ('year', 'calls')),
    -- Calls over a range: its last block.
    to_block INTEGER CHECK (${TO_BLOCK_CHECK}),
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
    ${json('plan', true)},
    -- { regenerateInpatientWeeks?, releaseLockedCalls?, keepCurrentPlan? }: what the run was asked to do.
    options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    -- [{ blockNumber, part, message, diagnosis }]: blocks the run could not generate.
    unsolved_blocks TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(unsolved_blocks))
  )`,
  `INSERT INTO generation_runs_v16 (${COLUMNS}) SELECT ${COLUMNS} FROM generation_runs`,
  `DROP TABLE generation_runs`,
  `ALTER TABLE generation_runs_v16 RENAME TO generation_runs`,
  `CREATE INDEX generation_runs_by_draft ON generation_runs(draft_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
