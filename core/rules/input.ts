// What the compliance engine reads: a program's data (or the part a caller has) and the date
// range to report on. Data outside the range is still read as context (a 28-day window that
// ends on the first day of the range looks 27 days back).
import type { ProgramData } from '../domain/program';
import type { IsoDate } from '../domain/types';

/** The schedule arrays; any the caller does not have may be left out (treated as empty). */
type ScheduleParts = Pick<
  ProgramData,
  | 'rotations'
  | 'callTypes'
  | 'holidays'
  | 'absences'
  | 'rotationAssignments'
  | 'assignments'
  | 'calls'
  | 'inpatientWeeks'
  | 'moonlighting'
  | 'callbacks'
>;

export interface ComplianceInput
  extends Pick<ProgramData, 'settings' | 'people' | 'activities'>,
    Partial<ScheduleParts> {
  /** Findings are reported for this range (inclusive); windows overlapping it are checked. */
  range: { start: IsoDate; end: IsoDate };
}

export interface ComplianceOptions {
  /** Reference date for certification expiry ("expired", "expiring soon"); default range.start. */
  asOf?: IsoDate;
  /** Check only these rule ids (default: every enabled rule in the settings). */
  ruleIds?: string[];
  /**
   * Breaks shorter than this between two pieces of duty (a lunch hour between the AM and PM
   * half-days) do not end a work period. Default 120 minutes.
   */
  workPeriodBreakMinutes?: number;
  /**
   * Days of a faculty inpatient week with no half-day assignment in a slot are on duty with this
   * activity's times. Default 'FMIT'; ignored when no activity has the code.
   */
  inpatientWeekActivityCode?: string;
}

export interface ResolvedOptions {
  asOf: IsoDate;
  ruleIds: Set<string> | null;
  workPeriodBreakMs: number;
  inpatientWeekActivityCode: string;
}

/** Bad input: names what is wrong and where (`assignments[12]`, `settings.rules[3].params`). */
export class ComplianceInputError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ComplianceInputError';
  }
}

/** The compliance input for a date range from a whole program (arrays are shared, not copied). */
export function complianceInput(data: ProgramData, range: { start: IsoDate; end: IsoDate }): ComplianceInput {
  return {
    settings: data.settings,
    people: data.people,
    activities: data.activities,
    rotations: data.rotations,
    callTypes: data.callTypes,
    holidays: data.holidays,
    absences: data.absences,
    rotationAssignments: data.rotationAssignments,
    assignments: data.assignments,
    calls: data.calls,
    inpatientWeeks: data.inpatientWeeks,
    moonlighting: data.moonlighting,
    callbacks: data.callbacks,
    range,
  };
}

/**
 * The compliance input of some people alone: them and their own schedule, with the whole catalog.
 * What reads only a person's own duty (their hours, the 80-hour rule) needs no one else's rows.
 */
export function personalInput(
  data: ProgramData,
  range: { start: IsoDate; end: IsoDate },
  personIds: readonly string[],
): ComplianceInput {
  const wanted = new Set(personIds);
  const own = <T extends { personId: string }>(items: readonly T[]) => items.filter((i) => wanted.has(i.personId));
  return {
    ...complianceInput(data, range),
    people: data.people.filter((p) => wanted.has(p.id)),
    absences: own(data.absences),
    rotationAssignments: own(data.rotationAssignments),
    assignments: own(data.assignments),
    calls: own(data.calls),
    inpatientWeeks: own(data.inpatientWeeks),
    moonlighting: own(data.moonlighting),
    callbacks: own(data.callbacks),
  };
}
