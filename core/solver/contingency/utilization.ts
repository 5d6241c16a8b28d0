// Faculty utilization (DOMAIN.md, Resilience): required faculty half-days ÷ available faculty
// half-days, per day so any range (a week, a block) sums up. Required: supervising faculty the
// clinic's learners need in each slot (the supervision rule's ceil(units / units per faculty)),
// faculty procedure sessions (credentialed activities), and each faculty member's own clinic
// minimum (the weekly-half-days rule's minimum, a tenth per available half-day). Available:
// weekday half-days on clinic days (capacity scale > 0) of schedulable faculty who are not
// absent, not on an inpatient week and not resting after a call.
import { utilizationLevel, type Utilization } from '../../domain/contingency';
import type { IsoDate } from '../../domain/types';
import type { Baseline } from './baseline';
import { cellRole } from './levels';
import { supervisionAt } from './loss';

/** Utilization is reported up to this (no capacity at all). */
export const MAX_RATIO = 9.99;

export interface DayLoad {
  date: IsoDate;
  required: number;
  available: number;
}

/** Required and available faculty half-days on each day; `absent` removes people (a loss). */
export function dailyLoad(
  b: Baseline,
  days: readonly number[],
  absent: (personId: string, day: number) => boolean = () => false,
): DayLoad[] {
  const faculty = b.staff.filter((p) => b.isSchedulableFaculty(p));
  const minimum = new Map<string, number>();
  for (const rule of b.rules.facultyLimits)
    for (const p of faculty)
      for (const l of rule.params.limits)
        if (l.role === p.facultyRole && l.min > 0) minimum.set(p.id, (minimum.get(p.id) ?? 0) + l.min);
  return days.map((day) => {
    const out: DayLoad = { date: b.dates[day], required: 0, available: 0 };
    if (b.weekday[day] > 5 || b.scale[day] <= 0) return out;
    for (let half = 0; half < 2; half++) {
      const slot = day * 2 + half;
      if (b.rules.supervision.length)
        out.required += Math.max(
          ...b.rules.supervision.map((_, r) => supervisionAt(b, r, slot, (id) => absent(id, day)).need),
        );
      for (const p of faculty) {
        if (absent(p.id, day)) continue;
        const code = b.cell(p.id, day, half)?.activityCode;
        if (code && b.needsCredential(code) && b.activities.has(code) && b.activity(code).category === 'clinical')
          out.required++;
        if (b.attendingOn[day].has(p.id)) continue;
        const role = cellRole(b, p.id, day, half);
        if (role === 'away' || role === 'rest') continue;
        out.available++;
        out.required += (minimum.get(p.id) ?? 0) / 10;
      }
    }
    return out;
  });
}

export function utilizationOf(loads: readonly DayLoad[]): Utilization {
  let required = 0;
  let available = 0;
  for (const l of loads) {
    required += l.required;
    available += l.available;
  }
  // Nothing available but something required: capped, so it survives JSON.
  const ratio = available > 0 ? Math.min(MAX_RATIO, required / available) : required > 0 ? MAX_RATIO : 0;
  return {
    required: Math.round(required * 10) / 10,
    available,
    ratio: Math.round(ratio * 1000) / 1000,
    level: utilizationLevel(ratio),
  };
}
