// A draft's overlay as values of the published snapshot's keys: each slot, call, inpatient week
// and plan entry the draft says something about, with what it holds in the draft (null = nothing).
import type { Assignment, CallAssignment, InpatientWeek, RotationAssignment } from '../../domain/types';
import type { OverlayEntries } from '../drafts/diff';
import { draftWindows } from '../drafts/diff-in-parts';
import { loadOverlay } from '../drafts/store';
import type { DraftDb, DraftTrx } from '../drafts/tables';
import {
  callKeyOf,
  cellKeyOf,
  noChanges,
  rotationKeyOf,
  weekKeyOf,
  type ScheduleSnapshot,
  type SnapshotChanges,
} from './snapshot';

export interface OverlayValues {
  cells: Map<string, Assignment | null>;
  calls: Map<string, CallAssignment | null>;
  weeks: Map<string, InpatientWeek | null>;
  rotations: Map<string, RotationAssignment | null>;
}

/**
 * A draft's overlay read and keyed a window of days at a time (its diff's windows), with `turn`
 * between two: a year's draft is 100 000s of entries, a long turn read and keyed at once. `db`: one
 * read transaction, so the windows are one version of the draft.
 */
export async function overlayValuesInParts(
  db: DraftDb | DraftTrx,
  draftId: number,
  turn: () => Promise<void>,
): Promise<OverlayValues> {
  const values = emptyOverlay();
  addOverlayValues(values, (await loadOverlay(db, draftId, null, { schedule: false })).entries());
  for (const window of await draftWindows(db, draftId)) {
    await turn();
    addOverlayValues(values, (await loadOverlay(db, draftId, window, { plan: false })).entries());
  }
  return values;
}

function addOverlayValues({ cells, calls, weeks, rotations }: OverlayValues, entries: OverlayEntries): void {
  for (const { value, ...ref } of entries.cells)
    cells.set(
      cellKeyOf(ref),
      value.activityCode === null
        ? null
        : { ...ref, activityCode: value.activityCode, source: value.source, locked: value.locked },
    );
  for (const { value, ...ref } of entries.calls)
    calls.set(callKeyOf(ref), value.assigned ? { ...ref, source: value.source } : null);
  for (const { value, ...ref } of entries.inpatientWeeks)
    weeks.set(weekKeyOf(ref), value.assigned ? { ...ref, end: value.end } : null);
  for (const { value, ...ref } of entries.rotations ?? [])
    rotations.set(rotationKeyOf(ref), value.rotationId === null ? null : { ...ref, rotationId: value.rotationId });
}

/**
 * What changes when a draft's overlay goes from `before` to `after`, over the published
 * snapshot: keys the draft now sets take its value; keys it no longer mentions fall back to the
 * published value. (With `before` empty: the draft's changes to the published schedule.)
 */
export function overlayChanges(
  published: ScheduleSnapshot,
  before: OverlayValues,
  after: OverlayValues,
): SnapshotChanges {
  const out = noChanges();
  const merge = <T>(
    target: Map<string, T | null>,
    prev: Map<string, T | null>,
    next: Map<string, T | null>,
    base: Map<string, T>,
  ) => {
    for (const [key, value] of next) target.set(key, value);
    for (const key of prev.keys()) if (!next.has(key)) target.set(key, base.get(key) ?? null);
  };
  merge(out.cells, before.cells, after.cells, published.cells);
  merge(out.calls, before.calls, after.calls, published.calls);
  merge(out.weeks, before.weeks, after.weeks, published.weeks);
  merge(out.rotations, before.rotations, after.rotations, published.rotations);
  return out;
}

export function emptyOverlay(): OverlayValues {
  return { cells: new Map(), calls: new Map(), weeks: new Map(), rotations: new Map() };
}
