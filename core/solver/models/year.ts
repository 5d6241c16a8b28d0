// The whole-year scope: the rotation plan, then every block from `fromBlock` on — its calls and
// its half-days — into one result, each step a sub-run (`exec`) that the caller runs in-thread
// (parallel 1) or on the worker pool's threads (core/services/generate.ts).
//
// Which block depends on which:
//   - calls block by block, in date order: each block's fairness counts the calls of the year so
//     far (year to date), so calls(k) waits for calls(k − 1);
//   - half-days(k) waits for calls(k) (post-call days, inpatient weeks) and, because the 28-day
//     windows of the ACGME rules reach into the neighbouring blocks, for the half-days of the block
//     before it — except at the head of a chain: the blocks are cut into as many contiguous chains
//     as there are threads, the chains run side by side, and the last block of a chain waits for
//     the head of the next one, so it is solved with both neighbours in place. What each step sees
//     is fixed by these dependencies alone, never by timing: the same request gives the same result
//     whatever the number of threads (apart from where the chains are cut).
// A block that cannot be generated is marked with its diagnosis and the run goes on; a stop keeps
// the plan and the blocks whose half-days were finished.
import { academicYearEnd, addDays } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { Block, IsoDate } from '../../domain/types';
import {
  blockList,
  concludeReport,
  emptyReport,
  withGenerated,
  yearBlocks,
  type GeneratedPart,
  type GenerationHooks,
  type GenerationProgress,
  type GenerationReport,
  type GenerationRequest,
} from './generate';
import { withRunNotes } from './run-notes';
import { residentsOf, schedulableFaculty } from './program-view';
import { formatSeconds } from './solve';
import { YEAR_WEIGHT as WEIGHT, YearBudget, type YearStepKind } from './year-budget';
import { countedWord } from '../../domain/words';

/** Runs one step of the year (a scope other than 'year') and reports its progress. */
export type SubRun = (req: GenerationRequest, progress: (p: GenerationProgress) => void) => Promise<GenerationReport>;

export interface YearRunOptions {
  /** How many steps may run at once (the pool's threads); 1 = one after the other. */
  parallel: number;
  hooks: GenerationHooks;
  /** The run's clock in seconds (default the monotonic clock): what the time budget reads. */
  clockSec?: () => number;
  /** Seconds of the limit spent before the run started (loading the program, the command line's start-up). */
  spentSec?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Days of half-days around a block a step needs (the rules' windows reach 28 days; post-call and inpatient weeks a
 * few).
 */
const CONTEXT_DAYS = 45;

interface Step {
  kind: 'calls' | 'halfday';
  block: Block;
  deps: Step[];
  state: 'waiting' | 'running' | 'done';
  figures: GenerationReport['figures'];
  /** The step's report; null until done (and when it could not be generated). */
  result: GenerationReport | null;
  /** It found nothing in its time and the run's time was up: its block is left out, out of time. */
  timeUp?: boolean;
}

/** The program with assignments cut to the dates a step looks at (less to copy to a worker). */
function around(program: ProgramData, from: IsoDate, to: IsoDate): ProgramData {
  return { ...program, assignments: program.assignments.filter((a) => a.date >= from && a.date <= to) };
}

function partOf(step: Step): GeneratedPart {
  const r = step.result!;
  return {
    range: { start: step.block.start, end: step.block.end },
    rotationAssignments: null,
    calls: step.kind === 'calls' ? r.calls : null,
    inpatientWeeks: step.kind === 'calls' ? r.inpatientWeeks : null,
    assignments: step.kind === 'halfday' ? r.assignments : null,
    personIds: step.kind === 'halfday' ? r.personIds : null,
  };
}

/** Work seconds a step's solves did (core/solver/roster/work-clock), from its figures. */
const workOf = (r: GenerationReport) => r.figures.reduce((s, f) => s + (f.workSec ?? 0), 0);

/** Contiguous chains of blocks, as even as can be: [[0..6], [7..13]] for 14 blocks and 2 threads. */
function chains(blocks: Block[], count: number): Block[][] {
  const n = Math.max(1, Math.min(count, blocks.length));
  const out: Block[][] = [];
  for (let i = 0, at = 0; i < n; i++) {
    const size = Math.floor(blocks.length / n) + (i < blocks.length % n ? 1 : 0);
    out.push(blocks.slice(at, at + size));
    at += size;
  }
  return out;
}

export async function runYear(
  req: GenerationRequest,
  exec: SubRun,
  options: YearRunOptions,
): Promise<GenerationReport> {
  const { hooks } = options;
  const parallel = Math.max(1, Math.floor(options.parallel));
  const limitSec = req.timeLimitSec ?? 30;
  const clock = options.clockSec ?? (() => performance.now() / 1000);
  const started = clock() - (options.spentSec ?? 0);
  const elapsed = () => clock() - started;
  const blocks = yearBlocks(req.program, req.academicYear, req.fromBlock);
  const from = blocks[0].number;
  const last = blocks[blocks.length - 1].number;
  const range = { start: blocks[0].start, end: academicYearEnd(req.academicYear) };
  const report = emptyReport('year', range);
  report.completedBlocks = [];

  const totalWeight = WEIGHT.plan + blocks.length * (WEIGHT.calls + WEIGHT.halfday);
  let doneWeight = 0;
  // Half-day steps in chains (see the top): each chain is a lane of the budget, as are the plan and the calls.
  const cut = chains(blocks, parallel);
  const chainOf = new Map(cut.flatMap((chain, ci) => chain.map((b) => [b.number, `halfday ${ci}`] as const)));
  const budget = new YearBudget(
    limitSec,
    Math.min(parallel, blocks.length),
    {
      plan: ['plan'],
      calls: blocks.map(() => 'calls'),
      ...Object.fromEntries(cut.map((chain, ci) => [`halfday ${ci}`, chain.map(() => 'halfday' as const)])),
    },
    { calls: chainOf.get(blocks[blocks.length - 1].number)! },
  );
  /**
   * A step about to start in `lane`: its limits (its work budget: it stops there once it has a schedule;
   * the real time before the check's share: the backstop).
   */
  const stepBudget = (kind: YearStepKind, lane: string) => {
    const { id, workSec, timeLimitSec } = budget.start(kind, lane, elapsed());
    return {
      end: (r: GenerationReport) => budget.end(id, elapsed(), workOf(r)),
      limits: { workLimitSec: workSec, timeLimitSec },
    };
  };
  const progressFor = (where: string, weight: number) => (p: GenerationProgress) =>
    hooks.progress?.({
      ...p,
      phase: `${where}${p.phase}`,
      fraction: (doneWeight + weight * p.fraction) / totalWeight,
      elapsedSec: elapsed(),
    });
  const common = { academicYear: req.academicYear, mipGap: req.mipGap, skipCheck: true } as const;

  // 1. The rotation plan. Blocks before `from` keep their published plan: locked, left out of the result.
  const before = req.program.rotationAssignments.filter(
    (a) => a.academicYear === req.academicYear && a.blockNumber < from,
  );
  const planTime = stepBudget('plan', 'plan');
  const plan = await exec(
    {
      ...common,
      scope: 'annual',
      program: { ...req.program, assignments: [] },
      rotationPlanRules: req.rotationPlanRules,
      lockedPlan: [...(req.lockedPlan ?? []), ...before],
      keepCurrentPlan: req.keepCurrentPlan,
      ...planTime.limits,
    },
    progressFor('Rotation plan: ', WEIGHT.plan),
  );
  planTime.end(plan);
  doneWeight += WEIGHT.plan;
  report.figures.push(...plan.figures);
  if (!plan.rotationAssignments) {
    report.status = plan.status;
    // Out of time: the plan searched on to the time before the check's share, and every block needs the plan first.
    report.message =
      plan.status === 'failed' && !plan.diagnosis
        ? `${plan.message} (the run's ${formatSeconds(limitSec)}, less the final check's share); ` +
          "the blocks' calls and half-days need the plan first, so nothing was generated"
        : plan.message;
    report.diagnosis = plan.diagnosis;
    return report;
  }
  report.rotationAssignments = plan.rotationAssignments.filter((a) => a.blockNumber >= from);
  report.explanations = plan.explanations.filter(
    (e) => !e.key.startsWith('plan:') || Number(e.key.split(':')[2]) >= from,
  );
  let base = withGenerated(req.program, { ...report, range }, req.academicYear);
  // The published half-days from `from` on follow the old plan and are about to be replaced: they
  // must not hold back the blocks next to them (the rules' windows reach a few weeks either way).
  // Only the people the half-day models schedule; locked slots stay, as every model respects them.
  const rescheduled = new Set([
    ...residentsOf(base, req.academicYear).map((r) => r.person.id),
    ...schedulableFaculty(base).map((f) => f.id),
  ]);
  base = {
    ...base,
    assignments: base.assignments.filter(
      (a) => a.locked || !rescheduled.has(a.personId) || a.date < range.start || a.date > range.end,
    ),
  };

  // 2. The blocks: calls in date order, half-days in chains.
  const callSteps: Step[] = [];
  for (const b of blocks)
    callSteps.push({
      kind: 'calls',
      block: b,
      deps: callSteps.length ? [callSteps[callSteps.length - 1]] : [],
      state: 'waiting',
      result: null,
      figures: [],
    });
  const daySteps: Step[] = blocks.map((b, i) => ({
    kind: 'halfday',
    block: b,
    deps: [callSteps[i]],
    state: 'waiting',
    result: null,
    figures: [],
  }));
  const stepOf = new Map(daySteps.map((s) => [s.block.number, s]));
  cut.forEach((chain, ci) => {
    chain.forEach((b, k) => {
      if (k > 0) stepOf.get(b.number)!.deps.push(stepOf.get(chain[k - 1].number)!);
    });
    const next = cut[ci + 1];
    if (next) stepOf.get(chain[chain.length - 1].number)!.deps.push(stepOf.get(next[0].number)!);
  });
  /** Every step a step depends on, directly or not. */
  const ancestors = (step: Step): Step[] => {
    const seen = new Set<Step>();
    const visit = (s: Step) => s.deps.forEach((d) => (seen.has(d) ? undefined : (seen.add(d), visit(d))));
    visit(step);
    return [...seen];
  };
  /**
   * What a step sees: the base with the results of its ancestors in place, calls in date order,
   * half-days cut to the days from..to around its block. Cut first: putting every ancestor's
   * half-days into the whole year's copy, then cutting, copied the year's assignments once per
   * ancestor (quadratic in blocks, linear in residents: most of a year run's main-thread garbage).
   */
  const contextOf = (step: Step, from: IsoDate, to: IsoDate): ProgramData => {
    const done = ancestors(step).filter((s) => s.result);
    const order = (s: Step) => s.block.start + (s.kind === 'calls' ? '0' : '1');
    let program = around(base, from, to);
    for (const s of done.sort((a, b) => order(a).localeCompare(order(b)))) {
      const part = partOf(s);
      const outside = part.range.end < from || part.range.start > to;
      program = withGenerated(program, outside ? { ...part, assignments: null } : part, req.academicYear);
    }
    return around(program, from, to);
  };

  // One at a time: block by block (a stop keeps whole blocks). Side by side: calls first, so the
  // later chains can start.
  const all = parallel === 1 ? blocks.flatMap((_, i) => [callSteps[i], daySteps[i]]) : [...callSteps, ...daySteps];
  const ready = (s: Step) => s.state === 'waiting' && s.deps.every((d) => d.state === 'done');
  const running = new Set<Promise<void>>();
  const run = (step: Step) => {
    step.state = 'running';
    const weight = step.kind === 'calls' ? WEIGHT.calls : WEIGHT.halfday;
    const time = stepBudget(step.kind, step.kind === 'calls' ? 'calls' : chainOf.get(step.block.number)!);
    const where = `Block ${step.block.number} of ${last}: `;
    const sub: GenerationRequest =
      step.kind === 'calls'
        ? {
            ...common,
            scope: 'calls',
            blockNumber: step.block.number,
            program: contextOf(step, addDays(step.block.start, -1), addDays(step.block.end, 1)),
            regenerateInpatientWeeks: req.regenerateInpatientWeeks,
            releaseLockedCalls: req.releaseLockedCalls,
            halfDaysElsewhere: true,
            ...time.limits,
          }
        : {
            ...common,
            scope: 'halfday',
            blockNumber: step.block.number,
            program: contextOf(step, addDays(step.block.start, -CONTEXT_DAYS), addDays(step.block.end, CONTEXT_DAYS)),
            publishedSlots: around(req.program, step.block.start, step.block.end).assignments,
            ...time.limits,
          };
    const work = exec(sub, progressFor(where, weight)).then((r) => {
      time.end(r);
      step.state = 'done';
      doneWeight += weight;
      step.figures = r.figures;
      const solved = step.kind === 'calls' ? r.calls !== null : r.assignments !== null;
      // No schedule in the time it had, and the run's time is up: a block the run did not get to
      // (out of time), not one that cannot be generated (a step searches on to its first schedule
      // past its work budget, up to the time before the check's share).
      const timeUp =
        r.status === 'failed' && r.figures.at(-1)?.status === 'no_solution' && budget.leftSec(elapsed()) <= 0;
      if (solved) step.result = r;
      else if (timeUp) step.timeUp = true;
      else if (r.status === 'infeasible' || r.status === 'failed') {
        const kept =
          step.kind === 'calls' ? 'its calls and inpatient weeks stay as published' : 'its half-days stay as published';
        report.unsolvedBlocks.push({
          blockNumber: step.block.number,
          part: step.kind === 'calls' ? 'calls' : 'half-days',
          // A step that failed without a diagnosis (e.g. no schedule within its time) says why.
          message: r.status === 'failed' && !r.diagnosis ? `${r.message}; ${kept}` : kept,
          diagnosis: r.diagnosis,
        });
      }
      // A step stopped before it found anything leaves its block out.
    });
    const tracked: Promise<void> = work.finally(() => running.delete(tracked));
    running.add(tracked);
  };
  let stopped = false;
  /** The time before the check's share is spent: no step is started that could only fail or overrun. */
  let outOfTime = false;
  for (;;) {
    if (!stopped && hooks.stop?.()) stopped = true;
    if (!stopped && (budget.leftSec(elapsed()) <= 0 || all.some((s) => s.timeUp))) stopped = outOfTime = true;
    if (!stopped) for (const step of all.filter(ready)) if (running.size < parallel) run(step);
    if (running.size === 0) break;
    await Promise.race(running);
  }

  // 3. The result: every block whose half-days were generated, with its calls. Figures in block order.
  blocks.forEach((_, i) => report.figures.push(...callSteps[i].figures, ...daySteps[i].figures));
  const included = blocks.filter(
    (b) => stepOf.get(b.number)!.result || report.unsolvedBlocks.some((u) => u.blockNumber === b.number),
  );
  let program = base;
  /** The half-day steps that replace the base's half-days (blocks do not overlap: one pass below). */
  const halfDays: Step[] = [];
  for (const b of included) {
    // A turn of the event loop between two blocks and before the check: merging a year's results and
    // sending it to be checked in one go held the app's main thread ~180 ms at 100 residents.
    await nextTurn();
    const i = blocks.indexOf(b);
    for (const step of [callSteps[i], daySteps[i]]) {
      if (!step.result) continue;
      if (step.kind === 'calls') program = withGenerated(program, partOf(step), req.academicYear);
      else halfDays.push(step);
      const r = step.result;
      if (step.kind === 'calls') {
        report.calls = [...(report.calls ?? []), ...r.calls!];
        const replaced = new Set(r.inpatientWeeks!.map((w) => w.start));
        report.inpatientWeeks = [
          ...(report.inpatientWeeks ?? []).filter((w) => !replaced.has(w.start)),
          ...r.inpatientWeeks!,
        ];
        report.fairness = r.fairness;
        const c = report.callCounts ?? { decidedNights: 0, decidedWeeks: 0, lockedCalls: 0 };
        const n = r.callCounts!;
        report.callCounts = {
          decidedNights: c.decidedNights + n.decidedNights,
          decidedWeeks: c.decidedWeeks + n.decidedWeeks,
          lockedCalls: c.lockedCalls + n.lockedCalls,
        };
      } else {
        report.assignments ??= [];
        for (const a of r.assignments!) report.assignments.push(a);
        report.personIds = [...new Set([...(report.personIds ?? []), ...r.personIds!])];
        report.unplanned.push(...r.unplanned);
        report.lockedOverUnavailable.push(...r.lockedOverUnavailable);
        report.completedBlocks.push(b.number);
      }
      report.explanations.push(...r.explanations);
    }
  }
  report.unsolvedBlocks.sort((a, b) => a.blockNumber - b.blockNumber || a.part.localeCompare(b.part));
  await nextTurn();
  // What withGenerated does block by block, in one pass over the year's half-days.
  const people = new Map(halfDays.map((s) => [s, new Set(s.result!.personIds!)]));
  const replaces = (a: ProgramData['assignments'][number]) =>
    halfDays.some((s) => a.date >= s.block.start && a.date <= s.block.end && people.get(s)!.has(a.personId));
  program = {
    ...program,
    assignments: [
      ...program.assignments.filter((a) => !replaces(a)),
      ...halfDays.flatMap((s) => s.result!.assignments!),
    ],
  };
  // Where no half-days were generated the draft leaves the published ones showing: so does the check.
  const kept = blocks.filter((b) => !stepOf.get(b.number)!.result);
  const published = req.program.assignments.filter(
    (a) => !a.locked && rescheduled.has(a.personId) && kept.some((b) => a.date >= b.start && a.date <= b.end),
  );
  program = { ...program, assignments: [...program.assignments, ...published] };
  await nextTurn();

  const done = report.completedBlocks;
  const span = (numbers: number[]) => `${countedWord(numbers.length, 'block')} ${blockList(numbers)}`;
  if (stopped && done.length + new Set(report.unsolvedBlocks.map((u) => u.blockNumber)).size < blocks.length) {
    report.status = 'stopped';
    const open = blocks.map((b) => b.number).filter((n) => !done.includes(n));
    if (done.length > 0)
      report.range = { start: range.start, end: blocks.find((b) => b.number === done[done.length - 1])!.end };
    const how = outOfTime ? `Out of time (the run's limit is ${formatSeconds(limitSec)})` : 'Stopped';
    report.message =
      done.length === 0
        ? `${how} after the rotation plan: only the rotation plan was generated, no block's calls or half-days ` +
          `(${span(open)} still follow${open.length === 1 ? 's' : ''} the published schedule)`
        : `${how}: the rotation plan and ${span(done)} were generated; ${span(open)} ` +
          `${open.length === 1 ? 'was' : 'were'} not (their half-days still follow the published schedule)`;
    report.message = withRunNotes(report.message, report);
    // Out of time, the check still has the share kept back for it: what was finished is checked
    // for its draft's flags (with flagsMarginDays), so no check is left for after the run. A stop
    // by the user ends the run here; its draft is checked afterwards.
    if (!outOfTime || hooks.stop?.() || req.flagsMarginDays === undefined) return report;
  }
  const complete = report.status !== 'stopped';

  // 4. One independent check of the whole result by the compliance engine.
  hooks.progress?.({
    phase: 'Checking the result against the rules',
    fraction: 1,
    objective: null,
    bound: null,
    gap: null,
    elapsedSec: elapsed(),
  });
  const check = await exec(
    {
      ...common,
      skipCheck: false,
      scope: 'check',
      program,
      baseline: req.program,
      checkRange: range,
      flagsMarginDays: req.flagsMarginDays,
    },
    () => undefined,
  );
  // Stopped during the check (a stop, the run's limit): every block is kept, the draft is checked afterwards.
  if (check.status === 'stopped') {
    if (complete) {
      report.status = 'stopped';
      report.message = withRunNotes(
        `Stopped during the check against the rules: the rotation plan and ${span(done)} were generated; ` +
          'the draft is checked before it can be published',
        report,
      );
    }
    return report;
  }
  report.findings = check.findings;
  report.flagsCheck = check.flagsCheck;
  // A run out of time is judged by its draft's flags (they block publishing), not failed by them.
  if (!complete) return report;
  report.hardFindings = check.hardFindings;
  report.preexistingHardFindings = check.preexistingHardFindings;
  concludeReport(report, `Rotation plan and blocks ${from}–${last} (${report.figures.length} models)`);
  return report;
}
