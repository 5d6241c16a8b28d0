// Worker: resilience. A share of an N-1/N-2 sweep (some weeks), one repair on demand, or the
// stress ladder — each repair solved with HiGHS and checked by the compliance engine. Honours the
// cooperative stop flag between losses (a sweep returns the weeks it finished).
// First: HiGHS must come from the pool's compiled module before anything loads it.
import './pool-highs';
import { addDays } from '../core/domain/calendar';
import { getBackend } from '../core/solver/backends';
import {
  Baseline,
  HORIZON_MARGIN_DAYS,
  RepairChecker,
  repairLoss,
  runStress,
  runSweepChunk,
} from '../core/solver/contingency';
import { unpackProgram } from '../core/solver/models/packed-request';
import { defineTask } from './runtime';

export default defineTask('contingency', async (input, ctx) => {
  const backend = getBackend('highs');
  const stop = () => ctx.stopRequested();
  switch (input.kind) {
    case 'sweep': {
      const chunk = await runSweepChunk({ ...input, data: unpackProgram(input.data) }, backend, {
        stop,
        progress: (p) =>
          ctx.progress({
            fraction: p.unitsTotal ? p.unitsDone / p.unitsTotal : null,
            phase: `Week of ${p.week}`,
            detail: { done: p.unitsDone, total: p.unitsTotal, week: p.week },
          }),
      });
      return { kind: 'sweep', chunk };
    }
    case 'repair': {
      const b = new Baseline(unpackProgram(input.data), {
        start: addDays(input.week, -HORIZON_MARGIN_DAYS),
        end: addDays(input.week, 6 + HORIZON_MARGIN_DAYS),
      });
      const checker = new RepairChecker(b, { start: addDays(input.week, -7), end: addDays(input.week, 20) });
      const solved = await repairLoss(
        b,
        { gone: input.gone, days: input.days.map((d) => b.day(d)).filter((d) => d >= 0) },
        input.week,
        { backend, checker },
      );
      return { kind: 'repair', repair: solved.repair };
    }
    case 'stress': {
      const stress = await runStress({ ...input, data: unpackProgram(input.data) }, backend, {
        stop,
        progress: (p) =>
          ctx.progress({
            fraction: p.total ? p.done / p.total : null,
            phase: p.phase,
            detail: { done: p.done, total: p.total, week: null },
          }),
      });
      return { kind: 'stress', stress };
    }
  }
});
