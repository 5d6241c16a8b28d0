// Quick first roster: staff one at a time, each scheduled by a small MILP over their own cells
// that sees the cover already provided by the staff before them (a sequential best response).
// In the rostering model every hard rule belongs to one staff member and cover is soft, so this
// yields a feasible roster whenever one exists, in a fraction of a full solve.
import type { RosterSearch } from './search';
import type { Rng } from './random';

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
    if (!out.values) return { ok: false, staff: s, reason: `no schedule for ${c.problem.staff[s].id} (${out.result.status}: ${out.result.message})` };
    values = out.values;
  }
  return { ok: true, values };
}
