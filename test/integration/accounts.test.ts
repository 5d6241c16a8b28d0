// Accounts and sessions through the real core: the first-run administrator, sign-in with a lock
// after repeated failures, temporary passwords, disabling, the last administrator, every change
// audited under the account's name (never a password hash); and the CLI acting as an account.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AuditRow, PersonRow, SessionStatus } from '../../core/api/contract';
import { createCore, type Core, type CoreSession } from '../../core/api/core';
import { main } from '../../core/cli/main';
import { generateProgram } from '../../core/demo/generate';
import { SIGN_IN_POLICY, signIn as signInService } from '../../core/services/accounts';
import { createProgramFile } from '../../core/services/create';
import { PASSWORD_COST } from '../../core/services/passwords';
import { openProgram } from '../../core/services/program';
import { TEST_PASSWORD_COST } from '../sign-in';
import { createTestCore, value } from '../test-core';

const YEAR = 2026;
const ADMIN_PASSWORD = 'correct horse battery';
let dir: string;
let file: string;
let core: Core;
let admin: CoreSession;
const status = async (s: CoreSession) => value<SessionStatus>(await s.dispatch('session.status', {}));
/** An account's stored password hash (scrypt$N$r$p$salt$hash). */
async function storedHash(programFile: string, username: string): Promise<string> {
  const program = await openProgram(programFile, { readOnly: true });
  try {
    const row = await program.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.password_hash;
  } finally {
    await program.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'accounts-'));
  file = path.join(dir, 'program.sqlite');
  await createProgramFile(
    file,
    generateProgram({ seed: 5, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 8 }),
  );
  core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'system' });
  admin = core.openSession();
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('first run', () => {
  it('opens on the administrator set-up, and nothing else, until it is done', async () => {
    expect(await status(admin)).toMatchObject({
      setupNeeded: true,
      account: null,
      allowed: ['session.status', 'session.setup', 'session.signIn'],
    });
    expect(await admin.dispatch('people.list', { academicYear: YEAR })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const weak = await admin.dispatch('session.setup', {
      username: 'admin',
      displayName: 'Ada Admin',
      password: 'short',
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining('at least 8 characters') },
    });
    const done = value<SessionStatus>(
      await admin.dispatch('session.setup', { username: 'admin', displayName: 'Ada Admin', password: ADMIN_PASSWORD }),
    );
    expect(done).toMatchObject({ setupNeeded: false, account: { username: 'admin', role: 'administrator' } });
    expect(done.allowed).toContain('accounts.create');
    // Once an account exists, set-up is refused (another window cannot create a second administrator).
    const again = await core
      .openSession()
      .dispatch('session.setup', { username: 'mallory', displayName: 'M', password: 'another password' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The core hashes at the cost it was made with (this test's small one).
    expect(await storedHash(file, 'admin')).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it("hashes at the app's cost when the core is given none", async () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    const other = path.join(dir, 'default-cost.sqlite');
    await createProgramFile(other, generateProgram({ seed: 6, academicYear: YEAR, residentsPerPgy: [1, 1, 1] }));
    const plain = await createCore({ dbPath: other, workerDir: path.join(dir, 'no-workers'), actor: 'system' });
    try {
      value(await plain.dispatch('session.setup', { username: 'boss', displayName: 'B', password: ADMIN_PASSWORD }));
    } finally {
      await plain.close();
    }
    expect(await storedHash(other, 'boss')).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('accounts', () => {
  let people: PersonRow[];
  beforeAll(async () => {
    people = value<PersonRow[]>(await admin.dispatch('people.list', { academicYear: YEAR }));
  });

  it('a new account signs in with its temporary password and must choose its own first', async () => {
    const created = value<Account>(
      await admin.dispatch('accounts.create', {
        username: 'coord',
        displayName: 'Cora Coordinator',
        role: 'coordinator',
        password: 'temporary pass',
      }),
    );
    expect(created).toMatchObject({
      username: 'coord',
      role: 'coordinator',
      mustChangePassword: true,
      disabled: false,
    });
    const cora = core.openSession();
    expect(
      value<SessionStatus>(await cora.dispatch('session.signIn', { username: 'COORD', password: 'temporary pass' }))
        .account,
    ).toMatchObject({
      username: 'coord',
      mustChangePassword: true,
    });
    expect(await cora.dispatch('people.list', { academicYear: YEAR })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await cora.dispatch('session.changePassword', { currentPassword: 'wrong one!', newPassword: 'my own password' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: 'The current password is wrong' },
    });
    await cora.dispatch('session.changePassword', {
      currentPassword: 'temporary pass',
      newPassword: 'my own password',
    });
    expect((await status(cora)).account?.mustChangePassword).toBe(false);
    const person = value<PersonRow>(
      await cora.dispatch('people.create', {
        name: 'New Resident',
        kind: 'resident',
        facultyRole: null,
        pgy: 1,
        academicYear: YEAR,
        email: null,
      }),
    );
    // The audit log names the account.
    const log = value<{ entries: AuditRow[] }>(
      await admin.dispatch('audit.query', { entity: 'person', entityId: person.id }),
    );
    expect(log.entries[0]).toMatchObject({ actor: 'coord', action: 'people.create' });
  });

  it('faculty and resident accounts act for a person of that kind', async () => {
    const faculty = people.find((p) => p.kind === 'faculty')!;
    const resident = people.find((p) => p.kind === 'resident')!;
    const base = { displayName: 'R', password: 'temporary pass' };
    expect(await admin.dispatch('accounts.create', { ...base, username: 'r0', role: 'resident' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('choose who') },
    });
    expect(
      await admin.dispatch('accounts.create', { ...base, username: 'r1', role: 'resident', personId: faculty.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining('act for a resident') },
    });
    const r2 = { ...base, username: 'r2', role: 'resident', personId: resident.id, mustChangePassword: false };
    expect(value<Account>(await admin.dispatch('accounts.create', r2)).personId).toBe(resident.id);
    expect(await admin.dispatch('accounts.create', { ...base, username: 'R2', role: 'coordinator' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await admin.dispatch('accounts.create', { ...base, username: 'has space', role: 'coordinator' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it(
    `locks an account after ${SIGN_IN_POLICY.maxFailures} wrong passwords, until an administrator ` + `unlocks it`,
    async () => {
      await admin.dispatch('accounts.create', {
        username: 'lockme',
        displayName: 'L',
        role: 'coordinator',
        password: 'right password',
        mustChangePassword: false,
      });
      const s = core.openSession();
      const unknown = await s.dispatch('session.signIn', { username: 'nobody', password: 'whatever1' });
      expect(unknown).toMatchObject({
        ok: false,
        error: { code: 'rejected', message: 'Wrong account name or password' },
      });
      for (let i = 1; i < SIGN_IN_POLICY.maxFailures; i++)
        expect(await s.dispatch('session.signIn', { username: 'lockme', password: `wrong ${i}` })).toMatchObject({
          ok: false,
          error: { message: 'Wrong account name or password' },
        });
      const locking = await s.dispatch('session.signIn', { username: 'lockme', password: 'wrong again' });
      expect(locking).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^Wrong account name or password\. This account is locked/) },
      });
      const right = await s.dispatch('session.signIn', { username: 'lockme', password: 'right password' });
      expect(right).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^This account is locked/) } });
      const accounts = value<Account[]>(await admin.dispatch('accounts.list', {}));
      const locked = accounts.find((a) => a.username === 'lockme')!;
      expect(locked.lockedUntil).not.toBeNull();
      await admin.dispatch('accounts.unlock', { id: locked.id });
      expect(
        value<SessionStatus>(await s.dispatch('session.signIn', { username: 'lockme', password: 'right password' }))
          .account?.username,
      ).toBe('lockme');
      const log = value<{ entries: AuditRow[] }>(
        await admin.dispatch('audit.query', { action: 'account.', limit: 200 }),
      );
      const actions = log.entries.filter((e) => e.actor === 'lockme').map((e) => e.action);
      expect(actions.filter((a) => a === 'account.signInFailed')).toHaveLength(SIGN_IN_POLICY.maxFailures - 1);
      expect(actions).toContain('account.locked');
      expect(actions).toContain('account.signIn');
      expect(JSON.stringify(log.entries)).not.toMatch(/scrypt|right password/);
    },
  );

  it('a lock ends by itself after the lock time', async () => {
    const program = await openProgram(file);
    try {
      const t0 = Date.parse('2030-01-01T08:00:00Z');
      const at = (minutes: number) => () => new Date(t0 + minutes * 60_000);
      await admin.dispatch('accounts.create', {
        username: 'later',
        displayName: 'L',
        role: 'coordinator',
        password: 'right password',
        mustChangePassword: false,
      });
      for (let i = 0; i < SIGN_IN_POLICY.maxFailures; i++)
        await expect(signInService(program, 'later', 'nope nope', TEST_PASSWORD_COST, at(0))).rejects.toThrow();
      await expect(
        signInService(program, 'later', 'right password', TEST_PASSWORD_COST, at(SIGN_IN_POLICY.lockMinutes - 1)),
      ).rejects.toThrow(/locked/);
      await expect(
        signInService(program, 'later', 'right password', TEST_PASSWORD_COST, at(SIGN_IN_POLICY.lockMinutes + 1)),
      ).resolves.toMatchObject({ username: 'later' });
    } finally {
      await program.close();
    }
  });

  it('a disabled account is signed out at its next call, and cannot sign in', async () => {
    const created = value<Account>(
      await admin.dispatch('accounts.create', {
        username: 'leaver',
        displayName: 'Lee',
        role: 'coordinator',
        password: 'right password',
        mustChangePassword: false,
      }),
    );
    const s = core.openSession();
    await s.dispatch('session.signIn', { username: 'leaver', password: 'right password' });
    expect(await s.dispatch('people.list', { academicYear: YEAR })).toMatchObject({ ok: true });
    await admin.dispatch('accounts.update', {
      id: created.id,
      displayName: 'Lee',
      role: 'coordinator',
      personId: null,
      disabled: true,
    });
    expect(await s.dispatch('people.list', { academicYear: YEAR })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await s.dispatch('session.signIn', { username: 'leaver', password: 'right password' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('disabled') },
    });
  });

  it('a changed role applies at the next call', async () => {
    const created = value<Account>(
      await admin.dispatch('accounts.create', {
        username: 'mover',
        displayName: 'Mo',
        role: 'chief_resident',
        password: 'right password',
        mustChangePassword: false,
      }),
    );
    const s = core.openSession();
    await s.dispatch('session.signIn', { username: 'mover', password: 'right password' });
    expect(await s.dispatch('publications.rollback', { publicationId: 999, reason: 'test it' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await admin.dispatch('accounts.update', {
      id: created.id,
      displayName: 'Mo',
      role: 'coordinator',
      personId: null,
      disabled: false,
    });
    expect(await s.dispatch('publications.rollback', { publicationId: 999, reason: 'test it' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('keeps at least one active administrator', async () => {
    const me = (await status(admin)).account!;
    for (const change of [
      { role: 'coordinator', disabled: false },
      { role: 'administrator', disabled: true },
    ])
      expect(
        await admin.dispatch('accounts.update', { id: me.id, displayName: me.displayName, personId: null, ...change }),
      ).toMatchObject({
        ok: false,
        error: { code: 'rejected', message: expect.stringContaining('last active administrator') },
      });
  });

  it('an administrator reset sets a temporary password and unlocks', async () => {
    const accounts = value<Account[]>(await admin.dispatch('accounts.list', {}));
    const coord = accounts.find((a) => a.username === 'coord')!;
    expect(
      value<Account>(await admin.dispatch('accounts.resetPassword', { id: coord.id, password: 'temporary 2' }))
        .mustChangePassword,
    ).toBe(true);
    const s = core.openSession();
    expect(
      value<SessionStatus>(await s.dispatch('session.signIn', { username: 'coord', password: 'temporary 2' })).account
        ?.mustChangePassword,
    ).toBe(true);
  });
});

describe('the command line as an account', () => {
  async function cli(env: Record<string, string | undefined>, ...argv: string[]) {
    const saved = {
      RS_ACCOUNT: process.env.RS_ACCOUNT,
      RS_PASSWORD: process.env.RS_PASSWORD,
      RS_NEW_PASSWORD: process.env.RS_NEW_PASSWORD,
    };
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    const out: string[] = [];
    const err: string[] = [];
    try {
      const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }

  it('signs in with --as and the password, and refuses without them or with a wrong one', async () => {
    expect((await cli({ RS_PASSWORD: ADMIN_PASSWORD }, 'info', file, '--as', 'admin')).code).toBe(0);
    const none = await cli({ RS_ACCOUNT: undefined, RS_PASSWORD: undefined }, 'info', file);
    expect(none.code).toBe(1);
    expect(none.err).toContain('give --as NAME');
    const noPassword = await cli({ RS_PASSWORD: undefined }, 'info', file, '--as', 'admin');
    expect(noPassword.err).toContain('set RS_PASSWORD');
    const wrong = await cli({ RS_PASSWORD: 'not it at all' }, 'info', file, '--as=admin');
    expect(wrong).toMatchObject({
      code: 1,
      err: expect.stringContaining('Could not sign in as admin: Wrong account name or password'),
    });
  });

  it('applies the role matrix: a resident cannot export the whole program or publish', async () => {
    const r = await cli({ RS_PASSWORD: 'temporary pass' }, 'export', file, path.join(dir, 'all.json'), '--as', 'r2');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Resident accounts may not');
    const publish = await cli({ RS_PASSWORD: 'temporary pass' }, 'publish', file, '1', '--as', 'r2');
    expect(publish.err).toContain('may not work on drafts (drafts.publish)');
  });

  it('manages accounts as the administrator, and sets up a program without accounts', async () => {
    const env = { RS_ACCOUNT: 'admin', RS_PASSWORD: ADMIN_PASSWORD, RS_NEW_PASSWORD: 'first password' };
    const added = await cli(
      env,
      'account',
      'add',
      file,
      'newpd',
      '--role',
      'program_director',
      '--display-name',
      'Dr New',
    );
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining('Added newpd (Dr New, program director)') });
    expect((await cli(env, 'account', 'list', file)).out).toContain('newpd (Dr New, program director)');
    // The command line hashes at the app's cost.
    expect(await storedHash(file, 'newpd')).toMatch(/^scrypt\$32768\$8\$1\$/);
    const newpd = { RS_ACCOUNT: 'newpd', RS_PASSWORD: 'first password', RS_NEW_PASSWORD: 'my pd password' };
    expect((await cli(newpd, 'info', file)).err).toContain('Choose a new password first');
    expect((await cli(newpd, 'account', 'password', file)).code).toBe(0);
    expect((await cli({ ...newpd, RS_PASSWORD: 'my pd password' }, 'info', file)).code).toBe(0);
    const empty = path.join(dir, 'empty.sqlite');
    expect((await cli({}, 'init', empty, '--year', String(YEAR))).code).toBe(0);
    const setup = await cli({ RS_NEW_PASSWORD: 'a good password' }, 'account', 'setup', empty, '--as', 'boss');
    expect(setup).toMatchObject({ code: 0, out: expect.stringContaining('Created the administrator boss') });
    expect(
      (await cli({ RS_NEW_PASSWORD: 'a good password' }, 'account', 'setup', empty, '--as', 'other')).err,
    ).toContain('already has accounts');
  });
});
