// Every contract method's handler, composed from one file per area (core/api/handlers/*).
// Service failures (ServiceError) become ApiError with the same code at this boundary.
import { ServiceError } from '../services/errors';
import type { HandlerContext } from './context';
import type { Contract } from './contract';
import { ApiError, type HandlersOf } from './kit';
import { absenceHandlers } from './handlers/absences';
import { catalogHandlers } from './handlers/catalog';
import { complianceHandlers } from './handlers/compliance';
import { draftHandlers } from './handlers/drafts';
import { exportHandlers } from './handlers/exports';
import { generateHandlers } from './handlers/generate';
import { jobHandlers } from './handlers/jobs';
import { peopleHandlers } from './handlers/people';
import { programHandlers } from './handlers/program';
import { scheduleHandlers } from './handlers/schedule';
import { systemHandlers } from './handlers/system';

function withApiErrors<H extends Record<string, (input: never) => unknown>>(handlers: H): H {
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = async (input) => {
      try {
        return await handler(input);
      } catch (err) {
        if (err instanceof ServiceError) throw new ApiError(err.code, err.message);
        throw err;
      }
    };
  }
  return wrapped as H;
}

export function createHandlers(ctx: HandlerContext): HandlersOf<Contract> {
  return withApiErrors({
    ...programHandlers(ctx),
    ...peopleHandlers(ctx),
    ...catalogHandlers(ctx),
    ...absenceHandlers(ctx),
    ...scheduleHandlers(ctx),
    ...jobHandlers(ctx),
    ...draftHandlers(ctx),
    ...exportHandlers(ctx),
    ...complianceHandlers(ctx),
    ...systemHandlers(ctx),
    ...generateHandlers(ctx),
  });
}
