// people.* handlers.
import { createPerson, listPeople, updatePerson } from '../../services/people';
import { personSchedule } from '../../services/person-schedule';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, 'people.list' | 'people.create' | 'people.update' | 'people.schedule'>;

export function peopleHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    'people.list': ({ academicYear }) => listPeople(ctx.program(), academicYear),
    'people.schedule': ({ personId, academicYear }) => personSchedule(ctx.program(), personId, academicYear),
    'people.create': (fields) => createPerson(ctx.program(), fields, ctx.actor),
    'people.update': ({ id, ...fields }) => updatePerson(ctx.program(), id, fields, ctx.actor),
  };
}
