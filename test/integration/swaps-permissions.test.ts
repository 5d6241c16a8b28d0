// Who may do what with swaps (core/api/permissions.ts): faculty and residents ask for swaps of
// their own items and see and cancel only the swaps they are part of; an approval is given in the
// signed-in account's role (the administrator stands in for the coordinator); only the program
// director gives break-glass to run a swap on or before the lock date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInput, isAllowed, swapApprovalRole } from '../../core/api/permissions';
import type { Account, Role } from '../../core/domain/accounts';
import type { Program } from '../../core/services/program';
import { requestSwap } from '../../core/services/swaps';
import { SwapFixture } from './swaps-fixture';

const account = (role: Role, personId: string | null = null): Account => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  personId,
  disabled: false,
  lockedUntil: null,
  failedSignIns: 0,
  mustChangePassword: false,
  createdAt: '2026-01-01T00:00:00Z',
  lastSignInAt: null,
});

let program: Program;
let cleanup: () => Promise<void>;
let swapId: number;
beforeAll(async () => {
  const opened = await new SwapFixture().overnight('f2', '2026-10-13').open();
  ({ program, cleanup } = opened);
  swapId = (
    await requestSwap(opened.ctx, {
      kind: 'absorb',
      item: { kind: 'call', personId: 'f2', date: '2026-10-13', callTypeCode: 'OC' },
      counterpartId: 'f3',
      counterItem: null,
      reason: 'conference',
    })
  ).id;
});
afterAll(() => cleanup());

const check = (role: Role, personId: string | null, method: Parameters<typeof checkInput>[0], input: unknown) =>
  checkInput(method, input, { account: account(role, personId), program });
const item = (personId: string) => ({
  kind: 'absorb',
  item: { kind: 'call', personId, date: '2026-10-13', callTypeCode: 'OC' },
});

describe('swap permissions', () => {
  it('holds faculty and residents to their own items and swaps', async () => {
    await expect(check('faculty', 'f2', 'swaps.candidates', item('f2'))).resolves.toBeUndefined();
    await expect(
      check('faculty', 'f4', 'swaps.request', { ...item('f2'), counterpartId: 'f4', reason: 'mine now' }),
    ).rejects.toThrow(/own calls and inpatient weeks/);
    await expect(check('faculty', 'f3', 'swaps.get', { swapId })).resolves.toBeUndefined();
    await expect(check('faculty', 'f5', 'swaps.cancel', { swapId, reason: 'not mine' })).rejects.toThrow(
      /only the swaps they are part of/,
    );
    await expect(check('resident', 'r1', 'swaps.list', {})).rejects.toThrow(/own/);
    await expect(check('resident', 'r1', 'swaps.list', { personId: 'r1' })).resolves.toBeUndefined();
    await expect(check('faculty', 'f2', 'swaps.pending', {})).rejects.toThrow(/own/);
    await expect(check('faculty', 'f2', 'swaps.pending', { personId: 'f2' })).resolves.toBeUndefined();
    // Staff see and ask for anyone's.
    await expect(
      check('coordinator', null, 'swaps.request', { ...item('f2'), counterpartId: 'f4', reason: 'for f2' }),
    ).resolves.toBeUndefined();
  });

  it('lets the coordinator and the program director approve, each in their own role', async () => {
    for (const role of ['faculty', 'resident', 'chief_resident'] as const)
      expect(isAllowed(role, 'swaps.approve'), role).toBe(false);
    expect(isAllowed('faculty', 'swaps.execute')).toBe(false);
    expect(swapApprovalRole(account('program_director'), undefined)).toBe('program_director');
    expect(swapApprovalRole(account('administrator'), undefined)).toBe('coordinator');
    expect(() => swapApprovalRole(account('coordinator'), 'program_director')).toThrow(
      /approve swaps as the coordinator, not the program director/,
    );
    expect(swapApprovalRole(null, 'program_director')).toBe('program_director');
    await expect(
      check('coordinator', null, 'swaps.execute', { swapId, breakGlass: { reason: 'urgent' } }),
    ).rejects.toThrow(/program director/);
    await expect(
      check('program_director', null, 'swaps.execute', { swapId, breakGlass: { reason: 'urgent' } }),
    ).resolves.toBeUndefined();
  });
});
