// Mapping between domain objects and table rows: booleans as 0/1, nested values as JSON text,
// time ranges as two columns. One pair of functions per entity.
import type { Selectable } from 'kysely';
import type * as T from '../domain/types';
import type * as D from './schema';

const flag = (b: boolean): number => (b ? 1 : 0);
const bool = (n: number): boolean => n === 1;

export function activityToRow(a: T.Activity): D.ActivitiesTable {
  return {
    code: a.code,
    name: a.name,
    category: a.category,
    needs_supervision: flag(a.needsSupervision),
    provides_supervision: flag(a.providesSupervision),
    protected: flag(a.protected),
    counts_toward_duty_hours: flag(a.countsTowardDutyHours),
    patient_care: flag(a.patientCare),
    counts_toward_clinic_capacity: flag(a.countsTowardClinicCapacity),
    extra_supervision_units: a.extraSupervisionUnits,
    am_start: a.am?.start ?? null,
    am_end: a.am?.end ?? null,
    pm_start: a.pm?.start ?? null,
    pm_end: a.pm?.end ?? null,
    color: a.color,
    location: a.location,
  };
}

export function activityFromRow(r: Selectable<D.ActivitiesTable>): T.Activity {
  return {
    code: r.code,
    name: r.name,
    category: r.category as T.ActivityCategory,
    needsSupervision: bool(r.needs_supervision),
    providesSupervision: bool(r.provides_supervision),
    protected: bool(r.protected),
    countsTowardDutyHours: bool(r.counts_toward_duty_hours),
    patientCare: bool(r.patient_care),
    countsTowardClinicCapacity: bool(r.counts_toward_clinic_capacity),
    extraSupervisionUnits: r.extra_supervision_units,
    am: r.am_start !== null && r.am_end !== null ? { start: r.am_start, end: r.am_end } : null,
    pm: r.pm_start !== null && r.pm_end !== null ? { start: r.pm_start, end: r.pm_end } : null,
    color: r.color,
    location: r.location,
  };
}

export function rotationToRow(r: T.Rotation): D.RotationsTable {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    setting: r.setting,
    leave_eligible: flag(r.leaveEligible),
    capacity: r.capacity,
    works_weekends: flag(r.worksWeekends),
    half_block: flag(r.halfBlock),
    pattern: JSON.stringify(r.pattern),
    weekly_targets: JSON.stringify(r.weeklyTargets),
    exempt_from: JSON.stringify(r.exemptFrom),
    color: r.color,
    // Left out (not NULL) when the rotation has none, so a program still fits a schema older than
    // version 12 (tests build old files from current data); clearing it is setRotationShifts's job.
    ...(r.shifts ? { shifts: JSON.stringify(r.shifts) } : {}),
  };
}

export function rotationFromRow(r: Selectable<D.RotationsTable>): T.Rotation {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    setting: r.setting as T.RotationSetting,
    leaveEligible: bool(r.leave_eligible),
    capacity: r.capacity,
    worksWeekends: bool(r.works_weekends),
    halfBlock: bool(r.half_block),
    pattern: JSON.parse(r.pattern),
    weeklyTargets: JSON.parse(r.weekly_targets),
    exemptFrom: JSON.parse(r.exempt_from),
    color: r.color,
    // Absent when not shift-based, as in programs written before shift-based rotations existed.
    ...(r.shifts == null ? {} : { shifts: JSON.parse(r.shifts) }),
  };
}

export function personToRow(p: T.Person): D.PeopleTable {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    faculty_role: p.facultyRole,
    email: p.email,
    active: flag(p.active),
    start_date: p.startDate ?? null,
    end_date: p.endDate ?? null,
  };
}

export interface PersonDetails {
  pgy: Selectable<D.PersonPgyTable>[];
  credentials: Selectable<D.CredentialsTable>[];
  certifications: Selectable<D.CertificationsTable>[];
}

export function personFromRow(r: Selectable<D.PeopleTable>, details: PersonDetails): T.Person {
  const pgyByYear: Record<string, number> = {};
  for (const row of details.pgy) pgyByYear[String(row.academic_year)] = row.level;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as T.PersonKind,
    facultyRole: r.faculty_role as T.FacultyRole | null,
    pgyByYear,
    email: r.email,
    active: bool(r.active),
    ...(r.start_date === null ? {} : { startDate: r.start_date }),
    ...(r.end_date === null ? {} : { endDate: r.end_date }),
    credentials: details.credentials.map((c) => ({
      activityCode: c.activity_code,
      status: c.status as T.CredentialStatus,
      expires: c.expires,
    })),
    certifications: details.certifications.map((c) => ({
      kind: c.kind as T.CertificationKind,
      issued: c.issued,
      expires: c.expires,
    })),
  };
}

export function personDetailRows(p: T.Person) {
  return {
    pgy: Object.entries(p.pgyByYear).map(([year, level]) => ({ person_id: p.id, academic_year: Number(year), level })),
    credentials: p.credentials.map((c) => ({
      person_id: p.id,
      activity_code: c.activityCode,
      status: c.status,
      expires: c.expires,
    })),
    certifications: p.certifications.map((c) => ({
      person_id: p.id,
      kind: c.kind,
      issued: c.issued,
      expires: c.expires,
    })),
  };
}

export const holidayToRow = (h: T.Holiday): D.HolidaysTable => ({ date: h.date, name: h.name, day_type: h.dayType });
export const holidayFromRow = (r: Selectable<D.HolidaysTable>): T.Holiday => ({
  date: r.date,
  name: r.name,
  dayType: r.day_type as T.Holiday['dayType'],
});

export const blockToRow = (b: T.Block): D.BlocksTable => ({
  academic_year: b.academicYear,
  number: b.number,
  start: b.start,
  end: b.end,
  second_half_start: b.secondHalfStart,
});
export const blockFromRow = (r: Selectable<D.BlocksTable>): T.Block => ({
  academicYear: r.academic_year,
  number: r.number,
  start: r.start,
  end: r.end,
  secondHalfStart: r.second_half_start,
});

export const absenceToRow = (a: T.Absence): D.AbsencesTable => ({
  id: a.id,
  person_id: a.personId,
  type: a.type,
  start: a.start,
  end: a.end,
  part: a.part === undefined ? 'day' : typeof a.part === 'string' ? a.part : 'time',
  start_time: typeof a.part === 'object' ? a.part.start : null,
  end_time: typeof a.part === 'object' ? a.part.end : null,
  status: a.status,
  note: a.note,
});
export const absenceFromRow = (r: Selectable<D.AbsencesTable>): T.Absence => {
  const part: T.AbsencePart | undefined =
    r.part === 'AM' || r.part === 'PM'
      ? r.part
      : r.part === 'time'
        ? { start: r.start_time!, end: r.end_time! }
        : undefined;
  return {
    id: r.id,
    personId: r.person_id,
    type: r.type,
    start: r.start,
    end: r.end,
    ...(part === undefined ? {} : { part }),
    status: r.status as T.AbsenceStatus,
    note: r.note,
  };
};

export const rotationAssignmentToRow = (a: T.RotationAssignment): D.RotationAssignmentsTable => ({
  person_id: a.personId,
  academic_year: a.academicYear,
  block_number: a.blockNumber,
  part: a.part,
  rotation_id: a.rotationId,
});
export const rotationAssignmentFromRow = (r: Selectable<D.RotationAssignmentsTable>): T.RotationAssignment => ({
  personId: r.person_id,
  academicYear: r.academic_year,
  blockNumber: r.block_number,
  part: r.part as T.BlockPart,
  rotationId: r.rotation_id,
});

export const assignmentToRow = (a: T.Assignment): D.AssignmentsTable => ({
  person_id: a.personId,
  date: a.date,
  half: a.half,
  activity_code: a.activityCode,
  source: a.source,
  locked: flag(a.locked),
});
export const assignmentFromRow = (r: Selectable<D.AssignmentsTable>): T.Assignment => ({
  personId: r.person_id,
  date: r.date,
  half: r.half as T.HalfDay,
  activityCode: r.activity_code,
  source: r.source as T.AssignmentSource,
  locked: bool(r.locked),
});

export const callTypeToRow = (c: T.CallType): D.CallTypesTable => ({
  code: c.code,
  name: c.name,
  start: c.start,
  end: c.end,
  in_house: flag(c.inHouse),
  for_kind: c.for,
  counts_toward_duty_hours: flag(c.countsTowardDutyHours),
  clock_change: c.clockChange,
});
export const callTypeFromRow = (r: Selectable<D.CallTypesTable>): T.CallType => ({
  code: r.code,
  name: r.name,
  start: r.start,
  end: r.end,
  inHouse: bool(r.in_house),
  for: r.for_kind as T.CallType['for'],
  countsTowardDutyHours: bool(r.counts_toward_duty_hours),
  clockChange: r.clock_change as T.CallType['clockChange'],
});

export const callToRow = (c: T.CallAssignment): D.CallsTable => ({
  date: c.date,
  call_type_code: c.callTypeCode,
  person_id: c.personId,
  source: c.source,
});
export const callFromRow = (r: Selectable<D.CallsTable>): T.CallAssignment => ({
  date: r.date,
  callTypeCode: r.call_type_code,
  personId: r.person_id,
  source: r.source as T.AssignmentSource,
});

export const inpatientWeekToRow = (w: T.InpatientWeek): D.InpatientWeeksTable => ({
  person_id: w.personId,
  start: w.start,
  end: w.end,
});
export const inpatientWeekFromRow = (r: Selectable<D.InpatientWeeksTable>): T.InpatientWeek => ({
  personId: r.person_id,
  start: r.start,
  end: r.end,
});

export const moonlightingToRow = (m: T.MoonlightingEntry): D.MoonlightingTable => ({
  id: m.id,
  person_id: m.personId,
  start: m.start,
  end: m.end,
  internal: flag(m.internal),
  approved: flag(m.approved),
});
export const moonlightingFromRow = (r: Selectable<D.MoonlightingTable>): T.MoonlightingEntry => ({
  id: r.id,
  personId: r.person_id,
  start: r.start,
  end: r.end,
  internal: bool(r.internal),
  approved: bool(r.approved),
});

export const callbackToRow = (c: T.Callback): D.CallbacksTable => ({
  id: c.id,
  person_id: c.personId,
  start: c.start,
  end: c.end,
  note: c.note,
});
export const callbackFromRow = (r: Selectable<D.CallbacksTable>): T.Callback => ({
  id: r.id,
  personId: r.person_id,
  start: r.start,
  end: r.end,
  note: r.note,
});
