// The Add/Edit person form as pure data: the draft the dialog edits, the client-side checks
// (mirroring people.create / people.update in the API contract), the input sent to the API, and
// the mapping of server-side issues back to fields.
import type { PersonInput, PersonRow, PersonUpdateInput } from '../../../core/api/contract';
import type { AcademicYearId, FacultyRole, PersonKind } from '../../../core/domain/types';

export interface PersonDraft {
  name: string;
  kind: PersonKind;
  /** '' = none chosen. */
  facultyRole: FacultyRole | '';
  /** '' = none chosen, else '1' … '8'. */
  pgy: string;
  email: string;
  active: boolean;
  /** First and last day in the program (YYYY-MM-DD); '' = open. */
  startDate: string;
  endDate: string;
}

export const PERSON_FIELDS = ['name', 'kind', 'facultyRole', 'pgy', 'email', 'active', 'startDate', 'endDate'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type FieldErrors = Partial<Record<PersonField, string>>;

export const MAX_NAME_LENGTH = 120;
export const MAX_PGY = 8;
// The same pattern zod 4's z.email() uses, so the client never accepts what the server rejects.
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export function emptyDraft(): PersonDraft {
  return { name: '', kind: 'resident', facultyRole: '', pgy: '', email: '', active: true, startDate: '', endDate: '' };
}

export function draftFromRow(row: PersonRow): PersonDraft {
  return {
    name: row.name,
    kind: row.kind,
    facultyRole: row.facultyRole ?? '',
    pgy: row.pgy === null ? '' : String(row.pgy),
    email: row.email ?? '',
    active: row.active,
    startDate: row.startDate ?? '',
    endDate: row.endDate ?? '',
  };
}

/** Client-side checks; the server checks again and its issues are shown the same way. */
export function validateDraft(d: PersonDraft): FieldErrors {
  const errors: FieldErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = 'name is required';
  else if (name.length > MAX_NAME_LENGTH) errors.name = `name is too long (${MAX_NAME_LENGTH} characters at most)`;
  if (d.kind === 'resident') {
    const pgy = Number(d.pgy);
    if (d.pgy === '') errors.pgy = 'residents need a PGY level';
    else if (!Number.isInteger(pgy) || pgy < 1 || pgy > MAX_PGY) errors.pgy = `PGY level is 1 to ${MAX_PGY}`;
  }
  if (d.kind === 'faculty' && !d.facultyRole) errors.facultyRole = 'faculty need a role';
  const email = d.email.trim();
  if (email && !EMAIL.test(email)) errors.email = 'not a valid e-mail address';
  // The same words as the server's check (core/domain/program-dates).
  if (d.startDate && d.endDate && d.endDate < d.startDate)
    errors.endDate = `the end date ${d.endDate} is before the start date ${d.startDate}`;
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The API input. Fields hidden for the chosen kind (PGY, role) are sent as null. */
export function toPersonInput(d: PersonDraft, academicYear: AcademicYearId): PersonInput {
  const email = d.email.trim();
  return {
    name: d.name.trim(),
    kind: d.kind,
    facultyRole: d.kind === 'faculty' && d.facultyRole ? d.facultyRole : null,
    pgy: d.kind === 'resident' && d.pgy !== '' ? Number(d.pgy) : null,
    academicYear,
    email: email ? email : null,
    active: d.active,
    startDate: d.startDate || null,
    endDate: d.endDate || null,
  };
}

export function toPersonUpdateInput(id: string, d: PersonDraft, academicYear: AcademicYearId): PersonUpdateInput {
  return { ...toPersonInput(d, academicYear), id };
}

/**
 * Server-side issues (`{ path, message }`, path like `name` or `pgy`) become field errors; issues
 * about anything the form does not show are returned as `other` to show above the fields.
 */
export function issuesToFieldErrors(issues: readonly { path: string; message: string }[]): {
  fields: FieldErrors;
  other: string[];
} {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const head = issue.path.split(/[.[]/, 1)[0] as PersonField;
    if ((PERSON_FIELDS as readonly string[]).includes(head)) {
      fields[head] = fields[head] ? `${fields[head]}; ${issue.message}` : issue.message;
    } else {
      other.push(issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`);
    }
  }
  return { fields, other };
}
