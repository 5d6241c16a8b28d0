// The N-1/N-2 sweep over some weeks (one worker task's share): for each week, each person's loss
// on the days they would be gone (N-1), then every pair (N-2) — composed from the two N-1
// repairs when that is provably exact, solved otherwise. Weeks are independent, so the service
// splits a sweep into chunks of weeks across the worker pool.
import type { ContingencyParams, LossOutcome, Repair, RepairMethod, Utilization } from '../../domain/contingency';
import { OUTCOME_RANK } from '../../domain/contingency';
import { addDays, isoWeekday } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { IsoDate } from '../../domain/types';
import type { SolverBackend } from '../backend';
import { Baseline } from './baseline';
import { RepairChecker } from './check';
import { composedLoss, composePair, hasLoss, repairLoss, type CheckedPeople, type SolvedLoss } from './engine';
import { analyseLoss } from './loss';
import type { ActionCache } from './model';
import { describeRepair } from './repair';
import { dailyLoad, utilizationOf, type DayLoad } from './utilization';

/** Days before and after the weeks the baseline holds: rolling 28-day windows and a spare week. */
export const HORIZON_MARGIN_DAYS = 42;

export interface SweepChunkInput {
  data: ProgramData;
  params: ContingencyParams;
  /** Mondays of the weeks to compute. */
  weeks: IsoDate[];
  /** Solve every pair (no pruning): what the property test compares the pruned sweep with. */
  exhaustive?: boolean;
}

export interface PairOutcome {
  a: string;
  b: string;
  outcome: LossOutcome;
  objective: number;
  changedAssignments: number | null;
  method: RepairMethod;
}

export interface WeekResult {
  week: IsoDate;
  end: IsoDate;
  loads: DayLoad[];
  utilization: Utilization;
  /** N-1 repairs of the losses with something to repair. */
  singles: Repair[];
  /** Every pair with something to repair. */
  pairs: PairOutcome[];
  /** Pair repairs worse than both losses alone and not absorbed. */
  pairRepairs: Repair[];
  figures: { models: number; milp: number; pruned: number; rejections: number; pairWeeks: number };
}

export interface SweepChunkResult {
  weeks: WeekResult[];
  /** False when stopped before every week was done. */
  complete: boolean;
}

export interface SweepProgress {
  unitsDone: number;
  unitsTotal: number;
  week: IsoDate;
}

export interface SweepHooks {
  progress?: (p: SweepProgress) => void;
  stop?: () => boolean;
}

/** The days of a week people are gone: inside the sweep's range and its gone window. */
export function goneDaysOf(params: ContingencyParams, monday: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let i = 0; i < 7; i++) {
    const d = addDays(monday, i);
    if (d < params.start || d > params.end) continue;
    if (params.gone.mode === 'from' && (d < params.gone.start || d > addDays(params.gone.start, params.gone.days - 1)))
      continue;
    out.push(d);
  }
  return out;
}

/** Mondays of the ISO weeks a sweep covers (only weeks with gone days). */
export function sweepWeeks(params: ContingencyParams): IsoDate[] {
  const out: IsoDate[] = [];
  for (
    let monday = addDays(params.start, 1 - isoWeekday(params.start));
    monday <= params.end;
    monday = addDays(monday, 7)
  ) {
    if (goneDaysOf(params, monday).length) out.push(monday);
  }
  return out;
}

export async function runSweepChunk(
  input: SweepChunkInput,
  backend: SolverBackend,
  hooks: SweepHooks = {},
): Promise<SweepChunkResult> {
  const { params } = input;
  const weeks = [...input.weeks].sort();
  if (!weeks.length) return { weeks: [], complete: true };
  const first = weeks[0];
  const last = addDays(weeks[weeks.length - 1], 6);
  const b = new Baseline(input.data, {
    start: addDays(first, -HORIZON_MARGIN_DAYS),
    end: addDays(last, HORIZON_MARGIN_DAYS),
  });
  const checker = new RepairChecker(b, { start: addDays(first, -7), end: addDays(last, 14) });
  const staff = b.staff.map((p) => p.id);
  const pairCount = params.depth === 2 ? (staff.length * (staff.length - 1)) / 2 : 0;
  const unitsTotal = weeks.length * (staff.length + pairCount);
  let unitsDone = 0;
  const out: WeekResult[] = [];
  const stopped = () => !!hooks.stop?.();

  for (const week of weeks) {
    if (stopped()) return { weeks: out, complete: false };
    const days = goneDaysOf(params, week).map((d) => b.day(d));
    const weekDays = Array.from({ length: 7 }, (_, i) => b.day(addDays(week, i))).filter((d) => d >= 0);
    const loads = dailyLoad(b, weekDays);
    const result: WeekResult = {
      week,
      end: addDays(week, 6),
      loads,
      utilization: utilizationOf(loads),
      singles: [],
      pairs: [],
      pairRepairs: [],
      figures: { models: 0, milp: 0, pruned: 0, rejections: 0, pairWeeks: 0 },
    };
    const options = { backend, checker, cache: new Map() as ActionCache, checked: new Map() as CheckedPeople };
    const single = new Map<string, SolvedLoss>();
    for (const id of staff) {
      hooks.progress?.({ unitsDone: unitsDone++, unitsTotal, week });
      const solved = await repairLoss(b, { gone: [id], days }, week, options);
      result.figures.models += solved.solvedModels;
      result.figures.milp += solved.milpModels;
      result.figures.rejections += solved.rejections;
      single.set(id, solved);
      if (solved.repair && solved.outcome) result.singles.push(solved.repair);
      if (stopped()) return { weeks: out, complete: false };
    }
    if (params.depth === 2) {
      for (let i = 0; i < staff.length; i++) {
        for (let j = i + 1; j < staff.length; j++) {
          unitsDone++;
          if ((unitsDone & 31) === 0) {
            hooks.progress?.({ unitsDone, unitsTotal, week });
            if (stopped()) return { weeks: out, complete: false };
          }
          const a = single.get(staff[i])!;
          const c = single.get(staff[j])!;
          if (!hasLoss(a.loss) && !hasLoss(c.loss)) continue;
          result.figures.pairWeeks++;
          const scenario = { gone: [staff[i], staff[j]], days };
          let pair: SolvedLoss | null = null;
          if (!input.exhaustive) {
            const pairLoss = analyseLoss(b, scenario);
            const union = composePair(b, a, c, pairLoss);
            if (union) {
              pair = composedLoss(b, a, c, union, week, checker, false);
              if (!pair.verified) pair = null;
              else result.figures.pruned++;
            }
          }
          if (!pair) {
            pair = await repairLoss(b, scenario, week, options);
            result.figures.models += pair.solvedModels;
            result.figures.milp += pair.milpModels;
            result.figures.rejections += pair.rejections;
          }
          if (!pair.outcome) continue;
          const method = pair.method;
          result.pairs.push({
            a: staff[i],
            b: staff[j],
            outcome: pair.outcome,
            objective: pair.objective,
            changedAssignments: pair.repair?.changedAssignments ?? null,
            method,
          });
          // Worse together than apart, and not absorbed: keep the repair to show it.
          const apart = Math.max(a.outcome ? OUTCOME_RANK[a.outcome] : -1, c.outcome ? OUTCOME_RANK[c.outcome] : -1);
          if (pair.outcome !== 'absorbed' && OUTCOME_RANK[pair.outcome] > apart)
            result.pairRepairs.push(pair.repair ?? describeRepair(b, pair.solution, week, method));
        }
      }
    }
    out.push(result);
    hooks.progress?.({ unitsDone, unitsTotal, week });
  }
  return { weeks: out, complete: true };
}
