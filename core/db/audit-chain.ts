// The audit chain: every audit_log entry is sealed, as it is written, with an HMAC-SHA-256 over its
// content and the previous entry's seal, keyed with a secret kept OUTSIDE the program file (the
// audit keyring: Electron's safeStorage on the workstation, a key file in the user-data folder for
// the CLI and the test host). Editing, deleting, reordering or adding an entry outside the app
// breaks the chain at that entry; the newest entries cannot be cut off unnoticed either (a sealed
// head names the last entry). The sealing runs inside SQLite (a trigger calling functions this
// module registers on every connection the app opens), so every service's audit() call is sealed
// in its own transaction without knowing about it. docs/audit-chain.md has the threat model.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Sqlite from 'better-sqlite3';

export interface AuditKey {
  /** Short fingerprint stored with each seal, so a verifier knows which key to use. */
  id: string;
  secret: Buffer;
}

/** The key new entries are sealed with, and every key this workstation can verify with. */
export interface AuditKeyring {
  current: AuditKey;
  all: AuditKey[];
  /** Where the keys are kept, in words (shown with verification results). */
  source: string;
}

export function auditKey(secret: Buffer): AuditKey {
  const id = createHash('sha256').update('residency-scheduler audit key\0').update(secret).digest('hex').slice(0, 16);
  return { id, secret };
}

/** The app's per-user folder (what Electron calls userData), or RS_USER_DATA when set (tests, portable use). */
export function userDataDir(): string {
  if (process.env.RS_USER_DATA) return path.resolve(process.env.RS_USER_DATA);
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, 'Residency Scheduler');
}

export const KEY_FILE_NAME = 'audit-key';

/** Read a key file (base64 of 32 random bytes), or create it (readable by this user only). */
export function readOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) {
    const secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (secret.length !== 32) throw new Error(`The audit key file ${file} is damaged (expected 32 bytes of base64)`);
    return secret;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32);
  // wx: two processes starting at once never overwrite each other's key.
  try {
    fs.writeFileSync(file, `${secret.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKeyFile(file);
    throw err;
  }
  return secret;
}

/** The CLI's and the test host's keyring: one key file in the user-data folder. */
export function fileKeyring(dir = userDataDir()): AuditKeyring {
  const file = path.join(dir, KEY_FILE_NAME);
  const key = auditKey(readOrCreateKeyFile(file));
  return { current: key, all: [key], source: `the key file ${file}` };
}

let configured: AuditKeyring | null = null;

/** Set the process's keyring (Electron main: its safeStorage keyring) before opening programs. */
export function setAuditKeyring(keyring: AuditKeyring | null): void {
  configured = keyring;
}

export function currentAuditKeyring(): AuditKeyring {
  configured ??= fileKeyring();
  return configured;
}

// ---- Seals ----

/** The exact bytes sealed for an entry: every column, unambiguously separated. */
function entryMessage(fields: readonly unknown[]): string {
  return JSON.stringify(fields);
}

export interface AuditEntryRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export function entrySeal(secret: Buffer, e: AuditEntryRow, prev: string): string {
  return createHmac('sha256', secret)
    .update(entryMessage(['entry', e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after, prev]))
    .digest('hex');
}

export function headSeal(secret: Buffer, entryId: number, mac: string): string {
  return createHmac('sha256', secret)
    .update(entryMessage(['head', entryId, mac]))
    .digest('hex');
}

/** Register the sealing functions the audit_log trigger calls (migration 0013) on a connection. */
export function registerAuditSeal(sqlite: Sqlite.Database, keyring: AuditKeyring = currentAuditKeyring()): void {
  const { id, secret } = keyring.current;
  sqlite.function('audit_key_id', { deterministic: true }, () => id);
  sqlite.function(
    'audit_seal',
    { deterministic: true, varargs: false },
    (entryId, at, actor, action, entity, entityIdText, before, after, prev) =>
      entrySeal(
        secret,
        {
          id: Number(entryId),
          at: String(at),
          actor: String(actor),
          action: String(action),
          entity: String(entity),
          entity_id: String(entityIdText),
          before: before === null ? null : String(before),
          after: after === null ? null : String(after),
        },
        String(prev),
      ),
  );
  sqlite.function('audit_head_seal', { deterministic: true }, (entryId, mac) =>
    headSeal(secret, Number(entryId), String(mac)),
  );
}
