// One generation run: build the model(s) of a scope, solve them on a backend, diagnose when
// infeasible, and check the result independently with the compliance engine — a run whose result
// has a hard (critical or high) finding the schedule is responsible for reports failure.
// Scopes: 'annual' (rotation plan), 'calls' (call and inpatient weeks of a block), 'halfday' (the
// block's half-day schedule on the program's call layer), 'block' (calls, then half-days on them),
// 'year' (the rotation plan, then every block from `fromBlock` on: its calls, then its half-days,
// each model built on the program with everything generated before it in place).
import { academicYearEnd, academicYearStart, blocksForYear } from '../../domain/calendar';
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
import { complianceInput, validate } from '../../rules';
import type { SolverBackend } from '../backend';
import type { Diagnosis } from '../diagnose/diagnose';
import { buildAnnualPlanModel } from './annual';
import { buildCallModel, type CallPlanResult, type FairnessCounts } from './call';
import type { CellExplanation } from './explain';
import { buildBlockScheduleModel, type BlockScheduleResult } from './halfday';
import { resolveBlock, type FixedCell } from './halfday-cells';
import { buildShiftRosters, generateShiftRosters } from '../shifts';
import type { GenerationModel } from './model';
import { residentsOf, schedulableFaculty } from './program-view';
import { solveGeneration, type SolveFigures } from './solve';

export type GenerationScope = 'annual' | 'calls' | 'halfday' | 'block' | 'year';
export const GENERATION_SCOPES: readonly GenerationScope[] = ['annual', 'calls', 'halfday', 'block', 'year'];

export interface GenerationRequest {
  scope: GenerationScope;
  program: ProgramData;
  academicYear: AcademicYearId;
  /** Block to schedule (every scope but 'annual' and 'year'). */
  blockNumber?: number;
  /** Year scope: the first block whose calls and half-days are generated (default the year's first). */
  fromBlock?: number;
  /**
   * Seconds per model solve (default 30). Year scope: seconds for the whole run, shared out
   * among its models (a model's unused time goes to the later ones).
   */
  timeLimitSec?: number;
  /** Relative gap at which a solve may stop (default 1e-4 annual, 0.01 block scopes). */
  mipGap?: number;
  /** Annual scope: requirements (default the program's settings.rotationPlan). */
  rotationPlanRules?: RotationPlanRules;
  /** Annual and year scopes: plan entries to keep (year: the published entries before `fromBlock` are kept too). */
  lockedPlan?: RotationAssignment[];
  /** Call scopes: re-plan inpatient weeks that already have an attending. */
  regenerateInpatientWeeks?: boolean;
  /** Annual and year scopes: change the program's current plan as little as possible (default true). */
  keepCurrentPlan?: boolean;
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
}

export interface GenerationReport {
  scope: GenerationScope;
  /** 'succeeded' = solved and free of hard findings; 'invalid' = solved but the compliance engine objects. */
  status: 'succeeded' | 'infeasible' | 'stopped' | 'failed' | 'invalid';
  message: string;
  /**
   * The dates the report's calls and half-days cover (year scope: from `fromBlock` to the end of
   * the last block it completed, or of the year when none was).
   */
  range: { start: IsoDate; end: IsoDate };
  /**
   * Year scope: the blocks whose calls and half-days are in the report, in order (a stopped run
   * holds the plan and the blocks finished before the stop); null for the other scopes.
   */
  completedBlocks: number[] | null;
  rotationAssignments: RotationAssignment[] | null;
  calls: CallAssignment[] | null;
  inpatientWeeks: InpatientWeek[] | null;
  /** Half-day cells of `personIds` in the range. */
  assignments: Assignment[] | null;
  personIds: string[] | null;
  fairness: FairnessCounts[] | null;
  explanations: CellExplanation[];
  diagnosis: Diagnosis | null;
  figures: ModelFigures[];
  /** Findings on the generated schedule in the range, and those that fail the run. */
  findings: Finding[];
  hardFindings: Finding[];
  /**
   * Hard findings the program already had, unchanged (same rule, person and window): caused by
   * data generation does not touch (resident call, moonlighting, absences), so they do not fail it.
   */
  preexistingHardFindings: Finding[];
}

export interface GenerationHooks {
  progress?: (p: GenerationProgress) => void;
  stop?: () => boolean;
}

/** Rule types that look only at data generation does not change (certifications, absences). */
const SCHEDULE_INDEPENDENT_RULES = new Set(['certification_expired', 'days_away']);
/** Rule types that check the annual plan itself. */
const PLAN_RULES = new Set(['service_staffing']);

function isHard(f: Finding): boolean {
  return (f.severity === 'critical' || f.severity === 'high') && !SCHEDULE_INDEPENDENT_RULES.has(f.ruleType);
}

/** The program with a generation result in place of the parts it replaces. */
export function withGenerated(program: ProgramData, report: Pick<GenerationReport, 'range' | 'rotationAssignments' | 'calls' | 'inpatientWeeks' | 'assignments' | 'personIds'>, academicYear: AcademicYearId): ProgramData {
  const { start, end } = report.range;
  const out = { ...program };
  if (report.rotationAssignments) {
    // Per resident's block: the blocks a report plans replace theirs; the others stay.
    const planned = new Set(report.rotationAssignments.map((a) => `${a.personId}|${a.blockNumber}`));
    out.rotationAssignments = [
      ...program.rotationAssignments.filter((a) => a.academicYear !== academicYear || !planned.has(`${a.personId}|${a.blockNumber}`)),
      ...report.rotationAssignments,
    ];
  }
  if (report.calls) out.calls = [...program.calls.filter((c) => c.date < start || c.date > end), ...report.calls];
  if (report.inpatientWeeks) {
    const replaced = new Set(report.inpatientWeeks.map((w) => w.start));
    out.inpatientWeeks = [...program.inpatientWeeks.filter((w) => !replaced.has(w.start) && (w.end < start || w.start > end)), ...report.inpatientWeeks];
  }
  if (report.assignments && report.personIds) {
    const ids = new Set(report.personIds);
    out.assignments = [...program.assignments.filter((a) => !ids.has(a.personId) || a.date < start || a.date > end), ...report.assignments];
  }
  return out;
}

/** Relative weight of a model in the year scope's time budget (the plan is solved once, blocks many times). */
const BUDGET_WEIGHT = { plan: 4, calls: 1, shifts: 1, halfday: 2 } as const;
/** Year scope: a model is given at least this many seconds of the budget. */
const MIN_MODEL_SEC = 0.5;

/** The blocks a year run generates: `fromBlock` (default the first) to the last. */
export function yearBlocks(program: ProgramData, academicYear: AcademicYearId, fromBlock: number | undefined): Block[] {
  const blocks = blocksForYear(academicYear, program.settings.blockLayout);
  const from = fromBlock ?? blocks[0]?.number;
  const first = blocks.findIndex((b) => b.number === from);
  if (first < 0)
    throw new Error(`Block ${String(from)} does not exist in academic year ${academicYear} (blocks ${blocks[0]?.number ?? '?'}–${blocks[blocks.length - 1]?.number ?? '?'})`);
  return blocks.slice(first);
}

type BlockPart = Pick<GenerationReport, 'range' | 'rotationAssignments' | 'calls' | 'inpatientWeeks' | 'assignments' | 'personIds'>;

function callPart(block: Block, r: CallPlanResult): BlockPart {
  return { range: { start: block.start, end: block.end }, rotationAssignments: null, calls: r.calls, inpatientWeeks: r.inpatientWeeks, assignments: null, personIds: null };
}

function halfdayPart(block: Block, r: BlockScheduleResult): BlockPart {
  return { range: { start: block.start, end: block.end }, rotationAssignments: null, calls: null, inpatientWeeks: null, assignments: r.assignments, personIds: r.personIds };
}

/** Add one block's calls and half-days to a year report (same replacement rules as withGenerated). */
function addBlock(report: GenerationReport, block: Block, calls: CallPlanResult, halfdays: BlockScheduleResult): void {
  const inBlock = (d: IsoDate) => d >= block.start && d <= block.end;
  report.calls = [...(report.calls ?? []).filter((c) => !inBlock(c.date)), ...calls.calls];
  const replaced = new Set(calls.inpatientWeeks.map((w) => w.start));
  report.inpatientWeeks = [...(report.inpatientWeeks ?? []).filter((w) => !replaced.has(w.start)), ...calls.inpatientWeeks];
  report.fairness = calls.fairness;
  report.assignments = [...(report.assignments ?? []), ...halfdays.assignments];
  report.personIds = [...new Set([...(report.personIds ?? []), ...halfdays.personIds])];
  report.explanations.push(...calls.explanations, ...halfdays.explanations);
  report.completedBlocks = [...(report.completedBlocks ?? []), block.number];
}

export async function runGeneration(backend: SolverBackend, req: GenerationRequest, hooks: GenerationHooks = {}): Promise<GenerationReport> {
  const timeLimitSec = req.timeLimitSec ?? 30;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const year = req.scope === 'year' ? yearBlocks(req.program, req.academicYear, req.fromBlock) : null;
  const block =
    req.scope === 'annual' || req.scope === 'year'
      ? null
      : blocksForYear(req.academicYear, req.program.settings.blockLayout).find((b) => b.number === req.blockNumber);
  if (req.scope !== 'annual' && req.scope !== 'year' && !block)
    throw new Error(`Block ${String(req.blockNumber)} does not exist in academic year ${req.academicYear}`);
  const range = block
    ? { start: block.start, end: block.end }
    : { start: year ? year[0].start : academicYearStart(req.academicYear), end: academicYearEnd(req.academicYear) };
  const report: GenerationReport = {
    scope: req.scope,
    status: 'failed',
    message: '',
    range,
    completedBlocks: year ? [] : null,
    rotationAssignments: null,
    calls: null,
    inpatientWeeks: null,
    assignments: null,
    personIds: null,
    fairness: null,
    explanations: [],
    diagnosis: null,
    figures: [],
    findings: [],
    hardFindings: [],
    preexistingHardFindings: [],
  };
  // The models of the run, in order, with their share of a year run's time budget.
  // Programs with shift-based rotations roster their shifts before each block's half-days.
  const shiftStep = req.program.rotations.some((r) => r.shifts) ? [BUDGET_WEIGHT.shifts] : [];
  const weights: number[] =
    req.scope === 'year'
      ? [BUDGET_WEIGHT.plan, ...year!.flatMap(() => [BUDGET_WEIGHT.calls, ...shiftStep, BUDGET_WEIGHT.halfday])]
      : req.scope === 'block'
        ? [1, ...shiftStep.map(() => 1), 1]
        : req.scope === 'halfday'
          ? [...shiftStep.map(() => 1), 1]
          : [1];
  let step = 0;
  /** Seconds for the next model: the year scope shares what is left by weight, the others give each model the limit. */
  const modelLimit = () => {
    if (req.scope !== 'year') return timeLimitSec;
    const left = weights.slice(step).reduce((a, b) => a + b, 0);
    return Math.max(MIN_MODEL_SEC, ((timeLimitSec - elapsed()) * weights[step]) / left);
  };

  async function solve<R>(build: () => GenerationModel<R>, gap: number, where = ''): Promise<R | null> {
    const t = performance.now();
    const model = build();
    const buildSec = (performance.now() - t) / 1000;
    const phase = `${where}Solving: ${model.label}`;
    const fraction = step / weights.length;
    hooks.progress?.({ phase, fraction, objective: null, bound: null, gap: null, elapsedSec: elapsed() });
    const outcome = await solveGeneration(model, backend, {
      timeLimitSec: modelLimit(),
      mipGap: req.mipGap ?? gap,
      stop: hooks.stop,
      onProgress: (p) => hooks.progress?.({ phase, fraction, objective: p.objective, bound: p.bound, gap: p.gap, elapsedSec: elapsed() }),
    });
    report.figures.push({ model: model.label, buildSec, ...outcome.figures });
    step++;
    report.message = outcome.message;
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

  const callsOf = (program: ProgramData, b: Block, where?: string) =>
    solve(() => buildCallModel(program, { start: b.start, end: b.end, regenerateInpatientWeeks: req.regenerateInpatientWeeks }), 0.01, where);
  /** The block's shift-based rotations rostered: their residents' cells (none without such rotations), or null when the run ends here. */
  async function shiftsOf(program: ProgramData, b: Block, where = ''): Promise<Map<string, FixedCell> | null> {
    if (!shiftStep.length) return new Map();
    const plans = buildShiftRosters(resolveBlock(program, { academicYear: req.academicYear, blockNumber: b.number }));
    const fraction = step / weights.length;
    const outcome = plans.length
      ? await generateShiftRosters(plans, backend, {
          timeLimitSec: modelLimit() / plans.length,
          stop: hooks.stop,
          progress: (p) => hooks.progress?.({ phase: `${where}Solving: ${p.label}`, fraction, objective: p.objective, bound: p.bound, gap: p.gap, elapsedSec: elapsed() }),
        })
      : null;
    step++;
    if (!outcome) return new Map();
    report.figures.push(...outcome.figures);
    report.message = outcome.message;
    if (outcome.status === 'solved') return outcome.cells;
    report.status = outcome.status === 'infeasible' ? 'infeasible' : outcome.status;
    report.diagnosis = outcome.diagnosis;
    return null;
  }
  const halfdaysOf = async (program: ProgramData, b: Block, where?: string) => {
    const shiftCells = await shiftsOf(program, b, where);
    if (!shiftCells) return null;
    return solve(() => buildBlockScheduleModel(program, { academicYear: req.academicYear, blockNumber: b.number, shiftCells }), 0.01, where);
  };

  /** The program with this run's results in place (what the compliance engine checks). */
  let program = req.program;
  const currentPlan = req.keepCurrentPlan === false ? [] : req.program.rotationAssignments.filter((a) => a.academicYear === req.academicYear);
  if (req.scope === 'annual') {
    const result = await solve(
      () => buildAnnualPlanModel(req.program, { academicYear: req.academicYear, rules: req.rotationPlanRules, locked: req.lockedPlan, current: currentPlan }),
      1e-4,
    );
    if (!result) return report;
    report.rotationAssignments = result.rotationAssignments;
    report.explanations = result.explanations;
    program = withGenerated(program, report, req.academicYear);
  } else if (req.scope === 'year') {
    const blocks = year!;
    const from = blocks[0].number;
    const last = blocks[blocks.length - 1].number;
    // Blocks before `fromBlock` keep their published plan: locked in the model, left out of the result.
    const kept = req.program.rotationAssignments.filter((a) => a.academicYear === req.academicYear && a.blockNumber < from);
    const plan = await solve(
      () => buildAnnualPlanModel(req.program, { academicYear: req.academicYear, rules: req.rotationPlanRules, locked: [...(req.lockedPlan ?? []), ...kept], current: currentPlan }),
      1e-4,
      'Rotation plan: ',
    );
    if (!plan) return report;
    report.rotationAssignments = plan.rotationAssignments.filter((a) => a.blockNumber >= from);
    report.explanations = plan.explanations.filter((e) => !e.key.startsWith('plan:') || Number(e.key.split(':')[2]) >= from);
    program = withGenerated(program, report, req.academicYear);
    // The published half-days from `fromBlock` on follow the old plan and are about to be replaced:
    // they must not hold back the blocks before them (rolling windows reach a few weeks ahead).
    // Only the people the half-day models schedule; locked slots stay, as every model respects them.
    const rescheduled = new Set([...residentsOf(program, req.academicYear).map((r) => r.person.id), ...schedulableFaculty(program).map((f) => f.id)]);
    program = {
      ...program,
      assignments: program.assignments.filter((a) => a.locked || !rescheduled.has(a.personId) || a.date < range.start || a.date > range.end),
    };
    const span = (a: number, b: number) => (a === b ? `block ${a}` : `blocks ${a}–${b}`);
    const stopped = (why: string) => {
      const done = report.completedBlocks!;
      report.status = 'stopped';
      const k = done[done.length - 1];
      if (done.length > 0) report.range = { start: range.start, end: blocks.find((b) => b.number === k)!.end };
      report.message =
        done.length === 0
          ? `${why}: only the rotation plan was generated, no block's calls or half-days (${span(from, last)} still follow${from === last ? 's' : ''} the published schedule)`
          : `${why}: the rotation plan and ${span(from, k)} were generated${k < last ? `; ${span(k + 1, last)} ${k + 1 === last ? 'was' : 'were'} not (their half-days still follow the published schedule)` : ''}`;
      return report;
    };
    for (const b of blocks) {
      if (hooks.stop?.()) return stopped(b.number === from ? 'Stopped after the rotation plan' : `Stopped after block ${b.number - 1}`);
      const where = `Block ${b.number} of ${last}: `;
      const calls = await callsOf(program, b, where);
      if (!calls) return report.status === 'stopped' ? stopped(`Stopped in block ${b.number}`) : report;
      // A block is complete with its half-days: a stop now leaves its calls out too.
      if (hooks.stop?.()) return stopped(`Stopped in block ${b.number}, before its half-days`);
      const withCalls = withGenerated(program, callPart(b, calls), req.academicYear);
      const halfdays = await halfdaysOf(withCalls, b, where);
      if (!halfdays) return report.status === 'stopped' ? stopped(`Stopped in block ${b.number}`) : report;
      addBlock(report, b, calls, halfdays);
      program = withGenerated(withCalls, halfdayPart(b, halfdays), req.academicYear);
    }
  } else {
    if (req.scope === 'calls' || req.scope === 'block') {
      const result = await callsOf(program, block!);
      if (!result) return report;
      report.calls = result.calls;
      report.inpatientWeeks = result.inpatientWeeks;
      report.fairness = result.fairness;
      report.explanations.push(...result.explanations);
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
      report.explanations.push(...result.explanations);
      program = withGenerated(program, report, req.academicYear);
    }
  }

  // Independent check by the compliance engine.
  hooks.progress?.({ phase: 'Checking the result against the rules', fraction: 1, objective: null, bound: null, gap: null, elapsedSec: elapsed() });
  const ruleIds =
    req.scope === 'annual' ? program.settings.rules.filter((r) => r.enabled && PLAN_RULES.has(r.type)).map((r) => r.id) : undefined;
  const check = (p: ProgramData) => (ruleIds && ruleIds.length === 0 ? [] : validate(complianceInput(p, report.range), ruleIds ? { ruleIds } : {}));
  report.findings = check(program);
  const hard = report.findings.filter(isHard);
  const before = hard.length ? new Map(check(req.program).map((f) => [f.id, f])) : new Map<string, Finding>();
  const unchanged = (f: Finding) => {
    const old = before.get(f.id);
    return !!old && old.measured === f.measured && old.severity === f.severity;
  };
  report.hardFindings = hard.filter((f) => !unchanged(f));
  report.preexistingHardFindings = hard.filter(unchanged);
  const solvedGap = Math.max(0, ...report.figures.map((f) => f.gap ?? 0));
  const models = req.scope === 'year' ? `Rotation plan and blocks ${year![0].number}–${year![year!.length - 1].number} (${report.figures.length} models)` : report.figures.map((f) => f.model).join('; ');
  if (report.hardFindings.length > 0) {
    report.status = 'invalid';
    report.message = `The generated schedule breaks ${report.hardFindings.length} hard rule finding(s), e.g. ${report.hardFindings[0].message}`;
  } else {
    report.status = 'succeeded';
    const preexisting = report.preexistingHardFindings.length;
    report.message =
      `${models}: ${solvedGap === 0 ? 'optimal' : `within ${(solvedGap * 100).toFixed(2)} % of optimal`}, no hard rule findings` +
      (preexisting ? ` (${preexisting} hard finding(s) the program already had remain, e.g. ${report.preexistingHardFindings[0].message})` : '');
  }
  return report;
}
