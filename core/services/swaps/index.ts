// Swaps and cover (DOMAIN.md, "Swaps"): ranked candidates checked by the rules engine, the
// request lifecycle with approvals, execution as a publication with rollback, and find cover.
export { findCandidates, itemsOf, TRADE_WINDOW_DAYS, type CandidateQuery } from './candidates';
export { createCoverDraft, findCover, MAX_COVER_DAYS, type CoverDraftInput, type CoverQuery } from './cover';
export {
  approveSwap,
  cancelSwap,
  executeSwap,
  getSwap,
  listSwaps,
  pendingCount,
  rejectSwap,
  requestSwap,
  rollbackSwap,
  swapParties,
  type ExecuteInput,
  type SwapRequestInput,
} from './lifecycle';
export * from './types';
