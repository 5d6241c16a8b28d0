// When a person is free again after in-house call: the one definition of the ACGME rest after a
// long call (at least `minRestHours` free after `afterHours` of in-house call), and the half-days
// that rest covers. The compliance rule (rules/acgme-periods), the half-day generator's rest cells
// and lock warnings, contingency and the demo generator all ask it.
import { clockMinutes } from './availability';
import type { Activity, HalfDay } from './types';

const HOUR_MS = 3_600_000;
const HALVES: readonly HalfDay[] = ['AM', 'PM'];

export interface RestAfterCallParams {
  minRestHours: number;
  afterHours: number;
}

/** Work that may hold a long call: its real span and its longest in-house call by the clock. */
export interface WorkBeforeRest {
  start: number;
  end: number;
  inHouseCallMs: number;
}

/**
 * The instant (epoch ms) the person is free again after this work: its end plus the rest owed, or
 * null when it owes none. "24 hours of in-house call" counts by the call's scheduled length (a
 * 24-hour call on the spring-forward night is 23 real hours) or by the real length of the work.
 */
export function freeAgainAfter(work: WorkBeforeRest, p: RestAfterCallParams): number | null {
  const afterMs = p.afterHours * HOUR_MS;
  if (!work.inHouseCallMs || (work.inHouseCallMs < afterMs && work.end - work.start < afterMs)) return null;
  return work.end + p.minRestHours * HOUR_MS;
}

/** Local days (indexes) and wall-clock minutes as instants: the program's zone clock, or plain minutes. */
export interface DayClock {
  instant(day: number, minutes: number): number;
  dayOfInstant(instant: number): number;
}

/** The earliest start (minutes after midnight) of any duty activity in each half; null when none is duty. */
export function firstDutyStarts(activities: Iterable<Activity>): Record<HalfDay, number | null> {
  const out: Record<HalfDay, number | null> = { AM: null, PM: null };
  for (const a of activities) {
    if (!a.countsTowardDutyHours) continue;
    for (const half of HALVES) {
      const range = half === 'AM' ? a.am : a.pm;
      if (!range) continue;
      const start = clockMinutes(range.start);
      const first = out[half];
      if (first === null || start < first) out[half] = start;
    }
  }
  return out;
}

export interface RestOwed {
  freeAt: number;
  /** The rule that asks the longest rest. */
  params: RestAfterCallParams;
  /** Half-days after the work's day whose duty would start before the person is free again. */
  halfDays: { day: number; half: HalfDay }[];
}

/**
 * The rest owed after work ending a period dated on `day` (a call's night), under the rules in
 * force for the person: the latest "free again" of them, and the half-days it covers. A half-day
 * is rest when duty in any activity would start there before the person is free again.
 */
export function restOwedAfter(
  clock: DayClock,
  day: number,
  work: WorkBeforeRest,
  rules: readonly RestAfterCallParams[],
  dutyStarts: Record<HalfDay, number | null>,
): RestOwed | null {
  let owed: { freeAt: number; params: RestAfterCallParams } | null = null;
  for (const params of rules) {
    const freeAt = freeAgainAfter(work, params);
    if (freeAt !== null && (owed === null || freeAt > owed.freeAt)) owed = { freeAt, params };
  }
  if (!owed) return null;
  const halfDays: RestOwed['halfDays'] = [];
  for (let d = day + 1; d <= clock.dayOfInstant(owed.freeAt - 1); d++)
    for (const half of HALVES) {
      const start = dutyStarts[half];
      if (start !== null && clock.instant(d, start) < owed.freeAt) halfDays.push({ day: d, half });
    }
  return { ...owed, halfDays };
}
