// The compliance engine's public surface: validate a schedule in full, or keep a validator and
// re-validate edit by edit.
export {
  validate,
  validateInTurn,
  createValidator,
  compareFindings,
  ComplianceValidator,
  type FindingDiff,
} from './engine';
export { complianceInput, ComplianceInputError, type ComplianceInput, type ComplianceOptions } from './input';
export { scheduleEditSchema, type ScheduleEdit } from './edits';
export { ruleTypes } from './registry';
export { formatDateRange, formatNumber } from './explain';
