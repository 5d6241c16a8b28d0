// Fix-and-optimize (large neighbourhood search) on top of the MILP backend. Each step frees a
// neighbourhood — a group of staff over the whole horizon, a window of days for all staff, or a
// block of staff × days — fixes everything else at the incumbent, and solves that sub-MILP to
// optimality within a short limit, warm-started from the incumbent. Neighbourhood sizes adapt:
// they grow while sub-solves finish quickly and shrink when they hit the limit. Neighbourhoods
// are drawn towards the staff and days that currently cost the most.
import { decodeGrid } from './model';
import type { Rng } from './random';
import type { RosterSearch } from './search';
import { sharedColumns } from './construct';

export type NeighbourhoodKind = 'staff' | 'days' | 'block';
const KINDS: NeighbourhoodKind[] = ['staff', 'days', 'block'];

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
  for (const r of c.onRequests) if (grid[r.staff][r.day] !== r.shift) (staff[r.staff] += r.weight), (day[r.day] += r.weight);
  for (const r of c.offRequests) if (grid[r.staff][r.day] === r.shift) (staff[r.staff] += r.weight), (day[r.day] += r.weight);
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

export function neighbourhood(search: RosterSearch, rng: Rng, kind: NeighbourhoodKind, cells: number): Neighbourhood {
  const { rm } = search;
  const c = rm.compiled;
  const pen = penalties(search);
  const weights = (v: Float64Array) => Float64Array.from(v, (x) => 1 + x);
  let staff: number[];
  let from = 0;
  let to = c.D;
  if (kind === 'staff') {
    const k = Math.max(1, Math.min(c.S, Math.round(cells / c.D)));
    staff = staffAround(search, rng, rng.weighted(weights(pen.staff)), k);
  } else if (kind === 'days') {
    const len = Math.max(1, Math.min(c.D, Math.round(cells / c.S)));
    const centre = rng.weighted(weights(pen.day));
    from = Math.max(0, Math.min(c.D - len, centre - rng.int(len)));
    to = from + len;
    staff = Array.from({ length: c.S }, (_, s) => s);
  } else {
    // Half the staff (or fewer) over a window sized to the cell budget.
    const k = Math.max(1, Math.min(c.S, Math.round(Math.sqrt((cells * c.S) / c.D))));
    const len = Math.max(1, Math.min(c.D, Math.round(cells / k)));
    const centre = rng.weighted(weights(pen.day));
    from = Math.max(0, Math.min(c.D - len, centre - rng.int(len)));
    to = from + len;
    staff = staffAround(search, rng, rng.weighted(weights(pen.staff)), k);
  }
  const free = sharedColumns(search);
  const inSet = new Uint8Array(c.S);
  for (const s of staff) inSet[s] = 1;
  rm.colStaff.forEach((s, j) => {
    if (s < 0 || !inSet[s]) return;
    const d = rm.colDay[j];
    // Staff-level columns (weekend indicators) follow their staff member.
    if (d < 0 || (d >= from && d < to)) free[j] = 1;
  });
  const freeCells = staff.length * (to - from);
  return { kind, free, cells: freeCells, everything: freeCells === c.S * c.D };
}

/**
 * Improve the incumbent until the time is up, a stop is requested, or optimality is proven.
 * `until` lets the caller end the loop early (e.g. to run an exact phase on stagnation).
 */
export async function improveRoster(search: RosterSearch, rng: Rng, options: ImproveOptions, until: () => boolean = () => false): Promise<void> {
  const c = search.rm.compiled;
  const total = c.S * c.D;
  const state = new Map<NeighbourhoodKind, KindState>(KINDS.map((k) => [k, { cells: Math.min(total, options.initialCells), score: 1 }]));
  search.phase = 'improve';
  while (!search.shouldStop() && !search.provenOptimal() && !until()) {
    const kinds = c.S === 1 ? (['days'] as NeighbourhoodKind[]) : KINDS;
    const kind = kinds[rng.weighted(kinds.map((k) => 0.2 + state.get(k)!.score))];
    const st = state.get(kind)!;
    const hood = neighbourhood(search, rng, kind, st.cells);
    const before = search.objective!;
    const limit = options.subTimeLimitSec;
    const out = await search.subSolve(hood.free, limit);
    search.iterations++;
    if (out.values && out.objective !== null) {
      search.offer(out.values, out.objective);
      if (hood.everything && out.result.status === 'optimal') search.raiseBound(out.objective);
    }
    const gained = Math.max(0, before - (search.objective ?? before));
    const spent = Math.max(0.05, out.result.elapsedSec);
    st.score = 0.8 * st.score + 0.2 * (gained > 0 ? 1 + gained / spent / Math.max(1, before) * 100 : 0);
    // Grow while sub-solves are proven optimal quickly, shrink when they run into the limit.
    if (out.result.status === 'optimal' && out.result.elapsedSec < limit * 0.3) st.cells = Math.min(total, st.cells * 1.15 + 1);
    else if (out.result.status !== 'optimal') st.cells = Math.max(Math.max(c.S, c.D), st.cells * 0.8);
    search.report();
  }
}
