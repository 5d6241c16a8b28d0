// ACGME: one day in seven free of all clinical and educational work, averaged over 28 days. A
// free day is a continuous 24 hours off (not a calendar day): each stretch of free time inside
// a window counts floor(length / 24 h) days; a stretch across the window's edge counts its share
// (creditIn).
import { z } from 'zod';
import type { Finding } from '../domain/types';
import { HOUR_MS } from './clock';
import { formatDateRange, plural } from './explain';
import { makeFinding, type PersonRule } from './rule';
import {
  awayNotOnLeaveCoverage,
  awayNotOnLeavePartTimes,
  awayParams,
  failingRuns,
  leaveDaysOf,
  leaveParams,
  prefixSums,
  windowStarts,
} from './windows';

const params = z.strictObject({
  minDaysOff: z.number().int().min(0),
  windowDays: z.number().int().min(7).max(84),
  freeHours: z.number().positive().default(24),
  includeMoonlighting: z.boolean().default(true),
  ...leaveParams,
  ...awayParams,
});
type Params = z.output<typeof params>;

/**
 * Free days a window of the rule's days must hold when `countedDays` of them are not leave: the
 * rule's days off scaled to the counted days, rounded down (a window with leave owes fewer). The one
 * definition: the rule check, the half-day model, the shift roster and the contingency model ask it.
 */
export function requiredFreeDays(p: Pick<Params, 'minDaysOff' | 'windowDays'>, countedDays: number): number {
  return Math.floor((p.minDaysOff * countedDays) / p.windowDays);
}

/** Free time as [start, end) pairs: the gaps between duty, with the days that are never free cut out. */
function freeStretches(union: Float64Array, notFree: Uint8Array, dayStart: Float64Array): number[] {
  const days = notFree.length;
  const out: number[] = [];
  const pushFree = (s: number, e: number) => {
    if (e > s) out.push(s, e);
  };
  // Free time between duty, then split around the days that are not free.
  let cursor = dayStart[0];
  const gaps: number[] = [];
  for (let i = 0; i < union.length; i += 2) {
    if (union[i] > cursor) gaps.push(cursor, Math.min(union[i], dayStart[days]));
    cursor = Math.max(cursor, union[i + 1]);
  }
  if (cursor < dayStart[days]) gaps.push(cursor, dayStart[days]);
  let day = 0;
  for (let g = 0; g < gaps.length; g += 2) {
    let s = gaps[g];
    const e = gaps[g + 1];
    while (day < days && dayStart[day + 1] <= s) day++;
    for (let d = day; d < days && dayStart[d] < e; d++) {
      if (!notFree[d]) continue;
      pushFree(s, Math.min(e, dayStart[d]));
      s = Math.max(s, dayStart[d + 1]);
    }
    pushFree(s, e);
  }
  return out;
}

/** A union of busy time ([start, end) pairs in order) with more busy pairs in order, joined again. */
function withBusy(union: Float64Array, more: readonly number[]): Float64Array {
  if (more.length === 0) return union;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < union.length || j < more.length) {
    const fromUnion = j >= more.length || (i < union.length && union[i] <= more[j]);
    const [s, e] = fromUnion ? [union[i], union[i + 1]] : [more[j], more[j + 1]];
    if (fromUnion) i += 2;
    else j += 2;
    if (out.length > 0 && s <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], e);
    else out.push(s, e);
  }
  return Float64Array.from(out);
}

/**
 * The free days in a stretch of `lengthMs` free time: each `freeMs` (24 h) of it continuous is one. The
 * shift roster asks it too (whether a day off between a night and the next shift is a free day).
 */
export function freeDaysIn(lengthMs: number, freeMs: number): number {
  return Math.floor(lengthMs / freeMs);
}

/** Tolerance for the edge shares' floating-point sums (a share is a ratio of milliseconds). */
const EPSILON = 1e-9;

/**
 * The free days a stretch of free time [start, end) gives the window [ws, we). A stretch of L hours
 * holds floor(L / 24) free days. Inside the window they count whole (each 24 h wholly inside is
 * one); a stretch across the window's edge gives the window its share of the stretch's days, in
 * proportion to the part inside, when that is more than the whole 24 h periods inside. So a night
 * float's weekly 36 h off (Sat 08:00 – Sun 20:00) split by a window's first and last midnight
 * (20 h + 16 h) still makes one day in that window, as it does in every other: averaged over four
 * weeks, days off are not lost at a window's edges. Over windows that do not overlap the shares add
 * up to the stretch's days; a window never credits less than the whole 24 h periods inside it.
 */
function creditIn(start: number, end: number, ws: number, we: number, freeMs: number): number {
  const inside = Math.min(end, we) - Math.max(start, ws);
  if (inside <= 0) return 0;
  const whole = freeDaysIn(inside, freeMs);
  if (start >= ws && end <= we) return whole;
  const days = freeDaysIn(end - start, freeMs);
  return Math.max(whole, (days * inside) / (end - start));
}

export const daysOffRule: PersonRule<Params> = {
  type: 'acgme_day_off',
  unit: 'person',
  params,
  reachDays: (p) => p.windowDays + 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { dayStart } = state.clock;
    const p = rule.params;
    const W = p.windowDays;
    const freeMs = p.freeHours * HOUR_MS;
    const timeline = ctx.timeline(ps);
    const leave = leaveDaysOf(state, ps, p, timeline);
    const cumWork = prefixSums(leave.map((l) => 1 - l));
    // Free time is free of work and of home call (a day on home call is not a day off); leave
    // days are left out, and days away at a conference (not leave) are not time off either.
    const away = awayNotOnLeaveCoverage(state.clock, ps.absences, p);
    const cumAway = prefixSums(away);
    // A part-day one (a conference morning) takes only its hours: a free day may fit around them.
    const free = freeStretches(
      withBusy(
        timeline.union({ moonlighting: p.includeMoonlighting, homeCall: true }),
        awayNotOnLeavePartTimes(state.clock, ps.absences, p),
      ),
      leave.map((l, d) => l | away[d]),
      dayStart,
    );
    const memo = new Map<number, number>();

    const daysOff = (s: number): number => {
      const known = memo.get(s);
      if (known !== undefined) return known;
      const ws = dayStart[s];
      const we = dayStart[s + W];
      // First stretch ending after the window starts (binary search over pairs).
      let lo = 0;
      let hi = free.length / 2;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (free[mid * 2 + 1] <= ws) lo = mid + 1;
        else hi = mid;
      }
      let count = 0;
      for (let i = lo * 2; i < free.length && free[i] < we; i += 2)
        count += creditIn(free[i], free[i + 1], ws, we, freeMs);
      memo.set(s, count);
      return count;
    };
    const workDays = (s: number) => cumWork[s + W] - cumWork[s];
    const required = (s: number) => requiredFreeDays(p, workDays(s));
    const fails = (s: number) => daysOff(s) < required(s) - EPSILON;
    /** Whole free days, as reported: the credit of the edges' shares is never shown as a fraction. */
    const wholeDaysOff = (s: number) => Math.floor(daysOff(s) + EPSILON);

    const out: Finding[] = [];
    for (const run of failingRuns(span, W, windowStarts(state, W), fails)) {
      let worst = run.from;
      for (let s = run.from + 1; s <= run.to; s++)
        // By the whole days reported, the first of equals: an edge's share depends on how much of its
        // stretch lies in the checked range, so a check of part of the year (a trial edit) and of all
        // of it would otherwise name different windows for the same finding.
        if (wholeDaysOff(s) - required(s) < wholeDaysOff(worst) - required(worst)) worst = s;
      const worstRange = formatDateRange(state.clock.dateAt(worst), state.clock.dateAt(worst + W - 1));
      const got = wholeDaysOff(worst);
      const need = required(worst);
      const leaveCount = W - workDays(worst);
      const awayCount = cumAway[worst + W] - cumAway[worst];
      const windows = run.to - run.from + 1;
      const explanation = [
        `In the ${W} days ${worstRange} there ${got === 1 ? 'is' : 'are'} ${plural(got, 'free day')} ` +
          `(${p.freeHours} continuous hours off each); at least ${need} ${need === 1 ? 'is' : 'are'} required (one ` +
          `day in seven, averaged over ${W} days).`,
        leaveCount > 0
          ? `${plural(leaveCount, 'leave day')} ${leaveCount === 1 ? 'is' : 'are'} left out of the window.`
          : '',
        awayCount > 0
          ? `${plural(awayCount, 'day')} away on an absence that is not leave (e.g. a conference) ` +
            `${awayCount === 1 ? 'is' : 'are'} not time off.`
          : '',
        windows > 1
          ? `${windows} overlapping ${W}-day windows between ` +
            `${formatDateRange(state.clock.dateAt(run.from), state.clock.dateAt(run.to + W - 1))} fall short.`
          : '',
      ];
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from: run.from,
          to: run.to + W - 1,
          measured: got,
          limit: need,
          unit: 'days off',
          message: `${plural(got, 'day')} off in ${worstRange}; at least ${need} required`,
          explanation: explanation.filter(Boolean).join(' '),
        }),
      );
    }
    return out;
  },
};
