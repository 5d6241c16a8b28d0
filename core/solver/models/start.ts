// A regeneration's start from the schedule people already rely on. A model that keeps the published
// schedule (half-days, calls) or the current plan (annual) by a soft cost names the column values
// that keep it (`startHint`); the cells it can no longer keep (a new absence, a lock) are left out.
// Where the rest breaks a hard row of the new model (the change that caused the regeneration: the
// absent faculty member's precepting is missing from the slot's supervision), the cells of those
// rows are freed and the model is solved with everything else fixed as published: the nearest
// repair under the model's own objective. So a run stopped early (its limit, the user's Stop, a
// year step's soft limit) keeps the published schedule and changes what the change forces, instead
// of whatever the search had then.
import type { SolveOptions, SolverBackend } from '../backend';
import { workLimitFor } from '../roster/work-clock';
import { completeContinuous, type ModelBuilder, violatedRowIndices, violatedRows } from './builder';

/** A repair solve may use this share of the model's time (and the node budget HiGHS gives its own MIP starts). */
const REPAIR_SHARE = 0.2;
const REPAIR_NODES = 500;

export interface RepairOptions {
  /** The model's time limit: the repair takes a share of it (with `workSec`: the backstop). */
  timeLimitSec: number;
  /**
   * The model's budget in work seconds (core/solver/roster/work-clock): the repair takes a share
   * of it instead, so where it ends does not depend on the machine's load.
   */
  workSec?: number;
  /** The run's Stop: the repair then ends at its first repaired schedule (the start a stopped run keeps). */
  stop?: () => boolean;
}

export interface HintStart {
  /** A schedule the model accepts. */
  values: Float64Array;
  /** false: the hint as given (completed); true: cells it left open or that broke a hard row were solved for. */
  repaired: boolean;
}

/**
 * The hint completed into a schedule the model accepts (every row and bound checked), or undefined
 * when neither it nor a repair of the cells it breaks (then of everything next to them) is found.
 */
export async function startFromHint(
  builder: ModelBuilder,
  hint: ReadonlyMap<number, number>,
  backend: SolverBackend,
  options: RepairOptions,
): Promise<HintStart | undefined> {
  const columns = builder.columns;
  const values = new Float64Array(columns.length);
  // A value the column can no longer take (a night the person is now away) is no hint.
  const free = new Set<number>();
  columns.forEach((c, j) => {
    const v = hint.get(j);
    if (v !== undefined && v >= c.lower && v <= c.upper) values[j] = v;
    else if (c.integer) {
      free.add(j);
      values[j] = Math.min(c.upper, Math.max(c.lower, 0));
    }
  });
  const filled = completeContinuous(builder, values);
  if (free.size === 0 && violatedRowIndices(builder, filled).length === 0) return { values: filled, repaired: false };
  // Rows broken by the hint alone: a row with an open integer column is the repair's to meet.
  const broken = violatedRowIndices(builder, filled).filter((i) => !builder.rows[i].indices.some((j) => free.has(j)));

  // Free what the hint leaves open and what sits in a row it breaks, with the rest of each choice
  // (an equality row: the cell's other activities, the night's other faculty) so the cell can change.
  for (const i of broken) for (const j of builder.rows[i].indices) if (columns[j].integer) free.add(j);
  closeOverRows(builder, free, (r) => r.lower === r.upper);
  const model = builder.build();
  const started = performance.now();
  const limit = () => Math.max(0, options.timeLimitSec - (performance.now() - started) / 1000);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (limit() <= 0 || (attempt > 0 && options.stop?.())) return undefined;
    // A stopped run needs this start most: Stop ends the repair once it has one (the node budget bounds the rest).
    let found = false;
    const fixed = {
      ...model,
      columns: model.columns.map((c, j) =>
        c.integer && !free.has(j) ? { ...c, lower: values[j], upper: values[j] } : c,
      ),
    };
    // On a work budget: its share, ended only once a repair is found (as the model's own first schedule).
    const limits: Pick<SolveOptions, 'timeLimitSec' | 'workLimit'> =
      options.workSec === undefined
        ? {
            timeLimitSec: Math.min(limit(), Math.max(0.5, options.timeLimitSec * REPAIR_SHARE)),
            workLimit: { nodes: REPAIR_NODES },
          }
        : {
            timeLimitSec: limit(),
            workLimit: {
              ...workLimitFor(fixed, options.workSec * REPAIR_SHARE),
              afterFirstSolution: true,
              nodes: REPAIR_NODES,
            },
          };
    const out = await backend.solve(fixed, {
      ...limits,
      onSolution: () => {
        found = true;
      },
      stop: () => found && !!options.stop?.(),
    });
    if ((out.status === 'optimal' || out.status === 'feasible') && violatedRows(builder, out.values, 1e-5).length === 0)
      return { values: out.values, repaired: true };
    // Not repairable inside those cells: free their neighbours too (every row they share), once.
    closeOverRows(builder, free, () => true);
  }
  return undefined;
}

/** Add to `free` every integer column of each row (passing `which`) that holds a free column. */
function closeOverRows(
  builder: ModelBuilder,
  free: Set<number>,
  which: (r: ModelBuilder['rows'][number]) => boolean,
): void {
  const add: number[] = [];
  for (const r of builder.rows)
    if (which(r) && r.indices.some((j) => free.has(j)))
      for (const j of r.indices) if (builder.columns[j].integer && !free.has(j)) add.push(j);
  for (const j of add) free.add(j);
}
