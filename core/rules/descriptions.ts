// Every rule type in the coordinator's words: a title, a plain explanation with the program's
// own numbers filled in ({param} placeholders; {param|night} for a count, which reads "1 night",
// "2 nights"), and a label per parameter. The Settings view shows them beside each rule; a test
// checks that every registered rule type and every one of its parameters is described here, so a
// new rule cannot arrive without its explanation.
import { z } from 'zod';
import { RULE_DEFINITIONS } from './registry';

/** How a parameter's value reads: a weekday number (1 = Monday) or a plain value. */
export type ParamFormat = 'plain' | 'weekday';

export interface ParamDescription {
  label: string;
  /** Shown after a number (h, days). */
  unit?: string;
  format?: ParamFormat;
}

export interface RuleDescription {
  title: string;
  /**
   * Plain words; `{param}` stands for the parameter's value, `{param|night}` (or `{param|person|people}`)
   * for a count of it in words: "1 night", "2 nights". Never "night(s)".
   */
  explanation: string;
  /** Where the rule comes from: the ACGME's requirements, or the program's own policy. */
  source: 'acgme' | 'program';
  params: Record<string, ParamDescription>;
}

const hours = (label: string): ParamDescription => ({ label, unit: 'h' });
const days = (label: string): ParamDescription => ({ label, unit: 'days' });
const averaging = {
  windowDays: days('Averaged over'),
  minAveragingDays: days('Shortest window averaged'),
  excludeLeave: { label: 'Leave days left out of the average' },
  leaveTypes: { label: 'Absences that count as leave' },
};

export const RULE_DESCRIPTIONS: Readonly<Record<string, RuleDescription>> = {
  acgme_80h: {
    title: '80 hours a week',
    explanation:
      'A resident works at most {limitHours} hours a week, averaged over every {windowDays}-day window, ' +
      'moonlighting and callbacks included (home call itself is not work). Leave days can be left out of the ' +
      'average. The ACGME FAQ also averages a rotation shorter than the window over its own days, so a heavy ' +
      'half-block cannot comply beside a light one: a setting, off unless the program turns it on.',
    source: 'acgme',
    params: {
      limitHours: hours('Hours a week'),
      includeMoonlighting: { label: 'Moonlighting counts' },
      averageShortRotations: { label: 'A rotation shorter than the window is averaged over its own days (ACGME FAQ)' },
      ...averaging,
    },
  },
  acgme_day_off: {
    title: 'One day off in seven',
    explanation:
      'At least {minDaysOff} days free of all clinical and educational work in every {windowDays}-day window. A ' +
      'free day is a continuous {freeHours}-hour period off; home call is not time off.',
    source: 'acgme',
    params: {
      minDaysOff: days('Free days at least'),
      freeHours: hours('A free day lasts'),
      includeMoonlighting: { label: 'Moonlighting counts as work' },
      ...averaging,
      awayTypes: { label: 'Absences that are time away, not time off (e.g. a conference)' },
    },
  },
  acgme_continuous: {
    title: 'Continuous work (24 + 4)',
    explanation:
      'Continuous clinical work (half-days, in-house call, callbacks, moonlighting) lasts at most {maxHours} hours, ' +
      'with up to {transitionHours} more hours for transitions of care and education: activities not marked as ' +
      'patient care. New patient care after {maxHours} hours is a violation.',
    source: 'acgme',
    params: { maxHours: hours('Longest continuous work'), transitionHours: hours('Transition time') },
  },
  acgme_rest_after_call: {
    title: 'Rest after 24-hour call',
    explanation: 'After {afterHours} hours of in-house call, at least {minRestHours} hours free before the next work.',
    source: 'acgme',
    params: { afterHours: hours('Call of at least'), minRestHours: hours('Free afterwards') },
  },
  acgme_rest_between: {
    title: 'Rest between work periods',
    explanation:
      'At least {minRestHours} hours off between scheduled work periods. A shorter break is a warning, not a ' +
      'violation.',
    source: 'acgme',
    params: { minRestHours: hours('Hours off between periods') },
  },
  acgme_call_frequency: {
    title: 'Call every third night',
    explanation: 'In-house call no more often than once every {everyNthNight} nights, averaged over {windowDays} days.',
    source: 'acgme',
    params: { everyNthNight: { label: 'At most once every', unit: 'nights' }, ...averaging },
  },
  supervision: {
    title: 'Supervision',
    explanation:
      'Each clinic half-day has enough supervising faculty: each PGY-1 needs {pgy1Units} units, each PGY-2 and ' +
      'above {seniorUnits}, each learner {learnerUnits}; one supervising faculty member covers {unitsPerFaculty} ' +
      'units.',
    source: 'program',
    params: {
      unitsPerFaculty: { label: 'Units one faculty member covers' },
      pgy1Units: { label: 'Units per PGY-1' },
      seniorUnits: { label: 'Units per PGY-2 and above' },
      learnerUnits: { label: 'Units per learner' },
    },
  },
  clinic_capacity: {
    title: 'Clinic capacity',
    explanation:
      'At most {soft} people in clinic in a half-day, and never more than {hard}. Virtual clinic does not count; ' +
      'holidays and reduced days scale both numbers (see Clinic capacity).',
    source: 'program',
    params: {
      soft: { label: 'People in clinic (target)' },
      hard: { label: 'People in clinic (most)' },
      hardSeverity: { label: 'Severity above the most' },
    },
  },
  service_staffing: {
    title: 'Service staffing',
    explanation:
      'Each service (a team staffed by several rotations, e.g. the inpatient team or night float) has the residents ' +
      'its staffing lines ask for in every half-block: per PGY level, at least and at most. Services are defined in ' +
      'the Services section.',
    source: 'program',
    params: { services: { label: 'Services checked (none = all)' } },
  },
  days_away: {
    title: 'Days away',
    explanation:
      'A resident is away from the program at most {limitDays} days in an academic year, counted as {count} of the ' +
      'absence types chosen ({absenceTypes}); a warning from {warnDays}. By default this counts the way the ' +
      'American Board of Family Medicine counts time away from training: vacation, sick and personal leave and ' +
      'deployment, in working days (Monday–Friday without holidays); conferences and TDY are training and duty, and ' +
      'parental, medical and convalescent leave have their own allowance. A part-day absence counts half a day.',
    source: 'program',
    params: {
      limitDays: days('Days away (most)'),
      warnDays: days('Warn from'),
      warnSeverity: { label: 'Severity of the warning' },
      absenceTypes: { label: 'Absences that count as time away' },
      count: { label: 'Days counted' },
    },
  },
  consecutive_days: {
    title: 'Consecutive work days',
    explanation: 'No more than {maxDays} worked days in a row (a stricter local form of one day off in seven).',
    source: 'program',
    params: { maxDays: days('Worked days in a row (most)') },
  },
  post_call: {
    title: 'Post-call',
    explanation:
      'After overnight call the morning is {afterOvernightAm} and the afternoon {afterOvernightPm}; after night ' +
      'float the next day is {afterNightFloat}; after an inpatient week the next day is {afterInpatientWeek}.',
    source: 'program',
    params: {
      afterOvernightAm: { label: 'Morning after overnight call' },
      afterOvernightPm: { label: 'Afternoon after overnight call' },
      afterNightFloat: { label: 'Day after night float' },
      afterInpatientWeek: { label: 'Day after an inpatient week' },
      overnightCallWeekdays: { label: 'Overnight call nights', format: 'weekday' },
      overnightCallFor: { label: 'Overnight call is taken by' },
      nightFloatActivityCode: { label: 'Night float activity' },
    },
  },
  faculty_weekly_halfdays: {
    title: 'Faculty weekly half-days',
    explanation:
      'Each faculty role works between a minimum and a maximum number of half-days a week in an activity (core ' +
      'faculty: clinic 4 to 6).',
    source: 'program',
    params: {
      limits: { label: 'Limits by role' },
      role: { label: 'Role' },
      activityCode: { label: 'Activity' },
      min: { label: 'Half-days (least)' },
      max: { label: 'Half-days (most)' },
    },
  },
  double_booking: {
    title: 'Double booking',
    explanation:
      'A person is in one place at a time: two activities, or an activity and a call, callback or moonlighting ' +
      'shift, that overlap are a conflict. Home call is being reachable, not a place: a callback or a half-day ' +
      'during home call is no conflict.',
    source: 'program',
    params: {},
  },
  absence_conflict: {
    title: 'Work during absence',
    explanation:
      'An approved absence makes the person unavailable for every half-day and call it covers (the night before a ' +
      'whole-day absence too) and its recovery days; work there is a finding, a call there is {callSeverity}. Work ' +
      'on a requested absence is {requestedSeverity}. Absence types can relax this on purpose (Settings, Absence ' +
      'types).',
    source: 'program',
    params: {
      callSeverity: { label: 'Severity of a call on an absence' },
      requestedSeverity: { label: 'Severity of work on a requested absence' },
    },
  },
  credential_missing: {
    title: 'Missing credential',
    explanation: 'Only people with a current privilege for it do procedures ({activityCodes}).',
    source: 'program',
    params: {
      activityCodes: { label: 'Activities that need a privilege' },
      validStatuses: { label: 'Privilege statuses that count' },
    },
  },
  certification_expired: {
    title: 'Certification',
    explanation:
      'Certifications (BLS, ACLS, PALS, ALSO, NRP) are current; a warning {expiringSoonDays} days before one expires.',
    source: 'program',
    params: { expiringSoonDays: days('Warn before expiry') },
  },
  call_during_inpatient_week: {
    title: 'Call during inpatient week',
    explanation:
      'The inpatient-week attending takes no call that week, except on {allowedWeekdays} nights, nor on the ' +
      '{nightsBefore|night} before it (the post-call morning would fall on the week). Generation never does this.',
    source: 'program',
    params: {
      allowedWeekdays: { label: 'Call nights allowed', format: 'weekday' },
      nightsBefore: { label: 'Nights before the week not allowed' },
    },
  },
  call_near_inpatient_week: {
    title: 'Call near one’s inpatient week',
    explanation:
      'No call within {days} days before or after one’s own inpatient week, so the weeks around it stay lighter. ' +
      'Generation avoids it.',
    source: 'program',
    params: { days: days('Days around the week') },
  },
  leave_on_ineligible_rotation: {
    title: 'Leave on a rotation without leave',
    explanation:
      'A resident’s planned leave (absence types that belong on leave-eligible rotations) does not fall on a ' +
      'rotation where leave is not allowed (inpatient team, night float, ICU); requested leave there is ' +
      '{requestedSeverity}. The annual plan keeps them apart.',
    source: 'program',
    params: { requestedSeverity: { label: 'Severity for requested leave' } },
  },
  absence_overlap: {
    title: 'Absence entered twice',
    explanation:
      'One person’s absences that repeat or overlap each other: one stretch of time away entered more than once. ' +
      'Merge them in Absences.',
    source: 'program',
    params: {},
  },
  moonlighting_not_allowed: {
    title: 'No moonlighting',
    explanation: 'The people this rule covers may not moonlight at all (ACGME: never PGY-1 residents).',
    source: 'acgme',
    params: {},
  },
  moonlighting_approval: {
    title: 'Moonlighting approval',
    explanation: 'Every moonlighting shift has the program director’s approval before it is worked.',
    source: 'acgme',
    params: {},
  },
  shift_cover: {
    title: 'Shift cover',
    explanation:
      'Each shift of a shift-based rotation (an emergency department, ICU or night-float shift) has at least as ' +
      'many of the rotation’s residents on it as the rotation asks for that weekday. The numbers are set on the ' +
      'rotation (Rotations → Shifts…).',
    source: 'program',
    params: {},
  },
  shift_limits: {
    title: 'Shift limits',
    explanation:
      'On a shift-based rotation, each resident keeps the rotation’s limits in every block: the least rest between ' +
      'shifts, the most shifts in a row, the shift hours a week (averaged over the days they are available) and the ' +
      'whole weekends off. The limits are set on the rotation (Rotations → Shifts…).',
    source: 'program',
    params: {},
  },
  consecutive_call_nights: {
    title: 'Call nights in a row',
    explanation:
      'No one is on call (a call counting toward duty hours) more than {maxConsecutiveNights|night} in a row; the ' +
      'Friday and Saturday an inpatient week covers count as one duty.',
    source: 'program',
    params: { maxConsecutiveNights: { label: 'Call nights in a row (most)', unit: 'nights' } },
  },
  standing_slot: {
    title: 'Standing half-day',
    explanation:
      'Every {weekday} {half} is {activityCode} for everyone in scope, except on rotations exempt from it; the last ' +
      'one of a block is {lastOfBlockActivityCode}.',
    source: 'program',
    params: {
      weekday: { label: 'Day', format: 'weekday' },
      half: { label: 'Half-day' },
      activityCode: { label: 'Activity' },
      lastOfBlockActivityCode: { label: 'Activity on the last one of a block' },
    },
  },
};

/** A rule type as the Settings view offers it: its words and its parameters' JSON schema. */
export interface RuleTypeInfo extends RuleDescription {
  type: string;
  /** JSON Schema (2020-12) of the parameters as they are written, defaults included. */
  paramsSchema: Record<string, unknown>;
}

/** `wednesday_lecture` → `wednesday lecture`. */
const idWords = (id: string) => id.replace(/[_-]+/g, ' ').trim();

/**
 * A rule's name, the one Settings, Compliance, findings, exports and the CLI show: its type's
 * catalog title, followed by the rule's own id where that says more (several rules of one type,
 * a rule named for what it holds): "80 hours a week", "Service staffing: inpatient team",
 * "Standing half-day: wednesday lecture". A rule of a type the catalog lacks reads as its id.
 */
export function ruleName(rule: { id: string; type: string }): string {
  const title = RULE_DESCRIPTIONS[rule.type]?.title;
  if (!title) {
    const words = idWords(rule.id);
    return words ? words[0].toUpperCase() + words.slice(1) : rule.id;
  }
  return rule.id === rule.type ? title : `${title}: ${idWords(rule.id)}`;
}

/** Every rule of a program by id → its name (ruleName). */
export function ruleNames(rules: readonly { id: string; type: string }[]): Record<string, string> {
  return Object.fromEntries(rules.map((r) => [r.id, ruleName(r)]));
}

let catalog: RuleTypeInfo[] | undefined;

/**
 * Every rule type the engine knows, described: made once (turning the parameters' schemas into JSON
 * Schema is most of it) and frozen, as nothing it is made of changes while the app runs.
 */
export function ruleCatalog(): RuleTypeInfo[] {
  catalog ??= deepFreeze(describeRuleTypes());
  return catalog;
}

function describeRuleTypes(): RuleTypeInfo[] {
  return [...RULE_DEFINITIONS.values()].map((definition) => {
    const description = RULE_DESCRIPTIONS[definition.type] ?? {
      title: definition.type,
      explanation: '',
      source: 'program' as const,
      params: {},
    };
    const paramsSchema = z.toJSONSchema(definition.params as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    delete paramsSchema.$schema;
    return { type: definition.type, ...description, paramsSchema };
  });
}

/** Frozen to the leaves: the one catalog is handed to every caller, so none may change it for the next. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
