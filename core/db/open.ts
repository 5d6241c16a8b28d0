// Opening a program database: check the file read-only first, back it up before any pending
// migration, set the pragmas, and apply the migrations (all in one transaction).
import fs from 'node:fs';
import nodePath from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { currentAuditKeyring, registerAuditSeal, type AuditKeyring } from './audit-chain';
import { ProgramFileError } from './errors';
import { APPLICATION_ID, inspectProgramFile } from './inspect';
import { LATEST_SCHEMA_VERSION, MIGRATION_NAMES, migrationProvider } from './migrations';
import type { Database } from './schema';

export interface OpenDatabaseOptions {
  /** Create a new program database when the file does not exist. */
  create?: boolean;
  /** Migrate only up to this schema version (tests build older databases this way). */
  schemaVersion?: number;
  /** The keys audit entries are sealed with (default: the process's, core/db/audit-chain.ts). */
  auditKeyring?: AuditKeyring;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  sqlite: Sqlite.Database;
  path: string;
  schemaVersion: number;
  /** Copy made before migrating an older file, if any. */
  backupPath: string | null;
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function applyPragmas(sqlite: Sqlite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
}

export async function openDatabase(path: string, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const file = nodePath.resolve(path);
  const quoted = JSON.stringify(file);
  const target = options.schemaVersion ?? LATEST_SCHEMA_VERSION;
  const isNew = !fs.existsSync(file);
  if (isNew && !options.create) throw new ProgramFileError(file, 'missing', `${quoted} does not exist`);
  if (isNew && !fs.existsSync(nodePath.dirname(file)))
    throw new ProgramFileError(file, 'missing', `Cannot create ${quoted}: the folder ${JSON.stringify(nodePath.dirname(file))} does not exist`);

  const before = isNew ? { schemaVersion: 0 } : inspectProgramFile(file);
  if (before.schemaVersion > target)
    throw new ProgramFileError(file, 'too_new', `${quoted} is at schema version ${before.schemaVersion}, newer than ${target}`);

  const sqlite = new Sqlite(file, { fileMustExist: !isNew });
  let backupPath: string | null = null;
  try {
    registerAuditSeal(sqlite, options.auditKeyring ?? currentAuditKeyring());
    applyPragmas(sqlite);
    if (isNew) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    if (!isNew && before.schemaVersion < target) {
      // Fold the WAL into the main file so the copy holds every committed change.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      backupPath = `${file}.backup-v${before.schemaVersion}-${timestamp()}`;
      fs.copyFileSync(file, backupPath, fs.constants.COPYFILE_EXCL);
    }
  } catch (err) {
    sqlite.close();
    if (isNew) removeDatabaseFiles(file);
    throw err;
  }

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationProvider(target) });
  const { error } = await migrator.migrateTo(MIGRATION_NAMES[target - 1]);
  if (error) {
    await db.destroy();
    if (isNew) removeDatabaseFiles(file);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProgramFileError(file, 'migration_failed', `Could not upgrade ${quoted} to schema version ${target}: ${reason}${backupPath ? ` (the file is unchanged; a copy is at ${backupPath})` : ''}`);
  }
  sqlite.pragma(`user_version = ${target}`);
  // Put the header (application id, schema) into the main file now, so the file is recognised
  // as ours even if the app stops before SQLite's next checkpoint.
  if (isNew) sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { db, sqlite, path: file, schemaVersion: target, backupPath };
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}
