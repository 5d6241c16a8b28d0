// CSV of half-day assignments (with the absence covering each, part-day ones by their half), safe
// to open in Excel: RFC 4180 quoting, UTF-8 with a byte-order
// mark (so Excel reads accents), CRLF rows, and every cell that a spreadsheet would run as a
// formula (starting with = + - @, tab or carriage return) neutralised with a leading apostrophe.
import { absenceLabel, Availability } from '../domain/availability';
import { academicYearOf, isoWeekday } from '../domain/calendar';
import type { ProgramData } from '../domain/program';
import { pgyIn } from '../domain/program';
import type { Person } from '../domain/types';
import { ExportInputError, type DateRange, type ExportSchedule } from './schedule';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralise a cell a spreadsheet would evaluate (OWASP "CSV injection"). */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: string[]): string {
  return values.map(csvCell).join(',');
}

export const ASSIGNMENT_CSV_HEADER = [
  'Person',
  'Person ID',
  'Group',
  'Date',
  'Weekday',
  'Part of day',
  'Activity code',
  'Activity',
  'Source',
  'Schedule',
  'Absence',
];

const WEEKDAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface AssignmentsCsvInput {
  data: ProgramData;
  schedule: ExportSchedule;
  people: Person[];
  range: DateRange;
}

export interface AssignmentsCsvResult {
  csv: string;
  rows: number;
}

export function assignmentsCsv(input: AssignmentsCsvInput): AssignmentsCsvResult {
  const { data, schedule, people, range } = input;
  const byId = new Map(people.map((p) => [p.id, p]));
  const activities = new Map(data.activities.map((a) => [a.code, a]));
  const order = new Map(people.map((p, i) => [p.id, i]));
  const year = academicYearOf(range.start);
  const scheduleLabel = schedule.draftLabel ? `DRAFT: ${schedule.draftLabel}` : 'Published';
  // The absence (approved or requested) covering each half-day, part-day ones by the half they cover.
  const availability = new Availability(data.absences, data.settings.absencePolicies, data.people);
  const rows = schedule.assignments
    .filter((a) => byId.has(a.personId) && a.date >= range.start && a.date <= range.end)
    .sort(
      (a, b) =>
        order.get(a.personId)! - order.get(b.personId)! || a.date.localeCompare(b.date) || a.half.localeCompare(b.half),
    )
    .map((a) => {
      const person = byId.get(a.personId)!;
      const activity = activities.get(a.activityCode);
      if (!activity)
        throw new ExportInputError(
          `The assignment of ${person.name} on ${a.date} ${a.half} uses activity "${a.activityCode}", which this ` +
            `program does not define`,
        );
      const pgy = pgyIn(person, year);
      const group =
        person.kind === 'resident'
          ? pgy
            ? `PGY-${pgy}`
            : 'Resident'
          : person.kind === 'faculty'
            ? 'Faculty'
            : 'Learner';
      const weekday = WEEKDAY[isoWeekday(a.date)];
      const away = availability.of(a.personId).absenceIn(a.date, a.half);
      const absence = away ? absenceLabel(away.absence, away.policy) : '';
      return csvRow([
        person.name,
        person.id,
        group,
        a.date,
        weekday,
        a.half,
        activity.code,
        activity.name,
        a.source,
        scheduleLabel,
        absence,
      ]);
    });
  const csv = '\ufeff' + [csvRow(ASSIGNMENT_CSV_HEADER), ...rows].join('\r\n') + '\r\n';
  return { csv, rows: rows.length };
}
