// Residents a block's half-days leave out because the annual plan gives them no rotation on some
// of its days (a resident added mid-year): the others' block is still scheduled, theirs is left as
// it is, and the run names them. Plain text helpers only, so the services can word the result.
import type { IsoDate } from '../../domain/types';

export interface UnplannedResident {
  personId: string;
  name: string;
  /** The block's days without a rotation in the plan. */
  days: IsoDate[];
}

/** "Avery Newcomb (2026-08-27 and 27 more days)". */
export function unplannedText(u: UnplannedResident): string {
  return `${u.name} (${u.days[0]}${u.days.length > 1 ? ` and ${u.days.length - 1} more days` : ''})`;
}

/**
 * `message` followed by the residents the run left out for want of a plan entry, e.g. "… Not
 * scheduled (no rotation in the annual plan, their half-days unchanged): block 3: Avery Newcomb
 * (2026-08-27 and 27 more days). Enter their plan and generate again."
 */
export function withUnplannedNote(
  message: string,
  report: { unplanned: readonly (UnplannedResident & { blockNumber: number })[] },
): string {
  if (!report.unplanned.length) return message;
  const byBlock = new Map<number, string[]>();
  for (const u of report.unplanned)
    byBlock.set(u.blockNumber, [...(byBlock.get(u.blockNumber) ?? []), unplannedText(u)]);
  const list = [...byBlock].map(([n, names]) => `block ${n}: ${names.join(', ')}`).join('; ');
  const note =
    `Not scheduled (no rotation in the annual plan, their half-days unchanged): ${list}. Enter their ` +
    `plan and generate again.`;
  return message ? `${message.replace(/\.?\s*$/, '.')} ${note}` : note;
}
