// THE API contract: every method's name, zod input schema and output type, in one place.
// The Electron preload and the browser test host both expose a client generated from it; the
// renderer imports only types from here. Add a method here, then its handler in handlers.ts.
import { z } from 'zod';
import * as S from '../domain/schemas';
import type * as T from '../domain/types';
import { command, query, type ClientOf } from './kit';

/** The error shape window.api failures carry in `.data` (re-exported for the renderer). */
export type { ApiErrorData } from './kit';

// ---- Output shapes (plain data, structured-clone safe) ----

export interface AcademicYearSummary {
  id: T.AcademicYearId;
  label: string;
  start: T.IsoDate;
  end: T.IsoDate;
}

export interface ProgramInfo {
  /** File the program is stored in. */
  path: string;
  settings: T.ProgramSettings;
  academicYears: AcademicYearSummary[];
  /** Academic year the app opens on (the one containing today, else the latest). */
  currentAcademicYear: T.AcademicYearId;
  counts: {
    residents: number;
    faculty: number;
    others: number;
    activities: number;
    rotations: number;
    absences: number;
    assignments: number;
    calls: number;
  };
  schemaVersion: number;
}

/** A person as listed, with the PGY level for the requested academic year. */
export interface PersonRow extends T.Person {
  pgy: number | null;
}

export interface GridPerson {
  id: string;
  name: string;
  kind: T.PersonKind;
  facultyRole: T.FacultyRole | null;
  pgy: number | null;
  /** Display group: 'PGY-3', 'PGY-2', 'PGY-1', 'Faculty', 'Learners'. */
  group: string;
}

/** Everything the block grid needs for one date range. */
export interface GridData {
  start: T.IsoDate;
  end: T.IsoDate;
  people: GridPerson[];
  activities: T.Activity[];
  assignments: T.Assignment[];
  calls: T.CallAssignment[];
  callTypes: T.CallType[];
  holidays: T.Holiday[];
  rotationAssignments: T.RotationAssignment[];
  rotations: Pick<T.Rotation, 'id' | 'code' | 'name' | 'color'>[];
  absences: T.Absence[];
}

export interface JobStatus {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** 0..1 when known. */
  progress: number | null;
  phase: string;
  detail: Record<string, number | string | null>;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  result: unknown;
}

// ---- Input shapes ----

const empty = z.object({});
const yearInput = z.object({ academicYear: S.academicYear });
const personFields = z.object({
  name: S.personName,
  kind: z.enum(['resident', 'faculty', 'student', 'intern']),
  facultyRole: z.enum(['pd', 'apd', 'oic', 'chief', 'sports_med', 'core', 'adjunct']).nullable(),
  /** PGY level in `academicYear` (residents only). */
  pgy: z.number().int().min(1).max(8).nullable(),
  academicYear: S.academicYear,
  email: z.string().trim().email('not a valid e-mail address').nullable(),
  active: z.boolean().default(true),
});

function checkPerson(p: z.output<typeof personFields>, ctx: z.RefinementCtx) {
  if (p.kind === 'resident' && p.pgy === null)
    ctx.addIssue({ code: 'custom', path: ['pgy'], message: 'residents need a PGY level' });
  if (p.kind !== 'resident' && p.pgy !== null)
    ctx.addIssue({ code: 'custom', path: ['pgy'], message: 'only residents have a PGY level' });
  if (p.kind === 'faculty' && !p.facultyRole)
    ctx.addIssue({ code: 'custom', path: ['facultyRole'], message: 'faculty need a role' });
  if (p.kind !== 'faculty' && p.facultyRole)
    ctx.addIssue({ code: 'custom', path: ['facultyRole'], message: 'only faculty have a role' });
}

/** Adding a person from the People view: the PGY level is given for one academic year. */
export const personInput = personFields.superRefine(checkPerson);
export const personUpdateInput = personFields.extend({ id: S.id }).superRefine(checkPerson);
export type PersonInput = z.input<typeof personInput>;
export type PersonUpdateInput = z.input<typeof personUpdateInput>;

const dateRangeInput = z
  .object({ start: S.isoDate, end: S.isoDate })
  .refine((r) => r.start <= r.end, { message: 'end must be on or after start', path: ['end'] })
  .refine((r) => Number(r.end.slice(0, 4)) - Number(r.start.slice(0, 4)) <= 2, {
    message: 'a range covers at most two years',
    path: ['end'],
  });
const jobInput = z.object({ jobId: z.string().min(1).max(64) });

export const contract = {
  'program.info': query<typeof empty, ProgramInfo>(empty),
  'program.updateSettings': command<typeof S.programSettingsSchema, T.ProgramSettings>(S.programSettingsSchema),

  'people.list': query<typeof yearInput, PersonRow[]>(yearInput),
  'people.create': command<typeof personInput, PersonRow>(personInput),
  'people.update': command<typeof personUpdateInput, PersonRow>(personUpdateInput),

  'activities.list': query<typeof empty, T.Activity[]>(empty),
  'rotations.list': query<typeof empty, T.Rotation[]>(empty),
  'blocks.list': query<typeof yearInput, T.Block[]>(yearInput),
  'absences.list': query<typeof yearInput, T.Absence[]>(yearInput),

  'schedule.grid': query<typeof dateRangeInput, GridData>(dateRangeInput),

  /** Long-running work runs as a job in the worker pool; poll its status, cancel it. */
  'jobs.startYearCalendar': command<typeof yearInput, { jobId: string }>(yearInput),
  'jobs.status': query<typeof jobInput, JobStatus>(jobInput),
  'jobs.cancel': command<typeof jobInput, JobStatus>(jobInput),
} as const;

export type Contract = typeof contract;
export type Api = ClientOf<Contract>;
export type MethodName = keyof Contract & string;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
