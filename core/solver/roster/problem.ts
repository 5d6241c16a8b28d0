// Validation of a RosterProblem (clear errors naming the field) and its compiled, index-based form
// that the model builder, the construction and the improvement heuristics work on.
import type { RosterProblem } from './types';

export class RosterProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterProblemError';
  }
}

export interface CompiledRequest {
  staff: number;
  day: number;
  shift: number;
  weight: number;
}

export interface CompiledCover {
  day: number;
  shift: number;
  requirement: number;
  underWeight: number;
  overWeight: number;
}

/** Index-based problem: staff s, day d, shift t; limits with "no limit" as ±Infinity / 0. */
export interface CompiledRoster {
  problem: RosterProblem;
  S: number;
  D: number;
  T: number;
  minutes: Float64Array;
  /** Minutes of each shift after midnight (counted on the next day by day windows). */
  nextMinutes: Float64Array;
  /** Common divisor of the shift lengths (1 when they are not whole minutes): the unit of minute limits. */
  unitMinutes: number;
  /** forbidden[t * T + u] = 1 when u may not follow t the next day. */
  forbidden: Uint8Array;
  /** maxShifts[s * T + t]; Infinity when unlimited. */
  maxShifts: Float64Array;
  minMinutes: Float64Array;
  maxMinutes: Float64Array;
  maxConsecutive: Float64Array;
  minConsecutive: Int32Array;
  minConsecutiveOff: Int32Array;
  maxWeekends: Float64Array;
  weekends: number[][];
  /** Day windows of staff s: indexes windowOffset[s] … windowOffset[s + 1] − 1 of the arrays below. */
  windowOffset: Int32Array;
  windowFrom: Int32Array;
  windowTo: Int32Array;
  /** Infinity when the window has no such limit. */
  windowMaxMinutes: Float64Array;
  windowMaxDays: Float64Array;
  /**
   * 0: none; 1: a night's morning the next start leaves short of a free day counts as worked, and a night
   * before the days off at the window's end counts a day; 2: the same, the end past the horizon.
   */
  windowNightBeforeEnd: Uint8Array;
  /** busyMorning[t * T + u] = 1 when shift u two days after night t leaves the day between short of a free day. */
  busyMorning: Uint8Array;
  /** busyBefore[(s * (D + 1) + d) * T + t] = 1 when duty outside the roster on day d does that after night t. */
  busyBefore: Uint8Array;
  /** dayOff[s * D + d] = 1 on staff s's days off (never counted as a night's morning). */
  dayOff: Uint8Array;
  /** Night shifts (minutesNextDay > 0) whose morning some start can leave short of a free day. */
  busyNights: Int32Array;
  /** allowed[(s * D + d) * T + t] = 1 when staff s may work shift t on day d. */
  allowed: Uint8Array;
  /** fixedCell[s * D + d]: -2 = free, -1 = fixed off, t = fixed to shift t. */
  fixedCell: Int16Array;
  onRequests: CompiledRequest[];
  offRequests: CompiledRequest[];
  /** coverAt[d * T + t] = index into `cover`, or -1. */
  coverAt: Int32Array;
  cover: CompiledCover[];
  /** Every weight is a whole number, so every objective value is an integer. */
  integralObjective: boolean;
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isWeight = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Validates and indexes a problem; throws RosterProblemError naming the first bad field. */
export function compileRoster(problem: RosterProblem): CompiledRoster {
  const fail = (where: string, what: string): never => {
    throw new RosterProblemError(`${where}: ${what}`);
  };
  const D = problem.days;
  if (!Number.isInteger(D) || D < 1 || D > 3660) fail('days', `must be a whole number from 1 to 3660, got ${D}`);
  if (!Array.isArray(problem.shifts) || problem.shifts.length === 0)
    fail('shifts', 'at least one shift type is needed');
  if (problem.shifts.length > 1000) fail('shifts', 'at most 1000 shift types');
  if (!Array.isArray(problem.staff)) fail('staff', 'must be a list');
  const T = problem.shifts.length;
  const S = problem.staff.length;
  const shiftIndex = new Map<string, number>();
  problem.shifts.forEach((sh, t) => {
    if (typeof sh.id !== 'string' || sh.id === '') fail(`shifts[${t}].id`, 'must be a non-empty string');
    if (shiftIndex.has(sh.id)) fail(`shifts[${t}].id`, `duplicate shift id "${sh.id}"`);
    if (!isWeight(sh.minutes)) fail(`shifts[${t}].minutes`, `must be a non-negative number, got ${sh.minutes}`);
    shiftIndex.set(sh.id, t);
  });
  const shiftOf = (where: string, id: string) => shiftIndex.get(id) ?? fail(where, `unknown shift "${id}"`);
  const staffIndex = new Map<string, number>();
  problem.staff.forEach((st, s) => {
    if (typeof st.id !== 'string' || st.id === '') fail(`staff[${s}].id`, 'must be a non-empty string');
    if (staffIndex.has(st.id)) fail(`staff[${s}].id`, `duplicate staff id "${st.id}"`);
    staffIndex.set(st.id, s);
  });
  const staffOf = (where: string, id: string) => staffIndex.get(id) ?? fail(where, `unknown staff "${id}"`);
  const dayOf = (where: string, d: number) =>
    Number.isInteger(d) && d >= 0 && d < D ? d : fail(where, `day ${d} is outside the horizon 0..${D - 1}`);

  const minutes = Float64Array.from(problem.shifts, (sh) => sh.minutes);
  const nextMinutes = Float64Array.from(problem.shifts, (sh, t) => {
    const next = sh.minutesNextDay ?? 0;
    if (!isWeight(next) || next > sh.minutes)
      fail(`shifts[${t}].minutesNextDay`, `must be a number from 0 to the shift's ${sh.minutes} minutes, got ${next}`);
    return next;
  });
  const unitMinutes = minuteUnit(minutes);
  const forbidden = new Uint8Array(T * T);
  const busyMorning = new Uint8Array(T * T);
  problem.shifts.forEach((sh, t) => {
    (sh.forbiddenNext ?? []).forEach((id, k) => {
      forbidden[t * T + shiftOf(`shifts[${t}].forbiddenNext[${k}]`, id)] = 1;
    });
    const busy = sh.busyMorningBefore ?? [];
    if (busy.length > 0 && nextMinutes[t] === 0)
      fail(`shifts[${t}].busyMorningBefore`, 'needs minutesNextDay: only a shift past midnight has a morning');
    busy.forEach((id, k) => {
      busyMorning[t * T + shiftOf(`shifts[${t}].busyMorningBefore[${k}]`, id)] = 1;
    });
  });

  const maxShifts = new Float64Array(S * T).fill(Infinity);
  const minMinutes = new Float64Array(S);
  const maxMinutes = new Float64Array(S).fill(Infinity);
  const maxConsecutive = new Float64Array(S).fill(Infinity);
  const minConsecutive = new Int32Array(S);
  const minConsecutiveOff = new Int32Array(S);
  const maxWeekends = new Float64Array(S).fill(Infinity);
  const allowed = new Uint8Array(S * D * T).fill(1);
  const busyBefore = new Uint8Array(S * (D + 1) * T);
  const dayOff = new Uint8Array(S * D);
  problem.staff.forEach((st, s) => {
    const at = `staff[${s}] ("${st.id}")`;
    for (const [id, max] of Object.entries(st.maxShifts ?? {})) {
      const t = shiftOf(`${at}.maxShifts`, id);
      if (!isCount(max)) fail(`${at}.maxShifts.${id}`, `must be a whole number ≥ 0, got ${max}`);
      maxShifts[s * T + t] = max;
    }
    const count = (
      key: 'minMinutes' | 'maxMinutes' | 'maxConsecutive' | 'minConsecutive' | 'minConsecutiveOff' | 'maxWeekends',
    ) => {
      const v = st[key];
      if (v === undefined) return undefined;
      if (key === 'minMinutes' || key === 'maxMinutes') {
        if (!isWeight(v)) fail(`${at}.${key}`, `must be a number ≥ 0, got ${v}`);
      } else if (!isCount(v)) fail(`${at}.${key}`, `must be a whole number ≥ 0, got ${v}`);
      return v;
    };
    minMinutes[s] = count('minMinutes') ?? 0;
    maxMinutes[s] = count('maxMinutes') ?? Infinity;
    if (minMinutes[s] > maxMinutes[s])
      fail(`${at}.minMinutes`, `${minMinutes[s]} is above maxMinutes ${maxMinutes[s]}`);
    maxConsecutive[s] = count('maxConsecutive') ?? Infinity;
    minConsecutive[s] = count('minConsecutive') ?? 0;
    minConsecutiveOff[s] = count('minConsecutiveOff') ?? 0;
    maxWeekends[s] = count('maxWeekends') ?? Infinity;
    for (let t = 0; t < T; t++) {
      if (maxShifts[s * T + t] === 0) for (let d = 0; d < D; d++) allowed[(s * D + d) * T + t] = 0;
    }
    (st.daysOff ?? []).forEach((day, k) => {
      const d = dayOf(`${at}.daysOff[${k}]`, day);
      dayOff[s * D + d] = 1;
      for (let t = 0; t < T; t++) allowed[(s * D + d) * T + t] = 0;
    });
    (st.busyBefore ?? []).forEach((b, k) => {
      const where = `${at}.busyBefore[${k}]`;
      if (!Number.isInteger(b.day) || b.day < 1 || b.day > D) fail(`${where}.day`, `must be 1..${D}, got ${b.day}`);
      b.after.forEach((id, i) => {
        const t = shiftOf(`${where}.after[${i}]`, id);
        if (nextMinutes[t] === 0) fail(`${where}.after[${i}]`, `shift "${id}" has no minutesNextDay (no morning)`);
        busyBefore[(s * (D + 1) + b.day) * T + t] = 1;
      });
    });
    (st.shiftsOff ?? []).forEach((off, k) => {
      const d = dayOf(`${at}.shiftsOff[${k}].day`, off.day);
      allowed[(s * D + d) * T + shiftOf(`${at}.shiftsOff[${k}].shift`, off.shift)] = 0;
    });
  });

  const windowOffset = new Int32Array(S + 1);
  const windowList: { from: number; to: number; maxMinutes: number; maxDays: number; nightBeforeEnd: number }[] = [];
  problem.staff.forEach((st, s) => {
    windowOffset[s] = windowList.length;
    (st.windows ?? []).forEach((w, k) => {
      const at = `staff[${s}] ("${st.id}").windows[${k}]`;
      const from = dayOf(`${at}.from`, w.from);
      const to = dayOf(`${at}.to`, w.to);
      if (to < from) fail(`${at}.to`, `day ${to} is before the window's first day ${from}`);
      if (w.maxMinutes !== undefined && !(typeof w.maxMinutes === 'number' && Number.isFinite(w.maxMinutes)))
        fail(`${at}.maxMinutes`, `must be a number, got ${w.maxMinutes}`);
      if (w.maxDays !== undefined && !Number.isInteger(w.maxDays))
        fail(`${at}.maxDays`, `must be a whole number, got ${w.maxDays}`);
      const night = w.nightBeforeEnd;
      if (
        night !== undefined &&
        (w.maxDays === undefined || !(night === 'end' || (night === 'pastEnd' && to === D - 1)))
      )
        fail(`${at}.nightBeforeEnd`, `needs maxDays, and 'end', or 'pastEnd' with to = ${D - 1}; got "${night}"`);
      windowList.push({
        from,
        to,
        maxMinutes: w.maxMinutes ?? Infinity,
        maxDays: w.maxDays ?? Infinity,
        nightBeforeEnd: night === 'pastEnd' ? 2 : night === 'end' ? 1 : 0,
      });
    });
  });
  windowOffset[S] = windowList.length;

  if (!Array.isArray(problem.weekends)) fail('weekends', 'must be a list of day lists');
  problem.weekends.forEach((w, k) => {
    if (!Array.isArray(w) || w.length === 0) fail(`weekends[${k}]`, 'must be a non-empty list of days');
    w.forEach((d, i) => dayOf(`weekends[${k}][${i}]`, d));
  });

  const fixedCell = new Int16Array(S * D).fill(-2);
  (problem.fixed ?? []).forEach((f, k) => {
    const at = `fixed[${k}]`;
    const s = staffOf(`${at}.staff`, f.staff);
    const d = dayOf(`${at}.day`, f.day);
    const t = f.shift === null ? -1 : shiftOf(`${at}.shift`, f.shift);
    if (fixedCell[s * D + d] !== -2 && fixedCell[s * D + d] !== t)
      fail(at, `staff "${f.staff}" day ${d} is fixed twice with different values`);
    if (t >= 0 && !allowed[(s * D + d) * T + t])
      fail(at, `staff "${f.staff}" may not work shift "${f.shift}" on day ${d} (day off or shift limit 0)`);
    fixedCell[s * D + d] = t;
  });

  let integral = true;
  const request = (list: RosterProblem['onRequests'], name: string): CompiledRequest[] =>
    (list ?? []).map((r, k) => {
      const at = `${name}[${k}]`;
      if (!isWeight(r.weight)) fail(`${at}.weight`, `must be a number ≥ 0, got ${r.weight}`);
      if (!Number.isInteger(r.weight)) integral = false;
      return {
        staff: staffOf(`${at}.staff`, r.staff),
        day: dayOf(`${at}.day`, r.day),
        shift: shiftOf(`${at}.shift`, r.shift),
        weight: r.weight,
      };
    });
  const onRequests = request(problem.onRequests, 'onRequests');
  const offRequests = request(problem.offRequests, 'offRequests');

  const coverAt = new Int32Array(D * T).fill(-1);
  const cover: CompiledCover[] = (problem.cover ?? []).map((c, k) => {
    const at = `cover[${k}]`;
    const d = dayOf(`${at}.day`, c.day);
    const t = shiftOf(`${at}.shift`, c.shift);
    if (coverAt[d * T + t] >= 0) fail(at, `day ${d} shift "${c.shift}" has a cover entry already`);
    if (!isCount(c.requirement)) fail(`${at}.requirement`, `must be a whole number ≥ 0, got ${c.requirement}`);
    if (!isWeight(c.underWeight)) fail(`${at}.underWeight`, `must be a number ≥ 0, got ${c.underWeight}`);
    if (!isWeight(c.overWeight)) fail(`${at}.overWeight`, `must be a number ≥ 0, got ${c.overWeight}`);
    if (!Number.isInteger(c.underWeight) || !Number.isInteger(c.overWeight)) integral = false;
    coverAt[d * T + t] = k;
    return { day: d, shift: t, requirement: c.requirement, underWeight: c.underWeight, overWeight: c.overWeight };
  });

  return {
    problem,
    S,
    D,
    T,
    minutes,
    nextMinutes,
    unitMinutes,
    forbidden,
    maxShifts,
    minMinutes,
    maxMinutes,
    maxConsecutive,
    minConsecutive,
    minConsecutiveOff,
    maxWeekends,
    weekends: problem.weekends.map((w) => [...new Set(w)].sort((a, b) => a - b)),
    windowOffset,
    windowFrom: Int32Array.from(windowList, (w) => w.from),
    windowTo: Int32Array.from(windowList, (w) => w.to),
    windowMaxMinutes: Float64Array.from(windowList, (w) => w.maxMinutes),
    windowMaxDays: Float64Array.from(windowList, (w) => w.maxDays),
    windowNightBeforeEnd: Uint8Array.from(windowList, (w) => w.nightBeforeEnd),
    busyMorning,
    busyBefore,
    dayOff,
    busyNights: Int32Array.from(
      [...Array(T).keys()].filter(
        (t) => busyMorning.subarray(t * T, (t + 1) * T).includes(1) || staffBusyAfter(busyBefore, S, D, T, t),
      ),
    ),
    allowed,
    fixedCell,
    onRequests,
    offRequests,
    coverAt,
    cover,
    integralObjective: integral,
  };
}

/** Some staff member's duty outside the roster leaves a morning after night t short of a free day. */
function staffBusyAfter(busyBefore: Uint8Array, S: number, D: number, T: number, t: number): boolean {
  for (let i = 0; i < S * (D + 1); i++) if (busyBefore[i * T + t]) return true;
  return false;
}

/** Greatest common divisor of the (whole-minute) shift lengths; 1 when lengths are fractional. */
function minuteUnit(minutes: Float64Array): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let g = 0;
  for (const m of minutes) {
    if (!Number.isInteger(m)) return 1;
    if (m > 0) g = gcd(g, m);
  }
  return g > 0 ? g : 1;
}

/** Objective of a roster grid, computed directly from the compiled data (requests + cover). */
export function rosterObjective(c: CompiledRoster, grid: ArrayLike<number>[]): number {
  let z = 0;
  for (const r of c.onRequests) if (grid[r.staff][r.day] !== r.shift) z += r.weight;
  for (const r of c.offRequests) if (grid[r.staff][r.day] === r.shift) z += r.weight;
  const count = new Int32Array(c.D * c.T);
  for (let s = 0; s < c.S; s++) for (let d = 0; d < c.D; d++) if (grid[s][d] >= 0) count[d * c.T + grid[s][d]]++;
  for (const cv of c.cover) {
    const n = count[cv.day * c.T + cv.shift];
    z += n < cv.requirement ? (cv.requirement - n) * cv.underWeight : (n - cv.requirement) * cv.overWeight;
  }
  return z;
}
