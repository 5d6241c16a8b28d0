// `review <subcommand>`: offline review of drafts (issue 18). export and import work on the
// program database (signed in like the other commands); open and respond need only the file.
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { z } from 'zod';
import { formatPrintedAt } from '../../exports/pdf/dates';
import {
  exportReview,
  importResponse,
  openReview,
  readReviewFile,
  reviewCommentSchema,
  reviewPdf,
  reviewSummaryLines,
  writeResponse,
  writeWhole,
  type ReviewCommentInput,
} from '../../services/reviews';
import { CliUsageError, commandGroup, runCommand, type CliCommand, type CliIo, type CommandBody } from '../command';
import { positiveId, withDraftContext } from './draft-context';
import { plural } from '../../domain/words';

const exportUsage = `Usage: review export <db> <draft-id> <file>
Sends a draft for review: writes one signed review file (the draft, the published schedule it
changes, its findings and churn, and the people, activities and rotations they name). The draft
is checked against the rules first when its last check is stale.`;

const openUsage = `Usage: review open <file> [--json]
Opens a review file without the program database: checks its signature (a changed file is
refused) and prints its summary.
  --json   print the whole review as JSON`;

const respondUsage = `Usage: review respond <file> (--approve | --request-changes) --by NAME [--reason TEXT]
                      [--comment TEXT]... [--comments FILE.json] [--out FILE]
Answers a review file with a signed response file (default: beside the review, named
<review>-response.rsresponse).
  --approve / --request-changes   the decision (asking for changes needs --reason)
  --by NAME                       who decides (the program director's name)
  --comment TEXT                  a comment on the whole draft (repeatable)
  --comments FILE.json            anchored comments: [{"anchor": {"kind": "cells", "personIds": ["r1"],
                                  "start": "2026-08-03", "end": "2026-08-04", "half": "AM"}, "text": "…"}, …]
                                  (kinds: cells, person {personId}, finding {findingId}, draft)`;

const importUsage = `Usage: review import <db> <response-file>
Imports a review response: its comments go on the draft, its decision is recorded on the draft
and in the audit log. A changed file, a response to another program's review, or one already
imported is refused and changes nothing. A response to an older version of the draft is kept
and reported as stale, with what changed since.`;

const exportSub: CliCommand = {
  name: 'export',
  summary: "Write a draft's signed review file",
  usage: exportUsage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage: exportUsage, options: {}, positionals: ['db', 'draft-id', 'file'] },
      async (_values, [db, id, file]) => {
        const draftId = positiveId(id, 'draft-id');
        await withDraftContext(db, io, ['reviews.export'], async (ctx) => {
          const sent = await exportReview(ctx, draftId, async (bytes) => {
            await writeWhole(resolve(file), bytes, { programFile: ctx.program.path });
          });
          io.out(
            `Wrote ${file} (${Math.ceil(sent.bytes.length / 1024)} KB), review ${sent.shortHash} of draft ` +
              `#${draftId} "${sent.review.draft.name}" revision ${sent.review.draft.revision}`,
          );
        });
      },
    ),
};

const openSub: CliCommand = {
  name: 'open',
  summary: 'Check a review file and print its summary',
  usage: openUsage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage: openUsage, options: { json: { type: 'boolean' } }, positionals: ['file'] },
      async (values, [file]) => {
        const { bytes, name } = await readReviewFile(file);
        const opened = openReview(bytes, name);
        if (values.json) io.out(JSON.stringify(opened, null, 2));
        else for (const line of reviewSummaryLines(opened)) io.out(line);
      },
    ),
};

async function commentsFrom(path: string | undefined, texts: string[]): Promise<ReviewCommentInput[]> {
  const out: ReviewCommentInput[] = texts.map((text) => ({ anchor: { kind: 'draft' }, text }));
  if (!path) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CliUsageError(
      `--comments: cannot read ${path} as JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const checked = z.array(reviewCommentSchema).safeParse(parsed);
  if (!checked.success)
    throw new CliUsageError(
      `--comments: ${checked.error.issues
        .slice(0, 5)
        .map((i) => `[${i.path.join('.')}] ${i.message}`)
        .join('; ')}`,
    );
  return [...out, ...checked.data];
}

const respondSub: CliCommand = {
  name: 'respond',
  summary: 'Approve or ask for changes: write a signed response file',
  usage: respondUsage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage: respondUsage,
        options: {
          approve: { type: 'boolean' },
          'request-changes': { type: 'boolean' },
          by: { type: 'string' },
          reason: { type: 'string' },
          comment: { type: 'string', multiple: true },
          comments: { type: 'string' },
          out: { type: 'string' },
        },
        positionals: ['file'],
      },
      async (values, [file]) => {
        if (!!values.approve === !!values['request-changes'])
          throw new CliUsageError('give one of --approve or --request-changes');
        if (typeof values.by !== 'string' || !values.by.trim())
          throw new CliUsageError('--by NAME is required: who decides');
        const texts = (values.comment as unknown as string[] | undefined) ?? [];
        const comments = await commentsFrom(values.comments as string | undefined, texts);
        const { bytes, name } = await readReviewFile(file);
        const opened = openReview(bytes, name);
        const written = writeResponse(opened, {
          decision: values.approve ? 'approve' : 'request_changes',
          by: values.by,
          reason: (values.reason as string | undefined) ?? '',
          comments,
        });
        const out =
          (values.out as string | undefined) ??
          join(dirname(file), `${basename(file, extname(file))}-response.rsresponse`);
        await writeWhole(resolve(out), written.bytes, {});
        io.out(
          `Wrote ${out}: ${values.approve ? 'approved' : 'changes requested'} by ${values.by.trim()}, ` +
            `${plural(comments.length, 'comment')}, answering review ${opened.shortHash}`,
        );
      },
    ),
};

const pdfUsage = `Usage: review pdf <file> <out.pdf>
Prints a review file for those who review on paper: the summary, changes by person, every changed
slot, call night and inpatient week, and the findings; each page's footer names the file's short hash.`;

const pdfSub: CliCommand = {
  name: 'pdf',
  summary: 'Print a review file as PDF',
  usage: pdfUsage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage: pdfUsage, options: {}, positionals: ['file', 'out.pdf'] },
      async (_values, [file, out]) => {
        if (extname(out).toLowerCase() !== '.pdf')
          throw new CliUsageError(`the output "${basename(out)}" must be a .pdf file`);
        const { bytes, name } = await readReviewFile(file);
        const opened = openReview(bytes, name);
        const made = await reviewPdf({
          review: opened.review,
          shortHash: opened.shortHash,
          setup: { printedAt: formatPrintedAt(new Date(), opened.review.timeZone) },
        });
        await writeWhole(resolve(out), made.pdf, {});
        io.out(`Wrote ${out} (${plural(made.pages, 'page')}), review ${opened.shortHash}`);
      },
    ),
};

const importSub: CliCommand = {
  name: 'import',
  summary: 'Import a review response onto its draft',
  usage: importUsage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage: importUsage, options: {}, positionals: ['db', 'response-file'] },
      async (_values, [db, file]) => {
        const { bytes, name } = await readReviewFile(file);
        await withDraftContext(db, io, ['reviews.importResponse'], async (ctx) => {
          const { response: r, draftName } = await importResponse(ctx, bytes, name);
          const decision = r.decision === 'approve' ? 'approved' : 'asked for changes to';
          io.out(
            `${r.reviewer} ${decision} draft #${r.draftId} "${draftName}" (revision ` +
              `${r.draftRevision})${r.reason ? `: ${r.reason}` : ''}; ${plural(r.comments, 'comment')} added`,
          );
          if (r.stale) {
            io.out(
              `STALE: the response answers revision ${r.stale.reviewedRevision}; the draft is at revision ` +
                `${r.stale.currentRevision}, ${plural(r.stale.changes, 'change')} since:`,
            );
            for (const c of r.stale.changed.slice(0, 50))
              io.out(
                `  ${c.what} ${c.personId} ${c.date}${c.half ? ` ${c.half}` : ''}: ${c.then ?? '(as published)'} -> ` +
                  `${c.now ?? '(as published)'}`,
              );
            if (r.stale.changes > 50) io.out(`  … and ${r.stale.changes - 50} more`);
            if (r.decision === 'approve') io.out('The approval does not count for the draft as it is now.');
          }
        });
      },
    ),
};

export const reviewCommand: CommandBody = commandGroup('review', [exportSub, openSub, respondSub, importSub, pdfSub]);
