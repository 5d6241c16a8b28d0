// What every generation model is: a built MILP plus the way back from its solution to domain data.
import type { ModelBuilder } from './builder';

export type GenerationScope = 'annual' | 'block' | 'calls';

export interface GenerationModel<R> {
  scope: GenerationScope;
  /** What is generated, for progress and reports, e.g. "Annual rotation plan AY 2026–27". */
  label: string;
  builder: ModelBuilder;
  /** Turn a solution (column values) into domain results with explanations. */
  decode(values: ArrayLike<number>): R;
  /**
   * Groups of integer columns re-optimised one at a time from the incumbent (fix-and-optimize),
   * for models whose solver finds good schedules slowly; absent = one plain solve.
   */
  neighbourhoods?: number[][];
  /**
   * With neighbourhoods: work seconds (core/solver/roster/work-clock) the whole model may search
   * (and prove) before fix-and-optimize takes over from its incumbent; default 0 = hand over at the
   * first schedule.
   */
  wholeModelFirstSec?: number;
  /**
   * The values of integer columns that keep the schedule people rely on (the published half-days and
   * calls, the current annual plan) where the model can still keep them; the solve completes them
   * and, where they break a hard row, repairs them into its start (core/solver/models/start.ts): it
   * starts from that schedule, and returns it when it finds nothing better in its time.
   */
  startHint?: ReadonlyMap<number, number>;
  /**
   * Rows that each pick one of their columns (a resident's rotation in a half-block): with them, a
   * solve with no start builds one by the quick construction (core/solver/models/construct.ts), keeps
   * it when the solver finds nothing better in its limit, and says so.
   */
  assignmentRows?: number[];
}

/** Human list: "A", "A and B", "A, B and C". */
export function listText(items: string[], max = 12): string {
  if (items.length <= 1) return items.join('');
  // A long list (60 residents of a class) says the first ones and how many more, not a page of names.
  if (items.length > max) return `${items.slice(0, max - 2).join(', ')} and ${items.length - (max - 2)} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Round a slack value for reporting (slacks on integer rows are integral up to solver tolerance). */
export function roundSlack(v: number): number {
  return Math.round(v * 100) / 100;
}
