// A resident's duty in the block model, counted by the compliance engine's own definition
// (core/rules/duty-items.ts): the same pieces of real time for half-days, in-house and home
// calls, callbacks and moonlighting, split at the same local midnights, the same union (an hour
// counts once), and the same leave days. What is fixed (calls, locked and context half-days,
// moonlighting, callbacks) is a constant per day; an open cell adds, per candidate activity, the
// part of its time that no fixed piece already covers. Two open cells that overlap each other
// would be counted twice (never the case for AM/PM half-days of one day); that only makes the
// model stricter than the validator, never looser.
import { freeAgainAfter, type RestAfterCallParams } from '../../domain/rest-after-call';
import type { AbsenceType, IsoDate } from '../../domain/types';
import { HOUR_MS, zoneClock, type ZoneClock } from '../../rules/clock';
import {
  callbackPiece,
  callPiece,
  halfDayPiece,
  isScheduledWork,
  isWork,
  joinsPeriod,
  moonlightingPiece,
  splitByDay,
  uncovered,
  unionOf,
  type DutyPiece,
} from '../../rules/duty-items';
import { awayNotOnLeaveDays, leaveCoverage, type AwayParams } from '../../rules/windows';
import { HALVES, type BlockPerson, type BlockSetting } from './halfday-cells';

/** A per-day quantity: a constant plus weighted binary columns. */
export interface DayAmount {
  constant: number;
  terms: Map<number, number>;
}

/** A day's leave status: leave (1), not leave (0), or a column that is 1 exactly when nothing is scheduled. */
export type LeaveStatus = 0 | 1 | { col: number };

export interface ResidentDuty {
  clock: ZoneClock;
  /** Work hours per context day (moonlighting in or out, as the 80-hour rule says). */
  hours(includeMoonlighting: boolean): DayAmount[];
  /** Per context day: a fixed piece of duty or home call dated on it (the day is worked, never free). */
  fixedItemOn: Uint8Array;
  /** Per context day: fixed busy time (work or home call) runs into it from the day before. */
  fixedSpillInto: Uint8Array;
  /** Per context day: the latest instant fixed busy time that runs into it from the day before ends (0: none). */
  fixedSpillEnd: Float64Array;
  /** Per context day: the earliest instant a fixed piece dated on it starts (Infinity: none). */
  fixedFirstStart: Float64Array;
  /** Leave status per context day under these leave types (as core/rules/windows leaveDays). */
  leave(types: readonly AbsenceType[], addLeaveColumn: (ci: number, busyCols: number[]) => number): LeaveStatus[];
  /** Per context day: away on an absence that is not leave under these types (never free; core/rules/windows). */
  awayNotOnLeave(p: AwayParams): Uint8Array;
  /** Runs of work that would break the continuous-work limit were every piece in them worked. */
  continuousRuns(limits: ContinuousLimits): ContinuousRun[];
  /** Pairs of work with less than the rule's rest between them, each with at least one open cell. */
  shortRests(minRestMs: number, breakMs: number): RestPair[];
  /** Work periods with in-house call that owe the rest-after-call rule's rest, and work inside that rest. */
  restAfterCallRuns(p: RestAfterCallParams, breakMs: number): RestPair[];
}

/** The continuous-work rule's limits in ms (core/rules/acgme-periods), and the break that ends a period. */
export interface ContinuousLimits {
  maxMs: number;
  withTransitionMs: number;
  breakMs: number;
}

/**
 * Fixed work and open cells that join into one work period when all are worked, and then run
 * past the limit (or have new patient care past 24 h): at least one of the open cells must not
 * be work. `cells` holds, per open cell, its work columns (their sum is 1 when the cell is work).
 */
export interface ContinuousRun {
  start: number;
  end: number;
  cells: number[][];
}

/**
 * @param ctxDates the model's context days (the block with the rules' reach on both sides)
 * @param blockOffset index of the block's first day in ctxDates
 * @param choice open cells' columns by slot (block slots only) and activity code
 */
export function residentDuty(
  s: BlockSetting,
  bp: BlockPerson,
  ctxDates: IsoDate[],
  blockOffset: number,
  choice: Map<string, number>[],
): ResidentDuty {
  const { data, activities } = s;
  const id = bp.person.id;
  const n = ctxDates.length;
  const clock = zoneClock(data.settings.timeZone, ctxDates[0], ctxDates[n - 1]);
  const inBlock = (ci: number) => ci >= blockOffset && ci < blockOffset + s.dates.length;

  // Fixed pieces (work and home call) and the open cells' candidate pieces.
  const fixed: DutyPiece[] = [];
  const open: { col: number; piece: DutyPiece; slot: number }[] = [];
  for (let ci = 0; ci < n; ci++) {
    for (let h = 0; h < 2; h++) {
      const half = HALVES[h];
      if (inBlock(ci)) {
        const slot = (ci - blockOffset) * 2 + h;
        const cell = bp.cells[slot];
        if (cell.kind === 'fixed') {
          const piece = halfDayPiece(clock, activities.get(cell.code)!, half, ci);
          if (piece) fixed.push(piece);
        } else {
          for (const [code, col] of choice[slot]) {
            const piece = halfDayPiece(clock, activities.get(code)!, half, ci);
            if (piece) open.push({ col, piece, slot });
          }
        }
      } else {
        const a = s.existing.at(s.slotFrom(bp.row, ci - blockOffset, h));
        const activity = a ? activities.get(a.activityCode) : undefined;
        const piece = activity ? halfDayPiece(clock, activity, half, ci) : null;
        if (piece) fixed.push(piece);
      }
    }
  }
  const callTypes = new Map(data.callTypes.map((t) => [t.code, t]));
  for (const c of s.calls) {
    if (c.personId !== id) continue;
    const type = callTypes.get(c.callTypeCode);
    const day = clock.offsetOf(c.date);
    // A call starting the day before the context can still run into its first day.
    if (!type || day < -1 || day >= n) continue;
    const piece = callPiece(clock, type, day);
    if (piece) fixed.push(piece);
  }
  for (const m of data.moonlighting) if (m.personId === id) pushTimed(fixed, moonlightingPiece(clock, m));
  for (const c of data.callbacks) if (c.personId === id) pushTimed(fixed, callbackPiece(clock, c));

  const fixedItemOn = new Uint8Array(n);
  const fixedSpillInto = new Uint8Array(n);
  const fixedSpillEnd = new Float64Array(n);
  const fixedFirstStart = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const p of fixed) {
    const first = clock.dayOfInstant(p.start);
    const last = clock.dayOfInstant(p.end - 1);
    if (first >= 0 && first < n) {
      fixedItemOn[first] = 1;
      fixedFirstStart[first] = Math.min(fixedFirstStart[first], p.start);
    }
    for (let d = Math.max(first + 1, 0); d <= Math.min(last, n - 1); d++) {
      fixedSpillInto[d] = 1;
      fixedSpillEnd[d] = Math.max(fixedSpillEnd[d], p.end);
    }
  }

  const hoursMemo = new Map<boolean, DayAmount[]>();
  const hours = (includeMoonlighting: boolean): DayAmount[] => {
    const known = hoursMemo.get(includeMoonlighting);
    if (known) return known;
    const out: DayAmount[] = ctxDates.map(() => ({ constant: 0, terms: new Map() }));
    const fixedUnion = unionOf(
      fixed.filter((p) => isWork(p.kind) && (includeMoonlighting || p.kind !== 'moonlighting')),
    );
    for (let i = 0; i < fixedUnion.length; i += 2)
      splitByDay(clock, fixedUnion[i], fixedUnion[i + 1], (d, ms) => (out[d].constant += ms / HOUR_MS));
    for (const { col, piece } of open) {
      const parts = uncovered(fixedUnion, piece.start, piece.end);
      for (let i = 0; i < parts.length; i += 2)
        splitByDay(clock, parts[i], parts[i + 1], (d, ms) =>
          out[d].terms.set(col, (out[d].terms.get(col) ?? 0) + ms / HOUR_MS),
        );
    }
    hoursMemo.set(includeMoonlighting, out);
    return out;
  };

  // Busy time (work and home call) per day: fixed, and the open cells' columns that would add some.
  const busyFixed = new Float64Array(n);
  const busyUnion = unionOf(fixed);
  for (let i = 0; i < busyUnion.length; i += 2)
    splitByDay(clock, busyUnion[i], busyUnion[i + 1], (d, ms) => (busyFixed[d] += ms));
  const busyCols: number[][] = ctxDates.map(() => []);
  for (const { col, piece } of open) splitByDay(clock, piece.start, piece.end, (d) => busyCols[d].push(col));
  const nothingScheduled = new Map<number, number>();
  const personAbsences = data.absences.filter((a) => a.personId === id);
  const leave = (
    types: readonly AbsenceType[],
    addLeaveColumn: (ci: number, busyCols: number[]) => number,
  ): LeaveStatus[] => {
    const covered = leaveCoverage(clock, personAbsences, types);
    return ctxDates.map((_, ci): LeaveStatus => {
      if (!covered[ci] || busyFixed[ci] > 0) return 0;
      if (!busyCols[ci].length) return 1;
      let col = nothingScheduled.get(ci);
      if (col === undefined) nothingScheduled.set(ci, (col = addLeaveColumn(ci, busyCols[ci])));
      return { col };
    });
  };

  let units: RunUnit[] | null = null;
  const unitsOfWork = () => (units ??= runUnits(fixed, open, (slot) => choice[slot].size));
  const continuousRuns = (limits: ContinuousLimits) => workRuns(unitsOfWork(), limits);
  // The rest between work periods is measured between scheduled work: callbacks left out (isScheduledWork).
  let scheduledUnits: RunUnit[] | null = null;
  const scheduledWork = () =>
    (scheduledUnits ??= runUnits(
      fixed.filter((p) => isScheduledWork(p.kind)),
      open,
      (slot) => choice[slot].size,
    ));
  const shortRests = (minRestMs: number, breakMs: number) => restPairs(scheduledWork(), minRestMs, breakMs);
  const restAfterCallRuns = (p: RestAfterCallParams, breakMs: number) => restAfterCall(unitsOfWork(), p, breakMs);

  const awayNotOnLeave = (p: AwayParams) => awayNotOnLeaveDays(clock, personAbsences, p);
  return {
    clock,
    hours,
    fixedItemOn,
    fixedSpillInto,
    fixedSpillEnd,
    fixedFirstStart,
    leave,
    awayNotOnLeave,
    continuousRuns,
    shortRests,
    restAfterCallRuns,
  };
}

/** The end of one piece of work and the start of the next, and the open cells' work columns. */
export interface RestPair {
  start: number;
  end: number;
  cells: number[][];
}

/** A piece of work in a run: fixed (cols null) or an open cell spanning its candidates' times. */
interface RunUnit {
  start: number;
  end: number;
  careEnd: number;
  /** Wall-clock length of an in-house call (0 for other work), as the engine's periods count it. */
  callMs: number;
  cols: number[] | null;
  /** An open cell whose every candidate is work. */
  forced: boolean;
}

/**
 * Work as units for the period rows: fixed work, and open cells with the earliest start and
 * latest end of their work candidates (that only makes the model stricter than the engine, never
 * looser). A cell lying wholly inside fixed work cannot join or part anything and is left out.
 */
function runUnits(
  fixed: DutyPiece[],
  open: { col: number; piece: DutyPiece; slot: number }[],
  choices: (slot: number) => number,
): RunUnit[] {
  const fixedWork = fixed.filter((p) => isWork(p.kind));
  const units: RunUnit[] = fixedWork.map((p) => ({
    start: p.start,
    end: p.end,
    careEnd: p.patientCare ? p.end : -Infinity,
    callMs: p.inHouseCall ? p.nominalMs : 0,
    cols: null,
    forced: false,
  }));
  const cells = new Map<number, RunUnit>();
  for (const { col, piece, slot } of open) {
    if (!isWork(piece.kind)) continue;
    const u = cells.get(slot);
    const careEnd = piece.patientCare ? piece.end : -Infinity;
    if (!u) cells.set(slot, { start: piece.start, end: piece.end, careEnd, callMs: 0, cols: [col], forced: false });
    else {
      u.start = Math.min(u.start, piece.start);
      u.end = Math.max(u.end, piece.end);
      u.careEnd = Math.max(u.careEnd, careEnd);
      u.cols!.push(col);
    }
  }
  if (!cells.size) return [];
  for (const [slot, u] of cells) u.forced = u.cols!.length === choices(slot);
  const fixedUnion = unionOf(fixedWork);
  for (const u of cells.values()) if (uncovered(fixedUnion, u.start, u.end).length) units.push(u);
  return units.sort((x, y) => x.start - y.start || x.end - y.end);
}

/**
 * The smallest runs, from each unit on, that join into one period (each next unit starts less
 * than the break after the run's end, as core/rules/duty periods() joins them) and break the
 * limit.
 */
function workRuns(units: RunUnit[], limits: ContinuousLimits): ContinuousRun[] {
  const runs: ContinuousRun[] = [];
  for (let i = 0; i < units.length; i++) {
    const start = units[i].start;
    let end = units[i].end;
    let careEnd = units[i].careEnd;
    for (let j = i + 1; j < units.length && joinsPeriod(end, units[j].start, limits.breakMs); j++) {
      end = Math.max(end, units[j].end);
      careEnd = Math.max(careEnd, units[j].careEnd);
      if (end - start <= limits.withTransitionMs && careEnd - start <= limits.maxMs) continue;
      const run = units.slice(i, j + 1);
      const openCols = run.flatMap((u) => (u.cols ? [u.cols] : []));
      // When fixed work and cells that can only be work break the limit, nothing here can avoid
      // it: the engine reports it, and the block is still generated.
      if (run.some((u) => u.cols && !u.forced)) runs.push({ start, end, cells: openCols });
      break;
    }
  }
  return runs;
}

/**
 * Two pieces of work, at least one an open cell, that end and start two work periods with less
 * rest between them than the rule asks (nothing else worked in between): the pair's cells.
 */
function restPairs(units: RunUnit[], minRestMs: number, breakMs: number): RestPair[] {
  const pairs: RestPair[] = [];
  for (let i = 0; i < units.length; i++) {
    const a = units[i];
    for (let j = i + 1; j < units.length; j++) {
      const b = units[j];
      const gap = b.start - a.end;
      if (gap >= minRestMs) break; // units are in start order: later ones start later still
      if (joinsPeriod(a.end, b.start, breakMs) || (!a.cols && !b.cols)) continue;
      // Something in between (starting before b, ending after a) joins or parts them otherwise.
      if (units.slice(i + 1, j).some((u) => u.end > a.end)) continue;
      if (units.slice(0, i).some((u) => u.end > a.end && u.start < b.start)) continue;
      pairs.push({ start: a.end, end: b.start, cells: [a.cols, b.cols].filter((c): c is number[] => c !== null) });
    }
  }
  return pairs;
}

/**
 * Runs of work joined into one period (as core/rules/duty periods() joins them) that hold in-house
 * call and owe the rest after it (core/domain/rest-after-call), each with a later piece of work
 * that would start inside that rest: not all of them may be worked. A call long enough alone
 * already has its rest cells (post-call-rest); these are the calls that owe rest only with the work
 * joined before or after them. Without an open cell nothing here can avoid it: the engine reports it.
 */
function restAfterCall(units: RunUnit[], p: RestAfterCallParams, breakMs: number): RestPair[] {
  const out: RestPair[] = [];
  const seen = new Set<string>();
  const freeAfterAlone = units.map((u) =>
    u.callMs ? (freeAgainAfter({ start: u.start, end: u.end, inHouseCallMs: u.callMs }, p) ?? 0) : 0,
  );
  const avoidable = (u: RunUnit) => !!u.cols && !u.forced;
  for (let i = 0; i < units.length; i++) {
    const start = units[i].start;
    let end = start;
    let callMs = 0;
    let restCellsUntil = 0;
    for (let j = i; j < units.length && (j === i || joinsPeriod(end, units[j].start, breakMs)); j++) {
      end = Math.max(end, units[j].end);
      callMs = Math.max(callMs, units[j].callMs);
      restCellsUntil = Math.max(restCellsUntil, freeAfterAlone[j]);
      const freeAt = freeAgainAfter({ start, end, inHouseCallMs: callMs }, p);
      if (freeAt === null) continue;
      const run = units.slice(i, j + 1);
      for (let k = j + 1; k < units.length && units[k].start < freeAt; k++) {
        const next = units[k];
        // Joined to the run it makes a longer run; the rest a call owes alone is its rest cells' job.
        if (joinsPeriod(end, next.start, breakMs) || next.start < restCellsUntil) continue;
        if (!run.some(avoidable) && !avoidable(next)) continue;
        const cells = [...run, next].flatMap((u) => (u.cols ? [u.cols] : []));
        const key = cells.map((c) => c[0]).join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ start: end, end: next.start, cells });
      }
    }
  }
  return out;
}

function pushTimed(out: DutyPiece[], piece: DutyPiece | null): void {
  if (piece) out.push(piece);
}
