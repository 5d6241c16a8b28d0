// absences.create / update / delete / preview / overlaps / merge: thin wrappers over core/services/absences.
import {
  absenceOverlaps,
  createAbsence,
  deleteAbsence,
  mergeAbsences,
  previewAbsence,
  updateAbsence,
} from '../../services/absences';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  | 'absences.create'
  | 'absences.update'
  | 'absences.delete'
  | 'absences.preview'
  | 'absences.overlaps'
  | 'absences.merge'
>;

export function absenceHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  return {
    'absences.create': (fields) => createAbsence(ctx.program(), fields, ctx.actor),
    'absences.update': ({ id, ...fields }) => updateAbsence(ctx.program(), id, fields, ctx.actor),
    'absences.delete': ({ id }) => deleteAbsence(ctx.program(), id, ctx.actor),
    'absences.preview': (fields) => previewAbsence(ctx.program(), fields),
    'absences.overlaps': ({ academicYear }) => absenceOverlaps(ctx.program(), academicYear),
    'absences.merge': (input) => mergeAbsences(ctx.program(), input, ctx.actor),
  };
}
