// Shift-based rotations: a rotation may carry its shifts (JSON ShiftRotation, NULL = worked from
// its weekly pattern), and the rules that check them — each day's shift cover and each resident's
// shift limits — join the program's rule settings (enabled, as a new program gets them) unless a
// rule of that type is there already.
import { sql, type Kysely } from 'kysely';

// As the defaults had them when this migration was written (a migration never changes).
const residents = { kinds: ['resident'], pgyLevels: [] };
const SHIFT_RULES = [
  { id: 'shift_cover', type: 'shift_cover', enabled: true, severity: 'high', scope: residents, params: {} },
  { id: 'shift_limits', type: 'shift_limits', enabled: true, severity: 'high', scope: residents, params: {} },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE rotations
    ADD COLUMN shifts TEXT CHECK (shifts IS NULL OR (json_valid(shifts) AND json_type(shifts) = 'object'))`.execute(db);
  const row = await sql<{ json: string }>`SELECT json FROM program_settings WHERE id = 1`.execute(db);
  if (!row.rows.length) return;
  const settings = JSON.parse(row.rows[0].json) as { rules?: { id: string; type: string }[] };
  const rules = settings.rules ?? [];
  const ids = new Set(rules.map((r) => r.id));
  const types = new Set(rules.map((r) => r.type));
  for (const rule of SHIFT_RULES) if (!types.has(rule.type) && !ids.has(rule.id)) rules.push(rule);
  settings.rules = rules;
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)} WHERE id = 1`.execute(db);
}
