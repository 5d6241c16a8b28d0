// The rostering engine's entry point: validate, build the MILP, find a first roster quickly,
// then alternate fix-and-optimize with warm-started exact solves of the whole model (which also
// raise the lower bound and can prove optimality) until the time is up or a stop is requested.
import type { SolverBackend } from '../backend';
import { getBackend, type BackendName } from '../backends';
import { dualBound } from '../backends/model-arrays';
import { createImproveState, improveRoster } from './improve';
import { buildRosterModel, decodeGrid, encodeGrid, type RosterModel } from './model';
import { compileRoster, RosterProblemError, rosterObjective } from './problem';
import { LinePool } from './columns';
import {
  constructByLines,
  constructRoster,
  lineConstructionWorkSec,
  POLISH_MAX_DAYS,
  sharedColumns,
} from './construct';
import { anneal, type AnnealResult } from './local-search';
import { createRng, type Rng } from './random';
import { RosterSearch } from './search';
import type { RosterProblem, RosterProgress, RosterResult } from './types';
import { modelBuildWorkSec, moveWorkSec, rosterPassWorkSec } from './work-clock';

export interface SolveRosterOptions {
  /** Wall-clock budget in seconds (work seconds when `repeatable`). */
  timeLimitSec: number;
  /** MILP backend (default HiGHS). */
  backend?: SolverBackend | BackendName;
  /** Cooperative stop, polled between and inside sub-solves: the best roster so far is returned. */
  stop?: () => boolean;
  onProgress?: (p: RosterProgress) => void;
  /** Seed of the neighbourhood choices (default 1). */
  seed?: number;
  /**
   * Repeatable: the engine's clock counts work instead of seconds (work-clock.ts), so the same
   * seed repeats the same search, phase by phase, on a quiet or a loaded machine (for A/B
   * comparisons); `timeLimitSec` is then work seconds (about CPU seconds; each MILP or LP has 100
   * times its share in real seconds as a backstop). Otherwise phases end on the clock, and a run
   * depends on the machine's load.
   */
  repeatable?: boolean;
  /** Limit of one fix-and-optimize sub-solve (default: from the budget, 0.5–3 s). */
  subTimeLimitSec?: number;
  /** A roster to start from (staff in problem order, shift id or null per day), e.g. the current one. */
  initialRoster?: (string | null)[][];
  /** Add the caller's own rows or columns (use addRosterColumn for columns) before solving. */
  extend?: (rm: RosterModel) => void;
}

function toIds(rm: RosterModel, grid: Int16Array[]): (string | null)[][] {
  const shifts = rm.compiled.problem.shifts;
  return grid.map((row) => Array.from(row, (t) => (t < 0 ? null : shifts[t].id)));
}

function fromIds(rm: RosterModel, roster: (string | null)[][]): Int16Array[] {
  const c = rm.compiled;
  if (roster.length !== c.S)
    throw new RosterProblemError(`initialRoster: has ${roster.length} rows, the problem has ${c.S} staff`);
  const index = new Map(c.problem.shifts.map((s, t) => [s.id, t]));
  return roster.map((row, s) => {
    if (row.length !== c.D)
      throw new RosterProblemError(`initialRoster[${s}]: has ${row.length} days, the horizon is ${c.D}`);
    return Int16Array.from(row, (id, d) => {
      if (id === null) return -1;
      const t = index.get(id);
      if (t === undefined) throw new RosterProblemError(`initialRoster[${s}][${d}]: unknown shift "${id}"`);
      return t;
    });
  });
}

/** What an exact run returned: its outcome, and whether branch and bound got past the root. */
export interface ExactOutcome {
  status: 'optimal' | 'infeasible' | 'other';
  /** The run ended at the root node (its cut loop or root heuristics unfinished). */
  rootOnly: boolean;
  seconds: number;
}

/** Exact phase: the whole model, warm-started from the incumbent. */
async function solveExact(search: RosterSearch, timeLimitSec: number): Promise<ExactOutcome> {
  search.phase = 'exact';
  search.report(true);
  const started = search.elapsed();
  const free = new Uint8Array(search.rm.model.columns.length).fill(1);
  const out = await search.subSolve(free, timeLimitSec, {
    base: search.values,
    warm: search.values !== null,
    mipGap: 0,
    lightweight: false,
  });
  search.raiseBound(out.result.bound);
  if (out.values && out.objective !== null) search.offer(out.values);
  if (out.result.status === 'optimal' && out.objective !== null) search.raiseBound(out.objective);
  const status =
    out.result.status === 'infeasible' ? 'infeasible' : out.result.status === 'optimal' ? 'optimal' : 'other';
  return { status, rootOnly: (out.result.work?.nodes ?? 0) === 0, seconds: search.elapsed() - started };
}

/**
 * Whether a long exact run of `seconds` is worth starting after the first attempt: HiGHS cannot
 * resume a run, so one that the first attempt showed ending inside the root (cut loop, root
 * heuristics: 12 CPU-s on a 28-day roster of 30 staff × 4 shifts) brings nothing in the same time
 * again. It gets a run only with at least twice the first one's time; else the heuristics keep it.
 */
export function exactRunWorthIt(first: ExactOutcome | null, seconds: number): boolean {
  return first === null || !first.rootOnly || seconds >= 2 * first.seconds;
}

/**
 * LP relaxations with more nonzeros than this are solved by the barrier: the dual simplex's
 * iterations grow with the model (3 434 on a 28-day roster of 30 staff × 4 shifts, 45 k nonzeros,
 * 1.5 CPU-s; 12 853 on 56 days × 40 staff × 5 shifts, 141 k, 8.5 CPU-s: past a 60 s run's share),
 * the barrier's stay at 25–31 (1.6 and 4 CPU-s). Below it the simplex's vertex is as quick.
 */
const BARRIER_NONZEROS = 100_000;

/**
 * The LP relaxation's share of a run of `budget` seconds, and whether it is solved by the barrier (see
 * BARRIER_NONZEROS). A model whose LP needs the barrier takes the first exact attempt's share too (the barrier
 * needs about 4 of its 9 s there, on 56 days × 40 staff × 5 shifts).
 */
export function relaxationShare(nonzeros: number, budget: number): { seconds: number; barrier: boolean } {
  const barrier = nonzeros > BARRIER_NONZEROS;
  return { seconds: Math.max(1, budget * (barrier ? 0.15 : 0.05)), barrier };
}

/** The LP relaxation of the whole model: a lower bound, and the guide of RINS neighbourhoods. */
export async function solveRelaxation(search: RosterSearch, timeLimitSec: number, barrier: boolean): Promise<void> {
  search.phase = 'relaxation';
  const model = search.rm.model;
  const relaxed = { ...model, columns: model.columns.map((c) => ({ ...c, integer: false })) };
  const res = await search.options.backend.solve(relaxed, {
    timeLimitSec: Math.min(timeLimitSec, search.remaining()),
    stop: () => search.shouldStop(),
    lpMethod: barrier ? 'barrier' : 'simplex',
  });
  if (res.status !== 'optimal') return;
  search.relaxation = res.values;
  // The barrier's duals are approximate: the bound they prove, not its objective.
  search.raiseBound(barrier && res.rowDuals ? dualBound(relaxed, res.rowDuals) : res.objective);
}

/** Weight of the best-bound duals in the smoothed pricing duals. */
const SMOOTHING = 0.5;
/** Annealing moves of one heuristic pricing problem (about a millisecond). */
const LINE_MOVES = 6000;

/**
 * Column generation: price-and-branch rounds until the master LP converges or `seconds` pass, the
 * master MILP over the lines found every few rounds and at the end. Exact pricing rounds (the
 * bound, and convergence) only while one costs at most `exactSec`; on larger rosters the
 * heuristic rounds alone. Returns whether later phases are worth it: false when the backend gives
 * no LP duals, or the phase brought neither a better roster nor a better bound.
 */
export async function columnPhase(
  search: RosterSearch,
  pool: LinePool,
  rng: Rng,
  seconds: number,
  masterSec: number,
  exactSec: number,
): Promise<boolean> {
  search.phase = 'columns';
  search.report(true);
  const end = search.elapsed() + seconds;
  const backend = search.options.backend;
  const startObjective = search.objective;
  const startBound = search.bound;
  let rounds = 0;
  let lastMaster = search.elapsed();
  let masterLp = Infinity;
  let smoothing = SMOOTHING;
  let exact = false;
  while (!search.shouldStop() && !search.provenOptimal() && search.elapsed() < end) {
    // Heuristic pricing first; the exact pricing MILPs when it finds nothing (they also give the bound).
    const started = search.elapsed();
    const round = await pool.price(search, backend, 1, smoothing, exact ? null : { rng, moves: LINE_MOVES });
    if (round.masterLp === null) return false;
    if (exact) pool.exactRoundSec = search.elapsed() - started;
    rounds++;
    search.raiseBound(round.bound);
    search.report();
    masterLp = round.masterLp;
    if (round.added === 0 && exact && !round.smoothed) break;
    if (round.added === 0 && !exact) {
      if (pool.exactRoundSec > exactSec) break;
      exact = true;
      continue;
    }
    // Nothing found at smoothed duals: check the master's own before calling it converged.
    smoothing = round.added === 0 ? 0 : SMOOTHING;
    exact = round.added === 0;
    // The master MILP pays off once the LP has moved away from the incumbent; not every round.
    if (search.elapsed() - lastMaster > seconds / 4 && masterLp < search.objective! - 1) {
      await pool.solveMaster(search, backend, masterSec / 2);
      lastMaster = search.elapsed();
    }
  }
  if (rounds > 0 && !search.shouldStop() && !search.provenOptimal()) await pool.solveMaster(search, backend, masterSec);
  // Guided neighbourhoods follow the master LP from now on.
  search.relaxation = pool.relaxation() ?? search.relaxation;
  return search.objective! < startObjective! || (search.bound ?? -Infinity) > (startBound ?? -Infinity);
}

/** Models larger than this skip the exact phases (a 28-day roster of 60 staff × 6 shifts is about 10 000). */
const EXACT_MAX_COLUMNS = 12_000;

/**
 * Models with more nonzeros than this (a year × 100 staff and up) are searched by annealing
 * alone: HiGHS takes longer to load them than a whole phase's limit (the LP relaxation of a year
 * × 150 staff × 32 shifts did not start its first iteration in 30 s, and took 0.8 GB), and
 * fix-and-optimize and column generation brought nothing there in a 60 s run.
 */
const HEURISTIC_ONLY_NONZEROS = 1_000_000;

/** Models up to this size get most of the remaining time once the heuristics stall. */
const EXACT_LONG_COLUMNS = 2_500;

/**
 * Models up to this many columns have their first exact attempt before any heuristic runs: HiGHS
 * proves most such rosters optimal (or infeasible) in hundredths of a second, where the first walk
 * would spend its whole stall budget (STALL_MOVES, about a second of CPU) before the exact phase
 * got its turn. Columns: 2 staff × 7 days × 1 shift 27; a block's ED rotation, 3 residents × 28
 * days × 2 shifts, 292 (proven at once; 13 s wall with the walk first, under load); the published
 * Instance1 148 and Instance2 396 (not proven by the attempt: they go on as before, proven at the
 * same CPU time); a 28-day roster of 10 staff × 2 shifts 646.
 */
const EXACT_FIRST_COLUMNS = 400;

/** Fix-and-optimize sub-solves in a row without a better roster after which its slice ends early. */
const STALE_SOLVES = 21;

/** Moves without improvement after which an annealing phase ends early (about a second). */
const STALL_MOVES = 3_000_000;

/**
 * Moves of the first walk: its cooling follows moves, not the clock, so it completes on a loaded
 * machine too (a clock-timed walk is cut off there while still hot, and the MILP phases after it
 * get little CPU). One walk settles on generated 28-day instances within about 4 million moves,
 * 1–2.5 % above the LP bound (`npm run bench:curtois -- --suite small --walks 5`); 16 million did
 * no better. That is 1–3 s of CPU.
 */
const FIRST_WALK_MOVES = 4_000_000;

/** Simulated annealing from `start` for `seconds`, offering its best rosters to the search. */
function annealPhase(
  search: RosterSearch,
  start: Int16Array[],
  seconds: number,
  rng: Rng,
  startTemperature?: number,
  stallStop = true,
  maxMoves?: number,
): AnnealResult {
  const { rm } = search;
  search.phase = search.values === null ? 'construct' : 'anneal';
  search.report(true);
  const c = rm.compiled;
  const moveSec = moveWorkSec(c);
  // The start roster decoded, and the walk's set-up (its cell costs and line checks).
  search.charge(2 * rosterPassWorkSec(c));
  let nextOffer = -Infinity;
  const offerGrid = (grid: Int16Array[]) => {
    const started = search.elapsed();
    search.charge(rosterPassWorkSec(c));
    const values = encodeGrid(rm, grid);
    search.offer(values);
    // Checking a large roster takes a while: offer again only after several times as long.
    nextOffer = search.elapsed() + Math.max(0.2, 10 * (search.elapsed() - started));
  };
  const limitSec = Math.min(seconds, search.remaining());
  // A repeatable search's walk is as long as its moves: its cooling follows them, not the clock.
  const moves = search.repeatable
    ? Math.min(maxMoves ?? Infinity, Math.max(1, Math.round(limitSec / moveSec)))
    : maxMoves;
  const result = anneal(rm.compiled, start, rng, {
    timeLimitSec: search.repeatable ? Infinity : limitSec,
    stop: () => search.shouldStop(),
    startTemperature,
    maxMoves: moves,
    // Small rosters settle quickly; the rest of the phase is better spent on the MILP. (Not for
    // reheats: they start worse than their best and improve only as they cool.)
    stallMoves: stallStop ? STALL_MOVES : undefined,
    onImprove: (grid, objective) => {
      if (search.objective !== null && objective >= search.objective) return;
      // Offer at most a few times a second: encoding and checking a roster is not free (the
      // walk's last best is offered at its end).
      if (search.elapsed() >= nextOffer) offerGrid(grid);
    },
  });
  search.charge(result.moves * moveSec);
  if (result.grid) offerGrid(result.grid);
  return result;
}

/**
 * Make the walk's last roster feasible by re-solving only the staff whose lines break a rule
 * (with everyone else fixed): a line a single move cannot repair is easy for a small MILP.
 */
async function repairPhase(search: RosterSearch, result: AnnealResult): Promise<void> {
  const { rm } = search;
  const broken = new Set(result.violating);
  const free = sharedColumns(search);
  rm.colStaff.forEach((s, j) => {
    if (s >= 0 && broken.has(s)) free[j] = 1;
  });
  const base = encodeGrid(rm, result.last);
  const out = await search.subSolve(free, Math.max(1, search.remaining() / 4), { base, warm: false, mipGap: 1e-3 });
  if (out.values) search.offer(out.values);
}

export async function solveRoster(problem: RosterProblem, options: SolveRosterOptions): Promise<RosterResult> {
  // The time limit and the first roster's time count from the call: compiling and building the
  // model are part of the run (the model of a year × 150 staff takes a second or more). A
  // repeatable run counts their work on its clock instead (work-clock.ts).
  const started = performance.now();
  if (!(options.timeLimitSec > 0))
    throw new RosterProblemError(`timeLimitSec must be a positive number of seconds, got ${options.timeLimitSec}`);
  const backend = typeof options.backend === 'object' ? options.backend : getBackend(options.backend);
  const compiled = compileRoster(problem);
  const rng = createRng(options.seed ?? 1);
  const emptyGrid = () => Array.from({ length: compiled.S }, () => new Int16Array(compiled.D).fill(-1));
  let workSec = rosterPassWorkSec(compiled);
  const elapsed = () => (options.repeatable ? workSec : (performance.now() - started) / 1000);
  // The first roster comes before the model: every hard rule belongs to one staff member, so
  // feasible lines are a feasible roster, and greedy lines take milliseconds where the model
  // takes up to seconds. (Not when the caller starts from its own roster or adds rows of its own.)
  // Lines that greedy choices cannot make feasible are annealed one by one: on a year that can
  // take seconds, so the construction stops with the time limit or the caller's stop (polled
  // before each line: a repeatable run counts a line's work there).
  const lineSec = lineConstructionWorkSec(compiled, false) / compiled.S;
  const outOfTime = () => {
    workSec += lineSec;
    return elapsed() >= options.timeLimitSec || !!options.stop?.();
  };
  const early =
    options.initialRoster || options.extend
      ? null
      : constructByLines(compiled, emptyGrid(), rng, { polish: false, stop: outOfTime });
  const earlySec = elapsed();
  if (early)
    options.onProgress?.({
      elapsedSec: earlySec,
      objective: rosterObjective(compiled, early),
      bound: null,
      gap: null,
      phase: 'construct',
      iterations: 0,
    });
  const rm = buildRosterModel(compiled);
  const builtColumns = rm.model.columns.length;
  const builtRows = rm.model.rows.length;
  options.extend?.(rm);
  const nonzeros = rm.model.rows.reduce((n, r) => n + r.indices.length, 0);
  workSec += modelBuildWorkSec(nonzeros);
  // Annealing knows the roster rules only; rows or columns added by the caller leave it out.
  const annealing = rm.model.columns.length === builtColumns && rm.model.rows.length === builtRows;
  const search = new RosterSearch(rm, {
    backend,
    timeLimitSec: options.timeLimitSec,
    stop: options.stop,
    onProgress: options.onProgress,
    started,
    repeatable: options.repeatable,
    startWorkSec: workSec,
  });
  const model = rm.model;
  const budget = options.timeLimitSec;
  let infeasibleReason: string | null = null;

  let startGrid: Int16Array[] = emptyGrid();
  if (options.initialRoster) {
    startGrid = fromIds(rm, options.initialRoster);
    const values = encodeGrid(rm, startGrid);
    search.offer(values);
  }
  if (early && search.offer(encodeGrid(rm, early), earlySec).accepted) startGrid = early;
  // A small model has its first exact attempt before the walk instead of after it: what it proves
  // (most small rosters, in hundredths of a second) needs no heuristic after it.
  let exactFirst = false;
  if (model.columns.length <= EXACT_FIRST_COLUMNS && !search.shouldStop()) {
    exactFirst = true;
    const exact = await solveExact(search, Math.min(search.remaining(), Math.max(1, budget * 0.1)));
    if (exact.status === 'infeasible') {
      // The staff-by-staff construction names whose rules cannot hold, when one person's alone cannot.
      const built = await constructRoster(search, rng);
      if (!(built.ok && search.offer(built.values).accepted))
        infeasibleReason = built.ok ? 'the rules cannot all hold' : built.reason;
    }
  }
  const settled = () => search.provenOptimal() || infeasibleReason !== null;
  // The walk's start: polished lines staff by staff (the greedy ones above cost about twice as
  // much), then a short annealing run from it (it repairs broken rules as it goes); else the
  // staff-by-staff MILP construction, else the whole model decides feasibility.
  if (annealing && !settled() && !search.shouldStop()) {
    const polish = search.values === null || (early !== null && compiled.D <= POLISH_MAX_DAYS);
    const polishedLineSec = lineConstructionWorkSec(compiled, true) / compiled.S;
    const nextLine = () => {
      search.charge(polishedLineSec);
      return search.shouldStop();
    };
    const lines = polish ? constructByLines(compiled, startGrid, rng, { stop: nextLine }) : null;
    if (lines && search.offer(encodeGrid(rm, lines)).accepted) startGrid = lines;
    const walk = annealPhase(search, startGrid, Math.max(0.5, budget * 0.4), rng, undefined, true, FIRST_WALK_MOVES);
    if (search.values === null && !search.shouldStop()) await repairPhase(search, walk);
  }
  if (search.values === null && !search.shouldStop() && !settled()) {
    const built = await constructRoster(search, rng);
    const taken = built.ok && search.offer(built.values).accepted;
    if (!taken && !search.shouldStop()) {
      const exact = await solveExact(search, search.remaining());
      if (exact.status === 'infeasible') infeasibleReason = built.ok ? 'the rules cannot all hold' : built.reason;
    }
  }

  const heuristicOnly = annealing && nonzeros > HEURISTIC_ONLY_NONZEROS;
  if (heuristicOnly) {
    // Annealing runs, each reheating the best roster, until the time is up.
    let maxWeight = 1;
    for (const cv of compiled.cover) maxWeight = Math.max(maxWeight, cv.underWeight, cv.overWeight);
    for (let round = 0; search.values !== null && !search.shouldStop(); round++) {
      const temperature = round === 0 ? undefined : maxWeight / (round % 2 === 0 ? 10 : 20);
      annealPhase(search, decodeGrid(rm, search.values), budget * 0.25, rng, temperature, false);
    }
  } else if (search.values !== null && !search.shouldStop() && !settled()) {
    // A model whose LP needs the barrier has no exact phases: the whole MILP's root LP is that LP
    // by the dual simplex, past any share of the run (on 56 days × 40 staff × 5 shifts the first
    // exact attempt ended inside it, its bound 20 against the relaxation's 3 865).
    const { seconds: relaxationSec, barrier } = relaxationShare(nonzeros, budget);
    await solveRelaxation(search, relaxationSec, barrier);
    // A first exact attempt, warm-started: small rosters are solved (and proven) outright. Not on
    // very large models: there the whole MILP gets nowhere in a fraction of the time. (Not twice:
    // a model small enough had it before the walk.)
    const exactFits = model.columns.length <= EXACT_MAX_COLUMNS && !barrier;
    const firstExact =
      exactFits && !exactFirst
        ? await solveExact(search, Math.min(search.remaining(), Math.max(1, budget * 0.1)))
        : null;
    // Column generation: the strong (Dantzig–Wolfe) bound and whole-line recombinations.
    const pool = new LinePool(rm);
    let columns = true;
    const subTimeLimitSec = options.subTimeLimitSec ?? Math.max(0.5, Math.min(3, budget / 20));
    const lns = createImproveState(compiled, { subTimeLimitSec, initialCells: Math.max(compiled.D, compiled.S) * 4 });
    const maxWeight = Math.max(1, ...compiled.cover.flatMap((cv) => [cv.underWeight, cv.overWeight]));
    // The first annealing run starts hot (the default temperature) and long; later ones reheat
    // the incumbent more gently.
    const reheat = [maxWeight / 10, maxWeight / 20, maxWeight / 5];
    // Gain per second of each method in its last slice: the better one gets the longer slice.
    const rate = { anneal: 0, lns: 0 };
    const timed = async (method: keyof typeof rate, run: () => Promise<void> | void) => {
      const before = search.objective!;
      const started = search.elapsed();
      await run();
      rate[method] = (before - search.objective!) / Math.max(0.1, search.elapsed() - started);
    };
    const slice = (method: keyof typeof rate) => {
      const other = method === 'anneal' ? rate.lns : rate.anneal;
      if (!annealing || rate[method] === other) return budget * 0.1;
      return budget * (rate[method] > other ? 0.15 : 0.05);
    };
    let round = 0;
    while (!search.shouldStop() && !search.provenOptimal()) {
      round++;
      const roundStart = search.objective!;
      if (annealing) {
        const first = round === 1;
        const seconds = first ? budget * 0.2 : slice('anneal');
        await timed('anneal', () => {
          annealPhase(
            search,
            decodeGrid(rm, search.values!),
            seconds,
            rng,
            first ? undefined : reheat[round % reheat.length],
            false,
          );
        });
      }
      if (search.shouldStop() || search.provenOptimal()) break;
      const lnsEnd = search.elapsed() + slice('lns');
      await timed('lns', () => improveRoster(search, rng, lns, () => search.elapsed() >= lnsEnd, STALE_SOLVES));
      if (search.shouldStop() || search.provenOptimal()) break;
      // Column generation after each round's heuristics, a slice at a time (the pool of lines is
      // kept between slices), for as long as a slice brings a better roster or bound: on 28-day
      // rosters of 30 staff × 4 shifts its first 30 of 60 s brought neither, time the heuristics use.
      if (columns)
        columns = await columnPhase(search, pool, rng, budget * 0.1, Math.max(1, budget * 0.05), budget * 0.05);
      if (search.shouldStop() || search.provenOptimal()) break;
      // When a whole round brings nothing, the whole model, warm-started from the incumbent, gets
      // a long run: branch and bound goes where neighbourhoods do not (most of what is left on
      // small models, where it can also prove optimality).
      if (exactFits && search.objective! >= roundStart && search.remaining() > budget * 0.15) {
        const seconds = search.remaining() * (model.columns.length <= EXACT_LONG_COLUMNS ? 0.8 : 0.4);
        if (exactRunWorthIt(firstExact, seconds)) await solveExact(search, seconds);
      }
    }
  }

  search.phase = 'done';
  search.report(true);
  const grid = search.values ? decodeGrid(rm, search.values) : null;
  const optimal = search.provenOptimal();
  const status: RosterResult['status'] = infeasibleReason
    ? 'infeasible'
    : grid === null
      ? 'no_solution'
      : optimal
        ? 'optimal'
        : 'feasible';
  return {
    status,
    roster: grid ? toIds(rm, grid) : null,
    grid,
    objective: search.objective,
    bound: optimal ? search.objective : search.bound,
    elapsedSec: search.elapsed(),
    firstFeasibleSec: search.firstFeasibleSec,
    bestSec: search.bestSec,
    iterations: search.iterations,
    improvements: search.improvements,
    phases: search.phaseLog(),
    stoppedBy: infeasibleReason ? 'infeasible' : optimal ? 'optimal' : search.stoppedByUser ? 'stop' : 'time_limit',
    size: {
      variables: model.columns.length,
      integers: model.columns.reduce((n, c) => n + (c.integer ? 1 : 0), 0),
      rows: model.rows.length,
      nonzeros,
    },
    message: infeasibleReason
      ? `No roster satisfies the hard rules: ${infeasibleReason}`
      : grid === null
        ? 'No roster found within the time limit'
        : `${optimal ? 'Optimal' : 'Best'} roster, objective ${search.objective}`,
  };
}
