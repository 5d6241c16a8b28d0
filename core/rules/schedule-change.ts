// What differs between two versions of one schedule: whether they share everything the engine's
// state is built on besides the schedule's items (then one state can be changed from the first to
// the second), and, per list of items, which items only one of them has. Items are compared by
// content, so a copy of an item (a schedule sent to a worker) is the same item.
import type { Assignment } from '../domain/types';
import type { ComplianceInput } from './input';

/** What the engine's state is built from besides the schedule's items: it must be the same in both. */
const FRAME = ['settings', 'people', 'activities', 'rotations', 'callTypes', 'holidays'] as const;
export type Frame = Pick<ComplianceInput, 'range' | (typeof FRAME)[number]>;

/** An input's frame, without its schedule (which a holder of the frame must not keep alive). */
export function frameOf(input: ComplianceInput): Frame {
  const { range, settings, people, activities, rotations, callTypes, holidays } = input;
  return { range, settings, people, activities, rotations, callTypes, holidays };
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** Whether two inputs differ in their schedule's items only (same range, people, catalog and settings). */
export function sameFrame(a: Frame, b: Frame): boolean {
  return a.range.start === b.range.start && a.range.end === b.range.end && FRAME.every((k) => same(a[k], b[k]));
}

/** The items of `before` that `after` lacks and those of `after` that `before` lacks (copies counted). */
export function listChange<T>(before: readonly T[], after: readonly T[]): { removed: T[]; added: T[] } {
  if (before.length === after.length && before.every((x, i) => x === after[i])) return { removed: [], added: [] };
  const left = new Map<string, T[]>();
  for (const item of before) {
    const key = JSON.stringify(item);
    const list = left.get(key);
    if (list) list.push(item);
    else left.set(key, [item]);
  }
  const added: T[] = [];
  for (const item of after) {
    const list = left.get(JSON.stringify(item));
    if (list?.length) list.pop();
    else added.push(item);
  }
  return { removed: [...left.values()].flat(), added };
}

/** Whether two lists of a slot's assignments are the same, in the same order (undefined: none). */
export function sameAssignments(a: readonly Assignment[] | undefined, b: readonly Assignment[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i] || sameFields(x, b[i]));
}

function sameFields(a: Assignment, b: Assignment): boolean {
  const keys = Object.keys(a) as (keyof Assignment)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (k) => a[k] === b[k] || (typeof a[k] === 'object' && JSON.stringify(a[k]) === JSON.stringify(b[k])),
  );
}

/** Items grouped by person (each person's in input order). */
export function byPerson<T extends { personId: string }>(items: readonly T[] | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items ?? []) {
    const list = out.get(item.personId);
    if (list) list.push(item);
    else out.set(item.personId, [item]);
  }
  return out;
}
