// exports.* handlers: personal calendars, printouts and CSV written to the paths the user chose.
// Refused exports (bad selection, unreadable previous file, draft not open) cross the API as
// invalid_input / not_found / rejected with the service's message; nothing is written then.
import { validate } from '../../rules/engine';
import { DraftError, type DraftContext } from '../../services/drafts';
import {
  draftOverride,
  ExportInputError,
  exportCalendars,
  exportCsv,
  exportPdf,
  type ExportRequest,
} from '../../services/exports';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf, type ParsedInputOf } from '../kit';

type Methods = Pick<Contract, 'exports.calendars' | 'exports.pdf' | 'exports.csv'>;
type BaseInput = Omit<ParsedInputOf<Contract['exports.csv']>, 'output'>;

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ExportInputError) throw new ApiError('invalid_input', err.message);
    if (err instanceof DraftError) throw new ApiError(err.code, err.message, err.issues);
    throw err;
  }
}

export function exportHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  const draftCtx = (): DraftContext => ({ program: ctx.program(), actor: ctx.actor, validate: (input) => validate(input) });
  const request = async (input: BaseInput): Promise<ExportRequest> => ({
    people: input.people,
    start: input.start,
    end: input.end,
    block: input.block,
    draft: input.draftId === null ? null : await draftOverride(draftCtx(), input.draftId),
  });
  return {
    'exports.calendars': (input) =>
      guarded(async () =>
        exportCalendars(ctx.program(), { ...(await request(input)), outputDir: input.outputDir, omitActivityCodes: input.omitActivityCodes }),
      ),
    'exports.pdf': (input) =>
      guarded(async () =>
        exportPdf(ctx.program(), {
          ...(await request(input)),
          kind: input.kind,
          output: input.output,
          pageSize: input.pageSize,
          weekStartsOn: input.weekStartsOn,
        }),
      ),
    'exports.csv': (input) => guarded(async () => exportCsv(ctx.program(), { ...(await request(input)), output: input.output })),
  };
}
