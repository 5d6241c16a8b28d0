// compliance.* handlers: thin wrappers over core/services/compliance. The program is looked up
// per call (File > Open may have switched it); its validators are cached with it.
import {
  acknowledgeComplianceFinding,
  complianceFindings,
  complianceHours,
  complianceSummary,
  type ComplianceContext,
} from '../../services/compliance';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  'compliance.findings' | 'compliance.acknowledge' | 'compliance.hours' | 'compliance.summary'
>;

export function complianceHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  const c = (): ComplianceContext => ({ program: ctx.program(), actor: ctx.actor });
  return {
    'compliance.findings': ({ academicYear, draftId, ...filter }) =>
      complianceFindings(c(), { academicYear, draftId }, filter),
    'compliance.acknowledge': (input) => acknowledgeComplianceFinding(c(), input),
    'compliance.hours': ({ academicYear, draftId, personIds }) =>
      complianceHours(c(), { academicYear, draftId }, personIds),
    'compliance.summary': ({ academicYear, draftId, asOf }) => complianceSummary(c(), { academicYear, draftId }, asOf),
  };
}
