// Absences of program-defined types and part-day absences. SQLite cannot change a CHECK
// constraint, so absences is rebuilt: `type` is any absence type code (built-in or defined in the
// program's settings), `part` is 'day' (whole days), 'AM', 'PM' or 'time' (start_time–end_time
// on each day). Every row is kept as it was (whole days). The settings take today's form
// (core/domain/program-upgrade, as exchange files of version 3 on import): every absence type blocks everything
// (recovery days kept), the new rules
// are added, credential_missing is for faculty. No schedule row is touched: work already on an
// approved absence is reported when the schedule is checked.
import { sql, type Kysely } from 'kysely';
import { upgradeSettingsToV4 } from '../../domain/program-upgrade';

const isoDate = (column: string) =>
  `${column} TEXT NOT NULL CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;
const clock = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB '[0-2][0-9]:[0-5][0-9]')`;

export const statements = [
  `CREATE TABLE absences_v7 (
    id TEXT PRIMARY KEY CHECK (length(id) > 0),
    person_id TEXT NOT NULL REFERENCES people(id),
    type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 32),
    ${isoDate('start')},
    ${isoDate('"end"')},
    part TEXT NOT NULL DEFAULT 'day' CHECK (part IN ('day', 'AM', 'PM', 'time')),
    ${clock('start_time')},
    ${clock('end_time')},
    status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'denied')),
    note TEXT,
    CHECK (start <= "end"),
    CHECK ((part = 'time') = (start_time IS NOT NULL AND end_time IS NOT NULL)),
    CHECK (part <> 'time' OR start_time < end_time)
  )`,
  `INSERT INTO absences_v7 (id, person_id, type, start, "end", part, status, note)
    SELECT id, person_id, type, start, "end", 'day', status, note FROM absences`,
  `DROP TABLE absences`,
  `ALTER TABLE absences_v7 RENAME TO absences`,
  `CREATE INDEX absences_by_person ON absences(person_id, start)`,
  `CREATE INDEX absences_by_date ON absences(start, "end")`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const row = await sql<{ json: string }>`SELECT json FROM program_settings WHERE id = 1`.execute(db);
  if (!row.rows.length) return;
  const settings = upgradeSettingsToV4(JSON.parse(row.rows[0].json));
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)} WHERE id = 1`.execute(db);
}
