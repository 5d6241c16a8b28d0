// Services: the inpatient-team and night-float rules, which named one rotation each, become
// services (teams staffed by several rotations, with staffing per PGY level) and service_staffing
// rules keeping their ids, severities and scopes — as exchange files of version 2 do on import.
import { sql, type Kysely } from 'kysely';
import { upgradeSettingsToV3 } from '../../domain/program-upgrade';

export async function up(db: Kysely<unknown>): Promise<void> {
  const row = (await sql<{ json: string }>`SELECT json FROM program_settings WHERE id = 1`.execute(db)).rows[0];
  if (!row) return;
  const levels = await sql<{ level: number }>`SELECT DISTINCT p.level
    FROM person_pgy p JOIN people x ON x.id = p.person_id
    WHERE x.kind = 'resident'
    ORDER BY p.level`.execute(db);
  const rotations = await sql<{ code: string; name: string }>`SELECT code, name FROM rotations ORDER BY rowid`.execute(
    db,
  );
  const context = { pgyLevels: levels.rows.map((r) => r.level), rotations: rotations.rows };
  const upgraded = JSON.stringify(upgradeSettingsToV3(JSON.parse(row.json), context));
  await sql`UPDATE program_settings SET json = ${upgraded} WHERE id = 1`.execute(db);
}
