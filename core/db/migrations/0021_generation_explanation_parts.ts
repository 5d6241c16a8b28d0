// A generation run's explanations (one per decided cell: tens of MB of JSON for a year) are stored
// in parts with the draft the run wrote, each part a slice of the run's explanations written in its
// own short transaction while the draft is saved, so no one statement holds the main thread. The
// run's own `explanations` column then holds none ('[]'); runs stored before keep theirs there.
// The parts go with their draft (ON DELETE CASCADE): a save that fails or is cut short leaves none.
import { sql, type Kysely } from 'kysely';

export const statements = [
  `CREATE TABLE generation_explanation_parts (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    -- 0, 1, 2 …: the explanations in the run's order are part 0's, then part 1's, and so on.
    part INTEGER NOT NULL CHECK (part >= 0),
    explanations TEXT NOT NULL CHECK (json_valid(explanations) AND json_type(explanations) = 'array'),
    PRIMARY KEY (draft_id, part)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
