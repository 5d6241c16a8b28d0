// drafts.*, publications.* and audit.query handlers: thin wrappers over core/services/drafts.
// Draft refusals (DraftError, a ServiceError) cross the API with their code and per-path issues.
import { checkInPool, validateAsOfToday } from '../../services/compliance';
import {
  acknowledgeFinding,
  applyDraftPatch,
  checkPublish,
  compareDraft,
  draftChanges,
  draftValidationState,
  createDraft,
  discardDraft,
  editDraft,
  getDraft,
  listDrafts,
  listPublications,
  publishDraft,
  queryAudit,
  rollbackPublication,
  updateDraft,
  validateDraft,
  type BreakGlass,
  type DraftContext,
} from '../../services/drafts';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type DraftMethodName = Extract<keyof Contract, `drafts.${string}` | `publications.${string}` | 'audit.query'>;
type Methods = Pick<Contract, DraftMethodName>;

/** The role matrix lets only the program director, signed in, give break-glass: they approve it. */
export function breakGlassApproval(
  ctx: Pick<HandlerContext, 'actor' | 'session'>,
  given: { reason: string } | null,
): BreakGlass | null {
  if (!given) return null;
  const director = ctx.session?.account();
  return {
    role: 'pd',
    approvedBy: director ? `${director.displayName} (${director.username})` : ctx.actor,
    reason: given.reason,
  };
}

export function draftHandlers(
  ctx: Pick<HandlerContext, 'program' | 'actor' | 'session'> & Partial<Pick<HandlerContext, 'jobs'>>,
): HandlersOf<Methods> {
  // The program is looked up per call: File > Open may have switched it.
  const approval = (given: { reason: string } | null) => breakGlassApproval(ctx, given);
  const d = (): DraftContext => ({
    program: ctx.program(),
    actor: ctx.actor,
    validate: validateAsOfToday,
    // Off the main thread on the pool's interactive thread; without a pool (handlers called directly) here.
    check: ctx.jobs && checkInPool(ctx.jobs, 'today'),
  });
  return {
    'drafts.list': ({ status }) => listDrafts(d(), { status }),
    'drafts.get': ({ draftId }) => getDraft(d(), draftId),
    'drafts.create': ({ name, note }) => createDraft(d(), { name, note, source: 'manual' }),
    'drafts.update': (input) => updateDraft(d(), input),
    'drafts.discard': (input) => discardDraft(d(), input),
    'drafts.setActivity': ({ draftId, cells, activityCode }) =>
      editDraft(d(), draftId, { kind: 'setActivity', cells, activityCode }),
    'drafts.clearCells': ({ draftId, cells }) => editDraft(d(), draftId, { kind: 'clear', cells }),
    'drafts.pasteCells': ({ draftId, cells }) => editDraft(d(), draftId, { kind: 'paste', cells }),
    'drafts.setLock': ({ draftId, cells, locked }) => editDraft(d(), draftId, { kind: 'setLock', cells, locked }),
    'drafts.setCall': ({ draftId, date, callTypeCode, personIds }) =>
      editDraft(d(), draftId, { kind: 'setCall', date, callTypeCode, personIds }),
    'drafts.setInpatientWeek': ({ draftId, start, end, personIds }) =>
      editDraft(d(), draftId, { kind: 'setInpatientWeek', start, end, personIds }),
    'drafts.setRotation': ({ draftId, personId, academicYear, blockNumber, part, rotationId }) =>
      editDraft(d(), draftId, { kind: 'setRotation', personId, academicYear, blockNumber, part, rotationId }),
    'drafts.revert': ({ draftId, cells, calls, inpatientWeeks, rotations }) =>
      editDraft(d(), draftId, { kind: 'revert', cells, calls, inpatientWeeks, rotations }),
    'drafts.applyPatch': ({ draftId, patch }) => applyDraftPatch(d(), draftId, patch),
    'drafts.diff': (input) => compareDraft(d(), input),
    'drafts.changes': (input) => draftChanges(d(), input),
    'drafts.validation': ({ draftId }) => draftValidationState(d(), draftId),
    'drafts.validate': ({ draftId }) => validateDraft(d(), draftId),
    'drafts.acknowledgeFinding': (input) => acknowledgeFinding(d(), input),
    'drafts.publishCheck': (input) => checkPublish(d(), { ...input, breakGlass: approval(input.breakGlass) }),
    'drafts.publish': (input) => publishDraft(d(), { ...input, breakGlass: approval(input.breakGlass) }),
    'publications.list': ({ limit }) => listPublications(d(), { limit }),
    'publications.rollback': (input) => rollbackPublication(d(), input),
    'audit.query': (input) => queryAudit(d(), input),
  };
}
