// A swap request's life: pending → approved (the coordinator; the program director too for an
// inpatient week when the program says so) → executed → rolled back within the rollback window;
// or rejected / cancelled. A request keeps the exact change it was checked with; approving and
// executing refuse when the published schedule moved under it (saying what changed). Executing
// creates a draft of the change and publishes it in the same transaction, so the publication's
// gates, re-validation, atomicity and byte-exact rollback hold for swaps too. Every step is
// audited with who and why.
import { academicYearOf } from '../../domain/calendar';
import { defaultSwapSettings } from '../../domain/defaults';
import { complianceOf } from '../compliance/program-cache';
import { programSettings } from '../drafts/analysis';
import { inTransaction, nowIso, writeAudit, type DraftContext } from '../drafts/context';
import { createDraftWithPatch } from '../drafts/drafts';
import { DraftError } from '../drafts/errors';
import { publishWithin, rollbackWithin } from '../drafts/publish';
import { selectInSpan, spanOf, type Row } from '../drafts/published-rows';
import type { DraftTrx } from '../drafts/tables';
import type { BreakGlass } from '../drafts/types';
import { evaluate, itemDate, poolFor, requireUpcoming, today, TRADE_WINDOW_DAYS } from './candidates';
import { dayLabel, resolveItem } from './items';
import { planPatch, planPeople } from './plan';
import { ScheduleView } from './schedule-view';
import { historyOf, swapDb, type SwapDb, type SwapRow, type SwapTrx } from './store';
import type {
  ApprovalRole,
  FindingBrief,
  ItemView,
  Score,
  SwapApproval,
  SwapItem,
  SwapKind,
  SwapPlan,
  SwapStatus,
  SwapSummary,
} from './types';

type Db = SwapDb | SwapTrx;

const db = (ctx: DraftContext): SwapDb => swapDb(ctx.program.db);
const trxOf = (trx: DraftTrx): SwapTrx => trx as unknown as SwapTrx;
const draftTrx = (trx: SwapTrx): DraftTrx => trx as unknown as DraftTrx;

function refuse(
  code: 'invalid_input' | 'not_found' | 'conflict' | 'rejected',
  message: string,
  issues?: { path: string; message: string }[],
): never {
  throw new DraftError(code, message, issues ?? [{ path: '(swap)', message }]);
}

export interface SwapRequestInput {
  kind: SwapKind;
  item: SwapItem;
  counterpartId: string;
  /** One-to-one: the counterpart's item the requester takes in return. */
  counterItem: SwapItem | null;
  reason: string;
}

const sameItem = (a: SwapItem, b: SwapItem) => JSON.stringify(itemKey(a)) === JSON.stringify(itemKey(b));
const itemKey = (i: SwapItem) =>
  i.kind === 'call' ? [i.kind, i.personId, i.date, i.callTypeCode] : [i.kind, i.personId, i.start];

/** Ask for a swap with one chosen candidate; checked now, stored with its plan, score and soft findings. */
export async function requestSwap(ctx: DraftContext, input: SwapRequestInput): Promise<SwapSummary> {
  const reason = input.reason.trim();
  if (reason.length < 3)
    refuse('invalid_input', 'A swap request needs a reason', [
      { path: 'reason', message: 'give a reason (at least 3 characters)' },
    ]);
  if ((input.kind === 'one_to_one') !== (input.counterItem !== null))
    refuse('invalid_input', 'A one-to-one swap names the item given back; an absorb swap does not', [
      { path: 'counterItem', message: input.kind === 'one_to_one' ? 'required for one-to-one' : 'only for one-to-one' },
    ]);
  if (input.counterItem && input.counterItem.personId !== input.counterpartId)
    refuse('invalid_input', 'The item given back must be the counterpart’s', [
      { path: 'counterItem.personId', message: 'must be the counterpart' },
    ]);
  if (input.counterItem && input.counterItem.kind !== input.item.kind)
    refuse('invalid_input', 'A one-to-one swap trades items of the same kind', [
      { path: 'counterItem.kind', message: `must be ${input.item.kind}` },
    ]);
  if (input.item.kind === 'inpatient_week' && input.item.from)
    refuse('invalid_input', 'A swap trades whole inpatient weeks (part of a week is for cover)', [
      { path: 'item.from', message: 'not for swap requests' },
    ]);

  const open = await db(ctx)
    .selectFrom('swaps')
    .select(['id', 'item', 'counter_item'])
    .where('status', 'in', ['pending', 'approved'])
    .execute();
  for (const o of open) {
    const taken = [
      JSON.parse(o.item) as ItemView,
      ...(o.counter_item ? [JSON.parse(o.counter_item) as ItemView] : []),
    ].map((v) => v.item);
    for (const [path, it] of [
      ['item', input.item],
      ['counterItem', input.counterItem],
    ] as const)
      if (it && taken.some((t) => sameItem(t, it)))
        refuse('conflict', `Swap #${o.id} already asks for this item; cancel it first`, [
          { path, message: `in swap #${o.id}` },
        ]);
  }

  const history = await historyOf(db(ctx), input.item.personId);
  const checked = await complianceOf(ctx.program).withYear(academicYearOf(itemDate(input.item)), (schedule) => {
    const view = new ScheduleView(schedule);
    const item = resolveItem(view, input.item);
    const todayDate = today(ctx, view.data.settings.timeZone);
    requireUpcoming(item, todayDate);
    const pool = poolFor(view, item);
    const candidate = pool.find((p) => p.id === input.counterpartId && p.id !== item.giverId);
    if (!candidate)
      refuse(
        'invalid_input',
        `${view.person(input.counterpartId)?.name ?? `"${input.counterpartId}"`} cannot take ${item.view.label}`,
        [
          {
            path: 'counterpartId',
            message:
              `not one of the people who take ${item.view.for} ` +
              `${item.view.item.kind === 'call' ? 'calls' : 'inpatient weeks'}`,
          },
        ],
      );
    const counter = input.counterItem ? resolveItem(view, input.counterItem, 'counterItem') : null;
    if (counter) {
      requireUpcoming(counter, todayDate, 'counterItem');
      if (
        counter.view.item.kind === 'call' &&
        item.view.item.kind === 'call' &&
        counter.view.item.callTypeCode !== item.view.item.callTypeCode
      )
        refuse('invalid_input', 'A call is traded for a call of the same type', [
          { path: 'counterItem.callTypeCode', message: `must be ${item.view.item.callTypeCode}` },
        ]);
      if (Math.abs(Date.parse(counter.view.start) - Date.parse(item.view.start)) > TRADE_WINDOW_DAYS * 86_400_000)
        refuse('invalid_input', `The traded items must lie within ${TRADE_WINDOW_DAYS} days of each other`, [
          { path: 'counterItem', message: 'too far apart' },
        ]);
    }
    const e = evaluate(schedule, view, {
      item,
      counter,
      candidate,
      pool,
      history: history.get(candidate.id) ?? { candidateTook: 0, requesterTook: 0 },
    });
    if (e.excluded)
      refuse(
        'rejected',
        `${candidate.name} cannot take ${item.view.label}: ${e.excluded.reasons.map((r) => r.message).join('; ')}`,
        e.excluded.reasons.map((r) => ({ path: r.ruleId, message: r.message })),
      );
    const needsPd =
      item.view.item.kind === 'inpatient_week' &&
      (view.data.settings.swaps ?? defaultSwapSettings()).programDirectorApprovesInpatientWeeks;
    return { item: item.view, counter: counter?.view ?? null, candidate: e.candidate!, plan: e.plan, needsPd };
  });

  return inTransaction(ctx, async (t) => {
    const trx = trxOf(t);
    const at = nowIso(ctx);
    const { id } = await trx
      .insertInto('swaps')
      .values({
        kind: input.kind,
        item_kind: input.item.kind,
        requester_id: input.item.personId,
        item: JSON.stringify(checked.item),
        counterpart_id: input.counterpartId,
        counter_item: checked.counter ? JSON.stringify(checked.counter) : null,
        status: 'pending',
        reason,
        needs_program_director: checked.needsPd ? 1 : 0,
        plan: JSON.stringify(checked.plan),
        score: JSON.stringify(checked.candidate.score),
        findings: JSON.stringify(checked.candidate.softFindings),
        requested_by: ctx.actor,
        requested_at: at,
        updated_at: at,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        draft_id: null,
        publication_id: null,
        executed_by: null,
        executed_at: null,
        rolled_back_by: null,
        rolled_back_at: null,
        rollback_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(t, {
      actor: ctx.actor,
      action: 'swap.request',
      entity: 'swap',
      entityId: String(id),
      before: undefined,
      after: {
        kind: input.kind,
        item: checked.item.label,
        counterItem: checked.counter?.label ?? null,
        requesterId: input.item.personId,
        counterpartId: input.counterpartId,
        personIds: planPeople(checked.plan),
        reason,
        score: checked.candidate.score.value,
        softFindings: checked.candidate.softFindings.length,
        needsProgramDirector: checked.needsPd,
      },
    });
    return summaryOf(ctx, trx, await swapRow(trx, id));
  });
}

async function swapRow(db: Db, id: number): Promise<SwapRow> {
  const row = await db.selectFrom('swaps').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) refuse('not_found', `No swap with id ${id}`, [{ path: 'swapId', message: 'not found' }]);
  return row;
}

function approvalsNeeded(row: SwapRow): ApprovalRole[] {
  return row.needs_program_director ? ['coordinator', 'program_director'] : ['coordinator'];
}

/** Published rows a plan reads, compared with the values it was made from: what changed since, in words. */
async function staleReasons(db: Db, plan: SwapPlan, names: Map<string, string>): Promise<string[]> {
  const trx = draftTrx(db as SwapTrx);
  const who = (id: string) => names.get(id) ?? id;
  const out: string[] = [];
  if (plan.cells.length) {
    const keys: Row[] = plan.cells.map((c) => ({ person_id: c.personId, date: c.date, half: c.half }));
    const rows = await selectInSpan(trx, 'assignments', spanOf('assignments', keys));
    for (const c of plan.cells) {
      const now = (rows.get(`${c.personId}|${c.date}|${c.half}`)?.activity_code as string | undefined) ?? null;
      const was = c.before?.activityCode ?? null;
      if (now !== was)
        out.push(`${who(c.personId)} ${dayLabel(c.date)} ${c.half}: ${was ?? 'empty'} then, ${now ?? 'empty'} now`);
    }
  }
  if (plan.calls.length) {
    const rows = await selectInSpan(
      trx,
      'calls',
      spanOf(
        'calls',
        plan.calls.map((c) => ({ date: c.date })),
      ),
    );
    for (const c of plan.calls) {
      const now = rows.has(`${c.date}|${c.callTypeCode}|${c.personId}`);
      if (now !== (c.before !== null))
        out.push(
          `${c.callTypeCode} call ${dayLabel(c.date)}: ${who(c.personId)} ${now ? 'has it now' : 'no longer has it'}`,
        );
    }
  }
  if (plan.weeks.length) {
    const rows = await selectInSpan(
      trx,
      'inpatient_weeks',
      spanOf(
        'inpatient_weeks',
        plan.weeks.map((w) => ({ start: w.start })),
      ),
    );
    for (const w of plan.weeks) {
      const now = (rows.get(`${w.personId}|${w.start}`)?.end as string | undefined) ?? null;
      if (now !== (w.before?.end ?? null))
        out.push(
          `Inpatient week from ${dayLabel(w.start)}: ${who(w.personId)} ` +
            `${now ? `has it now (to ${dayLabel(now)})` : 'no longer has it'}`,
        );
    }
  }
  return out;
}

async function peopleNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('people').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
}

async function summaryOf(ctx: DraftContext, db: Db, row: SwapRow): Promise<SwapSummary> {
  const names = await peopleNames(db);
  const approvals: SwapApproval[] = (
    await db.selectFrom('swap_approvals').selectAll().where('swap_id', '=', row.id).orderBy('approved_at').execute()
  ).map((a) => ({ role: a.role as ApprovalRole, approvedBy: a.approved_by, approvedAt: a.approved_at, note: a.note }));
  const plan = JSON.parse(row.plan) as SwapPlan;
  let status = row.status as SwapStatus;
  let rolledBack = { by: row.rolled_back_by, at: row.rolled_back_at, reason: row.rollback_reason };
  let deadline: string | null = null;
  if (row.publication_id !== null) {
    const p = await db
      .selectFrom('publications')
      .selectAll()
      .where('id', '=', row.publication_id)
      .executeTakeFirstOrThrow();
    const hours = (await programSettings(db as unknown as DraftTrx)).rollbackHours;
    deadline = new Date(Date.parse(p.published_at) + hours * 3_600_000).toISOString();
    // Rolled back from the publications list rather than here: the swap is rolled back all the same.
    if (status === 'executed' && p.rolled_back_at) {
      status = 'rolled_back';
      rolledBack = { by: p.rolled_back_by, at: p.rolled_back_at, reason: p.rollback_reason };
    }
  }
  const live = status === 'pending' || status === 'approved';
  return {
    id: row.id,
    kind: row.kind as SwapKind,
    status,
    requesterId: row.requester_id,
    requesterName: names.get(row.requester_id) ?? row.requester_id,
    item: JSON.parse(row.item) as ItemView,
    counterpartId: row.counterpart_id,
    counterpartName: names.get(row.counterpart_id) ?? row.counterpart_id,
    counterItem: row.counter_item ? (JSON.parse(row.counter_item) as ItemView) : null,
    reason: row.reason,
    score: JSON.parse(row.score) as Score,
    softFindings: JSON.parse(row.findings) as FindingBrief[],
    plan,
    approvalsNeeded: approvalsNeeded(row),
    approvals,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    draftId: row.draft_id,
    publicationId: row.publication_id,
    executedBy: row.executed_by,
    executedAt: row.executed_at,
    rolledBackBy: rolledBack.by,
    rolledBackAt: rolledBack.at,
    rollbackReason: rolledBack.reason,
    rollbackDeadline: deadline,
    canRollback: status === 'executed' && deadline !== null && nowIso(ctx) <= deadline,
    staleBecause: live ? await staleReasons(db, plan, names) : [],
  };
}

/** The two people of a swap (requester, counterpart), or null when there is no such swap. */
export async function swapParties(program: DraftContext['program'], swapId: number): Promise<[string, string] | null> {
  const row = await swapDb(program.db)
    .selectFrom('swaps')
    .select(['requester_id', 'counterpart_id'])
    .where('id', '=', swapId)
    .executeTakeFirst();
  return row ? [row.requester_id, row.counterpart_id] : null;
}

export async function getSwap(ctx: DraftContext, swapId: number): Promise<SwapSummary> {
  return summaryOf(ctx, db(ctx), await swapRow(db(ctx), swapId));
}

/** Swaps, newest first; `status` 'open' = pending or approved. */
export async function listSwaps(
  ctx: DraftContext,
  filter: { status?: SwapStatus | 'open'; personId?: string; limit?: number } = {},
): Promise<SwapSummary[]> {
  let q = db(ctx)
    .selectFrom('swaps')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200);
  // A swap rolled back from the publications list is stored as executed and reported as rolled back.
  const done = filter.status === 'executed' || filter.status === 'rolled_back';
  if (filter.status === 'open') q = q.where('status', 'in', ['pending', 'approved']);
  else if (done) q = q.where('status', 'in', ['executed', 'rolled_back']);
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.personId)
    q = q.where((eb) =>
      eb.or([eb('requester_id', '=', filter.personId!), eb('counterpart_id', '=', filter.personId!)]),
    );
  const out: SwapSummary[] = [];
  for (const row of await q.execute()) out.push(await summaryOf(ctx, db(ctx), row));
  return done ? out.filter((s) => s.status === filter.status) : out;
}

/**
 * Swaps waiting for someone (to approve or to run), all or one person's: the Dashboard and the badge on the Swaps
 * entry.
 */
export async function pendingCount(
  ctx: DraftContext,
  filter: { personId?: string } = {},
): Promise<{ pending: number; approved: number }> {
  let q = db(ctx).selectFrom('swaps').select(['status']).where('status', 'in', ['pending', 'approved']);
  if (filter.personId)
    q = q.where((eb) =>
      eb.or([eb('requester_id', '=', filter.personId!), eb('counterpart_id', '=', filter.personId!)]),
    );
  const rows = await q.execute();
  return {
    pending: rows.filter((r) => r.status === 'pending').length,
    approved: rows.filter((r) => r.status === 'approved').length,
  };
}

/** Run a step on a swap in one transaction, holding the write lock from the first read. */
function step<T>(ctx: DraftContext, swapId: number, work: (trx: SwapTrx, row: SwapRow) => Promise<T>): Promise<T> {
  return inTransaction(ctx, async (t) => {
    const trx = trxOf(t);
    await trx
      .updateTable('swaps')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', swapId)
      .execute();
    return work(trx, await swapRow(trx, swapId));
  });
}

async function refuseIfStale(trx: SwapTrx, row: SwapRow, doing: string): Promise<void> {
  const stale = await staleReasons(trx, JSON.parse(row.plan) as SwapPlan, await peopleNames(trx));
  if (stale.length)
    refuse(
      'conflict',
      `Swap #${row.id} cannot be ${doing}: the published schedule changed since it was requested ` +
        `(${stale.slice(0, 5).join('; ')}${stale.length > 5 ? '; …' : ''}); cancel it and ask again`,
      stale.map((message) => ({ path: 'plan', message })),
    );
}

/** Approve in a role; the swap is approved once every role it needs has approved. */
export async function approveSwap(
  ctx: DraftContext,
  input: { swapId: number; role: ApprovalRole; note: string | null },
): Promise<SwapSummary> {
  return step(ctx, input.swapId, async (trx, row) => {
    if (row.status !== 'pending')
      refuse('conflict', `Swap #${row.id} is ${row.status}; only pending swaps are approved`);
    const needed = approvalsNeeded(row);
    // The program director may approve in the coordinator's place when only the coordinator is
    // needed; when the program asks for both, they are two approvals.
    const standsIn = input.role === 'program_director' && needed.length === 1 && needed[0] === 'coordinator';
    if (!needed.includes(input.role) && !standsIn)
      refuse('invalid_input', `Swap #${row.id} needs approval by ${needed.join(' and ')}, not ${input.role}`, [
        { path: 'role', message: `one of ${needed.join(', ')}` },
      ]);
    const given = await trx.selectFrom('swap_approvals').select('role').where('swap_id', '=', row.id).execute();
    if (given.some((g) => g.role === input.role))
      refuse('conflict', `Swap #${row.id} is already approved by the ${input.role.replace('_', ' ')}`);
    await refuseIfStale(trx, row, 'approved');
    const at = nowIso(ctx);
    const note = input.note?.trim() || null;
    await trx
      .insertInto('swap_approvals')
      .values({ swap_id: row.id, role: input.role, approved_by: ctx.actor, approved_at: at, note })
      .execute();
    const complete = standsIn || needed.every((r) => r === input.role || given.some((g) => g.role === r));
    const status: SwapStatus = complete ? 'approved' : 'pending';
    await trx.updateTable('swaps').set({ status, updated_at: at }).where('id', '=', row.id).execute();
    await writeAudit(draftTrx(trx), {
      actor: ctx.actor,
      action: 'swap.approve',
      entity: 'swap',
      entityId: String(row.id),
      before: { status: row.status },
      after: { status, role: input.role, note, personIds: [row.requester_id, row.counterpart_id] },
    });
    return summaryOf(ctx, trx, await swapRow(trx, row.id));
  });
}

async function decide(
  ctx: DraftContext,
  input: { swapId: number; reason: string },
  status: 'rejected' | 'cancelled',
): Promise<SwapSummary> {
  const reason = input.reason.trim();
  if (reason.length < 3)
    refuse('invalid_input', `A swap is ${status} with a reason`, [
      { path: 'reason', message: 'give a reason (at least 3 characters)' },
    ]);
  return step(ctx, input.swapId, async (trx, row) => {
    if (row.status !== 'pending' && row.status !== 'approved')
      refuse('conflict', `Swap #${row.id} is ${row.status}; only pending or approved swaps can be ${status}`);
    const at = nowIso(ctx);
    await trx
      .updateTable('swaps')
      .set({ status, decided_by: ctx.actor, decided_at: at, decision_reason: reason, updated_at: at })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(draftTrx(trx), {
      actor: ctx.actor,
      action: status === 'rejected' ? 'swap.reject' : 'swap.cancel',
      entity: 'swap',
      entityId: String(row.id),
      before: { status: row.status },
      after: { status, reason, personIds: [row.requester_id, row.counterpart_id] },
    });
    return summaryOf(ctx, trx, await swapRow(trx, row.id));
  });
}

export const rejectSwap = (ctx: DraftContext, input: { swapId: number; reason: string }) =>
  decide(ctx, input, 'rejected');
export const cancelSwap = (ctx: DraftContext, input: { swapId: number; reason: string }) =>
  decide(ctx, input, 'cancelled');

export interface ExecuteInput {
  swapId: number;
  acceptChurnWarnings?: boolean;
  /** For a swap on or before the program's lock date. */
  breakGlass?: BreakGlass | null;
}

/**
 * Run an approved swap: refuse if the published schedule moved under it, else write it as a
 * draft and publish that draft (its gates re-validate the change now) in ONE transaction.
 */
export async function executeSwap(ctx: DraftContext, input: ExecuteInput): Promise<SwapSummary> {
  try {
    return await step(ctx, input.swapId, async (trx, row) => {
      if (row.status !== 'approved') {
        const needs = row.status === 'pending' ? ` (it needs approval by ${approvalsNeeded(row).join(' and ')})` : '';
        refuse('conflict', `Swap #${row.id} is ${row.status}; only approved swaps are executed${needs}`);
      }
      const item = JSON.parse(row.item) as ItemView;
      const counterItem = row.counter_item ? (JSON.parse(row.counter_item) as ItemView) : null;
      const todayDate = today(ctx, (await programSettings(draftTrx(trx))).timeZone);
      for (const it of [item, counterItem])
        if (it && it.start < todayDate)
          refuse(
            'rejected',
            `Swap #${row.id} can no longer be executed: ${it.label} has already begun (today is ${todayDate})`,
          );
      await refuseIfStale(trx, row, 'executed');
      const names = await peopleNames(trx);
      const counterpart = names.get(row.counterpart_id) ?? row.counterpart_id;
      const name = `Swap #${row.id}: ${item.label} to ${counterpart}`.slice(0, 120);
      const draft = await createDraftWithPatch(
        ctx,
        draftTrx(trx),
        { name, source: 'swap', note: row.reason },
        planPatch(JSON.parse(row.plan) as SwapPlan),
      );
      const publication = await publishWithin(ctx, draftTrx(trx), {
        draftId: draft.id,
        acceptChurnWarnings: input.acceptChurnWarnings ?? false,
        breakGlass: input.breakGlass ?? null,
      });
      const at = nowIso(ctx);
      await trx
        .updateTable('swaps')
        .set({
          status: 'executed',
          draft_id: draft.id,
          publication_id: publication.id,
          executed_by: ctx.actor,
          executed_at: at,
          updated_at: at,
        })
        .where('id', '=', row.id)
        .execute();
      await writeAudit(draftTrx(trx), {
        actor: ctx.actor,
        action: 'swap.execute',
        entity: 'swap',
        entityId: String(row.id),
        before: { status: row.status },
        after: {
          status: 'executed',
          draftId: draft.id,
          publicationId: publication.id,
          rows: publication.changes.rows,
          personIds: [row.requester_id, row.counterpart_id],
        },
      });
      return summaryOf(ctx, trx, await swapRow(trx, row.id));
    });
  } catch (err) {
    // A refusal changes nothing, but the attempt is part of the swap's trail.
    if (err instanceof DraftError && err.code !== 'not_found')
      await inTransaction(ctx, (t) =>
        writeAudit(t, {
          actor: ctx.actor,
          action: 'swap.execute_refused',
          entity: 'swap',
          entityId: String(input.swapId),
          before: undefined,
          after: { code: err.code, reasons: err.issues ?? [{ path: '(swap)', message: err.message }] },
        }),
      );
    throw err;
  }
}

/** Undo an executed swap within the rollback window: its publication is rolled back to the byte. */
export async function rollbackSwap(ctx: DraftContext, input: { swapId: number; reason: string }): Promise<SwapSummary> {
  const reason = input.reason.trim();
  if (reason.length < 3)
    refuse('invalid_input', 'A rollback needs a reason', [
      { path: 'reason', message: 'give a reason (at least 3 characters)' },
    ]);
  return step(ctx, input.swapId, async (trx, row) => {
    if (row.status !== 'executed' || row.publication_id === null)
      refuse('conflict', `Swap #${row.id} is ${row.status}; only executed swaps are rolled back`);
    await rollbackWithin(ctx, draftTrx(trx), { publicationId: row.publication_id, reason });
    const at = nowIso(ctx);
    // The swap's draft existed only to be published: it does not stay open for editing.
    await trx
      .updateTable('drafts')
      .set({ status: 'discarded', updated_at: at })
      .where('id', '=', row.draft_id!)
      .execute();
    await writeAudit(draftTrx(trx), {
      actor: ctx.actor,
      action: 'draft.discard',
      entity: 'draft',
      entityId: String(row.draft_id),
      before: { status: 'open' },
      after: { status: 'discarded', reason: `swap #${row.id} rolled back` },
    });
    await trx
      .updateTable('swaps')
      .set({
        status: 'rolled_back',
        rolled_back_by: ctx.actor,
        rolled_back_at: at,
        rollback_reason: reason,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(draftTrx(trx), {
      actor: ctx.actor,
      action: 'swap.rollback',
      entity: 'swap',
      entityId: String(row.id),
      before: { status: row.status },
      after: {
        status: 'rolled_back',
        reason,
        publicationId: row.publication_id,
        personIds: [row.requester_id, row.counterpart_id],
      },
    });
    return summaryOf(ctx, trx, await swapRow(trx, row.id));
  });
}
