// The backend registry: every MILP backend by name, HiGHS by default.
import type { SolverBackend } from '../backend';
import { glpkBackend } from './glpk';
import { highsBackend } from './highs';

export type BackendName = SolverBackend['name'];
export const BACKEND_NAMES: readonly BackendName[] = ['highs', 'glpk'];
export const DEFAULT_BACKEND: BackendName = 'highs';

const backends: Record<BackendName, SolverBackend> = { highs: highsBackend, glpk: glpkBackend };

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

/** The backend called `name` (default HiGHS); throws on an unknown name. */
export function getBackend(name: string = DEFAULT_BACKEND): SolverBackend {
  if (!isBackendName(name))
    throw new RangeError(`Unknown solver backend "${name}" (known: ${BACKEND_NAMES.join(', ')})`);
  return backends[name];
}

export { glpkBackend, solveWithGlpk, glpkRuntime } from './glpk';
export { adoptCompiledHighs, highsBackend, solveWithHighs, highsRuntime } from './highs';
export { dualBound, LinearModelError, objectiveOf, solutionViolations, validateLinearModel } from './model-arrays';
export type { SolutionViolation } from './model-arrays';
