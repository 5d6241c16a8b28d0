// Publishing a draft and rolling a publication back. Publish runs its gates (churn guard, lock
// date, the draft's flags, revalidated now) and writes every change, the publication record with
// each touched row's exact previous and new values, and the audit entries in ONE transaction:
// a failure anywhere leaves the published schedule as it was. What the gates look at (the diff, the
// churn, the rules' verdict) is worked out before that transaction, in parts, so a year's draft
// does not hold the main thread; the transaction uses it only if nothing it was read from changed
// meanwhile (the draft's revision, the publications, the rules), else works it out again inside.
// Rollback restores those rows to the byte (same values, same rowid) within settings.rollbackHours,
// also in one transaction.
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
import type { DraftDiff } from './diff';
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
import {
  deleteRows,
  insertRows,
  rowKey,
  sameValues,
  selectInSpan,
  spanOf,
  valuesOf,
  type PublishedTable,
  type Row,
} from './published-rows';
import type { DraftTrx, PublicationsTable } from './tables';
import type { BreakGlass, PublicationSummary, PublishCheck } from './types';
import { sql, type Selectable } from 'kysely';
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

interface RowChange {
  table: PublishedTable;
  before: Row | null;
  after: Row | null;
}

interface WantedRow {
  table: PublishedTable;
  key: Row;
  after: Row | null;
}

/**
 * The rows a diff wants, one at a time, table by table (assignments, calls, inpatient weeks, plan)
 * and within a table in the diff's order, which is its range column's (diffOverlay sorts by date):
 * a part of them spans few dates, and no whole-year list of them is built (nor sorted) at once.
 */
function* wantedRows(diff: DraftDiff): Generator<WantedRow> {
  for (const c of diff.cells) {
    const key = { person_id: c.personId, date: c.date, half: c.half };
    yield {
      table: 'assignments',
      key,
      after: c.after
        ? { ...key, activity_code: c.after.activityCode, source: c.after.source, locked: c.after.locked ? 1 : 0 }
        : null,
    };
  }
  for (const c of diff.calls) {
    const had = new Set(c.before.map((b) => b.personId));
    const has = new Set(c.after.map((x) => x.personId));
    for (const b of c.before)
      if (!has.has(b.personId))
        yield {
          table: 'calls',
          key: { date: c.date, call_type_code: c.callTypeCode, person_id: b.personId },
          after: null,
        };
    for (const x of c.after)
      if (!had.has(x.personId)) {
        const key = { date: c.date, call_type_code: c.callTypeCode, person_id: x.personId };
        yield { table: 'calls', key, after: { ...key, source: x.source } };
      }
  }
  for (const w of diff.inpatientWeeks) {
    const after = new Map(w.after.map((x) => [x.personId, x]));
    const before = new Map(w.before.map((x) => [x.personId, x]));
    for (const personId of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(personId);
      const x = after.get(personId);
      if (b && x && b.end === x.end) continue;
      const key = { person_id: personId, start: w.start };
      yield { table: 'inpatient_weeks', key, after: x ? { ...key, end: x.end } : null };
    }
  }
  // A plan block's parts: a whole block replacing two halves deletes both half rows and inserts one.
  for (const r of diff.rotations) {
    const after = new Map(r.after.map((x) => [x.part, x.rotationId]));
    const before = new Map(r.before.map((x) => [x.part, x.rotationId]));
    for (const part of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(part) === after.get(part)) continue;
      const key = { person_id: r.personId, academic_year: r.academicYear, block_number: r.blockNumber, part };
      const rotationId = after.get(part);
      yield { table: 'rotation_assignments', key, after: rotationId ? { ...key, rotation_id: rotationId } : null };
    }
  }
}

/**
 * Items in parts of at most `size`, each part of one table; a part's items in their order. The event
 * loop turns after every part, the last too: the caller's next step does not join its last part.
 */
async function* partsByTable<T extends { table: PublishedTable }>(
  items: Iterable<T>,
  size: number,
): AsyncGenerator<T[]> {
  let part: T[] = [];
  for (const item of items) {
    if (part.length === size || (part.length > 0 && part[0].table !== item.table)) {
      yield part;
      await nextTurn();
      part = [];
    }
    part.push(item);
  }
  if (part.length) {
    yield part;
    await nextTurn();
  }
}

/**
 * The row-level changes a diff makes; `before` rows are read from the database (with rowid), a
 * part's span at a time (a year's span in one read held the main thread).
 */
async function rowChanges(trx: DraftTrx, diff: DraftDiff, partRows: number): Promise<RowChange[]> {
  const out: RowChange[] = [];
  for await (const part of partsByTable(wantedRows(diff), partRows)) {
    const table = part[0].table;
    const current = await selectInSpan(
      trx,
      table,
      spanOf(
        table,
        part.map((w) => w.key),
      ),
    );
    for (const w of part) out.push({ table, before: current.get(rowKey(table, w.key)) ?? null, after: w.after });
  }
  return out;
}

/**
 * Rows a publish (or rollback) reads or writes per statement. Its transaction is still one: between
 * two parts the event loop turns (requests that need the database wait for the commit; the rest is
 * answered), so a year's publication does not hold the main thread for a second and more.
 */
export const PUBLISH_PART_ROWS = 4000;

/** In parts of `size`, with a turn of the event loop between two. */
async function inParts<T>(items: T[], size: number, write: (part: T[], at: number) => Promise<void>): Promise<void> {
  for (let at = 0; at < items.length; at += size) {
    if (at > 0) await nextTurn();
    await write(items.slice(at, at + size), at);
  }
}

/** What a change does to its table: the row it deletes (read with its rowid), the row it inserts. */
type RowWrite = (change: RowChange) => { remove: Row | null; insert: Row | null };

/**
 * Apply changes: every row to remove is deleted first, then the rows taking their rowid back are
 * inserted (all of them, before any new row takes the next free rowid), then the new rows. Each
 * step a part at a time; `write` says per change what it removes and inserts.
 */
async function writeRows(trx: DraftTrx, changes: RowChange[], write: RowWrite, partRows: number): Promise<void> {
  const rows = function* (pick: (w: ReturnType<RowWrite>) => Row | null) {
    for (const c of changes) {
      const row = pick(write(c));
      if (row) yield { table: c.table, row };
    }
  };
  const steps = [
    { pick: (w: ReturnType<RowWrite>) => w.remove, apply: deleteRows },
    { pick: (w: ReturnType<RowWrite>) => (typeof w.insert?.rowid === 'number' ? w.insert : null), apply: insertRows },
    {
      pick: (w: ReturnType<RowWrite>) => (w.insert && typeof w.insert.rowid !== 'number' ? w.insert : null),
      apply: insertRows,
    },
  ];
  for (const { pick, apply } of steps)
    for await (const part of partsByTable(rows(pick), partRows))
      await apply(
        trx,
        part[0].table,
        part.map((p) => p.row),
      );
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
 * (revalidating the draft's flags), applies the changes and records the publication.
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

/** The gates' inputs worked out before the publish transaction: the analysis and the rules' verdict. */
interface Prepared {
  basis: AnalysisBasis;
  analysis: DraftAnalysis;
  checked: CheckedRules;
}

async function prepare(ctx: DraftContext, draftId: number): Promise<Prepared> {
  const { basis, analysis } = await analyzeDraftInParts(ctx, draftId);
  return { basis, analysis, checked: await checkRulesOutside(ctx, analysis.diff) };
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
  const v = current
    ? await checkedValidation(ctx, trx, row, current.checked)
    : await computeValidation(ctx, trx, row, a.diff);
  const approval = await approvalGate(trx, row, a.settings);
  const reasons = gateReasons(row, a, v, approval, input);
  if (reasons.length)
    throw new DraftError(
      'rejected',
      `Draft ${row.id} ("${row.name}") cannot be published: ${reasons.map((r) => r.message).join(' | ')}`,
      reasons.map((r) => ({ path: r.gate, message: r.message })),
    );

  const at = nowIso(ctx);
  const changes = await rowChanges(trx, a.diff, partRows);
  // A changed row keeps its rowid: it is deleted and inserted back with the new values.
  await writeRows(
    trx,
    changes,
    (c) => ({
      remove: c.before,
      insert: c.after ? { ...c.after, rowid: c.before ? (c.before.rowid as number) : null } : null,
    }),
    partRows,
  );

  const warnings = a.churn.findings.filter((f) => f.level === 'warn').map((f) => f.message);
  const acknowledged = v.added.filter((f) => f.acknowledgement).length;
  const summary = {
    draftName: row.name,
    changes: {
      cells: a.diff.cells.length,
      calls: a.diff.calls.length,
      inpatientWeeks: a.diff.inpatientWeeks.length,
      rotations: a.diff.rotations.length,
      rows: changes.length,
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
  // Every touched row's previous and new value, a statement per part (the rows travel as JSON).
  await inParts(changes, partRows, async (part, at) => {
    const records = JSON.stringify(
      part.map((c) => [c.table, c.before && JSON.stringify(c.before), c.after && JSON.stringify(c.after)]),
    );
    await sql`INSERT INTO publication_rows (publication_id, seq, table_name, before, after)
      SELECT ${id}, ${at} + key, value ->> 0, value ->> 1, value ->> 2 FROM json_each(${records}) ORDER BY key`.execute(
      trx,
    );
  });
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
      revalidated: true,
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

  // The publication's records, then the rows as they are now, a part at a time (a year's are 100 000s).
  const changes: RowChange[] = [];
  for (let last = Number.MIN_SAFE_INTEGER; ; ) {
    const records = await trx
      .selectFrom('publication_rows')
      .selectAll()
      .where('publication_id', '=', p.id)
      .where('seq', '>', last)
      .orderBy('seq')
      .limit(partRows)
      .execute();
    for (const r of records)
      changes.push({
        table: r.table_name,
        before: r.before ? (JSON.parse(r.before) as Row) : null,
        after: r.after ? (JSON.parse(r.after) as Row) : null,
      });
    if (records.length < partRows) break;
    last = records[records.length - 1].seq;
    await nextTurn();
  }
  // Every row must still be as the publication left it, or the rollback would undo someone else's work.
  // The records are in the order the publication wrote them: by table, each table's rows by its range.
  const keyOf = (c: RowChange) => rowKey(c.table, (c.after ?? c.before)!);
  /** The row each change's key holds now (read with its rowid), by change. */
  const current = new Map<RowChange, Row>();
  const moved = new Map<PublishedTable, RowChange[]>();
  for await (const part of partsByTable(changes, partRows)) {
    const table = part[0].table;
    const held = await selectInSpan(
      trx,
      table,
      spanOf(
        table,
        part.map((c) => (c.after ?? c.before)!),
      ),
    );
    for (const c of part) {
      const now = held.get(keyOf(c));
      if (now) current.set(c, now);
      if (sameValues(table, now ? valuesOf(table, now) : null, c.after)) continue;
      const changed = moved.get(table) ?? [];
      changed.push(c);
      moved.set(table, changed);
    }
  }
  for (const [table, rows] of moved)
    throw new DraftError(
      'conflict',
      `Publication ${p.id} cannot be rolled back: ${rows.length} of its ${table} rows changed since it was ` +
        `published (first: ${keyOf(rows[0])}); roll back the later change first`,
    );
  await writeRows(trx, changes, (c) => ({ remove: c.after ? current.get(c)! : null, insert: c.before }), partRows);
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
  const people = new Set<string>();
  for (const c of changes) people.add(String((c.after ?? c.before)!.person_id));
  const personIds = [...people].sort();
  await writeAudit(trx, {
    actor: ctx.actor,
    action: 'publication.rollback',
    entity: 'publication',
    entityId: String(p.id),
    before: { publishedAt: p.published_at, publishedBy: p.published_by },
    after: { reason, draftId: p.draft_id, draftName: summary.draftName, rows: changes.length, personIds },
  });
  const updated = await trx.selectFrom('publications').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
  // The commit (it writes the rest of a year's pages) in a turn of its own, as publish's.
  await nextTurn();
  return publicationSummary(updated, settings.rollbackHours, at);
}
