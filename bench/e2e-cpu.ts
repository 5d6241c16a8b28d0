// `npm run bench:e2e-cpu -- [--top <n>] <spec…>`: the true CPU each Playwright spec costs. Each spec
// runs in a cgroup (v1 cpuacct) of its own, so its total counts every descendant, however reparented:
// Chromium's zygote, renderers and gpu-process are waited for by neither the lane nor /usr/bin/time,
// and were about half of the suite's CPU. A sampler reads /proc/<pid>/stat of the cgroup's processes
// and splits the total by role (browser, gpu-process, renderer, the test host, the Playwright runner);
// what it could not see (processes that ended between two looks) is listed as 'unsampled'.
// Needs root and cgroup v1 cpuacct (/sys/fs/cgroup/cpuacct), and a build: `npm run build:e2e` first.
// Specs are paths or names under test/e2e ('grid-fit' = test/e2e/grid-fit.spec.ts); none = all.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const CPUACCT = '/sys/fs/cgroup/cpuacct';
const SAMPLE_MS = 200;
const TICKS_PER_S = 100; // USER_HZ on Linux

const argv = process.argv.slice(2);
const topAt = argv.indexOf('--top');
const top = topAt >= 0 ? Number(argv[topAt + 1]) : 10;
const names = argv.filter((_, i) => topAt < 0 || (i !== topAt && i !== topAt + 1));

function specPath(name: string): string {
  if (existsSync(path.resolve(root, name))) return path.relative(root, path.resolve(root, name));
  const file = path.join('test/e2e', name.endsWith('.spec.ts') ? name : `${name}.spec.ts`);
  if (!existsSync(path.join(root, file))) throw new Error(`No spec '${name}' (looked for ${file})`);
  return file;
}

const specs = names.length
  ? names.map(specPath)
  : readdirSync(path.join(root, 'test/e2e'))
      .filter((f) => f.endsWith('.spec.ts'))
      .sort()
      .map((f) => path.join('test/e2e', f));

if (!existsSync(path.join(CPUACCT, 'cpuacct.usage')))
  throw new Error(`No cgroup v1 cpuacct at ${CPUACCT}: this bench needs it (and root) to count Chromium's processes`);
if (!existsSync(path.join(root, 'dist/renderer'))) throw new Error('No build in dist/: run `npm run build:e2e` first');

type Role = 'browser' | 'gpu-process' | 'renderer' | 'zygote' | 'chromium other' | 'host' | 'playwright' | 'other';
const ROLES: Role[] = ['browser', 'gpu-process', 'renderer', 'zygote', 'chromium other', 'host', 'playwright', 'other'];

function roleOf(cmdline: string): Role {
  if (/^(chromium|chrome|headless_shell|chrome-headless-shell)/.test(path.basename(cmdline.split(' ')[0] ?? ''))) {
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    if (!type) return 'browser';
    if (type === 'gpu-process' || type === 'renderer' || type === 'zygote') return type;
    return 'chromium other';
  }
  if (cmdline.includes('test/host') || cmdline.includes('host.mjs') || cmdline.includes('dist/host')) return 'host';
  if (cmdline.includes('playwright')) return 'playwright';
  return 'other';
}

/** CPU seconds a process has used so far (user + system), or null once it is gone. */
function cpuOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

function cmdlineOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

interface Result {
  spec: string;
  ok: boolean;
  wallS: number;
  cpuS: number;
  byRole: Map<Role, number>;
  processes: number;
}

async function measure(spec: string, index: number): Promise<Result> {
  const group = path.join(CPUACCT, `e2e-cpu-${process.pid}-${index}`);
  mkdirSync(group);
  const seen = new Map<string, { role: Role; cpu: number }>();
  const sample = () => {
    for (const pid of readFileSync(path.join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
      const cpu = cpuOf(pid);
      if (cpu === null) continue;
      // Read each time: a process found as Chromium's shell wrapper, or a renderer still under the
      // zygote's name, takes its own command line a moment later.
      const cmdline = cmdlineOf(pid);
      const known = seen.get(pid);
      if (known) {
        known.cpu = Math.max(known.cpu, cpu);
        if (cmdline) known.role = roleOf(cmdline);
      } else seen.set(pid, { role: roleOf(cmdline), cpu });
    }
  };
  const started = Date.now();
  // The shell joins the cgroup before it becomes Playwright, so every process after it is counted.
  const child = spawn('sh', ['-c', `echo $$ > ${group}/tasks && exec "$@"`, 'sh', 'npx', 'playwright', 'test', spec], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const sampler = setInterval(sample, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const wallS = (Date.now() - started) / 1000;
  // Chromium's last processes may outlive the runner for a moment: wait until the cgroup is empty.
  for (let i = 0; i < 50 && readFileSync(path.join(group, 'cgroup.procs'), 'utf8').trim(); i++) {
    sample();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const left = readFileSync(path.join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
  for (const pid of left) process.kill(Number(pid), 'SIGKILL');
  const cpuS = Number(readFileSync(path.join(group, 'cpuacct.usage'), 'utf8')) / 1e9;
  for (let i = 0; i < 50; i++) {
    try {
      rmdirSync(group);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const byRole = new Map<Role, number>();
  for (const { role, cpu } of seen.values()) byRole.set(role, (byRole.get(role) ?? 0) + cpu);
  return { spec, ok: code === 0, wallS, cpuS, byRole, processes: seen.size };
}

const f1 = (x: number) => x.toFixed(1).padStart(7);
console.log(`e2e CPU per spec (cgroup cpuacct); ${os.cpus().length} cores; load before: ${load()}`);
const results: Result[] = [];
for (const [i, spec] of specs.entries()) {
  const loadBefore = load();
  const r = await measure(spec, i);
  results.push(r);
  const sampled = [...r.byRole.values()].reduce((s, x) => s + x, 0);
  const parts = ROLES.filter((role) => (r.byRole.get(role) ?? 0) >= 0.05)
    .map((role) => `${role} ${(r.byRole.get(role) ?? 0).toFixed(1)}`)
    .concat(`unsampled ${Math.max(0, r.cpuS - sampled).toFixed(1)}`);
  console.log(
    `${r.ok ? 'ok    ' : 'FAILED'} ${spec}: CPU ${r.cpuS.toFixed(1)} s, wall ${r.wallS.toFixed(1)} s, ` +
      `${r.processes} processes; load ${loadBefore} -> ${load()}\n         ${parts.join(', ')}`,
  );
}
if (results.length > 1) {
  const total = results.reduce((s, r) => s + r.cpuS, 0);
  const wall = results.reduce((s, r) => s + r.wallS, 0);
  console.log(`\nheaviest ${Math.min(top, results.length)} of ${results.length} specs (CPU s, wall s):`);
  for (const r of [...results].sort((a, b) => b.cpuS - a.cpuS).slice(0, top))
    console.log(`${f1(r.cpuS)} ${f1(r.wallS)}  ${r.spec}${r.ok ? '' : '  (FAILED)'}`);
  const roleTotals = ROLES.map((role) => ({ role, s: results.reduce((s, r) => s + (r.byRole.get(role) ?? 0), 0) }));
  console.log(
    `all: CPU ${total.toFixed(1)} s, wall ${wall.toFixed(1)} s; ` +
      roleTotals
        .filter((x) => x.s >= 0.05)
        .map((x) => `${x.role} ${x.s.toFixed(1)}`)
        .join(', '),
  );
}
console.log(`load after: ${load()}`);
if (results.some((r) => !r.ok)) process.exitCode = 1;
