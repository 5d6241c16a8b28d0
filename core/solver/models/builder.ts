// Building a LinearModel by name: columns, rows, and two annotations the rest of generation needs.
// - Requirement groups: hard rows that may be relaxed when the model is infeasible. Diagnosis adds
//   one elastic slack per group and reports the groups it had to relax, in domain words.
// - Reasons: why a row exists ("PGY-1 needs 2 blocks of FMIT"). After a solve, a decided cell is
//   explained by the reasons of the rows that are tight and contain it.
import type { LinearModel } from '../backend';

export type ReasonKind =
  | 'locked'
  | 'fixed'
  | 'absence'
  | 'pattern'
  | 'standing_rule'
  | 'shift'
  | 'weekend'
  | 'holiday'
  | 'requirement'
  | 'coverage'
  | 'capacity'
  | 'window'
  | 'order'
  | 'supervision'
  | 'target'
  | 'limit'
  | 'acgme'
  | 'inpatient_week'
  | 'post_call'
  | 'fairness'
  | 'spacing'
  | 'preference'
  | 'leave'
  | 'continuity'
  | 'stability'
  | 'choice';

export interface Reason {
  kind: ReasonKind;
  text: string;
}

/** Where in the app a coordinator changes what a diagnosis names. */
export type FixTarget =
  | { kind: 'clinic_capacity' }
  | { kind: 'rotation'; rotationId: string }
  | { kind: 'person'; personId: string };

/** What to change so a requirement can be met, and where (each target with its label). */
export interface RequirementFix {
  /** e.g. "Lower the pattern's clinic half-days or raise the capacity." */
  text: string;
  targets: { label: string; target: FixTarget }[];
}

/** A set of hard rows that diagnosis may relax together, described in domain words. */
export interface RequirementGroup {
  /** Stable id, e.g. `coverage:FMIT:7:first:pgy1`. */
  id: string;
  /** Kind of requirement, e.g. 'coverage', 'requirement', 'supervision'. */
  kind: string;
  /** Cost of one unit of slack when diagnosing: relax cheap groups first. */
  weight: number;
  /**
   * What is required and why it may fail, given how far the best relaxation falls short and the
   * subjects (people, slots) of the group's rows that had to be relaxed.
   */
  describe: (shortBy: number, subjects: string[]) => string;
  /**
   * Where this group's rows are (e.g. "Thu 2 Jul AM") when `describe` leaves it out: groups with
   * the same cause in several places are reported once, with where each happens.
   */
  where?: string;
  fix?: RequirementFix;
  /**
   * Whether the shortfall is not this requirement's own: what it needs is there, but other
   * requirements keep it away (the diagnosis lists it after the causes, as following from them).
   */
  follows?: (shortBy: number, subjects: string[]) => boolean;
}

/**
 * Rows added up for the counting diagnosis: the need rows' minimums (each times its multiplier)
 * against what the supply rows' maximums leave for them ("a resident's PGY minimums add up to 14
 * blocks, their one rotation per block gives 13"). The model only names the rows; counting checks
 * the sum on the rows themselves, so it proves a conflict only when the rows really imply it.
 */
export interface RowSum {
  /** The requirement group that says the cause. */
  group: string;
  need: { row: number; times: number }[];
  supply: { row: number; times: number }[];
}

export interface RowSpec {
  name: string;
  lower: number;
  upper: number;
  indices: number[];
  values: number[];
}

/** Sparse linear expression: column index → coefficient (duplicates merge). */
export class LinearExpr {
  readonly terms = new Map<number, number>();
  add(column: number, coefficient = 1): this {
    if (coefficient === 0) return this;
    this.terms.set(column, (this.terms.get(column) ?? 0) + coefficient);
    return this;
  }
  addAll(columns: Iterable<number>, coefficient = 1): this {
    for (const c of columns) this.add(c, coefficient);
    return this;
  }
  get size(): number {
    return this.terms.size;
  }
}

export class ModelBuilder {
  readonly columns: LinearModel['columns'] = [];
  readonly rows: RowSpec[] = [];
  readonly rowGroup: (string | undefined)[] = [];
  readonly rowReason: (Reason | undefined)[] = [];
  /** Who or what a grouped row is about (a person's name, a slot), for diagnosis messages. */
  readonly rowSubject: (string | undefined)[] = [];
  readonly groups = new Map<string, RequirementGroup>();
  readonly sums: RowSum[] = [];
  offset = 0;

  constructor(readonly sense: LinearModel['sense'] = 'minimize') {}

  binary(name: string, cost = 0): number {
    this.columns.push({ name, lower: 0, upper: 1, cost, integer: true });
    return this.columns.length - 1;
  }

  continuous(name: string, lower: number, upper: number, cost = 0): number {
    if (lower > upper) throw new RangeError(`column "${name}": lower bound ${lower} is above upper bound ${upper}`);
    this.columns.push({ name, lower, upper, cost, integer: false });
    return this.columns.length - 1;
  }

  integer(name: string, lower: number, upper: number, cost = 0): number {
    this.columns.push({ name, lower, upper, cost, integer: true });
    return this.columns.length - 1;
  }

  /** Fix a column to a value through its bounds. */
  fix(column: number, value: number): void {
    this.columns[column].lower = value;
    this.columns[column].upper = value;
  }

  addCost(column: number, cost: number): void {
    this.columns[column].cost += cost;
  }

  /** Register a requirement group once; rows join it by id. */
  group(group: RequirementGroup): string {
    if (!this.groups.has(group.id)) this.groups.set(group.id, group);
    return group.id;
  }

  /** Declare rows to add up for the counting diagnosis (rows `row` dropped, -1, are left out). */
  sum(sum: RowSum): void {
    if (!this.groups.has(sum.group)) throw new Error(`row sum: unknown requirement group "${sum.group}"`);
    const kept = (rows: RowSum['need']) => rows.filter((r) => r.row >= 0);
    this.sums.push({ group: sum.group, need: kept(sum.need), supply: kept(sum.supply) });
  }

  /**
   * Add `lower <= expr <= upper`. A row with no terms is checked here instead: if its bounds
   * exclude zero it is kept (so diagnosis can report it), otherwise it is dropped.
   */
  row(
    name: string,
    expr: LinearExpr,
    lower: number,
    upper: number,
    tag: { group?: string; reason?: Reason; subject?: string } = {},
  ): number {
    if (lower > upper) throw new RangeError(`row "${name}": lower bound ${lower} is above upper bound ${upper}`);
    if (tag.group && !this.groups.has(tag.group))
      throw new Error(`row "${name}": unknown requirement group "${tag.group}"`);
    const indices: number[] = [];
    const values: number[] = [];
    for (const [c, v] of expr.terms) {
      if (v === 0) continue;
      indices.push(c);
      values.push(v);
    }
    if (indices.length === 0 && lower <= 0 && upper >= 0) return -1;
    this.rows.push({ name, lower, upper, indices, values });
    this.rowGroup.push(tag.group);
    this.rowReason.push(tag.reason);
    this.rowSubject.push(tag.subject);
    return this.rows.length - 1;
  }

  build(): LinearModel {
    return {
      sense: this.sense,
      offset: this.offset,
      columns: this.columns.map((c) => ({ ...c })),
      rows: this.rows.map((r) => ({ ...r })),
    };
  }

  get size(): { variables: number; rows: number; integers: number; nonzeros: number } {
    let integers = 0;
    for (const c of this.columns) if (c.integer) integers++;
    let nonzeros = 0;
    for (const r of this.rows) nonzeros += r.indices.length;
    return { variables: this.columns.length, rows: this.rows.length, integers, nonzeros };
  }

  /** Value of every row at a solution. */
  rowActivities(values: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.rows.length);
    this.rows.forEach((r, i) => {
      let s = 0;
      for (let k = 0; k < r.indices.length; k++) s += r.values[k] * values[r.indices[k]];
      out[i] = s;
    });
    return out;
  }

  /**
   * Reasons of the tight rows (activity at a bound) containing each column that is "on"
   * (value above one half): the rules that pinned the cell the column decides.
   */
  tightReasons(values: ArrayLike<number>, columnsOfInterest: Set<number>): Map<number, Reason[]> {
    const out = new Map<number, Reason[]>();
    const activity = this.rowActivities(values);
    const tol = 1e-6;
    this.rows.forEach((r, i) => {
      const reason = this.rowReason[i];
      if (!reason) return;
      const tight = Math.abs(activity[i] - r.lower) <= tol || Math.abs(activity[i] - r.upper) <= tol;
      if (!tight) return;
      for (const c of r.indices) {
        if (!columnsOfInterest.has(c) || values[c] < 0.5) continue;
        const list = out.get(c) ?? [];
        if (!list.some((x) => x.text === reason.text)) list.push(reason);
        out.set(c, list);
      }
    });
    return out;
  }
}

/** Independent check of a solution against every column bound and row (tolerance 1e-6). */
export function violatedRows(builder: ModelBuilder, values: ArrayLike<number>, tol = 1e-6): string[] {
  const bad: string[] = [];
  builder.columns.forEach((c, j) => {
    const v = values[j];
    if (v < c.lower - tol || v > c.upper + tol) bad.push(`column ${c.name}=${v} outside [${c.lower}, ${c.upper}]`);
    if (c.integer && Math.abs(v - Math.round(v)) > tol) bad.push(`column ${c.name}=${v} is not integral`);
  });
  const act = builder.rowActivities(values);
  for (const i of violatedRowIndices(builder, values, tol, act)) {
    const r = builder.rows[i];
    bad.push(`row ${r.name}=${act[i]} outside [${r.lower}, ${r.upper}]`);
  }
  return bad;
}

/** Indices of the rows `values` breaks (activity outside the row's bounds by more than `tol`). */
export function violatedRowIndices(
  builder: ModelBuilder,
  values: ArrayLike<number>,
  tol = 1e-6,
  activity: ArrayLike<number> = builder.rowActivities(values),
): number[] {
  const out: number[] = [];
  builder.rows.forEach((r, i) => {
    if (activity[i] < r.lower - tol || activity[i] > r.upper + tol) out.push(i);
  });
  return out;
}

/**
 * Complete a partial solution in which the integer columns are set: each continuous column takes
 * the smallest value its rows allow (penalty and auxiliary columns are bounded below by rows over
 * integer columns), so the result is a feasible start for a warm-started solve. Rows are swept
 * until nothing changes, which settles chains of auxiliary columns.
 */
export function completeContinuous(builder: ModelBuilder, values: Float64Array): Float64Array {
  const out = Float64Array.from(values);
  builder.columns.forEach((c, j) => {
    if (!c.integer) out[j] = Number.isFinite(c.lower) ? c.lower : 0;
  });
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const r of builder.rows) {
      let activity = 0;
      for (let k = 0; k < r.indices.length; k++) activity += r.values[k] * out[r.indices[k]];
      const need = activity < r.lower - 1e-9 ? r.lower - activity : activity > r.upper + 1e-9 ? r.upper - activity : 0;
      if (need === 0) continue;
      // Raise (or lower) one continuous column of the row to satisfy it.
      for (let k = 0; k < r.indices.length; k++) {
        const j = r.indices[k];
        const c = builder.columns[j];
        if (c.integer) continue;
        const next = Math.min(c.upper, Math.max(c.lower, out[j] + need / r.values[k]));
        if (next !== out[j]) {
          out[j] = next;
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return out;
}
