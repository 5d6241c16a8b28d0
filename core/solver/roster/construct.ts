// Quick first roster: staff one at a time, each scheduled by a small MILP over their own cells
// that sees the cover already provided by the staff before them (a sequential best response).
// In the rostering model every hard rule belongs to one staff member and cover is soft, so this
// yields a feasible roster whenever one exists, in a fraction of a full solve.
import { greedyLine, repairLine } from './greedy-line';
import { cheapestLine } from './line-search';
import { staffViolation } from './line-check';
import type { CompiledRoster } from './problem';
import type { Rng } from './random';
import type { RosterSearch } from './search';
import { lineMoveWorkSec, rosterPassWorkSec } from './work-clock';

export type ConstructOutcome = { ok: true; values: Float64Array } | { ok: false; staff: number; reason: string };

/** Columns every sub-problem may change: cover slacks and any column not tied to one staff member. */
export function sharedColumns(search: RosterSearch): Uint8Array {
  const free = new Uint8Array(search.rm.model.columns.length);
  search.rm.colStaff.forEach((s, j) => {
    if (s < 0) free[j] = 1;
  });
  return free;
}

export async function constructRoster(search: RosterSearch, rng: Rng): Promise<ConstructOutcome> {
  const { rm } = search;
  const c = rm.compiled;
  const cells = new Int32Array(c.S);
  rm.colStaff.forEach((s) => {
    if (s >= 0) cells[s]++;
  });
  // Most constrained staff first (fewest workable cells); random among equals.
  const tie = Array.from({ length: c.S }, () => rng.next());
  const order = Array.from({ length: c.S }, (_, s) => s).sort((a, b) => cells[a] - cells[b] || tie[a] - tie[b]);
  const shared = sharedColumns(search);
  let values: Float64Array = new Float64Array(rm.model.columns.length);
  for (let i = 0; i < order.length; i++) {
    const s = order[i];
    if (search.shouldStop()) return { ok: false, staff: s, reason: 'stopped before a first roster was complete' };
    const free = Uint8Array.from(shared);
    rm.colStaff.forEach((owner, j) => {
      if (owner === s) free[j] = 1;
    });
    const perStaff = Math.max(0.5, search.remaining() / (order.length - i) / 2);
    const out = await search.subSolve(free, perStaff, { base: values, warm: false, mipGap: 1e-3 });
    if (!out.values)
      return {
        ok: false,
        staff: s,
        reason: `no schedule for ${c.problem.staff[s].id} (${out.result.status}: ${out.result.message})`,
      };
    values = out.values;
  }
  return { ok: true, values };
}

/** Annealing moves per line in the quick construction (a millisecond or two), and the retries'. */
const LINE_MOVES = 6_000;
const RETRY_MOVES = 40_000;
/** Longest horizon whose greedy lines are polished by annealing in the construction. */
export const POLISH_MAX_DAYS = 56;

/**
 * Work seconds of constructByLines on a repeatable search's clock: a greedy line per staff member (about two passes
 * over the roster's cells) and, when polished, an annealing of at most LINE_MOVES on each line. (A line the greedy
 * choices cannot make feasible is annealed longer: rare, and not counted.)
 */
export function lineConstructionWorkSec(c: CompiledRoster, polish: boolean): number {
  const lines = 2 * rosterPassWorkSec(c);
  return polish && c.D <= POLISH_MAX_DAYS ? lines + c.S * LINE_MOVES * lineMoveWorkSec(c.D) : lines;
}

/** Whether the caller's starting line (e.g. the current roster's) already keeps the rules. */
function startFeasible(c: CompiledRoster, s: number, line: Int16Array, scratch: Int32Array): boolean {
  return line.some((t) => t >= 0) && staffViolation(c, s, line, scratch) === 0;
}

export interface LineConstructionOptions {
  /**
   * Trade each greedy line's days for cheaper ones by a short annealing of that line (default
   * true; horizons up to POLISH_MAX_DAYS). Off, a roster comes about ten times sooner (a few
   * milliseconds for 56 days × 60 staff) and costs about twice as much: the first roster of a run.
   */
  polish?: boolean;
  /** Polled between lines: when it says stop, the construction gives up (null). */
  stop?: () => boolean;
}

/**
 * A first roster in milliseconds: every hard rule belongs to one staff member, so a roster is
 * feasible exactly when each line is. Staff are taken one at a time (most constrained first),
 * each given a greedy line, then (polish) the cheapest feasible line found by a short annealing
 * on that line alone, priced by their requests and by the cover the staff before them left
 * open. Returns null when some line could not be made feasible this way (the MILP construction
 * decides then).
 */
export function constructByLines(
  c: CompiledRoster,
  start: Int16Array[],
  rng: Rng,
  options: LineConstructionOptions = {},
): Int16Array[] | null {
  const { S, D, T } = c;
  const V = T + 1;
  const request = new Float64Array(S * D * V);
  for (const r of c.onRequests)
    for (let v = 0; v < V; v++) if (v !== r.shift + 1) request[(r.staff * D + r.day) * V + v] += r.weight;
  for (const r of c.offRequests) request[(r.staff * D + r.day) * V + r.shift + 1] += r.weight;
  const open = new Int32Array(S);
  for (let s = 0; s < S; s++) for (let i = s * D * T; i < (s + 1) * D * T; i++) open[s] += c.allowed[i];
  const tie = Array.from({ length: S }, () => rng.next());
  const order = Array.from({ length: S }, (_, s) => s).sort((a, b) => open[a] - open[b] || tie[a] - tie[b]);
  const count = new Int32Array(D * T);
  const grid = start.map((l) => Int16Array.from(l));
  const cell = new Float64Array(D * V);
  const weekend = new Float64Array(c.weekends.length);
  const scratch = new Int32Array(T);
  for (const s of order) {
    if (options.stop?.()) return null;
    for (let d = 0; d < D; d++) {
      for (let v = 0; v < V; v++) {
        let z = request[(s * D + d) * V + v];
        const t = v - 1;
        if (t >= 0) {
          const k = c.coverAt[d * T + t];
          if (k >= 0) {
            const cv = c.cover[k];
            z += count[d * T + t] < cv.requirement ? -cv.underWeight : cv.overWeight;
          }
        }
        cell[d * V + v] = z;
      }
    }
    const costs = { cell, weekend };
    // The greedy line keeps the rules by construction (milliseconds even for a year); a short
    // annealing from it then trades days for cheaper ones. Long horizons keep the greedy line:
    // annealing a line costs moves × days there, and the search anneals the whole roster next.
    const greedy = greedyLine(c, s, cell, rng);
    let greedyFeasible = staffViolation(c, s, greedy, scratch) === 0;
    if (!greedyFeasible) greedyFeasible = repairLine(c, s, greedy, cell);
    const polish = (options.polish !== false && D <= POLISH_MAX_DAYS) || !greedyFeasible;
    const start = greedyFeasible || !startFeasible(c, s, grid[s], scratch) ? greedy : grid[s];
    const found =
      (polish ? cheapestLine(c, s, costs, start, rng, LINE_MOVES, LINE_MOVES / 4) : null) ??
      (greedyFeasible ? { line: greedy } : null) ??
      cheapestLine(c, s, costs, greedy, rng, RETRY_MOVES) ??
      cheapestLine(c, s, costs, new Int16Array(D).fill(-1), rng, RETRY_MOVES * 4);
    if (!found) return null;
    grid[s].set(found.line);
    for (let d = 0; d < D; d++) if (found.line[d] >= 0) count[d * T + found.line[d]]++;
  }
  return grid;
}
