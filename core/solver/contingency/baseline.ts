// The schedule a contingency sweep starts from, indexed over a horizon of days: each person's
// half-day cells, calls, inpatient weeks, availability (the program's one definition, from the
// generation models' program view), rotation plan, duty hours per day, and the program's rule
// parameters as the compliance engine parses them. Read-only: repairs are computed against it.
import { addDays, blocksForYear, datesInRange, isoWeekday } from '../../domain/calendar';
import { pgyIn, type ProgramData } from '../../domain/program';
import type {
  AbsenceType,
  Activity,
  Assignment,
  Block,
  CallAssignment,
  CallType,
  HalfDay,
  InpatientWeek,
  IsoDate,
  Person,
  Rotation,
  RuleConfig,
  Service,
} from '../../domain/types';
import { HARD_SEVERITIES } from '../../domain/types';
import type { InpatientWeekCallParams } from '../../domain/call-patterns';
import { HOUR_MS, zoneClock, type ZoneClock } from '../../rules/clock';
import {
  DEFAULT_WORK_PERIOD_BREAK_MINUTES,
  callbackPiece,
  callPiece,
  halfDayPiece,
  isWork,
  moonlightingPiece,
  splitByDay,
  type DutyPiece,
} from '../../rules/duty-items';
import { workPeriods } from '../../rules/duty';
import { breaksContinuousWork } from '../../rules/acgme-periods';
import { freeAgainAfter, type WorkBeforeRest } from '../../domain/rest-after-call';
import type { Availability } from '../../domain/availability';
import { availabilityOf, compiledRulesOfType, ruleApplies } from '../models/program-view';
import { countsOnLine, servicesOf } from '../../rules/services';

export const HALVES: readonly HalfDay[] = ['AM', 'PM'];
const SOURCE_RANK = { preload: 3, manual: 2, solver: 1, template: 0 } as const;
/** Breaks shorter than this join two pieces of duty into one work period (the compliance engine's default). */
export const WORK_PERIOD_BREAK_MINUTES = DEFAULT_WORK_PERIOD_BREAK_MINUTES;
const MIN_MS = 60_000;
const NO_CHANGES: ReadonlyMap<number, string | null> = new Map();

export interface SupervisionParams {
  unitsPerFaculty: number;
  pgy1Units: number;
  seniorUnits: number;
  learnerUnits: number;
}
export interface PostCallParams {
  afterOvernightAm: string | null;
  afterOvernightPm: string | null;
  afterNightFloat: string | null;
  afterInpatientWeek: string | null;
  overnightCallWeekdays: number[];
  overnightCallFor: 'faculty' | 'resident';
  nightFloatActivityCode: string;
}
/** Rolling-window ACGME rules: the window and how leave days leave the averages. */
export interface WindowParams {
  windowDays: number;
  excludeLeave: boolean;
  leaveTypes: AbsenceType[];
  minAveragingDays: number;
}
export interface HoursParams extends WindowParams {
  limitHours: number;
  includeMoonlighting: boolean;
  averageShortRotations: boolean;
}
export interface DaysOffParams extends WindowParams {
  minDaysOff: number;
}
export interface CallFrequencyParams extends WindowParams {
  everyNthNight: number;
}
export interface WeeklyLimit {
  role: string;
  activityCode: string;
  min: number;
  max: number;
}

type Compiled<P> = { config: RuleConfig; params: P }[];

/** The program's rules a repair must respect, parsed once. */
export interface RepairRules {
  supervision: Compiled<SupervisionParams>;
  credential: { activityCodes: string[]; validStatuses: string[] } | null;
  postCall: PostCallParams | null;
  /** Which calls a faculty member's own inpatient week forbids (call_during_inpatient_week); null = the rule is off. */
  inpatientWeekCall: { config: RuleConfig; params: InpatientWeekCallParams } | null;
  /** Call nights in a row (consecutive_call_nights) where its finding is hard (critical or high). */
  consecutiveCalls: Compiled<{ maxConsecutiveNights: number }>;
  hours: Compiled<HoursParams>;
  daysOff: Compiled<DaysOffParams>;
  callFrequency: Compiled<CallFrequencyParams>;
  /** Rotations that staff a service (the inpatient team, night float): rotation code → its service. */
  teams: Map<string, Service>;
  facultyLimits: Compiled<{ limits: WeeklyLimit[] }>;
  /** Rest after long in-house call (ACGME): hours of rest after a call of at least `afterHours`. */
  restAfterCall: Compiled<{ minRestHours: number; afterHours: number }>;
  /** The continuous-work rule (core/rules/acgme-periods) where it is hard. */
  continuous: Compiled<{ maxHours: number; transitionHours: number }>;
}

export function repairRules(data: ProgramData): RepairRules {
  const of = <P>(type: string) => compiledRulesOfType<P>(data.settings, type);
  const teams = new Map<string, Service>();
  for (const service of servicesOf(data.settings))
    for (const code of service.rotationCodes) if (!teams.has(code)) teams.set(code, service);
  const hard = <P>(rules: Compiled<P>) => rules.filter((r) => HARD_SEVERITIES.includes(r.config.severity));
  return {
    supervision: of<SupervisionParams>('supervision'),
    credential: of<{ activityCodes: string[]; validStatuses: string[] }>('credential_missing')[0]?.params ?? null,
    postCall: of<PostCallParams>('post_call')[0]?.params ?? null,
    inpatientWeekCall: of<InpatientWeekCallParams>('call_during_inpatient_week')[0] ?? null,
    consecutiveCalls: hard(of<{ maxConsecutiveNights: number }>('consecutive_call_nights')),
    hours: of<HoursParams>('acgme_80h'),
    daysOff: of<DaysOffParams>('acgme_day_off'),
    callFrequency: of<CallFrequencyParams>('acgme_call_frequency'),
    teams,
    facultyLimits: of<{ limits: WeeklyLimit[] }>('faculty_weekly_halfdays'),
    restAfterCall: of<{ minRestHours: number; afterHours: number }>('acgme_rest_after_call'),
    continuous: hard(of<{ maxHours: number; transitionHours: number }>('acgme_continuous')),
  };
}

function minutes(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** [start, end) minutes after the day's midnight; an end at or before the start is the next day. */
export function spanMinutes(start: string, end: string): [number, number] {
  const s = minutes(start);
  let e = minutes(end);
  if (e <= s) e += 24 * 60;
  return [s, e];
}

/** Activity codes the repairs write, resolved as the generator resolves them. */
export interface RepairCodes {
  precept: string;
  admin: string | null;
  inpatient: string;
  leave: string | null;
}

function repairCodes(activities: Map<string, Activity>): RepairCodes {
  const all = [...activities.values()];
  const precept = activities.has('AT') ? 'AT' : all.find((a) => a.providesSupervision && a.am && a.pm)?.code;
  if (!precept)
    throw new Error(
      'The program has no supervising activity with both halves (precepting): a contingency repair cannot cover ' +
        'supervision',
    );
  return {
    precept,
    admin: all.find((a) => a.category === 'administrative' && a.am && a.pm)?.code ?? null,
    inpatient: 'FMIT',
    leave: activities.has('LV') ? 'LV' : null,
  };
}

export class Baseline {
  /** The program's zone over the horizon: days, weekdays, real instants (the compliance engine's clock). */
  readonly clock: ZoneClock;
  readonly dates: readonly IsoDate[];
  readonly first: IsoDate;
  readonly weekday: Uint8Array;
  readonly scale: number[];
  readonly activities: Map<string, Activity>;
  readonly callTypes: Map<string, CallType>;
  readonly rules: RepairRules;
  readonly codes: RepairCodes;
  readonly people = new Map<string, Person>();
  /** Residents and faculty, in id order: the people a sweep removes and the pool of covers. */
  readonly staff: Person[];
  private readonly dayIndex = new Map<IsoDate, number>();
  private readonly cells = new Map<string, (Assignment | undefined)[]>();
  /** Who holds what in each slot (day × 2 + half), precedence applied. */
  readonly occupants: Assignment[][];
  private readonly callsByPerson = new Map<string, CallAssignment[][]>();
  readonly callsByDay: CallAssignment[][];
  private readonly weeksByPerson = new Map<string, InpatientWeek[]>();
  /** Inpatient-week attendings by day. */
  readonly attendingOn: Set<string>[];
  private readonly availability: Availability;
  private readonly planIndex = new Map<string, { part: string; rotation: Rotation }[]>();
  private readonly blocksByYear = new Map<number, Block[]>();
  private readonly hourCache = new Map<string, Float64Array>();
  private readonly freeCache = new Map<string, Uint8Array>();

  constructor(
    readonly data: ProgramData,
    horizon: { start: IsoDate; end: IsoDate },
  ) {
    this.clock = zoneClock(data.settings.timeZone, horizon.start, horizon.end);
    this.dates = this.clock.dates;
    this.first = horizon.start;
    this.dates.forEach((d, i) => this.dayIndex.set(d, i));
    this.weekday = this.clock.weekday;
    const holidays = new Map(data.holidays.map((h) => [h.date, h.dayType]));
    this.scale = this.dates.map((d) => data.settings.capacityScale[holidays.get(d) ?? 'normal'] ?? 1);
    this.activities = new Map(data.activities.map((a) => [a.code, a]));
    this.callTypes = new Map(data.callTypes.map((c) => [c.code, c]));
    this.rules = repairRules(data);
    this.codes = repairCodes(this.activities);
    for (const p of data.people) this.people.set(p.id, p);
    this.staff = data.people
      .filter((p) => p.active && (p.kind === 'faculty' || p.kind === 'resident'))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const n = this.dates.length;
    for (const a of data.assignments) {
      const day = this.dayIndex.get(a.date);
      if (day === undefined) continue;
      let list = this.cells.get(a.personId);
      if (!list) this.cells.set(a.personId, (list = new Array(n * 2)));
      const slot = day * 2 + (a.half === 'PM' ? 1 : 0);
      const prior = list[slot];
      if (!prior || SOURCE_RANK[a.source] > SOURCE_RANK[prior.source]) list[slot] = a;
    }
    this.occupants = Array.from({ length: n * 2 }, () => []);
    for (const list of this.cells.values()) list.forEach((a, slot) => a && this.occupants[slot].push(a));
    this.callsByDay = Array.from({ length: n }, () => []);
    for (const c of data.calls) {
      // The night before the horizon matters for the first day's rest.
      const day = this.dayIndex.get(c.date) ?? (c.date === addDays(horizon.start, -1) ? -1 : undefined);
      if (day === undefined) continue;
      if (day >= 0) this.callsByDay[day].push(c);
      let byDay = this.callsByPerson.get(c.personId);
      if (!byDay) this.callsByPerson.set(c.personId, (byDay = Array.from({ length: n + 1 }, () => [])));
      byDay[day + 1].push(c);
    }
    this.attendingOn = Array.from({ length: n }, () => new Set());
    for (const w of data.inpatientWeeks) {
      if (w.end < horizon.start || w.start > horizon.end) continue;
      this.weeksByPerson.set(w.personId, [...(this.weeksByPerson.get(w.personId) ?? []), w]);
      for (const d of datesInRange(w.start, w.end)) {
        const day = this.dayIndex.get(d);
        if (day !== undefined) this.attendingOn[day].add(w.personId);
      }
    }
    // Availability: the program's definition, as generation uses it.
    this.availability = availabilityOf(data);
    const rotations = new Map(data.rotations.map((r) => [r.id, r]));
    for (const ra of data.rotationAssignments) {
      const rotation = rotations.get(ra.rotationId);
      if (!rotation) continue;
      const key = `${ra.personId}:${ra.academicYear}:${ra.blockNumber}`;
      this.planIndex.set(key, [...(this.planIndex.get(key) ?? []), { part: ra.part, rotation }]);
    }
  }

  get length(): number {
    return this.dates.length;
  }

  /** Day index of a date, or -1 outside the horizon. */
  day(date: IsoDate): number {
    return this.dayIndex.get(date) ?? -1;
  }

  cell(personId: string, day: number, half: number): Assignment | undefined {
    if (day < 0 || day >= this.dates.length) return undefined;
    return this.cells.get(personId)?.[day * 2 + half];
  }

  activity(code: string): Activity {
    const a = this.activities.get(code);
    if (!a) throw new Error(`Activity "${code}" is not defined in the program`);
    return a;
  }

  /** Calls of a person dated on a day (day -1 = the night before the horizon). */
  callsOf(personId: string, day: number): CallAssignment[] {
    return this.callsByPerson.get(personId)?.[day + 1] ?? [];
  }

  inpatientWeeksOf(personId: string): InpatientWeek[] {
    return this.weeksByPerson.get(personId) ?? [];
  }

  /** Whether the person may work both half-days of the day (no approved absence or recovery day over either). */
  availableForHalfDays(personId: string, day: number): boolean {
    const person = this.availability.of(personId);
    return HALVES.every((h) => !person.halfDay(this.dates[day], h)?.approved);
  }

  /**
   * Whether the person may take a call of this type dated on the day (it overlaps no approved
   * absence, the night before one included), or, without a type, the day of an inpatient week.
   */
  availableForCall(personId: string, day: number, type?: CallType): boolean {
    const person = this.availability.of(personId);
    const date = this.dates[day];
    const why = type ? person.call(date, type.start, type.end) : person.inpatientWeek(date, date);
    return !why?.approved;
  }

  pgy(person: Person, day: number): number | null {
    if (person.kind !== 'resident') return null;
    const d = this.dates[day];
    return pgyIn(person, Number(d.slice(0, 4)) - (d.slice(5) < '07-01' ? 1 : 0));
  }

  /** The rotation a resident is on on a day (annual plan), or null. */
  rotationOn(personId: string, day: number): Rotation | null {
    const d = this.dates[day];
    const year = Number(d.slice(0, 4)) - (d.slice(5) < '07-01' ? 1 : 0);
    let blocks = this.blocksByYear.get(year);
    if (!blocks) this.blocksByYear.set(year, (blocks = blocksForYear(year, this.data.settings.blockLayout)));
    const block = blocks.find((b) => b.start <= d && d <= b.end);
    if (!block) return null;
    const entries = this.planIndex.get(`${personId}:${year}:${block.number}`) ?? [];
    const part = block.secondHalfStart > block.start && d >= block.secondHalfStart ? 'second' : 'first';
    return (entries.find((e) => e.part === part) ?? entries.find((e) => e.part === 'full'))?.rotation ?? null;
  }

  private readonly rotationKeyCache = new Map<string, (string | null)[]>();
  /** The rotation a resident is on each day of the horizon (its id, null for none). */
  rotationKeys(personId: string): (string | null)[] {
    let out = this.rotationKeyCache.get(personId);
    if (!out) {
      out = this.dates.map((_, d) => this.rotationOn(personId, d)?.id ?? null);
      this.rotationKeyCache.set(personId, out);
    }
    return out;
  }

  /** Whether a rule's scope covers a person on a day. */
  applies(rule: RuleConfig, person: Person, day: number): boolean {
    return ruleApplies(rule, person, this.pgy(person, day));
  }

  isDuty(code: string, half: number): boolean {
    const a = this.activity(code);
    return a.countsTowardDutyHours && (half === 0 ? a.am : a.pm) !== null;
  }

  /** Duty of an activity in a half of a day as a piece of real time (null: not duty). */
  cellPiece(code: string, day: number, half: number): DutyPiece | null {
    return halfDayPiece(this.clock, this.activity(code), HALVES[half], day);
  }

  /**
   * The work period a call closes: the person's own work the call joins before it (as the
   * compliance engine's work periods join it) and the call, for the rest owed after it.
   */
  workClosedBy(personId: string, call: DutyPiece): WorkBeforeRest {
    const before = this.piecesOf(personId).filter((p) => isWork(p.kind) && p.start < call.start);
    before.sort((x, y) => x.start - y.start || x.end - y.end);
    const period = workPeriods([...before, call], WORK_PERIOD_BREAK_MINUTES * 60_000).at(-1)!;
    return { start: period.start, end: period.end, inHouseCallMs: period.inHouseCallMs };
  }

  /** A call dated on a day as a piece of real time (in-house call, home call; null: no duty). */
  callPiece(callTypeCode: string, day: number): DutyPiece | null {
    const t = this.callTypes.get(callTypeCode);
    return t ? callPiece(this.clock, t, day) : null;
  }

  /** Work hours of a piece dated on a day: [on the day, on the next day] (home call is not work). */
  private hoursOf(piece: DutyPiece | null, day: number): [number, number] {
    if (!piece || !isWork(piece.kind)) return [0, 0];
    const midnight =
      day + 1 < this.clock.dayStart.length && day + 1 >= 0
        ? this.clock.dayStart[day + 1]
        : this.clock.instant(day + 1, 0);
    const on = Math.max(0, Math.min(piece.end, midnight) - piece.start);
    return [on / HOUR_MS, Math.max(0, piece.end - Math.max(piece.start, midnight)) / HOUR_MS];
  }

  /** Duty hours of an activity in a half of a day: [on the day, on the next day]. */
  cellHours(code: string, day: number, half: number): [number, number] {
    return this.hoursOf(this.cellPiece(code, day, half), day);
  }

  /** Duty hours of a call dated on a day: [on the day, on the next day]. */
  callHours(callTypeCode: string, day: number): [number, number] {
    return this.hoursOf(this.callPiece(callTypeCode, day), day);
  }

  /** Days of the horizon a call dated on a day keeps from being free (home call included). */
  callDays(callTypeCode: string, day: number): number[] {
    const piece = this.callPiece(callTypeCode, day);
    if (!piece) return [];
    const out: number[] = [];
    splitByDay(this.clock, piece.start, piece.end, (d, ms) => ms > 0 && out.push(d));
    return out;
  }

  /** Per supervision rule and slot: who counts, with their units (learners) or as a supervisor. */
  private readonly supervisionCache = new Map<number, { personId: string; units: number; supervisor: boolean }[]>();
  supervisionContributions(rule: number, slot: number): { personId: string; units: number; supervisor: boolean }[] {
    const key = rule * 1_000_000 + slot;
    let list = this.supervisionCache.get(key);
    if (!list) {
      list = [];
      for (const a of this.occupants[slot]) {
        const c = this.supervisionOf(rule, slot, a.personId, a.activityCode);
        if (c) list.push(c);
      }
      this.supervisionCache.set(key, list);
    }
    return list;
  }

  /** What a person in an activity brings to a slot's supervision (null: nothing). */
  supervisionOf(
    rule: number,
    slot: number,
    personId: string,
    code: string | null,
  ): { personId: string; units: number; supervisor: boolean } | null {
    if (code === null || !this.activities.has(code)) return null;
    const person = this.people.get(personId);
    if (!person) return null;
    const activity = this.activity(code);
    if (person.kind === 'faculty')
      return activity.providesSupervision ? { personId, units: 0, supervisor: true } : null;
    const r = this.rules.supervision[rule];
    const day = slot >> 1;
    if (!activity.needsSupervision || !this.applies(r.config, person, day)) return null;
    const pgy = this.pgy(person, day);
    const p = r.params;
    return {
      personId,
      units: (pgy === null ? p.learnerUnits : pgy <= 1 ? p.pgy1Units : p.seniorUnits) + activity.extraSupervisionUnits,
      supervisor: false,
    };
  }

  /** A person's pieces of duty around the horizon: half-days, calls, moonlighting, callbacks. */
  private piecesOf(personId: string, changed: ReadonlyMap<number, string | null> = NO_CHANGES): DutyPiece[] {
    const out: DutyPiece[] = [];
    for (let day = 0; day < this.dates.length; day++) {
      for (let h = 0; h < 2; h++) {
        const code = this.codeAfter(personId, day, h, changed);
        const piece = code !== null && this.activities.has(code) ? this.cellPiece(code, day, h) : null;
        if (piece) out.push(piece);
      }
    }
    for (let day = -1; day < this.dates.length; day++) {
      for (const c of this.callsOf(personId, day)) {
        const piece = this.callPiece(c.callTypeCode, day);
        if (piece) out.push(piece);
      }
    }
    out.push(...this.timedPiecesOf(personId));
    return out;
  }

  private readonly timedCache = new Map<string, DutyPiece[]>();
  /** A person's moonlighting shifts and callbacks around the horizon (duty with its own times). */
  private timedPiecesOf(personId: string): DutyPiece[] {
    let out = this.timedCache.get(personId);
    if (out) return out;
    out = [];
    const [lo, hi] = [this.clock.dayStart[0], this.clock.dayStart[this.dates.length]];
    for (const m of this.data.moonlighting) {
      if (m.personId !== personId) continue;
      const piece = moonlightingPiece(this.clock, m);
      if (piece && piece.end > lo && piece.start < hi) out.push(piece);
    }
    for (const c of this.data.callbacks) {
      if (c.personId !== personId) continue;
      const piece = callbackPiece(this.clock, c);
      if (piece && piece.end > lo && piece.start < hi) out.push(piece);
    }
    this.timedCache.set(personId, out);
    return out;
  }

  /**
   * Whether new duty from `from` to `to` minutes after midnight of `day` would overlap one of the
   * person's moonlighting shifts or callbacks: a double booking for the conflicts rule.
   */
  overlapsTimedDuty(personId: string, day: number, from: number, to: number): boolean {
    const pieces = this.timedPiecesOf(personId);
    if (!pieces.length) return false;
    const [start, end] = [this.clock.instant(day, from), this.clock.instant(day, to)];
    return pieces.some((p) => p.start < end && start < p.end);
  }

  /**
   * Whether new work from `from` to `to` minutes after midnight of `day` would join the person's
   * moonlighting or callbacks into one work period that breaks the continuous-work rule, where
   * that rule is hard for them. The period is the rules' own (core/rules/duty workPeriods, the
   * validator's definition) over the person's work as the repair leaves it: their half-days
   * (`changed`: slot → the code an action puts there), calls, moonlighting and callbacks, and the
   * new work (counted as patient care). A repair never moves the timed shifts, so they are fixed
   * work next to any cover; the cover's own half-days can bridge the gap between them and it.
   */
  joinsTimedDutyTooLong(
    personId: string,
    day: number,
    from: number,
    to: number,
    changed: ReadonlyMap<number, string | null> = NO_CHANGES,
  ): boolean {
    const timed = this.timedPiecesOf(personId).filter((p) => isWork(p.kind));
    if (!timed.length) return false;
    const person = this.people.get(personId)!;
    const rules = this.rules.continuous.filter((r) => this.applies(r.config, person, day));
    if (!rules.length) return false;
    const added = this.newDuty(day, from, to);
    // Work within three days either side: a period reaching further is past any limit anyway.
    const pieces: DutyPiece[] = [...timed, added];
    for (let d = Math.max(0, day - 3); d <= Math.min(this.length - 1, day + 3); d++) {
      for (let h = 0; h < 2; h++) {
        const code = this.codeAfter(personId, d, h, changed);
        const piece = code !== null && this.activities.has(code) ? this.cellPiece(code, d, h) : null;
        if (piece) pieces.push(piece);
      }
      for (const c of this.callsOf(personId, d)) {
        const piece = this.callPiece(c.callTypeCode, d);
        if (piece) pieces.push(piece);
      }
    }
    pieces.sort((a, b) => a.start - b.start || a.end - b.end);
    const at = pieces.indexOf(added);
    const period = workPeriods(pieces, WORK_PERIOD_BREAK_MINUTES * 60_000).find((p) => p.first <= at && at <= p.last);
    if (!period) return false;
    // Only periods the timed duty is part of: the other joins are the long-call checks' business.
    const withTimed = pieces.slice(period.first, period.last + 1).some((p) => timed.includes(p));
    return withTimed && rules.some((r) => breaksContinuousWork(period, r.params));
  }

  /** A person's work hours per day of the horizon (the one definition of duty, split at local midnights). */
  hoursPerDay(personId: string): Float64Array {
    let out = this.hourCache.get(personId);
    if (out) return out;
    const hours = new Float64Array(this.dates.length);
    for (const piece of this.piecesOf(personId))
      if (isWork(piece.kind)) splitByDay(this.clock, piece.start, piece.end, (d, ms) => (hours[d] += ms / HOUR_MS));
    this.hourCache.set(personId, (out = hours));
    return out;
  }

  /** Days no piece of duty touches (home call included): the days a one-in-seven count can use. */
  freeDays(personId: string): Uint8Array {
    let out = this.freeCache.get(personId);
    if (out) return out;
    const free = new Uint8Array(this.dates.length).fill(1);
    for (const piece of this.piecesOf(personId))
      splitByDay(this.clock, piece.start, piece.end, (d, ms) => ms > 0 && (free[d] = 0));
    this.freeCache.set(personId, (out = free));
    return out;
  }

  private readonly prefixCache = new Map<string, Float64Array>();
  /**
   * Running sums over the horizon of a person's work hours, free days or in-house call nights
   * (index d = sum of days 0 … d − 1): a rolling window's total is two look-ups.
   */
  prefix(personId: string, what: 'hours' | 'free' | 'nights'): Float64Array {
    const key = `${what}|${personId}`;
    let out = this.prefixCache.get(key);
    if (!out) {
      const n = this.dates.length;
      const values =
        what === 'hours'
          ? this.hoursPerDay(personId)
          : what === 'free'
            ? this.freeDays(personId)
            : Array.from({ length: n }, (_, d) =>
                this.callsOf(personId, d).some((c) => this.callTypes.get(c.callTypeCode)?.inHouse) ? 1 : 0,
              );
      this.prefixCache.set(key, (out = runningSums(values)));
    }
    return out;
  }

  /** Running sums of the leave days that leave the ACGME averages (an absence of these types, no work that day). */
  leavePrefix(personId: string, types: readonly AbsenceType[]): Float64Array {
    const key = `leave|${personId}|${types.join(',')}`;
    let out = this.prefixCache.get(key);
    if (!out) {
      const hours = this.hoursPerDay(personId);
      const leave = types.length ? this.leaveDays(personId, types) : new Uint8Array(this.dates.length);
      this.prefixCache.set(key, (out = runningSums(leave.map((l, d) => (l && hours[d] === 0 ? 1 : 0)))));
    }
    return out;
  }

  /** Days an approved absence of these types covers (ACGME leave days leave the averages). */
  leaveDays(personId: string, types: readonly AbsenceType[]): Uint8Array {
    const out = new Uint8Array(this.dates.length);
    for (const a of this.data.absences) {
      if (a.personId !== personId || a.status !== 'approved' || a.part !== undefined || !types.includes(a.type))
        continue;
      this.dates.forEach((d, day) => {
        if (a.start <= d && d <= a.end) out[day] = 1;
      });
    }
    return out;
  }

  /** Whether a person holds a valid credential for an activity on a day (the credential rule's terms). */
  hasCredential(person: Person, code: string, day: number): boolean {
    const rule = this.rules.credential;
    if (!rule || !rule.activityCodes.includes(code)) return true;
    const date = this.dates[day];
    return person.credentials.some(
      (c) =>
        c.activityCode === code && rule.validStatuses.includes(c.status) && (c.expires === null || c.expires >= date),
    );
  }

  /**
   * Whether new duty from `from` to `to` minutes after midnight of `day` would be part of a work
   * period with a long in-house call of the person or fall in the rest owed after it (the ACGME
   * continuous-work and rest-after-call rules, where they cover the person). Long: the work period
   * holding the call owes the rest, as the validator joins work into periods and as the repair
   * leaves it: with the new duty and the action's other changes (`changed`: slot -> the code put
   * there), so a morning that brings a short call's period to 24 h counts.
   */
  clashesWithLongCall(personId: string, day: number, from: number, to: number, changed = NO_CHANGES): boolean {
    const person = this.people.get(personId)!;
    const rules = this.rules.restAfterCall.filter((r) => this.applies(r.config, person, day));
    const calls: DutyPiece[] = [];
    for (let d = day - 2; d <= day + 1; d++)
      for (const c of this.callsOf(personId, d)) {
        const call = this.callPiece(c.callTypeCode, d);
        if (call?.inHouseCall) calls.push(call);
      }
    if (!rules.length || !calls.length) return false;
    const added = this.newDuty(day, from, to);
    const pieces = [...this.piecesOf(personId, changed), added].filter((p) => isWork(p.kind));
    pieces.sort((a, b) => a.start - b.start || a.end - b.end);
    const periods = workPeriods(pieces, WORK_PERIOD_BREAK_MINUTES * MIN_MS);
    for (const call of calls) {
      const period = periods.find((p) => p.start <= call.start && call.start < p.end);
      if (!period) continue;
      for (const rule of rules) {
        const freeAt = freeAgainAfter(period, rule.params);
        // Inside the period (it ends after the period starts) or inside the rest after it.
        if (freeAt !== null && added.start < freeAt && added.end > period.start) return true;
      }
    }
    return false;
  }

  /** A person's code in a half-day as a repair leaves it (`changed`: slot -> the code put there). */
  private codeAfter(personId: string, day: number, half: number, changed: ReadonlyMap<number, string | null>) {
    const slot = day * 2 + half;
    return changed.has(slot) ? changed.get(slot)! : (this.cell(personId, day, half)?.activityCode ?? null);
  }

  /** New work a repair puts from `from` to `to` minutes after midnight of `day` (as patient care). */
  private newDuty(day: number, from: number, to: number): DutyPiece {
    const [start, end] = [this.clock.instant(day, from), this.clock.instant(day, to)];
    return {
      start,
      end,
      kind: 'activity',
      code: '',
      patientCare: true,
      inHouseCall: false,
      nominalMs: end - start,
      day,
      slot: -1,
    };
  }

  /** Whether an activity needs a credential (the credential rule's activity codes). */
  needsCredential(code: string): boolean {
    return !!this.rules.credential?.activityCodes.includes(code);
  }

  /** Faculty the solver may schedule (adjunct faculty are never auto-scheduled). */
  isSchedulableFaculty(person: Person): boolean {
    return person.kind === 'faculty' && person.active && person.facultyRole !== 'adjunct';
  }
}

/**
 * Who may take a resident's place on a service so that every staffing line counts the same: the
 * PGY levels every line counting the resident allows (null: any resident).
 */
export function replacementLevels(service: Service, pgy: number): number[] | null {
  let allowed: number[] | null = null;
  for (const line of service.staffing) {
    if (!countsOnLine(line, pgy) || !line.pgyLevels.length) continue;
    allowed = allowed ? allowed.filter((l) => line.pgyLevels.includes(l)) : [...line.pgyLevels];
  }
  return allowed;
}

function runningSums(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) out[i + 1] = out[i] + values[i];
  return out;
}

/** Monday of the ISO week containing a date. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}
