// The printable contingency report: what a program director reads offline — utilization per
// block and week, single points of failure, losses that need shedding, fatal pairs ranked, the
// weeks at risk, and how the sweep was computed. Portrait tables, a new page when one is full.
import type { ContingencyResult, LossOutcome, UtilizationLevel } from '../../domain/contingency';
import { formatDay as formatShortDate } from './dates';
import { createPdf, finishPages, INK, pdfBytes, type PdfResult, type PrintSetup } from './document';
import { reportWriter } from './report';
import { plural } from '../../domain/words';

export interface ContingencyReportInput {
  result: ContingencyResult;
  setup: PrintSetup;
  /** Why the run may no longer hold (the schedule changed since), printed on every page. */
  staleReason: string | null;
  runLabel: string;
}

const LEVEL_FILL: Record<UtilizationLevel, string> = {
  green: '#c8e6c9',
  yellow: '#fff59d',
  orange: '#ffcc80',
  red: '#ef9a9a',
  black: '#616161',
};
const OUTCOME_WORDS: Record<LossOutcome, string> = {
  absorbed: 'absorbed',
  shedding: 'needs shedding',
  uncovered: 'coverage lost',
};

export async function contingencyReportPdf(input: ContingencyReportInput): Promise<PdfResult> {
  const { result } = input;
  const pdf = await createPdf(input.setup, 'portrait', 'Contingency report');
  const { doc } = pdf;
  const name = new Map(result.people.map((p) => [p.id, p.name]));
  const label = new Map(result.people.map((p) => [p.id, p.label]));
  const period = `${formatShortDate(result.params.start)} – ${formatShortDate(result.params.end)}`;
  const subtitle =
    `${period} · ${result.params.depth === 2 ? 'N-1 and N-2 (every pair)' : 'N-1'} · ` +
    `${input.runLabel}${result.complete ? '' : ' · INCOMPLETE'}`;
  const report = reportWriter(
    pdf,
    'Contingency report',
    subtitle,
    input.staleReason ? `Out of date: ${input.staleReason}` : null,
    (fill) => (fill === LEVEL_FILL.black ? '#ffffff' : INK),
  );
  const { heading, table, width } = report;
  const weeksText = (weeks: string[]) =>
    weeks.length > 4
      ? `${weeks.slice(0, 4).map(formatShortDate).join(', ')} and ${weeks.length - 4} more`
      : weeks.map(formatShortDate).join(', ');
  const pct = (r: number) => `${Math.round(r * 100)} %`;

  // Summary.
  const counts = { absorbed: 0, shedding: 0, uncovered: 0 } as Record<LossOutcome, number>;
  for (const h of result.heatmap) counts[h.outcome]++;
  const fatal = result.pairs.filter((p) => p.uncoveredWeeks > 0);
  heading(
    'Summary',
    `${result.heatmap.length} single losses with something to cover: ${counts.absorbed} absorbed, ` +
      `${counts.shedding} need shedding, ${counts.uncovered} leave coverage lost. ` +
      `${result.singlePointsOfFailure.length} single points of failure; ${fatal.length} fatal pairs and ` +
      `${result.pairs.length - fatal.length} pairs that need shedding only together. ` +
      `Shedding follows the sacrifice order: optional education, administration and research, core education, ` +
      `continuity clinic; patient care, inpatient and call coverage and the ACGME limits are never shed.`,
  );

  heading(
    'Faculty utilization by block',
    'Required ÷ available faculty half-days: green < 70 %, yellow < 80 %, orange < 90 %, red < 95 %, black from 95 %.',
  );
  table(
    [
      { title: 'Block', width: width * 0.14 },
      { title: 'Dates', width: width * 0.36 },
      { title: 'Required', width: width * 0.16, align: 'right' },
      { title: 'Available', width: width * 0.16, align: 'right' },
      { title: 'Utilization', width: width * 0.18, align: 'right' },
    ],
    result.blocks.map((b) => ({
      cells: [
        `Block ${b.blockNumber}`,
        `${formatShortDate(b.start)} – ${formatShortDate(b.end)}`,
        String(b.utilization.required),
        String(b.utilization.available),
        pct(b.utilization.ratio),
      ],
      fill: [null, null, null, null, LEVEL_FILL[b.utilization.level]],
    })),
    'No block in the period.',
  );

  heading(
    'Single points of failure',
    'People whose loss alone leaves a call, an inpatient week, an inpatient-team place or a procedure session ' +
      'without anyone who can take it.',
  );
  table(
    [
      { title: 'Person', width: width * 0.3 },
      { title: 'Role', width: width * 0.2 },
      { title: 'Weeks with coverage lost', width: width * 0.5 },
    ],
    result.singlePointsOfFailure.map((c) => ({
      cells: [
        name.get(c.personId) ?? c.personId,
        label.get(c.personId) ?? '',
        `${c.uncoveredWeeks.length}: ${weeksText(c.uncoveredWeeks)}`,
      ],
    })),
    'None: every single loss can be covered.',
  );

  heading(
    'Fatal pairs, ranked',
    'Pairs whose joint loss leaves coverage lost (or needs shedding) in weeks where neither loss alone does.',
  );
  table(
    [
      { title: 'Pair', width: width * 0.46 },
      { title: 'Coverage lost', width: width * 0.16, align: 'right' },
      { title: 'Needs shedding', width: width * 0.16, align: 'right' },
      { title: 'First week', width: width * 0.22 },
    ],
    result.pairs.slice(0, 60).map((p) => ({
      cells: [
        `${name.get(p.a) ?? p.a} + ${name.get(p.b) ?? p.b}`,
        String(p.uncoveredWeeks),
        String(p.sheddingWeeks),
        formatShortDate(p.weeks[0].week),
      ],
    })),
    result.params.depth === 2 ? 'None: no pair is worse together than apart.' : 'Pairs were not examined (N-1 only).',
  );

  heading('Weeks at risk', 'Weeks where a single loss is not absorbed, or utilization is orange or worse.');
  const risky = result.weeks.filter(
    (w) => (w.worstSingle && w.worstSingle !== 'absorbed') || ['orange', 'red', 'black'].includes(w.utilization.level),
  );
  table(
    [
      { title: 'Week of', width: width * 0.16 },
      { title: 'Utilization', width: width * 0.14, align: 'right' },
      { title: 'Worst single loss', width: width * 0.22 },
      { title: 'Single losses (absorbed / shedding / lost)', width: width * 0.3 },
      { title: 'Pairs lost', width: width * 0.18, align: 'right' },
    ],
    risky.map((w) => ({
      cells: [
        formatShortDate(w.week),
        pct(w.utilization.ratio),
        w.worstSingle ? OUTCOME_WORDS[w.worstSingle] : '–',
        `${w.singles.absorbed} / ${w.singles.shedding} / ${w.singles.uncovered}`,
        String(w.pairs.uncovered),
      ],
      fill: [null, LEVEL_FILL[w.utilization.level], null, null, null],
    })),
    'No week at risk.',
  );

  heading('Losses that need shedding');
  table(
    [
      { title: 'Person', width: width * 0.3 },
      { title: 'Role', width: width * 0.2 },
      { title: 'Weeks', width: width * 0.5 },
    ],
    result.sheddingLosses.map((c) => ({
      cells: [
        name.get(c.personId) ?? c.personId,
        label.get(c.personId) ?? '',
        `${c.sheddingWeeks.length}: ${weeksText(c.sheddingWeeks)}`,
      ],
    })),
    'None.',
  );

  const f = result.figures;
  heading(
    'How this was computed',
    `${f.weeks} weeks, ${f.people} ` +
      `people${f.pairs ? `, ${f.pairs} pairs (${f.pairWeeks} pair-weeks with something to repair)` : ''}. ` +
      `${f.modelsSolved} repair models solved (${f.milpSolved} by the MILP solver), ${f.pruned} pair-weeks answered ` +
      `exactly from the two single repairs; ` +
      `every repair checked by the compliance engine (${f.validatorRejections} sent back and solved again). ` +
      `${f.elapsedSec} s on ${plural(f.workers, 'worker thread')}.`,
  );

  finishPages(pdf, `Contingency report · ${period}`);
  const pages = doc.bufferedPageRange().count;
  return { pdf: await pdfBytes(pdf), pages };
}
