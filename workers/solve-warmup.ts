// Warm-up of the solve worker: load HiGHS and solve a small rostering MILP in short slices, so the
// WebAssembly is compiled, its heap grown and its hot code optimised before the user's first
// generation (a thread's first solve is otherwise about 40 % slower than later ones). The slices
// yield to the event loop and end as soon as a solve task starts, so a task never waits long.
import { highsRuntime, solveWithHighs } from '../core/solver/backends';
import { curtoisToRoster } from '../core/solver/curtois';
import { generateCurtoisInstance } from '../core/solver/curtois/synthetic';
import { buildRosterModel, compileRoster } from '../core/solver/roster';

/** Seconds of one warm-up slice (the longest a task arriving meanwhile waits), and how many. */
const SLICE_SEC = 0.5;
const SLICES = 2;

let ended = false;

/** A solve task has started: the warm-up stops at its next slice. */
export function endWarmUp(): void {
  ended = true;
}

export async function warmUpSolver(): Promise<void> {
  const highs = await highsRuntime();
  const instance = generateCurtoisInstance({ days: 28, staff: 10, shifts: 2, seed: 1 });
  const { model } = buildRosterModel(compileRoster(curtoisToRoster(instance)));
  for (let i = 0; i < SLICES && !ended; i++) {
    solveWithHighs(highs, model, { timeLimitSec: SLICE_SEC });
    await new Promise((resolve) => setImmediate(resolve));
  }
}
