// exports.* handlers: each export starts a job in the worker pool (poll jobs.status, cancel with
// jobs.cancel) and returns its id; the job's result is an AnyExportResult. A request that cannot
// be made (bad selection, dates beyond the program's years, unreadable previous file, draft not
// open) is refused at once as invalid_input / not_found / rejected; nothing starts then. A folder
// that cannot be written (missing drive, a file in the way, no permission) fails the job with the
// path and the reason in words.
import { validateAsOfToday } from '../../services/compliance';
import type { DraftContext } from '../../services/drafts';
import { draftOverride, ExportInputError, startExport, type ExportRequest } from '../../services/exports';
import { bundledPrintFonts } from '../../services/print-fonts';
import { exportFolderOf } from './system';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf, type ParsedInputOf } from '../kit';

type Methods = Pick<Contract, 'exports.calendars' | 'exports.pdf' | 'exports.csv' | 'exports.xlsx'>;
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

function writeFailure(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException | null;
  const reason = e && typeof e.code === 'string' ? WRITE_FAILURES[e.code] : undefined;
  if (!reason) return null;
  // Name the file the user asked for, not the temporary one it is first written to.
  const target = e!.path?.replace(/\.\d+\.tmp$/, '') ?? 'the export';
  return `Could not write ${target}: ${reason}. Choose another folder or file.`;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ExportInputError) throw new ApiError('invalid_input', err.message);
    const failure = writeFailure(err);
    throw failure ? new ApiError('rejected', failure) : err;
  }
}

export function exportHandlers(
  ctx: Pick<HandlerContext, 'program' | 'actor' | 'resourcesDir' | 'jobs' | 'host'>,
): HandlersOf<Methods> {
  const draftCtx = (): DraftContext => ({ program: ctx.program(), actor: ctx.actor, validate: validateAsOfToday });
  const request = async (input: BaseInput): Promise<ExportRequest> => ({
    people: input.people,
    start: input.start,
    end: input.end,
    block: input.block,
    draft: input.draftId === null ? null : await draftOverride(draftCtx(), input.draftId),
  });
  // Never over the program file; folders are created only inside the app's export folder.
  const start = (request: Parameters<typeof startExport>[2]) =>
    startExport(ctx.jobs, ctx.program(), request, writeFailure, {
      programFile: ctx.program().path,
      creatableRoot: exportFolderOf(ctx),
    });
  return {
    'exports.calendars': (input) =>
      guarded(async () =>
        start({
          format: 'calendars',
          request: {
            ...(await request(input)),
            outputDir: input.outputDir,
            omitActivityCodes: input.omitActivityCodes,
          },
        }),
      ),
    'exports.pdf': (input) =>
      guarded(async () =>
        start({
          format: 'pdf',
          request: {
            ...(await request(input)),
            kind: input.kind,
            output: input.output,
            pageSize: input.pageSize,
            weekStartsOn: input.weekStartsOn,
            fonts: bundledPrintFonts(ctx.resourcesDir),
          },
        }),
      ),
    'exports.csv': (input) =>
      guarded(async () => start({ format: 'csv', request: { ...(await request(input)), output: input.output } })),
    'exports.xlsx': (input) =>
      guarded(async () =>
        start({
          format: 'xlsx',
          request: {
            ...(await request(input)),
            output: input.output,
            academicYear: input.academicYear,
            plan: input.plan,
            calls: input.calls,
          },
        }),
      ),
  };
}
