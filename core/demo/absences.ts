// Demo absences: mostly vacation weeks and conferences, some sick days and a few of the rarer
// kinds. Resident vacations land on leave-eligible rotations; faculty leave avoids FMIT weeks.
import { Availability } from '../domain/availability';
import { defaultAbsencePolicy } from '../domain/defaults';
import type { Absence, AbsencePolicy, AbsenceStatus, AbsenceType, Person } from '../domain/types';
import type { Rng } from './rng';
import { isClosedDay, type DemoYear } from './year';

export interface AbsencePlacement {
  /** Whether the person may take planned leave on this day (e.g. on a leave-eligible rotation). */
  canLeave(day: number): boolean;
  /** Whether an unplanned absence (sick) may fall on this day; default any day. */
  canBeAway?(day: number): boolean;
}

interface Want {
  type: AbsenceType;
  days: number;
  /** Whole Monday–Friday weeks. */
  week: boolean;
  /**
   * Consecutive working days inside one week (a conference): no weekend or closed holiday inside
   * the span. Days at a conference are never days off (core/rules/windows awayNotOnLeaveCoverage),
   * so a span across a weekend would take that weekend's days off with it.
   */
  sameWeek: boolean;
  /** Must the whole span be leave-eligible? */
  eligibleOnly: boolean;
}

/** Working days away a year the demo stays within (residents: under the 21-day warning). */
const MAX_RESIDENT_DAYS_AWAY = 18;
const MAX_FACULTY_DAYS_AWAY = 30;

const RARE: AbsenceType[] = ['family_emergency', 'bereavement', 'medical', 'emergency_leave', 'convalescent'];

function wantsFor(rng: Rng, person: Person): Want[] {
  const wants: Want[] = [];
  const isResident = person.kind === 'resident';
  const vacations = person.facultyRole === 'adjunct' ? 1 : 3;
  // Residents take two vacation weeks and a long weekend; faculty mostly whole weeks.
  for (let i = 0; i < vacations; i++) {
    const long = isResident ? i < 2 : rng.chance(0.75);
    wants.push({ type: 'vacation', days: long ? 5 : rng.int(2, 3), week: long, sameWeek: false, eligibleOnly: true });
  }
  const conferences = person.facultyRole === 'adjunct' ? 0 : rng.chance(0.45) ? 2 : 1;
  for (let i = 0; i < conferences; i++)
    wants.push({
      type: 'conference',
      days: rng.int(2, isResident ? 3 : 4),
      week: false,
      sameWeek: true,
      eligibleOnly: true,
    });
  if (!isResident && person.facultyRole !== 'adjunct' && rng.chance(0.5))
    wants.push({ type: 'tdy', days: rng.int(3, 5), week: true, sameWeek: false, eligibleOnly: true });
  const sick = rng.chance(0.7) ? rng.int(1, 2) : 0;
  for (let i = 0; i < sick; i++)
    wants.push({ type: 'sick', days: 1, week: false, sameWeek: false, eligibleOnly: false });
  if (rng.chance(0.12)) {
    // Planned kinds (medical, convalescent leave) land on leave-eligible rotations like vacation.
    const type = rng.pick(RARE);
    const eligibleOnly = defaultAbsencePolicy(type).leaveEligibleOnly;
    wants.push({ type, days: rng.int(1, 4), week: false, sameWeek: false, eligibleOnly });
  }
  return wants;
}

function status(rng: Rng, type: AbsenceType, day: number, yearLength: number): AbsenceStatus {
  if (type === 'sick' || RARE.includes(type)) return 'approved';
  // Leave late in the year is more often still a request; a few requests were denied.
  if (day > yearLength * 0.75 && rng.chance(0.35)) return 'requested';
  return rng.chance(0.03) ? 'denied' : 'approved';
}

export function makeAbsences(
  rng: Rng,
  y: DemoYear,
  people: Person[],
  placementOf: (person: Person) => AbsencePlacement,
  firstId = 1,
): Absence[] {
  const out: Absence[] = [];
  let nextId = firstId;
  for (const person of people) {
    const placement = placementOf(person);
    const taken = new Set<number>();
    let budget = person.kind === 'resident' ? MAX_RESIDENT_DAYS_AWAY : MAX_FACULTY_DAYS_AWAY;
    for (const want of wantsFor(rng, person)) {
      if (want.days > budget) continue;
      budget -= want.days;
      for (let attempt = 0; attempt < 60; attempt++) {
        let start = rng.int(7, y.days.length - 10);
        if (want.week) while (y.weekday[start] !== 1 && start < y.days.length - 7) start++;
        else while (y.weekday[start] >= 6) start++;
        // Within one week: a span that would run past Friday starts earlier, to end on the Friday.
        if (want.sameWeek) start -= Math.max(0, y.weekday[start] + want.days - 1 - 5);
        // Working days only: a span never starts or ends on a weekend.
        const span: number[] = [];
        for (let d = start; span.length < want.days && d < y.days.length; d++) if (y.weekday[d] <= 5) span.push(d);
        if (span.length < want.days) continue;
        const end = span[span.length - 1];
        if (want.sameWeek && (end - start !== want.days - 1 || span.some((d) => isClosedDay(y, d)))) continue;
        let ok = true;
        for (let d = start - 2; d <= end + 2 && ok; d++) if (taken.has(d)) ok = false;
        for (let d = start; d <= end && ok; d++)
          if (want.eligibleOnly ? !placement.canLeave(d) : placement.canBeAway && !placement.canBeAway(d)) ok = false;
        if (!ok) continue;
        for (let d = start; d <= end; d++) taken.add(d);
        out.push({
          id: `abs-${String(nextId++).padStart(4, '0')}`,
          personId: person.id,
          type: want.type,
          start: y.days[start],
          end: y.days[end],
          status: status(rng, want.type, start, y.days.length),
          note:
            want.type === 'conference'
              ? rng.pick(['AAFP FMX', 'STFM Annual', 'Regional CME', 'USAFP Annual Meeting'])
              : null,
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Per person, per day: the type of the absence that makes the person unavailable, if any (what the
 * schedule must honour, by core/domain/availability: approved absences with their recovery days),
 * and requested ones too, which a generated schedule avoids.
 */
export function absenceDays(
  y: DemoYear,
  absences: Absence[],
  policies: AbsencePolicy[],
): Map<string, (AbsenceType | undefined)[]> {
  const out = new Map<string, (AbsenceType | undefined)[]>();
  const availability = new Availability(absences, policies, []);
  for (const personId of new Set(absences.map((a) => a.personId))) {
    const person = availability.of(personId);
    const days: (AbsenceType | undefined)[] = [];
    y.days.forEach((date, d) => {
      const why = person.halfDay(date, 'AM') ?? person.halfDay(date, 'PM');
      if (why?.kind === 'absence') days[d] = why.absence.type;
    });
    out.set(personId, days);
  }
  return out;
}
