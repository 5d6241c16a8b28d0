// Calls near one's own inpatient week, as the call model's soft goal defines it
// (core/domain/call-patterns): none within a week of one's own inpatient week. A call the week
// itself forbids (inside it, the night before) or covers (its weekend nights) is the inpatient-week
// rule's, never counted here again. (Calls on consecutive nights: core/rules/consecutive-calls.ts.)
import type { CallAssignment, Finding, InpatientWeek } from '../domain/types';
import {
  callPatternParams,
  coveredByOwnWeek,
  nearInpatientWeekParams,
  nearOwnWeek,
  ownWeekCallConflict,
  type NearInpatientWeekParams,
} from '../domain/call-patterns';
import { formatDate, formatDateRange } from './explain';
import { makeFinding, type PersonRule } from './rule';
import type { PersonSchedule, ScheduleState } from './state';

/** Calls the inpatient-week rule already speaks for (forbidden by, or part of, the person's own week). */
export function ownWeekCall(state: ScheduleState, ps: PersonSchedule, c: CallAssignment): boolean {
  const { week } = callPatternParams(state.settings);
  return (
    coveredByOwnWeek(c.date, ps.inpatientWeeks, week) ||
    ps.inpatientWeeks.some((w) => ownWeekCallConflict(c.date, w, week) !== null)
  );
}

export const callNearInpatientWeekRule: PersonRule<NearInpatientWeekParams> = {
  type: 'call_near_inpatient_week',
  unit: 'person',
  params: nearInpatientWeekParams,
  // A week's edit changes which calls up to this far around it are near it.
  reachDays: (p) => p.days + 7,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const { week: weekParams } = callPatternParams(state.settings);
    const out: Finding[] = [];
    for (const c of ps.calls) {
      const day = clock.offsetOf(c.date);
      if (day < span.from || day > span.to || ownWeekCall(state, ps, c)) continue;
      // Near two weeks at once: the earlier one, whatever order the weeks are stored in.
      const w = ps.inpatientWeeks
        .filter((x) => nearOwnWeek(c.date, x, rule.params, weekParams))
        .reduce<InpatientWeek | null>((best, x) => (!best || x.start < best.start ? x : best), null);
      if (!w) continue;
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
            `${c.callTypeCode} call on ${formatDate(c.date)}, within ${rule.params.days} days of inpatient ` +
            `week ${formatDateRange(w.start, w.end)}`,
          explanation:
            `${ps.person.name} has the inpatient week ${formatDateRange(w.start, w.end)}; calls within ` +
            `${rule.params.days} days of one's own inpatient week are avoided so the weeks around it stay lighter.`,
        }),
      );
    }
    return out;
  },
};
