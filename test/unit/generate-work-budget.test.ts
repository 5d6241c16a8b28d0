// Every solve a generation run starts stops on work (core/solver/roster/work-clock), with the real time only
// as the hang guard: a block run's models, a range of calls, the shift rosters and the diagnosis of a block
// that cannot be generated. Before, only a year's steps had work budgets: a block run's models, its rosters'
// phases and every diagnosis stopped on the wall clock, so the same request made another draft under load.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { LinearModel, SolveOptions, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { type GenerationRequest, runGeneration } from '../../core/solver/models/generate';
import { smallPlanRules, smallProgramWithoutPgy2s } from './generate-fixture';
import { programWithEd } from './shift-fixture';

const YEAR = 2026;
const BLOCK = 3;
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });

interface Solve {
  options: SolveOptions;
  /** Real seconds left of the run's limit when the solve began. */
  timeLeftSec: number;
}

/**
 * A worker `slowdown` times slower than this one: its clock (performance.now, which every timer of a run reads,
 * HiGHS's own too: its WebAssembly build reads the time there) runs that many times faster. Only the work is the
 * same. (Dividing HiGHS's time limits as well made it a hundred times slower, where HiGHS itself decided
 * otherwise: another optimal call plan.)
 */
function slowedWorker(slowdown: number) {
  const real = performance.now.bind(performance);
  const began = real();
  vi.spyOn(performance, 'now').mockImplementation(() => began + (real() - began) * slowdown);
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** A run of `request` recording every backend solve; with `slowdown`, on a worker that many times slower. */
async function run(request: GenerationRequest, slowdown = 1) {
  const highs = getBackend('highs');
  const limit = request.timeLimitSec!;
  const solves: Solve[] = [];
  if (slowdown !== 1) slowedWorker(slowdown);
  const began = performance.now();
  const backend: SolverBackend = {
    ...highs,
    solve(m: LinearModel, options) {
      solves.push({ options, timeLeftSec: limit - (performance.now() - began) / 1000 });
      return highs.solve(m, options);
    },
  };
  const report = await runGeneration(backend, request);
  vi.restoreAllMocks();
  return { report, solves };
}

/** The draft a run makes, in a stable order. */
const draftOf = ({ report }: Awaited<ReturnType<typeof run>>) => ({
  status: report.status,
  calls: (report.calls ?? []).map((c) => JSON.stringify(c)).sort(),
  halfDays: (report.assignments ?? []).map((a) => JSON.stringify(a)).sort(),
  diagnosis: report.diagnosis?.summary ?? null,
});

/** Every solve has a work budget, and the real time left of the run (not a share of it) as its hang guard. */
function expectWorkLimited(solves: Solve[]) {
  expect(solves.length).toBeGreaterThan(0);
  for (const s of solves) {
    const w = s.options.workLimit;
    expect((w?.lpIterations ?? 0) + (w?.simplexIterations ?? 0), 'a work budget').toBeGreaterThan(0);
    expect(s.options.timeLimitSec).toBeGreaterThanOrEqual(s.timeLeftSec - 1);
  }
}

describe('a block run on a work budget', () => {
  it('gives every solve of a block run a work budget and the time left of the run as its hang guard', async () => {
    const block = await run({
      scope: 'block',
      program: demo(),
      academicYear: YEAR,
      blockNumber: BLOCK,
      timeLimitSec: 600,
    });
    expect(block.report.status, block.report.message).toBe('succeeded');
    expectWorkLimited(block.solves);
    // A range of calls: each block's share of the run is work, not what the clock has left.
    const range = await run({
      scope: 'calls',
      program: demo(),
      academicYear: YEAR,
      fromBlock: 2,
      toBlock: 4,
      timeLimitSec: 600,
    });
    expect(range.report.completedBlocks).toEqual([2, 3, 4]);
    expectWorkLimited(range.solves);
  }, 300_000);

  it('makes the same draft, its shift roster included, on a worker ten times slower', async () => {
    const request: GenerationRequest = {
      scope: 'block',
      program: programWithEd(BLOCK),
      academicYear: YEAR,
      blockNumber: BLOCK,
      timeLimitSec: 600,
    };
    const quiet = await run(request);
    expect(quiet.report.status, quiet.report.message).toBe('succeeded');
    // The roster, proven early, is charged the work it did, not its whole share of the run's 600 work-s (what it
    // leaves goes to the half-day model after it).
    const roster = quiet.report.figures.find((f) => f.model.startsWith('Shift roster'));
    expect(roster?.status).toBe('optimal');
    expect(roster?.workSec).toBeGreaterThan(0);
    expect(roster?.workSec).toBeLessThan(60);
    const slow = await run(request, 10);
    expect(draftOf(slow)).toEqual(draftOf(quiet));
    expect(slow.solves.map((s) => s.options.workLimit)).toEqual(quiet.solves.map((s) => s.options.workLimit));
  }, 300_000);

  it('diagnoses a plan that cannot be made on its budget: the same requirements named on a slower worker', async () => {
    const request: GenerationRequest = {
      scope: 'annual',
      program: smallProgramWithoutPgy2s(),
      academicYear: YEAR,
      rotationPlanRules: smallPlanRules(),
      timeLimitSec: 600,
    };
    const quiet = await run(request);
    expect(quiet.report.status).toBe('infeasible');
    expect(quiet.report.diagnosis?.status).toBe('relaxed');
    // The plan's search and the diagnosis's relaxations alike.
    expectWorkLimited(quiet.solves);
    const slow = await run(request, 10);
    expect(draftOf(slow)).toEqual(draftOf(quiet));
  }, 300_000);
});
