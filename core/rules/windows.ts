// Shared machinery of the rules averaged over rolling windows (80 hours, days off, call
// frequency): which window starts are checked, runs of failing windows, and leave days.
import { z } from 'zod';
import { partWindow } from '../domain/availability';
import { absenceTypeCode } from '../domain/schemas';
import { BUILT_IN_ABSENCE_TYPES, type Absence, type AbsenceType } from '../domain/types';
import type { ZoneClock } from './clock';
import { BUSY, type PersonTimeline } from './duty';
import type { DaySpan } from './rule';
import type { PersonSchedule, ScheduleState } from './state';

/** Window start days checked: every window that overlaps the range and lies inside the horizon. */
export function windowStarts(state: ScheduleState, windowDays: number): DaySpan {
  return {
    from: Math.max(0, state.rangeFirst - windowDays + 1),
    to: Math.min(state.rangeLast, state.clock.length - windowDays),
  };
}

/** Days from..to−1 of a horizon. */
export interface DayPeriod {
  from: number;
  to: number;
}

/** The `windowDays`-day windows inside a horizon of `days` days that hold a day of `lo..hi`. */
export function rollingWindows(windowDays: number, days: number, lo: number, hi: number): DayPeriod[] {
  const out: DayPeriod[] = [];
  for (let from = Math.max(0, lo - windowDays + 1); from <= Math.min(hi, days - windowDays); from++)
    out.push({ from, to: from + windowDays });
  return out;
}

/**
 * Runs of consecutive failing window starts among the windows that overlap `span`, each
 * followed to its ends (within `bounds`), so a run is always reported whole.
 */
export function failingRuns(
  span: DaySpan,
  windowDays: number,
  bounds: DaySpan,
  fails: (start: number) => boolean,
): DaySpan[] {
  const runs: DaySpan[] = [];
  const end = Math.min(bounds.to, span.to);
  let s = Math.max(bounds.from, span.from - windowDays + 1);
  while (s <= end) {
    if (!fails(s)) {
      s++;
      continue;
    }
    let first = s;
    while (first - 1 >= bounds.from && fails(first - 1)) first--;
    let last = s;
    while (last + 1 <= bounds.to && fails(last + 1)) last++;
    runs.push({ from: first, to: last });
    s = last + 2;
  }
  return runs;
}

/**
 * ACGME: leave days are left out of the numerator and the denominator of the averages. A leave
 * day is a day wholly inside an approved absence of one of these types, with nothing scheduled.
 */
export const leaveParams = {
  excludeLeave: z.boolean().default(true),
  leaveTypes: z.array(absenceTypeCode).default(BUILT_IN_ABSENCE_TYPES.filter((t) => t !== 'conference')),
  /** Averages are never taken over fewer days than this (one week), even after long leave. */
  minAveragingDays: z.number().int().min(1).default(7),
};
export interface LeaveParams {
  excludeLeave: boolean;
  leaveTypes: AbsenceType[];
  minAveragingDays: number;
}

/**
 * Days covered by an approved absence of one of these types, by day index of the clock's
 * horizon. A covered day is a leave day when nothing at all is scheduled on it (see leaveDays);
 * the generators, which decide what is scheduled, apply the same condition. A part-day absence
 * leaves part of the day to work: it never makes a whole leave day.
 */
export function leaveCoverage(
  clock: ZoneClock,
  absences: readonly Absence[],
  types: readonly AbsenceType[],
): Uint8Array {
  const covered = new Uint8Array(clock.length);
  for (const a of absences) {
    if (a.status !== 'approved' || a.part !== undefined || !types.includes(a.type)) continue;
    const from = Math.max(0, clock.offsetOf(a.start));
    const to = Math.min(clock.length - 1, clock.offsetOf(a.end));
    for (let d = from; d <= to; d++) covered[d] = 1;
  }
  return covered;
}

/** Leave days of a person: covered by leave (leaveCoverage) with no busy time (work or home call) on them. */
export function leaveDays(
  state: ScheduleState,
  ps: PersonSchedule,
  types: readonly AbsenceType[],
  timeline: PersonTimeline,
): Uint8Array {
  const leave = leaveCoverage(state.clock, ps.absences, types);
  const busy = timeline.dutyPerDay(BUSY);
  for (let d = 0; d < leave.length; d++) if (busy[d] > 0) leave[d] = 0;
  return leave;
}

/**
 * The 1-in-7 rule's absence types that are time away on the program's business or education (by
 * default a conference): never free time. Only these: an absence type a program adds (say,
 * "not yet started") is not assumed to be education.
 */
export const awayParams = {
  awayTypes: z.array(absenceTypeCode).default(['conference']),
};
export interface AwayParams {
  awayTypes: AbsenceType[];
  leaveTypes: AbsenceType[];
}

/**
 * Days wholly inside an approved absence of an away type that is not also leave under the rule's
 * leave types: they stay in the averages, and they are never free time (ACGME's day off is free of
 * clinical work and education). The compliance engine, the half-day model and the shift roster
 * all read this.
 */
export function awayNotOnLeaveCoverage(clock: ZoneClock, absences: readonly Absence[], p: AwayParams): Uint8Array {
  return leaveCoverage(
    clock,
    absences,
    p.awayTypes.filter((t) => !p.leaveTypes.includes(t)),
  );
}

/** Each day of an approved part-day absence of an away type that is not leave, with its hours. */
function* awayPartDays(clock: ZoneClock, absences: readonly Absence[], p: AwayParams) {
  const types = p.awayTypes.filter((t) => !p.leaveTypes.includes(t));
  for (const a of absences) {
    if (a.status !== 'approved' || a.part === undefined || !types.includes(a.type)) continue;
    const [from, to] = partWindow(a.part);
    const last = Math.min(clock.length - 1, clock.offsetOf(a.end));
    for (let day = Math.max(0, clock.offsetOf(a.start)); day <= last; day++) yield { day, from, to };
  }
}

/**
 * Part-day absences of an away type that is not leave (a morning at a conference): the hours they
 * take of each of their days, as [start, end) instants in order. They are not free time either, but
 * the rest of the day is: the 1-in-7 check cuts only these hours out of the free time, so a free day
 * (24 continuous hours) must fit around them.
 */
export function awayNotOnLeavePartTimes(clock: ZoneClock, absences: readonly Absence[], p: AwayParams): number[] {
  const pairs = [...awayPartDays(clock, absences, p)].map(
    ({ day, from, to }) => [clock.instant(day, from), clock.instant(day, to)] as const,
  );
  return pairs.sort((x, y) => x[0] - y[0]).flat();
}

/**
 * Days with any time away on an absence that is not leave, whole-day or part-day: the days the
 * generators (which reason in whole days) never count as free. The check itself is finer (a free
 * day may fit around a part-day absence's hours), so what they make always passes it.
 */
export function awayNotOnLeaveDays(clock: ZoneClock, absences: readonly Absence[], p: AwayParams): Uint8Array {
  const days = awayNotOnLeaveCoverage(clock, absences, p);
  for (const { day } of awayPartDays(clock, absences, p)) days[day] = 1;
  return days;
}

/** Leave days under a rule's leave params (none when the rule counts leave like any other day). */
export function leaveDaysOf(
  state: ScheduleState,
  ps: PersonSchedule,
  p: LeaveParams,
  timeline: PersonTimeline,
): Uint8Array {
  return p.excludeLeave ? leaveDays(state, ps, p.leaveTypes, timeline) : new Uint8Array(state.clock.length);
}

/** Prefix sums: out[i] = values[0] + … + values[i − 1]. */
export function prefixSums(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) out[i + 1] = out[i] + values[i];
  return out;
}
