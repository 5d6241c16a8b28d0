// The repair model: given a loss, choose cover actions that meet every requirement it leaves at
// the least cost — uncovered requirements first (never, unless impossible), then shedding in the
// sacrifice order, then the number of changed assignments — subject to the hard rules the covers
// must keep: one thing per half-day, one call a night, no call on other nights of one's inpatient
// week, and for those the ACGME rules cover, the 80-hour, one-day-in-seven and call-frequency
// windows. A MILP (HiGHS in a worker); the result is then checked by the compliance engine.
import type { SolverBackend } from '../backend';
import { LinearExpr, ModelBuilder } from '../models/builder';
import { addDays } from '../../domain/calendar';
import type { RuleConfig } from '../../domain/types';
import type { Baseline, WindowParams } from './baseline';
import { allowedInHouseCalls } from '../../rules/acgme-call-frequency';
import { requiredFreeDays } from '../../rules/acgme-days-off';
import { allowedWindowHours, averagingPeriods } from '../../rules/acgme-hours';
import { rollingWindows, type DayPeriod } from '../../rules/windows';
import {
  callActions,
  callAgainstWeek,
  procedureActions,
  supervisionActions,
  teamActions,
  weekActions,
  type Action,
} from './actions';
import { COST } from './levels';
import { isGoneAt, supervisionAt, type Hole, type Loss } from './loss';

export interface RepairSolution {
  loss: Loss;
  /** Chosen cover actions. */
  actions: Action[];
  /** Supervising faculty short per slot after covers (met by cancelling learners' clinic). */
  shed: Map<number, number>;
  /** Holes nobody can take. */
  uncovered: Set<string>;
  objective: number;
  /** Slots whose supervision the model constrains (the loss's and the covers' cascades). */
  rows: Set<number>;
  /** Whether there was anything to repair (a model was solved). */
  solved: boolean;
  /** Whether HiGHS solved it (false: each requirement's own cheapest cover was the optimum). */
  milp: boolean;
}

export interface RepairOptions {
  backend: SolverBackend;
  /** Person × day the compliance engine ruled out for covers (earlier rounds). */
  banned?: Set<string>;
  timeLimitSec?: number;
  /** Candidates shared by the losses of one week (ignored while covers are ruled out). */
  cache?: ActionCache;
  /** Always solve with the MILP (tests compare the exact search with it). */
  milpOnly?: boolean;
}

interface SupervisionRow {
  slot: number;
  rule: number;
  /** Supervising faculty needed beyond those present (may be ≤ 0: slack). */
  rhs: number;
  need: number;
}

function holeActions(b: Baseline, loss: Loss, hole: Hole, banned: (p: string, d: number) => boolean): Action[] {
  switch (hole.kind) {
    case 'call':
      return callActions(b, loss, hole, banned);
    case 'inpatient_week':
      return weekActions(b, loss, hole, banned);
    case 'procedure':
      return procedureActions(b, loss, hole, banned);
    case 'team':
      return teamActions(b, loss, hole, banned);
  }
}

/** Supervision rows of the slots a loss or its covers touch. */
function supervisionRows(b: Baseline, loss: Loss, slots: Iterable<number>): SupervisionRow[] {
  const rows: SupervisionRow[] = [];
  for (const slot of slots) {
    b.rules.supervision.forEach((_, rule) => {
      const base = supervisionAt(b, rule, slot, () => false);
      const now = supervisionAt(b, rule, slot, (id) => isGoneAt(loss, id, slot >> 1));
      // Only what the loss breaks is the repair's business: a slot already short stays as short.
      const rhs = now.need - now.supply - Math.max(0, base.need - base.supply);
      rows.push({ slot, rule, rhs, need: now.need });
    });
  }
  return rows;
}

/** A rolling-window limit over some actions: Σ coefficient × chosen ≤ room. */
export interface WindowRow {
  name: string;
  terms: [action: number, coefficient: number][];
  room: number;
}

/**
 * Rolling-window rows (80 hours, free days, in-house call frequency) of the people the actions
 * use, as the compliance engine's rules count them; windows the actions cannot break are left out.
 */
export function windowRows(b: Baseline, actions: readonly Action[]): WindowRow[] {
  const out: WindowRow[] = [];
  const byPerson = new Map<string, number[]>();
  actions.forEach((a, i) => byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), i]));
  const n = b.length;
  for (const [personId, idx] of byPerson) {
    const person = b.people.get(personId)!;
    out.push(...consecutiveCallRows(b, personId, idx, actions));
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of idx) {
      const a = actions[i];
      for (const d of [...a.hours.keys(), ...a.freeLost, ...a.inHouseCalls]) {
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
    if (lo > hi) continue;
    /** Rows of one rule family over its periods (days from..to−1) that hold a day of lo..hi. */
    const rows = <P extends WindowParams>(
      name: string,
      rules: { config: RuleConfig; params: P }[],
      periods: (params: P) => DayPeriod[],
      coefficient: (a: Action, from: number, to: number) => number,
      slack: (params: P, period: DayPeriod, leaveDays: number) => number,
    ) => {
      for (const rule of rules) {
        if (!b.applies(rule.config, person, lo)) continue;
        const leavePrefix = b.leavePrefix(personId, rule.params.excludeLeave ? rule.params.leaveTypes : []);
        for (const period of periods(rule.params)) {
          const terms: [number, number][] = [];
          let most = 0;
          for (const i of idx) {
            const c = coefficient(actions[i], period.from, period.to - 1);
            if (c <= 0) continue;
            terms.push([i, c]);
            most += c;
          }
          if (!terms.length) continue;
          // A period already over its limit may not get worse.
          const room = Math.max(0, slack(rule.params, period, leavePrefix[period.to] - leavePrefix[period.from]));
          if (most > room + 1e-6) out.push({ name: `${name}[${personId},${b.dates[period.from]}]`, terms, room });
        }
      }
    };
    const rolling = (p: WindowParams) => rollingWindows(p.windowDays, n, lo, hi);
    if (b.rules.hours.length) {
      const hoursPrefix = b.prefix(personId, 'hours');
      rows(
        'hours',
        b.rules.hours,
        // The 80 hours' own periods (core/rules/acgme-hours): with averageShortRotations, a
        // rotation shorter than the window is averaged over its own days, as the validator does.
        (p) => averagingPeriods(p, n, lo, hi, () => b.rotationKeys(personId)),
        (a, from, to) => [...a.hours].reduce((sum, [d, h]) => (d >= from && d <= to ? sum + h : sum), 0),
        (p, { from, to }, leaveDays) =>
          allowedWindowHours(p, to - from - leaveDays) - (hoursPrefix[to] - hoursPrefix[from]),
      );
    }
    if (b.rules.daysOff.length) {
      const freePrefix = b.prefix(personId, 'free');
      rows(
        'daysOff',
        b.rules.daysOff,
        rolling,
        (a, from, to) => a.freeLost.filter((d) => d >= from && d <= to).length,
        (p, { from, to }, leaveDays) =>
          freePrefix[to] - freePrefix[from] - requiredFreeDays(p, p.windowDays - leaveDays),
      );
    }
    if (b.rules.callFrequency.length) {
      const nightPrefix = b.prefix(personId, 'nights');
      rows(
        'callFrequency',
        b.rules.callFrequency,
        rolling,
        (a, from, to) => a.inHouseCalls.filter((d) => d >= from && d <= to).length,
        (p, { from, to }, leaveDays) =>
          allowedInHouseCalls(p, p.windowDays - leaveDays) - (nightPrefix[to] - nightPrefix[from]),
      );
    }
  }
  return out;
}

/**
 * Call nights in a row (consecutive_call_nights, where its finding is hard), as the compliance
 * engine counts them: nights with a call that counts toward duty hours, one's own inpatient week's
 * nights not linked to each other, calls the week forbids not counted. Each window of max + 1
 * linked nights holds at most max calls, the person's existing ones included; an inpatient week
 * the repair gives them that unlinks two of the window's nights lifts the window's limit.
 */
function consecutiveCallRows(
  b: Baseline,
  personId: string,
  idx: readonly number[],
  actions: readonly Action[],
): WindowRow[] {
  const counts = (code: string) => b.callTypes.get(code)?.countsTowardDutyHours === true;
  const calls = idx.filter((i) => actions[i].call && counts(actions[i].call!.callTypeCode));
  if (!calls.length) return [];
  const person = b.people.get(personId)!;
  const weeks = b.inpatientWeeksOf(personId);
  const dateOf = (day: number) => b.dates[day] ?? addDays(b.first, day);
  const weekOf = (day: number) => weeks.find((w) => dateOf(day) >= w.start && dateOf(day) <= w.end);
  const existing = (day: number) =>
    b.callsOf(personId, day).some((c) => counts(c.callTypeCode)) &&
    !weeks.some((w) => callAgainstWeek(b, personId, day, w));
  const newWeeks = idx.filter((i) => actions[i].week);
  const nights = calls.map((i) => actions[i].night!);
  const out: WindowRow[] = [];
  for (const rule of b.rules.consecutiveCalls) {
    const max = rule.params.maxConsecutiveNights;
    for (let s = Math.min(...nights) - max; s <= Math.max(...nights); s++) {
      if (!b.applies(rule.config, person, Math.max(0, s))) continue;
      const window = Array.from({ length: max + 1 }, (_, k) => s + k);
      // Two nights of one own inpatient week are one duty: no run goes through them.
      if (window.slice(1).some((d) => weekOf(d - 1) !== undefined && weekOf(d - 1) === weekOf(d))) continue;
      const terms: [number, number][] = calls.filter((i) => window.includes(actions[i].night!)).map((i) => [i, 1]);
      if (!terms.length) continue;
      const room = max - window.filter(existing).length;
      if (terms.length <= room) continue;
      for (const i of newWeeks) {
        const w = actions[i].week!;
        if (window.slice(1).some((d) => dateOf(d - 1) >= w.start && dateOf(d) <= w.end)) terms.push([i, -(max + 1)]);
      }
      out.push({ name: `consecutiveCalls[${personId},${dateOf(s)}]`, terms, room: Math.max(0, room) });
    }
  }
  return out;
}

/** Whether taking inpatient week `w` forbids call action `c` of the same person (call_during_inpatient_week). */
function weekForbidsCall(b: Baseline, w: Action, c: Action): boolean {
  return !!w.week && c.personId === w.personId && c.night !== null && callAgainstWeek(b, c.personId, c.night, w.week);
}

/**
 * Groups of actions of which at most one may be chosen: one thing per half-day, one call a
 * night, no call one's inpatient week forbids (inside it or the nights before it, by the program's rule).
 */
export function conflictSets(b: Baseline, actions: readonly Action[]): number[][] {
  const use = new Map<string, number[]>();
  const add = (key: string, i: number) => use.set(key, [...(use.get(key) ?? []), i]);
  actions.forEach((a, i) => {
    for (const slot of a.occupied) add(`cell:${a.personId}:${slot}`, i);
    if (a.night !== null) add(`night:${a.personId}:${a.night}`, i);
  });
  const out = [...use.values()].filter((list) => list.length > 1);
  actions.forEach((w, i) => {
    if (!w.week) return;
    actions.forEach((c, j) => {
      if (weekForbidsCall(b, w, c)) out.push([i, j]);
    });
  });
  return out;
}

/** The least-cost repair of a loss under the model (not yet checked by the compliance engine). */
/** Cover actions by requirement, built once per week and shared by every loss of it. */
export type ActionCache = Map<string, Action[]>;

/** Leaves the exact search may visit before the MILP takes over. */
const SEARCH_LIMIT = 4000;

/**
 * The optimum by exhaustive search over the holes' covers (each hole: one cover or uncovered),
 * pruned by the cheapest cover each remaining hole could still take; given the holes' covers,
 * each supervision row is met on its own by its cheapest free precepting covers or shedding.
 * Exact; null when the search grows past its limit or a rolling window involves precepting
 * covers (then the MILP solves it).
 */
function searchOptimum(
  b: Baseline,
  loss: Loss,
  byHole: Action[][],
  rows: SupervisionRow[],
  coversBySlot: Map<number, Action[]>,
): RepairSolution | null {
  if (b.rules.supervision.length > 1) return null;
  const holes = loss.holes;
  const options = byHole.map((list) => [...list].sort((x, y) => x.cost - y.cost || (x.personId < y.personId ? -1 : 1)));
  const covers = [...coversBySlot.values()].flat();
  const all = [...options.flat(), ...covers];
  const index = new Map(all.map((a, i) => [a, i]));
  const windows = windowRows(b, all);
  const coverIndex = new Set(covers.map((a) => index.get(a)!));
  if (windows.some((w) => w.terms.some(([i]) => coverIndex.has(i)))) return null;
  const sortedCovers = new Map(
    [...coversBySlot].map(([slot, list]) => [
      slot,
      [...list].sort((x, y) => x.cost - y.cost || (x.personId < y.personId ? -1 : 1)),
    ]),
  );
  const cheapestLeft = new Float64Array(holes.length + 1);
  for (let h = holes.length - 1; h >= 0; h--)
    cheapestLeft[h] = cheapestLeft[h + 1] + Math.min(COST.uncovered, options[h][0]?.cost ?? COST.uncovered);

  let best: { cost: number; holes: (Action | null)[]; covers: Action[]; shed: Map<number, number> } | null = null;
  let leaves = 0;
  const chosen: (Action | null)[] = [];
  const cells = new Set<string>();
  const nights = new Set<string>();
  const usedCells = (a: Action) => [...a.occupied.map((slot) => `${a.personId}:${slot}`)];
  const fits = (a: Action): boolean => {
    if (usedCells(a).some((c) => cells.has(c))) return false;
    if (a.night !== null && nights.has(`${a.personId}:${a.night}`)) return false;
    for (const o of chosen) if (o && (weekForbidsCall(b, a, o) || weekForbidsCall(b, o, a))) return false;
    return true;
  };
  const take = (a: Action, on: boolean) => {
    for (const c of usedCells(a)) on ? cells.add(c) : cells.delete(c);
    if (a.night !== null) on ? nights.add(`${a.personId}:${a.night}`) : nights.delete(`${a.personId}:${a.night}`);
  };
  /** The rows met given the holes' covers: cost, covers and shedding; null when a window breaks. */
  const complete = (): { cost: number; covers: Action[]; shed: Map<number, number> } | null => {
    const picked = chosen.filter((a): a is Action => a !== null);
    const chosenIdx = new Set(picked.map((a) => index.get(a)!));
    for (const w of windows)
      if (w.terms.reduce((sum, [i, c]) => (chosenIdx.has(i) ? sum + c : sum), 0) > w.room + 1e-6) return null;
    let cost = 0;
    const rowCovers: Action[] = [];
    const shed = new Map<number, number>();
    for (const r of rows) {
      const deficit = r.rhs - picked.reduce((sum, a) => sum + (a.supply.get(r.slot) ?? 0), 0);
      if (deficit <= 0) continue;
      let k = 0;
      for (const c of sortedCovers.get(r.slot) ?? []) {
        if (k >= deficit || c.cost >= COST.supervisionShed) break;
        if (usedCells(c).some((x) => cells.has(x))) continue;
        rowCovers.push(c);
        cost += c.cost;
        k++;
      }
      if (k < deficit) {
        shed.set(r.slot, deficit - k);
        cost += (deficit - k) * COST.supervisionShed;
      }
    }
    return { cost, covers: rowCovers, shed };
  };
  const search = (h: number, cost: number): boolean => {
    if (best && cost + cheapestLeft[h] >= best.cost) return true;
    if (h === holes.length) {
      if (++leaves > SEARCH_LIMIT) return false;
      const rest = complete();
      if (rest && (!best || cost + rest.cost < best.cost))
        best = { cost: cost + rest.cost, holes: [...chosen], covers: rest.covers, shed: rest.shed };
      return true;
    }
    for (const a of options[h]) {
      if (best && cost + a.cost + cheapestLeft[h + 1] >= best.cost) break;
      if (!fits(a)) continue;
      chosen.push(a);
      take(a, true);
      const ok = search(h + 1, cost + a.cost);
      take(a, false);
      chosen.pop();
      if (!ok) return false;
    }
    chosen.push(null);
    const ok = search(h + 1, cost + COST.uncovered);
    chosen.pop();
    return ok;
  };
  if (!search(0, 0) || !best) return null;
  const found = best as { cost: number; holes: (Action | null)[]; covers: Action[]; shed: Map<number, number> };
  return {
    loss,
    actions: [...found.holes.filter((a): a is Action => a !== null), ...found.covers],
    shed: found.shed,
    uncovered: new Set(holes.filter((_, i) => found.holes[i] === null).map((x) => x.id)),
    objective: found.cost,
    rows: new Set(),
    solved: true,
    milp: false,
  };
}

export async function solveRepair(b: Baseline, loss: Loss, options: RepairOptions): Promise<RepairSolution> {
  const banned = options.banned ?? new Set<string>();
  const isBanned = (personId: string, day: number) => banned.has(`${personId}@${day}`);
  // Candidates do not depend on who else is gone, except that the gone are no covers.
  const cached = (key: string, build: () => Action[]) => {
    if (banned.size || !options.cache) return build();
    let list = options.cache.get(key);
    if (!list) options.cache.set(key, (list = build()));
    return list.filter((a) => !loss.gone.has(a.personId));
  };
  const byHole = loss.holes.map((h) =>
    cached(h.id, () => holeActions(b, { ...loss, gone: new Set([h.from]) }, h, isBanned)),
  );
  const cascade = new Set<number>();
  for (const list of byHole) for (const a of list) for (const [slot, d] of a.supply) if (d < 0) cascade.add(slot);
  const slots = new Set([...loss.effects.keys(), ...cascade]);
  const rows = supervisionRows(b, loss, slots);
  const empty: RepairSolution = {
    loss,
    actions: [],
    shed: new Map(),
    uncovered: new Set(),
    objective: 0,
    rows: slots,
    solved: false,
    milp: false,
  };
  if (!loss.holes.length && !rows.some((r) => r.rhs > 0)) return empty;

  // Precepting covers for every slot that needs one or may lose one to a cascade.
  const coversBySlot = new Map<number, Action[]>();
  for (const r of rows)
    if ((r.rhs > 0 || cascade.has(r.slot)) && !coversBySlot.has(r.slot))
      coversBySlot.set(
        r.slot,
        cached(`supervision|${r.slot}`, () => supervisionActions(b, { ...loss, gone: new Set() }, r.slot, isBanned)),
      );
  const quick = options.milpOnly ? null : searchOptimum(b, loss, byHole, rows, coversBySlot);
  if (quick) return { ...quick, rows: slots };

  const actions: Action[] = [...byHole.flat(), ...[...coversBySlot.values()].flat()];
  const m = new ModelBuilder('minimize');
  const x = actions.map((a, i) => m.binary(`x[${i}:${a.requirement}:${a.personId}]`, a.cost));
  // Each hole: exactly one cover, or uncovered at a price.
  const u = new Map<string, number>();
  loss.holes.forEach((hole) => {
    const col = m.binary(`u[${hole.id}]`, COST.uncovered);
    u.set(hole.id, col);
    const e = new LinearExpr().add(col);
    actions.forEach((a, i) => a.requirement === hole.id && e.add(x[i]));
    m.row(`cover[${hole.id}]`, e, 1, 1);
  });
  // Supervision: supply after covers and cascades, plus the shortfall shed, meets the need.
  const z = new Map<string, number>();
  for (const r of rows) {
    const e = new LinearExpr();
    let lowest = 0;
    actions.forEach((a, i) => {
      const d = a.supply.get(r.slot);
      if (!d) return;
      e.add(x[i], d);
      if (d < 0) lowest += d;
    });
    // A row that holds even if every cascade happens needs no constraint.
    if (lowest >= r.rhs) continue;
    const col = m.integer(`z[${r.rule},${r.slot}]`, 0, Math.max(0, r.need), COST.supervisionShed);
    z.set(`${r.rule}:${r.slot}`, col);
    e.add(col);
    m.row(`supervision[${r.rule},${r.slot}]`, e, r.rhs, Infinity);
  }
  for (const set of conflictSets(b, actions))
    m.row(`once[${set.join(',')}]`, new LinearExpr().addAll(set.map((i) => x[i])), -Infinity, 1);
  for (const w of windowRows(b, actions)) {
    const e = new LinearExpr();
    for (const [i, c] of w.terms) e.add(x[i], c);
    m.row(w.name, e, -Infinity, w.room);
  }

  const result = await options.backend.solve(m.build(), {
    timeLimitSec: options.timeLimitSec ?? 10,
    mipGap: 0,
    mipAbsGap: 0.5,
    lightweight: true,
  });
  if (result.status !== 'optimal' && result.status !== 'feasible')
    throw new Error(`The repair model could not be solved (${result.status}: ${result.message})`);
  const v = result.values;
  const shed = new Map<number, number>();
  for (const [key, col] of z) {
    if (v[col] < 0.5) continue;
    const slot = Number(key.split(':')[1]);
    shed.set(slot, Math.max(shed.get(slot) ?? 0, Math.round(v[col])));
  }
  return {
    loss,
    actions: actions.filter((_, i) => v[x[i]] > 0.5),
    shed,
    uncovered: new Set([...u].filter(([, col]) => v[col] > 0.5).map(([id]) => id)),
    objective: Math.round(result.objective ?? 0),
    rows: slots,
    solved: true,
    milp: true,
  };
}
