// A fresh annual plan on a machine too slow for its limit: HiGHS needs seconds of CPU before its first
// plan (about 5 CPU-s at 150 residents), so a short limit under load ended "no schedule found within
// N s" and the user had no plan. The quick construction (core/solver/models/construct.ts) builds one
// from the model's own rows first; it is kept when the solver finds none. The solver searches on its
// own, not from it (from that poor plan the search to the optimum took three times as long). The slow
// machine is an event, not a clock: every solve ends before HiGHS has a plan of its own (as the wall
// backstop does under load).
import { describe, expect, it } from 'vitest';
import { generateProgram, residentsPerPgyFor } from '../../core/demo/generate';
import type { SolveOptions, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel } from '../../core/solver/models/annual';
import { violatedRows } from '../../core/solver/models/builder';
import { constructSchedule } from '../../core/solver/models/construct';
import { runGeneration } from '../../core/solver/models/generate';
import { solveGeneration } from '../../core/solver/models/solve';

const YEAR = 2026;
const program = (residents: number) =>
  generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: residentsPerPgyFor(residents) });

/**
 * A machine too loaded for the limit: every solve ends as HiGHS's does when its limit passes inside
 * its root LP (no plan of its own), recording what it was given.
 */
const tooSlow = (given: SolveOptions[]): SolverBackend => ({
  ...getBackend('highs'),
  async solve(_model, options) {
    given.push(options);
    const values = new Float64Array();
    const none = { status: 'no_solution', objective: null, bound: null, gap: null, values, elapsedSec: 0 } as const;
    return { ...none, message: 'time limit reached', stoppedBy: 'time' };
  },
});

describe('a fresh annual plan when the solver finds none within its limit', () => {
  for (const residents of [40, 150])
    it(`keeps the quick construction’s plan: ${residents} residents, zero hard findings`, async () => {
      const data = program(residents);
      const given: SolveOptions[] = [];
      const report = await runGeneration(tooSlow(given), {
        scope: 'annual',
        program: data,
        academicYear: YEAR,
        keepCurrentPlan: false,
        timeLimitSec: 600,
        workLimitSec: 0.001,
      });
      expect(report.status, report.message).toBe('succeeded');
      expect(report.message).toContain('this plan was built by the quick construction: it meets every hard rule');
      expect(report.message).toContain('the solver found no better plan within');
      // The solver searched on its own first, not from the construction.
      expect(given.length).toBeGreaterThan(0);
      expect(given.every((o) => o.initialSolution === undefined)).toBe(true);
      // The independent check (the compliance engine on the draft) finds nothing hard.
      expect(report.hardFindings).toEqual([]);
      // Every resident has a rotation in every block.
      const plan = report.rotationAssignments!;
      const residentIds = new Set(plan.map((a) => a.personId));
      expect(residentIds.size).toBe(residents);
      const blocks = new Set(plan.map((a) => a.blockNumber));
      for (const id of residentIds)
        expect(new Set(plan.filter((a) => a.personId === id).map((a) => a.blockNumber))).toEqual(blocks);
    }, 240_000);

  it('builds the same plan every time, valid by every row of the model', () => {
    const model = buildAnnualPlanModel(program(40), { academicYear: YEAR });
    const [a, b] = [0, 1].map(() => constructSchedule(model.builder, model.assignmentRows!));
    expect(a).toBeDefined();
    expect(violatedRows(model.builder, a!.values, 1e-5)).toEqual([]);
    expect(Array.from(b!.values)).toEqual(Array.from(a!.values));
  });

  it('keeps the solver’s own plan when it finds one: the construction stands only if it finds none', async () => {
    const model = buildAnnualPlanModel(program(40), { academicYear: YEAR });
    const highs = getBackend('highs');
    const given: SolveOptions[] = [];
    const recording: SolverBackend = {
      ...highs,
      solve: (m, o) => {
        given.push(o);
        return highs.solve(m, o);
      },
    };
    const out = await solveGeneration(model, recording, { timeLimitSec: 300, workLimitSec: 2 });
    expect(out.status, out.message).toMatch(/optimal|feasible/);
    expect(out.figures.constructed).toBeUndefined();
    expect(out.message).not.toContain('quick construction');
    expect(given.every((o) => o.initialSolution === undefined)).toBe(true);
  }, 240_000);
});
