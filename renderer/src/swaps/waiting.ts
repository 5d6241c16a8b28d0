// How many swaps wait for someone (to approve or to run): the badge on the Swaps entry and the
// Dashboard's card read it, re-read after every write to swaps. And whose swaps an account sees:
// faculty and residents only their own (the role matrix holds them to it).
import { useCan, useSession } from '../state/session';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useProgram } from '../state/program';

export function useSwapsWaiting(): { pending: number; approved: number } | null {
  const ready = useProgram((s) => s.info !== null);
  const sees = useCan('swaps.pending');
  const own = useOwnPerson();
  const waiting = useApiQuery(ready && sees ? `swaps:pending:${own ?? ''}` : null, () =>
    api()['swaps.pending'](own ? { personId: own } : {}),
  );
  return waiting.data ?? null;
}

/** The person a faculty or resident account acts for (they see and ask for their own swaps), else null. */
export function useOwnPerson(): string | null {
  return useSession((s) => {
    const a = s.status?.account;
    return a && (a.role === 'faculty' || a.role === 'resident') ? a.personId : null;
  });
}
