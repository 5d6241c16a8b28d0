// `generate <db> --scope … --year Y [--block N]`: schedule generation from the command line. The
// solve runs in the worker pool like in the app and writes a NEW draft (never the published
// schedule); the run's figures are printed as JSON. Ctrl-C stops gracefully (the best schedule so
// far goes into the draft); a second Ctrl-C cancels hard and writes nothing.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createWorkerPool } from '../../jobs/pool';
import { JobService, type JobSnapshot } from '../../jobs/service';
import { createGenerationRunner, type GenerationResult } from '../../services/generate';
import {
  GENERATION_BACKENDS,
  GENERATION_SCOPE_NAMES,
  type GenerationBackendName,
  type GenerationScopeName,
} from '../../services/generation-runs';
import { openProgram } from '../../services/program';
import { CliUsageError, integerOption, runCommand, type CliIo, type CommandBody } from '../command';
import { DEFAULT_WORKER_DIR, workerDirUsage } from '../paths';
import { canPrompt, promptHidden } from '../prompt';
import { signInTo, type SignedIn } from '../session';
import { plural } from '../../domain/words';
import type { Relaxation } from '../../api/contract';

const USAGE_LINE =
  'Usage: generate <db> --scope annual|block|calls|block+calls|year --year Y ' +
  '[--block N | --from-block N [--to-block M]] [options]';

export const usage = `${USAGE_LINE}
Generates a schedule into a new draft (never the published schedule), checks it with the
compliance engine and prints the run's figures as JSON. Exit code 1 when the run is infeasible
(the diagnosis is printed), fails the rule check or finds nothing.
  --scope S         annual (rotation plan), block (half-days), calls (calls and inpatient weeks),
                    block+calls (calls, then half-days on them), year (the rotation plan, then
                    every block's calls and half-days, all in one draft)
  --year Y          academic year (the calendar year it starts in)
  --block N         block number (block, block+calls; calls for one block)
  --from-block N    year: the first block whose calls and half-days are generated (default the
                    year's first); the blocks before it keep their published plan and schedule.
                    calls without --block: the first block of a range (default the year's first)
  --to-block M      calls without --block: the last block of the range (default the year's last);
                    one draft, fair over the range and the year to date
  --regenerate-inpatient-weeks
                    calls, block+calls, year: re-plan inpatient weeks that already have an attending
  --release-locked-calls
                    calls, block+calls, year: plan overnight and weekend calls entered by hand or
                    imported as manual too (they are locked otherwise)
  --fresh-plan      annual, year: plan from scratch (default: change the current plan as little as
                    possible)
  --time-limit S    seconds for the whole run (default 60), counted from when the command was
                    entered (after a password typed at the prompt); at the limit the best schedule
                    so far is kept, its draft named "best found in 60 s"; a draft not checked
                    against the rules by then is checked before it is published
  --workers N       solver threads (default: the machine's cores, at most 4); a year run solves
                    blocks that do not depend on each other side by side
  --backend B       highs (default) or glpk (GLPK cannot be interrupted before its time limit)
${workerDirUsage()}
  --quiet           no progress lines on stderr`;

function oneOf<T extends string>(value: string | boolean | undefined, option: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new CliUsageError(
      `--${option} must be one of ${allowed.join(', ')}${value === undefined ? '' : `, got "${String(value)}"`}`,
    );
  return value as T;
}

function secondsOption(value: string | boolean | undefined): number {
  if (value === undefined) return 60;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 3600)
    throw new CliUsageError(`--time-limit expects seconds (more than 0, at most 3600), got "${String(value)}"`);
  return n;
}

/** Whether `p` settles within `ms` (at once when `ms` is not positive and it has not). */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One progress line. Its time is the run's, as --time-limit counts it (`runSec`), not the last
 * solve's: after the solves (the check, saving the draft, the churn guard) a solve's time stood still.
 */
function progressLine(s: JobSnapshot, runSec: number): string {
  const d = s.detail;
  const num = (v: unknown, digits: number) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–');
  const gap = typeof d.gap === 'number' && Number.isFinite(d.gap) ? `${(d.gap * 100).toFixed(2)} %` : '–';
  return (
    `[${num(runSec, 1)} s] ${s.phase}  best so far ${num(d.objective, 2)}  best possible ${num(d.bound, 2)}  ` +
    `could improve ${gap}`
  );
}

/** The figures the command prints: one flat JSON object per run. */
export function runFigures(result: GenerationResult, backend: GenerationBackendName) {
  const f = result.figures;
  return {
    runId: result.runId,
    status: result.status,
    optimal: result.optimal,
    stoppedBy: result.stoppedBy,
    bestFound: result.bestFound,
    draftId: result.draftId,
    draftName: result.draftName,
    scope: result.scope,
    academicYear: result.academicYear,
    blockNumber: result.blockNumber,
    fromBlock: result.fromBlock,
    toBlock: result.toBlock,
    completedBlocks: result.completedBlocks,
    unsolvedBlocks: result.unsolvedBlocks.map((u) => ({
      blockNumber: u.blockNumber,
      part: u.part,
      message: u.diagnosis?.summary ?? u.message,
    })),
    calls: result.calls,
    backend,
    variables: f.variables,
    integers: f.integers,
    rows: f.rows,
    nonzeros: f.nonzeros,
    timeToFirstFeasibleSec: f.timeToFirstFeasibleSec,
    timeToOptimalSec: f.timeToOptimalSec,
    gapAtLimit: result.optimal ? null : f.gap,
    objective: f.objective,
    findings: f.findings,
    hardFindings: f.hardFindings,
    skippedLocked: result.skippedLocked,
    // The draft's flags from the job's own check (null: stored just after the job).
    flags: result.flags,
    // The churn guard on the draft, as publishing will judge it.
    churn: result.churn,
    elapsedSec: f.elapsedSec,
    message: result.message,
    models: f.models.map((m) => ({
      model: m.model,
      variables: m.variables,
      rows: m.rows,
      buildSec: m.buildSec,
      firstFeasibleSec: m.firstFeasibleSec,
      solveSec: m.solveSec,
      memoryMB: m.memoryMB,
      status: m.status,
      objective: m.objective,
      bound: m.bound,
      gap: m.gap,
    })),
    diagnosis: result.diagnosis,
  };
}

export const generateCommand: CommandBody = {
  name: 'generate',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage,
        options: {
          scope: { type: 'string' },
          year: { type: 'string' },
          block: { type: 'string' },
          'from-block': { type: 'string' },
          'to-block': { type: 'string' },
          'regenerate-inpatient-weeks': { type: 'boolean' },
          'release-locked-calls': { type: 'boolean' },
          'fresh-plan': { type: 'boolean' },
          workers: { type: 'string' },
          'time-limit': { type: 'string' },
          backend: { type: 'string' },
          'worker-dir': { type: 'string' },
          quiet: { type: 'boolean' },
        },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const scope: GenerationScopeName = oneOf(values.scope, 'scope', GENERATION_SCOPE_NAMES);
        const academicYear = integerOption(values.year, 'year', 1900, 2999);
        if (academicYear === undefined) throw new CliUsageError('--year Y is required');
        const blockNumber = integerOption(values.block, 'block', 0, 60) ?? null;
        const fromBlock = integerOption(values['from-block'], 'from-block', 0, 60) ?? null;
        const toBlock = integerOption(values['to-block'], 'to-block', 0, 60) ?? null;
        const callRange = scope === 'calls' && blockNumber === null;
        if (scope === 'annual' && blockNumber !== null)
          throw new CliUsageError('--block does not go with --scope annual (the plan covers the whole year)');
        if (scope === 'year' && blockNumber !== null)
          throw new CliUsageError(
            '--block does not go with --scope year: give --from-block N (the first block generated)',
          );
        if (scope !== 'annual' && scope !== 'year' && scope !== 'calls' && blockNumber === null)
          throw new CliUsageError(`--block N is required with --scope ${scope}`);
        if (scope !== 'year' && !callRange && fromBlock !== null)
          throw new CliUsageError('--from-block goes only with --scope year, or --scope calls without --block');
        if (!callRange && toBlock !== null)
          throw new CliUsageError('--to-block goes only with --scope calls without --block');
        const plansCalls = scope === 'calls' || scope === 'block+calls' || scope === 'year';
        if (!plansCalls && (values['regenerate-inpatient-weeks'] || values['release-locked-calls']))
          throw new CliUsageError(
            '--regenerate-inpatient-weeks and --release-locked-calls go with --scope calls, block+calls or year',
          );
        if (values['fresh-plan'] && scope !== 'annual' && scope !== 'year')
          throw new CliUsageError('--fresh-plan goes with --scope annual or year');
        const workers =
          integerOption(values.workers, 'workers', 1, 64) ?? Math.max(1, Math.min(4, availableParallelism()));
        const backend: GenerationBackendName =
          values.backend === undefined ? 'highs' : oneOf(values.backend, 'backend', GENERATION_BACKENDS);
        const timeLimitSec = secondsOption(values['time-limit']);
        const workerDir = path.resolve(
          typeof values['worker-dir'] === 'string' ? values['worker-dir'] : DEFAULT_WORKER_DIR,
        );

        const clock = io.now ?? (() => new Date());
        // --time-limit counts from when the command was entered (opening the file, signing in and
        // loading the program are part of the run), or from the Enter after a password typed at
        // the prompt: the user's typing is not the run's time.
        let limitStartedAt = io.startedAt ?? clock();
        const ask = io.promptPassword ?? (canPrompt() ? promptHidden : null);
        const signInIo: CliIo = ask
          ? {
              ...io,
              promptPassword: async (question) => {
                const answer = await ask(question);
                limitStartedAt = clock();
                return answer;
              },
            }
          : io;
        const program = await openProgram(db);
        let signedIn: SignedIn;
        try {
          signedIn = await signInTo(program, signInIo, ['generate.start']);
        } catch (err) {
          await program.close();
          throw err;
        }
        // Not warmed: a warm-up pays off while the app waits for a user's click, but here the solve (if
        // the run has any) starts at once, and a run that solves nothing (a wrong block, locked calls,
        // minimums that cannot fit) would pay it for nothing.
        const pool = createWorkerPool({ workerDir, maxThreads: workers, warm: false });
        const jobs = new JobService(pool);
        let interrupts = 0;
        let jobId: string | null = null;
        /** The drafts' checks after the job are left for later (before publishing): the run ends now. */
        const skipChecks = () => {
          runner.skipChecks();
          jobs.cancelAll();
        };
        const onSigint = () => {
          if (!jobId) return;
          interrupts++;
          if (jobs.status(jobId).state !== 'running') {
            io.err('Stopping: the draft is kept; its check against the rules is left for before publishing…');
            skipChecks();
          } else if (interrupts === 1) {
            io.err('Stopping: keeping the best schedule found so far (Ctrl-C again to cancel and write nothing)…');
            runner.stop(jobId, signedIn.actor);
          } else jobs.cancel(jobId);
        };
        const runner = createGenerationRunner({ jobs, ...(io.now ? { now: io.now } : {}) });
        process.on('SIGINT', onSigint);
        try {
          // The worker file must exist before anything starts (a clear error instead of a failed job).
          if (!existsSync(pool.workerFile('solve')))
            throw new Error(
              `No built solve worker at ${pool.workerFile('solve')}: run npm run build -- --only=workers (or pass ` +
                `--worker-dir)`,
            );
          ({ jobId } = await runner.start(
            program,
            signedIn.actor,
            {
              scope,
              academicYear,
              blockNumber,
              fromBlock,
              toBlock,
              regenerateInpatientWeeks: values['regenerate-inpatient-weeks'] === true,
              releaseLockedCalls: values['release-locked-calls'] === true,
              keepCurrentPlan: values['fresh-plan'] !== true,
              timeLimitSec,
              backend,
            },
            { limitStartedAt },
          ));
          const id = jobId;
          // A progress line when the phase changes, else at most once a second.
          let lastPhase = '';
          let lastAt = 0;
          const ticker = values.quiet
            ? null
            : setInterval(() => {
                const status = jobs.status(id);
                if (status.phase === lastPhase && Date.now() - lastAt < 1000) return;
                io.err(progressLine(status, (clock().getTime() - limitStartedAt.getTime()) / 1000));
                lastPhase = status.phase;
                lastAt = Date.now();
              }, 100);
          const done = await jobs.wait(id);
          if (ticker) clearInterval(ticker);
          // A draft the job could not check itself (a stopped run, the annual plan) is checked just
          // after it, within what is left of the limit; past it, or once stopped, that check is
          // given up (cancelled) and the draft is checked before it is published instead.
          const checked = runner.idle();
          const leftMs = limitStartedAt.getTime() + timeLimitSec * 1000 - clock().getTime();
          if (interrupts > 0 || !(await settlesWithin(checked, leftMs))) skipChecks();
          for (const err of await checked)
            io.err(
              `warning: the draft was not checked against the rules yet (${err.message}); it is checked again ` +
                `before publishing`,
            );
          if (done.state === 'cancelled') throw new Error('Cancelled: nothing was written');
          const result = done.result as GenerationResult | null;
          if (!result) throw new Error(done.error ?? 'Generation failed');
          io.out(JSON.stringify(runFigures(result, backend), null, 2));
          if (result.calls?.allLocked)
            io.err(
              `Every call of the range is locked (${result.calls.lockedCalls} entered by hand or imported as ` +
                `manual): nothing was generated. Run again with --release-locked-calls to have the generator ` +
                `plan them.`,
            );
          if (result.status === 'infeasible' && result.unsolvedBlocks.length > 0 && result.draftId !== null) {
            io.err(`Not every block could be generated; the rest is in draft #${result.draftId}:`);
            for (const u of result.unsolvedBlocks) {
              io.err(`  - block ${u.blockNumber} (${u.part}, ${u.message}): ${u.diagnosis?.summary ?? ''}`);
              for (const r of u.diagnosis?.relaxations ?? []) io.err(causeLines(r, '      '));
            }
            const n = result.unsolvedBlocks.length;
            throw new Error(`${plural(n, 'block')} not generated (run #${result.runId})`);
          }
          if (result.status === 'infeasible') {
            io.err('No schedule meets every requirement.');
            io.err(result.diagnosis?.summary ?? result.message);
            for (const r of result.diagnosis?.relaxations ?? []) io.err(causeLines(r, '  - '));
            throw new Error(`no schedule meets every requirement (run #${result.runId})`);
          }
          if (result.status === 'invalid') {
            io.err(`The generated schedule fails the rule check (draft #${result.draftId} kept for review):`);
            for (const f of result.hardFindings.slice(0, 20)) io.err(`  - [${f.severity}] ${f.message}`);
            if (result.diagnosis) {
              io.err('It falls short of what no schedule can meet:');
              for (const r of result.diagnosis.relaxations) io.err(causeLines(r, '  - '));
            }
            throw new Error(`${plural(result.figures.hardFindings, 'hard-rule finding')} (run #${result.runId})`);
          }
          if (result.status === 'failed') throw new Error(result.message);
          if (result.draftId === null) throw new Error(result.message);
        } finally {
          process.off('SIGINT', onSigint);
          jobs.cancelAll();
          await pool.close();
          await program.close();
        }
      },
    ),
};

/** One cause of an infeasible run and, when the diagnosis says, what to change and where. */
function causeLines(r: Relaxation, lead: string): string {
  const fix = r.fix
    ? `\n${' '.repeat(lead.length)}  change: ` +
      `${r.fix.text}${r.fix.targets.length ? ` (${r.fix.targets.map((t) => t.label).join(', ')})` : ''}`
    : '';
  return `${lead}${r.message}${fix}`;
}
