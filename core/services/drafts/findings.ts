// A draft's flags: the compliance findings of the schedule as it would be after publishing,
// compared with those of the published schedule. Findings keep stable ids (rule + person +
// window), so "added" and "removed" are set differences and acknowledgements survive revalidation.
import { HARD_SEVERITIES, type Finding, type Severity } from '../../domain/types';

/** Findings at these severities block publishing until resolved or acknowledged. */
export const BLOCKING_SEVERITIES: readonly Severity[] = HARD_SEVERITIES;

export type FlagCategory = 'rule' | 'coverage' | 'conflict' | 'credential';

// Rule types by the flag they raise on a draft; every other rule type is a rule finding.
const CATEGORY_BY_RULE_TYPE: Record<string, FlagCategory> = {
  supervision: 'coverage',
  clinic_capacity: 'coverage',
  service_staffing: 'coverage',
  double_booking: 'conflict',
  absence_conflict: 'conflict',
  call_during_inpatient_week: 'conflict',
  credential_missing: 'credential',
  certification_expired: 'credential',
  // A part of the schedule a stopped generation did not make (drafts/incomplete.ts).
  generation_incomplete: 'coverage',
};

export function flagCategory(finding: Pick<Finding, 'ruleType'>): FlagCategory {
  return CATEGORY_BY_RULE_TYPE[finding.ruleType] ?? 'rule';
}

export interface FindingsDelta {
  /** In the draft, not in the published schedule. */
  added: Finding[];
  /** In the published schedule, gone in the draft. */
  removed: Finding[];
  /** In both (by id); the draft's version. */
  persisting: Finding[];
}

export function compareFindings(published: readonly Finding[], draft: readonly Finding[]): FindingsDelta {
  const before = new Set(published.map((f) => f.id));
  const after = new Set(draft.map((f) => f.id));
  return {
    added: draft.filter((f) => !before.has(f.id)),
    removed: published.filter((f) => !after.has(f.id)),
    persisting: draft.filter((f) => before.has(f.id)),
  };
}

export function isBlocking(finding: Pick<Finding, 'severity'>): boolean {
  return BLOCKING_SEVERITIES.includes(finding.severity);
}

export function countByCategory(findings: readonly Finding[]): Record<FlagCategory, number> {
  const counts: Record<FlagCategory, number> = { rule: 0, coverage: 0, conflict: 0, credential: 0 };
  for (const f of findings) counts[flagCategory(f)]++;
  return counts;
}
