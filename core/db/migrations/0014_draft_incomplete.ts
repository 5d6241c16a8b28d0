// What a draft is missing: a generation stopped part-way records the parts it did not generate
// (e.g. a block's half-day schedule after its calls changed). Their flags block publishing until
// acknowledged, so a half-built schedule cannot go out unnoticed. JSON array; NULL = complete.
import { sql, type Kysely } from 'kysely';

export const statements = [
  `ALTER TABLE drafts ADD COLUMN incomplete TEXT CHECK (incomplete IS NULL OR json_valid(incomplete))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
