// "Send for review": one signed review file of a draft (core/services/reviews/types.ts says what
// it holds). The program records what it sent (the file's hash, the draft's revision and entries)
// so the response that comes back can be matched, and shown as stale when the draft moved on.
import { gzipSync } from 'node:zlib';
import { blockFromRow } from '../../db/rows';
import { academicYearOf } from '../../domain/calendar';
import type { FacultyRole, IsoDate, PersonKind } from '../../domain/types';
import { compareDraft, getDraft, validateDraft, type DraftComparison, type DraftContext } from '../drafts';
import { db as draftDb, draftRow, inTransaction, nowIso, writeAudit } from '../drafts/context';
import { scheduleGrid, type Grid } from '../grid';
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
  const rotations = new Set<string>();
  const years = new Set<number>();
  for (const x of c.diff.cells) {
    people.add(x.personId);
    dates.push(x.date);
  }
  for (const x of c.diff.calls) {
    dates.push(x.date);
    for (const p of [...x.before, ...x.after]) people.add(p.personId);
  }
  for (const x of c.diff.inpatientWeeks) {
    dates.push(x.start);
    for (const p of [...x.before, ...x.after]) people.add(p.personId), dates.push(p.end);
  }
  for (const x of c.diff.rotations) {
    people.add(x.personId);
    years.add(x.academicYear);
    for (const p of [...x.before, ...x.after]) rotations.add(p.rotationId);
  }
  for (const f of [...(c.validation?.added ?? []), ...(c.validation?.removed ?? [])])
    if (f.personId) people.add(f.personId);
  for (const p of c.churn.people) people.add(p.personId);
  dates.sort();
  return { people, start: dates[0] ?? null, end: dates[dates.length - 1] ?? null, rotations, years };
}

/** The grid of the changed dates cut down to the people the draft touches, without absences or duty entries. */
function onlyThese(grid: Grid, refs: { people: Set<string> }, c: DraftComparison): Grid {
  const mine = <T extends { personId: string }>(list: T[]) => list.filter((x) => refs.people.has(x.personId));
  const assignments = mine(grid.assignments);
  const drafted = c.diff.cells
    .flatMap((x) => [x.before?.activityCode, x.after?.activityCode])
    .filter((x): x is string => !!x);
  const used = new Set([...assignments.map((a) => a.activityCode), ...drafted]);
  const plan = mine(grid.rotationAssignments);
  return {
    ...grid,
    people: grid.people.filter((p) => refs.people.has(p.id)),
    activities: grid.activities.filter((a) => used.has(a.code)),
    assignments,
    calls: mine(grid.calls),
    rotationAssignments: plan,
    rotations: grid.rotations.filter((r) => plan.some((x) => x.rotationId === r.id)),
    absences: [],
    // Moonlighting and callbacks are no part of a review (the file carries only what the diff needs).
    duty: [],
  };
}

/**
 * Build the review of an open draft, sign it with the program's key and record that it was sent.
 * `write` (e.g. saving the file) runs inside the recording transaction: a file that could not be
 * written is not recorded, and one that is recorded was written.
 */
export async function exportReview(
  ctx: DraftContext,
  draftId: number,
  write?: (bytes: Buffer) => Promise<void>,
): Promise<ExportedReview> {
  const row = await draftRow(draftDb(ctx), draftId);
  if (row.status !== 'open')
    throw new ReviewError(
      'conflict',
      `Draft ${draftId} ("${row.name}") is ${row.status}; only an open draft can be sent for review`,
    );
  const comparison = await currentComparison(ctx, draftId);
  const summary = await getDraft(ctx, draftId);
  const db = reviewDb(ctx.program.db);
  const keys = await programKeys(ctx.program.db);
  const settings = await db.selectFrom('program_settings').select('json').where('id', '=', 1).executeTakeFirstOrThrow();
  const { programName, timeZone } = JSON.parse(settings.json) as { programName: string; timeZone: string };
  const refs = referenced(comparison);
  const grid =
    refs.start && refs.end ? onlyThese(await scheduleGrid(ctx.program, refs.start, refs.end), refs, comparison) : null;
  // People the grid leaves out (a resident whose plan alone changes) are named from the program.
  const missing = [...refs.people].filter((id) => !grid?.people.some((p) => p.id === id));
  const others = missing.length
    ? await db.selectFrom('people').select(['id', 'name', 'kind', 'faculty_role']).where('id', 'in', missing).execute()
    : [];
  const people: ReviewPerson[] = [
    ...(grid?.people ?? []),
    ...others.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind as PersonKind,
      facultyRole: p.faculty_role as FacultyRole | null,
      pgy: null,
      group: '',
    })),
  ];
  const rotationIds = new Set([...refs.rotations, ...(grid?.rotationAssignments ?? []).map((r) => r.rotationId)]);
  const rotations = rotationIds.size
    ? await db
        .selectFrom('rotations')
        .select(['id', 'code', 'name'])
        .where('id', 'in', [...rotationIds])
        .execute()
    : [];
  const years = new Set([
    ...refs.years,
    ...[refs.start, refs.end].filter((d): d is IsoDate => d !== null).map(academicYearOf),
  ]);
  const blocks = years.size
    ? await db
        .selectFrom('blocks')
        .selectAll()
        .where('academic_year', 'in', [...years])
        .orderBy('start')
        .execute()
    : [];
  const { draftId: _id, ...comparisonBody } = comparison;
  const review: ReviewDocument = {
    version: REVIEW_FORMAT_VERSION,
    programKeyId: keys.keyId,
    programName,
    timeZone,
    exportedAt: nowIso(ctx),
    exportedBy: ctx.actor,
    draft: {
      id: summary.id,
      name: summary.name,
      note: summary.note,
      source: summary.source,
      revision: summary.revision,
      createdBy: summary.createdBy,
      createdAt: summary.createdAt,
      entries: summary.entries,
      incomplete: summary.incomplete,
    },
    comparison: comparisonBody,
    grid,
    people,
    rotations,
    blocks: blocks.map(blockFromRow),
  };
  const bytes = writeSigned('review', review, keys.privateKey);
  const hash = fileHash(bytes);
  await inTransaction(ctx, async (trx) => {
    // The draft must not have moved while the file was built: what is recorded is what was sent.
    const now = await draftRow(trx, draftId);
    if (now.revision !== summary.revision)
      throw new ReviewError('conflict', `Draft ${draftId} was edited while its review was being made; send it again`);
    const entries = (await loadOverlay(trx, draftId)).entries();
    await (trx as unknown as ReviewTrx)
      .insertInto('review_exports')
      .values({
        hash,
        draft_id: draftId,
        draft_revision: summary.revision,
        exported_at: review.exportedAt,
        exported_by: ctx.actor,
        entries: gzipSync(Buffer.from(JSON.stringify(entries))),
      })
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute(); // the same file sent again
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'review.export',
      entity: 'draft',
      entityId: String(draftId),
      before: undefined,
      after: {
        hash,
        revision: summary.revision,
        bytes: bytes.length,
        changes: comparison.diff.cells.length + comparison.diff.calls.length,
      },
    });
    await write?.(bytes);
  });
  return { bytes, hash, shortHash: shortHash(hash), review };
}
