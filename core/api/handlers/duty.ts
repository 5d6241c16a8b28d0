// moonlighting.* and callbacks.* (core/services/duty-entries), activities.setPatientCare,
// callTypes.setClockChange.
import { setPatientCare } from '../../services/activities';
import { setCallClockChange } from '../../services/call-types';
import {
  createCallback,
  createMoonlighting,
  deleteCallback,
  deleteMoonlighting,
  listCallbacks,
  listHomeCalls,
  listMoonlighting,
  updateCallback,
  updateMoonlighting,
} from '../../services/duty-entries';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  | 'moonlighting.list'
  | 'moonlighting.create'
  | 'moonlighting.update'
  | 'moonlighting.delete'
  | 'callbacks.list'
  | 'callbacks.homeCalls'
  | 'callbacks.create'
  | 'callbacks.update'
  | 'callbacks.delete'
  | 'activities.setPatientCare'
  | 'callTypes.setClockChange'
>;

export function dutyHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  return {
    'moonlighting.list': ({ academicYear }) => listMoonlighting(ctx.program(), academicYear),
    'moonlighting.create': (fields) => createMoonlighting(ctx.program(), fields, ctx.actor),
    'moonlighting.update': ({ id, ...fields }) => updateMoonlighting(ctx.program(), id, fields, ctx.actor),
    'moonlighting.delete': ({ id }) => deleteMoonlighting(ctx.program(), id, ctx.actor),
    'callbacks.list': ({ academicYear }) => listCallbacks(ctx.program(), academicYear),
    'callbacks.homeCalls': ({ academicYear, personId }) => listHomeCalls(ctx.program(), academicYear, personId),
    'callbacks.create': (fields) => createCallback(ctx.program(), fields, ctx.actor),
    'callbacks.update': ({ id, ...fields }) => updateCallback(ctx.program(), id, fields, ctx.actor),
    'callbacks.delete': ({ id }) => deleteCallback(ctx.program(), id, ctx.actor),
    'activities.setPatientCare': ({ changes }) => setPatientCare(ctx.program(), changes, ctx.actor),
    'callTypes.setClockChange': ({ changes }) => setCallClockChange(ctx.program(), changes, ctx.actor),
  };
}
