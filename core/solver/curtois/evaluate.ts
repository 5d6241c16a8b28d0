// Independent evaluator: recomputes the objective and checks every hard constraint of a roster
// from the instance data alone, never from a solver's numbers or model. Deliberately shares no
// code with the rostering engine, so an engine bug cannot hide itself.
import type { CurtoisInstance, CurtoisRoster } from './types';
import { plural } from '../../domain/words';

export interface CurtoisViolation {
  /** Employee concerned; null for problems with the roster as a whole. */
  staff: string | null;
  rule:
    | 'shape'
    | 'unknown_shift'
    | 'day_off'
    | 'max_shifts'
    | 'max_total_minutes'
    | 'min_total_minutes'
    | 'max_consecutive_shifts'
    | 'min_consecutive_shifts'
    | 'min_consecutive_days_off'
    | 'max_weekends'
    | 'forbidden_succession';
  message: string;
}

export interface CurtoisEvaluation {
  objective: number;
  feasible: boolean;
  violations: CurtoisViolation[];
  penalties: { onRequests: number; offRequests: number; underCover: number; overCover: number };
}

/** Maximal runs of days where `working(d)` equals `value`: [start, end] inclusive. */
function runs(days: number, working: (d: number) => boolean, value: boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let d = 0; d <= days; d++) {
    const inRun = d < days && working(d) === value;
    if (inRun && start < 0) start = d;
    if (!inRun && start >= 0) {
      out.push([start, d - 1]);
      start = -1;
    }
  }
  return out;
}

export function evaluateCurtois(instance: CurtoisInstance, roster: CurtoisRoster): CurtoisEvaluation {
  const h = instance.horizonDays;
  const violations: CurtoisViolation[] = [];
  const shiftById = new Map(instance.shifts.map((s) => [s.id, s]));
  const staffIds = new Set(instance.staff.map((s) => s.id));
  for (const id of Object.keys(roster)) {
    if (!staffIds.has(id)) violations.push({ staff: id, rule: 'shape', message: `roster has unknown employee ${id}` });
  }

  // Normalised view: a missing employee or day counts as off, after being reported.
  const cell = (staff: string, d: number): string | null => roster[staff]?.[d] ?? null;
  for (const s of instance.staff) {
    const line = roster[s.id];
    if (!line) violations.push({ staff: s.id, rule: 'shape', message: `employee ${s.id} is missing from the roster` });
    else if (line.length !== h)
      violations.push({
        staff: s.id,
        rule: 'shape',
        message: `employee ${s.id} has ${line.length} days, the horizon is ${h}`,
      });
    for (let d = 0; d < h; d++) {
      const v = cell(s.id, d);
      if (v !== null && !shiftById.has(v))
        violations.push({
          staff: s.id,
          rule: 'unknown_shift',
          message: `employee ${s.id} day ${d}: unknown shift "${v}"`,
        });
    }
  }
  const shiftOn = (staff: string, d: number) => {
    const v = cell(staff, d);
    return v !== null && shiftById.has(v) ? v : null;
  };

  for (const s of instance.staff) {
    const works = (d: number) => shiftOn(s.id, d) !== null;
    const v = (rule: CurtoisViolation['rule'], message: string) =>
      violations.push({ staff: s.id, rule, message: `employee ${s.id}: ${message}` });
    for (const d of s.daysOff) if (works(d)) v('day_off', `works on day ${d}, a day off`);

    const perShift = new Map<string, number>();
    let minutes = 0;
    for (let d = 0; d < h; d++) {
      const id = shiftOn(s.id, d);
      if (id === null) continue;
      perShift.set(id, (perShift.get(id) ?? 0) + 1);
      minutes += shiftById.get(id)!.minutes;
    }
    for (const [id, n] of perShift) {
      const max = s.maxShifts[id];
      if (max !== undefined && n > max) v('max_shifts', `works shift ${id} ${n} times, at most ${max} allowed`);
    }
    if (minutes > s.maxTotalMinutes) v('max_total_minutes', `works ${minutes} minutes, at most ${s.maxTotalMinutes}`);
    if (minutes < s.minTotalMinutes) v('min_total_minutes', `works ${minutes} minutes, at least ${s.minTotalMinutes}`);

    for (const [a, b] of runs(h, works, true)) {
      const len = b - a + 1;
      if (len > s.maxConsecutiveShifts)
        v('max_consecutive_shifts', `works ${len} days in a row (days ${a}–${b}), at most ${s.maxConsecutiveShifts}`);
      // Runs touching the first or last day of the horizon are not penalised.
      if (a > 0 && b < h - 1 && len < s.minConsecutiveShifts)
        v(
          'min_consecutive_shifts',
          `works only ${plural(len, 'day')} in a row (days ${a}–${b}), at least ${s.minConsecutiveShifts}`,
        );
    }
    for (const [a, b] of runs(h, works, false)) {
      const len = b - a + 1;
      if (a > 0 && b < h - 1 && len < s.minConsecutiveDaysOff)
        v(
          'min_consecutive_days_off',
          `has only ${plural(len, 'day')} off in a row (days ${a}–${b}), at least ${s.minConsecutiveDaysOff}`,
        );
    }
    // Weekends: the horizon starts on a Monday, so Saturday = 7w + 5 and Sunday = 7w + 6.
    let weekends = 0;
    for (let sat = 5; sat < h; sat += 7) if (works(sat) || (sat + 1 < h && works(sat + 1))) weekends++;
    if (weekends > s.maxWeekends) v('max_weekends', `works ${weekends} weekends, at most ${s.maxWeekends}`);

    for (let d = 0; d + 1 < h; d++) {
      const a = shiftOn(s.id, d);
      const b = shiftOn(s.id, d + 1);
      if (a !== null && b !== null && shiftById.get(a)!.cannotFollow.includes(b))
        v('forbidden_succession', `shift ${b} on day ${d + 1} follows shift ${a} on day ${d}, which is not allowed`);
    }
  }

  const penalties = { onRequests: 0, offRequests: 0, underCover: 0, overCover: 0 };
  for (const r of instance.onRequests) if (cell(r.staff, r.day) !== r.shift) penalties.onRequests += r.weight;
  for (const r of instance.offRequests) if (cell(r.staff, r.day) === r.shift) penalties.offRequests += r.weight;
  for (const c of instance.cover) {
    let n = 0;
    for (const s of instance.staff) if (shiftOn(s.id, c.day) === c.shift) n++;
    if (n < c.requirement) penalties.underCover += (c.requirement - n) * c.underWeight;
    if (n > c.requirement) penalties.overCover += (n - c.requirement) * c.overWeight;
  }
  const objective = penalties.onRequests + penalties.offRequests + penalties.underCover + penalties.overCover;
  return { objective, feasible: violations.length === 0, violations, penalties };
}
