// Who is signed in, and what they may do. Core decides (the role matrix in
// core/api/permissions.ts); the renderer only reads the list of allowed methods to show what the
// user can do. Any call refused with `unauthenticated` (signed out elsewhere, program switched)
// brings back the sign-in screen.
import { createSignInStore, forgetUser } from './store';
import type { ApiErrorData, MethodName, SessionStatus } from '../../../core/api/contract';
import { api, onUnauthenticated, toApiError } from '../api';

interface SessionState {
  status: SessionStatus | null;
  error: ApiErrorData | null;
  load(): Promise<void>;
  /** Run a session method and take its status; refusals are thrown for the form to show. */
  apply(run: () => Promise<SessionStatus>): Promise<void>;
}

export const useSession = createSignInStore<SessionState>((set) => ({
  status: null,
  error: null,
  async load() {
    try {
      set({ status: await api()['session.status']({}), error: null });
    } catch (err) {
      set({ error: toApiError(err) });
    }
  },
  async apply(run) {
    const status = await run();
    // The session methods are commands: the client tells every open view to read again.
    set({ status, error: null });
  },
}));

onUnauthenticated(() => void useSession.getState().load());

// Whoever was signed in is gone (signed out, their session ended or expired, another account signed in):
// the next user on this workstation starts with nothing of theirs.
useSession.subscribe((now, before) => {
  const was = before.status?.account?.id;
  if (was !== undefined && now.status?.account?.id !== was) forgetUser();
});

/** Whether the signed-in account may call `method` (core refuses it otherwise). */
export function useCan(method: MethodName): boolean {
  return useSession((s) => !!s.status?.allowed.includes(method));
}

export function can(method: MethodName): boolean {
  return !!useSession.getState().status?.allowed.includes(method);
}
