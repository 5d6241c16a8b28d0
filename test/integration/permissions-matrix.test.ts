// The role matrix walked through the real core (createCore): every contract method × every role
// (and signed out) is admitted or refused exactly as core/api/permissions.ts says, before the
// input is even read; then the input a role may use only in part (own calendar, program-director
// settings, break-glass) is refused with `forbidden` and changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type SessionStatus } from '../../core/api/contract';
import type { Core, CoreSession } from '../../core/api/core';
import { isAllowed, PERMISSIONS, PUBLIC } from '../../core/api/permissions';
import { ROLES, type Role } from '../../core/domain/accounts';
import { demoAccounts, DEMO_PASSWORD } from '../../core/demo/accounts';
import { generateProgram } from '../../core/demo/generate';
import { createProgramFile } from '../../core/services/create';
import { signIn, TEST_PASSWORD_COST } from '../sign-in';
import { createTestCore, value } from '../test-core';

const YEAR = 2026;
let dir: string;
let core: Core;
const sessions = new Map<Role, CoreSession>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'matrix-'));
  const data = generateProgram({ seed: 11, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 8 });
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, data, {
    accounts: { seeds: demoAccounts(data, YEAR), password: DEMO_PASSWORD, cost: TEST_PASSWORD_COST },
  });
  core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'matrix' });
  for (const role of ROLES) {
    const session = core.openSession();
    await signIn(session.dispatch, role);
    sessions.set(role, session);
  }
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every method × every role', () => {
  it('is admitted or refused as the matrix says (null input: admitted calls stop at validation)', async () => {
    const signedOut = core.openSession();
    const table: string[] = [];
    for (const method of METHOD_NAMES) {
      const out = await signedOut.dispatch(method, null);
      expect(out.ok, method).toBe(false);
      expect(!out.ok && out.error.code, `signed out: ${method}`).toBe(
        PERMISSIONS[method] === PUBLIC ? 'invalid_input' : 'unauthenticated',
      );
      for (const role of ROLES) {
        const result = await sessions.get(role)!.dispatch(method, null);
        const code = result.ok ? 'ok' : result.error.code;
        expect(code, `${role}: ${method}`).toBe(isAllowed(role, method) ? 'invalid_input' : 'forbidden');
        table.push(`${method} ${role} ${code === 'forbidden' ? 'refused' : 'allowed'}`);
      }
    }
    expect(table).toHaveLength(METHOD_NAMES.length * ROLES.length);
    // Each session is still signed in as itself: no refusal signed anyone out.
    for (const role of ROLES)
      expect(value<SessionStatus>(await sessions.get(role)!.dispatch('session.status', {})).account?.role).toBe(role);
  });
});

describe('input a role may use only in part', () => {
  it('lets a resident export only their own published calendar', async () => {
    const resident = sessions.get('resident')!;
    const me = value<SessionStatus>(await resident.dispatch('session.status', {})).account!;
    const people = value<{ id: string }[]>(await resident.dispatch('people.list', { academicYear: YEAR }));
    const other = people.find((p) => p.id !== me.personId)!.id;
    const out = path.join(dir, 'calendars');
    for (const people of [{}, { personIds: [other] }, { personIds: [me.personId!, other] }, { kinds: ['resident'] }]) {
      const refused = await resident.dispatch('exports.calendars', { people, outputDir: out });
      expect(refused, JSON.stringify(people)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(
      await resident.dispatch('exports.calendars', {
        people: { personIds: [me.personId] },
        draftId: 1,
        outputDir: out,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('published schedule') },
    });
    expect(
      await resident.dispatch('exports.pdf', {
        kind: 'block',
        people: { personIds: [me.personId] },
        output: path.join(dir, 'b.pdf'),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Their own calendar is accepted (the export runs as a job), and they may stop it.
    const own = value<{ jobId: string }>(
      await resident.dispatch('exports.calendars', { people: { personIds: [me.personId] }, outputDir: out }),
    );
    expect(await resident.dispatch('jobs.cancel', { jobId: own.jobId })).toMatchObject({ ok: true });
  });

  it('leaves switching off an ACGME rule, the lock date and the rollback window to the program director', async () => {
    const coordinator = sessions.get('coordinator')!;
    const settings = value<{
      settings: { rules: { type: string; enabled: boolean }[]; lockDate: string | null; rollbackHours: number };
    }>(await coordinator.dispatch('program.info', {})).settings;
    const off = {
      ...settings,
      rules: settings.rules.map((r) => (r.type === 'acgme_80h' ? { ...r, enabled: false } : r)),
    };
    for (const change of [off, { ...settings, lockDate: '2026-08-01' }, { ...settings, rollbackHours: 720 }]) {
      const refused = await coordinator.dispatch('program.updateSettings', change);
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/^Only the program director/) },
      });
    }
    expect(value<{ settings: unknown }>(await coordinator.dispatch('program.info', {})).settings).toEqual(settings);
    // Other settings are the coordinator's.
    expect(await coordinator.dispatch('program.updateSettings', { ...settings, programName: 'Renamed' })).toMatchObject(
      { ok: true },
    );
    const director = sessions.get('program_director')!;
    expect(await director.dispatch('program.updateSettings', { ...settings, lockDate: '2026-08-01' })).toMatchObject({
      ok: true,
      value: { lockDate: '2026-08-01' },
    });
    expect(await director.dispatch('program.updateSettings', settings)).toMatchObject({ ok: true });
  });

  it('leaves break-glass to the program director', async () => {
    const refused = await sessions
      .get('coordinator')!
      .dispatch('drafts.publish', { draftId: 1, breakGlass: { reason: 'urgent coverage' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('program director') },
    });
    // The director gets past the role check (to the draft, which does not exist).
    const director = await sessions
      .get('program_director')!
      .dispatch('drafts.publish', { draftId: 999, breakGlass: { reason: 'urgent coverage' } });
    expect(director).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
