// Heuristic pricing: the cheapest roster line of one staff member under given cell costs (the
// reduced costs of column generation), by a short simulated annealing on that line alone. It
// takes about a millisecond where the pricing MILP takes a tenth of a second, so most pricing
// rounds use it and the exact MILP runs only when it finds nothing (and for the bound).
import { staffViolation } from './line-check';
import { cellValues } from './local-search';
import type { CompiledRoster } from './problem';
import type { Rng } from './random';

export interface LineCosts {
  /** cell[d * (T + 1) + t + 1]: cost of shift t on day d; index t + 1 = 0 is the day off (usually 0). */
  cell: Float64Array;
  /** Cost of each weekend (CompiledRoster.weekends) being worked. */
  weekend: Float64Array;
}

/** The cheapest feasible line found from `start` (a feasible or infeasible line), or null. */
export function cheapestLine(
  c: CompiledRoster,
  s: number,
  costs: LineCosts,
  start: ArrayLike<number>,
  rng: Rng,
  moves: number,
  /** End early after this many moves without a better feasible line (default: never). */
  stallMoves = Infinity,
): { line: Int16Array; cost: number } | null {
  const { D, T } = c;
  const V = T + 1;
  const values = Array.from({ length: D }, (_, d) => cellValues(c, s, d));
  const line = Int16Array.from(start, (t, d) => (values[d].includes(t) ? t : values[d][0]));
  const weekendOf = new Int32Array(D).fill(-1);
  c.weekends.forEach((days, w) => days.forEach((d) => (weekendOf[d] = w)));
  const worked = new Uint8Array(c.weekends.length);
  const cost = (l: Int16Array) => {
    let z = 0;
    worked.fill(0);
    for (let d = 0; d < D; d++) {
      z += costs.cell[d * V + l[d] + 1];
      if (l[d] >= 0 && weekendOf[d] >= 0) worked[weekendOf[d]] = 1;
    }
    for (let w = 0; w < worked.length; w++) if (worked[w]) z += costs.weekend[w];
    return z;
  };
  let scale = 1;
  for (const x of costs.cell) if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
  for (const x of costs.weekend) scale = Math.max(scale, Math.abs(x));
  // A rule broken by one unit costs more than any single cell can gain.
  const hardWeight = 2 * scale;
  const scratch = new Int32Array(T);
  let z = cost(line);
  let v = staffViolation(c, s, line, scratch);
  let best = v === 0 ? z : Infinity;
  const bestLine = Int16Array.from(line);
  const t0 = scale / 2;
  const t1 = scale / 1000;
  const saved = new Int16Array(D);
  let lastBest = 0;
  for (let i = 0; i < moves && (best === Infinity || i - lastBest < stallMoves); i++) {
    const temperature = t0 * Math.pow(t1 / t0, i / moves);
    const r = rng.next();
    const d1 = rng.int(D);
    // Moves: one day (55 %), a run of 2–4 days to one value (20 %: whole runs come and go, which
    // single days cannot do under minimum run lengths), two days swapped (25 %).
    let from = d1;
    let to = d1;
    if (r < 0.55) {
      const vals = values[d1];
      if (vals.length < 2) continue;
      const v = vals[rng.int(vals.length)];
      if (v === line[d1]) continue;
      saved[d1] = line[d1];
      line[d1] = v;
    } else if (r < 0.75) {
      to = Math.min(D - 1, d1 + 1 + rng.int(3));
      const vals = values[d1];
      const v = vals[rng.int(vals.length)];
      let changed = false;
      for (let d = from; d <= to; d++) {
        saved[d] = line[d];
        if (values[d].includes(v) && line[d] !== v) {
          line[d] = v;
          changed = true;
        }
      }
      if (!changed) continue;
    } else {
      const d2 = rng.int(D);
      const a = line[d1];
      const b = line[d2];
      if (a === b || !values[d1].includes(b) || !values[d2].includes(a)) continue;
      from = Math.min(d1, d2);
      to = Math.max(d1, d2);
      for (let d = from; d <= to; d++) saved[d] = line[d];
      line[d1] = b;
      line[d2] = a;
    }
    const nz = cost(line);
    const nv = staffViolation(c, s, line, scratch);
    const delta = nz - z + hardWeight * (nv - v);
    if (delta <= 0 || rng.next() < Math.exp(-delta / temperature)) {
      z = nz;
      v = nv;
      if (v === 0 && z < best - 1e-9) {
        best = z;
        bestLine.set(line);
        lastBest = i;
      }
    } else {
      for (let d = from; d <= to; d++) line[d] = saved[d];
    }
  }
  return best < Infinity ? { line: bestLine, cost: best } : null;
}
