// After a restore everyone is signed out (the restored program has the accounts it had then): the
// sign-in screen says what was restored and where the program as it was is kept, until sign-in.
import Alert from '@mui/material/Alert';
import { create } from 'zustand';

interface Restored {
  /** When the restored backup was made (ISO). */
  at: string;
  /** Where the program as it was before the restore is kept. */
  keptAs: string;
}

export const useRestored = create<{ restored: Restored | null }>()(() => ({ restored: null }));

/** Said once: signing in forgets it. */
export function forgetRestored(): void {
  useRestored.setState({ restored: null });
}

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
