// Start times of the built command line, as a user runs it: `--help`, `info` and `validate` on a
// generated demo program (17 residents). Targets: --help < 0.3 s, info < 0.5 s. Each command runs
// in a fresh process; wall time from spawn to exit, and the child's own CPU time (reported by a
// preload at exit), with the machine's load. `npm run bench:cli` (`-- --runs N`, default 5).
// Then the same through the desktop app's command-line mode (dist/electron/main.cjs --cli --, what
// the installed launchers run), in Node with Electron faked: Electron's own start-up (it cannot
// run here) comes on top of these figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildElectron } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(root, 'scripts/cli.mjs');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const work = mkdtempSync(path.join(tmpdir(), 'bench-cli-'));
const preload = path.join(work, 'cpu-at-exit.cjs');
writeFileSync(
  preload,
  "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(3, `${u.user + " +
    'u.system}`); });\n',
);
const env = { ...process.env, RS_ACCOUNT: 'coordinator', RS_PASSWORD: 'demo-password' };
// The desktop app's main with a stand-in `electron` module (app.exit ends the process with its code).
const electronStandIn = path.join(work, 'electron.cjs');
writeFileSync(
  electronStandIn,
  `module.exports = { app: {
  isPackaged: false,
  getAppPath: () => ${JSON.stringify(root)},
  getPath: (name) => require('node:path').join(${JSON.stringify(work)}, name),
  disableHardwareAcceleration() {},
  exit: (code) => process.exit(code),
} };
`,
);
const fakeElectron = path.join(work, 'fake-electron.cjs');
writeFileSync(
  fakeElectron,
  `const url = require('node:url').pathToFileURL(${JSON.stringify(electronStandIn)}).href;
require('node:module').registerHooks({
  resolve: (specifier, context, next) =>
    specifier === 'electron' ? { url, shortCircuit: true } : next(specifier, context),
});
`,
);
const appMain = path.join(work, 'electron', 'main.cjs');

function run(args: string[], app = false): { wallMs: number; cpuMs: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  const command = app ? ['--require', fakeElectron, appMain, '--cli', '--'] : [launcher];
  const result = spawnSync(process.execPath, ['--require', preload, ...command, ...args], {
    cwd: root,
    // The app's main is built into the work folder: its packages come from the checkout's.
    env: app ? { ...env, NODE_PATH: path.join(root, 'node_modules') } : env,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const wallMs = performance.now() - t0;
  return { wallMs, cpuMs: Number(result.output[3]) / 1000, status: result.status, stderr: result.stderr };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const secs = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

try {
  // Builds dist/cli and dist/workers if they are stale, so the runs below measure starts only.
  const first = run(['--help']);
  if (first.status !== 0) throw new Error(`the CLI did not start: ${first.stderr}`);
  const program = path.join(work, 'demo.sqlite');
  const demo = run(['demo', program]);
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);

  const cases: { label: string; args: string[]; target?: number }[] = [
    { label: '--help', args: ['--help'], target: 300 },
    { label: 'info', args: ['info', program], target: 500 },
    { label: 'validate', args: ['validate', program] },
  ];
  await buildElectron({ outDir: path.dirname(appMain) });
  for (const app of [false, true]) {
    const what = app ? 'The app’s CLI mode (main.cjs --cli, Electron faked)' : 'CLI';
    console.log(`${what} start times, ${runs} runs each (median, min); load ${load()}`);
    for (const c of cases) {
      const results = Array.from({ length: runs }, () => run(c.args, app));
      const failed = results.find((r) => r.status !== 0 && !(c.label === 'validate' && r.status === 3));
      if (failed) throw new Error(`${c.label} exited ${failed.status}: ${failed.stderr}`);
      const wall = results.map((r) => r.wallMs);
      const cpu = results.map((r) => r.cpuMs);
      const target = c.target && !app ? ` (target < ${secs(c.target)})` : '';
      console.log(
        `  ${c.label.padEnd(9)} wall ${secs(median(wall))} (min ${secs(Math.min(...wall))}), CPU ` +
          `${secs(median(cpu))}${target}`,
      );
    }
  }
  console.log(`load after: ${load()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
