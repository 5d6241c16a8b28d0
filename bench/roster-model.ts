// What building the roster engine's model costs (issue 12): on generated Curtois-shaped instances, each
// shape's model built a few times, with the main thread's and the whole process's CPU (GC helper threads
// included), the time V8 spent in GC pauses, the peak resident memory above the level before the build
// (sampled by a worker thread, since the build is one synchronous call; the first build of a shape runs in a
// fresh process, so only its figure is the build's own) and the heap the model keeps.
// Figures are printed with the load, never asserted.
//   npm run bench:roster-model -- [--shapes 28x30x4,112x120x18,364x150x32] [--seed 1] [--builds 3]
import { fork } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { curtoisToRoster } from '../core/solver/curtois/adapter';
import { generateCurtoisInstance } from '../core/solver/curtois/synthetic';
import { buildRosterModel, type CompiledRoster, compileRoster } from '../core/solver/roster';

function args() {
  const { values } = parseArgs({
    options: {
      shapes: { type: 'string', default: '28x30x4,112x120x18,364x150x32' },
      seed: { type: 'string', default: '1' },
      builds: { type: 'string', default: '3' },
      one: { type: 'string' },
    },
  });
  const shapes = values.shapes.split(',');
  shapes.forEach(parseShape);
  return { shapes, seed: Number(values.seed), builds: Number(values.builds), one: values.one };
}

function parseShape(spec: string) {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(spec);
  if (!m) throw new Error(`--shapes expects DAYSxSTAFFxSHIFTS,…, e.g. 28x30x4, got "${spec}"`);
  return { days: Number(m[1]), staff: Number(m[2]), shifts: Number(m[3]) };
}

/** A worker thread that keeps the highest resident set size it sees, every millisecond. */
function startRssSampler() {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 1);`,
    { eval: true, workerData: shared.buffer },
  );
  return {
    reset: () => {
      shared[0] = process.memoryUsage.rss();
    },
    peak: () => Math.max(shared[0], process.memoryUsage.rss()),
    stop: () => worker.terminate(),
  };
}

/** GC pauses, kept to read those that began inside a build. */
const gcPauses: { start: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const cpuSec = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** One build of `compiled`'s model, its figures; the model is garbage once this returns. */
async function buildOnce(compiled: CompiledRoster, sampler: ReturnType<typeof startRssSampler>, gc: () => void) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  sampler.reset();
  const rssBefore = process.memoryUsage.rss();
  const from = performance.now();
  const thread = process.threadCpuUsage();
  const all = process.cpuUsage();
  const rm = buildRosterModel(compiled);
  const mainCpu = cpuSec(process.threadCpuUsage(thread));
  const allCpu = cpuSec(process.cpuUsage(all));
  const to = performance.now();
  const peakRss = sampler.peak() - rssBefore;
  // GC entries arrive after the build returns.
  await new Promise((r) => setTimeout(r, 10));
  const gcMs = gcPauses.filter((p) => p.start >= from && p.start <= to).reduce((n, p) => n + p.ms, 0);
  gc();
  const keptHeap = process.memoryUsage().heapUsed - heapBefore;
  const nonzeros = rm.model.rows.reduce((n, r) => n + r.indices.length, 0);
  return { rows: rm.model.rows.length, nonzeros, mainCpu, allCpu, gcMs, peakRss, keptHeap };
}

/** One shape in this process (a fresh one, so its first build's peak memory is its own). */
async function runShape(spec: string, seed: number, builds: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const shape = parseShape(spec);
  const compiled = compileRoster(curtoisToRoster(generateCurtoisInstance({ ...shape, seed })));
  const sampler = startRssSampler();
  // Let the sampler start before the first build.
  await new Promise((r) => setTimeout(r, 50));
  for (let b = 1; b <= builds; b++) {
    const f = await buildOnce(compiled, sampler, gc);
    console.log(
      [
        spec.padEnd(12),
        String(f.rows).padStart(7),
        String(f.nonzeros).padStart(9),
        String(b).padStart(6),
        f.mainCpu.toFixed(2).padStart(11),
        f.allCpu.toFixed(2).padStart(10),
        f.gcMs.toFixed(0).padStart(6),
        mb(f.peakRss).padStart(13),
        mb(f.keptHeap).padStart(14),
      ].join(' '),
    );
  }
  await sampler.stop();
}

async function main() {
  const { shapes, seed, builds, one } = args();
  if (one) return runShape(one, seed, builds);
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${os.cpus().length} CPUs, ${process.version}`,
  );
  console.log('shape           rows  nonzeros  build  main CPU-s  all CPU-s  GC ms  peak RSS +MB  model heap MB');
  for (const spec of shapes) {
    const child = fork(process.argv[1], ['--one', spec, '--seed', String(seed), '--builds', String(builds)], {
      execArgv: [...process.execArgv, '--expose-gc'],
    });
    const code = await new Promise((r) => child.on('exit', r));
    if (code !== 0) throw new Error(`${spec}: the build process ended with ${code}`);
  }
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
