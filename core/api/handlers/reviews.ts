// reviews.* handlers: thin wrappers over core/services/reviews (the coordinator's side).
import { formatPrintedAt } from '../../exports/pdf/dates';
import { checkInPool, validateAsOfToday } from '../../services/compliance';
import { bundledPrintFonts } from '../../services/print-fonts';
import type { DraftContext } from '../../services/drafts';
import {
  draftReviewState,
  exportReview,
  importResponse,
  openReview,
  readReviewFile,
  resolveComment,
  reviewPdf,
  shortHash,
  writeResponse,
  writeWhole,
} from '../../services/reviews';
import { checkOutputPath, type OutputPlace } from '../../services/output-files';
import type { HandlerContext } from '../context';
import { exportFolderOf } from './system';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, Extract<keyof Contract, `reviews.${string}`>>;

export function reviewHandlers(
  ctx: Pick<HandlerContext, 'program' | 'actor' | 'resourcesDir' | 'host' | 'hasProgram'> &
    Partial<Pick<HandlerContext, 'jobs'>>,
): HandlersOf<Methods> {
  // Where exports may write: never over the open program file (a reviewer's workstation may have none).
  const place = (): OutputPlace => ({
    programFile: ctx.hasProgram?.() === false ? undefined : ctx.program().path,
    creatableRoot: exportFolderOf(ctx),
  });
  const write = (path: string, bytes: Uint8Array) => writeWhole(path, bytes, place());
  const d = (): DraftContext => ({
    program: ctx.program(),
    actor: ctx.actor,
    validate: validateAsOfToday,
    // Off the main thread on the pool's interactive thread; without a pool (handlers called directly) here.
    check: ctx.jobs && checkInPool(ctx.jobs, 'today'),
  });
  return {
    'reviews.export': async ({ draftId, path }) => {
      // A path that cannot be written is refused before the review is made.
      const target = checkOutputPath(path, 'file', place());
      const sent = await exportReview(d(), draftId, async (bytes) => {
        await write(target, bytes);
      });
      return { path: target, hash: sent.hash, shortHash: sent.shortHash, bytes: sent.bytes.length };
    },
    'reviews.state': ({ draftId }) => draftReviewState(d(), draftId),
    'reviews.importResponse': async ({ path }) => {
      const file = await readReviewFile(path);
      return importResponse(d(), file.bytes, file.name);
    },
    'reviews.resolveComment': (input) => resolveComment(d(), input),
    'reviews.open': async ({ path }) => {
      const file = await readReviewFile(path);
      return openReview(file.bytes, file.name);
    },
    'reviews.respond': async ({ reviewPath, path, ...input }) => {
      // The response answers the file as it is on disk now, verified again.
      const file = await readReviewFile(reviewPath);
      const written = writeResponse(openReview(file.bytes, file.name), input);
      return { path: await write(path, written.bytes), hash: written.hash, shortHash: shortHash(written.hash) };
    },
    'reviews.pdf': async ({ reviewPath, path }) => {
      const file = await readReviewFile(reviewPath);
      const opened = openReview(file.bytes, file.name);
      const printedAt = formatPrintedAt(new Date(), opened.review.timeZone);
      const made = await reviewPdf({
        review: opened.review,
        shortHash: opened.shortHash,
        setup: { printedAt, fonts: bundledPrintFonts(ctx.resourcesDir) },
      });
      return { path: await write(path, made.pdf), pages: made.pages };
    },
  };
}
