// Everything the block grid shows for a date range: people in display groups (PGY-3, PGY-2,
// PGY-1, Faculty, Learners; by name within a group), their half-day assignments, calls,
// holidays, rotations of the blocks in range, absences, and moonlighting and callbacks with the
// half-days they cover.
import { type Kysely, sql } from 'kysely';
import { programDaysIn } from '../domain/program-dates';
import { slotsOverlapping } from '../domain/availability';
import { academicYearOf, addDays } from '../domain/calendar';
import type {
  Absence,
  Activity,
  Assignment,
  CallAssignment,
  Callback,
  CallType,
  FacultyRole,
  Holiday,
  IsoDate,
  MoonlightingEntry,
  Person,
  PersonKind,
  Rotation,
  RotationAssignment,
  Slot,
} from '../domain/types';
import { readPeople } from '../db/program-data';
import type { Database } from '../db/schema';
import * as R from '../db/rows';
import { listActivities } from './catalog';
import { nextTurn } from './drafts/turns';
import { partsConnection, type Program } from './program';

export interface GridRowPerson {
  id: string;
  name: string;
  kind: PersonKind;
  facultyRole: FacultyRole | null;
  pgy: number | null;
  group: string;
  /** First and last day in the program (core/domain/program-dates), when the person has them. */
  startDate?: IsoDate;
  endDate?: IsoDate;
}

export interface Grid {
  start: IsoDate;
  end: IsoDate;
  people: GridRowPerson[];
  activities: Activity[];
  assignments: Assignment[];
  calls: CallAssignment[];
  callTypes: CallType[];
  holidays: Holiday[];
  rotationAssignments: RotationAssignment[];
  rotations: Pick<Rotation, 'id' | 'code' | 'name' | 'color'>[];
  absences: Absence[];
  /** Moonlighting and callbacks overlapping the range, each with the half-days in range it covers. */
  duty: GridDutyEntry[];
}

/** Moonlighting or a callback as the grid shows it on the person's row. */
export type GridDutyEntry = (
  | ({ kind: 'moonlighting' } & MoonlightingEntry)
  | ({ kind: 'callback' } & Callback & { internal?: never; approved?: never })
) & { slots: Slot[] };

/** Display group and its rank (lower first): senior residents first, learners last. */
export function groupOf(person: Person, pgy: number | null): { group: string; rank: number } {
  if (person.kind === 'resident')
    return pgy === null ? { group: 'Residents', rank: 50 } : { group: `PGY-${pgy}`, rank: 10 - pgy };
  if (person.kind === 'faculty') return { group: 'Faculty', rank: 60 };
  return { group: 'Learners', rank: 70 };
}

/**
 * Days of half-days read per statement: a year of them at 150 residents (200 000 rows) in one statement held the main
 * thread for most of a second.
 */
const DAYS_PER_PART = 31;

/** The range's half-days in grid order, a month of dates a statement with a turn between two. */
async function assignmentsInParts(db: Kysely<Database>, start: IsoDate, end: IsoDate): Promise<Assignment[]> {
  const out: Assignment[] = [];
  for (let from = start; from <= end; from = addDays(from, DAYS_PER_PART)) {
    if (from > start) await nextTurn();
    const to = addDays(from, DAYS_PER_PART - 1);
    const rows = await db
      .selectFrom('assignments')
      .selectAll()
      .where('date', '>=', from)
      .where('date', '<=', to < end ? to : end)
      .orderBy('date')
      .orderBy('half')
      .orderBy('person_id')
      .execute();
    for (const r of rows) out.push(R.assignmentFromRow(r));
  }
  return out;
}

export async function scheduleGrid(program: Program, start: IsoDate, end: IsoDate): Promise<Grid> {
  // One read transaction: the half-days read in parts and everything else show the same state.
  const db = partsConnection(program);
  if (db.isTransaction) return gridIn({ ...program, db }, start, end);
  return db.transaction().execute((trx) => gridIn({ ...program, db: trx }, start, end));
}

async function gridIn(program: Program, start: IsoDate, end: IsoDate): Promise<Grid> {
  const db = program.db;
  const year = academicYearOf(start);
  // Local date-times bounding the range (moonlighting and callbacks store `YYYY-MM-DDTHH:MM`).
  const before = `${start}T00:00`;
  const after = `${end}T24:00`;
  const [
    people,
    activities,
    assignments,
    callRows,
    callTypeRows,
    holidayRows,
    rotationAssignmentRows,
    rotationRows,
    absenceRows,
    moonlightingRows,
    callbackRows,
  ] = await Promise.all([
    readPeople(db),
    listActivities(program),
    assignmentsInParts(db, start, end),
    db
      .selectFrom('calls')
      .selectAll()
      .where('date', '>=', start)
      .where('date', '<=', end)
      .orderBy('date')
      .orderBy('call_type_code')
      .execute(),
    db.selectFrom('call_types').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('holidays').selectAll().where('date', '>=', start).where('date', '<=', end).orderBy('date').execute(),
    db
      .selectFrom('rotation_assignments as ra')
      .innerJoin('blocks as b', (join) =>
        join.onRef('b.academic_year', '=', 'ra.academic_year').onRef('b.number', '=', 'ra.block_number'),
      )
      .selectAll('ra')
      .where('b.start', '<=', end)
      .where('b.end', '>=', start)
      .orderBy('ra.academic_year')
      .orderBy('ra.block_number')
      .orderBy('ra.person_id')
      .orderBy('ra.part')
      .execute(),
    db.selectFrom('rotations').select(['id', 'code', 'name', 'color']).orderBy(sql`rowid`).execute(),
    db
      .selectFrom('absences')
      .selectAll()
      .where('start', '<=', end)
      .where('end', '>=', start)
      .orderBy('start')
      .orderBy('person_id')
      .execute(),
    db
      .selectFrom('moonlighting')
      .selectAll()
      .where('start', '<', after)
      .where('end', '>', before)
      .orderBy('start')
      .execute(),
    db
      .selectFrom('callbacks')
      .selectAll()
      .where('start', '<', after)
      .where('end', '>', before)
      .orderBy('start')
      .execute(),
  ]);

  // Active people (residents only in years they have a PGY level) with a day in the program in the
  // range, plus anyone else who still has something in the range.
  const present = new Set<string>([...assignments.map((a) => a.personId), ...callRows.map((c) => c.person_id)]);
  const belongs = (p: Person) =>
    p.active && (p.kind !== 'resident' || p.pgyByYear[String(year)] !== undefined) && programDaysIn(p, start, end) > 0;
  const rows = people
    .filter((p) => belongs(p) || present.has(p.id))
    .map((p) => {
      const pgy = p.pgyByYear[String(year)] ?? null;
      return { person: p, pgy, ...groupOf(p, pgy) };
    })
    .sort(
      (a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name) || a.person.id.localeCompare(b.person.id),
    );

  return {
    start,
    end,
    people: rows.map(({ person, pgy, group }) => ({
      id: person.id,
      name: person.name,
      kind: person.kind,
      facultyRole: person.facultyRole,
      pgy,
      group,
      ...(person.startDate === undefined ? {} : { startDate: person.startDate }),
      ...(person.endDate === undefined ? {} : { endDate: person.endDate }),
    })),
    activities,
    assignments,
    calls: callRows.map(R.callFromRow),
    callTypes: callTypeRows.map(R.callTypeFromRow),
    holidays: holidayRows.map(R.holidayFromRow),
    rotationAssignments: rotationAssignmentRows.map(R.rotationAssignmentFromRow),
    rotations: rotationRows,
    absences: absenceRows.map(R.absenceFromRow),
    duty: [
      ...moonlightingRows.map((r) => ({ kind: 'moonlighting' as const, ...R.moonlightingFromRow(r) })),
      ...callbackRows.map((r) => ({ kind: 'callback' as const, ...R.callbackFromRow(r) })),
    ]
      .map((entry) => ({ ...entry, slots: slotsOverlapping(entry.start, entry.end, start, end) }))
      .sort((a, b) => a.start.localeCompare(b.start) || a.personId.localeCompare(b.personId)),
  };
}
