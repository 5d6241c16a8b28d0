// ACGME rules on work periods (half-days, in-house calls, callbacks and moonlighting joined
// across short breaks): continuous work at most 24 h, plus up to 4 h for transitions of care and
// education (no new patient care), 14 h free after 24 h of in-house call, and 8 h off between
// work periods (a warning).
import { z } from 'zod';
import type { Finding, Slot } from '../domain/types';
import { DAY_MS, HOUR_MS } from './clock';
import { pieceLabel, type DutyInterval, type PersonTimeline, type WorkPeriod } from './duty';
import { isScheduledWork } from './duty-items';
import { formatHours, formatInstant, formatNumber } from './explain';
import { freeAgainAfter } from '../domain/rest-after-call';
import { makeFinding, overlaps, slotOf, type DaySpan, type PersonRule, type RuleContext } from './rule';

/** Reach of an edit: the day of the item, the next (calls end there), and any joining break. */
const periodReach = (_: unknown, o: { workPeriodBreakMs: number }) => 2 + Math.ceil(o.workPeriodBreakMs / DAY_MS);

function periodSlots(ctx: RuleContext, timeline: PersonTimeline, period: WorkPeriod): Slot[] {
  const slots: Slot[] = [];
  for (let i = period.first; i <= period.last; i++) {
    const iv = timeline.intervals[i];
    if (iv.kind === 'activity') slots.push(slotOf(ctx.state, iv.slot));
  }
  return slots;
}

function describeItems(timeline: PersonTimeline, period: WorkPeriod): string {
  const labels = new Set<string>();
  for (let i = period.first; i <= period.last; i++) {
    const iv = timeline.intervals[i];
    if (iv.kind !== 'homeCall') labels.add(pieceLabel(iv));
  }
  return [...labels].join(', ');
}

/** Activities in the period after the limit that are new patient care (codes, in order). */
function patientCareAfter(timeline: PersonTimeline, period: WorkPeriod, limit: number): string[] {
  const labels = new Set<string>();
  for (let i = period.first; i <= period.last; i++) {
    const iv = timeline.intervals[i];
    if (iv.kind !== 'homeCall' && iv.patientCare && iv.end > limit) labels.add(pieceLabel(iv));
  }
  return [...labels];
}

/**
 * Calls in the period that run longer than scheduled: only on the fall-back night, when their call
 * type keeps the clock end (clockChange 'clock_end'). The program chose it; the explanation says so.
 */
function callsKeepingClockEnd(timeline: PersonTimeline, period: WorkPeriod): string {
  const labels = new Set<string>();
  for (let i = period.first; i <= period.last; i++) {
    const iv = timeline.intervals[i];
    if (iv.kind === 'call' && iv.end - iv.start > iv.nominalMs) labels.add(pieceLabel(iv));
  }
  if (labels.size === 0) return '';
  return (
    ` The call type of ${[...labels].join(', ')} keeps its clock end on the night the clocks fall back (a ` +
    `program setting), so that call lasts an hour longer than scheduled.`
  );
}

const continuousParams = z.strictObject({
  maxHours: z.number().positive(),
  transitionHours: z.number().min(0).default(4),
});

/**
 * A period breaks the rule when it runs past the limit plus the transition hours, or when new
 * patient care runs past the limit (only transitions of care and education may fill the
 * transition hours). Exactly at either limit is allowed.
 */
export function breaksContinuousWork(
  period: Pick<WorkPeriod, 'start' | 'end' | 'patientCareEnd'>,
  p: { maxHours: number; transitionHours: number },
): boolean {
  return (
    period.end - period.start > (p.maxHours + p.transitionHours) * HOUR_MS ||
    period.patientCareEnd - period.start > p.maxHours * HOUR_MS
  );
}

export const continuousWorkRule: PersonRule<z.output<typeof continuousParams>> = {
  type: 'acgme_continuous',
  unit: 'person',
  params: continuousParams,
  reachDays: periodReach,
  check(ctx, rule, ps, span) {
    const { clock } = ctx.state;
    const p = rule.params;
    const timeline = ctx.timeline(ps);
    const maxMs = p.maxHours * HOUR_MS;
    const withTransitionMs = (p.maxHours + p.transitionHours) * HOUR_MS;
    const out: Finding[] = [];
    for (const period of timeline.periods()) {
      const days: DaySpan = { from: clock.dayOfInstant(period.start), to: clock.dayOfInstant(period.end - 1) };
      const length = period.end - period.start;
      const careLength = period.patientCareEnd - period.start;
      const tooLong = length > withTransitionMs;
      if (!overlaps(days, span) || !breaksContinuousWork(period, p)) continue;
      const when = `${formatInstant(period.start, clock.zone)} – ${formatInstant(period.end, clock.zone)}`;
      const dst = clock.offsetChangesBetween(period.start, period.end)
        ? ' (real hours: the clocks change for daylight saving during it)'
        : '';
      const clockEnd = callsKeepingClockEnd(timeline, period);
      const transition =
        `ACGME allows at most ${formatNumber(p.maxHours)} hours of continuous scheduled work, plus ` +
        `up to ${formatNumber(p.transitionHours)} hours for transitions of care and education, with no new patient ` +
        `care in them.`;
      const measured = tooLong ? length : careLength;
      const limit = tooLong ? p.maxHours + p.transitionHours : p.maxHours;
      const careItems = patientCareAfter(timeline, period, period.start + maxMs);
      out.push(
        makeFinding(ctx.state, rule, {
          personId: ps.person.id,
          ...days,
          slots: periodSlots(ctx, timeline, period),
          measured: measured / HOUR_MS,
          limit,
          unit: 'h',
          key: String(period.start),
          message: tooLong
            ? `${formatHours(length, limit)} h of continuous work, ${when}; limit ${formatNumber(p.maxHours)} + ` +
              `${formatNumber(p.transitionHours)} for transitions`
            : `New patient care ${formatHours(careLength, p.maxHours)} h into continuous work, ${when}; limit ` +
              `${formatNumber(p.maxHours)}`,
          explanation: tooLong
            ? `Work from ${when} (${describeItems(timeline, period)}) runs ${formatHours(length, limit)} hours ` +
              `without a break of the configured length${dst}.${clockEnd} ${transition}`
            : `Work from ${when} (${describeItems(timeline, period)}) has new patient care ` +
              `(${careItems.join(', ')}) until ${formatHours(careLength, p.maxHours)} hours after it ` +
              `started${dst}.${clockEnd} ${transition}`,
        }),
      );
    }
    return out;
  },
};

/**
 * The piece of duty that ends a period and the one that starts the next: a rest finding names
 * only these (its window runs from the end of one period to the start of the next, and what it
 * says must not depend on days outside that window).
 */
function lastPiece(timeline: PersonTimeline, period: WorkPeriod): DutyInterval {
  let last = timeline.intervals[period.first];
  for (let i = period.first; i <= period.last; i++) {
    const iv = timeline.intervals[i];
    if (isScheduledWork(iv.kind) && iv.end >= last.end) last = iv;
  }
  return last;
}
function firstPiece(timeline: PersonTimeline, period: WorkPeriod): DutyInterval {
  return timeline.intervals[period.first];
}
function pieceSlots(ctx: RuleContext, iv: DutyInterval): Slot[] {
  return iv.kind === 'activity' ? [slotOf(ctx.state, iv.slot)] : [];
}

/**
 * Consecutive work periods and the rest between them, for the two rest rules: every work period
 * after in-house call, only scheduled work (no callbacks) between work periods.
 */
function* restGaps(periods: readonly WorkPeriod[]): Generator<[WorkPeriod, WorkPeriod]> {
  for (let i = 0; i + 1 < periods.length; i++) yield [periods[i], periods[i + 1]];
}

const afterCallParams = z.strictObject({ minRestHours: z.number().positive(), afterHours: z.number().positive() });

export const restAfterCallRule: PersonRule<z.output<typeof afterCallParams>> = {
  type: 'acgme_rest_after_call',
  unit: 'person',
  params: afterCallParams,
  reachDays: periodReach,
  check(ctx, rule, ps, span) {
    const { clock } = ctx.state;
    const p = rule.params;
    const timeline = ctx.timeline(ps);
    const out: Finding[] = [];
    for (const [before, next] of restGaps(timeline.periods())) {
      const freeAt = freeAgainAfter(before, p);
      if (freeAt === null) continue;
      const days: DaySpan = { from: clock.dayOfInstant(before.start), to: clock.dayOfInstant(next.start) };
      const rest = next.start - before.end;
      if (!overlaps(days, span) || next.start >= freeAt) continue;
      const ended = formatInstant(before.end, clock.zone);
      out.push(
        makeFinding(ctx.state, rule, {
          personId: ps.person.id,
          ...days,
          slots: pieceSlots(ctx, firstPiece(timeline, next)),
          measured: rest / HOUR_MS,
          limit: p.minRestHours,
          unit: 'h off',
          key: String(before.end),
          message:
            `${formatHours(rest, p.minRestHours)} h off after in-house call ending ${ended}; at least ` +
            `${formatNumber(p.minRestHours)} required`,
          explanation:
            `Work including ${formatNumber(p.afterHours)} hours of in-house call ` +
            `(${describeItems(timeline, before)}) ends ${ended}, and the next scheduled work ` +
            `(${pieceLabel(firstPiece(timeline, next))}) starts ${formatInstant(next.start, clock.zone)}, ` +
            `${formatHours(rest, p.minRestHours)} hours later. ACGME requires at least ` +
            `${formatNumber(p.minRestHours)} hours free after ${formatNumber(p.afterHours)} hours of in-house call.`,
        }),
      );
    }
    return out;
  },
};

const betweenParams = z.strictObject({ minRestHours: z.number().positive() });

export const restBetweenRule: PersonRule<z.output<typeof betweenParams>> = {
  type: 'acgme_rest_between',
  unit: 'person',
  params: betweenParams,
  reachDays: periodReach,
  check(ctx, rule, ps, span) {
    const { clock } = ctx.state;
    const p = rule.params;
    const timeline = ctx.timeline(ps);
    const out: Finding[] = [];
    for (const [before, next] of restGaps(timeline.scheduledPeriods())) {
      const rest = next.start - before.end;
      const days: DaySpan = { from: clock.dayOfInstant(before.end - 1), to: clock.dayOfInstant(next.start) };
      if (!overlaps(days, span) || rest >= p.minRestHours * HOUR_MS) continue;
      const ended = formatInstant(before.end, clock.zone);
      const starts = formatInstant(next.start, clock.zone);
      out.push(
        makeFinding(ctx.state, rule, {
          personId: ps.person.id,
          ...days,
          slots: pieceSlots(ctx, firstPiece(timeline, next)),
          measured: rest / HOUR_MS,
          limit: p.minRestHours,
          unit: 'h off',
          key: String(before.end),
          message:
            `${formatHours(rest, p.minRestHours)} h off between work ending ${ended} and work starting ` +
            `${starts}; should be at least ${formatNumber(p.minRestHours)}`,
          explanation:
            `Scheduled work (${pieceLabel(lastPiece(timeline, before))}) ends ${ended} and the next ` +
            `(${pieceLabel(firstPiece(timeline, next))}) starts ${starts}. ACGME expects ` +
            `${formatNumber(p.minRestHours)} hours off between scheduled work periods; this is a warning, not a ` +
            `violation.`,
        }),
      );
    }
    return out;
  },
};
