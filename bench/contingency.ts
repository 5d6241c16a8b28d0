// Benchmark of the N-1/N-2 contingency sweep through the app's path (service → worker pool →
// recorded run) for the whole academic year, on the bundled demo program (17 residents, 12
// faculty) and on a generated 40-resident program, with 1 and 2 worker threads. Prints wall time,
// losses and pair-weeks, pair-weeks per second per worker, the speed-up from 1 to 2 workers,
// repair models solved (and how many by HiGHS), pair-weeks pruned exactly, the CPU time of all
// threads (what the wall time would be on a quiet machine with one worker) and the machine's load
// (`uptime`: the machine is shared). Targets: demo N-1 < 2 s, demo N-2 < 10 s, 40 residents N-2 < 60 s.
//
//   npm run bench:contingency [-- --only=demo|40] [--depth=1|2] [--workers=1,2] [--weeks=N]
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { generateProgram, residentsPerPgyFor } from '../core/demo/generate';
import type { ProgramData } from '../core/domain/program';
import { addDays } from '../core/domain/calendar';
import { createWorkerPool } from '../core/jobs/pool';
import { JobService } from '../core/jobs/service';
import {
  createContingencyRunner,
  getContingencyRun,
  type ContingencyJobResult,
  type SweepRun,
} from '../core/services/contingency';
import { openProgram, writeProgramData } from '../core/services/program';
import { buildWorkers, root } from '../scripts/build.mjs';

const YEAR = 2026;
/** The bundled demo's seed (scripts/build-demo.ts). */
const DEMO_SEED = 20260701;

function option(name: string): string | null {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
}

const uptime = () => execSync('uptime').toString().trim();

interface Case {
  label: string;
  data: ProgramData;
  target: Record<1 | 2, number | null>;
}

async function main() {
  const only = option('only');
  const depths = (option('depth') ?? '1,2').split(',').map(Number) as (1 | 2)[];
  const threads = (option('workers') ?? '1,2').split(',').map(Number);
  const weeks = option('weeks') ? Number(option('weeks')) : null;
  const cases: Case[] = [];
  if (!only || only === 'demo')
    cases.push({
      label: 'demo (17 residents, 12 faculty)',
      data: generateProgram({ seed: DEMO_SEED, academicYear: YEAR }),
      target: { 1: 2, 2: 10 },
    });
  if (!only || only === '40')
    cases.push({
      label: '40 residents',
      data: generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: residentsPerPgyFor(40) }),
      target: { 1: null, 2: 60 },
    });

  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'bench-contingency-'));
  try {
    const workerDir = path.join(dir, 'workers');
    await buildWorkers({ outDir: workerDir });
    console.log(`load before: ${uptime()}`);
    for (const c of cases) {
      const template = path.join(dir, `${c.label.replace(/\W+/g, '-')}.sqlite`);
      const program = await openProgram(template, { create: true });
      await writeProgramData(program, c.data, 'bench');
      await program.close();
      const staff = c.data.people.filter((p) => p.active && (p.kind === 'resident' || p.kind === 'faculty')).length;
      for (const depth of depths) {
        const seconds = new Map<number, number>();
        for (const n of threads) {
          // A fresh copy each time: a second sweep of an unchanged program would reuse every week.
          const file = path.join(dir, `run-${depth}-${n}.sqlite`);
          rmSync(file, { force: true });
          const copy = await openProgram(template);
          await copy.backupTo(file);
          await copy.close();
          const { run, cpuSec } = await sweep(file, n, depth, weeks);
          const f = run.result.figures;
          const wall = f.elapsedSec;
          seconds.set(n, wall);
          const target = c.target[depth];
          const units = depth === 2 ? f.pairWeeks : f.singleLosses;
          console.log(
            [
              `${c.label}, ${depth === 2 ? 'N-2 (all pairs)' : 'N-1'}, ${f.weeks} weeks, ${staff} staff, ${n} ` +
                `worker${n === 1 ? '' : 's'}:`,
              `  wall ${wall.toFixed(1)} ` +
                `s${target !== null ? ` (target < ${target} s: ${wall < target ? 'met' : 'NOT met'})` : ''}; ` +
                `complete: ${run.result.complete}`,
              // CPU time does not wait for other processes: on a quiet machine, wall ≈ CPU ÷ workers kept busy.
              `  CPU ${cpuSec.toFixed(1)} s (all threads; ${(units / cpuSec).toFixed(1)} ` +
                `${depth === 2 ? 'pair-weeks' : 'losses'} per CPU second)`,
              `  ${f.singleLosses} single losses to ` +
                `repair${depth === 2 ? `, ${f.pairWeeks} pair-weeks (${f.pairs} pairs)` : ''}; ` +
                `${(units / wall / n).toFixed(1)} ${depth === 2 ? 'pair-weeks' : 'losses'} per second per worker`,
              `  ${f.modelsSolved} repair models solved (${f.milpSolved} by HiGHS), ${f.pruned} pair-weeks pruned ` +
                `exactly, ${f.validatorRejections} sent back by the compliance engine`,
              `  ${run.result.singlePointsOfFailure.length} single points of failure, ` +
                `${run.result.pairs.filter((p) => p.uncoveredWeeks).length} fatal pairs`,
            ].join('\n'),
          );
        }
        if (seconds.has(1) && seconds.has(2))
          console.log(`  speed-up 1 → 2 workers: ${(seconds.get(1)! / seconds.get(2)!).toFixed(2)}×`);
      }
    }
    console.log(`load after: ${uptime()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A sweep's recorded run and the CPU time it took (every thread of this process: the pool's workers too). */
async function sweep(
  file: string,
  threads: number,
  depth: 1 | 2,
  weeks: number | null,
): Promise<{ run: SweepRun; cpuSec: number }> {
  const program = await openProgram(file);
  const pool = createWorkerPool({
    workerDir: path.join(path.dirname(file), 'workers'),
    maxThreads: threads,
    warm: false,
  });
  const jobs = new JobService(pool);
  try {
    const runner = createContingencyRunner({ jobs });
    const start = `${YEAR}-07-01`;
    const end = weeks ? addDays(start, weeks * 7 - 1) : `${YEAR + 1}-06-30`;
    const cpu = process.cpuUsage();
    const { jobId } = await runner.startSweep(program, 'bench', {
      start,
      end,
      depth,
      gone: { mode: 'period' },
      timeLimitSec: 3600,
    });
    const done = await jobs.wait(jobId);
    const used = process.cpuUsage(cpu);
    if (done.state !== 'succeeded') throw new Error(`The sweep ${done.state}: ${done.error}`);
    const run = await getContingencyRun(program, { runId: (done.result as ContingencyJobResult).runId });
    return { run: run as SweepRun, cpuSec: (used.user + used.system) / 1e6 };
  } finally {
    await pool.close();
    await program.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
