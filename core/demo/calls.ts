// Faculty inpatient (FMIT) weeks and the call schedule: faculty overnight call Sunday–Thursday,
// the FMIT attending's Friday/Saturday weekend call, backup call, and residents' 24-hour
// labor-and-delivery call on weekends and holidays. Choices balance counts (fairness).
// Faculty call is one person a night whatever the size (the domain's model); resident L&D call
// grows with the program: one call a day per 17 residents, drawn from per-PGY pools.
import { nearOwnWeek, type CallPatternParams } from '../domain/call-patterns';
import type { CallAssignment, InpatientWeek, Person } from '../domain/types';
import type { Rng } from './rng';
import type { RotationSpec } from './rotations';
import type { DemoYear } from './year';

/** Roles that take FMIT weeks, with relative weight (core faculty about 6 weeks a year). */
const FMIT_WEIGHT: Record<string, number> = { core: 6, apd: 4, oic: 4, chief: 4, sports_med: 3 };

export interface FmitWeeks {
  weeks: InpatientWeek[];
  /** Faculty id on FMIT on each day (Friday → Thursday). */
  attendingOn: (string | undefined)[];
}

export function makeInpatientWeeks(rng: Rng, y: DemoYear, faculty: Person[]): FmitWeeks {
  const pool = faculty.filter((f) => f.facultyRole && FMIT_WEIGHT[f.facultyRole]);
  const given = new Map<string, number>(pool.map((f) => [f.id, 0]));
  const weeks: InpatientWeek[] = [];
  const attendingOn: (string | undefined)[] = [];
  let previous: string | undefined;
  for (let d = y.weekday.indexOf(5); d >= 0 && d + 6 < y.days.length; d += 7) {
    // Fewest weeks relative to the role's share, never two weeks in a row.
    let best: Person | undefined;
    let bestScore = Infinity;
    for (const f of pool) {
      if (f.id === previous) continue;
      const score = given.get(f.id)! / FMIT_WEIGHT[f.facultyRole!] + rng.next() * 0.01;
      if (score < bestScore) [best, bestScore] = [f, score];
    }
    if (!best) break;
    given.set(best.id, given.get(best.id)! + 1);
    previous = best.id;
    weeks.push({ personId: best.id, start: y.days[d], end: y.days[d + 6] });
    for (let k = 0; k < 7; k++) attendingOn[d + k] = best.id;
  }
  return { weeks, attendingOn };
}

interface Counter {
  total: Map<string, number>;
  sunday: Map<string, number>;
  last: Map<string, number>;
}
const counter = (): Counter => ({ total: new Map(), sunday: new Map(), last: new Map() });

function choose(
  rng: Rng,
  candidates: Person[],
  counts: Counter,
  day: number,
  isSunday: boolean,
  penalty: (p: Person) => number,
): Person | undefined {
  let best: Person | undefined;
  let bestScore = Infinity;
  for (const p of candidates) {
    const last = counts.last.get(p.id) ?? -99;
    const score =
      (counts.total.get(p.id) ?? 0) +
      (isSunday ? 2 * (counts.sunday.get(p.id) ?? 0) : 0) +
      (day - last < 4 ? 3 : 0) +
      penalty(p) +
      rng.next() * 0.5;
    if (score < bestScore) [best, bestScore] = [p, score];
  }
  if (best) {
    counts.total.set(best.id, (counts.total.get(best.id) ?? 0) + 1);
    if (isSunday) counts.sunday.set(best.id, (counts.sunday.get(best.id) ?? 0) + 1);
    counts.last.set(best.id, day);
  }
  return best;
}

export interface CallInputs {
  rng: Rng;
  y: DemoYear;
  faculty: Person[];
  /** Resident call pools, one per PGY level (index 0 = PGY-1). */
  residentsByPgy: Person[][];
  /** L&D calls each weekend day and holiday (1 for the reference program). */
  residentCallsPerDay: number;
  fmit: FmitWeeks;
  absent: Map<string, (string | undefined)[]>;
  rotationOf: Map<string, RotationSpec[]>;
  /** The program's call-pattern rules (consecutive nights, nights near one's own week). */
  pattern: CallPatternParams;
}

/** Rotations whose residents never take L&D call (they work nights, are away, or are new). */
const NO_RESIDENT_CALL = new Set(['FMIT', 'NF', 'OFFS', 'ORI']);

export function makeCalls({
  rng,
  y,
  faculty,
  residentsByPgy,
  residentCallsPerDay,
  fmit,
  absent,
  rotationOf,
  pattern,
}: CallInputs): CallAssignment[] {
  const calls: CallAssignment[] = [];
  const away = (id: string, day: number) => absent.get(id)?.[day] !== undefined;
  // Last night each faculty member was on call (any faculty call): never two nights in a row.
  const lastNight = new Map<string, number>();
  const callable = faculty.filter((f) => f.facultyRole !== 'adjunct');
  const weeksOf = new Map<string, InpatientWeek[]>();
  for (const w of fmit.weeks) weeksOf.set(w.personId, [...(weeksOf.get(w.personId) ?? []), w]);
  // Near one's own week as the compliance rule counts it (core/domain/call-patterns).
  const nearOwnFmit = (id: string, day: number) =>
    (weeksOf.get(id) ?? []).some((w) => nearOwnWeek(y.days[day], w, pattern.near, pattern.week));
  const overnight = counter();
  const backup = counter();
  const ld = counter();
  const pools = residentsByPgy.filter((pool) => pool.length > 0);
  const poolCalls = pools.map(() => 0);
  const ldDays = new Map<string, number[]>();
  // Per resident: days before each day on a rotation that keeps them off call (prefix counts).
  const busyBefore = new Map<string, number[]>();
  for (const pool of pools)
    for (const r of pool) {
      const counts = [0];
      rotationOf.get(r.id)!.forEach((rot, d) => counts.push(counts[d] + (NO_RESIDENT_CALL.has(rot.code) ? 1 : 0)));
      busyBefore.set(r.id, counts);
    }

  for (let d = 0; d < y.days.length; d++) {
    const wd = y.weekday[d];
    const date = y.days[d];
    const postFmit = (f: Person) => wd === 5 && fmit.attendingOn[d - 1] === f.id;
    const free = (f: Person) =>
      fmit.attendingOn[d] !== f.id &&
      !postFmit(f) &&
      !away(f.id, d) &&
      !away(f.id, d + 1) &&
      lastNight.get(f.id) !== d - 1;
    if (wd === 7 || wd <= 4) {
      // Sunday–Thursday overnight call: never the FMIT attending, nor the night before their week.
      const candidates = callable.filter(
        (f) => free(f) && fmit.attendingOn[d + 1] !== f.id && overnight.last.get(f.id) !== d - 1,
      );
      const pick = choose(
        rng,
        candidates,
        overnight,
        d,
        wd === 7,
        (f) =>
          (f.facultyRole === 'pd' && wd === 2 ? 50 : 0) +
          (nearOwnFmit(f.id, d) ? 8 : 0) +
          (f.facultyRole === 'pd' ? 2 : 0),
      );
      if (pick) {
        calls.push({ date, callTypeCode: 'OC', personId: pick.id, source: 'solver' });
        lastNight.set(pick.id, d);
      }
    } else {
      // Friday and Saturday: the FMIT attending covers; someone else backs them up.
      const attending =
        fmit.attendingOn[d] ??
        choose(rng, callable.filter(free), overnight, d, false, (f) => (nearOwnFmit(f.id, d) ? 8 : 0))?.id;
      if (attending) {
        calls.push({ date, callTypeCode: 'WKND', personId: attending, source: 'solver' });
        lastNight.set(attending, d);
      }
      const pick = choose(
        rng,
        callable.filter((f) => free(f) && f.id !== attending),
        backup,
        d,
        false,
        (f) => (nearOwnFmit(f.id, d) ? 8 : 0),
      );
      if (pick) {
        calls.push({ date, callTypeCode: 'BU', personId: pick.id, source: 'solver' });
        lastNight.set(pick.id, d);
      }
    }

    // Residents: 24-hour in-house L&D call on weekends and holidays, at most every third night.
    const holiday = y.holidayOf.get(date);
    if (wd >= 6 || (holiday && holiday.dayType === 'federal_holiday')) {
      // A weekend with a 24-hour call leaves one day off, so: never a fourth call in 28 days (a
      // very small program may leave such a day without a resident on call), and two in 28 days
      // or two weekends in a row only when the pools have nobody else.
      const recent = (r: Person) => (ldDays.get(r.id) ?? []).filter((x) => d - x < 28);
      const spacing = (r: Person) => (recent(r).length >= 2 ? 10 : 0) + (recent(r).some((x) => d - x <= 8) ? 3 : 0);
      const eligible = (r: Person) => {
        // Not within a week before or two weeks after inpatient or night work either: those weeks
        // have the fewest days off, and a 28-day window reaching back into them has none to spare.
        const busy = busyBefore.get(r.id)!;
        return (
          busy[Math.min(d + 8, y.days.length)] === busy[Math.max(0, d - 14)] &&
          !away(r.id, d) &&
          !away(r.id, d + 1) &&
          d - (ld.last.get(r.id) ?? -99) >= 3 &&
          recent(r).length < 3
        );
      };
      for (let k = 0; k < residentCallsPerDay; k++) {
        // The pool with the fewest calls per member so far goes first, so every level shares
        // the call in proportion to its size; a pool with nobody free passes to the next.
        const order = pools
          .map((_, i) => i)
          .sort((a, b) => poolCalls[a] / pools[a].length - poolCalls[b] / pools[b].length || a - b);
        for (const i of order) {
          const pick = choose(rng, pools[i].filter(eligible), ld, d, false, spacing);
          if (!pick) continue;
          ldDays.set(pick.id, [...(ldDays.get(pick.id) ?? []), d]);
          calls.push({ date, callTypeCode: 'LD', personId: pick.id, source: 'solver' });
          poolCalls[i]++;
          break;
        }
      }
    }
  }
  return calls;
}
