// Curtois benchmark: `npm run bench:curtois [files...] [--time-limit S] [--backend highs|glpk]
// [--seed N] [--synthetic DAYSxSTAFFxSHIFTS[@SEED]]... [--write-synthetic DIR] [--progress]`.
// Solves each instance with the rostering engine and reports the objective as recomputed by the
// independent evaluator (never the solver's own number), against the best known value.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBackendName } from '../core/solver/backends';
import {
  curtoisToRoster,
  evaluateCurtois,
  formatCurtois,
  parseCurtois,
  rosterToCurtois,
  type CurtoisInstance,
} from '../core/solver/curtois';
import { generateCurtoisInstance } from '../core/solver/curtois/synthetic';
import { solveRoster } from '../core/solver/roster';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(repoRoot, 'test/fixtures/curtois');

/** The machine's load (the figures depend on it: the machine may be shared). */
function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`;
  }
}

/** Published values: optimal for the instances handed out with the project, best known for 4–10. */
const BEST_KNOWN: Record<string, number> = {
  Instance1: 607,
  Instance2: 828,
  Instance3: 1001,
  Instance4: 1716,
  Instance5: 1143,
  Instance6: 1950,
  Instance7: 1056,
  Instance8: 1300,
  Instance9: 439,
  Instance10: 4631,
};

function parseArgs(argv: string[]) {
  const files: string[] = [];
  let timeLimit = 60;
  let backend = 'highs';
  let seed = 1;
  let progress = false;
  let writeDir: string | null = null;
  const synthetic: { days: number; staff: number; shifts: number; seed: number }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--time-limit') {
      timeLimit = Number(value());
      if (!(timeLimit > 0)) throw new Error(`--time-limit must be a positive number of seconds`);
    } else if (a === '--backend') {
      backend = value();
      if (!isBackendName(backend)) throw new Error(`--backend must be highs or glpk, got "${backend}"`);
    } else if (a === '--seed') seed = Number(value());
    else if (a === '--progress') progress = true;
    else if (a === '--write-synthetic') writeDir = resolve(process.cwd(), value());
    else if (a === '--synthetic') {
      const spec = value();
      const m = /^(\d+)x(\d+)x(\d+)(?:@(\d+))?$/.exec(spec);
      if (!m) throw new Error(`--synthetic expects DAYSxSTAFFxSHIFTS[@SEED], e.g. 28x20x3@1, got "${spec}"`);
      synthetic.push({ days: Number(m[1]), staff: Number(m[2]), shifts: Number(m[3]), seed: Number(m[4] ?? 1) });
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else files.push(resolve(process.cwd(), a));
  }
  if (files.length === 0 && synthetic.length === 0)
    for (const n of [1, 2, 3]) files.push(resolve(dataDir, `Instance${n}.txt`));
  return { files, synthetic, writeDir, timeLimit, backend: backend as 'highs' | 'glpk', seed, progress };
}

const fmt = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

async function main() {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Curtois benchmark — backend ${args.backend}, time limit ${args.timeLimit} s, seed ${args.seed}`);
  console.log(`uptime at the start: ${uptime()}`);
  const rows: string[][] = [];
  let failures = 0;
  const instances: CurtoisInstance[] = args.files.map((file) =>
    parseCurtois(readFileSync(file, 'utf8'), basename(file)),
  );
  for (const spec of args.synthetic) {
    const generated = generateCurtoisInstance(spec);
    // Round-trip through the text format so generated instances are read like published ones.
    const text = formatCurtois(generated);
    if (args.writeDir) {
      mkdirSync(args.writeDir, { recursive: true });
      writeFileSync(resolve(args.writeDir, `${generated.name}.txt`), text);
    }
    instances.push(parseCurtois(text, generated.name));
  }
  for (const instance of instances) {
    const problem = curtoisToRoster(instance);
    // Peak memory of the process during this instance (sampled; the solve runs on this thread).
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    const result = await solveRoster(problem, {
      timeLimitSec: args.timeLimit,
      backend: args.backend,
      seed: args.seed,
      onProgress: args.progress
        ? (p) =>
            console.log(
              `  [${instance.name}] ${p.elapsedSec.toFixed(1)}s ${p.phase} it=${p.iterations} obj=${p.objective ?? '—'} bound=${p.bound === null ? '—' : p.bound.toFixed(1)}`,
            )
        : undefined,
    });
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const memory = `${(peakRss / 2 ** 20).toFixed(0)} MB`;
    const best = BEST_KNOWN[instance.name] ?? null;
    if (!result.roster) {
      failures++;
      rows.push([
        instance.name,
        `${instance.horizonDays}×${instance.staff.length}×${instance.shifts.length}`,
        '—',
        fmt(best, 0),
        '—',
        fmt(result.bound, 1),
        '—',
        '—',
        '—',
        fmt(args.timeLimit, 0),
        memory,
        'no roster',
        result.message,
      ]);
      continue;
    }
    const evaluation = evaluateCurtois(instance, rosterToCurtois(instance, result.roster));
    if (!evaluation.feasible) failures++;
    if (evaluation.objective !== result.objective) failures++;
    const gap = best === null ? null : ((evaluation.objective - best) / best) * 100;
    const boundGap =
      result.bound === null ? null : ((evaluation.objective - result.bound) / Math.max(1, evaluation.objective)) * 100;
    rows.push([
      instance.name,
      `${instance.horizonDays}×${instance.staff.length}×${instance.shifts.length}`,
      String(evaluation.objective),
      fmt(best, 0),
      gap === null ? '—' : `${gap.toFixed(2)}%`,
      fmt(result.bound, 1),
      boundGap === null ? '—' : `${boundGap.toFixed(2)}%`,
      fmt(result.firstFeasibleSec, 2),
      fmt(result.bestSec, 2),
      fmt(args.timeLimit, 0),
      memory,
      evaluation.feasible ? 'feasible' : `INFEASIBLE (${evaluation.violations.length})`,
      `${result.status}, ${result.iterations} sub-solves, ${fmt(result.elapsedSec, 1)} s` +
        (evaluation.objective !== result.objective ? `, SOLVER SAID ${result.objective}` : ''),
    ]);
    for (const v of evaluation.violations.slice(0, 10)) console.log(`  violation: ${v.message}`);
  }
  const header = [
    'instance',
    'days×staff×shifts',
    'objective',
    'best known',
    'gap',
    'lower bound',
    'gap to bound',
    'first feasible s',
    'best at s',
    'limit s',
    'peak RSS',
    'evaluator',
    'solver',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`uptime at the end: ${uptime()}`);
  if (failures > 0) {
    console.error(`${failures} problem(s): see above`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
