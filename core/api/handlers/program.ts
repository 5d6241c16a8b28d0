// program.* handlers: the summary the app opens on, and the settings.
import { programSummary, updateSettings } from '../../services/settings';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, 'program.info' | 'program.updateSettings'>;

export function programHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    'program.info': () => programSummary(ctx.program()),
    'program.updateSettings': (settings) => updateSettings(ctx.program(), settings, ctx.actor),
  };
}
