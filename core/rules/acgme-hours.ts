// ACGME: at most 80 hours a week, averaged over every 28-day window, moonlighting included.
// Real elapsed hours of the union of duty (a double-booked hour counts once).
import { z } from 'zod';
import type { Finding } from '../domain/types';
import { HOUR_MS } from './clock';
import { formatDateRange, formatNumber, plural } from './explain';
import { makeFinding, type PersonRule } from './rule';
import { failingRuns, leaveDays, leaveParams, prefixSums, windowStarts } from './windows';

const params = z.strictObject({
  limitHours: z.number().positive(),
  windowDays: z.number().int().min(7).max(84),
  includeMoonlighting: z.boolean().default(true),
  ...leaveParams,
});
type Params = z.output<typeof params>;

export const weeklyHoursRule: PersonRule<Params> = {
  type: 'acgme_80h',
  unit: 'person',
  params,
  reachDays: (p) => p.windowDays + 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const p = rule.params;
    const W = p.windowDays;
    const timeline = ctx.timeline(ps);
    const duty = timeline.dutyPerDay(p.includeMoonlighting);
    const leave = p.excludeLeave ? leaveDays(state, ps, p.leaveTypes, timeline.dutyPerDay(true)) : new Uint8Array(duty.length);
    const counted = duty.map((ms, d) => (leave[d] ? 0 : ms));
    const cumDuty = prefixSums(counted);
    const cumWork = prefixSums(leave.map((l) => 1 - l));
    const windowMs = (s: number) => cumDuty[s + W] - cumDuty[s];
    const averagingDays = (s: number) => Math.max(cumWork[s + W] - cumWork[s], p.minAveragingDays);
    // Compared in ms × 7 so the boundary is exact: 320 h in 28 days is at the limit, not over.
    const fails = (s: number) => windowMs(s) * 7 > p.limitHours * HOUR_MS * averagingDays(s);
    const average = (s: number) => (windowMs(s) / HOUR_MS) * (7 / averagingDays(s));

    const out: Finding[] = [];
    for (const run of failingRuns(span, W, windowStarts(state, W), fails)) {
      let worst = run.from;
      for (let s = run.from + 1; s <= run.to; s++) if (average(s) > average(worst)) worst = s;
      const hours = average(worst);
      const worstRange = formatDateRange(state.clock.dateAt(worst), state.clock.dateAt(worst + W - 1));
      const leaveCount = W - (cumWork[worst + W] - cumWork[worst]);
      const windows = run.to - run.from + 1;
      const explanation = [
        `Duty hours${p.includeMoonlighting ? ', moonlighting included,' : ''} averaged over the ${W} days ${worstRange} come to ${formatNumber(hours, p.limitHours)} hours a week; at most ${formatNumber(p.limitHours)} are allowed.`,
        leaveCount > 0 ? `${plural(leaveCount, 'leave day')} in that window ${leaveCount === 1 ? 'is' : 'are'} left out of the average.` : '',
        windows > 1
          ? `${windows} overlapping ${W}-day windows between ${formatDateRange(state.clock.dateAt(run.from), state.clock.dateAt(run.to + W - 1))} are over the limit.`
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
          message: `${formatNumber(hours, p.limitHours)} h/week averaged over ${worstRange}; limit ${formatNumber(p.limitHours)}`,
          explanation: explanation.filter(Boolean).join(' '),
        }),
      );
    }
    return out;
  },
};
