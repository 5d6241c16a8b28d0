// The cheapest feasible roster line of one staff member, exactly: a labelling algorithm (dynamic
// programming over the days with dominance). A label is a partial line up to a day: its cost, the
// minutes and weekends worked so far, the counts of the shift types whose limit binds, and the
// state the rules need (last value, length of the current run, whether that run started on the
// first day, whether the current weekend is already worked). Labels in the same state are compared
// and a dominated one dropped. Every rule of the line is exact: one shift a day, allowed cells and
// fixed cells, forbidden successions, most shifts per type, least and most minutes, longest work
// run, shortest work and off runs (runs touching the horizon's edges exempt), most weekends.
// Day windows are not: a line with windows is the pricing MILP's (null is returned).
//
// It is the exact pricing problem of column generation (milliseconds where the MILP takes a tenth
// of a second) and the exact line of the constructions.
import type { LineCosts } from './line-search';
import type { CompiledRoster } from './problem';

/** Labels kept per day before the search gives up (a line too rich in state for the DP). */
const MAX_LABELS = 400_000;

export interface ExactLine {
  line: Int16Array;
  cost: number;
}

/** Whether the DP applies to this staff member: no day windows, contiguous weekends. */
export function lineDpApplies(c: CompiledRoster, s: number): boolean {
  if (c.windowOffset[s + 1] > c.windowOffset[s]) return false;
  for (const w of c.weekends) for (let i = 1; i < w.length; i++) if (w[i] !== w[i - 1] + 1) return false;
  return true;
}

/**
 * The cheapest line satisfying every rule of staff member `s` that costs less than `below`; null
 * when there is none (no feasible line at all when `below` is Infinity); undefined when the DP does
 * not apply (day windows) or its state grew beyond MAX_LABELS. Partial lines that cannot end below
 * `below` — by a bound that keeps the run and succession rules and drops the counted ones — are
 * pruned, which keeps the search small when a good line is known. `work.labels` counts the labels made.
 */
export function exactLine(
  c: CompiledRoster,
  s: number,
  costs: LineCosts,
  below = Infinity,
  work: { labels: number } = { labels: 0 },
): ExactLine | null | undefined {
  if (!lineDpApplies(c, s)) return undefined;
  const { D, T } = c;
  const unit = c.unitMinutes;
  const mins = Int32Array.from(c.minutes, (m) => Math.round(m / unit));
  const lower = c.minMinutes[s] > 0 ? Math.ceil(c.minMinutes[s] / unit - 1e-9) : 0;
  const upper = c.maxMinutes[s] < Infinity ? Math.floor(c.maxMinutes[s] / unit + 1e-9) : Infinity;
  const maxRun = c.maxConsecutive[s];
  const minRun = c.minConsecutive[s];
  const minOff = c.minConsecutiveOff[s];
  const maxW = c.maxWeekends[s];
  // Types whose limit can bind: tracked as counts.
  const allowedDays = new Int32Array(T);
  for (let d = 0; d < D; d++) for (let t = 0; t < T; t++) if (c.allowed[(s * D + d) * T + t]) allowedDays[t]++;
  const bind: number[] = [];
  const bindIndex = new Int32Array(T).fill(-1);
  for (let t = 0; t < T; t++) if (c.maxShifts[s * T + t] < allowedDays[t]) (bindIndex[t] = bind.length), bind.push(t);
  const B = bind.length;
  const weekendOf = new Int32Array(D).fill(-1);
  const weekendStart = new Uint8Array(D);
  c.weekends.forEach((days, w) => {
    days.forEach((d) => (weekendOf[d] = w));
    weekendStart[days[0]] = 1;
  });
  const trackWeekends = maxW < c.weekends.length || costs.weekend.some((x) => x !== 0);
  // Run lengths are capped where the rules stop caring: a work run at maxRun (it may not grow),
  // an off run at minOff (long enough), so state stays small.
  const runCap = Math.max(1, Math.min(D, Math.max(Number.isFinite(maxRun) ? maxRun : minRun, minRun, minOff, 1)));

  // Label storage (struct of arrays, grown as needed).
  let cap = 1024;
  let cost = new Float64Array(cap);
  let minutes = new Int32Array(cap);
  let weekends = new Int16Array(cap);
  let counts = new Int16Array(cap * Math.max(1, B));
  let value = new Int16Array(cap); // value on this label's day (-1 off)
  let parent = new Int32Array(cap);
  let size = 0;
  const grow = () => {
    cap *= 2;
    const f = (a: Float64Array) => Float64Array.from({ length: cap }, (_, i) => (i < a.length ? a[i] : 0));
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const i16 = (a: Int16Array, k = 1) => {
      const b = new Int16Array(cap * k);
      b.set(a);
      return b;
    };
    cost = f(cost);
    minutes = i32(minutes);
    weekends = i16(weekends);
    counts = i16(counts, Math.max(1, B));
    value = i16(value);
    parent = i32(parent);
  };

  // State key: last value (+1), run length, edge flag, weekend-worked flag.
  const key = (last: number, run: number, edge: number, wflag: number) =>
    (((last + 1) * (runCap + 1) + run) * 2 + edge) * 2 + wflag;
  type Bucket = Map<number, number[]>; // key → label indexes (Pareto front per minutes value inside)
  let front: Bucket = new Map();
  const stateOf: { last: number; run: number; edge: number; wflag: number }[] = [];
  const remember = (k: number, last: number, run: number, edge: number, wflag: number) => {
    stateOf[k] ??= { last, run, edge, wflag };
  };

  // Completion bound: the cheapest way to finish from each state keeping runs, successions and
  // allowed or fixed cells (minutes, counts and weekends dropped), day by day from the end.
  const S2 = (T + 1) * (runCap + 1) * 2;
  const stateKey = (last: number, run: number, edge: number) => ((last + 1) * (runCap + 1) + run) * 2 + edge;
  let negativeWeekends = 0;
  for (const w of costs.weekend) negativeWeekends += Math.min(0, w);
  const completion: Float64Array[] = Array.from({ length: D }, () => new Float64Array(S2).fill(Infinity));
  for (let k = 0; k < S2; k++) completion[D - 1][k] = 0;
  const step = (st: { last: number; run: number; edge: number }, v: number): { run: number; edge: number } | null => {
    if (v >= 0) {
      if (st.last >= 0) {
        if (c.forbidden[st.last * T + v] || st.run + 1 > maxRun) return null;
        return { run: Math.min(runCap, st.run + 1), edge: st.edge };
      }
      if (!st.edge && st.run < minOff) return null;
      return { run: 1, edge: 0 };
    }
    if (st.last >= 0) return !st.edge && st.run < minRun ? null : { run: 1, edge: 0 };
    return { run: Math.min(runCap, st.run + 1), edge: st.edge };
  };
  for (let d = D - 2; d >= 0; d--) {
    const fixed = c.fixedCell[s * D + d + 1];
    for (let last = -1; last < T; last++)
      for (let run = 1; run <= runCap; run++)
        for (let edge = 0; edge < 2; edge++) {
          let best = Infinity;
          for (let v = -1; v < T; v++) {
            if (fixed !== -2 && fixed !== v) continue;
            if (v >= 0 && !c.allowed[(s * D + d + 1) * T + v]) continue;
            const nx = step({ last, run, edge }, v);
            if (!nx) continue;
            const z = costs.cell[(d + 1) * (T + 1) + v + 1] + completion[d + 1][stateKey(v, nx.run, nx.edge)];
            if (z < best) best = z;
          }
          completion[d][stateKey(last, run, edge)] = best;
        }
  }
  const hopeless = (i: number, d: number, last: number, run: number, edge: number) =>
    cost[i] + completion[d][stateKey(last, run, edge)] + negativeWeekends >= below - 1e-9;

  /** Whether label a is at least as good as b in every respect (same state). */
  const dominates = (a: number, b: number) => {
    if (cost[a] > cost[b] + 1e-9 || weekends[a] > weekends[b]) return false;
    for (let k = 0; k < B; k++) if (counts[a * B + k] > counts[b * B + k]) return false;
    // Fewer minutes is better for the maximum, and for the minimum once a reaches it already.
    return minutes[a] === minutes[b] || (minutes[a] < minutes[b] && minutes[a] >= lower);
  };

  const insert = (next: Bucket, k: number, idx: number): boolean => {
    const list = next.get(k);
    if (!list) {
      next.set(k, [idx]);
      return true;
    }
    for (const j of list) if (dominates(j, idx)) return false;
    let w = 0;
    for (const j of list) if (!dominates(idx, j)) list[w++] = j;
    list.length = w;
    list.push(idx);
    return true;
  };

  const newLabel = (from: number, v: number, c0: number, m: number, wk: number): number => {
    if (size >= cap) grow();
    work.labels++;
    const i = size++;
    cost[i] = c0;
    minutes[i] = m;
    weekends[i] = wk;
    for (let k = 0; k < B; k++) counts[i * B + k] = from >= 0 ? counts[from * B + k] : 0;
    value[i] = v;
    parent[i] = from;
    return i;
  };

  // Day 0.
  for (let v = -1; v < T; v++) {
    if (v >= 0 && !c.allowed[(s * D + 0) * T + v]) continue;
    const fixed = c.fixedCell[s * D + 0];
    if (fixed !== -2 && fixed !== v) continue;
    let wk = 0;
    let wflag = 0;
    let z = costs.cell[v + 1];
    if (trackWeekends && weekendOf[0] >= 0 && v >= 0) {
      wk = 1;
      wflag = 1;
      z += costs.weekend[weekendOf[0]];
    }
    if (trackWeekends && wk > maxW) continue;
    const m = v >= 0 ? mins[v] : 0;
    if (m > upper) continue;
    const i = newLabel(-1, v, z, m, wk);
    if (v >= 0 && bindIndex[v] >= 0) {
      counts[i * B + bindIndex[v]] = 1;
      if (c.maxShifts[s * T + v] < 1) continue;
    }
    if (hopeless(i, 0, v, 1, 1)) continue;
    const k = key(v, 1, 1, wflag);
    remember(k, v, 1, 1, wflag);
    insert(front, k, i);
  }

  for (let d = 1; d < D; d++) {
    const next: Bucket = new Map();
    const fixed = c.fixedCell[s * D + d];
    const isWeekend = weekendOf[d] >= 0;
    const startsWeekend = weekendStart[d] === 1;
    for (const [k, list] of front) {
      const st = stateOf[k];
      for (const from of list) {
        for (let v = -1; v < T; v++) {
          if (fixed !== -2 && fixed !== v) continue;
          if (v >= 0 && !c.allowed[(s * D + d) * T + v]) continue;
          let run: number;
          let edge: number;
          if (v >= 0) {
            if (st.last >= 0) {
              if (c.forbidden[st.last * T + v]) continue;
              if (st.run + 1 > maxRun) continue;
              run = Math.min(runCap, st.run + 1);
              edge = st.edge;
            } else {
              // An off run between two work runs must be long enough (one from the start is exempt).
              if (!st.edge && st.run < minOff) continue;
              run = 1;
              edge = 0;
            }
          } else if (st.last >= 0) {
            // A work run ends: long enough unless it started on the first day.
            if (!st.edge && st.run < minRun) continue;
            run = 1;
            edge = 0;
          } else {
            run = Math.min(runCap, st.run + 1);
            edge = st.edge;
          }
          let wflag = startsWeekend ? 0 : isWeekend ? st.wflag : 0;
          let wk = weekends[from];
          let z = cost[from] + costs.cell[d * (T + 1) + v + 1];
          if (trackWeekends && isWeekend && v >= 0 && !wflag) {
            wflag = 1;
            wk++;
            z += costs.weekend[weekendOf[d]];
            if (wk > maxW) continue;
          }
          const m = minutes[from] + (v >= 0 ? mins[v] : 0);
          if (m > upper) continue;
          if (v >= 0 && bindIndex[v] >= 0 && counts[from * B + bindIndex[v]] + 1 > c.maxShifts[s * T + v]) continue;
          if (z + completion[d][stateKey(v, run, edge)] + negativeWeekends >= below - 1e-9) continue;
          const i = newLabel(from, v, z, m, wk);
          if (v >= 0 && bindIndex[v] >= 0) counts[i * B + bindIndex[v]]++;
          const nk = key(v, run, edge, trackWeekends ? wflag : 0);
          remember(nk, v, run, edge, trackWeekends ? wflag : 0);
          if (!insert(next, nk, i)) size--; // dropped at once: reuse its slot
        }
      }
    }
    front = next;
    if (size > MAX_LABELS) return undefined;
  }

  let best = -1;
  for (const list of front.values())
    for (const i of list) {
      if (minutes[i] < lower || cost[i] >= below - 1e-9) continue;
      if (best < 0 || cost[i] < cost[best] - 1e-12) best = i;
    }
  if (best < 0) return null;
  const line = new Int16Array(D);
  for (let i = best, d = D - 1; d >= 0; d--, i = parent[i]) line[d] = value[i];
  return { line, cost: cost[best] };
}
