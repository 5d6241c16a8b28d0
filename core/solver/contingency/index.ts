// Resilience: N-1/N-2 contingency sweeps, repairs, utilization and the stress ladder. Runs in
// worker threads (HiGHS); every repair is checked by the compliance engine (core/rules).
export { applyRepair } from './apply';
export { Baseline, mondayOf } from './baseline';
export { hardRuleIds, RepairChecker } from './check';
export { composedLoss, composePair, hasLoss, repairLoss, type SolvedLoss } from './engine';
export { analyseLoss, type Scenario } from './loss';
export { runStress, STRESS_FRACTIONS, type StressInput, type StressProgress } from './stress';
export {
  goneDaysOf,
  HORIZON_MARGIN_DAYS,
  runSweepChunk,
  sweepWeeks,
  type PairOutcome,
  type SweepChunkInput,
  type SweepChunkResult,
  type SweepProgress,
  type WeekResult,
} from './sweep';
export { dailyLoad, utilizationOf, type DayLoad } from './utilization';
export { summarizeSweep } from './summary';
