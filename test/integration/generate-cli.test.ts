// `generate` on the command line: runs through the worker pool, writes a draft into the program
// file and prints the run's figures as JSON; an infeasible program exits 1 with the diagnosis;
// calling it wrongly exits 2 and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../core/cli/command';
import { main } from '../../core/cli/main';
import { openProgram } from '../../core/services/program';
import { rotationPlanRulesFromPlan } from '../../core/solver/models/annual-rules';
import { buildAppWorkers, programFixture, tableCounts, YEAR, type ProgramFixture } from './generation-fixture';

let workers: { dir: string; cleanup: () => void };
let reference: ProgramFixture;
let infeasible: ProgramFixture;
let overfullYear: ProgramFixture;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `main(argv)` with the io's clock, start or error lines as given (err lines are kept as well). */
async function cliWith(io: Partial<CliIo>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    ...io,
    out: (l) => out.push(l),
    err: (l) => {
      err.push(l);
      io.err?.(l);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `generate DB …` with this run's workers, the arguments as typed on a command line. */
const generate = (db: string, args: string) => cli('generate', db, ...args.split(' '), '--worker-dir', workers.dir);
/** The same with the io's clock, start or error lines as given (cliWith). */
const generateWith = (io: Partial<CliIo>, db: string, args: string) =>
  cliWith(io, 'generate', db, ...args.split(' '), '--worker-dir', workers.dir);

function copyOf(f: ProgramFixture, name: string): string {
  const file = path.join(f.dir, name);
  fs.copyFileSync(f.template, file);
  return file;
}

/**
 * Block 3's block+calls run of the reference program, made once: the figures test and the progress-clock
 * test read it (neither writes to its file). Its clock jumps 500 s at the first progress line, which the
 * progress-clock test needs; the 3600 s limit stays far past it, so the run ends on its own.
 */
let blockRunOnce: Promise<{ db: string; run: Awaited<ReturnType<typeof cli>> }> | null = null;
function blockRun() {
  blockRunOnce ??= (async () => {
    const db = copyOf(reference, 'block-3.sqlite');
    let aheadMs = 0;
    const run = await generateWith(
      {
        now: () => new Date(Date.now() + aheadMs),
        err: () => {
          aheadMs = 500_000;
        },
      },
      db,
      '--scope block+calls --year 2026 --block 3 --time-limit 3600',
    );
    return { db, run };
  })();
  return blockRunOnce;
}

beforeAll(async () => {
  workers = await buildAppWorkers();
  reference = await programFixture();
  // Nobody can take call on 2026-09-16: every faculty member is deployed that day.
  infeasible = await programFixture((data) => {
    for (const p of data.people.filter((x) => x.kind === 'faculty'))
      data.absences.push({
        id: `abs-${p.id}`,
        personId: p.id,
        type: 'deployment',
        start: '2026-09-16',
        end: '2026-09-16',
        status: 'approved',
        note: null,
      });
  });
  // The rotation plan read off the demo's own plan, with PGY-1 minimums of 14 blocks of FMIT.
  overfullYear = await programFixture((data) => {
    const rules = rotationPlanRulesFromPlan(data, YEAR);
    rules.requirements = rules.requirements.map((q) =>
      q.pgy === 1 && q.rotationCode === 'FMIT' ? { ...q, minBlocks: 14, maxBlocks: 14 } : q,
    );
    data.settings.rotationPlan = rules;
  });
}, 120_000);
afterAll(() => {
  workers?.cleanup();
  reference?.cleanup();
  infeasible?.cleanup();
  overfullYear?.cleanup();
});

describe('cli generate', () => {
  it('generates a block into a draft and prints the figures as JSON', async () => {
    const { db, run } = await blockRun();
    expect(run.code, run.err).toBe(0);
    const figures = JSON.parse(run.out) as Record<string, unknown>;
    console.log(`cli generate block+calls: ${run.out.replace(/\s+/g, ' ').slice(0, 700)}`);
    expect(figures).toMatchObject({
      status: 'succeeded',
      optimal: true,
      draftId: 1,
      scope: 'block+calls',
      blockNumber: 3,
      backend: 'highs',
      hardFindings: 0,
      gapAtLimit: null,
    });
    for (const key of [
      'variables',
      'rows',
      'timeToFirstFeasibleSec',
      'timeToOptimalSec',
      'objective',
      'findings',
      'elapsedSec',
    ])
      expect(typeof figures[key], key).toBe('number');
    expect(figures.variables as number).toBeGreaterThan(100);
    expect(run.err).toMatch(/Solving: Call and inpatient weeks/);

    // The draft is in the file, next to its run record.
    const list = await cli('draft', 'list', db, '--json');
    const drafts = (JSON.parse(list.out) as { drafts: { id: number; source: string; name: string }[] }).drafts;
    expect(drafts).toMatchObject([{ id: 1, source: 'generation' }]);
    const program = await openProgram(db);
    try {
      expect((await tableCounts(program)).generation_runs).toBe(1);
    } finally {
      await program.close();
    }
  }, 120_000);

  it('exits 1 with the diagnosis when no schedule meets every requirement', async () => {
    const db = copyOf(infeasible, 'infeasible.sqlite');
    const run = await generate(db, '--scope calls --year 2026 --block 3 --quiet');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ status: 'infeasible', draftId: null });
    expect(run.err).toMatch(/^No schedule meets every requirement\.$/m);
    expect(run.err).toMatch(/The night of 2026-09-16 needs one faculty on call but no one is free/);
  }, 120_000);

  it('says which yearly minimums cannot fit, counted before any solve', async () => {
    const db = copyOf(overfullYear, 'overfull-year.sqlite');
    const run = await generate(db, '--scope annual --year 2026 --quiet');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ status: 'infeasible', draftId: null });
    // Each PGY-1 resident's FMIT minimum counts as the 13 blocks the year has.
    expect(run.err).toMatch(/^ {2}- The PGY-1 minimums add up to \d+ blocks \(.*FMIT 13.*\) but the year has 13 \(/m);
    expect(run.err).toMatch(/^ +change: Lower the PGY-1 minimums in the rotation plan so they fit the year$/m);
  }, 120_000);

  it('generates the whole year from a first block into one draft and prints every model', async () => {
    const db = copyOf(reference, 'year.sqlite');
    // Time enough under load: the limit counts the command's start-up and keeps the check's share back.
    const run = await generate(db, '--scope year --year 2026 --from-block 12 --time-limit 300 --quiet');
    expect(run.code, run.err).toBe(0);
    const figures = JSON.parse(run.out) as { models: { model: string }[] } & Record<string, unknown>;
    console.log(`cli generate year from block 12: ${run.out.replace(/\s+/g, ' ').slice(0, 400)}`);
    expect(figures).toMatchObject({
      status: 'succeeded',
      scope: 'year',
      blockNumber: null,
      fromBlock: 12,
      completedBlocks: [12, 13],
      hardFindings: 0,
    });
    expect(figures.draftName).toMatch(/^Generated year AY 2026–27 from block 12/);
    expect(figures.models.map((m) => m.model.split(/[ ,]/)[0])).toEqual([
      'Annual',
      'Call',
      'Half-day',
      'Call',
      'Half-day',
    ]);
  }, 120_000);

  it('counts its start-up against --time-limit: a limit spent before the run starts stops it at once', async () => {
    const db = copyOf(reference, 'start-up.sqlite');
    // Entered 600 s ago (a slow start-up): the 600 s are spent before the run starts, so the limit's
    // stop comes at once (counted from the run's start it would come in 10 minutes).
    const run = await generateWith(
      { startedAt: new Date(Date.now() - 600_000) },
      db,
      '--scope block+calls --year 2026 --block 3 --time-limit 600 --quiet',
    );
    const figures = JSON.parse(run.out) as Record<string, unknown>;
    expect(figures).toMatchObject({ status: 'stopped', stoppedBy: 'time_limit' });
  });

  it("times its progress lines by the run's clock, through the check and the saving after the solves", async () => {
    // The run's clock jumped 500 s at the first progress line (blockRun): every later line must say so (the
    // solves' lines and, when the ticker sees them, the check's and the saving's). They said the last solve's
    // own time, which stood still through the check, the saving and the churn guard (a year at 250
    // residents: '[580.4 s]' on every line of its last 100 s).
    const { run } = await blockRun();
    expect(run.code, run.err).toBe(0);
    const later = run.err
      .split('\n')
      .filter((line) => line.startsWith('['))
      .slice(1);
    expect(later.length).toBeGreaterThan(0);
    for (const line of later) expect(Number(/^\[([\d.]+) s\]/.exec(line)?.[1]), line).toBeGreaterThanOrEqual(500);
  });

  it('ends a year that cannot finish within --time-limit with its draft kept, out of time', async () => {
    const db = copyOf(reference, 'out-of-time.sqlite');
    // The run's clock passes the limit once a block is being generated: no block starts after it,
    // the ones running end, what was finished is kept and checked in the check's share of the run.
    let aheadMs = 0;
    const run = await generateWith(
      {
        now: () => new Date(Date.now() + aheadMs),
        err: (line) => {
          if (/Block \d+ of \d+/.test(line)) aheadMs = 700_000;
        },
      },
      db,
      '--scope year --year 2026 --time-limit 600',
    );
    expect(run.code, run.err).toBe(0);
    const figures = JSON.parse(run.out) as {
      status: string;
      draftId: number | null;
      message: string;
      completedBlocks: number[];
      flags: { count: number } | null;
    };
    expect(aheadMs).toBe(700_000);
    expect(figures.status).toBe('stopped');
    expect(figures.draftId).not.toBeNull();
    expect(figures.message).toContain("Out of time (the run's limit is 600 s)");
    expect(figures.completedBlocks.length).toBeLessThan(14);
    // The draft's flags come from the run's own check: none is left for after it.
    expect(figures.flags).not.toBeNull();
    expect(run.err).not.toContain('not checked against the rules');
  }, 240_000);

  it('plans the calls of a range of blocks into one draft, fair year to date', async () => {
    const db = copyOf(reference, 'calls-range.sqlite');
    const run = await generate(
      db,
      '--scope calls --year 2026 --from-block 12 --to-block 13 --regenerate-inpatient-weeks --quiet',
    );
    expect(run.code, run.err).toBe(0);
    const figures = JSON.parse(run.out) as { models: { model: string }[] } & Record<string, unknown>;
    expect(figures).toMatchObject({
      status: 'succeeded',
      scope: 'calls',
      blockNumber: null,
      fromBlock: 12,
      toBlock: 13,
      completedBlocks: [12, 13],
      hardFindings: 0,
    });
    expect(figures.draftName).toMatch(/^Generated Blocks 12–13 AY 2026–27: calls and inpatient weeks/);
    // Re-planned weeks take the half-days of their block with them: a calls model and, where a week changed, a half-day
    // model per block.
    expect(figures.models.length).toBeGreaterThanOrEqual(2);
    const program = await openProgram(db);
    try {
      const [run0] = (await program.db
        .selectFrom('generation_runs' as never)
        .selectAll()
        .execute()) as { from_block: number; to_block: number; options: string }[];
      expect(run0).toMatchObject({ from_block: 12, to_block: 13 });
      expect(JSON.parse(run0.options)).toEqual({ regenerateInpatientWeeks: true });
    } finally {
      await program.close();
    }
  }, 240_000);

  it('says every call is locked, and plans them with --release-locked-calls', async () => {
    const db = copyOf(reference, 'locked.sqlite');
    const program = await openProgram(db);
    await program.db
      .updateTable('calls')
      .set({ source: 'manual' })
      .where('date', '>=', '2026-09-24')
      .where('date', '<=', '2026-10-21')
      .execute();
    await program.close();
    const locked = await generate(db, '--scope calls --year 2026 --block 4 --quiet');
    expect(locked.code).toBe(1);
    expect(JSON.parse(locked.out)).toMatchObject({
      draftId: null,
      calls: { decidedNights: 0, decidedWeeks: 0, allLocked: true },
    });
    expect(locked.err).toMatch(/Every call of the range is locked .*--release-locked-calls/);
    const released = await generate(db, '--scope calls --year 2026 --block 4 --release-locked-calls --quiet');
    expect(released.code, released.err).toBe(0);
    expect(JSON.parse(released.out)).toMatchObject({ status: 'succeeded', draftId: 1, calls: { allLocked: false } });
  }, 240_000);

  it('exits 2 on a wrong call and writes nothing', async () => {
    const db = copyOf(reference, 'usage.sqlite');
    const program = await openProgram(db);
    const before = await tableCounts(program);
    await program.close();
    const noBlock = await generate(db, '--scope block --year 2026');
    expect(noBlock.code).toBe(2);
    expect(noBlock.err).toMatch(/--block N is required with --scope block/);
    const badScope = await cli('generate', db, '--scope', 'month', '--year', '2026', '--block', '2');
    expect(badScope.code).toBe(2);
    expect(badScope.err).toMatch(/--scope must be one of annual, block, calls, block\+calls/);
    const toBlock = await cli('generate', db, '--scope', 'block', '--year', '2026', '--block', '2', '--to-block', '4');
    expect(toBlock.code).toBe(2);
    expect(toBlock.err).toMatch(/--to-block goes only with --scope calls without --block/);
    const fresh = await cli('generate', db, '--scope', 'calls', '--year', '2026', '--block', '2', '--fresh-plan');
    expect(fresh.code).toBe(2);
    const badLimit = await cli(
      'generate',
      db,
      '--scope',
      'calls',
      '--year',
      '2026',
      '--block',
      '2',
      '--time-limit',
      '0',
    );
    expect(badLimit.code).toBe(2);
    const noBlockInYear = await generate(db, '--scope calls --year 2026 --block 44');
    expect(noBlockInYear.code).toBe(1);
    expect(noBlockInYear.err).toMatch(/Block 44 does not exist/);
    const blockInYearScope = await cli('generate', db, '--scope', 'year', '--year', '2026', '--block', '3');
    expect(blockInYearScope.code).toBe(2);
    expect(blockInYearScope.err).toMatch(/--block does not go with --scope year: give --from-block N/);
    const fromBlockElsewhere = await cli(
      'generate',
      db,
      '--scope',
      'calls',
      '--year',
      '2026',
      '--block',
      '3',
      '--from-block',
      '2',
    );
    expect(fromBlockElsewhere.code).toBe(2);
    expect(fromBlockElsewhere.err).toMatch(/--from-block goes only with --scope year/);
    const noSuchFirstBlock = await generate(db, '--scope year --year 2026 --from-block 30');
    expect(noSuchFirstBlock.code).toBe(1);
    expect(noSuchFirstBlock.err).toMatch(/First block 30 does not exist in academic year 2026 \(blocks 0–13\)/);
    const again = await openProgram(db);
    try {
      expect(await tableCounts(again)).toEqual(before);
    } finally {
      await again.close();
    }
  }, 60_000);
});
