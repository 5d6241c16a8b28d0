// Fixture worker: proves a bundled worker loads HiGHS from the module its pool compiled (not a copy of
// its own: workers/pool-highs.ts) and solves with it.
import '../../../workers/pool-highs';
import { workerData } from 'piscina';
import { compiledHighs, highsRuntime, solveWithHighs } from '../../../core/solver/backends/highs';
import { defineTaskHandler } from '../../../workers/runtime';
import type { TaskProgress } from '../../../workers/tasks';
import type { HighsProbeResult } from './tasks';

export default defineTaskHandler<Record<string, never>, TaskProgress, HighsProbeResult>(async () => {
  const highs = await highsRuntime();
  // max x + 2y s.t. x + y <= 4, x - y >= 1, 0 <= x, y <= 10
  const solution = solveWithHighs(
    highs,
    {
      sense: 'maximize',
      offset: 0,
      columns: [
        { name: 'x', cost: 1, lower: 0, upper: 10, integer: false },
        { name: 'y', cost: 2, lower: 0, upper: 10, integer: false },
      ],
      rows: [
        { name: 'c1', indices: [0, 1], values: [1, 1], lower: -Infinity, upper: 4 },
        { name: 'c2', indices: [0, 1], values: [1, -1], lower: 1, upper: Infinity },
      ],
    },
    { timeLimitSec: 10 },
  );
  return {
    status: solution.status,
    objective: solution.objective ?? Number.NaN,
    x: solution.values[0],
    y: solution.values[1],
    fromPoolModule: workerData?.highs instanceof WebAssembly.Module && compiledHighs() === workerData.highs,
  };
});
