// A draft's overlay as values of the published snapshot's keys: each slot, call, inpatient week
// and plan entry the draft says something about, with what it holds in the draft (null = nothing).
import type { Assignment, CallAssignment, InpatientWeek, RotationAssignment } from '../../domain/types';
import type { OverlayEntries } from '../drafts/diff';
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

export function overlayValues(entries: OverlayEntries): OverlayValues {
  const cells = new Map<string, Assignment | null>();
  for (const { value, ...ref } of entries.cells)
    cells.set(
      cellKeyOf(ref),
      value.activityCode === null
        ? null
        : { ...ref, activityCode: value.activityCode, source: value.source, locked: value.locked },
    );
  const calls = new Map<string, CallAssignment | null>();
  for (const { value, ...ref } of entries.calls)
    calls.set(callKeyOf(ref), value.assigned ? { ...ref, source: value.source } : null);
  const weeks = new Map<string, InpatientWeek | null>();
  for (const { value, ...ref } of entries.inpatientWeeks)
    weeks.set(weekKeyOf(ref), value.assigned ? { ...ref, end: value.end } : null);
  const rotations = new Map<string, RotationAssignment | null>();
  for (const { value, ...ref } of entries.rotations ?? [])
    rotations.set(rotationKeyOf(ref), value.rotationId === null ? null : { ...ref, rotationId: value.rotationId });
  return { cells, calls, weeks, rotations };
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
