// Every contract method's handler, composed from one file per area (core/api/handlers/*).
// Service failures (ServiceError) become API errors with the same code in the dispatcher (kit.ts).
import type { HandlerContext } from './context';
import type { Contract } from './contract';
import type { HandlersOf } from './kit';
import { absenceHandlers } from './handlers/absences';
import { accountHandlers } from './handlers/accounts';
import { auditChainHandlers } from './handlers/audit-chain';
import { backupHandlers } from './handlers/backups';
import { catalogHandlers } from './handlers/catalog';
import { complianceHandlers } from './handlers/compliance';
import { contingencyHandlers } from './handlers/contingency';
import { draftHandlers } from './handlers/drafts';
import { dutyHandlers } from './handlers/duty';
import { exportHandlers } from './handlers/exports';
import { importHandlers } from './handlers/imports';
import { generateHandlers } from './handlers/generate';
import { jobHandlers } from './handlers/jobs';
import { peopleHandlers } from './handlers/people';
import { programHandlers } from './handlers/program';
import { reviewHandlers } from './handlers/reviews';
import { scheduleHandlers } from './handlers/schedule';
import { sessionHandlers } from './handlers/session';
import { swapHandlers } from './handlers/swaps';
import { systemHandlers } from './handlers/system';

export function createHandlers(ctx: HandlerContext): HandlersOf<Contract> {
  return {
    ...programHandlers(ctx),
    ...peopleHandlers(ctx),
    ...catalogHandlers(ctx),
    ...absenceHandlers(ctx),
    ...dutyHandlers(ctx),
    ...scheduleHandlers(ctx),
    ...jobHandlers(ctx),
    ...draftHandlers(ctx),
    ...swapHandlers(ctx),
    ...exportHandlers(ctx),
    ...importHandlers(ctx),
    ...complianceHandlers(ctx),
    ...systemHandlers(ctx),
    ...generateHandlers(ctx),
    ...sessionHandlers(ctx),
    ...accountHandlers(ctx),
    ...contingencyHandlers(ctx),
    ...auditChainHandlers(ctx),
    ...reviewHandlers(ctx),
    ...backupHandlers(ctx),
  };
}
