// compliance.* handlers: thin wrappers over core/services/compliance. The program is looked up
// per call (File > Open may have switched it); its validators are cached with it.
import {
  acknowledgeComplianceFinding,
  complianceFindings,
  complianceHours,
  complianceSummary,
  type ComplianceContext,
} from '../../services/compliance';
import { DraftError } from '../../services/drafts';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type Methods = Pick<Contract, 'compliance.findings' | 'compliance.acknowledge' | 'compliance.hours' | 'compliance.summary'>;

/** Draft refusals (a draft not found or not open, a bad reason) keep their code and issues. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DraftError) throw new ApiError(err.code, err.message, err.issues);
    throw err;
  }
}

export function complianceHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  const c = (): ComplianceContext => ({ program: ctx.program(), actor: ctx.actor });
  return {
    'compliance.findings': ({ academicYear, draftId, ...filter }) => guarded(() => complianceFindings(c(), { academicYear, draftId }, filter)),
    'compliance.acknowledge': (input) => guarded(() => acknowledgeComplianceFinding(c(), input)),
    'compliance.hours': ({ academicYear, draftId, personIds }) => guarded(() => complianceHours(c(), { academicYear, draftId }, personIds)),
    'compliance.summary': ({ academicYear, draftId, asOf }) => guarded(() => complianceSummary(c(), { academicYear, draftId }, asOf)),
  };
}
