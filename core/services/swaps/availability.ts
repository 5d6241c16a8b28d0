// Who is away when, as the swap planner and the ranking need it. Availability has one
// definition in the program (approved absences under the absence policy, with recovery days,
// as the generator and the compliance engine read them); this module only looks it up.
import type { ProgramData } from '../../domain/program';
import type { Absence, HalfDay, IsoDate } from '../../domain/types';
import { awayDays, blockedDays } from '../../solver/models/program-view';

export interface Availability {
  /** False when an approved absence keeps the person off half-day work that day. */
  halfDayFree(personId: string, date: IsoDate, half: HalfDay): boolean;
  /** False when an approved absence keeps the person off call (or an inpatient week) that night. */
  callFree(personId: string, date: IsoDate): boolean;
  /** The person's approved absences overlapping a date range. */
  approvedIn(personId: string, start: IsoDate, end: IsoDate): Absence[];
  /** Leave the person asked for (requested, not yet decided) overlapping a date range. */
  requestedIn(personId: string, start: IsoDate, end: IsoDate): Absence[];
}

export function availabilityOf(program: Pick<ProgramData, 'settings' | 'absences'>): Availability {
  // The program-view helpers read only the settings and the absences.
  const data: ProgramData = {
    ...program, academicYears: [], people: [], activities: [], rotations: [], callTypes: [], holidays: [],
    rotationAssignments: [], assignments: [], calls: [], inpatientWeeks: [], moonlighting: [], callbacks: [],
  };
  const halfDays = blockedDays(data);
  const nights = awayDays(data);
  const byPerson = new Map<string, Absence[]>();
  for (const a of data.absences) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  const overlapping = (personId: string, start: IsoDate, end: IsoDate, status: Absence['status']) =>
    (byPerson.get(personId) ?? []).filter((a) => a.status === status && a.start <= end && a.end >= start);
  return {
    halfDayFree: (personId, date) => !halfDays.get(personId)?.has(date),
    callFree: (personId, date) => !nights.get(personId)?.has(date),
    approvedIn: (personId, start, end) => overlapping(personId, start, end, 'approved'),
    requestedIn: (personId, start, end) => overlapping(personId, start, end, 'requested'),
  };
}
