// A draft is an overlay over the published schedule: per slot, per call night and per inpatient
// week, and per annual-plan entry (resident × block part) it either says nothing (the published
// value shows through) or carries its own value.
// Every edit is a patch of overlay entries; applying a patch returns the patch that undoes it,
// so undo and redo are the same operation. Pure: the store is an interface, kept in memory by
// tests and in SQLite by the draft service.
import type { AssignmentSource, BlockPart, HalfDay, IsoDate } from '../../domain/types';

export interface CellRef {
  personId: string;
  date: IsoDate;
  half: HalfDay;
}
/** A draft's value for one slot; activityCode null = the slot is cleared in this draft. */
export interface CellValue {
  activityCode: string | null;
  source: AssignmentSource;
  locked: boolean;
}
/** value null = drop the overlay entry (the published value shows again). */
export interface CellPatch extends CellRef {
  value: CellValue | null;
}

/** One person's call of one type on one night (a night may have several people of a type). */
export interface CallRef {
  date: IsoDate;
  callTypeCode: string;
  personId: string;
}
/** Whether the person has that call in this draft. */
export type CallValue = { assigned: true; source: AssignmentSource } | { assigned: false };
export interface CallPatch extends CallRef {
  value: CallValue | null;
}

/** One person's inpatient week, identified by its first day (a Friday in the reference program). */
export interface WeekRef {
  personId: string;
  start: IsoDate;
}
/** Whether the person has that week in this draft, and where it ends. */
export type WeekValue = { assigned: true; end: IsoDate } | { assigned: false };
export interface WeekPatch extends WeekRef {
  value: WeekValue | null;
}

/** One entry of the annual rotation plan: a resident's block, or one half of it. */
export interface RotationRef {
  personId: string;
  academicYear: number;
  blockNumber: number;
  part: BlockPart;
}
/** The draft's rotation for that entry; rotationId null = the draft removes the entry. */
export interface RotationValue {
  rotationId: string | null;
}
export interface RotationPatch extends RotationRef {
  value: RotationValue | null;
}

/** Entries are applied in order; a later entry for the same key wins. */
export interface DraftPatch {
  cells: CellPatch[];
  calls: CallPatch[];
  inpatientWeeks: WeekPatch[];
  /** Annual plan entries (absent = none: patches written before drafts held a plan). */
  rotations?: RotationPatch[];
}

export function emptyPatch(): DraftPatch {
  return { cells: [], calls: [], inpatientWeeks: [], rotations: [] };
}

export function patchSize(patch: DraftPatch): number {
  return patch.cells.length + patch.calls.length + patch.inpatientWeeks.length + (patch.rotations?.length ?? 0);
}

export const cellKey = (r: CellRef): string => `${r.personId}|${r.date}|${r.half}`;
export const callKey = (r: CallRef): string => `${r.date}|${r.callTypeCode}|${r.personId}`;
export const weekKey = (r: WeekRef): string => `${r.personId}|${r.start}`;
export const rotationKey = (r: RotationRef): string => `${r.personId}|${r.academicYear}|${r.blockNumber}|${r.part}`;
/** The plan entries of one resident's block (all its parts). */
export const planBlockKey = (r: Omit<RotationRef, 'part'>): string =>
  `${r.personId}|${r.academicYear}|${r.blockNumber}`;

/** Where overlay entries live. Reads return null when the draft says nothing about the key. */
export interface OverlayStore {
  getCell(ref: CellRef): CellValue | null;
  setCell(ref: CellRef, value: CellValue | null): void;
  getCall(ref: CallRef): CallValue | null;
  setCall(ref: CallRef, value: CallValue | null): void;
  getWeek(ref: WeekRef): WeekValue | null;
  setWeek(ref: WeekRef, value: WeekValue | null): void;
  getRotation(ref: RotationRef): RotationValue | null;
  setRotation(ref: RotationRef, value: RotationValue | null): void;
}

/**
 * Apply a patch in order and return its inverse: the entries it replaced, in reverse order, so
 * that applying the inverse restores the store exactly (also when a key appears twice).
 */
export function applyPatch(store: OverlayStore, patch: DraftPatch): DraftPatch {
  const inverse = emptyPatch();
  for (const p of patch.cells) {
    const ref = { personId: p.personId, date: p.date, half: p.half };
    inverse.cells.push({ ...ref, value: store.getCell(ref) });
    store.setCell(ref, p.value);
  }
  for (const p of patch.calls) {
    const ref = { date: p.date, callTypeCode: p.callTypeCode, personId: p.personId };
    inverse.calls.push({ ...ref, value: store.getCall(ref) });
    store.setCall(ref, p.value);
  }
  for (const p of patch.inpatientWeeks) {
    const ref = { personId: p.personId, start: p.start };
    inverse.inpatientWeeks.push({ ...ref, value: store.getWeek(ref) });
    store.setWeek(ref, p.value);
  }
  for (const p of patch.rotations ?? []) {
    const ref = rotationRef(p);
    inverse.rotations!.push({ ...ref, value: store.getRotation(ref) });
    store.setRotation(ref, p.value);
  }
  inverse.cells.reverse();
  inverse.calls.reverse();
  inverse.inpatientWeeks.reverse();
  inverse.rotations!.reverse();
  return inverse;
}

export function rotationRef(r: RotationRef): RotationRef {
  return { personId: r.personId, academicYear: r.academicYear, blockNumber: r.blockNumber, part: r.part };
}

/** The overlay held in memory (tests, previews, building a draft before it is stored); also an OverlayReader. */
export class MemoryOverlay implements OverlayStore {
  readonly cells = new Map<string, CellRef & { value: CellValue }>();
  readonly calls = new Map<string, CallRef & { value: CallValue }>();
  readonly weeks = new Map<string, WeekRef & { value: WeekValue }>();
  readonly rotations = new Map<string, RotationRef & { value: RotationValue }>();

  getCell(ref: CellRef): CellValue | null {
    return this.cells.get(cellKey(ref))?.value ?? null;
  }
  setCell(ref: CellRef, value: CellValue | null): void {
    if (value)
      this.cells.set(cellKey(ref), { personId: ref.personId, date: ref.date, half: ref.half, value: { ...value } });
    else this.cells.delete(cellKey(ref));
  }
  getCall(ref: CallRef): CallValue | null {
    return this.calls.get(callKey(ref))?.value ?? null;
  }
  setCall(ref: CallRef, value: CallValue | null): void {
    if (value)
      this.calls.set(callKey(ref), {
        date: ref.date,
        callTypeCode: ref.callTypeCode,
        personId: ref.personId,
        value: { ...value },
      });
    else this.calls.delete(callKey(ref));
  }
  getWeek(ref: WeekRef): WeekValue | null {
    return this.weeks.get(weekKey(ref))?.value ?? null;
  }
  setWeek(ref: WeekRef, value: WeekValue | null): void {
    if (value) this.weeks.set(weekKey(ref), { personId: ref.personId, start: ref.start, value: { ...value } });
    else this.weeks.delete(weekKey(ref));
  }
  getRotation(ref: RotationRef): RotationValue | null {
    return this.rotations.get(rotationKey(ref))?.value ?? null;
  }
  setRotation(ref: RotationRef, value: RotationValue | null): void {
    if (value) this.rotations.set(rotationKey(ref), { ...rotationRef(ref), value: { ...value } });
    else this.rotations.delete(rotationKey(ref));
  }
  cell(ref: CellRef): CellValue | null {
    return this.getCell(ref);
  }
  /** The draft's entries for one resident's block (any of its parts). */
  rotationsOf(personId: string, academicYear: number, blockNumber: number): (RotationRef & { value: RotationValue })[] {
    return (['full', 'first', 'second'] as const).flatMap((part) => {
      const e = this.rotations.get(rotationKey({ personId, academicYear, blockNumber, part }));
      return e ? [e] : [];
    });
  }
  callsOn(date: IsoDate, callTypeCode: string): (CallRef & { value: CallValue })[] {
    return [...this.calls.values()].filter((c) => c.date === date && c.callTypeCode === callTypeCode);
  }
  weeksOn(start: IsoDate): (WeekRef & { value: WeekValue })[] {
    return [...this.weeks.values()].filter((w) => w.start === start);
  }
  entries(): {
    cells: (CellRef & { value: CellValue })[];
    calls: (CallRef & { value: CallValue })[];
    inpatientWeeks: (WeekRef & { value: WeekValue })[];
    rotations: (RotationRef & { value: RotationValue })[];
  } {
    return {
      cells: [...this.cells.values()],
      calls: [...this.calls.values()],
      inpatientWeeks: [...this.weeks.values()],
      rotations: [...this.rotations.values()],
    };
  }
}
