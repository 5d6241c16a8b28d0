// Program files at an older schema version, for migration tests: the program is written at the
// latest schema into a scratch file, then copied table by table over the columns the old schema
// has. Tests keep working as later migrations add columns and tables.
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { openDatabase, type OpenedDatabase } from '../../core/db/open';
import { CONTENT_TABLES, replaceProgramData } from '../../core/db/program-data';
import type { ProgramData } from '../../core/domain/program';

/** A new program file at `schemaVersion` holding `data` (what the old schema can hold of it), opened at that version. */
export async function programAtSchema(p: string, schemaVersion: number, data: ProgramData): Promise<OpenedDatabase> {
  await (await openDatabase(p, { create: true, schemaVersion })).db.destroy();
  const scratch = `${p}.scratch`;
  const latest = await openDatabase(scratch, { create: true });
  await latest.db.transaction().execute((trx) => replaceProgramData(trx, data));
  await latest.db.destroy();
  const db = new Sqlite(p);
  db.exec(`ATTACH DATABASE '${scratch.replace(/'/g, "''")}' AS scratch`);
  db.transaction(() => {
    // Parents first (CONTENT_TABLES lists children first).
    for (const table of [...CONTENT_TABLES].reverse()) {
      const columns = (db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[]).map(
        (c) => `"${c.name}"`,
      );
      if (!columns.length) continue;
      db.exec(
        `DELETE FROM main.${table}; INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM scratch.${table}`,
      );
    }
  })();
  db.exec('DETACH DATABASE scratch');
  db.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
  return openDatabase(p, { schemaVersion });
}
