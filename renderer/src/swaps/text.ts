// Words for swaps: statuses, roles, score parts, and a swap in one sentence. The renderer may
// import only types from core, so the lists live here (`Record<…>` checks every code has words).
import type { ApprovalRole, ItemView, ScorePartName, SwapStatus, SwapSummary } from '../../../core/api/contract';

export const STATUS_LABELS: Record<SwapStatus, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved · ready to run',
  executed: 'Done',
  rolled_back: 'Rolled back',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export const STATUS_COLORS: Record<SwapStatus, 'default' | 'warning' | 'info' | 'success' | 'error'> = {
  pending: 'warning',
  approved: 'info',
  executed: 'success',
  rolled_back: 'default',
  rejected: 'error',
  cancelled: 'default',
};

export const ROLE_LABELS: Record<ApprovalRole, string> = {
  coordinator: 'Coordinator',
  program_director: 'Program director',
};

export const PART_LABELS: Record<ScorePartName, string> = {
  preference: 'Preference',
  proximity: 'Date proximity',
  workload: 'Workload balance',
  history: 'Swap history',
  availability: 'Availability',
};

/** A score or one of its parts (0..1) as shown: 0.734 → "0.73". */
export const scoreText = (score: number) => score.toFixed(2);

/** "Ada Fisher gives OC call Tue Oct 13 to Ben Grant" / "… trades … for Ben Grant’s …". */
export function swapSentence(s: SwapSummary): string {
  if (s.kind === 'absorb') return `${s.requesterName} gives ${lower(s.item)} to ${s.counterpartName}`;
  return `${s.requesterName} trades ${lower(s.item)} for ${s.counterpartName}’s ${lower(s.counterItem!)}`;
}

/** An item's label as part of a sentence: "inpatient week Fri Oct 2 – Thu Oct 8". */
export function lower(item: ItemView): string {
  return item.label.startsWith('Inpatient') ? `i${item.label.slice(1)}` : item.label;
}

/** The roles still to approve a pending swap. */
export function missingApprovals(s: SwapSummary): ApprovalRole[] {
  return s.approvalsNeeded.filter((r) => !s.approvals.some((a) => a.role === r));
}
