// What the installed app's command line (electron/cli-mode.ts) needs from the package, checked on
// electron-builder.yml with electron-builder's own file matching (app-builder-lib's FileMatcher,
// the code that builds app.asar): the main process inside the archive, and outside it, as real
// files, what worker threads and the native addon need; the launcher next to the executable, and
// the print fonts. Packaging itself needs the Electron binary, which cannot be had here.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBuiltin } from 'node:module';
import * as esbuild from 'esbuild';
import { CLI_LAUNCHER, CLI_SWITCH } from '../../electron/cli-mode';
import { nodeBundle, root, workerEntries } from '../../scripts/build.mjs';
import { productionPackages, readLock, resolveInLock, runtimeClosure } from '../../scripts/package-contents';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(
    config: object,
    name: string,
    destination: string,
    options: {
      macroExpander: (s: string) => string;
      customBuildOptions: object;
      globalOutDir: string;
      defaultSrc: string;
    },
  ): { from: string; to: string; createFilter(): (file: string, stat: fs.Stats) => boolean }[] | null;
};

interface Copy {
  from: string;
  to: string;
}
interface PlatformOptions {
  executableName?: string;
  extraFiles?: Copy[];
  extraResources?: Copy[];
}
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  productName: string;
  directories: { output: string };
  extraResources: Copy[];
  win: PlatformOptions;
  linux: PlatformOptions;
  mac: PlatformOptions;
};

/** A pattern list of electron-builder.yml as electron-builder applies it to files of the checkout. */
function matcher(name: 'files' | 'asarUnpack', platform: PlatformOptions = {}) {
  const matchers = getFileMatchers(config, name, '/packaged', {
    macroExpander: (s) => s,
    customBuildOptions: platform,
    globalOutDir: path.join(root, config.directories.output),
    defaultSrc: root,
  });
  expect(matchers, name).not.toBeNull();
  const filter = matchers![0].createFilter();
  const file = { isDirectory: () => false } as fs.Stats;
  return (relative: string) => filter(path.join(root, relative), file);
}

const unpacked = matcher('asarUnpack');
const packed = matcher('files');
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
const packageDir = (name: string) => path.join(root, 'node_modules', name);

describe('the installed app’s command line', () => {
  it('runs from the main process inside app.asar, which holds no second copy of it', () => {
    expect(packed('dist/electron/main.cjs')).toBe(true);
    expect(packed('package.json')).toBe(true);
    expect(packed('dist/cli/main.mjs')).toBe(false);
    expect(packed('dist/electron/main.cjs.map')).toBe(false);
    // Nor the demo program (the app opens the copy in its resources folder) or the build's stamps.
    expect(packed('dist/demo/demo-program.sqlite')).toBe(false);
    expect(packed('dist/workers/.inputs.json')).toBe(false);
  });

  it('finds the built worker threads as real files, unpacked next to app.asar', () => {
    const tasks = workerEntries().map((w) => w.task);
    expect(tasks).toEqual(expect.arrayContaining(['solve', 'contingency', 'export', 'calendar']));
    for (const task of tasks) {
      expect(packed(`dist/workers/${task}.cjs`), task).toBe(true);
      expect(unpacked(`dist/workers/${task}.cjs`), task).toBe(true);
    }
    // piscina starts each thread from its own worker file; the threads load the solvers from
    // app.asar.unpacked/node_modules (glpk.js reads its .wasm next to it; highs.wasm, compiled once in
    // the main process and handed to the threads, is read there through the same unpacked file).
    expect(unpacked(rel(path.join(packageDir('piscina'), 'dist', 'worker.js')))).toBe(true);
    for (const solver of ['highs', 'glpk.js']) {
      expect(unpacked(rel(require.resolve(solver))), solver).toBe(true);
      const wasm = fs.readdirSync(path.dirname(require.resolve(solver))).filter((f) => f.endsWith('.wasm'));
      expect(wasm, solver).not.toEqual([]);
      for (const f of wasm) expect(unpacked(rel(path.join(path.dirname(require.resolve(solver)), f))), f).toBe(true);
    }
  });

  it('unpacks every package a worker thread loads, with every package it needs in turn', async () => {
    // A worker runs from app.asar.unpacked/dist/workers, and Node looks for the packages it requires
    // in app.asar.unpacked/node_modules only: it cannot see into app.asar (electron/electron#22446),
    // so a package left packed there is "Cannot find module" in the installed app alone.
    const lock = readLock(root);
    const required = await externalPackages(workerEntries().map((w) => path.relative(root, w.file)));
    expect([...required].sort()).toEqual(expect.arrayContaining(['glpk.js', 'highs', 'pdfkit', 'piscina']));
    const keys = [...required].map((name) => resolveInLock(lock, '', name)!);
    const packedOnly = [...runtimeClosure(lock, keys)].filter(
      (key) => !lock.packages[key].optional && !unpacked(`${key}/package.json`),
    );
    expect(packedOnly, 'add them to asarUnpack in electron-builder.yml').toEqual([]);
  }, 120_000);

  it('loads the database’s native addon unpacked, on every platform it ships for', () => {
    const prebuilds = path.join(packageDir('better-sqlite3'), 'prebuilds');
    for (const target of ['win32-x64', 'linux-x64', 'darwin-x64', 'darwin-arm64']) {
      const addon = path.join(prebuilds, `${target}.node`);
      expect(fs.existsSync(addon), addon).toBe(true);
      expect(unpacked(rel(addon)), target).toBe(true);
    }
  });

  it('has a launcher next to the executable on Windows and Linux, in Resources/bin on macOS', () => {
    const launchers = [
      { platform: config.win.extraFiles, to: `${CLI_LAUNCHER}.cmd`, runs: `"%~dp0${config.productName}.exe"` },
      {
        platform: config.linux.extraFiles,
        to: CLI_LAUNCHER,
        runs: `"$(dirname "$self")/${config.linux.executableName}"`,
      },
      {
        platform: config.mac.extraResources,
        to: `bin/${CLI_LAUNCHER}`,
        runs: `"$(dirname "$self")/../../MacOS/${config.productName}"`,
      },
    ];
    for (const { platform, to, runs } of launchers) {
      const copy = platform?.find((c) => c.to === to);
      expect(copy, to).toBeDefined();
      const script = fs.readFileSync(path.join(root, copy!.from), 'utf8');
      // It starts the app in its command-line mode and hands on every argument, after `--`.
      const passes = to.endsWith('.cmd') ? ' %*' : ' "$@"';
      expect(script, copy!.from).toMatch(
        new RegExp(`^(exec )?${escapeRegExp(runs)} .*${CLI_SWITCH} --${escapeRegExp(passes)}$`, 'm'),
      );
      if (to.endsWith('.cmd')) {
        expect(script).toMatch(/\r\nexit \/b %ERRORLEVEL%\r\n$/);
        expect(script.replace(/\r\n/g, '')).not.toContain('\n');
      } else {
        expect(script.startsWith('#!/bin/sh\n')).toBe(true);
        expect(fs.statSync(path.join(root, copy!.from)).mode & 0o111, `${copy!.from} is executable`).toBe(0o111);
      }
    }
    // The Linux launcher needs no display: Ozone's headless platform, before --cli.
    const linux = fs.readFileSync(path.join(root, config.linux.extraFiles![0].from), 'utf8');
    expect(linux).toContain('--ozone-platform=headless --disable-gpu --cli --');
  });

  it('ships the print fonts in the resources folder, where the command line looks for them', () => {
    const fonts = config.extraResources.find((c) => c.to === 'fonts');
    expect(fonts?.from).toBe('resources/fonts');
    for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'])
      expect(fs.existsSync(path.join(root, 'resources', 'fonts', font)), font).toBe(true);
  });
});

describe('the packaged app’s packages', () => {
  // electron-builder copies the production packages (not dev) into the app; everything else the
  // code uses is in the bundles (the renderer's in Vite's, the rest in esbuild's).
  it('hold every package the main process, the workers and the command line load at run time', async () => {
    const required = await externalPackages();
    // The bundles load their externals at run time: native addon, pool, solvers, PDF writer.
    expect([...required].sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'glpk.js', 'highs', 'piscina']));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const lock = readLock(root);
    const shipped = new Set(productionPackages(root, lock));
    for (const name of required) {
      expect(Object.keys(pkg.dependencies), `${name} is required at run time`).toContain(name);
      const key = resolveInLock(lock, '', name);
      expect(key, name).not.toBeNull();
      // …and every package it needs in turn is shipped too.
      const missing = [...runtimeClosure(lock, [key!])].filter((k) => !shipped.has(k) && !lock.packages[k].optional);
      expect(missing, `${name} needs packages the app would not ship`).toEqual([]);
    }
  }, 120_000);
});

let bundles: Promise<esbuild.Metafile> | undefined;
/** What esbuild makes of the main process, the command line and every worker (built once, not written). */
function bundleMetafile(): Promise<esbuild.Metafile> {
  const entryPoints = [
    'electron/main.ts',
    'core/cli/main.ts',
    ...workerEntries().map((w) => path.relative(root, w.file)),
  ].map((f) => path.join(root, f));
  bundles ??= esbuild
    .build({
      ...nodeBundle,
      entryPoints,
      outdir: path.join(root, '.tmp', 'external-requires'),
      write: false,
      sourcemap: false,
      metafile: true,
      logLevel: 'silent',
    })
    .then((result) => result.metafile!);
  return bundles;
}

/** The packages the bundles of these entry points (all when none is given) load from node_modules at run time. */
async function externalPackages(entries?: string[]): Promise<Set<string>> {
  const metafile = await bundleMetafile();
  const wanted =
    entries && new Set(entries.map((f) => path.relative(root, path.join(root, f)).split(path.sep).join('/')));
  const required = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    if (wanted && !(output.entryPoint && wanted.has(output.entryPoint))) continue;
    for (const i of output.imports)
      if (i.external && !isBuiltin(i.path) && i.path !== 'electron')
        required.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]);
  }
  return required;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
