// Solving in phases for models whose solver finds a first schedule fast but a good one slowly
// (the annual plan: HiGHS sits on a poor first plan for seconds while its bound is already
// tight). 1) Solve until there is a first schedule. 2) Fix-and-optimize: free one
// neighbourhood of columns at a time (one PGY level, half of the year), keep the rest at the
// incumbent, and re-solve that small MIP from the incumbent. 3) If the bound does not yet prove
// the incumbent optimal, solve the whole model again from it. Every phase shares one budget of work
// (LP iterations and nodes, counted as the roster engine counts them: core/solver/roster/work-clock),
// so the same model gives the same plan on a quiet or a loaded machine; the time limit is a backstop.
import type { LinearModel, SolveOptions, SolveProgress, SolveResult, SolverBackend, WorkLimit } from '../backend';
import { plural } from '../../domain/words';
import { objectiveOf } from '../backends/model-arrays';
import { solveWorkSec, workLimitFor } from '../roster/work-clock';

export interface PhasedOptions {
  /** The backstop in real seconds, and the budget in work seconds (core/solver/roster/work-clock) unless `workSec`. */
  timeLimitSec: number;
  /** The budget in work seconds, where it is not the time limit (a year's step: its share of the run's work). */
  workSec?: number;
  /** Work seconds the whole model may search before the neighbourhoods take over (default 0: at the first schedule). */
  wholeModelFirstSec?: number;
  mipGap?: number;
  mipAbsGap?: number;
  stop?: () => boolean;
  onProgress?: (p: SolveProgress) => void;
  /** Each better schedule as it is found (SolveOptions.onSolution), over all phases. */
  onSolution?: (values: Float64Array, objective: number) => void;
  /**
   * A complete schedule the model accepts: the whole search starts from it, and it is the incumbent if that finds none.
   */
  start?: Float64Array;
}

export interface PhasedResult extends SolveResult {
  firstFeasibleSec: number | null;
  /** Neighbourhood solves that improved the incumbent. */
  improvements: number;
  /** Work seconds the phases did. */
  workSec: number;
}

/**
 * A neighbourhood's sub-MIP may use this share of the work left (and at least this many work
 * seconds), and this many nodes.
 */
const SUB_SHARE = 0.15;
const SUB_MIN_SEC = 0.5;
const SUB_NODES = 500;
/** From a start, the whole search may use this share of the work before the neighbourhoods. */
const START_SHARE = 0.5;
/**
 * Work seconds per LP iteration and nonzero of the annual plan (presolve removes most of it): 100–250
 * residents took 3,317–8,348 iterations in 3.8–7.5 CPU s at 167k–417k nonzeros to a first plan.
 */
export const MIP_ITERATION_SEC = 4e-9;
const MAX_ROUNDS = 4;

export async function solveInPhases(
  model: LinearModel,
  backend: SolverBackend,
  neighbourhoods: number[][],
  options: PhasedOptions,
): Promise<PhasedResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const remaining = () => Math.max(0, options.timeLimitSec - elapsed());
  let workSec = 0;
  const budget = options.workSec ?? options.timeLimitSec;
  const workLeft = () => Math.max(0, budget - workSec);
  /** A backend solve on the work clock: its budget in work, the real time left as its backstop. */
  const solve = async (
    m: LinearModel,
    o: Omit<SolveOptions, 'timeLimitSec' | 'workLimit'>,
    work: number,
    limit: Omit<WorkLimit, 'lpIterations'> = {},
  ) => {
    const out = await backend.solve(m, {
      ...o,
      timeLimitSec: remaining(),
      workLimit: { ...workLimitFor(m, work, MIP_ITERATION_SEC), ...limit },
    });
    workSec += solveWorkSec(m, out, MIP_ITERATION_SEC);
    return out;
  };
  const outOfBudget = () => workLeft() <= 0 || remaining() <= 0;
  const relGap = options.mipGap ?? 1e-4;
  let firstFeasibleSec: number | null = null;
  let bound: number | null = null;
  let best: { values: Float64Array; objective: number } | null = null;
  let improvements = 0;
  const report = (objective: number | null) =>
    options.onProgress?.({ elapsedSec: elapsed(), objective, bound, gap: gapOf(objective, bound) });
  const proven = () =>
    best !== null &&
    bound !== null &&
    (best.objective - bound <= (options.mipAbsGap ?? 0) ||
      (best.objective - bound) / Math.max(1e-9, Math.abs(best.objective)) <= relGap);
  const common: Pick<SolveOptions, 'mipGap' | 'mipAbsGap'> = {
    mipGap: options.mipGap,
    ...(options.mipAbsGap !== undefined ? { mipAbsGap: options.mipAbsGap } : {}),
  };

  // 1) Until the solver has a first schedule (or, when asked, a while longer: small models are
  // often proven optimal by the whole search sooner than by the neighbourhoods). A start is a
  // first schedule already (HiGHS reports it only after its root LP), and usually a good one (the
  // current plan): what it lacks is a bound, so the whole search has a share of the work (past its
  // root bound, which often proves it: 250 residents, proven in 9 CPU s, never within 200 s when the
  // neighbourhoods went first). HiGHS's own first schedule is poor: neighbourhoods at once.
  let haveIncumbent = options.start !== undefined;
  if (haveIncumbent) firstFeasibleSec = 0;
  // HiGHS reported a schedule of its own: an event, never a time (it reports a start at once).
  let reported = false;
  const wholeSec = options.wholeModelFirstSec ?? 0;
  const wholeModel = (work: number, untilFirst: boolean) =>
    solve(
      model,
      {
        ...common,
        ...(options.start ? { initialSolution: options.start } : {}),
        // Neighbourhoods improve a poor first schedule faster than the whole search does.
        stop: () => !!options.stop?.() || (untilFirst && reported),
        onSolution: (values, objective) => {
          reported = true;
          options.onSolution?.(values, objective);
        },
        onProgress: (p) => {
          if (p.objective !== null && !haveIncumbent) {
            haveIncumbent = true;
            firstFeasibleSec = elapsed();
          }
          bound = p.bound ?? bound;
          report(p.objective);
        },
      },
      work,
      // Until the first schedule: the budget never cuts it off (an event), only the backstop does.
      { afterFirstSolution: untilFirst },
    );
  // A small plan or a start: the whole search for its share of work first, which often proves the optimum.
  const firstWork = Math.min(workLeft(), options.start ? Math.max(wholeSec, START_SHARE * workLeft()) : wholeSec);
  let first = firstWork > 0 ? await wholeModel(firstWork, false) : await wholeModel(workLeft(), true);
  // No schedule within that share: on until the first one, whatever the budget left.
  if (first.status === 'no_solution' && first.stoppedBy === 'work' && !options.start && remaining() > 0)
    first = await wholeModel(workLeft(), true);
  if (first.bound !== null) bound = first.bound;
  // Nothing found in time (or stopped before): the start is the incumbent, and the phases go on from it.
  if (first.status === 'no_solution' && options.start) first = startResult(model, options.start, first, bound);
  if (first.status !== 'optimal' && first.status !== 'feasible')
    return { ...first, elapsedSec: elapsed(), firstFeasibleSec, improvements, workSec };
  firstFeasibleSec ??= elapsed();
  best = { values: first.values, objective: first.objective! };
  if (first.status === 'optimal') return { ...first, elapsedSec: elapsed(), firstFeasibleSec, improvements, workSec };

  // 2) Fix-and-optimize over the neighbourhoods, from the incumbent.
  const integer = model.columns.map((c) => c.integer);
  for (let round = 0; round < MAX_ROUNDS && !proven(); round++) {
    let improved = false;
    for (const free of neighbourhoods) {
      if (proven() || options.stop?.() || outOfBudget()) break;
      const inside = new Uint8Array(model.columns.length);
      for (const j of free) inside[j] = 1;
      const incumbent = best!.values;
      const columns = model.columns.map((c, j) =>
        integer[j] && !inside[j] ? { ...c, lower: Math.round(incumbent[j]), upper: Math.round(incumbent[j]) } : c,
      );
      // Same rows array: the backend reuses its packed matrix between neighbourhoods.
      const sub = await solve(
        { ...model, columns },
        { ...common, initialSolution: incumbent, lightweight: true, stop: options.stop },
        Math.min(workLeft(), Math.max(SUB_MIN_SEC, workLeft() * SUB_SHARE)),
        { nodes: SUB_NODES },
      );
      if (
        (sub.status === 'optimal' || sub.status === 'feasible') &&
        sub.objective !== null &&
        sub.objective < best!.objective - 1e-6
      ) {
        best = { values: sub.values, objective: sub.objective };
        improvements++;
        improved = true;
        options.onSolution?.(best.values, best.objective);
        report(best.objective);
      }
    }
    if (!improved) break;
  }

  // 3) Prove (or improve) on the whole model from the best schedule.
  if (!proven() && !options.stop?.() && !outOfBudget()) {
    const last = await solve(
      model,
      {
        ...common,
        initialSolution: best!.values,
        stop: options.stop,
        ...(options.onSolution
          ? {
              onSolution: (values: Float64Array, objective: number) => {
                if (objective < best!.objective - 1e-6) options.onSolution!(values, objective);
              },
            }
          : {}),
        onProgress: (p) => {
          if (p.bound !== null) bound = Math.max(bound ?? -Infinity, p.bound);
          report(p.objective !== null ? Math.min(p.objective, best!.objective) : best!.objective);
        },
      },
      workLeft(),
    );
    if (last.bound !== null) bound = Math.max(bound ?? -Infinity, last.bound);
    if (
      (last.status === 'optimal' || last.status === 'feasible') &&
      last.objective !== null &&
      last.objective <= best!.objective
    )
      best = { values: last.values, objective: last.objective };
    if (last.status === 'optimal')
      bound = Math.max(bound ?? -Infinity, Math.min(best!.objective, last.bound ?? best!.objective));
  }

  const done = proven();
  const result: PhasedResult = {
    status: done ? 'optimal' : 'feasible',
    objective: best!.objective,
    bound,
    gap: done ? 0 : gapOf(best!.objective, bound),
    values: best!.values,
    elapsedSec: elapsed(),
    message: `${done ? 'optimal' : 'best found'} after ${plural(improvements, 'neighbourhood improvement')}`,
    firstFeasibleSec,
    improvements,
    workSec,
  };
  report(result.objective);
  return result;
}

/** The start as a 'feasible' result of a solve that found nothing itself. */
export function startResult(
  model: LinearModel,
  start: Float64Array,
  solve: SolveResult,
  bound: number | null = solve.bound,
): SolveResult {
  const objective = objectiveOf(model, start);
  return {
    ...solve,
    status: 'feasible',
    objective,
    bound,
    gap: gapOf(objective, bound),
    values: start,
    message: `${solve.message}; kept the start`,
  };
}

function gapOf(objective: number | null, bound: number | null): number | null {
  if (objective === null || bound === null) return null;
  return Math.abs(objective - bound) / Math.max(1e-9, Math.abs(objective));
}
