// How a whole-year run shares its time limit among its steps (the rotation plan, each block's
// calls, each block's half-days) and the check of the whole result at the end.
//
// The check runs alone and cannot be stopped, so its share is kept back first (by weight, then
// from what the half-day steps take, which the check's work follows). What is left is
// shared by every step still to come, in order, each time a step starts: the steps of a kind
// already seen are expected to take what those took (their median, with a margin), the running
// steps what is left of theirs, and the time nobody is expected to need goes by weight to the
// steps that could use it: those of a kind whose last step used all it had (often the call steps,
// whose small whole-number objective proves slowly) or not seen yet. A step that ends early
// (proven the best) leaves its time to the later ones, so a run ends early only when no step
// could use the time.
// A step stops at its share (the soft limit) once it has a schedule; a step with none yet goes on
// up to its hard limit, so a plan or block that needs longer than its share is found instead of
// lost (a year that only had time for its plan keeps it, with the blocks marked missing).

export type YearStepKind = 'plan' | 'calls' | 'halfday';

/**
 * Relative weight of a step in the time budget (the plan is solved once, blocks many times), and
 * of the check of the whole result at the end (measured: 150 residents, the year's check 11 s
 * against 2–3 s for a block's half-day step).
 */
export const YEAR_WEIGHT = { plan: 4, calls: 1, halfday: 2, check: 8 } as const;
/** A step is given at least this many seconds. */
export const MIN_STEP_SEC = 0.5;
/** A block's step with no schedule at its share may search up to this many times its share. */
const HARD_FACTOR = 3;
/** Margin on what the steps of a kind took so far, for the ones still to come. */
const EXPECTED_MARGIN = 1.25;
/** The year's check, in expected half-day steps (their median with its margin), and at least this many seconds. */
const CHECK_PER_HALFDAY = 4;
const MIN_CHECK_SEC = 1;
/** A step that took this much of its share used all of it (it stopped at its limit, not proven the best). */
const USED_ALL = 0.9;

export interface StepTime {
  /** Seconds after which the step stops once it has a schedule. */
  softSec: number;
  /** Seconds the step may search for a first schedule. */
  hardSec: number;
}

interface Running {
  kind: YearStepKind;
  startedSec: number;
  softSec: number;
}

export class YearBudget {
  /** The check's share of the limit by weight: what is kept back for it before any half-day step ended. */
  private readonly checkShare: number;
  private readonly waiting: Record<YearStepKind, number>;
  private readonly took: Record<YearStepKind, number[]> = { plan: [], calls: [], halfday: [] };
  private readonly running = new Map<number, Running>();
  /** Whether the last step of each kind used (nearly) all its share; null before any ended. */
  private readonly usedAll: Record<YearStepKind, boolean | null> = { plan: null, calls: null, halfday: null };
  private nextId = 0;

  /**
   * @param limitSec the run's limit, check included
   * @param parallel steps that run at once (the pool's threads)
   * @param steps how many steps of each kind the run has
   */
  constructor(
    private readonly limitSec: number,
    private readonly parallel: number,
    steps: Record<YearStepKind, number>,
  ) {
    this.waiting = { ...steps };
    const weight = (Object.keys(steps) as YearStepKind[]).reduce((s, k) => s + steps[k] * YEAR_WEIGHT[k], 0);
    // Steps run `parallel` at a time, the check alone: its weight counts that many times over.
    const check = YEAR_WEIGHT.check * parallel;
    this.checkShare = (limitSec * check) / (weight + check);
  }

  /**
   * Seconds kept back for the check of the whole result: its share by weight, or, once half-day
   * steps ended, a few times what one took (the check goes over the same days' duty; measured: a
   * year's check takes 3-5 times a block's half-day step) if that is less, at least a second.
   */
  get checkSec(): number {
    const halfday = this.expected('halfday');
    if (halfday === null) return this.checkShare;
    return Math.min(this.checkShare, Math.max(MIN_CHECK_SEC, CHECK_PER_HALFDAY * halfday));
  }

  /** What the steps of a kind are expected to take: the median of those done, with a margin; null before any. */
  expected(kind: YearStepKind): number | null {
    const took = [...this.took[kind]].sort((a, b) => a - b);
    if (took.length === 0) return null;
    return took[Math.floor((took.length - 1) / 2)] * EXPECTED_MARGIN;
  }

  /** Whether more time could help the steps of a kind: none seen yet, or the last one used all it had. */
  private hungry(kind: YearStepKind): boolean {
    const last = this.usedAll[kind];
    return last === null || last;
  }

  /** Seconds left for the steps `nowSec` into the run (the check's share kept back). */
  leftSec(nowSec: number): number {
    return this.limitSec - this.checkSec - nowSec;
  }

  /** A step of `kind` starts `nowSec` into the run: its limits, and an id to end it with. */
  start(kind: YearStepKind, nowSec: number): StepTime & { id: number } {
    const id = this.nextId++;
    this.waiting[kind] = Math.max(0, this.waiting[kind] - 1);
    const left = this.leftSec(nowSec);
    const kinds = Object.keys(this.waiting) as YearStepKind[];
    // Thread-seconds until the check, less what the running steps still expect to take.
    let avail = left * this.parallel;
    for (const r of this.running.values()) avail -= Math.max(0, r.softSec - (nowSec - r.startedSec));
    avail = Math.max(0, avail);
    // This step and the waiting ones: what each is expected to take (0 for a kind not seen yet) and its weight.
    const own = this.expected(kind) ?? 0;
    let needs = own;
    let weights = YEAR_WEIGHT[kind];
    let hungryWeights = this.hungry(kind) ? YEAR_WEIGHT[kind] : 0;
    for (const k of kinds) {
      needs += this.waiting[k] * (this.expected(k) ?? 0);
      weights += this.waiting[k] * YEAR_WEIGHT[k];
      if (this.hungry(k)) hungryWeights += this.waiting[k] * YEAR_WEIGHT[k];
    }
    // Time to spare goes by weight to the steps that could use it: those of a kind not seen yet or
    // whose last step used all it had (none such: to every step by weight). A step of a kind that
    // was fast so far still gets its share by weight of the spare: one harder block of that kind
    // would otherwise stop unproven at what the easy ones took while the run has time left (seen:
    // a 100-resident year with 300 s ended at 15 s with two steps not proven the best). Too little
    // time, and everyone's expectation shrinks alike.
    const spare = avail - needs;
    const share =
      spare >= 0
        ? own +
          (hungryWeights > 0 && this.hungry(kind)
            ? (spare * YEAR_WEIGHT[kind]) / hungryWeights
            : (spare * YEAR_WEIGHT[kind]) / weights)
        : own > 0
          ? (avail * own) / needs
          : (avail * YEAR_WEIGHT[kind]) / weights;
    const softSec = Math.max(MIN_STEP_SEC, Math.min(left, share));
    // The least the steps after this one need, one after the other on the pool's threads.
    const after = kinds.reduce((s, k) => s + this.waiting[k], 0);
    const floor = left - (MIN_STEP_SEC * after) / this.parallel;
    // Not the whole time left, even for the plan: HiGHS does not answer the stop inside a MIP's root
    // LP (seen at 150 residents under load: a first plan at once, then 130 s of root LP past its
    // share), so the hard limit is what actually bounds a step.
    // A step with no schedule yet may always use its fair share by weight (a kind that was fast so
    // far gets little of the spare time, but may need more under load or on a harder block).
    const fair = own + (Math.max(0, spare) * YEAR_WEIGHT[kind]) / weights;
    const hardSec = Math.max(softSec, Math.min(floor, Math.max(softSec * HARD_FACTOR, fair)));
    this.running.set(id, { kind, startedSec: nowSec, softSec });
    return { id, softSec, hardSec };
  }

  /** The step `id` ended `nowSec` into the run. */
  end(id: number, nowSec: number): void {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    const took = nowSec - r.startedSec;
    this.took[r.kind].push(took);
    this.usedAll[r.kind] = took >= r.softSec * USED_ALL;
  }
}
