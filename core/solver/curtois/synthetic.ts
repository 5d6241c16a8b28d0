// Seeded generator of instances in the Curtois format, shaped like the published set (shift
// types with start times and lengths whose short rests are forbidden successions, full- and
// part-time contracts, skills, days off, runs of on/off requests, weekends, cover per day and
// shift with weights), at the public set's sizes (up to 364 days × 150 staff × 32 shift types).
// Feasible by construction: a roster that keeps every hard rule (the witness) is built first and
// every limit is drawn so that it still holds; the independent evaluator confirms it before the
// instance is returned. Cover is the witness's own cover, perturbed, so under-cover still costs.
import { createRng, type Rng } from '../roster/random';
import { evaluateCurtois } from './evaluate';
import type { CurtoisCover, CurtoisInstance, CurtoisRequest, CurtoisRoster, CurtoisShift, CurtoisStaff } from './types';

export interface SyntheticOptions {
  /** Horizon in days, a multiple of 7 (the instances start on a Monday). */
  days: number;
  staff: number;
  /** Shift types, 1..MAX_SHIFT_TYPES. */
  shifts: number;
  seed: number;
}

export interface SyntheticInstance {
  instance: CurtoisInstance;
  /** A roster that keeps every hard rule: the proof of feasibility, and a reference objective. */
  witness: CurtoisRoster;
  witnessObjective: number;
}

export const MAX_SHIFT_TYPES = 52;
/** Shorter rests between a shift's end and the next day's shift are forbidden successions. */
const MIN_REST_HOURS = 11;

function letters(i: number): string {
  let id = '';
  let n = i;
  do {
    id = String.fromCharCode(65 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

interface TimedShift {
  id: string;
  start: number;
  hours: number;
}

/** Early, day, late and night first (as in the published instances), then shifts at any hour. */
function shiftTypes(count: number, rng: Rng): TimedShift[] {
  const classic: TimedShift[] = [
    { id: 'E', start: 6, hours: 8 },
    { id: 'D', start: 9, hours: 8 },
    { id: 'L', start: 14, hours: 8 },
    { id: 'N', start: 22, hours: 8 },
  ];
  const out = classic.slice(0, Math.min(count, classic.length));
  const used = new Set(out.map((s) => s.id));
  for (let i = 0; out.length < count; i++) {
    const id = letters(i);
    if (used.has(id)) continue;
    out.push({ id, start: 5 + rng.int(19), hours: [4, 6, 8, 8, 10, 12][rng.int(6)] });
  }
  return out;
}

/** `next` may not follow `prev` the day after when the rest between them is too short. */
function forbidden(prev: TimedShift, next: TimedShift): boolean {
  return 24 + next.start - (prev.start + prev.hours) < MIN_REST_HOURS;
}

interface Contract {
  /** Share of days worked the witness aims at. */
  density: number;
  maxConsecutive: number;
  minConsecutive: number;
  minConsecutiveOff: number;
  /** Weekends the witness tries not to exceed. */
  weekendCap: number;
  skills: number[];
  /** Preference among the skills when the witness picks a shift. */
  preference: number[];
}

function contract(rng: Rng, shiftCount: number, weeks: number): Contract {
  const partTime = rng.next() < 0.25;
  const minConsecutive = partTime ? 1 + rng.int(2) : 2 + rng.int(2);
  const maxConsecutive = Math.max(minConsecutive + 1, [4, 5, 5, 6, 6, 7][rng.int(6)]);
  const skillCount = shiftCount <= 4 ? shiftCount - (shiftCount > 1 && rng.next() < 0.3 ? 1 : 0) : 2 + rng.int(5);
  const skills = rng
    .shuffle(Array.from({ length: shiftCount }, (_, t) => t))
    .slice(0, Math.min(shiftCount, skillCount))
    .sort((a, b) => a - b);
  return {
    density: partTime ? 0.35 + 0.15 * rng.next() : 0.62 + 0.12 * rng.next(),
    maxConsecutive,
    minConsecutive,
    minConsecutiveOff: [1, 2, 2, 2, 3][rng.int(5)],
    weekendCap: Math.max(1, Math.round(weeks * (0.4 + 0.3 * rng.next()))),
    skills,
    preference: skills.map(() => 0.2 + rng.next()),
  };
}

/**
 * One staff member's line under their contract, decided day by day: runs of work between the
 * shortest and longest allowed, rests at least the shortest allowed (runs touching the horizon's
 * edges are exempt, as the rules say), weekends off once the cap is reached when a run may end,
 * and a shift each day that may follow the day before's (the same shift always may).
 */
function witnessLine(c: Contract, shifts: TimedShift[], days: number, rng: Rng): (number | null)[] {
  const line: (number | null)[] = [];
  let working = rng.next() < c.density;
  let run = 0;
  let edge = true; // the current run started on day 0: exempt from the shortest-run rules
  let worked = 0;
  let weekends = 0;
  for (let d = 0; d < days; d++) {
    // Working today would add a weekend: Saturday, or Sunday after a Saturday off.
    const newWeekend = d % 7 === 5 || (d % 7 === 6 && line[d - 1] === null);
    const weekendFull = newWeekend && weekends >= c.weekendCap;
    let work: boolean;
    if (d === 0) work = working;
    else if (working) {
      const mayStop = edge || run >= c.minConsecutive;
      if (run >= c.maxConsecutive) work = false;
      else if (!mayStop) work = true;
      else if (weekendFull) work = false;
      else work = worked + rng.next() * 2 - 1 < c.density * (d + 1) && rng.next() > 0.15;
    } else {
      const mayStart = edge || run >= c.minConsecutiveOff;
      if (!mayStart) work = false;
      else if (weekendFull) work = false;
      else work = worked + rng.next() * 2 - 1 < c.density * (d + 1) && rng.next() > 0.1;
    }
    if (d > 0 && work !== working) {
      working = work;
      run = 0;
      edge = false;
    }
    run++;
    if (!work) {
      line.push(null);
      continue;
    }
    worked++;
    if (newWeekend) weekends++;
    const prev = d > 0 ? line[d - 1] : null;
    const open = c.skills.filter((t) => prev === null || prev === undefined || !forbidden(shifts[prev], shifts[t]));
    const weights = open.map((t) => c.preference[c.skills.indexOf(t)] * (t === prev ? 4 : 1));
    line.push(open[rng.weighted(weights)]);
  }
  return line;
}

function weekendsWorked(line: (number | null)[]): number {
  let n = 0;
  for (let sat = 5; sat < line.length; sat += 7) if (line[sat] !== null || line[sat + 1] != null) n++;
  return n;
}

const roundDown = (x: number, step: number) => Math.floor(x / step) * step;
const roundUp = (x: number, step: number) => Math.ceil(x / step) * step;

export function generateSyntheticCurtois(o: SyntheticOptions): SyntheticInstance {
  if (!Number.isInteger(o.shifts) || o.shifts < 1 || o.shifts > MAX_SHIFT_TYPES)
    throw new RangeError(`shift types must be 1..${MAX_SHIFT_TYPES}, got ${o.shifts}`);
  if (!Number.isInteger(o.days) || o.days < 7 || o.days % 7 !== 0)
    throw new RangeError(`days must be a positive multiple of 7, got ${o.days}`);
  if (!Number.isInteger(o.staff) || o.staff < 1) throw new RangeError(`staff must be at least 1, got ${o.staff}`);
  const rng = createRng(o.seed);
  const weeks = o.days / 7;
  const timed = shiftTypes(o.shifts, rng);
  const shifts: CurtoisShift[] = timed.map((s) => ({
    id: s.id,
    minutes: s.hours * 60,
    cannotFollow: timed.filter((n) => forbidden(s, n)).map((n) => n.id),
  }));

  const staff: CurtoisStaff[] = [];
  const witness: CurtoisRoster = {};
  const onRequests: CurtoisRequest[] = [];
  const offRequests: CurtoisRequest[] = [];
  for (let i = 0; i < o.staff; i++) {
    const id = letters(i);
    const c = contract(rng, o.shifts, weeks);
    const line = witnessLine(c, timed, o.days, rng);
    witness[id] = line.map((t) => (t === null ? null : timed[t].id));

    const counts = new Array<number>(o.shifts).fill(0);
    let minutes = 0;
    for (const t of line) {
      if (t === null) continue;
      counts[t]++;
      minutes += shifts[t].minutes;
    }
    const maxShifts: Record<string, number> = {};
    timed.forEach((s, t) => {
      if (!c.skills.includes(t)) maxShifts[s.id] = 0;
      else maxShifts[s.id] = rng.next() < 0.5 ? o.days : counts[t] + rng.int(Math.max(2, Math.round(weeks)));
    });
    const offDays: number[] = [];
    line.forEach((t, d) => {
      if (t === null) offDays.push(d);
    });
    const daysOff = rng
      .shuffle(offDays)
      .slice(0, 1 + rng.int(Math.max(1, Math.ceil(weeks / 2))))
      .sort((a, b) => a - b);
    staff.push({
      id,
      maxShifts,
      // Contracts close to what the witness works: like the published set, cover asks for more
      // than the staff can give, so most of the objective is under-cover.
      maxTotalMinutes: roundUp(minutes * (1 + 0.06 * rng.next()), 60),
      minTotalMinutes: roundDown(minutes * (0.8 + 0.12 * rng.next()), 60),
      maxConsecutiveShifts: c.maxConsecutive,
      minConsecutiveShifts: c.minConsecutive,
      minConsecutiveDaysOff: c.minConsecutiveOff,
      maxWeekends: Math.max(c.weekendCap, weekendsWorked(line)),
      daysOff,
    });

    // Requests in runs of days, as staff make them: some match the witness, some do not.
    const off = new Set(daysOff);
    const taken = new Set<number>();
    for (let k = rng.int(2 * weeks + 1); k > 0; k--) {
      const on = rng.next() < 0.5;
      const start = rng.int(o.days);
      const len = 1 + rng.int(5);
      const weight = 1 + rng.int(3);
      const fixed = c.skills[rng.int(c.skills.length)];
      for (let d = start; d < Math.min(o.days, start + len); d++) {
        if (taken.has(d) || (on && off.has(d))) continue;
        taken.add(d);
        const own = line[d];
        const shift = own !== null && rng.next() < 0.5 ? own : fixed;
        (on ? onRequests : offRequests).push({ staff: id, day: d, shift: timed[shift].id, weight });
      }
    }
  }
  onRequests.sort((a, b) => a.day - b.day || a.staff.localeCompare(b.staff));
  offRequests.sort((a, b) => a.day - b.day || a.staff.localeCompare(b.staff));

  // Cover: what the witness works, give or take: more asked on some cells, less on others.
  const cover: CurtoisCover[] = [];
  for (let d = 0; d < o.days; d++) {
    for (const s of timed) {
      let n = 0;
      for (const id in witness) if (witness[id][d] === s.id) n++;
      const r = rng.next();
      const delta = r < 0.3 ? 1 + rng.int(Math.max(1, Math.round(n / 4))) : r < 0.4 ? -1 : 0;
      cover.push({ day: d, shift: s.id, requirement: Math.max(0, n + delta), underWeight: 100, overWeight: 1 });
    }
  }
  const instance: CurtoisInstance = {
    name: `Synthetic-${o.days}x${o.staff}x${o.shifts}-s${o.seed}`,
    horizonDays: o.days,
    shifts,
    staff,
    onRequests,
    offRequests,
    cover,
  };
  const check = evaluateCurtois(instance, witness);
  if (!check.feasible)
    throw new Error(`generator bug: the witness of ${instance.name} breaks ${check.violations[0].message}`);
  return { instance, witness, witnessObjective: check.objective };
}

/** The instance alone (see generateSyntheticCurtois for its witness). */
export function generateCurtoisInstance(o: SyntheticOptions): CurtoisInstance {
  return generateSyntheticCurtois(o).instance;
}
