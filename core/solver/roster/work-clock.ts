// The clock of a repeatable search: it counts work (annealing moves, line-DP labels, simplex and
// barrier iterations, a MIP's root and nodes included), not seconds, so a phase's length, its sub-solves' limits
// and every choice made from timings come out the same from the same seed on a quiet or a loaded
// machine. One work second is about one CPU second of this engine on the development machines;
// the rates are rough and need only be fixed.
import type { LinearModel, SolveOptions, SolveResult, WorkLimit } from '../backend';
import type { CompiledRoster } from './problem';

/** A roster's size: staff, days and shift types. */
type RosterSize = Pick<CompiledRoster, 'S' | 'D' | 'T'>;

/** Annealing moves of a roster walk per work second: 4 M moves of a 28-day walk took 2.2 CPU-s. */
const MOVES_PER_SEC = 1.8e6;
/**
 * A move costs more on larger rosters: with the days (364-day walks run at about the same rate whatever their
 * staff and shifts; a move checks its staff member's line) and with the cell values (staff × days × (shift types +
 * 1)), whose per-cell arrays it reads at random and which leave the CPU's caches beyond CACHED_CELL_VALUES. Fitted
 * (least squares on the logarithm) on moves per CPU-s of 2 M-move walks, as a multiple of the same run's 28 days ×
 * 30 staff × 4 shifts, at 22 sizes in three runs (loads 20-28): each day past 28 costs 0.1 %, each doubling of cell
 * values 7.5 %. Measured against fitted: 56 × 60 × 10 0.96-1.08 / 1.19, 112 × 120 × 18 1.37-1.51 / 1.46,
 * 182 × 50 × 6 1.19-1.35 / 1.38, 364 × 50 × 10 1.48-1.73 / 1.68, 364 × 100 × 8 1.61-2.04 / 1.74, 364 × 150 × 32
 * 2.02-2.17 / 1.92. A cell-values term alone (13.5 % a doubling) charged 112 × 120 × 18 at 1.67: 60 work-s used
 * 48 CPU-s.
 */
const CACHED_CELL_VALUES = 8_192;
const MOVE_COST_PER_DAY = 0.001;
const MOVE_COST_PER_DOUBLING = 0.075;
const MOVE_BASE_DAYS = 28;

const cellValues = (c: RosterSize) => c.S * c.D * (c.T + 1);

/** Work seconds of one move of a walk on the whole roster `c`. */
export function moveWorkSec(c: RosterSize): number {
  const doublings = Math.max(0, Math.log2(cellValues(c) / CACHED_CELL_VALUES));
  const days = Math.max(0, c.D - MOVE_BASE_DAYS);
  return (1 + MOVE_COST_PER_DAY * days + MOVE_COST_PER_DOUBLING * doublings) / MOVES_PER_SEC;
}

/**
 * Work seconds of one move of a walk on one staff member's line of `days` (heuristic pricing, the first
 * construction's polish): each reads the whole line. Measured 0.67 µs at 28 days, 0.92 at 56, 1.13 at 182, 1.6-1.8
 * at 364.
 */
export function lineMoveWorkSec(days: number): number {
  return (0.6 + 0.003 * days) * 1e-6;
}

/**
 * Work seconds of one pass over every cell value of the roster: compiling it, a greedy line per staff member, a
 * walk's set-up (0.1-0.2 CPU-s each on a year × 150 staff × 32 shifts, 1.8 M cell values).
 */
export function rosterPassWorkSec(c: RosterSize): number {
  return cellValues(c) * 1e-7;
}

/** Work seconds of building the roster's model: 0.57-1.0 µs per nonzero (3.1-3.7 CPU-s for a year × 150 × 32). */
export function modelBuildWorkSec(nonzeros: number): number {
  return nonzeros * 7e-7;
}

/**
 * Work seconds of reading every row of the model once: checking an offered roster against each row, cutting a
 * sub-model out of it (7-36 ns per nonzero measured; 0.2 CPU-s a roster on a year × 150 × 32).
 */
export function modelScanWorkSec(nonzeros: number): number {
  return nonzeros * 2e-8;
}

/** Line-DP labels per work second. */
export const LABELS_PER_SEC = 2e6;
/**
 * Work seconds of one simplex iteration per nonzero of the model: an LP's, and a MIP's (its LP
 * iterations stand for its cut rounds, propagation and heuristics too).
 */
const LP_ITERATION_SEC = 1.6e-8;
const MIP_ITERATION_SEC = 3e-8;
/**
 * Work seconds of one barrier iteration per nonzero of the LP (a Cholesky factorization each):
 * 25–31 iterations of a 56-day roster of 40 staff × 5 shifts (141 k nonzeros) took 3.6–4.4 CPU-s,
 * 29 of a 28-day roster of 30 staff × 4 shifts (45 k) 1.6 CPU-s, its start-up included.
 */
const BARRIER_ITERATION_SEC = 1e-6;
/** Work seconds of loading and presolving a model, per nonzero. */
const LOAD_SEC_PER_NONZERO = 1.5e-6;

const nonzerosOf = (model: LinearModel) => model.rows.reduce((n, r) => n + r.indices.length, 0);
const iterationSec = (model: LinearModel, mipIterationSec: number) =>
  Math.max(1, nonzerosOf(model)) * (model.columns.some((c) => c.integer) ? mipIterationSec : LP_ITERATION_SEC);

/**
 * The work budget that stands for `seconds` on `model`: LP iterations, a MIP's root and nodes included.
 * `mipIterationSec`: a MIP's work seconds per LP iteration and nonzero, for a model family whose
 * presolve leaves far less than its nonzeros (default the roster's).
 */
export function workLimitFor(model: LinearModel, seconds: number, mipIterationSec = MIP_ITERATION_SEC): WorkLimit {
  const iterations = Math.max(1, Math.floor(seconds / iterationSec(model, mipIterationSec)));
  if (model.columns.some((c) => c.integer)) return { lpIterations: iterations };
  const barrierIterations = Math.max(1, Math.floor(seconds / (Math.max(1, nonzerosOf(model)) * BARRIER_ITERATION_SEC)));
  return { simplexIterations: iterations, barrierIterations };
}

/** Work seconds a solve of `model` took, from the LP iterations the backend counted (`mipIterationSec` as above). */
export function solveWorkSec(model: LinearModel, result: SolveResult, mipIterationSec = MIP_ITERATION_SEC): number {
  const iterations = result.work?.simplexIterations ?? 0;
  const barrier = result.work?.barrierIterations ?? 0;
  const nonzeros = Math.max(1, nonzerosOf(model));
  return (
    nonzeros * (LOAD_SEC_PER_NONZERO + barrier * BARRIER_ITERATION_SEC) +
    iterations * iterationSec(model, mipIterationSec)
  );
}

/**
 * Dual simplex iterations of a MIP's root LP, as a multiple of its columns^1.5 (the iterations per column grow
 * with size): measured on fix-and-optimize sub-models of generated 28-day rosters (30 and 36 staff × 4 shifts)
 * and of 56 days × 40 staff × 5 shifts, 870 to 5 200 columns, within about 25 % for staff, block and guided
 * neighbourhoods (5 223 columns: 8 807 iterations, estimated 9 059); windows of days take up to 40 % fewer.
 */
const ROOT_ITERATIONS_PER_COLUMN_POWER = 0.024;

/**
 * Work seconds the root LP of the MIP `model` is expected to cost, charged as solveWorkSec charges it. HiGHS
 * cannot stop a MIP inside its root LP (it checks budgets and stops at MIP checkpoints only), so a sub-MIP whose
 * root is longer than its share overruns it, whatever its limit says.
 */
export function rootLpWorkSec(model: LinearModel, mipIterationSec = MIP_ITERATION_SEC): number {
  return ROOT_ITERATIONS_PER_COLUMN_POWER * model.columns.length ** 1.5 * iterationSec(model, mipIterationSec);
}

/**
 * Real seconds a work-limited solve may take: a backstop only, far enough that it does not decide
 * where a solve ends (HiGHS checks a MIP's iterations at its checkpoints only; a loaded machine
 * runs several times slower).
 */
const backstopSec = (workSec: number) => 100 * workSec + 10;

/** A solve limited by work: a budget of `options.timeLimitSec` work seconds, and the real time backstop. */
export function workLimitedOptions(model: LinearModel, options: SolveOptions): SolveOptions {
  return {
    ...options,
    workLimit: workLimitFor(model, options.timeLimitSec),
    timeLimitSec: backstopSec(options.timeLimitSec),
  };
}
