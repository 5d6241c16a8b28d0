// Automatic backups of the program file: a consistent copy (SQLite's online backup, safe while the
// program is in use) into a folder the administrator chooses, verified (integrity check,
// application id, schema) before it takes its final name, and rotated (the newest few, then one a
// day, a week, a month). A file with a backup's final name is therefore always a whole, checked
// copy; a copy interrupted by a crash stays a ".partial" file and is removed by the next backup.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { inspectProgramFile } from '../db/inspect';
import { ProgramFileError } from '../db/errors';
import { audit } from './audit';
import { ServiceError } from './errors';
import { refuseProgramFile } from './output-files';
import type { Program } from './program';

export interface BackupPolicy {
  /** The newest backups kept whatever their age. */
  keepLast: number;
  /** One backup a day for this many days (the newest of each day). */
  daily: number;
  weekly: number;
  monthly: number;
  /** A backup older than this is overdue: the app takes one, and warns until it has. */
  maxAgeHours: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { keepLast: 10, daily: 14, weekly: 8, monthly: 12, maxAgeHours: 24 };

export interface BackupSettings {
  /** Where backups go (a second disk, a removable drive, a share); null = not set up yet. */
  folder: string | null;
  policy: BackupPolicy;
}

export type BackupReason = 'publish' | 'daily' | 'manual' | 'restore';
const REASONS: readonly BackupReason[] = ['publish', 'daily', 'manual', 'restore'];

export interface BackupEntry {
  file: string;
  /** When the copy was taken (ISO). */
  at: string;
  reason: BackupReason;
  bytes: number;
}

const SETTINGS_KEY = 'backup.settings';

// ---- Settings (kept in the program's meta table, audited) ----

export async function readBackupSettings(program: Program): Promise<BackupSettings> {
  const row = await program.db.selectFrom('meta').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return { folder: null, policy: DEFAULT_BACKUP_POLICY };
  try {
    const stored = JSON.parse(row.value) as Partial<BackupSettings>;
    return {
      folder: typeof stored.folder === 'string' ? stored.folder : null,
      policy: { ...DEFAULT_BACKUP_POLICY, ...stored.policy },
    };
  } catch {
    return { folder: null, policy: DEFAULT_BACKUP_POLICY };
  }
}

export async function writeBackupSettings(
  program: Program,
  settings: BackupSettings,
  actor: string,
): Promise<BackupSettings> {
  if (settings.folder !== null) {
    if (!path.isAbsolute(settings.folder))
      throw new ServiceError('invalid_input', `"${settings.folder}" is not a full path to a folder`);
    if (!fs.existsSync(settings.folder) || !fs.statSync(settings.folder).isDirectory())
      throw new ServiceError(
        'rejected',
        `The folder ${settings.folder} does not exist (is the drive connected?): choose a folder that exists`,
      );
  }
  const next: BackupSettings = {
    folder: settings.folder === null ? null : path.resolve(settings.folder),
    policy: settings.policy,
  };
  await program.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('meta').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
    await trx
      .insertInto('meta')
      .values({ key: SETTINGS_KEY, value: JSON.stringify(next) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) }))
      .execute();
    await audit(trx, {
      actor,
      action: 'backup.configure',
      entity: 'backup',
      entityId: 'settings',
      before: before ? JSON.parse(before.value) : null,
      after: next,
    });
  });
  return next;
}

// ---- Names ----

/** The program's file name without its extension, safe in a file name. */
function stemOf(programFile: string): string {
  return path.basename(programFile, path.extname(programFile)).replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'program';
}

function stampOf(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z');
}

function atOfStamp(stamp: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

export function backupFileName(programFile: string, at: Date, reason: BackupReason): string {
  return `${stemOf(programFile)}.${stampOf(at)}.${reason}.sqlite`;
}

/** The program's backups in `folder`, newest first (other files are not ours and are left alone). */
export function listBackups(folder: string, programFile: string): BackupEntry[] {
  const stem = stemOf(programFile);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupEntry[] = [];
  for (const name of names) {
    if (!name.startsWith(`${stem}.`) || !name.endsWith('.sqlite')) continue;
    const [stamp, reason] = name.slice(stem.length + 1, -'.sqlite'.length).split('.');
    const at = stamp ? atOfStamp(stamp) : null;
    if (!at || !REASONS.includes(reason as BackupReason)) continue;
    const file = path.join(folder, name);
    try {
      out.push({ file, at, reason: reason as BackupReason, bytes: fs.statSync(file).size });
    } catch {
      // Removed meanwhile.
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

// ---- Rotation ----

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${week}`;
}

/**
 * The backups to keep (grandfather-father-son): the newest `keepLast`, and the newest of each of
 * the last `daily` days, `weekly` weeks and `monthly` months (UTC). Entries newest first.
 */
export function backupsToKeep(entries: readonly BackupEntry[], policy: BackupPolicy, now: Date): Set<string> {
  const keep = new Set(entries.slice(0, policy.keepLast).map((e) => e.file));
  const buckets: [number, (d: Date) => string, (n: number) => Date][] = [
    [policy.daily, (d) => d.toISOString().slice(0, 10), (n) => new Date(now.getTime() - n * 86_400_000)],
    [policy.weekly, isoWeek, (n) => new Date(now.getTime() - n * 7 * 86_400_000)],
    [
      policy.monthly,
      (d) => d.toISOString().slice(0, 7),
      (n) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)),
    ],
  ];
  for (const [count, bucketOf, ago] of buckets) {
    if (count <= 0) continue;
    const oldest = bucketOf(ago(count - 1));
    const seen = new Set<string>();
    for (const e of entries) {
      const bucket = bucketOf(new Date(e.at));
      if (bucket < oldest || seen.has(bucket)) continue;
      seen.add(bucket);
      keep.add(e.file);
    }
  }
  return keep;
}

/** Whether the newest backup is older than the policy allows (or there is none). */
export function backupOverdue(newest: BackupEntry | null, policy: BackupPolicy, now: Date): boolean {
  return !newest || now.getTime() - Date.parse(newest.at) > policy.maxAgeHours * 3_600_000;
}

// ---- Taking one ----

/** Whether a process is alive (a partial copy of a live process is still being written). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove copies interrupted by a crash: ".partial-<pid>" files of processes that are gone. */
function removeInterrupted(folder: string, programFile: string): void {
  const stem = stemOf(programFile);
  for (const name of fs.readdirSync(folder)) {
    const m = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\..*\\.partial-(\\d+)(?:-|$)`).exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) fs.rmSync(path.join(folder, name), { force: true });
  }
}

/** Check a copy is a whole, readable program file of ours, or throw with what is wrong. */
export function verifyProgramCopy(file: string): void {
  try {
    inspectProgramFile(file);
  } catch (err) {
    if (err instanceof ProgramFileError)
      throw new ServiceError('rejected', `The copy ${file} failed its check: ${err.message}`);
    throw err;
  }
}

/**
 * Take a backup now: copy, verify, name, rotate. Returns the new backup; nothing with a final name
 * is written unless the copy passed its check.
 */
export async function takeBackup(
  program: Program,
  settings: BackupSettings,
  reason: BackupReason,
  now = new Date(),
): Promise<BackupEntry> {
  const folder = settings.folder;
  if (!folder)
    throw new ServiceError('rejected', 'No backup folder is set: an administrator chooses one in Settings > Backups');
  if (!fs.existsSync(folder))
    throw new ServiceError('rejected', `The backup folder ${folder} is not reachable (is the drive connected?)`);
  const target = path.join(folder, backupFileName(program.path, now, reason));
  refuseProgramFile(target, program.path);
  removeInterrupted(folder, program.path);
  const partial = `${target}.partial-${process.pid}`;
  try {
    await program.backupTo(partial);
    verifyProgramCopy(partial);
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  const entries = listBackups(folder, program.path);
  const keep = backupsToKeep(entries, settings.policy, now);
  for (const e of entries) if (!keep.has(e.file)) await rm(e.file, { force: true });
  return { file: target, at: now.toISOString(), reason, bytes: fs.statSync(target).size };
}

// ---- Restoring ----

/** Where the current program is kept before a restore replaces it (beside it, never overwritten). */
export function keptFileName(programFile: string, now: Date): string {
  return path.join(path.dirname(programFile), `${stemOf(programFile)}.before-restore-${stampOf(now)}.sqlite`);
}

/**
 * Put a verified backup in the place of the (closed) program file: copied beside it under a
 * temporary name, checked again, then renamed over it, so the program file is at every moment
 * either the old file or the whole backup.
 */
export async function replaceWithBackup(backupFile: string, programFile: string): Promise<void> {
  verifyProgramCopy(backupFile);
  const temp = `${programFile}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(backupFile, temp);
    verifyProgramCopy(temp);
    // A closed program has no -wal/-shm; stale ones would be replayed into the restored file.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${programFile}${suffix}`, { force: true });
    await rename(temp, programFile);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
