// Local accounts of a program: the first-run administrator, signing in (with a lock after repeated
// failures), and the administrator's account management. Every change, every sign-in and every
// refused sign-in is one transaction with an audit entry; password hashes never reach the audit log.
import type { CompiledQuery, Selectable, Transaction } from 'kysely';
import type { Account, Role } from '../domain/accounts';
import { ROLE_LABELS, USERNAME_PATTERN, USERNAME_RULE } from '../domain/accounts';
import type { AccountsTable, Database } from '../db/schema';
import { audit } from './audit';
import { ServiceError } from './errors';
import { decoyHash, hashPassword, type PasswordCost, passwordProblem, verifyPassword } from './passwords';
import type { Program } from './program';

/** Consecutive failed sign-ins that lock an account, and for how long. */
export const SIGN_IN_POLICY = { maxFailures: 5, lockMinutes: 15 } as const;

export interface AccountFields {
  username: string;
  displayName: string;
  role: Role;
  personId: string | null;
}

type Row = Selectable<AccountsTable>;
type Clock = () => Date;
const systemClock: Clock = () => new Date();

function accountFromRow(row: Row): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    personId: row.person_id,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
    failedSignIns: row.failed_sign_ins,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

/** What the audit log keeps of an account: everything but the password hash. */
function auditView(a: Account) {
  return { username: a.username, displayName: a.displayName, role: a.role, personId: a.personId, disabled: a.disabled };
}

export async function countAccounts(program: Program): Promise<number> {
  const row = await program.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAccounts(program: Program): Promise<Account[]> {
  const rows = await program.db.selectFrom('accounts').selectAll().orderBy('username').execute();
  return rows.map(accountFromRow);
}

/**
 * findAccount's query, built and compiled once: every API call admits its caller with it, and building and
 * compiling it on each call cost six times what running it did (fuzz-api's profile: 12 of 185 s sampled).
 */
let accountByIdQuery: CompiledQuery<Row> | undefined;

/** The account, or null when it does not exist. */
export async function findAccount(program: Program, id: number): Promise<Account | null> {
  accountByIdQuery ??= program.db.selectFrom('accounts').selectAll().where('id', '=', 0).compile();
  const { rows } = await program.db.executeQuery<Row>({ ...accountByIdQuery, parameters: [id] });
  return rows[0] ? accountFromRow(rows[0]) : null;
}

async function requireAccount(trx: Transaction<Database>, id: number): Promise<Row> {
  const row = await trx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `There is no account #${id}`);
  return row;
}

/** A faculty or resident account acts for one person of that kind; a chief resident may name a resident. */
async function checkPerson(trx: Transaction<Database>, role: Role, personId: string | null): Promise<void> {
  const needsKind =
    role === 'faculty' ? 'faculty' : role === 'resident' || role === 'chief_resident' ? 'resident' : null;
  if (personId === null) {
    if (role === 'faculty' || role === 'resident')
      throw new ServiceError('rejected', `${ROLE_LABELS[role]} accounts act for one person: choose who`);
    return;
  }
  const person = await trx
    .selectFrom('people')
    .select(['id', 'name', 'kind'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new ServiceError('not_found', `There is no person with id "${personId}"`);
  if (needsKind && person.kind !== needsKind)
    throw new ServiceError(
      'rejected',
      `${ROLE_LABELS[role]} accounts act for a ${needsKind}; ${person.name} is a ${person.kind}`,
    );
}

async function checkUsernameFree(trx: Transaction<Database>, username: string, exceptId: number | null): Promise<void> {
  if (!USERNAME_PATTERN.test(username))
    throw new ServiceError('rejected', `"${username}" cannot be used: ${USERNAME_RULE}`);
  const clash = await trx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
  if (clash && clash.id !== exceptId)
    throw new ServiceError('conflict', `There is already an account named "${username}"`);
}

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new ServiceError('rejected', `That password cannot be used: ${problem}`);
}

async function insertAccount(
  trx: Transaction<Database>,
  fields: AccountFields,
  hash: string,
  mustChange: boolean,
  now: Date,
): Promise<Account> {
  const row = await trx
    .insertInto('accounts')
    .values({
      username: fields.username,
      display_name: fields.displayName,
      role: fields.role,
      person_id: fields.personId,
      password_hash: hash,
      must_change_password: mustChange ? 1 : 0,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return accountFromRow(row);
}

/**
 * First run: a program without accounts gets its administrator. Refused once any account exists
 * (checked inside the transaction, so two windows cannot both create one).
 */
export async function setupAdministrator(
  program: Program,
  input: { username: string; displayName: string; password: string },
  cost: PasswordCost,
  clock: Clock = systemClock,
): Promise<Account> {
  // Refused before any hashing: set-up is open to anyone, so it must not cost the app anything once done.
  const already = () => new ServiceError('conflict', 'This program already has accounts: sign in instead');
  if ((await countAccounts(program)) > 0) throw already();
  checkPassword(input.password, input.username);
  if (!USERNAME_PATTERN.test(input.username))
    throw new ServiceError('rejected', `"${input.username}" cannot be used: ${USERNAME_RULE}`);
  const hash = await hashPassword(input.password, cost);
  return program.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: two windows cannot both create one.
    const existing = await trx.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
    if (existing) throw already();
    const account = await insertAccount(trx, { ...input, role: 'administrator', personId: null }, hash, false, clock());
    await audit(trx, {
      actor: account.username,
      action: 'account.setup',
      entity: 'account',
      entityId: String(account.id),
      before: null,
      after: auditView(account),
    });
    return account;
  });
}

export async function createAccount(
  program: Program,
  input: AccountFields & { password: string; mustChangePassword: boolean },
  actor: string,
  cost: PasswordCost,
  clock: Clock = systemClock,
): Promise<Account> {
  checkPassword(input.password, input.username);
  const hash = await hashPassword(input.password, cost);
  return program.db.transaction().execute(async (trx) => {
    await checkUsernameFree(trx, input.username, null);
    await checkPerson(trx, input.role, input.personId);
    const account = await insertAccount(trx, input, hash, input.mustChangePassword, clock());
    await audit(trx, {
      actor,
      action: 'account.create',
      entity: 'account',
      entityId: String(account.id),
      before: null,
      after: auditView(account),
    });
    return account;
  });
}

/**
 * Accounts written together (the demo program's, one per role), all with `password`: hashed once
 * and stored for each. The accounts share it by design (the README gives it), so a hash of its own
 * for each would hide nothing and cost a scrypt each (about 0.2 CPU-s and 32 MiB at the app's cost).
 */
export async function addAccounts(
  program: Program,
  seeds: readonly AccountFields[],
  password: string,
  actor: string,
  cost: PasswordCost,
  clock: Clock = systemClock,
): Promise<Account[]> {
  const hash = await hashPassword(password, cost);
  return program.db.transaction().execute(async (trx) => {
    const out: Account[] = [];
    for (const seed of seeds) {
      await checkUsernameFree(trx, seed.username, null);
      await checkPerson(trx, seed.role, seed.personId);
      const account = await insertAccount(trx, seed, hash, false, clock());
      await audit(trx, {
        actor,
        action: 'account.create',
        entity: 'account',
        entityId: String(account.id),
        before: null,
        after: auditView(account),
      });
      out.push(account);
    }
    return out;
  });
}

/** The program must keep an administrator who can sign in. */
async function checkAdministratorRemains(trx: Transaction<Database>, changedId: number): Promise<void> {
  const others = await trx
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'administrator')
    .where('disabled', '=', 0)
    .where('id', '!=', changedId)
    .limit(1)
    .executeTakeFirst();
  if (!others)
    throw new ServiceError(
      'rejected',
      'This is the last active administrator: make another account administrator first',
    );
}

export async function updateAccount(
  program: Program,
  input: { id: number; displayName: string; role: Role; personId: string | null; disabled: boolean },
  actor: string,
): Promise<Account> {
  return program.db.transaction().execute(async (trx) => {
    const before = accountFromRow(await requireAccount(trx, input.id));
    if (before.role === 'administrator' && !before.disabled && (input.role !== 'administrator' || input.disabled))
      await checkAdministratorRemains(trx, input.id);
    await checkPerson(trx, input.role, input.personId);
    const row = await trx
      .updateTable('accounts')
      .set({
        display_name: input.displayName,
        role: input.role,
        person_id: input.personId,
        disabled: input.disabled ? 1 : 0,
      })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = accountFromRow(row);
    await audit(trx, {
      actor,
      action: 'account.update',
      entity: 'account',
      entityId: String(after.id),
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** An administrator sets a new password (the user changes it at the next sign-in); this also unlocks the account. */
export async function resetPassword(
  program: Program,
  input: { id: number; password: string; mustChangePassword: boolean },
  actor: string,
  cost: PasswordCost,
): Promise<Account> {
  const current = await findAccount(program, input.id);
  if (!current) throw new ServiceError('not_found', `There is no account #${input.id}`);
  checkPassword(input.password, current.username);
  const hash = await hashPassword(input.password, cost);
  return program.db.transaction().execute(async (trx) => {
    await requireAccount(trx, input.id);
    const row = await trx
      .updateTable('accounts')
      .set({
        password_hash: hash,
        must_change_password: input.mustChangePassword ? 1 : 0,
        failed_sign_ins: 0,
        locked_until: null,
      })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = accountFromRow(row);
    await audit(trx, {
      actor,
      action: 'account.resetPassword',
      entity: 'account',
      entityId: String(after.id),
      before: null,
      after: { mustChangePassword: input.mustChangePassword },
    });
    return after;
  });
}

export async function unlockAccount(program: Program, id: number, actor: string): Promise<Account> {
  return program.db.transaction().execute(async (trx) => {
    const before = accountFromRow(await requireAccount(trx, id));
    const row = await trx
      .updateTable('accounts')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor,
      action: 'account.unlock',
      entity: 'account',
      entityId: String(id),
      before: { lockedUntil: before.lockedUntil, failedSignIns: before.failedSignIns },
      after: null,
    });
    return accountFromRow(row);
  });
}

function lockedMessage(until: string): string {
  const time = new Date(until).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });
  return (
    `This account is locked after ${SIGN_IN_POLICY.maxFailures} failed sign-ins, until ${time}; an ` +
    `administrator can unlock it now`
  );
}

/**
 * Check a name and password. Success clears the failure count; a wrong password counts, and the
 * last allowed failure locks the account. Unknown names take as long as wrong passwords and get the
 * same answer, so the sign-in screen does not tell which accounts exist.
 */
export async function signIn(
  program: Program,
  username: string,
  password: string,
  cost: PasswordCost,
  clock: Clock = systemClock,
): Promise<Account> {
  const row = await program.db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username.trim())
    .executeTakeFirst();
  const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash(cost)));
  const now = clock();
  const wrong = () => new ServiceError('rejected', 'Wrong account name or password');
  if (program.readOnly) {
    // A file opened read-only is never written, not even to count failures or record the sign-in.
    if (!row || !matches) throw wrong();
    if (row.disabled) throw new ServiceError('rejected', 'This account is disabled; ask an administrator');
    if (row.locked_until && row.locked_until > now.toISOString())
      throw new ServiceError('rejected', lockedMessage(row.locked_until));
    return accountFromRow(row);
  }
  if (!row) {
    await program.db.transaction().execute((trx) =>
      audit(trx, {
        actor: username.trim().slice(0, 64) || '(blank)',
        action: 'account.signInFailed',
        entity: 'account',
        entityId: '',
        before: null,
        after: { reason: 'unknown account' },
      }),
    );
    throw wrong();
  }
  if (row.disabled) {
    await program.db.transaction().execute((trx) =>
      audit(trx, {
        actor: row.username,
        action: 'account.signInFailed',
        entity: 'account',
        entityId: String(row.id),
        before: null,
        after: { reason: 'disabled' },
      }),
    );
    throw new ServiceError('rejected', 'This account is disabled; ask an administrator');
  }
  if (row.locked_until && row.locked_until > now.toISOString())
    throw new ServiceError('rejected', lockedMessage(row.locked_until));
  const outcome = await program.db.transaction().execute(async (trx) => {
    if (!matches) {
      const failures = (row.locked_until ? 0 : row.failed_sign_ins) + 1;
      const locks = failures >= SIGN_IN_POLICY.maxFailures;
      const lockedUntil = locks ? new Date(now.getTime() + SIGN_IN_POLICY.lockMinutes * 60_000).toISOString() : null;
      await trx
        .updateTable('accounts')
        .set({ failed_sign_ins: locks ? 0 : failures, locked_until: lockedUntil })
        .where('id', '=', row.id)
        .execute();
      await audit(trx, {
        actor: row.username,
        action: locks ? 'account.locked' : 'account.signInFailed',
        entity: 'account',
        entityId: String(row.id),
        before: null,
        after: locks ? { reason: 'wrong password', lockedUntil } : { reason: 'wrong password', failures },
      });
      return { account: null, lockedUntil };
    }
    const updated = await trx
      .updateTable('accounts')
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now.toISOString() })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: row.username,
      action: 'account.signIn',
      entity: 'account',
      entityId: String(row.id),
      before: null,
      after: null,
    });
    return { account: accountFromRow(updated), lockedUntil: null };
  });
  if (outcome.account) return outcome.account;
  // The failure that just locked the account says so.
  if (outcome.lockedUntil)
    throw new ServiceError('rejected', `Wrong account name or password. ${lockedMessage(outcome.lockedUntil)}`);
  throw wrong();
}

/** The signed-in user changes their own password (the current one is asked again). */
export async function changeOwnPassword(
  program: Program,
  id: number,
  current: string,
  next: string,
  cost: PasswordCost,
): Promise<Account> {
  const row = await program.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `There is no account #${id}`);
  // The new password's rules first: a request that cannot succeed costs no password check.
  checkPassword(next, row.username);
  if (!(await verifyPassword(current, row.password_hash)))
    throw new ServiceError('rejected', 'The current password is wrong');
  return setOwnPassword(program, id, next, cost);
}

/** A new password for an account whose current password the caller has just checked (a sign-in). */
export async function setOwnPassword(program: Program, id: number, next: string, cost: PasswordCost): Promise<Account> {
  const row = await program.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `There is no account #${id}`);
  checkPassword(next, row.username);
  if (await verifyPassword(next, row.password_hash))
    throw new ServiceError('rejected', 'Choose a new password different from the current one');
  const hash = await hashPassword(next, cost);
  return program.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('accounts')
      .set({ password_hash: hash, must_change_password: 0 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: row.username,
      action: 'account.changePassword',
      entity: 'account',
      entityId: String(id),
      before: null,
      after: null,
    });
    return accountFromRow(updated);
  });
}
