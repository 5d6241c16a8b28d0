// What a swap changes, slot by slot. The taker takes the item's half-days, calls and week row;
// the two people trade the half-days of those days, so the giver, now free, takes over what the
// taker had there (clinic, a call on one of the week's nights with its post-call day), and the
// schedule stays whole. Where the giver is away (an approved absence) nothing is handed to them:
// the taker's displaced half-days are dropped and a displaced call stays with the taker (where
// the rules engine will say it breaks a rule). A giver's own leave stays theirs; post-call
// activities (PCAT, DO, the day off after a week) always travel with the item.
import { addDays } from '../../domain/calendar';
import type { Assignment, CallAssignment, HalfDay, InpatientWeek, IsoDate } from '../../domain/types';
import type { DraftPatch } from '../drafts/patch';
import { callKeyOf, cellKeyOf, noChanges, weekKeyOf, type SnapshotChanges } from '../compliance/snapshot';
import { slotKey, type ResolvedItem } from './items';
import type { ScheduleView } from './schedule-view';
import type { SwapPlan } from './types';

/** One direction of a swap: `item` (of its giver) goes to `takerId`. */
export interface Move {
  item: ResolvedItem;
  takerId: string;
}

const HALVES: HalfDay[] = ['AM', 'PM'];

/** The same value given to someone else, as a hand edit (manual and locked, like every swap edit). */
const handed = (a: Assignment, personId: string): Assignment => ({
  personId,
  date: a.date,
  half: a.half,
  activityCode: a.activityCode,
  source: 'manual',
  locked: true,
});

/**
 * The changes of a swap made of one move (absorb) or two opposite moves between the same two
 * people (one-to-one).
 */
export function planSwap(view: ScheduleView, moves: Move[]): SwapPlan {
  const a = moves[0].item.giverId;
  const b = moves[0].takerId;
  if (
    moves.some((m) => ![a, b].includes(m.item.giverId) || ![a, b].includes(m.takerId) || m.item.giverId === m.takerId)
  )
    throw new Error('A swap moves items between two people');
  const cells = new Map<string, { personId: string; date: IsoDate; half: HalfDay; after: Assignment | null }>();
  const free = (personId: string, date: IsoDate, half: HalfDay) => view.availability.halfDayFree(personId, date, half);

  const days = [...new Set(moves.flatMap((m) => m.item.cellDays))].sort();
  for (const date of days) {
    for (const half of HALVES) {
      const key = slotKey(date, half);
      const takes = (taker: string) => moves.some((m) => m.takerId === taker && m.item.cellDays.includes(date));
      const postCall = moves.map((m) => m.item.postCall.get(key)).find((c) => c !== undefined);
      const p = view.cell(a, date, half);
      const q = view.cell(b, date, half);
      // A value leaves its holder unless it is the holder's own time off while away.
      const leaves = (v: Assignment | null, holder: string) =>
        !!v &&
        (free(holder, date, half) ||
          view.activities.get(v.activityCode)?.countsTowardDutyHours !== false ||
          v.activityCode === postCall);
      const aGives = leaves(p, a);
      const bGives = leaves(q, b);
      // Whoever takes the item's slot receives what is there; otherwise only when not away.
      const bAccepts = takes(b) || free(b, date, half);
      const aAccepts = takes(a) || free(a, date, half);
      const nextB = aGives && bAccepts ? handed(p!, b) : bGives && aAccepts ? null : q;
      const nextA = bGives && aAccepts ? handed(q!, a) : aGives && bAccepts ? null : p;
      for (const [personId, before, after] of [
        [a, p, nextA],
        [b, q, nextB],
      ] as const) {
        // The same activity stays as it was (no relocking of a weekend both had).
        if ((before?.activityCode ?? null) === (after?.activityCode ?? null)) continue;
        cells.set(cellKeyOf({ personId, date, half }), { personId, date, half, after });
      }
    }
  }

  const calls = new Map<
    string,
    { date: IsoDate; callTypeCode: string; personId: string; after: CallAssignment | null }
  >();
  const itemCalls = new Set(moves.flatMap((m) => m.item.calls.map(callKeyOf)));
  const hand = (c: CallAssignment, to: string) => {
    calls.set(callKeyOf(c), { date: c.date, callTypeCode: c.callTypeCode, personId: c.personId, after: null });
    const next = { date: c.date, callTypeCode: c.callTypeCode, personId: to };
    if (!view.call(c.date, c.callTypeCode, to))
      calls.set(callKeyOf(next), { ...next, after: { ...next, source: 'manual' } });
  };
  for (const m of moves) for (const c of m.item.calls) hand(c, m.takerId);
  for (const m of moves) {
    const giver = m.item.giverId;
    const first = addDays(m.item.cellDays[0] ?? m.item.view.start, -1);
    const last = addDays(m.item.view.end, 1);
    for (const c of view.callsOf(m.takerId, first, last)) {
      if (itemCalls.has(callKeyOf(c)) || !m.item.displaces(c)) continue;
      if (view.availability.callFree(giver, c.date, view.callTypes.get(c.callTypeCode))) hand(c, giver);
    }
  }

  const weeks = new Map<string, { personId: string; start: IsoDate; after: InpatientWeek | null }>();
  for (const m of moves) {
    if (!m.item.week) continue;
    const { row, from } = m.item.week;
    weeks.set(weekKeyOf(row), {
      personId: row.personId,
      start: row.start,
      after: from > row.start ? { ...row, end: addDays(from, -1) } : null,
    });
    weeks.set(weekKeyOf({ personId: m.takerId, start: from }), {
      personId: m.takerId,
      start: from,
      after: { personId: m.takerId, start: from, end: row.end },
    });
  }

  return {
    cells: [...cells.values()].map((c) => ({ ...c, before: view.cell(c.personId, c.date, c.half) })).sort(byKey),
    calls: [...calls.values()]
      .map((c) => ({ ...c, before: view.call(c.date, c.callTypeCode, c.personId) }))
      .sort(byKey),
    weeks: [...weeks.values()].map((w) => ({ ...w, before: view.week(w.personId, w.start) })).sort(byKey),
  };
}

function byKey(
  x: { personId: string; date?: string; start?: string },
  y: { personId: string; date?: string; start?: string },
): number {
  const kx = `${x.date ?? x.start}|${x.personId}`;
  const ky = `${y.date ?? y.start}|${y.personId}`;
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

/** Several plans in order, later values winning (a cover draft over several items). */
export function mergePlans(plans: SwapPlan[]): SwapPlan {
  const cells = new Map<string, SwapPlan['cells'][number]>();
  const calls = new Map<string, SwapPlan['calls'][number]>();
  const weeks = new Map<string, SwapPlan['weeks'][number]>();
  for (const plan of plans) {
    for (const c of plan.cells) cells.set(cellKeyOf(c), { ...c, before: cells.get(cellKeyOf(c))?.before ?? c.before });
    for (const c of plan.calls) calls.set(callKeyOf(c), { ...c, before: calls.get(callKeyOf(c))?.before ?? c.before });
    for (const w of plan.weeks) weeks.set(weekKeyOf(w), { ...w, before: weeks.get(weekKeyOf(w))?.before ?? w.before });
  }
  return {
    cells: [...cells.values()].sort(byKey),
    calls: [...calls.values()].sort(byKey),
    weeks: [...weeks.values()].sort(byKey),
  };
}

/** A plan as the compliance cache's changes (for a what-if validation). */
export function planChanges(plan: SwapPlan): SnapshotChanges {
  const out = noChanges();
  for (const c of plan.cells) out.cells.set(cellKeyOf(c), c.after);
  for (const c of plan.calls) out.calls.set(callKeyOf(c), c.after);
  for (const w of plan.weeks) out.weeks.set(weekKeyOf(w), w.after);
  return out;
}

/** A plan as draft overlay entries. */
export function planPatch(plan: SwapPlan): DraftPatch {
  return {
    cells: plan.cells.map((c) => ({
      personId: c.personId,
      date: c.date,
      half: c.half,
      value: c.after
        ? { activityCode: c.after.activityCode, source: c.after.source, locked: c.after.locked }
        : { activityCode: null, source: 'manual', locked: false },
    })),
    calls: plan.calls.map((c) => ({
      date: c.date,
      callTypeCode: c.callTypeCode,
      personId: c.personId,
      value: c.after ? { assigned: true, source: c.after.source } : { assigned: false },
    })),
    inpatientWeeks: plan.weeks.map((w) => ({
      personId: w.personId,
      start: w.start,
      value: w.after ? { assigned: true, end: w.after.end } : { assigned: false },
    })),
    rotations: [],
  };
}

/** People whose schedule a plan changes. */
export function planPeople(plan: SwapPlan): string[] {
  return [...new Set([...plan.cells, ...plan.calls, ...plan.weeks].map((c) => c.personId))].sort();
}
