// A whole program in memory: what the exchange format carries, what the demo generator makes,
// and what the compliance engine, solver and exports read.
import type {
  Absence,
  AcademicYearId,
  Activity,
  Assignment,
  Callback,
  CallAssignment,
  CallType,
  Holiday,
  InpatientWeek,
  MoonlightingEntry,
  Person,
  ProgramSettings,
  Rotation,
  RotationAssignment,
} from './types';

export interface ProgramData {
  settings: ProgramSettings;
  academicYears: AcademicYearId[];
  people: Person[];
  activities: Activity[];
  rotations: Rotation[];
  callTypes: CallType[];
  holidays: Holiday[];
  absences: Absence[];
  /** Annual rotation plan. */
  rotationAssignments: RotationAssignment[];
  /** Half-day schedule (the published one). */
  assignments: Assignment[];
  calls: CallAssignment[];
  inpatientWeeks: InpatientWeek[];
  moonlighting: MoonlightingEntry[];
  /** In-house time during home call. */
  callbacks: Callback[];
}

/**
 * Everything in a program but its half-days (100 000s of rows in a year): what checking a request or reading a workbook
 * needs.
 */
export type ProgramOutline = Omit<ProgramData, 'assignments'>;

/** PGY level of a person in an academic year, or null (faculty, learners, not in program). */
export function pgyIn(person: Person, year: AcademicYearId): number | null {
  return person.pgyByYear[String(year)] ?? null;
}
