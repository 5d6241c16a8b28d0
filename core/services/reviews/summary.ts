// A review in words: what the CLI's `review open` prints and the PDF's first page says.
import type { OpenedReview, ReviewDocument } from './types';
import { plural } from '../../domain/words';

const pct = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)}%`;

export function personName(review: ReviewDocument, id: string): string {
  return review.people.find((p) => p.id === id)?.name ?? id;
}

export function reviewSummaryLines(opened: OpenedReview): string[] {
  const r = opened.review;
  const c = r.comparison;
  const k = c.counts;
  const v = c.validation;
  const lines = [
    `Review of draft #${r.draft.id} "${r.draft.name}" (revision ${r.draft.revision}) of ${r.programName}`,
    `Sent ${r.exportedAt} by ${r.exportedBy}; file ${opened.shortHash}, signed by program key ${opened.signerKeyId}`,
    ...(r.draft.note ? [`Note: ${r.draft.note}`] : []),
    ...(r.grid
      ? [`Changes from ${r.grid.start} to ${r.grid.end}`]
      : ['The draft changes nothing in the published schedule']),
    `Slots: ${k.cells.added} added, ${k.cells.changed} changed, ${k.cells.removed} removed; call nights ` +
      `${k.calls.added + k.calls.changed + k.calls.removed}; ` +
      `inpatient weeks ${k.inpatientWeeks.added + k.inpatientWeeks.changed + k.inpatientWeeks.removed}; plan blocks ` +
      `${k.rotations.added + k.rotations.changed + k.rotations.removed}`,
    `Churn: ${pct(c.churn.totalPct)} of ${c.churn.publishedSlots} published slots (${c.churn.changedSlots} ` +
      `changed), ${c.churn.peopleAffected} people affected -> ${c.churn.verdict.toUpperCase()}`,
    ...c.churn.findings.map((f) => `  ${f.level}: ${f.message}`),
    v
      ? `Findings: ${v.added.length} new (${v.unresolved} blocking and not acknowledged), ${v.removed.length} resolved`
      : 'Findings: not checked',
    ...(c.lockedChanges ? [`${plural(c.lockedChanges, 'change')} on or before the lock date ${c.lockDate}`] : []),
    ...r.draft.incomplete.map((p) => `Missing: ${p.what} (${p.start} to ${p.end})`),
  ];
  if (c.churn.people.length) lines.push('Per person:');
  for (const p of c.churn.people.slice(0, 40))
    lines.push(
      `  ${personName(r, p.personId)}: ${p.changedSlots} of ${p.publishedSlots} slots (${pct(p.pct)}), ` +
        `${plural(p.changedCalls, 'call')}, ${plural(p.changedInpatientWeeks, 'week')}, ` +
        `${plural(p.changedRotations, 'plan block')}`,
    );
  if (c.churn.people.length > 40) lines.push(`  … and ${c.churn.people.length - 40} more`);
  if (v?.added.length) lines.push('New findings:');
  for (const f of (v?.added ?? []).slice(0, 40))
    lines.push(`  [${f.id}] ${f.severity}${f.acknowledgement ? ' (acknowledged)' : ''}: ${f.message}`);
  if ((v?.added.length ?? 0) > 40) lines.push(`  … and ${v!.added.length - 40} more`);
  return lines;
}
