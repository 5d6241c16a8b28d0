// Conflicts: a person in two places at once (two assignments in one slot; a call, half-day,
// callback or moonlighting shift overlapping another in real time), and a faculty member on call during
// their own inpatient week on a night the week does not cover.
import { z } from 'zod';
import type { Finding, IsoWeekday } from '../domain/types';
import { pieceLabel, type DutyInterval } from './duty';
import { formatDate, formatDateRange, formatInstant, formatSlot } from './explain';
import { makeFinding, overlaps, slotOf, type PersonRule, type RuleContext } from './rule';
import { slotIndex } from './state';

function describe(ctx: RuleContext, iv: DutyInterval): string {
  const { state } = ctx;
  if (iv.kind === 'activity') return `${iv.code} ${formatSlot(slotOf(state, iv.slot))}`;
  if (iv.kind === 'call' || iv.kind === 'homeCall') return `${pieceLabel(iv)} ${formatDate(state.clock.dateAt(iv.day))}`;
  return `${iv.kind} from ${formatInstant(iv.start, state.clock.zone)}`;
}

/**
 * Two overlapping pieces that are not a double booking: two half-days (their slots conflict, or
 * not), a call and a half-day of the same code (the same work), and home call with a callback
 * (what the home call is for) or with a half-day (home call is being reachable, not a place: the
 * night's home call may run into the next morning's ward work).
 */
function compatible(a: DutyInterval, b: DutyInterval): boolean {
  if (a.kind === 'activity' && b.kind === 'activity') return true;
  const timed = (x: DutyInterval) => x.kind === 'moonlighting' || x.kind === 'callback';
  if (a.kind !== b.kind && !timed(a) && !timed(b) && a.code === b.code) return true;
  const other = a.kind === 'homeCall' ? b : b.kind === 'homeCall' ? a : null;
  return other !== null && (other.kind === 'callback' || other.kind === 'activity');
}

function itemKey(iv: DutyInterval): string {
  const kind = iv.kind === 'homeCall' ? 'call' : iv.kind;
  return iv.kind === 'activity' ? `${iv.code}@${iv.slot}` : `${kind}:${iv.code}@${iv.start}`;
}

const bookingParams = z.strictObject({});

export const doubleBookingRule: PersonRule<z.output<typeof bookingParams>> = {
  type: 'double_booking',
  unit: 'person',
  params: bookingParams,
  reachDays: () => 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const out: Finding[] = [];
    // Two or more assignments in one slot.
    for (let day = Math.max(0, span.from); day <= Math.min(span.to, clock.length - 1); day++) {
      for (const half of ['AM', 'PM'] as const) {
        const list = ps.slots[slotIndex(day, half)];
        if (!list || list.length < 2) continue;
        const codes = list.map((a) => a.activityCode).sort();
        const where = slotOf(state, slotIndex(day, half));
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: day,
            slots: [where],
            measured: list.length,
            limit: 1,
            unit: 'assignments',
            key: half,
            message: `${list.length} assignments in ${formatSlot(where)}: ${codes.join(', ')}`,
            explanation: `${ps.person.name} is assigned ${codes.join(' and ')} in the same half-day (${formatSlot(where)}); a person can be in one place per slot.`,
          }),
        );
      }
    }
    // Calls, callbacks and moonlighting overlapping anything else in real time (see compatible).
    const intervals = ctx.timeline(ps).intervals;
    for (let i = 0; i < intervals.length; i++) {
      const a = intervals[i];
      for (let j = i + 1; j < intervals.length && intervals[j].start < a.end; j++) {
        const b = intervals[j];
        if (b.end <= b.start || a.end <= a.start) continue;
        if (compatible(a, b)) continue;
        const days = { from: Math.min(a.day, b.day), to: Math.max(a.day, b.day) };
        if (!overlaps(days, span)) continue;
        const [first, second] = [describe(ctx, a), describe(ctx, b)];
        const slots = [a, b].filter((x) => x.kind === 'activity').map((x) => slotOf(state, x.slot));
        const overlapMs = Math.min(a.end, b.end) - b.start;
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            ...days,
            slots,
            measured: overlapMs / 3_600_000,
            limit: 0,
            unit: 'h overlap',
            key: [itemKey(a), itemKey(b)].sort().join('/'),
            message: `${first} overlaps ${second}`,
            explanation: `${ps.person.name} is scheduled for ${first} (${formatInstant(a.start, clock.zone)} – ${formatInstant(a.end, clock.zone)}) and ${second} (${formatInstant(b.start, clock.zone)} – ${formatInstant(b.end, clock.zone)}) at the same time.`,
          }),
        );
      }
    }
    return out;
  },
};

const inpatientCallParams = z.strictObject({
  /** Nights of the week the inpatient attending covers themselves (Friday, Saturday). */
  allowedWeekdays: z.array(z.number().int().min(1).max(7)).default([5, 6]),
});

export const callDuringInpatientWeekRule: PersonRule<z.output<typeof inpatientCallParams>> = {
  type: 'call_during_inpatient_week',
  unit: 'person',
  params: inpatientCallParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const out: Finding[] = [];
    for (const w of ps.inpatientWeeks) {
      for (const c of ps.calls) {
        if (c.date < w.start || c.date > w.end) continue;
        const day = clock.offsetOf(c.date);
        if (day < span.from || day > span.to || day < 0 || day >= clock.length) continue;
        if (rule.params.allowedWeekdays.includes(clock.weekday[day] as IsoWeekday)) continue;
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: day,
            measured: 1,
            limit: 0,
            unit: 'calls',
            key: `${c.callTypeCode}:${w.start}`,
            message: `${c.callTypeCode} call on ${formatDate(c.date)} during inpatient week ${formatDateRange(w.start, w.end)}`,
            explanation: `${ps.person.name} has the inpatient week ${formatDateRange(w.start, w.end)}; the inpatient attending takes no other call that week except on the nights the week covers.`,
          }),
        );
      }
    }
    return out;
  },
};
