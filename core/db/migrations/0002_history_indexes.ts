// Indexes for per-person history: calls by person (personal calendars, fairness counts) and the
// audit trail of one entity (the "history" panel of a person or absence).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX calls_by_person ON calls(person_id, date)`.execute(db);
  await sql`CREATE INDEX calls_by_date ON calls(date)`.execute(db);
  await sql`CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id)`.execute(db);
}
