// Program files at an older schema version, for migration tests: the program is written at the
// latest schema into a scratch file, then copied table by table over the columns the old schema
// has. Tests keep working as later migrations add columns and tables.
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { openDatabase, type OpenedDatabase } from '../../core/db/open';
import { CONTENT_TABLES, replaceProgramData } from '../../core/db/program-data';
import type { ProgramData } from '../../core/domain/program';

/** `data` written into a new program file at the latest schema: what programAtSchema copies from. */
export async function programAtLatest(p: string, data: ProgramData): Promise<string> {
  const latest = await openDatabase(p, { create: true });
  await latest.db.transaction().execute((trx) => replaceProgramData(trx, data));
  await latest.db.destroy();
  return p;
}

/**
 * A new program file at `schemaVersion` holding `data` (what the old schema can hold of it), opened
 * at that version. `data` may be a file programAtLatest wrote (only read): a test that builds many
 * versions of one program writes it once.
 */
export async function programAtSchema(
  p: string,
  schemaVersion: number,
  data: ProgramData | string,
): Promise<OpenedDatabase> {
  await (await openDatabase(p, { create: true, schemaVersion })).db.destroy();
  const scratch = typeof data === 'string' ? data : await programAtLatest(`${p}.scratch`, data);
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
  if (typeof data !== 'string') for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
  return openDatabase(p, { schemaVersion });
}
