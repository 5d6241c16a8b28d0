// drafts.diff: the draft against the published schedule, for the Compare view and review files
// (per-person and total churn, changed calls, inpatient weeks and plan blocks, findings delta); its
// parts apart: drafts.changes (the grid's overlay) and drafts.validation (the last rules check), so a
// rules check re-reads only the check and an edit only the changes.
import type { IsoDate } from '../../domain/types';
import { analyzeDraftInParts } from './analysis';
import { db, draftRow, type DraftContext, type DraftRow } from './context';
import type { DraftDiff } from './diff';
import { staleReason, storedValidation } from './drafts';
import { publicValidation } from './validation';
import type { DraftChanges, DraftValidationState, DraftComparison } from './types';

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

/** The draft against the published schedule, with its last rules check. */
export async function compareDraft(
  ctx: DraftContext,
  input: { draftId: number; start?: IsoDate; end?: IsoDate },
): Promise<DraftComparison> {
  const { row, changes } = await analyzeChanges(ctx, input);
  const check = await checkOf(ctx, row);
  return { ...changes, validation: check.validation, validationStaleReason: check.staleReason };
}

/** The draft against the published schedule, without its rules check: what the grid lays over the schedule. */
export async function draftChanges(
  ctx: DraftContext,
  input: { draftId: number; start?: IsoDate; end?: IsoDate },
): Promise<DraftChanges> {
  return (await analyzeChanges(ctx, input)).changes;
}

/** A draft's last rules check and whether it still describes the draft (cheap: no diff is read). */
export async function draftValidationState(ctx: DraftContext, draftId: number): Promise<DraftValidationState> {
  return checkOf(ctx, await draftRow(db(ctx), draftId));
}

async function checkOf(ctx: DraftContext, row: DraftRow): Promise<DraftValidationState> {
  const v = storedValidation(row);
  return {
    draftId: row.id,
    validation: v ? publicValidation(v) : null,
    staleReason: v ? await staleReason(ctx, db(ctx), row, v) : null,
  };
}

async function analyzeChanges(
  ctx: DraftContext,
  input: { draftId: number; start?: IsoDate; end?: IsoDate },
): Promise<{ row: DraftRow; changes: DraftChanges }> {
  // A year's draft is read in parts (the app answers meanwhile).
  const { row, analysis: a } = await analyzeDraftInParts(ctx, input.draftId);
  const kinds = ['added', 'changed', 'removed'] as const;
  const changes: DraftChanges = {
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
  };
  return { row, changes };
}
