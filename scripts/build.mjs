// `npm run build`: bundles everything the app and the tests run from dist/.
//   dist/electron/main.cjs, preload.cjs   Electron main (CommonJS) and sandboxed preload
//   dist/workers/<task>.cjs               one standalone CommonJS file per workers/<task>.worker.ts
//   dist/cli/main.mjs (+ chunks)          the command line, one chunk per command (scripts/cli.mjs runs it)
//   dist/host/bridge.js, start.mjs        browser test host: page bridge (IIFE) and server (ESM), never packaged
//   dist/renderer/                        vite build of renderer/ (when renderer/vite.config.ts exists)
//   dist/demo/demo-program.sqlite         scripts/build-demo.ts (when it exists)
// Option: --only=electron,workers,cli,host,renderer,demo (comma-separated parts to build).
// `npm run build:e2e` (run by `npm run test:e2e`) builds only what the browser tests run: workers,
// host, renderer, demo. The Electron bundles and the CLI are built and tested by their own vitest
// files (electron-main, cli-built), so CI does not bundle them a second time for Playwright.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { STAMP_FILE, writeStamp } from './build-stamp.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/**
 * Packages a worker or the main process loads from node_modules at run time instead of from the
 * bundle: native addons, piscina (it spawns its own worker script), and the solvers, whose
 * emscripten loaders find their .wasm next to their own JS file (highs via __dirname, glpk.js via
 * import.meta.url), which a bundle would break.
 */
export const runtimeExternals = ['electron', 'better-sqlite3', 'piscina', 'highs', 'glpk.js', 'pdfkit'];

/** esbuild options of the Node bundles (main process, workers); the command line adds ESM splitting. */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  external: runtimeExternals,
  // CommonJS output: give bundled ESM code a working import.meta.url.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

/** Bundled CommonJS packages call require(): give ESM output one. */
const esmRequireBanner = {
  js: [
    "import { createRequire as __createRequire } from 'node:module';",
    'const require = __createRequire(import.meta.url);',
  ].join('\n'),
};

/** Worker task files in a directory: `<task>.worker.ts` → task name. */
export function workerEntries(srcDir = path.join(root, 'workers')) {
  if (!existsSync(srcDir)) return [];
  return readdirSync(srcDir)
    .filter((f) => f.endsWith('.worker.ts'))
    .map((f) => ({ task: f.slice(0, -'.worker.ts'.length), file: path.join(srcDir, f) }));
}

/**
 * Bundle each worker into `<outDir>/<task>.cjs`, a standalone CommonJS file piscina can load. One
 * esbuild run for all of them, so the modules they share (the core, the rules, the solvers) are
 * parsed once, not once per worker: a third of the CPU of a build per worker.
 */
export async function buildWorkers({ srcDir = path.join(root, 'workers'), outDir = path.join(dist, 'workers') } = {}) {
  const started = Date.now();
  const entries = workerEntries(srcDir);
  const result = await esbuild.build({
    ...nodeBundle,
    entryPoints: Object.fromEntries(entries.map(({ task, file }) => [task, file])),
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    metafile: true,
  });
  // The folder itself is watched too: a new <task>.worker.ts changes its file list.
  writeStamp(root, outDir, [result.metafile], started, [path.relative(root, srcDir)]);
  return entries.map((e) => e.task);
}

/**
 * The command line: dist/cli/main.mjs and a chunk per command, loaded only when that command runs
 * (esbuild splits ESM only), so `--help` reads a few kilobytes. Each file is written under a
 * temporary name and renamed into place, so a CLI starting meanwhile never reads half a file.
 */
export async function buildCli({ outDir = path.join(dist, 'cli') } = {}) {
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'core/cli/main.ts')],
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    external: runtimeExternals,
    metafile: true,
    write: false,
    banner: esmRequireBanner,
  });
  mkdirSync(outDir, { recursive: true });
  const written = new Set([STAMP_FILE]);
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written.add(path.basename(file.path));
  }
  // Chunks of an earlier build (their names carry a content hash).
  for (const name of readdirSync(outDir)) if (!written.has(name)) rmSync(path.join(outDir, name), { force: true });
  writeStamp(root, outDir, [result.metafile], started);
}

export async function buildElectron({ outDir = path.join(dist, 'electron') } = {}) {
  await Promise.all([
    esbuild.build({
      ...nodeBundle,
      entryPoints: [path.join(root, 'electron/main.ts')],
      outfile: path.join(outDir, 'main.cjs'),
      define: { ...nodeBundle.define, 'process.env.NODE_ENV': '"production"' },
    }),
    // A sandboxed preload can require only 'electron': everything else is bundled in.
    esbuild.build({
      ...nodeBundle,
      entryPoints: [path.join(root, 'electron/preload.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      external: ['electron'],
      minify: true,
      define: {},
      banner: {},
    }),
  ]);
}

export async function buildHostBridge({ outDir = path.join(dist, 'host') } = {}) {
  await esbuild.build({
    entryPoints: [path.join(root, 'test/host/bridge.ts')],
    outfile: path.join(outDir, 'bridge.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  });
}

/**
 * The browser test host's server (test/host/start.ts and the core it runs) as one ES module,
 * dist/host/start.mjs, which the e2e run starts with plain node: 1.0 CPU-s to its URL against
 * 3.5-4.7 through tsx, which transforms the core's TypeScript at each start. Its stamp lets the
 * run's global setup rebuild it when a source changed since (test/e2e/global-setup.ts).
 */
export async function buildHostServer({ outDir = path.join(dist, 'host') } = {}) {
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'test/host/start.ts')],
    outfile: path.join(outDir, 'start.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    logLevel: 'warning',
    absWorkingDir: root,
    external: runtimeExternals,
    metafile: true,
    banner: esmRequireBanner,
  });
  writeStamp(root, outDir, [result.metafile], started);
}

function runNode(args, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code ?? signal})`)),
    );
  });
}

export async function buildRenderer() {
  const config = path.join(root, 'renderer/vite.config.ts');
  if (!existsSync(config)) return false;
  await runNode(
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--logLevel', 'warn'],
    'vite build',
  );
  return true;
}

/** Build the demo program (it is quick, and its academic year follows today's date). */
export async function buildDemo() {
  const script = path.join(root, 'scripts/build-demo.ts');
  if (!existsSync(script)) return false;
  await runNode([path.join(root, 'node_modules/tsx/dist/cli.mjs'), script], 'demo build');
  return true;
}

async function main() {
  const args = process.argv.slice(2);
  const onlyArg = args.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
  const want = (part) => !only || only.has(part);
  const timings = [];
  const step = async (name, fn) => {
    if (!want(name)) return;
    const t0 = performance.now();
    const note = await fn();
    timings.push(
      `${name} ${((performance.now() - t0) / 1000).toFixed(1)}s${typeof note === 'string' ? ` (${note})` : ''}`,
    );
  };
  // All parts at once: the esbuild bundles, vite and the demo builder (separate processes) write to
  // separate folders of dist/, and one waiting on its disk or its start leaves the cores to the others.
  await Promise.all([
    step('electron', () => buildElectron()),
    step('workers', async () => (await buildWorkers()).join(', ')),
    step('cli', () => buildCli()),
    step('host', () => Promise.all([buildHostBridge(), buildHostServer()])),
    step('renderer', async () => ((await buildRenderer()) ? undefined : 'skipped: no renderer/vite.config.ts')),
    step('demo', async () => ((await buildDemo()) ? undefined : 'skipped: no scripts/build-demo.ts')),
  ]);
  console.log(`build: ${timings.join('; ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
