// One generation run: build the model(s) of a scope, solve them on a backend, diagnose when
// infeasible, and check the result independently with the compliance engine — a run whose result
// has a hard (critical or high) finding the schedule is responsible for reports failure.
// Scopes: 'annual' (rotation plan), 'calls' (call and inpatient weeks of a block, or of a range of
// blocks one after the other, fair year to date), 'halfday' (the block's half-day schedule on the
// program's call layer), 'block' (calls, then half-days on them), 'year' (the rotation plan, then
// every block from `fromBlock` on: its calls and its half-days — core/solver/models/year.ts runs
// it, in parallel where blocks do not depend on each other), and 'check' (no model: the compliance
// engine on a result assembled elsewhere, for the year run).
import { academicYearEnd, academicYearStart, addDays, blocksForYear } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type {
  AcademicYearId,
  Assignment,
  Block,
  CallAssignment,
  Finding,
  InpatientWeek,
  IsoDate,
  RotationAssignment,
  RotationPlanRules,
} from '../../domain/types';
import { HARD_SEVERITIES } from '../../domain/types';
import { complianceInput, validateInTurn } from '../../rules';
import type { SolverBackend } from '../backend';
import type { Diagnosis } from '../diagnose/diagnose';
import { buildAnnualPlanModel, type AnnualPlanResult } from './annual';
import { buildCallModel, type CallPlanResult, type FairnessCounts } from './call';
import type { CellExplanation } from './explain';
import { buildBlockScheduleModel, type BlockScheduleResult } from './halfday';
import { resolveBlock, type FixedCell } from './halfday-cells';
import type { LockedOverUnavailable } from './locked-unavailable';
import { withRunNotes } from './run-notes';
import type { UnplannedResident } from './unplanned';
import { buildShiftRosters, generateShiftRosters, withCauses } from '../shifts';
import { plural } from '../../domain/words';
import type { GenerationModel } from './model';
import { solveGeneration, type GenerationOutcome, type SolveFigures } from './solve';
import { runYear } from './year';

export type GenerationScope = 'annual' | 'calls' | 'halfday' | 'block' | 'year' | 'check';
export const GENERATION_SCOPES: readonly GenerationScope[] = ['annual', 'calls', 'halfday', 'block', 'year', 'check'];

export interface GenerationRequest {
  scope: GenerationScope;
  program: ProgramData;
  academicYear: AcademicYearId;
  /** Block to schedule ('halfday', 'block', and 'calls' for one block). */
  blockNumber?: number;
  /**
   * Year scope: the first block whose calls and half-days are generated (default the year's
   * first). Calls scope over a range: its first block.
   */
  fromBlock?: number;
  /** Calls scope over a range: its last block (default the year's last). */
  toBlock?: number;
  /**
   * Real seconds for the whole run (default 30): the hang guard no solve runs past. Year scope: shared out
   * among its steps as work (year-budget.ts).
   */
  timeLimitSec?: number;
  /**
   * The run's work in work seconds (core/solver/roster/work-clock), shared among its models, each getting the
   * work left by the models left; a model stops there once it has a schedule, and one with none yet searches
   * on to its first, up to `timeLimitSec`. Default: `timeLimitSec` as work seconds (a year's step: its share).
   */
  workLimitSec?: number;
  /** Relative gap at which a solve may stop (default 1e-4 annual, 0.01 block scopes). */
  mipGap?: number;
  /** Annual scope: requirements (default the program's settings.rotationPlan). */
  rotationPlanRules?: RotationPlanRules;
  /** Annual and year scopes: plan entries to keep (year: the published entries before `fromBlock` are kept too). */
  lockedPlan?: RotationAssignment[];
  /** Annual and year scopes: change the program's current plan as little as possible (default true). */
  keepCurrentPlan?: boolean;
  /**
   * Half-day scopes inside a run that clears the published half-days around its blocks (the year):
   * the block's published half-days, which the schedule stays close to. Default: the program's own.
   */
  publishedSlots?: Assignment[];
  /** Call scopes: re-plan inpatient weeks that already have an attending. */
  regenerateInpatientWeeks?: boolean;
  /** Call scopes: plan overnight and weekend calls entered by hand or imported too (they are locked otherwise). */
  releaseLockedCalls?: boolean;
  /** A step of a year run: the year run checks the whole result once, so the step does not. */
  skipCheck?: boolean;
  /**
   * Calls scope inside a run that generates the half-days itself (the year): re-planned inpatient
   * weeks do not take the block's half-days with them here.
   */
  halfDaysElsewhere?: boolean;
  /**
   * Check the result for its draft's flags too: both schedules, the program before and after
   * generation, over the generated dates and this many days either side (the rules' longest
   * window), so the draft needs no second check. Unset: only what decides the run is checked.
   */
  flagsMarginDays?: number;
  /** 'check': the program before generation, against which the findings of `program` are compared. */
  baseline?: ProgramData;
  /** 'check': the dates to check. */
  checkRange?: { start: IsoDate; end: IsoDate };
}

export interface GenerationProgress {
  /** e.g. "Solving: Call and inpatient weeks 2026-08-27–2026-09-23". */
  phase: string;
  /** 0..1 over the scope's models. */
  fraction: number;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  elapsedSec: number;
}

export interface ModelFigures extends SolveFigures {
  model: string;
  buildSec: number;
  /** Memory of the thread that solved it (JS heap + solver memory), MB, after the solve. */
  memoryMB: number;
}

/** A block a year run (or a range of call blocks) could not generate, and why. */
export interface UnsolvedBlock {
  blockNumber: number;
  /** Which part of the block failed. */
  part: 'calls' | 'half-days';
  /** What the block keeps instead. */
  message: string;
  diagnosis: Diagnosis | null;
}

export interface GenerationReport {
  scope: GenerationScope;
  /** 'succeeded' = solved and free of hard findings; 'invalid' = solved but the compliance engine objects. */
  status: 'succeeded' | 'infeasible' | 'stopped' | 'failed' | 'invalid';
  message: string;
  /** The dates the run generates (year scope: from `fromBlock` to June 30; its content is per completed block). */
  range: { start: IsoDate; end: IsoDate };
  /**
   * Year scope and call ranges: the blocks whose calls (and, for the year, half-days) are in the
   * report, in order; null for the other scopes.
   */
  completedBlocks: number[] | null;
  /** Year scope and call ranges: blocks that could not be generated, each with its diagnosis. */
  unsolvedBlocks: UnsolvedBlock[];
  rotationAssignments: RotationAssignment[] | null;
  calls: CallAssignment[] | null;
  inpatientWeeks: InpatientWeek[] | null;
  /** Half-day cells of `personIds` in the range. */
  assignments: Assignment[] | null;
  personIds: string[] | null;
  fairness: FairnessCounts[] | null;
  /**
   * Call scopes: nights and inpatient weeks the models decided, and calls of their types kept
   * because they are locked (manual or preload). Nothing decided and calls locked = everything is
   * locked. Null for scopes without calls.
   */
  callCounts: { decidedNights: number; decidedWeeks: number; lockedCalls: number } | null;
  explanations: CellExplanation[];
  diagnosis: Diagnosis | null;
  figures: ModelFigures[];
  /**
   * With `flagsMarginDays`: the check the draft's flags come from — the findings of the program
   * before and after generation over `range` (the generated dates and the margin either side).
   */
  flagsCheck: { range: { start: IsoDate; end: IsoDate }; before: Finding[]; after: Finding[] } | null;
  /** Findings on the generated schedule in the range, and those that fail the run. */
  findings: Finding[];
  hardFindings: Finding[];
  /**
   * Hard findings the program already had, unchanged (same rule, person and window): caused by
   * data generation does not touch (resident call, moonlighting, absences), so they do not fail it.
   */
  preexistingHardFindings: Finding[];
  /**
   * Residents a block's half-days left out because the annual plan gives them no rotation on some
   * of its days (e.g. added mid-year); their slots in that block are untouched. The message names them.
   */
  unplanned: (UnplannedResident & { blockNumber: number })[];
  /** Locked half-days the run kept where their person is unavailable (an absence, the rest after a 24-hour call). */
  lockedOverUnavailable: LockedOverUnavailable[];
}

export interface GenerationHooks {
  progress?: (p: GenerationProgress) => void;
  stop?: () => boolean;
  /**
   * What the run would return if it were stopped now, where it cannot always answer a stop: the
   * annual plan (HiGHS does not poll the stop inside a MIP's root LP) and the check. The worker pool
   * ends a run that does not answer a stop in time and returns this instead (core/jobs/pool.ts).
   */
  interim?: (report: GenerationReport) => void;
}

/** Rule types that look only at data generation does not change (certifications, absences). */
const SCHEDULE_INDEPENDENT_RULES = new Set(['certification_expired', 'days_away']);
/** Rule types that check the annual plan itself. */
const PLAN_RULES = new Set(['service_staffing']);

function isHard(f: Finding): boolean {
  return HARD_SEVERITIES.includes(f.severity) && !SCHEDULE_INDEPENDENT_RULES.has(f.ruleType);
}

export type GeneratedPart = Pick<
  GenerationReport,
  'range' | 'rotationAssignments' | 'calls' | 'inpatientWeeks' | 'assignments' | 'personIds'
>;

/** The program with a generation result in place of the parts it replaces. */
export function withGenerated(program: ProgramData, report: GeneratedPart, academicYear: AcademicYearId): ProgramData {
  const { start, end } = report.range;
  const out = { ...program };
  if (report.rotationAssignments) {
    // Per resident's block: the blocks a report plans replace theirs; the others stay.
    const planned = new Set(report.rotationAssignments.map((a) => `${a.personId}|${a.blockNumber}`));
    out.rotationAssignments = [
      ...program.rotationAssignments.filter(
        (a) => a.academicYear !== academicYear || !planned.has(`${a.personId}|${a.blockNumber}`),
      ),
      ...report.rotationAssignments,
    ];
  }
  if (report.calls) out.calls = [...program.calls.filter((c) => c.date < start || c.date > end), ...report.calls];
  if (report.inpatientWeeks) {
    const replaced = new Set(report.inpatientWeeks.map((w) => w.start));
    out.inpatientWeeks = [
      ...program.inpatientWeeks.filter((w) => !replaced.has(w.start) && (w.end < start || w.start > end)),
      ...report.inpatientWeeks,
    ];
  }
  if (report.assignments && report.personIds) {
    const ids = new Set(report.personIds);
    out.assignments = [
      ...program.assignments.filter((a) => !ids.has(a.personId) || a.date < start || a.date > end),
      ...report.assignments,
    ];
  }
  return out;
}

/** The blocks a year run generates: `fromBlock` (default the first) to the last. */
export function yearBlocks(program: ProgramData, academicYear: AcademicYearId, fromBlock: number | undefined): Block[] {
  return blockRange(program, academicYear, fromBlock, undefined);
}

/** Blocks `from` … `to` of a year (defaults: its first and last), checked by number. */
export function blockRange(
  program: ProgramData,
  academicYear: AcademicYearId,
  from: number | undefined,
  to: number | undefined,
): Block[] {
  const blocks = blocksForYear(academicYear, program.settings.blockLayout);
  const span = `blocks ${blocks[0]?.number ?? '?'}–${blocks[blocks.length - 1]?.number ?? '?'}`;
  const index = (n: number | undefined, fallback: number) => {
    if (n === undefined) return fallback;
    const i = blocks.findIndex((b) => b.number === n);
    if (i < 0) throw new Error(`Block ${n} does not exist in academic year ${academicYear} (${span})`);
    return i;
  };
  const first = index(from, 0);
  const last = index(to, blocks.length - 1);
  if (last < first) throw new Error(`The last block (${to}) comes before the first (${from})`);
  return blocks.slice(first, last + 1);
}

export function emptyReport(scope: GenerationScope, range: { start: IsoDate; end: IsoDate }): GenerationReport {
  return {
    scope,
    status: 'failed',
    message: '',
    range,
    completedBlocks: null,
    unsolvedBlocks: [],
    rotationAssignments: null,
    calls: null,
    inpatientWeeks: null,
    assignments: null,
    personIds: null,
    fairness: null,
    callCounts: null,
    explanations: [],
    diagnosis: null,
    figures: [],
    flagsCheck: null,
    findings: [],
    hardFindings: [],
    preexistingHardFindings: [],
    unplanned: [],
    lockedOverUnavailable: [],
  };
}

/** Memory of this thread: its JS heap and what lives outside it (the solver's WebAssembly memory). */
export function threadMemoryMB(): number {
  const m = process.memoryUsage();
  return Math.round((m.heapUsed + m.external) / 1e5) / 10;
}

/** Block numbers in words, runs folded: "3", "3 and 5", "11–13", "2, 4 and 9–11". */
export function blockList(numbers: number[]): string {
  const runs: string[] = [];
  const sorted = [...numbers].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(
      j >= i + 2 ? `${sorted[i]}–${sorted[j]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : String(sorted[i]),
    );
    i = j + 1;
  }
  const parts = runs.join(', ').split(', ');
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The compliance engine on the generated program over the report's range: its hard findings of the
 * `deciding` rules (default all), less those the program before generation already had unchanged,
 * decide the run. With `flagsMarginDays` both programs are checked with every rule over the range
 * and that many days either side, once: the findings that touch the range decide the run, and all of
 * them are the draft's flags (`report.flagsCheck`). Without, only the deciding rules are checked.
 */
export function checkGenerated(
  report: GenerationReport,
  before: ProgramData,
  after: ProgramData,
  range: { start: IsoDate; end: IsoDate },
  deciding?: string[],
  flagsMarginDays?: number,
): void {
  const flags = flagsMarginDays !== undefined;
  const checked = flags
    ? { start: addDays(range.start, -flagsMarginDays), end: addDays(range.end, flagsMarginDays) }
    : range;
  const decides = (f: Finding) =>
    (!deciding || deciding.includes(f.ruleId)) && (!flags || (f.start <= range.end && f.end >= range.start));
  // The program after generation first, then (when needed) before: one state, changed to the
  // program before where generation changed it, and checked again only there.
  const turn =
    !flags && deciding?.length === 0
      ? { findings: [], next: () => [] }
      : validateInTurn(complianceInput(after, checked), flags || !deciding ? {} : { ruleIds: deciding });
  const afterFindings = turn.findings;
  report.findings = afterFindings.filter(decides);
  const hard = report.findings.filter(isHard);
  const beforeFindings = flags || hard.length ? turn.next(complianceInput(before, checked)) : [];
  if (flags) report.flagsCheck = { range: checked, before: beforeFindings, after: afterFindings };
  const old = new Map(beforeFindings.map((f) => [f.id, f]));
  const unchanged = (f: Finding) => {
    const was = old.get(f.id);
    return !!was && was.measured === f.measured && was.severity === f.severity;
  };
  report.hardFindings = hard.filter((f) => !unchanged(f));
  report.preexistingHardFindings = hard.filter(unchanged);
}

/** The run's closing status and message, from its figures, findings and unsolved blocks. */
export function concludeReport(report: GenerationReport, models: string): void {
  conclude(report, models);
  report.message = withRunNotes(report.message, report);
}

function conclude(report: GenerationReport, models: string): void {
  if (report.hardFindings.length > 0) {
    report.status = 'invalid';
    report.message =
      `The generated schedule has ${plural(report.hardFindings.length, 'hard-rule finding')}, e.g. ` +
      `${report.hardFindings[0].message}`;
    return;
  }
  // A model stopped before the solver knew any bound (e.g. inside HiGHS's root LP) has no gap, and is not optimal.
  const unbounded = report.figures.some((f) => f.status !== 'optimal' && f.gap === null);
  const solvedGap = Math.max(0, ...report.figures.map((f) => f.gap ?? 0));
  const quality = unbounded
    ? 'not proven the best (no measure yet of how much better one could be)'
    : solvedGap === 0
      ? 'optimal'
      : `within ${(solvedGap * 100).toFixed(2)} % of the best possible`;
  const preexisting = report.preexistingHardFindings.length;
  const counts = report.callCounts;
  const locked = counts && counts.decidedNights + counts.decidedWeeks === 0 && counts.lockedCalls > 0;
  const kept = preexisting
    ? ` (${plural(preexisting, 'hard finding')} the program already had remain, e.g. ` +
      `${report.preexistingHardFindings[0].message})`
    : '';
  if (locked) {
    report.status = 'succeeded';
    report.message =
      `Nothing to generate: all ${counts.lockedCalls} calls from ${report.range.start} to ${report.range.end} are ` +
      `locked (entered by hand or imported as manual) and every inpatient week is kept. ` +
      'Release the locked calls to the generator (and regenerate the inpatient weeks) to have them planned' +
      (preexisting
        ? `; ${plural(preexisting, 'hard finding')} remain on them, e.g. ${report.preexistingHardFindings[0].message}`
        : '');
    return;
  }
  if (report.unsolvedBlocks.length > 0) {
    report.status = 'infeasible';
    const what = report.unsolvedBlocks.map(
      (u) => `block ${u.blockNumber} (${u.part}): ${u.diagnosis?.summary ?? u.message}`,
    );
    const one = report.unsolvedBlocks.length === 1;
    report.message =
      `${models}: ${plural(report.unsolvedBlocks.length, 'block')} could not be generated and ` +
      `${one ? 'keeps its' : 'keep their'} published schedule — ${what.join('; ')}`;
    report.diagnosis ??= report.unsolvedBlocks.find((u) => u.diagnosis)?.diagnosis ?? null;
    return;
  }
  report.status = 'succeeded';
  // A plan the solver did not improve on in its limit: the user knows where it came from.
  const constructed = report.figures.flatMap((f) => (f.constructed ? [`; ${f.model}: ${f.constructed}`] : []));
  report.message = `${models}: ${quality}, no hard-rule findings${kept}${constructed.join('')}`;
}

/** Whether a call result gives an inpatient week another attending than the program had (or a new week). */
function attendingsChanged(program: ProgramData, result: CallPlanResult): boolean {
  const before = new Map(program.inpatientWeeks.map((w) => [w.start, w.personId]));
  return result.inpatientWeeks.some((w) => before.get(w.start) !== w.personId);
}

/** A solve is given at least this many seconds, whatever its model's building took. */
const MIN_SOLVE_SEC = 0.5;
/**
 * A model is given at least this many work seconds: above zero (the roster engine needs a limit), so small that
 * a model whose run's work is spent stops at its first schedule (a search never ends on work before it has one).
 */
const MIN_WORK_SEC = 1e-6;

export async function runGeneration(
  backend: SolverBackend,
  req: GenerationRequest,
  hooks: GenerationHooks = {},
): Promise<GenerationReport> {
  if (req.scope === 'year')
    return runYear(req, (sub, progress) => runGeneration(backend, sub, { stop: hooks.stop, progress }), {
      parallel: 1,
      hooks,
    });
  if (req.scope === 'check') {
    if (!req.baseline || !req.checkRange)
      throw new Error('A check needs the program before generation (baseline) and the dates to check');
    const report = emptyReport('check', req.checkRange);
    // The rules engine does not poll the stop: stopped, the check ends with nothing checked.
    hooks.interim?.({ ...report, status: 'stopped', message: 'Stopped before the check against the rules ended' });
    checkGenerated(report, req.baseline, req.program, req.checkRange, undefined, req.flagsMarginDays);
    return report;
  }
  const timeLimitSec = req.timeLimitSec ?? 30;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const block =
    req.scope === 'annual' || (req.scope === 'calls' && req.blockNumber === undefined)
      ? null
      : blocksForYear(req.academicYear, req.program.settings.blockLayout).find((b) => b.number === req.blockNumber);
  if (req.scope !== 'annual' && req.blockNumber !== undefined && !block)
    throw new Error(`Block ${String(req.blockNumber)} does not exist in academic year ${req.academicYear}`);
  // Calls of one block, or of a range of blocks one after the other.
  const callBlocks =
    req.scope !== 'calls'
      ? null
      : block
        ? [block]
        : blockRange(req.program, req.academicYear, req.fromBlock, req.toBlock);
  const range = callBlocks
    ? { start: callBlocks[0].start, end: callBlocks[callBlocks.length - 1].end }
    : block
      ? { start: block.start, end: block.end }
      : { start: academicYearStart(req.academicYear), end: academicYearEnd(req.academicYear) };
  const report = emptyReport(req.scope, range);
  // Programs with shift-based rotations roster their shifts before each block's half-days.
  const shiftSteps = req.program.rotations.some((r) => r.shifts) ? 1 : 0;
  // Re-planned inpatient weeks take the half-days of the block with them (see below).
  const halfdaySteps = 1 + shiftSteps;
  const models = callBlocks
    ? callBlocks.length * (req.regenerateInpatientWeeks && !req.halfDaysElsewhere ? 1 + halfdaySteps : 1)
    : req.scope === 'block'
      ? 1 + halfdaySteps
      : req.scope === 'halfday'
        ? halfdaySteps
        : 1;
  let step = 0;
  /** How the last model's solve ended. */
  const state: { last: 'solved' | 'infeasible' | 'stopped' | 'failed' } = { last: 'solved' };
  // Every model stops on work (core/solver/roster/work-clock: LP iterations, the roster engine's moves), never on
  // the clock: the run's work is a year step's share, or else the run's limit in work seconds, and each model
  // gets the work left by the models left (what one leaves, proven early, goes to the next). So the same request
  // makes the same draft on a quiet or a loaded machine; the real time left of the limit is only the hang guard.
  const runWorkSec = req.workLimitSec ?? timeLimitSec;
  let workSpent = 0;
  /** Work seconds for the next model. */
  const modelWork = () => Math.max(MIN_WORK_SEC, (runWorkSec - workSpent) / (models - step));
  /** The hang guard of the next model: the real seconds left of the run's limit. */
  const timeLeft = () => Math.max(MIN_SOLVE_SEC, timeLimitSec - elapsed());

  /** `interim`: what the run returns if stopped now, given the solve's outcome then (GenerationHooks.interim). */
  async function solve<R>(
    build: () => GenerationModel<R>,
    gap: number,
    where = '',
    interim?: (outcome: GenerationOutcome<R>, figures: ModelFigures) => void,
  ): Promise<R | null> {
    const t = performance.now();
    const model = build();
    const buildSec = (performance.now() - t) / 1000;
    const phase = `${where}Solving: ${model.label}`;
    const fraction = step / models;
    hooks.progress?.({ phase, fraction, objective: null, bound: null, gap: null, elapsedSec: elapsed() });
    const outcome = await solveGeneration(model, backend, {
      timeLimitSec: timeLeft(),
      workLimitSec: modelWork(),
      mipGap: req.mipGap ?? gap,
      stop: hooks.stop,
      ...(interim
        ? {
            onIncumbent: (o: GenerationOutcome<R>) =>
              interim(o, { model: model.label, buildSec, memoryMB: threadMemoryMB(), ...o.figures }),
          }
        : {}),
      onProgress: (p) =>
        hooks.progress?.({
          phase,
          fraction,
          objective: p.objective,
          bound: p.bound,
          gap: p.gap,
          elapsedSec: elapsed(),
        }),
    });
    report.figures.push({ model: model.label, buildSec, memoryMB: threadMemoryMB(), ...outcome.figures });
    // GLPK counts no work: it took its work seconds as real ones.
    workSpent += outcome.figures.workSec ?? outcome.figures.solveSec;
    step++;
    report.message = outcome.message;
    state.last = outcome.status === 'optimal' || outcome.status === 'feasible' ? 'solved' : outcome.status;
    if (outcome.status === 'infeasible') {
      report.status = 'infeasible';
      report.diagnosis = outcome.diagnosis;
      return null;
    }
    if (outcome.status === 'stopped' || outcome.status === 'failed') {
      report.status = outcome.status;
      return null;
    }
    return outcome.result;
  }

  /**
   * The block's shift-based rotations rostered: their residents' cells (none without such rotations), or null when the
   * run ends here.
   */
  async function shiftsOf(program: ProgramData, b: Block, where = ''): Promise<Map<string, FixedCell> | null> {
    if (!shiftSteps) return new Map();
    const plans = buildShiftRosters(resolveBlock(program, { academicYear: req.academicYear, blockNumber: b.number }));
    const fraction = step / models;
    const outcome = plans.length
      ? await generateShiftRosters(plans, backend, {
          // The model's work, counted by the roster engine's work clock (repeatable); the run's Stop is its hang guard.
          timeLimitSec: modelWork() / plans.length,
          repeatable: true,
          stop: hooks.stop,
          progress: (p) =>
            hooks.progress?.({
              phase: `${where}Solving: ${p.label}`,
              fraction,
              objective: p.objective,
              bound: p.bound,
              gap: p.gap,
              elapsedSec: elapsed(),
            }),
        })
      : null;
    step++;
    if (!outcome) return new Map();
    report.figures.push(...outcome.figures.map((f) => ({ ...f, memoryMB: threadMemoryMB() })));
    for (const f of outcome.figures) workSpent += f.workSec ?? f.solveSec;
    report.message = outcome.message;
    if (outcome.status === 'solved') {
      // Whose minimum hours the rules cap: said with the findings on those hours.
      report.diagnosis = withCauses(report.diagnosis, outcome.diagnosis);
      return outcome.cells;
    }
    state.last = outcome.status;
    report.status = outcome.status === 'infeasible' ? 'infeasible' : outcome.status;
    report.diagnosis = outcome.diagnosis;
    return null;
  }
  /** A block's half-days: its shift rosters first (shift-based rotations), then the half-day model on them. */
  async function halfdaysOf(program: ProgramData, b: Block, where = ''): Promise<BlockScheduleResult | null> {
    const shiftCells = await shiftsOf(program, b, where);
    if (!shiftCells) return null;
    return solve(
      () =>
        buildBlockScheduleModel(program, {
          academicYear: req.academicYear,
          blockNumber: b.number,
          shiftCells,
          published: req.publishedSlots,
        }),
      0.01,
      where,
    );
  }

  const callOptions = {
    regenerateInpatientWeeks: req.regenerateInpatientWeeks,
    releaseLockedCalls: req.releaseLockedCalls,
  };
  const addCalls = (r: CallPlanResult) => {
    report.calls = [...(report.calls ?? []).filter((c) => c.date < r.start || c.date > r.end), ...r.calls];
    const replaced = new Set(r.inpatientWeeks.map((w) => w.start));
    report.inpatientWeeks = [
      ...(report.inpatientWeeks ?? []).filter((w) => !replaced.has(w.start)),
      ...r.inpatientWeeks,
    ];
    report.fairness = r.fairness;
    report.explanations.push(...r.explanations);
    const counts = report.callCounts ?? { decidedNights: 0, decidedWeeks: 0, lockedCalls: 0 };
    report.callCounts = {
      decidedNights: counts.decidedNights + r.decided.nights,
      decidedWeeks: counts.decidedWeeks + r.decided.weeks,
      lockedCalls: counts.lockedCalls + r.lockedKept,
    };
  };

  /** The program with this run's results in place (what the compliance engine checks). */
  let program = req.program;
  if (req.scope === 'annual') {
    const currentPlan =
      req.keepCurrentPlan === false
        ? []
        : req.program.rotationAssignments.filter((a) => a.academicYear === req.academicYear);
    // HiGHS does not poll the stop inside a MIP's root LP (15 s of CPU at 150 residents): the plan
    // found so far (or none) is posted as it changes, and a stop that is not answered in time ends
    // the worker with it. Not checked against the plan's rules: a stopped plan's draft is checked afterwards.
    const interim =
      hooks.interim &&
      ((o: GenerationOutcome<AnnualPlanResult>, figures: ModelFigures) =>
        hooks.interim!({
          ...report,
          status: 'stopped',
          message: o.message,
          figures: [...report.figures, figures],
          rotationAssignments: o.result?.rotationAssignments ?? null,
          explanations: o.result?.explanations ?? [],
        }));
    const result = await solve(
      () =>
        buildAnnualPlanModel(req.program, {
          academicYear: req.academicYear,
          rules: req.rotationPlanRules,
          locked: req.lockedPlan,
          current: currentPlan,
        }),
      1e-4,
      '',
      interim,
    );
    if (!result) return report;
    report.rotationAssignments = result.rotationAssignments;
    report.explanations = result.explanations;
    program = withGenerated(program, report, req.academicYear);
  } else if (callBlocks) {
    // A range of blocks, one after the other: each block's fairness counts the ones before it.
    report.completedBlocks = [];
    for (const b of callBlocks) {
      if (hooks.stop?.()) break;
      const result = await solve(
        () => buildCallModel(program, { start: b.start, end: b.end, ...callOptions }),
        0.01,
        // A range names its block; one block alone (a year's step, which names it already) does not.
        callBlocks.length > 1 ? `Block ${b.number} of ${callBlocks[callBlocks.length - 1].number}: ` : '',
      );
      if (!result) {
        if (state.last !== 'infeasible') break;
        report.unsolvedBlocks.push({
          blockNumber: b.number,
          part: 'calls',
          message: 'its calls and inpatient weeks stay as published',
          diagnosis: report.diagnosis,
        });
        continue;
      }
      const withCalls = withGenerated(
        program,
        {
          range: { start: b.start, end: b.end },
          rotationAssignments: null,
          calls: result.calls,
          inpatientWeeks: result.inpatientWeeks,
          assignments: null,
          personIds: null,
        },
        req.academicYear,
      );
      // A week with a new attending changes who is on inpatient duty: the block's half-days follow
      // (the old attending's inpatient half-days would clash with their new calls). If they cannot,
      // the block keeps its published calls and half-days.
      if (req.regenerateInpatientWeeks && !req.halfDaysElsewhere && attendingsChanged(program, result)) {
        const days = await halfdaysOf(withCalls, b, `Block ${b.number}: `);
        if (!days) {
          if (state.last !== 'infeasible') break;
          report.unsolvedBlocks.push({
            blockNumber: b.number,
            part: 'half-days',
            message:
              'its inpatient weeks changed but its half-days cannot follow: the block keeps its published calls and ' +
              'half-days',
            diagnosis: report.diagnosis,
          });
          continue;
        }
        report.assignments = [...(report.assignments ?? []), ...days.assignments];
        report.personIds = [...new Set([...(report.personIds ?? []), ...days.personIds])];
        report.unplanned.push(...days.unplanned.map((u) => ({ ...u, blockNumber: b.number })));
        report.lockedOverUnavailable.push(...days.lockedOverUnavailable);
        report.explanations.push(...days.explanations);
        program = withGenerated(
          withCalls,
          {
            range: { start: b.start, end: b.end },
            rotationAssignments: null,
            calls: null,
            inpatientWeeks: null,
            assignments: days.assignments,
            personIds: days.personIds,
          },
          req.academicYear,
        );
      } else program = withCalls;
      addCalls(result);
      report.completedBlocks.push(b.number);
    }
    const done = report.completedBlocks;
    if (state.last === 'failed') return report;
    if (done.length < callBlocks.length - report.unsolvedBlocks.length) {
      report.status = 'stopped';
      report.message = done.length
        ? `Stopped: the calls of block${done.length > 1 ? 's' : ''} ${blockList(done)} were generated; the later ` +
          `blocks keep their published calls`
        : 'Stopped before the calls of any block were generated';
      return report;
    }
    if (done.length === 0) return report;
  } else {
    if (req.scope === 'block') {
      const result = await solve(
        () => buildCallModel(program, { start: block!.start, end: block!.end, ...callOptions }),
        0.01,
      );
      if (!result) return report;
      addCalls(result);
      program = withGenerated(program, report, req.academicYear);
    }
    if (req.scope === 'halfday' || req.scope === 'block') {
      if (hooks.stop?.()) {
        report.status = 'stopped';
        report.message = 'Stopped after the call schedule, before the half-day schedule';
        return report;
      }
      const result = await halfdaysOf(program, block!);
      if (!result) return report;
      report.assignments = result.assignments;
      report.personIds = result.personIds;
      report.unplanned = result.unplanned.map((u) => ({ ...u, blockNumber: block!.number }));
      report.lockedOverUnavailable = result.lockedOverUnavailable;
      report.explanations.push(...result.explanations);
      program = withGenerated(program, report, req.academicYear);
    }
  }
  if (req.skipCheck) {
    report.status = 'succeeded';
    return report;
  }

  // Independent check by the compliance engine.
  hooks.progress?.({
    phase: 'Checking the result against the rules',
    fraction: 1,
    objective: null,
    bound: null,
    gap: null,
    elapsedSec: elapsed(),
  });
  const ruleIds =
    req.scope === 'annual'
      ? program.settings.rules.filter((r) => r.enabled && PLAN_RULES.has(r.type)).map((r) => r.id)
      : undefined;
  checkGenerated(report, req.program, program, report.range, ruleIds, req.flagsMarginDays);
  const label =
    callBlocks && callBlocks.length > 1
      ? `Calls of blocks ${callBlocks[0].number}–${callBlocks[callBlocks.length - 1].number} ` +
        `(${report.figures.length} models)`
      : report.figures.map((f) => f.model).join('; ');
  concludeReport(report, label);
  return report;
}
