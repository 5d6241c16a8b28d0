// Backup names, rotation and overdue (core/services/backups.ts): pure functions over the backups'
// times, checked on a year of backups taken three times a day.
import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  backupOverdue,
  backupsToKeep,
  DEFAULT_BACKUP_POLICY,
  type BackupEntry,
} from '../../core/services/backups';

const day = 86_400_000;
const now = new Date('2027-06-30T18:00:00Z');

function history(days: number, perDay: number): BackupEntry[] {
  const out: BackupEntry[] = [];
  for (let d = 0; d < days; d++)
    for (let k = 0; k < perDay; k++) {
      const at = new Date(now.getTime() - d * day - k * 3 * 3_600_000);
      out.push({ file: `/b/p.${at.toISOString()}.sqlite`, at: at.toISOString(), reason: 'publish', bytes: 1 });
    }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

describe('backup rotation', () => {
  it('keeps the newest few, one a day for two weeks, one a week for eight weeks, one a month for a year', () => {
    const entries = history(400, 3);
    const keep = backupsToKeep(entries, DEFAULT_BACKUP_POLICY, now);
    const kept = entries.filter((e) => keep.has(e.file));
    // The newest ten are all kept.
    expect(entries.slice(0, 10).every((e) => keep.has(e.file))).toBe(true);
    // One per day for the last 14 days (the newest of each).
    const days = new Set(kept.filter((e) => now.getTime() - Date.parse(e.at) < 14 * day).map((e) => e.at.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(14);
    // Nothing older than 12 months except nothing.
    expect(kept.every((e) => Date.parse(e.at) > now.getTime() - 366 * day)).toBe(true);
    // Far fewer than taken: about 10 + 14 + 8 + 12 at most.
    expect(kept.length).toBeLessThanOrEqual(10 + 14 + 8 + 12);
    expect(kept.length).toBeGreaterThanOrEqual(30);
  });

  it('keeps everything when there are few', () => {
    const entries = history(3, 2);
    expect(backupsToKeep(entries, DEFAULT_BACKUP_POLICY, now).size).toBe(6);
  });

  it('is overdue without a backup or when the newest is older than the policy allows', () => {
    expect(backupOverdue(null, DEFAULT_BACKUP_POLICY, now)).toBe(true);
    const fresh = {
      file: 'x',
      at: new Date(now.getTime() - 23 * 3_600_000).toISOString(),
      reason: 'daily' as const,
      bytes: 1,
    };
    const old = { ...fresh, at: new Date(now.getTime() - 25 * 3_600_000).toISOString() };
    expect(backupOverdue(fresh, DEFAULT_BACKUP_POLICY, now)).toBe(false);
    expect(backupOverdue(old, DEFAULT_BACKUP_POLICY, now)).toBe(true);
  });

  it('names a backup after the program, the time and why it was taken', () => {
    expect(backupFileName('/data/My Program.sqlite', new Date('2027-01-02T03:04:05.678Z'), 'publish')).toBe(
      'My_Program.20270102T030405678Z.publish.sqlite',
    );
  });
});
