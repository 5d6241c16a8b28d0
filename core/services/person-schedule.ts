// One person's year at a glance (the page residents open first): their rotation in every block,
// calls, clinic half-days, leave, inpatient weeks, the coming two weeks half-day by half-day, and
// (residents) their weekly hours with the 4-week average the ACGME rule checks. All from the
// published schedule.
import { DateTime } from 'luxon';
import {
  academicYearEnd,
  academicYearLabel,
  academicYearStart,
  addDays,
  blocksForYear,
  datesInRange,
  isWeekend,
} from '../domain/calendar';
import { pgyIn } from '../domain/program';
import type { Absence, AcademicYearId, FacultyRole, HalfDay, IsoDate, PersonKind } from '../domain/types';
import { complianceHours } from './compliance';
import { ServiceError } from './errors';
import { loadProgramData, type Program } from './program';
import type { WeekHours } from './compliance/types';

export interface PersonBlock {
  number: number;
  start: IsoDate;
  end: IsoDate;
  /** The rotation of the block, or of each half. */
  rotations: { part: 'full' | 'first' | 'second'; code: string; name: string; color: string }[];
  clinicHalfDays: number;
  calls: number;
  absenceDays: number;
}

export interface PersonCall {
  date: IsoDate;
  callTypeCode: string;
  callTypeName: string;
  inHouse: boolean;
}

export interface PersonHalfDay {
  date: IsoDate;
  half: HalfDay;
  activityCode: string | null;
  activityName: string | null;
  color: string | null;
}

export interface PersonSchedule {
  person: {
    id: string;
    name: string;
    kind: PersonKind;
    facultyRole: FacultyRole | null;
    pgy: number | null;
    active: boolean;
    /** First and last day in the program, when they have them. */
    startDate?: IsoDate;
    endDate?: IsoDate;
  };
  academicYear: AcademicYearId;
  yearLabel: string;
  /** The day the page is about (today in the program's time zone). */
  today: IsoDate;
  blocks: PersonBlock[];
  calls: PersonCall[];
  absences: Absence[];
  inpatientWeeks: { start: IsoDate; end: IsoDate }[];
  /** The next 14 days from today (or from the year's start when today is outside it), AM and PM. */
  coming: PersonHalfDay[];
  totals: { clinicHalfDays: number; calls: number; weekendCalls: number; absenceDays: number; inpatientWeeks: number };
  /** Residents: weekly duty hours and the 4-week average; null for everyone else. */
  hours: { limitHours: number | null; weeks: WeekHours[]; maxAverage: number; maxAverageEnds: IsoDate | null } | null;
}

export async function personSchedule(
  program: Program,
  personId: string,
  academicYear: AcademicYearId,
  now = new Date(),
): Promise<PersonSchedule> {
  const data = await loadProgramData(program);
  if (!data.academicYears.includes(academicYear))
    throw new ServiceError('not_found', `The program has no academic year ${academicYearLabel(academicYear)}`);
  const person = data.people.find((p) => p.id === personId);
  if (!person) throw new ServiceError('not_found', `No person with id "${personId}"`);
  const start = academicYearStart(academicYear);
  const end = academicYearEnd(academicYear);
  const inYear = (date: IsoDate) => date >= start && date <= end;
  const activities = new Map(data.activities.map((a) => [a.code, a]));
  const rotations = new Map(data.rotations.map((r) => [r.id, r]));
  const callTypes = new Map(data.callTypes.map((t) => [t.code, t]));

  const mine = data.assignments.filter((a) => a.personId === personId && inYear(a.date));
  const calls: PersonCall[] = data.calls
    .filter((c) => c.personId === personId && inYear(c.date))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((c) => {
      const type = callTypes.get(c.callTypeCode);
      return {
        date: c.date,
        callTypeCode: c.callTypeCode,
        callTypeName: type?.name ?? c.callTypeCode,
        inHouse: type?.inHouse ?? false,
      };
    });
  const absences = data.absences
    .filter((a) => a.personId === personId && a.status !== 'denied' && a.end >= start && a.start <= end)
    .sort((a, b) => a.start.localeCompare(b.start));
  const absentDays = new Set<IsoDate>();
  for (const a of absences)
    if (a.status === 'approved')
      for (const d of datesInRange(a.start < start ? start : a.start, a.end > end ? end : a.end)) absentDays.add(d);
  const isClinic = (code: string) => activities.get(code)?.countsTowardClinicCapacity ?? false;

  const blocks: PersonBlock[] = blocksForYear(academicYear, data.settings.blockLayout).map((b) => {
    const within = (date: IsoDate) => date >= b.start && date <= b.end;
    return {
      number: b.number,
      start: b.start,
      end: b.end,
      rotations: data.rotationAssignments
        .filter((r) => r.personId === personId && r.academicYear === academicYear && r.blockNumber === b.number)
        .sort((x, y) => x.part.localeCompare(y.part))
        .flatMap((r) => {
          const rotation = rotations.get(r.rotationId);
          return rotation ? [{ part: r.part, code: rotation.code, name: rotation.name, color: rotation.color }] : [];
        }),
      clinicHalfDays: mine.filter((a) => within(a.date) && isClinic(a.activityCode)).length,
      calls: calls.filter((c) => within(c.date)).length,
      absenceDays: [...absentDays].filter(within).length,
    };
  });

  const today = DateTime.fromJSDate(now, { zone: data.settings.timeZone }).toISODate()!;
  const from = inYear(today) ? today : start;
  const byCell = new Map(mine.map((a) => [`${a.date}|${a.half}`, a]));
  const coming: PersonHalfDay[] = datesInRange(from, addDays(from, 13))
    .filter(inYear)
    .flatMap((date) =>
      (['AM', 'PM'] as const).map((half) => {
        const a = byCell.get(`${date}|${half}`);
        const activity = a ? activities.get(a.activityCode) : undefined;
        return {
          date,
          half,
          activityCode: a?.activityCode ?? null,
          activityName: activity?.name ?? null,
          color: activity?.color ?? null,
        };
      }),
    );

  const weeks = data.inpatientWeeks
    .filter((w) => w.personId === personId && w.end >= start && w.start <= end)
    .map((w) => ({ start: w.start, end: w.end }));
  let hours: PersonSchedule['hours'] = null;
  if (person.kind === 'resident' && pgyIn(person, academicYear) !== null) {
    const result = await complianceHours({ program, actor: 'person-schedule' }, { academicYear, draftId: null }, [
      personId,
    ]);
    const r = result.residents[0];
    if (r)
      hours = {
        limitHours: result.limitHours,
        weeks: r.weeks,
        maxAverage: r.maxAverage,
        maxAverageEnds: r.maxAverageEnds,
      };
  }

  return {
    person: {
      id: person.id,
      name: person.name,
      kind: person.kind,
      facultyRole: person.facultyRole,
      pgy: pgyIn(person, academicYear),
      active: person.active,
      ...(person.startDate === undefined ? {} : { startDate: person.startDate }),
      ...(person.endDate === undefined ? {} : { endDate: person.endDate }),
    },
    academicYear,
    yearLabel: academicYearLabel(academicYear),
    today,
    blocks,
    calls,
    absences,
    inpatientWeeks: weeks,
    coming,
    totals: {
      clinicHalfDays: mine.filter((a) => isClinic(a.activityCode)).length,
      calls: calls.length,
      weekendCalls: calls.filter((c) => isWeekend(c.date)).length,
      absenceDays: absentDays.size,
      inpatientWeeks: weeks.length,
    },
    hours,
  };
}
