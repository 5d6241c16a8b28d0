// Schedule generation runs: what was asked (scope, period, backend, time limit), how it went
// (status, proven optimal or not, message, solver figures, the infeasibility diagnosis, hard
// findings) and, for the draft it wrote, the model's explanations of every decided cell ("why is
// this cell X"). A run that wrote nothing (infeasible, failed) is kept too; a hard-cancelled run
// leaves no row.
import { sql, type Kysely } from 'kysely';

const json = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR json_valid(${column}))`;

export const statements = [
  `CREATE TABLE generation_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id INTEGER REFERENCES drafts(id),
    scope TEXT NOT NULL CHECK (scope IN ('annual', 'block', 'calls', 'block+calls')),
    academic_year INTEGER NOT NULL,
    block_number INTEGER,
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
    -- Annual scope: the proposed rotation plan (drafts hold half-days, calls and inpatient weeks).
    ${json('plan', true)}
  )`,
  `CREATE INDEX generation_runs_by_draft ON generation_runs(draft_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
