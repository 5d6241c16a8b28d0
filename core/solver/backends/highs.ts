// HiGHS backend (the default): HiGHS compiled to WebAssembly, driven through the package's
// persistent array API (passModel-style ModelData, never LP text). The solve itself blocks the
// calling thread, so it only runs inside worker threads (and in tests and benches).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import loadHighs from 'highs';
import type { Highs, HighsCallbackMap } from 'highs';
import type { LinearModel, SolveOptions, SolveResult, SolveStatus, SolverBackend } from '../backend';
import { LinearModelError, packRows, validateLinearModel } from './model-arrays';

let compiled: WebAssembly.Module | null = null;
let runtime: Promise<Highs> | null = null;

/**
 * highs.wasm compiled once for the whole process. A worker pool hands this module to each of its
 * threads (core/jobs/pool.ts): V8 then shares one copy of its machine code, optimised code included,
 * so a new thread neither compiles HiGHS again nor pays the slow first solves of a fresh compile.
 */
export function compiledHighs(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve('highs/runtime')));
  return compiled;
}

/** Use the module another thread of this process compiled (see compiledHighs); before the first solve. */
export function adoptCompiledHighs(module: WebAssembly.Module): void {
  if (runtime) throw new Error('HiGHS is already loaded in this thread');
  compiled = module;
}

/** The HiGHS runtime of this thread, loaded once, instantiated from the process's compiled module. */
export function highsRuntime(): Promise<Highs> {
  if (!runtime) {
    runtime = loadHighs({
      // Emscripten's hook (the package's types leave it out, and list a `wasmModule` its loader
      // ignores): instantiate the shared module instead of compiling the file again. Synchronous, so
      // a failure rejects the load instead of leaving it pending.
      instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) {
        receive(new WebAssembly.Instance(compiledHighs(), imports));
        return {};
      },
    } as Parameters<typeof loadHighs>[0]);
    // A failed load must not poison every later solve.
    runtime.catch(() => {
      runtime = null;
    });
  }
  return runtime;
}

/** Options for small, repeated sub-MIPs: measured 2× faster on rostering neighbourhoods. */
const LIGHTWEIGHT = {
  mip_detect_symmetry: false,
  mip_allow_cut_separation_at_nodes: false,
  mip_pool_soft_limit: 300,
  mip_lp_age_limit: 3,
};

/** Minimum seconds between two progress reports that carry no new incumbent. */
const PROGRESS_INTERVAL_SEC = 0.25;

/** Solve `model` on a loaded runtime. Synchronous: blocks until HiGHS stops. */
export function solveWithHighs(
  highs: Highs,
  model: LinearModel,
  options: SolveOptions,
  extraOptions: Record<string, boolean | number | string> = {},
): SolveResult {
  validateLinearModel(model);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const n = model.columns.length;
  if (options.initialSolution && options.initialSolution.length !== n)
    throw new LinearModelError(
      `initialSolution has ${options.initialSolution.length} values but the model has ${n} columns`,
    );
  if (options.stop?.()) {
    return {
      status: 'no_solution',
      objective: null,
      bound: null,
      gap: null,
      values: new Float64Array(0),
      elapsedSec: 0,
      message: 'stopped before solving',
    };
  }

  if (n === 0) return solveEmpty(model);

  const C = highs.constants;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  const integrality = new Int32Array(n);
  let hasInteger = false;
  model.columns.forEach((c, j) => {
    colCost[j] = c.cost;
    colLower[j] = c.lower === -Infinity ? -highs.infinity : c.lower;
    colUpper[j] = c.upper === Infinity ? highs.infinity : c.upper;
    if (c.integer) {
      integrality[j] = C.variableType.integer;
      hasInteger = true;
    }
  });
  const m = model.rows.length;
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  model.rows.forEach((r, i) => {
    rowLower[i] = r.lower === -Infinity ? -highs.infinity : r.lower;
    rowUpper[i] = r.upper === Infinity ? highs.infinity : r.upper;
  });
  const csr = packRows(model.rows);

  const hm = highs.createModel();
  try {
    hm.passModel({
      numCols: n,
      numRows: m,
      sense: model.sense === 'maximize' ? C.objectiveSense.maximize : C.objectiveSense.minimize,
      offset: model.offset,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix: { format: 'csr', numRows: m, numCols: n, starts: csr.starts, indices: csr.indices, values: csr.values },
      ...(hasInteger ? { integrality } : {}),
    });
    hm.options.set({
      output_flag: false,
      time_limit: Math.max(0.001, options.timeLimitSec),
      mip_rel_gap: options.mipGap ?? 1e-4,
      ...(options.mipAbsGap !== undefined ? { mip_abs_gap: options.mipAbsGap } : {}),
      ...(options.lightweight ? LIGHTWEIGHT : {}),
      ...(options.presolve === false ? { presolve: 'off' } : {}),
      ...(options.lpMethod === 'barrier' && !hasInteger ? { solver: 'ipm', run_crossover: 'off' } : {}),
      ...workOptions(options, hasInteger),
      // Report "infeasible" or "unbounded", never the undecided combination.
      allow_unbounded_or_infeasible: false,
      ...extraOptions,
    });
    if (options.initialSolution) hm.setSolution({ colValue: Float64Array.from(options.initialSolution) });

    let lastReport = -Infinity;
    const report = (objective: number | null, bound: number | null, gap: number | null, force: boolean) => {
      if (!options.onProgress) return;
      const t = elapsed();
      if (!force && t - lastReport < PROGRESS_INTERVAL_SEC) return;
      lastReport = t;
      options.onProgress({ elapsedSec: t, objective, bound, gap });
    };
    // The LP-iteration budget of a MIP, checked at its checkpoints (HiGHS has no such option).
    const lpIterationLimit = lpIterationLimitOf(options, hasInteger);
    const budgetSpent = lpIterationLimit === undefined ? null : checkpointBudget(lpIterationLimit);
    let outOfWork = false;
    const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
    const callbacks: HighsCallbackMap = {
      [C.callbackType.mipImprovingSolution]: (e) => {
        const objective = finite(e.data.objective_function_value);
        if (options.onSolution && e.data.mip_solution && objective !== null)
          options.onSolution(e.data.mip_solution, objective);
        report(objective, finite(e.data.mip_dual_bound), finite(e.data.mip_gap), true);
        return undefined;
      },
      [C.callbackType.mipInterrupt]: (e) => {
        if (options.stop?.()) e.interrupt();
        else if (
          budgetSpent?.(Number(e.data.mip_total_lp_iterations ?? 0)) &&
          (!options.workLimit?.afterFirstSolution || finite(e.data.mip_primal_bound) !== null)
        ) {
          outOfWork = true;
          e.interrupt();
        } else report(finite(e.data.mip_primal_bound), finite(e.data.mip_dual_bound), finite(e.data.mip_gap), false);
        return undefined;
      },
    };
    // LPs stop at simplex/IPM checkpoints. (A MIP's own LPs never call them: its LP solver is a
    // HiGHS instance of its own, without callbacks; the MIP stops at its own checkpoints.)
    const lpInterrupts: HighsCallbackMap = options.stop
      ? {
          [C.callbackType.simplexInterrupt]: (e) => {
            if (options.stop!()) e.interrupt();
            return undefined;
          },
          [C.callbackType.ipmInterrupt]: (e) => {
            if (options.stop!()) e.interrupt();
            return undefined;
          },
        }
      : {};
    hm.run(
      hasInteger
        ? options.stop || options.onProgress || options.onSolution || lpIterationLimit !== undefined
          ? { ...callbacks, ...lpInterrupts }
          : undefined
        : options.stop
          ? lpInterrupts
          : undefined,
    );

    const code = hm.getModelStatus();
    const hasPrimal = Number(hm.info.get('primal_solution_status')) === C.solutionStatus.feasible;
    const status = mapStatus(highs, code, hasPrimal);
    const solution = hasPrimal || status === 'optimal' ? hm.getSolution() : null;
    const values = solution ? Float64Array.from(solution.colValue) : new Float64Array(0);
    const rowDuals = !hasInteger && status === 'optimal' && solution ? Float64Array.from(solution.rowDual) : undefined;
    const objective = status === 'optimal' || status === 'feasible' ? hm.getObjectiveValue() : null;
    let bound: number | null = null;
    let gap: number | null = null;
    if (hasInteger) {
      bound = finite(Number(hm.info.get('mip_dual_bound')));
      gap = objective === null ? null : finite(Number(hm.info.get('mip_gap')));
    } else if (status === 'optimal') {
      bound = objective;
      gap = 0;
    }
    if (status === 'optimal') gap = 0;
    report(objective, bound, gap, true);
    const stoppedBy = outOfWork ? 'work' : stoppedByOf(highs, code);
    return {
      status,
      objective,
      bound,
      gap,
      values,
      ...(rowDuals ? { rowDuals } : {}),
      elapsedSec: elapsed(),
      ...(stoppedBy ? { stoppedBy } : {}),
      work: {
        nodes: hasInteger ? Number(hm.info.get('mip_node_count')) : 0,
        simplexIterations: Math.max(0, Number(hm.info.get('simplex_iteration_count'))),
        barrierIterations: Math.max(0, Number(hm.info.get('ipm_iteration_count'))),
      },
      message: statusMessage(highs, code),
    };
  } finally {
    hm.dispose();
  }
}

/** A work budget's count, checked to be a whole number. */
function whole(v: number, what: string): number {
  if (!(Number.isInteger(v) && v >= 0))
    throw new LinearModelError(`workLimit.${what} must be a whole number, got ${v}`);
  return v;
}

/**
 * HiGHS options of a work budget. Its node limit ends a MIP with status "solutionLimit" (we set no
 * other limit that does), its simplex or barrier limit an LP with "iterationLimit"; the LPs inside branch and
 * bound ignore the simplex limit, so a MIP's LP iterations are counted at its checkpoints instead
 * (`lpIterationLimitOf`).
 */
function workOptions(options: SolveOptions, hasInteger: boolean): Record<string, number> {
  const limit = options.workLimit;
  if (!limit) return {};
  if (hasInteger) return limit.nodes !== undefined ? { mip_max_nodes: whole(limit.nodes, 'nodes') } : {};
  return {
    ...(limit.simplexIterations !== undefined
      ? { simplex_iteration_limit: whole(limit.simplexIterations, 'simplexIterations') }
      : {}),
    ...(limit.barrierIterations !== undefined
      ? { ipm_iteration_limit: whole(limit.barrierIterations, 'barrierIterations') }
      : {}),
  };
}

function lpIterationLimitOf(options: SolveOptions, hasInteger: boolean): number | undefined {
  const limit = options.workLimit?.lpIterations;
  return hasInteger && limit !== undefined ? whole(limit, 'lpIterations') : undefined;
}

/**
 * A MIP's LP-iteration budget as its checkpoints can keep it: the MIP's LP solver is a HiGHS
 * instance of its own that takes no callbacks, so a root LP or a cut round runs thousands of
 * iterations between two checkpoints (3 077 in the first cut round of a 28-day roster of 36 staff
 * x 4 shifts, where stopping at the first checkpoint past a 3 709-iteration budget ran to 5 668).
 * So it stops at the checkpoint nearest the budget: once less than half the last stretch between
 * two checkpoints is left, the next one is likelier far past the budget than near it.
 * Returns whether the budget is spent at a checkpoint with `total` LP iterations so far.
 */
export function checkpointBudget(limit: number): (total: number) => boolean {
  let last = 0;
  let stretch = 0;
  return (total) => {
    if (total > last) {
      stretch = total - last;
      last = total;
    }
    return total >= limit || limit - total < stretch / 2;
  };
}

function stoppedByOf(highs: Highs, code: number): SolveResult['stoppedBy'] {
  const S = highs.constants.modelStatus;
  if (code === S.timeLimit) return 'time';
  if (code === S.solutionLimit || code === S.iterationLimit) return 'work';
  if (code === S.interrupted) return 'stop';
  return undefined;
}

/** A model without columns: every row's activity is 0, so it is optimal at the offset or infeasible. */
export function solveEmpty(model: LinearModel): SolveResult {
  const bad = model.rows.find((r) => r.lower > 0 || r.upper < 0);
  const base = { values: new Float64Array(0), elapsedSec: 0 };
  return bad
    ? {
        ...base,
        status: 'infeasible',
        objective: null,
        bound: null,
        gap: null,
        message: `row "${bad.name}" cannot hold with no columns`,
      }
    : { ...base, status: 'optimal', objective: model.offset, bound: model.offset, gap: 0, message: 'empty model' };
}

function mapStatus(highs: Highs, code: number, hasPrimal: boolean): SolveStatus {
  const S = highs.constants.modelStatus;
  switch (code) {
    case S.optimal:
      return 'optimal';
    case S.infeasible:
      return 'infeasible';
    case S.unbounded:
    case S.unboundedOrInfeasible:
      return 'unbounded';
    case S.timeLimit:
    case S.interrupted:
    case S.iterationLimit:
    case S.solutionLimit:
    case S.objectiveBound:
    case S.objectiveTarget:
    case S.unknown:
      return hasPrimal ? 'feasible' : 'no_solution';
    default:
      return 'error';
  }
}

function statusMessage(highs: Highs, code: number): string {
  const entry = Object.entries(highs.constants.modelStatus).find(([, v]) => v === code);
  return `HiGHS model status: ${entry ? entry[0] : code}`;
}

export const highsBackend: SolverBackend = {
  name: 'highs',
  async solve(model, options) {
    return solveWithHighs(await highsRuntime(), model, options);
  },
};
