// Words and colours for findings: severity, measured vs limit, windows and the
// acknowledgement reasons. Pure, so the table, the dialog and the dashboard say the same thing.
import type { ComplianceFinding } from '../../../core/api/contract';
import { formatRange } from '../lib/dates';

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
