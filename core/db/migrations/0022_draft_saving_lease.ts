// A draft being saved in parts holds a lease (`saving_until`, an ISO instant) that each part's
// transaction renews. Opening the program for writing removes only a saving draft whose lease ran
// out (its save was cut short: a crash), not one another process (the app, while the command line
// opens the same file) is still writing. Drafts saving before this version have none: removed.
import { sql, type Kysely } from 'kysely';

export const statements = [`ALTER TABLE drafts ADD COLUMN saving_until TEXT`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
