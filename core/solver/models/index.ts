// Schedule generation: the public surface of the models (see docs/generation.md).
export {
  buildAnnualPlanModel,
  planPeriods,
  type AnnualPlanOptions,
  type AnnualPlanResult,
  type PlanPeriod,
} from './annual';
export { rotationPlanRulesFromPlan } from './annual-rules';
export { buildCallModel, type CallPlanOptions, type CallPlanResult, type FairnessCounts } from './call';
export { buildBlockScheduleModel, type BlockScheduleOptions, type BlockScheduleResult } from './halfday';
export {
  runGeneration,
  withGenerated,
  GENERATION_SCOPES,
  type GenerationHooks,
  type GenerationProgress,
  type GenerationReport,
  type GenerationRequest,
  type GenerationScope,
  type ModelFigures,
} from './generate';
export { solveGeneration, type GenerationOutcome, type GenerationSolveOptions, type SolveFigures } from './solve';
export type { CellExplanation } from './explain';
export type { Reason, ReasonKind, RequirementGroup } from './builder';
export type { GenerationModel } from './model';
export { diagnose, type Diagnosis, type Relaxation } from '../diagnose/diagnose';
