// Worker: schedule generation. Runs the requested scope on the chosen MILP backend, reports solver
// progress (phase, objective, bound, gap, elapsed seconds), honours the cooperative stop flag (the
// backend returns its best solution so far; later phases are skipped), and returns the result
// checked by the compliance engine together with the solve figures.
// First: HiGHS must come from the pool's compiled module before anything loads it.
import './pool-highs';
import { getBackend } from '../core/solver/backends';
import { runGeneration } from '../core/solver/models/generate';
import { unpackRequest } from '../core/solver/models/packed-request';
import { defineTask } from './runtime';
import { endWarmUp, warmUpSolver } from './solve-warmup';

// Warm HiGHS up as soon as the worker starts, not in the user's first solve: a warm pool starts
// this worker with the app (core/jobs/pool.ts). A failed warm-up only leaves the first solve slow.
warmUpSolver().catch(() => undefined);

export default defineTask('solve', (input, ctx) => {
  endWarmUp();
  const { backend = 'highs', ...request } = input;
  return runGeneration(getBackend(backend), unpackRequest(request), {
    stop: () => ctx.stopRequested(),
    interim: (report) => ctx.interim(report),
    progress: (p) =>
      ctx.progress({
        fraction: p.fraction,
        phase: p.phase,
        detail: { objective: p.objective, bound: p.bound, gap: p.gap, elapsedSec: p.elapsedSec },
      }),
  });
});
