// generate.* handlers: start a generation job, stop it gracefully, explain a generated cell, list
// the recorded runs. Progress, results and hard cancel go through jobs.status / jobs.cancel.
import { JobNotFoundError } from '../../jobs/service';
import { createGenerationRunner } from '../../services/generate';
import { explainCell, getGenerationRun, listGenerationRuns } from '../../services/generation-runs';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type Methods = Pick<Contract, Extract<keyof Contract, `generate.${string}`>>;

export function generateHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  const runner = createGenerationRunner({ jobs: ctx.jobs });
  return {
    'generate.start': (params) => runner.start(ctx.program(), ctx.actor, params),
    'generate.stop': ({ jobId }) => {
      try {
        return runner.stop(jobId, ctx.actor);
      } catch (err) {
        if (err instanceof JobNotFoundError) throw new ApiError('not_found', err.message);
        throw err;
      }
    },
    'generate.explain': ({ draftId, runId, target }) =>
      explainCell(ctx.program().db, draftId !== undefined ? { draftId } : { runId: runId! }, target),
    'generate.runs': ({ draftId, limit }) => listGenerationRuns(ctx.program().db, { draftId, limit }),
    'generate.run': ({ runId }) => getGenerationRun(ctx.program().db, runId),
  };
}
