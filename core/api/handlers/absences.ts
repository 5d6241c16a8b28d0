// absences.create / update / delete / preview: thin wrappers over core/services/absences.
import { createAbsence, deleteAbsence, previewAbsence, updateAbsence } from '../../services/absences';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, 'absences.create' | 'absences.update' | 'absences.delete' | 'absences.preview'>;

export function absenceHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  return {
    'absences.create': (fields) => createAbsence(ctx.program(), fields, ctx.actor),
    'absences.update': ({ id, ...fields }) => updateAbsence(ctx.program(), id, fields, ctx.actor),
    'absences.delete': ({ id }) => deleteAbsence(ctx.program(), id, ctx.actor),
    'absences.preview': (fields) => previewAbsence(ctx.program(), fields),
  };
}
