// Fix-and-optimize (large neighbourhood search) on top of the MILP backend. Each step frees a
// neighbourhood — a group of staff over the whole horizon, a window of days for all staff, or a
// block of staff × days — fixes everything else at the incumbent, and solves that sub-MILP to
// optimality within a short limit, warm-started from the incumbent. Neighbourhood sizes adapt:
// they grow while sub-solves finish quickly and shrink when they hit the limit. Neighbourhoods
// are drawn towards the staff and days that currently cost the most.
import { decodeGrid } from './model';
import type { CompiledRoster } from './problem';
import type { Rng } from './random';
import type { RosterSearch } from './search';
import { sharedColumns } from './construct';
import { restrictModel } from './restrict';
import { rootLpWorkSec } from './work-clock';

export type NeighbourhoodKind = 'staff' | 'days' | 'block' | 'guided';
const KINDS: NeighbourhoodKind[] = ['staff', 'days', 'block', 'guided'];

export interface ImproveOptions {
  /** Time limit of one sub-solve (seconds). */
  subTimeLimitSec: number;
  /** Free cells (staff × days) a neighbourhood starts with; adapted per kind. */
  initialCells: number;
}

interface KindState {
  cells: number;
  /** Running average of objective gained per second spent on this kind. */
  score: number;
}

/** Per-staff and per-day share of the incumbent's objective, to aim neighbourhoods. */
function penalties(search: RosterSearch): { staff: Float64Array; day: Float64Array } {
  const c = search.rm.compiled;
  const grid = decodeGrid(search.rm, search.values!);
  const staff = new Float64Array(c.S);
  const day = new Float64Array(c.D);
  for (const r of c.onRequests)
    if (grid[r.staff][r.day] !== r.shift) (staff[r.staff] += r.weight), (day[r.day] += r.weight);
  for (const r of c.offRequests)
    if (grid[r.staff][r.day] === r.shift) (staff[r.staff] += r.weight), (day[r.day] += r.weight);
  const count = new Int32Array(c.D * c.T);
  for (let s = 0; s < c.S; s++) for (let d = 0; d < c.D; d++) if (grid[s][d] >= 0) count[d * c.T + grid[s][d]]++;
  for (const cv of c.cover) {
    const n = count[cv.day * c.T + cv.shift];
    day[cv.day] += n < cv.requirement ? (cv.requirement - n) * cv.underWeight : (n - cv.requirement) * cv.overWeight;
  }
  return { staff, day };
}

/** Staff ordered from a seed: the seed, then staff sharing the most shift types with it, randomised. */
function staffAround(search: RosterSearch, rng: Rng, seed: number, count: number): number[] {
  const c = search.rm.compiled;
  const works = (s: number) => Array.from({ length: c.T }, (_, t) => c.maxShifts[s * c.T + t] > 0);
  const mine = works(seed);
  const others = Array.from({ length: c.S }, (_, s) => s)
    .filter((s) => s !== seed)
    .map((s) => ({ s, key: works(s).filter((w, t) => w && mine[t]).length + rng.next() * 2 }))
    .sort((a, b) => b.key - a.key)
    .map((o) => o.s);
  return [seed, ...others].slice(0, count);
}

export interface Neighbourhood {
  kind: NeighbourhoodKind;
  free: Uint8Array;
  /** Free staff × day cells. */
  cells: number;
  /** Frees every cell: solving it to optimality proves the incumbent optimal. */
  everything: boolean;
}

/** Cells (staff × day) where the LP relaxation disagrees with the incumbent (by more than ½). */
function disagreements(search: RosterSearch): { s: number; d: number }[] {
  const { rm } = search;
  const { S, D, T } = rm.compiled;
  const lp = search.relaxation!;
  const inc = search.values!;
  const out: { s: number; d: number }[] = [];
  for (let s = 0; s < S; s++) {
    for (let d = 0; d < D; d++) {
      for (let t = 0; t < T; t++) {
        const j = rm.xCol[(s * D + d) * T + t];
        if (j >= 0 && Math.abs(lp[j] - inc[j]) > 0.5) {
          out.push({ s, d });
          break;
        }
      }
    }
  }
  return out;
}

export function neighbourhood(search: RosterSearch, rng: Rng, kind: NeighbourhoodKind, cells: number): Neighbourhood {
  const { rm } = search;
  const c = rm.compiled;
  const { S, D } = c;
  const freeCell = new Uint8Array(S * D);
  const markRange = (staff: number[], from: number, to: number) => {
    for (const s of staff) for (let d = from; d < to; d++) freeCell[s * D + d] = 1;
  };
  if (kind === 'guided') {
    // Relaxation-induced neighbourhood (RINS): free where the LP optimum and the incumbent
    // disagree, staff by staff in random order up to the cell budget.
    const byStaff = new Map<number, number[]>();
    for (const { s, d } of disagreements(search)) byStaff.set(s, [...(byStaff.get(s) ?? []), d]);
    let budget = cells;
    const staff = rng.shuffle([...byStaff.keys()]);
    for (const s of staff) {
      if (budget <= 0) break;
      for (const d of byStaff.get(s)!) freeCell[s * D + d] = 1;
      budget -= byStaff.get(s)!.length;
    }
    // Room left: widen around the disagreements (neighbouring days of the same staff), at
    // random, so repeated guided steps do not solve the same sub-problem again.
    for (let tries = 0; budget > 0 && staff.length > 0 && tries < 4 * cells; tries++) {
      const s = staff[rng.int(staff.length)];
      const days = byStaff.get(s)!;
      const d = days[rng.int(days.length)] + rng.int(7) - 3;
      if (d < 0 || d >= D || freeCell[s * D + d]) continue;
      freeCell[s * D + d] = 1;
      budget--;
    }
  } else {
    const pen = penalties(search);
    const weights = (v: Float64Array) => Float64Array.from(v, (x) => 1 + x);
    if (kind === 'staff') {
      const k = Math.max(1, Math.min(S, Math.round(cells / D)));
      markRange(staffAround(search, rng, rng.weighted(weights(pen.staff)), k), 0, D);
    } else if (kind === 'days') {
      const len = Math.max(1, Math.min(D, Math.round(cells / S)));
      const centre = rng.weighted(weights(pen.day));
      const from = Math.max(0, Math.min(D - len, centre - rng.int(len)));
      markRange(
        Array.from({ length: S }, (_, s) => s),
        from,
        from + len,
      );
    } else {
      // A group of staff over a window, sized to the cell budget.
      const k = Math.max(1, Math.min(S, Math.round(Math.sqrt((cells * S) / D))));
      const len = Math.max(1, Math.min(D, Math.round(cells / k)));
      const centre = rng.weighted(weights(pen.day));
      const from = Math.max(0, Math.min(D - len, centre - rng.int(len)));
      markRange(staffAround(search, rng, rng.weighted(weights(pen.staff)), k), from, from + len);
    }
  }
  const free = sharedColumns(search);
  const staffFree = new Uint8Array(S);
  let freeCells = 0;
  for (let i = 0; i < S * D; i++) {
    if (freeCell[i]) {
      freeCells++;
      staffFree[Math.floor(i / D)] = 1;
    }
  }
  rm.colStaff.forEach((s, j) => {
    if (s < 0) return;
    const d = rm.colDay[j];
    // Staff-level columns (weekend indicators) follow their staff member.
    if (d < 0 ? staffFree[s] : freeCell[s * D + d]) free[j] = 1;
  });
  return { kind, free, cells: freeCells, everything: freeCells === S * D };
}

/** The fewest free cells a kind shrinks to: one staff member's horizon or one day's staff. */
const minCells = (c: CompiledRoster) => Math.max(c.S, c.D);

/**
 * A neighbourhood of `kind` whose sub-MIP's root LP is expected to fit in the sub-solve limit (HiGHS
 * cannot stop inside it: half of a 56-day roster of 40 staff × 5 shifts, 5 000 columns, ran 20 work-s
 * on a 3 s limit). A larger one is redrawn smaller, and the kind keeps the smaller size: the root's cost
 * grows as free columns^2.5 (columns^1.5 iterations × nonzeros), so the cells shrink by the 2.5th root of
 * the excess. (Half the limit cut the half-roster guided neighbourhoods of 28-day rosters too: worse.)
 */
function fittedNeighbourhood(
  search: RosterSearch,
  rng: Rng,
  kind: NeighbourhoodKind,
  st: KindState,
  limitSec: number,
): Neighbourhood {
  const c = search.rm.compiled;
  for (;;) {
    const hood = neighbourhood(search, rng, kind, st.cells);
    const rootSec = rootLpWorkSec(restrictModel(search.rm.model, hood.free, search.values!).model);
    if (rootSec <= limitSec || st.cells <= minCells(c)) return hood;
    st.cells = Math.max(minCells(c), Math.min(st.cells, hood.cells) * (limitSec / rootSec) ** 0.4);
  }
}

/** Neighbourhood sizes and scores, kept across calls so what was learnt is not lost. */
export interface ImproveState {
  options: ImproveOptions;
  kinds: Map<NeighbourhoodKind, KindState>;
}

export function createImproveState(c: CompiledRoster, options: ImproveOptions): ImproveState {
  const total = c.S * c.D;
  // Guided neighbourhoods are solved easily even when large (the LP already points the way), up to
  // the size whose root LP fits the sub-solve's limit (fittedNeighbourhood).
  const start = (k: NeighbourhoodKind) =>
    Math.min(total, k === 'guided' ? Math.max(options.initialCells, total / 2) : options.initialCells);
  return { options, kinds: new Map(KINDS.map((k) => [k, { cells: start(k), score: 1 }])) };
}

/**
 * Improve the incumbent until the time is up, a stop is requested, or optimality is proven.
 * `until` lets the caller end the loop early (to switch to another phase); so does `staleSolves`:
 * that many sub-solves in a row without a better roster. Only sub-solves count: a draw that frees
 * nothing (a guided one where the relaxation agrees with the incumbent) is no attempt.
 */
export async function improveRoster(
  search: RosterSearch,
  rng: Rng,
  improve: ImproveState,
  until: () => boolean = () => false,
  staleSolves = Infinity,
): Promise<void> {
  const c = search.rm.compiled;
  const total = c.S * c.D;
  const state = improve.kinds;
  const options = improve.options;
  search.phase = 'improve';
  search.report(true);
  let stale = 0;
  while (!search.shouldStop() && !search.provenOptimal() && !until() && stale < staleSolves) {
    // Guided neighbourhoods need the LP relaxation and a disagreement with it.
    const kinds = KINDS.filter((k) => (k === 'guided' ? search.relaxation !== null : c.S > 1 || k === 'days'));
    const kind = kinds[rng.weighted(kinds.map((k) => 0.2 + state.get(k)!.score))];
    const st = state.get(kind)!;
    const limit = options.subTimeLimitSec;
    const hood = fittedNeighbourhood(search, rng, kind, st, limit);
    if (hood.cells === 0) {
      // Nothing to free (the relaxation agrees with the incumbent): try other kinds for a while.
      st.score *= 0.5;
      continue;
    }
    const before = search.objective!;
    const out = await search.subSolve(hood.free, limit);
    search.iterations++;
    if (out.values && out.objective !== null) {
      search.offer(out.values);
      if (hood.everything && out.result.status === 'optimal') search.raiseBound(out.objective);
    }
    const gained = Math.max(0, before - (search.objective ?? before));
    stale = gained > 0 ? 0 : stale + 1;
    const spent = Math.max(0.05, out.result.elapsedSec);
    st.score = 0.8 * st.score + 0.2 * (gained > 0 ? 1 + (gained / spent / Math.max(1, before)) * 100 : 0);
    // Grow while sub-solves are proven optimal quickly, shrink when they run into the limit.
    if (out.result.status === 'optimal' && out.result.elapsedSec < limit * 0.3)
      st.cells = Math.min(total, st.cells * 1.3 + 1);
    else if (out.result.status !== 'optimal') st.cells = Math.max(minCells(c), st.cells * 0.8);
    search.report();
  }
}
