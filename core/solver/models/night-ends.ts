// When nights end: the earliest any duty starts in a day, and the latest a duty that runs past midnight ends
// the morning after (minutes from midnight). When nights end no later than any duty starts, the time from a
// night's end to the next start is whole days, so a day without a start is a whole free day: the half-day
// model and the shift roster both count free days that way.
import type { Activity, CallType } from '../../domain/types';
import { freeDaysIn } from '../../rules/acgme-days-off';
import { HOUR_MS, rangeMinutes } from '../../rules/clock';

export interface DutyDayEdges {
  earliestStart: number;
  latestSpillEnd: number;
}

const DAY = 24 * 60;

/** The edges of the duty day over these activities (those that count toward duty hours) and call types. */
export function dutyDayEdges(activities: Iterable<Activity>, callTypes: Iterable<CallType>): DutyDayEdges {
  let earliestStart = DAY;
  let latestSpillEnd = 0;
  const add = ([start, end]: [number, number]) => {
    earliestStart = Math.min(earliestStart, start);
    if (end > DAY) latestSpillEnd = Math.max(latestSpillEnd, end - DAY);
  };
  for (const a of activities) {
    if (!a.countsTowardDutyHours) continue;
    for (const range of [a.am, a.pm]) if (range) add(rangeMinutes(range.start, range.end));
  }
  for (const t of callTypes) add(rangeMinutes(t.start, t.end));
  return { earliestStart, latestSpillEnd };
}

/** The longest free day the program's day-off rules ask for, of those the day-based models keep (24 h at most). */
export function longestFreeDayMs(offRules: { params: { freeHours: number } }[]): number {
  return Math.max(0, ...offRules.map((r) => r.params.freeHours).filter((h) => h <= 24)) * HOUR_MS;
}

/**
 * Whether a day off between a night that ends at `nightEnd` and duty that starts at `nextStart` the day after
 * (minutes from midnight) falls short of a free day, as the rule check counts free days (freeDaysIn).
 */
export function dayOffAfterNightIsShort(
  offRules: { params: { freeHours: number } }[],
): (nightEnd: number, nextStart: number) => boolean {
  const freeMs = longestFreeDayMs(offRules);
  return (nightEnd, nextStart) => freeMs > 0 && freeDaysIn((DAY - nightEnd + nextStart) * 60_000, freeMs) < 1;
}
