// A notice of every view: the backups are not being kept (folder unreachable, the last one failed,
// none yet, or the newest older than the policy allows). Administrators are also told when no
// backup folder has been chosen. Hidden on Settings › Backups, which says the same.
// What a coordinator may dismiss comes back when it gets worse: an overdue backup every further
// OVERDUE_REMINDER_DAYS days, a failure with each new failure, an unreachable folder each day.
import Button from '@mui/material/Button';
import { useCan } from '../../state/session';
import { useRoute } from '../../state/route';
import type { Notice } from '../../ui/notice';
import { useBackupStatus } from './BackupsSection';
import { type BackupProblem, backupProblem } from './words';

/** An overdue backup, once dismissed, is said again after this many more days without one. */
export const OVERDUE_REMINDER_DAYS = 3;

const TITLES: Record<BackupProblem['kind'], string> = {
  off: 'Backups off',
  unreachable: 'Backup folder unreachable',
  failed: 'Last backup failed',
  none: 'No backup yet',
  overdue: 'Backups overdue',
};

export function useBackupNotice(): Notice | null {
  const maySee = useCan('backups.status');
  const mayConfigure = useCan('backups.configure');
  const route = useRoute();
  const status = useBackupStatus(maySee);
  const onBackups = route.view === 'settings' && route.query.section === 'backups';
  const now = new Date();
  const problem = status.data ? backupProblem(status.data, now) : null;
  if (!maySee || !status.data || !problem || onBackups || (problem.kind === 'off' && !mayConfigure)) return null;
  const { lastGood, lastError } = status.data;
  const level =
    problem.kind === 'overdue' && lastGood
      ? `overdue:${Math.floor((now.getTime() - Date.parse(lastGood.at)) / (OVERDUE_REMINDER_DAYS * 86_400_000))}`
      : problem.kind === 'failed'
        ? `failed:${lastError?.at}`
        : problem.kind === 'unreachable'
          ? `unreachable:${now.toDateString()}`
          : problem.kind;
  return {
    id: 'backups',
    severity: problem.kind === 'off' ? 'info' : 'warning',
    title: TITLES[problem.kind],
    message: problem.message,
    testId: 'backup-banner',
    data: { kind: problem.kind },
    dismissLevel: level,
    action: (
      <Button color="inherit" size="small" onClick={() => route.open('settings', { section: 'backups' })}>
        Backups
      </Button>
    ),
  };
}
