// Which blocks a draft's changes fall in, for the diff grid's block picker. Pure, unit-tested.
import type { DraftDiff } from '../../../core/api/contract';
import type { Block } from '../../../core/domain/types';

/** Changes per block number, from the dates in a diff. */
export function changesPerBlock(diff: DraftDiff, blocks: readonly Block[]): Map<number, number> {
  const out = new Map<number, number>();
  const dates = [
    ...diff.cells.map((c) => c.date),
    ...diff.calls.map((c) => c.date),
    ...diff.inpatientWeeks.map((w) => w.start),
  ];
  for (const d of dates) {
    const b = blocks.find((x) => x.start <= d && d <= x.end);
    if (b) out.set(b.number, (out.get(b.number) ?? 0) + 1);
  }
  return out;
}
