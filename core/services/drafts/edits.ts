// What a coordinator does in the block grid, turned into overlay patches. Hand edits make a slot
// manual and locked (regeneration leaves it alone); lock/unlock keeps the activity and flips the
// lock. A plan edit sets one part of a resident's block and keeps the rest of the block: a full
// block replaces both halves, a half replaces a full block whose rotation stays on the other half.
// Pure: the caller supplies what each slot shows now (draft value, else published).
import type { AssignmentSource, BlockPart, IsoDate } from '../../domain/types';
import {
  applyCallEntries,
  applyRotationEntries,
  applyWeekEntries,
  byPart,
  NO_PLAN,
  type PlanPart,
  type PublishedLookup,
  type PublishedPlanLookup,
} from './diff';
import type {
  CallRef,
  CallValue,
  CellRef,
  CellValue,
  DraftPatch,
  RotationPatch,
  RotationRef,
  RotationValue,
  WeekRef,
  WeekValue,
} from './patch';
import { emptyPatch } from './patch';

export type DraftEdit =
  | { kind: 'setActivity'; cells: CellRef[]; activityCode: string }
  | { kind: 'clear'; cells: CellRef[] }
  | { kind: 'setLock'; cells: CellRef[]; locked: boolean }
  /** Copy/paste of a range: the target cells with the copied values (null = empty source cell). */
  | { kind: 'paste'; cells: (CellRef & { activityCode: string | null })[] }
  /** The night's call of this type is taken by exactly these people ([] = nobody). */
  | { kind: 'setCall'; date: IsoDate; callTypeCode: string; personIds: string[] }
  /** The inpatient week starting on `start` is held by exactly these people ([] = nobody). */
  | { kind: 'setInpatientWeek'; start: IsoDate; end: IsoDate; personIds: string[] }
  /** One part of a resident's block in the annual plan takes this rotation (null = nothing). */
  | {
      kind: 'setRotation';
      personId: string;
      academicYear: number;
      blockNumber: number;
      part: BlockPart;
      rotationId: string | null;
    }
  /** Drop the draft's own values so the published ones show again. */
  | { kind: 'revert'; cells: CellRef[]; calls: CallRef[]; inpatientWeeks: WeekRef[]; rotations?: RotationRef[] };

/** What the draft shows right now (its own values, else the published ones). */
export interface CurrentSchedule {
  /** The slot's activity, or null when it is empty. */
  cell(ref: CellRef): { activityCode: string; source: AssignmentSource; locked: boolean } | null;
  /** Who has this call on this night. */
  callPeople(date: IsoDate, callTypeCode: string): string[];
  /** Who holds the inpatient week starting on this day. */
  weekPeople(start: IsoDate): string[];
  /** The plan entries of a resident's block (full, or its halves). */
  planParts(personId: string, academicYear: number, blockNumber: number): PlanPart[];
}

/** Reads a draft's own entries. */
export interface OverlayReader {
  cell(ref: CellRef): CellValue | null;
  callsOn(date: IsoDate, callTypeCode: string): (CallRef & { value: CallValue })[];
  weeksOn(start: IsoDate): (WeekRef & { value: WeekValue })[];
  rotationsOf(personId: string, academicYear: number, blockNumber: number): (RotationRef & { value: RotationValue })[];
}

/** The draft's view: its own entries over the published schedule (and published plan). */
export function currentSchedule(
  overlay: OverlayReader,
  published: PublishedLookup,
  plan: PublishedPlanLookup = NO_PLAN,
): CurrentSchedule {
  return {
    planParts: (personId, academicYear, blockNumber) =>
      applyRotationEntries(
        plan.planParts(personId, academicYear, blockNumber),
        overlay.rotationsOf(personId, academicYear, blockNumber),
      ),
    cell(ref) {
      const own = overlay.cell(ref);
      if (!own) return published.cell(ref);
      return own.activityCode === null
        ? null
        : { activityCode: own.activityCode, source: own.source, locked: own.locked };
    },
    callPeople: (date, callTypeCode) =>
      applyCallEntries(published.calls(date, callTypeCode), overlay.callsOn(date, callTypeCode)).map((c) => c.personId),
    weekPeople: (start) => applyWeekEntries(published.weeks(start), overlay.weeksOn(start)).map((w) => w.personId),
  };
}

const MANUAL: AssignmentSource = 'manual';

function manual(activityCode: string | null): CellValue {
  return { activityCode, source: MANUAL, locked: true };
}

function ref(c: CellRef): CellRef {
  return { personId: c.personId, date: c.date, half: c.half };
}

/**
 * A block's plan after setting one part: a full block replaces whatever the block held; a half
 * keeps the other half (taken from a full-block entry when that is what the block held).
 */
export function plannedParts(current: PlanPart[], part: BlockPart, rotationId: string | null): PlanPart[] {
  if (part === 'full') return rotationId ? [{ part, rotationId }] : [];
  const other: BlockPart = part === 'first' ? 'second' : 'first';
  const kept = current.find((p) => p.part === 'full')?.rotationId ?? current.find((p) => p.part === other)?.rotationId;
  const out: PlanPart[] = [];
  if (rotationId) out.push({ part, rotationId });
  if (kept) out.push({ part: other, rotationId: kept });
  return out.sort(byPart);
}

/** Overlay entries that turn a block's plan from `current` into exactly `wanted`. */
export function planEntries(ref: Omit<RotationRef, 'part'>, current: PlanPart[], wanted: PlanPart[]): RotationPatch[] {
  const base = { personId: ref.personId, academicYear: ref.academicYear, blockNumber: ref.blockNumber };
  const out: RotationPatch[] = [];
  for (const c of current)
    if (!wanted.some((w) => w.part === c.part)) out.push({ ...base, part: c.part, value: { rotationId: null } });
  for (const w of wanted)
    if (!current.some((c) => c.part === w.part && c.rotationId === w.rotationId))
      out.push({ ...base, part: w.part, value: { rotationId: w.rotationId } });
  return out;
}

/**
 * The patch for one edit. `skipped` counts cells the edit leaves alone (locking an empty slot:
 * the published schedule cannot hold a locked empty slot, so there is nothing to lock).
 */
export function editToPatch(edit: DraftEdit, current: CurrentSchedule): { patch: DraftPatch; skipped: number } {
  const patch = emptyPatch();
  let skipped = 0;
  switch (edit.kind) {
    case 'setActivity':
      patch.cells = edit.cells.map((c) => ({ ...ref(c), value: manual(edit.activityCode) }));
      break;
    case 'clear':
      patch.cells = edit.cells.map((c) => ({ ...ref(c), value: manual(null) }));
      break;
    case 'paste':
      patch.cells = edit.cells.map((c) => ({ ...ref(c), value: manual(c.activityCode) }));
      break;
    case 'setLock':
      for (const c of edit.cells) {
        const now = current.cell(c);
        if (!now) {
          skipped++;
          continue;
        }
        patch.cells.push({
          ...ref(c),
          value: { activityCode: now.activityCode, source: now.source, locked: edit.locked },
        });
      }
      break;
    case 'setCall': {
      const night = { date: edit.date, callTypeCode: edit.callTypeCode };
      const keep = new Set(edit.personIds);
      for (const personId of current.callPeople(edit.date, edit.callTypeCode))
        if (!keep.has(personId)) patch.calls.push({ ...night, personId, value: { assigned: false } });
      for (const personId of keep) patch.calls.push({ ...night, personId, value: { assigned: true, source: MANUAL } });
      break;
    }
    case 'setInpatientWeek': {
      const keep = new Set(edit.personIds);
      for (const personId of current.weekPeople(edit.start))
        if (!keep.has(personId)) patch.inpatientWeeks.push({ personId, start: edit.start, value: { assigned: false } });
      for (const personId of keep)
        patch.inpatientWeeks.push({ personId, start: edit.start, value: { assigned: true, end: edit.end } });
      break;
    }
    case 'setRotation': {
      const block = { personId: edit.personId, academicYear: edit.academicYear, blockNumber: edit.blockNumber };
      const now = current.planParts(edit.personId, edit.academicYear, edit.blockNumber);
      patch.rotations = planEntries(block, now, plannedParts(now, edit.part, edit.rotationId));
      break;
    }
    case 'revert':
      patch.cells = edit.cells.map((c) => ({ ...ref(c), value: null }));
      patch.calls = edit.calls.map((c) => ({
        date: c.date,
        callTypeCode: c.callTypeCode,
        personId: c.personId,
        value: null,
      }));
      patch.inpatientWeeks = edit.inpatientWeeks.map((w) => ({ personId: w.personId, start: w.start, value: null }));
      patch.rotations = (edit.rotations ?? []).map((r) => ({
        personId: r.personId,
        academicYear: r.academicYear,
        blockNumber: r.blockNumber,
        part: r.part,
        value: null,
      }));
      break;
  }
  return { patch, skipped };
}
