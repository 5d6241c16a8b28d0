// session.* handlers: the first-run administrator, signing in and out, changing one's own
// password, and what the signed-in account may do (the role matrix, core/api/permissions.ts).
import type { Account } from '../../domain/accounts';
import { changeOwnPassword, countAccounts, setupAdministrator, signIn } from '../../services/accounts';
import { readSettings } from '../../db/program-data';
import { PASSWORD_COST } from '../../services/passwords';
import type { HandlerContext, SessionControl } from '../context';
import type { Contract, SessionStatus } from '../contract';
import { ApiError, type HandlersOf } from '../kit';
import { allowedMethods, WITHOUT_PROGRAM } from '../permissions';

type Methods = Pick<Contract, Extract<keyof Contract, `session.${string}`>>;

/** A workstation without a program: nobody to sign in, the start page's methods only. */
const NO_PROGRAM_STATUS: SessionStatus = {
  setupNeeded: false,
  account: null,
  allowed: [...WITHOUT_PROGRAM],
  programName: null,
  programPath: null,
  readOnly: false,
};

export function sessionHandlers(
  ctx: Pick<HandlerContext, 'program' | 'session' | 'hasProgram' | 'passwordCost'>,
): HandlersOf<Methods> {
  const cost = ctx.passwordCost ?? PASSWORD_COST;
  const session = (): SessionControl => {
    if (!ctx.session) throw new ApiError('rejected', 'This tool has no sign-in session');
    return ctx.session;
  };
  async function status(): Promise<SessionStatus> {
    if (ctx.hasProgram && !ctx.hasProgram()) return NO_PROGRAM_STATUS;
    const program = ctx.program();
    const account: Account | null = session().account();
    const settings = await readSettings(program.db);
    return {
      setupNeeded: (await countAccounts(program)) === 0,
      account: account && {
        id: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        personId: account.personId,
        mustChangePassword: account.mustChangePassword,
      },
      allowed: allowedMethods(account),
      programName: settings?.programName ?? null,
      programPath: program.path,
      readOnly: program.readOnly,
    };
  }
  return {
    'session.status': () => status(),
    async 'session.setup'(input) {
      const account = await setupAdministrator(ctx.program(), input, cost);
      session().signIn(account);
      return status();
    },
    async 'session.signIn'({ username, password }) {
      const control = session();
      // A failed sign-in also ends whoever was signed in: the window is no longer theirs.
      control.signOut();
      control.signIn(await signIn(ctx.program(), username, password, cost));
      return status();
    },
    'session.signOut'() {
      session().signOut();
      return status();
    },
    async 'session.changePassword'({ currentPassword, newPassword }) {
      const control = session();
      const account = control.account();
      if (!account) throw new ApiError('unauthenticated', 'Sign in first');
      control.signIn(await changeOwnPassword(ctx.program(), account.id, currentPassword, newPassword, cost));
      return status();
    },
  };
}
