// What the compliance service returns: findings with their acknowledgement, the weekly-hours
// series the resident panel charts, and the dashboard summary. Plain data for the API and CLI.
import type { Finding, IsoDate, Severity } from '../../domain/types';
import type { Acknowledgement } from '../drafts/types';
import type { FlagCategory } from '../drafts/findings';

/** Which schedule is checked: the published one, or an open draft (published + its changes). */
export interface ComplianceTarget {
  academicYear: number;
  /** null = the published schedule. */
  draftId: number | null;
}

/** Narrowing a finding list; every field is optional and they combine with AND. */
export interface FindingFilter {
  /** Rule ids (e.g. 'acgme_80h'). */
  ruleIds?: string[];
  severities?: Severity[];
  personIds?: string[];
  /** Findings whose window overlaps from … to (inclusive). */
  from?: IsoDate;
  to?: IsoDate;
  /** true = only acknowledged, false = only open ones. */
  acknowledged?: boolean;
}

export interface ComplianceFinding extends Finding {
  personName: string | null;
  /** The rule's name from the rule catalog (core/rules/descriptions ruleName). */
  ruleName: string;
  category: FlagCategory;
  /** The program-wide acknowledgement (or the draft's own, when a draft is checked). */
  acknowledgement: Acknowledgement | null;
}

export type SeverityCounts = Record<Severity, number>;

export interface FindingsResult {
  academicYear: number;
  draftId: number | null;
  /** The dates checked (the academic year). */
  range: { start: IsoDate; end: IsoDate };
  /** Findings before filtering, by severity (acknowledged ones included). */
  totals: SeverityCounts;
  /** Findings of the year before filtering. */
  total: number;
  findings: ComplianceFinding[];
  /** Rules the program has enabled, for the filter menu. */
  /** The program's enabled rules, each with its name from the rule catalog. */
  rules: { id: string; type: string; name: string; severity: Severity }[];
  /** How long the (incremental) re-validation took, in ms. */
  validationMs: number;
}

export interface WeekHours {
  /** Monday of the week. */
  start: IsoDate;
  /** Sunday of the week. */
  end: IsoDate;
  /** Counted duty hours in the week (leave days the rule excludes count 0). */
  hours: number;
  /** Average hours a week over the 28 days ending on the week's Sunday (the rule's averaging). */
  rolling: number;
  /** Highest 28-day average of any window ending within this week. */
  peak: number;
}

export interface ResidentHours {
  personId: string;
  name: string;
  pgy: number | null;
  weeks: WeekHours[];
  /** Highest 28-day average in the year, and where its window ends. */
  maxAverage: number;
  maxAverageEnds: IsoDate | null;
  /** Weeks whose peak 28-day average is over the limit. */
  weeksOver: number;
}

export interface HoursResult {
  academicYear: number;
  draftId: number | null;
  /** From the program's 80-hour rule (null limit when the rule is off). */
  limitHours: number | null;
  windowDays: number;
  includeMoonlighting: boolean;
  residents: ResidentHours[];
}

export interface PersonSummary {
  personId: string;
  name: string;
  pgy: number | null;
  counts: SeverityCounts;
  /** Open (unacknowledged) findings. */
  open: number;
  /** Highest 28-day average hours a week in the year, and the day its window ends. */
  maxAverageHours: number | null;
  maxAverageEnds: IsoDate | null;
  /** The 28-day average hours a week of the week holding the summary's day (null outside the year). */
  currentAverageHours: number | null;
}

export interface WeekAtRisk {
  start: IsoDate;
  end: IsoDate;
  /** Open critical and high findings overlapping the week. */
  critical: number;
  high: number;
  /** Residents whose 28-day average ending in the week is at or above the warning level. */
  residentsNearLimit: { personId: string; name: string; peak: number }[];
  reasons: string[];
}

export interface ComplianceSummary {
  academicYear: number;
  draftId: number | null;
  asOf: IsoDate;
  /** All findings by severity, and those still open (not acknowledged). */
  counts: SeverityCounts;
  open: SeverityCounts;
  acknowledged: number;
  byRule: { ruleId: string; count: number; open: number; worst: Severity }[];
  /** Residents with the most serious open findings (then the highest hours), at most 5. */
  worstResidents: PersonSummary[];
  /** The coming weeks (from asOf) with open critical/high findings or hours near the limit. */
  weeksAtRisk: WeekAtRisk[];
  /** Hours a week from which a resident counts as near the limit (90% of it). */
  nearLimitHours: number | null;
}
