// Conflicts: a person in two places at once (two assignments in one slot; a call, half-day,
// callback or moonlighting shift overlapping another in real time), and a faculty member on call
// during their own inpatient week on a night the week does not cover, or the night before it. A
// call against the person's own inpatient-week work is that one fault, not also a double booking.
import { z } from 'zod';
import { inpatientWeekCallParams, ownWeekCallConflict, type InpatientWeekCallParams } from '../domain/call-patterns';
import type { Finding } from '../domain/types';
import { pieceLabel, type DutyInterval } from './duty';
import { addDays } from '../domain/calendar';
import { formatDate, formatDateRange, formatInstant, formatSlot } from './explain';
import { makeFinding, overlaps, slotOf, type PersonRule, type RuleContext } from './rule';
import { slotIndex, type PersonSchedule } from './state';

function describe(ctx: RuleContext, iv: DutyInterval): string {
  const { state } = ctx;
  if (iv.kind === 'activity') return `${iv.code} ${formatSlot(slotOf(state, iv.slot))}`;
  if (iv.kind === 'call' || iv.kind === 'homeCall')
    return `${pieceLabel(iv)} ${formatDate(state.clock.dateAt(iv.day))}`;
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

/** What an item is, by date and code only: ids never depend on where the checked period starts. */
function itemKey(ctx: RuleContext, iv: DutyInterval): string {
  const date = ctx.state.clock.dateAt(iv.day);
  if (iv.kind === 'activity') return `${iv.code}@${date}${iv.slot & 1 ? 'PM' : 'AM'}`;
  if (iv.kind === 'call' || iv.kind === 'homeCall') return `call:${iv.code}@${date}`;
  return `${iv.kind}@${formatInstant(iv.start, ctx.state.clock.zone)}`;
}

/** A call against the person's own inpatient-week work: reported once, as a call in the week. */
function ownInpatientWork(ctx: RuleContext, ps: PersonSchedule, a: DutyInterval, b: DutyInterval): boolean {
  const isCall = (x: DutyInterval) => x.kind === 'call' || x.kind === 'homeCall';
  const [call, work] = isCall(a) ? [a, b] : isCall(b) ? [b, a] : [null, null];
  if (!call || !work || work.kind !== 'activity' || work.code !== ctx.options.inpatientWeekActivityCode) return false;
  const { clock } = ctx.state;
  const callDate = clock.dateAt(call.day);
  const workDate = clock.dateAt(work.day);
  return ps.inpatientWeeks.some(
    (w) => w.start <= workDate && workDate <= w.end && addDays(w.start, -1) <= callDate && callDate <= w.end,
  );
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
            explanation:
              `${ps.person.name} is assigned ${codes.join(' and ')} in the same half-day ` +
              `(${formatSlot(where)}); a person can be in one place per slot.`,
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
        if (compatible(a, b) || ownInpatientWork(ctx, ps, a, b)) continue;
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
            key: [itemKey(ctx, a), itemKey(ctx, b)].sort().join('/'),
            message: `${first} overlaps ${second}`,
            explanation:
              `${ps.person.name} is scheduled for ${first} (${formatInstant(a.start, clock.zone)} – ` +
              `${formatInstant(a.end, clock.zone)}) and ${second} (${formatInstant(b.start, clock.zone)} – ` +
              `${formatInstant(b.end, clock.zone)}) at the same time.`,
          }),
        );
      }
    }
    return out;
  },
};

export const callDuringInpatientWeekRule: PersonRule<InpatientWeekCallParams> = {
  type: 'call_during_inpatient_week',
  unit: 'person',
  params: inpatientWeekCallParams,
  // Adding a week changes what the nights just before it may hold.
  reachDays: (p) => p.nightsBefore,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const out: Finding[] = [];
    for (const w of ps.inpatientWeeks) {
      for (const c of ps.calls) {
        const conflict = ownWeekCallConflict(c.date, w, rule.params);
        if (!conflict) continue;
        const day = clock.offsetOf(c.date);
        if (day < span.from || day > span.to) continue;
        const week = formatDateRange(w.start, w.end);
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: day,
            measured: 1,
            limit: 0,
            unit: 'calls',
            key: `${c.callTypeCode}:${w.start}`,
            message:
              conflict === 'inside'
                ? `${c.callTypeCode} call on ${formatDate(c.date)} during inpatient week ${week}`
                : `${c.callTypeCode} call on ${formatDate(c.date)}, the night before inpatient week ${week}`,
            explanation:
              conflict === 'inside'
                ? `${ps.person.name} has the inpatient week ${week}; the inpatient attending takes no other call ` +
                  `that week except on the nights the week covers.`
                : `${ps.person.name} starts the inpatient week ${week} the next morning; the night before the week ` +
                  `is not theirs to take (its post-call morning is the week's first day).`,
          }),
        );
      }
    }
    return out;
  },
};
