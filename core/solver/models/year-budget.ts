// How a whole-year run shares its limit among its steps (the rotation plan, each block's calls,
// each block's half-days) and the check of the whole result at the end.
//
// The steps share WORK, not seconds (core/solver/roster/work-clock: LP iterations, counted the same
// on a quiet or a loaded machine): the run's limit, less the check's share by weight, in work
// seconds. Each lane of steps that run one after the other — the plan; the calls, block by block;
// each chain of half-day steps (core/solver/models/year.ts) — has its share by weight, and each step
// its lane's work left by weight when it starts; what a step leaves (proven the best early) goes to
// the next steps of its lane, what the plan leaves to every lane, and what the calls leave at their
// last block to that block's half-days (the one step that waits for them). What a half-day chain
// leaves at its end is not handed on: no step waits for it, so which would get it would be timing.
// A lane's steps wait for each other, so every budget follows from the work the earlier steps did,
// never from timing: the same request gets the same budgets, and so the same draft, whatever the
// machine's load.
// A step stops at its budget once it has a schedule; with none yet it searches on to its first
// (core/solver/models/solve.ts), so a plan or block that needs more than its share is found instead
// of lost. The wall clock is the user's backstop only: no step is started, and none runs, past the
// time before the check's share (the check runs alone and cannot be stopped).

export type YearStepKind = 'plan' | 'calls' | 'halfday';

/**
 * Relative weight of a step in the budget (the plan is solved once, blocks many times), and of the
 * check of the whole result at the end (measured: 150 residents, the year's check 11 s against 2–3 s
 * for a block's half-day step).
 */
export const YEAR_WEIGHT = { plan: 4, calls: 1, halfday: 2, check: 8 } as const;
/** A step is given at least this many work seconds (and its backstop at least this many real seconds). */
export const MIN_STEP_SEC = 0.5;
/** The year's check, in half-day steps' real seconds (their median with a margin), and at least this many seconds. */
const CHECK_PER_HALFDAY = 4;
const EXPECTED_MARGIN = 1.25;
const MIN_CHECK_SEC = 1;

export interface StepBudget {
  /** Work seconds after which the step stops once it has a schedule. */
  workSec: number;
  /** Real seconds it may take at most: the time left before the check's share (the backstop). */
  timeLimitSec: number;
}

interface Lane {
  weightLeft: number;
  workLeft: number;
  /** Work another lane left at its end, for this lane's last step only (which waits for that lane's last). */
  forLast: number;
}

interface Running {
  kind: YearStepKind;
  lane: string;
  startedSec: number;
}

export class YearBudget {
  /** The check's share of the limit by weight: the real seconds kept back for it before any half-day step ended. */
  private readonly checkShare: number;
  private readonly lanes = new Map<string, Lane>();
  private readonly halfdayTook: number[] = [];
  private readonly running = new Map<number, Running>();
  private nextId = 0;

  /**
   * @param limitSec the run's limit, check included
   * @param parallel steps that run at once (the pool's threads)
   * @param lanes each lane's steps, in the order they run ('plan' holds the plan)
   * @param heirs a lane → the lane whose last step waits for its last step: what the one leaves at its end
   *   goes to that step (the calls' last block → the half-days of the year's last block). Only a step that
   *   waits for it can take it: any other would get it or not by timing.
   */
  constructor(
    private readonly limitSec: number,
    parallel: number,
    lanes: Record<string, YearStepKind[]>,
    private readonly heirs: Record<string, string> = {},
  ) {
    const weightOf = (steps: YearStepKind[]) => steps.reduce((s, k) => s + YEAR_WEIGHT[k], 0);
    const weight = Object.values(lanes).reduce((s, steps) => s + weightOf(steps), 0);
    // Work: the check's weight once (the budget does not depend on the threads).
    const work = (limitSec * weight) / (weight + YEAR_WEIGHT.check);
    for (const [name, steps] of Object.entries(lanes))
      this.lanes.set(name, { weightLeft: weightOf(steps), workLeft: (work * weightOf(steps)) / weight, forLast: 0 });
    // Real time: steps run `parallel` at a time, the check alone: its weight counts that many times over.
    const check = YEAR_WEIGHT.check * parallel;
    this.checkShare = (limitSec * check) / (weight + check);
  }

  /**
   * Real seconds kept back for the check of the whole result: its share by weight, or, once half-day
   * steps ended, a few times what one took (the check goes over the same days' duty; measured: a
   * year's check takes 3-5 times a block's half-day step) if that is less, at least a second.
   */
  get checkSec(): number {
    const took = [...this.halfdayTook].sort((a, b) => a - b);
    if (took.length === 0) return this.checkShare;
    const halfday = took[Math.floor((took.length - 1) / 2)] * EXPECTED_MARGIN;
    return Math.min(this.checkShare, Math.max(MIN_CHECK_SEC, CHECK_PER_HALFDAY * halfday));
  }

  /** Real seconds left for the steps `nowSec` into the run (the check's share kept back). */
  leftSec(nowSec: number): number {
    return this.limitSec - this.checkSec - nowSec;
  }

  /** A step of `kind` in `lane` starts `nowSec` into the run: its budget, and an id to end it with. */
  start(kind: YearStepKind, lane: string, nowSec: number): StepBudget & { id: number } {
    const id = this.nextId++;
    const l = this.lanes.get(lane);
    if (!l) throw new Error(`The year's budget has no lane ${lane}`);
    let share = l.weightLeft > 0 ? (Math.max(0, l.workLeft) * YEAR_WEIGHT[kind]) / l.weightLeft : 0;
    l.weightLeft -= YEAR_WEIGHT[kind];
    if (l.weightLeft <= 0) {
      share += l.forLast;
      l.workLeft += l.forLast;
      l.forLast = 0;
    }
    this.running.set(id, { kind, lane, startedSec: nowSec });
    return {
      id,
      workSec: Math.max(MIN_STEP_SEC, share),
      timeLimitSec: Math.max(MIN_STEP_SEC, this.leftSec(nowSec)),
    };
  }

  /**
   * The step `id` ended `nowSec` into the run, having done `workSec` of work: its lane keeps what
   * it left; what the plan left goes to every other lane by weight.
   */
  end(id: number, nowSec: number, workSec: number): void {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    if (r.kind === 'halfday') this.halfdayTook.push(nowSec - r.startedSec);
    const lane = this.lanes.get(r.lane)!;
    lane.workLeft -= workSec;
    const heir = this.heirs[r.lane];
    if (heir && lane.weightLeft <= 0 && lane.workLeft > 0) {
      this.lanes.get(heir)!.forLast += lane.workLeft;
      lane.workLeft = 0;
    }
    if (r.kind !== 'plan' || lane.workLeft <= 0) return;
    const others = [...this.lanes.entries()].filter(([name]) => name !== r.lane).map(([, l]) => l);
    const weight = others.reduce((s, l) => s + l.weightLeft, 0);
    for (const l of others) l.workLeft += weight > 0 ? (lane.workLeft * l.weightLeft) / weight : 0;
    lane.workLeft = 0;
  }
}
