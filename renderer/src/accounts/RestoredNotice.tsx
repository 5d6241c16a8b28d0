// After a restore everyone is signed out (the restored program has the accounts it had then): the
// sign-in screen says what was restored and where the program as it was is kept, until sign-in.
import Alert from '@mui/material/Alert';
import { useRestored } from '../state/restored';

export function RestoredNotice() {
  const restored = useRestored((s) => s.restored);
  if (!restored) return null;
  return (
    <Alert severity="success" data-testid="restore-done">
      The backup of {new Date(restored.at).toLocaleString()} was restored. The program as it was before is kept as{' '}
      <strong data-testid="restore-kept-as">{restored.keptAs}</strong>. Sign in again to continue.
    </Alert>
  );
}
