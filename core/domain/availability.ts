// The one definition of availability. An approved absence of any type makes a person unavailable
// for every half-day and call it covers (and the policy's recovery days after it); a requested
// one is avoided at a cost; a denied one is nothing. A program's policy per absence type only
// relaxes on purpose (half-day work allowed, calls from an hour of the evening allowed).
// Outside a person's start and end dates (core/domain/program-dates) they are not in the program:
// unavailable for everything, but not absent (no leave, no absence finding).
// The compliance engine, the generation models, the demo generator and the services all ask here.
//
// Time is counted in wall-clock minutes from 1970-01-01 ("local minutes"): a day is 1440 of them
// whatever the clock change, which is what coverage means (a night call from 17:00 to 07:00 covers
// the next morning's first seven hours).
import { epochDay } from './calendar';
import { defaultAbsencePolicy } from './defaults';
import { hasProgramDates, inProgramOn, type ProgramDates } from './program-dates';
import {
  HALF_DAYS,
  type Absence,
  type AbsencePart,
  type AbsencePolicy,
  type ClockTime,
  type HalfDay,
  type IsoDate,
  type Slot,
} from './types';

export const MINUTES_PER_DAY = 1440;

/** Days since 1970-01-01 of a calendar date (no time zone, no DST): the calendar's epochDay. */
export function dayNumber(date: IsoDate): number {
  return epochDay(date);
}

/** Minutes after midnight of a wall-clock time `HH:MM`. */
export function clockMinutes(time: ClockTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The minutes of the day each half covers, for availability: AM before noon, PM from noon. */
export const HALF_WINDOW: Record<HalfDay, readonly [number, number]> = { AM: [0, 720], PM: [720, MINUTES_PER_DAY] };

/** Local minutes of a local date-time `YYYY-MM-DDTHH:MM` (moonlighting, callbacks). */
export function localDateTimeMinutes(dateTime: string): number {
  return dayNumber(dateTime.slice(0, 10)) * MINUTES_PER_DAY + clockMinutes(dateTime.slice(11, 16));
}

/**
 * The half-days a span of local date-times overlaps (AM before noon, PM from noon: a night shift
 * from 21:00 to 07:00 covers that evening's PM and the next AM), limited to the days `from`–`to`.
 */
export function slotsOverlapping(start: string, end: string, from: IsoDate, to: IsoDate): Slot[] {
  const s = localDateTimeMinutes(start);
  const e = localDateTimeMinutes(end);
  const slots: Slot[] = [];
  const last = Math.min(Math.floor((e - 1) / MINUTES_PER_DAY), dayNumber(to));
  for (let day = Math.max(Math.floor(s / MINUTES_PER_DAY), dayNumber(from)); day <= last; day++) {
    const base = day * MINUTES_PER_DAY;
    for (const half of HALF_DAYS)
      if (s < base + HALF_WINDOW[half][1] && base + HALF_WINDOW[half][0] < e)
        slots.push({ date: dateOfDayNumber(day), half });
  }
  return slots;
}

/** Minutes of each of its days an absence covers, [from, to). */
export function partWindow(part: AbsencePart | undefined): [number, number] {
  if (part === undefined) return [0, MINUTES_PER_DAY];
  if (part === 'AM' || part === 'PM') return [...HALF_WINDOW[part]];
  return [clockMinutes(part.start), clockMinutes(part.end)];
}

/** The halves of a day an absence part covers. */
export function halvesOf(part: AbsencePart | undefined): HalfDay[] {
  const [from, to] = partWindow(part);
  return (['AM', 'PM'] as const).filter((h) => from < HALF_WINDOW[h][1] && HALF_WINDOW[h][0] < to);
}

/** Words for an absence part: "", "AM", "PM", "12:00–17:00". */
export function partLabel(part: AbsencePart | undefined): string {
  if (part === undefined) return '';
  return typeof part === 'string' ? part : `${part.start}–${part.end}`;
}

/** "mornings", "afternoons", "12:00–17:00": the part of each day, in words for a schedule. */
export function partWords(part: AbsencePart | undefined): string {
  if (part === undefined) return '';
  if (part === 'AM') return 'mornings';
  if (part === 'PM') return 'afternoons';
  return `${part.start}–${part.end}`;
}

/** An absence as a schedule shows it: "Medical leave 12:00–17:00", "Vacation (requested)". */
export function absenceLabel(absence: Absence, policy: AbsencePolicy): string {
  const part = partWords(absence.part);
  return `${policy.name}${part ? ` ${part}` : ''}${absence.status === 'requested' ? ' (requested)' : ''}`;
}

/** An absence that makes a person unavailable (or to be avoided) at some time. */
export interface AbsenceUnavailability {
  kind: 'absence';
  absence: Absence;
  policy: AbsencePolicy;
  /** Approved: unavailable (work there is a finding). Requested: avoided at a cost, flagged low. */
  approved: boolean;
  /** On the policy's recovery days after the absence. */
  recovery: boolean;
}

/** The person is not in the program then (before their start date or after their end date). */
export interface OutsideProgram {
  kind: 'outside';
  dates: ProgramDates;
  /** The first day asked about that is outside. */
  date: IsoDate;
  approved: true;
  recovery: false;
}

/** Why a person is not available (or should not be used) at some time. */
export type Unavailability = AbsenceUnavailability | OutsideProgram;

interface Cover {
  /** Local minutes, [from, to). */
  from: number;
  to: number;
  why: AbsenceUnavailability;
}

/** Approved before requested, then the earlier absence, then by id: one answer, always the same. */
function before(a: AbsenceUnavailability, b: AbsenceUnavailability): boolean {
  if (a.approved !== b.approved) return a.approved;
  if (a.absence.start !== b.absence.start) return a.absence.start < b.absence.start;
  return a.absence.id < b.absence.id;
}

/**
 * One person's availability, from their days in the program and their absences (any order) under
 * the program's policies.
 */
export class PersonAvailability {
  private readonly covers: Cover[] = [];
  /** The covers never change: their groups are worked out once. */
  private readonly groupsCache = new Map<boolean, readonly AbsenceGroup[]>();
  /** Whole days touched by any cover (approved or requested), as day numbers. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** The first and last day in the program, as day numbers (±Infinity when open). */
  private readonly startDay: number;
  private readonly endDay: number;

  constructor(
    absences: readonly Absence[],
    policyOf: (type: string) => AbsencePolicy,
    readonly dates: ProgramDates = {},
  ) {
    this.startDay = dates.startDate === undefined ? -Infinity : dayNumber(dates.startDate);
    this.endDay = dates.endDate === undefined ? Infinity : dayNumber(dates.endDate);
    let first = Infinity;
    let last = -Infinity;
    for (const absence of absences) {
      if (absence.status === 'denied') continue;
      const policy = policyOf(absence.type);
      const approved = absence.status === 'approved';
      const startDay = dayNumber(absence.start);
      const endDay = dayNumber(absence.end);
      const [from, to] = partWindow(absence.part);
      const why: AbsenceUnavailability = { kind: 'absence', absence, policy, approved, recovery: false };
      if (from === 0 && to === MINUTES_PER_DAY) {
        this.covers.push({ from: startDay * MINUTES_PER_DAY, to: (endDay + 1) * MINUTES_PER_DAY, why });
      } else {
        for (let d = startDay; d <= endDay; d++)
          this.covers.push({ from: d * MINUTES_PER_DAY + from, to: d * MINUTES_PER_DAY + to, why });
      }
      const recovery = policy.recoveryDays;
      if (recovery > 0)
        this.covers.push({
          from: (endDay + 1) * MINUTES_PER_DAY,
          to: (endDay + 1 + recovery) * MINUTES_PER_DAY,
          why: { ...why, recovery: true },
        });
      first = Math.min(first, startDay);
      last = Math.max(last, endDay + recovery);
    }
    this.covers.sort((a, b) => a.from - b.from || a.to - b.to);
    this.firstDay = first;
    this.lastDay = last;
  }

  /** True when the person has no approved or requested absence and no start or end date. */
  get empty(): boolean {
    return this.covers.length === 0 && !hasProgramDates(this.dates);
  }

  /** Whether the person is in the program on a date. */
  inProgram(date: IsoDate): boolean {
    return inProgramOn(this.dates, date);
  }

  /** Not in the program on some day of [from, to) local minutes: the first such day. */
  private outside(from: number, to: number): OutsideProgram | null {
    const first = Math.floor(from / MINUTES_PER_DAY);
    const last = Math.ceil(to / MINUTES_PER_DAY) - 1;
    const day = first < this.startDay ? first : last > this.endDay ? Math.max(first, this.endDay + 1) : null;
    if (day === null) return null;
    return { kind: 'outside', dates: this.dates, date: dateOfDayNumber(day), approved: true, recovery: false };
  }

  /** Outside the program first, else the absence covering [from, to) that `relaxed` does not excuse. */
  private find(from: number, to: number, relaxed: (why: AbsenceUnavailability) => boolean): Unavailability | null {
    return this.outside(from, to) ?? this.findAbsence(from, to, relaxed);
  }

  /** The absence covering [from, to) local minutes that `relaxed` does not excuse, preferring approved. */
  private findAbsence(
    from: number,
    to: number,
    relaxed: (why: AbsenceUnavailability) => boolean,
  ): AbsenceUnavailability | null {
    let best: AbsenceUnavailability | null = null;
    for (const c of this.covers) {
      if (c.from >= to) break;
      if (c.to <= from || relaxed(c.why)) continue;
      if (!best || before(c.why, best)) best = c.why;
    }
    return best;
  }

  /** Whether the person may work a half-day (date, half); the reason when not. */
  halfDay(date: IsoDate, half: HalfDay): Unavailability | null {
    const day = dayNumber(date) * MINUTES_PER_DAY;
    const [from, to] = HALF_WINDOW[half];
    return this.find(day + from, day + to, halfDaysRelaxed);
  }

  /**
   * Whether the person may take a call dated `date` from `start` to `end` (an end at or before
   * the start is the next day): any overlap with an absence counts, so the night before a whole-day
   * absence is taken too, unless the type allows calls starting from an hour the call starts at.
   */
  call(date: IsoDate, start: ClockTime, end: ClockTime): Unavailability | null {
    const s = clockMinutes(start);
    let e = clockMinutes(end);
    if (e <= s) e += MINUTES_PER_DAY;
    const day = dayNumber(date) * MINUTES_PER_DAY;
    return this.find(day + s, day + e, (why) => callRelaxed(why, s));
  }

  /** Whether the person may hold an inpatient week (days `start` … `end` of half-day work). */
  inpatientWeek(start: IsoDate, end: IsoDate): Unavailability | null {
    return this.find(dayNumber(start) * MINUTES_PER_DAY, (dayNumber(end) + 1) * MINUTES_PER_DAY, halfDaysRelaxed);
  }

  /**
   * The person's approved (or requested) absences in groups of overlapping ones, with the days
   * each group covers (recovery days included): duplicates and overlaps are one stretch of time
   * away, so what happens in it is one fault, not one per absence.
   */
  groups(approved: boolean): readonly AbsenceGroup[] {
    const known = this.groupsCache.get(approved);
    if (known) return known;
    const spans = new Map<string, { absence: Absence; from: number; to: number }>();
    for (const c of this.covers) {
      if (c.why.approved !== approved) continue;
      const day = Math.floor(c.from / MINUTES_PER_DAY);
      const last = Math.ceil(c.to / MINUTES_PER_DAY) - 1;
      const span = spans.get(c.why.absence.id);
      if (span) {
        span.from = Math.min(span.from, day);
        span.to = Math.max(span.to, last);
      } else spans.set(c.why.absence.id, { absence: c.why.absence, from: day, to: last });
    }
    const sorted = [...spans.values()].sort(
      (a, b) => a.from - b.from || a.to - b.to || (a.absence.id < b.absence.id ? -1 : 1),
    );
    const out: AbsenceGroup[] = [];
    let current: { from: number; to: number; absences: Absence[] } | null = null;
    for (const s of sorted) {
      if (current && s.from <= current.to) {
        current.to = Math.max(current.to, s.to);
        current.absences.push(s.absence);
      } else {
        if (current) out.push(groupOf(current));
        current = { from: s.from, to: s.to, absences: [s.absence] };
      }
    }
    if (current) out.push(groupOf(current));
    this.groupsCache.set(approved, out);
    return out;
  }

  /**
   * Planned leave touching days `start` … `end` (recovery days included): whole-day absences of
   * types whose policy puts them on leave-eligible rotations, each once, approved first. A part-day
   * absence (an appointment, a morning) is not leave: the half-days it covers are kept free, and it
   * does not take the resident off the inpatient team for the half-block. The annual plan keeps
   * leave-ineligible rotations (inpatient team, night float, ICU) away from these; the compliance
   * engine flags those it finds there.
   */
  leaveIn(start: IsoDate, end: IsoDate): AbsenceUnavailability[] {
    const from = dayNumber(start) * MINUTES_PER_DAY;
    const to = (dayNumber(end) + 1) * MINUTES_PER_DAY;
    const out = new Map<string, AbsenceUnavailability>();
    for (const c of this.covers) {
      if (c.from >= to) break;
      if (c.to <= from || !c.why.policy.leaveEligibleOnly || c.why.absence.part !== undefined) continue;
      // Only its recovery days in the window: say so.
      const seen = out.get(c.why.absence.id);
      if (!seen || (seen.recovery && !c.why.recovery)) out.set(c.why.absence.id, c.why);
    }
    return [...out.values()].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** The absence (approved first, then requested; relaxed or not) covering a half-day, if any. */
  absenceIn(date: IsoDate, half: HalfDay): AbsenceUnavailability | null {
    const day = dayNumber(date) * MINUTES_PER_DAY;
    const [from, to] = HALF_WINDOW[half];
    return this.findAbsence(day + from, day + to, (why) => why.recovery);
  }

  /** Whether any absence (approved or requested; relaxed or not) touches a date. */
  touches(date: IsoDate): AbsenceUnavailability | null {
    const day = dayNumber(date) * MINUTES_PER_DAY;
    return this.findAbsence(day, day + MINUTES_PER_DAY, () => false);
  }
}

/** Overlapping absences of one person and standing, with the days they cover. */
export interface AbsenceGroup {
  /** First and last day covered, recovery days included. */
  start: IsoDate;
  end: IsoDate;
  /** By first day, then id. */
  absences: Absence[];
}

/** The calendar date of a day number. */
export function dateOfDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function groupOf(g: { from: number; to: number; absences: Absence[] }): AbsenceGroup {
  return { start: dateOfDayNumber(g.from), end: dateOfDayNumber(g.to), absences: g.absences };
}

const halfDaysRelaxed = (why: AbsenceUnavailability) => !why.recovery && why.policy.relax.halfDays;
const callRelaxed = (why: AbsenceUnavailability, startMinutes: number) =>
  !why.recovery && why.policy.relax.callsFrom !== null && startMinutes >= clockMinutes(why.policy.relax.callsFrom);

/** A program's policies by type; a type without one blocks everything (named after its code). */
export function policyLookup(policies: readonly AbsencePolicy[]): (type: string) => AbsencePolicy {
  const byType = new Map(policies.map((p) => [p.type, p]));
  const fallback = new Map<string, AbsencePolicy>();
  return (type) => {
    const found = byType.get(type);
    if (found) return found;
    let made = fallback.get(type);
    if (!made) fallback.set(type, (made = defaultAbsencePolicy(type)));
    return made;
  };
}

/** Every person's availability in a program, built on first use. */
export class Availability {
  private readonly byPerson = new Map<string, Absence[]>();
  private readonly built = new Map<string, PersonAvailability>();
  private readonly datesOf = new Map<string, ProgramDates>();
  readonly policyOf: (type: string) => AbsencePolicy;

  /** `people`: whose start and end dates count (everyone with dates must be among them). */
  constructor(
    absences: readonly Absence[],
    policies: readonly AbsencePolicy[],
    people: readonly (ProgramDates & { id: string })[],
  ) {
    this.policyOf = policyLookup(policies);
    for (const p of people)
      if (hasProgramDates(p)) this.datesOf.set(p.id, { startDate: p.startDate, endDate: p.endDate });
    for (const a of absences) {
      const list = this.byPerson.get(a.personId);
      if (list) list.push(a);
      else this.byPerson.set(a.personId, [a]);
    }
  }

  of(personId: string): PersonAvailability {
    let p = this.built.get(personId);
    if (!p)
      this.built.set(
        personId,
        (p = new PersonAvailability(this.byPerson.get(personId) ?? [], this.policyOf, this.datesOf.get(personId))),
      );
    return p;
  }

  /** The person's absences (any status), in stored order. */
  absencesOf(personId: string): readonly Absence[] {
    return this.byPerson.get(personId) ?? [];
  }
}
