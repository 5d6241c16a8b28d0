// Words and colours for findings: severity, measured vs limit, windows and the
// acknowledgement reasons. Pure, so the table, the dialog and the dashboard say the same thing.
import type { Acknowledgement, ComplianceFinding } from '../../../core/api/contract';
import type { Severity } from '../../../core/domain/types';
import { formatRange } from '../lib/dates';

/** Strong colour (text, markers) and a soft tint (chip background) per severity. */
export const SEVERITY_COLORS: Record<Severity, { main: string; tint: string }> = {
  critical: { main: '#b42318', tint: '#fee4e2' },
  high: { main: '#c4320a', tint: '#ffead5' },
  medium: { main: '#a15c07', tint: '#fef0c7' },
  low: { main: '#475467', tint: '#eaecf0' },
};

export type AckReasonCode = Acknowledgement['reasonCode'];

export const REASON_LABELS: Record<AckReasonCode, string> = {
  clinical_necessity: 'Clinical necessity',
  staffing_shortage: 'Staffing shortage',
  approved_exception: 'Approved exception',
  resident_request: 'Resident request',
  data_error: 'Data error (schedule is right)',
  other: 'Other',
};
export const REASON_CODES = Object.keys(REASON_LABELS) as AckReasonCode[];

/** What kind of rule a finding breaks: ACGME, a program policy, or a coverage/conflict/credential check. */
export function ruleKind(f: Pick<ComplianceFinding, 'ruleType' | 'category'>): string {
  // ACGME's own rules, and its moonlighting rules (who may moonlight, the PD's approval).
  if (f.ruleType.startsWith('acgme_') || f.ruleType.startsWith('moonlighting_')) return 'ACGME';
  if (f.category === 'rule') return 'Program policy';
  return f.category[0].toUpperCase() + f.category.slice(1);
}

/** Numbers as people write them: 86.5, 80, 1,204. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** `86.5 h/week` and `limit 80`. */
export function measuredText(f: Pick<ComplianceFinding, 'measured' | 'unit'>): string {
  return `${formatNumber(f.measured)} ${f.unit}`;
}
export function limitText(f: Pick<ComplianceFinding, 'limit' | 'unit'>): string {
  return `limit ${formatNumber(f.limit)}`;
}

/** How far past the limit, as a share of it (0.08 = 8 % over); null when not meaningful. */
export function overShare(f: Pick<ComplianceFinding, 'measured' | 'limit'>): number | null {
  if (!(f.limit > 0) || f.measured <= f.limit) return null;
  return (f.measured - f.limit) / f.limit;
}

export function windowText(f: Pick<ComplianceFinding, 'start' | 'end'>): string {
  return formatRange(f.start, f.end);
}
