// The command line acts as a named account of the program, like a window does: the same sign-in
// (password check, lock after repeated failures, audited) and the same role matrix
// (core/api/permissions.ts). The account comes from --as NAME or RS_ACCOUNT; the password is asked
// on the terminal, or read from RS_PASSWORD when there is none (scripts, tests).
// A program that has no account yet (before its first run) is used as the OS user, with a warning.
import { userInfo } from 'node:os';
import type { Account } from '../domain/accounts';
import { ROLE_LABELS } from '../domain/accounts';
import { countAccounts, signIn } from '../services/accounts';
import { ServiceError } from '../services/errors';
import { PASSWORD_COST } from '../services/passwords';
import { openProgram, type Program } from '../services/program';
import type { MethodName } from '../api/contract';
import { admission, changesProgram, checkInput, type Operation } from '../api/permissions';
import type { CliIo } from './command';
import { canPrompt, promptHidden } from './prompt';
import { ACCOUNT_ENV, PASSWORD_ENV } from './sign-in-env';

export interface SignedIn {
  program: Program;
  /** Who the audit log names. */
  actor: string;
  /** null when the program has no accounts yet. */
  account: Account | null;
  /** Refuse input the account's role may not use (e.g. another person's calendar). */
  check(method: MethodName, input: unknown): Promise<void>;
}

/** The account name asked for: --as (main() takes it off the command line) or RS_ACCOUNT. */
function accountName(io: CliIo): string | null {
  const name = io.account ?? process.env[ACCOUNT_ENV];
  return name && name.trim() ? name.trim() : null;
}

async function password(io: CliIo, name: string): Promise<string> {
  const given = process.env[PASSWORD_ENV];
  if (given !== undefined) return given;
  if (io.promptPassword) return io.promptPassword(`Password for ${name}: `);
  if (canPrompt()) return promptHidden(`Password for ${name}: `);
  throw new Error(`No password for ${name}: run the command in a terminal to be asked, or set ${PASSWORD_ENV}`);
}

/** Sign in to an open program for `operations` (all must be allowed), or fail with the reason. */
export async function signInTo(program: Program, io: CliIo, operations: readonly Operation[]): Promise<SignedIn> {
  if ((await countAccounts(program)) === 0) {
    if (operations.some(changesProgram))
      io.err(
        `warning: ${program.path} has no accounts yet, so anyone can change it; create its administrator with ` +
          `"account setup"`,
      );
    const actor = accountName(io) ?? userInfo().username;
    return { program, actor, account: null, check: async () => undefined };
  }
  const name = accountName(io);
  if (!name)
    throw new Error(
      `Sign in to ${program.path}: give --as NAME (or set ${ACCOUNT_ENV}); the password is asked, or read from ` +
        `${PASSWORD_ENV}`,
    );
  let account: Account;
  try {
    account = await signIn(program, name, await password(io, name), PASSWORD_COST);
  } catch (err) {
    if (err instanceof ServiceError) throw new Error(`Could not sign in as ${name}: ${err.message}`);
    throw err;
  }
  for (const operation of operations) {
    const refused = admission(account, operation);
    if (refused) throw new Error(refused.message);
  }
  return {
    program,
    actor: account.username,
    account,
    check: (method, input) => checkInput(method, input, { account, program }),
  };
}

/**
 * Open the program, sign in for `operations`, run `body`, close the program. Commands that only
 * read open the file read-only: reading never writes (the sign-in is checked, not recorded).
 */
export async function withSignedIn<T>(
  db: string,
  io: CliIo,
  operations: readonly Operation[],
  body: (s: SignedIn) => Promise<T>,
): Promise<T> {
  const program = await openProgram(db, { readOnly: !operations.some(changesProgram) });
  try {
    return await body(await signInTo(program, io, operations));
  } finally {
    await program.close();
  }
}

export function describeAccount(a: Account): string {
  return `${a.username} (${a.displayName}, ${ROLE_LABELS[a.role].toLowerCase()})`;
}
