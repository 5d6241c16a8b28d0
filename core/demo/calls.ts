// Faculty inpatient (FMIT) weeks and the call schedule: faculty overnight call Sunday–Thursday,
// the FMIT attending's Friday/Saturday weekend call, backup call, and residents' 24-hour
// labor-and-delivery call on weekends and holidays. Choices balance counts (fairness).
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
  residents: Person[];
  fmit: FmitWeeks;
  absent: Map<string, (string | undefined)[]>;
  rotationOf: Map<string, RotationSpec[]>;
}

/** Rotations whose residents never take L&D call (they work nights, are away, or are new). */
const NO_RESIDENT_CALL = new Set(['FMIT', 'NF', 'OFFS', 'ORI']);

export function makeCalls({ rng, y, faculty, residents, fmit, absent, rotationOf }: CallInputs): CallAssignment[] {
  const calls: CallAssignment[] = [];
  const away = (id: string, day: number) => absent.get(id)?.[day] !== undefined;
  const callable = faculty.filter((f) => f.facultyRole !== 'adjunct');
  const fmitDaysOf = new Map<string, number[]>();
  fmit.attendingOn.forEach((id, d) => id && fmitDaysOf.set(id, [...(fmitDaysOf.get(id) ?? []), d]));
  const nearOwnFmit = (id: string, day: number) => (fmitDaysOf.get(id) ?? []).some((d) => Math.abs(d - day) <= 7);
  const overnight = counter();
  const backup = counter();
  const ld = counter();

  for (let d = 0; d < y.days.length; d++) {
    const wd = y.weekday[d];
    const date = y.days[d];
    const postFmit = (f: Person) => wd === 5 && fmit.attendingOn[d - 1] === f.id;
    const free = (f: Person) => fmit.attendingOn[d] !== f.id && !postFmit(f) && !away(f.id, d) && !away(f.id, d + 1);
    if (wd === 7 || wd <= 4) {
      // Sunday–Thursday overnight call: never the FMIT attending, nor the night before their week.
      const candidates = callable.filter((f) => free(f) && fmit.attendingOn[d + 1] !== f.id && overnight.last.get(f.id) !== d - 1);
      const pick = choose(rng, candidates, overnight, d, wd === 7, (f) =>
        (f.facultyRole === 'pd' && wd === 2 ? 50 : 0) + (nearOwnFmit(f.id, d) ? 2 : 0) + (f.facultyRole === 'pd' ? 2 : 0),
      );
      if (pick) calls.push({ date, callTypeCode: 'OC', personId: pick.id, source: 'solver' });
    } else {
      // Friday and Saturday: the FMIT attending covers; someone else backs them up.
      const attending = fmit.attendingOn[d] ?? choose(rng, callable.filter(free), overnight, d, false, () => 0)?.id;
      if (attending) calls.push({ date, callTypeCode: 'WKND', personId: attending, source: 'solver' });
      const pick = choose(rng, callable.filter((f) => free(f) && f.id !== attending), backup, d, false, () => 0);
      if (pick) calls.push({ date, callTypeCode: 'BU', personId: pick.id, source: 'solver' });
    }

    // Residents: 24-hour in-house L&D call on weekends and holidays, at most every third night.
    const holiday = y.holidayOf.get(date);
    if (wd >= 6 || (holiday && holiday.dayType === 'federal_holiday')) {
      const candidates = residents.filter((r) => {
        // Not within a week of inpatient or night work either: those weeks have the fewest days off.
        const rotations = rotationOf.get(r.id)!;
        const nearby = rotations.slice(Math.max(0, d - 7), d + 8);
        return (
          !nearby.some((rot) => NO_RESIDENT_CALL.has(rot.code)) &&
          !away(r.id, d) &&
          !away(r.id, d + 1) &&
          d - (ld.last.get(r.id) ?? -99) >= 3
        );
      });
      const pick = choose(rng, candidates, ld, d, false, () => 0);
      if (pick) calls.push({ date, callTypeCode: 'LD', personId: pick.id, source: 'solver' });
    }
  }
  return calls;
}
