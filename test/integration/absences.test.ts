// Absences through the API: create, update, delete (audited, all or nothing), and the collision
// preview (half-days, calls, inpatient weeks, rotations, overlapping absences, blocking policy).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type AbsenceCollisions } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher, type Envelope } from '../../core/api/kit';
import { addDays } from '../../core/domain/calendar';
import { generateProgram } from '../../core/demo/generate';
import type { Absence } from '../../core/domain/types';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { absenceBlocking } from '../../core/services/absences';
import { createProgramFile } from '../../core/services/create';
import { openProgram, type Program } from '../../core/services/program';
import { defaultAbsencePolicies } from '../../core/domain/defaults';

let dir: string;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;
const demo = generateProgram({ seed: 5, academicYear: 2026, residentsPerPgy: [3, 3, 3], facultyCount: 8 });

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Envelope<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
async function failure(method: string, payload: unknown) {
  const result = await dispatch(method, payload);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}
const count = async (table: 'absences' | 'audit_log') =>
  Number(
    (
      await program.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'absences-'));
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, demo);
  program = await openProgram(file);
  pool = createWorkerPool({ workerDir: path.join(dir, 'no-workers'), maxThreads: 1 });
  const handlers = createHandlers({ program: () => program, jobs: new JobService(pool), actor: 'coordinator' });
  dispatch = createDispatcher(contract, () => handlers);
});

afterAll(async () => {
  await program.close();
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('absence policy', () => {
  it('makes every approved type unavailable; requested ones are only avoided; recovery days stay', () => {
    const policies = defaultAbsencePolicies();
    for (const type of ['vacation', 'conference', 'sick', 'medical', 'tdy'])
      expect(absenceBlocking(policies, type, 'approved')).toMatchObject({ blocks: true, recoveryDays: 0 });
    expect(absenceBlocking(policies, 'vacation', 'approved').rule).toBe('Vacation covers every half-day and call');
    expect(absenceBlocking(policies, 'deployment', 'approved')).toMatchObject({ blocks: true, recoveryDays: 7 });
    expect(absenceBlocking(policies, 'convalescent', 'approved')).toMatchObject({ blocks: true, recoveryDays: 3 });
    expect(absenceBlocking(policies, 'vacation', 'requested')).toMatchObject({ blocks: false });
    expect(absenceBlocking(policies, 'vacation', 'requested').rule).toMatch(/^Requested: generation avoids work there/);
    expect(absenceBlocking(policies, 'vacation', 'denied')).toMatchObject({ blocks: false, recoveryDays: 0 });
    const relaxed = policies.map((p) =>
      p.type === 'conference' ? { ...p, relax: { halfDays: false, callsFrom: '17:00' } } : p,
    );
    expect(absenceBlocking(relaxed, 'conference', 'approved').rule).toBe(
      'Conference covers every half-day and calls that start before 17:00 (calls starting at 17:00 or later stay ' +
        'allowed)',
    );
  });
});

describe('collision preview', () => {
  it('lists the slots, calls and inpatient weeks the absence overlaps', async () => {
    // A faculty member with an inpatient week and a call: take the first week and its days.
    const week = demo.inpatientWeeks[0];
    const personCalls = demo.calls.filter((c) => c.personId === week.personId);
    const preview = await call<AbsenceCollisions>('absences.preview', {
      personId: week.personId,
      type: 'tdy',
      start: week.start,
      end: week.end,
      status: 'approved',
    });
    expect(preview.blocking.blocks).toBe(true);
    expect(preview.inpatientWeeks).toContainEqual({ start: week.start, end: week.end });
    const expectedSlots = demo.assignments.filter(
      (a) =>
        a.personId === week.personId &&
        a.date >= week.start &&
        a.date <= week.end &&
        demo.activities.find((x) => x.code === a.activityCode)?.category !== 'time_off',
    );
    expect(preview.slots.filter((s) => !s.inRecovery)).toHaveLength(expectedSlots.length);
    expect(preview.calls.map((c) => c.date)).toEqual(
      personCalls
        .filter((c) => c.date >= week.start && c.date <= week.end)
        .map((c) => c.date)
        .sort(),
    );
    expect(preview.summary.join(' ')).toContain('inpatient week');
    expect(preview.days).toBe(7);
  });

  it('adds recovery days after a deployment and flags rotations that are not leave-eligible', async () => {
    const resident = demo.people.find((p) => p.kind === 'resident')!;
    const inpatient = new Set(demo.rotations.filter((r) => !r.leaveEligible).map((r) => r.id));
    const ra = demo.rotationAssignments.find((r) => r.personId === resident.id && inpatient.has(r.rotationId));
    const blocks = await call<{ number: number; start: string; end: string }[]>('blocks.list', { academicYear: 2026 });
    const block = ra ? blocks.find((b) => b.number === ra.blockNumber)! : null;
    const start = block ? block.start : '2026-09-01';
    const preview = await call<AbsenceCollisions>('absences.preview', {
      personId: resident.id,
      type: 'deployment',
      start,
      end: addDays(start, 2),
      status: 'approved',
    });
    expect(preview.recovery).toEqual({ start: addDays(start, 3), end: addDays(start, 9) });
    if (ra) expect(preview.rotations.some((r) => !r.leaveEligible)).toBe(true);
    expect(preview.slots.some((s) => s.inRecovery)).toBe(true);
  });

  it('names the other absences of the person it overlaps, but not the one being edited', async () => {
    const existing = demo.absences.find((a) => a.status !== 'denied')!;
    const fields = {
      personId: existing.personId,
      type: 'vacation',
      start: existing.start,
      end: existing.end,
      status: 'requested',
    };
    const preview = await call<AbsenceCollisions>('absences.preview', fields);
    expect(preview.overlapping.map((a) => a.id)).toContain(existing.id);
    const editing = await call<AbsenceCollisions>('absences.preview', { ...fields, id: existing.id });
    expect(editing.overlapping.map((a) => a.id)).not.toContain(existing.id);
  });

  it('refuses an unknown person and dates outside the program', async () => {
    const person = demo.people[0].id;
    expect(
      await failure('absences.preview', {
        personId: 'nobody',
        type: 'sick',
        start: '2026-08-01',
        end: '2026-08-01',
        status: 'approved',
      }),
    ).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('nobody'),
    });
    expect(
      (
        await failure('absences.preview', {
          personId: person,
          type: 'sick',
          start: '2062-08-01',
          end: '2062-08-01',
          status: 'approved',
        })
      ).message,
    ).toContain("outside the program's academic years");
    const backwards = await failure('absences.preview', {
      personId: person,
      type: 'sick',
      start: '2026-08-02',
      end: '2026-08-01',
      status: 'approved',
    });
    expect(backwards.code).toBe('invalid_input');
    expect(backwards.issues?.[0].path).toBe('end');
  });
});

describe('create, update, delete', () => {
  it('writes each change with an audit entry and reads it back', async () => {
    const person = demo.people.find((p) => p.kind === 'resident')!;
    const absencesBefore = await count('absences');
    const auditBefore = await count('audit_log');
    const created = await call<Absence>('absences.create', {
      personId: person.id,
      type: 'conference',
      start: '2026-10-05',
      end: '2026-10-07',
      status: 'requested',
      note: '  AAFP  ',
    });
    expect(created).toMatchObject({ personId: person.id, type: 'conference', note: 'AAFP', status: 'requested' });
    expect(created.id).toMatch(/^abs-/);
    expect(await count('absences')).toBe(absencesBefore + 1);

    const updated = await call<Absence>('absences.update', { ...created, status: 'approved', note: '' });
    expect(updated).toEqual({ ...created, status: 'approved', note: null });
    const listed = await call<Absence[]>('absences.list', { academicYear: 2026 });
    expect(listed.find((a) => a.id === created.id)).toEqual(updated);

    const deleted = await call<Absence>('absences.delete', { id: created.id });
    expect(deleted).toEqual(updated);
    expect(await count('absences')).toBe(absencesBefore);

    const log = await program.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(log.map((r) => r.action)).toEqual(['absences.create', 'absences.update', 'absences.delete']);
    expect(JSON.parse(log[1].before!)).toEqual(created);
    expect(JSON.parse(log[1].after!)).toEqual(updated);
    expect(log[2].after).toBeNull();
    expect(await count('audit_log')).toBe(auditBefore + 3);

    // The audit query by person finds them.
    const byPerson = await call<{ entries: { action: string }[] }>('audit.query', {
      personId: person.id,
      action: 'absences.',
    });
    expect(byPerson.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['absences.create', 'absences.update', 'absences.delete']),
    );
  });

  it('refuses bad writes and changes nothing', async () => {
    const absencesBefore = await count('absences');
    const auditBefore = await count('audit_log');
    expect(
      (
        await failure('absences.update', {
          id: 'abs-none',
          personId: demo.people[0].id,
          type: 'sick',
          start: '2026-08-01',
          end: '2026-08-01',
          status: 'approved',
        })
      ).code,
    ).toBe('not_found');
    expect((await failure('absences.delete', { id: 'abs-none' })).code).toBe('not_found');
    expect(
      (
        await failure('absences.create', {
          personId: 'ghost',
          type: 'sick',
          start: '2026-08-01',
          end: '2026-08-01',
          status: 'approved',
        })
      ).code,
    ).toBe('not_found');
    const existing = demo.absences[0];
    expect((await failure('absences.update', { ...existing, personId: 'ghost' })).code).toBe('not_found');
    expect(await count('absences')).toBe(absencesBefore);
    expect(await count('audit_log')).toBe(auditBefore);
    const still = await program.db
      .selectFrom('absences')
      .selectAll()
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    expect(still.person_id).toBe(existing.personId);
  });
});
