// The grid of a draft: the published GridData with the draft's differences laid over it
// (drafts.diff lists exactly what publishing would write), plus lookups of what changed so the
// grid can mark changed cells and rotation bands and show the published value on hover. Pure, unit-tested.
import type { CallDiff, CellDiff, DraftDiff, GridData, RotationDiff } from '../../../core/api/contract';
import type { Assignment, CallAssignment, RotationAssignment } from '../../../core/domain/types';
import { cellKey } from './gridModel';

export interface DraftMarks {
  /** cellKey(person, date, half) → the slot's change. */
  cells: Map<string, CellDiff>;
  /** `${date}|${callTypeCode}` → the night's change. */
  calls: Map<string, CallDiff>;
  /** planBlockKey(person, year, block) → the block's plan change. */
  rotations: Map<string, RotationDiff>;
}

export const callNightKey = (date: string, callTypeCode: string): string => `${date}|${callTypeCode}`;
export const planBlockKey = (personId: string, academicYear: number, blockNumber: number): string =>
  `${personId}|${academicYear}|${blockNumber}`;

export function emptyMarks(): DraftMarks {
  return { cells: new Map(), calls: new Map(), rotations: new Map() };
}

/** The draft's version of `published` over the same dates, and what differs. */
export function overlayDraft(published: GridData, diff: DraftDiff): { data: GridData; marks: DraftMarks } {
  const marks = emptyMarks();
  const inRange = (date: string) => date >= published.start && date <= published.end;
  for (const c of diff.cells) if (inRange(c.date)) marks.cells.set(cellKey(c.personId, c.date, c.half), c);
  for (const c of diff.calls) if (inRange(c.date)) marks.calls.set(callNightKey(c.date, c.callTypeCode), c);
  for (const r of diff.rotations ?? [])
    if (r.end >= published.start && r.start <= published.end)
      marks.rotations.set(planBlockKey(r.personId, r.academicYear, r.blockNumber), r);
  if (marks.cells.size === 0 && marks.calls.size === 0 && marks.rotations.size === 0) return { data: published, marks };

  const assignments: Assignment[] = [];
  for (const a of published.assignments) if (!marks.cells.has(cellKey(a.personId, a.date, a.half))) assignments.push(a);
  for (const c of marks.cells.values()) {
    if (c.after)
      assignments.push({
        personId: c.personId,
        date: c.date,
        half: c.half,
        activityCode: c.after.activityCode,
        source: c.after.source,
        locked: c.after.locked,
      });
  }
  const calls: CallAssignment[] = [];
  for (const c of published.calls) if (!marks.calls.has(callNightKey(c.date, c.callTypeCode))) calls.push(c);
  for (const c of marks.calls.values()) {
    for (const p of c.after)
      calls.push({ date: c.date, callTypeCode: c.callTypeCode, personId: p.personId, source: p.source });
  }
  // A changed plan block shows the draft's parts in place of every published part of it.
  let rotationAssignments = published.rotationAssignments;
  if (marks.rotations.size) {
    rotationAssignments = published.rotationAssignments.filter(
      (r) => !marks.rotations.has(planBlockKey(r.personId, r.academicYear, r.blockNumber)),
    );
    for (const r of marks.rotations.values())
      for (const p of r.after)
        rotationAssignments.push({
          personId: r.personId,
          academicYear: r.academicYear,
          blockNumber: r.blockNumber,
          part: p.part,
          rotationId: p.rotationId,
        } satisfies RotationAssignment);
  }
  return { data: { ...published, assignments, calls, rotationAssignments }, marks };
}
