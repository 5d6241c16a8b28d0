// program.* handlers: the summary the app opens on, the settings and holidays; rules.catalog; the
// start page's making of the workstation's program (createCore's StartControl).
import { ruleCatalog } from '../../rules/descriptions';
import { listYearHolidays, setYearHolidays } from '../../services/holidays';
import { programSummary, updateSettings } from '../../services/settings';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  | 'program.info'
  | 'program.updateSettings'
  | 'program.holidays'
  | 'program.setHolidays'
  | 'rules.catalog'
  | 'program.createFromDemo'
  | 'program.importFile'
>;

function startControl(ctx: HandlerContext) {
  if (!ctx.start)
    throw new ApiError('rejected', 'This tool cannot make a program; use the command line (demo, import)');
  return ctx.start;
}

export function programHandlers(ctx: HandlerContext): HandlersOf<Methods> {
  return {
    'program.info': () => programSummary(ctx.program()),
    'program.updateSettings': (changes) => updateSettings(ctx.program(), changes, ctx.actor),
    'program.holidays': ({ academicYear }) => listYearHolidays(ctx.program(), academicYear),
    'program.setHolidays': ({ academicYear, holidays }) =>
      setYearHolidays(ctx.program(), academicYear, holidays, ctx.actor),
    'rules.catalog': () => ruleCatalog(),
    'program.createFromDemo': () => startControl(ctx).fromDemo(),
    'program.importFile': ({ path }) => startControl(ctx).fromFile(path),
  };
}
