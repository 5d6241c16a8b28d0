// A new draft holding generated, imported or swapped schedule data, saved in parts so the app keeps
// answering while a year's draft (100 000+ slots) is stored. Reading the published schedule under
// the content goes a week at a time; the overlay rows go a few thousand per transaction, with the
// event loop free between parts. Until its last part is stored the draft row says `saving`: no
// read, edit, publish, export or list sees it (core/services/drafts/context.ts draftRow), and the
// last transaction — which also checks that nothing was published meanwhile — makes it a draft.
// A save that fails removes what it wrote; one cut short by a crash is removed at the next open of
// the program (removeUnfinishedDrafts).
import { sql, type Kysely } from 'kysely';
import { addDays, daysBetween } from '../../domain/calendar';
import type { AssignmentSource, BlockPart, IsoDate } from '../../domain/types';
import type { Database } from '../../db/schema';
import { db, draftRow, inTransaction, nowIso, publishedScheduleStamp, savingDraftRow, writeAudit } from './context';
import type { DraftContext } from './context';
import {
  AUDIT_DETAIL_LIMIT,
  draftCreateAudit,
  insertDraft,
  patchAuditSummary,
  savingLeaseUntil,
  summarize,
} from './drafts';
import { currentSchedule, editToPatch, planEntries } from './edits';
import { DraftError, failIfIssues } from './errors';
import { applyPatch, emptyPatch, MemoryOverlay, patchSize, type CallPatch, type CellPatch } from './patch';
import type { DraftPatch, WeekPatch } from './patch';
import { checkPatchReferences } from './references';
import { loadPublished, writeTouched, type DateSpan } from './store';
import type { DraftTrx } from './tables';
import { nextTurn } from './turns';
import type { DraftContent, DraftSource, DraftSummary } from './types';

/** Days of content read against the published schedule at once (a week of 150 residents: ~2 100 slots). */
const WINDOW_DAYS = 7;
/** Overlay entries written per transaction: well under a tenth of a second of the main thread. */
export const SAVE_PART_ENTRIES = 4000;
/** Tries before a save gives up because the schedule keeps being published under it. */
const SAVE_ATTEMPTS = 3;

export interface SaveProgress {
  /** Called after each stored part (1-based) of `parts`, before the draft is complete. */
  onPart?: (draftId: number, part: number, parts: number) => void | Promise<void>;
  /** Overlay entries per part (tests make parts small). */
  partEntries?: number;
  /** More rows that belong to the draft, stored in parts with it (generation: the run's explanations). */
  attachment?: DraftAttachment;
}

/**
 * Rows stored with a draft that is being saved, a part per transaction after its overlay rows and
 * before its last transaction. Their table references drafts(id) ON DELETE CASCADE: a save that
 * fails or is cut short removes them with the draft.
 */
export interface DraftAttachment {
  parts: number;
  /** Write part `part` (0-based) for the draft. */
  write(trx: DraftTrx, draftId: number, part: number): Promise<void>;
}

/** How each draft source marks the slots it writes unless the caller says otherwise. */
const DEFAULT_MARK: Record<DraftSource, { source: 'solver' | 'manual'; locked: boolean }> = {
  generation: { source: 'solver', locked: false },
  import: { source: 'manual', locked: true },
  swap: { source: 'manual', locked: true },
  manual: { source: 'manual', locked: true },
};

/** First and last date of the content: one pass (sorting a year's 100 000+ dates held the main thread ~50 ms). */
function contentSpan(content: DraftContent): DateSpan | null {
  let span: DateSpan | null = null;
  const see = (date: IsoDate) => {
    if (!span) span = { start: date, end: date };
    else if (date < span.start) span.start = date;
    else if (date > span.end) span.end = date;
  };
  for (const a of content.assignments) see(a.date);
  for (const c of content.calls ?? []) see(c.date);
  for (const c of content.emptyCalls ?? []) see(c.date);
  for (const w of content.inpatientWeeks ?? []) see(w.start);
  for (const w of content.emptyInpatientWeeks ?? []) see(w.start);
  return span;
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

/** Keys looked at between two turns of the event loop while checking a large content. */
const KEYS_PER_TURN = 20_000;

/** Each slot, call night and week start may appear once: which of two values would be meant? */
async function checkNoDuplicates(content: DraftContent): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const seen = async <T>(label: string, items: readonly T[], keyOf: (item: T) => string) => {
    const what = label === 'assignments' ? 'slot' : label === 'calls' ? 'call' : 'inpatient week';
    const first = new Map<string, number>();
    for (let i = 0; i < items.length; i++) {
      if (i > 0 && i % KEYS_PER_TURN === 0) await nextTurn();
      const k = keyOf(items[i]);
      const j = first.get(k);
      if (j === undefined) first.set(k, i);
      else issues.push({ path: `${label}[${i}]`, message: `same ${what} as ${label}[${j}]` });
    }
  };
  await seen('assignments', content.assignments, (a) => `${a.personId}|${a.date}|${a.half}`);
  await seen('calls', content.calls ?? [], (c) => `${c.date}|${c.callTypeCode}|${c.personId}`);
  await seen('inpatientWeeks', content.inpatientWeeks ?? [], (w) => `${w.personId}|${w.start}`);
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
        message:
          `${same.part === r.part ? 'same plan entry' : 'overlaps the plan entry'} as ` +
          `rotationAssignments[${same.i}]`,
      });
    planned.set(key, [...parts, { part: r.part, i }]);
  });
  failIfIssues('Draft content rejected', issues);
}

interface Night {
  date: IsoDate;
  callTypeCode: string;
  people: Map<string, AssignmentSource>;
}
interface WeekStart {
  start: IsoDate;
  people: Map<string, IsoDate>;
}

/** The content's call nights and inpatient week starts, each with who holds it (in content order). */
function nightsAndWeeks(content: DraftContent, mark: AssignmentSource): { nights: Night[]; weeks: WeekStart[] } {
  const nights = new Map<string, Night>();
  for (const c of content.calls ?? []) {
    const key = `${c.date}|${c.callTypeCode}`;
    const night = nights.get(key) ?? { date: c.date, callTypeCode: c.callTypeCode, people: new Map() };
    night.people.set(c.personId, c.source ?? mark);
    nights.set(key, night);
  }
  for (const n of content.emptyCalls ?? []) {
    const key = `${n.date}|${n.callTypeCode}`;
    if (!nights.has(key)) nights.set(key, { date: n.date, callTypeCode: n.callTypeCode, people: new Map() });
  }
  const weeks = new Map<string, WeekStart>();
  for (const w of content.inpatientWeeks ?? []) {
    const week = weeks.get(w.start) ?? { start: w.start, people: new Map() };
    week.people.set(w.personId, w.end);
    weeks.set(w.start, week);
  }
  for (const w of content.emptyInpatientWeeks ?? [])
    if (!weeks.has(w.start)) weeks.set(w.start, { start: w.start, people: new Map() });
  return { nights: [...nights.values()], weeks: [...weeks.values()] };
}

/**
 * The patch that fills a new (empty) draft with the content, read against the published schedule
 * a week at a time (one short read each, the event loop free between weeks). Generation never
 * overrides a published slot that is locked: such slots are left out and counted.
 */
async function contentPatch(
  ctx: DraftContext,
  content: DraftContent,
): Promise<{ patch: DraftPatch; skippedLocked: number }> {
  const mark = DEFAULT_MARK[content.source];
  const empty = new MemoryOverlay();
  const span = contentSpan(content);
  const { nights, weeks } = nightsAndWeeks(content, mark.source);
  // Every slot, night and week start by the week of the content it falls in.
  const windows = new Map<number, { cells: number[]; nights: number[]; weeks: number[] }>();
  // A year's content is 100 000+ slots on a few hundred dates: each date's week worked out once.
  const weekOf = new Map<IsoDate, number>();
  const windowOf = (date: IsoDate) => {
    let w = weekOf.get(date);
    if (w === undefined) {
      w = Math.floor(daysBetween(span!.start, date) / WINDOW_DAYS);
      weekOf.set(date, w);
    }
    const found = windows.get(w) ?? { cells: [], nights: [], weeks: [] };
    windows.set(w, found);
    return found;
  };
  content.assignments.forEach((a, i) => windowOf(a.date).cells.push(i));
  nights.forEach((n, i) => windowOf(n.date).nights.push(i));
  weeks.forEach((w, i) => windowOf(w.start).weeks.push(i));

  // Kept in content order, whatever the week: the patch is the same as one read of the whole span.
  const cellPatches: (CellPatch | null)[] = content.assignments.map(() => null);
  const nightPatches: CallPatch[][] = nights.map(() => []);
  const weekPatches: WeekPatch[][] = weeks.map(() => []);
  let skippedLocked = 0;
  for (const [w, at] of [...windows].sort((a, b) => a[0] - b[0])) {
    await nextTurn();
    const start = addDays(span!.start, w * WINDOW_DAYS);
    const window: DateSpan = { start, end: addDays(start, WINDOW_DAYS - 1) };
    const published = await inTransaction(ctx, (trx) => loadPublished(trx, window));
    for (const i of at.cells) {
      const a = content.assignments[i];
      const ref = { personId: a.personId, date: a.date, half: a.half };
      if (content.source === 'generation' && published.cell(ref)?.locked) {
        skippedLocked++;
        continue;
      }
      cellPatches[i] = {
        ...ref,
        value: { activityCode: a.activityCode, source: a.source ?? mark.source, locked: a.locked ?? mark.locked },
      };
    }
    const view = currentSchedule(empty, published);
    for (const i of at.nights) {
      const n = nights[i];
      const { patch: p } = editToPatch(
        { kind: 'setCall', date: n.date, callTypeCode: n.callTypeCode, personIds: [...n.people.keys()] },
        view,
      );
      nightPatches[i] = p.calls.map((e) =>
        e.value?.assigned ? { ...e, value: { assigned: true as const, source: n.people.get(e.personId)! } } : e,
      );
    }
    for (const i of at.weeks) {
      const wk = weeks[i];
      const { patch: p } = editToPatch(
        { kind: 'setInpatientWeek', start: wk.start, end: wk.start, personIds: [...wk.people.keys()] },
        view,
      );
      weekPatches[i] = p.inpatientWeeks.map((e) =>
        e.value?.assigned ? { ...e, value: { assigned: true as const, end: wk.people.get(e.personId)! } } : e,
      );
    }
  }
  await nextTurn();
  const planYears = [...new Set((content.rotationAssignments ?? []).map((r) => r.academicYear))];
  const plan = await inTransaction(ctx, (trx) => loadPublished(trx, null, planYears));
  const patch = emptyPatch();
  for (const c of cellPatches) if (c) patch.cells.push(c);
  patch.rotations = contentPlanPatch(content, currentSchedule(empty, plan, plan));
  for (const p of nightPatches) patch.calls.push(...p);
  for (const p of weekPatches) patch.inpatientWeeks.push(...p);
  return { patch, skippedLocked };
}

/** The patch cut into parts of at most `size` entries (slots, then calls, weeks and plan entries). */
function patchParts(patch: DraftPatch, size: number): DraftPatch[] {
  const parts: DraftPatch[] = [];
  let part = emptyPatch();
  const kinds = ['cells', 'calls', 'inpatientWeeks', 'rotations'] as const;
  for (const kind of kinds) {
    const entries: unknown[] = patch[kind] ?? [];
    for (let i = 0; i < entries.length; ) {
      const take = Math.min(size - patchSize(part), entries.length - i);
      (part[kind] as unknown[]).push(...entries.slice(i, i + take));
      i += take;
      if (patchSize(part) === size) {
        parts.push(part);
        part = emptyPatch();
      }
    }
  }
  if (patchSize(part) > 0 || parts.length === 0) parts.push(part);
  return parts;
}

const DRAFT_ROW_TABLES = [
  'draft_assignment_changes',
  'draft_call_changes',
  'draft_inpatient_week_changes',
  'draft_rotation_changes',
] as const;

/** Remove a draft whose save did not complete, its rows a part at a time. */
async function removeSavingDraft(ctx: DraftContext, draftId: number): Promise<void> {
  for (const table of DRAFT_ROW_TABLES)
    for (;;) {
      await nextTurn();
      const removed = await inTransaction(ctx, async (trx) => {
        const r = await sql`DELETE FROM ${sql.table(table)} WHERE rowid IN
          (SELECT rowid FROM ${sql.table(table)}
           WHERE draft_id = ${draftId} AND draft_id IN (SELECT id FROM drafts WHERE saving = 1)
           LIMIT ${SAVE_PART_ENTRIES})`.execute(trx);
        return Number(r.numAffectedRows ?? 0);
      });
      if (removed === 0) break;
    }
  await db(ctx).deleteFrom('drafts').where('id', '=', draftId).where('saving', '=', 1).execute();
}

/**
 * Drafts left half-saved by a crash, removed with their rows when a program is opened for writing:
 * those whose save's lease ran out. A draft another process is saving right now (the app, while
 * the command line opens the same file) renews its lease with every part and is left alone.
 */
export async function removeUnfinishedDrafts(program: Kysely<Database>, now = new Date()): Promise<number> {
  const r = await sql`DELETE FROM drafts
    WHERE saving = 1 AND (saving_until IS NULL OR saving_until < ${now.toISOString()})`.execute(program);
  return Number(r.numAffectedRows ?? 0);
}

/** The draft being saved, its lease renewed: one more part is being written. */
async function holdSavingDraft(trx: DraftTrx, draftId: number): Promise<void> {
  await savingDraftRow(trx, draftId);
  await trx.updateTable('drafts').set({ saving_until: savingLeaseUntil() }).where('id', '=', draftId).execute();
}

/**
 * Write the patch into a new draft in parts, then make it a draft in one last transaction (with the
 * caller's `also`). null: something was published while it was being saved (the draft is removed;
 * the content must be read again against the new published schedule).
 */
async function saveInParts(
  ctx: DraftContext,
  content: DraftContent,
  patch: DraftPatch,
  baseSchedule: string,
  also: ((trx: DraftTrx, draftId: number) => Promise<void>) | undefined,
  progress: SaveProgress,
): Promise<DraftSummary | null> {
  const input = {
    name: content.name.trim(),
    source: content.source,
    note: content.note ?? null,
    incomplete: content.incomplete,
  };
  const { id } = await inTransaction(ctx, (trx) => insertDraft(ctx, trx, input, true));
  try {
    const parts = patchSize(patch) === 0 ? [] : patchParts(patch, progress.partEntries ?? SAVE_PART_ENTRIES);
    const attached = progress.attachment?.parts ?? 0;
    for (const [i, part] of parts.entries()) {
      await nextTurn();
      await inTransaction(ctx, async (trx) => {
        await holdSavingDraft(trx, id);
        const overlay = new MemoryOverlay();
        applyPatch(overlay, part);
        await writeTouched(trx, id, overlay, part);
      });
      await progress.onPart?.(id, i + 1, parts.length + attached);
    }
    for (let i = 0; i < attached; i++) {
      await nextTurn();
      await inTransaction(ctx, async (trx) => {
        await holdSavingDraft(trx, id);
        await progress.attachment!.write(trx, id, i);
      });
      await progress.onPart?.(id, parts.length + i + 1, parts.length + attached);
    }
    await nextTurn();
    const saved = await inTransaction(ctx, async (trx) => {
      const row = await savingDraftRow(trx, id);
      if ((await publishedScheduleStamp(trx)) !== baseSchedule) return null;
      const size = patchSize(patch);
      await trx
        .updateTable('drafts')
        .set({
          saving: 0,
          saving_until: null,
          ...(size > 0 ? { revision: row.revision + 1, updated_at: nowIso(ctx) } : {}),
        })
        .where('id', '=', id)
        .execute();
      await writeAudit(trx, draftCreateAudit(ctx, id, input));
      if (size > 0)
        await writeAudit(trx, {
          actor: ctx.actor,
          action: `draft.fill_from_${content.source}`,
          entity: 'draft',
          entityId: String(id),
          // The draft was empty: undoing the fill drops every entry it wrote.
          before: size <= AUDIT_DETAIL_LIMIT ? { patch: applyPatch(new MemoryOverlay(), patch) } : undefined,
          after: patchAuditSummary(patch),
        });
      await also?.(trx, id);
      return summarize(ctx, trx, await draftRow(trx, id));
    });
    if (saved === null) await removeSavingDraft(ctx, id);
    return saved;
  } catch (err) {
    // Nothing of a failed save stays; if even that fails, the next open of the program removes it.
    await removeSavingDraft(ctx, id).catch(() => undefined);
    throw err;
  }
}

/**
 * A new draft holding generated, imported or swapped schedule data: generation results always go
 * into a draft, never into the published schedule. Generation never overrides a published slot
 * that is locked (preload or manual); such slots are left out and counted in `skippedLocked`.
 * Saved in parts (see the top of this file); `also` runs in the last transaction, the one that
 * makes the draft visible (generation: its run record), so no draft exists without it.
 */
export async function createDraftFromAssignments(
  ctx: DraftContext,
  content: DraftContent,
  /** More to write in the same transaction once the draft exists (generation: its run record). */
  also?: (trx: DraftTrx, draftId: number) => Promise<void>,
  progress: SaveProgress = {},
): Promise<{ draft: DraftSummary; skippedLocked: number }> {
  const { draft, skippedLocked } = await saveContent(ctx, content, also, progress, false);
  return { draft: draft!, skippedLocked };
}

/**
 * As createDraftFromAssignments, but no draft at all (draft: null, nothing written, `also` not
 * run) when the content changes nothing in the published schedule and misses no part: a generated
 * schedule that is the one in place leaves nothing to review or publish.
 */
export function createDraftUnlessUnchanged(
  ctx: DraftContext,
  content: DraftContent,
  also?: (trx: DraftTrx, draftId: number) => Promise<void>,
  progress: SaveProgress = {},
): Promise<{ draft: DraftSummary | null; skippedLocked: number }> {
  return saveContent(ctx, content, also, progress, true);
}

async function saveContent(
  ctx: DraftContext,
  content: DraftContent,
  also: ((trx: DraftTrx, draftId: number) => Promise<void>) | undefined,
  progress: SaveProgress,
  unlessUnchanged: boolean,
): Promise<{ draft: DraftSummary | null; skippedLocked: number }> {
  if (!content.name.trim()) throw new DraftError('invalid_input', 'A draft needs a name');
  await checkNoDuplicates(content);
  for (let attempt = 1; ; attempt++) {
    const baseSchedule = await publishedScheduleStamp(db(ctx));
    const { patch, skippedLocked } = await contentPatch(ctx, content);
    if (unlessUnchanged && patchSize(patch) === 0 && !content.incomplete?.length) return { draft: null, skippedLocked };
    // Checked whole before anything is written: a bad entry is reported by its place in the content.
    if (patchSize(patch) > 0) await inTransaction(ctx, (trx) => checkPatchReferences(trx, patch));
    const draft = await saveInParts(ctx, content, patch, baseSchedule, also, progress);
    if (draft) return { draft, skippedLocked };
    if (attempt === SAVE_ATTEMPTS)
      throw new DraftError(
        'conflict',
        `The schedule was published ${SAVE_ATTEMPTS} times while the draft "${content.name.trim()}" was being ` +
          `saved; nothing was kept — try again`,
      );
  }
}
