// The audit chain's key on the workstation: 32 random bytes encrypted with Electron's safeStorage
// (DPAPI on Windows, the Keychain on macOS, the desktop keyring on Linux), in the user-data folder.
// The CLI's plain key file, if this user has one, is kept too, so entries written from the command
// line can be checked. Where the system offers no protected storage, the plain key file is used.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditKey, KEY_FILE_NAME, readOrCreateKeyFile, type AuditKeyring } from '../core/api/audit-keys';

/** The part of Electron's safeStorage used here (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const PROTECTED_KEY_FILE_NAME = 'audit-key.protected';

export function desktopAuditKeyring(safeStorage: SafeStorageLike, userData: string): AuditKeyring {
  const plainFile = path.join(userData, KEY_FILE_NAME);
  if (!safeStorage.isEncryptionAvailable()) {
    const key = auditKey(readOrCreateKeyFile(plainFile));
    return { current: key, all: [key], source: `the key file ${plainFile} (this system offers no protected storage)` };
  }
  const file = path.join(userData, PROTECTED_KEY_FILE_NAME);
  let secret: Buffer;
  if (existsSync(file)) {
    secret = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
    if (secret.length !== 32) throw new Error(`The audit key in ${file} is damaged`);
  } else {
    secret = randomBytes(32);
    // A first start without a program has written nothing into the user-data folder yet.
    mkdirSync(userData, { recursive: true });
    writeFileSync(file, safeStorage.encryptString(secret.toString('base64')), { flag: 'wx', mode: 0o600 });
  }
  const key = auditKey(secret);
  const commandLine = existsSync(plainFile) ? [auditKey(readOrCreateKeyFile(plainFile))] : [];
  return {
    current: key,
    all: [key, ...commandLine.filter((k) => k.id !== key.id)],
    source: 'the key protected by the operating system (safeStorage)',
  };
}
