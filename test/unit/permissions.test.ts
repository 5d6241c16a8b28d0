// The role matrix itself (core/api/permissions.ts): every contract method has its entry, and the
// rules the product owner set hold whatever the table says elsewhere.
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../core/api/contract';
import {
  admission,
  allowedMethods,
  checkInput,
  directorOnlyChanges,
  isAllowed,
  PERMISSIONS,
  PUBLIC,
} from '../../core/api/permissions';
import { ROLES, type Account, type Role } from '../../core/domain/accounts';
import { defaultSettings } from '../../core/domain/defaults';

const account = (role: Role, extra: Partial<Account> = {}): Account => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  personId: role === 'resident' || role === 'faculty' ? 'p1' : null,
  disabled: false,
  lockedUntil: null,
  failedSignIns: 0,
  mustChangePassword: false,
  createdAt: '2026-07-01T00:00:00.000Z',
  lastSignInAt: null,
  ...extra,
});

describe('the role matrix', () => {
  it('has exactly one entry for every contract method', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('lets only the sign-in methods be called signed out', () => {
    expect(METHOD_NAMES.filter((m) => PERMISSIONS[m] === PUBLIC).sort()).toEqual([
      'session.setup',
      'session.signIn',
      'session.status',
    ]);
    for (const m of METHOD_NAMES)
      if (PERMISSIONS[m] !== PUBLIC) expect(admission(null, m)?.code, m).toBe('unauthenticated');
  });

  it('gives residents and faculty the published schedule and their own exports, and no writes', () => {
    for (const role of ['resident', 'faculty'] as const) {
      const writes = METHOD_NAMES.filter((m) => contract[m].writes && isAllowed(role, m));
      // Their own session, a calendar computation job (reads the program), stopping an export, and
      // asking for (or cancelling) a swap of their own calls and weeks (input checks hold them to their own).
      expect(writes.sort(), role).toEqual([
        'jobs.cancel',
        'jobs.startYearCalendar',
        'session.changePassword',
        'session.setup',
        'session.signIn',
        'session.signOut',
        'swaps.cancel',
        'swaps.request',
      ]);
      for (const m of ['schedule.grid', 'exports.calendars', 'exports.pdf', 'program.info'] as MethodName[])
        expect(isAllowed(role, m), `${role} ${m}`).toBe(true);
      for (const m of [
        'drafts.list',
        'compliance.findings',
        'absences.list',
        'audit.query',
        'exports.csv',
      ] as MethodName[])
        expect(isAllowed(role, m), `${role} ${m}`).toBe(false);
    }
  });

  it('lets residents and faculty stop their export, and only drafters stop a generation', async () => {
    const jobs = { status: (jobId: string) => ({ kind: jobId.startsWith('export') ? 'export' : 'solve' }) } as never;
    const scope = (role: Role) => ({ account: account(role), program: null as never, jobs });
    await expect(checkInput('jobs.cancel', { jobId: 'export-1' }, scope('resident'))).resolves.toBeUndefined();
    await expect(checkInput('jobs.cancel', { jobId: 'solve-1' }, scope('faculty'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(checkInput('jobs.cancel', { jobId: 'solve-1' }, scope('chief_resident'))).resolves.toBeUndefined();
  });

  it('lets only administrators manage accounts, and only schedule owners publish and roll back', () => {
    for (const role of ROLES) {
      expect(isAllowed(role, 'accounts.create'), role).toBe(role === 'administrator');
      expect(isAllowed(role, 'drafts.publish'), role).toBe(
        ['administrator', 'coordinator', 'program_director'].includes(role),
      );
      expect(isAllowed(role, 'publications.rollback'), role).toBe(
        ['administrator', 'coordinator', 'program_director'].includes(role),
      );
    }
    expect(isAllowed('chief_resident', 'drafts.setActivity')).toBe(true);
  });

  it('refuses with words that name the role and who may', () => {
    expect(admission(account('resident'), 'drafts.publish')).toEqual({
      code: 'forbidden',
      message:
        'Resident accounts may not work on drafts (drafts.publish); it takes an administrator, a coordinator or a ' +
        'program director account',
    });
  });

  it('holds an account with a temporary password to changing it', () => {
    const temp = account('coordinator', { mustChangePassword: true });
    expect(allowedMethods(temp).sort()).toEqual([
      'session.changePassword',
      'session.setup',
      'session.signIn',
      'session.signOut',
      'session.status',
    ]);
    expect(admission(temp, 'program.info')?.code).toBe('forbidden');
  });

  it('names what only the program director may change in the settings', () => {
    const before = defaultSettings('P');
    const eighty = before.rules.find((r) => r.type === 'acgme_80h')!;
    const off = { ...before, rules: before.rules.map((r) => (r.id === eighty.id ? { ...r, enabled: false } : r)) };
    expect(directorOnlyChanges(before, off)).toEqual([`switching off the ACGME rule "${eighty.id}"`]);
    const loosened = {
      ...before,
      rules: before.rules.map((r) => (r.id === eighty.id ? { ...r, params: { ...r.params, limitHours: 100 } } : r)),
    };
    expect(directorOnlyChanges(before, loosened)).toEqual([`changing the ACGME rule "${eighty.id}"`]);
    expect(directorOnlyChanges(before, { ...before, rules: before.rules.filter((r) => r.id !== eighty.id) })).toEqual([
      `removing the ACGME rule "${eighty.id}"`,
    ]);
    expect(directorOnlyChanges(before, { ...before, lockDate: '2026-09-01', rollbackHours: 720 })).toEqual([
      'moving the lock date',
      'changing how long a publication can be rolled back',
    ]);
    // Program policies (not ACGME) and everything else stay the coordinator's.
    const capacity = before.rules.find((r) => r.type === 'clinic_capacity')!;
    const policy = {
      ...before,
      programName: 'Q',
      rules: before.rules.map((r) => (r.id === capacity.id ? { ...r, enabled: false } : r)),
    };
    expect(directorOnlyChanges(before, policy)).toEqual([]);
  });
});
