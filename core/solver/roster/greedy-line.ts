// A roster line built day by day, keeping the line's hard rules as it goes: run lengths, rests,
// successions, shift and minute maxima, weekends and locked cells are never broken by a choice
// (a run is only started when its shortest length can be completed), and the days worked follow
// the cell costs while the minimum minutes still can be reached. Linear in the horizon, so a
// first roster of a year × 150 staff takes milliseconds where annealing a 364-day line from
// scratch may not find a feasible one at all. Day windows are not looked at: the caller checks
// the finished line with staffViolation.
import { LineCheck } from './line-check';
import type { CompiledRoster } from './problem';
import type { Rng } from './random';

/** Cell costs as in LineCosts.cell: cost[d * (T + 1) + t + 1], index t + 1 = 0 for the day off. */
export function greedyLine(c: CompiledRoster, s: number, cost: Float64Array, rng: Rng): Int16Array {
  const { D, T } = c;
  const V = T + 1;
  const line = new Int16Array(D).fill(-1);
  const weekendOf = new Int32Array(D).fill(-1);
  c.weekends.forEach((days, w) => days.forEach((d) => (weekendOf[d] = w)));
  const weekendWorked = new Uint8Array(c.weekends.length);
  const count = new Int32Array(T);
  const maxRun = c.maxConsecutive[s];
  const minRun = c.minConsecutive[s];
  const minOff = c.minConsecutiveOff[s];
  const maxMinutes = c.maxMinutes[s];
  const minMinutes = c.minMinutes[s];
  let longest = 0;
  for (let t = 0; t < T; t++) if (c.maxShifts[s * T + t] > 0) longest = Math.max(longest, c.minutes[t]);
  // weekendsFrom[d]: weekends that start on day d or later; weekendDays: their usual length.
  const weekendsFrom = new Int32Array(D + 1);
  for (const days of c.weekends) if (days.length > 0) weekendsFrom[Math.min(...days)]++;
  for (let d = D - 1; d >= 0; d--) weekendsFrom[d] += weekendsFrom[d + 1];
  const weekendDays = c.weekends.length > 0 ? Math.min(...c.weekends.map((w) => w.length)) : 0;
  let minutes = 0;
  let weekends = 0;
  let run = 0; // length of the current run (working when line[d - 1] >= 0, else off)
  let edge = true; // the current run started on day 0: exempt from the shortest-run rules
  let scale = 1;
  for (const x of cost) if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));

  const fixedAt = (d: number) => c.fixedCell[s * D + d];
  const may = (d: number, t: number, prev: number) =>
    c.allowed[(s * D + d) * T + t] === 1 &&
    (fixedAt(d) === -2 || fixedAt(d) === t) &&
    count[t] < c.maxShifts[s * T + t] &&
    (prev < 0 || c.forbidden[prev * T + t] === 0);
  /**
   * Whether working `t` on day d can be followed by shifts on days d+1..until (a chain exists).
   * Counted as if every day of the chain took the same type: a shift type near its maximum is
   * not relied on.
   */
  const chain = (d: number, t: number, until: number): boolean => {
    let reach = [t];
    for (let e = d + 1; e <= Math.min(until, D - 1); e++) {
      const next: number[] = [];
      const uses = e - d + 1;
      for (let u = 0; u < T; u++)
        if (count[u] + uses <= c.maxShifts[s * T + u] && reach.some((p) => may(e, u, p))) next.push(u);
      if (next.length === 0) return false;
      reach = next;
    }
    return true;
  };
  /**
   * Whether the days d..until, worked (t first, then at most the longest shift), stay in the weekend and minute limits.
   */
  const fits = (d: number, t: number, until: number): boolean => {
    const last = Math.min(until, D - 1);
    let extra = 0;
    let seen = -1;
    for (let e = d; e <= last; e++) {
      const w = weekendOf[e];
      if (w >= 0 && !weekendWorked[w] && w !== seen) {
        extra++;
        seen = w;
      }
    }
    return weekends + extra <= c.maxWeekends[s] && minutes + c.minutes[t] + (last - d) * longest <= maxMinutes;
  };

  for (let d = 0; d < D; d++) {
    const prev = d > 0 ? line[d - 1] : -1;
    const working = prev >= 0;
    const fixed = fixedAt(d);
    // Off: not inside a run's shortest length, nor on a day locked to a shift.
    const mayRest = fixed < 0 && !(working && !edge && run < minRun);
    let best = -2;
    let bestCost = Infinity;
    if (mayRest) {
      best = -1;
      bestCost = cost[d * V];
    }
    const mustStayOff = !working && d > 0 && !edge && run < minOff;
    const mayWork = fixed !== -1 && !mustStayOff && (!working || run < maxRun);
    // The minimum minutes: what can still be worked from today, at the longest shift and the
    // densest pattern; under pressure a worked day beats a free one.
    const need = minMinutes - minutes;
    // Weekends past the weekend limit are days that cannot be worked.
    const closedWeekendDays = Math.max(0, weekendsFrom[d] - (c.maxWeekends[s] - weekends)) * weekendDays;
    const open = Math.max(0, D - d - closedWeekendDays);
    const capacity = (open * maxRun * longest) / (maxRun + Math.max(1, minOff));
    const pressure = need > 0 ? need / Math.max(1, capacity) : 0;
    const bias = pressure >= 0.8 ? 4 * scale : pressure * scale;
    if (mayWork) {
      for (let t = 0; t < T; t++) {
        if (!may(d, t, prev)) continue;
        const w = weekendOf[d];
        if (w >= 0 && !weekendWorked[w] && weekends >= c.maxWeekends[s]) continue;
        if (minutes + c.minutes[t] > maxMinutes) continue;
        // A run started today (or still short) must reach its shortest length.
        const mandatoryUntil = working ? (edge ? d : d + minRun - 1 - run) : d + minRun - 1;
        if (mandatoryUntil > d && !(chain(d, t, mandatoryUntil) && fits(d, t, mandatoryUntil))) continue;
        // Under pressure the longer shifts gain most: the minimum is in minutes, not days.
        const z =
          cost[d * V + t + 1] - (bias * c.minutes[t]) / longest + (t === prev ? -1e-6 * scale : 0) + rng.next() * 1e-3;
        if (z < bestCost) {
          bestCost = z;
          best = t;
        }
      }
    }
    // Nothing fits: off (the caller's check reports the broken rule).
    const choice = best === -2 ? -1 : best;
    line[d] = choice;
    if (d > 0 && choice >= 0 !== working) {
      run = 0;
      edge = false;
    }
    run++;
    if (choice >= 0) {
      count[choice]++;
      minutes += c.minutes[choice];
      const w = weekendOf[d];
      if (w >= 0 && !weekendWorked[w]) {
        weekendWorked[w] = 1;
        weekends++;
      }
    }
  }
  return line;
}

/** Rounds of the repair walk; a round tries every day (and pairs of changes) once. */
const REPAIR_ROUNDS = 40;
/** Rounds a repaired day is left alone, so sideways changes do not undo each other. */
const REPAIR_TABU = 8;
/** First changes (the least violating) each tried with every second change, when no single change helps. */
const REPAIR_FIRSTS = 16;

interface DayChange {
  d: number;
  t: number;
  violation: number;
  /** How far the line's minutes end from the middle of its minute limits. */
  off: number;
  cost: number;
}

/** Least violation first; then the line's minutes nearest the middle of its limits (slack to drop or add a day). */
const better = (a: DayChange, b: DayChange) => a.violation - b.violation || a.off - b.off || a.cost - b.cost;

/**
 * A line the day-by-day choices left broken (the look-ahead is an estimate, and tight minimum
 * minutes leave little slack: a run one day too long, an off run one day too short, a few minutes
 * short). A walk over the line's days: each round makes the change of one day that leaves the
 * least violation (then costs least); when no single day helps, the best of two changes (a day
 * dropped here and a longer shift there; two neighbouring days as a new short run); when nothing
 * helps, the least bad single change, with days just changed left alone for a few rounds (a tabu
 * walk). Each change is measured on the runs around it. The line ends as the least violating one
 * seen; returns whether it keeps every rule.
 */
export function repairLine(c: CompiledRoster, s: number, line: Int16Array, cost: Float64Array): boolean {
  const { D, T } = c;
  const V = T + 1;
  // The check keeps every staff member's parts; the others' lines are empty here.
  const empty = new Int16Array(D).fill(-1);
  const grid = Array.from({ length: c.S }, (_, k) => (k === s ? line : empty));
  const check = new LineCheck(c, grid);
  // Values a day may take: off, or a shift this person may work at all.
  const values = [-1];
  for (let t = 0; t < T; t++) if (c.maxShifts[s * T + t] > 0) values.push(t);
  const changedIn = new Int32Array(D).fill(-REPAIR_TABU - 1);
  let round = 0;
  const free = (d: number) => c.fixedCell[s * D + d] === -2 && round - changedIn[d] > REPAIR_TABU;
  const may = (d: number, t: number) => t < 0 || c.allowed[(s * D + d) * T + t] === 1;
  const delta = (d: number, t: number) => cost[d * V + t + 1] - cost[d * V + line[d] + 1];
  let longest = 0;
  for (const t of values) if (t >= 0) longest = Math.max(longest, c.minutes[t]);
  const middle = Number.isFinite(c.maxMinutes[s])
    ? (c.minMinutes[s] + c.maxMinutes[s]) / 2
    : c.minMinutes[s] + 2 * longest;
  let minutes = 0;
  for (let d = 0; d < D; d++) if (line[d] >= 0) minutes += c.minutes[line[d]];
  const minutesOf = (t: number) => (t >= 0 ? c.minutes[t] : 0);
  const set = (d: number, t: number) => {
    check.begin(0, s, d, d);
    minutes += minutesOf(t) - minutesOf(line[d]);
    line[d] = t;
    check.end(0);
    check.commit(0);
  };
  /** Every single-day change (but day `skip`'s), measured. */
  const singles = (skip: number): DayChange[] => {
    const out: DayChange[] = [];
    for (let d = 0; d < D; d++) {
      if (d === skip || !free(d)) continue;
      const was = line[d];
      for (const t of values) {
        if (t === was || !may(d, t)) continue;
        const z = delta(d, t);
        check.begin(0, s, d, d);
        line[d] = t;
        const v = check.end(0);
        line[d] = was;
        const off = Math.abs(minutes + minutesOf(t) - minutesOf(was) - middle);
        out.push({ d, t, violation: v, off, cost: z });
      }
    }
    return out;
  };
  const least = Int16Array.from(line);
  let leastViolation = check.violation[s];
  for (; round < REPAIR_ROUNDS && leastViolation > 0; round++) {
    const violation = check.violation[s];
    const moves = singles(-1).sort(better);
    if (moves.length === 0) break;
    let chosen: DayChange[] = [moves[0]];
    if (moves[0].violation >= violation) {
      // Two changes: each of the least bad first changes, then the best second one.
      let bestPair: DayChange[] | null = null;
      for (const first of moves.slice(0, REPAIR_FIRSTS)) {
        const was = line[first.d];
        set(first.d, first.t);
        let second: DayChange | null = null;
        for (const m of singles(first.d)) if (!second || better(m, second) < 0) second = m;
        set(first.d, was);
        if (!second) continue;
        const pair = { ...second, cost: second.cost + first.cost };
        if (!bestPair || better(pair, bestPair[1]) < 0) bestPair = [first, pair];
      }
      if (bestPair && bestPair[1].violation < violation) chosen = bestPair;
    }
    for (const m of chosen) {
      set(m.d, m.t);
      changedIn[m.d] = round;
    }
    if (check.violation[s] < leastViolation) {
      leastViolation = check.violation[s];
      least.set(line);
    }
  }
  line.set(least);
  return leastViolation === 0;
}
