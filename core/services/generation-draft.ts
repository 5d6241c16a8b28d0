// From a generation report to what goes into a new draft: the half-day cells, call nights,
// inpatient weeks and annual rotation plan the models decided, a name that says what was
// generated, and a note that marks a schedule that is not proven the best or failed the rule
// check. Pure functions.
import { academicYearLabel } from '../domain/calendar';
import type { GenerationReport } from '../solver/models/generate';
import type { Block } from '../domain/types';
import { plural } from '../domain/words';
import type { DraftContent, IncompletePart } from './drafts/types';
import type { GenerationRunStatus, GenerationScopeName } from './generation-runs';
import { countedWord } from '../domain/words';

export interface GenerationLabel {
  scope: GenerationScopeName;
  academicYear: number;
  blockNumber: number | null;
  /** Year scope and call ranges: the first block generated. */
  fromBlock?: number | null;
  /** Call ranges: the last block generated. */
  toBlock?: number | null;
  backend: string;
}

const SCOPE_WORDS: Record<GenerationScopeName, string> = {
  annual: 'annual rotation plan',
  block: 'half-days',
  calls: 'calls and inpatient weeks',
  'block+calls': 'calls, inpatient weeks and half-days',
  year: 'rotation plan, then every block’s calls and half-days',
};

export function scopeWords(scope: GenerationScopeName): string {
  return SCOPE_WORDS[scope];
}

/**
 * "Block 3 AY 2026–27: calls and inpatient weeks"; the annual scope: "rotation plan AY 2026–27";
 * the year scope: "year AY 2026–27 from block 5".
 */
export function generationTitle(label: GenerationLabel): string {
  if (label.scope === 'annual') return `rotation plan ${academicYearLabel(label.academicYear)}`;
  if (label.scope === 'year')
    return `year ${academicYearLabel(label.academicYear)} from block ${label.fromBlock ?? '?'}`;
  const range =
    label.fromBlock != null && label.toBlock != null
      ? `Blocks ${label.fromBlock}–${label.toBlock} ${academicYearLabel(label.academicYear)}`
      : null;
  const period =
    range ??
    (label.blockNumber === null
      ? academicYearLabel(label.academicYear)
      : `Block ${label.blockNumber} ${academicYearLabel(label.academicYear)}`);
  return `${period}: ${scopeWords(label.scope)}`;
}

/** Whether a report carries any schedule for a draft (half-days, calls, inpatient weeks, plan). */
export function hasDraftContent(report: GenerationReport): boolean {
  return (
    (report.assignments?.length ?? 0) +
      (report.calls?.length ?? 0) +
      (report.inpatientWeeks?.length ?? 0) +
      (report.rotationAssignments?.length ?? 0) >
    0
  );
}

/**
 * The draft content of a report. Entries dated outside the program's academic years cannot be
 * stored (e.g. an inpatient week that starts before July 1 and overlaps the year's first block):
 * they are left out and named in `leftOut`.
 */
export function draftContentOf(
  report: GenerationReport,
  name: string,
  note: string,
  inProgram: (date: string) => boolean,
): { content: DraftContent; leftOut: string[] } {
  const leftOut: string[] = [];
  const keep =
    <T>(what: (x: T) => string, date: (x: T) => string) =>
    (x: T) => {
      if (inProgram(date(x))) return true;
      leftOut.push(what(x));
      return false;
    };
  const assignments = (report.assignments ?? []).filter(
    keep(
      (a) => `${a.personId} ${a.date} ${a.half}`,
      (a) => a.date,
    ),
  );
  const calls = (report.calls ?? []).filter(
    keep(
      (c) => `${c.callTypeCode} call ${c.date}`,
      (c) => c.date,
    ),
  );
  const weeks = (report.inpatientWeeks ?? []).filter(
    keep(
      (w) => `inpatient week ${w.start}–${w.end} (${w.personId})`,
      (w) => w.start,
    ),
  );
  const plan = report.rotationAssignments ?? [];
  return {
    content: {
      ...contentOf(name, note, assignments, calls, weeks),
      ...(plan.length ? { rotationAssignments: plan.map(planEntry) } : {}),
    },
    leftOut,
  };
}

function planEntry(
  r: NonNullable<GenerationReport['rotationAssignments']>[number],
): NonNullable<DraftContent['rotationAssignments']>[number] {
  return {
    personId: r.personId,
    academicYear: r.academicYear,
    blockNumber: r.blockNumber,
    part: r.part,
    rotationId: r.rotationId,
  };
}

function contentOf(
  name: string,
  note: string,
  assignments: NonNullable<GenerationReport['assignments']>,
  calls: NonNullable<GenerationReport['calls']>,
  weeks: NonNullable<GenerationReport['inpatientWeeks']>,
): DraftContent {
  return {
    name,
    note,
    source: 'generation',
    assignments: assignments.map((a) => ({
      personId: a.personId,
      date: a.date,
      half: a.half,
      activityCode: a.activityCode,
      source: a.source,
      locked: a.locked,
    })),
    calls: calls.map((c) => ({ date: c.date, callTypeCode: c.callTypeCode, personId: c.personId, source: c.source })),
    inpatientWeeks: weeks.map((w) => ({ personId: w.personId, start: w.start, end: w.end })),
  };
}

export interface DraftMarking {
  /** Year scope and call ranges: blocks that could not be generated (they keep their published schedule). */
  unsolvedBlocks?: number[];
  status: GenerationRunStatus;
  optimal: boolean;
  stoppedBy: 'user' | 'time_limit' | null;
  /** Largest gap left, when not optimal. */
  gap: number | null;
  hardFindings: number;
  /** The run stopped between models, so part of the scope was not generated. */
  partial: boolean;
  /** Year scope: the blocks whose calls and half-days are in the draft (the rest of the year has only its plan). */
  completedBlocks?: number[] | null;
  /** Who pressed Stop (stoppedBy 'user'): the signed-in account's name. */
  stoppedByName: string | null;
  /** How long the run searched: the time limit when it stopped there, else the time it took. */
  seconds: number;
}

/** Year scope, stopped early: "incomplete, up to block 7" / "incomplete, rotation plan only". */
function incompleteYear(label: GenerationLabel, marking: DraftMarking): string | null {
  if (label.scope !== 'year' || !marking.partial) return null;
  const done = marking.completedBlocks ?? [];
  return done.length === 0 ? 'incomplete, rotation plan only' : `incomplete, up to block ${done[done.length - 1]}`;
}

/** "block 4 not generated" / "blocks 4 and 9 not generated"; `short`: "2 blocks not generated". */
function unsolvedMark(marking: DraftMarking, short = false): string | null {
  const blocks = [...new Set(marking.unsolvedBlocks ?? [])].sort((a, b) => a - b);
  if (blocks.length === 0) return null;
  if (short) return `${plural(blocks.length, 'block')} not generated`;
  return (
    `${countedWord(blocks.length, 'block')} ` +
    `${blocks.length === 1 ? blocks[0] : `${blocks.slice(0, -1).join(', ')} and ${blocks[blocks.length - 1]}`} not ` +
    `generated`
  );
}

/** "45 s", "60 s", "2 min 05 s", "5 min". */
function secondsWords(sec: number): string {
  const s = Math.max(1, Math.round(sec));
  if (s <= 120) return `${s} s`;
  const rest = s % 60;
  return `${Math.floor(s / 60)} min${rest ? ` ${String(rest).padStart(2, '0')} s` : ''}`;
}

/**
 * How a schedule short of the proven best came to be, in the words every surface uses (draft
 * name, run message, the app's outcome line, the CLI's JSON): "stopped by Dana Diaz" when
 * someone pressed Stop, otherwise "best found in 60 s" (the time limit, or the solver's own
 * limit after that long). Null when the schedule is proven the best.
 */
export function bestFoundWords(end: {
  optimal: boolean;
  stoppedBy: 'user' | 'time_limit' | null;
  stoppedByName: string | null;
  seconds: number;
}): string | null {
  if (end.optimal) return null;
  if (end.stoppedBy === 'user') return `stopped by ${end.stoppedByName || 'a user'}`;
  return `best found in ${secondsWords(end.seconds)}`;
}

/** Draft name: what was generated, with a short mark when it is not a clean, proven-best result. */
export function draftName(label: GenerationLabel, marking: DraftMarking): string {
  const quality = marking.status === 'invalid' ? 'fails rule check' : bestFoundWords(marking);
  // A name holds 120 characters: the blocks not generated are counted rather than listed when
  // listing them would cut off how far the draft can be trusted (a year at 300 residents did).
  let name = '';
  for (const short of [false, true]) {
    const marks = [incompleteYear(label, marking), unsolvedMark(marking, short), quality].filter((m) => m !== null);
    name = `Generated ${generationTitle(label)}${marks.length ? ` (${marks.join('; ')})` : ''}`;
    if (name.length <= MAX_DRAFT_NAME) return name;
  }
  return name.slice(0, MAX_DRAFT_NAME);
}

/** The longest draft name (the API's limit). */
const MAX_DRAFT_NAME = 120;

export function formatGapPct(gap: number | null): string {
  return gap === null ? 'unknown' : `${(gap * 100).toFixed(2)} %`;
}

/** Draft note: how the schedule was made and how far it can be trusted. */
export function draftNote(label: GenerationLabel, marking: DraftMarking, runMessage: string): string {
  const lines = [`Generated by schedule generation (${label.backend}): ${generationTitle(label)}.`];
  if (marking.status === 'invalid')
    lines.push(
      `FAILED THE RULE CHECK: ${plural(marking.hardFindings, 'hard-rule finding')}. Kept for review; fix or ` +
        `acknowledge them before publishing.`,
    );
  const words = bestFoundWords(marking);
  if (words === null) lines.push('Proven the best schedule.');
  else {
    const improve = marking.gap === null ? 'by an unknown amount' : `by up to ${formatGapPct(marking.gap)}`;
    const limit = marking.stoppedBy === 'time_limit' ? ', the time limit' : '';
    lines.push(
      `NOT PROVEN THE BEST (${words}${limit}; could still improve ${improve}): the best schedule found so far.`,
    );
  }
  const incomplete = incompleteYear(label, marking);
  const unsolved = unsolvedMark(marking);
  if (unsolved)
    lines.push(
      `NOT EVERYTHING COULD BE GENERATED (${unsolved}; those blocks keep their published schedule): ${runMessage}`,
    );
  else if (incomplete) lines.push(`INCOMPLETE (${incomplete}): ${runMessage}`);
  else if (marking.partial) lines.push(`Only part of the scope was generated: ${runMessage}`);
  return lines.join(' ').slice(0, 1000);
}

/**
 * What a stopped run leaves out that its draft should hold, as the draft's missing parts (each
 * blocks publishing until acknowledged): a block's half-days after its calls changed; the calls
 * and half-days of the blocks a whole-year run did not reach after the plan changed. A complete
 * run, or one that kept nothing, leaves nothing out.
 */
export function missingParts(
  report: GenerationReport,
  label: GenerationLabel,
  blocks: readonly Block[],
): IncompletePart[] {
  if (!hasDraftContent(report)) return [];
  // Blocks a year run (or a range of call blocks) could not generate keep their published schedule.
  const unsolved = report.unsolvedBlocks.flatMap((u) => {
    const b = blocks.find((x) => x.number === u.blockNumber);
    if (!b) return [];
    return [
      {
        what: `the ${u.part} of block ${u.blockNumber}`,
        start: b.start,
        end: b.end,
        why: `it could not be generated (${u.diagnosis?.summary ?? u.message}), so ${u.message}`,
      },
    ];
  });
  if (report.status !== 'stopped') return unsolved;
  if (
    label.scope === 'block+calls' &&
    report.assignments === null &&
    (report.calls?.length || report.inpatientWeeks?.length)
  ) {
    const calls = new Set((report.calls ?? []).map((c) => `${c.date}|${c.callTypeCode}`)).size;
    return [
      {
        what: `the half-day schedule of block ${label.blockNumber}`,
        start: report.range.start,
        end: report.range.end,
        why:
          `the run was stopped after the calls, so ${plural(calls, 'call night')} and the inpatient weeks ` +
          `changed without the half-days that go with them (post-call days, clinic, supervision)`,
      },
    ];
  }
  if (label.scope === 'year' && report.rotationAssignments?.length) {
    // One part per run of consecutive blocks not reached: blocks run side by side, so a later block
    // may be done while earlier ones are not, and a done block is not missing.
    const done = new Set(report.completedBlocks ?? []);
    const from = label.fromBlock ?? blocks[0]?.number ?? 0;
    const runs: Block[][] = [];
    for (const b of blocks) {
      if (b.number < from || done.has(b.number)) continue;
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1].number === b.number - 1) run.push(b);
      else runs.push([b]);
    }
    return runs.map((run) => {
      const first = run[0];
      const last = run[run.length - 1];
      const which = first === last ? `block ${first.number}` : `blocks ${first.number}–${last.number}`;
      return {
        what: `the calls and half-days of ${which}`,
        start: first.start,
        end: last.end,
        why:
          `the run was stopped after the rotation plan changed, so ${which} ${first === last ? 'keeps' : 'keep'} ` +
          `the half-days of the published plan`,
      };
    });
  }
  return [];
}
