// Foundation services through the API handlers: program info, settings, people (audited with
// before/after), blocks, absences, and the block grid's grouping and contents.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher, type Envelope } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { createProgramFile } from '../../core/services/create';
import { complianceInput, validate } from '../../core/rules';
import { loadProgramData, openProgram, type Program } from '../../core/services/program';
import { joinRegExp } from '../regexp';

let dir: string;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;
const demo = generateProgram({ seed: 9, academicYear: 2026 });

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
const auditRows = () => program.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'services-'));
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

describe('program', () => {
  it('summarises the program', async () => {
    const info = await call<{
      counts: Record<string, number>;
      academicYears: { id: number; label: string }[];
      schemaVersion: number;
      path: string;
    }>('program.info', {});
    expect(info.path).toBe(program.path);
    expect(info.counts.residents).toBe(17);
    expect(info.counts.faculty).toBe(12);
    expect(info.counts.assignments).toBe(demo.assignments.length);
    expect(info.academicYears).toEqual([{ id: 2026, label: 'AY 2026–27', start: '2026-07-01', end: '2027-06-30' }]);
    expect(info.schemaVersion).toBe(program.schemaVersion);
  });

  it('updates settings in an audited transaction, and refuses a layout that drops planned blocks', async () => {
    const settings = { ...demo.settings, programName: 'Renamed Program' };
    expect((await call<{ programName: string }>('program.updateSettings', settings)).programName).toBe(
      'Renamed Program',
    );
    const last = (await auditRows()).at(-1)!;
    expect(last.action).toBe('program.updateSettings');
    expect(last.actor).toBe('coordinator');
    expect(JSON.parse(last.before!).programName).toBe(demo.settings.programName);
    expect(JSON.parse(last.after!).programName).toBe('Renamed Program');

    const before = await auditRows();
    const error = await failure('program.updateSettings', {
      ...settings,
      blockLayout: { anchorWeekday: null, blockLengthDays: 56, blockCount: 6 },
    });
    expect(error.code).toBe('rejected');
    expect(error.message).toMatch(
      joinRegExp(
        /The new block calendar does not fit the rotation plan: /,
        /AY 2026–27 has no block 0 \(blocks 1–6\); AY 2026–27 has no block 7/,
      ),
    );
    expect(await auditRows()).toHaveLength(before.length);
    const blocks = await call<{ number: number }[]>('blocks.list', { academicYear: 2026 });
    expect(blocks.map((b) => b.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
});

describe('people', () => {
  it('lists residents senior first with the PGY level of the year', async () => {
    const people = await call<{ kind: string; pgy: number | null; name: string }[]>('people.list', {
      academicYear: 2026,
    });
    expect(people).toHaveLength(demo.people.length);
    const residents = people.filter((p) => p.kind === 'resident');
    expect(residents.map((r) => r.pgy)).toEqual([...residents.map((r) => r.pgy)].sort((a, b) => b! - a!));
    expect(people.findIndex((p) => p.kind === 'faculty')).toBe(residents.length);
  });

  it('creates and updates a person, auditing before and after', async () => {
    const created = await call<{ id: string; pgy: number; pgyByYear: Record<string, number> }>('people.create', {
      name: 'Ada Newman',
      kind: 'resident',
      facultyRole: null,
      pgy: 1,
      academicYear: 2026,
      email: 'ada.newman@residency.example',
    });
    expect(created.pgy).toBe(1);
    let audit = (await auditRows()).at(-1)!;
    expect(audit.action).toBe('people.create');
    expect(audit.entity_id).toBe(created.id);
    expect(audit.before).toBeNull();
    expect(JSON.parse(audit.after!).name).toBe('Ada Newman');

    const updated = await call<{ pgy: number; name: string }>('people.update', {
      id: created.id,
      name: 'Ada Newman-Lee',
      kind: 'resident',
      facultyRole: null,
      pgy: 2,
      academicYear: 2026,
      email: null,
    });
    expect(updated).toMatchObject({ name: 'Ada Newman-Lee', pgy: 2 });
    audit = (await auditRows()).at(-1)!;
    expect(audit.action).toBe('people.update');
    expect(JSON.parse(audit.before!)).toMatchObject({ name: 'Ada Newman', pgyByYear: { '2026': 1 } });
    expect(JSON.parse(audit.after!)).toMatchObject({ name: 'Ada Newman-Lee', pgyByYear: { '2026': 2 }, email: null });
  });

  it('reports unknown ids and duplicate names as domain errors, writing nothing', async () => {
    const before = await auditRows();
    const missing = await failure('people.update', {
      id: 'nobody',
      name: 'X Y',
      kind: 'faculty',
      facultyRole: 'core',
      pgy: null,
      academicYear: 2026,
      email: null,
    });
    expect(missing).toMatchObject({ code: 'not_found', message: 'No person with id "nobody"' });
    const duplicate = await failure('people.create', {
      name: demo.people[0].name.toUpperCase(),
      kind: 'student',
      facultyRole: null,
      pgy: null,
      academicYear: 2026,
      email: null,
    });
    expect(duplicate.code).toBe('conflict');
    expect(duplicate.message).toContain(`A person named "${demo.people[0].name}" already exists`);
    expect(await auditRows()).toHaveLength(before.length);
  });

  it(
    "keeps a resident's plan past a new last day, reports it as findings, and refuses a last day before " + 'the first',
    async () => {
      const person = demo.people.find(
        (p) => p.kind === 'resident' && demo.assignments.some((a) => a.personId === p.id && a.date > '2026-07-10'),
      )!;
      const fields = {
        id: person.id,
        name: person.name,
        kind: 'resident',
        facultyRole: null,
        pgy: person.pgyByYear['2026'],
        academicYear: 2026,
        email: person.email,
      };
      const before = await auditRows();
      const backwards = await failure('people.update', { ...fields, startDate: '2026-07-11', endDate: '2026-07-10' });
      expect(backwards.code).toBe('invalid_input');
      expect(backwards.issues).toEqual([
        { path: 'endDate', message: 'the end date 2026-07-10 is before the start date 2026-07-11' },
      ]);
      expect(await auditRows()).toHaveLength(before.length);

      const updated = await call<{ endDate?: string }>('people.update', { ...fields, endDate: '2026-07-10' });
      expect(updated.endDate).toBe('2026-07-10');
      // Nothing is removed: what lies after the last day is the coordinator's to move, and says so.
      const data = await loadProgramData(program);
      const after = data.assignments.filter((a) => a.personId === person.id && a.date > '2026-07-10');
      expect(after.length).toBeGreaterThan(0);
      const findings = validate(complianceInput(data, { start: '2026-07-02', end: '2026-07-29' }), {
        ruleIds: ['absence_conflict'],
      }).filter((f) => f.personId === person.id && f.message.includes('after their last day, 10 Jul 2026'));
      expect(findings).toHaveLength(1);
      // The grid shows the person in the block they leave in (with the date); in a later month with
      // nothing of theirs left in it, they are not a row (before the last day was set, they were).
      const rowsOf = async (start: string, end: string) =>
        (await call<{ people: { id: string; endDate?: string }[] }>('schedule.grid', { start, end })).people.filter(
          (p) => p.id === person.id,
        );
      expect(await rowsOf('2026-07-02', '2026-07-10')).toEqual([expect.objectContaining({ endDate: '2026-07-10' })]);
      // (Their May half-days and calls moved already: only the last day keeps them off the grid.)
      for (const table of ['assignments', 'calls'] as const)
        await program.db
          .deleteFrom(table)
          .where('person_id', '=', person.id)
          .where('date', '>=', '2027-05-01')
          .where('date', '<=', '2027-05-28')
          .execute();
      expect(await rowsOf('2027-05-01', '2027-05-28')).toEqual([]);
      await call('people.update', fields);
      expect(await rowsOf('2027-05-01', '2027-05-28')).toHaveLength(1);
      expect((await loadProgramData(program)).people.find((p) => p.id === person.id)?.endDate).toBeUndefined();
    },
  );

  it('adds the academic year (and its blocks) a new PGY level names', async () => {
    await call('people.create', {
      name: 'Future Fellow',
      kind: 'resident',
      facultyRole: null,
      pgy: 1,
      academicYear: 2027,
      email: null,
    });
    const blocks = await call<unknown[]>('blocks.list', { academicYear: 2027 });
    expect(blocks.length).toBeGreaterThanOrEqual(13);
  });
});

describe('lists and the grid', () => {
  it('lists activities, rotations and the absences of a year; unknown years are not found', async () => {
    expect((await call<unknown[]>('activities.list', {})).length).toBe(demo.activities.length);
    expect((await call<unknown[]>('rotations.list', {})).length).toBe(demo.rotations.length);
    const absences = await call<{ start: string }[]>('absences.list', { academicYear: 2026 });
    expect(absences).toHaveLength(demo.absences.length);
    expect(absences.map((a) => a.start)).toEqual([...absences.map((a) => a.start)].sort());
    expect(await failure('blocks.list', { academicYear: 2035 })).toMatchObject({ code: 'not_found' });
  });

  it('gives the grid of a block: groups PGY-3, PGY-2, PGY-1, Faculty, Learners, sorted by name', async () => {
    const grid = await call<{
      people: { group: string; name: string; id: string }[];
      assignments: { date: string; personId: string }[];
      calls: { date: string }[];
      rotationAssignments: { blockNumber: number }[];
      holidays: unknown[];
    }>('schedule.grid', { start: '2026-07-02', end: '2026-07-29' });
    const groups = [...new Set(grid.people.map((p) => p.group))];
    expect(groups).toEqual(['PGY-3', 'PGY-2', 'PGY-1', 'Faculty', 'Learners']);
    for (const group of groups) {
      const names = grid.people.filter((p) => p.group === group).map((p) => p.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    }
    const inRange = demo.assignments.filter((a) => a.date >= '2026-07-02' && a.date <= '2026-07-29');
    expect(grid.assignments).toHaveLength(inRange.length);
    expect(grid.calls.every((c) => c.date >= '2026-07-02' && c.date <= '2026-07-29')).toBe(true);
    expect(new Set(grid.rotationAssignments.map((r) => r.blockNumber))).toEqual(new Set([1]));
    expect(grid.holidays).toHaveLength(1); // Independence Day (observed), Friday 3 July
  });
});
