// Who is away when, as the swap planner and the ranking need it. Availability has one
// definition (core/domain/availability: approved absences under the absence policy, with recovery
// days, as the generator and the compliance engine read them); this module only looks it up.
import { Availability as ProgramAvailability } from '../../domain/availability';
import type { ProgramData } from '../../domain/program';
import type { Absence, CallType, HalfDay, IsoDate } from '../../domain/types';

export interface Availability {
  /** False when an approved absence keeps the person off half-day work then. */
  halfDayFree(personId: string, date: IsoDate, half: HalfDay): boolean;
  /**
   * False when an approved absence keeps the person off a call of this type that night (its hours
   * overlap the absence: the night before a whole-day absence too), or, without a type, off the
   * day of an inpatient week.
   */
  callFree(personId: string, date: IsoDate, type?: Pick<CallType, 'start' | 'end'>): boolean;
  /** The person's approved absences overlapping a date range. */
  approvedIn(personId: string, start: IsoDate, end: IsoDate): Absence[];
  /** Leave the person asked for (requested, not yet decided) overlapping a date range. */
  requestedIn(personId: string, start: IsoDate, end: IsoDate): Absence[];
}

export function availabilityOf(program: Pick<ProgramData, 'settings' | 'absences' | 'people'>): Availability {
  const availability = new ProgramAvailability(program.absences, program.settings.absencePolicies, program.people);
  const overlapping = (personId: string, start: IsoDate, end: IsoDate, status: Absence['status']) =>
    availability.absencesOf(personId).filter((a) => a.status === status && a.start <= end && a.end >= start);
  return {
    halfDayFree: (personId, date, half) => !availability.of(personId).halfDay(date, half)?.approved,
    callFree: (personId, date, type) => {
      const person = availability.of(personId);
      return !(type ? person.call(date, type.start, type.end) : person.inpatientWeek(date, date))?.approved;
    },
    approvedIn: (personId, start, end) => overlapping(personId, start, end, 'approved'),
    requestedIn: (personId, start, end) => overlapping(personId, start, end, 'requested'),
  };
}
