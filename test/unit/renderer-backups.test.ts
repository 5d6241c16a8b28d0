// Backups in words (renderer/src/settings/backups/words.ts): the age of the last good backup and what is
// wrong with the backups, as the banner and Settings › Backups say it.
import { describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../core/api/contract';
import { ago } from '../../renderer/src/lib/dates';
import { backupProblem, fileNameOf, sizeWords } from '../../renderer/src/settings/backups/words';

const now = new Date('2027-03-10T12:00:00Z');
const policy = { keepLast: 10, daily: 14, weekly: 8, monthly: 12, maxAgeHours: 24 };
const good = {
  file: '/backups/p.20270310T090000000Z.publish.sqlite',
  at: '2027-03-10T09:00:00.000Z',
  reason: 'publish' as const,
  bytes: 3_500_000,
};
const status = (patch: Partial<BackupStatus>): BackupStatus => ({
  settings: { folder: '/backups', policy },
  folderReachable: true,
  backups: [good],
  lastGood: good,
  overdue: false,
  running: false,
  lastError: null,
  ...patch,
});

describe('backups in words', () => {
  it('says how long ago in the largest unit that fits, never more than has passed (one `ago` for the app)', () => {
    const at = (iso: string) => ago(iso, now.getTime());
    expect(at('2027-03-10T11:59:30Z')).toBe('just now');
    expect(at('2027-03-10T11:59:00Z')).toBe('1 minute ago');
    expect(at('2027-03-10T09:00:00Z')).toBe('3 hours ago');
    expect(at('2027-03-10T10:29:00Z')).toBe('1 hour ago'); // 1 h 31 min: not yet "2 hours"
    expect(at('2027-03-09T12:10:00Z')).toBe('23 hours ago'); // inside a 24-hour policy
    expect(at('2027-03-08T11:00:00Z')).toBe('2 days ago');
    expect(at('2027-03-10T12:05:00Z')).toBe('just now'); // a clock a little ahead
    expect(fileNameOf('C:\\backups\\p.sqlite')).toBe('p.sqlite');
    expect(sizeWords(3_500_000)).toBe('3.3 MB');
    expect(sizeWords(10_000)).toBe('10 KB');
  });

  it('names what is wrong, most urgent first, and nothing when the newest is within the policy', () => {
    expect(backupProblem(status({}), now)).toBeNull();
    expect(backupProblem(status({ settings: { folder: null, policy } }), now)?.kind).toBe('off');
    expect(backupProblem(status({ folderReachable: false }), now)).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('/backups'),
    });
    expect(
      backupProblem(status({ lastError: { at: '2027-03-10T11:00:00Z', message: 'disk full' } }), now)?.message,
    ).toBe('The last backup failed 1 hour ago: disk full');
    expect(backupProblem(status({ backups: [], lastGood: null, overdue: true }), now)?.kind).toBe('none');
    expect(backupProblem(status({ overdue: true }), now)?.message).toContain(
      '3 hours ago, longer ago than the 24 hours the policy allows',
    );
  });
});
