// Read-only check of an existing file before we open it for writing: is it SQLite, is it ours,
// is it intact, which schema version is it at. Leaves the file (and its directory) as it found it.
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { ProgramFileError } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATION_NAMES, versionOf } from './migrations';

/** PRAGMA application_id of every program database ("RESD"), so foreign SQLite files are recognised. */
export const APPLICATION_ID = 0x52455344;
export const APPLICATION_MARKER = 'residency-scheduler';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const SIDE_FILES = ['-wal', '-shm', '-journal'];

export interface FileInspection {
  schemaVersion: number;
  /** Names of migrations already applied. */
  applied: string[];
  /** Which integrity check the file passed. */
  checked: 'quick' | 'full';
}

/**
 * How thoroughly to check a file. 'full' is PRAGMA integrity_check: every page and record, and every
 * index against its table. It grows with the file and its history (0.3 CPU-s at 150 residents, 0.5 at
 * 250, read before the app can show anything). 'opening' runs the full check only where damage is
 * likely or costly: after an unclean close (SQLite removes the -wal file when the last connection
 * closes, so one left behind means a crash, a power cut or another process still writing) and before
 * a migration rewrites tables. A cleanly closed file gets quick_check, which reads every page and
 * record (a torn or scribbled page is refused) but does not compare indexes with their tables, at a
 * fifth to a seventh of the cost. Every backup is checked in full (core/services/backups.ts).
 */
export type IntegrityCheck = 'full' | 'opening';

function readHeader(path: string): Buffer {
  const fd = fs.openSync(path, 'r');
  try {
    const header = Buffer.alloc(HEADER_SIZE);
    const read = fs.readSync(fd, header, 0, HEADER_SIZE, 0);
    return header.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** Runs `fn` and removes any -wal/-shm/-journal file that SQLite created meanwhile. */
function withoutNewSideFiles<T>(path: string, fn: () => T): T {
  const existed = new Set(SIDE_FILES.filter((suffix) => fs.existsSync(path + suffix)));
  try {
    return fn();
  } finally {
    for (const suffix of SIDE_FILES) if (!existed.has(suffix)) fs.rmSync(path + suffix, { force: true });
  }
}

export function inspectProgramFile(path: string, check: IntegrityCheck = 'full'): FileInspection {
  const quoted = JSON.stringify(path);
  const stat = fs.statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new ProgramFileError(path, 'missing', `${quoted} does not exist`);
  if (!stat.isFile()) throw new ProgramFileError(path, 'not_sqlite', `${quoted} is not a file`);
  const header = readHeader(path);
  if (header.length < HEADER_SIZE || !header.subarray(0, 16).equals(SQLITE_MAGIC))
    throw new ProgramFileError(
      path,
      'not_sqlite',
      `${quoted} is not a SQLite database${stat.size === 0 ? ' (the file is empty)' : ''}`,
    );
  // In WAL mode a header change can still sit in the -wal file (after a crash, before a
  // checkpoint); then SQLite itself has to say what the application id is.
  const headerId = header.readUInt32BE(68);
  const foreign = () =>
    new ProgramFileError(
      path,
      'foreign',
      `${quoted} is not a Residency Scheduler program database (it is a SQLite file from another application)`,
    );
  const closedCleanly = !fs.existsSync(`${path}-wal`);
  if (headerId !== APPLICATION_ID && closedCleanly) throw foreign();

  return withoutNewSideFiles(path, () => {
    let db: Sqlite.Database | undefined;
    try {
      db = new Sqlite(path, { readonly: true, fileMustExist: true });
      if (headerId !== APPLICATION_ID && db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
        throw foreign();
      const hasTable = (name: string) =>
        db!.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
      if (hasTable('meta')) {
        const marker = db.prepare(`SELECT value FROM meta WHERE key = 'application'`).get() as
          | { value: string }
          | undefined;
        if (marker && marker.value !== APPLICATION_MARKER)
          throw new ProgramFileError(
            path,
            'foreign',
            `${quoted} is not a Residency Scheduler program database (its meta table names "${marker.value}")`,
          );
      }
      const applied = hasTable('kysely_migration')
        ? (db.prepare(`SELECT name FROM kysely_migration ORDER BY name`).all() as { name: string }[]).map((r) => r.name)
        : [];
      const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
      if (unknown.length > 0)
        throw new ProgramFileError(
          path,
          'too_new',
          `${quoted} was written by a newer version of Residency Scheduler (it has schema changes this version does ` +
            `not know: ${unknown.join(', ')}; this version knows schema version ${LATEST_SCHEMA_VERSION})`,
        );
      // A file stamped by a newer version keeps its stamp: reading it must not re-stamp it.
      const stamped = Number(db.pragma('user_version', { simple: true }));
      if (stamped > LATEST_SCHEMA_VERSION)
        throw new ProgramFileError(
          path,
          'too_new',
          `${quoted} was written by a newer version of Residency Scheduler (schema version ${stamped}; this version ` +
            `knows ${LATEST_SCHEMA_VERSION})`,
        );
      const schemaVersion = versionOf(applied);
      const checked =
        check === 'opening' && closedCleanly && schemaVersion === LATEST_SCHEMA_VERSION ? 'quick' : 'full';
      const pragma = checked === 'quick' ? 'quick_check' : 'integrity_check';
      const problems = (db.pragma(pragma) as Record<string, string>[]).map((r) => r[pragma]);
      if (problems.length !== 1 || problems[0] !== 'ok')
        throw new ProgramFileError(
          path,
          'corrupt',
          `${quoted} failed the integrity check: ` +
            `${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
        );
      return { schemaVersion, applied, checked };
    } catch (err) {
      if (err instanceof ProgramFileError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      // SQLite reports damage while reading the schema as SQLITE_CORRUPT / SQLITE_NOTADB.
      throw new ProgramFileError(path, 'corrupt', `${quoted} failed the integrity check: ${message}`);
    } finally {
      db?.close();
    }
  });
}
