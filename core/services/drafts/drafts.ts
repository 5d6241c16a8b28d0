// Drafts: create, list, rename, discard, and edit them. Every edit is one transaction that writes
// the overlay, bumps the draft's revision and appends an audit entry, and returns the patch that
// undoes it; applying that patch (drafts.applyPatch) returns the redo patch.
import type { AssignmentSource, BlockPart } from '../../domain/types';
import { currentSchedule, editToPatch, planEntries, type DraftEdit } from './edits';
import {
  db,
  draftRow,
  inTransaction,
  latestPublicationId,
  nowIso,
  openDraftRow,
  settingsHash,
  writeAudit,
  type DraftContext,
  type DraftRow,
} from './context';
import { DraftError, failIfIssues } from './errors';
import { countByCategory } from './findings';
import { incompleteParts } from './incomplete';
import { applyPatch, emptyPatch, patchSize, type DraftPatch, type MemoryOverlay } from './patch';
import { programSettings } from './analysis';
import { planReferenceIssues, rotationChoiceIssues } from './plan-references';
import { checkPatchReferences } from './references';
import { entryCounts, loadOverlay, loadPublished, patchSpan, writeTouched, type DateSpan } from './store';
import type { DraftTrx } from './tables';
import type {
  DraftContent,
  DraftEditResult,
  DraftSource,
  DraftStatus,
  DraftSummary,
  DraftValidation,
  IncompletePart,
} from './types';

/** A stored validation older than this no longer counts (DOMAIN: drafts older than 24 h are revalidated). */
export const VALIDATION_MAX_AGE_HOURS = 24;
/** Audit entries list the entries of patches up to this size; larger ones are summarised. */
const AUDIT_DETAIL_LIMIT = 200;

/** A validation as stored on the draft row, with what it was computed against. */
export interface StoredValidation extends DraftValidation {
  latestPublicationId: number | null;
  settingsHash: string;
}

export function storedValidation(row: DraftRow): StoredValidation | null {
  return row.validation ? (JSON.parse(row.validation) as StoredValidation) : null;
}

/** Why a stored validation no longer describes the draft, or null when it still does. */
export async function staleReason(
  ctx: DraftContext,
  trx: DraftTrx | ReturnType<typeof db>,
  row: DraftRow,
  v: StoredValidation,
): Promise<string | null> {
  if (v.revision !== row.revision) return 'the draft was edited after it was checked';
  const ageHours = (Date.parse(nowIso(ctx)) - Date.parse(v.validatedAt)) / 3_600_000;
  if (ageHours > VALIDATION_MAX_AGE_HOURS) return `checked more than ${VALIDATION_MAX_AGE_HOURS} hours ago`;
  if ((await latestPublicationId(trx)) !== v.latestPublicationId) return 'another draft was published after the check';
  if ((await settingsHash(trx)) !== v.settingsHash) return 'the program settings (rules) changed after the check';
  return null;
}

async function summarize(
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
  let q = db(ctx).selectFrom('drafts').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc');
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.execute();
  const out: DraftSummary[] = [];
  for (const row of rows) out.push(await summarize(ctx, db(ctx), row));
  return out;
}

async function insertDraft(
  ctx: DraftContext,
  trx: DraftTrx,
  input: { name: string; source: DraftSource; note?: string | null; incomplete?: IncompletePart[] },
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(trx, {
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
  });
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
    return commitPatch(ctx, trx, row, overlay, patch, `draft.${edit.kind}`, skipped);
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

/** How each draft source marks the slots it writes unless the caller says otherwise. */
const DEFAULT_MARK: Record<DraftSource, { source: 'solver' | 'manual'; locked: boolean }> = {
  generation: { source: 'solver', locked: false },
  import: { source: 'manual', locked: true },
  swap: { source: 'manual', locked: true },
  manual: { source: 'manual', locked: true },
};

function contentSpan(content: DraftContent): DateSpan | null {
  const dates = [
    ...content.assignments.map((a) => a.date),
    ...(content.calls ?? []).map((c) => c.date),
    ...(content.emptyCalls ?? []).map((c) => c.date),
    ...(content.inpatientWeeks ?? []).map((w) => w.start),
    ...(content.emptyInpatientWeeks ?? []).map((w) => w.start),
  ].sort();
  return dates.length ? { start: dates[0], end: dates[dates.length - 1] } : null;
}

/** The plan entries of a content: every resident's block it names holds exactly the parts listed. */
function contentPlanPatch(
  content: DraftContent,
  view: ReturnType<typeof currentSchedule>,
): NonNullable<DraftPatch['rotations']> {
  const blocks = new Map<
    string,
    { personId: string; academicYear: number; blockNumber: number; parts: { part: BlockPart; rotationId: string }[] }
  >();
  for (const r of content.rotationAssignments ?? []) {
    const key = `${r.personId}|${r.academicYear}|${r.blockNumber}`;
    const block = blocks.get(key) ?? {
      personId: r.personId,
      academicYear: r.academicYear,
      blockNumber: r.blockNumber,
      parts: [],
    };
    block.parts.push({ part: r.part, rotationId: r.rotationId });
    blocks.set(key, block);
  }
  const out: NonNullable<DraftPatch['rotations']> = [];
  for (const b of blocks.values())
    out.push(...planEntries(b, view.planParts(b.personId, b.academicYear, b.blockNumber), b.parts));
  return out;
}

/** Each slot, call night and week start may appear once: which of two values would be meant? */
function checkNoDuplicates(content: DraftContent): void {
  const issues: { path: string; message: string }[] = [];
  const seen = (label: string, keys: string[]) => {
    const first = new Map<string, number>();
    keys.forEach((k, i) => {
      const j = first.get(k);
      if (j === undefined) first.set(k, i);
      else
        issues.push({
          path: `${label}[${i}]`,
          message: `same ${label === 'assignments' ? 'slot' : label === 'calls' ? 'call' : 'inpatient week'} as ${label}[${j}]`,
        });
    });
  };
  seen(
    'assignments',
    content.assignments.map((a) => `${a.personId}|${a.date}|${a.half}`),
  );
  seen(
    'calls',
    (content.calls ?? []).map((c) => `${c.date}|${c.callTypeCode}|${c.personId}`),
  );
  seen(
    'inpatientWeeks',
    (content.inpatientWeeks ?? []).map((w) => `${w.personId}|${w.start}`),
  );
  // A block is planned whole or by halves, not both.
  const plan = content.rotationAssignments ?? [];
  const planned = new Map<string, { part: string; i: number }[]>();
  plan.forEach((r, i) => {
    const key = `${r.personId}|${r.academicYear}|${r.blockNumber}`;
    const parts = planned.get(key) ?? [];
    const same = parts.find((p) => p.part === r.part || p.part === 'full' || r.part === 'full');
    if (same)
      issues.push({
        path: `rotationAssignments[${i}]`,
        message: `${same.part === r.part ? 'same plan entry' : 'overlaps the plan entry'} as rotationAssignments[${same.i}]`,
      });
    planned.set(key, [...parts, { part: r.part, i }]);
  });
  failIfIssues('Draft content rejected', issues);
}

/**
 * A new draft holding generated, imported or swapped schedule data: generation results always go
 * into a draft, never into the published schedule. Generation never overrides a published slot
 * that is locked (preload or manual); such slots are left out and counted in `skippedLocked`.
 */
export async function createDraftFromAssignments(
  ctx: DraftContext,
  content: DraftContent,
  /** More to write in the same transaction once the draft exists (generation: its run record). */
  also?: (trx: DraftTrx, draftId: number) => Promise<void>,
): Promise<{ draft: DraftSummary; skippedLocked: number }> {
  if (!content.name.trim()) throw new DraftError('invalid_input', 'A draft needs a name');
  checkNoDuplicates(content);
  return inTransaction(ctx, async (trx) => {
    const row = await insertDraft(ctx, trx, {
      name: content.name.trim(),
      source: content.source,
      note: content.note ?? null,
      incomplete: content.incomplete,
    });
    const span = contentSpan(content);
    const planYears = [...new Set((content.rotationAssignments ?? []).map((r) => r.academicYear))];
    const overlay = await loadOverlay(trx, row.id, span, { schedule: span !== null });
    const published = await loadPublished(trx, span, planYears);
    const mark = DEFAULT_MARK[content.source];
    const patch = emptyPatch();
    let skippedLocked = 0;
    for (const a of content.assignments) {
      const ref = { personId: a.personId, date: a.date, half: a.half };
      if (content.source === 'generation' && span && published.cell(ref)?.locked) {
        skippedLocked++;
        continue;
      }
      patch.cells.push({
        ...ref,
        value: { activityCode: a.activityCode, source: a.source ?? mark.source, locked: a.locked ?? mark.locked },
      });
    }
    const view = currentSchedule(overlay, published, published);
    patch.rotations = contentPlanPatch(content, view);
    const nights = new Map<string, { date: string; callTypeCode: string; people: Map<string, AssignmentSource> }>();
    for (const c of content.calls ?? []) {
      const key = `${c.date}|${c.callTypeCode}`;
      const night = nights.get(key) ?? { date: c.date, callTypeCode: c.callTypeCode, people: new Map() };
      night.people.set(c.personId, c.source ?? mark.source);
      nights.set(key, night);
    }
    for (const n of content.emptyCalls ?? []) {
      const key = `${n.date}|${n.callTypeCode}`;
      if (!nights.has(key)) nights.set(key, { date: n.date, callTypeCode: n.callTypeCode, people: new Map() });
    }
    for (const n of nights.values()) {
      const { patch: p } = editToPatch(
        { kind: 'setCall', date: n.date, callTypeCode: n.callTypeCode, personIds: [...n.people.keys()] },
        view,
      );
      patch.calls.push(
        ...p.calls.map((e) =>
          e.value?.assigned ? { ...e, value: { assigned: true as const, source: n.people.get(e.personId)! } } : e,
        ),
      );
    }
    const weeks = new Map<string, { start: string; people: Map<string, string> }>();
    for (const w of content.inpatientWeeks ?? []) {
      const week = weeks.get(w.start) ?? { start: w.start, people: new Map() };
      week.people.set(w.personId, w.end);
      weeks.set(w.start, week);
    }
    for (const w of content.emptyInpatientWeeks ?? [])
      if (!weeks.has(w.start)) weeks.set(w.start, { start: w.start, people: new Map() });
    for (const w of weeks.values()) {
      const { patch: p } = editToPatch(
        { kind: 'setInpatientWeek', start: w.start, end: w.start, personIds: [...w.people.keys()] },
        view,
      );
      patch.inpatientWeeks.push(
        ...p.inpatientWeeks.map((e) =>
          e.value?.assigned ? { ...e, value: { assigned: true as const, end: w.people.get(e.personId)! } } : e,
        ),
      );
    }
    await commitPatch(ctx, trx, row, overlay, patch, `draft.fill_from_${content.source}`);
    await also?.(trx, row.id);
    return { draft: await summarize(ctx, trx, await draftRow(trx, row.id)), skippedLocked };
  });
}
