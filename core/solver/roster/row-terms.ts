// The terms of one model row at a time, in scratch arrays reused from row to row: a year's roster model has
// half a million rows and millions of nonzeros, and a Map and two arrays grown by push per row (room for 17
// terms or more each, where a row has 8 on average) made garbage collection most of its build. Only the row's
// own arrays are new, each of exactly its length.
import type { LinearModel } from '../backend';

type Row = LinearModel['rows'][number];

export class RowTerms {
  // Plain arrays, so a row's own arrays are copies of exactly its length (one slice each).
  private columns: number[] = [];
  private coefficients: number[] = [];
  private count = 0;
  /** at[j] = position of column j in the row, valid while rowOf[j] === row (no clearing between rows). */
  private at = new Int32Array(1024);
  private rowOf = new Int32Array(1024);
  private row = 1;

  /** Distinct columns in the row so far (zero coefficients included). */
  get size(): number {
    return this.count;
  }

  /** Start a new row. */
  clear(): void {
    this.count = 0;
    this.row++;
  }

  /** Add `coefficient` to column j's (a column already in the row keeps its place). */
  add(j: number, coefficient: number): void {
    if (j >= this.rowOf.length) this.growColumns(j);
    if (this.rowOf[j] === this.row) {
      this.coefficients[this.at[j]] += coefficient;
      return;
    }
    this.rowOf[j] = this.row;
    this.at[j] = this.count;
    this.columns[this.count] = j;
    this.coefficients[this.count] = coefficient;
    this.count++;
  }

  /**
   * The row `lower <= terms <= upper`, its terms in the order they came. Zero coefficients are left out
   * unless `keepZeros` (then even a row without terms is made: a limit that must hold whatever the columns);
   * the terms then hold what the row holds.
   */
  toRow(name: string, lower: number, upper: number, keepZeros = false): Row {
    if (!keepZeros) this.dropZeros();
    return {
      name,
      lower,
      upper,
      indices: this.columns.slice(0, this.count),
      values: this.coefficients.slice(0, this.count),
    };
  }

  /** Leave out the terms whose coefficients came to zero (the row's other terms keep their order). */
  private dropZeros(): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.coefficients[i] === 0) {
        this.rowOf[this.columns[i]] = 0;
        continue;
      }
      this.at[this.columns[i]] = kept;
      this.columns[kept] = this.columns[i];
      this.coefficients[kept] = this.coefficients[i];
      kept++;
    }
    this.count = kept;
  }

  private growColumns(j: number): void {
    const length = Math.max(2 * this.rowOf.length, j + 1);
    const rowOf = new Int32Array(length);
    rowOf.set(this.rowOf);
    const at = new Int32Array(length);
    at.set(this.at);
    this.rowOf = rowOf;
    this.at = at;
  }
}
