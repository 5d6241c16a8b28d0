// A quick construction of a schedule from a model's own rows, for models whose MIP needs seconds of
// CPU before its first schedule (the annual plan at 150 residents: about 5 CPU-s, mostly its root
// LP). It reads nothing but the model: each assignment row picks one of its columns (a resident's
// rotation in a half-block), and every other row is a hard rule exactly as the model states it, so
// a schedule it returns is valid by the model's one definition (and checked with violatedRows, as
// every solver answer is). A greedy pass fills the assignment rows, tightest first; a weighted local
// search then repairs the rows it breaks (breakout: a row that stays broken weighs more). Its work is
// a count of moves tried, never time: the same model gives the same schedule on any machine.
import { mulberry32 } from '../../domain/random';
import { type ModelBuilder, violatedRows } from './builder';

export interface ConstructOptions {
  /** Moves the repair may evaluate; default CONSTRUCT_MOVES_PER_ROW per row of the model. */
  maxEvaluations?: number;
  stop?: () => boolean;
}

export interface Construction {
  /** A schedule every row and bound of the model accepts. */
  values: Float64Array;
  /** Moves evaluated (greedy and repair): the construction's work. */
  evaluations: number;
}

/** The repair's default budget, per row of the model. */
const CONSTRUCT_MOVES_PER_ROW = 60;
/** Steps a column turned off stays off unless taking it back breaks fewer rows than ever before. */
const TABU_STEPS = 8;
/** Share of stuck steps that still take the best move (a walk out of a local minimum). */
const NOISE = 0.2;
const TOL = 1e-9;
const SEED = 0x5eed;

/**
 * A schedule the model accepts, built without its solver, or undefined when the construction's budget
 * ends (or Stop) before every row holds: the model's own search (and its diagnosis) then decides.
 */
export function constructSchedule(
  builder: ModelBuilder,
  assignmentRows: readonly number[],
  options: ConstructOptions = {},
): Construction | undefined {
  const state = new ConstructionState(builder, assignmentRows);
  const random = mulberry32(SEED);
  const budget = options.maxEvaluations ?? CONSTRUCT_MOVES_PER_ROW * builder.rows.length;
  // Greedy: every assignment row gets the column that breaks fewest rows, the rows with the fewest choices first.
  const order = assignmentRows
    .map((r) => ({ r, choices: builder.rows[r].indices.length, key: random() }))
    .sort((a, b) => a.choices - b.choices || a.key - b.key);
  for (const { r } of order) {
    if (state.act[r] >= builder.rows[r].lower - TOL) continue;
    const best = state.bestMove(builder.rows[r].indices, random, () => false);
    if (best !== null) state.commit(best);
  }
  // Repair: a broken row at random, the best move among its columns.
  for (let step = 0; state.violatedCount > 0 && state.evaluations < budget; step++) {
    if (step % 256 === 0 && options.stop?.()) return undefined;
    const row = state.violatedAt(Math.floor(random() * state.violatedCount));
    const tabu = (col: number) => step - state.lastOff[col] < TABU_STEPS;
    const best = state.bestMove(state.candidatesFor(row), random, tabu);
    if (best !== null && best.violation < -TOL) state.commit(best, step);
    else {
      state.bumpViolatedWeights();
      if (best !== null && random() < NOISE) state.commit(best, step);
    }
  }
  if (state.violatedCount > 0) return undefined;
  const values = Float64Array.from(state.x);
  return violatedRows(builder, values, 1e-5).length === 0 ? { values, evaluations: state.evaluations } : undefined;
}

interface Move {
  column: number;
  /** Change of the weighted violation of the rows it touches (negative: fewer broken). */
  violation: number;
  cost: number;
  tie: number;
}

/** Column values, row activities and the broken rows, changed one move at a time. */
class ConstructionState {
  readonly x: Float64Array;
  readonly act: Float64Array;
  readonly lastOff: Float64Array;
  evaluations = 0;
  private readonly weight: Float64Array;
  private readonly colRows: { row: number; coef: number }[][];
  /** Per column, the assignment rows that hold it. */
  private readonly assignOf: number[][];
  /** Per row, the continuous columns it bounds from below (they take the least value their rows allow). */
  private readonly lowerOf: number[][];
  private readonly violated: number[] = [];
  private readonly violatedPos: Int32Array;
  // The move being tried: columns changed (with their old values) and rows touched (with their old violation).
  private journal: { col: number; old: number }[] = [];
  private readonly touchedAt: Int32Array;
  private touched: number[] = [];
  private readonly oldViolation: Float64Array;
  private moveId = 0;
  private costDelta = 0;

  constructor(
    private readonly builder: ModelBuilder,
    assignmentRows: readonly number[],
  ) {
    const { columns, rows } = builder;
    this.colRows = columns.map(() => []);
    this.assignOf = columns.map(() => []);
    this.lowerOf = rows.map(() => []);
    const isAssignment = new Uint8Array(rows.length);
    for (const r of assignmentRows) isAssignment[r] = 1;
    rows.forEach((row, r) =>
      row.indices.forEach((j, k) => {
        const coef = row.values[k];
        this.colRows[j].push({ row: r, coef });
        if (isAssignment[r]) this.assignOf[j].push(r);
        const bounds = coef > 0 ? Number.isFinite(row.lower) : Number.isFinite(row.upper);
        if (!columns[j].integer && bounds) this.lowerOf[r].push(j);
      }),
    );
    this.x = new Float64Array(columns.length);
    columns.forEach((c, j) => {
      this.x[j] = Number.isFinite(c.lower) ? c.lower : 0;
    });
    this.act = builder.rowActivities(this.x);
    this.weight = new Float64Array(rows.length).fill(1);
    this.lastOff = new Float64Array(columns.length).fill(-Infinity);
    this.violatedPos = new Int32Array(rows.length).fill(-1);
    this.touchedAt = new Int32Array(rows.length).fill(-1);
    this.oldViolation = new Float64Array(rows.length);
    // Continuous columns at the least value their rows allow, then the broken rows.
    this.moveId++;
    columns.forEach((c, j) => {
      if (!c.integer) this.settle([j]);
    });
    this.endMove();
    rows.forEach((_, r) => this.updateViolated(r));
  }

  get violatedCount(): number {
    return this.violated.length;
  }

  violatedAt(i: number): number {
    return this.violated[i];
  }

  /** Columns whose choice could mend the row: those to take, and the alternatives of those to leave. */
  candidatesFor(r: number): number[] {
    const row = this.builder.rows[r];
    const up = this.act[r] < row.lower;
    const out: number[] = [];
    row.indices.forEach((j, k) => {
      if (!this.builder.columns[j].integer || this.assignOf[j].length === 0) return;
      if (up === row.values[k] > 0) {
        if (this.x[j] < 0.5) out.push(j);
      } else if (this.x[j] > 0.5)
        for (const a of this.assignOf[j]) for (const alt of this.builder.rows[a].indices) if (alt !== j) out.push(alt);
    });
    return out;
  }

  /** The best of choosing each column (fewest broken rows by weight, then cost), or null. */
  bestMove(columns: readonly number[], random: () => number, tabu: (col: number) => boolean): Move | null {
    let best: Move | null = null;
    for (const column of columns) {
      if (this.x[column] > 0.5 || this.builder.columns[column].upper < 0.5 || tabu(column)) continue;
      this.choose(column);
      const move = { column, violation: this.violationDelta(), cost: this.costDelta, tie: random() };
      this.undo();
      this.evaluations++;
      if (
        best === null ||
        move.violation < best.violation - TOL ||
        (move.violation < best.violation + TOL &&
          (move.cost < best.cost - TOL || (move.cost < best.cost + TOL && move.tie < best.tie)))
      )
        best = move;
    }
    return best;
  }

  commit(move: Move, step = 0): void {
    this.choose(move.column);
    for (const { col, old } of this.journal) if (old > 0.5 && this.x[col] < 0.5) this.lastOff[col] = step;
    for (const r of this.touched) this.updateViolated(r);
    this.endMove();
  }

  bumpViolatedWeights(): void {
    for (const r of this.violated) this.weight[r]++;
  }

  /** Column on, the other columns of its assignment rows off, the continuous columns settled. */
  private choose(column: number): void {
    this.moveId++;
    this.set(column, 1);
    for (const a of this.assignOf[column])
      for (const j of this.builder.rows[a].indices) if (j !== column && this.x[j] !== 0) this.set(j, 0);
  }

  private set(col: number, value: number): void {
    const d = value - this.x[col];
    if (d === 0) return;
    this.journal.push({ col, old: this.x[col] });
    this.costDelta += this.builder.columns[col].cost * d;
    this.x[col] = value;
    const dependent: number[] = [];
    for (const { row, coef } of this.colRows[col]) {
      this.touch(row);
      this.act[row] += coef * d;
      for (const j of this.lowerOf[row]) if (j !== col) dependent.push(j);
    }
    if (dependent.length) this.settle(dependent);
  }

  /** Each continuous column to the least value its rows allow (an auxiliary: started, spacing). */
  private settle(columns: number[]): void {
    for (const j of columns) {
      const c = this.builder.columns[j];
      let least = Number.isFinite(c.lower) ? c.lower : 0;
      for (const { row, coef } of this.colRows[j]) {
        const r = this.builder.rows[row];
        const rest = this.act[row] - coef * this.x[j];
        if (coef > 0 && Number.isFinite(r.lower)) least = Math.max(least, (r.lower - rest) / coef);
        if (coef < 0 && Number.isFinite(r.upper)) least = Math.max(least, (r.upper - rest) / coef);
      }
      least = Math.min(c.upper, least);
      if (Math.abs(least - this.x[j]) > TOL) this.set(j, least);
    }
  }

  private touch(r: number): void {
    if (this.touchedAt[r] === this.moveId) return;
    this.touchedAt[r] = this.moveId;
    this.oldViolation[r] = this.violationOf(r);
    this.touched.push(r);
  }

  private violationOf(r: number): number {
    const row = this.builder.rows[r];
    const a = this.act[r];
    return a < row.lower - TOL ? row.lower - a : a > row.upper + TOL ? a - row.upper : 0;
  }

  private violationDelta(): number {
    let d = 0;
    for (const r of this.touched) d += this.weight[r] * (this.violationOf(r) - this.oldViolation[r]);
    return d;
  }

  private undo(): void {
    for (let i = this.journal.length - 1; i >= 0; i--) {
      const { col, old } = this.journal[i];
      const d = old - this.x[col];
      this.x[col] = old;
      for (const { row, coef } of this.colRows[col]) this.act[row] += coef * d;
    }
    this.endMove();
  }

  private endMove(): void {
    this.journal = [];
    this.touched = [];
    this.costDelta = 0;
  }

  private updateViolated(r: number): void {
    const broken = this.violationOf(r) > 0;
    const at = this.violatedPos[r];
    if (broken && at < 0) {
      this.violatedPos[r] = this.violated.length;
      this.violated.push(r);
    } else if (!broken && at >= 0) {
      const last = this.violated.pop()!;
      if (last !== r) {
        this.violated[at] = last;
        this.violatedPos[last] = at;
      }
      this.violatedPos[r] = -1;
    }
  }
}
