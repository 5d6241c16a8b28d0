// Swap requests: a faculty member (or resident) gives an inpatient week or a call to a colleague,
// one-to-one (for one of theirs) or to absorb. A request keeps the exact change it was approved
// for (`plan`: every slot, call and week with its value before and after), the score the
// candidate had, the soft findings it adds, and its lifecycle; executing it publishes a draft,
// so `publication_id` is what a rollback undoes. Approvals (coordinator, program director) are
// rows of swap_approvals; every step is also in the audit log.
import { sql, type Kysely } from 'kysely';

const json = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR json_valid(${column}))`;

export const statements = [
  `CREATE TABLE swaps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('one_to_one', 'absorb')),
    item_kind TEXT NOT NULL CHECK (item_kind IN ('inpatient_week', 'call')),
    -- Who gives the item, and the item ({ start, end } or { date, callTypeCode }).
    requester_id TEXT NOT NULL REFERENCES people(id),
    ${json('item')},
    -- Who takes it, and (one-to-one) what they give back.
    counterpart_id TEXT NOT NULL REFERENCES people(id),
    ${json('counter_item', true)},
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'executed', 'rolled_back', 'rejected', 'cancelled')),
    reason TEXT NOT NULL CHECK (length(reason) > 0),
    needs_program_director INTEGER NOT NULL CHECK (needs_program_director IN (0, 1)),
    ${json('plan')},
    ${json('score')},
    ${json('findings')},
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Rejected or cancelled: by whom, when and why.
    decided_by TEXT,
    decided_at TEXT,
    decision_reason TEXT,
    draft_id INTEGER REFERENCES drafts(id),
    publication_id INTEGER REFERENCES publications(id),
    executed_by TEXT,
    executed_at TEXT,
    rolled_back_by TEXT,
    rolled_back_at TEXT,
    rollback_reason TEXT,
    CHECK ((kind = 'one_to_one') = (counter_item IS NOT NULL)),
    CHECK (requester_id <> counterpart_id),
    CHECK ((status IN ('executed', 'rolled_back')) = (publication_id IS NOT NULL))
  )`,
  `CREATE INDEX swaps_by_status ON swaps(status, requested_at)`,
  `CREATE TABLE swap_approvals (
    swap_id INTEGER NOT NULL REFERENCES swaps(id),
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'program_director')),
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (swap_id, role)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
