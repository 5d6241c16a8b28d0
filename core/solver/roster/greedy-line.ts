// A roster line built day by day, keeping the line's hard rules as it goes: run lengths, rests,
// successions, shift and minute maxima, weekends and locked cells are never broken by a choice
// (a run is only started when its shortest length can be completed), and the days worked follow
// the cell costs while the minimum minutes still can be reached. Linear in the horizon, so a
// first roster of a year × 150 staff takes milliseconds where annealing a 364-day line from
// scratch may not find a feasible one at all. Day windows are not looked at: the caller checks
// the finished line with staffViolation.
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
  /** Whether the days d..until, worked (t first, then at most the longest shift), stay in the weekend and minute limits. */
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
    const capacity = ((D - d) * maxRun * longest) / (maxRun + Math.max(1, minOff));
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
        const z = cost[d * V + t + 1] - bias + (t === prev ? -1e-6 * scale : 0) + rng.next() * 1e-3;
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
