// ACGME: in-house call no more often than every third night, averaged over 28 days, i.e. at most
// floor(28 / 3) = 9 in-house call nights in any 28-day window (fewer when leave days are left out).
import { z } from 'zod';
import type { Finding } from '../domain/types';
import { formatDateRange, formatNumber, plural } from './explain';
import { makeFinding, type PersonRule } from './rule';
import { failingRuns, leaveDaysOf, leaveParams, prefixSums, windowStarts } from './windows';

const params = z.strictObject({
  everyNthNight: z.number().int().min(1),
  windowDays: z.number().int().min(7).max(84),
  ...leaveParams,
});
type Params = z.output<typeof params>;

/**
 * In-house call nights a window may hold when `countedDays` of its days are not leave (never
 * averaged over fewer than the rule's minimum days). The one definition: the rule check and the
 * contingency model ask it.
 */
export function allowedInHouseCalls(
  p: Pick<Params, 'everyNthNight' | 'minAveragingDays'>,
  countedDays: number,
): number {
  return Math.floor(Math.max(countedDays, p.minAveragingDays) / p.everyNthNight);
}

export const callFrequencyRule: PersonRule<Params> = {
  type: 'acgme_call_frequency',
  unit: 'person',
  params,
  reachDays: (p) => p.windowDays + 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const p = rule.params;
    const W = p.windowDays;
    const nights = new Uint8Array(state.clock.length);
    for (const c of ps.calls) {
      const day = state.clock.indexOf(c.date);
      if (day >= 0 && state.callTypes.get(c.callTypeCode)!.inHouse) nights[day] = 1;
    }
    const timeline = ctx.timeline(ps);
    const leave = leaveDaysOf(state, ps, p, timeline);
    const cumNights = prefixSums(nights);
    const cumWork = prefixSums(leave.map((l) => 1 - l));
    const calls = (s: number) => cumNights[s + W] - cumNights[s];
    const allowed = (s: number) => allowedInHouseCalls(p, cumWork[s + W] - cumWork[s]);
    const fails = (s: number) => calls(s) > allowed(s);

    const out: Finding[] = [];
    for (const run of failingRuns(span, W, windowStarts(state, W), fails)) {
      let worst = run.from;
      for (let s = run.from + 1; s <= run.to; s++) if (calls(s) - allowed(s) > calls(worst) - allowed(worst)) worst = s;
      const worstRange = formatDateRange(state.clock.dateAt(worst), state.clock.dateAt(worst + W - 1));
      const n = calls(worst);
      const max = allowed(worst);
      const windows = run.to - run.from + 1;
      const leaveCount = W - (cumWork[worst + W] - cumWork[worst]);
      const explanation = [
        `${plural(n, 'night')} of in-house call in the ${W} days ${worstRange}; in-house call may be no more often ` +
          `than every ${ordinal(p.everyNthNight)} night averaged over ${W} days, so at most ${max}.`,
        leaveCount > 0
          ? `${plural(leaveCount, 'leave day')} ${leaveCount === 1 ? 'is' : 'are'} left out of the window.`
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
          measured: n,
          limit: max,
          unit: 'call nights',
          message:
            `${plural(n, 'in-house call night')} in ${worstRange}; at most ${formatNumber(max)} (every ` +
            `${ordinal(p.everyNthNight)} night)`,
          explanation: explanation.filter(Boolean).join(' '),
        }),
      );
    }
    return out;
  },
};

function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
