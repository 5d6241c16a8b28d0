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
} from '../../domain/types';
import { dutySplit, splitAtMidnight } from '../models/halfday';
import { awayDays, blockedDays, compiledRulesOfType, ruleApplies } from '../models/program-view';

export const HALVES: readonly HalfDay[] = ['AM', 'PM'];
const SOURCE_RANK = { preload: 3, manual: 2, solver: 1, template: 0 } as const;

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
  /** Weekdays a faculty member may take call during their own inpatient week; null = the rule is off. */
  inpatientCallWeekdays: number[] | null;
  hours: Compiled<HoursParams>;
  daysOff: Compiled<DaysOffParams>;
  callFrequency: Compiled<CallFrequencyParams>;
  /** Rotations whose residents form a team: code → residents needed per PGY level (null: any level). */
  teams: Map<string, { perPgyLevel: number | null }>;
  facultyLimits: Compiled<{ limits: WeeklyLimit[] }>;
  /** Rest after long in-house call (ACGME): hours of rest after a call of at least `afterHours`. */
  restAfterCall: Compiled<{ minRestHours: number; afterHours: number }>;
}

export function repairRules(data: ProgramData): RepairRules {
  const of = <P>(type: string) => compiledRulesOfType<P>(data.settings, type);
  const teams = new Map<string, { perPgyLevel: number | null }>();
  for (const r of of<{ rotationCode: string; perPgyLevel: number }>('inpatient_team')) teams.set(r.params.rotationCode, { perPgyLevel: r.params.perPgyLevel });
  for (const r of of<{ rotationCode: string }>('night_float_max')) if (!teams.has(r.params.rotationCode)) teams.set(r.params.rotationCode, { perPgyLevel: null });
  const inpatientCall = of<{ allowedWeekdays: number[] }>('call_during_inpatient_week')[0];
  return {
    supervision: of<SupervisionParams>('supervision'),
    credential: of<{ activityCodes: string[]; validStatuses: string[] }>('credential_missing')[0]?.params ?? null,
    postCall: of<PostCallParams>('post_call')[0]?.params ?? null,
    inpatientCallWeekdays: inpatientCall ? inpatientCall.params.allowedWeekdays : null,
    hours: of<HoursParams>('acgme_80h'),
    daysOff: of<DaysOffParams>('acgme_day_off'),
    callFrequency: of<CallFrequencyParams>('acgme_call_frequency'),
    teams,
    facultyLimits: of<{ limits: WeeklyLimit[] }>('faculty_weekly_halfdays'),
    restAfterCall: of<{ minRestHours: number; afterHours: number }>('acgme_rest_after_call'),
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
  if (!precept) throw new Error('The program has no supervising activity with both halves (precepting): a contingency repair cannot cover supervision');
  return {
    precept,
    admin: all.find((a) => a.category === 'administrative' && a.am && a.pm)?.code ?? null,
    inpatient: 'FMIT',
    leave: activities.has('LV') ? 'LV' : null,
  };
}

export class Baseline {
  readonly dates: IsoDate[];
  readonly first: IsoDate;
  readonly weekday: number[];
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
  private readonly halfDayBlocked: Map<string, Map<IsoDate, unknown>>;
  private readonly callAway: Map<string, Map<IsoDate, unknown>>;
  private readonly planIndex = new Map<string, { part: string; rotation: Rotation }[]>();
  private readonly blocksByYear = new Map<number, Block[]>();
  private readonly hourCache = new Map<string, Float64Array>();
  private readonly freeCache = new Map<string, Uint8Array>();

  constructor(
    readonly data: ProgramData,
    horizon: { start: IsoDate; end: IsoDate },
  ) {
    this.dates = datesInRange(horizon.start, horizon.end);
    this.first = horizon.start;
    this.dates.forEach((d, i) => this.dayIndex.set(d, i));
    this.weekday = this.dates.map((d) => isoWeekday(d));
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
    this.halfDayBlocked = blockedDays(data);
    this.callAway = awayDays(data);
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

  /** Whether the person may work half-days on the day (no blocking absence or recovery day). */
  availableForHalfDays(personId: string, day: number): boolean {
    return !this.halfDayBlocked.get(personId)?.has(this.dates[day]);
  }

  /** Whether the person may take call or an inpatient week on the day (no approved absence). */
  availableForCall(personId: string, day: number): boolean {
    return !this.callAway.get(personId)?.has(this.dates[day]);
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

  /** Whether a rule's scope covers a person on a day. */
  applies(rule: RuleConfig, person: Person, day: number): boolean {
    return ruleApplies(rule, person, this.pgy(person, day));
  }

  isDuty(code: string, half: number): boolean {
    const a = this.activity(code);
    return a.countsTowardDutyHours && (half === 0 ? a.am : a.pm) !== null;
  }

  /** Duty hours of an activity in a half of a day: [on the day, on the next day]. */
  cellHours(code: string, day: number, half: number): [number, number] {
    return dutySplit(this.activity(code), HALVES[half], this.dates[day], this.data.settings.timeZone);
  }

  /** Duty hours of a call dated on a day: [on the day, on the next day]. */
  callHours(callTypeCode: string, day: number): [number, number] {
    const t = this.callTypes.get(callTypeCode);
    if (!t || !t.countsTowardDutyHours) return [0, 0];
    return splitAtMidnight(this.dates[day], t.start, t.end, this.data.settings.timeZone);
  }

  /** A person's duty hours per day of the horizon (half-days, calls, moonlighting). */
  hoursPerDay(personId: string): Float64Array {
    let out = this.hourCache.get(personId);
    if (out) return out;
    const n = this.dates.length;
    out = new Float64Array(n);
    const add = (day: number, h: number) => {
      if (day >= 0 && day < n) out![day] += h;
    };
    for (let day = 0; day < n; day++) {
      for (let h = 0; h < 2; h++) {
        const a = this.cell(personId, day, h);
        if (!a || !this.activities.has(a.activityCode)) continue;
        const [on, next] = this.cellHours(a.activityCode, day, h);
        add(day, on);
        add(day + 1, next);
      }
    }
    for (let day = -1; day < n; day++) {
      for (const c of this.callsOf(personId, day)) {
        if (day < 0) {
          add(0, this.callHours(c.callTypeCode, 0)[1]);
          continue;
        }
        const [on, next] = this.callHours(c.callTypeCode, day);
        add(day, on);
        add(day + 1, next);
      }
    }
    for (const m of this.data.moonlighting) {
      if (m.personId !== personId) continue;
      const d0 = this.day(m.start.slice(0, 10));
      const d1 = this.day(m.end.slice(0, 10));
      if (d0 < 0 && d1 < 0) continue;
      // Moonlighting hours go on the day the entry starts (they are rare and short).
      const [s, e] = [m.start.slice(11, 16), m.end.slice(11, 16)];
      const [on, next] = splitAtMidnight(m.start.slice(0, 10), s, e, this.data.settings.timeZone);
      add(d0, on);
      add(d0 + 1, next);
    }
    this.hourCache.set(personId, out);
    return out;
  }

  /**
   * Days with no duty at all (no duty half-day, no duty call dated on it, no night spilling into
   * it, no moonlighting): the days a one-in-seven count can use.
   */
  freeDays(personId: string): Uint8Array {
    let out = this.freeCache.get(personId);
    if (out) return out;
    const hours = this.hoursPerDay(personId);
    out = new Uint8Array(this.dates.length);
    for (let day = 0; day < this.dates.length; day++) {
      const calls = this.callsOf(personId, day).some((c) => this.callTypes.get(c.callTypeCode)?.countsTowardDutyHours);
      out[day] = hours[day] === 0 && !calls ? 1 : 0;
    }
    this.freeCache.set(personId, out);
    return out;
  }

  /** Days an approved absence of these types covers (ACGME leave days leave the averages). */
  leaveDays(personId: string, types: readonly AbsenceType[]): Uint8Array {
    const out = new Uint8Array(this.dates.length);
    for (const a of this.data.absences) {
      if (a.personId !== personId || a.status !== 'approved' || !types.includes(a.type)) continue;
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
    return person.credentials.some((c) => c.activityCode === code && rule.validStatuses.includes(c.status) && (c.expires === null || c.expires >= date));
  }

  /**
   * Whether duty from `from` to `to` minutes after midnight of `day` falls in the rest a person
   * owes after a long in-house call (the ACGME rest-after-call rule, where it covers them).
   */
  inRestAfterCall(personId: string, day: number, from: number, to: number): boolean {
    const person = this.people.get(personId)!;
    for (const rule of this.rules.restAfterCall) {
      if (!this.applies(rule.config, person, day)) continue;
      for (let d = day - 2; d <= day; d++) {
        for (const c of this.callsOf(personId, d)) {
          const t = this.callTypes.get(c.callTypeCode);
          if (!t?.inHouse) continue;
          const [s, e] = spanMinutes(t.start, t.end);
          if ((e - s) / 60 < rule.params.afterHours) continue;
          const restFrom = e + (d - day) * 24 * 60;
          if (from < restFrom + rule.params.minRestHours * 60 && restFrom < to) return true;
        }
      }
    }
    return false;
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

/** Monday of the ISO week containing a date. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}
