// Hard rules of one staff member's line (shift successions, run lengths, shift counts, minutes,
// weekends, day windows) as a violation measure: staffViolation reads the whole line; LineCheck
// keeps each line's parts and, for a move that changes a few days, re-reads only the runs around
// them and the counts they change (a year roster's line is 364 days; a move touches 1–7).
import { type NightMornings, nightMorningsScratch, readNightMornings } from './mornings';
import type { CompiledRoster } from './problem';

/**
 * Hard-rule violation of one staff member's line, 0 when feasible. Each broken rule counts by
 * how far it is off (days, shifts, or minute units), so the walk is guided back to feasibility.
 */
export function staffViolation(c: CompiledRoster, s: number, line: Int16Array, count: Int32Array): number {
  const { D, T } = c;
  let v = 0;
  count.fill(0);
  let minutes = 0;
  let run = 0;
  let off = 0;
  let started = false;
  const maxRun = c.maxConsecutive[s];
  const minRun = c.minConsecutive[s];
  const minOff = c.minConsecutiveOff[s];
  for (let d = 0; d < D; d++) {
    const t = line[d];
    if (t >= 0) {
      count[t]++;
      minutes += c.minutes[t];
      if (d > 0 && line[d - 1] >= 0 && c.forbidden[line[d - 1] * T + t]) v++;
      // An off run between two working runs must be long enough (runs at the edges are exempt).
      if (off > 0 && started && off < minOff) v += minOff - off;
      off = 0;
      run++;
      started = true;
    } else {
      // A working run that started after day 0 and ended before the last day.
      if (run > 0) {
        if (run > maxRun) v += run - maxRun;
        if (run < minRun && d - run > 0) v += minRun - run;
      }
      run = 0;
      off++;
    }
  }
  if (run > maxRun) v += run - maxRun;
  for (let t = 0; t < T; t++) if (count[t] > c.maxShifts[s * T + t]) v += count[t] - c.maxShifts[s * T + t];
  const unit = c.unitMinutes;
  if (minutes > c.maxMinutes[s]) v += Math.ceil((minutes - c.maxMinutes[s]) / unit - 1e-9);
  if (minutes < c.minMinutes[s]) v += Math.ceil((c.minMinutes[s] - minutes) / unit - 1e-9);
  let weekends = 0;
  for (const w of c.weekends) {
    for (const d of w) {
      if (line[d] >= 0) {
        weekends++;
        break;
      }
    }
  }
  if (weekends > c.maxWeekends[s]) v += weekends - c.maxWeekends[s];
  if (c.windowOffset[s + 1] > c.windowOffset[s]) v += windowViolation(c, s, line);
  return v;
}

/** Prefix sums of minutes and worked days (a busy morning counted) by day, and a line's mornings. Reused. */
let windowScratch: { minutes: Float64Array; days: Int32Array; busy: Int32Array; mornings: NightMornings | null } = {
  minutes: new Float64Array(0),
  days: new Int32Array(0),
  busy: new Int32Array(0),
  mornings: null,
};

/** How far a line is over its day windows: minute units and days. */
function windowViolation(c: CompiledRoster, s: number, line: Int16Array): number {
  const D = c.D;
  if (windowScratch.minutes.length < D + 1)
    windowScratch = {
      minutes: new Float64Array(D + 1),
      days: new Int32Array(D + 1),
      busy: new Int32Array(D + 1),
      mornings: null,
    };
  const { minutes, days, busy } = windowScratch;
  const ms = windowScratch.mornings;
  const mornings =
    ms && ms.morning.length === D && ms.early.length === c.busyNights.length * (D + 1) ? ms : nightMorningsScratch(c);
  windowScratch.mornings = mornings;
  readNightMornings(c, s, line, mornings);
  const { morning, afterNight } = mornings;
  for (let d = 0; d < D; d++) {
    const t = line[d];
    const prev = d > 0 ? line[d - 1] : -1;
    const m = (t >= 0 ? c.minutes[t] - c.nextMinutes[t] : 0) + (prev >= 0 ? c.nextMinutes[prev] : 0);
    minutes[d + 1] = minutes[d] + m;
    days[d + 1] = days[d] + (t >= 0 ? 1 : 0);
    busy[d + 1] = busy[d] + morning[d];
  }
  let v = 0;
  for (let w = c.windowOffset[s]; w < c.windowOffset[s + 1]; w++) {
    const from = c.windowFrom[w];
    const to = c.windowTo[w];
    const m = minutes[to + 1] - minutes[from];
    if (m > c.windowMaxMinutes[w] + 1e-9) v += Math.ceil((m - c.windowMaxMinutes[w]) / c.unitMinutes - 1e-9);
    const night = c.windowNightBeforeEnd[w];
    const n =
      days[to + 1] - days[from] + (night > 0 ? busy[to + 1] - busy[from] + afterNight[night === 2 ? D : to] : 0);
    if (n > c.windowMaxDays[w]) v += n - c.windowMaxDays[w];
  }
  return v;
}

/** Violation of shift successions and run lengths within days lo…hi, which start and end a run. */
function runViolation(c: CompiledRoster, s: number, line: Int16Array, lo: number, hi: number): number {
  const { D, T } = c;
  const maxRun = c.maxConsecutive[s];
  const minRun = c.minConsecutive[s];
  const minOff = c.minConsecutiveOff[s];
  let v = 0;
  let a = lo;
  for (let d = lo; d <= hi; d++) {
    const t = line[d];
    if (d > lo && t >= 0 && line[d - 1] >= 0 && c.forbidden[line[d - 1] * T + t]) v++;
    if (d < hi && line[d + 1] >= 0 === t >= 0) continue;
    // A run a…d: working runs are bounded both ways (the minimum not at the horizon's edges);
    // an off run between two working runs must be long enough.
    const len = d - a + 1;
    if (t >= 0) {
      if (len > maxRun) v += len - maxRun;
      if (len < minRun && a > 0 && d < D - 1) v += minRun - len;
    } else if (len < minOff && a > 0 && d < D - 1) v += minOff - len;
    a = d + 1;
  }
  return v;
}

/** Start of the run holding day d − 1 (0 at the horizon's start): a run boundary left of d. */
function runStartBefore(line: Int16Array, d: number): number {
  if (d === 0) return 0;
  let l = d - 1;
  const working = line[l] >= 0;
  while (l > 0 && line[l - 1] >= 0 === working) l--;
  return l;
}

/** End of the run holding day d + 1 (the last day at the horizon's end): a run boundary right of d. */
function runEndAfter(line: Int16Array, d: number, D: number): number {
  if (d === D - 1) return D - 1;
  let h = d + 1;
  const working = line[h] >= 0;
  while (h < D - 1 && line[h + 1] >= 0 === working) h++;
  return h;
}

/** One line's pending change: the days it changes, their old values, and the runs around them. */
interface Trial {
  s: number;
  /** Changed day ranges (inclusive pairs), at most two, sorted and apart. */
  ranges: Int32Array;
  /** Run-bounded segments around the ranges (inclusive pairs), one per range. */
  segments: Int32Array;
  /** Ranges (and segments) in use: 1 or 2. */
  parts: number;
  old: Int16Array;
  oldRuns: number;
  runs: number;
  windows: number;
}

/**
 * Each line's violation, kept up to date move by move. A move calls begin() for each line it
 * changes (before changing the grid), end() after (the line's new violation), and commit() when
 * it is kept; a rejected move only restores the grid.
 */
export class LineCheck {
  /** Current violation of each staff member's line (equal to staffViolation of the line). */
  readonly violation: Float64Array;
  private readonly runs: Float64Array;
  private readonly windows: Float64Array;
  private readonly count: Int32Array;
  private readonly countExcess: Float64Array;
  private readonly minutes: Float64Array;
  private readonly weekendDays: Int32Array;
  private readonly weekendsWorked: Int32Array;
  /** Weekends of each day: dayWeekends[dayWeekendOffset[d] … dayWeekendOffset[d + 1] − 1]. */
  private readonly dayWeekendOffset: Int32Array;
  private readonly dayWeekends: Int32Array;
  private readonly trials: Trial[];

  constructor(
    private readonly c: CompiledRoster,
    private readonly grid: Int16Array[],
  ) {
    const { S, D, T } = c;
    const K = c.weekends.length;
    this.violation = new Float64Array(S);
    this.runs = new Float64Array(S);
    this.windows = new Float64Array(S);
    this.count = new Int32Array(S * T);
    this.countExcess = new Float64Array(S);
    this.minutes = new Float64Array(S);
    this.weekendDays = new Int32Array(S * K);
    this.weekendsWorked = new Int32Array(S);
    const perDay: number[][] = Array.from({ length: D }, () => []);
    c.weekends.forEach((w, k) => {
      for (const d of w) perDay[d].push(k);
    });
    this.dayWeekendOffset = new Int32Array(D + 1);
    for (let d = 0; d < D; d++) this.dayWeekendOffset[d + 1] = this.dayWeekendOffset[d] + perDay[d].length;
    this.dayWeekends = Int32Array.from(perDay.flat());
    const trial = (): Trial => ({
      s: -1,
      ranges: new Int32Array(4),
      segments: new Int32Array(4),
      parts: 0,
      old: new Int16Array(D),
      oldRuns: 0,
      runs: 0,
      windows: 0,
    });
    this.trials = [trial(), trial()];
    for (let s = 0; s < S; s++) this.reset(s);
  }

  /** Recompute staff member s's parts from the whole line (after the grid was changed wholesale). */
  reset(s: number): void {
    const { c } = this;
    const { D, T } = c;
    const K = c.weekends.length;
    const line = this.grid[s];
    this.count.fill(0, s * T, (s + 1) * T);
    this.weekendDays.fill(0, s * K, (s + 1) * K);
    this.minutes[s] = 0;
    this.countExcess[s] = 0;
    this.weekendsWorked[s] = 0;
    for (let d = 0; d < D; d++) if (line[d] >= 0) this.addDay(s, d, line[d], 1);
    this.runs[s] = runViolation(c, s, line, 0, D - 1);
    this.windows[s] = c.windowOffset[s + 1] > c.windowOffset[s] ? windowViolation(c, s, line) : 0;
    this.violation[s] = this.total(s, this.runs[s], this.windows[s]);
  }

  /**
   * Before staff member s's days from…to (and from2…to2, when given) change: remember them and
   * the violation of the runs around them. `slot` (0 or 1) tells apart two lines changed together.
   */
  begin(slot: number, s: number, from: number, to: number, from2 = -1, to2 = -1): void {
    const { D } = this.c;
    const line = this.grid[s];
    const trial = this.trials[slot];
    trial.s = s;
    const { ranges, segments } = trial;
    if (from2 >= 0 && from2 < from) {
      // Sort the two ranges.
      const f = from;
      const t = to;
      from = from2;
      to = to2;
      from2 = f;
      to2 = t;
    }
    if (from2 > to + 1) {
      const lo1 = runStartBefore(line, from);
      const hi1 = runEndAfter(line, to, D);
      const lo2 = runStartBefore(line, from2);
      const hi2 = runEndAfter(line, to2, D);
      // Apart unless the runs around one range reach into the other: then one segment for both.
      if (hi1 < from2 - 1 && lo2 > to + 1) {
        trial.parts = 2;
        ranges[0] = from;
        ranges[1] = to;
        ranges[2] = from2;
        ranges[3] = to2;
        segments[0] = lo1;
        segments[1] = hi1;
        segments[2] = lo2;
        segments[3] = hi2;
      } else {
        trial.parts = 1;
        ranges[0] = from;
        ranges[1] = to2;
        segments[0] = lo1;
        segments[1] = hi2;
      }
    } else {
      const hi = from2 >= 0 ? Math.max(to, to2) : to;
      trial.parts = 1;
      ranges[0] = from;
      ranges[1] = hi;
      segments[0] = runStartBefore(line, from);
      segments[1] = runEndAfter(line, hi, D);
    }
    let oldRuns = 0;
    for (let i = 0; i < 2 * trial.parts; i += 2) oldRuns += runViolation(this.c, s, line, segments[i], segments[i + 1]);
    trial.oldRuns = oldRuns;
    for (let i = 0; i < 2 * trial.parts; i += 2)
      for (let d = ranges[i]; d <= ranges[i + 1]; d++) trial.old[d] = line[d];
  }

  /** After the change: the line's new violation (nothing is kept until commit). */
  end(slot: number): number {
    const { c } = this;
    const trial = this.trials[slot];
    const s = trial.s;
    const line = this.grid[s];
    let runs = this.runs[s] - trial.oldRuns;
    for (let i = 0; i < 2 * trial.parts; i += 2)
      runs += runViolation(c, s, line, trial.segments[i], trial.segments[i + 1]);
    trial.runs = runs;
    trial.windows = c.windowOffset[s + 1] > c.windowOffset[s] ? windowViolation(c, s, line) : 0;
    this.shiftDays(trial, 1);
    const v = this.total(s, runs, trial.windows);
    this.shiftDays(trial, -1);
    return v;
  }

  /** Keep the change measured by end(slot). */
  commit(slot: number): void {
    const trial = this.trials[slot];
    const s = trial.s;
    this.shiftDays(trial, 1);
    this.runs[s] = trial.runs;
    this.windows[s] = trial.windows;
    this.violation[s] = this.total(s, trial.runs, trial.windows);
  }

  private total(s: number, runs: number, windows: number): number {
    const { c } = this;
    const unit = c.unitMinutes;
    const minutes = this.minutes[s];
    let v = runs + windows + this.countExcess[s];
    if (minutes > c.maxMinutes[s]) v += Math.ceil((minutes - c.maxMinutes[s]) / unit - 1e-9);
    if (minutes < c.minMinutes[s]) v += Math.ceil((c.minMinutes[s] - minutes) / unit - 1e-9);
    if (this.weekendsWorked[s] > c.maxWeekends[s]) v += this.weekendsWorked[s] - c.maxWeekends[s];
    return v;
  }

  /** Move the counts from the trial's old values to the line's (by = 1), or back (by = −1). */
  private shiftDays(trial: Trial, by: 1 | -1): void {
    const line = this.grid[trial.s];
    const ranges = trial.ranges;
    for (let i = 0; i < 2 * trial.parts; i += 2) {
      for (let d = ranges[i]; d <= ranges[i + 1]; d++) {
        const was = trial.old[d];
        const now = line[d];
        if (was === now) continue;
        if (was >= 0) this.addDay(trial.s, d, was, -by);
        if (now >= 0) this.addDay(trial.s, d, now, by);
      }
    }
  }

  /** Count (by = 1) or uncount (by = −1) shift t on day d of staff member s. */
  private addDay(s: number, d: number, t: number, by: number): void {
    const { c } = this;
    const T = c.T;
    const K = c.weekends.length;
    const i = s * T + t;
    const before = this.count[i];
    this.count[i] = before + by;
    const max = c.maxShifts[i];
    this.countExcess[s] += Math.max(0, before + by - max) - Math.max(0, before - max);
    this.minutes[s] += by * c.minutes[t];
    for (let k = this.dayWeekendOffset[d]; k < this.dayWeekendOffset[d + 1]; k++) {
      const w = s * K + this.dayWeekends[k];
      const was = this.weekendDays[w];
      this.weekendDays[w] = was + by;
      if (was === 0) this.weekendsWorked[s]++;
      else if (was + by === 0) this.weekendsWorked[s]--;
    }
  }
}
