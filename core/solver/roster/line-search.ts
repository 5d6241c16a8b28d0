// Heuristic pricing: the cheapest roster line of one staff member under given cell costs (the
// reduced costs of column generation), by a short simulated annealing on that line alone. It
// takes about a millisecond where the pricing MILP takes a tenth of a second, so most pricing
// rounds use it and the exact MILP runs only when it finds nothing (and for the bound).
import { cellValues, staffViolation } from './local-search';
import type { CompiledRoster } from './problem';
import type { Rng } from './random';

export interface LineCosts {
  /** cell[d * (T + 1) + t + 1]: cost of shift t on day d; index t + 1 = 0 is the day off (usually 0). */
  cell: Float64Array;
  /** Cost of each weekend (CompiledRoster.weekends) being worked. */
  weekend: Float64Array;
}

/** The cheapest feasible line found from `start` (a feasible or infeasible line), or null. */
export function cheapestLine(c: CompiledRoster, s: number, costs: LineCosts, start: ArrayLike<number>, rng: Rng, moves: number): { line: Int16Array; cost: number } | null {
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
  for (let i = 0; i < moves; i++) {
    const temperature = t0 * Math.pow(t1 / t0, i / moves);
    const d1 = rng.int(D);
    let d2 = -1;
    const old1 = line[d1];
    let old2 = 0;
    if (rng.next() < 0.7) {
      const vals = values[d1];
      if (vals.length < 2) continue;
      line[d1] = vals[rng.int(vals.length)];
      if (line[d1] === old1) continue;
    } else {
      d2 = rng.int(D);
      old2 = line[d2];
      if (old1 === old2 || !values[d1].includes(old2) || !values[d2].includes(old1)) continue;
      line[d1] = old2;
      line[d2] = old1;
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
      }
    } else {
      line[d1] = old1;
      if (d2 >= 0) line[d2] = old2;
    }
  }
  return best < Infinity ? { line: bestLine, cost: best } : null;
}
