// "Send for review": one signed review file of a draft (core/services/reviews/types.ts says what
// it holds). The program records what it sent (the file's hash, the draft's revision and entries)
// so the response that comes back can be matched, and shown as stale when the draft moved on.
import { gzipSync } from 'node:zlib';
import { academicYearOf, datesInRange } from '../../domain/calendar';
import type { ActivityCategory, IsoDate, PersonKind } from '../../domain/types';
import { compareDraft, getDraft, validateDraft, type DraftComparison, type DraftContext } from '../drafts';
import { db as draftDb, draftRow, inTransaction, latestPublicationId, nowIso, writeAudit } from '../drafts/context';
import { loadOverlay } from '../drafts/store';
import { ReviewError } from './errors';
import { fileHash, shortHash, writeSigned } from './file';
import { programKeys } from './keys';
import { reviewDb, type ReviewTrx } from './tables';
import { REVIEW_FORMAT_VERSION, type ReviewDocument, type ReviewPerson } from './types';

export interface ExportedReview {
  bytes: Buffer;
  hash: string;
  shortHash: string;
  review: ReviewDocument;
}

/** The comparison with a validation that describes the draft now (validated again when stale). */
async function currentComparison(ctx: DraftContext, draftId: number): Promise<DraftComparison> {
  const first = await compareDraft(ctx, { draftId });
  if (first.validation && !first.validationStaleReason) return first;
  await validateDraft(ctx, draftId);
  return compareDraft(ctx, { draftId });
}

/** People, dates and codes the comparison names: what of the program the review must carry. */
function referenced(c: DraftComparison) {
  const people = new Set<string>();
  const dates: IsoDate[] = [];
  const activities = new Set<string>();
  const rotations = new Set<string>();
  const callTypes = new Set<string>();
  for (const x of c.diff.cells) {
    people.add(x.personId);
    dates.push(x.date);
    for (const v of [x.before, x.after]) if (v) activities.add(v.activityCode);
  }
  for (const x of c.diff.calls) {
    dates.push(x.date);
    callTypes.add(x.callTypeCode);
    for (const p of [...x.before, ...x.after]) people.add(p.personId);
  }
  for (const x of c.diff.inpatientWeeks) {
    dates.push(x.start);
    for (const p of [...x.before, ...x.after]) (people.add(p.personId), dates.push(p.end));
  }
  for (const x of c.diff.rotations) {
    people.add(x.personId);
    for (const p of [...x.before, ...x.after]) rotations.add(p.rotationId);
  }
  for (const f of [...(c.validation?.added ?? []), ...(c.validation?.removed ?? [])]) if (f.personId) people.add(f.personId);
  for (const p of c.churn.people) people.add(p.personId);
  dates.sort();
  return { people, start: dates[0] ?? null, end: dates[dates.length - 1] ?? null, activities, rotations, callTypes };
}

/**
 * Build the review of an open draft, sign it with the program's key and record that it was sent.
 * `write` (e.g. saving the file) runs inside the recording transaction: a file that could not be
 * written is not recorded, and one that is recorded was written.
 */
export async function exportReview(ctx: DraftContext, draftId: number, write?: (bytes: Buffer) => Promise<void>): Promise<ExportedReview> {
  const row = await draftRow(draftDb(ctx), draftId);
  if (row.status !== 'open') throw new ReviewError('conflict', `Draft ${draftId} ("${row.name}") is ${row.status}; only an open draft can be sent for review`);
  const comparison = await currentComparison(ctx, draftId);
  const summary = await getDraft(ctx, draftId);
  const db = reviewDb(ctx.program.db);
  const keys = await programKeys(ctx.program.db);
  const settings = await db.selectFrom('program_settings').select('json').where('id', '=', 1).executeTakeFirstOrThrow();
  const { programName, timeZone } = JSON.parse(settings.json) as { programName: string; timeZone: string };
  const refs = referenced(comparison);
  const personIds = [...refs.people];
  const [people, pgy, activities, blocks] = await Promise.all([
    personIds.length ? db.selectFrom('people').select(['id', 'name', 'kind']).where('id', 'in', personIds).orderBy('name').execute() : [],
    personIds.length ? db.selectFrom('person_pgy').selectAll().where('person_id', 'in', personIds).execute() : [],
    db.selectFrom('activities').select(['code', 'name', 'category']).execute(),
    db.selectFrom('blocks').select(['academic_year', 'number', 'start', 'end']).orderBy('start').execute(),
  ]);
  const rotations = refs.rotations.size ? await db.selectFrom('rotations').select(['id', 'code', 'name']).where('id', 'in', [...refs.rotations]).execute() : [];
  const callTypes = refs.callTypes.size ? await db.selectFrom('call_types').select(['code', 'name']).where('code', 'in', [...refs.callTypes]).execute() : [];
  const firstYear = refs.start ? academicYearOf(refs.start) : null;
  const reviewPeople: ReviewPerson[] = people.map((p) => ({
    id: p.id, name: p.name, kind: p.kind as PersonKind,
    pgy: pgy.find((x) => x.person_id === p.id && x.academic_year === firstYear)?.level ?? null,
  }));
  // The baseline: the published slots of those people over the changed dates.
  const slots: Record<string, (string | null)[]> = {};
  if (refs.start && refs.end && personIds.length) {
    const days = datesInRange(refs.start, refs.end);
    const index = new Map(days.map((d, i) => [d, i]));
    for (const id of personIds) slots[id] = new Array<string | null>(days.length * 2).fill(null);
    const published = await db.selectFrom('assignments').select(['person_id', 'date', 'half', 'activity_code'])
      .where('date', '>=', refs.start).where('date', '<=', refs.end).where('person_id', 'in', personIds).execute();
    for (const a of published) {
      slots[a.person_id][index.get(a.date)! * 2 + (a.half === 'PM' ? 1 : 0)] = a.activity_code;
      refs.activities.add(a.activity_code);
    }
  }
  const years = new Set([refs.start, refs.end].filter((d): d is IsoDate => d !== null).map(academicYearOf));
  const { draftId: _id, ...comparisonBody } = comparison;
  const review: ReviewDocument = {
    version: REVIEW_FORMAT_VERSION,
    programKeyId: keys.keyId,
    programName,
    timeZone,
    exportedAt: nowIso(ctx),
    exportedBy: ctx.actor,
    draft: {
      id: summary.id, name: summary.name, note: summary.note, source: summary.source, revision: summary.revision,
      createdBy: summary.createdBy, createdAt: summary.createdAt, entries: summary.entries, incomplete: summary.incomplete,
    },
    comparison: comparisonBody,
    baseline: { publicationId: await latestPublicationId(draftDb(ctx)), start: refs.start, end: refs.end, slots },
    people: reviewPeople,
    activities: activities.filter((a) => refs.activities.has(a.code)).map((a) => ({ code: a.code, name: a.name, category: a.category as ActivityCategory })),
    rotations,
    callTypes,
    blocks: blocks.filter((b) => years.has(b.academic_year)).map((b) => ({ academicYear: b.academic_year, number: b.number, start: b.start, end: b.end })),
  };
  const bytes = writeSigned('review', review, keys.privateKey);
  const hash = fileHash(bytes);
  await inTransaction(ctx, async (trx) => {
    // The draft must not have moved while the file was built: what is recorded is what was sent.
    const now = await draftRow(trx, draftId);
    if (now.revision !== summary.revision) throw new ReviewError('conflict', `Draft ${draftId} was edited while its review was being made; send it again`);
    const entries = (await loadOverlay(trx, draftId)).entries();
    await (trx as unknown as ReviewTrx).insertInto('review_exports').values({
      hash, draft_id: draftId, draft_revision: summary.revision, exported_at: review.exportedAt, exported_by: ctx.actor,
      entries: gzipSync(Buffer.from(JSON.stringify(entries))),
    }).onConflict((oc) => oc.column('hash').doNothing()).execute(); // the same file sent again
    await writeAudit(trx, {
      actor: ctx.actor, action: 'review.export', entity: 'draft', entityId: String(draftId), before: undefined,
      after: { hash, revision: summary.revision, bytes: bytes.length, changes: comparison.diff.cells.length + comparison.diff.calls.length },
    });
    await write?.(bytes);
  });
  return { bytes, hash, shortHash: shortHash(hash), review };
}

