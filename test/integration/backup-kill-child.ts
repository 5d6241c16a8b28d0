// Child process of backups.test.ts: opens the program and takes one backup into the folder. It stops
// where the parent asks (BACKUP_PAUSE), says "paused" and waits for the parent's SIGKILL:
//   copying    half of the pages copied (SQLite's online backup reports its progress),
//   verifying  the copy complete, its integrity check about to run, not yet under its final name,
//   done       the backup taken, under its final name.
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { readBackupSettings, takeBackup } from '../../core/services/backups';
import { openProgram } from '../../core/services/program';

type Backup = (this: Sqlite.Database, file: string, options?: Sqlite.BackupOptions) => Promise<unknown>;
type Pragma = (this: Sqlite.Database, source: string, options?: Sqlite.PragmaOptions) => unknown;

const [file, folder] = process.argv.slice(2);
const pauseAt = process.env.BACKUP_PAUSE;
const pause = () => {
  fs.writeSync(1, 'paused\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
const proto = Sqlite.prototype as unknown as { backup: Backup; pragma: Pragma };
const { backup, pragma } = proto;
proto.backup = function (target, options) {
  const progress = (info: Sqlite.BackupMetadata) => {
    if (pauseAt === 'copying' && info.remainingPages <= info.totalPages / 2) pause();
    return options?.progress?.(info) ?? 100;
  };
  return backup.call(this, target, { ...options, progress });
};
proto.pragma = function (source, options) {
  if (pauseAt === 'verifying' && /integrity_check/i.test(source) && this.name.includes('.partial-')) pause();
  return pragma.call(this, source, options);
};

const program = await openProgram(file);
const settings = { ...(await readBackupSettings(program)), folder };
await takeBackup(program, settings, 'manual', new Date(Date.UTC(2030, 0, 1)));
if (pauseAt === 'done') pause();
await program.close();
