// Drafts and publishing: every schedule change goes through a draft, is checked against the
// rules, and is published atomically (and can be rolled back). DOMAIN.md, "Drafts and publishing".
export type { DraftContext, Validator } from './context';
export { DraftError } from './errors';
export {
  applyDraftPatch,
  createDraft,
  createDraftWithPatch,
  discardDraft,
  editDraft,
  getDraft,
  listDrafts,
  updateDraft,
  VALIDATION_MAX_AGE_HOURS,
} from './drafts';
export {
  createDraftFromAssignments,
  createDraftUnlessUnchanged,
  removeUnfinishedDrafts,
  type DraftAttachment,
  type SaveProgress,
} from './save';
export { compareDraft, draftChanges, draftValidationState } from './compare';
export {
  acknowledgeFinding,
  checkBasis,
  storeCheckedValidation,
  validateDraft,
  VALIDATION_MARGIN_DAYS,
  type CheckBasis,
} from './validation';
export {
  checkPublish,
  listPublications,
  publishDraft,
  publishWithin,
  rollbackPublication,
  rollbackWithin,
  type PublishInput,
} from './publish';
export { queryAudit } from './audit-query';
export type { DraftEdit } from './edits';
export type { ChurnReport, ChurnFinding, PersonChurn } from './churn';
export type { CallDiff, CellDiff, DraftDiff, WeekDiff } from './diff';
export type { FlagCategory } from './findings';
export * from './types';
