// The exact part of a diagnosis, found by counting before any solve: a row whose every term is at
// its bound and still misses its limits ("30 are fixed to clinic, the clinic takes 26") cannot be
// met whatever the solver chooses. Each such row is a binding cause on its own, with the exact
// shortfall; no relaxation search is needed to name it.
import type { ModelBuilder, RowSum } from '../models/builder';

const TOL = 1e-6;

export interface CountedConflict {
  /** The requirement group of the rows, or null for a row of the model's structure. */
  groupId: string | null;
  /** Row names (structure) or the group's subjects. */
  rows: number[];
  /** By how much the most any choice can do falls short of the row's limit (largest over rows). */
  shortBy: number;
}

type Bounds = { lower: Float64Array; upper: Float64Array };

/**
 * Column bounds with what rows of one term imply (a cell's only choice: `x = 1`), so that a
 * requirement over cells with one choice left counts them as fixed.
 */
function impliedBounds(builder: ModelBuilder): Bounds {
  const lower = Float64Array.from(builder.columns, (c) => c.lower);
  const upper = Float64Array.from(builder.columns, (c) => c.upper);
  for (const r of builder.rows) {
    if (r.indices.length !== 1) continue;
    const j = r.indices[0];
    const v = r.values[0];
    const [lo, hi] = v > 0 ? [r.lower / v, r.upper / v] : [r.upper / v, r.lower / v];
    const integer = builder.columns[j].integer;
    lower[j] = Math.max(lower[j], integer ? Math.ceil(lo - TOL) : lo);
    upper[j] = Math.min(upper[j], integer ? Math.floor(hi + TOL) : hi);
  }
  return { lower, upper };
}

/** The range a row's expression can take within the columns' bounds. */
function rowRange(builder: ModelBuilder, bounds: Bounds, row: number): { least: number; most: number } {
  const r = builder.rows[row];
  let least = 0;
  let most = 0;
  for (let k = 0; k < r.indices.length; k++) {
    const j = r.indices[k];
    const v = r.values[k];
    least += v > 0 ? v * bounds.lower[j] : v * bounds.upper[j];
    most += v > 0 ? v * bounds.upper[j] : v * bounds.lower[j];
  }
  return { least, most };
}

/**
 * How far a declared sum of rows falls short: the need rows at their minimums, less the supply rows
 * at their maximums, against the most the combined terms can be within the columns' bounds. A
 * positive figure proves no choice meets them all (the sum of valid rows is a valid row).
 */
function sumShortfall(builder: ModelBuilder, bounds: Bounds, sum: RowSum): number {
  const terms = new Map<number, number>();
  let limit = 0;
  const addRow = (row: number, times: number, side: 1 | -1) => {
    const r = builder.rows[row];
    limit += side * times * (side === 1 ? r.lower : r.upper);
    for (let k = 0; k < r.indices.length; k++)
      terms.set(r.indices[k], (terms.get(r.indices[k]) ?? 0) + side * times * r.values[k]);
  };
  for (const { row, times } of sum.need) addRow(row, times, 1);
  for (const { row, times } of sum.supply) addRow(row, times, -1);
  if (!Number.isFinite(limit)) return 0;
  let most = 0;
  for (const [j, v] of terms) {
    if (Math.abs(v) <= TOL) continue;
    most += v > 0 ? v * bounds.upper[j] : v * bounds.lower[j];
  }
  return limit - most;
}

/** Rows no choice can satisfy, by requirement group (structure rows one by one). */
export function countedConflicts(builder: ModelBuilder): CountedConflict[] {
  const byGroup = new Map<string, CountedConflict>();
  const out: CountedConflict[] = [];
  const bounds = impliedBounds(builder);
  builder.rows.forEach((r, i) => {
    // A row of one term is met by its own implied bounds unless they cross (checked below).
    if (r.indices.length === 1) {
      const j = r.indices[0];
      if (bounds.lower[j] <= bounds.upper[j] + TOL) return;
    }
    const { least, most } = rowRange(builder, bounds, i);
    const shortBy = Math.max(r.lower - most, least - r.upper);
    if (!(shortBy > TOL)) return;
    const groupId = builder.rowGroup[i] ?? null;
    if (groupId === null) {
      out.push({ groupId, rows: [i], shortBy });
      return;
    }
    const seen = byGroup.get(groupId);
    if (seen) {
      seen.rows.push(i);
      seen.shortBy = Math.max(seen.shortBy, shortBy);
    } else {
      const conflict = { groupId, rows: [i], shortBy };
      byGroup.set(groupId, conflict);
      out.push(conflict);
    }
  });
  for (const sum of builder.sums) {
    const shortBy = sumShortfall(builder, bounds, sum);
    if (shortBy > TOL && !byGroup.has(sum.group))
      out.push({ groupId: sum.group, rows: sum.need.map((n) => n.row), shortBy });
  }
  return out;
}
