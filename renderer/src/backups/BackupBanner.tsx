// At the top of every view: the backups are not being kept (folder unreachable, the last one
// failed, none yet, or the newest older than the policy allows). Administrators are also told
// when no backup folder has been chosen. Hidden on Settings › Backups, which says the same.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useCan } from '../accounts/store';
import { useRoute } from '../state/route';
import { useBackupStatus } from './BackupsSection';
import { backupProblem } from './words';

export function BackupBanner() {
  const maySee = useCan('backups.status');
  const mayConfigure = useCan('backups.configure');
  const route = useRoute();
  const status = useBackupStatus(maySee);
  const onBackups = route.view === 'settings' && route.query.section === 'backups';
  const problem = status.data ? backupProblem(status.data, new Date()) : null;
  if (!maySee || !problem || onBackups || (problem.kind === 'off' && !mayConfigure)) return null;
  return (
    <Alert
      severity={problem.kind === 'off' ? 'info' : 'warning'}
      sx={{ mx: 3, mt: 2 }}
      data-testid="backup-banner"
      data-kind={problem.kind}
      action={
        <Button color="inherit" size="small" onClick={() => route.open('settings', { section: 'backups' })}>
          Backups
        </Button>
      }
    >
      {problem.message}
    </Alert>
  );
}
