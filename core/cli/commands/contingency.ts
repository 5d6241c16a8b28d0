// `contingency <db>` and `stress <db>`: the N-1/N-2 sweep and the stress ladder from the command
// line, run in the worker pool like in the app and recorded in the program like there. Progress
// goes to stderr; the result to stdout, in words or (--json) as JSON. Ctrl-C stops gracefully
// (what is finished is kept); a second Ctrl-C cancels and records nothing.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { academicYearEnd, academicYearStart, blockContaining, blocksForYear, isIsoDate } from '../../domain/calendar';
import { SACRIFICE_ORDER, type ContingencyResult, type StressResult } from '../../domain/contingency';
import { readAcademicYears, readSettings } from '../../db/program-data';
import { createWorkerPool } from '../../jobs/pool';
import { JobService } from '../../jobs/service';
import {
  createContingencyRunner,
  getContingencyRun,
  type ContingencyJobResult,
  type ContingencyRunner,
} from '../../services/contingency';
import { openProgram, type Program } from '../../services/program';
import { currentAcademicYear } from '../../services/settings';
import { CliUsageError, integerOption, runCommand, type CliIo, type CommandBody } from '../command';
import { DEFAULT_WORKER_DIR, workerDirUsage } from '../paths';
import { signInTo } from '../session';
import { plural } from '../../domain/words';

/** Exit code when a single loss leaves coverage uncovered (a single point of failure). */
export const EXIT_UNCOVERED = 3;

const COMMON = `  --time-limit S    seconds for the whole run (default 600); at the limit what is finished is kept
  --workers N       worker threads (default: cores less one)
${workerDirUsage()}
  --json            the result as JSON instead of words
  --quiet           no progress lines on stderr`;

const USAGE_LINE = 'Usage: contingency <db> [--from D --to D] [--depth 1|2] [--gone-from D --gone-days N] [options]';

export const contingencyUsage = `${USAGE_LINE}
N-1/N-2 contingency on the published schedule: each person (and with --depth 2, every pair) gone
in turn, week by week; what loses coverage, whether the rest can absorb it, and the repair. The
run is recorded in the program (the app's Contingency view shows it).
  --from D, --to D  the period (default: the current academic year)
  --depth 1|2       1 = single losses (N-1), 2 = and every pair (N-2, default)
  --gone-from D     gone from this date for --gone-days days (default: gone for the whole period)
  --gone-days N
${COMMON}
Exit codes: 0 done, ${EXIT_UNCOVERED} a single loss leaves coverage uncovered, 1 failed, 2 called wrongly.`;

export const stressUsage = `Usage: stress <db> [--year Y] [--block N] [--samples N] [--seed S] [options]
The stress ladder: 0, 10, 20, 30 and 40 % of staff absent for a whole block (seeded random,
several samples per level), each repaired week by week; coverage kept, ACGME findings of the
repaired block, utilization and what is shed, and where it does not degrade monotonically.
  --year Y          academic year (default: the current one)
  --block N         block (default: the block containing today, else the year's first)
  --samples N       samples per level (default 3)
  --seed S          seed of the random absences (default 1)
${COMMON}`;

const COMMON_OPTIONS = {
  'time-limit': { type: 'string' },
  workers: { type: 'string' },
  'worker-dir': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

function dateOption(value: string | boolean | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value))
    throw new CliUsageError(`--${option} expects a date YYYY-MM-DD, got "${String(value)}"`);
  return value;
}

/** A pool and job service for one command, the runner, Ctrl-C handling and progress lines. */
async function withRunner(
  db: string,
  values: Record<string, string | boolean | undefined>,
  io: CliIo,
  operation: 'contingency.start' | 'contingency.startStress',
  start: (runner: ContingencyRunner, program: Program, actor: string) => Promise<{ jobId: string }>,
  print: (program: Program, result: ContingencyJobResult) => Promise<number>,
): Promise<number> {
  const workerDir = path.resolve(typeof values['worker-dir'] === 'string' ? values['worker-dir'] : DEFAULT_WORKER_DIR);
  const threads = integerOption(values.workers, 'workers', 1, 64) ?? Math.max(1, availableParallelism() - 1);
  const program = await openProgram(db);
  let actor: string;
  try {
    actor = (await signInTo(program, io, [operation, 'contingency.run'])).actor;
  } catch (err) {
    await program.close();
    throw err;
  }
  const pool = createWorkerPool({ workerDir, maxThreads: threads, warm: false });
  const jobs = new JobService(pool);
  const runner = createContingencyRunner({ jobs });
  let jobId: string | null = null;
  let interrupts = 0;
  const onSigint = () => {
    if (!jobId) return;
    if (++interrupts === 1) {
      io.err('Stopping: keeping what is finished (Ctrl-C again to cancel and record nothing)…');
      runner.stop(jobId);
    } else jobs.cancel(jobId);
  };
  process.on('SIGINT', onSigint);
  try {
    if (!existsSync(pool.workerFile('contingency')))
      throw new Error(
        `No built contingency worker at ${pool.workerFile('contingency')}: run npm run build -- --only=workers (or ` +
          `pass --worker-dir)`,
      );
    ({ jobId } = await start(runner, program, actor));
    const id = jobId;
    let last = '';
    const ticker = values.quiet
      ? null
      : setInterval(() => {
          const s = jobs.status(id);
          const line = `[${Math.round((s.progress ?? 0) * 100)} %] ${s.phase}`;
          if (line !== last) io.err(line);
          last = line;
        }, 1000);
    const done = await jobs.wait(id);
    if (ticker) clearInterval(ticker);
    if (done.state === 'cancelled') throw new Error('Cancelled: nothing was recorded');
    if (done.state !== 'succeeded') throw new Error(done.error ?? 'The run failed');
    return await print(program, done.result as ContingencyJobResult);
  } finally {
    process.off('SIGINT', onSigint);
    jobs.cancelAll();
    await pool.close();
    await program.close();
  }
}

function timeLimit(values: Record<string, string | boolean | undefined>): number {
  return integerOption(values['time-limit'], 'time-limit', 1, 3600) ?? 600;
}

/** A sweep's result in words. */
export function sweepText(result: ContingencyResult, runId: number): string[] {
  const name = new Map(result.people.map((p) => [p.id, `${p.name} (${p.label})`]));
  const f = result.figures;
  const pct = (r: number) => `${Math.round(r * 100)} %`;
  const weeks = (list: string[]) =>
    list.length > 5 ? `${list.slice(0, 5).join(', ')} and ${list.length - 5} more` : list.join(', ');
  const out = [
    `Contingency ${result.params.start} – ${result.params.end}, ` +
      `${result.params.depth === 2 ? 'N-1 and N-2 (every pair)' : 'N-1'}: run ` +
      `#${runId}${result.complete ? '' : ' (INCOMPLETE: stopped before every week)'}`,
    '',
    'Faculty utilization by block (required ÷ available faculty half-days):',
    ...result.blocks.map(
      (b) =>
        `  Block ${b.blockNumber} (${b.start} – ${b.end}): ${pct(b.utilization.ratio)} ${b.utilization.level} ` +
        `(${b.utilization.required} of ${b.utilization.available})`,
    ),
    '',
    `Single points of failure (their loss alone leaves coverage uncovered): ` +
      `${result.singlePointsOfFailure.length || 'none'}`,
    ...result.singlePointsOfFailure.map(
      (c) => `  ${name.get(c.personId)}: ${plural(c.uncoveredWeeks.length, 'week')} — ${weeks(c.uncoveredWeeks)}`,
    ),
    `Losses that need shedding: ${result.sheddingLosses.length || 'none'}`,
    ...result.sheddingLosses.map(
      (c) => `  ${name.get(c.personId)}: ${plural(c.sheddingWeeks.length, 'week')} — ${weeks(c.sheddingWeeks)}`,
    ),
  ];
  if (result.params.depth === 2) {
    out.push(`Pairs worse together than apart: ${result.pairs.length || 'none'} (fatal first)`);
    for (const p of result.pairs.slice(0, 25))
      out.push(
        `  ${name.get(p.a)} + ${name.get(p.b)}: coverage lost ${plural(p.uncoveredWeeks, 'week')}, needs shedding ` +
          `${p.sheddingWeeks} — ${weeks(p.weeks.map((w) => w.week))}`,
      );
    if (result.pairs.length > 25) out.push(`  … and ${result.pairs.length - 25} more (--json lists them all)`);
  }
  const risky = result.weeks.filter(
    (w) => (w.worstSingle && w.worstSingle !== 'absorbed') || ['orange', 'red', 'black'].includes(w.utilization.level),
  );
  out.push(`Weeks at risk: ${risky.length ? weeks(risky.map((w) => w.week)) : 'none'}`);
  out.push(
    '',
    `${f.weeks} weeks, ${f.people} people; ${f.singleLosses} single ` +
      `losses${f.pairs ? `, ${f.pairWeeks} pair-weeks` : ''}; ${f.modelsSolved} repair models solved ` +
      `(${f.milpSolved} by HiGHS), ${f.pruned} pair-weeks pruned exactly; ${f.validatorRejections} repairs sent ` +
      `back by the compliance engine; ${f.elapsedSec} s on ${plural(f.workers, 'worker')}.`,
  );
  return out;
}

export function stressText(result: StressResult, runId: number): string[] {
  const pct = (r: number) => `${Math.round(r * 100)} %`;
  return [
    `Stress ladder, block ${result.blockNumber} (${result.start} – ${result.end}), ${result.staff} staff: run ` +
      `#${runId}`,
    'absent   coverage kept   ACGME findings   utilization   shed half-days   uncovered',
    ...result.levels.map(
      (l) =>
        `${pct(l.fraction).padStart(5)} (${String(l.absent).padStart(2)})  ${pct(l.coverageKept).padStart(8)}       ` +
        ` ${String(l.acgmeFindings).padStart(6)}          ${l.utilization.toFixed(2).padStart(6)}      ` +
        `${String(l.shed).padStart(8)}        ${String(l.uncovered).padStart(5)}`,
    ),
    `Shed in order: ${SACRIFICE_ORDER.join(', ')}.`,
    result.nonMonotonic.length
      ? `Not monotonic:\n${result.nonMonotonic.map((m) => `  - ${m}`).join('\n')}`
      : 'Degrades monotonically at every step.',
    `${result.elapsedSec} s.`,
  ];
}

export const contingencyCommand: CommandBody = {
  name: 'contingency',
  usage: contingencyUsage,
  async run(argv: string[], io: CliIo) {
    let exit = 0;
    const code = await runCommand(
      argv,
      io,
      {
        usage: contingencyUsage,
        options: {
          from: { type: 'string' },
          to: { type: 'string' },
          depth: { type: 'string' },
          'gone-from': { type: 'string' },
          'gone-days': { type: 'string' },
          ...COMMON_OPTIONS,
        },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const depth = integerOption(values.depth, 'depth', 1, 2) ?? 2;
        const goneFrom = dateOption(values['gone-from'], 'gone-from');
        const goneDays = integerOption(values['gone-days'], 'gone-days', 1, 366);
        if ((goneFrom === undefined) !== (goneDays === undefined))
          throw new CliUsageError('--gone-from and --gone-days go together');
        let from = dateOption(values.from, 'from');
        let to = dateOption(values.to, 'to');
        exit = await withRunner(
          db,
          values,
          io,
          'contingency.start',
          async (runner, program, actor) => {
            if (!from || !to) {
              const year = currentAcademicYear(await readAcademicYears(program.db));
              from ??= academicYearStart(year);
              to ??= academicYearEnd(year);
            }
            const gone = goneFrom
              ? { mode: 'from' as const, start: goneFrom, days: goneDays! }
              : { mode: 'period' as const };
            return runner.startSweep(program, actor, {
              start: from,
              end: to,
              depth: depth as 1 | 2,
              gone,
              timeLimitSec: timeLimit(values),
            });
          },
          async (program, done) => {
            const run = await getContingencyRun(program, { runId: done.runId });
            if (!run || run.kind !== 'sweep') throw new Error(`Run #${done.runId} was not recorded`);
            if (values.json)
              io.out(JSON.stringify({ runId: run.id, reusedWeeks: run.reusedWeeks, ...run.result }, null, 2));
            else for (const line of sweepText(run.result, run.id)) io.out(line);
            return run.result.singlePointsOfFailure.length ? EXIT_UNCOVERED : 0;
          },
        );
      },
    );
    return code === 0 ? exit : code;
  },
};

export const stressCommand: CommandBody = {
  name: 'stress',
  usage: stressUsage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage: stressUsage,
        options: {
          year: { type: 'string' },
          block: { type: 'string' },
          samples: { type: 'string' },
          seed: { type: 'string' },
          ...COMMON_OPTIONS,
        },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const samples = integerOption(values.samples, 'samples', 1, 20) ?? 3;
        const seed = integerOption(values.seed, 'seed', 0, 2 ** 31 - 1) ?? 1;
        let year = integerOption(values.year, 'year', 1900, 2999);
        let block = integerOption(values.block, 'block', 0, 60);
        await withRunner(
          db,
          values,
          io,
          'contingency.startStress',
          async (runner, program, actor) => {
            const settings = await readSettings(program.db);
            if (!settings) throw new Error('The program has no settings (never initialised)');
            year ??= currentAcademicYear(await readAcademicYears(program.db));
            if (block === undefined) {
              const today = new Date().toISOString().slice(0, 10);
              const blocks = blocksForYear(year, settings.blockLayout);
              block =
                today >= blocks[0].start && today <= blocks[blocks.length - 1].end
                  ? blockContaining(today, settings.blockLayout).number
                  : blocks[0].number;
            }
            return runner.startStress(program, actor, {
              academicYear: year,
              blockNumber: block,
              samples,
              seed,
              timeLimitSec: timeLimit(values),
            });
          },
          async (program, done) => {
            const run = await getContingencyRun(program, { runId: done.runId });
            if (!run || run.kind !== 'stress') throw new Error(`Run #${done.runId} was not recorded`);
            if (values.json) io.out(JSON.stringify({ runId: run.id, ...run.result }, null, 2));
            else for (const line of stressText(run.result, run.id)) io.out(line);
            return 0;
          },
        );
      },
    ),
};
