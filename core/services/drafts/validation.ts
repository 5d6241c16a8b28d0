// Checking a draft against the rules: the compliance findings of the schedule as it would be
// after publishing, compared with the published schedule's, over the changed dates plus a margin
// wide enough for every 28-day window that contains a change. Acknowledging a finding (reason
// code + text) is audited and lets a publish go ahead despite it.
import { addDays } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { Finding, IsoDate } from '../../domain/types';
import { readProgramDataInParts } from '../../db/program-data';
import { latestAuditId } from '../schedule-version';
import type { Database } from '../../db/schema';
import type { Kysely } from 'kysely';
import { complianceInput, type ComplianceInput } from '../../rules/input';
import { programSettings } from './analysis';
import { draftDiffInParts } from './diff-in-parts';
import {
  db,
  inTransaction,
  publishedScheduleStamp,
  nowIso,
  openDraftRow,
  settingsHash,
  writeAudit,
  type DraftContext,
  type DraftRow,
  validatorOf,
} from './context';
import type { DraftDiff } from './diff';
import { staleReason, storedValidation, type StoredValidation } from './drafts';
import { DraftError } from './errors';
import { compareFindings, countByCategory, flagCategory, isBlocking } from './findings';
import { incompleteFindings, incompleteParts } from './incomplete';
import { applyDiffToProgramInParts } from './overlay-program';
import { nextTurn } from './turns';
import type { DraftDb, DraftTrx } from './tables';
import type { Acknowledgement, AckReasonCode, DraftFlag, DraftValidation } from './types';

type Db = DraftDb | DraftTrx;

/** Days either side of the changes that are checked: the longest rule window (28 days). */
export const VALIDATION_MARGIN_DAYS = 28;

/** First and last day a diff changes (an inpatient week to its later end, a plan block whole). */
export function changedSpan(diff: DraftDiff): { start: IsoDate; end: IsoDate } | null {
  // The first and last date in one pass (sorting a year's 100 000s of dates held the main thread ~50 ms).
  let span: { start: IsoDate; end: IsoDate } | null = null;
  const see = (date: IsoDate) => {
    if (!span) span = { start: date, end: date };
    else if (date < span.start) span.start = date;
    else if (date > span.end) span.end = date;
  };
  for (const c of diff.cells) see(c.date);
  for (const c of diff.calls) see(c.date);
  for (const w of diff.inpatientWeeks)
    for (const date of [w.start, ...w.before.map((x) => x.end), ...w.after.map((x) => x.end)]) see(date);
  for (const r of diff.rotations ?? []) {
    see(r.start);
    see(r.end);
  }
  return span;
}

function ackFromRow(r: {
  id: number;
  finding_id: string;
  draft_id: number | null;
  reason_code: string;
  reason: string;
  actor: string;
  at: string;
}): Acknowledgement {
  return {
    id: r.id,
    findingId: r.finding_id,
    draftId: r.draft_id,
    reasonCode: r.reason_code as AckReasonCode,
    reason: r.reason,
    actor: r.actor,
    at: r.at,
  };
}

/** Acknowledgements that count for a draft: its own and the program-wide ones. */
export async function acknowledgementsFor(
  db: Db,
  draftId: number,
  findingIds: string[],
): Promise<Map<string, Acknowledgement>> {
  const out = new Map<string, Acknowledgement>();
  if (findingIds.length === 0) return out;
  const rows = await db
    .selectFrom('finding_acknowledgements')
    .selectAll()
    .where((eb) => eb.or([eb('draft_id', '=', draftId), eb('draft_id', 'is', null)]))
    .orderBy('id')
    .execute();
  const wanted = new Set(findingIds);
  for (const r of rows) if (wanted.has(r.finding_id)) out.set(r.finding_id, ackFromRow(r));
  return out;
}

function toFlags(findings: Finding[], acks: Map<string, Acknowledgement>): DraftFlag[] {
  return findings.map((f) => ({
    ...f,
    category: flagCategory(f),
    blocking: isBlocking(f),
    acknowledgement: acks.get(f.id) ?? null,
  }));
}

export function unresolvedCount(flags: DraftFlag[]): number {
  return flags.filter((f) => f.blocking && !f.acknowledgement).length;
}

/** Run the rules on the published schedule and on the draft's version of it. */
export async function computeValidation(
  ctx: DraftContext,
  db: Db,
  row: DraftRow,
  diff: DraftDiff,
): Promise<StoredValidation> {
  const inputs = await checkInputs(db, diff, await programStamp(db));
  return finishValidation(ctx, db, row, stampOf(inputs), await checkRules(ctx, inputs));
}

/** What a check needs from the program: the checked range and, when a rule is on, both schedules over it. */
interface CheckInputs extends CheckStamp {
  schedules: { before: ComplianceInput; after: ComplianceInput } | null;
}

/** What a check covered and was made against (the latest publication, the rules): all its flags keep of its inputs. */
interface CheckStamp extends CheckBasis {
  range: DraftValidation['range'];
}

/**
 * A check's inputs without the schedules: a year's are two copies of the program's half-days, which a
 * caller holding the verdict (publish, through its writes) must not keep alive for the garbage collector to go through.
 */
function stampOf(inputs: CheckInputs): CheckStamp {
  const { schedules: _schedules, ...stamp } = inputs;
  return stamp;
}

/** What a check is computed against besides the draft, read before the program is. */
async function programStamp(db: Db): Promise<CheckBasis> {
  return {
    publishedSchedule: await publishedScheduleStamp(db),
    settingsHash: await settingsHash(db),
    auditId: await latestAuditId(db as unknown as Kysely<Database>),
  };
}

async function checkInputs(db: Db, diff: DraftDiff, stamp: CheckBasis): Promise<CheckInputs> {
  return withSchedules(await checkData(db, diff), diff, stamp);
}

/** The range a check covers and, when a rule is on, the program it reads (one read). */
async function checkData(db: Db, diff: DraftDiff): Promise<{ range: CheckInputs['range']; data: ProgramData | null }> {
  const span = changedSpan(diff);
  if (!span) return { range: null, data: null };
  const range = { start: addDays(span.start, -VALIDATION_MARGIN_DAYS), end: addDays(span.end, VALIDATION_MARGIN_DAYS) };
  // With every rule switched off there is nothing to check (and no reason to load the program).
  if (!(await programSettings(db)).rules.some((r) => r.enabled)) return { range, data: null };
  return { range, data: await readProgramDataInParts(db as unknown as Kysely<Database>, nextTurn) };
}

/**
 * Both schedules over the range: the published one and the draft's (built in parts: a second of work on a year's
 * draft).
 */
async function withSchedules(
  read: { range: CheckInputs['range']; data: ProgramData | null },
  diff: DraftDiff,
  stamp: CheckBasis,
): Promise<CheckInputs> {
  const { range, data } = read;
  if (!range || !data) return { range, schedules: null, ...stamp };
  const drafted = await applyDiffToProgramInParts(data, diff, nextTurn);
  return {
    range,
    schedules: { before: complianceInput(data, range), after: complianceInput(drafted, range) },
    ...stamp,
  };
}

interface RuleDelta {
  added: Finding[];
  removed: Finding[];
  persisting: number;
}

/** The rules on both schedules (off the main thread when the context says where), compared. */
async function checkRules(ctx: DraftContext, inputs: CheckInputs): Promise<RuleDelta> {
  if (!inputs.schedules) return { added: [], removed: [], persisting: 0 };
  const { before: b, after: a } = inputs.schedules;
  const check = validatorOf(ctx);
  const findings = ctx.check ? await ctx.check(b, a) : { before: check(b), after: check(a) };
  const delta = compareFindings(findings.before, findings.after);
  return { added: delta.added, removed: delta.removed, persisting: delta.persisting.length };
}

/**
 * The rules' verdict on a draft's diff, made outside any transaction; its flags are made in one (checkedValidation).
 */
export interface CheckedRules {
  stamp: CheckStamp;
  rules: RuleDelta;
}

/**
 * The rules on the published schedule and on the draft's version of it, worked out holding no
 * transaction: the program in one read, the draft's version built in parts, the check itself in the
 * pool. The caller makes sure nothing it read changed before it keeps the result (publishDraft).
 */
export async function checkRulesOutside(ctx: DraftContext, diff: DraftDiff): Promise<CheckedRules> {
  const stamp = await programStamp(db(ctx));
  const program = await inTransaction(ctx, (trx) => checkData(trx, diff));
  const inputs = await withSchedules(program, diff, stamp);
  return { stamp: stampOf(inputs), rules: await checkRules(ctx, inputs) };
}

/** The draft's flags from a verdict made outside the transaction, with the acknowledgements as they are now. */
export function checkedValidation(ctx: DraftContext, db: Db, row: DraftRow, checked: CheckedRules) {
  return finishValidation(ctx, db, row, checked.stamp, checked.rules);
}

/** The draft's flags: the rules' new findings and what a stopped generation left out, with their acknowledgements. */
async function finishValidation(
  ctx: DraftContext,
  db: Db,
  row: DraftRow,
  stamp: CheckStamp,
  rules: RuleDelta,
): Promise<StoredValidation> {
  // What a stopped generation left out blocks publishing like a broken rule.
  const added = [...incompleteFindings(row.id, incompleteParts(row)), ...rules.added];
  const acks = await acknowledgementsFor(
    db,
    row.id,
    added.map((f) => f.id),
  );
  const flags = toFlags(added, acks);
  return {
    draftId: row.id,
    validatedAt: nowIso(ctx),
    revision: row.revision,
    range: stamp.range,
    added: flags,
    removed: rules.removed,
    persisting: rules.persisting,
    unresolved: unresolvedCount(flags),
    byCategory: countByCategory(flags),
    publishedSchedule: stamp.publishedSchedule,
    settingsHash: stamp.settingsHash,
    auditId: stamp.auditId,
  };
}

export function publicValidation(v: StoredValidation): DraftValidation {
  const { publishedSchedule: _p, settingsHash: _s, auditId: _a, ...rest } = v;
  return rest;
}

async function storeValidation(trx: DraftTrx, v: StoredValidation): Promise<void> {
  await trx
    .updateTable('drafts')
    .set({ validation: JSON.stringify(v), validated_at: v.validatedAt, validated_revision: v.revision })
    .where('id', '=', v.draftId)
    .execute();
}

/** Times a check is started again when the draft or the program changed while it ran. */
const CHECK_ATTEMPTS = 3;

/**
 * Check a draft against the rules now and keep the result on the draft (its flags). The draft's
 * revision, the latest publication and the rules are noted first; the diff is then read a month at
 * a time (draftDiffInParts, the main thread free between months), the program in one more read,
 * and the result written in a last transaction; the check itself runs between them, holding
 * neither the database nor (with `ctx.check`) the main thread. If the draft, the published
 * schedule or the rules changed meanwhile, the check starts again.
 */
export async function validateDraft(ctx: DraftContext, draftId: number): Promise<DraftValidation> {
  for (let attempt = 1; ; attempt++) {
    const start = await inTransaction(ctx, async (trx) => ({
      row: await openDraftRow(trx, draftId),
      stamp: await programStamp(trx),
    }));
    const diff = await draftDiffInParts(ctx, draftId);
    // The program in one read; the draft's version of it built outside the transaction, in parts.
    const program = await inTransaction(ctx, (trx) => checkData(trx, diff));
    const inputs = await withSchedules(program, diff, start.stamp);
    const read = { row: start.row, stamp: stampOf(inputs) };
    const rules = await checkRules(ctx, inputs);
    const stored = await inTransaction(ctx, async (trx) => {
      // Acknowledgements are read with the result, so one given during the check is on its flag.
      const v = await finishValidation(ctx, trx, read.row, read.stamp, rules);
      if (await staleReason(ctx, trx, await openDraftRow(trx, draftId), v)) return null;
      await storeValidation(trx, v);
      await auditValidation(ctx, trx, v);
      return publicValidation(v);
    });
    if (stored) return stored;
    if (attempt >= CHECK_ATTEMPTS)
      throw new DraftError(
        'conflict',
        `Draft ${draftId} changed while it was being checked against the rules (${attempt} times): check it again`,
      );
  }
}

async function auditValidation(ctx: DraftContext, trx: DraftTrx, v: StoredValidation): Promise<void> {
  await writeAudit(trx, {
    actor: ctx.actor,
    action: 'draft.validate',
    entity: 'draft',
    entityId: String(v.draftId),
    before: undefined,
    after: {
      revision: v.revision,
      range: v.range,
      added: v.added.length,
      removed: v.removed.length,
      unresolved: v.unresolved,
      personIds: [...new Set(v.added.map((f) => f.personId).filter((p): p is string => p !== null))],
    },
  });
}

/**
 * What a check was made against: the latest publication, the rules, and the newest audit entry (a later write that
 * changes what the rules read makes it stale: staleReason).
 */
export interface CheckBasis {
  publishedSchedule: string;
  settingsHash: string;
  auditId: number;
}

export function checkBasis(ctx: DraftContext): Promise<CheckBasis> {
  return programStamp(db(ctx));
}

/**
 * Keep a check made elsewhere as a new draft's flags: the rules' findings on the published
 * schedule (`before`) and on the draft's content in place of it (`after`) over `range`, which
 * covers every change plus the rules' longest window either side. Generation checks its result
 * this way inside its job, so the draft needs no second check. Null (nothing stored) when the
 * published schedule or the rules changed since `basis`: the draft is then checked again.
 */
export async function storeCheckedValidation(
  ctx: DraftContext,
  draftId: number,
  checked: { range: { start: IsoDate; end: IsoDate }; before: Finding[]; after: Finding[] },
  basis: CheckBasis,
): Promise<DraftValidation | null> {
  return inTransaction(ctx, async (trx) => {
    const row = await openDraftRow(trx, draftId);
    const delta = compareFindings(checked.before, checked.after);
    const rules: RuleDelta = { added: delta.added, removed: delta.removed, persisting: delta.persisting.length };
    const v = await finishValidation(ctx, trx, row, { range: checked.range, ...basis }, rules);
    if (await staleReason(ctx, trx, row, v)) return null;
    await storeValidation(trx, v);
    await auditValidation(ctx, trx, v);
    return publicValidation(v);
  });
}

/** The stored validation when it still describes the draft, else null. */
export async function freshValidation(ctx: DraftContext, db: Db, row: DraftRow): Promise<StoredValidation | null> {
  const v = storedValidation(row);
  if (!v || (await staleReason(ctx, db, row, v))) return null;
  return v;
}

/**
 * Acknowledge a finding with a reason. With a draft id it must be one of that draft's flags and
 * counts for that draft; without, it counts for every draft (the finding is accepted program-wide).
 */
export async function acknowledgeFinding(
  ctx: DraftContext,
  input: {
    findingId: string;
    draftId: number | null;
    reasonCode: AckReasonCode;
    reason: string;
    /** The finding as the caller checked it (program-wide acknowledgements): stored and named in the audit log. */
    finding?: Finding;
  },
): Promise<Acknowledgement> {
  const reason = input.reason.trim();
  if (!reason)
    throw new DraftError('invalid_input', 'An acknowledgement needs a reason', [
      { path: 'reason', message: 'required' },
    ]);
  return inTransaction(ctx, async (trx) => {
    let finding: Finding | null = input.finding ?? null;
    if (input.draftId !== null) {
      const row = await openDraftRow(trx, input.draftId);
      finding = storedValidation(row)?.added.find((f) => f.id === input.findingId) ?? null;
      if (!finding)
        throw new DraftError(
          'not_found',
          `Finding "${input.findingId}" is not among the flags of draft ${input.draftId} (validate the draft first)`,
        );
    }
    // Finding ids are predictable: only a finding reported now may be acknowledged, never one in
    // advance (it would then pass the publish gate unseen). Program-wide: a compliance finding
    // (checked by the caller) or a flag of an open draft.
    if (!finding) {
      const open = await trx
        .selectFrom('drafts')
        .selectAll()
        .where('status', '=', 'open')
        .where('validation', 'is not', null)
        .execute();
      finding =
        open
          .map((row) => storedValidation(row)?.added.find((f) => f.id === input.findingId))
          .find((f) => f !== undefined) ?? null;
      if (!finding)
        throw new DraftError(
          'not_found',
          `Finding "${input.findingId}" is not reported now (by the compliance check or an open draft's flags): ` +
            `only a reported finding can be acknowledged`,
        );
    }
    const at = nowIso(ctx);
    const { id } = await trx
      .insertInto('finding_acknowledgements')
      .values({
        finding_id: input.findingId,
        draft_id: input.draftId,
        reason_code: input.reasonCode,
        reason,
        actor: ctx.actor,
        at,
        finding: finding
          ? JSON.stringify({
              ruleId: finding.ruleId,
              personId: finding.personId,
              start: finding.start,
              end: finding.end,
              message: finding.message,
            })
          : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ack: Acknowledgement = {
      id,
      findingId: input.findingId,
      draftId: input.draftId,
      reasonCode: input.reasonCode,
      reason,
      actor: ctx.actor,
      at,
    };
    // Keep the stored flags of affected open drafts in step (their unresolved counts drop).
    let q = trx.selectFrom('drafts').selectAll().where('status', '=', 'open').where('validation', 'is not', null);
    if (input.draftId !== null) q = q.where('id', '=', input.draftId);
    for (const row of await q.execute()) {
      const v = storedValidation(row)!;
      if (!v.added.some((f) => f.id === input.findingId)) continue;
      v.added = v.added.map((f) => (f.id === input.findingId ? { ...f, acknowledgement: ack } : f));
      v.unresolved = unresolvedCount(v.added);
      await trx
        .updateTable('drafts')
        .set({ validation: JSON.stringify(v) })
        .where('id', '=', row.id)
        .execute();
    }
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'finding.acknowledge',
      entity: 'finding',
      entityId: input.findingId,
      before: undefined,
      after: {
        acknowledgementId: id,
        draftId: input.draftId,
        reasonCode: input.reasonCode,
        reason,
        personId: finding?.personId ?? null,
        ruleId: finding?.ruleId ?? null,
        severity: finding?.severity ?? null,
      },
    });
    return ack;
  });
}
