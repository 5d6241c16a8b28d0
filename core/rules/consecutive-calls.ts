// Call on consecutive nights: a person on call (of a type that counts toward duty hours) more
// nights in a row than the program allows (one by default). The nights an inpatient week covers
// itself (its attending's Friday and Saturday) are one duty, not back-to-back calls: two nights
// inside the same own inpatient week do not make a run. A call the person's own week forbids
// (inside it, or the night before: call_during_inpatient_week reports it) is that fault, not also
// part of a run.
import { z } from 'zod';
import { callPatternParams, ownWeekCallConflict } from '../domain/call-patterns';
import type { Finding } from '../domain/types';
import { formatDate, formatDateRange, plural } from './explain';
import { makeFinding, overlaps, type PersonRule } from './rule';

const params = z.strictObject({
  /** Longest allowed run of call nights in a row. */
  maxConsecutiveNights: z.number().int().min(1).max(14).default(1),
});
type Params = z.output<typeof params>;

export const consecutiveCallNightsRule: PersonRule<Params> = {
  type: 'consecutive_call_nights',
  unit: 'person',
  params,
  reachDays: (p) => p.maxConsecutiveNights + 1,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const max = rule.params.maxConsecutiveNights;
    const nights = new Map<number, string[]>();
    const { week: weekCalls } = callPatternParams(state.settings);
    for (const c of ps.calls) {
      if (!state.callTypes.get(c.callTypeCode)!.countsTowardDutyHours) continue;
      if (ps.inpatientWeeks.some((w) => ownWeekCallConflict(c.date, w, weekCalls) !== null)) continue;
      const day = clock.offsetOf(c.date);
      nights.set(day, [...(nights.get(day) ?? []), c.callTypeCode]);
    }
    const weekOf = (day: number) =>
      ps.inpatientWeeks.find((w) => day >= clock.offsetOf(w.start) && day <= clock.offsetOf(w.end));
    const linked = (day: number) => {
      if (!nights.has(day + 1)) return false;
      const week = weekOf(day);
      return !week || week !== weekOf(day + 1);
    };
    const out: Finding[] = [];
    const days = [...nights.keys()].sort((a, b) => a - b);
    for (let i = 0; i < days.length; ) {
      let j = i;
      while (j + 1 < days.length && days[j + 1] === days[j] + 1 && linked(days[j])) j++;
      const run = { from: days[i], to: days[j] };
      const length = j - i + 1;
      i = j + 1;
      if (length <= max || !overlaps(run, span)) continue;
      const first = clock.dateAt(run.from);
      const last = clock.dateAt(run.to);
      const codes = [...new Set(days.slice(i - length, i).flatMap((d) => nights.get(d)!))].sort();
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          ...run,
          measured: length,
          limit: max,
          unit: 'nights in a row',
          message: `Call ${plural(length, 'night')} in a row (${formatDateRange(first, last)}); at most ${max}`,
          explanation:
            `${ps.person.name} is on call (${codes.join(', ')}) every night from ${formatDate(first)} to ` +
            `${formatDate(last)}; the program allows at most ${plural(max, 'night')} of call in a row.`,
        }),
      );
    }
    return out;
  },
};
