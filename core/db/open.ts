// Opening a program database: check the file read-only first, back it up before any pending
// migration, set the pragmas, and apply the migrations (all in one transaction).
import fs from 'node:fs';
import nodePath from 'node:path';
import Sqlite from 'better-sqlite3';
import { type Driver, Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { currentAuditKeyring, registerAuditSeal, type AuditKeyring } from './audit-chain';
import { WalCheckpoints } from './checkpoints';
import { ProgramFileError } from './errors';
import { APPLICATION_ID, inspectProgramFile } from './inspect';
import { LATEST_SCHEMA_VERSION, MIGRATION_NAMES, migrationProvider } from './migrations';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export interface OpenDatabaseOptions {
  /** Create a new program database when the file does not exist. */
  create?: boolean;
  /** Migrate only up to this schema version (tests build older databases this way). */
  schemaVersion?: number;
  /** The keys audit entries are sealed with (default: the process's, core/db/audit-chain.ts). */
  auditKeyring?: AuditKeyring;
  /** Open for reading only: nothing is written to the file, not even its header. */
  readOnly?: boolean;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  sqlite: Sqlite.Database;
  path: string;
  schemaVersion: number;
  /** Copy made before migrating an older file, if any. */
  backupPath: string | null;
  readOnly: boolean;
}

function timestamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The connection's settings; the file itself is changed only when it is not in WAL mode yet. */
function applyPragmas(sqlite: Sqlite.Database): void {
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
}

/** Whether the file can be written here (its permissions, an immutable flag, a read-only disk). */
export function isWritableFile(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r+'));
    fs.accessSync(nodePath.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Open an existing program for reading only: no pragma, no migration, no header stamp writes to it. */
function openReadOnly(
  file: string,
  quoted: string,
  schemaVersion: number,
  target: number,
  keyring: AuditKeyring,
): OpenedDatabase {
  if (schemaVersion < target)
    throw new ProgramFileError(
      file,
      'needs_upgrade',
      isWritableFile(file)
        ? // Writable, but opened only to read (e.g. a command line command that reads): reading never writes.
          `${quoted} was written by an earlier version (schema version ${schemaVersion}) and must be upgraded ` +
            `before it can be read, which only happens when it is opened to make changes: open it once in the app, ` +
            `or with a command that changes the program, and it is upgraded (a copy of the old file is kept)`
        : `${quoted} was written by an earlier version (schema version ${schemaVersion}) and must be upgraded to ` +
            `open, which needs write access: it is read-only here. Copy it somewhere you can write, or ask for ` +
            `write access`,
    );
  const { db, sqlite } = openReadConnection(file, keyring);
  return { db, sqlite, path: file, schemaVersion, backupPath: null, readOnly: true };
}

/**
 * A read-only connection to an existing program file: no pragma writes, no migration. Beside the
 * writing connection (WAL) it reads the last committed state, never a write transaction's rows.
 */
export function openReadConnection(
  file: string,
  keyring: AuditKeyring = currentAuditKeyring(),
): { db: Kysely<Database>; sqlite: Sqlite.Database } {
  const sqlite = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    registerAuditSeal(sqlite, keyring);
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { db: programKysely(sqlite), sqlite };
}

/**
 * The query builder over one connection. When a statement fails with SQLITE_FULL or an I/O error,
 * SQLite rolls the transaction back itself; Kysely's own ROLLBACK then failed with "cannot rollback -
 * no transaction is active", and that error replaced the real one (a full disk read as a rollback
 * fault). The rollback is skipped when SQLite has already made it.
 */
export function programKysely(sqlite: Sqlite.Database, checkpoints?: WalCheckpoints): Kysely<Database> {
  return new Kysely<Database>({ dialect: new ProgramDialect(sqlite, checkpoints) });
}

/**
 * `checkpoints` (the writing connection's): the WAL is folded into the file on their thread after
 * commits, not in the COMMIT; closing the connection ends their thread first.
 */
class ProgramDialect extends SqliteDialect {
  readonly #sqlite: Sqlite.Database;
  readonly #checkpoints: WalCheckpoints | undefined;

  constructor(sqlite: Sqlite.Database, checkpoints?: WalCheckpoints) {
    super({ database: withStatementCache(sqlite) });
    this.#sqlite = sqlite;
    this.#checkpoints = checkpoints;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    const sqlite = this.#sqlite;
    driver.rollbackTransaction = async (connection) => {
      if (sqlite.inTransaction) await rollback(connection);
    };
    const checkpoints = this.#checkpoints;
    if (checkpoints) {
      const commit = driver.commitTransaction.bind(driver);
      driver.commitTransaction = async (connection) => {
        await commit(connection);
        checkpoints.afterCommit();
      };
      const destroy = driver.destroy.bind(driver);
      driver.destroy = async () => {
        await checkpoints.close();
        await destroy();
      };
    }
    return driver;
  }
}

export async function openDatabase(path: string, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const file = nodePath.resolve(path);
  const quoted = JSON.stringify(file);
  const target = options.schemaVersion ?? LATEST_SCHEMA_VERSION;
  const keyring = options.auditKeyring ?? currentAuditKeyring();
  const isNew = !fs.existsSync(file);
  if (isNew && !options.create) throw new ProgramFileError(file, 'missing', `${quoted} does not exist`);
  if (isNew && !fs.existsSync(nodePath.dirname(file)))
    throw new ProgramFileError(
      file,
      'missing',
      `Cannot create ${quoted}: the folder ${JSON.stringify(nodePath.dirname(file))} does not exist`,
    );

  const before = isNew ? { schemaVersion: 0 } : inspectProgramFile(file, 'opening');
  if (before.schemaVersion > target)
    throw new ProgramFileError(
      file,
      'too_new',
      `${quoted} is at schema version ${before.schemaVersion}, newer than ${target}`,
    );
  if (options.readOnly && !isNew) return openReadOnly(file, quoted, before.schemaVersion, target, keyring);

  const sqlite = new Sqlite(file, { fileMustExist: !isNew });
  let backupPath: string | null = null;
  try {
    registerAuditSeal(sqlite, keyring);
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

  const db = programKysely(sqlite, new WalCheckpoints(sqlite, file));
  // An up-to-date file is not touched: the migrator writes its lock row even when it has nothing to do.
  if (before.schemaVersion !== target) {
    const migrator = new Migrator({ db, provider: migrationProvider(target) });
    const { error } = await migrator.migrateTo(MIGRATION_NAMES[target - 1]);
    if (error) {
      await db.destroy();
      if (isNew) removeDatabaseFiles(file);
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProgramFileError(
        file,
        'migration_failed',
        `Could not upgrade ${quoted} to schema version ${target}: ` +
          `${reason}${backupPath ? ` (the file is unchanged; a copy is at ${backupPath})` : ''}`,
      );
    }
  }
  if (sqlite.pragma('user_version', { simple: true }) !== target) sqlite.pragma(`user_version = ${target}`);
  // Put the header (application id, schema) into the main file now, so the file is recognised
  // as ours even if the app stops before SQLite's next checkpoint.
  if (isNew) sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { db, sqlite, path: file, schemaVersion: target, backupPath, readOnly: false };
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}
