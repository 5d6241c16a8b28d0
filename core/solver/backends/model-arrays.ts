// Shared helpers for the MILP backends: validate a LinearModel before it reaches a native solver
// (so bad input fails with a message naming the row or column), pack its rows as compressed
// sparse rows, and check a solution against every bound and row independently of any solver.
import type { LinearModel } from '../backend';

export class LinearModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinearModelError';
  }
}

/** Throws a LinearModelError naming the first malformed column or row. */
export function validateLinearModel(model: LinearModel): void {
  const n = model.columns.length;
  if (model.sense !== 'minimize' && model.sense !== 'maximize')
    throw new LinearModelError(`model sense must be 'minimize' or 'maximize', got ${String(model.sense)}`);
  if (!Number.isFinite(model.offset))
    throw new LinearModelError(`model offset must be a finite number, got ${model.offset}`);
  model.columns.forEach((c, j) => {
    const where = `column ${j} ("${c.name}")`;
    if (Number.isNaN(c.lower) || Number.isNaN(c.upper)) throw new LinearModelError(`${where}: bound is NaN`);
    if (c.lower > c.upper)
      throw new LinearModelError(`${where}: lower bound ${c.lower} is above upper bound ${c.upper}`);
    if (c.lower === Infinity || c.upper === -Infinity)
      throw new LinearModelError(`${where}: bounds [${c.lower}, ${c.upper}] admit no value`);
    if (!Number.isFinite(c.cost)) throw new LinearModelError(`${where}: cost must be finite, got ${c.cost}`);
  });
  const seen = new Int32Array(n).fill(-1);
  model.rows.forEach((r, i) => {
    const where = `row ${i} ("${r.name}")`;
    if (r.indices.length !== r.values.length)
      throw new LinearModelError(`${where}: ${r.indices.length} indices but ${r.values.length} coefficients`);
    if (Number.isNaN(r.lower) || Number.isNaN(r.upper)) throw new LinearModelError(`${where}: bound is NaN`);
    if (r.lower > r.upper)
      throw new LinearModelError(`${where}: lower bound ${r.lower} is above upper bound ${r.upper}`);
    for (let k = 0; k < r.indices.length; k++) {
      const j = r.indices[k];
      if (!Number.isInteger(j) || j < 0 || j >= n)
        throw new LinearModelError(`${where}: column index ${j} is out of range (model has ${n} columns)`);
      if (!Number.isFinite(r.values[k]))
        throw new LinearModelError(`${where}: coefficient of column ${j} is not finite`);
      if (seen[j] === i) throw new LinearModelError(`${where}: column ${j} ("${model.columns[j].name}") appears twice`);
      seen[j] = i;
    }
  });
}

export interface CsrMatrix {
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

// Fix-and-optimize solves the same rows many times with different column bounds; packing is
// cached per rows array so only the bounds are rebuilt.
const csrCache = new WeakMap<LinearModel['rows'], CsrMatrix>();

export function packRows(rows: LinearModel['rows']): CsrMatrix {
  const cached = csrCache.get(rows);
  if (cached) return cached;
  let nnz = 0;
  for (const r of rows) nnz += r.indices.length;
  const starts = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    starts[i] = k;
    for (let e = 0; e < r.indices.length; e++, k++) {
      indices[k] = r.indices[e];
      values[k] = r.values[e];
    }
  });
  starts[rows.length] = k;
  const packed = { starts, indices, values };
  csrCache.set(rows, packed);
  return packed;
}

/** Objective value of a solution, offset included. */
export function objectiveOf(model: LinearModel, values: ArrayLike<number>): number {
  let z = model.offset;
  for (let j = 0; j < model.columns.length; j++) z += model.columns[j].cost * values[j];
  return z;
}

export interface SolutionViolation {
  kind: 'column' | 'row' | 'integrality';
  index: number;
  name: string;
  value: number;
  lower: number;
  upper: number;
}

/** Every bound, integrality and row a solution breaks (tolerance `tol`). Empty = feasible. */
export function solutionViolations(model: LinearModel, values: ArrayLike<number>, tol = 1e-6): SolutionViolation[] {
  const out: SolutionViolation[] = [];
  if (values.length !== model.columns.length) {
    throw new LinearModelError(
      `solution has ${values.length} values but the model has ${model.columns.length} columns`,
    );
  }
  model.columns.forEach((c, j) => {
    const v = values[j];
    if (!(v >= c.lower - tol && v <= c.upper + tol))
      out.push({ kind: 'column', index: j, name: c.name, value: v, lower: c.lower, upper: c.upper });
    else if (c.integer && Math.abs(v - Math.round(v)) > tol)
      out.push({ kind: 'integrality', index: j, name: c.name, value: v, lower: c.lower, upper: c.upper });
  });
  model.rows.forEach((r, i) => {
    let a = 0;
    for (let k = 0; k < r.indices.length; k++) a += r.values[k] * values[r.indices[k]];
    if (!(a >= r.lower - tol && a <= r.upper + tol))
      out.push({ kind: 'row', index: i, name: r.name, value: a, lower: r.lower, upper: r.upper });
  });
  return out;
}

/**
 * A lower bound of a minimizing LP from any row duals (Lagrangian: dualise every row, each column
 * at the bound its reduced cost prefers): exact at optimal duals, valid for approximate ones, e.g.
 * a barrier's without crossover. A dual whose sign asks for an infinite row limit counts as 0.
 * -Infinity when a column with an unbounded side has a reduced cost that prefers it.
 */
export function dualBound(model: LinearModel, rowDuals: ArrayLike<number>): number {
  if (model.sense !== 'minimize') throw new LinearModelError('dualBound: the model must minimize');
  if (rowDuals.length !== model.rows.length)
    throw new LinearModelError(`dualBound: ${rowDuals.length} row duals for ${model.rows.length} rows`);
  const reduced = Float64Array.from(model.columns, (c) => c.cost);
  let bound = model.offset;
  model.rows.forEach((r, i) => {
    const y = rowDuals[i];
    const limit = y > 0 ? r.lower : y < 0 ? r.upper : 0;
    if (!Number.isFinite(limit)) return;
    bound += y * limit;
    for (let k = 0; k < r.indices.length; k++) reduced[r.indices[k]] -= y * r.values[k];
  });
  model.columns.forEach((c, j) => {
    const d = reduced[j];
    if (d !== 0) bound += d * (d > 0 ? c.lower : c.upper);
  });
  return Number.isNaN(bound) ? -Infinity : bound;
}
