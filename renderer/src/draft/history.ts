// Undo/redo for draft edits, as plain data. Every edit method of the drafts API returns the
// patch that undoes it; applying that patch (drafts.applyPatch) returns the patch that redoes it.
// So one stack of "patches to apply to go back" and one of "patches to go forward" are enough.
import type { DraftPatch } from '../../../core/api/contract';

export interface HistoryEntry {
  /** What the edit did, for the Undo/Redo button titles ("Set C on 4 slots"). */
  label: string;
  patch: DraftPatch;
}

export interface History {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** Edits remembered per draft; older ones fall off. */
export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ undo: [], redo: [] });

export function patchIsEmpty(patch: DraftPatch): boolean {
  return (
    patch.cells.length === 0 &&
    patch.calls.length === 0 &&
    patch.inpatientWeeks.length === 0 &&
    (patch.rotations?.length ?? 0) === 0
  );
}

function capped(entries: HistoryEntry[]): HistoryEntry[] {
  return entries.length > HISTORY_LIMIT ? entries.slice(entries.length - HISTORY_LIMIT) : entries;
}

/** A new edit: its undo patch goes on the undo stack and the redo stack is forgotten. */
export function recordEdit(h: History, label: string, undoPatch: DraftPatch): History {
  if (patchIsEmpty(undoPatch)) return h;
  return { undo: capped([...h.undo, { label, patch: undoPatch }]), redo: [] };
}

/** The entry Undo would apply, or null. */
export const nextUndo = (h: History): HistoryEntry | null => h.undo[h.undo.length - 1] ?? null;
export const nextRedo = (h: History): HistoryEntry | null => h.redo[h.redo.length - 1] ?? null;

/** After the undo patch was applied: it leaves the undo stack and its inverse goes on the redo stack. */
export function undone(h: History, inverse: DraftPatch): History {
  const entry = nextUndo(h);
  if (!entry) return h;
  return { undo: h.undo.slice(0, -1), redo: capped([...h.redo, { label: entry.label, patch: inverse }]) };
}

/** After the redo patch was applied: its inverse goes back on the undo stack. */
export function redone(h: History, inverse: DraftPatch): History {
  const entry = nextRedo(h);
  if (!entry) return h;
  return { undo: capped([...h.undo, { label: entry.label, patch: inverse }]), redo: h.redo.slice(0, -1) };
}

/**
 * The undo patch of several edits applied one after another: the last edit's undo first, so the
 * store goes back through each intermediate state to the one before the first edit.
 */
export function combineUndo(undos: readonly DraftPatch[]): DraftPatch {
  const out: DraftPatch = { cells: [], calls: [], inpatientWeeks: [], rotations: [] };
  for (let i = undos.length - 1; i >= 0; i--) {
    out.cells.push(...undos[i].cells);
    out.calls.push(...undos[i].calls);
    out.inpatientWeeks.push(...undos[i].inpatientWeeks);
    out.rotations!.push(...(undos[i].rotations ?? []));
  }
  return out;
}
