// The whole-year run on a work budget: every solve of every step (the plan, each block's calls and
// half-days) gets a budget of LP iterations out of the run's work (core/solver/models/year-budget.ts),
// and the real time only as a backstop. Before, each step had a share of the wall clock, so the same
// request made another draft on a loaded machine, or ended 'stopped' (bench year 150 under load 31:
// stopped at 251 s of a 300 s limit, on 20 CPU-s).
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { LinearModel, SolveOptions, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { runGeneration, type GenerationRequest } from '../../core/solver/models/generate';
import { runYear } from '../../core/solver/models/year';
import { YEAR_WEIGHT } from '../../core/solver/models/year-budget';

const YEAR = 2026;
const LIMIT_SEC = 300;
/** The real time kept back for the year's check from block 12 on: its weight against the plan's and two blocks'. */
const CHECK_SHARE_SEC =
  (LIMIT_SEC * YEAR_WEIGHT.check) /
  (YEAR_WEIGHT.check + YEAR_WEIGHT.plan + 2 * (YEAR_WEIGHT.calls + YEAR_WEIGHT.halfday));
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });

interface Solve {
  scope: string;
  options: SolveOptions;
  /** Real seconds left of the run's limit (on its clock) when the solve began. */
  timeLeftSec: number;
}

/** This thread's CPU seconds: the work done, which the test machine's own load does not stretch. */
const cpuSec = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1e6;
};

/**
 * The year's clock: 'quiet' is the real one; 'loaded' runs ten times this thread's CPU time (a loaded
 * machine, where each second of solving takes ten). On the CPU, not the real time, so that a test machine
 * that is itself loaded does not stretch it further (at load 40 ten real seconds a second ran out the limit).
 */
function yearClock(machine: 'quiet' | 'loaded'): () => number {
  if (machine === 'quiet') return () => performance.now() / 1000;
  const began = cpuSec();
  return () => (cpuSec() - began) * 10;
}

/**
 * A year run from block 12, in-thread, on a quiet or a loaded machine's clock, recording every backend
 * solve; `step` changes a step's request.
 */
async function yearRun(
  machine: 'quiet' | 'loaded',
  parallel: number,
  request: Partial<GenerationRequest> = {},
  step: (sub: GenerationRequest) => GenerationRequest = (sub) => sub,
) {
  const highs = getBackend('highs');
  const clockSec = yearClock(machine);
  const began = clockSec();
  const solves: Solve[] = [];
  const recording = (scope: string): SolverBackend => ({
    ...highs,
    solve(m: LinearModel, options) {
      solves.push({ scope, options, timeLeftSec: LIMIT_SEC - (clockSec() - began) });
      return highs.solve(m, options);
    },
  });
  const report = await runYear(
    { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 12, timeLimitSec: LIMIT_SEC, ...request },
    (sub, progress) => runGeneration(recording(sub.scope), step(sub), { progress }),
    { parallel, hooks: {}, clockSec },
  );
  return { report, solves };
}

/** What the draft holds, in a stable order. */
const draftOf = ({ report }: Awaited<ReturnType<typeof yearRun>>) => ({
  status: report.status,
  plan: report.rotationAssignments!.map((a) => `${a.personId} ${a.blockNumber} ${a.part} ${a.rotationId}`).sort(),
  calls: report.calls!.map((c) => JSON.stringify(c)).sort(),
  halfDays: report.assignments!.map((a) => JSON.stringify(a)).sort(),
});

// The quiet one-thread run, made once: the first test's budgets and the second's reference draft read it
// (neither changes it).
let quietRun: ReturnType<typeof yearRun> | null = null;
const quietOneThread = () => {
  quietRun ??= yearRun('quiet', 1);
  return quietRun;
};

describe('the year run on a work budget', () => {
  it('gives every solve of every step a work budget, and the real time left only as a backstop', async () => {
    const { report, solves } = await quietOneThread();
    expect(report.status, report.message).toBe('succeeded');
    expect(new Set(solves.map((s) => s.scope))).toEqual(new Set(['annual', 'calls', 'halfday']));
    for (const s of solves) {
      expect(s.options.workLimit?.lpIterations, `an LP-iteration budget (${s.scope})`).toBeGreaterThan(0);
      // Not a share of the clock: all the real time left but the check's share (a step's backstop).
      expect(s.options.timeLimitSec, s.scope).toBeGreaterThanOrEqual(s.timeLeftSec - CHECK_SHARE_SEC - 1e-6);
    }
    // Every step's figures say the work it did: what the next steps of its lane get depends on it.
    for (const f of report.figures) expect(f.workSec, f.model).toBeGreaterThan(0);
  }, 240_000);

  it('makes the same draft on a quiet and on a loaded machine, whatever the threads', async () => {
    for (const parallel of [1, 2]) {
      const quiet = parallel === 1 ? await quietOneThread() : await yearRun('quiet', parallel);
      // Each second counts ten: with a wall-clock share every step had a tenth of its time.
      const loaded = await yearRun('loaded', parallel);
      expect(loaded.report.status, loaded.report.message).toBe('succeeded');
      expect(draftOf(loaded)).toEqual(draftOf(quiet));
      expect(loaded.solves.map((s) => s.options.workLimit)).toEqual(quiet.solves.map((s) => s.options.workLimit));
    }
  }, 480_000);

  it('a budget too small for any schedule: each step searches to its first, the year ends valid', async () => {
    // A forced budget of a millionth of a work second for every step, the plan from scratch.
    const { report, solves } = await yearRun('quiet', 1, { keepCurrentPlan: false }, (sub) => ({
      ...sub,
      workLimitSec: 1e-6,
    }));
    expect(report.status, report.message).toBe('succeeded');
    expect(report.completedBlocks).toEqual([12, 13]);
    expect(report.rotationAssignments!.length).toBeGreaterThan(0);
    expect(report.hardFindings).toEqual([]);
    // The blocks' budgets end no search before its first schedule (HiGHS goes on to it: an event, not the clock).
    // (A plan of this size is found at HiGHS's root, before any point where a budget could end it.)
    const blocks = solves.filter((s) => s.scope !== 'annual');
    expect(blocks.length).toBeGreaterThan(0);
    for (const s of blocks) expect(s.options.workLimit?.afterFirstSolution, s.scope).toBe(true);
  }, 240_000);
});
