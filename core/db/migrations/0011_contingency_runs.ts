// Contingency runs: N-1/N-2 sweeps and stress ladders, with what was asked, when, on which
// version of the schedule (the newest audit entry that changed it: a later one makes the run
// stale), whether it finished, its result, and for sweeps each week's outcome with the
// fingerprint of what the week read, so a re-run after a small edit recomputes only the weeks
// that changed.
import { sql, type Kysely } from 'kysely';

const json = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR json_valid(${column}))`;

export const statements = [
  `CREATE TABLE contingency_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('sweep', 'stress')),
    actor TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    schedule_version INTEGER NOT NULL,
    -- 0 = stopped or at the time limit before every week (sample) was done.
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    ${json('params')},
    ${json('result')},
    ${json('weeks', true)}
  )`,
  `CREATE INDEX contingency_runs_by_kind ON contingency_runs(kind, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
