// `account <subcommand>`: the program's accounts from the command line. `setup` creates the first
// administrator of a program that has none (what the app's first run does); the others need an
// administrator's sign-in (--as). New passwords are asked twice on the terminal, or read from
// RS_NEW_PASSWORD (scripts); accounts an administrator adds choose their own at first sign-in.
import { ROLES, type Role } from '../../domain/accounts';
import {
  setOwnPassword,
  createAccount,
  listAccounts,
  resetPassword,
  setupAdministrator,
  unlockAccount,
  updateAccount,
} from '../../services/accounts';
import type { Account } from '../../domain/accounts';
import { PASSWORD_COST } from '../../services/passwords';
import { openProgram } from '../../services/program';
import { CliUsageError, commandGroup, runCommand, type CliCommand, type CliIo, type CommandBody } from '../command';
import { canPrompt, promptHidden } from '../prompt';
import { describeAccount, withSignedIn } from '../session';
import { ACCOUNT_ENV } from '../sign-in-env';

export const NEW_PASSWORD_ENV = 'RS_NEW_PASSWORD';

async function newPassword(io: CliIo, whose: string): Promise<string> {
  const given = process.env[NEW_PASSWORD_ENV];
  if (given !== undefined) return given;
  const ask = io.promptPassword ?? (canPrompt() ? promptHidden : null);
  if (!ask)
    throw new Error(
      `No new password for ${whose}: run the command in a terminal to be asked, or set ${NEW_PASSWORD_ENV}`,
    );
  const first = await ask(`New password for ${whose}: `);
  if ((await ask('Repeat it: ')) !== first) throw new Error('The two passwords differ; nothing was changed');
  return first;
}

function findByName(accounts: Account[], username: string): Account {
  const found = accounts.find((a) => a.username.toLowerCase() === username.toLowerCase());
  if (!found) throw new Error(`There is no account "${username}"`);
  return found;
}

function roleOption(value: string | boolean | undefined): Role {
  if (typeof value !== 'string' || !ROLES.includes(value as Role))
    throw new CliUsageError(`--role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

const setup: CliCommand = {
  name: 'setup',
  summary: 'Create the first administrator of a program that has no accounts',
  usage: `Usage: account setup <db> --as NAME [--display-name "Full Name"]
Creates the administrator (first run). The password is asked twice, or read from ${NEW_PASSWORD_ENV}.`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: setup.usage, options: { 'display-name': { type: 'string' } }, positionals: ['db'] },
      async (values, [db]) => {
        const username = io.account ?? process.env[ACCOUNT_ENV];
        if (!username)
          throw new CliUsageError(`give the administrator's account name with --as NAME (or ${ACCOUNT_ENV})`);
        const password = await newPassword(io, username);
        const program = await openProgram(db);
        try {
          const displayName = typeof values['display-name'] === 'string' ? values['display-name'] : username;
          const account = await setupAdministrator(program, { username, displayName, password }, PASSWORD_COST);
          io.out(`Created the administrator ${describeAccount(account)} of ${program.path}`);
        } finally {
          await program.close();
        }
      },
    ),
};

const list: CliCommand = {
  name: 'list',
  summary: 'List the accounts (administrator)',
  usage: `Usage: account list <db> [--json]`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: list.usage, options: { json: { type: 'boolean' } }, positionals: ['db'] },
      async (values, [db]) => {
        await withSignedIn(db, io, ['accounts.list'], async ({ program }) => {
          const accounts = await listAccounts(program);
          if (values.json) return io.out(JSON.stringify(accounts, null, 2));
          const now = new Date().toISOString();
          for (const a of accounts) {
            const forPerson = a.personId ? ` for ${a.personId}` : '';
            const disabled = a.disabled ? ' [disabled]' : '';
            const locked = a.lockedUntil && a.lockedUntil > now ? ` [locked until ${a.lockedUntil}]` : '';
            io.out(`${describeAccount(a)}${forPerson}${disabled}${locked}`);
          }
        });
      },
    ),
};

const add: CliCommand = {
  name: 'add',
  summary: 'Add an account (administrator)',
  usage: `Usage: account add <db> <username> --role ROLE [--display-name "Full Name"] [--person PERSON-ID]
Roles: ${ROLES.join(', ')} (faculty and resident accounts act for one person: --person).
The temporary password is asked twice, or read from ${NEW_PASSWORD_ENV}; the user chooses their own at first sign-in.`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      {
        usage: add.usage,
        options: { role: { type: 'string' }, 'display-name': { type: 'string' }, person: { type: 'string' } },
        positionals: ['db', 'username'],
      },
      async (values, [db, username]) => {
        const role = roleOption(values.role);
        await withSignedIn(db, io, ['accounts.create'], async ({ program, actor }) => {
          const password = await newPassword(io, username);
          const displayName = typeof values['display-name'] === 'string' ? values['display-name'] : username;
          const personId = typeof values.person === 'string' ? values.person : null;
          const account = await createAccount(
            program,
            { username, displayName, role, personId, password, mustChangePassword: true },
            actor,
            PASSWORD_COST,
          );
          io.out(`Added ${describeAccount(account)}; they choose their own password at first sign-in`);
        });
      },
    ),
};

const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  summary: 'Set a temporary password (administrator); also unlocks the account',
  usage: `Usage: account reset-password <db> <username>
The temporary password is asked twice, or read from ${NEW_PASSWORD_ENV}.`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: resetPasswordCommand.usage, options: {}, positionals: ['db', 'username'] },
      async (_values, [db, username]) => {
        await withSignedIn(db, io, ['accounts.resetPassword'], async ({ program, actor }) => {
          const account = findByName(await listAccounts(program), username);
          const password = await newPassword(io, account.username);
          await resetPassword(program, { id: account.id, password, mustChangePassword: true }, actor, PASSWORD_COST);
          io.out(`Set a temporary password for ${describeAccount(account)}; they choose their own at the next sign-in`);
        });
      },
    ),
};

const unlock: CliCommand = {
  name: 'unlock',
  summary: 'Unlock an account locked after failed sign-ins (administrator)',
  usage: `Usage: account unlock <db> <username>`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: unlock.usage, options: {}, positionals: ['db', 'username'] },
      async (_values, [db, username]) => {
        await withSignedIn(db, io, ['accounts.unlock'], async ({ program, actor }) => {
          const account = findByName(await listAccounts(program), username);
          await unlockAccount(program, account.id, actor);
          io.out(`Unlocked ${describeAccount(account)}`);
        });
      },
    ),
};

function enableCommand(name: 'enable' | 'disable'): CliCommand {
  const command: CliCommand = {
    name,
    summary:
      name === 'disable'
        ? 'Disable an account: it can no longer sign in (administrator)'
        : 'Enable a disabled account (administrator)',
    usage: `Usage: account ${name} <db> <username>`,
    run: (argv, io) =>
      runCommand(
        argv,
        io,
        { usage: command.usage, options: {}, positionals: ['db', 'username'] },
        async (_values, [db, username]) => {
          await withSignedIn(db, io, ['accounts.update'], async ({ program, actor }) => {
            const a = findByName(await listAccounts(program), username);
            await updateAccount(
              program,
              {
                id: a.id,
                displayName: a.displayName,
                role: a.role,
                personId: a.personId,
                disabled: name === 'disable',
              },
              actor,
            );
            io.out(`${name === 'disable' ? 'Disabled' : 'Enabled'} ${describeAccount(a)}`);
          });
        },
      ),
  };
  return command;
}

const password: CliCommand = {
  name: 'password',
  summary: 'Change your own password (--as)',
  usage: `Usage: account password <db> --as NAME
Signs in (the current password is asked, or read from RS_PASSWORD), then asks for the new one
twice (or reads ${NEW_PASSWORD_ENV}).`,
  run: (argv, io) =>
    runCommand(argv, io, { usage: password.usage, options: {}, positionals: ['db'] }, async (_values, [db]) => {
      await withSignedIn(db, io, ['session.changePassword'], async ({ program, account }) => {
        if (!account)
          throw new Error('This program has no accounts yet: create its administrator with "account setup"');
        // Signing in just checked the current password.
        await setOwnPassword(program, account.id, await newPassword(io, account.username), PASSWORD_COST);
        io.out(`Changed the password of ${describeAccount(account)}`);
      });
    }),
};

const SUBCOMMANDS = [
  setup,
  list,
  add,
  password,
  resetPasswordCommand,
  unlock,
  enableCommand('disable'),
  enableCommand('enable'),
];

export const accountCommand: CommandBody = commandGroup('account', SUBCOMMANDS);
