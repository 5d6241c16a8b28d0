// schedule.* handlers: the block grid.
import { scheduleGrid } from '../../services/grid';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';
import { seesDutyOf } from '../permissions';

type Methods = Pick<Contract, 'schedule.grid'>;

export function scheduleHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    async 'schedule.grid'({ start, end }) {
      const grid = await scheduleGrid(ctx.program(), start, end);
      const sees = seesDutyOf(ctx.session?.account() ?? null);
      return {
        ...grid,
        duty: grid.duty.filter((entry) => sees(entry.personId)),
        // An absence shows as leave to everyone; its note (often medical or family) only to staff and its owner.
        absences: grid.absences.map((a) => (sees(a.personId) ? a : { ...a, note: null })),
      };
    },
  };
}
