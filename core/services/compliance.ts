// Compliance of a schedule, for the API, the CLI and the dashboard: the findings of the published
// schedule (or an open draft) of an academic year, filtered, with their acknowledgements; weekly
// duty hours per resident; and a summary. Validators are cached per program and kept current by
// incremental edits (core/services/compliance/program-cache.ts), so re-checking after a change
// costs only what the change can affect. Acknowledgements use the drafts' table and service.
import { dateIn } from '../domain/calendar';
import type { ProgramData } from '../domain/program';
import type { Finding, IsoDate } from '../domain/types';
import { validate } from '../rules/engine';
import { ruleName } from '../rules/descriptions';
import { ComplianceInputError, type ComplianceInput, type ComplianceOptions } from '../rules/input';
import type { JobService } from '../jobs/service';
import { packSteps } from '../solver/models/packed-request';
import type { CheckTaskResult } from '../../workers/tasks';
import type { DraftCheck } from './drafts/context';
import { acknowledgeFinding } from './drafts';
import { flagCategory } from './drafts/findings';
import { draftDb } from './drafts/tables';
import { nextTurn, stepsInTurns } from './drafts/turns';
import type { Acknowledgement, AckReasonCode } from './drafts/types';
import { ServiceError } from './errors';
import type { Program } from './program';
import type { CheckedSchedule } from './compliance/checked-schedule';
import { complianceOf, programToday } from './compliance/program-cache';
import { countBySeverity, severityRank, summarize } from './compliance/summary';
import type {
  ComplianceFinding,
  ComplianceSummary,
  ComplianceTarget,
  FindingFilter,
  FindingsResult,
  HoursResult,
} from './compliance/types';

export type * from './compliance/types';
export { yearHours } from './compliance/hours';
export { complianceOf, programToday } from './compliance/program-cache';

export interface ComplianceContext {
  program: Program;
  /** Who acts (for acknowledgements, which are audited). */
  actor: string;
  /** The clock (tests fix it); default: now. */
  now?: () => Date;
}

/** A schedule the engine cannot read (bad data in the program) is refused with the engine's words. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ComplianceInputError)
      throw new ServiceError('rejected', `The schedule cannot be checked: ${err.message}`);
    throw err;
  }
}

function scheduleOf(ctx: ComplianceContext, target: ComplianceTarget): Promise<CheckedSchedule> {
  const cache = complianceOf(ctx.program, ctx.now);
  return checked(() =>
    target.draftId === null ? cache.year(target.academicYear) : cache.draft(target.draftId, target.academicYear),
  );
}

/**
 * Acknowledgements that count (latest wins): program-wide ones; those given for a draft that is
 * now published (its findings are the published schedule's); and a draft's own when it is checked.
 */
async function acknowledgements(program: Program, draftId: number | null): Promise<Map<string, Acknowledgement>> {
  const db = draftDb(program.db);
  const published = db.selectFrom('drafts').select('id').where('status', '=', 'published');
  const rows = await db
    .selectFrom('finding_acknowledgements')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('draft_id', 'is', null),
        eb('draft_id', 'in', published),
        ...(draftId === null ? [] : [eb('draft_id', '=', draftId)]),
      ]),
    )
    .orderBy('id')
    .execute();
  const out = new Map<string, Acknowledgement>();
  for (const r of rows)
    out.set(r.finding_id, {
      id: r.id,
      findingId: r.finding_id,
      draftId: r.draft_id,
      reasonCode: r.reason_code as AckReasonCode,
      reason: r.reason,
      actor: r.actor,
      at: r.at,
    });
  return out;
}

function decorate(
  findings: readonly Finding[],
  names: Map<string, string>,
  acks: Map<string, Acknowledgement>,
): ComplianceFinding[] {
  return findings.map((f) => ({
    ...f,
    personName: f.personId === null ? null : (names.get(f.personId) ?? f.personId),
    ruleName: ruleName({ id: f.ruleId, type: f.ruleType }),
    category: flagCategory(f),
    acknowledgement: acks.get(f.id) ?? null,
  }));
}

export function matchesFilter(f: ComplianceFinding, filter: FindingFilter): boolean {
  if (filter.ruleIds?.length && !filter.ruleIds.includes(f.ruleId)) return false;
  if (filter.severities?.length && !filter.severities.includes(f.severity)) return false;
  if (filter.personIds?.length && (f.personId === null || !filter.personIds.includes(f.personId))) return false;
  if (filter.from && f.end < filter.from) return false;
  if (filter.to && f.start > filter.to) return false;
  if (filter.acknowledged !== undefined && (f.acknowledgement !== null) !== filter.acknowledged) return false;
  return true;
}

/** Most serious first, then by date, rule and person. */
function bySeverity(a: ComplianceFinding, b: ComplianceFinding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
    a.id.localeCompare(b.id)
  );
}

async function allFindings(
  ctx: ComplianceContext,
  target: ComplianceTarget,
): Promise<{ schedule: CheckedSchedule; findings: ComplianceFinding[] }> {
  const schedule = await scheduleOf(ctx, target);
  const names = new Map(schedule.base.people.map((p) => [p.id, p.name]));
  const acks = await acknowledgements(ctx.program, target.draftId);
  return { schedule, findings: decorate(schedule.findings(), names, acks).sort(bySeverity) };
}

export async function complianceFindings(
  ctx: ComplianceContext,
  target: ComplianceTarget,
  filter: FindingFilter = {},
): Promise<FindingsResult> {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new ServiceError('rejected', `The date filter ends (${filter.to}) before it starts (${filter.from})`);
  const { schedule, findings } = await allFindings(ctx, target);
  return {
    academicYear: target.academicYear,
    draftId: target.draftId,
    range: schedule.range,
    totals: countBySeverity(findings),
    total: findings.length,
    findings: findings.filter((f) => matchesFilter(f, filter)),
    rules: schedule.base.settings.rules
      .filter((r) => r.enabled)
      .map((r) => ({
        id: r.id,
        type: r.type,
        name: ruleName(r),
        severity: r.severity,
      })),
    validationMs: Math.round(schedule.lastMs * 10) / 10,
  };
}

/**
 * Acknowledge a current finding with a reason code and text, for the whole program (it then
 * counts for every draft too). Audited by the drafts' acknowledgement service.
 */
export async function acknowledgeComplianceFinding(
  ctx: ComplianceContext,
  input: { academicYear: number; draftId: number | null; findingId: string; reasonCode: AckReasonCode; reason: string },
): Promise<ComplianceFinding> {
  const { findings } = await allFindings(ctx, { academicYear: input.academicYear, draftId: input.draftId });
  const finding = findings.find((f) => f.id === input.findingId);
  if (!finding)
    throw new ServiceError(
      'not_found',
      `No current finding "${input.findingId}" in academic year ` +
        `${input.academicYear}${input.draftId === null ? '' : ` of draft ${input.draftId}`}`,
    );
  const acknowledgement = await acknowledgeFinding(
    { program: ctx.program, actor: ctx.actor, now: ctx.now },
    {
      findingId: finding.id,
      draftId: null,
      reasonCode: input.reasonCode,
      reason: input.reason,
      finding: withoutExtras(finding),
    },
  );
  return { ...finding, acknowledgement };
}

/** The engine's finding, without what this service adds (name, category, acknowledgement). */
function withoutExtras(f: ComplianceFinding): Finding {
  const { personName: _n, ruleName: _r, category: _c, acknowledgement: _a, ...finding } = f;
  return finding;
}

export async function complianceHours(
  ctx: ComplianceContext,
  target: ComplianceTarget,
  personIds?: string[],
): Promise<HoursResult> {
  if (target.draftId === null) {
    const hours = await checked(() => complianceOf(ctx.program, ctx.now).hours(target.academicYear, personIds));
    return { ...hours, draftId: null };
  }
  const schedule = await scheduleOf(ctx, target);
  const hours = await stepsInTurns(schedule.hoursSteps());
  const wanted = personIds?.length ? new Set(personIds) : null;
  return {
    ...hours,
    draftId: target.draftId,
    residents: wanted ? hours.residents.filter((r) => wanted.has(r.personId)) : hours.residents,
  };
}

export async function complianceSummary(
  ctx: ComplianceContext,
  target: ComplianceTarget,
  asOf?: IsoDate,
): Promise<ComplianceSummary> {
  const { schedule, findings } = await allFindings(ctx, target);
  const today = asOf ?? dateIn(schedule.base.settings.timeZone, ctx.now?.() ?? new Date());
  return summarize({
    academicYear: target.academicYear,
    draftId: target.draftId,
    asOf: today,
    findings,
    hours: await stepsInTurns(schedule.hoursSteps()),
  });
}

/** The engine's check with certifications as of today in the program's time zone (drafts, exports). */
export function validateAsOfToday(input: ComplianceInput): Finding[] {
  return validate(input, asOfToday(input));
}

const asOfToday = (input: ComplianceInput): ComplianceOptions => ({
  asOf: programToday(input.settings.timeZone, new Date()),
});

/**
 * A draft's rule check as a 'check' job in the worker pool, so the main thread goes on answering
 * (a whole year is tens of seconds of CPU): the engine with certifications as of today
 * (validateAsOfToday) or as of the checked range's start (the engine's default, generation's flags).
 */
export function checkInPool(jobs: JobService, asOf: 'today' | 'range start'): DraftCheck {
  return async (before, after) => {
    const options = asOf === 'today' ? asOfToday(before) : {};
    // The findings leave through this closure, not as the job's result: finished jobs are kept a while.
    let findings: CheckTaskResult | null = null;
    // Each schedule packed a part a turn (a year's half-days: 100 000s of objects to clone otherwise).
    const packedBefore = await stepsInTurns(packSteps(before));
    const packedAfter = await stepsInTurns(packSteps(after));
    await nextTurn();
    const id = jobs.startWork('check', async (job) => {
      const input = { before: packedBefore, after: packedAfter, options };
      findings = await job.run('check', input, (p) => job.progress(p));
      return { before: findings.before.length, after: findings.after.length };
    });
    const end = await jobs.wait(id);
    if (end.state !== 'succeeded' || !findings)
      throw new Error(`The check against the rules did not finish (${end.state}${end.error ? `: ${end.error}` : ''})`);
    return findings;
  };
}

/**
 * One-off check of a program held in memory (a program file that is not a database): findings
 * in a date range with names and categories, none acknowledged; certifications as of `asOf`
 * (default today in the program's time zone).
 */
export function validateProgramData(
  data: ProgramData,
  range: { start: IsoDate; end: IsoDate },
  asOf?: IsoDate,
): ComplianceFinding[] {
  const names = new Map(data.people.map((p) => [p.id, p.name]));
  let findings: Finding[];
  try {
    findings = validate({ ...data, range }, { asOf: asOf ?? programToday(data.settings.timeZone, new Date()) });
  } catch (err) {
    if (err instanceof ComplianceInputError)
      throw new ServiceError('rejected', `The schedule cannot be checked: ${err.message}`);
    throw err;
  }
  return decorate(findings, names, new Map()).sort(bySeverity);
}
