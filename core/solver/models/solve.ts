// Solve a generation model on a backend: progress, figures (size, time to first feasible, time
// to optimal or gap at the limit), decoding, and diagnosis when the model is infeasible.
import type { SolveProgress, SolveResult, SolverBackend } from '../backend';
import { countedDiagnosis, diagnose, type Diagnosis } from '../diagnose/diagnose';
import { violatedRows } from './builder';
import { solveInPhases, startResult } from './phased';
import { objectiveOf } from '../backends/model-arrays';
import { plural } from '../../domain/words';
import type { GenerationModel } from './model';
import { startFromHint } from './start';
import { constructSchedule } from './construct';
import { solveWorkSec, workLimitFor } from '../roster/work-clock';

export interface SolveFigures {
  backend: string;
  variables: number;
  integers: number;
  rows: number;
  nonzeros: number;
  /** Seconds from the start of the solve to the first feasible solution, when reported. */
  firstFeasibleSec: number | null;
  solveSec: number;
  /**
   * Work seconds the solve did (core/solver/roster/work-clock: LP iterations, the same on a quiet or a
   * loaded machine); absent where it is not counted.
   */
  workSec?: number;
  /** Backend status of the main solve. */
  status: string;
  objective: number | null;
  bound: number | null;
  /** Relative gap at the end: 0 = proven optimal. */
  gap: number | null;
  /** The schedule is the quick construction's, kept because the solver found no better one: why, in words. */
  constructed?: string;
}

export interface GenerationOutcome<R> {
  /** 'optimal'/'feasible': `result` is set; 'infeasible': `diagnosis` says what to relax. */
  status: 'optimal' | 'feasible' | 'infeasible' | 'stopped' | 'failed';
  result: R | null;
  diagnosis: Diagnosis | null;
  figures: SolveFigures;
  message: string;
}

export interface GenerationSolveOptions<R = unknown> {
  /** Real seconds; with `workLimitSec`, the backstop only. */
  timeLimitSec: number;
  /**
   * A budget of work seconds (core/solver/roster/work-clock): the solve stops there once it has a
   * schedule (a start counts); one with none yet searches on to its first, up to `timeLimitSec`.
   * So where it ends does not depend on the machine's load. Default: `timeLimitSec`, as work
   * seconds for the phased search, as real seconds otherwise.
   */
  workLimitSec?: number;
  mipGap?: number;
  stop?: () => boolean;
  onProgress?: (p: SolveProgress) => void;
  /** Time for the infeasibility diagnosis; default the main limit. */
  diagnoseTimeLimitSec?: number;
  /**
   * What the solve would return if it were stopped now: as it starts (its start schedule, or
   * nothing) and at each better schedule the backend reports (checked against the model first).
   */
  onIncumbent?: (outcome: GenerationOutcome<R>) => void;
}

const INTEGRAL_ABS_GAP = 0.999;

export async function solveGeneration<R>(
  model: GenerationModel<R>,
  backend: SolverBackend,
  options: GenerationSolveOptions<R>,
): Promise<GenerationOutcome<R>> {
  const size = model.builder.size;
  let firstFeasibleSec: number | null = null;
  const linear = model.builder.build();
  const started = performance.now();
  const sizeFigures = {
    backend: backend.name,
    variables: size.variables,
    integers: size.integers,
    rows: size.rows,
    nonzeros: size.nonzeros,
  };
  // Requirements no choice can meet are found by counting, exactly and before any solve.
  const counted = countedDiagnosis(model.builder);
  if (counted)
    return {
      status: 'infeasible',
      result: null,
      diagnosis: counted,
      figures: {
        ...sizeFigures,
        firstFeasibleSec: null,
        solveSec: 0,
        status: 'infeasible',
        objective: null,
        bound: null,
        gap: null,
      },
      message: `${model.label}: ${counted.summary}`,
    };
  const onIncumbent = options.onIncumbent;
  /** The outcome of a stop now, with `values` (a schedule the model accepts) or none found yet. */
  const incumbent = (values: Float64Array | null, objective: number | null, how: string) =>
    onIncumbent?.({
      status: values ? 'feasible' : 'stopped',
      result: values ? model.decode(values) : null,
      diagnosis: null,
      figures: {
        ...sizeFigures,
        firstFeasibleSec,
        solveSec: (performance.now() - started) / 1000,
        status: values ? 'feasible' : 'no_solution',
        objective,
        bound: null,
        gap: null,
      },
      message: `${model.label}: ${how}`,
    });
  const budget = options.workLimitSec;
  // GLPK counts no work (core/solver/backend.ts): it takes its budget's work seconds as real seconds.
  const countsWork = backend.name === 'highs';
  // The start's repair and the diagnosis are the step's work too: a year step's budget is charged for them.
  let sideWorkSec = 0;
  const charged: SolverBackend = {
    name: backend.name,
    async solve(m, o) {
      const out = await backend.solve(m, o);
      if (countsWork) sideWorkSec += solveWorkSec(m, out);
      return out;
    },
  };
  // The schedule people rely on (published, or the current plan), completed and repaired where the change breaks it.
  const hinted = model.startHint
    ? await startFromHint(model.builder, model.startHint, charged, {
        timeLimitSec: options.timeLimitSec,
        ...(budget !== undefined && countsWork ? { workSec: budget } : {}),
        stop: options.stop,
      })
    : undefined;
  // No schedule to keep: the quick construction's, where the model offers it (checked against every row),
  // kept only if the solver finds none in time. The solver does not start from it: from that poor plan
  // the search to the optimum took 3 times as long (annual plan, 100 residents: 8.7 s against 2.9 s).
  const constructed =
    hinted === undefined && model.assignmentRows
      ? constructSchedule(model.builder, model.assignmentRows, { stop: options.stop })
      : undefined;
  if (constructed) firstFeasibleSec = (performance.now() - started) / 1000;
  const start = hinted?.values;
  /** What stands if the solver finds nothing: the current schedule, or the quick construction's. */
  const fallback = start ?? constructed?.values;
  /** What a kept start is, in the message: the current schedule, or that schedule with the changes it needed. */
  const kept = hinted?.repaired
    ? 'kept the current one, changed only where it no longer meets every rule'
    : 'kept the current one';
  /** How long the search had: "10 s", or a year step's share of the run's work. */
  const searchLimit = () =>
    budget !== undefined && result.stoppedBy !== 'time'
      ? `its share of the run (${formatSeconds(budget)} of solver work)`
      : formatSeconds(options.timeLimitSec);
  /** The message of a kept start: the current schedule, or the quick construction's. */
  const keptText = (stopped: boolean) => {
    if (!constructed) return `${kept} (${stopped ? 'stopped' : `no better one found within ${searchLimit()}`})`;
    const solver = stopped
      ? 'the solver was stopped before it found a better plan'
      : `the solver found no better plan within ${searchLimit()}`;
    return `${solver}; this plan was built by the quick construction: it meets every hard rule`;
  };
  const solveLimitSec = Math.max(0.001, options.timeLimitSec - (performance.now() - started) / 1000);
  if (onIncumbent)
    incumbent(
      fallback ?? null,
      fallback ? objectiveOf(linear, fallback) : null,
      fallback ? keptText(true) : 'stopped before a schedule was found',
    );
  const onSolution = onIncumbent
    ? {
        onSolution: (values: Float64Array, objective: number) => {
          // Only a schedule the model accepts (the same test as the final answer's, below).
          if (violatedRows(model.builder, values, 1e-5).length === 0)
            incumbent(values, objective, 'a complete schedule, not proven the best (stopped)');
        },
      }
    : {};
  // With whole-number costs every schedule's objective is a whole number (penalty columns settle
  // on whole values), so a bound within 1 of the incumbent already proves it optimal.
  const integral = Number.isInteger(linear.offset) && linear.columns.every((c) => Number.isInteger(c.cost));
  const solveOptions = {
    timeLimitSec: budget === undefined || countsWork ? solveLimitSec : Math.min(solveLimitSec, budget),
    mipGap: options.mipGap,
    ...(integral ? { mipAbsGap: INTEGRAL_ABS_GAP } : {}),
    stop: options.stop,
    onProgress: (p: SolveProgress) => {
      if (firstFeasibleSec === null && p.objective !== null) firstFeasibleSec = p.elapsedSec;
      options.onProgress?.(p);
    },
    ...onSolution,
  };
  let workSec: number | undefined;
  let result: SolveResult;
  if (model.neighbourhoods?.length) {
    const phased = await solveInPhases(linear, backend, model.neighbourhoods, {
      ...solveOptions,
      ...(budget !== undefined ? { workSec: budget } : {}),
      wholeModelFirstSec: model.wholeModelFirstSec,
      start,
    });
    workSec = phased.workSec;
    result = phased;
  } else {
    result = await backend.solve(linear, {
      ...solveOptions,
      ...(start ? { initialSolution: start } : {}),
      // The budget ends the search once it has a schedule: a first one is an event, never cut by it.
      ...(budget !== undefined ? { workLimit: { ...workLimitFor(linear, budget), afterFirstSolution: true } } : {}),
    });
    workSec = solveWorkSec(linear, result);
  }
  // Nothing better found in time (or stopped first): the model's start stands.
  if (result.status === 'no_solution' && fallback) result = startResult(linear, fallback, result);
  const keptStart = fallback !== undefined && result.values === fallback && result.status !== 'optimal';
  if ((result.status === 'optimal' || result.status === 'feasible') && firstFeasibleSec === null)
    firstFeasibleSec = result.elapsedSec;
  // The shortcut above proves optimality only for a whole-number incumbent.
  if (
    integral &&
    result.status === 'optimal' &&
    result.objective !== null &&
    Math.abs(result.objective - Math.round(result.objective)) > 1e-6
  ) {
    result.status = 'feasible';
    result.gap =
      result.bound === null
        ? null
        : Math.abs(result.objective - result.bound) / Math.max(1e-9, Math.abs(result.objective));
  }
  const figures: SolveFigures = {
    backend: backend.name,
    variables: size.variables,
    integers: size.integers,
    rows: size.rows,
    nonzeros: size.nonzeros,
    firstFeasibleSec,
    solveSec: result.elapsedSec,
    ...(workSec !== undefined || sideWorkSec > 0 ? { workSec: (workSec ?? 0) + sideWorkSec } : {}),
    status: result.status,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
  };

  if (result.status === 'optimal' || result.status === 'feasible') {
    // The backend's answer is checked against the model before anything is decoded.
    const bad = violatedRows(model.builder, result.values, 1e-5);
    if (bad.length > 0)
      return {
        status: 'failed',
        result: null,
        diagnosis: null,
        figures,
        message:
          `${backend.name} returned a schedule that breaks ${plural(bad.length, 'condition')} of the model, ` +
          `e.g. ${bad[0]}`,
      };
    if (keptStart && constructed) figures.constructed = keptText(!!options.stop?.());
    return {
      status: result.status,
      result: model.decode(result.values),
      diagnosis: null,
      figures,
      message: keptStart
        ? `${model.label}: ${keptText(!!options.stop?.())}`
        : result.status === 'optimal'
          ? `${model.label}: optimal (proven the best)`
          : result.gap === null
            ? `${model.label}: a complete schedule, not proven the best (${backend.name} cannot tell how much ` +
              `better one could be)`
            : `${model.label}: a complete schedule, could still improve by up to ${formatGap(result.gap)}`,
    };
  }
  if (result.status === 'infeasible') {
    const diagnosis = await diagnose(model.builder, charged, {
      timeLimitSec: options.diagnoseTimeLimitSec ?? options.timeLimitSec,
      // On the model's budget: which requirements it names must not depend on the machine's load.
      ...(budget !== undefined && countsWork ? { workSec: budget } : {}),
      stop: options.stop,
    });
    if (sideWorkSec > 0) figures.workSec = (workSec ?? 0) + sideWorkSec;
    return {
      status: 'infeasible',
      result: null,
      diagnosis,
      figures,
      // A relaxed diagnosis says itself that the schedule cannot meet every requirement.
      message:
        diagnosis.status === 'relaxed'
          ? `${model.label}: ${diagnosis.summary}`
          : `${model.label}: no schedule can meet every requirement. ${diagnosis.summary}`,
    };
  }
  if (options.stop?.())
    return {
      status: 'stopped',
      result: null,
      diagnosis: null,
      figures,
      message: `${model.label}: stopped before a schedule was found`,
    };
  return {
    status: 'failed',
    result: null,
    diagnosis: null,
    figures,
    message:
      result.status === 'no_solution'
        ? `${model.label}: no schedule found within ${formatSeconds(options.timeLimitSec)}; allow more time`
        : `${model.label}: ` +
          `${result.status === 'unbounded' ? 'the model has no limit (a fault of ours)' : 'the solver failed'} ` +
          `(${result.message})`,
  };
}

/**
 * Seconds as a coordinator reads them: 0.5 s, 9.8 s, 10 s, 131 s (a year step's share is a fraction);
 * a share under a tenth keeps its one significant digit (0.002 s), never "0 s".
 */
export function formatSeconds(sec: number): string {
  if (sec > 0 && sec < 0.05) return `${Number(sec.toPrecision(1))} s`;
  return `${sec < 10 ? Number(sec.toFixed(1)) : Math.round(sec)} s`;
}

export function formatGap(gap: number | null): string {
  return gap === null ? 'unknown' : `${(gap * 100).toFixed(2)} %`;
}
