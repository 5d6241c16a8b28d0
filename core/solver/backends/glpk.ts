// GLPK backend (the alternative): glpk.js compiled to WebAssembly, synchronous in Node. GLPK has
// no warm start, no progress callback and no interrupt, so `initialSolution` is ignored and
// `stop` is only checked before the solve starts; nor an absolute gap (`mipAbsGap` is ignored),
// nor a node or iteration limit (`workLimit` is ignored: GLPK stops on its time limit alone).
import * as glpkModule from 'glpk.js/node';
import type { GLPK, LP } from 'glpk.js/node';
import type { LinearModel, SolveOptions, SolveResult, SolveStatus, SolverBackend } from '../backend';
import { solveEmpty } from './highs';
import { validateLinearModel } from './model-arrays';

// glpk.js is ESM-only. Bundled into a CommonJS worker, esbuild's interop hands over the module
// namespace as `default` (so the loader is at default.default); run as ESM, default is the loader.
type GlpkLoader = () => Promise<GLPK>;
const glpkDefault = (glpkModule as unknown as { default: GlpkLoader | { default: GlpkLoader } }).default;
const loadGlpk: GlpkLoader = typeof glpkDefault === 'function' ? glpkDefault : glpkDefault.default;

let runtime: Promise<GLPK> | null = null;

export function glpkRuntime(): Promise<GLPK> {
  if (!runtime) {
    runtime = loadGlpk();
    runtime.catch(() => {
      runtime = null;
    });
  }
  return runtime;
}

const colName = (j: number) => `c${j}`;

function boundType(glpk: GLPK, lower: number, upper: number): { type: number; lb: number; ub: number } {
  const hasLower = lower !== -Infinity;
  const hasUpper = upper !== Infinity;
  if (hasLower && hasUpper) return { type: lower === upper ? glpk.GLP_FX : glpk.GLP_DB, lb: lower, ub: upper };
  if (hasLower) return { type: glpk.GLP_LO, lb: lower, ub: 0 };
  if (hasUpper) return { type: glpk.GLP_UP, lb: 0, ub: upper };
  return { type: glpk.GLP_FR, lb: 0, ub: 0 };
}

function toGlpkProblem(glpk: GLPK, model: LinearModel, integer: boolean): LP {
  return {
    name: 'model',
    objective: {
      direction: model.sense === 'maximize' ? glpk.GLP_MAX : glpk.GLP_MIN,
      name: 'objective',
      vars: model.columns.map((c, j) => ({ name: colName(j), coef: c.cost })),
    },
    subjectTo: model.rows.map((r, i) => ({
      name: `r${i}`,
      vars: r.indices.map((j, k) => ({ name: colName(j), coef: r.values[k] })),
      bnds: boundType(glpk, r.lower, r.upper),
    })),
    bounds: model.columns.map((c, j) => ({ name: colName(j), ...boundType(glpk, c.lower, c.upper) })),
    // Integer columns go in `generals` (not `binaries`, which would reset fixed bounds to [0, 1]).
    generals: integer ? model.columns.flatMap((c, j) => (c.integer ? [colName(j)] : [])) : [],
  };
}

/** Solve `model` on a loaded GLPK runtime. Synchronous: blocks until GLPK stops. */
export function solveWithGlpk(glpk: GLPK, model: LinearModel, options: SolveOptions): SolveResult {
  validateLinearModel(model);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
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
  if (model.columns.length === 0) return solveEmpty(model);
  const isMip = model.columns.some((c) => c.integer);
  const run = (integer: boolean, tmlim: number, presol: boolean) =>
    glpk.solve(toGlpkProblem(glpk, model, integer), {
      msglev: glpk.GLP_MSG_OFF,
      tmlim: Math.max(0.001, tmlim),
      mipgap: options.mipGap ?? 1e-4,
      presol,
    });
  const res = run(isMip, options.timeLimitSec, true).result;
  let status = mapStatus(glpk, res.status);
  let message = `GLPK status ${res.status}`;
  if (status === 'no_solution' && isMip && elapsed() < options.timeLimitSec) {
    // GLPK's MIP status does not say why there is no solution; the LP relaxation, solved
    // without presolve (which would also leave the status undefined), tells them apart.
    const lp = mapStatus(glpk, run(false, options.timeLimitSec - elapsed(), false).result.status);
    if (lp === 'infeasible' || lp === 'unbounded') {
      status = lp;
      message = `GLPK: LP relaxation is ${lp}`;
    }
  }
  const hasValues = status === 'optimal' || status === 'feasible';
  const values = new Float64Array(hasValues ? model.columns.length : 0);
  if (hasValues) for (let j = 0; j < values.length; j++) values[j] = res.vars[colName(j)] ?? 0;
  // GLPK has no objective constant; the model's offset is added here.
  const objective = hasValues ? res.z + model.offset : null;
  const result: SolveResult = {
    status,
    objective,
    bound: status === 'optimal' ? objective : null,
    gap: status === 'optimal' ? 0 : null,
    values,
    elapsedSec: elapsed(),
    message,
  };
  options.onProgress?.({
    elapsedSec: result.elapsedSec,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
  });
  return result;
}

function mapStatus(glpk: GLPK, code: number): SolveStatus {
  switch (code) {
    case glpk.GLP_OPT:
      return 'optimal';
    case glpk.GLP_FEAS:
      return 'feasible';
    case glpk.GLP_NOFEAS:
      return 'infeasible';
    case glpk.GLP_UNBND:
      return 'unbounded';
    default:
      return 'no_solution';
  }
}

export const glpkBackend: SolverBackend = {
  name: 'glpk',
  async solve(model, options) {
    return solveWithGlpk(await glpkRuntime(), model, options);
  },
};
