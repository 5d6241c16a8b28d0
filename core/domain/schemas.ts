// zod schemas for the domain entities: one schema per entity, used by the API contract and the
// program exchange format alike. Each schema's output type matches its domain type.
import { programDatesIssue } from './program-dates';
import { z } from 'zod';
import { blockLayoutIssues } from './block-layout';
import { isIsoDate } from './calendar';
import { PROGRAM_FILE_VERSION } from './program-upgrade';
import {
  ACTIVITY_CATEGORIES,
  ASSIGNMENT_SOURCES,
  CERTIFICATION_KINDS,
  DAY_TYPES,
  FACULTY_ROLES,
  PERSON_KINDS,
  SEVERITIES,
} from './types';
import type * as T from './types';

/**
 * Characters no name may hold: control characters (a line break in a name becomes a new line in a
 * calendar file or a CSV) and bidirectional overrides (a name that shows reversed in lists and
 * file names). Notes and reasons may hold line breaks and tabs, nothing else of the kind.
 */
const NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/;
const NAME_RULE = 'must not contain control characters (line breaks, tabs) or text-direction marks';
const TEXT_RULE = 'must not contain control characters or text-direction marks';

/** A one-line name: trimmed, 1 to `max` characters, no control characters. */
export function nameText(max: number, what = 'name') {
  return z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is too long (${max} characters at most)`)
    .refine((v) => !NAME_FORBIDDEN.test(v), `${what} ${NAME_RULE}`);
}

/** Free text (a note, a reason), trimmed: line breaks allowed, no other control characters. */
export function noteText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => !TEXT_FORBIDDEN.test(v), TEXT_RULE);
}

export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD' });
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24h)');
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'expected a local date-time as YYYY-MM-DDTHH:MM')
  .refine((v) => isIsoDate(v.slice(0, 10)), { message: 'not a real calendar date' });
export const halfDay = z.enum(['AM', 'PM']);
export const isoWeekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb');
export const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64)
  .refine((v) => !NAME_FORBIDDEN.test(v), `an id ${NAME_RULE}`);
export const jsonValue: z.ZodType<T.JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
export const academicYear = z.number().int().min(1990).max(2200);

/** `explicitYears[0].blocks[2].start` → ['explicitYears', 0, 'blocks', 2, 'start'] (a zod issue path). */
function pathParts(path: string): (string | number)[] {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const dateRangeCheck = <S extends { start: string; end: string }>(v: S) => v.start <= v.end;
const dateRangeMessage = { message: 'end must be on or after start', path: ['end'] };

export const holidaySchema = z.object({
  date: isoDate,
  name: nameText(120),
  dayType: z.enum(
    DAY_TYPES.filter((d) => d !== 'normal') as [Exclude<T.DayType, 'normal'>, ...Exclude<T.DayType, 'normal'>[]],
  ),
}) satisfies z.ZodType<T.Holiday>;

export const blockLayoutSchema = z
  .object({
    anchorWeekday: isoWeekday.nullable(),
    blockLengthDays: z.number().int().min(7).max(366),
    blockCount: z.number().int().min(1).max(53),
    firstBlockDays: z.number().int().min(1).max(366).optional(),
    explicitYears: z
      .array(
        z.object({
          academicYear,
          firstNumber: z.number().int().min(0).max(1),
          blocks: z
            .array(z.object({ start: isoDate, halves: z.boolean() }))
            .min(1)
            .max(61),
        }),
      )
      .optional(),
  })
  .superRefine((layout, ctx) => {
    for (const issue of blockLayoutIssues(layout))
      ctx.addIssue({ code: 'custom', path: pathParts(issue.path), message: issue.message });
  }) satisfies z.ZodType<T.BlockLayout>;

export const certificationSchema = z
  .object({
    kind: z.enum(CERTIFICATION_KINDS as [T.CertificationKind, ...T.CertificationKind[]]),
    issued: isoDate,
    expires: isoDate,
  })
  .refine((c) => c.issued <= c.expires, { message: 'expires must be on or after issued', path: ['expires'] });

export const credentialSchema = z.object({
  activityCode: id,
  status: z.enum(['active', 'provisional', 'suspended', 'expired']),
  expires: isoDate.nullable(),
});

export const personName = nameText(120);

export const personSchema = z
  .object({
    id,
    name: personName,
    kind: z.enum(PERSON_KINDS as [T.PersonKind, ...T.PersonKind[]]),
    facultyRole: z.enum(FACULTY_ROLES as [T.FacultyRole, ...T.FacultyRole[]]).nullable(),
    pgyByYear: z.record(
      z.string().regex(/^\d{4}$/, 'academic year key must be a 4-digit year'),
      z.number().int().min(1).max(8),
    ),
    email: z.string().trim().email('not a valid e-mail address').nullable(),
    active: z.boolean(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    credentials: z.array(credentialSchema),
    certifications: z.array(certificationSchema),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'faculty' && !p.facultyRole)
      ctx.addIssue({ code: 'custom', path: ['facultyRole'], message: 'faculty need a role' });
    if (p.kind !== 'faculty' && p.facultyRole)
      ctx.addIssue({ code: 'custom', path: ['facultyRole'], message: 'only faculty have a role' });
    if (p.kind === 'resident' && Object.keys(p.pgyByYear).length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['pgyByYear'],
        message: 'residents need a PGY level for at least one academic year',
      });
    const dates = programDatesIssue(p);
    if (dates) ctx.addIssue({ code: 'custom', path: [dates.field], message: dates.message });
  }) satisfies z.ZodType<T.Person>;

const timeRange = z.object({ start: clockTime, end: clockTime });

const activityCode = z
  .string()
  .trim()
  .min(1)
  .max(8)
  .regex(/^[A-Z0-9/_-]+$/i, 'codes use letters, digits, / _ -');

export const activitySchema = z
  .object({
    code: activityCode,
    name: nameText(80),
    category: z.enum(ACTIVITY_CATEGORIES as [T.ActivityCategory, ...T.ActivityCategory[]]),
    needsSupervision: z.boolean(),
    providesSupervision: z.boolean(),
    protected: z.boolean(),
    countsTowardDutyHours: z.boolean(),
    /** Left out: clinical activities are patient care, the other categories are not. */
    patientCare: z.boolean().optional(),
    countsTowardClinicCapacity: z.boolean(),
    extraSupervisionUnits: z.number().int().min(0).max(16),
    am: timeRange.nullable(),
    pm: timeRange.nullable(),
    color: hexColor,
    location: noteText(120).nullable(),
  })
  .transform(({ patientCare, ...a }) => ({
    ...a,
    patientCare: patientCare ?? a.category === 'clinical',
  })) satisfies z.ZodType<T.Activity>;

const patternCell = z.object({ activityCode: z.string().nullable(), protected: z.boolean() });
const patternDay = z.object({ AM: patternCell, PM: patternCell });
export const patternWeekSchema = z
  .record(z.enum(['1', '2', '3', '4', '5', '6', '7']), patternDay)
  .refine((w) => Object.keys(w).length === 7, { message: 'a pattern week has all seven days (keys "1" … "7")' });

const weekdayCounts = z
  .record(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.number().int().min(0).max(100))
  .refine((w) => Object.keys(w).length === 7, {
    message: 'cover gives all seven weekdays (keys "1" … "7", Monday = "1")',
  });

/** The limits of a shift-based rotation (ShiftRotation without its shifts). */
const shiftLimits = {
  minRestHours: z.number().min(0).max(24),
  maxConsecutiveShifts: z.number().int().min(1).max(28),
  minHoursPerWeek: z.number().min(0).max(168),
  maxHoursPerWeek: z.number().min(0).max(168),
  minWeekendsOff: z.number().int().min(0).max(4),
};

function checkShiftLimits(
  r: { minHoursPerWeek: number; maxHoursPerWeek: number; shifts: unknown[] },
  codes: string[],
  ctx: z.RefinementCtx,
): void {
  if (r.minHoursPerWeek > r.maxHoursPerWeek)
    ctx.addIssue({
      code: 'custom',
      path: ['minHoursPerWeek'],
      message: `${r.minHoursPerWeek} is above maxHoursPerWeek ${r.maxHoursPerWeek}`,
    });
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['shifts', i], message: `shift ${code} is listed twice` });
    seen.add(code);
  });
}

export const shiftRotationSchema = z
  .object({
    shifts: z
      .array(z.object({ activityCode: z.string().trim().min(1), cover: weekdayCounts }))
      .min(1, 'a shift-based rotation has at least one shift')
      .max(12),
    ...shiftLimits,
  })
  .superRefine((r, ctx) =>
    checkShiftLimits(
      r,
      r.shifts.map((s) => s.activityCode),
      ctx,
    ),
  ) satisfies z.ZodType<T.ShiftRotation>;

/**
 * A shift-based rotation as a coordinator defines it: each shift with the code, name and times of
 * its activity (an end at or before the start is the next day: 07:00–07:00 is 24 hours).
 */
export const shiftRotationDefinitionSchema = z
  .object({
    shifts: z
      .array(
        z.object({
          code: activityCode,
          name: nameText(80),
          start: clockTime,
          end: clockTime,
          cover: weekdayCounts,
          color: hexColor.optional(),
        }),
      )
      .min(1, 'a shift-based rotation has at least one shift')
      .max(12),
    ...shiftLimits,
  })
  .superRefine((r, ctx) =>
    checkShiftLimits(
      r,
      r.shifts.map((s) => s.code),
      ctx,
    ),
  );

export const rotationSchema = z.object({
  id,
  code: z.string().trim().min(1).max(16),
  name: nameText(80),
  setting: z.enum(['inpatient', 'outpatient', 'offsite']),
  leaveEligible: z.boolean(),
  capacity: z.number().int().min(0).max(500),
  worksWeekends: z.boolean(),
  halfBlock: z.boolean(),
  pattern: z.array(patternWeekSchema).refine((p) => p.length === 1 || p.length === 4, {
    message: 'a pattern has 1 week (repeating) or 4 weeks',
  }),
  weeklyTargets: z.record(z.string(), z.number().min(0).max(14)),
  exemptFrom: z.array(z.string()),
  color: hexColor,
  shifts: shiftRotationSchema.nullable().optional(),
}) satisfies z.ZodType<T.Rotation>;

export const rotationAssignmentSchema = z.object({
  personId: id,
  academicYear,
  blockNumber: z.number().int().min(0).max(60),
  part: z.enum(['full', 'first', 'second']),
  rotationId: id,
}) satisfies z.ZodType<T.RotationAssignment>;

export const assignmentSourceSchema = z.enum(ASSIGNMENT_SOURCES as [T.AssignmentSource, ...T.AssignmentSource[]]);

export const assignmentSchema = z.object({
  personId: id,
  date: isoDate,
  half: halfDay,
  activityCode: z.string().min(1).max(8),
  source: assignmentSourceSchema,
  locked: z.boolean(),
}) satisfies z.ZodType<T.Assignment>;

export const callTypeSchema = z.object({
  code: z.string().trim().min(1).max(8),
  name: nameText(80),
  start: clockTime,
  end: clockTime,
  inHouse: z.boolean(),
  for: z.enum(['faculty', 'resident']),
  countsTowardDutyHours: z.boolean(),
  /** Absent in files written before the setting existed: the scheduled hours, as before. */
  clockChange: z.enum(['scheduled_hours', 'clock_end']).default('scheduled_hours'),
}) satisfies z.ZodType<T.CallType>;

export const callAssignmentSchema = z.object({
  date: isoDate,
  callTypeCode: z.string().min(1).max(8),
  personId: id,
  source: assignmentSourceSchema,
}) satisfies z.ZodType<T.CallAssignment>;

export const inpatientWeekSchema = z
  .object({ personId: id, start: isoDate, end: isoDate })
  .refine(dateRangeCheck, dateRangeMessage) satisfies z.ZodType<T.InpatientWeek>;

/** An absence type's code: built-in (vacation, …) or the program's own (onboarding, tdy_field). */
export const absenceTypeCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,31}$/,
    'absence type codes are lower-case letters, digits and _ (at most 32), starting with a letter',
  );

/** AM, PM, or a time range on each day (end after start); left out = whole days. */
export const absencePartSchema = z.union([
  z.literal('AM'),
  z.literal('PM'),
  z.object({ start: clockTime, end: clockTime }).refine((t) => t.start < t.end, {
    message: 'a part-day time range ends after it starts, on the same day',
    path: ['end'],
  }),
]);

export const absenceSchema = z
  .object({
    id,
    personId: id,
    type: absenceTypeCode,
    start: isoDate,
    end: isoDate,
    part: absencePartSchema.optional(),
    status: z.enum(['requested', 'approved', 'denied']),
    note: noteText(500).nullable(),
  })
  .refine(dateRangeCheck, dateRangeMessage) satisfies z.ZodType<T.Absence>;

export const moonlightingSchema = z
  .object({
    id,
    personId: id,
    start: localDateTime,
    end: localDateTime,
    internal: z.boolean(),
    /** Left out (files written before approval was recorded): approved. */
    approved: z.boolean().default(true),
  })
  .refine(dateRangeCheck, dateRangeMessage) satisfies z.ZodType<T.MoonlightingEntry>;

/** Longest callback accepted: a callback is part of one home call. */
export const CALLBACK_MAX_HOURS = 24;
/** Hours between two local date-times `YYYY-MM-DDTHH:MM`, read as wall-clock time. */
export const hoursBetweenLocal = (start: string, end: string) =>
  (Date.parse(`${end}Z`) - Date.parse(`${start}Z`)) / 3_600_000;

export const callbackSchema = z
  .object({ id, personId: id, start: localDateTime, end: localDateTime, note: noteText(500).nullable().default(null) })
  .refine((c) => c.start < c.end, { message: 'end must be after start', path: ['end'] })
  .refine((c) => hoursBetweenLocal(c.start, c.end) <= CALLBACK_MAX_HOURS, {
    message: `a callback lasts at most ${CALLBACK_MAX_HOURS} hours`,
    path: ['end'],
  }) satisfies z.ZodType<T.Callback>;

export const absencePolicySchema = z.object({
  type: absenceTypeCode,
  name: z.string().trim().min(1).max(60),
  relax: z.object({ halfDays: z.boolean(), callsFrom: clockTime.nullable() }),
  recoveryDays: z.number().int().min(0).max(60),
  leaveEligibleOnly: z.boolean(),
}) satisfies z.ZodType<T.AbsencePolicy>;

/** One policy per type. */
export const absencePoliciesSchema = z.array(absencePolicySchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.type))
      ctx.addIssue({ code: 'custom', path: [i, 'type'], message: `absence type "${p.type}" has two policies` });
    seen.add(p.type);
  });
});

export const ruleConfigSchema = z.object({
  id,
  type: z.string().min(1),
  enabled: z.boolean(),
  severity: z.enum(SEVERITIES as [T.Severity, ...T.Severity[]]),
  scope: z.object({
    kinds: z.array(z.enum(PERSON_KINDS as [T.PersonKind, ...T.PersonKind[]])),
    pgyLevels: z.array(z.number().int().min(1).max(8)),
  }),
  params: z.record(z.string(), jsonValue),
}) satisfies z.ZodType<T.RuleConfig>;

const rotationCodeRef = z.string().trim().min(1).max(16);
const pgyLevel = z.number().int().min(1).max(8);
const blockNumber = z.number().int().min(0).max(60);
export const rotationPlanRulesSchema = z.object({
  requirements: z.array(
    z
      .object({
        pgy: pgyLevel,
        rotationCode: rotationCodeRef,
        minBlocks: z.number().min(0).max(60),
        maxBlocks: z.number().min(0).max(60),
      })
      .refine((r) => r.minBlocks <= r.maxBlocks, {
        message: 'maxBlocks must be at least minBlocks',
        path: ['maxBlocks'],
      }),
  ),
  windows: z.array(
    z.object({ rotationCode: rotationCodeRef, pgyLevels: z.array(pgyLevel), notInBlocks: z.array(blockNumber) }),
  ),
  order: z.array(z.object({ pgyLevels: z.array(pgyLevel), before: rotationCodeRef, after: rotationCodeRef })),
  fixed: z.array(z.object({ pgy: pgyLevel, blockNumber, rotationCode: rotationCodeRef })),
  staffing: z.array(
    z.object({ rotationCode: rotationCodeRef, pgyLevels: z.array(pgyLevel), min: z.number().int().min(0).max(500) }),
  ),
}) satisfies z.ZodType<T.RotationPlanRules>;
export const serviceStaffingSchema = z
  .object({
    pgyLevels: z.array(pgyLevel),
    min: z.number().int().min(0).max(500),
    max: z.number().int().min(0).max(500).nullable(),
  })
  .refine((l) => l.max === null || l.min <= l.max, {
    message: 'max must be at least min',
    path: ['max'],
  }) satisfies z.ZodType<T.ServiceStaffing>;

export const serviceSchema = z.object({
  code: z.string().trim().min(1).max(16),
  name: nameText(80),
  rotationCodes: z.array(rotationCodeRef).min(1, 'a service has at least one rotation'),
  staffing: z.array(serviceStaffingSchema),
  /** Left out: false. */
  facultyWeeks: z.boolean().default(false),
}) satisfies z.ZodType<T.Service>;

export const callPreferenceSchema = z.object({
  personId: id.nullable(),
  role: z.enum(FACULTY_ROLES as [T.FacultyRole, ...T.FacultyRole[]]).nullable(),
  avoidWeekdays: z.array(isoWeekday),
}) satisfies z.ZodType<T.CallPreference>;

const scoreWeight = z.number().min(0).max(100);
export const swapSettingsSchema = z.object({
  programDirectorApprovesInpatientWeeks: z.boolean(),
  scoreWeights: z
    .object({
      preference: scoreWeight,
      proximity: scoreWeight,
      workload: scoreWeight,
      history: scoreWeight,
      availability: scoreWeight,
    })
    .refine((w) => Object.values(w).some((x) => x > 0), { message: 'at least one score weight must be above 0' }),
}) satisfies z.ZodType<T.SwapSettings>;

export const programSettingsSchema = z.object({
  programName: nameText(120, 'the program name'),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not a known IANA time zone'),
  blockLayout: blockLayoutSchema,
  capacityScale: z.object({
    normal: z.number().min(0).max(2),
    federal_holiday: z.number().min(0).max(2),
    training_holiday: z.number().min(0).max(2),
    minimal_manning: z.number().min(0).max(2),
    closure: z.number().min(0).max(2),
  }),
  absencePolicies: absencePoliciesSchema,
  rules: z.array(ruleConfigSchema),
  solverWeights: z.record(z.string(), z.number().min(0)),
  churn: z.object({
    rejectTotalPct: z.number().min(0).max(100),
    rejectPersonPct: z.number().min(0).max(100),
    warnPersonPct: z.number().min(0).max(100),
    warnPeopleAffected: z.number().int().min(0),
  }),
  lockDate: isoDate.nullable(),
  rollbackHours: z
    .number()
    .min(0)
    .max(24 * 30),
  rotationPlan: rotationPlanRulesSchema.optional(),
  callPreferences: z.array(callPreferenceSchema).optional(),
  services: z.array(serviceSchema).optional(),
  swaps: swapSettingsSchema.optional(),
  review: z.object({ publishNeedsDirectorApproval: z.boolean() }).optional(),
}) satisfies z.ZodType<T.ProgramSettings>;

/** A whole program (ProgramData): what the exchange format carries. */
export const programDataSchema = z.object({
  settings: programSettingsSchema,
  academicYears: z.array(academicYear).min(1, 'a program has at least one academic year'),
  people: z.array(personSchema),
  activities: z.array(activitySchema),
  rotations: z.array(rotationSchema),
  callTypes: z.array(callTypeSchema),
  holidays: z.array(holidaySchema),
  absences: z.array(absenceSchema),
  rotationAssignments: z.array(rotationAssignmentSchema),
  assignments: z.array(assignmentSchema),
  calls: z.array(callAssignmentSchema),
  inpatientWeeks: z.array(inpatientWeekSchema),
  moonlighting: z.array(moonlightingSchema),
  /** Left out: no callbacks. */
  callbacks: z.array(callbackSchema).default([]),
});

export const PROGRAM_FILE_FORMAT = 'residency-program';
export { PROGRAM_FILE_VERSION };

/** The program exchange file: `{ format, version, exportedAt, program }`. */
export const programFileSchema = z.object({
  format: z.literal(PROGRAM_FILE_FORMAT),
  version: z.literal(PROGRAM_FILE_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  program: programDataSchema,
});
