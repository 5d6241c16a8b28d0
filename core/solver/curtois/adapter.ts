// Maps a Curtois instance onto the general rostering problem, and a roster back to the
// benchmark's per-employee form.
import type { RosterProblem } from '../roster/types';
import type { CurtoisInstance, CurtoisRoster } from './types';

/** Weekends of a horizon starting on a Monday: Saturday and Sunday of every week. */
export function mondayWeekends(days: number): number[][] {
  const out: number[][] = [];
  for (let sat = 5; sat < days; sat += 7) out.push(sat + 1 < days ? [sat, sat + 1] : [sat]);
  return out;
}

export function curtoisToRoster(instance: CurtoisInstance): RosterProblem {
  return {
    days: instance.horizonDays,
    shifts: instance.shifts.map((s) => ({ id: s.id, minutes: s.minutes, forbiddenNext: s.cannotFollow })),
    staff: instance.staff.map((s) => ({
      id: s.id,
      maxShifts: s.maxShifts,
      minMinutes: s.minTotalMinutes,
      maxMinutes: s.maxTotalMinutes,
      maxConsecutive: s.maxConsecutiveShifts,
      minConsecutive: s.minConsecutiveShifts,
      minConsecutiveOff: s.minConsecutiveDaysOff,
      maxWeekends: s.maxWeekends,
      daysOff: s.daysOff,
    })),
    weekends: mondayWeekends(instance.horizonDays),
    onRequests: instance.onRequests,
    offRequests: instance.offRequests,
    cover: instance.cover,
  };
}

/** Roster rows (staff in instance order, shift id or null per day) keyed by employee id. */
export function rosterToCurtois(instance: CurtoisInstance, roster: (string | null)[][]): CurtoisRoster {
  if (roster.length !== instance.staff.length)
    throw new RangeError(`roster has ${roster.length} rows but the instance has ${instance.staff.length} employees`);
  return Object.fromEntries(instance.staff.map((s, i) => [s.id, [...roster[i]]]));
}
