// Publishing a draft and rolling a publication back. Publish runs its gates (churn guard, lock date,
// the draft's flags: its stored check while that is current, else a check now) and writes every
// change, the publication record with each touched row's exact previous and new values, and the audit
// entries in ONE transaction: a failure anywhere leaves the published schedule as it was. What the
// gates look at (the diff, the churn, the rules' verdict) is worked out before that transaction, in
// parts, so a year's draft does not hold the main thread; the transaction uses it only if nothing it
// was read from changed meanwhile (the draft's revision, the publications, the rules), else works it
// out again inside. Rollback restores those rows to the byte (same values, same rowid) within
// settings.rollbackHours, also in one transaction.
import {
  analysisBasis,
  analyzeDraft,
  analyzeDraftInParts,
  programSettings,
  sameBasis,
  type AnalysisBasis,
  type DraftAnalysis,
} from './analysis';
import { approvalGate, type ApprovalGate } from './approval';
import { db, draftRow, inTransaction, nowIso, writeAudit, type DraftContext, type DraftRow } from './context';
import { DraftError } from './errors';
import {
  checkedValidation,
  checkRulesOutside,
  computeValidation,
  freshValidation,
  publicValidation,
  type CheckedRules,
} from './validation';
import type { StoredValidation } from './drafts';
import { PUBLISH_PART_ROWS, publishRows, rollbackRows } from './publication-rows';
import type { DraftDiff } from './diff';
import type { DraftTrx, PublicationsTable } from './tables';
import type { BreakGlass, PublicationSummary, PublishCheck } from './types';
import type { Selectable } from 'kysely';
import { plural } from '../../domain/words';
import { nextTurn } from './turns';

export interface PublishInput {
  draftId: number;
  /** The churn guard's warnings were shown and accepted. */
  acceptChurnWarnings: boolean;
  /** Approval for changes on or before the program's lock date. */
  breakGlass: BreakGlass | null;
  /** The revision the user reviewed; publish refuses if the draft changed since. */
  expectedRevision?: number;
}

type Reason = PublishCheck['reasons'][number];

/** Every gate a publish must pass, given the analysis and a current validation. */
function gateReasons(
  row: DraftRow,
  a: DraftAnalysis,
  v: StoredValidation,
  approval: ApprovalGate,
  input: Omit<PublishInput, 'draftId'>,
): Reason[] {
  const reasons: Reason[] = [];
  if (row.status !== 'open')
    reasons.push({ gate: 'status', message: `Draft ${row.id} is ${row.status}; only open drafts can be published` });
  const changes = a.diff.cells.length + a.diff.calls.length + a.diff.inpatientWeeks.length + a.diff.rotations.length;
  if (changes === 0) reasons.push({ gate: 'empty', message: 'The draft changes nothing in the published schedule' });
  for (const f of a.churn.findings.filter((f) => f.level === 'reject'))
    reasons.push({ gate: 'churn', message: `Churn guard: ${f.message}` });
  const warnings = a.churn.findings.filter((f) => f.level === 'warn');
  if (warnings.length && !input.acceptChurnWarnings)
    reasons.push({
      gate: 'churn_warning',
      message: `Churn warnings need to be accepted: ${warnings.map((w) => w.message).join(' ')}`,
    });
  if (a.lockedChanges > 0 && !input.breakGlass)
    reasons.push({
      gate: 'lock_date',
      message:
        `${plural(a.lockedChanges, 'change')} fall on or before the lock date ${a.settings.lockDate}; they ` +
        `need break-glass approval by the program director, with a reason`,
    });
  if (approval.needed && !approval.approved && !input.breakGlass)
    reasons.push({
      gate: 'approval',
      message:
        `Publishing needs the program director's approval of this version of the draft (revision ` +
        `${row.revision}): send it for review and import an approving response, or publish with break-glass`,
    });
  const open = v.added.filter((f) => f.blocking && !f.acknowledgement);
  if (open.length) {
    const shown = open
      .slice(0, 5)
      .map((f) => `${f.severity}: ${f.message}`)
      .join('; ');
    reasons.push({
      gate: 'findings',
      message:
        `${open.length} ${open.length === 1 ? 'finding needs' : 'findings need'} to be resolved or ` +
        `acknowledged with a reason: ${shown}${open.length > 5 ? '; …' : ''}`,
    });
  }
  return reasons;
}

/** What publishing would do and whether it may, without publishing (the Publish dialog). */
export async function checkPublish(ctx: DraftContext, input: PublishInput): Promise<PublishCheck> {
  const { row, analysis: a } = await analyzeDraftInParts(ctx, input.draftId);
  const v = (await freshValidation(ctx, db(ctx), row)) ?? (await computeValidation(ctx, db(ctx), row, a.diff));
  const approval = await approvalGate(db(ctx), row, a.settings);
  const reasons = gateReasons(row, a, v, approval, input);
  return {
    draftId: row.id,
    canPublish: reasons.length === 0,
    reasons,
    churn: a.churn,
    lockedChanges: a.lockedChanges,
    needsBreakGlass: a.lockedChanges > 0 || (approval.needed && !approval.approved),
    approval,
    validation: publicValidation(v),
  };
}

function rollbackDeadline(publishedAt: string, hours: number): string {
  return new Date(Date.parse(publishedAt) + hours * 3_600_000).toISOString();
}

function publicationSummary(p: Selectable<PublicationsTable>, rollbackHours: number, now: string): PublicationSummary {
  const s = JSON.parse(p.summary) as Pick<
    PublicationSummary,
    'draftName' | 'changes' | 'churn' | 'breakGlass' | 'acknowledged'
  >;
  const deadline = rollbackDeadline(p.published_at, rollbackHours);
  return {
    id: p.id,
    draftId: p.draft_id,
    draftName: s.draftName,
    publishedAt: p.published_at,
    publishedBy: p.published_by,
    // Publications from before drafts held a plan changed no plan blocks.
    changes: { ...s.changes, rotations: s.changes.rotations ?? 0 },
    churn: { ...s.churn, changedRotations: s.churn.changedRotations ?? 0 },
    breakGlass: s.breakGlass,
    acknowledged: s.acknowledged,
    rolledBackAt: p.rolled_back_at,
    rolledBackBy: p.rolled_back_by,
    rollbackReason: p.rollback_reason,
    rollbackDeadline: deadline,
    canRollback: p.rolled_back_at === null && now <= deadline,
  };
}

/**
 * Publish a draft: one transaction that checks every gate against the schedule as it is now
 * (the draft's flags from a current check), applies the changes and records the publication.
 */
export async function publishDraft(
  ctx: DraftContext,
  input: PublishInput,
  /** Rows per statement of its writes (tests: one part against many). */
  partRows = PUBLISH_PART_ROWS,
): Promise<PublicationSummary> {
  try {
    return await publishInTransaction(ctx, input, partRows);
  } catch (err) {
    // A refusal changes no schedule data, but the attempt itself is part of the audit trail.
    if (err instanceof DraftError && err.code === 'rejected')
      await inTransaction(ctx, (trx) =>
        writeAudit(trx, {
          actor: ctx.actor,
          action: 'draft.publish_refused',
          entity: 'draft',
          entityId: String(input.draftId),
          before: undefined,
          after: {
            reasons: err.issues ?? [],
            acceptChurnWarnings: input.acceptChurnWarnings,
            breakGlass: input.breakGlass,
          },
        }),
      );
    throw err;
  }
}

/**
 * The gates' inputs worked out before the publish transaction: the analysis and the rules' verdict (null: the
 * draft's stored check was current, so the rules are not run again).
 */
interface Prepared {
  basis: AnalysisBasis;
  analysis: DraftAnalysis;
  checked: CheckedRules | null;
}

async function prepare(ctx: DraftContext, draftId: number): Promise<Prepared> {
  const { row, basis, analysis } = await analyzeDraftInParts(ctx, draftId);
  const stored = await freshValidation(ctx, db(ctx), row);
  return { basis, analysis, checked: stored ? null : await checkRulesOutside(ctx, analysis.diff) };
}

/**
 * The rules' verdict the gates read, as of the publish transaction: the draft's stored check while it is current
 * (staleReason: nothing it was made from changed), else the check made before the transaction if nothing the
 * analysis came from changed since, else a check now. `made`: whether the rules ran for this publish.
 */
async function publishValidation(
  ctx: DraftContext,
  trx: DraftTrx,
  row: DraftRow,
  diff: DraftDiff,
  current: Prepared | null,
): Promise<{ v: StoredValidation; made: boolean }> {
  const stored = await freshValidation(ctx, trx, row);
  if (stored) return { v: stored, made: false };
  const v = current?.checked
    ? await checkedValidation(ctx, trx, row, current.checked)
    : await computeValidation(ctx, trx, row, diff);
  return { v, made: true };
}

async function publishInTransaction(
  ctx: DraftContext,
  input: PublishInput,
  partRows: number,
): Promise<PublicationSummary> {
  const prepared = await prepare(ctx, input.draftId);
  return inTransaction(ctx, (trx) => publishWithin(ctx, trx, input, prepared, partRows));
}

/**
 * Publish inside the caller's transaction (a swap creates its draft and publishes it in one):
 * every gate, the writes, the publication record and its audit entries. Refusals throw.
 */
export async function publishWithin(
  ctx: DraftContext,
  trx: DraftTrx,
  input: PublishInput,
  /** The gates' inputs worked out before the transaction, used if nothing they came from changed since. */
  prepared?: Prepared,
  partRows = PUBLISH_PART_ROWS,
): Promise<PublicationSummary> {
  // Take the write lock first so nothing changes between the checks and the writes.
  await trx
    .updateTable('drafts')
    .set((eb) => ({ revision: eb.ref('revision') }))
    .where('id', '=', input.draftId)
    .execute();
  const row = await draftRow(trx, input.draftId);
  if (input.expectedRevision !== undefined && input.expectedRevision !== row.revision)
    throw new DraftError(
      'conflict',
      `Draft ${row.id} changed since it was reviewed (revision ${row.revision}, reviewed ` +
        `${input.expectedRevision}); review it again`,
    );
  const current = prepared && sameBasis(prepared.basis, await analysisBasis(trx, row)) ? prepared : null;
  const a = current ? current.analysis : await analyzeDraft(trx, row);
  const { v, made } = await publishValidation(ctx, trx, row, a.diff, current);
  const approval = await approvalGate(trx, row, a.settings);
  const reasons = gateReasons(row, a, v, approval, input);
  if (reasons.length)
    throw new DraftError(
      'rejected',
      `Draft ${row.id} ("${row.name}") cannot be published: ${reasons.map((r) => r.message).join(' | ')}`,
      reasons.map((r) => ({ path: r.gate, message: r.message })),
    );

  const at = nowIso(ctx);
  const warnings = a.churn.findings.filter((f) => f.level === 'warn').map((f) => f.message);
  const acknowledged = v.added.filter((f) => f.acknowledgement).length;
  const summary = {
    draftName: row.name,
    changes: {
      cells: a.diff.cells.length,
      calls: a.diff.calls.length,
      inpatientWeeks: a.diff.inpatientWeeks.length,
      rotations: a.diff.rotations.length,
      // Known once the rows are written (the publication's record comes first: they refer to it).
      rows: 0,
    },
    churn: {
      totalPct: a.churn.totalPct,
      changedSlots: a.churn.changedSlots,
      changedRotations: a.churn.changedRotations,
      peopleAffected: a.churn.peopleAffected,
      warnings,
    },
    // Break-glass is recorded when a gate needed it: changes on or before the lock date, or a missing approval.
    breakGlass: a.lockedChanges > 0 || (approval.needed && !approval.approved) ? input.breakGlass : null,
    ...(approval.needed ? { directorApproval: approval.approved } : {}),
    acknowledged,
  };
  const { id } = await trx
    .insertInto('publications')
    .values({
      draft_id: row.id,
      published_at: at,
      published_by: ctx.actor,
      summary: JSON.stringify(summary),
      rolled_back_at: null,
      rolled_back_by: null,
      rollback_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The rows, each with its previous and new value recorded, a part at a time.
  summary.changes.rows = await publishRows(trx, a.diff, id, partRows);
  await trx
    .updateTable('publications')
    .set({ summary: JSON.stringify(summary) })
    .where('id', '=', id)
    .execute();
  // The audit entries, then the commit (it writes the rest of a year's pages): each after a turn.
  await nextTurn();
  await trx
    .updateTable('drafts')
    .set({ status: 'published', publication_id: id, updated_at: at })
    .where('id', '=', row.id)
    .execute();

  const people = new Set(a.churn.people.map((p) => p.personId));
  for (const c of a.diff.cells) people.add(c.personId);
  for (const r of a.diff.rotations) people.add(r.personId);
  const personIds = [...people].sort();
  // What the plan changes, entry by entry while it is short (a whole new plan is summarised).
  const planChanges =
    a.diff.rotations.length === 0
      ? undefined
      : a.diff.rotations.length <= 200
        ? a.diff.rotations.map((r) => ({
            personId: r.personId,
            academicYear: r.academicYear,
            blockNumber: r.blockNumber,
            before: r.before,
            after: r.after,
          }))
        : { blocks: a.diff.rotations.length, years: [...new Set(a.diff.rotations.map((r) => r.academicYear))] };
  if (summary.breakGlass)
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'draft.break_glass',
      entity: 'draft',
      entityId: String(row.id),
      before: undefined,
      after: {
        ...summary.breakGlass,
        lockDate: a.settings.lockDate,
        lockedChanges: a.lockedChanges,
        publicationId: id,
        ...(approval.needed && !approval.approved ? { withoutDirectorApproval: true } : {}),
      },
    });
  if (warnings.length)
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'draft.churn_warnings_accepted',
      entity: 'draft',
      entityId: String(row.id),
      before: undefined,
      after: { warnings, publicationId: id },
    });
  await writeAudit(trx, {
    actor: ctx.actor,
    action: 'draft.publish',
    entity: 'publication',
    entityId: String(id),
    before: undefined,
    after: {
      draftId: row.id,
      ...summary,
      // Whether the rules ran for this publish, or the draft's current check (made at checkedAt) was its verdict.
      revalidated: made,
      checkedAt: v.validatedAt,
      findingsAdded: v.added.length,
      findingsRemoved: v.removed.length,
      personIds,
      ...(planChanges ? { rotationPlan: planChanges } : {}),
      dates: a.diff.cells.length
        ? { start: a.diff.cells[0].date, end: a.diff.cells[a.diff.cells.length - 1].date }
        : null,
    },
  });
  const latest = await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await nextTurn();
  return publicationSummary(latest, a.settings.rollbackHours, at);
}

export async function listPublications(
  ctx: DraftContext,
  filter: { limit?: number } = {},
): Promise<PublicationSummary[]> {
  const settings = await programSettings(db(ctx));
  const rows = await db(ctx)
    .selectFrom('publications')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  const now = nowIso(ctx);
  return rows.map((p) => publicationSummary(p, settings.rollbackHours, now));
}

/**
 * Undo a publication within settings.rollbackHours: every row it touched goes back to exactly its
 * previous value, provided every one of them is still as the publication left it (a later
 * publication that changed the same slots has to be rolled back first).
 */
export async function rollbackPublication(
  ctx: DraftContext,
  input: { publicationId: number; reason: string },
  /** Rows per statement of its reads and writes (tests: one part against many). */
  partRows = PUBLISH_PART_ROWS,
): Promise<PublicationSummary> {
  return inTransaction(ctx, (trx) => rollbackWithin(ctx, trx, input, partRows));
}

/** Roll a publication back inside the caller's transaction (a swap's rollback also closes its swap). */
export async function rollbackWithin(
  ctx: DraftContext,
  trx: DraftTrx,
  input: { publicationId: number; reason: string },
  partRows = PUBLISH_PART_ROWS,
): Promise<PublicationSummary> {
  const reason = input.reason.trim();
  if (!reason)
    throw new DraftError('invalid_input', 'A rollback needs a reason', [{ path: 'reason', message: 'required' }]);
  await trx
    .updateTable('publications')
    .set((eb) => ({ summary: eb.ref('summary') }))
    .where('id', '=', input.publicationId)
    .execute();
  const p = await trx.selectFrom('publications').selectAll().where('id', '=', input.publicationId).executeTakeFirst();
  if (!p) throw new DraftError('not_found', `No publication with id ${input.publicationId}`);
  if (p.rolled_back_at)
    throw new DraftError(
      'conflict',
      `Publication ${p.id} was already rolled back at ${p.rolled_back_at} by ${p.rolled_back_by}`,
    );
  const settings = await programSettings(trx);
  const at = nowIso(ctx);
  const deadline = rollbackDeadline(p.published_at, settings.rollbackHours);
  if (at > deadline)
    throw new DraftError(
      'rejected',
      `Publication ${p.id} can no longer be rolled back: the ${settings.rollbackHours}-hour window ended at ` +
        `${deadline}`,
    );

  // Every row must still be as the publication left it, or the rollback would undo someone else's work.
  const { moved, rows, personIds } = await rollbackRows(trx, p.id, partRows);
  for (const [table, m] of moved)
    throw new DraftError(
      'conflict',
      `Publication ${p.id} cannot be rolled back: ${m.count} of its ${table} rows changed since it was ` +
        `published (first: ${m.first}); roll back the later change first`,
    );
  await trx
    .updateTable('publications')
    .set({ rolled_back_at: at, rolled_back_by: ctx.actor, rollback_reason: reason })
    .where('id', '=', p.id)
    .execute();
  // The draft opens again so it can be fixed and published anew.
  await trx
    .updateTable('drafts')
    .set({ status: 'open', publication_id: null, updated_at: at })
    .where('id', '=', p.draft_id)
    .execute();
  const summary = JSON.parse(p.summary) as { draftName: string; changes: unknown };
  await writeAudit(trx, {
    actor: ctx.actor,
    action: 'publication.rollback',
    entity: 'publication',
    entityId: String(p.id),
    before: { publishedAt: p.published_at, publishedBy: p.published_by },
    after: { reason, draftId: p.draft_id, draftName: summary.draftName, rows, personIds },
  });
  const updated = await trx.selectFrom('publications').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
  // The commit (it writes the rest of a year's pages) in a turn of its own, as publish's.
  await nextTurn();
  return publicationSummary(updated, settings.rollbackHours, at);
}
