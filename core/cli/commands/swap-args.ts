// What the swap commands share: naming an item on the command line (`--person ID` with
// `--call-date DATE --call-type CODE` or `--week START`), and a swap or candidate in one line.
import type { CandidateList, SwapCandidate, SwapItem, SwapSummary } from '../../services/swaps';
import { CliUsageError } from '../command';
import { plural } from '../../domain/words';

export const ITEM_OPTIONS = {
  person: { type: 'string' },
  'call-date': { type: 'string' },
  'call-type': { type: 'string' },
  week: { type: 'string' },
} as const;

/** How a usage line names an item. */
export const ITEM_LINE = '--person ID (--call-date DATE --call-type CODE | --week START)';

export const ITEM_USAGE = `  --person ID                 whose item
  --call-date DATE --call-type CODE   a call night (e.g. --call-date 2026-10-13 --call-type OC)
  --week START                an inpatient week, by its first day`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The item named by --person and --call-date/--call-type or --week (prefix: `their-` for a counter item). */
export function itemFrom(
  values: Record<string, string | boolean | undefined>,
  personId: string | undefined,
  prefix = '',
): SwapItem {
  const date = values[`${prefix}call-date`] as string | undefined;
  const type = values[`${prefix}call-type`] as string | undefined;
  const week = values[`${prefix}week`] as string | undefined;
  if (!personId) throw new CliUsageError('--person ID is required');
  if ((date !== undefined || type !== undefined) === (week !== undefined))
    throw new CliUsageError(
      `name the item with --${prefix}call-date and --${prefix}call-type, or with --${prefix}week`,
    );
  if (week !== undefined) {
    if (!DATE.test(week)) throw new CliUsageError(`--${prefix}week expects a date (YYYY-MM-DD), got "${week}"`);
    return { kind: 'inpatient_week', personId, start: week };
  }
  if (!date || !DATE.test(date))
    throw new CliUsageError(`--${prefix}call-date expects a date (YYYY-MM-DD), got "${date ?? ''}"`);
  if (!type) throw new CliUsageError(`--${prefix}call-type CODE is required with --${prefix}call-date`);
  return { kind: 'call', personId, date, callTypeCode: type };
}

export function kindFrom(value: string | boolean | undefined): 'absorb' | 'one_to_one' {
  if (value === undefined || value === 'absorb') return 'absorb';
  if (value === 'one-to-one' || value === 'one_to_one') return 'one_to_one';
  throw new CliUsageError(`--kind must be absorb or one-to-one, got "${String(value)}"`);
}

const pct = (x: number) => x.toFixed(2);

export function candidateLine(c: SwapCandidate): string {
  const p = c.score.parts;
  const back = c.counterItem ? ` for ${c.counterItem.label}` : '';
  const parts =
    `preference ${pct(p.preference.value)}, proximity ${pct(p.proximity.value)}, workload ` +
    `${pct(p.workload.value)}, history ${pct(p.history.value)}, availability ${pct(p.availability.value)}`;
  const soft = c.softFindings.length
    ? `; adds ${plural(c.softFindings.length, 'soft finding')}: ${c.softFindings.map((f) => f.message).join('; ')}`
    : '';
  return (
    `${pct(c.score.value)}  ${c.name} ` +
    `(${c.personId})${back}${c.score.blocked ? ` — blocked: ${p.preference.note}` : ''}\n        ${parts}${soft}`
  );
}

export function candidatesText(list: CandidateList, limit: number): string[] {
  const lines = [`${list.kind === 'absorb' ? 'Who could take' : 'Who could trade'} ${list.item.label}:`];
  if (!list.candidates.length) lines.push('  nobody without breaking a hard rule');
  for (const c of list.candidates.slice(0, limit)) lines.push(`  ${candidateLine(c)}`);
  if (list.candidates.length > limit) lines.push(`  … and ${list.candidates.length - limit} more (--limit)`);
  if (list.excluded.length) lines.push('Not offered (hard rules):');
  for (const e of list.excluded.slice(0, limit))
    lines.push(
      `  ${e.name}${e.counterItem ? ` for ${e.counterItem.label}` : ''}: ` +
        `${e.reasons.map((r) => `${r.severity} ${r.message}`).join('; ')}`,
    );
  return lines;
}

export function swapLine(s: SwapSummary): string {
  const what =
    s.kind === 'absorb'
      ? `${s.requesterName} gives ${s.item.label} to ${s.counterpartName}`
      : `${s.requesterName} trades ${s.item.label} for ${s.counterpartName}'s ${s.counterItem!.label}`;
  const approvals = s.approvals.map((a) => `${a.role.replace('_', ' ')} ${a.approvedBy}`).join(', ');
  const state = [
    s.status,
    s.status === 'pending'
      ? `needs ${s.approvalsNeeded
          .filter((r) => !s.approvals.some((a) => a.role === r))
          .join(' and ')
          .replace('_', ' ')}`
      : '',
    approvals ? `approved by ${approvals}` : '',
    s.publicationId ? `publication #${s.publicationId}` : '',
    s.canRollback ? `can be rolled back until ${s.rollbackDeadline}` : '',
    s.staleBecause.length ? `STALE: ${s.staleBecause.join('; ')}` : '',
  ].filter(Boolean);
  return (
    `#${s.id} ${what} (score ${s.score.value.toFixed(2)}) — ${state.join('; ')}\n      asked by ` +
    `${s.requestedBy} at ${s.requestedAt}: ${s.reason}`
  );
}
