// Default program settings: the reference values from DOMAIN.md, as data. Every number here is
// configuration a program can change; code reads it from the program's settings, never from here.
import {
  BUILT_IN_ABSENCE_TYPES,
  type AbsencePolicy,
  type BuiltInAbsenceType,
  type ProgramSettings,
  type RuleConfig,
  type RuleScope,
  type Service,
  type SwapSettings,
} from './types';

// Scopes are made fresh for every rule list: programs edit their rules, and a shared object
// would carry one program's edit into every later default.
const residents = (): RuleScope => ({ kinds: ['resident'], pgyLevels: [] });
const everyone = (): RuleScope => ({ kinds: [], pgyLevels: [] });
const faculty = (): RuleScope => ({ kinds: ['faculty'], pgyLevels: [] });

/**
 * What counts as time away from the program by default, the way the American Board of Family
 * Medicine counts time away from training: vacation, sick and personal leave (and deployment).
 * Not counted: conferences and TDY (education and duty, part of training) and parental, medical
 * and convalescent leave, which the board's family-leave policy (and the ABMS minimum of six weeks
 * of parental, caregiver and medical leave) allows on top of it. Counted in working days.
 */
export const DEFAULT_AWAY_TYPES: readonly string[] = [
  'vacation',
  'sick',
  'family_emergency',
  'bereavement',
  'emergency_leave',
  'deployment',
];

/** ACGME rules ship enabled; program policies are configurable. */
export function defaultRules(): RuleConfig[] {
  return [
    // ACGME Common Program Requirements, section VI.
    {
      id: 'acgme_80h',
      type: 'acgme_80h',
      enabled: true,
      severity: 'critical',
      scope: residents(),
      params: { limitHours: 80, windowDays: 28 },
    },
    {
      id: 'acgme_day_off',
      type: 'acgme_day_off',
      enabled: true,
      severity: 'critical',
      scope: residents(),
      params: { minDaysOff: 4, windowDays: 28, freeHours: 24 },
    },
    {
      id: 'acgme_continuous',
      type: 'acgme_continuous',
      enabled: true,
      severity: 'critical',
      scope: residents(),
      params: { maxHours: 24, transitionHours: 4 },
    },
    {
      id: 'acgme_rest_after_call',
      type: 'acgme_rest_after_call',
      enabled: true,
      severity: 'critical',
      scope: residents(),
      params: { minRestHours: 14, afterHours: 24 },
    },
    {
      id: 'acgme_rest_between',
      type: 'acgme_rest_between',
      enabled: true,
      severity: 'medium',
      scope: residents(),
      params: { minRestHours: 8 },
    },
    {
      id: 'acgme_call_frequency',
      type: 'acgme_call_frequency',
      enabled: true,
      severity: 'high',
      scope: residents(),
      params: { everyNthNight: 3, windowDays: 28 },
    },
    ...moonlightingRules(),
    // Program policies of the reference program.
    {
      id: 'supervision',
      type: 'supervision',
      enabled: true,
      severity: 'high',
      scope: everyone(),
      params: { unitsPerFaculty: 4, pgy1Units: 2, seniorUnits: 1 },
    },
    {
      id: 'clinic_capacity',
      type: 'clinic_capacity',
      enabled: true,
      severity: 'medium',
      scope: everyone(),
      params: { soft: 6, hard: 8, hardSeverity: 'high' },
    },
    // Staffing of the services (settings.services): the inpatient team, night float.
    {
      id: 'inpatient_team',
      type: 'service_staffing',
      enabled: true,
      severity: 'high',
      scope: residents(),
      params: { services: ['FMIT'] },
    },
    {
      id: 'night_float_max',
      type: 'service_staffing',
      enabled: true,
      severity: 'high',
      scope: residents(),
      params: { services: ['NF'] },
    },
    // Time away counted the way the board counts it (DEFAULT_AWAY_TYPES, working days).
    {
      id: 'days_away',
      type: 'days_away',
      enabled: true,
      severity: 'high',
      scope: residents(),
      params: {
        warnDays: 21,
        limitDays: 28,
        warnSeverity: 'medium',
        absenceTypes: [...DEFAULT_AWAY_TYPES],
        count: 'working_days',
      },
    },
    {
      id: 'consecutive_days',
      type: 'consecutive_days',
      enabled: true,
      severity: 'medium',
      scope: residents(),
      params: { maxDays: 6 },
    },
    {
      id: 'post_call',
      type: 'post_call',
      enabled: true,
      severity: 'medium',
      scope: everyone(),
      params: { afterOvernightAm: 'PCAT', afterOvernightPm: 'DO', afterNightFloat: 'PC', afterInpatientWeek: 'OFF' },
    },
    {
      id: 'faculty_weekly_halfdays',
      type: 'faculty_weekly_halfdays',
      enabled: true,
      severity: 'low',
      scope: faculty(),
      params: {
        limits: [
          { role: 'core', activityCode: 'C', min: 4, max: 6 },
          { role: 'pd', activityCode: 'C', min: 1, max: 2 },
          { role: 'apd', activityCode: 'C', min: 2, max: 4 },
          { role: 'oic', activityCode: 'C', min: 2, max: 4 },
          { role: 'chief', activityCode: 'C', min: 1, max: 3 },
          { role: 'sports_med', activityCode: 'SM', min: 2, max: 4 },
        ],
      },
    },
    // Conflicts.
    {
      id: 'double_booking',
      type: 'double_booking',
      enabled: true,
      severity: 'critical',
      scope: everyone(),
      params: {},
    },
    {
      id: 'absence_conflict',
      type: 'absence_conflict',
      enabled: true,
      severity: 'high',
      scope: everyone(),
      params: {},
    },
    // Procedure privileges are a faculty matter; a program that credentials residents adds them to the scope.
    {
      id: 'credential_missing',
      type: 'credential_missing',
      enabled: true,
      severity: 'high',
      scope: faculty(),
      params: {},
    },
    {
      id: 'certification_expired',
      type: 'certification_expired',
      enabled: true,
      severity: 'medium',
      scope: everyone(),
      params: { expiringSoonDays: 180 },
    },
    {
      id: 'call_during_inpatient_week',
      type: 'call_during_inpatient_week',
      enabled: true,
      severity: 'high',
      scope: faculty(),
      params: {},
    },
    ...shiftRules(),
    {
      id: 'consecutive_call_nights',
      type: 'consecutive_call_nights',
      enabled: true,
      severity: 'high',
      scope: everyone(),
      params: { maxConsecutiveNights: 1 },
    },
    ...availabilityRules(),
    // Standing program rules (protected slots); rotations list the ids they are exempt from.
    {
      id: 'wednesday_lecture',
      type: 'standing_slot',
      enabled: true,
      severity: 'medium',
      scope: residents(),
      params: { weekday: 3, half: 'PM', activityCode: 'LEC', lastOfBlockActivityCode: 'ADV' },
    },
  ];
}

/**
 * What the call model avoids (core/domain/call-patterns) and the annual plan keeps apart (planned
 * leave on leave-ineligible rotations), and absences entered twice, as compliance rules.
 */
export function availabilityRules(): RuleConfig[] {
  return [
    {
      id: 'call_near_inpatient_week',
      type: 'call_near_inpatient_week',
      enabled: true,
      severity: 'low',
      scope: faculty(),
      params: { days: 7 },
    },
    {
      id: 'leave_on_ineligible_rotation',
      type: 'leave_on_ineligible_rotation',
      enabled: true,
      severity: 'medium',
      scope: residents(),
      params: {},
    },
    { id: 'absence_overlap', type: 'absence_overlap', enabled: true, severity: 'low', scope: everyone(), params: {} },
  ];
}

/** ACGME: PGY-1 residents may not moonlight; moonlighting needs the program director's approval. */
export function moonlightingRules(): RuleConfig[] {
  return [
    {
      id: 'moonlighting_pgy1',
      type: 'moonlighting_not_allowed',
      enabled: true,
      severity: 'high',
      scope: { kinds: ['resident'], pgyLevels: [1] },
      params: {},
    },
    {
      id: 'moonlighting_approval',
      type: 'moonlighting_approval',
      enabled: true,
      severity: 'medium',
      scope: residents(),
      params: {},
    },
  ];
}

/** The reference program's services: FMIT one resident per PGY level, at most one on night float. */
export function defaultServices(): Service[] {
  return [
    {
      code: 'FMIT',
      name: 'Family medicine inpatient team',
      rotationCodes: ['FMIT'],
      staffing: [1, 2, 3].map((pgy) => ({ pgyLevels: [pgy], min: 1, max: 1 })),
      facultyWeeks: true,
    },
    {
      code: 'NF',
      name: 'Night float',
      rotationCodes: ['NF'],
      staffing: [{ pgyLevels: [], min: 0, max: 1 }],
      facultyWeeks: false,
    },
  ];
}

/**
 * The rules of shift-based rotations (their settings live on each rotation): every day's shifts
 * covered, and each resident's rest, consecutive shifts, hours and weekends off.
 */
export function shiftRules(): RuleConfig[] {
  return [
    { id: 'shift_cover', type: 'shift_cover', enabled: true, severity: 'high', scope: residents(), params: {} },
    { id: 'shift_limits', type: 'shift_limits', enabled: true, severity: 'high', scope: residents(), params: {} },
  ];
}

const BUILT_IN_NAMES: Record<BuiltInAbsenceType, string> = {
  vacation: 'Vacation',
  conference: 'Conference',
  deployment: 'Deployment',
  tdy: 'TDY',
  family_emergency: 'Family emergency',
  bereavement: 'Bereavement',
  emergency_leave: 'Emergency leave',
  convalescent: 'Convalescent leave',
  parental: 'Parental leave',
  medical: 'Medical leave',
  sick: 'Sick leave',
};

/** Recovery days after an absence of a type (DOMAIN.md: deployment 7, convalescent leave 3). */
const RECOVERY_DAYS: Partial<Record<BuiltInAbsenceType, number>> = { deployment: 7, convalescent: 3 };
/** Unplanned absences cannot be placed on a leave-eligible rotation ahead of time. */
const UNPLANNED: readonly string[] = ['sick', 'family_emergency', 'bereavement', 'emergency_leave'];

/** "my_type" → "My type": the name a program-defined type gets until the program names it. */
export function absenceTypeName(type: string): string {
  const words = type.replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : type;
}

/** The default policy of a type: nothing relaxed (it blocks everything), no recovery days. */
export function defaultAbsencePolicy(type: string): AbsencePolicy {
  const builtIn = (BUILT_IN_ABSENCE_TYPES as readonly string[]).includes(type) ? (type as BuiltInAbsenceType) : null;
  return {
    type,
    name: builtIn ? BUILT_IN_NAMES[builtIn] : absenceTypeName(type),
    relax: { halfDays: false, callsFrom: null },
    recoveryDays: builtIn ? (RECOVERY_DAYS[builtIn] ?? 0) : 0,
    leaveEligibleOnly: !UNPLANNED.includes(type),
  };
}

/** Every built-in type blocks everything; a program relaxes a type only on purpose. */
export function defaultAbsencePolicies(): AbsencePolicy[] {
  return BUILT_IN_ABSENCE_TYPES.map(defaultAbsencePolicy);
}

export function defaultSettings(programName = 'Family Medicine Residency'): ProgramSettings {
  return {
    programName,
    timeZone: 'America/New_York',
    blockLayout: { anchorWeekday: 4, blockLengthDays: 28, blockCount: 12 },
    capacityScale: { normal: 1, federal_holiday: 0, training_holiday: 0.25, minimal_manning: 0.25, closure: 0 },
    absencePolicies: defaultAbsencePolicies(),
    rules: defaultRules(),
    solverWeights: {
      clinicTarget: 10,
      fairnessCalls: 5,
      fairnessInpatientWeeks: 5,
      consecutiveNightCalls: 20,
      callNearInpatientWeek: 10,
      dayPreference: 3,
      leaveOnEligibleRotation: 50,
      inpatientSpacing: 4,
      clinicOverSoftCapacity: 5,
      backToBackCallWeeks: 2,
      requestedAbsence: 30,
      restBetweenWorkPeriods: 20,
      planChange: 20,
      publishedSlotChange: 12,
      publishedCallChange: 4,
      partialBlockContinuity: 100,
    },
    churn: { rejectTotalPct: 20, rejectPersonPct: 50, warnPersonPct: 30, warnPeopleAffected: 10 },
    lockDate: null,
    rollbackHours: 24,
    // The reference program's PD avoids Tuesday call.
    callPreferences: [{ personId: null, role: 'pd', avoidWeekdays: [2] }],
    services: defaultServices(),
    swaps: defaultSwapSettings(),
  };
}

/** The coordinator approves every swap; preference and workload weigh most in the ranking. */
export function defaultSwapSettings(): SwapSettings {
  return {
    programDirectorApprovesInpatientWeeks: false,
    scoreWeights: { preference: 0.3, proximity: 0.15, workload: 0.25, history: 0.15, availability: 0.15 },
  };
}
