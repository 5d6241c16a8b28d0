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

/** Strong colour (text, markers) and a soft tint (chip background) per severity. */
export const SEVERITY_COLORS: Record<Severity, { main: string; tint: string }> = {
  critical: { main: '#b42318', tint: '#fee4e2' },
  high: { main: '#c4320a', tint: '#ffead5' },
  medium: { main: '#a15c07', tint: '#fef0c7' },
  low: { main: '#475467', tint: '#eaecf0' },
};

/** A severity's place in SEVERITY_ORDER, for sorting (0 = critical). */
export const SEVERITY_RANK = Object.fromEntries(SEVERITY_ORDER.map((s, i) => [s, i])) as Record<Severity, number>;
