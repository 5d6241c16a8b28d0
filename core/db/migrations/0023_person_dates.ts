// People's first and last day in the program (core/domain/program-dates): an off-cycle start, a
// transfer, a separation. Both optional and inclusive; a last day before the first is refused.
// Nobody had dates before this version: every row gets none, and no schedule is rewritten.
import { sql, type Kysely } from 'kysely';

export const statements = [
  `ALTER TABLE people ADD COLUMN start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date)`,
  `ALTER TABLE people ADD COLUMN end_date TEXT CHECK (end_date IS NULL OR (date(end_date) = end_date AND ` +
    `(start_date IS NULL OR end_date >= start_date)))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
