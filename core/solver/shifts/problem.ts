// A block's shift-based rotations as roster problems: for each rotation with shifts, its residents
// (those on it on any day of the block) × the block's days × its shifts, with
// - cover per day and shift from the rotation (soft, a shortfall costs far more than an extra);
// - the rotation's limits: rest between shifts (as forbidden successions), most shifts in a row,
//   shift hours a week over the resident's available days, whole weekends off;
// - the ACGME rules and program policies over every window that reaches into the block (80 hours
//   a week, one day in seven free, most consecutive worked days), with what the days around hold
//   taken off each window's limit, as the half-day model does;
// - days off the rotation, blocking absences, locked slots and standing rules (a lecture) as days
//   or shifts the resident cannot work, and rest kept around any fixed duty;
// - requested (not yet approved) absences as shifts to avoid.
// The generated cells then enter the half-day model as fixed (halfday-cells `shiftCells`).
import { addDays, datesInRange } from '../../domain/calendar';
import {
  restMinutes,
  shiftCover,
  shiftMinuteLimits,
  shiftSpanOf,
  weekendsOffRequired,
  type ShiftSpan,
} from '../../domain/shifts';
import type {
  Activity,
  AbsenceType,
  Block,
  HalfDay,
  IsoDate,
  IsoWeekday,
  Rotation,
  RuleConfig,
  ShiftRotation,
} from '../../domain/types';
import type { RosterProblem, RosterStaff, RosterWindow } from '../roster';
import type { BlockPerson, BlockSetting } from '../models/halfday-cells';
import { dayOffAfterNightIsShort, dutyDayEdges } from '../models/night-ends';
import { compiledRulesOfType, ruleApplies, weightOf, weekdayOf } from '../models/program-view';
import { zoneClock, type ZoneClock } from '../../rules/clock';
import { breaksContinuousWork } from '../../rules/acgme-periods';
import { RULE_DESCRIPTIONS, ruleName } from '../../rules/descriptions';
import { plural } from '../../rules/explain';
import { awayNotOnLeaveDays } from '../../rules/windows';
import { allowedWindowHours, averagingPeriods } from '../../rules/acgme-hours';
import { requiredFreeDays } from '../../rules/acgme-days-off';
import {
  callbackPiece,
  callPiece,
  halfDayPiece,
  isScheduledWork,
  isWork,
  moonlightingPiece,
  shiftStretch,
  splitByDay,
  type DutyPiece,
} from '../../rules/duty-items';

const DAY = 24 * 60;
const MINUTE_MS = 60_000;

export type ShiftBasedRotation = Rotation & { shifts: ShiftRotation };

/** One shift of the rotation, in problem order. */
export interface RosterShift {
  code: string;
  activity: Activity;
  span: ShiftSpan;
}

/** The roster of one shift-based rotation in one block, and what is needed to read its answer back. */
export interface ShiftRosterPlan {
  rotation: ShiftBasedRotation;
  block: Block;
  label: string;
  problem: RosterProblem;
  /** Residents in problem order. */
  people: BlockPerson[];
  shifts: RosterShift[];
  dates: IsoDate[];
  /** onRotation[s][d]: resident s is on the rotation that day. */
  onRotation: boolean[][];
  /** Why each resident's hour limits are what they are (for explanations). */
  notes: string[];
  /** Days each resident is on the rotation and not away (what the rotation's weekly hours are averaged over). */
  availableDays: number[];
  /** The rules that limit each resident's shifts, in the coordinator's words (shift-hours.ts lifts them in turn). */
  rules: RosterRule[];
  /** windowRules[s][k]: the id of the rule behind window k of resident s. */
  windowRules: string[][];
  /** Activity of the half-days off around a night-float run's end (the post-call day), when the program has one. */
  afterNightCode: string | null;
  nightCode: string | null;
  /** The shift (activity code) of each roster shift type: a shift, or a shift on one day of a clock change. */
  shiftOfType: Map<string, string>;
}

/**
 * A shift type of the roster: a rotation's shift on the days its real times are its wall-clock times, or the same
 * shift on one day whose shifts, or the rest after them, hold a daylight-saving change (`day`), with its real minutes.
 */
interface DayShiftType {
  id: string;
  shift: RosterShift;
  day: number | null;
  minutes: number;
  minutesNextDay: number;
}

/** A rule the roster keeps, so a cap on a resident's hours can be traced to it. */
export interface RosterRule {
  /** REST, SHIFTS_IN_A_ROW, WEEKENDS_OFF, or the program rule's id (its windows). */
  id: string;
  /** The rule with its setting: "One day off in seven: 4 free days in every 28". */
  words: string;
  /** An ACGME requirement (fixed), rather than the rotation's setting or a program policy. */
  acgme: boolean;
}

/** Rule ids of the rotation's own settings (the program's rules go by their config id). */
export const REST = 'rotation:rest';
export const SHIFTS_IN_A_ROW = 'rotation:shifts_in_a_row';
export const WEEKENDS_OFF = 'rotation:weekends_off';

type TaggedWindow = RosterWindow & { rule: string };

interface WindowLeaveParams {
  excludeLeave: boolean;
  leaveTypes: AbsenceType[];
  minAveragingDays: number;
}
interface HoursParams extends WindowLeaveParams {
  limitHours: number;
  windowDays: number;
  averageShortRotations: boolean;
}
interface DaysOffParams extends WindowLeaveParams {
  minDaysOff: number;
  windowDays: number;
  freeHours: number;
  awayTypes: AbsenceType[];
}

/** Stretches of fixed duty of one resident, minutes from midnight of the block's first day. */
interface FixedDuty {
  /** Scheduled work (callbacks left out: rest is measured between scheduled work, isScheduledWork). */
  intervals: [number, number][];
  /** Duty minutes on each context day (index + reach), split at midnight. */
  minutesOn: Float64Array;
  /** A day with duty (a half-day, a call, moonlighting) dated on it, or reached into by one. */
  worked: Uint8Array;
  /**
   * Days inside the block off the rotation whose half-days are already fixed (a weekend, a holiday,
   * a rotation's fixed pattern): worked or free as `worked` says, like the days around the block.
   */
  settled: Uint8Array;
  /**
   * Days inside the block off the rotation right after its last day, which the half-day model makes
   * the post-call day (free) when that last day holds a night (halfday-cells): with a night or not,
   * one of the two days is free.
   */
  afterRun: Uint8Array;
}

export function shiftBasedRotations(setting: BlockSetting): ShiftBasedRotation[] {
  const used = new Set<string>();
  for (const bp of setting.people) for (const r of bp.rotations) if (r?.shifts) used.add(r.id);
  return setting.data.rotations.filter((r): r is ShiftBasedRotation => !!r.shifts && used.has(r.id));
}

/** The roster problems of every shift-based rotation residents are on in the block. */
export function buildShiftRosters(setting: BlockSetting): ShiftRosterPlan[] {
  return shiftBasedRotations(setting).map((rotation) => buildRotationRoster(setting, rotation));
}

function buildRotationRoster(setting: BlockSetting, rotation: ShiftBasedRotation): ShiftRosterPlan {
  const { data, dates, block, activities } = setting;
  const D = dates.length;
  const zone = data.settings.timeZone;
  const policy = rotation.shifts;
  const shifts: RosterShift[] = policy.shifts.map((sh) => {
    const activity = activities.get(sh.activityCode);
    if (!activity)
      throw new Error(`Rotation ${rotation.code}: shift activity "${sh.activityCode}" is not defined in the program`);
    const span = shiftSpanOf(activity);
    if (typeof span === 'string') throw new Error(`Rotation ${rotation.code}: ${span}, so it cannot be a shift`);
    return { code: sh.activityCode, activity, span };
  });
  const people = setting.people.filter(
    (bp) => bp.role === 'resident' && bp.rotations.some((r) => r?.id === rotation.id),
  );
  const onRotation = people.map((bp) => bp.rotations.map((r) => r?.id === rotation.id));

  // Rest between shifts: the rotation's, and never less than the ACGME break between work periods.
  const acgmeRest = compiledRulesOfType<{ minRestHours: number }>(data.settings, 'acgme_rest_between').map(
    (r) => r.params.minRestHours * 60,
  );
  const minRest = Math.max(policy.minRestHours * 60, ...acgmeRest);
  const acgmeRestRule = compiledRulesOfType<{ minRestHours: number }>(data.settings, 'acgme_rest_between').find(
    (r) => r.params.minRestHours * 60 === minRest && minRest > policy.minRestHours * 60,
  );
  const hoursRules = compiledRulesOfType<HoursParams>(data.settings, 'acgme_80h');
  const offRules = compiledRulesOfType<DaysOffParams>(data.settings, 'acgme_day_off');
  const continuousRules = compiledRulesOfType<{ maxHours: number; transitionHours: number }>(
    data.settings,
    'acgme_continuous',
  );
  const freeDayTooShort = dayOffAfterNightIsShort(offRules);
  const consecutive = compiledRulesOfType<{ maxDays: number }>(data.settings, 'consecutive_days');
  const reach = Math.max(
    8,
    ...hoursRules.map((r) => r.params.windowDays),
    ...offRules.map((r) => r.params.windowDays),
    ...consecutive.map((r) => r.params.maxDays + 1),
    policy.maxConsecutiveShifts + 1,
  );
  const ctxDates = datesInRange(addDays(block.start, -reach), addDays(block.end, reach));
  const ctxClock = zoneClock(zone, ctxDates[0], ctxDates[ctxDates.length - 1]);
  // Hours and rest in real time (core/rules/duty-items), as the rules count them: on the days around a clock
  // change each shift is a type of its own with its real minutes, and rest to and from it is real.
  const types = dayShiftTypes(shifts, dates, reach, ctxClock);
  const typeOn = dayTypeIds(types);
  const restBetween = (a: DayShiftType, b: DayShiftType): number | null => {
    if (a.day !== null && b.day !== null && b.day !== a.day + 1) return null; // never on consecutive days
    const day = a.day ?? (b.day === null ? null : b.day - 1);
    if (day === null) return restMinutes(a.shift.span, 0, b.shift.span, 1);
    const end = shiftStretch(ctxClock, a.shift.span, day + reach).end;
    return (shiftStretch(ctxClock, b.shift.span, day + 1 + reach).start - end) / MINUTE_MS;
  };
  const rosterShifts = types.map((a) => ({
    id: a.id,
    minutes: a.minutes,
    minutesNextDay: a.minutesNextDay,
    forbiddenNext: types.filter((b) => (restBetween(a, b) ?? Infinity) < minRest).map((b) => b.id),
    ...(a.minutesNextDay > 0
      ? {
          busyMorningBefore: types
            .filter((b) => freeDayTooShort(a.shift.span.end - DAY, b.shift.span.start))
            .map((b) => b.id),
        }
      : {}),
  }));

  // Weekends of the block: Saturday + Sunday pairs inside it.
  const weekends: number[][] = [];
  for (let d = 0; d + 1 < D; d++) if (weekdayOf(dates[d]) === 6) weekends.push([d, d + 1]);

  const requestWeight = weightOf(data.settings, 'leaveOnEligibleRotation');
  const notes: string[] = [];
  const availableDays: number[] = [];
  const windowRules: string[][] = [];
  const staff: RosterStaff[] = [];
  const fixed: NonNullable<RosterProblem['fixed']> = [];
  const offRequests: RosterProblem['offRequests'] = [];

  people.forEach((bp, s) => {
    const id = bp.person.id;
    const on = onRotation[s];
    const daysOff: number[] = [];
    const shiftsOff: { day: number; shift: string }[] = [];
    const blockedHalf = new Set<string>(); // `${day}:${half}` taken by a fixed non-shift cell
    const duty = fixedDuty(setting, bp, on, reach, ctxDates, nightsOnly(setting, shifts));
    let available = 0;
    for (let d = 0; d < D; d++) {
      if (!on[d]) {
        daysOff.push(d);
        continue;
      }
      const cells = [bp.cells[d * 2], bp.cells[d * 2 + 1]];
      if (cells.some((c) => c.kind === 'fixed' && c.reason.kind === 'absence')) {
        daysOff.push(d);
        continue;
      }
      available++;
      cells.forEach((cell, h) => {
        if (cell.kind !== 'fixed' || cell.reason.kind === 'shift') return;
        const half: HalfDay = h === 0 ? 'AM' : 'PM';
        const t = shifts.findIndex((sh) => sh.code === cell.code && sh.span.halves.includes(half));
        if (cell.reason.kind === 'locked' && t >= 0)
          fixed.push({ staff: id, day: d, shift: typeOn(d, shifts[t].code) });
        else blockedHalf.add(`${d}:${half}`);
      });
    }
    // A shift may not take a half-day something else holds, nor come closer than the rest to fixed duty.
    const lockedDays = new Set(fixed.filter((f) => f.staff === id).map((f) => f.day));
    const origin = ctxClock.dayStart[reach];
    for (let d = 0; d < D; d++) {
      if (!on[d] || daysOff.includes(d) || lockedDays.has(d)) continue;
      shifts.forEach((sh) => {
        const stretch = shiftStretch(ctxClock, sh.span, d + reach);
        const from = (stretch.start - origin) / MINUTE_MS;
        const to = (stretch.end - origin) / MINUTE_MS;
        const clash = sh.span.halves.some((h) => blockedHalf.has(`${d}:${h}`));
        const tooClose = duty.intervals.some(([s0, e0]) => s0 < to + minRest && e0 > from - minRest);
        if (clash || tooClose) shiftsOff.push({ day: d, shift: typeOn(d, sh.code) });
      });
    }
    const continuous = continuousRules.filter((r) => ruleApplies(r.config, bp.person, bp.pgy));
    for (const type of types)
      for (let d = 0; d < D; d++) {
        if (!on[d] || daysOff.includes(d) || lockedDays.has(d)) continue;
        // A type is worked on its own day only; a shift longer than the continuous-work limit (a 24-hour shift
        // the night the clocks go back is 25 hours) not at all.
        const ownDay = type.id === typeOn(d, type.shift.code);
        if (!ownDay || continuous.some((r) => breaksContinuousWork(stretchOf(type, d), r.params)))
          shiftsOff.push({ day: d, shift: type.id });
      }
    // Requested absences: shifts on those days are avoided at a cost.
    for (const a of data.absences) {
      if (a.personId !== id || a.status !== 'requested') continue;
      for (let d = 0; d < D; d++)
        if (on[d] && a.start <= dates[d] && dates[d] <= a.end)
          for (const sh of shifts)
            offRequests.push({ staff: id, day: d, shift: typeOn(d, sh.code), weight: requestWeight });
    }

    availableDays.push(available);
    const limits = shiftMinuteLimits(policy, available);
    // Most shift minutes the resident could work at all: the minimum never asks for more.
    const longest = Math.max(...types.map((type) => type.minutes));
    const closedDays = new Set(
      [...new Set(shiftsOff.map((o) => o.day))].filter(
        (d) => new Set(shiftsOff.filter((o) => o.day === d).map((o) => o.shift)).size === types.length,
      ),
    );
    const couldWork = (available - closedDays.size) * longest;
    const minMinutes = Math.min(limits.min, couldWork);
    if (minMinutes < limits.min)
      notes.push(
        `${bp.person.name}: at most ${Math.round(couldWork / 60)} shift hours fit the available days (the rotation ` +
          `asks for ${Math.round(limits.min / 60)})`,
      );

    const weekendsOnRotation = weekends.filter((w) => w.every((d) => on[d])).length;
    const maxSpill = Math.max(0, ...rosterShifts.map((sh) => sh.minutesNextDay));
    const windows = contextWindows(setting, bp, on, duty, ctxDates, reach, maxSpill, policy.maxConsecutiveShifts, {
      hoursRules,
      offRules,
      consecutive,
    });
    const busyBefore = busyBeforeDuty(setting, on, duty, reach, rosterShifts, freeDayTooShort);
    windowRules.push(windows.map((w) => w.rule));
    staff.push({
      id,
      minMinutes,
      maxMinutes: limits.max,
      maxConsecutive: policy.maxConsecutiveShifts,
      // Whole weekends on the rotation minus those owed off; a weekend partly on it counts as worked if touched.
      maxWeekends: Math.max(0, weekendsOnRotation - weekendsOffRequired(policy, weekendsOnRotation)),
      daysOff,
      shiftsOff,
      windows: windows.map(({ rule: _rule, ...w }) => w),
      ...(busyBefore.length > 0 ? { busyBefore } : {}),
    });
  });

  const cover: RosterProblem['cover'] = [];
  for (let d = 0; d < D; d++) {
    const weekday = weekdayOf(dates[d]) as IsoWeekday;
    policy.shifts.forEach((sh) => {
      const requirement = shiftCover(sh.cover, weekday);
      // A missing resident costs far more than any request; an extra one a little (spread the hours).
      cover.push({ day: d, shift: typeOn(d, sh.activityCode), requirement, underWeight: 1000, overWeight: 1 });
    });
  }

  const postCall =
    compiledRulesOfType<{ afterNightFloat: string | null; nightFloatActivityCode?: string }>(
      data.settings,
      'post_call',
    )[0]?.params ?? null;
  const nightCode = postCall ? (postCall.nightFloatActivityCode ?? 'NF') : null;
  return {
    rotation,
    block,
    label: `Shift roster ${rotation.code}, block ${block.number} (${block.start}–${block.end})`,
    problem: {
      days: D,
      shifts: rosterShifts,
      staff,
      weekends,
      onRequests: [],
      offRequests,
      cover,
      fixed,
    },
    people,
    shifts,
    dates,
    onRotation,
    notes,
    availableDays,
    rules: rosterRules(rotation, minRest, acgmeRestRule?.config ?? null, rosterShifts, [
      ...hoursRules,
      ...offRules,
      ...consecutive,
    ]),
    windowRules,
    afterNightCode:
      postCall?.afterNightFloat && activities.has(postCall.afterNightFloat) ? postCall.afterNightFloat : null,
    nightCode: nightCode && shifts.some((sh) => sh.code === nightCode) ? nightCode : null,
    shiftOfType: new Map(types.map((type) => [type.id, type.shift.code])),
  };

  /** A type's real stretch on day `d` as a period of work, its patient care to its end when the shift is care. */
  function stretchOf(type: DayShiftType, d: number) {
    const { start, end } = shiftStretch(ctxClock, type.shift.span, d + reach);
    return { start, end, patientCareEnd: type.shift.activity.patientCare ? end : start };
  }
}

/**
 * The roster's shift types: each shift as it is on days whose real times are its wall-clock times, and the same
 * shift on each day of the block whose shifts (or the rest after them, to the next day's) hold a daylight-saving
 * change, with its real minutes there (core/rules/duty-items): 13 hours for a 19:00–07:00 night when the clocks
 * go back, 11 when they go forward.
 */
function dayShiftTypes(shifts: RosterShift[], dates: IsoDate[], reach: number, clock: ZoneClock): DayShiftType[] {
  const types: DayShiftType[] = shifts.map((shift) => ({
    id: shift.code,
    shift,
    day: null,
    minutes: shift.span.end - shift.span.start,
    minutesNextDay: Math.max(0, shift.span.end - DAY),
  }));
  const steady = (ci: number) => clock.dayStart[ci + 1] - clock.dayStart[ci] === DAY * MINUTE_MS;
  dates.forEach((date, d) => {
    const ci = d + reach;
    if (steady(ci) && steady(ci + 1)) return;
    for (const shift of shifts) {
      const { start, end } = shiftStretch(clock, shift.span, ci);
      types.push({
        id: `${shift.code}@${date}`,
        shift,
        day: d,
        minutes: (end - start) / MINUTE_MS,
        minutesNextDay: Math.max(0, (end - clock.dayStart[ci + 1]) / MINUTE_MS),
      });
    }
  });
  return types;
}

/** The id of the roster type of a shift (activity code) on a day of the block. */
function dayTypeIds(types: DayShiftType[]): (day: number, code: string) => string {
  const onDay = new Map(types.filter((t) => t.day !== null).map((t) => [`${t.day}:${t.shift.code}`, t.id]));
  return (day, code) => onDay.get(`${day}:${code}`) ?? code;
}

/**
 * Fixed duty of a resident around the roster, read with the compliance engine's own definition of
 * duty (core/rules/duty-items: the same pieces of real time, split at the same local midnights):
 * on context days outside the block, what is on file (half-days, calls, callbacks, moonlighting);
 * inside the block, fixed cells on the rotation's days (locked slots, standing rules) and calls.
 * Days inside the block off the rotation are the half-day model's to decide and hold nothing here.
 * Home call is not work (no hours, no rest around it) but keeps its day from being free.
 */
function fixedDuty(
  setting: BlockSetting,
  bp: BlockPerson,
  on: boolean[],
  reach: number,
  ctxDates: IsoDate[],
  postCallAfterRun: boolean,
): FixedDuty {
  const { data, activities, existing, dates } = setting;
  const D = dates.length;
  const n = ctxDates.length;
  const clock = zoneClock(data.settings.timeZone, ctxDates[0], ctxDates[n - 1]);
  const origin = clock.dayStart[reach];
  const intervals: [number, number][] = [];
  const minutesOn = new Float64Array(n);
  const worked = new Uint8Array(n);
  const settled = new Uint8Array(n);
  const afterRun = new Uint8Array(n);
  const add = (piece: DutyPiece | null, day: number) => {
    if (!piece) return;
    if (day >= 0 && day < n) worked[day] = 1;
    if (!isWork(piece.kind)) return;
    if (isScheduledWork(piece.kind)) intervals.push([(piece.start - origin) / 60_000, (piece.end - origin) / 60_000]);
    splitByDay(clock, piece.start, piece.end, (d, ms) => {
      minutesOn[d] += ms / 60_000;
      worked[d] = 1;
    });
  };
  ctxDates.forEach((d, ci) => {
    const di = ci - reach;
    if (di >= 0 && di < D && !on[di]) {
      const cells = [bp.cells[di * 2], bp.cells[di * 2 + 1]];
      // Worked or free already (its duty is the half-day model's to place: no rest is kept around it).
      if (cells.every((c) => c.kind === 'fixed')) {
        settled[ci] = 1;
        for (const [h, c] of cells.entries()) {
          const a = c.kind === 'fixed' ? activities.get(c.code) : undefined;
          if (a && halfDayPiece(clock, a, h === 0 ? 'AM' : 'PM', ci)) worked[ci] = 1;
        }
      }
      const locked = cells.some((c) => c.kind === 'fixed' && c.reason.kind === 'locked');
      if (postCallAfterRun && di > 0 && on[di - 1] && !locked) afterRun[ci] = 1;
    }
    for (const half of ['AM', 'PM'] as const) {
      let code: string | null = null;
      if (di >= 0 && di < D) {
        const cell = bp.cells[di * 2 + (half === 'AM' ? 0 : 1)];
        if (on[di] && cell.kind === 'fixed' && cell.reason.kind !== 'shift' && !shiftCodeOf(setting, cell.code))
          code = cell.code;
      } else code = existing.get(bp.person.id, d, half)?.activityCode ?? null;
      const a = code ? activities.get(code) : undefined;
      if (a) add(halfDayPiece(clock, a, half, ci), ci);
    }
  });
  const callTypes = new Map(data.callTypes.map((c) => [c.code, c]));
  for (const c of setting.calls) {
    const ci = c.personId === bp.person.id ? clock.indexOf(c.date) : -1;
    const t = callTypes.get(c.callTypeCode);
    if (ci >= 0 && t) add(callPiece(clock, t, ci), ci);
  }
  for (const m of data.moonlighting)
    if (m.personId === bp.person.id) add(moonlightingPiece(clock, m), clock.indexOf(m.start.slice(0, 10)));
  for (const c of data.callbacks ?? [])
    if (c.personId === bp.person.id) add(callbackPiece(clock, c), clock.indexOf(c.start.slice(0, 10)));
  return { intervals, minutesOn, worked, settled, afterRun };
}

/** Every shift of the rotation is the program's night float, followed by a post-call day. */
function nightsOnly(setting: BlockSetting, shifts: RosterShift[]): boolean {
  const postCall = compiledRulesOfType<{ afterNightFloat: string | null; nightFloatActivityCode?: string }>(
    setting.data.settings,
    'post_call',
  )[0]?.params;
  const night = postCall?.nightFloatActivityCode ?? 'NF';
  return (
    !!postCall?.afterNightFloat &&
    setting.activities.has(postCall.afterNightFloat) &&
    shifts.every((sh) => sh.code === night)
  );
}

function shiftCodeOf(setting: BlockSetting, code: string): boolean {
  return setting.data.rotations.some((r) => r.shifts?.shifts.some((s) => s.activityCode === code));
}

/**
 * The rolling windows that reach into the block, as roster windows over its days: the 80-hour
 * average, free days and consecutive worked days, each with what the days outside the roster
 * hold taken off its limit. Days inside the block off the rotation count as worked and not free
 * (the half-day model fills them later) unless their half-days are fixed already (a weekend, a
 * holiday) or the post-call day after the rotation's last night; a night's morning counts on the
 * day after.
 */
function contextWindows(
  setting: BlockSetting,
  bp: BlockPerson,
  on: boolean[],
  duty: FixedDuty,
  ctxDates: IsoDate[],
  reach: number,
  maxSpill: number,
  maxShiftRun: number,
  rules: {
    hoursRules: { config: RuleConfig; params: HoursParams }[];
    offRules: { config: RuleConfig; params: DaysOffParams }[];
    consecutive: { config: RuleConfig; params: { maxDays: number } }[];
  },
): TaggedWindow[] {
  const spills = maxSpill > 0;
  const { data, dates } = setting;
  const D = dates.length;
  const n = ctxDates.length;
  const inBlock = (ci: number) => ci >= reach && ci < reach + D;
  const rosterDay = (ci: number) => inBlock(ci) && on[ci - reach];
  // A day whose duty is known here: around the block, or off the rotation with fixed half-days.
  const known = (ci: number) => !inBlock(ci) || !!duty.settled[ci];
  const out: TaggedWindow[] = [];
  const leaveOf = (types: AbsenceType[]) =>
    ctxDates.map((d) =>
      data.absences.some(
        (a) =>
          a.personId === bp.person.id &&
          a.status === 'approved' &&
          a.part === undefined &&
          types.includes(a.type) &&
          a.start <= d &&
          d <= a.end,
      ),
    );
  const clip = (from: number, to: number) => ({ from: Math.max(0, from - reach), to: Math.min(D - 1, to - reach) });

  // The 80 hours over every window (and every rotation shorter than it, when the rule says so:
  // core/rules/acgme-hours).
  const rotationKeys = () => ctxDates.map((d) => setting.rotationOn(bp.person.id, d)?.id ?? null);
  for (const rule of rules.hoursRules) {
    if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
    const leave = rule.params.excludeLeave ? leaveOf(rule.params.leaveTypes) : ctxDates.map(() => false);
    for (const { from: start, to: end } of averagingPeriods(rule.params, n, reach, reach + D - 1, rotationKeys)) {
      let outside = 0;
      let leaveDays = 0;
      let roster = 0;
      for (let ci = start; ci < end; ci++) {
        if (leave[ci]) leaveDays++;
        if (rosterDay(ci)) roster++;
        outside += duty.minutesOn[ci];
      }
      if (roster === 0) continue;
      // Every minute here is real, the shifts' too (dayShiftTypes); a night on the block's last day reaches
      // past the roster's days into a window that goes on.
      const past = end - 1 >= reach + D ? maxSpill : 0;
      const limit = allowedWindowHours(rule.params, end - start - leaveDays) * 60 - outside - past;
      out.push({ ...clip(start, end - 1), maxMinutes: Math.max(0, Math.floor(limit)), rule: rule.config.id });
    }
  }

  for (const rule of rules.offRules) {
    if (!ruleApplies(rule.config, bp.person, bp.pgy) || rule.params.freeHours > 24) continue;
    const { windowDays: W } = rule.params;
    const leave = rule.params.excludeLeave ? leaveOf(rule.params.leaveTypes) : ctxDates.map(() => false);
    // Days away on an absence that is not leave (a conference) are never free (core/rules/windows).
    const away = awayNotOnLeaveDays(
      zoneClock(data.settings.timeZone, ctxDates[0], ctxDates[n - 1]),
      data.absences.filter((a) => a.personId === bp.person.id),
      rule.params,
    );
    for (let start = reach - W + 1; start <= reach + D - 1; start++) {
      if (start < 0 || start + W > n) continue;
      let workDays = 0;
      let freeOutside = 0;
      let open = 0; // roster days that are free unless given a shift
      for (let ci = start; ci < start + W; ci++) {
        if (!leave[ci]) workDays++;
        if (leave[ci] || away[ci]) continue;
        if (rosterDay(ci)) {
          if (!duty.worked[ci]) open++;
        } else if (known(ci) && !duty.worked[ci]) freeOutside++;
      }
      if (open === 0) continue;
      // Free days are 24-hour stretches. A day without a shift is a whole free day even on a night's
      // morning (07:00 to the next 07:00) unless the next start comes earlier in the day than that night
      // ended (busyMorningBefore, busyBefore), or the window's end cuts the stretch (nightBeforeEnd).
      const required = requiredFreeDays(rule.params, workDays);
      const needFromRoster = required - freeOutside;
      if (needFromRoster <= 0) continue;
      // Free days the days around already owe beyond what the roster holds: no shift there at least,
      // and the rule check reports the rest (a limit below zero would leave no roster at all).
      out.push({
        ...clip(start, start + W - 1),
        maxDays: Math.max(0, open - needFromRoster),
        ...(spills ? { nightBeforeEnd: start + W - 1 >= reach + D ? ('pastEnd' as const) : ('end' as const) } : {}),
        rule: rule.config.id,
      });
    }
  }

  for (const rule of rules.consecutive) {
    if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
    const len = rule.params.maxDays + 1;
    for (let start = reach - len + 1; start <= reach + D - 1; start++) {
      if (start < 0 || start + len > n) continue;
      let freeElsewhere = false;
      let open = 0;
      for (let ci = start; ci < start + len; ci++) {
        if (rosterDay(ci)) {
          if (!duty.worked[ci]) open++;
        } else if (known(ci) && !duty.worked[ci]) freeElsewhere = true;
        // The rotation's last day and the post-call day after it: one of them is free.
        else if (duty.afterRun[ci] && ci > start && !duty.worked[ci - 1]) freeElsewhere = true;
      }
      if (freeElsewhere || open === 0) continue;
      out.push({ ...clip(start, start + len - 1), maxDays: open - 1, rule: rule.config.id });
    }
  }

  // Shifts in a row across the block's start: the run the resident ends the previous days with.
  let run = 0;
  for (let ci = reach - 1; ci >= 0 && isShiftDay(setting, bp, ctxDates[ci]); ci--) run++;
  if (run > 0 && on[0])
    out.push({
      from: 0,
      to: Math.min(D - 1, maxShiftRun - run),
      maxDays: Math.max(0, maxShiftRun - run),
      rule: SHIFTS_IN_A_ROW,
    });
  return out;
}

/**
 * Days (1 … the day after the block) whose duty outside the roster starts early enough that a day off
 * before it is not a free day after a night shift: fixed duty (its earliest start that day), and days in
 * the block off the rotation whose half-days the half-day model has yet to fill (the program's earliest
 * duty start).
 */
function busyBeforeDuty(
  setting: BlockSetting,
  on: boolean[],
  duty: FixedDuty,
  reach: number,
  shifts: { id: string; minutesNextDay: number }[],
  tooShort: (nightEnd: number, nextStart: number) => boolean,
): { day: number; after: string[] }[] {
  const D = setting.dates.length;
  const earliest = new Float64Array(D + 1).fill(Infinity);
  for (const [start] of duty.intervals) {
    const d = Math.floor(start / DAY);
    if (d >= 1 && d <= D) earliest[d] = Math.min(earliest[d], start - d * DAY);
  }
  const programStart = dutyDayEdges(setting.data.activities, setting.data.callTypes).earliestStart;
  for (let d = 1; d < D; d++) if (!on[d] && !duty.settled[d + reach]) earliest[d] = Math.min(earliest[d], programStart);
  const out: { day: number; after: string[] }[] = [];
  for (let d = 1; d <= D; d++) {
    if (earliest[d] === Infinity) continue;
    const after = shifts.filter((sh) => sh.minutesNextDay > 0 && tooShort(sh.minutesNextDay, earliest[d]));
    if (after.length > 0) out.push({ day: d, after: after.map((sh) => sh.id) });
  }
  return out;
}

/** A context day on file with a shift of any shift-based rotation in the slot where it starts. */
function isShiftDay(setting: BlockSetting, bp: BlockPerson, date: IsoDate): boolean {
  for (const half of ['AM', 'PM'] as const) {
    const code = setting.existing.get(bp.person.id, date, half)?.activityCode;
    if (!code || !shiftCodeOf(setting, code)) continue;
    const a = setting.activities.get(code);
    const span = a ? shiftSpanOf(a) : null;
    if (span && typeof span !== 'string' && span.halves[0] === half) return true;
  }
  return false;
}

/** The rules a rotation's roster keeps, each with its setting in the coordinator's words. */
function rosterRules(
  rotation: ShiftBasedRotation,
  minRest: number,
  acgmeRest: RuleConfig | null,
  shifts: { forbiddenNext: string[]; minutesNextDay: number }[],
  programRules: { config: RuleConfig; params: object }[],
): RosterRule[] {
  const { code, shifts: policy } = rotation;
  const rules: RosterRule[] = [];
  const spills = shifts.some((sh) => sh.minutesNextDay > 0);
  if (shifts.some((sh) => sh.forbiddenNext.length > 0))
    rules.push({
      id: REST,
      words: `${minRest / 60} h of rest between shifts (${acgmeRest ? ruleName(acgmeRest) : `${code}'s minimum rest`})`,
      acgme: !!acgmeRest,
    });
  rules.push({
    id: SHIFTS_IN_A_ROW,
    words: `at most ${plural(policy.maxConsecutiveShifts, 'shift')} in a row (${code}'s setting)`,
    acgme: false,
  });
  if (policy.minWeekendsOff > 0)
    rules.push({
      id: WEEKENDS_OFF,
      words: `${plural(policy.minWeekendsOff, 'whole weekend')} off in every 4 (${code}'s setting)`,
      acgme: false,
    });
  for (const { config, params: p } of programRules) {
    const params = p as Record<string, number>;
    const setting =
      config.type === 'acgme_80h'
        ? `at most ${params.limitHours} h a week over every ${params.windowDays} days`
        : config.type === 'acgme_day_off'
          ? `${params.minDaysOff} free days in every ${params.windowDays}` +
            (spills ? " (a night's morning takes the first hours of the days off after it)" : '')
          : `at most ${params.maxDays} worked days in a row`;
    rules.push({
      id: config.id,
      words: `${ruleName(config)}: ${setting}`,
      acgme: RULE_DESCRIPTIONS[config.type]?.source === 'acgme',
    });
  }
  return rules;
}
