// Fix-and-optimize sub-models: every column outside the free set is fixed at its incumbent value
// and substituted into the rows, rows without a free column are dropped, and what remains is a
// small MILP over the free columns only (much cheaper for the backend than bound-fixing).
import type { LinearModel } from '../backend';

export interface RestrictedModel {
  model: LinearModel;
  /** Full-model column of each sub-model column. */
  cols: Int32Array;
}

export function restrictModel(model: LinearModel, free: Uint8Array, values: ArrayLike<number>): RestrictedModel {
  const n = model.columns.length;
  const subIndex = new Int32Array(n).fill(-1);
  const cols: number[] = [];
  let offset = model.offset;
  const columns: LinearModel['columns'] = [];
  for (let j = 0; j < n; j++) {
    const c = model.columns[j];
    if (free[j]) {
      subIndex[j] = cols.length;
      cols.push(j);
      columns.push(c);
    } else offset += c.cost * values[j];
  }
  const rows: LinearModel['rows'] = [];
  for (const r of model.rows) {
    let fixed = 0;
    let freeCount = 0;
    for (let k = 0; k < r.indices.length; k++) {
      const j = r.indices[k];
      if (subIndex[j] >= 0) freeCount++;
      else fixed += r.values[k] * values[j];
    }
    if (freeCount === 0) continue;
    const indices = new Array<number>(freeCount);
    const coefs = new Array<number>(freeCount);
    let e = 0;
    for (let k = 0; k < r.indices.length; k++) {
      const sub = subIndex[r.indices[k]];
      if (sub >= 0) {
        indices[e] = sub;
        coefs[e++] = r.values[k];
      }
    }
    rows.push({ name: r.name, lower: r.lower - fixed, upper: r.upper - fixed, indices, values: coefs });
  }
  return { model: { sense: model.sense, offset, columns, rows }, cols: Int32Array.from(cols) };
}
