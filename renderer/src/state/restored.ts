// What the last restore left, for the sign-in screen to say (after a restore everyone is signed out):
// the Backups settings set it, the sign-in screen shows it once.
import { createSignInStore } from './store';

interface Restored {
  /** When the restored backup was made (ISO). */
  at: string;
  /** Where the program as it was before the restore is kept. */
  keptAs: string;
}

export const useRestored = createSignInStore<{ restored: Restored | null }>(() => ({ restored: null }));

/** Said once: signing in forgets it. */
export function forgetRestored(): void {
  useRestored.setState({ restored: null });
}
