// The printable review of a draft, for those who review on paper: the summary, the changes by
// person, every changed slot, call night and inpatient week, and the findings the draft adds.
// Every page's footer carries the review file's short hash, so a marked-up printout names the
// exact file it came from.
import { formatDay } from '../../exports/pdf/dates';
import { createPdf, finishPages, pdfBytes, type PdfResult, type PrintSetup } from '../../exports/pdf/document';
import { reportWriter } from '../../exports/pdf/report';
import type { ReviewDocument } from './types';

export interface ReviewPdfInput {
  review: ReviewDocument;
  shortHash: string;
  setup: Omit<PrintSetup, 'programName' | 'draftLabel'>;
}

const pct = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)} %`;

export async function reviewPdf(input: ReviewPdfInput): Promise<PdfResult> {
  const r = input.review;
  const c = r.comparison;
  const v = c.validation;
  const pdf = await createPdf(
    { ...input.setup, programName: r.programName, draftLabel: r.draft.name },
    'portrait',
    'Draft review',
  );
  const name = new Map(r.people.map((p) => [p.id, p.name]));
  const who = (id: string) => name.get(id) ?? id;
  const subtitle =
    `${r.draft.name} · revision ${r.draft.revision} · sent by ${r.exportedBy} on ` +
    `${r.exportedAt.slice(0, 10)} · file ${input.shortHash}`;
  const { heading, table, width } = reportWriter(pdf, 'Draft review', subtitle, null);
  const k = c.counts;

  heading(
    'Summary',
    `${k.cells.changed} slots changed, ${k.cells.added} added, ${k.cells.removed} cleared; ` +
      `${k.calls.added + k.calls.changed + k.calls.removed} call nights, ` +
      `${k.inpatientWeeks.added + k.inpatientWeeks.changed + k.inpatientWeeks.removed} inpatient weeks and ` +
      `${k.rotations.added + k.rotations.changed + k.rotations.removed} plan blocks changed` +
      `${r.grid ? ` between ${formatDay(r.grid.start)} and ${formatDay(r.grid.end)}` : ''}. ` +
      `Churn ${pct(c.churn.totalPct)} of ${c.churn.publishedSlots} published slots, ${c.churn.peopleAffected} ` +
      `people affected (${c.churn.verdict}). ` +
      (v
        ? `${v.added.length} new findings (${v.unresolved} blocking and not acknowledged), ${v.removed.length} ` +
          `resolved. `
        : 'Not checked against the rules. ') +
      (c.lockedChanges ? `${c.lockedChanges} changes on or before the lock date ${c.lockDate}. ` : '') +
      (r.draft.note ? `Note: ${r.draft.note}` : ''),
  );

  heading('Changes by person');
  table(
    [
      { title: 'Person', width: width * 0.34 },
      { title: 'Slots changed', width: width * 0.18, align: 'right' },
      { title: 'Churn', width: width * 0.12, align: 'right' },
      { title: 'Calls', width: width * 0.12, align: 'right' },
      { title: 'Inpatient weeks', width: width * 0.12, align: 'right' },
      { title: 'Plan blocks', width: width * 0.12, align: 'right' },
    ],
    c.churn.people.map((p) => ({
      cells: [
        who(p.personId),
        `${p.changedSlots} of ${p.publishedSlots}`,
        pct(p.pct),
        String(p.changedCalls),
        String(p.changedInpatientWeeks),
        String(p.changedRotations),
      ],
    })),
    'Nobody’s published schedule changes.',
  );

  heading('Findings the draft adds');
  table(
    [
      { title: 'Severity', width: width * 0.12 },
      { title: 'Person', width: width * 0.22 },
      { title: 'Finding', width: width * 0.66 },
    ],
    (v?.added ?? []).map((f) => ({
      cells: [f.severity + (f.acknowledgement ? ' (ack.)' : ''), f.personId ? who(f.personId) : '–', f.message],
    })),
    v ? 'None.' : 'Not checked.',
  );

  heading('Changed slots', 'Published → in the draft.');
  table(
    [
      { title: 'Person', width: width * 0.34 },
      { title: 'Day', width: width * 0.24 },
      { title: 'Half', width: width * 0.1 },
      { title: 'Published', width: width * 0.16 },
      { title: 'Draft', width: width * 0.16 },
    ],
    c.diff.cells.map((x) => ({
      cells: [
        who(x.personId),
        formatDay(x.date),
        x.half,
        x.before?.activityCode ?? '–',
        x.after?.activityCode ?? '(cleared)',
      ],
    })),
    'No slot changes.',
  );

  const names = (list: { personId: string }[]) => list.map((p) => who(p.personId)).join(', ') || 'nobody';
  heading('Call nights and inpatient weeks');
  table(
    [
      { title: 'What', width: width * 0.2 },
      { title: 'When', width: width * 0.2 },
      { title: 'Published', width: width * 0.3 },
      { title: 'Draft', width: width * 0.3 },
    ],
    [
      ...c.diff.calls.map((x) => ({ cells: [x.callTypeCode, formatDay(x.date), names(x.before), names(x.after)] })),
      ...c.diff.inpatientWeeks.map((w) => ({
        cells: ['Inpatient week', `from ${formatDay(w.start)}`, names(w.before), names(w.after)],
      })),
    ],
    'No call night or inpatient week changes.',
  );

  finishPages(pdf, `Review of “${r.draft.name}” · file ${input.shortHash}`);
  const pages = pdf.doc.bufferedPageRange().count;
  return { pdf: await pdfBytes(pdf), pages };
}
