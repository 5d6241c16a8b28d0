// THE place where tests sign in. Programs built by `cli demo` and the bundled demo have one account
// per role (core/demo/accounts.ts); programs a test writes itself have none, and signing in as the
// administrator then runs the first-run step that creates it. The CLI reads RS_ACCOUNT/RS_PASSWORD
// (set for every vitest worker by test/setup-env.ts).
import { DEMO_PASSWORD } from '../core/demo/accounts';
import type { Envelope } from '../core/api/kit';
import type { SessionStatus } from '../core/api/contract';
import type { PasswordCost } from '../core/services/passwords';

export { DEMO_PASSWORD };

/**
 * The scrypt cost of the password hashes tests make (createCore's passwordCost, createProgramFile's
 * accounts.cost): 32 times cheaper than the app's PASSWORD_COST, which test/unit/passwords.test.ts
 * and the accounts test check is what the app uses by default. Sign-in checks a stored hash at the
 * cost it names, so programs built with this one sign in cheaply everywhere (core and CLI).
 */
export const TEST_PASSWORD_COST: PasswordCost = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

/** The demo accounts by role (usernames of core/demo/accounts.ts). */
export const DEMO_ACCOUNTS = {
  administrator: 'admin',
  coordinator: 'coordinator',
  program_director: 'pd',
  chief_resident: 'chief',
  faculty: 'faculty',
  resident: 'resident',
} as const;
export type DemoRole = keyof typeof DEMO_ACCOUNTS;

type Dispatch = (method: string, payload: unknown) => Promise<Envelope<unknown>>;

function value<T>(method: string, envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/**
 * Sign a core session in: as the demo account of `role` when the program has accounts, else (a
 * program without accounts, administrator only) by creating the administrator "admin".
 */
export async function signIn(dispatch: Dispatch, role: DemoRole = 'administrator'): Promise<SessionStatus> {
  const status = value<SessionStatus>('session.status', await dispatch('session.status', {}));
  if (status.setupNeeded) {
    if (role !== 'administrator')
      throw new Error(`The program has no accounts yet: only the administrator can be created, not a ${role}`);
    return value(
      'session.setup',
      await dispatch('session.setup', {
        username: 'admin',
        displayName: 'Test Administrator',
        password: DEMO_PASSWORD,
      }),
    );
  }
  return value(
    'session.signIn',
    await dispatch('session.signIn', { username: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD }),
  );
}
