// schedule.* handlers: the block grid.
import { scheduleGrid } from '../../services/grid';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, 'schedule.grid'>;

export function scheduleHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    'schedule.grid': ({ start, end }) => scheduleGrid(ctx.program(), start, end),
  };
}
