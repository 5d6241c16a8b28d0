// Words and colours of the Contingency view: loss outcomes, utilization levels, sacrifice levels.
import type { LossOutcome, SacrificeLevel, UtilizationLevel } from '../../../core/domain/contingency';
import { formatShortDate } from '../lib/dates';

/** Outcomes from best to worst. */
export const OUTCOME_ORDER: readonly LossOutcome[] = ['absorbed', 'shedding', 'uncovered'];

export const OUTCOME_LABELS: Record<LossOutcome, string> = {
  absorbed: 'Absorbed',
  shedding: 'Needs shedding',
  uncovered: 'Coverage lost',
};

export const OUTCOME_HINTS: Record<LossOutcome, string> = {
  absorbed: 'every requirement covered from free time, optional education or administration',
  shedding: 'covered only by giving up core education or continuity clinic',
  uncovered: 'a call, inpatient week, team place or procedure session nobody can take',
};

export const OUTCOME_COLORS: Record<LossOutcome, { main: string; tint: string }> = {
  absorbed: { main: '#2e7d32', tint: '#c8e6c9' },
  shedding: { main: '#e65100', tint: '#ffcc80' },
  uncovered: { main: '#c62828', tint: '#ef9a9a' },
};

export const LEVEL_COLORS: Record<UtilizationLevel, { fill: string; text: string }> = {
  green: { fill: '#c8e6c9', text: '#1b5e20' },
  yellow: { fill: '#fff59d', text: '#5d4b00' },
  orange: { fill: '#ffcc80', text: '#7a3500' },
  red: { fill: '#ef9a9a', text: '#7f0000' },
  black: { fill: '#424242', text: '#ffffff' },
};

export const LEVEL_LABELS: Record<UtilizationLevel, string> = {
  green: 'green (< 70 %)',
  yellow: 'yellow (70–80 %)',
  orange: 'orange (80–90 %)',
  red: 'red (90–95 %)',
  black: 'black (≥ 95 %)',
};

export const SACRIFICE_WORDS: Record<SacrificeLevel, string> = {
  optional_education: 'optional education',
  administration: 'administration and research',
  core_education: 'core education',
  continuity_clinic: 'continuity clinic',
};

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

/** "5 Oct" for a week's Monday. */
export function weekLabel(monday: string): string {
  return formatShortDate(monday).replace(/ \d{4}$/, '');
}

export { plural } from '../lib/words';
