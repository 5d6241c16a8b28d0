// drafts.diff: the draft against the published schedule, for the grid in diff mode and the
// Compare view (per-person and total churn, changed calls, inpatient weeks and plan blocks, findings delta).
import type { IsoDate } from '../../domain/types';
import { analyzeDraftInParts } from './analysis';
import { db, type DraftContext } from './context';
import type { DraftDiff } from './diff';
import { staleReason, storedValidation } from './drafts';
import { publicValidation } from './validation';
import type { DraftComparison } from './types';

function inRange(diff: DraftDiff, range: { start?: IsoDate; end?: IsoDate }): DraftDiff {
  const ok = (d: IsoDate) => (!range.start || d >= range.start) && (!range.end || d <= range.end);
  // A week is in range when any of its days is.
  const weekOk = (w: DraftDiff['inpatientWeeks'][number]) => {
    const ends = [...w.before, ...w.after].map((x) => x.end).sort();
    return (!range.end || w.start <= range.end) && (!range.start || (ends[ends.length - 1] ?? w.start) >= range.start);
  };
  // A plan block is in range when it overlaps it.
  const blockOk = (r: DraftDiff['rotations'][number]) =>
    (!range.end || r.start <= range.end) && (!range.start || r.end >= range.start);
  return {
    cells: diff.cells.filter((c) => ok(c.date)),
    calls: diff.calls.filter((c) => ok(c.date)),
    inpatientWeeks: diff.inpatientWeeks.filter(weekOk),
    rotations: diff.rotations.filter(blockOk),
  };
}

function countKinds<K extends string>(items: { kind: K }[], kinds: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<K, number>;
  for (const i of items) out[i.kind]++;
  return out;
}

export async function compareDraft(
  ctx: DraftContext,
  input: { draftId: number; start?: IsoDate; end?: IsoDate },
): Promise<DraftComparison> {
  // A year's draft is read in parts (the app answers meanwhile).
  const { row, analysis: a } = await analyzeDraftInParts(ctx, input.draftId);
  const v = storedValidation(row);
  const kinds = ['added', 'changed', 'removed'] as const;
  return {
    draftId: row.id,
    diff: inRange(a.diff, input),
    counts: {
      cells: countKinds(a.diff.cells, [...kinds, 'relocked'] as const),
      calls: countKinds(a.diff.calls, kinds),
      inpatientWeeks: countKinds(a.diff.inpatientWeeks, kinds),
      rotations: countKinds(a.diff.rotations, kinds),
    },
    churn: a.churn,
    lockedChanges: a.lockedChanges,
    lockDate: a.settings.lockDate,
    conflicts: a.conflicts,
    validation: v ? publicValidation(v) : null,
    validationStaleReason: v ? await staleReason(ctx, db(ctx), row, v) : null,
  };
}
