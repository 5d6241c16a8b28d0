// The contingency use case end to end through the worker pool: a sweep split across workers and
// recorded with the schedule version it saw, stale after a schedule change, re-run recomputing
// only the weeks whose inputs changed, a graceful stop and a time limit that keep the finished
// weeks, a hard cancel that records nothing and leaves the pool healthy, a repair into a draft,
// the stress ladder and the printable report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { createAbsence } from '../../core/services/absences';
import {
  createContingencyRunner,
  exportContingencyReport,
  getContingencyRun,
  listContingencyRuns,
  repairDraft,
  type ContingencyJobResult,
  type StressRun,
  type SweepRun,
} from '../../core/services/contingency';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';
import { contingencyFixture, FIXTURE_WEEK } from '../unit/contingency-fixture';
import { buildAppWorkers, draftRows } from './generation-fixture';

let workers: { dir: string; cleanup: () => void };
let pool: WorkerPool;
let dir: string;

beforeAll(async () => {
  workers = await buildAppWorkers();
  pool = createWorkerPool({ workerDir: workers.dir, maxThreads: 2, warm: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contingency-'));
}, 120_000);
afterAll(async () => {
  await pool?.close();
  workers?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

let files = 0;
async function programOf(data: ProgramData): Promise<Program> {
  const program = await openProgram(path.join(dir, `p${++files}.sqlite`), { create: true });
  await writeProgramData(program, data, 'fixture');
  return program;
}

async function finished(jobs: JobService, jobId: string): Promise<ContingencyJobResult> {
  const done = await jobs.wait(jobId);
  expect(done.state, done.error ?? '').toBe('succeeded');
  return done.result as ContingencyJobResult;
}

const sweepOf = async (program: Program, runId: number) => (await getContingencyRun(program, { runId })) as SweepRun;

describe('contingency service', () => {
  it('records a sweep split across workers, marks it stale after an edit, and re-runs only the weeks that ' +
    'changed', async () => {
    const program = await programOf(contingencyFixture({ vas: ['fac-1', 'fac-2'] }));
    const jobs = new JobService(pool);
    const runner = createContingencyRunner({ jobs });
    const request = {
      start: '2026-09-07',
      end: '2026-11-08',
      depth: 2 as const,
      gone: { mode: 'period' as const },
      timeLimitSec: 600,
    };
    const first = await finished(jobs, (await runner.startSweep(program, 'tester', request)).jobId);
    expect(first).toMatchObject({ kind: 'sweep', complete: true, weeksComputed: 9, reusedWeeks: 0 });
    const run = await sweepOf(program, first.runId);
    expect(run.stale).toBe(false);
    expect(run.result.weeksDone).toHaveLength(9);
    expect(run.result.figures.workers).toBe(2);
    expect(run.result.pairs[0]).toMatchObject({ a: 'fac-1', b: 'fac-2' });
    expect(run.result.figures.pairs).toBe(15);

    // Nothing changed: every week is taken over.
    const again = await finished(jobs, (await runner.startSweep(program, 'tester', request)).jobId);
    expect(again).toMatchObject({ weeksComputed: 0, reusedWeeks: 9 });
    expect((await sweepOf(program, again.runId)).result.pairs).toEqual(run.result.pairs);

    // An absence at the end of the period changes the schedule: the runs are stale, and a re-run
    // recomputes only the weeks within reach of it (rolling windows), reusing the rest.
    await createAbsence(
      program,
      { personId: 'fac-3', type: 'sick', start: '2026-11-05', end: '2026-11-06', status: 'approved', note: null },
      'tester',
    );
    const stale = await sweepOf(program, again.runId);
    expect(stale.stale).toBe(true);
    expect(stale.staleReason).toMatch(/schedule changed since this run \(absences create at /);
    const third = await finished(jobs, (await runner.startSweep(program, 'tester', request)).jobId);
    expect(third.reusedWeeks).toBeGreaterThan(0);
    expect(third.weeksComputed).toBeGreaterThan(0);
    expect(third.weeksComputed + third.reusedWeeks).toBe(9);
    expect((await sweepOf(program, third.runId)).stale).toBe(false);
    expect((await listContingencyRuns(program, { kind: 'sweep', limit: 10 })).map((r) => r.id)).toEqual([
      third.runId,
      again.runId,
      first.runId,
    ]);
    await program.close();
  }, 300_000);

  it('turns a repair into a draft that passes the rule check', async () => {
    const program = await programOf(contingencyFixture({ vas: ['fac-1', 'fac-2'] }));
    const jobs = new JobService(pool);
    const runner = createContingencyRunner({ jobs });
    const done = await finished(
      jobs,
      (
        await runner.startSweep(program, 'tester', {
          start: FIXTURE_WEEK,
          end: '2026-10-11',
          depth: 2,
          gone: { mode: 'period' },
          timeLimitSec: 600,
        })
      ).jobId,
    );
    // A pair repair the run did not keep (absorbed) is computed on demand.
    const repair = await runner.repair(program, { runId: done.runId, gone: ['fac-3', 'fac-4'], week: FIXTURE_WEEK });
    expect(repair.outcome).toBe('absorbed');
    const draft = await repairDraft(program, 'tester', runner, {
      runId: done.runId,
      gone: ['fac-3', 'fac-4'],
      week: FIXTURE_WEEK,
    });
    expect(draft.name).toBe('Contingency: Faculty C and Faculty D gone, week of 2026-10-05');
    expect(draft.source).toBe('manual');
    expect(draft.validation).toMatchObject({ unresolved: 0 });
    const rows = await draftRows(program, draft.id);
    expect(rows.cells.length).toBe(repair.changes.filter((c) => c.kind === 'slot').length);
    expect(
      rows.cells.filter((c) => ['fac-3', 'fac-4'].includes(c.personId)).every((c) => c.activityCode === 'LV'),
    ).toBe(true);
    // The fatal pair's repair goes into a draft too, naming what nobody can take.
    const fatal = await repairDraft(program, 'tester', runner, {
      runId: done.runId,
      gone: ['fac-1', 'fac-2'],
      week: FIXTURE_WEEK,
    });
    expect(fatal.note).toMatch(/Nobody can take: Vasectomy clinic/);
    // After a schedule change the sweep is stale and its repairs are refused.
    await createAbsence(
      program,
      { personId: 'fac-4', type: 'vacation', start: '2026-10-07', end: '2026-10-07', status: 'approved', note: null },
      'tester',
    );
    await expect(
      repairDraft(program, 'tester', runner, { runId: done.runId, gone: ['fac-3'], week: FIXTURE_WEEK }),
    ).rejects.toThrow(/schedule changed since this run/);
    await program.close();
  }, 300_000);

  it('a stop and a time limit keep the finished weeks; a cancel records nothing and leaves the pool ' +
    'healthy', async () => {
    const program = await programOf(generateProgram({ seed: 1, academicYear: 2026 }));
    const jobs = new JobService(pool);
    const runner = createContingencyRunner({ jobs });
    const year = { start: '2026-07-01', end: '2027-06-30', depth: 2 as const, gone: { mode: 'period' as const } };

    const cancelled = (await runner.startSweep(program, 'tester', { ...year, timeLimitSec: 3600 })).jobId;
    await expect
      .poll(() => jobs.status(cancelled).detail.done as number, { timeout: 120_000, interval: 200 })
      .toBeGreaterThan(0);
    expect(jobs.cancel(cancelled).state).toBe('cancelled');
    expect((await jobs.wait(cancelled)).state).toBe('cancelled');
    expect(await listContingencyRuns(program, { limit: 10 })).toEqual([]);

    const stopped = (await runner.startSweep(program, 'tester', { ...year, end: '2026-08-02', timeLimitSec: 3600 }))
      .jobId;
    await expect
      .poll(() => jobs.status(stopped).detail.done as number, { timeout: 120_000, interval: 200 })
      .toBeGreaterThan(40);
    runner.stop(stopped);
    const partial = await finished(jobs, stopped);
    expect(partial).toMatchObject({ complete: false, stoppedBy: 'user' });
    const run = await sweepOf(program, partial.runId);
    expect(run.complete).toBe(false);
    expect(run.result.weeksDone.length).toBeLessThan(5);

    const limited = await finished(
      jobs,
      (await runner.startSweep(program, 'tester', { ...year, timeLimitSec: 1 })).jobId,
    );
    expect(limited).toMatchObject({ complete: false, stoppedBy: 'time_limit' });

    // The pool still works: a small sweep runs to the end.
    const after = await finished(
      jobs,
      (
        await runner.startSweep(program, 'tester', {
          ...year,
          start: '2026-10-05',
          end: '2026-10-11',
          depth: 1,
          timeLimitSec: 600,
        })
      ).jobId,
    );
    expect(after.complete).toBe(true);
    await program.close();
  }, 600_000);

  it('runs the stress ladder and prints the contingency report', async () => {
    const program = await programOf(contingencyFixture({ vas: ['fac-1', 'fac-2'] }));
    const jobs = new JobService(pool);
    const runner = createContingencyRunner({ jobs });
    const stress = await finished(
      jobs,
      (
        await runner.startStress(program, 'tester', {
          academicYear: 2026,
          blockNumber: 4,
          samples: 2,
          seed: 7,
          timeLimitSec: 600,
        })
      ).jobId,
    );
    const run = (await getContingencyRun(program, { runId: stress.runId })) as StressRun;
    expect(run.kind).toBe('stress');
    expect(run.result.levels.map((l) => [l.fraction, l.absent, l.samples.length])).toEqual([
      [0, 0, 2],
      [0.1, 1, 2],
      [0.2, 1, 2],
      [0.3, 2, 2],
      [0.4, 2, 2],
    ]);
    expect(run.result.levels[0]).toMatchObject({ coverageKept: 1, uncovered: 0, shed: 0 });
    expect(Array.isArray(run.result.nonMonotonic)).toBe(true);

    const sweep = await finished(
      jobs,
      (
        await runner.startSweep(program, 'tester', {
          start: FIXTURE_WEEK,
          end: '2026-10-11',
          depth: 2,
          gone: { mode: 'period' },
          timeLimitSec: 600,
        })
      ).jobId,
    );
    const output = path.join(dir, 'report.pdf');
    const report = await exportContingencyReport(program, { runId: sweep.runId, output });
    expect(report.pages).toBeGreaterThanOrEqual(1);
    const text = fs.readFileSync(output).subarray(0, 5).toString();
    expect(text).toBe('%PDF-');
    await expect(exportContingencyReport(program, { runId: stress.runId, output })).rejects.toThrow(/stress ladder/);
    await program.close();
  }, 300_000);
});
