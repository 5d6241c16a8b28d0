// program.* handlers: the summary the app opens on, the settings and holidays; rules.catalog.
import { ruleCatalog } from '../../rules/descriptions';
import { listYearHolidays, setYearHolidays } from '../../services/holidays';
import { programSummary, updateSettings } from '../../services/settings';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  'program.info' | 'program.updateSettings' | 'program.holidays' | 'program.setHolidays' | 'rules.catalog'
>;

export function programHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    'program.info': () => programSummary(ctx.program()),
    'program.updateSettings': (changes) => updateSettings(ctx.program(), changes, ctx.actor),
    'program.holidays': ({ academicYear }) => listYearHolidays(ctx.program(), academicYear),
    'program.setHolidays': ({ academicYear, holidays }) =>
      setYearHolidays(ctx.program(), academicYear, holidays, ctx.actor),
    'rules.catalog': () => ruleCatalog(),
  };
}
