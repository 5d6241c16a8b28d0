// What an export covers: which schedule (the published one, or a draft the user picked), which
// people and which dates. Every export format starts here, so they all agree on the selection.
import { z } from 'zod';
import { academicYearEnd, academicYearOf, isIsoDate } from '../domain/calendar';
import type { ProgramData } from '../domain/program';
import { pgyIn } from '../domain/program';
import * as S from '../domain/schemas';
import type { Assignment, CallAssignment, InpatientWeek, IsoDate, Person, PersonKind } from '../domain/types';

/**
 * A draft passed in place of the published schedule. Inside [start, end] its assignments, calls
 * (and inpatient weeks, when given) replace the published ones entirely, so a draft can also
 * remove things; outside that range the published schedule shows through.
 */
export const scheduleOverrideSchema = z
  .object({
    label: z.string().trim().min(1, 'a draft needs a label').max(120),
    start: S.isoDate,
    end: S.isoDate,
    assignments: z.array(S.assignmentSchema),
    calls: z.array(S.callAssignmentSchema),
    inpatientWeeks: z.array(S.inpatientWeekSchema).optional(),
  })
  .refine((d) => d.start <= d.end, { message: 'end must be on or after start', path: ['end'] });
export type ScheduleOverride = z.output<typeof scheduleOverrideSchema>;

/** The schedule an export reads: published, or published overlaid with a draft. */
export interface ExportSchedule {
  /** null = the published schedule; otherwise the draft's label (every output says DRAFT). */
  draftLabel: string | null;
  assignments: Assignment[];
  calls: CallAssignment[];
  inpatientWeeks: InpatientWeek[];
}

export class ExportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportInputError';
  }
}

function checkInside(override: ScheduleOverride, date: IsoDate, what: string): void {
  if (date < override.start || date > override.end)
    throw new ExportInputError(
      `Draft "${override.label}": ${what} on ${date} lies outside the draft's range ${override.start} – ` +
        `${override.end}`,
    );
}

export function scheduleFor(data: ProgramData, override?: ScheduleOverride | null): ExportSchedule {
  if (!override)
    return { draftLabel: null, assignments: data.assignments, calls: data.calls, inpatientWeeks: data.inpatientWeeks };
  const parsed = scheduleOverrideSchema.safeParse(override);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExportInputError(`Draft is not valid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const d = parsed.data;
  d.assignments.forEach((a) => checkInside(d, a.date, `the assignment of ${a.personId} (${a.half})`));
  d.calls.forEach((c) => checkInside(d, c.date, `the ${c.callTypeCode} call of ${c.personId}`));
  const inside = (date: IsoDate) => date >= d.start && date <= d.end;
  const weeks = d.inpatientWeeks
    ? [...data.inpatientWeeks.filter((w) => w.end < d.start || w.start > d.end), ...d.inpatientWeeks]
    : data.inpatientWeeks;
  return {
    draftLabel: d.label,
    assignments: [...data.assignments.filter((a) => !inside(a.date)), ...d.assignments],
    calls: [...data.calls.filter((c) => !inside(c.date)), ...d.calls],
    inpatientWeeks: weeks,
  };
}

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

/** The requested range; by default from today to the end of the academic year containing today. */
export function resolveRange(requested: Partial<DateRange>, today: IsoDate): DateRange {
  for (const [name, value] of Object.entries(requested))
    if (value !== undefined && !isIsoDate(value))
      throw new ExportInputError(`The ${name} date "${value}" is not a calendar date (YYYY-MM-DD)`);
  const start = requested.start ?? today;
  const end = requested.end ?? academicYearEnd(academicYearOf(start));
  if (start > end) throw new ExportInputError(`The range end ${end} is before its start ${start}`);
  return { start, end };
}

/**
 * Who an export is for. Explicit person ids win; otherwise active people filtered by kind and by
 * PGY level (in the academic year the range starts in). Nothing given = every active person.
 */
export interface PeopleSelection {
  personIds?: string[];
  kinds?: PersonKind[];
  pgyLevels?: number[];
}

export function resolvePeople(
  data: Pick<ProgramData, 'people'>,
  selection: PeopleSelection,
  rangeStart: IsoDate,
): Person[] {
  const byId = new Map(data.people.map((p) => [p.id, p]));
  if (selection.personIds?.length) {
    return [...new Set(selection.personIds)].map((id) => {
      const person = byId.get(id);
      if (!person) throw new ExportInputError(`No person with id "${id}" in this program`);
      return person;
    });
  }
  const year = academicYearOf(rangeStart);
  const kinds = selection.kinds ?? [];
  const levels = selection.pgyLevels ?? [];
  const people = data.people.filter(
    (p) =>
      p.active &&
      (kinds.length === 0 || kinds.includes(p.kind)) &&
      (levels.length === 0 || levels.includes(pgyIn(p, year) ?? -1)),
  );
  if (people.length === 0) {
    const what = [
      kinds.length ? `kind ${kinds.join('/')}` : '',
      levels.length ? `PGY ${levels.join('/')} in AY ${year}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    throw new ExportInputError(`No active person matches ${what || 'the selection'}`);
  }
  return people;
}

/** Display order used by every printout: PGY-3 … PGY-1, then faculty, then learners; by name within. */
export function displayGroup(person: Person, year: number): { rank: number; label: string } {
  const pgy = pgyIn(person, year);
  if (person.kind === 'resident' && pgy !== null) return { rank: 10 - pgy, label: `PGY-${pgy}` };
  if (person.kind === 'resident') return { rank: 10, label: 'Residents' };
  if (person.kind === 'faculty') return { rank: 20, label: 'Faculty' };
  return { rank: 30, label: 'Learners' };
}

/**
 * localeCompare(b, 'en', { numeric: true }) made once: that call built a collator per comparison (25 ms for 400
 * people).
 */
const byName = new Intl.Collator('en', { numeric: true }).compare;

export function sortForDisplay(people: Person[], year: number): Person[] {
  return [...people].sort((a, b) => displayGroup(a, year).rank - displayGroup(b, year).rank || byName(a.name, b.name));
}
