// Marking a rotation shift-based through the API: its shifts become activities (AM/PM split at
// noon), the rotation carries cover and limits, one audit entry holds before and after, bad input
// changes nothing, the exchange format carries it both ways, and back to the weekly pattern.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher, type Envelope } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import type { Activity, Rotation } from '../../core/domain/types';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { createProgramFile } from '../../core/services/create';
import { exportProgram, parseProgramFile, serializeProgramFile } from '../../core/services/exchange';
import { openProgram, type Program } from '../../core/services/program';
import { JobService } from '../../core/jobs/service';

let dir: string;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;
const demo = generateProgram({ seed: 5, academicYear: 2026 });

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

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rotation-shifts-'));
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

const every = (n: number) => Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, n]));
const emergency = () => ({
  shifts: [
    { code: 'EDD', name: 'ED day', start: '07:00', end: '19:00', cover: every(1) },
    { code: 'EDN', name: 'ED night', start: '19:00', end: '07:00', cover: { ...every(1), '6': 2 } },
  ],
  minRestHours: 10,
  maxConsecutiveShifts: 5,
  minHoursPerWeek: 36,
  maxHoursPerWeek: 60,
  minWeekendsOff: 1,
});

describe('rotations.setShifts', () => {
  it('makes EM shift-based: its shifts as activities, cover and limits on the rotation, audited', async () => {
    const em = (await call<Rotation[]>('rotations.list', {})).find((r) => r.code === 'EM')!;
    expect(em.shifts ?? null).toBeNull();
    const result = await call<{ rotation: Rotation; activities: Activity[] }>('rotations.setShifts', {
      rotationId: em.id,
      shifts: emergency(),
    });
    expect(result.rotation.shifts).toEqual({
      shifts: [
        { activityCode: 'EDD', cover: every(1) },
        { activityCode: 'EDN', cover: { ...every(1), '6': 2 } },
      ],
      minRestHours: 10,
      maxConsecutiveShifts: 5,
      minHoursPerWeek: 36,
      maxHoursPerWeek: 60,
      minWeekendsOff: 1,
    });
    // Weekend cover: the rotation works weekends now.
    expect(result.rotation.worksWeekends).toBe(true);
    const activities = await call<Activity[]>('activities.list', {});
    expect(activities.find((a) => a.code === 'EDD')).toMatchObject({
      name: 'ED day',
      am: { start: '07:00', end: '12:00' },
      pm: { start: '12:00', end: '19:00' },
      countsTowardDutyHours: true,
    });
    expect(activities.find((a) => a.code === 'EDN')).toMatchObject({ am: null, pm: { start: '19:00', end: '07:00' } });
    const stored = (await call<Rotation[]>('rotations.list', {})).find((r) => r.code === 'EM')!;
    expect(stored.shifts).toEqual(result.rotation.shifts);
    const audit = await program.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'rotations.setShifts')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before!).rotation.shifts ?? null).toBeNull();
    expect(JSON.parse(audit[0].after!).activities.map((a: Activity) => a.code)).toEqual(['EDD', 'EDN']);
  });

  it('refuses what cannot be a shift rotation, naming the problem, and changes nothing', async () => {
    const em = (await call<Rotation[]>('rotations.list', {})).find((r) => r.code === 'EM')!;
    const before = await program.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // C is the clinic: scheduled half-days use its times, which a shift may not change.
    const clash = await failure('rotations.setShifts', {
      rotationId: em.id,
      shifts: {
        ...emergency(),
        shifts: [{ code: 'C', name: 'Clinic shift', start: '07:00', end: '19:00', cover: every(1) }],
      },
    });
    expect(clash.message).toMatch(/Activity C already exists with other times and is used by .*scheduled half-day/);
    const bad = await failure('rotations.setShifts', {
      rotationId: em.id,
      shifts: { ...emergency(), minHoursPerWeek: 70 },
    });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/minHoursPerWeek.*70 is above maxHoursPerWeek 60/);
    const unknown = await failure('rotations.setShifts', { rotationId: 'nope', shifts: null });
    expect(unknown.message).toMatch(/No rotation with id "nope"/);
    const after = await program.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await call<Rotation[]>('rotations.list', {})).find((r) => r.code === 'EM')!.shifts!.shifts).toHaveLength(2);
  });

  it('travels through the exchange format, and a file with a broken shift is refused by path', async () => {
    const file = await exportProgram(program);
    const back = parseProgramFile(serializeProgramFile(file), 'export.json');
    expect(back.program.rotations.find((r) => r.code === 'EM')!.shifts!.minRestHours).toBe(10);
    const broken = JSON.parse(serializeProgramFile(file));
    const i = broken.program.rotations.findIndex((r: Rotation) => r.code === 'EM');
    broken.program.rotations[i].shifts.shifts[0].activityCode = 'C';
    expect(() => parseProgramFile(JSON.stringify(broken), 'broken.json')).toThrow(
      new RegExp(
        `program\\.rotations\\[${i}\\]\\.shifts\\.shifts\\[0\\]\\.activityCode: C: its AM part ends at 12:00 but ` +
          `its PM part starts at 13:00`,
      ),
    );
  });

  it('goes back to the weekly pattern with null, keeping the shift activities', async () => {
    const em = (await call<Rotation[]>('rotations.list', {})).find((r) => r.code === 'EM')!;
    const result = await call<{ rotation: Rotation }>('rotations.setShifts', { rotationId: em.id, shifts: null });
    expect(result.rotation.shifts).toBeNull();
    expect((await call<Rotation[]>('rotations.list', {})).find((r) => r.code === 'EM')!.shifts ?? null).toBeNull();
    expect((await call<Activity[]>('activities.list', {})).some((a) => a.code === 'EDN')).toBe(true);
  });
});
