// Simulated annealing on the roster grid: a fast primal heuristic next to the MILP phases (it
// makes millions of moves a second where one sub-MILP takes a tenth of a second). Moves change
// one cell (alone, or with the best repair of the rule that change breaks in the same line),
// swap two of one staff member's days, or swap a run of 1–7 days between two staff (cover
// unchanged). Hard rules are penalised rather than forbidden, with a weight that rises
// while the walk is infeasible and falls while it is feasible (strategic oscillation), so the
// walk can cross infeasible rosters; only feasible rosters are ever returned.
import { LineCheck } from './line-check';
import type { CompiledRoster } from './problem';
import type { Rng } from './random';

/**
 * The values a cell may take (-1 = off, t = shift t): a locked cell keeps its value, others are off or an allowed
 * shift.
 */
export function cellValues(c: CompiledRoster, s: number, d: number): Int16Array {
  const fixed = c.fixedCell[s * c.D + d];
  if (fixed !== -2) return Int16Array.of(fixed);
  const vals = [-1];
  for (let t = 0; t < c.T; t++) if (c.allowed[(s * c.D + d) * c.T + t]) vals.push(t);
  return Int16Array.from(vals);
}

export interface AnnealOptions {
  /** Wall-clock seconds to spend. */
  timeLimitSec: number;
  stop?: () => boolean;
  /**
   * Move budget: when set, the cooling schedule follows moves instead of the clock, so a run is
   * reproducible from its seed (the time limit still applies).
   */
  maxMoves?: number;
  /** Stop after this many moves without a new best feasible roster (default: never). */
  stallMoves?: number;
  /** Starting and final temperature, in objective units (default: a fifth of the largest weight, and 0.5). */
  startTemperature?: number;
  endTemperature?: number;
  /** Called with each new best feasible roster (the grid is reused: copy it to keep it). */
  onImprove?: (grid: Int16Array[], objective: number) => void;
}

export interface AnnealResult {
  /** Best feasible roster found; null when the walk never reached one. */
  grid: Int16Array[] | null;
  objective: number;
  moves: number;
  /** Where the walk ended, and the staff whose lines there break a hard rule (for a repair). */
  last: Int16Array[];
  violating: number[];
}

/** Checks between clock reads and weight updates. */
const CHECK_MASK = 1023;
/** Weight checks spent infeasible before the walk returns to the best feasible roster. */
const STUCK_CHECKS = 2000;
/**
 * Rosters of at least this many cells, started feasible, are walked through feasible rosters
 * only: with many lines one of them is almost always broken somewhere, so a walk that may cross
 * infeasible rosters rarely meets a feasible one again (a year × 150 staff found no better roster
 * in a whole phase).
 */
const FEASIBLE_WALK_CELLS = 10_000;
/**
 * Share of moves that change one cell together with its best repair in the same line, and how
 * many days either side the repair may reach. Walks of 4 M moves on generated 28- and 56-day
 * instances (4 seeds each) ended 13 % lower on the geometric mean with 10 % of such moves, most
 * of it in the walks that used to end in poor basins (the worst of 4 seeds 17–34 % lower); 5 % did
 * as well, 25 % worse; the same move without aiming at under-covered cells 4 % worse.
 */
const REPAIRED_SHARE = 0.1;
const REPAIR_REACH = 3;

export function anneal(c: CompiledRoster, start: Int16Array[], rng: Rng, options: AnnealOptions): AnnealResult {
  const { S, D, T } = c;
  const V = T + 1;
  const grid = start.map((l) => Int16Array.from(l));
  // Request cost of each value (index 0 = off) in each cell.
  const cellCost = new Float64Array(S * D * V);
  for (const r of c.onRequests)
    for (let v = 0; v < V; v++) if (v !== r.shift + 1) cellCost[(r.staff * D + r.day) * V + v] += r.weight;
  for (const r of c.offRequests) cellCost[(r.staff * D + r.day) * V + r.shift + 1] += r.weight;
  const values: Int16Array[] = [];
  for (let s = 0; s < S; s++) for (let d = 0; d < D; d++) values.push(cellValues(c, s, d));
  for (let s = 0; s < S; s++)
    for (let d = 0; d < D; d++) if (!values[s * D + d].includes(grid[s][d])) grid[s][d] = values[s * D + d][0];
  const mayTake = (s: number, d: number, t: number) =>
    c.fixedCell[s * D + d] === -2 ? t < 0 || c.allowed[(s * D + d) * T + t] === 1 : c.fixedCell[s * D + d] === t;

  const count = new Int32Array(D * T);
  const coverCost = (d: number, t: number, n: number) => {
    const k = c.coverAt[d * T + t];
    if (k < 0) return 0;
    const cv = c.cover[k];
    return n < cv.requirement ? (cv.requirement - n) * cv.underWeight : (n - cv.requirement) * cv.overWeight;
  };
  /** Cover cost change when (d, t) gains `by` people. */
  const coverDelta = (d: number, t: number, by: number) => {
    if (t < 0) return 0;
    const n = count[d * T + t];
    return coverCost(d, t, n + by) - coverCost(d, t, n);
  };
  // Each line's hard-rule violation, re-checked move by move around the days a move changes.
  const lines = new LineCheck(c, grid);
  const violation = lines.violation;
  /** Recount cover, violations and the soft objective from the grid. */
  const totals = () => {
    count.fill(0);
    for (let s = 0; s < S; s++) for (let d = 0; d < D; d++) if (grid[s][d] >= 0) count[d * T + grid[s][d]]++;
    let hardSum = 0;
    let softSum = 0;
    for (let s = 0; s < S; s++) {
      lines.reset(s);
      hardSum += violation[s];
      for (let d = 0; d < D; d++) softSum += cellCost[(s * D + d) * V + grid[s][d] + 1];
    }
    for (let d = 0; d < D; d++) for (let t = 0; t < T; t++) softSum += coverCost(d, t, count[d * T + t]);
    return { hard: hardSum, soft: softSum };
  };
  let { hard, soft } = totals();

  let maxWeight = 1;
  for (const cv of c.cover) maxWeight = Math.max(maxWeight, cv.underWeight, cv.overWeight);
  for (const r of c.onRequests) maxWeight = Math.max(maxWeight, r.weight);
  for (const r of c.offRequests) maxWeight = Math.max(maxWeight, r.weight);
  const baseHardWeight = 1.2 * maxWeight;
  let hardWeight = baseHardWeight;
  let infeasibleChecks = 0;

  let best = hard === 0 ? soft : Infinity;
  const bestGrid = grid.map((l) => Int16Array.from(l));
  const feasibleWalk = hard === 0 && S * D >= FEASIBLE_WALK_CELLS;
  // Lines changed since the best roster was copied: only they are copied at the next best.
  const dirty = new Uint8Array(S);
  const dirtyList: number[] = [];
  const touch = (s: number) => {
    if (!dirty[s]) {
      dirty[s] = 1;
      dirtyList.push(s);
    }
  };
  /** A line's new violation may be taken: in a feasible walk, never a worse one. */
  const holds = (s: number, v: number) => !feasibleWalk || v <= violation[s];
  const t0 = options.startTemperature ?? maxWeight / 2.5;
  const t1 = Math.min(t0, options.endTemperature ?? 0.5);
  const started = performance.now();
  const limitMs = options.timeLimitSec * 1000;
  const maxMoves = options.maxMoves ?? Infinity;
  let temperature = t0;
  let moves = 0;
  const accept = (delta: number) => delta <= 0 || rng.next() < Math.exp(-delta / temperature);

  const stallMoves = options.stallMoves ?? Infinity;
  const K = c.weekends.length;
  // Move mix (cumulative): 10% one cell with its repair, 40% one cell, 15% two days of one staff
  // member, 10% two weekends of one staff member, 25% a run swapped between two staff (mostly
  // single days).
  // Not in a feasible-only walk (large rosters): there, at the same number of moves, it ended 4–8 %
  // higher on generated 182×100×16 and 364×150×32 instances.
  const PE = feasibleWalk ? 0 : REPAIRED_SHARE;
  const PC = 0.5;
  const PS = 0.65;
  const PW = 0.75;
  let lastBestMove = 0;
  let nextCheck = 0;
  for (;;) {
    if (moves >= maxMoves) break;
    if (moves >= nextCheck) {
      nextCheck = moves + CHECK_MASK + 1;
      const elapsed = performance.now() - started;
      if (elapsed >= limitMs || moves - lastBestMove > stallMoves || options.stop?.()) break;
      const progress = options.maxMoves ? moves / maxMoves : elapsed / limitMs;
      temperature = t0 * Math.pow(t1 / t0, progress);
      hardWeight = Math.min(5 * maxWeight, Math.max(0.5 * maxWeight, hard > 0 ? hardWeight * 1.02 : hardWeight / 1.01));
      infeasibleChecks = hard > 0 ? infeasibleChecks + 1 : 0;
      // Stuck outside the feasible region (no single move repairs the roster): go back to the
      // best feasible roster and go on from there.
      if (infeasibleChecks > STUCK_CHECKS && best < Infinity) {
        for (let s = 0; s < S; s++) grid[s].set(bestGrid[s]);
        for (const s of dirtyList) dirty[s] = 0;
        dirtyList.length = 0;
        ({ hard, soft } = totals());
        infeasibleChecks = 0;
        hardWeight = baseHardWeight;
      }
    }
    moves++;
    const r = rng.next();
    if (r < PE) {
      // Change one cell (half of the time: fill an under-covered one) and, when that breaks the
      // line, also the best second cell of the same line within REPAIR_REACH days: a change a rule
      // blocks alone (a shift into an under-covered day that leaves a day off too short, or puts a
      // shift before one it may not precede) is taken with its repair. Each second cell tried
      // counts as a move, so a move budget stays a measure of work.
      let s: number;
      let d: number;
      let nv: number;
      if (rng.next() < 0.5 && c.cover.length > 0) {
        const cv = c.cover[rng.int(c.cover.length)];
        if (count[cv.day * T + cv.shift] >= cv.requirement) continue;
        s = rng.int(S);
        d = cv.day;
        nv = cv.shift;
        if (grid[s][d] === nv || !mayTake(s, d, nv)) continue;
      } else {
        s = rng.int(S);
        d = rng.int(D);
        const vals = values[s * D + d];
        if (vals.length < 2) continue;
        nv = vals[rng.int(vals.length)];
        if (nv === grid[s][d]) continue;
      }
      const line = grid[s];
      const old = line[d];
      const base = (s * D + d) * V;
      const soft1 = cellCost[base + nv + 1] - cellCost[base + old + 1] + coverDelta(d, old, -1) + coverDelta(d, nv, +1);
      lines.begin(0, s, d, d);
      line[d] = nv;
      const v1 = lines.end(0);
      line[d] = old;
      const was = violation[s];
      let bestDelta = soft1 + hardWeight * (v1 - was);
      let bestSoft = soft1;
      let bestD2 = -1;
      let bestW = 0;
      if (v1 > was) {
        const lo = Math.max(0, d - REPAIR_REACH);
        const hi = Math.min(D - 1, d + REPAIR_REACH);
        for (let d2 = lo; d2 <= hi && moves < maxMoves; d2++) {
          if (d2 === d) continue;
          const vals2 = values[s * D + d2];
          const o2 = line[d2];
          const b2 = (s * D + d2) * V;
          // With many shift types, a few of them: off, the two the first change swapped, two at random.
          const tries = vals2.length <= 6 ? vals2.length : 5;
          for (let i = 0; i < tries; i++) {
            const w =
              tries === vals2.length
                ? vals2[i]
                : i === 0
                  ? -1
                  : i === 1
                    ? old
                    : i === 2
                      ? nv
                      : vals2[rng.int(vals2.length)];
            if (w === o2 || !mayTake(s, d2, w)) continue;
            if (++moves >= maxMoves) break;
            const soft2 = cellCost[b2 + w + 1] - cellCost[b2 + o2 + 1] + coverDelta(d2, o2, -1) + coverDelta(d2, w, +1);
            lines.begin(0, s, d, d, d2, d2);
            line[d] = nv;
            line[d2] = w;
            const v2 = lines.end(0);
            line[d] = old;
            line[d2] = o2;
            const delta = soft1 + soft2 + hardWeight * (v2 - was);
            if (delta < bestDelta && holds(s, v2)) {
              bestDelta = delta;
              bestSoft = soft1 + soft2;
              bestD2 = d2;
              bestW = w;
            }
          }
        }
      }
      if (!accept(bestDelta)) continue;
      const o2 = bestD2 >= 0 ? line[bestD2] : 0;
      if (bestD2 >= 0) lines.begin(0, s, d, d, bestD2, bestD2);
      else lines.begin(0, s, d, d);
      line[d] = nv;
      if (bestD2 >= 0) line[bestD2] = bestW;
      const v = lines.end(0);
      if (!holds(s, v)) {
        line[d] = old;
        if (bestD2 >= 0) line[bestD2] = o2;
        continue;
      }
      touch(s);
      if (old >= 0) count[d * T + old]--;
      if (nv >= 0) count[d * T + nv]++;
      if (bestD2 >= 0) {
        if (o2 >= 0) count[bestD2 * T + o2]--;
        if (bestW >= 0) count[bestD2 * T + bestW]++;
      }
      hard += v - was;
      lines.commit(0);
      soft += bestSoft;
    } else if (r < PC) {
      // Change one cell.
      const s = rng.int(S);
      const d = rng.int(D);
      const vals = values[s * D + d];
      if (vals.length < 2) continue;
      const old = grid[s][d];
      const nv = vals[rng.int(vals.length)];
      if (nv === old) continue;
      const base = (s * D + d) * V;
      const softDelta =
        cellCost[base + nv + 1] - cellCost[base + old + 1] + coverDelta(d, old, -1) + coverDelta(d, nv, +1);
      lines.begin(0, s, d, d);
      grid[s][d] = nv;
      const v = lines.end(0);
      if (!holds(s, v) || !accept(softDelta + hardWeight * (v - violation[s]))) {
        grid[s][d] = old;
        continue;
      }
      touch(s);
      if (old >= 0) count[d * T + old]--;
      if (nv >= 0) count[d * T + nv]++;
      hard += v - violation[s];
      lines.commit(0);
      soft += softDelta;
    } else if (r < PS) {
      // Swap two days of one staff member (their counts and minutes stay the same).
      const s = rng.int(S);
      const d1 = rng.int(D);
      const d2 = rng.int(D);
      const a = grid[s][d1];
      const b = grid[s][d2];
      if (a === b || !mayTake(s, d1, b) || !mayTake(s, d2, a)) continue;
      let softDelta =
        cellCost[(s * D + d1) * V + b + 1] -
        cellCost[(s * D + d1) * V + a + 1] +
        cellCost[(s * D + d2) * V + a + 1] -
        cellCost[(s * D + d2) * V + b + 1];
      softDelta += coverDelta(d1, a, -1) + coverDelta(d1, b, +1) + coverDelta(d2, b, -1) + coverDelta(d2, a, +1);
      lines.begin(0, s, d1, d1, d2, d2);
      grid[s][d1] = b;
      grid[s][d2] = a;
      const v = lines.end(0);
      if (!holds(s, v) || !accept(softDelta + hardWeight * (v - violation[s]))) {
        grid[s][d1] = a;
        grid[s][d2] = b;
        continue;
      }
      touch(s);
      if (a >= 0) count[d1 * T + a]--, count[d2 * T + a]++;
      if (b >= 0) count[d1 * T + b]++, count[d2 * T + b]--;
      hard += v - violation[s];
      lines.commit(0);
      soft += softDelta;
    } else if (r < PW && K > 1) {
      // Swap two weekends of one staff member: moves a worked weekend without ever counting
      // one weekend too many in between.
      const s = rng.int(S);
      const w1 = rng.int(K);
      let w2 = rng.int(K - 1);
      if (w2 >= w1) w2++;
      const a = c.weekends[w1];
      const b = c.weekends[w2];
      if (a.length !== b.length) continue;
      let ok = true;
      let differs = false;
      let softDelta = 0;
      for (let i = 0; i < a.length && ok; i++) {
        const x = grid[s][a[i]];
        const y = grid[s][b[i]];
        if (x === y) continue;
        differs = true;
        if (!mayTake(s, a[i], y) || !mayTake(s, b[i], x)) ok = false;
      }
      if (!ok || !differs) continue;
      for (let i = 0; i < a.length; i++) {
        const x = grid[s][a[i]];
        const y = grid[s][b[i]];
        if (x === y) continue;
        softDelta +=
          cellCost[(s * D + a[i]) * V + y + 1] -
          cellCost[(s * D + a[i]) * V + x + 1] +
          cellCost[(s * D + b[i]) * V + x + 1] -
          cellCost[(s * D + b[i]) * V + y + 1];
        softDelta +=
          coverDelta(a[i], x, -1) + coverDelta(a[i], y, +1) + coverDelta(b[i], y, -1) + coverDelta(b[i], x, +1);
      }
      const swapWeekends = () => {
        for (let i = 0; i < a.length; i++) {
          const x = grid[s][a[i]];
          grid[s][a[i]] = grid[s][b[i]];
          grid[s][b[i]] = x;
        }
      };
      lines.begin(0, s, a[0], a[a.length - 1], b[0], b[b.length - 1]);
      swapWeekends();
      const v = lines.end(0);
      if (!holds(s, v) || !accept(softDelta + hardWeight * (v - violation[s]))) {
        swapWeekends();
        continue;
      }
      touch(s);
      for (let i = 0; i < a.length; i++) {
        // Grid already swapped: a[i] now holds the old b[i] value and vice versa.
        const nowA = grid[s][a[i]];
        const nowB = grid[s][b[i]];
        if (nowA === nowB) continue;
        if (nowB >= 0) count[a[i] * T + nowB]--, count[b[i] * T + nowB]++;
        if (nowA >= 0) count[b[i] * T + nowA]--, count[a[i] * T + nowA]++;
      }
      hard += v - violation[s];
      lines.commit(0);
      soft += softDelta;
    } else {
      // Swap a run of 1–7 days between two staff: cover is unchanged.
      if (S < 2) continue;
      const s1 = rng.int(S);
      let s2 = rng.int(S - 1);
      if (s2 >= s1) s2++;
      const len = r < PW + (1 - PW) * 0.6 ? 1 : 1 + rng.int(Math.min(7, D));
      const from = rng.int(D - len + 1);
      let ok = true;
      let differs = false;
      let softDelta = 0;
      for (let d = from; d < from + len; d++) {
        const a = grid[s1][d];
        const b = grid[s2][d];
        if (a === b) continue;
        differs = true;
        if (!mayTake(s1, d, b) || !mayTake(s2, d, a)) {
          ok = false;
          break;
        }
        softDelta += cellCost[(s1 * D + d) * V + b + 1] - cellCost[(s1 * D + d) * V + a + 1];
        softDelta += cellCost[(s2 * D + d) * V + a + 1] - cellCost[(s2 * D + d) * V + b + 1];
      }
      if (!ok || !differs) continue;
      const swap = () => {
        for (let d = from; d < from + len; d++) {
          const a = grid[s1][d];
          grid[s1][d] = grid[s2][d];
          grid[s2][d] = a;
        }
      };
      lines.begin(0, s1, from, from + len - 1);
      lines.begin(1, s2, from, from + len - 1);
      swap();
      const v1 = lines.end(0);
      const v2 = lines.end(1);
      const hardDelta = v1 - violation[s1] + v2 - violation[s2];
      if (!holds(s1, v1) || !holds(s2, v2) || !accept(softDelta + hardWeight * hardDelta)) {
        swap();
        continue;
      }
      touch(s1);
      touch(s2);
      lines.commit(0);
      lines.commit(1);
      hard += hardDelta;
      soft += softDelta;
    }
    if (hard === 0 && soft < best - 1e-9) {
      best = soft;
      lastBestMove = moves;
      for (const s of dirtyList) {
        bestGrid[s].set(grid[s]);
        dirty[s] = 0;
      }
      dirtyList.length = 0;
      options.onImprove?.(bestGrid, best);
    }
  }
  const violating: number[] = [];
  for (let s = 0; s < S; s++) if (violation[s] > 0) violating.push(s);
  return { grid: best < Infinity ? bestGrid : null, objective: best, moves, last: grid, violating };
}
