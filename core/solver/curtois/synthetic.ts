// Seeded generator of synthetic instances in the Curtois format, shaped like the published ones
// (full- and part-time staff, shift types some staff never work, forbidden successions from
// later to earlier shifts, days off, runs of on/off requests, cover close to staff capacity), to
// test the engine at sizes beyond the three instances handed out.
import { createRng } from '../roster/random';
import type { CurtoisInstance, CurtoisRequest, CurtoisShift, CurtoisStaff } from './types';

export interface SyntheticOptions {
  days: number;
  staff: number;
  shifts: number;
  seed: number;
  /** Cover as a share of the most the staff can work in total (default 0.98). */
  coverLoad?: number;
}

const SHIFT_IDS = ['E', 'D', 'L', 'N', 'A', 'B', 'C', 'F', 'G', 'H'];

function staffId(i: number): string {
  let id = '';
  let n = i;
  do {
    id = String.fromCharCode(65 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

export function generateCurtoisInstance(o: SyntheticOptions): CurtoisInstance {
  if (o.shifts < 1 || o.shifts > SHIFT_IDS.length)
    throw new RangeError(`shifts must be 1..${SHIFT_IDS.length}, got ${o.shifts}`);
  if (o.days < 7 || o.days % 7 !== 0) throw new RangeError(`days must be a positive multiple of 7, got ${o.days}`);
  const rng = createRng(o.seed);
  const weeks = o.days / 7;
  // Shifts run from early to late; a later shift may not be followed by an earlier one.
  const shifts: CurtoisShift[] = SHIFT_IDS.slice(0, o.shifts).map((id, t) => ({
    id,
    minutes: 480,
    cannotFollow: SHIFT_IDS.slice(0, t),
  }));

  const staff: CurtoisStaff[] = Array.from({ length: o.staff }, (_, i) => {
    const partTime = rng.next() < 0.25;
    const maxShifts: Record<string, number> = {};
    for (const s of shifts) {
      const r = rng.next();
      maxShifts[s.id] = o.shifts > 1 && r < 0.15 ? 0 : r < 0.3 ? Math.max(2, Math.round(o.days / 5)) : o.days;
    }
    // Everyone can work at least one shift type.
    if (Object.values(maxShifts).every((m) => m === 0)) maxShifts[shifts[rng.int(o.shifts)].id] = o.days;
    const perWeekMax = partTime ? 2.5 : 4.5;
    const perWeekMin = partTime ? 1.5 : 3.5;
    // The shift limits must leave room for the minimum workload.
    const minShifts = Math.round(perWeekMin * weeks);
    if (Object.values(maxShifts).reduce((a, b) => a + b, 0) < minShifts) {
      const open = shifts.filter((sh) => maxShifts[sh.id] > 0);
      maxShifts[open[rng.int(open.length)].id] = o.days;
    }
    const offCount = 1 + rng.int(Math.max(1, weeks));
    const daysOff = new Set<number>();
    while (daysOff.size < offCount) daysOff.add(rng.int(o.days));
    return {
      id: staffId(i),
      maxShifts,
      maxTotalMinutes: Math.round(perWeekMax * weeks) * 480,
      minTotalMinutes: Math.round(perWeekMin * weeks) * 480,
      maxConsecutiveShifts: rng.next() < 0.7 ? 5 : 6,
      minConsecutiveShifts: partTime ? 1 : 2,
      minConsecutiveDaysOff: rng.next() < 0.7 ? 2 : rng.next() < 0.5 ? 1 : 3,
      maxWeekends: Math.max(1, Math.round(weeks * (partTime ? 0.4 : 0.6))),
      daysOff: [...daysOff].sort((a, b) => a - b),
    };
  });

  const onRequests: CurtoisRequest[] = [];
  const offRequests: CurtoisRequest[] = [];
  const taken = new Set<string>();
  for (const s of staff) {
    const workable = shifts.filter((sh) => s.maxShifts[sh.id] > 0);
    for (let k = rng.int(2 * weeks + 1); k > 0; k--) {
      const on = rng.next() < 0.5;
      const shift = (on ? workable : shifts)[rng.int(on ? workable.length : shifts.length)].id;
      const start = rng.int(o.days);
      const len = 1 + rng.int(5);
      const weight = 1 + rng.int(3);
      for (let d = start; d < Math.min(o.days, start + len); d++) {
        if (on && s.daysOff.includes(d)) continue;
        const key = `${s.id}|${d}`;
        if (taken.has(key)) continue;
        taken.add(key);
        (on ? onRequests : offRequests).push({ staff: s.id, day: d, shift, weight });
      }
    }
  }

  // Spread what the staff can work at most over days × shifts: like the published instances,
  // cover asks for about everyone's maximum, so most of the objective is under-cover.
  const capacity = staff.reduce((sum, s) => sum + s.maxTotalMinutes / 480, 0) * (o.coverLoad ?? 0.98);
  const cells = o.days * o.shifts;
  const cover = [];
  for (let d = 0; d < o.days; d++) {
    for (const sh of shifts) {
      const mean = capacity / cells;
      const requirement = Math.max(0, Math.round(mean * (0.6 + 0.8 * rng.next())));
      cover.push({ day: d, shift: sh.id, requirement, underWeight: 100, overWeight: 1 });
    }
  }
  return {
    name: `Synthetic-${o.days}x${o.staff}x${o.shifts}-s${o.seed}`,
    horizonDays: o.days,
    shifts,
    staff,
    onRequests,
    offRequests,
    cover,
  };
}
