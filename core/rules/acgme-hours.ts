// ACGME: at most 80 hours a week, averaged over every 28-day window (and, when the program asks,
// over each rotation shorter than that window), moonlighting included. Real elapsed hours of the union of work (a
// double-booked
// hour counts once); home call itself is not work, the callbacks during it are. Leave days are left
// out of the average.
import { z } from 'zod';
import type { Finding } from '../domain/types';
import { HOUR_MS } from './clock';
import type { PersonTimeline } from './duty';
import { formatDateRange, formatNumber, plural } from './explain';
import { type DaySpan, makeFinding, type PersonRule } from './rule';
import type { PersonSchedule, ScheduleState } from './state';
import {
  failingRuns,
  leaveDaysOf,
  leaveParams,
  prefixSums,
  rollingWindows,
  windowStarts,
  type DayPeriod,
  type LeaveParams,
} from './windows';

const params = z.strictObject({
  limitHours: z.number().positive(),
  windowDays: z.number().int().min(7).max(84),
  includeMoonlighting: z.boolean().default(true),
  /** ACGME FAQ: a rotation shorter than the window is also averaged over its own days. Off by default. */
  averageShortRotations: z.boolean().default(false),
  ...leaveParams,
});
export type WeeklyHoursParams = z.output<typeof params>;

/**
 * Hours allowed in a window of `W` days of which `countedDays` are not leave: the weekly limit
 * times the weeks averaged over (never fewer than the rule's minimum averaging days).
 */
export function allowedWindowHours(
  p: Pick<WeeklyHoursParams, 'limitHours'> & Pick<LeaveParams, 'minAveragingDays'>,
  countedDays: number,
): number {
  return (p.limitHours * Math.max(countedDays, p.minAveragingDays)) / 7;
}

/** A person's counted duty per day and leave days, as prefix sums: windows in O(1). */
export interface HoursSeries {
  /** Duty ms of days from..to−1 (leave days count 0). */
  dutyMs(from: number, to: number): number;
  /** Days from..to−1 that are not leave. */
  countedDays(from: number, to: number): number;
  /** Average hours a week over days from..to−1 (leave left out, at least the minimum averaging days). */
  average(from: number, to: number): number;
}

export function hoursSeries(
  state: ScheduleState,
  ps: PersonSchedule,
  timeline: PersonTimeline,
  p: WeeklyHoursParams,
): HoursSeries {
  const duty = timeline.dutyPerDay({ moonlighting: p.includeMoonlighting, homeCall: false });
  const leave = leaveDaysOf(state, ps, p, timeline);
  const cumDuty = prefixSums(duty.map((ms, d) => (leave[d] ? 0 : ms)));
  const cumWork = prefixSums(leave.map((l) => 1 - l));
  const countedDays = (from: number, to: number) => cumWork[to] - cumWork[from];
  const dutyMs = (from: number, to: number) => cumDuty[to] - cumDuty[from];
  return {
    dutyMs,
    countedDays,
    average: (from, to) => (dutyMs(from, to) / HOUR_MS) * (7 / Math.max(countedDays(from, to), p.minAveragingDays)),
  };
}

/**
 * ACGME (FAQ on averaging): a rotation shorter than the averaging window is averaged over its own
 * days, so a heavy half-block rotation cannot comply by sharing windows with a light one (the rule's
 * `averageShortRotations` setting; off by default, DOMAIN's rolling windows only). These
 * are the runs of consecutive days on the same rotation (`rotationPerDay`: a key per day, null for
 * none) shorter than `windowDays`. A run touching either end of the array may go on beyond it: it
 * is left out (callers pass days reaching a window past what they check). The validator and the
 * generators both take their periods from here.
 */
export function shortRotationPeriods(rotationPerDay: readonly (string | null)[], windowDays: number): DayPeriod[] {
  const out: DayPeriod[] = [];
  let from = 0;
  for (let d = 1; d <= rotationPerDay.length; d++) {
    if (d < rotationPerDay.length && rotationPerDay[d] === rotationPerDay[from]) continue;
    if (rotationPerDay[from] !== null && from > 0 && d < rotationPerDay.length && d - from < windowDays)
      out.push({ from, to: d });
    from = d;
  }
  return out;
}

/** A period the 80 hours are averaged over: a rolling window, or a rotation shorter than it. */
export interface AveragingPeriod extends DayPeriod {
  rotation: boolean;
}

/**
 * The periods the 80-hour rule averages over that hold a day of `lo..hi`, in a horizon of `days`
 * days: every `windowDays` window inside it, and (with `averageShortRotations`) each rotation
 * shorter than the window (`shortRotationPeriods` of `rotationPerDay()`, a key per horizon day,
 * asked for only then). The half-day model, the shift roster and the contingency model all
 * constrain these periods.
 */
export function averagingPeriods(
  p: Pick<WeeklyHoursParams, 'windowDays' | 'averageShortRotations'>,
  days: number,
  lo: number,
  hi: number,
  rotationPerDay: () => readonly (string | null)[],
): AveragingPeriod[] {
  const out: AveragingPeriod[] = rollingWindows(p.windowDays, days, lo, hi).map((w) => ({ ...w, rotation: false }));
  for (const period of p.averageShortRotations ? shortRotationPeriods(rotationPerDay(), p.windowDays) : [])
    if (period.from <= hi && period.to > lo) out.push({ ...period, rotation: true });
  return out;
}

/** The rotation stretches of a person around `span` (a key per horizon day) averaged on their own. */
function rotationPeriods(state: ScheduleState, ps: PersonSchedule, span: DaySpan, W: number): DayPeriod[] {
  if (ps.rotationAssignments.length === 0) return [];
  const first = Math.max(0, span.from - W);
  const last = Math.min(state.clock.length - 1, span.to + W);
  const keys: (string | null)[] = [];
  for (let d = first; d <= last; d++)
    keys.push(
      state
        .rotationsOn(ps, d)
        .map((r) => r.id)
        .join('+') || null,
    );
  return shortRotationPeriods(keys, W)
    .map((p) => ({ from: p.from + first, to: p.to + first }))
    .filter((p) => p.from <= span.to && p.to > span.from);
}

export const weeklyHoursRule: PersonRule<WeeklyHoursParams> = {
  type: 'acgme_80h',
  unit: 'person',
  params,
  reachDays: (p) => p.windowDays + 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const p = rule.params;
    const W = p.windowDays;
    const series = hoursSeries(state, ps, ctx.timeline(ps), p);
    // Compared in ms so the boundary is exact: 320 h in 28 days is at the limit, not over.
    const over = (from: number, to: number) =>
      series.dutyMs(from, to) * 7 > p.limitHours * HOUR_MS * Math.max(series.countedDays(from, to), p.minAveragingDays);
    const fails = (s: number) => over(s, s + W);
    const average = (s: number) => series.average(s, s + W);

    const out: Finding[] = [];
    for (const run of failingRuns(span, W, windowStarts(state, W), fails)) {
      let worst = run.from;
      for (let s = run.from + 1; s <= run.to; s++) if (average(s) > average(worst)) worst = s;
      const hours = average(worst);
      const worstRange = formatDateRange(state.clock.dateAt(worst), state.clock.dateAt(worst + W - 1));
      const leaveCount = W - series.countedDays(worst, worst + W);
      const windows = run.to - run.from + 1;
      const explanation = [
        `Duty hours${p.includeMoonlighting ? ', moonlighting included,' : ''} averaged over the ${W} days ` +
          `${worstRange} come to ${formatNumber(hours, p.limitHours)} hours a week; at most ` +
          `${formatNumber(p.limitHours)} are allowed.`,
        leaveCount > 0
          ? `${plural(leaveCount, 'leave day')} in that window ${leaveCount === 1 ? 'is' : 'are'} left out of the ` +
            `average.`
          : '',
        windows > 1
          ? `${windows} overlapping ${W}-day windows between ` +
            `${formatDateRange(state.clock.dateAt(run.from), state.clock.dateAt(run.to + W - 1))} are over the limit.`
          : '',
      ];
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from: run.from,
          to: run.to + W - 1,
          measured: hours,
          limit: p.limitHours,
          unit: 'h/week',
          message:
            `${formatNumber(hours, p.limitHours)} h/week averaged over ${worstRange}; limit ` +
            `${formatNumber(p.limitHours)}`,
          explanation: explanation.filter(Boolean).join(' '),
        }),
      );
    }
    for (const period of p.averageShortRotations ? rotationPeriods(state, ps, span, W) : []) {
      if (!over(period.from, period.to)) continue;
      const hours = series.average(period.from, period.to);
      const days = period.to - period.from;
      const range = formatDateRange(state.clock.dateAt(period.from), state.clock.dateAt(period.to - 1));
      const rotation = state
        .rotationsOn(ps, period.from)
        .map((r) => r.name)
        .join(' and ');
      const leaveCount = days - series.countedDays(period.from, period.to);
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from: period.from,
          to: period.to - 1,
          measured: hours,
          limit: p.limitHours,
          unit: 'h/week',
          message:
            `${formatNumber(hours, p.limitHours)} h/week averaged over the ${days}-day rotation ${rotation} ` +
            `(${range}); limit ${formatNumber(p.limitHours)}`,
          explanation: [
            `Duty hours${p.includeMoonlighting ? ', moonlighting included,' : ''} on ${rotation}, ${range}, come to ` +
              `${formatNumber(hours, p.limitHours)} hours a week; at most ${formatNumber(p.limitHours)} are allowed.`,
            `A rotation shorter than ${W} days is averaged over its own days (ACGME), not together with the ` +
              `rotations beside it.`,
            leaveCount > 0
              ? `${plural(leaveCount, 'leave day')} on it ${leaveCount === 1 ? 'is' : 'are'} left out of the average.`
              : '',
          ]
            .filter(Boolean)
            .join(' '),
        }),
      );
    }
    return out;
  },
};
