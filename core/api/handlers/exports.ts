// exports.* handlers: personal calendars, printouts and CSV written to the paths the user chose.
// Refused exports (bad selection, unreadable previous file, draft not open) cross the API as
// invalid_input / not_found / rejected with the service's message; nothing is written then.
// A folder that cannot be written (missing drive, a file in the way, no permission) is `rejected`
// with the path and the reason in words.
import { validate } from '../../rules/engine';
import type { DraftContext } from '../../services/drafts';
import {
  draftOverride,
  ExportInputError,
  exportCalendars,
  exportCsv,
  exportPdf,
  type ExportRequest,
} from '../../services/exports';
import { bundledPrintFonts } from '../../services/print-fonts';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf, type ParsedInputOf } from '../kit';

type Methods = Pick<Contract, 'exports.calendars' | 'exports.pdf' | 'exports.csv'>;
type BaseInput = Omit<ParsedInputOf<Contract['exports.csv']>, 'output'>;

/** File-system failures the user can act on, in words (the path comes with them). */
const WRITE_FAILURES: Record<string, string> = {
  ENOENT: 'that folder or drive does not exist',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'a folder already has that name',
  EACCES: 'permission denied',
  EPERM: 'permission denied, or the file is open in another program',
  EBUSY: 'the file is open in another program',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
};

function writeFailure(err: unknown): ApiError | null {
  const e = err as NodeJS.ErrnoException | null;
  const reason = e && typeof e.code === 'string' ? WRITE_FAILURES[e.code] : undefined;
  if (!reason) return null;
  // Name the file the user asked for, not the temporary one it is first written to.
  const target = e!.path?.replace(/\.\d+\.tmp$/, '') ?? 'the export';
  return new ApiError('rejected', `Could not write ${target}: ${reason}. Choose another folder or file.`);
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ExportInputError) throw new ApiError('invalid_input', err.message);
    throw writeFailure(err) ?? err;
  }
}

export function exportHandlers(ctx: Pick<HandlerContext, 'program' | 'actor' | 'resourcesDir'>): HandlersOf<Methods> {
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
          fonts: bundledPrintFonts(ctx.resourcesDir),
        }),
      ),
    'exports.csv': (input) => guarded(async () => exportCsv(ctx.program(), { ...(await request(input)), output: input.output })),
  };
}
