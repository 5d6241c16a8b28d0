// The coordinator's side of a response: importing it puts its comments on the draft and records
// the decision on the draft and in the audit log, in one transaction. Refused, with nothing
// changed: a changed file, a response to another program's review or to a review this program
// never sent, and a response already imported. A response to an older revision of the draft is
// kept and shown as stale, with what changed since; it never counts as an approval of the draft now.
import { gunzipSync } from 'node:zlib';
import type { DraftContext } from '../drafts';
import { approvedRevision } from '../drafts/approval';
import { draftRow, inTransaction, nowIso, writeAudit } from '../drafts/context';
import type { OverlayEntries } from '../drafts/diff';
import { callKey, cellKey, rotationKey, weekKey } from '../drafts/patch';
import { loadOverlay } from '../drafts/store';
import type { DraftTrx } from '../drafts/tables';
import { ReviewError } from './errors';
import { keyId, readSigned, shortHash } from './file';
import { programKeys } from './keys';
import { reviewDb, type ReviewDb, type ReviewTrx } from './tables';
import {
  responseDocumentSchema,
  type ChangedEntry,
  type CommentAnchor,
  type Decision,
  type DraftReviewState,
  type ResponseDocument,
  type ReviewComment,
  type ReviewResponseSummary,
  type Staleness,
} from './types';

const CHANGED_SHOWN = 200;
type Db = ReviewDb | ReviewTrx;
const asReview = (trx: DraftTrx) => trx as unknown as ReviewTrx;

/** Each overlay entry as (key → what it says), to compare the draft as sent with the draft now. */
function entryValues(
  entries: OverlayEntries,
): Map<string, { entry: Omit<ChangedEntry, 'then' | 'now'>; value: string }> {
  const out = new Map<string, { entry: Omit<ChangedEntry, 'then' | 'now'>; value: string }>();
  for (const c of entries.cells)
    out.set(`cell|${cellKey(c)}`, {
      entry: { what: 'slot', personId: c.personId, date: c.date, half: c.half },
      value: c.value.activityCode ?? '(cleared)',
    });
  for (const c of entries.calls)
    out.set(`call|${callKey(c)}`, {
      entry: { what: 'call', personId: c.personId, date: c.date, half: null },
      value: `${c.callTypeCode} ${c.value.assigned ? 'assigned' : 'not assigned'}`,
    });
  for (const w of entries.inpatientWeeks)
    out.set(`week|${weekKey(w)}`, {
      entry: { what: 'inpatient week', personId: w.personId, date: w.start, half: null },
      value: w.value.assigned ? `to ${w.value.end}` : 'not assigned',
    });
  for (const r of entries.rotations)
    out.set(`plan|${rotationKey(r)}`, {
      entry: { what: 'plan block', personId: r.personId, date: `${r.academicYear}-block-${r.blockNumber}`, half: null },
      value: `${r.part} ${r.value.rotationId ?? '(removed)'}`,
    });
  return out;
}

/** What differs between the draft's entries as reviewed and now (null values: as published). */
export function changesSince(then: OverlayEntries, now: OverlayEntries): ChangedEntry[] {
  const a = entryValues(then);
  const b = entryValues(now);
  const out: ChangedEntry[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (x?.value === y?.value) continue;
    out.push({ ...(x ?? y)!.entry, then: x?.value ?? null, now: y?.value ?? null });
  }
  return out.sort((p, q) => p.date.localeCompare(q.date) || p.personId.localeCompare(q.personId));
}

async function staleness(
  db: Db,
  draftId: number,
  reviewHash: string,
  reviewedRevision: number,
  currentRevision: number,
): Promise<Staleness | null> {
  if (reviewedRevision === currentRevision) return null;
  const sent = await db
    .selectFrom('review_exports')
    .select('entries')
    .where('hash', '=', reviewHash)
    .executeTakeFirstOrThrow();
  const then = JSON.parse(gunzipSync(sent.entries).toString('utf8')) as OverlayEntries;
  const now = (await loadOverlay(db, draftId)).entries();
  const changed = changesSince(then, now);
  return { reviewedRevision, currentRevision, changes: changed.length, changed: changed.slice(0, CHANGED_SHOWN) };
}

function parseResponse(bytes: Uint8Array, name: string): { hash: string; signerKey: string; doc: ResponseDocument } {
  const file = readSigned('response', bytes, name);
  const parsed = responseDocumentSchema.safeParse(file.payload);
  if (!parsed.success)
    throw new ReviewError(
      'rejected',
      `${name} is not a response this app can read: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return { hash: file.hash, signerKey: file.signerKey, doc: parsed.data };
}

export interface ImportedResponse {
  response: ReviewResponseSummary;
  draftName: string;
}

/** Import a response file into the program it answers. */
export async function importResponse(
  ctx: DraftContext,
  bytes: Uint8Array,
  name = 'The response file',
): Promise<ImportedResponse> {
  const { hash, signerKey, doc } = parseResponse(bytes, name);
  const keys = await programKeys(ctx.program.db);
  if (doc.programKeyId !== keys.keyId)
    throw new ReviewError(
      'rejected',
      `${name} answers a review from another program (key ${doc.programKeyId}, this program's is ${keys.keyId}); ` +
        `nothing was imported`,
    );
  return inTransaction(ctx, async (draftTrx) => {
    const trx = asReview(draftTrx);
    const sent = await trx
      .selectFrom('review_exports')
      .selectAll()
      .where('hash', '=', doc.reviewHash)
      .executeTakeFirst();
    if (!sent || sent.draft_id !== doc.draftId)
      throw new ReviewError(
        'rejected',
        `${name} answers a review (${shortHash(doc.reviewHash)}) this program never sent; nothing was imported`,
      );
    const before = await trx
      .selectFrom('review_responses')
      .select(['imported_at', 'imported_by'])
      .where('hash', '=', hash)
      .executeTakeFirst();
    if (before)
      throw new ReviewError(
        'conflict',
        `${name} was already imported (${before.imported_at} by ${before.imported_by}); nothing was imported again`,
      );
    const draft = await draftRow(draftTrx, doc.draftId);
    const at = nowIso(ctx);
    const { id } = await trx
      .insertInto('review_responses')
      .values({
        hash,
        review_hash: doc.reviewHash,
        draft_id: doc.draftId,
        draft_revision: doc.draftRevision,
        decision: doc.decision,
        reviewer: doc.by,
        reason: doc.reason,
        responded_at: doc.respondedAt,
        signer_key: signerKey,
        imported_at: at,
        imported_by: ctx.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (doc.comments.length)
      await trx
        .insertInto('review_comments')
        .values(
          doc.comments.map((c) => ({
            response_id: id,
            draft_id: doc.draftId,
            anchor: JSON.stringify(c.anchor),
            text: c.text,
            author: doc.by,
            at: doc.respondedAt,
            resolved_at: null,
            resolved_by: null,
          })),
        )
        .execute();
    const stale = await staleness(trx, doc.draftId, doc.reviewHash, doc.draftRevision, draft.revision);
    await writeAudit(draftTrx, {
      actor: ctx.actor,
      action: 'review.import',
      entity: 'draft',
      entityId: String(doc.draftId),
      before: undefined,
      after: {
        decision: doc.decision,
        reviewer: doc.by,
        reason: doc.reason,
        respondedAt: doc.respondedAt,
        comments: doc.comments.length,
        response: hash,
        review: doc.reviewHash,
        reviewedRevision: doc.draftRevision,
        currentRevision: draft.revision,
        stale: stale !== null,
        signerKey: keyId(signerKey),
      },
    });
    const response = (await responseSummaries(trx, doc.draftId, draft.revision)).find((r) => r.id === id)!;
    return { response, draftName: draft.name };
  });
}

async function responseSummaries(db: Db, draftId: number, revision: number): Promise<ReviewResponseSummary[]> {
  const rows = await db
    .selectFrom('review_responses')
    .selectAll()
    .where('draft_id', '=', draftId)
    .orderBy('id')
    .execute();
  const counts = await db
    .selectFrom('review_comments')
    .select(['response_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('draft_id', '=', draftId)
    .groupBy('response_id')
    .execute();
  const out: ReviewResponseSummary[] = [];
  for (const r of rows)
    out.push({
      id: r.id,
      hash: r.hash,
      reviewHash: r.review_hash,
      draftId: r.draft_id,
      draftRevision: r.draft_revision,
      decision: r.decision as Decision,
      reviewer: r.reviewer,
      reason: r.reason,
      respondedAt: r.responded_at,
      importedAt: r.imported_at,
      importedBy: r.imported_by,
      signerKeyId: keyId(r.signer_key),
      comments: Number(counts.find((c) => c.response_id === r.id)?.n ?? 0),
      stale: await staleness(db, draftId, r.review_hash, r.draft_revision, revision),
    });
  return out;
}

function commentFromRow(r: {
  id: number;
  response_id: number;
  draft_id: number;
  anchor: string;
  text: string;
  author: string;
  at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}): ReviewComment {
  return {
    id: r.id,
    responseId: r.response_id,
    draftId: r.draft_id,
    anchor: JSON.parse(r.anchor) as CommentAnchor,
    text: r.text,
    author: r.author,
    at: r.at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
  };
}

/** A draft's reviews: sent, answered, the comments, and whether it is approved as it is now. */
export async function draftReviewState(ctx: DraftContext, draftId: number): Promise<DraftReviewState> {
  const db = reviewDb(ctx.program.db);
  const draft = await draftRow(db, draftId);
  const sent = await db
    .selectFrom('review_exports')
    .select(['hash', 'draft_revision', 'exported_at', 'exported_by'])
    .where('draft_id', '=', draftId)
    .orderBy('exported_at')
    .execute();
  const comments = await db
    .selectFrom('review_comments')
    .selectAll()
    .where('draft_id', '=', draftId)
    .orderBy('id')
    .execute();
  return {
    draftId,
    revision: draft.revision,
    sent: sent.map((s) => ({
      hash: s.hash,
      shortHash: shortHash(s.hash),
      revision: s.draft_revision,
      exportedAt: s.exported_at,
      exportedBy: s.exported_by,
    })),
    responses: await responseSummaries(db, draftId, draft.revision),
    comments: comments.map(commentFromRow),
    approved: await approvedRevision(db, draftId, draft.revision),
  };
}

/** Mark a review comment resolved (or open again); audited. */
export async function resolveComment(
  ctx: DraftContext,
  input: { commentId: number; resolved: boolean },
): Promise<ReviewComment> {
  return inTransaction(ctx, async (draftTrx) => {
    const trx = asReview(draftTrx);
    const row = await trx
      .selectFrom('review_comments')
      .selectAll()
      .where('id', '=', input.commentId)
      .executeTakeFirst();
    if (!row) throw new ReviewError('not_found', `No review comment with id ${input.commentId}`);
    const at = input.resolved ? nowIso(ctx) : null;
    const by = input.resolved ? ctx.actor : null;
    await trx
      .updateTable('review_comments')
      .set({ resolved_at: at, resolved_by: by })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(draftTrx, {
      actor: ctx.actor,
      action: input.resolved ? 'review.comment_resolve' : 'review.comment_unresolve',
      entity: 'draft',
      entityId: String(row.draft_id),
      before: { commentId: row.id, resolvedAt: row.resolved_at },
      after: { commentId: row.id, resolvedAt: at },
    });
    return commentFromRow({ ...row, resolved_at: at, resolved_by: by });
  });
}
