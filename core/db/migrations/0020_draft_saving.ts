// A large draft (a year's generated schedule) is written in parts, each its own short transaction,
// so the app keeps answering while it is saved. Until its last part is stored the draft row says
// `saving = 1`: nothing lists, opens, edits, publishes or exports it, and a save cut short (a crash)
// leaves a row that the next open of the program removes with its rows.
import { sql, type Kysely } from 'kysely';

export const statements = [`ALTER TABLE drafts ADD COLUMN saving INTEGER NOT NULL DEFAULT 0 CHECK (saving IN (0, 1))`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
