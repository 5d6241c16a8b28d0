// A person's own page (people.schedule): a resident's year at a glance from the published
// schedule — every block's rotation, calls, clinic half-days, leave, the coming two weeks and the
// weekly hours — that agrees with the grid it summarises; residents see only their own page.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridData, PersonSchedule, SessionStatus } from '../../core/api/contract';
import type { Core, CoreSession } from '../../core/api/core';
import { demoAccounts, DEMO_PASSWORD } from '../../core/demo/accounts';
import { generateProgram } from '../../core/demo/generate';
import { createProgramFile } from '../../core/services/create';
import { signIn, TEST_PASSWORD_COST } from '../sign-in';
import { createTestCore, value } from '../test-core';

const YEAR = 2026;
let dir: string;
let core: Core;
let resident: CoreSession;
let coordinator: CoreSession;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'person-page-'));
  const data = generateProgram({ seed: 12, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 8 });
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, data, {
    accounts: { seeds: demoAccounts(data, YEAR), password: DEMO_PASSWORD, cost: TEST_PASSWORD_COST },
  });
  core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'test' });
  resident = core.openSession();
  await signIn(resident.dispatch, 'resident');
  coordinator = core.openSession();
  await signIn(coordinator.dispatch, 'coordinator');
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a person's page", () => {
  it('summarises the resident’s year the way the grid shows it', async () => {
    const me = value<SessionStatus>(await resident.dispatch('session.status', {})).account!;
    const page = value<PersonSchedule>(
      await resident.dispatch('people.schedule', { personId: me.personId, academicYear: YEAR }),
    );
    expect(page.person).toMatchObject({ id: me.personId, kind: 'resident' });
    expect(page.person.pgy).not.toBeNull();
    expect(page.blocks.length).toBeGreaterThan(10);
    expect(page.blocks.every((b) => b.rotations.length > 0)).toBe(true);
    expect(page.coming).toHaveLength(28);
    expect(page.hours?.weeks.length).toBeGreaterThan(50);

    const grid = value<GridData>(
      await coordinator.dispatch('schedule.grid', { start: `${YEAR}-07-01`, end: `${YEAR + 1}-06-30` }),
    );
    const clinic = new Set(grid.activities.filter((a) => a.countsTowardClinicCapacity).map((a) => a.code));
    expect(page.totals.clinicHalfDays).toBe(
      grid.assignments.filter((a) => a.personId === me.personId && clinic.has(a.activityCode)).length,
    );
    expect(page.totals.calls).toBe(grid.calls.filter((c) => c.personId === me.personId).length);
    expect(page.blocks.reduce((n, b) => n + b.calls, 0)).toBe(page.totals.calls);
  });

  it('is the resident’s own: another person’s page is refused; the coordinator sees anyone’s', async () => {
    const me = value<SessionStatus>(await resident.dispatch('session.status', {})).account!;
    const people = value<{ id: string; kind: string; facultyRole: string | null }[]>(
      await coordinator.dispatch('people.list', { academicYear: YEAR }),
    );
    const other = people.find((p) => p.id !== me.personId && p.kind === 'resident')!;
    expect(await resident.dispatch('people.schedule', { personId: other.id, academicYear: YEAR })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const faculty = people.find((p) => p.facultyRole === 'core')!;
    const page = value<PersonSchedule>(
      await coordinator.dispatch('people.schedule', { personId: faculty.id, academicYear: YEAR }),
    );
    expect(page.hours).toBeNull();
    expect(page.totals.calls).toBeGreaterThan(0);
    expect(await coordinator.dispatch('people.schedule', { personId: 'nobody', academicYear: YEAR })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
