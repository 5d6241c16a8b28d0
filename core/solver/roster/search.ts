// The shared state of one roster search: incumbent, bound, clock, stop and progress reporting,
// and the one way every phase runs a sub-problem (restrict to the free columns, solve warm-started
// from the incumbent, merge back only when the full objective does not get worse).
import type { SolveResult, SolverBackend } from '../backend';
import { objectiveOf, solutionViolations } from '../backends/model-arrays';
import { tightenCover, type RosterModel } from './model';
import { restrictModel } from './restrict';
import { modelScanWorkSec, solveWorkSec, workLimitedOptions } from './work-clock';
import type { RosterImprovement, RosterPhaseRecord, RosterProgress } from './types';

export interface SearchOptions {
  backend: SolverBackend;
  timeLimitSec: number;
  stop?: () => boolean;
  onProgress?: (p: RosterProgress) => void;
  /** performance.now() when the caller's clock started (default: now): the time limit counts from it. */
  started?: number;
  /**
   * The clock counts work, not seconds (work-clock.ts): the same seed repeats the same search
   * however loaded the machine. The time limit is then in work seconds.
   */
  repeatable?: boolean;
  /**
   * A repeatable search's work before this search began (compiling, a first roster, building the model): its
   * clock starts there, so the time limit holds for the whole solve.
   */
  startWorkSec?: number;
}

export interface SubSolveOutcome {
  /** Backend result of the sub-problem (its objective includes the fixed part). */
  result: SolveResult;
  /** Objective of the merged full solution, null when the sub-solve found none. */
  objective: number | null;
  improved: boolean;
  /** The merged solution was accepted as the new incumbent (better, or equal and different). */
  accepted: boolean;
}

const PROGRESS_INTERVAL_SEC = 0.5;

export class RosterSearch {
  readonly started: number;
  values: Float64Array | null = null;
  objective: number | null = null;
  bound: number | null = null;
  /** Optimal solution of the LP relaxation, when computed: guides neighbourhoods. */
  relaxation: Float64Array | null = null;
  firstFeasibleSec: number | null = null;
  bestSec: number | null = null;
  iterations = 0;
  readonly improvements: RosterImprovement[] = [];
  /** Every phase run, in order, with what it took and what it brought. */
  readonly phases: RosterPhaseRecord[] = [];
  private current: RosterPhaseRecord;
  stoppedByUser = false;
  private lastReport = -Infinity;
  /** Work seconds done so far (a repeatable search's clock). */
  private workSec = 0;
  /** Nonzeros of the model: what a check of a roster, or cutting a sub-model, reads. */
  private readonly nonzeros: number;

  readonly options: SearchOptions;

  constructor(
    readonly rm: RosterModel,
    options: SearchOptions,
  ) {
    this.started = options.started ?? performance.now();
    this.workSec = options.startWorkSec ?? 0;
    this.nonzeros = rm.model.rows.reduce((n, r) => n + r.indices.length, 0);
    // Every MILP and LP of the search goes through this backend: the phase log counts them.
    const backend = options.backend;
    this.options = {
      ...options,
      backend: {
        name: backend.name,
        solve: async (model, solveOptions) => {
          this.current.solves++;
          if (!options.repeatable) return backend.solve(model, solveOptions);
          const result = await backend.solve(model, workLimitedOptions(model, solveOptions));
          // The solve's length as the search sees it: the work it did.
          const spent = solveWorkSec(model, result);
          this.charge(spent);
          return { ...result, elapsedSec: spent };
        },
      },
    };
    this.current = this.openPhase('construct');
  }

  get phase(): RosterProgress['phase'] {
    return this.current.phase;
  }
  /** Entering a phase (again) closes the one running and opens a new record in the phase log. */
  set phase(phase: RosterProgress['phase']) {
    const now = this.elapsed();
    this.closePhase(now);
    this.current = this.openPhase(phase, now);
  }

  private openPhase(phase: RosterProgress['phase'], now = this.elapsed()): RosterPhaseRecord {
    const record: RosterPhaseRecord = {
      phase,
      startSec: now,
      endSec: now,
      objectiveBefore: this.objective,
      objectiveAfter: this.objective,
      boundBefore: this.bound,
      boundAfter: this.bound,
      solves: 0,
    };
    this.phases.push(record);
    return record;
  }

  private closePhase(now = this.elapsed()): void {
    this.current.endSec = now;
    this.current.objectiveAfter = this.objective;
    this.current.boundAfter = this.bound;
  }

  /** The phase log up to now (the running phase closed at this moment). */
  phaseLog(): RosterPhaseRecord[] {
    this.closePhase();
    return this.phases.map((r) => ({ ...r }));
  }

  /** Seconds since the start: work seconds in a repeatable search. */
  elapsed(): number {
    return this.options.repeatable ? this.workSec : this.realElapsed();
  }
  remaining(): number {
    return this.options.timeLimitSec - this.elapsed();
  }
  private realElapsed(): number {
    return (performance.now() - this.started) / 1000;
  }
  /** Count work done outside the backend (annealing moves, DP labels) on a repeatable search's clock. */
  charge(workSec: number): void {
    this.workSec += workSec;
  }
  get repeatable(): boolean {
    return this.options.repeatable === true;
  }
  /** True once the caller asked to stop or the time is up. */
  shouldStop(): boolean {
    if (this.options.stop?.()) this.stoppedByUser = true;
    return this.stoppedByUser || this.remaining() <= 0;
  }

  /** Rounds objectives of all-integer-weight problems, so 607.0000001 compares equal to 607. */
  normalise(z: number): number {
    return this.rm.compiled.integralObjective ? Math.round(z) : z;
  }

  /** Lower bound rounded up for integral objectives; the incumbent is optimal when it reaches it. */
  provenOptimal(): boolean {
    if (this.objective === null || this.bound === null) return false;
    const bound = this.rm.compiled.integralObjective ? Math.ceil(this.bound - 1e-6) : this.bound;
    return this.objective <= bound + 1e-9;
  }

  raiseBound(bound: number | null): void {
    if (bound === null || !Number.isFinite(bound)) return;
    if (this.bound === null || bound > this.bound) this.bound = bound;
  }

  /**
   * Offer a complete solution: checked against every row of the model (a candidate that breaks
   * one is refused), its cover slacks at their least, then the incumbent when it is no worse.
   * `foundSec`: when the roster was found, if before now (a roster built before the model was).
   */
  offer(values: Float64Array, foundSec?: number): { improved: boolean; accepted: boolean } {
    if (this.repeatable) this.charge(modelScanWorkSec(this.nonzeros));
    if (solutionViolations(this.rm.model, values).length > 0) return { improved: false, accepted: false };
    const z = this.normalise(objectiveOf(this.rm.model, tightenCover(this.rm, values)));
    const improved = this.objective === null || z < this.objective - 1e-9;
    const accepted = improved || (this.objective !== null && z <= this.objective + 1e-9);
    if (accepted) {
      this.values = values;
      this.objective = z;
    }
    if (improved) {
      const t = foundSec ?? this.elapsed();
      if (this.firstFeasibleSec === null) this.firstFeasibleSec = t;
      this.bestSec = t;
      this.improvements.push({ elapsedSec: t, objective: z, phase: this.phase });
      this.report(true);
    }
    return { improved, accepted };
  }

  report(force = false): void {
    if (!this.options.onProgress) return;
    const t = this.elapsed();
    if (!force && t - this.lastReport < PROGRESS_INTERVAL_SEC) return;
    this.lastReport = t;
    const gap =
      this.objective !== null && this.bound !== null
        ? Math.max(0, this.objective - this.bound) / Math.max(1, Math.abs(this.objective))
        : null;
    this.options.onProgress({
      elapsedSec: t,
      objective: this.objective,
      bound: this.bound,
      gap,
      phase: this.phase,
      iterations: this.iterations,
    });
  }

  /**
   * Solve the sub-problem over the free columns with everything else at `base` (default: the
   * incumbent) and merge the result into a copy of `base`.
   */
  async subSolve(
    free: Uint8Array,
    timeLimitSec: number,
    {
      base = this.values,
      warm = true,
      mipGap = 0,
      lightweight = true,
    }: { base?: Float64Array | null; warm?: boolean; mipGap?: number; lightweight?: boolean } = {},
  ): Promise<SubSolveOutcome & { values: Float64Array | null }> {
    const model = this.rm.model;
    const start = base ?? new Float64Array(model.columns.length);
    const sub = restrictModel(model, free, start);
    if (this.repeatable) this.charge(modelScanWorkSec(this.nonzeros));
    const initial = base && warm ? Float64Array.from(sub.cols, (j) => base[j]) : undefined;
    const result = await this.options.backend.solve(sub.model, {
      timeLimitSec: Math.max(0.01, Math.min(timeLimitSec, this.remaining())),
      mipGap,
      // Whole-number objectives: a bound within 1 of the incumbent already proves it optimal.
      mipAbsGap: this.rm.compiled.integralObjective ? 1 - 1e-6 : undefined,
      lightweight,
      initialSolution: initial,
      stop: () => this.shouldStop(),
    });
    if (result.values.length === 0) return { result, objective: null, improved: false, accepted: false, values: null };
    const merged = Float64Array.from(start);
    sub.cols.forEach((j, k) => {
      // Values come back as 0.9999999; integer columns (and continuous ones that are integral
      // within tolerance, like cover slacks) are stored exactly.
      const v = result.values[k];
      const r = Math.round(v);
      merged[j] = model.columns[j].integer || Math.abs(v - r) < 1e-7 ? r : v;
    });
    return {
      result,
      objective: this.normalise(objectiveOf(model, merged)),
      improved: false,
      accepted: false,
      values: merged,
    };
  }
}
