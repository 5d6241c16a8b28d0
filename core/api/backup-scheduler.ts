// When the app takes backups (core/services/backups.ts): after every publish and rollback, when the
// newest one is older than the policy allows (checked at open and every quarter of an hour while
// the program is open), and on request. One backup at a time; a failure is kept and shown, never
// thrown at the user's publish.
import fs from 'node:fs';
import {
  backupOverdue,
  listBackups,
  readBackupSettings,
  takeBackup,
  type BackupEntry,
  type BackupReason,
  type BackupSettings,
} from '../services/backups';
import type { Program } from '../services/program';

export interface BackupStatus {
  settings: BackupSettings;
  /** The folder is set and can be reached now (a removable drive may be out). */
  folderReachable: boolean;
  /** Newest first. */
  backups: BackupEntry[];
  lastGood: BackupEntry | null;
  /** No backup, or the newest is older than the policy allows. */
  overdue: boolean;
  running: boolean;
  lastError: { at: string; message: string } | null;
}

export interface BackupScheduler {
  status(): Promise<BackupStatus>;
  /** Take one now (waits for one already running). */
  run(reason: BackupReason): Promise<BackupEntry>;
  /** In the background: after a publish, or when overdue. Failures are kept for status(). */
  soon(reason: BackupReason): void;
  checkOverdue(): void;
  /** Wait for the backups started so far. */
  idle(): Promise<void>;
  /** Wait for a running backup, stop the timer. */
  stop(): Promise<void>;
}

const CHECK_EVERY_MS = 15 * 60_000;

export function createBackupScheduler(program: () => Program, now: () => Date = () => new Date()): BackupScheduler {
  let queue: Promise<unknown> = Promise.resolve();
  let running = 0;
  let lastError: BackupStatus['lastError'] = null;

  function run(reason: BackupReason): Promise<BackupEntry> {
    const next = queue.then(async () => {
      running++;
      try {
        const current = program();
        const entry = await takeBackup(current, await readBackupSettings(current), reason, now());
        lastError = null;
        return entry;
      } catch (err) {
        lastError = { at: now().toISOString(), message: err instanceof Error ? err.message : String(err) };
        throw err;
      } finally {
        running--;
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async function overdue(): Promise<boolean> {
    const current = program();
    const settings = await readBackupSettings(current);
    if (!settings.folder || !fs.existsSync(settings.folder)) return false;
    return backupOverdue(listBackups(settings.folder, current.path)[0] ?? null, settings.policy, now());
  }

  const timer = setInterval(() => checkOverdue(), CHECK_EVERY_MS);
  timer.unref();

  function soon(reason: BackupReason): void {
    void readBackupSettings(program())
      .then((s) => (s.folder ? run(reason) : undefined))
      .catch(() => undefined);
  }

  function checkOverdue(): void {
    void overdue()
      .then((due) => (due ? run('daily') : undefined))
      .catch(() => undefined);
  }

  return {
    async status() {
      const current = program();
      const settings = await readBackupSettings(current);
      const folderReachable = settings.folder !== null && fs.existsSync(settings.folder);
      const backups = folderReachable ? listBackups(settings.folder!, current.path) : [];
      const lastGood = backups[0] ?? null;
      return {
        settings,
        folderReachable,
        backups,
        lastGood,
        overdue: backupOverdue(lastGood, settings.policy, now()),
        running: running > 0,
        lastError,
      };
    },
    run,
    soon,
    checkOverdue,
    async idle() {
      await queue;
    },
    async stop() {
      clearInterval(timer);
      await queue;
    },
  };
}
