// swaps.* handlers: thin wrappers over core/services/swaps. Refusals (service errors) cross the API
// with their code and per-path issues: the hard findings that exclude a counterpart, what made a
// request stale.
import { validate } from '../../rules/engine';
import type { DraftContext } from '../../services/drafts';
import {
  approveSwap,
  cancelSwap,
  createCoverDraft,
  executeSwap,
  findCandidates,
  findCover,
  getSwap,
  itemsOf,
  listSwaps,
  pendingCount,
  rejectSwap,
  requestSwap,
  rollbackSwap,
} from '../../services/swaps';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';
import { swapApprovalRole } from '../permissions';
import { breakGlassApproval } from './drafts';

type Methods = Pick<Contract, Extract<keyof Contract, `swaps.${string}`>>;

export function swapHandlers(ctx: Pick<HandlerContext, 'program' | 'actor' | 'session'>): HandlersOf<Methods> {
  // The program is looked up per call: File > Open may have switched it.
  const d = (): DraftContext => ({ program: ctx.program(), actor: ctx.actor, validate: (input) => validate(input) });
  return {
    'swaps.list': (filter) => listSwaps(d(), filter),
    'swaps.get': ({ swapId }) => getSwap(d(), swapId),
    'swaps.pending': (filter) => pendingCount(d(), filter),
    'swaps.items': (query) => itemsOf(d(), query),
    'swaps.candidates': (query) => findCandidates(d(), query),
    'swaps.request': (input) => requestSwap(d(), input),
    'swaps.approve': ({ swapId, role, note }) =>
      approveSwap(d(), { swapId, note, role: swapApprovalRole(ctx.session?.account() ?? null, role) }),
    'swaps.reject': (input) => rejectSwap(d(), input),
    'swaps.cancel': (input) => cancelSwap(d(), input),
    'swaps.execute': (input) => executeSwap(d(), { ...input, breakGlass: breakGlassApproval(ctx, input.breakGlass) }),
    'swaps.rollback': (input) => rollbackSwap(d(), input),
    'swaps.cover': (query) => findCover(d(), query),
    'swaps.coverDraft': (input) => createCoverDraft(d(), input),
  };
}
