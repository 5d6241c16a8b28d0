// contingency.* handlers: start a sweep or a stress ladder (jobs in the worker pool), stop it
// gracefully, read recorded runs, one loss's repair, a repair into a draft, the PDF report.
// Progress, results and hard cancel go through jobs.status / jobs.cancel.
import { JobNotFoundError } from '../../jobs/service';
import {
  createContingencyRunner,
  exportContingencyReport,
  getContingencyRun,
  listContingencyRuns,
  repairDraft,
} from '../../services/contingency';
import { bundledPrintFonts } from '../../services/print-fonts';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type Methods = Pick<Contract, Extract<keyof Contract, `contingency.${string}`>>;

export function contingencyHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  const runner = createContingencyRunner({ jobs: ctx.jobs });
  return {
    'contingency.start': ({ start, end, depth, gone, timeLimitSec }) =>
      runner.startSweep(ctx.program(), ctx.actor, { start, end, depth, gone, timeLimitSec }),
    'contingency.stop': ({ jobId }) => {
      try {
        return runner.stop(jobId);
      } catch (err) {
        if (err instanceof JobNotFoundError) throw new ApiError('not_found', err.message);
        throw err;
      }
    },
    'contingency.startStress': (input) => runner.startStress(ctx.program(), ctx.actor, input),
    'contingency.runs': ({ kind, limit }) => listContingencyRuns(ctx.program(), { kind, limit }),
    'contingency.run': ({ runId, latest }) =>
      getContingencyRun(ctx.program(), runId !== undefined ? { runId } : { latest: latest! }),
    'contingency.repair': (query) => runner.repair(ctx.program(), query),
    'contingency.applyRepair': (query) => repairDraft(ctx.program(), ctx.actor, runner, query),
    'contingency.report': ({ runId, output, pageSize }) =>
      exportContingencyReport(ctx.program(), { runId, output, pageSize, fonts: bundledPrintFonts(ctx.resourcesDir) }),
  };
}
