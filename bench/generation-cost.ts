// What a generation run costs the app itself (issue 15): on generated demo programs, through the
// real worker pool and the generation service (as a coordinator runs them), the CPU of each phase
// — creating the program file (its migrations), writing the program, then a block+calls run, an
// annual plan and a year — split into the main thread's (queries, drafts, packing the request) and
// the other threads' (the solve worker; also GC and libuv helpers), with the solver's own seconds
// and the rows written. Figures are printed with the load, never asserted.
//   npm run bench:generation-cost -- [--sizes 17,100] [--seed 1] [--year-from 12] [--limit 300]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { generateProgram, residentsPerPgyFor } from '../core/demo/generate';
import { createWorkerPool, type WorkerPool } from '../core/jobs/pool';
import { JobService } from '../core/jobs/service';
import { createGenerationRunner, type GenerationParams, type GenerationResult } from '../core/services/generate';
import { openProgram, writeProgramData, type Program } from '../core/services/program';
import { buildWorkers, root } from '../scripts/build.mjs';

const YEAR = 2026;

function args() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '17,100' },
      seed: { type: 'string', default: '1' },
      'year-from': { type: 'string', default: '12' },
      limit: { type: 'string', default: '300' },
    },
  });
  return {
    sizes: values.sizes.split(',').map(Number),
    seed: Number(values.seed),
    yearFrom: Number(values['year-from']),
    limit: Number(values.limit),
  };
}

interface Cost {
  phase: string;
  mainCpu: number;
  otherCpu: number;
  wall: number;
  solveSec: number | null;
  rows: number | null;
  note: string;
}

/** CPU seconds of this thread and of the whole process (every thread) so far. */
function cpuNow() {
  const thread = process.threadCpuUsage();
  const all = process.cpuUsage();
  return { main: (thread.user + thread.system) / 1e6, all: (all.user + all.system) / 1e6, wall: performance.now() };
}

async function measure<T>(phase: string, work: () => Promise<T>): Promise<{ cost: Cost; value: T }> {
  const a = cpuNow();
  const value = await work();
  const b = cpuNow();
  const main = b.main - a.main;
  return {
    value,
    cost: {
      phase,
      mainCpu: main,
      otherCpu: b.all - a.all - main,
      wall: (b.wall - a.wall) / 1000,
      solveSec: null,
      rows: null,
      note: '',
    },
  };
}

/** Rows inserted, updated or deleted through the program's write connection since it opened. */
async function rowsWritten(program: Program): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(program.db);
  return rows[0].n;
}

const RUNS = (yearFrom: number): { label: string; params: Partial<GenerationParams> }[] => [
  { label: 'block+calls, block 4', params: { scope: 'block+calls', blockNumber: 4 } },
  { label: 'annual plan', params: { scope: 'annual' } },
  { label: `year from block ${yearFrom}`, params: { scope: 'year', fromBlock: yearFrom } },
];

async function benchSize(pool: WorkerPool, dir: string, residents: number, a: ReturnType<typeof args>) {
  const costs: Cost[] = [];
  const file = path.join(dir, `cost-${residents}.sqlite`);
  rmSync(file, { force: true });
  const data = await measure('generate the demo (in memory)', async () =>
    generateProgram({ seed: a.seed, academicYear: YEAR, residentsPerPgy: residentsPerPgyFor(residents) }),
  );
  costs.push(data.cost);
  const opened = await measure('create the file (migrations)', () => openProgram(file, { create: true }));
  costs.push(opened.cost);
  const program = opened.value;
  const jobs = new JobService(pool);
  const runner = createGenerationRunner({ jobs });
  try {
    let before = await rowsWritten(program);
    const written = await measure('write the program', () => writeProgramData(program, data.value, 'bench'));
    let after = await rowsWritten(program);
    costs.push({ ...written.cost, rows: after - before });
    for (const run of RUNS(a.yearFrom)) {
      before = after;
      const done = await measure(run.label, async () => {
        const { jobId } = await runner.start(program, 'bench', {
          blockNumber: null,
          fromBlock: null,
          toBlock: null,
          scope: 'annual',
          ...run.params,
          academicYear: YEAR,
          timeLimitSec: a.limit,
          backend: 'highs',
        });
        const ended = await jobs.wait(jobId);
        await runner.idle();
        return ended.result as GenerationResult | null;
      });
      after = await rowsWritten(program);
      const result = done.value;
      const models = result?.figures.models ?? [];
      costs.push({
        ...done.cost,
        rows: after - before,
        solveSec: models.reduce((s, m) => s + m.solveSec, 0),
        note: result ? `${result.status}, ${models.length} model(s)` : 'no result',
      });
    }
  } finally {
    jobs.cancelAll();
    await program.close();
    rmSync(file, { force: true });
  }
  return costs;
}

function print(residents: number, costs: Cost[]) {
  const f = (n: number | null, d = 2) => (n === null ? '' : n.toFixed(d));
  console.log(`\n${residents} residents (load ${os.loadavg()[0].toFixed(1)} at the end)`);
  console.log(['phase'.padEnd(30), 'main CPU s', 'other CPU s', 'wall s', 'solve s', 'rows', 'note'].join(' | '));
  for (const c of costs)
    console.log(
      [
        c.phase.padEnd(30),
        f(c.mainCpu).padStart(10),
        f(c.otherCpu).padStart(11),
        f(c.wall).padStart(6),
        f(c.solveSec).padStart(7),
        String(c.rows ?? '').padStart(4),
        c.note,
      ].join(' | '),
    );
  const runs = costs.filter((c) => c.solveSec !== null);
  const sum = (g: (c: Cost) => number) => runs.reduce((s, c) => s + g(c), 0);
  console.log(
    `runs: main ${f(sum((c) => c.mainCpu))} + other ${f(sum((c) => c.otherCpu))} CPU-s, ` +
      `of which solving ${f(sum((c) => c.solveSec ?? 0))} s (worker wall)`,
  );
}

async function main() {
  const a = args();
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'bench-cost-'));
  try {
    await buildWorkers({ outDir: dir });
    console.log(
      `Generation cost: AY ${YEAR}, seed ${a.seed}, HiGHS, one solve thread (not warmed), limit ${a.limit} s; ` +
        `load ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores. "other" = every thread but ` +
        'the main one (the solve worker, GC and I/O helpers); "solve s" = the models\' solve seconds in the worker ' +
        '(wall, HiGHS with its packing); the first run includes the worker loading.',
    );
    for (const residents of a.sizes) {
      const pool = createWorkerPool({ workerDir: dir, maxThreads: 1, warm: false });
      try {
        print(residents, await benchSize(pool, dir, residents, a));
      } finally {
        await pool.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
