// Backups in words: how old the last good one is, and what is wrong with the backups now (the
// banner and the Settings section say the same thing).
import type { BackupReason, BackupStatus } from '../../../../core/api/contract';
import { ago } from '../../lib/dates';

export const REASON_WORDS: Record<BackupReason, string> = {
  publish: 'after a publish',
  daily: 'scheduled',
  manual: 'taken by hand',
  restore: 'before a restore',
};

/** The file name without its folder (either separator). */
export function fileNameOf(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

export function sizeWords(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface BackupProblem {
  /** 'off': no folder chosen; the others are warnings that backups are not being kept. */
  kind: 'off' | 'unreachable' | 'failed' | 'none' | 'overdue';
  message: string;
}

/** What is wrong with the backups now, or null when the newest is within the policy. */
export function backupProblem(status: BackupStatus, now: Date): BackupProblem | null {
  const { settings, lastGood, lastError } = status;
  if (!settings.folder) return { kind: 'off', message: 'Automatic backups are off: no backup folder has been chosen.' };
  if (!status.folderReachable)
    return {
      kind: 'unreachable',
      message:
        `The backup folder ${settings.folder} cannot be reached (is the drive connected?). No backups are ` +
        `being taken.`,
    };
  if (lastError)
    return {
      kind: 'failed',
      message: `The last backup failed ${ago(lastError.at, now.getTime())}: ${lastError.message}`,
    };
  if (!lastGood) return { kind: 'none', message: `There is no backup in ${settings.folder} yet.` };
  if (status.overdue)
    return {
      kind: 'overdue',
      message:
        `The last good backup was made ${ago(lastGood.at, now.getTime())}, longer ago than the ` +
        `${settings.policy.maxAgeHours} hours the policy allows.`,
    };
  return null;
}
