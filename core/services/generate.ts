// Schedule generation as a use case: load the program, run the solve task in the worker pool as a
// job (progress: phase, incumbent objective, bound, gap, elapsed), and when it returns — or is
// stopped gracefully — write the schedule (or, for the annual scope, the rotation plan; for the
// year scope both) into a NEW draft (never the published schedule), check
// that draft with the compliance engine, and record the run's figures and explanations.
// A hard cancel terminates the worker and writes nothing. An infeasible run writes no draft; its
// diagnosis, in domain words, is the job's result.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { JobFinishContext, JobOutcome, JobService, JobSnapshot } from '../jobs/service';
import type { Finding, IsoDate } from '../domain/types';
import type { Diagnosis } from '../solver/diagnose/diagnose';
import type { GenerationReport, GenerationRequest, GenerationScope, UnsolvedBlock } from '../solver/models/generate';
import { withRunNotes } from '../solver/models/run-notes';
import { plural } from '../domain/words';
import { runYear } from '../solver/models/year';
import { packRequest } from '../solver/models/packed-request';
import { academicYearOf } from '../domain/calendar';
import { listBlocks, requireAcademicYear } from './catalog';
import { checkInPool } from './compliance';
import {
  checkBasis,
  createDraftUnlessUnchanged,
  DraftError,
  storeCheckedValidation,
  validateDraft,
  VALIDATION_MARGIN_DAYS,
  type CheckBasis,
  type DraftContext,
  type Validator,
} from './drafts';
import { analyzeDraftInParts } from './drafts/analysis';
import type { ChurnReport } from './drafts/churn';
import type { DraftCheck } from './drafts/context';
import type { DraftSummary, DraftValidation, IncompletePart } from './drafts/types';
import { ServiceError } from './errors';
import {
  bestFoundWords,
  draftContentOf,
  draftName,
  draftNote,
  hasDraftContent,
  missingParts,
  type DraftMarking,
  type GenerationLabel,
} from './generation-draft';
import {
  explanationParts,
  insertGenerationRun,
  recordGenerationRun,
  type GenerationRunRecord,
  type GenerationBackendName,
  type GenerationFigures,
  type GenerationRunOptions,
  type GenerationRunStatus,
  type GenerationScopeName,
} from './generation-runs';
import { loadProgramData, type Program } from './program';

export interface GenerationParams {
  scope: GenerationScopeName;
  academicYear: number;
  /** Required for every scope but 'annual' and 'year'. */
  blockNumber: number | null;
  /**
   * Year scope: the first block whose calls and half-days are generated (default: the year's first
   * block). Calls scope: with no block number, the first block of a range (default the year's first).
   */
  fromBlock?: number | null;
  /** Calls scope over a range: its last block (default the year's last). */
  toBlock?: number | null;
  /** Call scopes and the year: re-plan inpatient weeks that already have an attending. */
  regenerateInpatientWeeks?: boolean;
  /**
   * Call scopes and the year: plan overnight and weekend calls entered by hand or imported as well (released to the
   * generator).
   */
  releaseLockedCalls?: boolean;
  /** Annual and year scopes: change the current plan as little as possible (default true). */
  keepCurrentPlan?: boolean;
  /** Total seconds for the run; at the limit the run stops gracefully with its best schedule. */
  timeLimitSec: number;
  backend: GenerationBackendName;
}

/** The job's result: what the run did and where its schedule went. */
export interface GenerationResult {
  runId: number;
  status: GenerationRunStatus;
  /** Every model proven optimal. False for a stopped run or one that hit the solver's limit. */
  optimal: boolean;
  stoppedBy: 'user' | 'time_limit' | null;
  /**
   * How a schedule short of the proven best came to be, as its draft's name says it: "stopped by
   * Dana Diaz", "best found in 60 s"; null when proven the best or nothing was found.
   */
  bestFound: string | null;
  message: string;
  scope: GenerationScopeName;
  academicYear: number;
  blockNumber: number | null;
  /** Year scope and call ranges: the first block generated; null for the other scopes. */
  fromBlock: number | null;
  /** Call ranges: the last block generated; null for the other scopes. */
  toBlock: number | null;
  /**
   * Year scope and call ranges: blocks that could not be generated (they keep their published schedule), each with its
   * diagnosis.
   */
  unsolvedBlocks: UnsolvedBlock[];
  /**
   * Call scopes: nights and weeks the generator decided, and calls kept because they are locked.
   * `allLocked`: nothing was left to decide — release the locked calls to generate them.
   */
  calls: { decidedNights: number; decidedWeeks: number; lockedCalls: number; allLocked: boolean } | null;
  /**
   * Year scope: the blocks whose calls and half-days are in the draft (all from `fromBlock` on,
   * unless the run was stopped); null for the other scopes.
   */
  completedBlocks: number[] | null;
  range: { start: IsoDate; end: IsoDate };
  /**
   * The new draft holding the schedule (annual: the rotation plan); null when nothing was written (infeasible, failed).
   */
  draftId: number | null;
  draftName: string | null;
  /** The schedule found is the one already in place: nothing to change, so no draft was written. */
  unchanged: boolean;
  /** What the draft holds (slots, call nights, inpatient weeks, plan entries); null when nothing was written. */
  changes: DraftSummary['entries'] | null;
  /** Parts a stopped run did not generate that the draft should hold; each blocks publishing until acknowledged. */
  missing: IncompletePart[];
  /** Residents left out of a block's half-days for want of a rotation in the annual plan (slots unchanged). */
  unplanned: GenerationReport['unplanned'];
  /** Locked half-days the run kept where their person is unavailable (an approved absence, the rest after a call). */
  lockedOverUnavailable: GenerationReport['lockedOverUnavailable'];
  /** Cells left out because they are locked (preload/manual) in the published schedule. */
  skippedLocked: number;
  figures: GenerationFigures;
  diagnosis: Diagnosis | null;
  /** Hard-rule findings (critical/high) of the generated schedule; at most 100 listed. */
  hardFindings: Finding[];
  /**
   * The new draft's flags, from the check the job made of its result (no second check); null when
   * the draft is checked just after the job instead (a stopped run, a program changed meanwhile) or
   * there is no draft.
   */
  flags: (Pick<DraftValidation, 'range' | 'unresolved' | 'byCategory'> & { count: number }) | null;
  /**
   * The churn guard on the new draft, as publishing will judge it: said now, so a draft that
   * cannot be published is known before anyone reviews it. Null when there is no draft.
   */
  churn: Pick<ChurnReport, 'verdict' | 'totalPct' | 'changedSlots' | 'publishedSlots' | 'findings'> | null;
}

/** The solve model each scope runs: 'block' = the block's half-days on the published calls. */
const MODEL_SCOPE: Record<GenerationScopeName, GenerationScope> = {
  annual: 'annual',
  block: 'halfday',
  calls: 'calls',
  'block+calls': 'block',
  year: 'year',
};

const MAX_LISTED_FINDINGS = 100;
/** A model's limit when the run's start-up took (nearly) all of it: the stop at the limit ends it at once. */
const MIN_LIMIT_LEFT_SEC = 0.5;

export interface GenerationRunnerOptions {
  jobs: JobService;
  now?: () => Date;
  /** Compliance check for the drafts (default: the rules engine with the program's rules). */
  validate?: Validator;
}

export interface GenerationStartOptions {
  /**
   * When the run's time limit began (default: as `start` is called). The command line passes the
   * moment the command was entered: its start-up counts against `--time-limit` like the rest.
   */
  limitStartedAt?: Date;
}

export interface GenerationRunner {
  /**
   * Check the request, load the program and start the job; returns at once with its id. The time
   * limit counts from `limitStartedAt`: checking the request and loading the program are part of it.
   */
  start(
    program: Program,
    actor: string,
    params: GenerationParams,
    options?: GenerationStartOptions,
  ): Promise<{ jobId: string }>;
  /**
   * Graceful stop: the solver returns its best schedule so far, which goes into the draft (named by who stopped it).
   */
  stop(jobId: string, by?: string): JobSnapshot;
  /**
   * Resolves when the work that follows finished jobs (checking each new draft against the rules
   * to store its flags) is done; the failures, if any, are returned. Await it before closing the
   * program.
   */
  idle(): Promise<Error[]>;
  /**
   * Start no more of those checks (the command line past its time limit, or stopped): each draft
   * not checked yet stays so, and is checked before it is published. A check already in the pool
   * ends when its job is cancelled.
   */
  skipChecks(): void;
}

/** The blocks a request names, checked: the year run's first block, or a range of call blocks. */
export interface CheckedBlocks {
  fromBlock: number | null;
  toBlock: number | null;
}

/**
 * Checks the request; returns the first block a year run generates (its `fromBlock`, or the
 * year's first block) and, for a range of call blocks, its first and last; nulls otherwise.
 */
export async function checkGenerationParams(program: Program, params: GenerationParams): Promise<CheckedBlocks> {
  if (!Number.isFinite(params.timeLimitSec) || params.timeLimitSec <= 0)
    throw new ServiceError(
      'rejected',
      `The time limit must be a positive number of seconds, got ${params.timeLimitSec}`,
    );
  await requireAcademicYear(program, params.academicYear);
  const none: CheckedBlocks = { fromBlock: null, toBlock: null };
  const fromBlock = params.fromBlock ?? null;
  const toBlock = params.toBlock ?? null;
  const callRange = params.scope === 'calls' && params.blockNumber === null;
  if (params.scope !== 'year' && !callRange && fromBlock !== null)
    throw new ServiceError(
      'rejected',
      `A first block (fromBlock) goes only with the year scope or a range of call blocks, not ${params.scope}`,
    );
  if (!callRange && toBlock !== null)
    throw new ServiceError(
      'rejected',
      `A last block (toBlock) goes only with a range of call blocks, not ${params.scope}`,
    );
  const calls = params.scope === 'calls' || params.scope === 'block+calls' || params.scope === 'year';
  if (!calls && (params.regenerateInpatientWeeks || params.releaseLockedCalls))
    throw new ServiceError(
      'rejected',
      `Regenerating inpatient weeks and releasing locked calls go with the scopes that plan calls, not ${params.scope}`,
    );
  if (params.keepCurrentPlan === false && params.scope !== 'annual' && params.scope !== 'year')
    throw new ServiceError(
      'rejected',
      `Planning from scratch goes with the annual and year scopes, not ${params.scope}`,
    );
  if (params.scope === 'annual') {
    if (params.blockNumber !== null)
      throw new ServiceError(
        'rejected',
        'The annual rotation plan covers the whole academic year: give no block number',
      );
    return none;
  }
  if (params.scope === 'year' && params.blockNumber !== null)
    throw new ServiceError(
      'rejected',
      'The year scope generates every block from its first block on: give fromBlock, not a block number',
    );
  if (params.scope !== 'year' && !callRange && params.blockNumber === null)
    throw new ServiceError('rejected', `Generating ${params.scope} needs a block number`);
  const blocks = await listBlocks(program, params.academicYear);
  if (blocks.length === 0) throw new ServiceError('not_found', `Academic year ${params.academicYear} has no blocks`);
  const span = `blocks ${blocks[0].number}–${blocks[blocks.length - 1].number}`;
  const exists = (n: number, what: string) => {
    if (!blocks.some((b) => b.number === n))
      throw new ServiceError(
        'not_found',
        `${what} ${n} does not exist in academic year ${params.academicYear} (${span})`,
      );
    return n;
  };
  if (params.scope === 'year')
    return { fromBlock: fromBlock === null ? blocks[0].number : exists(fromBlock, 'First block'), toBlock: null };
  if (!callRange) {
    exists(params.blockNumber!, 'Block');
    return none;
  }
  const first = fromBlock === null ? blocks[0].number : exists(fromBlock, 'First block');
  const last = toBlock === null ? blocks[blocks.length - 1].number : exists(toBlock, 'Last block');
  if (last < first) throw new ServiceError('rejected', `The last block (${last}) comes before the first (${first})`);
  return { fromBlock: first, toBlock: last };
}

export function createGenerationRunner(options: GenerationRunnerOptions): GenerationRunner {
  const { jobs } = options;
  const now = options.now ?? (() => new Date());
  /** Why a running job was asked to stop (the first reason wins), and who asked. */
  const stopReasons = new Map<string, 'user' | 'time_limit'>();
  const stoppers = new Map<string, string>();
  const pending = new Set<Promise<Error | null>>();
  // The new draft's check runs in the pool (a 'check' job); a validator of the caller's runs here.
  const inPool = options.validate ? undefined : checkInPool(jobs, 'range start');
  let skipping = false;
  const check: DraftCheck | undefined =
    inPool &&
    (async (before, after) => {
      if (skipping) throw new Error('not checked: the run ended before its draft’s check started');
      return inPool(before, after);
    });
  const later = (work: () => Promise<unknown>) => {
    // A macrotask later: the job service has marked the job finished by then.
    const p: Promise<Error | null> = new Promise((resolve) => setTimeout(resolve, 0))
      .then(work)
      .then(
        () => null,
        (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  function requestStop(jobId: string, reason: 'user' | 'time_limit', by?: string): JobSnapshot {
    const status = jobs.status(jobId);
    if (status.state === 'running' && !stopReasons.has(jobId)) {
      stopReasons.set(jobId, reason);
      if (by) stoppers.set(jobId, by);
    }
    return jobs.requestStop(jobId);
  }

  return {
    async start(program, actor, params, startOptions = {}) {
      // The run is timed from here (or from when the command was entered), its loading included.
      const startedAt = startOptions.limitStartedAt ?? now();
      const { fromBlock, toBlock } = await checkGenerationParams(program, params);
      params = { ...params, fromBlock, toBlock };
      // What the job's check is made against: its result becomes the draft's flags unless this changed.
      const basis = options.validate ? null : await checkBasis({ program, actor });
      const data = await loadProgramData(program);
      /** Seconds of the limit spent before the job starts (the command line's start-up, loading the program). */
      const spentSec = Math.max(0, (now().getTime() - startedAt.getTime()) / 1000);
      const leftSec = params.timeLimitSec - spentSec;
      const label: GenerationLabel = {
        scope: params.scope,
        academicYear: params.academicYear,
        blockNumber: params.blockNumber,
        fromBlock,
        toBlock,
        backend: params.backend,
      };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const request: GenerationRequest = {
        scope: MODEL_SCOPE[params.scope],
        program: data,
        academicYear: params.academicYear,
        ...(params.blockNumber !== null ? { blockNumber: params.blockNumber } : {}),
        ...(fromBlock !== null ? { fromBlock } : {}),
        ...(toBlock !== null ? { toBlock } : {}),
        ...(params.regenerateInpatientWeeks ? { regenerateInpatientWeeks: true } : {}),
        ...(params.releaseLockedCalls ? { releaseLockedCalls: true } : {}),
        ...(params.keepCurrentPlan === false ? { keepCurrentPlan: false } : {}),
        ...(basis ? { flagsMarginDays: VALIDATION_MARGIN_DAYS } : {}),
        // A year shares its whole limit among its steps, told what is spent; the other scopes get what is left.
        timeLimitSec: params.scope === 'year' ? params.timeLimitSec : Math.max(MIN_LIMIT_LEFT_SEC, leftSec),
      };
      const finish = async (report: GenerationReport, ctx: JobFinishContext): Promise<JobOutcome> => {
        clearTimeout(timer);
        try {
          return await finishRun(
            {
              program,
              actor,
              now,
              validate: options.validate,
              check,
              later,
              years: new Set(data.academicYears),
              basis,
            },
            params,
            label,
            startedAt,
            report,
            ctx,
            stopReasons.get(jobId) ?? null,
            stoppers.get(jobId) ?? null,
          );
        } finally {
          stopReasons.delete(jobId);
          stoppers.delete(jobId);
        }
      };
      // A year run is many models: they run on the pool's threads side by side where blocks do
      // not depend on each other (core/solver/models/year.ts), all under the one job.
      const jobId: string =
        request.scope === 'year'
          ? jobs.startWork(
              'solve',
              (job) =>
                runYear(
                  request,
                  (sub, progress) =>
                    job.run('solve', { ...packRequest(sub), backend: params.backend }, (p) =>
                      progress({
                        phase: p.phase,
                        fraction: p.fraction ?? 0,
                        objective: p.detail.objective,
                        bound: p.detail.bound,
                        gap: p.detail.gap,
                        elapsedSec: p.detail.elapsedSec,
                      }),
                    ),
                  {
                    parallel: job.threads,
                    spentSec,
                    // A caller's clock (tests) is the budget's too.
                    ...(options.now ? { clockSec: () => now().getTime() / 1000 } : {}),
                    hooks: {
                      stop: job.stopRequested,
                      progress: (p) =>
                        job.progress({
                          fraction: p.fraction,
                          phase: p.phase,
                          detail: { objective: p.objective, bound: p.bound, gap: p.gap, elapsedSec: p.elapsedSec },
                        }),
                    },
                  },
                ),
              { finish },
            )
          : jobs.start('solve', { ...packRequest(request), backend: params.backend }, { finish });
      // The limit is for the whole run ('block+calls' solves two models, 'year' 1 + 2 per block): stop gracefully then.
      timer = setTimeout(() => {
        if (jobs.status(jobId).state === 'running') requestStop(jobId, 'time_limit');
      }, Math.max(0, leftSec) * 1000);
      timer.unref?.();
      void jobs.wait(jobId).finally(() => {
        clearTimeout(timer);
        stopReasons.delete(jobId);
        stoppers.delete(jobId);
      });
      return { jobId };
    },
    stop: (jobId, by) => requestStop(jobId, 'user', by),
    skipChecks() {
      skipping = true;
    },
    async idle() {
      const errors: Error[] = [];
      while (pending.size > 0) for (const err of await Promise.all([...pending])) if (err) errors.push(err);
      return errors;
    },
  };
}

interface FinishEnv {
  program: Program;
  actor: string;
  now: () => Date;
  validate?: Validator;
  /** Where the new draft's check runs (the worker pool); without it `validate` runs in this thread. */
  check?: DraftCheck;
  /** Run work once the job has ended (the draft's stored flags). */
  later(work: () => Promise<unknown>): void;
  /** The program's academic years (a draft holds nothing dated outside them). */
  years: ReadonlySet<number>;
  /** What the job's check was made against (null: the draft is checked after the job). */
  basis: CheckBasis | null;
}

function abortError(): Error {
  const err = new Error('Generation was cancelled; nothing was written');
  err.name = 'AbortError';
  return err;
}

/** Totals over the models of a run. */
export function totalFigures(
  report: GenerationReport,
  findings: number,
  hardFindings: number,
  elapsedSec: number,
  complete: boolean,
): GenerationFigures {
  const models = report.figures;
  const sum = (f: (m: (typeof models)[number]) => number) => models.reduce((s, m) => s + f(m), 0);
  const solved = models.filter((m) => m.objective !== null);
  const optimal = complete && models.length > 0 && models.every((m) => m.status === 'optimal');
  // A complete schedule exists once the last model has its first feasible solution.
  const last = models[models.length - 1];
  const firstFeasible =
    complete && last && last.firstFeasibleSec !== null
      ? sum((m) => m.solveSec) - last.solveSec + last.firstFeasibleSec
      : null;
  return {
    variables: sum((m) => m.variables),
    integers: sum((m) => m.integers),
    rows: sum((m) => m.rows),
    nonzeros: sum((m) => m.nonzeros),
    timeToFirstFeasibleSec: firstFeasible,
    timeToOptimalSec: optimal ? sum((m) => m.solveSec) : null,
    gap:
      solved.length === 0 ? null : optimal ? 0 : Math.max(0, ...solved.map((m) => m.gap ?? Number.POSITIVE_INFINITY)),
    objective: solved.length === 0 ? null : solved.reduce((s, m) => s + (m.objective ?? 0), 0),
    findings,
    hardFindings,
    elapsedSec,
    models,
  };
}

/** The options a run was started with, as the run record keeps them (only those set). */
function runOptions(params: GenerationParams): GenerationRunOptions {
  return {
    ...(params.regenerateInpatientWeeks ? { regenerateInpatientWeeks: true } : {}),
    ...(params.releaseLockedCalls ? { releaseLockedCalls: true } : {}),
    ...(params.keepCurrentPlan === false ? { keepCurrentPlan: false } : {}),
  };
}

async function finishRun(
  env: FinishEnv,
  params: GenerationParams,
  label: GenerationLabel,
  startedAt: Date,
  report: GenerationReport,
  job: JobFinishContext,
  stopReason: 'user' | 'time_limit' | null,
  stopper: string | null,
): Promise<JobOutcome> {
  // Nothing has been written yet: a hard cancel now leaves the database as it was.
  if (job.signal.aborted) throw abortError();
  const stoppedBy = job.stopRequested ? (stopReason ?? 'user') : null;
  // A year run or a range of call blocks whose other blocks were generated: kept, checked, marked.
  const someUnsolved = report.status === 'infeasible' && report.unsolvedBlocks.length > 0 && hasDraftContent(report);
  // The whole scope was generated (a stop between models leaves the later ones out).
  const solved = report.status === 'succeeded' || report.status === 'invalid' || someUnsolved;
  const partial = report.status === 'stopped' && hasDraftContent(report);
  const optimal =
    solved && !someUnsolved && report.figures.length > 0 && report.figures.every((m) => m.status === 'optimal');
  const draftCtx: DraftContext = {
    program: env.program,
    actor: env.actor,
    now: env.now,
    validate: env.validate,
    check: env.check,
  };
  const end = {
    optimal,
    stoppedBy,
    stoppedByName: stoppedBy === 'user' ? (stopper ?? env.actor) : null,
    seconds: stoppedBy === 'time_limit' ? params.timeLimitSec : (env.now().getTime() - startedAt.getTime()) / 1000,
  };
  /** "stopped by Dana Diaz" / "best found in 60 s" (null: proven the best). */
  const bestFound = bestFoundWords(end);

  let draftId: number | null = null;
  let draftTitle: string | null = null;
  let skippedLocked = 0;
  /** What a stopped run left out that the draft should hold (blocking flags on the draft). */
  let missing: IncompletePart[] = [];
  let changes: DraftSummary['entries'] | null = null;
  let flags: GenerationResult['flags'] = null;
  // Everything locked: the models decided nothing, so there is nothing to review in a draft.
  const allLocked =
    !!report.callCounts &&
    report.callCounts.decidedNights + report.callCounts.decidedWeeks === 0 &&
    report.callCounts.lockedCalls > 0;
  const writesDraft = (solved || partial) && hasDraftContent(report) && !allLocked;
  const workerHard = report.hardFindings;
  let status: GenerationRunStatus =
    report.status === 'infeasible'
      ? 'infeasible'
      : report.status === 'failed'
        ? 'failed'
        : report.status === 'invalid'
          ? 'invalid'
          : report.status === 'stopped' || (stoppedBy && !optimal)
            ? 'stopped'
            : 'succeeded';
  let message = report.message;
  if (report.status === 'infeasible' && report.diagnosis && !someUnsolved) message = report.diagnosis.summary;
  /** Said after the outcome, e.g. what the draft could not hold. */
  const notes: string[] = [];
  /** The run found the schedule already in place (no draft written). */
  let unchanged = false;

  /** The run as recorded, given the draft it wrote (null: none). */
  const outcome = (forDraft: number | null) => {
    let finalStatus = status;
    let finalMessage = message;
    const hard = workerHard;
    if (hard.length > 0 && finalStatus !== 'infeasible' && finalStatus !== 'failed') {
      finalStatus = 'invalid';
      finalMessage = withRunNotes(
        `The generated schedule has ${plural(hard.length, 'hard-rule finding')}, e.g. ${hard[0].message}`,
        report,
      );
    } else if (finalStatus === 'stopped') {
      finalMessage =
        forDraft === null && !unchanged
          ? `Stopped before a schedule was found. ${report.message}`
          : forDraft === null
            ? `${sentenceStart(bestFound ?? 'stopped')}: the best schedule found so far, not proven the best. ` +
              `${report.message}`
            : `${sentenceStart(bestFound ?? 'stopped')}: the draft holds the best schedule found so far, not proven ` +
              `the best. ${report.message}`;
    }
    const said = [...notes];
    if (forDraft !== null && missing.length > 0)
      said.push(
        `The draft is missing ${missing.map((m) => m.what).join(' and ')}: publishing is blocked until that is ` +
          `acknowledged.`,
      );
    if (said.length > 0) finalMessage = `${finalMessage.replace(/\.?\s*$/, '.')} ${said.join(' ')}`;
    const finishedAt = env.now();
    const figures = totalFigures(
      report,
      report.findings.length,
      hard.length,
      (finishedAt.getTime() - startedAt.getTime()) / 1000,
      solved,
    );
    return { status: finalStatus, message: finalMessage, hard, figures, finishedAt };
  };
  const record = (draftId: number | null, o: ReturnType<typeof outcome>): GenerationRunRecord => ({
    draftId,
    scope: params.scope,
    academicYear: params.academicYear,
    blockNumber: params.blockNumber,
    fromBlock: params.fromBlock ?? null,
    toBlock: params.toBlock ?? null,
    options: runOptions(params),
    unsolvedBlocks: report.unsolvedBlocks,
    backend: params.backend,
    timeLimitSec: params.timeLimitSec,
    status: o.status,
    optimal,
    stoppedBy,
    message: o.message,
    actor: env.actor,
    startedAt: startedAt.toISOString(),
    finishedAt: o.finishedAt.toISOString(),
    figures: o.figures,
    diagnosis: report.diagnosis,
    hardFindings: o.hard.slice(0, MAX_LISTED_FINDINGS),
    explanations: report.explanations,
    // The plan is in the draft (runs before schema version 5 kept it here).
    plan: null,
  });

  let runId: number | null = null;
  let final: ReturnType<typeof outcome> | null = null;
  if (writesDraft) {
    job.phase('Saving the draft');
    const marking: DraftMarking = {
      ...end,
      status,
      gap: totalFigures(report, 0, 0, 0, solved).gap,
      hardFindings: workerHard.length,
      partial,
      completedBlocks: report.completedBlocks,
      unsolvedBlocks: report.unsolvedBlocks.map((u) => u.blockNumber),
    };
    const name = draftName(label, marking);
    const { content, leftOut } = draftContentOf(report, name, draftNote(label, marking, report.message), (date) =>
      env.years.has(academicYearOf(date)),
    );
    missing = missingParts(report, label, await listBlocks(env.program, params.academicYear));
    content.incomplete = missing;
    if (leftOut.length > 0)
      notes.push(`Left out of the draft (outside the program's academic years): ${leftOut.join('; ')}.`);
    // Saved in parts (a year's draft is 100 000+ slots): the app keeps answering meanwhile. The run's
    // explanations (one per generated cell, tens of MB of JSON for a year) are stored in parts with
    // the draft; the run record is written in the save's last transaction, the one that makes the
    // draft a draft: a crash never leaves a draft that no run explains.
    const saving = {
      onPart: (_: number, part: number, parts: number) => job.phase(`Saving the draft (${part} of ${parts})`),
      attachment: explanationParts(report.explanations),
    };
    const created = await createDraftUnlessUnchanged(
      draftCtx,
      content,
      async (trx, id) => {
        final = outcome(id);
        runId = await insertGenerationRun(trx as unknown as Transaction<Database>, record(id, final), true);
      },
      saving,
    ).catch((err: unknown) => {
      // The models produce only what storage accepts (core/domain/plan-entries and the like): a
      // refusal here is a fault of ours, told in the user's words and recorded, not a storage message.
      if (!(err instanceof DraftError)) throw err;
      status = 'failed';
      const what = err.issues?.length
        ? [...new Set(err.issues.map((i) => i.message))].slice(0, 5).join('; ')
        : err.message;
      message = `The generated schedule could not be saved as a draft (nothing was written): ${what}`;
      runId = null;
      final = null;
      return null;
    });
    // The schedule found is the one in place: nothing to review or publish, so no draft.
    unchanged = created !== null && created.draft === null;
    if (unchanged)
      notes.push('The schedule found is the one already in place: nothing to change, so no draft was written.');
    draftId = created?.draft?.id ?? null;
    changes = created?.draft?.entries ?? null;
    draftTitle = created?.draft?.name ?? null;
    skippedLocked = created?.skippedLocked ?? 0;
    const id = draftId;
    // The draft's own flags — the compliance engine on the draft as stored, 28 days either side,
    // and a flag per missing part of a stopped run. A complete run's check in the worker covered
    // exactly that (both schedules, the margin either side): its findings are the flags, unless
    // the draft holds less than was checked or the program changed meanwhile. Otherwise (a stopped
    // run) they are computed just after the job ends, so a stop comes back at once;
    // a stopped run is judged by those flags, which block publishing until resolved.
    // (Cells skipped as locked are the ones the models kept as published: the same schedule.)
    if (id !== null && report.flagsCheck && leftOut.length === 0 && env.basis) {
      job.phase('Keeping the check as the draft’s flags');
      const v = await storeCheckedValidation(draftCtx, id, report.flagsCheck, env.basis);
      if (v) flags = { range: v.range, count: v.added.length, unresolved: v.unresolved, byCategory: v.byCategory };
    }
    if (id !== null && !flags) env.later(() => validateDraft(draftCtx, id));
  }

  let churn: GenerationResult['churn'] = null;
  let churnNote: string | null = null;
  if (draftId !== null) {
    job.phase('Checking the churn guard');
    const c = (await analyzeDraftInParts(draftCtx, draftId)).analysis.churn;
    churn = {
      verdict: c.verdict,
      totalPct: c.totalPct,
      changedSlots: c.changedSlots,
      publishedSlots: c.publishedSlots,
      findings: c.findings,
    };
    if (c.verdict === 'reject') churnNote = churnRefusal(c, params.scope);
  }

  if (runId === null || final === null) {
    job.phase('Recording the run');
    final = outcome(null);
    runId = await recordGenerationRun(env.program.db, record(null, final));
  }
  const { hard, figures } = final;
  status = final.status;
  message = final.message;
  if (churnNote) message = `${message.replace(/\.?\s*$/, '.')} ${churnNote}`;

  const result: GenerationResult = {
    runId,
    status,
    optimal,
    stoppedBy,
    bestFound: draftId !== null ? bestFound : null,
    message,
    scope: params.scope,
    academicYear: params.academicYear,
    blockNumber: params.blockNumber,
    fromBlock: params.fromBlock ?? null,
    toBlock: params.toBlock ?? null,
    completedBlocks: report.completedBlocks,
    unsolvedBlocks: report.unsolvedBlocks,
    calls: report.callCounts && { ...report.callCounts, allLocked },
    range: report.range,
    draftId,
    draftName: draftTitle,
    unchanged,
    changes,
    missing,
    unplanned: report.unplanned,
    lockedOverUnavailable: report.lockedOverUnavailable,
    skippedLocked,
    figures,
    diagnosis: report.diagnosis,
    hardFindings: hard.slice(0, MAX_LISTED_FINDINGS),
    flags,
    churn,
  };
  const failed = status === 'infeasible' || status === 'failed' || status === 'invalid';
  const phase: Record<GenerationRunStatus, string> = {
    succeeded: bestFound === null ? 'Done: proven the best' : `Done: ${bestFound}`,
    stopped: draftId === null ? 'Stopped: nothing found yet' : 'Stopped: best so far saved',
    invalid: 'Failed the rule check',
    infeasible: 'No schedule meets every requirement',
    failed: 'Failed',
  };
  return { state: failed ? 'failed' : 'succeeded', result, error: failed ? message : null, phase: phase[status] };
}

/** What the churn guard will refuse in a new draft, and what the coordinator can do about it. */
function churnRefusal(churn: ChurnReport, scope: GenerationScopeName): string {
  const refusals = churn.findings.filter((f) => f.level === 'reject');
  const shown = refusals.slice(0, 2).map((f) => f.message.replace(/^The draft /, 'it ').replace(/\.$/, ''));
  const more = refusals.length > shown.length ? ` (and ${refusals.length - shown.length} more)` : '';
  const fewer =
    scope === 'year'
      ? 'regenerate from a later block, keeping the current plan'
      : 'regenerate fewer blocks, or lock the published slots that must stay';
  return (
    `The churn guard will refuse to publish this draft: ${shown.join('; ')}${more}. To publish a change this ` +
    `large, ${fewer}; or edit the draft back where it need not change; or, if the change is meant, ` +
    'raise the churn limits in the settings first.'
  );
}

/** "stopped by Dana Diaz" → "Stopped by Dana Diaz". */
const sentenceStart = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
