// `npm run bench:tests`: where the test run spends its time. Reads the reports `bash .ci/run`
// writes (.tmp/ci/vitest.json, vitest-cpu.jsonl, playwright.json) or the files given, and prints the
// slowest vitest files and Playwright specs. With the CPU log (TEST_CPU_LOG=<file> during the vitest
// run, test/cpu-log.ts) it prints each file's CPU seconds too: on a loaded machine wall times
// stretch, CPU time is what compares between runs.
//   npm run bench:tests -- [--vitest <json>] [--playwright <json>] [--cpu <jsonl>] [--top <n>]
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function arg(name: string, fallback: string | null): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : fallback;
}

const top = Number(arg('--top', '20'));
const vitestFile = arg('--vitest', path.join(root, '.tmp/ci/vitest.json'));
const playwrightFile = arg('--playwright', path.join(root, '.tmp/ci/playwright.json'));
const cpuFile = arg('--cpu', path.join(root, '.tmp/ci/vitest-cpu.jsonl'));
// Paths from the test root on, whichever checkout wrote the report.
const relative = (file: string) => file.replace(/^.*?\/(test\/)/, '$1');
const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(7);
/** How many times its CPU a test file took, in its column. */
const wallPerCpu = (ms: number, c: { own: number; children: number }) =>
  (ms / 1000 / Math.max(0.01, c.own + c.children)).toFixed(1).padStart(10);

function readJson<T>(file: string | null, what: string): T | null {
  if (!file || !existsSync(file)) {
    console.log(`${what}: no report at ${file ?? '(none given)'}`);
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

interface VitestReport {
  startTime: number;
  numTotalTests: number;
  testResults: { name: string; startTime: number; endTime: number; assertionResults: unknown[] }[];
}

const vitest = readJson<VitestReport>(vitestFile, 'vitest');
if (vitest) {
  // test/cpu-log.ts: the file's own CPU, its child processes' CPU (older logs have none) and wall.
  const cpu = new Map<string, { own: number; children: number; wall: number }>();
  if (cpuFile && existsSync(cpuFile))
    for (const line of readFileSync(cpuFile, 'utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { file: string; cpuSec: number; childCpuSec?: number; wallSec?: number };
      const key = relative(entry.file);
      const sum = cpu.get(key) ?? { own: 0, children: 0, wall: 0 };
      cpu.set(key, {
        own: sum.own + entry.cpuSec,
        children: sum.children + (entry.childCpuSec ?? 0),
        wall: sum.wall + (entry.wallSec ?? 0),
      });
    }
  const files = vitest.testResults
    .map((r) => ({ file: relative(r.name), ms: r.endTime - r.startTime, tests: r.assertionResults.length }))
    .sort((a, b) => b.ms - a.ms);
  const end = Math.max(...vitest.testResults.map((r) => r.endTime));
  const sum = files.reduce((s, f) => s + f.ms, 0);
  const total = (pick: (c: { own: number; children: number }) => number) =>
    [...cpu.values()].reduce((s, c) => s + pick(c), 0);
  console.log(
    `vitest: ${vitest.numTotalTests} tests in ${files.length} files; run ` +
      `${seconds(end - vitest.startTime).trim()} s, ` +
      `files' sum ${seconds(sum).trim()} s` +
      (cpu.size
        ? `, files' CPU ${total((c) => c.own).toFixed(1)} s + their child processes ` +
          `${total((c) => c.children).toFixed(1)} s`
        : ''),
  );
  // wall/CPU: how many times its CPU a file took; far above the machine's load, it waits on something.
  console.log(`  wall s${cpu.size ? '   CPU s  child s  wall/CPU' : ''}  tests  file`);
  for (const f of files.slice(0, top)) {
    const c = cpu.get(f.file);
    const figures = !cpu.size
      ? ''
      : c === undefined
        ? '        ?        ?         ?'
        : `${c.own.toFixed(1).padStart(8)}${c.children.toFixed(1).padStart(9)}${wallPerCpu(f.ms, c)}`;
    console.log(`${seconds(f.ms)}${figures}  ${String(f.tests).padStart(5)}  ${f.file}`);
  }
}

interface PwSuite {
  file?: string;
  specs?: { title: string; file: string; tests: { results: { duration: number }[] }[] }[];
  suites?: PwSuite[];
}
interface PwReport {
  stats: { duration: number; expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PwSuite[];
}

const playwright = readJson<PwReport>(playwrightFile, 'playwright');
if (playwright) {
  const specs = new Map<string, { ms: number; tests: number }>();
  const tests: { title: string; ms: number }[] = [];
  const walk = (suite: PwSuite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests) {
        const ms = t.results.reduce((s, r) => s + r.duration, 0);
        const entry = specs.get(spec.file) ?? { ms: 0, tests: 0 };
        specs.set(spec.file, { ms: entry.ms + ms, tests: entry.tests + 1 });
        tests.push({ title: `${spec.file} › ${spec.title}`, ms });
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of playwright.suites) walk(suite);
  const s = playwright.stats;
  console.log(
    `\nplaywright: ${tests.length} tests in ${specs.size} specs; run ${seconds(s.duration).trim()} s ` +
      `(${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped)`,
  );
  console.log('  wall s  tests  spec');
  for (const [file, { ms, tests: n }] of [...specs].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
    console.log(`${seconds(ms)}  ${String(n).padStart(5)}  ${file}`);
  console.log('  wall s  test');
  for (const t of tests.sort((a, b) => b.ms - a.ms).slice(0, top)) console.log(`${seconds(t.ms)}  ${t.title}`);
}
console.log(
  `\nload: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${os.cpus().length} cores)`,
);
