// One generation run: build the model(s) of a scope, solve them on a backend, diagnose when
// infeasible, and check the result independently with the compliance engine — a run whose result
// has a hard (critical or high) finding the schedule is responsible for reports failure.
// Scopes: 'annual' (rotation plan), 'calls' (call and inpatient weeks of a block), 'halfday' (the
// block's half-day schedule on the program's call layer), 'block' (calls, then half-days on them).
import { academicYearEnd, academicYearStart, blocksForYear } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type {
  AcademicYearId,
  Assignment,
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
import { buildCallModel, type FairnessCounts } from './call';
import type { CellExplanation } from './explain';
import { buildBlockScheduleModel } from './halfday';
import type { GenerationModel } from './model';
import { solveGeneration, type SolveFigures } from './solve';

export type GenerationScope = 'annual' | 'calls' | 'halfday' | 'block';
export const GENERATION_SCOPES: readonly GenerationScope[] = ['annual', 'calls', 'halfday', 'block'];

export interface GenerationRequest {
  scope: GenerationScope;
  program: ProgramData;
  academicYear: AcademicYearId;
  /** Block to schedule (every scope but 'annual'). */
  blockNumber?: number;
  /** Seconds per model solve (default 30). */
  timeLimitSec?: number;
  /** Relative gap at which a solve may stop (default 1e-4 annual, 0.01 block scopes). */
  mipGap?: number;
  /** Annual scope: requirements (default the program's settings.rotationPlan). */
  rotationPlanRules?: RotationPlanRules;
  /** Annual scope: plan entries to keep. */
  lockedPlan?: RotationAssignment[];
  /** Call scopes: re-plan inpatient weeks that already have an attending. */
  regenerateInpatientWeeks?: boolean;
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
  range: { start: IsoDate; end: IsoDate };
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
const PLAN_RULES = new Set(['inpatient_team', 'night_float_max']);

function isHard(f: Finding): boolean {
  return (f.severity === 'critical' || f.severity === 'high') && !SCHEDULE_INDEPENDENT_RULES.has(f.ruleType);
}

/** The program with a generation result in place of the parts it replaces. */
export function withGenerated(program: ProgramData, report: Pick<GenerationReport, 'range' | 'rotationAssignments' | 'calls' | 'inpatientWeeks' | 'assignments' | 'personIds'>, academicYear: AcademicYearId): ProgramData {
  const { start, end } = report.range;
  const out = { ...program };
  if (report.rotationAssignments) {
    const planned = new Set(report.rotationAssignments.map((a) => a.personId));
    out.rotationAssignments = [
      ...program.rotationAssignments.filter((a) => a.academicYear !== academicYear || !planned.has(a.personId)),
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

export async function runGeneration(backend: SolverBackend, req: GenerationRequest, hooks: GenerationHooks = {}): Promise<GenerationReport> {
  const timeLimitSec = req.timeLimitSec ?? 30;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const block =
    req.scope === 'annual'
      ? null
      : blocksForYear(req.academicYear, req.program.settings.blockLayout).find((b) => b.number === req.blockNumber);
  if (req.scope !== 'annual' && !block) throw new Error(`Block ${String(req.blockNumber)} does not exist in academic year ${req.academicYear}`);
  const range = block ? { start: block.start, end: block.end } : { start: academicYearStart(req.academicYear), end: academicYearEnd(req.academicYear) };
  const report: GenerationReport = {
    scope: req.scope,
    status: 'failed',
    message: '',
    range,
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
  const steps = req.scope === 'block' ? 2 : 1;
  let step = 0;

  async function solve<R>(build: () => GenerationModel<R>, gap: number): Promise<R | null> {
    const t = performance.now();
    const model = build();
    const buildSec = (performance.now() - t) / 1000;
    const phase = `Solving: ${model.label}`;
    hooks.progress?.({ phase, fraction: step / steps, objective: null, bound: null, gap: null, elapsedSec: elapsed() });
    const outcome = await solveGeneration(model, backend, {
      timeLimitSec,
      mipGap: req.mipGap ?? gap,
      stop: hooks.stop,
      onProgress: (p) => hooks.progress?.({ phase, fraction: step / steps, objective: p.objective, bound: p.bound, gap: p.gap, elapsedSec: elapsed() }),
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

  if (req.scope === 'annual') {
    const result = await solve(
      () => buildAnnualPlanModel(req.program, { academicYear: req.academicYear, rules: req.rotationPlanRules, locked: req.lockedPlan }),
      1e-4,
    );
    if (!result) return report;
    report.rotationAssignments = result.rotationAssignments;
    report.explanations = result.explanations;
  } else {
    let program = req.program;
    if (req.scope === 'calls' || req.scope === 'block') {
      const result = await solve(() => buildCallModel(program, { ...range, regenerateInpatientWeeks: req.regenerateInpatientWeeks }), 0.01);
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
      const result = await solve(() => buildBlockScheduleModel(program, { academicYear: req.academicYear, blockNumber: req.blockNumber! }), 0.01);
      if (!result) return report;
      report.assignments = result.assignments;
      report.personIds = result.personIds;
      report.explanations.push(...result.explanations);
    }
  }

  // Independent check by the compliance engine.
  hooks.progress?.({ phase: 'Checking the result against the rules', fraction: 1, objective: null, bound: null, gap: null, elapsedSec: elapsed() });
  const merged = withGenerated(req.program, report, req.academicYear);
  const ruleIds =
    req.scope === 'annual' ? merged.settings.rules.filter((r) => r.enabled && PLAN_RULES.has(r.type)).map((r) => r.id) : undefined;
  const check = (program: ProgramData) => (ruleIds && ruleIds.length === 0 ? [] : validate(complianceInput(program, range), ruleIds ? { ruleIds } : {}));
  report.findings = check(merged);
  const hard = report.findings.filter(isHard);
  const before = hard.length ? new Map(check(req.program).map((f) => [f.id, f])) : new Map<string, Finding>();
  const unchanged = (f: Finding) => {
    const old = before.get(f.id);
    return !!old && old.measured === f.measured && old.severity === f.severity;
  };
  report.hardFindings = hard.filter((f) => !unchanged(f));
  report.preexistingHardFindings = hard.filter(unchanged);
  const solvedGap = Math.max(0, ...report.figures.map((f) => f.gap ?? 0));
  if (report.hardFindings.length > 0) {
    report.status = 'invalid';
    report.message = `The generated schedule breaks ${report.hardFindings.length} hard rule finding(s), e.g. ${report.hardFindings[0].message}`;
  } else {
    report.status = 'succeeded';
    const preexisting = report.preexistingHardFindings.length;
    report.message =
      `${report.figures.map((f) => f.model).join('; ')}: ${solvedGap === 0 ? 'optimal' : `within ${(solvedGap * 100).toFixed(2)} % of optimal`}, no hard rule findings` +
      (preexisting ? ` (${preexisting} hard finding(s) the program already had remain, e.g. ${report.preexistingHardFindings[0].message})` : '');
  }
  return report;
}
