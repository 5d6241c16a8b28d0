// What counts as duty, and how: the one definition the compliance engine and the generators
// share. Each scheduled item becomes a piece of real time (epoch ms, the program's zone):
//   - a half-day whose activity counts toward duty hours, with that activity's times;
//   - an in-house call (all of its hours are work);
//   - a home call (at-home availability: not work, yet not time off either);
//   - a callback (in-house time during home call) and a moonlighting shift (clinical work).
// Work pieces count toward hours, continuous work and rest; every piece (home call included)
// keeps time from being free (one day in seven) and makes its day a worked day.
import { callEndInstant } from '../domain/call-end';
import type { ShiftSpan } from '../domain/shifts';
import type { Activity, CallType, Callback, HalfDay, MoonlightingEntry } from '../domain/types';
import { rangeMinutes, type ZoneClock } from './clock';

export type DutyKind = 'activity' | 'call' | 'homeCall' | 'callback' | 'moonlighting';

export interface DutyPiece {
  start: number;
  end: number;
  kind: DutyKind;
  /** Activity code, call type code, 'callback' or 'moonlighting'. */
  code: string;
  /**
   * New patient care: it may not run past the continuous-work limit (24 h). Transitions of care
   * and education (activities marked so) may fill the extra transition hours.
   */
  patientCare: boolean;
  /** An in-house call (for the rest-after-call and call-frequency rules). */
  inHouseCall: boolean;
  /** Wall-clock length in ms (a 07:00–07:00 call is 24 h even on a 23-hour night). */
  nominalMs: number;
  /** Day index the item is dated on (a call's night, a half-day's date, a shift's first day). */
  day: number;
  /** Slot index (day × 2 + half) for half-days; −1 for everything else. */
  slot: number;
}

/** Work pieces closer than this join into one work period (the engine's default; an option there). */
export const DEFAULT_WORK_PERIOD_BREAK_MINUTES = 120;

/**
 * Whether work starting at `nextStart` joins the work period that so far ends at `periodEnd`: the
 * break between them is shorter than `breakMs`. The engine's periods and the block model's runs
 * both ask this.
 */
export function joinsPeriod(periodEnd: number, nextStart: number, breakMs: number): boolean {
  return nextStart - periodEnd < breakMs;
}

/** Whether a piece is work: counts toward hours, continuous work and rest (home call does not). */
export function isWork(kind: DutyKind): boolean {
  return kind !== 'homeCall';
}

/**
 * Whether a piece is scheduled work: the rest between work periods (ACGME's 8 hours, a "should")
 * is measured between these. A callback from home call is work that was not scheduled: it counts
 * toward hours, continuous work and the rest owed after in-house call, but ACGME does not let a
 * return to the hospital from home call start a new off-duty period, so it neither ends nor opens
 * a rest between scheduled work. The compliance rule, the half-day model and the shift roster ask this.
 */
export function isScheduledWork(kind: DutyKind): boolean {
  return isWork(kind) && kind !== 'callback';
}

/** Start/end minutes of an activity in one half (end past 24 h = next day), or null. */
export function activityMinutes(activity: Activity, half: HalfDay): [number, number] | null {
  const range = half === 'AM' ? activity.am : activity.pm;
  return range ? rangeMinutes(range.start, range.end) : null;
}

/**
 * A shift's real stretch (epoch ms) when it starts on `day` (index into the clock's dates): its wall-clock start
 * and end in the program's zone, so a 19:00–07:00 night lasts 13 hours on the night the clocks go back and 11 on
 * the night they go forward. The one measure of a shift's hours and of the rest between shifts, for the rules
 * and the shift roster alike.
 */
export function shiftStretch(clock: ZoneClock, span: ShiftSpan, day: number): { start: number; end: number } {
  return { start: clock.instant(day, span.start), end: clock.instant(day, span.end) };
}

/** A half-day of an activity on a day (index into the clock's dates), or null when it is not duty. */
export function halfDayPiece(
  clock: ZoneClock,
  activity: Activity,
  half: HalfDay,
  day: number,
  minutes = activityMinutes(activity, half),
): DutyPiece | null {
  if (!activity.countsTowardDutyHours || !minutes) return null;
  const [s, e] = minutes;
  return {
    start: clock.instant(day, s),
    end: clock.instant(day, e),
    kind: 'activity',
    code: activity.code,
    patientCare: activity.patientCare,
    inHouseCall: false,
    nominalMs: (e - s) * 60_000,
    day,
    slot: day * 2 + (half === 'PM' ? 1 : 0),
  };
}

/**
 * A call of this type starting on a day: in-house call, home call, or null when it is no duty.
 * On the night the clocks fall back the call type says (clockChange): by default a call lasts its
 * scheduled hours, as most programs run it — a 07:00–07:00 call ends at 06:00 on the clock (24 real
 * hours, not 25); 'clock_end' keeps the clock end (25 real hours, judged as any 25 hours). On the
 * spring-forward night it ends at its usual time (23 real hours) either way.
 */
export function callPiece(
  clock: ZoneClock,
  type: CallType,
  day: number,
  minutes = rangeMinutes(type.start, type.end),
): DutyPiece | null {
  if (!type.countsTowardDutyHours) return null;
  const [s, e] = minutes;
  const start = clock.instant(day, s);
  return {
    start,
    end: callEndInstant(type, start, clock.instant(day, e), e - s),
    kind: type.inHouse ? 'call' : 'homeCall',
    code: type.code,
    patientCare: type.inHouse,
    inHouseCall: type.inHouse,
    nominalMs: (e - s) * 60_000,
    day,
    slot: -1,
  };
}

/** A timed entry (local date-times) as a piece of clinical work; null when it ends before it starts. */
function timedPiece(
  clock: ZoneClock,
  entry: MoonlightingEntry | Callback,
  kind: 'moonlighting' | 'callback',
): DutyPiece | null {
  const start = clock.instantOfLocal(entry.start);
  const end = clock.instantOfLocal(entry.end);
  if (end <= start) return null;
  return {
    start,
    end,
    kind,
    code: kind,
    patientCare: true,
    inHouseCall: false,
    nominalMs: end - start,
    day: clock.dayOfInstant(start),
    slot: -1,
  };
}

export function moonlightingPiece(clock: ZoneClock, entry: MoonlightingEntry): DutyPiece | null {
  return timedPiece(clock, entry, 'moonlighting');
}

export function callbackPiece(clock: ZoneClock, entry: Callback): DutyPiece | null {
  return timedPiece(clock, entry, 'callback');
}

/**
 * Calls `add(day, ms)` for each local day of the clock's horizon a stretch of time falls in
 * (split at local midnights; parts outside the horizon are dropped).
 */
export function splitByDay(clock: ZoneClock, start: number, end: number, add: (day: number, ms: number) => void): void {
  const days = clock.length;
  let s = Math.max(start, clock.dayStart[0]);
  for (let day = s < end ? clock.dayOfInstant(s) : days; s < end && day < days; day++) {
    const dayEnd = clock.dayStart[day + 1];
    const pieceEnd = end < dayEnd ? end : dayEnd;
    add(day, pieceEnd - s);
    s = pieceEnd;
  }
}

/**
 * Union of [start, end) pieces as sorted pairs [s0, e0, s1, e1, …], overlapping or touching ones
 * joined. `sortedByStart`: the pieces already come in start order (no copy, no sort).
 */
export function unionOf(pieces: readonly { start: number; end: number }[], sortedByStart = false): Float64Array {
  const sorted = sortedByStart ? pieces : [...pieces].sort((a, b) => a.start - b.start || a.end - b.end);
  const pairs: number[] = [];
  for (const p of sorted) {
    if (p.end <= p.start) continue;
    const n = pairs.length;
    if (n && p.start <= pairs[n - 1]) {
      if (p.end > pairs[n - 1]) pairs[n - 1] = p.end;
    } else pairs.push(p.start, p.end);
  }
  return Float64Array.from(pairs);
}

/** The parts of [start, end) a union (sorted pairs) does not cover, as [s0, e0, s1, e1, …]. */
export function uncovered(union: Float64Array, start: number, end: number): number[] {
  const out: number[] = [];
  let cursor = start;
  for (let i = 0; i < union.length && union[i] < end && cursor < end; i += 2) {
    if (union[i + 1] <= cursor) continue;
    if (union[i] > cursor) out.push(cursor, union[i]);
    cursor = Math.max(cursor, union[i + 1]);
  }
  if (cursor < end) out.push(cursor, end);
  return out;
}
