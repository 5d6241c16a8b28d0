// A shared workstation: when the signed-in user goes (signs out, their session ends, someone else signs in),
// every store made for a user is back at its start and the work kept for them stops; what the sign-in itself
// needs (who is signed in, what the sign-in screen says) is kept. The Playwright side: shell.spec.
import { describe, expect, it, vi } from 'vitest';
import type { SessionAccount, SessionStatus } from '../../core/api/contract';
import { useExport } from '../../renderer/src/export/store';
import { INITIAL_FORM } from '../../renderer/src/export/plan';
import { useNotify } from '../../renderer/src/state/notify';
import { useRestored } from '../../renderer/src/state/restored';
import { useSession } from '../../renderer/src/state/session';
import { createUserStore, onSignOut } from '../../renderer/src/state/store';

function signedInAs(id: number | null): SessionStatus {
  const account = id === null ? null : ({ id, username: `user${id}` } as unknown as SessionAccount);
  return { setupNeeded: false, account, allowed: [], programName: 'p', programPath: '/p', readOnly: false };
}

describe('signing out on a shared workstation', () => {
  it('puts every user store back at its start and keeps what the sign-in needs', () => {
    const counter = createUserStore<{ n: number; bump(): void }>((set) => ({
      n: 0,
      bump: () => set((s) => ({ n: s.n + 1 })),
    }));
    const stop = vi.fn();
    onSignOut(stop);
    useSession.setState({ status: signedInAs(1) });
    counter.getState().bump();
    useExport.getState().update({ who: 'person', personId: 'r1' });
    useNotify.getState().notify('Exported 3 files', 'success');
    useRestored.setState({ restored: { at: '2026-12-07T10:00:00Z', keptAs: '/kept' } });

    // Another view re-reading the same session changes nothing.
    useSession.setState({ status: signedInAs(1) });
    expect(counter.getState().n).toBe(1);
    expect(stop).not.toHaveBeenCalled();

    useSession.setState({ status: signedInAs(null) });
    expect(counter.getState().n).toBe(0);
    counter.getState().bump(); // its actions still work on the fresh state
    expect(counter.getState().n).toBe(1);
    expect(useExport.getState().form).toEqual(INITIAL_FORM);
    expect(useNotify.getState().current).toBeNull();
    expect(stop).toHaveBeenCalledOnce();
    expect(useRestored.getState().restored).toEqual({ at: '2026-12-07T10:00:00Z', keptAs: '/kept' });
    expect(useSession.getState().status?.account).toBeNull();
  });

  it('forgets the last user when another account signs in without a sign-out in between', () => {
    useSession.setState({ status: signedInAs(1) });
    useNotify.getState().notify('The draft was published', 'success');
    useSession.setState({ status: signedInAs(2) });
    expect(useNotify.getState().current).toBeNull();
  });
});
