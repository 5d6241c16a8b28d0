// The pluggable MILP backend interface. Models are built as arrays (HiGHS's array model API;
// never LP text, whose reader aborts on ranged rows). Backends run only inside worker threads.

/** A mixed-integer linear program in column/row array form. */
export interface LinearModel {
  sense: 'minimize' | 'maximize';
  /** Constant added to the objective. */
  offset: number;
  columns: {
    name: string;
    lower: number;
    upper: number;
    cost: number;
    integer: boolean;
  }[];
  /** lower <= sum(coef * x) <= upper; use ±Infinity for one-sided rows. */
  rows: {
    name: string;
    lower: number;
    upper: number;
    /** Parallel arrays: column indices and coefficients. */
    indices: number[];
    values: number[];
  }[];
}

export interface SolveOptions {
  /** Wall-clock limit in seconds; a graceful stop returns the best solution found so far. */
  timeLimitSec: number;
  /** Relative MIP gap at which to stop (HiGHS default 1e-4). */
  mipGap?: number;
  /**
   * Absolute MIP gap at which to stop. With whole-number costs, anything below 1 proves the
   * incumbent optimal as soon as the bound is within 1 of it.
   */
  mipAbsGap?: number;
  /**
   * One of many small sub-problems (fix-and-optimize): the backend may skip expensive global
   * work such as symmetry detection and cut separation inside the search tree.
   */
  lightweight?: boolean;
  /**
   * How an LP (no integer columns) is solved: 'simplex' (the default: an optimal vertex) or
   * 'barrier' (interior point without crossover; HiGHS only, GLPK keeps the simplex). The barrier
   * takes a few dozen iterations whatever the size, where the dual simplex's grow with it: on a
   * 56-day roster of 40 staff × 5 shifts (141 k nonzeros) 31 iterations, 4 CPU-s, against 12 853
   * simplex iterations, 8.5 CPU-s. Its solution may be interior and its duals are approximate:
   * take a bound from them with `dualBound`, which holds for any duals.
   */
  lpMethod?: 'simplex' | 'barrier';
  /** false: skip presolve, for tiny models solved many times (e.g. pricing problems); HiGHS only. */
  presolve?: boolean;
  /** A known feasible (or partial) assignment to start from, by column index. */
  initialSolution?: Float64Array | number[];
  /**
   * A deterministic work budget on top of the time limit: the same model with the same budget
   * stops at the same point on a quiet or a loaded machine, and returns its best solution so far
   * (`stoppedBy: 'work'`). HiGHS honours every count (nodes and LP iterations for MIPs, simplex
   * iterations for LPs: its simplex limit does not reach the LPs inside branch and bound); GLPK
   * has none and runs on its time limit alone.
   */
  workLimit?: WorkLimit;
  /** Called with solver progress where the backend can report it. */
  onProgress?: (p: SolveProgress) => void;
  /**
   * Called with each better solution as the backend finds it, where it reports them (HiGHS: a
   * MIP's improving solutions, column values in model order); the values are the caller's to keep.
   */
  onSolution?: (values: Float64Array, objective: number) => void;
  /**
   * Cooperative stop, polled while solving where the backend allows it (HiGHS: at every MIP
   * checkpoint) and before it starts; true = stop now and return the best solution so far.
   */
  stop?: () => boolean;
}

export interface WorkLimit {
  /** Branch-and-bound nodes of a MIP. */
  nodes?: number;
  /**
   * LP iterations of a MIP, the root's included (its cut loop and heuristics, which no node
   * limit reaches); HiGHS checks it only at its MIP checkpoints (none inside an LP), so it stops
   * at the checkpoint nearest the budget, before or after it.
   */
  lpIterations?: number;
  /**
   * The LP-iteration budget ends a MIP only once it has a solution (a given start counts): one
   * with none yet searches on to its first, up to its time limit. The first solution is an event,
   * so where the search ends is still the same on a quiet or a loaded machine.
   */
  afterFirstSolution?: boolean;
  /** Simplex iterations of an LP (a model without integer columns). */
  simplexIterations?: number;
  /** Interior-point iterations of an LP solved by the barrier (`lpMethod: 'barrier'`). */
  barrierIterations?: number;
}

/** Work a solve did, where the backend counts it (HiGHS). */
export interface SolveWork {
  nodes: number;
  simplexIterations: number;
  /** Interior-point iterations (an LP solved by the barrier). */
  barrierIterations?: number;
}

export interface SolveProgress {
  elapsedSec: number;
  objective: number | null;
  bound: number | null;
  gap: number | null;
}

export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'unbounded' | 'no_solution' | 'error';

export interface SolveResult {
  status: SolveStatus;
  /** Objective of the returned solution, including the offset; null when there is none. */
  objective: number | null;
  /** Best proven bound, when the backend reports it. */
  bound: number | null;
  /** Relative gap between objective and bound (0 when proven optimal). */
  gap: number | null;
  /** Column values, in column order; empty when there is no solution. */
  values: Float64Array;
  /**
   * Row duals of an optimal LP (a model without integer columns), where the backend reports them
   * (HiGHS): a column's reduced cost is its cost minus the sum of dual × coefficient over its rows.
   */
  rowDuals?: Float64Array;
  elapsedSec: number;
  /** Why the solve ended before proving its answer, when it did: its time limit, its work budget or a stop. */
  stoppedBy?: 'time' | 'work' | 'stop';
  /** Work done, where the backend counts it (HiGHS). */
  work?: SolveWork;
  message: string;
}

export interface SolverBackend {
  readonly name: 'highs' | 'glpk';
  solve(model: LinearModel, options: SolveOptions): Promise<SolveResult>;
}
