// Draft versus published schedule: which slots, call nights, inpatient weeks and annual-plan
// blocks the draft adds, changes or removes, with the old value. What the diff lists is exactly
// what publishing writes.
import type { AssignmentSource, BlockPart, IsoDate } from '../../domain/types';
import {
  planBlockKey,
  type CallRef,
  type CallValue,
  type CellRef,
  type CellValue,
  type RotationRef,
  type RotationValue,
  type WeekRef,
  type WeekValue,
} from './patch';

export interface PublishedCell {
  activityCode: string;
  source: AssignmentSource;
  locked: boolean;
}
export interface PublishedCall {
  personId: string;
  source: AssignmentSource;
}
export interface PublishedWeek {
  personId: string;
  end: IsoDate;
}

/** Reads the published schedule. */
export interface PublishedLookup {
  /** The slot's published value, or null when it is empty. */
  cell(ref: CellRef): PublishedCell | null;
  /** Everyone with this call on this night. */
  calls(date: IsoDate, callTypeCode: string): PublishedCall[];
  /** Every inpatient week starting on this day. */
  weeks(start: IsoDate): PublishedWeek[];
}

/** One part of a resident's block in the annual plan and its rotation. */
export interface PlanPart {
  part: BlockPart;
  rotationId: string;
}

export interface BlockSpan {
  start: IsoDate;
  end: IsoDate;
}

/** Reads the published annual plan and the block calendar. */
export interface PublishedPlanLookup {
  /** The published plan entries of a resident's block (full, or its halves). */
  planParts(personId: string, academicYear: number, blockNumber: number): PlanPart[];
  /** The block's first and last day, or null when the academic year has no such block. */
  block(academicYear: number, blockNumber: number): BlockSpan | null;
}

/** No plan and no blocks: for callers whose drafts touch no rotation plan. */
export const NO_PLAN: PublishedPlanLookup = { planParts: () => [], block: () => null };

/** The draft's overlay entries (keys the draft says nothing about are absent). */
export interface OverlayEntries {
  cells: (CellRef & { value: CellValue })[];
  calls: (CallRef & { value: CallValue })[];
  inpatientWeeks: (WeekRef & { value: WeekValue })[];
  rotations: (RotationRef & { value: RotationValue })[];
}

/** relocked = same activity, only the source or the lock differs. */
export type CellChangeKind = 'added' | 'changed' | 'removed' | 'relocked';
export type ChangeKind = 'added' | 'changed' | 'removed';

export interface CellDiff extends CellRef {
  kind: CellChangeKind;
  before: PublishedCell | null;
  after: PublishedCell | null;
}
/** One call night of one type: who had it, who has it in the draft. */
export interface CallDiff {
  date: IsoDate;
  callTypeCode: string;
  kind: ChangeKind;
  before: PublishedCall[];
  after: PublishedCall[];
}
/** The inpatient weeks starting on one day: who held them, who holds them in the draft. */
export interface WeekDiff {
  start: IsoDate;
  kind: ChangeKind;
  before: PublishedWeek[];
  after: PublishedWeek[];
}

/**
 * One resident's block in the annual plan: its parts before and in the draft. A full-block entry
 * replacing two half-block entries (or the reverse) is one change of the block.
 */
export interface RotationDiff {
  personId: string;
  academicYear: number;
  blockNumber: number;
  /** The block's first and last day. */
  start: IsoDate;
  end: IsoDate;
  kind: ChangeKind;
  before: PlanPart[];
  after: PlanPart[];
}

export interface DraftDiff {
  cells: CellDiff[];
  calls: CallDiff[];
  inpatientWeeks: WeekDiff[];
  rotations: RotationDiff[];
}

export function diffCell(ref: CellRef, value: CellValue, published: PublishedCell | null): CellDiff | null {
  const after: PublishedCell | null =
    value.activityCode === null
      ? null
      : { activityCode: value.activityCode, source: value.source, locked: value.locked };
  const base = { personId: ref.personId, date: ref.date, half: ref.half, before: published, after };
  if (!published && !after) return null;
  if (!published) return { ...base, kind: 'added' };
  if (!after) return { ...base, kind: 'removed' };
  if (published.activityCode !== after.activityCode) return { ...base, kind: 'changed' };
  if (published.source !== after.source || published.locked !== after.locked) return { ...base, kind: 'relocked' };
  return null;
}

function setKind<T>(before: T[], after: T[], same: (a: T[], b: T[]) => boolean): ChangeKind | null {
  if (same(before, after)) return null;
  if (before.length === 0) return 'added';
  if (after.length === 0) return 'removed';
  return 'changed';
}

const byPerson = <T extends { personId: string }>(a: T, b: T) => a.personId.localeCompare(b.personId);

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Who has a night's call once the draft's entries apply; a source-only difference keeps the published entry. */
export function applyCallEntries(
  published: PublishedCall[],
  entries: (CallRef & { value: CallValue })[],
): PublishedCall[] {
  const after = new Map(published.map((c) => [c.personId, c]));
  for (const e of entries) {
    if (!e.value.assigned) after.delete(e.personId);
    else if (!after.has(e.personId)) after.set(e.personId, { personId: e.personId, source: e.value.source });
  }
  return [...after.values()].sort(byPerson);
}

/** Who holds the weeks starting on a day once the draft's entries apply. */
export function applyWeekEntries(
  published: PublishedWeek[],
  entries: (WeekRef & { value: WeekValue })[],
): PublishedWeek[] {
  const after = new Map(published.map((w) => [w.personId, w]));
  for (const e of entries) {
    if (e.value.assigned) after.set(e.personId, { personId: e.personId, end: e.value.end });
    else after.delete(e.personId);
  }
  return [...after.values()].sort(byPerson);
}

export function diffCallNight(
  date: IsoDate,
  callTypeCode: string,
  entries: (CallRef & { value: CallValue })[],
  published: PublishedCall[],
): CallDiff | null {
  const after = applyCallEntries(published, entries);
  const before = [...published].sort(byPerson);
  const samePeople = (a: PublishedCall[], b: PublishedCall[]) =>
    a.length === b.length && a.every((c, i) => c.personId === b[i].personId);
  const kind = setKind(before, after, samePeople);
  return kind ? { date, callTypeCode, kind, before, after } : null;
}

export function diffWeekStart(
  start: IsoDate,
  entries: (WeekRef & { value: WeekValue })[],
  published: PublishedWeek[],
): WeekDiff | null {
  const after = applyWeekEntries(published, entries);
  const before = [...published].sort(byPerson);
  const same = (a: PublishedWeek[], b: PublishedWeek[]) =>
    a.length === b.length && a.every((w, i) => w.personId === b[i].personId && w.end === b[i].end);
  const kind = setKind(before, after, same);
  return kind ? { start, kind, before, after } : null;
}

const PART_ORDER: Record<BlockPart, number> = { full: 0, first: 1, second: 2 };
export const byPart = (a: { part: BlockPart }, b: { part: BlockPart }) => PART_ORDER[a.part] - PART_ORDER[b.part];

/**
 * A block's plan once the draft's entries for it apply (entries with rotationId null remove a
 * part). A block is whole or in halves, never both: when the published plan changed under the
 * draft (another publication), the draft's own entries win — its whole block drops published
 * halves; its half replaces a published whole block, whose rotation stays on the other half.
 */
export function applyRotationEntries(
  published: PlanPart[],
  entries: (RotationRef & { value: RotationValue })[],
): PlanPart[] {
  const after = new Map(published.map((p) => [p.part, p]));
  for (const e of entries) {
    if (e.value.rotationId === null) after.delete(e.part);
    else after.set(e.part, { part: e.part, rotationId: e.value.rotationId });
  }
  const full = after.get('full');
  if (full && (after.has('first') || after.has('second'))) {
    if (entries.some((e) => e.part === 'full' && e.value.rotationId !== null)) {
      after.delete('first');
      after.delete('second');
    } else {
      after.delete('full');
      for (const part of ['first', 'second'] as const)
        if (!after.has(part)) after.set(part, { part, rotationId: full.rotationId });
    }
  }
  return [...after.values()].sort(byPart);
}

export function diffPlanBlock(
  ref: Omit<RotationRef, 'part'>,
  span: BlockSpan,
  entries: (RotationRef & { value: RotationValue })[],
  published: PlanPart[],
): RotationDiff | null {
  const after = applyRotationEntries(published, entries);
  const before = [...published].sort(byPart);
  const same = (a: PlanPart[], b: PlanPart[]) =>
    a.length === b.length && a.every((p, i) => p.part === b[i].part && p.rotationId === b[i].rotationId);
  const kind = setKind(before, after, same);
  return kind
    ? {
        personId: ref.personId,
        academicYear: ref.academicYear,
        blockNumber: ref.blockNumber,
        start: span.start,
        end: span.end,
        kind,
        before,
        after,
      }
    : null;
}

const byCell = (a: CellRef, b: CellRef) =>
  a.date.localeCompare(b.date) || a.half.localeCompare(b.half) || a.personId.localeCompare(b.personId);

/** The diff of a whole overlay, sorted by date. Entries equal to the published value drop out. */
export function diffOverlay(
  overlay: OverlayEntries,
  published: PublishedLookup,
  plan: PublishedPlanLookup = NO_PLAN,
): DraftDiff {
  const cells: CellDiff[] = [];
  for (const e of overlay.cells) {
    const d = diffCell(e, e.value, published.cell(e));
    if (d) cells.push(d);
  }
  const calls: CallDiff[] = [];
  for (const entries of groupBy(overlay.calls, (c) => `${c.date}|${c.callTypeCode}`).values()) {
    const { date, callTypeCode } = entries[0];
    const d = diffCallNight(date, callTypeCode, entries, published.calls(date, callTypeCode));
    if (d) calls.push(d);
  }
  const inpatientWeeks: WeekDiff[] = [];
  for (const entries of groupBy(overlay.inpatientWeeks, (w) => w.start).values()) {
    const d = diffWeekStart(entries[0].start, entries, published.weeks(entries[0].start));
    if (d) inpatientWeeks.push(d);
  }
  const rotations: RotationDiff[] = [];
  for (const entries of groupBy(overlay.rotations ?? [], planBlockKey).values()) {
    const { personId, academicYear, blockNumber } = entries[0];
    const span = plan.block(academicYear, blockNumber);
    if (!span)
      throw new RangeError(`Block ${blockNumber} of academic year ${academicYear} is not loaded (or does not exist)`);
    const d = diffPlanBlock(
      { personId, academicYear, blockNumber },
      span,
      entries,
      plan.planParts(personId, academicYear, blockNumber),
    );
    if (d) rotations.push(d);
  }
  return {
    cells: cells.sort(byCell),
    calls: calls.sort((a, b) => a.date.localeCompare(b.date) || a.callTypeCode.localeCompare(b.callTypeCode)),
    inpatientWeeks: inpatientWeeks.sort((a, b) => a.start.localeCompare(b.start)),
    rotations: rotations.sort((a, b) => a.start.localeCompare(b.start) || a.personId.localeCompare(b.personId)),
  };
}

/** People who gain or lose something in a call or week change (not those who keep theirs). */
export function reassignedPeople<T extends { personId: string }>(
  before: T[],
  after: T[],
  same: (a: T, b: T) => boolean = (a, b) => a.personId === b.personId,
): string[] {
  const people = new Set<string>();
  for (const b of before) if (!after.some((a) => same(a, b))) people.add(b.personId);
  for (const a of after) if (!before.some((b) => same(a, b))) people.add(a.personId);
  return [...people];
}
