// Halves only where a block has them (core/domain/plan-entries): a block shorter than 21 days has
// none (before: shorter than 15), and the annual plan names only the parts its blocks have. Older
// files could hold half-block entries in a short block (the demo generator made them for large
// programs; the importer did not check): such an entry becomes the whole block — the first half's
// rotation, or the second's when it is alone, which is what the grid showed. Drafts alike.
import { sql, type Kysely } from 'kysely';

const noHalves = (t: string) =>
  `EXISTS (SELECT 1 FROM blocks b WHERE b.academic_year = ${t}.academic_year AND b.number = ${t}.block_number AND ` +
  `b.second_half_start = b.start)`;

/** The same block of the same resident (and draft) under another part. */
const sibling = (table: string, t: string, parts: string, draft: boolean) =>
  `EXISTS (SELECT 1 FROM ${table} o WHERE o.person_id = ${t}.person_id AND o.academic_year = ${t}.academic_year
    AND o.block_number = ${t}.block_number AND o.part IN (${parts})${draft ? ` AND o.draft_id = ${t}.draft_id` : ''})`;

function normalise(table: string, draft: boolean): string[] {
  return [
    `DELETE FROM ${table} WHERE rowid IN (SELECT t.rowid FROM ${table} t WHERE t.part = 'second' AND ` +
      `${noHalves('t')} AND ${sibling(table, 't', "'first', 'full'", draft)})`,
    `DELETE FROM ${table} WHERE rowid IN (SELECT t.rowid FROM ${table} t WHERE t.part = 'first' AND ` +
      `${noHalves('t')} AND ${sibling(table, 't', "'full'", draft)})`,
    `UPDATE ${table} SET part = 'full' WHERE rowid IN (SELECT t.rowid FROM ${table} t WHERE t.part IN ('first', ` +
      `'second') AND ${noHalves('t')})`,
  ];
}

export const statements = [
  `UPDATE blocks SET second_half_start = start WHERE julianday("end") - julianday(start) + 1 < 21`,
  ...normalise('rotation_assignments', false),
  ...normalise('draft_rotation_changes', true),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
