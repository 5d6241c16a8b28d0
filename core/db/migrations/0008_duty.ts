// Duty the ACGME way: activities say whether they are new patient care (the 4 hours after 24 h
// of continuous work allow only transitions of care and education), moonlighting records the
// program director's approval, and callbacks (in-house time during home call) get their table.
// Existing activities are patient care when clinical; existing moonlighting counts as approved
// (it was entered before approval was recorded). The settings gain the moonlighting rules
// (PGY-1 residents may not moonlight; approval), as exchange files of version 1 do on import.
import { sql, type Kysely } from 'kysely';
import { upgradeSettingsToV2 } from '../../domain/program-upgrade';

const bool = (column: string, fallback: 0 | 1) =>
  `${column} INTEGER NOT NULL DEFAULT ${fallback} CHECK (${column} IN (0, 1))`;

export const statements = [
  `ALTER TABLE activities ADD COLUMN ${bool('patient_care', 0)}`,
  `UPDATE activities SET patient_care = CASE WHEN category = 'clinical' THEN 1 ELSE 0 END`,
  `ALTER TABLE moonlighting ADD COLUMN ${bool('approved', 1)}`,
  `CREATE TABLE callbacks (
    id TEXT PRIMARY KEY CHECK (length(id) > 0),
    person_id TEXT NOT NULL REFERENCES people(id),
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    note TEXT,
    CHECK (start < "end")
  )`,
  `CREATE INDEX callbacks_by_person ON callbacks(person_id, start)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const row = (await sql<{ json: string }>`SELECT json FROM program_settings WHERE id = 1`.execute(db)).rows[0];
  if (!row) return;
  const upgraded = JSON.stringify(upgradeSettingsToV2(JSON.parse(row.json)));
  await sql`UPDATE program_settings SET json = ${upgraded} WHERE id = 1`.execute(db);
}
