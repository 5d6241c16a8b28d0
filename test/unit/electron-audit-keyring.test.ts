// The workstation's audit key (electron/audit-keyring.ts): kept encrypted by safeStorage, the same
// key on every start, the CLI's plain key file kept for checking its entries, and the plain key
// file when the system has no protected storage.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileKeyring } from '../../core/db/audit-chain';
import { desktopAuditKeyring, PROTECTED_KEY_FILE_NAME, type SafeStorageLike } from '../../electron/audit-keyring';

const fake = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
  decryptString: (encrypted) => Buffer.from(encrypted.toString().slice(4), 'hex').toString(),
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'keyring-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the desktop audit keyring', () => {
  it('keeps one key, encrypted, across starts', () => {
    const first = desktopAuditKeyring(fake(), dir);
    const again = desktopAuditKeyring(fake(), dir);
    expect(again.current.id).toBe(first.current.id);
    const stored = readFileSync(path.join(dir, PROTECTED_KEY_FILE_NAME), 'utf8');
    expect(stored.startsWith('enc:')).toBe(true);
    expect(stored).not.toContain(first.current.secret.toString('base64'));
    expect(first.source).toContain('safeStorage');
  });

  it('can also check entries sealed by the command line on this workstation', () => {
    const cli = fileKeyring(dir);
    const desktop = desktopAuditKeyring(fake(), dir);
    expect(desktop.current.id).not.toBe(cli.current.id);
    expect(desktop.all.map((k) => k.id)).toEqual([desktop.current.id, cli.current.id]);
  });

  it('uses the plain key file where the system has no protected storage', () => {
    const keyring = desktopAuditKeyring(fake(false), dir);
    expect(existsSync(path.join(dir, PROTECTED_KEY_FILE_NAME))).toBe(false);
    expect(keyring.current.id).toBe(fileKeyring(dir).current.id);
    expect(keyring.source).toContain('no protected storage');
  });
});
