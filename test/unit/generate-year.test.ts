// The whole-year scope in the model layer: a stop while the plan is being solved keeps the plan
// (only it), a stop between blocks keeps the finished blocks, and an unknown first block is
// refused by name. Through the worker pool and into a draft: test/integration/generate-year.test.ts.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { blocksForYear } from '../../core/domain/calendar';
import { getBackend } from '../../core/solver/backends';
import {
  emptyReport,
  runGeneration,
  type GenerationReport,
  type GenerationRequest,
} from '../../core/solver/models/generate';
import { runYear } from '../../core/solver/models/year';
import { YEAR_WEIGHT } from '../../core/solver/models/year-budget';
import type { SolveOptions, SolverBackend } from '../../core/solver/backend';
import { ModelBuilder } from '../../core/solver/models/builder';
import type { GenerationModel } from '../../core/solver/models/model';
import { solveGeneration } from '../../core/solver/models/solve';

const YEAR = 2026;
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });

describe('year scope', () => {
  it('stopped while the plan is solved: the plan only, and it says so', async () => {
    let stop = false;
    const report = await runGeneration(
      getBackend('highs'),
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 11, timeLimitSec: 60 },
      {
        stop: () => stop,
        progress: (p) => {
          if (p.phase.startsWith('Rotation plan') && p.objective !== null) stop = true;
        },
      },
    );
    expect(report.status).toBe('stopped');
    expect(report.completedBlocks).toEqual([]);
    expect(report.rotationAssignments!.length).toBeGreaterThan(0);
    expect(Math.min(...report.rotationAssignments!.map((a) => a.blockNumber))).toBe(11);
    expect(report.calls).toBeNull();
    expect(report.assignments).toBeNull();
    expect(report.figures).toHaveLength(1);
    expect(report.message).toMatch(
      /only the rotation plan was generated.*blocks 11–13 still follow the published schedule/,
    );
  });

  it('stopped between blocks: the plan and the finished blocks, with the range they cover', async () => {
    let stop = false;
    const report = await runGeneration(
      getBackend('highs'),
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 11, timeLimitSec: 60 },
      {
        stop: () => stop,
        progress: (p) => {
          if (p.phase.startsWith('Block 12 of 13')) stop = true;
        },
      },
    );
    expect(report.status).toBe('stopped');
    // Block 12 was stopped in its calls, so only block 11 is complete.
    expect(report.completedBlocks).toEqual([11]);
    const block11 = blocksForYear(YEAR, demo().settings.blockLayout).find((b) => b.number === 11)!;
    expect(report.range).toEqual({ start: block11.start, end: block11.end });
    expect(report.assignments!.every((a) => a.date >= report.range.start && a.date <= report.range.end)).toBe(true);
    expect(report.calls!.every((c) => c.date <= report.range.end)).toBe(true);
    expect(report.message).toMatch(/the rotation plan and block 11 were generated; blocks 12 and 13 were not/);
  });

  it('the plan out of time (under load): the year goes on from the current plan', async () => {
    const program = demo();
    const backend = getBackend('highs');
    // The plan's share of the run is (almost) nothing; the blocks get theirs.
    const report = await runYear(
      { scope: 'year', program, academicYear: YEAR, fromBlock: 13, timeLimitSec: 120 },
      (sub, progress) =>
        runGeneration(backend, sub.scope === 'annual' ? { ...sub, timeLimitSec: 0.001 } : sub, { progress }),
      { parallel: 1, hooks: {} },
    );
    expect(report.status, report.message).toBe('succeeded');
    expect(report.completedBlocks).toEqual([13]);
    const key = (a: { personId: string; part: string; rotationId: string }) =>
      `${a.personId}|${a.part}|${a.rotationId}`;
    const current = program.rotationAssignments.filter((a) => a.blockNumber === 13).map(key);
    expect(report.rotationAssignments!.map(key).sort()).toEqual(current.sort());
    expect(report.assignments!.length).toBeGreaterThan(0);
  });

  it('keeps the final check’s share of the limit back from the steps', async () => {
    const program = demo();
    const limits: { scope: string; sec: number }[] = [];
    // Steps that answer at once: each step's limit is its share of the whole run's.
    const answer = (sub: GenerationRequest) => {
      limits.push({ scope: sub.scope, sec: sub.timeLimitSec! });
      const report = {
        ...emptyReport(sub.scope, { start: '2026-07-01', end: '2027-06-30' }),
        status: 'succeeded' as const,
      };
      if (sub.scope === 'annual') return { ...report, rotationAssignments: program.rotationAssignments };
      if (sub.scope === 'calls')
        return {
          ...report,
          calls: [],
          inpatientWeeks: [],
          fairness: [],
          callCounts: { decidedNights: 0, decidedWeeks: 0, lockedCalls: 0 },
        };
      if (sub.scope === 'halfday') return { ...report, assignments: [], personIds: [] };
      return report;
    };
    for (const parallel of [1, 2]) {
      limits.length = 0;
      const report = await runYear(
        { scope: 'year', program, academicYear: YEAR, fromBlock: 12, timeLimitSec: 60 },
        async (sub) => answer(sub),
        { parallel, hooks: {} },
      );
      expect(report.status, report.message).toBe('succeeded');
      expect(limits.at(-1)!.scope).toBe('check');
      // No step's limit reaches into the share kept for the check (which runs alone, unstopped):
      // until a half-day step ended, the check's weight, counted once per thread, against the plan
      // and two blocks' steps; then a few times what that step took, at least a second.
      const check = YEAR_WEIGHT.check * parallel;
      const reserve = (60 * check) / (YEAR_WEIGHT.plan + 2 * (YEAR_WEIGHT.calls + YEAR_WEIGHT.halfday) + check);
      const last = limits.at(-2)!;
      expect(last.scope).toBe('halfday');
      const firstHalfDay = limits.findIndex((l) => l.scope === 'halfday');
      for (const step of limits.slice(0, firstHalfDay + 1))
        expect(step.sec, `parallel ${parallel}`).toBeLessThanOrEqual(60 - reserve);
      expect(last.sec, `parallel ${parallel}`).toBeLessThanOrEqual(60 - 1);
    }
  });

  it('a step with no schedule at its budget searches on: the plan from scratch, its budget over at once', async () => {
    const report = await runGeneration(getBackend('highs'), {
      scope: 'annual',
      program: demo(),
      academicYear: YEAR,
      keepCurrentPlan: false,
      workLimitSec: 0.001,
      timeLimitSec: 300,
    });
    expect(report.status, report.message).toBe('succeeded');
    expect(report.rotationAssignments!.length).toBeGreaterThan(0);
  });

  it('a solve ends at its work budget once it has a schedule, not before, and the clock is its backstop', async () => {
    const builder = new ModelBuilder();
    builder.binary('x', 1);
    const model: GenerationModel<number> = { scope: 'annual', label: 'Test model', builder, decode: (v) => v[0] };
    const given: SolveOptions[] = [];
    const recording: SolverBackend = {
      name: 'highs',
      async solve(_m, o) {
        given.push(o);
        return {
          status: 'optimal',
          objective: 0,
          bound: 0,
          gap: 0,
          values: new Float64Array([0]),
          elapsedSec: 0,
          message: '',
        };
      },
    };
    const outcome = await solveGeneration(model, recording, { timeLimitSec: 300, workLimitSec: 0.001 });
    expect(outcome.status).toBe('optimal');
    expect(given[0].workLimit?.lpIterations).toBeGreaterThan(0);
    expect(given[0].workLimit?.afterFirstSolution).toBe(true);
    expect(given[0].timeLimitSec).toBeGreaterThan(299);
  });

  it('stopped during the final check (the pool ended it): every block kept, the check left for later', async () => {
    const backend = getBackend('highs');
    const report = await runYear(
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 13, timeLimitSec: 120, flagsMarginDays: 28 },
      (sub, progress) =>
        sub.scope === 'check'
          ? // What the pool returns for a check that did not answer the stop: its interim result.
            Promise.resolve({ ...emptyReport('check', sub.checkRange!), status: 'stopped' as const })
          : runGeneration(backend, sub, { progress }),
      { parallel: 1, hooks: {} },
    );
    expect(report.status).toBe('stopped');
    expect(report.completedBlocks).toEqual([13]);
    expect(report.assignments!.length).toBeGreaterThan(0);
    expect(report.flagsCheck).toBeNull();
    expect(report.message).toMatch(
      /^Stopped during the check against the rules: the rotation plan and block 13 were generated/,
    );
  }, 240_000);

  it('out of time: what was finished is still checked, in the check’s share, for its draft’s flags', async () => {
    const backend = getBackend('highs');
    let clock = 0;
    const scopes: string[] = [];
    const report = await runYear(
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 12, timeLimitSec: 120, flagsMarginDays: 28 },
      async (sub, progress) => {
        scopes.push(sub.blockNumber === undefined ? sub.scope : `${sub.scope} ${sub.blockNumber}`);
        const r = await runGeneration(backend, sub, { progress });
        // Block 12's half-days end just as the time before the check's share runs out.
        if (sub.scope === 'halfday') clock = 1_000;
        return r;
      },
      { parallel: 1, hooks: {}, clockSec: () => clock },
    );
    expect(scopes).toEqual(['annual', 'calls 12', 'halfday 12', 'check']);
    expect(report.status).toBe('stopped');
    expect(report.completedBlocks).toEqual([12]);
    expect(report.message).toMatch(/^Out of time \(the run's limit is 120 s\): the rotation plan and block 12/);
    expect(report.flagsCheck).not.toBeNull();
    // Judged by its draft's flags, not failed by them.
    expect(report.hardFindings).toEqual([]);
  }, 240_000);

  it('a block that found nothing in its time as the time ran out is out of time, not unsolved', async () => {
    const backend = getBackend('highs');
    let clock = 0;
    const report = await runYear(
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 12, timeLimitSec: 120 },
      async (sub, progress) => {
        if (sub.scope !== 'halfday' || sub.blockNumber !== 13) return runGeneration(backend, sub, { progress });
        // Block 13's half-days: nothing found in their time (as a solve reports it), the run's time up meanwhile.
        const solved = await runGeneration(backend, sub, {});
        clock = 1_000;
        return {
          ...emptyReport('halfday', solved.range),
          status: 'failed' as const,
          message: 'Half-day schedule, block 13: no schedule found within 0.5 s; allow more time',
          figures: solved.figures.map((f) => ({ ...f, status: 'no_solution', objective: null })),
        };
      },
      { parallel: 1, hooks: {}, clockSec: () => clock },
    );
    expect(report.status).toBe('stopped');
    expect(report.completedBlocks).toEqual([12]);
    expect(report.unsolvedBlocks).toEqual([]);
    expect(report.message).toMatch(/^Out of time .*: the rotation plan and block 12 were generated; block 13 was not/);
  }, 240_000);

  it('the annual plan posts what a stop would return: the quick construction’s plan, then each better', async () => {
    const interims: GenerationReport[] = [];
    const final = await runGeneration(
      getBackend('highs'),
      { scope: 'annual', program: demo(), academicYear: YEAR, keepCurrentPlan: false, timeLimitSec: 60 },
      { interim: (r) => interims.push(r) },
    );
    expect(interims.length).toBeGreaterThanOrEqual(2);
    // Planned from scratch: the quick construction's plan is there before the solver has one.
    expect(interims[0].status).toBe('stopped');
    expect(interims[0].rotationAssignments!.length).toBe(final.rotationAssignments!.length);
    expect(interims[0].message).toMatch(/this plan was built by the quick construction: it meets every hard rule/);
    const last = interims[interims.length - 1];
    expect(last.status).toBe('stopped');
    expect(last.rotationAssignments!.length).toBe(final.rotationAssignments!.length);
    expect(last.figures[0].objective).toBe(final.figures[0].objective);
  }, 240_000);

  it('the annual plan from the current plan: a stop at once keeps the current plan', async () => {
    const program = demo();
    const interims: GenerationReport[] = [];
    await runGeneration(
      getBackend('highs'),
      { scope: 'annual', program, academicYear: YEAR, timeLimitSec: 60 },
      { interim: (r) => interims.push(r), stop: () => true },
    );
    expect(interims[0].message).toMatch(/kept the current one \(stopped\)/);
    const key = (a: { personId: string; blockNumber: number; part: string; rotationId: string }) =>
      `${a.personId}|${a.blockNumber}|${a.part}|${a.rotationId}`;
    expect(new Set(interims[0].rotationAssignments!.map(key))).toEqual(
      new Set(program.rotationAssignments.filter((a) => a.academicYear === YEAR).map(key)),
    );
  });

  it('refuses a first block the year does not have', async () => {
    await expect(
      runGeneration(getBackend('highs'), { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 20 }),
    ).rejects.toThrow('Block 20 does not exist in academic year 2026 (blocks 0–13)');
  });
});
