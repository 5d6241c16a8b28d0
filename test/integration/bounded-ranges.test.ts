// Every date range the API takes is bounded: a stated maximum length at the door, and where it
// matters (absences, exports) inside the program's academic years. An absurd range is refused with
// the reason and its path, and nothing is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { createProgramFile } from '../../core/services/create';
import { openProgram, type Program } from '../../core/services/program';

let dir: string;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;
const demo = generateProgram({ seed: 4, academicYear: 2026, residentsPerPgy: [2, 2, 2], facultyCount: 8 });

async function refusal(method: string, payload: unknown) {
  const result = await dispatch(method, payload);
  if (result.ok) throw new Error(`${method} unexpectedly accepted ${JSON.stringify(payload)}`);
  return result.error;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounded-'));
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, demo);
  program = await openProgram(file);
  pool = createWorkerPool({ workerDir: path.join(dir, 'no-workers'), maxThreads: 1 });
  const handlers = createHandlers({ program: () => program, jobs: new JobService(pool), actor: 'test' });
  dispatch = createDispatcher(contract, () => handlers);
});
afterAll(async () => {
  await program.close();
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('date ranges', () => {
  it('an absence from 1900 to 9999 is refused and not saved', async () => {
    const person = demo.people.find((p) => p.kind === 'resident')!;
    const error = await refusal('absences.create', {
      personId: person.id,
      type: 'vacation',
      start: '1900-01-01',
      end: '9999-12-31',
      status: 'approved',
    });
    expect(error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'end', message: 'an absence covers at most 731 days' }],
    });
    const far = await refusal('absences.create', {
      personId: person.id,
      type: 'vacation',
      start: '2062-07-01',
      end: '2062-07-04',
      status: 'approved',
    });
    expect(far.message).toMatch(/outside the program's academic years/);
    const saved = await program.db.selectFrom('absences').select('id').where('start', '<', '2000-01-01').execute();
    expect(saved).toEqual([]);
  });

  it('a grid, an inpatient week and an export have a stated maximum', async () => {
    expect((await refusal('schedule.grid', { start: '2026-07-01', end: '2029-07-01' })).issues).toEqual([
      { path: 'end', message: 'a range covers at most 731 days' },
    ]);
    const draft = await dispatch('drafts.create', { name: 'Bounds' });
    const draftId = (draft as { value: { id: number } }).value.id;
    expect(
      (await refusal('drafts.setInpatientWeek', { draftId, start: '2026-07-03', end: '2027-07-03', personIds: [] }))
        .issues?.[0].path,
    ).toBe('end');
    const pdf = await refusal('exports.pdf', {
      kind: 'person',
      start: '1900-01-01',
      end: '2999-12-31',
      output: path.join(dir, 'out'),
    });
    expect(pdf).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'end', message: 'an export covers at most 731 days' }],
    });
    const outside = await refusal('exports.csv', {
      start: '2025-01-01',
      end: '2025-12-31',
      output: path.join(dir, 'a.csv'),
    });
    expect(outside.message).toMatch(/go beyond the program's academic years \(AY 2026–27: 2026-07-01 to 2027-06-30\)/);
    expect(fs.existsSync(path.join(dir, 'a.csv'))).toBe(false);
  });
});
