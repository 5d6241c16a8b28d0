// A call type's rule for the night the clocks fall back: 'scheduled_hours' (the call lasts its
// scheduled hours and ends an hour earlier on the clock) or 'clock_end' (it keeps its clock end
// and lasts an hour longer). Existing call types keep today's behaviour, the scheduled hours.
import { sql, type Kysely } from 'kysely';

export const statements = [
  `ALTER TABLE call_types ADD COLUMN clock_change TEXT NOT NULL DEFAULT 'scheduled_hours'
    CHECK (clock_change IN ('scheduled_hours', 'clock_end'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
