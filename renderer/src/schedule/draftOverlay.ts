// The grid of a draft: the published GridData with the draft's differences laid over it
// (drafts.diff lists exactly what publishing would write), plus lookups of what changed so the
// grid can mark changed cells and show the published value on hover. Pure, unit-tested.
import type { CallDiff, CellDiff, DraftDiff, GridData } from '../../../core/api/contract';
import type { Assignment, CallAssignment } from '../../../core/domain/types';
import { cellKey } from './gridModel';

export interface DraftMarks {
  /** cellKey(person, date, half) → the slot's change. */
  cells: Map<string, CellDiff>;
  /** `${date}|${callTypeCode}` → the night's change. */
  calls: Map<string, CallDiff>;
}

export const callNightKey = (date: string, callTypeCode: string): string => `${date}|${callTypeCode}`;

export function emptyMarks(): DraftMarks {
  return { cells: new Map(), calls: new Map() };
}

/** The draft's version of `published` over the same dates, and what differs. */
export function overlayDraft(published: GridData, diff: DraftDiff): { data: GridData; marks: DraftMarks } {
  const marks = emptyMarks();
  const inRange = (date: string) => date >= published.start && date <= published.end;
  for (const c of diff.cells) if (inRange(c.date)) marks.cells.set(cellKey(c.personId, c.date, c.half), c);
  for (const c of diff.calls) if (inRange(c.date)) marks.calls.set(callNightKey(c.date, c.callTypeCode), c);
  if (marks.cells.size === 0 && marks.calls.size === 0) return { data: published, marks };

  const assignments: Assignment[] = [];
  for (const a of published.assignments) if (!marks.cells.has(cellKey(a.personId, a.date, a.half))) assignments.push(a);
  for (const c of marks.cells.values()) {
    if (c.after) assignments.push({ personId: c.personId, date: c.date, half: c.half, activityCode: c.after.activityCode, source: c.after.source, locked: c.after.locked });
  }
  const calls: CallAssignment[] = [];
  for (const c of published.calls) if (!marks.calls.has(callNightKey(c.date, c.callTypeCode))) calls.push(c);
  for (const c of marks.calls.values()) {
    for (const p of c.after) calls.push({ date: c.date, callTypeCode: c.callTypeCode, personId: p.personId, source: p.source });
  }
  return { data: { ...published, assignments, calls }, marks };
}
