// The annual plan's phased search runs on work, not on the wall clock: every solve (the whole model
// and each neighbourhood's sub-MIP) gets a budget of LP iterations (and a sub-MIP a node budget), and
// the real time left only as a backstop. Before, each sub-MIP had a share of the wall-clock time left,
// so the same program gave a different plan on a loaded machine (bench year 100/150: 'stopped' at
// 226 s under load, 'succeeded' at 103 s without).
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { LinearModel, SolveOptions, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel } from '../../core/solver/models/annual';
import { violatedRows } from '../../core/solver/models/builder';
import { solveInPhases } from '../../core/solver/models/phased';
import { startFromHint } from '../../core/solver/models/start';

const YEAR = 2026;
const LIMIT_SEC = 120;

describe('the annual plan’s phased search', () => {
  const data = generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });
  const model = buildAnnualPlanModel(data, { academicYear: YEAR, current: data.rotationAssignments });
  const linear = model.builder.build();
  const highs = getBackend('highs');

  /** The phased search on a backend that records each solve's options and the real time left when it began. */
  const search = async () => {
    const start = (await startFromHint(model.builder, model.startHint!, highs, { timeLimitSec: LIMIT_SEC }))!.values;
    const solves: { whole: boolean; options: SolveOptions; timeLeftSec: number }[] = [];
    const began = performance.now();
    const recording: SolverBackend = {
      ...highs,
      solve(m: LinearModel, options) {
        const timeLeftSec = LIMIT_SEC - (performance.now() - began) / 1000;
        solves.push({ whole: m.columns === linear.columns, options, timeLeftSec });
        // The whole search ends with only the start, as a large plan's does before its root LP:
        // the neighbourhoods go on from it.
        return highs.solve(m, solves.length === 1 ? { ...options, stop: () => true } : options);
      },
    };
    const out = await solveInPhases(linear, recording, model.neighbourhoods!, {
      timeLimitSec: LIMIT_SEC,
      wholeModelFirstSec: 0,
      mipAbsGap: 0.999,
      start,
    });
    expect(violatedRows(model.builder, out.values, 1e-5)).toEqual([]);
    return { out, solves };
  };

  it('gives every solve a work budget, each sub-MIP its nodes, and the time left only as a backstop', async () => {
    const { solves } = await search();
    const subs = solves.filter((s) => !s.whole);
    expect(solves[0].whole).toBe(true);
    expect(subs.length).toBeGreaterThan(0);
    for (const s of solves) {
      expect(s.options.workLimit?.lpIterations, 'an LP-iteration budget').toBeGreaterThan(0);
      // Not a share of the clock: all the real time the search has left.
      expect(s.options.timeLimitSec).toBeGreaterThanOrEqual(s.timeLeftSec);
    }
    for (const s of subs) expect(s.options.workLimit?.nodes).toBe(500);
    // A sub-MIP's budget is a share of the work left: the first gets the most.
    const budgets = subs.map((s) => s.options.workLimit!.lpIterations!);
    expect(Math.max(...budgets)).toBe(budgets[0]);
  });

  it('finds the same plan twice from the same model', async () => {
    const [a, b] = [await search(), await search()];
    expect(b.out.objective).toBe(a.out.objective);
    expect(Array.from(b.out.values)).toEqual(Array.from(a.out.values));
    expect(b.solves.map((s) => s.options.workLimit)).toEqual(a.solves.map((s) => s.options.workLimit));
  });
});
