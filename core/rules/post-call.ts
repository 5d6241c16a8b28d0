// Post-call policies: after an overnight call (Sunday–Thursday nights) the faculty member
// supervises in the morning (PCAT) and is off in the afternoon (DO); after the last night of
// night float a full post-call day (PC); the Friday after an inpatient week off. A slot passes
// when it holds the expected activity or nothing that counts as duty (leave, off); an empty
// slot is not flagged (nothing is scheduled there to contradict the rule).
import { z } from 'zod';
import { type CallType, type Finding, type HalfDay, type IsoWeekday, type Slot } from '../domain/types';
import { formatDate, formatDateRange, formatSlot, listShort } from './explain';
import { makeFinding, overlaps, slotOf, type PersonRule, type RuleContext } from './rule';
import { slotIndex, type PersonSchedule } from './state';

const code = z.string().min(1).nullable();
const params = z.strictObject({
  afterOvernightAm: code,
  afterOvernightPm: code,
  afterNightFloat: code,
  afterInpatientWeek: code,
  /** Nights whose call is followed by PCAT/DO (ISO weekday of the call's date). */
  overnightCallWeekdays: z.array(z.number().int().min(1).max(7)).default([7, 1, 2, 3, 4]),
  /** Whose overnight calls are followed by PCAT/DO. */
  overnightCallFor: z.enum(['faculty', 'resident']).default('faculty'),
  nightFloatActivityCode: z.string().min(1).default('NF'),
});
export type PostCallParams = z.output<typeof params>;
type Params = PostCallParams;

/**
 * Whether a call is followed by a post-call day (PCAT in the morning, DO in the afternoon): an
 * overnight call (by its minutes, as the engine reads its times) of the rule's kind, on one of
 * its nights. The one definition the rule and the swap planner share.
 */
export function hasPostCallDay(
  p: PostCallParams,
  type: CallType,
  minutes: [number, number],
  weekday: IsoWeekday,
): boolean {
  const [s, e] = minutes;
  if (type.for !== p.overnightCallFor || e <= 24 * 60 || s >= 24 * 60) return false;
  return p.overnightCallWeekdays.includes(weekday);
}

/** Slots of a day holding duty other than the expected activity. */
function wrongSlots(
  ctx: RuleContext,
  ps: PersonSchedule,
  day: number,
  expected: Partial<Record<HalfDay, string | null>>,
): { slots: Slot[]; found: string[] } {
  const slots: Slot[] = [];
  const found: string[] = [];
  for (const half of ['AM', 'PM'] as const) {
    if (!(half in expected)) continue;
    const want = expected[half];
    const list = [...(ps.slots[slotIndex(day, half)] ?? [])].sort((x, y) =>
      x.activityCode < y.activityCode ? -1 : x.activityCode > y.activityCode ? 1 : 0,
    );
    for (const a of list) {
      if (a.activityCode === want || !ctx.state.activity(a.activityCode).countsTowardDutyHours) continue;
      slots.push(slotOf(ctx.state, slotIndex(day, half)));
      found.push(`${a.activityCode} ${half}`);
    }
  }
  return { slots, found };
}

export const postCallRule: PersonRule<Params> = {
  type: 'post_call',
  unit: 'person',
  params,
  reachDays: () => 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const p = rule.params;
    const out: Finding[] = [];
    const inHorizon = (day: number) => day >= 0 && day < clock.length;

    // Overnight calls → PCAT in the morning, DO in the afternoon.
    if (p.afterOvernightAm || p.afterOvernightPm) {
      for (const c of ps.calls) {
        const day = clock.indexOf(c.date);
        const type = state.callTypes.get(c.callTypeCode)!;
        if (!inHorizon(day + 1) || day < 0) continue;
        if (!hasPostCallDay(p, type, state.callMinutes.get(c.callTypeCode)!, clock.weekday[day] as IsoWeekday))
          continue;
        if (!overlaps({ from: day, to: day + 1 }, span)) continue;
        const expected: Partial<Record<HalfDay, string | null>> = {};
        if (p.afterOvernightAm) expected.AM = p.afterOvernightAm;
        if (p.afterOvernightPm) expected.PM = p.afterOvernightPm;
        const { slots, found } = wrongSlots(ctx, ps, day + 1, expected);
        if (!slots.length) continue;
        const wanted = [
          p.afterOvernightAm && `${p.afterOvernightAm} in the morning`,
          p.afterOvernightPm && `${p.afterOvernightPm} in the afternoon`,
        ]
          .filter(Boolean)
          .join(' and ');
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: day + 1,
            slots,
            measured: slots.length,
            limit: 0,
            unit: 'slots',
            key: `call:${c.callTypeCode}`,
            message: `After ${c.callTypeCode} call on ${formatDate(c.date)}: ${found.join(', ')} instead of post-call`,
            explanation:
              `After an overnight call the next day is ${wanted}; ${ps.person.name} has ` +
              `${found.join(' and ')} on ${formatDate(clock.dates[day + 1])}.`,
          }),
        );
      }
    }

    // The day after the last night of night float is a full post-call day.
    if (p.afterNightFloat) {
      const nf = p.nightFloatActivityCode;
      const hasNf = (day: number) =>
        (['AM', 'PM'] as const).some((h) => ps.slots[slotIndex(day, h)]?.some((a) => a.activityCode === nf));
      for (let day = Math.max(0, span.from - 1); day <= Math.min(span.to, clock.length - 2); day++) {
        if (!hasNf(day) || hasNf(day + 1)) continue;
        const { slots, found } = wrongSlots(ctx, ps, day + 1, { AM: p.afterNightFloat, PM: p.afterNightFloat });
        if (!slots.length) continue;
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: day + 1,
            slots,
            measured: slots.length,
            limit: 0,
            unit: 'slots',
            key: 'night-float',
            message:
              `Day after night float (${formatDate(clock.dates[day + 1])}): ${found.join(', ')} instead of ` +
              `${p.afterNightFloat}`,
            explanation:
              `The last night of ${nf} is ${formatDate(clock.dates[day])}; the next day is a full ` +
              `post-call day (${p.afterNightFloat}), but ${listShort(slots.map(formatSlot))} ` +
              `${slots.length === 1 ? 'has' : 'have'} ${found.join(' and ')}.`,
          }),
        );
      }
    }

    // The day after an inpatient week is off: no duty half-day and no call.
    if (p.afterInpatientWeek) {
      for (const w of ps.inpatientWeeks) {
        const last = clock.offsetOf(w.end);
        const day = last + 1;
        if (!inHorizon(day) || !overlaps({ from: last, to: day }, span)) continue;
        const { slots, found } = wrongSlots(ctx, ps, day, { AM: p.afterInpatientWeek, PM: p.afterInpatientWeek });
        const calls = ps.calls.filter(
          (c) => c.date === clock.dates[day] && state.callTypes.get(c.callTypeCode)!.countsTowardDutyHours,
        );
        found.push(...[...new Set(calls.map((c) => `${c.callTypeCode} call`))].sort());
        if (!found.length) continue;
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: last,
            to: day,
            slots,
            measured: found.length,
            limit: 0,
            unit: 'items',
            key: `inpatient:${w.start}`,
            message:
              `Day after inpatient week ${formatDateRange(w.start, w.end)}: ${found.join(', ')} instead of ` +
              `${p.afterInpatientWeek}`,
            explanation:
              `The day after an inpatient week (${formatDate(clock.dates[day])}) is off ` +
              `(${p.afterInpatientWeek}); ${ps.person.name} has ${found.join(' and ')}.`,
          }),
        );
      }
    }
    return out;
  },
};
