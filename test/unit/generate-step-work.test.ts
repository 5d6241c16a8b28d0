// A year step's budget is charged all the solver work the step does: its start's repair too (the
// current plan completed and repaired where a change breaks it, core/solver/models/start.ts), and the
// diagnosis of an infeasible model. Before, only the main search was counted, so a step that spent
// its budget repairing left its lane more work than it had, and the next steps' budgets were too big.
// Work is LP iterations (core/solver/roster/work-clock): the charge is the same on any machine.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { LinearModel, SolveOptions, SolveResult, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel } from '../../core/solver/models/annual';
import { MIP_ITERATION_SEC } from '../../core/solver/models/phased';
import { solveGeneration } from '../../core/solver/models/solve';
import { solveWorkSec } from '../../core/solver/roster/work-clock';

const YEAR = 2026;

describe('the work a step is charged', () => {
  it('counts the repair of its start as well as its search', async () => {
    const data = generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });
    const current = data.rotationAssignments;
    // A new lock on another rotation: the current plan breaks it, so the start is repaired first.
    const entry = current.find((a) => a.blockNumber === 5 && a.part === 'full')!;
    const other = data.rotations.find((r) => r.id !== entry.rotationId && !r.halfBlock)!;
    const model = buildAnnualPlanModel(data, {
      academicYear: YEAR,
      current,
      locked: [{ ...entry, rotationId: other.id }],
    });
    const highs = getBackend('highs');
    const solves: { model: LinearModel; options: SolveOptions; out: SolveResult }[] = [];
    const recording: SolverBackend = {
      ...highs,
      async solve(m, options) {
        const out = await highs.solve(m, options);
        solves.push({ model: m, options, out });
        return out;
      },
    };
    const outcome = await solveGeneration(model, recording, { timeLimitSec: 300, workLimitSec: 2 });
    expect(outcome.status, outcome.message).toMatch(/optimal|feasible/);
    // The repair solves before the search, which starts from what it found.
    const repairs = solves.filter((s) => s.options.initialSolution === undefined);
    const search = solves.filter((s) => s.options.initialSolution !== undefined);
    expect(repairs.length).toBeGreaterThan(0);
    expect(search.length).toBeGreaterThan(0);
    const repairWork = repairs.reduce((sum, s) => sum + solveWorkSec(s.model, s.out), 0);
    const searchWork = search.reduce((sum, s) => sum + solveWorkSec(s.model, s.out, MIP_ITERATION_SEC), 0);
    expect(repairWork).toBeGreaterThan(0);
    expect(outcome.figures.workSec).toBeCloseTo(repairWork + searchWork, 9);
  }, 120_000);
});
