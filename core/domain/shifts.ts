// Shift-based rotations, the one definition the generator, the rules and the editor share: how a
// shift's activity maps onto the two half-day slots, its start and end, the rest between two
// shifts, which weekday needs how many residents, and a resident's shift-hour limits.
//
// A shift is an activity whose half-day times make one continuous stretch of duty, dated on the
// day it starts: it takes the AM slot when it starts before noon and the PM slot when it runs at
// or past noon (or starts after it). A day shift 07:00–19:00 is AM 07:00–12:00 + PM 12:00–19:00;
// a night 19:00–07:00 is the PM slot alone, ending the next morning; a 24-hour shift 07:00–07:00
// is AM 07:00–12:00 + PM 12:00–07:00.
import type { Activity, ClockTime, HalfDay, IsoWeekday, ShiftRotation, TimeRange } from './types';

const DAY_MINUTES = 24 * 60;
const NOON = 12 * 60;

export function clockMinutes(t: ClockTime): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

export function clockTime(minutes: number): ClockTime {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A shift's stretch in minutes from midnight of its day; `end` past 1440 is the next day. */
export interface ShiftSpan {
  start: number;
  end: number;
  /** The half-day slots it takes. */
  halves: HalfDay[];
}

/** The two half-day time ranges of a shift from `start` to `end` (an end at or before the start is the next day). */
export function shiftHalves(start: ClockTime, end: ClockTime): { am: TimeRange | null; pm: TimeRange | null } {
  const s = clockMinutes(start);
  let e = clockMinutes(end);
  if (e <= s) e += DAY_MINUTES;
  if (e <= NOON) return { am: { start, end }, pm: null };
  if (s >= NOON) return { am: null, pm: { start, end } };
  return { am: { start, end: '12:00' }, pm: { start: '12:00', end } };
}

/**
 * The stretch of a shift activity, or a reason it cannot be one: it must count toward duty hours,
 * have times, make one continuous stretch (AM ends where PM starts), last at most 24 hours, and
 * take its slots the way `shiftHalves` would (so the grid and the rules read it one way).
 */
export function shiftSpanOf(activity: Activity): ShiftSpan | string {
  const { am, pm } = activity;
  if (!activity.countsTowardDutyHours) return `${activity.code} does not count toward duty hours`;
  if (!am && !pm) return `${activity.code} has no times`;
  const range = (r: TimeRange) => {
    const s = clockMinutes(r.start);
    let e = clockMinutes(r.end);
    if (e <= s) e += DAY_MINUTES;
    return [s, e] as const;
  };
  let start: number;
  let end: number;
  if (am && pm) {
    const [as, ae] = range(am);
    const [ps, pe] = range(pm);
    if (ae !== ps)
      return (
        `${activity.code}: its AM part ends at ${am.end} but its PM part starts at ${pm.start}; a shift is one ` +
        `continuous stretch`
      );
    [start, end] = [as, pe];
  } else [start, end] = range((am ?? pm)!);
  if (end - start > DAY_MINUTES) return `${activity.code} lasts more than 24 hours`;
  const expected = shiftHalves(clockTime(start), clockTime(end));
  const same = (a: TimeRange | null, b: TimeRange | null) =>
    a === null ? b === null : b !== null && a.start === b.start && a.end === b.end;
  if (!same(expected.am, am) || !same(expected.pm, pm))
    return (
      `${activity.code}: a shift from ${clockTime(start)} to ${clockTime(end)} takes ` +
      `${[expected.am && 'AM', expected.pm && 'PM'].filter(Boolean).join(' and ')} split at noon`
    );
  return { start, end, halves: [...(am ? (['AM'] as const) : []), ...(pm ? (['PM'] as const) : [])] };
}

/** Minutes from the end of a shift on day `dayA` to the start of a shift on day `dayB` (wall clock). */
export function restMinutes(a: ShiftSpan, dayA: number, b: ShiftSpan, dayB: number): number {
  return (dayB - dayA) * DAY_MINUTES + b.start - a.end;
}

/** Residents a rotation's shift needs on an ISO weekday. */
export function shiftCover(cover: Record<string, number>, weekday: IsoWeekday): number {
  return cover[String(weekday)] ?? 0;
}

/**
 * A resident's shift-hour limits, in minutes, for `availableDays` days on the rotation (days on
 * it minus blocking absences) in a block: the weekly averages of the policy over those days.
 */
export function shiftMinuteLimits(policy: ShiftRotation, availableDays: number): { min: number; max: number } {
  return {
    min: Math.floor((policy.minHoursPerWeek * 60 * availableDays) / 7),
    max: Math.ceil((policy.maxHoursPerWeek * 60 * availableDays) / 7),
  };
}

/** Whole weekends off a resident needs among `weekends` weekends on the rotation in a block. */
export function weekendsOffRequired(policy: ShiftRotation, weekends: number): number {
  return Math.min(weekends, Math.ceil((policy.minWeekendsOff * weekends) / 4));
}

/**
 * What is wrong with a rotation's shifts given the program's activities, each with the path under
 * the rotation (`shifts.shifts[1].activityCode`); empty when it is sound. Shape and ranges are the
 * schema's (shiftRotationSchema); this checks the activities behind the shifts.
 */
export function shiftRotationIssues(
  shifts: ShiftRotation,
  activities: ReadonlyMap<string, Activity>,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  shifts.shifts.forEach((sh, i) => {
    const path = `shifts.shifts[${i}].activityCode`;
    const activity = activities.get(sh.activityCode);
    if (!activity) issues.push({ path, message: `unknown activity code "${sh.activityCode}"` });
    else {
      const span = shiftSpanOf(activity);
      if (typeof span === 'string') issues.push({ path, message: `${span}, so it cannot be a shift` });
    }
  });
  return issues;
}
