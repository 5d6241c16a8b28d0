// Drafts: create, list, rename, discard, and edit them. Every edit is one transaction that writes
// the overlay, bumps the draft's revision and appends an audit entry, and returns the patch that
// undoes it; applying that patch (drafts.applyPatch) returns the redo patch.
import { lockWarning } from '../../solver/models/locked-unavailable';
import { currentSchedule, editToPatch, type DraftEdit } from './edits';
import {
  db,
  draftRow,
  inTransaction,
  latestPublicationId,
  publishedScheduleStamp,
  nowIso,
  openDraftRow,
  savingDraftRow,
  settingsHash,
  writeAudit,
  type DraftContext,
  type DraftRow,
} from './context';
import { failIfIssues } from './errors';
import { locksOverUnavailable } from './lock-warnings';
import { countByCategory } from './findings';
import { incompleteParts } from './incomplete';
import { applyPatch, emptyPatch, patchSize, type DraftPatch, type MemoryOverlay } from './patch';
import { programSettings } from './analysis';
import { planReferenceIssues, rotationChoiceIssues } from './plan-references';
import { checkPatchReferences } from './references';
import { entryCounts, loadOverlay, loadPublished, patchSpan, writeTouched, type DateSpan } from './store';
import type { DraftTrx } from './tables';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { describeChange, scheduleChangeSince } from '../schedule-version';
import type { DraftEditResult, DraftSource, DraftStatus, DraftSummary, DraftValidation, IncompletePart } from './types';

/** A stored validation older than this no longer counts (DOMAIN: drafts older than 24 h are revalidated). */
export const VALIDATION_MAX_AGE_HOURS = 24;
/** Audit entries list the entries of patches up to this size; larger ones are summarised. */
export const AUDIT_DETAIL_LIMIT = 200;

/** A validation as stored on the draft row, with what it was computed against. */
export interface StoredValidation extends DraftValidation {
  publishedSchedule: string;
  settingsHash: string;
  /**
   * The newest audit entry when the check read the program: a later write that changes what the rules read (an
   * absence, a person, the catalog) makes the check stale. Missing from checks stored before it was noted.
   */
  auditId?: number;
}

export function storedValidation(row: DraftRow): StoredValidation | null {
  return row.validation ? (JSON.parse(row.validation) as StoredValidation) : null;
}

/**
 * Why a stored validation no longer describes the draft, or null when it still does: the one test of
 * a check being current (the draft's flags, the publish gates, the end of a check itself).
 */
export async function staleReason(
  ctx: DraftContext,
  trx: DraftTrx | ReturnType<typeof db>,
  row: DraftRow,
  v: StoredValidation,
): Promise<string | null> {
  if (v.revision !== row.revision) return 'the draft was edited after it was checked';
  const ageHours = (Date.parse(nowIso(ctx)) - Date.parse(v.validatedAt)) / 3_600_000;
  if (ageHours > VALIDATION_MAX_AGE_HOURS) return `checked more than ${VALIDATION_MAX_AGE_HOURS} hours ago`;
  if ((await publishedScheduleStamp(trx)) !== v.publishedSchedule)
    return 'the published schedule changed after the check (a draft was published or a publication rolled back)';
  if ((await settingsHash(trx)) !== v.settingsHash) return 'the program settings (rules) changed after the check';
  if (v.auditId === undefined) return 'checked before the app noted what a check reads; check it again';
  const change = await scheduleChangeSince(trx as unknown as Kysely<Database>, v.auditId);
  if (change) return `the program changed after the check (${describeChange(change)})`;
  return null;
}

export async function summarize(
  ctx: DraftContext,
  trx: DraftTrx | ReturnType<typeof db>,
  row: DraftRow,
): Promise<DraftSummary> {
  const v = storedValidation(row);
  const reason = v && row.status === 'open' ? await staleReason(ctx, trx, row, v) : null;
  return {
    id: row.id,
    name: row.name,
    source: row.source as DraftSource,
    note: row.note,
    status: row.status as DraftStatus,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    entries: await entryCounts(trx, row.id),
    validation: v
      ? {
          at: v.validatedAt,
          stale: reason !== null,
          staleReason: reason,
          added: v.added.length,
          removed: v.removed.length,
          unresolved: v.unresolved,
          byCategory: countByCategory(v.added),
        }
      : null,
    publicationId: row.publication_id,
    incomplete: incompleteParts(row),
  };
}

export async function getDraft(ctx: DraftContext, draftId: number): Promise<DraftSummary> {
  return summarize(ctx, db(ctx), await draftRow(db(ctx), draftId));
}

export async function listDrafts(ctx: DraftContext, filter: { status?: DraftStatus } = {}): Promise<DraftSummary[]> {
  let q = db(ctx)
    .selectFrom('drafts')
    .selectAll()
    .where('saving', '=', 0)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc');
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.execute();
  const out: DraftSummary[] = [];
  for (const row of rows) out.push(await summarize(ctx, db(ctx), row));
  return out;
}

/** What a new draft's row says, and its creation's audit entry (also written by a save in parts). */
export function draftCreateAudit(
  ctx: DraftContext,
  id: number,
  input: { name: string; source: DraftSource; note?: string | null; incomplete?: IncompletePart[] },
) {
  return {
    actor: ctx.actor,
    action: 'draft.create',
    entity: 'draft',
    entityId: String(id),
    before: undefined,
    after: {
      name: input.name,
      source: input.source,
      note: input.note ?? null,
      ...(input.incomplete?.length ? { incomplete: input.incomplete } : {}),
    },
  };
}

/**
 * A new draft's row. `saving`: written in parts (core/services/drafts/save.ts) — nobody sees it
 * and its creation is audited once its last part is stored.
 */
/**
 * How long a save in parts holds its draft without writing a part. A save writes a part every few
 * milliseconds; a draft whose lease ran out was cut short (a crash) and is removed on the next open.
 * Ten minutes: a workstation that slept mid-save still finds its draft when it wakes.
 */
const SAVING_LEASE_MS = 10 * 60_000;

/**
 * The machine's own clock, not the context's (a test or the command line may run on another): the
 * lease is compared with the clock of whichever process opens the program next.
 */
export const savingLeaseUntil = (): string => new Date(Date.now() + SAVING_LEASE_MS).toISOString();

export async function insertDraft(
  ctx: DraftContext,
  trx: DraftTrx,
  input: { name: string; source: DraftSource; note?: string | null; incomplete?: IncompletePart[] },
  saving = false,
): Promise<DraftRow> {
  const at = nowIso(ctx);
  const { id } = await trx
    .insertInto('drafts')
    .values({
      name: input.name,
      source: input.source,
      note: input.note ?? null,
      status: 'open',
      created_by: ctx.actor,
      created_at: at,
      updated_at: at,
      base_publication_id: await latestPublicationId(trx),
      validated_at: null,
      validated_revision: null,
      validation: null,
      publication_id: null,
      incomplete: input.incomplete?.length ? JSON.stringify(input.incomplete) : null,
      saving: saving ? 1 : 0,
      saving_until: saving ? savingLeaseUntil() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (saving) return savingDraftRow(trx, id);
  await writeAudit(trx, draftCreateAudit(ctx, id, input));
  return draftRow(trx, id);
}

export async function createDraft(
  ctx: DraftContext,
  input: { name: string; source?: DraftSource; note?: string | null },
): Promise<DraftSummary> {
  return inTransaction(ctx, async (trx) =>
    summarize(ctx, trx, await insertDraft(ctx, trx, { ...input, source: input.source ?? 'manual' })),
  );
}

export async function updateDraft(
  ctx: DraftContext,
  input: { draftId: number; name: string; note: string | null },
): Promise<DraftSummary> {
  return inTransaction(ctx, async (trx) => {
    const row = await openDraftRow(trx, input.draftId);
    await trx
      .updateTable('drafts')
      .set({ name: input.name, note: input.note, updated_at: nowIso(ctx) })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'draft.update',
      entity: 'draft',
      entityId: String(row.id),
      before: { name: row.name, note: row.note },
      after: { name: input.name, note: input.note },
    });
    return summarize(ctx, trx, await draftRow(trx, row.id));
  });
}

/** A discarded draft stays (for the audit trail) but can no longer be edited or published. */
export async function discardDraft(
  ctx: DraftContext,
  input: { draftId: number; reason: string | null },
): Promise<DraftSummary> {
  return inTransaction(ctx, async (trx) => {
    const row = await openDraftRow(trx, input.draftId);
    await trx
      .updateTable('drafts')
      .set({ status: 'discarded', updated_at: nowIso(ctx) })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'draft.discard',
      entity: 'draft',
      entityId: String(row.id),
      before: { status: row.status },
      after: { status: 'discarded', reason: input.reason },
    });
    return summarize(ctx, trx, await draftRow(trx, row.id));
  });
}

/** People and dates a patch touches, and its entries when it is small: what the audit log keeps. */
export function patchAuditSummary(patch: DraftPatch): Record<string, unknown> {
  const rotations = patch.rotations ?? [];
  const personIds = [
    ...new Set([...patch.cells, ...patch.calls, ...patch.inpatientWeeks, ...rotations].map((e) => e.personId)),
  ].sort();
  const span = patchSpan(patch);
  const small = patchSize(patch) <= AUDIT_DETAIL_LIMIT;
  return {
    personIds,
    dates: span,
    counts: {
      cells: patch.cells.length,
      calls: patch.calls.length,
      inpatientWeeks: patch.inpatientWeeks.length,
      rotations: rotations.length,
    },
    ...(rotations.length
      ? { blocks: [...new Set(rotations.map((r) => `${r.academicYear} block ${r.blockNumber}`))] }
      : {}),
    ...(small ? { patch } : {}),
  };
}

/** Check, apply and store a patch on a draft whose overlay for the patch's dates is loaded. */
async function commitPatch(
  ctx: DraftContext,
  trx: DraftTrx,
  row: DraftRow,
  overlay: MemoryOverlay,
  patch: DraftPatch,
  action: string,
  skipped = 0,
): Promise<DraftEditResult> {
  if (patchSize(patch) === 0)
    return { draftId: row.id, revision: row.revision, applied: 0, skipped, undo: emptyPatch() };
  await checkPatchReferences(trx, patch);
  const undo = applyPatch(overlay, patch);
  const applied = await writeTouched(trx, row.id, overlay, patch);
  const revision = row.revision + 1;
  await trx
    .updateTable('drafts')
    .set({ revision, updated_at: nowIso(ctx) })
    .where('id', '=', row.id)
    .execute();
  await writeAudit(trx, {
    actor: ctx.actor,
    action,
    entity: 'draft',
    entityId: String(row.id),
    before: patchSize(undo) <= AUDIT_DETAIL_LIMIT ? { patch: undo } : undefined,
    after: patchAuditSummary(patch),
  });
  return { draftId: row.id, revision, applied, skipped, undo };
}

/** Dates an edit reads: its cells, call night, or inpatient week start. */
function editSpan(edit: DraftEdit): DateSpan | null {
  const dates: string[] = [];
  switch (edit.kind) {
    case 'setCall':
      dates.push(edit.date);
      break;
    case 'setInpatientWeek':
      dates.push(edit.start);
      break;
    case 'setRotation':
      break;
    case 'revert':
      dates.push(
        ...edit.cells.map((c) => c.date),
        ...edit.calls.map((c) => c.date),
        ...edit.inpatientWeeks.map((w) => w.start),
      );
      break;
    default:
      dates.push(...edit.cells.map((c) => c.date));
  }
  if (dates.length === 0) return null;
  dates.sort();
  return { start: dates[0], end: dates[dates.length - 1] };
}

/** A hand edit of the plan names a resident, block, part and rotation the plan's rules allow. */
async function checkRotationEdit(trx: DraftTrx, edit: Extract<DraftEdit, { kind: 'setRotation' }>): Promise<void> {
  const entry = {
    personId: edit.personId,
    academicYear: edit.academicYear,
    blockNumber: edit.blockNumber,
    part: edit.part,
    value: { rotationId: edit.rotationId },
  };
  const issues = await planReferenceIssues(trx, [entry], (_, field) => field);
  if (issues.length === 0 && edit.rotationId !== null)
    issues.push(
      ...(await rotationChoiceIssues(trx, await programSettings(trx), { ...edit, rotationId: edit.rotationId })),
    );
  failIfIssues('Rotation change rejected', issues);
}

/** The edits that put a locked entry in a slot, and how the grid words it. */
const LOCKING_ENTRIES: Partial<Record<DraftEdit['kind'], 'set'>> = { setActivity: 'set', paste: 'set' };

/** One grid edit (set activity, clear, paste, lock/unlock, call night, inpatient week, plan entry, revert). */
export async function editDraft(ctx: DraftContext, draftId: number, edit: DraftEdit): Promise<DraftEditResult> {
  return inTransaction(ctx, async (trx) => {
    const row = await openDraftRow(trx, draftId);
    if (edit.kind === 'setRotation') await checkRotationEdit(trx, edit);
    const span = editSpan(edit);
    // A plan edit reads no slots: only the plan entries (its own year's published ones).
    const overlay = await loadOverlay(trx, draftId, span, { schedule: span !== null });
    const published = await loadPublished(trx, span, edit.kind === 'setRotation' ? [edit.academicYear] : []);
    const { patch, skipped } = editToPatch(edit, currentSchedule(overlay, published, published));
    const result = await commitPatch(ctx, trx, row, overlay, patch, `draft.${edit.kind}`, skipped);
    // A lock, and an entry set or pasted by hand (which locks it), where its person is away or resting
    // after a long call: kept, and said at once.
    const how = edit.kind === 'setLock' ? (edit.locked ? 'lock' : null) : LOCKING_ENTRIES[edit.kind];
    if (!how) return result;
    const locks = await locksOverUnavailable(trx, draftId, patch);
    return locks.length ? { ...result, lockedOverUnavailable: locks, warning: lockWarning(locks, how) } : result;
  });
}

/** Apply a patch as given: how the UI undoes (with an edit's `undo`) and redoes (with undo's `undo`). */
export async function applyDraftPatch(ctx: DraftContext, draftId: number, patch: DraftPatch): Promise<DraftEditResult> {
  return inTransaction(ctx, async (trx) => {
    const row = await openDraftRow(trx, draftId);
    const span = patchSpan(patch);
    const overlay = await loadOverlay(trx, draftId, span, { schedule: span !== null });
    return commitPatch(ctx, trx, row, overlay, patch, 'draft.apply_patch');
  });
}

/**
 * A new draft holding a patch, inside the caller's transaction (a swap's change, written and
 * published in one transaction; a cover draft). Returns the draft's row.
 */
export async function createDraftWithPatch(
  ctx: DraftContext,
  trx: DraftTrx,
  input: { name: string; source: DraftSource; note?: string | null },
  patch: DraftPatch,
): Promise<DraftRow> {
  const row = await insertDraft(ctx, trx, input);
  const span = patchSpan(patch);
  const overlay = await loadOverlay(trx, row.id, span, { schedule: span !== null });
  await commitPatch(ctx, trx, row, overlay, patch, `draft.fill_from_${input.source}`);
  return draftRow(trx, row.id);
}
