// The words for a finding's severity, most urgent first: one list for Compliance, Drafts, Review
// and Settings (the renderer may import only types from core, so the words live here).
import type { Severity } from '../../../core/domain/types';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** What each severity asks of the coordinator (DOMAIN: act now, today, this week, info). */
export const SEVERITY_HINTS: Record<Severity, string> = {
  critical: 'Act now',
  high: 'Today',
  medium: 'This week',
  low: 'For information',
};

/** A severity's place in SEVERITY_ORDER, for sorting (0 = critical). */
export const SEVERITY_RANK = Object.fromEntries(SEVERITY_ORDER.map((s, i) => [s, i])) as Record<Severity, number>;
