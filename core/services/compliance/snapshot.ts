// The schedule a validator was last given, keyed the way edits address it, so the next version
// of the schedule (after a publish, a rollback, or a draft edit) turns into the few edits that
// changed it instead of a full re-validation.
import type { ProgramData } from '../../domain/program';
import type {
  Absence,
  Assignment,
  CallAssignment,
  Callback,
  InpatientWeek,
  MoonlightingEntry,
  RotationAssignment,
} from '../../domain/types';
import type { ScheduleEdit } from '../../rules/edits';

export type ScheduleParts = Pick<
  ProgramData,
  'assignments' | 'calls' | 'inpatientWeeks' | 'absences' | 'moonlighting' | 'callbacks' | 'rotationAssignments'
>;

export const cellKeyOf = (a: { personId: string; date: string; half: string }) => `${a.personId}|${a.date}|${a.half}`;
export const callKeyOf = (c: { date: string; callTypeCode: string; personId: string }) =>
  `${c.date}|${c.callTypeCode}|${c.personId}`;
export const weekKeyOf = (w: { personId: string; start: string }) => `${w.personId}|${w.start}`;
export const rotationKeyOf = (r: Pick<RotationAssignment, 'personId' | 'academicYear' | 'blockNumber' | 'part'>) =>
  `${r.personId}|${r.academicYear}|${r.blockNumber}|${r.part}`;

export interface ScheduleSnapshot {
  cells: Map<string, Assignment>;
  calls: Map<string, CallAssignment>;
  weeks: Map<string, InpatientWeek>;
  absences: Map<string, Absence>;
  moonlighting: Map<string, MoonlightingEntry>;
  callbacks: Map<string, Callback>;
  rotations: Map<string, RotationAssignment>;
}

function keyed<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return map;
}

export function snapshotOf(parts: ScheduleParts): ScheduleSnapshot {
  return {
    cells: keyed(parts.assignments, cellKeyOf),
    calls: keyed(parts.calls, callKeyOf),
    weeks: keyed(parts.inpatientWeeks, weekKeyOf),
    absences: keyed(parts.absences, (a) => a.id),
    moonlighting: keyed(parts.moonlighting, (m) => m.id),
    callbacks: keyed(parts.callbacks, (c) => c.id),
    rotations: keyed(parts.rotationAssignments, rotationKeyOf),
  };
}

/** Visits every item, letting other work run (`turn`) after each `perTurn` of them. */
async function eachInTurns<T>(
  items: Iterable<T>,
  visit: (item: T) => void,
  turn: () => Promise<void>,
  perTurn: number,
): Promise<void> {
  let n = 0;
  for (const item of items) {
    visit(item);
    if (++n % perTurn === 0) await turn();
  }
}

/** A map of half-days by key, filled from `items` `perTurn` at a time with `turn` between. */
async function cellsInTurns<T>(
  items: Iterable<T>,
  entry: (item: T) => [string, Assignment],
  turn: () => Promise<void>,
  perTurn: number,
): Promise<Map<string, Assignment>> {
  const cells = new Map<string, Assignment>();
  await eachInTurns(
    items,
    (item) => {
      const [key, cell] = entry(item);
      cells.set(key, cell);
    },
    turn,
    perTurn,
  );
  return cells;
}

/**
 * snapshotOf with the half-days (a year's are 100 000s) keyed `perTurn` at a time, other work
 * running in between, so a program read in parts is not keyed in one long stall.
 */
export async function snapshotInTurns(
  parts: ScheduleParts,
  turn: () => Promise<void>,
  perTurn: number,
): Promise<ScheduleSnapshot> {
  const cells = await cellsInTurns(parts.assignments, (a) => [cellKeyOf(a), a], turn, perTurn);
  return { ...snapshotOf({ ...parts, assignments: [] }), cells };
}

export function snapshotParts(s: ScheduleSnapshot): ScheduleParts {
  return {
    assignments: [...s.cells.values()],
    calls: [...s.calls.values()],
    inpatientWeeks: [...s.weeks.values()],
    absences: [...s.absences.values()],
    moonlighting: [...s.moonlighting.values()],
    callbacks: [...s.callbacks.values()],
    rotationAssignments: [...s.rotations.values()],
  };
}

/** New values for some keys of a snapshot (null = the key is gone). */
export interface SnapshotChanges {
  cells: Map<string, Assignment | null>;
  calls: Map<string, CallAssignment | null>;
  weeks: Map<string, InpatientWeek | null>;
  absences: Map<string, Absence | null>;
  moonlighting: Map<string, MoonlightingEntry | null>;
  callbacks: Map<string, Callback | null>;
  rotations: Map<string, RotationAssignment | null>;
}

export function noChanges(): SnapshotChanges {
  return {
    cells: new Map(),
    calls: new Map(),
    weeks: new Map(),
    absences: new Map(),
    moonlighting: new Map(),
    callbacks: new Map(),
    rotations: new Map(),
  };
}

/** Shallow equality of two flat records (every field is a string, number, boolean or null). */
function same(a: object | null | undefined, b: object | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((k) => ra[k] === rb[k]);
}

function diffMap<T extends object>(before: Map<string, T>, after: Map<string, T>, out: Map<string, T | null>): void {
  for (const [key, value] of after) if (!same(before.get(key), value)) out.set(key, value);
  for (const key of before.keys()) if (!after.has(key)) out.set(key, null);
}

/** Everything that differs between a snapshot and the schedule now. */
export function changesBetween(before: ScheduleSnapshot, after: ScheduleSnapshot): SnapshotChanges {
  const out = noChanges();
  diffMap(before.cells, after.cells, out.cells);
  diffMap(before.calls, after.calls, out.calls);
  diffMap(before.weeks, after.weeks, out.weeks);
  diffMap(before.absences, after.absences, out.absences);
  diffMap(before.moonlighting, after.moonlighting, out.moonlighting);
  diffMap(before.callbacks, after.callbacks, out.callbacks);
  diffMap(before.rotations, after.rotations, out.rotations);
  return out;
}

/** changesBetween with the half-days compared `perTurn` at a time, other work running in between. */
export async function changesBetweenInTurns(
  before: ScheduleSnapshot,
  after: ScheduleSnapshot,
  turn: () => Promise<void>,
  perTurn: number,
): Promise<SnapshotChanges> {
  const out = changesBetween({ ...before, cells: new Map() }, { ...after, cells: new Map() });
  await eachInTurns(
    after.cells,
    ([key, value]) => {
      if (!same(before.cells.get(key), value)) out.cells.set(key, value);
    },
    turn,
    perTurn,
  );
  await eachInTurns(
    before.cells.keys(),
    (key) => {
      if (!after.cells.has(key)) out.cells.set(key, null);
    },
    turn,
    perTurn,
  );
  return out;
}

export function changeCount(c: SnapshotChanges): number {
  return (
    c.cells.size +
    c.calls.size +
    c.weeks.size +
    c.absences.size +
    c.moonlighting.size +
    c.callbacks.size +
    c.rotations.size
  );
}

/**
 * The validator edits that take a snapshot to its changed version (removals first, so a
 * replaced item never meets its successor), and the snapshot updated in place once they apply.
 */
export function editsFor(snapshot: ScheduleSnapshot, changes: SnapshotChanges): ScheduleEdit[] {
  const removals: ScheduleEdit[] = [];
  const additions: ScheduleEdit[] = [];
  for (const [key, next] of changes.cells) {
    const prev = snapshot.cells.get(key);
    if (same(prev, next)) continue;
    if (next) additions.push({ kind: 'setAssignment', assignment: next });
    else if (prev) removals.push({ kind: 'clearSlot', personId: prev.personId, date: prev.date, half: prev.half });
  }
  for (const [key, next] of changes.calls) {
    const prev = snapshot.calls.get(key);
    if (same(prev, next)) continue;
    if (prev)
      removals.push({ kind: 'removeCall', personId: prev.personId, date: prev.date, callTypeCode: prev.callTypeCode });
    if (next) additions.push({ kind: 'addCall', call: next });
  }
  for (const [key, next] of changes.weeks) {
    const prev = snapshot.weeks.get(key);
    if (same(prev, next)) continue;
    if (prev) removals.push({ kind: 'removeInpatientWeek', personId: prev.personId, start: prev.start });
    if (next) additions.push({ kind: 'addInpatientWeek', week: next });
  }
  for (const [key, next] of changes.absences) {
    const prev = snapshot.absences.get(key);
    if (same(prev, next)) continue;
    if (prev) removals.push({ kind: 'removeAbsence', absenceId: prev.id });
    if (next) additions.push({ kind: 'addAbsence', absence: next });
  }
  for (const [key, next] of changes.moonlighting) {
    const prev = snapshot.moonlighting.get(key);
    if (same(prev, next)) continue;
    if (prev) removals.push({ kind: 'removeMoonlighting', entryId: prev.id });
    if (next) additions.push({ kind: 'addMoonlighting', entry: next });
  }
  for (const [key, next] of changes.callbacks) {
    const prev = snapshot.callbacks.get(key);
    if (same(prev, next)) continue;
    if (prev) removals.push({ kind: 'removeCallback', callbackId: prev.id });
    if (next) additions.push({ kind: 'addCallback', callback: next });
  }
  for (const [key, next] of changes.rotations) {
    const prev = snapshot.rotations.get(key);
    if (same(prev, next)) continue;
    if (prev)
      removals.push({
        kind: 'removeRotationAssignment',
        personId: prev.personId,
        academicYear: prev.academicYear,
        blockNumber: prev.blockNumber,
        part: prev.part,
      });
    if (next) additions.push({ kind: 'setRotationAssignment', rotationAssignment: next });
  }
  return [...removals, ...additions];
}

/**
 * applyChanges with the half-days written `perTurn` at a time, other work running in between (a
 * year's draft over its copy of the published schedule). Changes may name only the kinds a draft holds.
 */
export async function applyChangesInTurns(
  snapshot: ScheduleSnapshot,
  changes: Pick<SnapshotChanges, 'cells'> & Partial<SnapshotChanges>,
  turn: () => Promise<void>,
  perTurn: number,
): Promise<void> {
  await eachInTurns(
    changes.cells,
    ([key, value]) => {
      if (value) snapshot.cells.set(key, value);
      else snapshot.cells.delete(key);
    },
    turn,
    perTurn,
  );
  applyChanges(snapshot, { ...noChanges(), ...changes, cells: new Map() });
}

/** Write changes into a snapshot (after their edits were applied). */
export function applyChanges(snapshot: ScheduleSnapshot, changes: SnapshotChanges): void {
  const put = <T>(map: Map<string, T>, updates: Map<string, T | null>) => {
    for (const [key, value] of updates) {
      if (value) map.set(key, value);
      else map.delete(key);
    }
  };
  put(snapshot.cells, changes.cells);
  put(snapshot.calls, changes.calls);
  put(snapshot.weeks, changes.weeks);
  put(snapshot.absences, changes.absences);
  put(snapshot.moonlighting, changes.moonlighting);
  put(snapshot.callbacks, changes.callbacks);
  put(snapshot.rotations, changes.rotations);
}

/**
 * A copy of a snapshot (a validator's own, which its updates change), the half-days (the whole
 * program's: 300 000 and more at 150 residents, one turn of 100-160 ms) copied `perTurn` at a time,
 * other work running in between, and a turn after the last.
 */
export async function cloneSnapshotInTurns(
  s: ScheduleSnapshot,
  turn: () => Promise<void>,
  perTurn: number,
): Promise<ScheduleSnapshot> {
  const cells = await cellsInTurns(s.cells, (e) => e, turn, perTurn);
  await turn();
  return { ...cloneSnapshot({ ...s, cells: new Map() }), cells };
}

function cloneSnapshot(s: ScheduleSnapshot): ScheduleSnapshot {
  return {
    cells: new Map(s.cells),
    calls: new Map(s.calls),
    weeks: new Map(s.weeks),
    absences: new Map(s.absences),
    moonlighting: new Map(s.moonlighting),
    callbacks: new Map(s.callbacks),
    rotations: new Map(s.rotations),
  };
}
