// Workload policies: no more than N consecutive worked days (a stricter local form of one day in
// seven), and faculty weekly minimum/maximum half-days per activity by role.
import { z } from 'zod';
import { FACULTY_ROLES, type FacultyRole, type Finding } from '../domain/types';
import { formatDateRange, plural } from './explain';
import { makeFinding, overlaps, type PersonRule } from './rule';
import { slotIndex } from './state';

const consecutiveParams = z.strictObject({ maxDays: z.number().int().min(1) });

/** A worked day has a duty half-day, a duty call, or moonlighting dated on it. */
export const consecutiveDaysRule: PersonRule<z.output<typeof consecutiveParams>> = {
  type: 'consecutive_days',
  unit: 'person',
  params: consecutiveParams,
  reachDays: () => 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { maxDays } = rule.params;
    const worked = ctx.timeline(ps).workedDays();
    const last = worked.length - 1;
    const out: Finding[] = [];
    // Start at the beginning of the run that covers span.from (if any), then walk the runs.
    let day = Math.max(0, span.from);
    while (day > 0 && worked[day] && worked[day - 1]) day--;
    while (day <= Math.min(span.to, last)) {
      if (!worked[day]) {
        day++;
        continue;
      }
      let end = day;
      while (end + 1 <= last && worked[end + 1]) end++;
      const length = end - day + 1;
      if (length > maxDays && overlaps({ from: day, to: end }, span)) {
        const dates = formatDateRange(state.clock.dateAt(day), state.clock.dateAt(end));
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: end,
            measured: length,
            limit: maxDays,
            unit: 'days',
            message: `${length} consecutive days worked, ${dates}; at most ${maxDays}`,
            explanation:
              `${ps.person.name} has duty every day from ${dates} (${length} days in a row); the program ` +
              `allows at most ${maxDays} consecutive worked days.`,
          }),
        );
      }
      day = end + 1;
    }
    return out;
  },
};

const weeklyParams = z.strictObject({
  limits: z.array(
    z.strictObject({
      role: z.enum(FACULTY_ROLES as [FacultyRole, ...FacultyRole[]]),
      activityCode: z.string().min(1),
      min: z.number().int().min(0),
      max: z.number().int().min(0),
    }),
  ),
});

/**
 * Per ISO week (Monday–Sunday). The minimum is scaled to the weekday half-days the person is
 * available (scheduled with work, not time off; not absent, not on an inpatient week, not a
 * holiday), so unscheduled days and leave lower it; the maximum always applies.
 */
export const facultyWeeklyHalfDaysRule: PersonRule<z.output<typeof weeklyParams>> = {
  type: 'faculty_weekly_halfdays',
  unit: 'person',
  params: weeklyParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const person = ps.person;
    const limits = rule.params.limits.filter((l) => l.role === person.facultyRole);
    if (person.kind !== 'faculty' || !limits.length) return [];
    const out: Finding[] = [];
    // Mondays of the weeks intersecting the span, whole weeks inside the horizon only.
    const from = Math.max(0, span.from);
    const to = Math.min(span.to, clock.length - 1);
    if (from > to) return [];
    for (let monday = from - (clock.weekday[from] - 1); monday <= to; monday += 7) {
      if (monday < 0 || monday + 6 >= clock.length) continue;
      const availability = state.availability(ps);
      const absent = (d: number, half: 'AM' | 'PM') => availability.halfDay(clock.dates[d], half)?.approved === true;
      const away = new Uint8Array(7);
      for (const w of ps.inpatientWeeks) {
        for (let d = Math.max(monday, clock.offsetOf(w.start)); d <= Math.min(monday + 6, clock.offsetOf(w.end)); d++)
          away[d - monday] = 1;
      }
      let available = 0;
      const counts = new Map<string, number>();
      for (let d = monday; d <= monday + 6; d++) {
        for (const half of ['AM', 'PM'] as const) {
          const list = ps.slots[slotIndex(d, half)] ?? [];
          for (const a of list) counts.set(a.activityCode, (counts.get(a.activityCode) ?? 0) + 1);
          // Available: a weekday of normal type, not away, scheduled with something other than time off.
          const working = list.length > 0 && list.every((a) => state.activity(a.activityCode).category !== 'time_off');
          if (d - monday < 5 && !away[d - monday] && !absent(d, half) && state.dayType[d] === 'normal' && working)
            available++;
        }
      }
      const week = formatDateRange(clock.dateAt(monday), clock.dateAt(monday + 6));
      for (const limit of limits) {
        const count = counts.get(limit.activityCode) ?? 0;
        const min = Math.floor((limit.min * available) / 10);
        const tooMany = count > limit.max;
        const tooFew = count < min;
        if (!tooMany && !tooFew) continue;
        const bound = tooMany ? limit.max : min;
        const scaledNote =
          min < limit.min && tooFew
            ? ` (${limit.min} a full week, scaled to ${plural(available, 'available weekday half-day')})`
            : '';
        out.push(
          makeFinding(state, rule, {
            personId: person.id,
            from: monday,
            to: monday + 6,
            measured: count,
            limit: bound,
            unit: `${limit.activityCode} half-days`,
            key: limit.activityCode,
            message:
              `${plural(count, `${limit.activityCode} half-day`)} in the week ${week}; ` +
              `${tooMany ? 'at most' : 'at least'} ${bound}`,
            explanation:
              `${person.name} (${person.facultyRole}) has ` +
              `${plural(count, `${limit.activityCode} half-day`)} in the week ${week}; the ${person.facultyRole} ` +
              `role is set to ${limit.min}–${limit.max} a week${scaledNote}.`,
          }),
        );
      }
    }
    return out;
  },
};
