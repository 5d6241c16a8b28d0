// Activities, call types, rotations (and marking one shift-based), blocks, absences.
import { listAbsences, listActivities, listBlocks, listCallTypes, listRotations } from '../../services/catalog';
import { setRotationShifts } from '../../services/rotations';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  'activities.list' | 'callTypes.list' | 'rotations.list' | 'rotations.setShifts' | 'blocks.list' | 'absences.list'
>;

export function catalogHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    'activities.list': () => listActivities(ctx.program()),
    'callTypes.list': () => listCallTypes(ctx.program()),
    'rotations.list': () => listRotations(ctx.program()),
    'rotations.setShifts': ({ rotationId, shifts }) => setRotationShifts(ctx.program(), rotationId, shifts, ctx.actor),
    'blocks.list': ({ academicYear }) => listBlocks(ctx.program(), academicYear),
    'absences.list': ({ academicYear }) => listAbsences(ctx.program(), academicYear),
  };
}
