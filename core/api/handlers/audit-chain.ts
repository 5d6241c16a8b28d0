// audit.chainStatus / audit.verifyChain: the audit chain's state for the administrator's banner,
// and a check on demand (core/services/audit-chain.ts).
import { checkAuditChain } from '../../services/audit-chain';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, 'audit.chainStatus' | 'audit.verifyChain'>;

export function auditChainHandlers(ctx: Pick<HandlerContext, 'program' | 'auditChain'>): HandlersOf<Methods> {
  return {
    'audit.chainStatus': () => ctx.auditChain?.last() ?? null,
    'audit.verifyChain': () => (ctx.auditChain ? ctx.auditChain.verify() : checkAuditChain(ctx.program())),
  };
}
