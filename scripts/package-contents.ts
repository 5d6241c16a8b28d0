// What electron-builder puts into the packaged app (app.asar and app.asar.unpacked), computed
// with its own file matching (app-builder-lib) without packaging, which needs the Electron
// binary: the checkout's files that electron-builder.yml's `files` patterns match, and the
// production packages (package-lock.json entries not marked dev: what `npm list --omit dev`,
// electron-builder's collector, lists) after its node-module filters. Used by
// test/unit/electron-package.test.ts and `npm run bench:asar`.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
export interface Lock {
  packages: Record<string, LockEntry>;
}

export function readLock(root: string): Lock {
  return JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lock;
}

/** The lock key of `name` as Node resolves it from the package at lock key `from` ('' = the app). */
export function resolveInLock(lock: Lock, from: string, name: string): string | null {
  for (let dir = from; ; ) {
    const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!dir) return null;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

/**
 * The lock keys a package needs at run time: itself and, recursively, its dependencies (optional
 * ones when installed, peers when the lock has them).
 */
export function runtimeClosure(lock: Lock, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...keys];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key];
    const needs = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
    for (const name of Object.keys(needs)) {
      const found = resolveInLock(lock, key, name);
      if (found) queue.push(found);
    }
  }
  return seen;
}

/** The production packages electron-builder copies: lock entries not marked dev, installed here. */
export function productionPackages(root: string, lock = readLock(root)): string[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && !entry.dev && fs.existsSync(path.join(root, key)))
    .map(([key]) => key);
}

// app-builder-lib's NodeModuleCopyHelper: names skipped anywhere in a package, and at its top.
const skippedNames = new Set(['.DS_Store', 'node_modules', 'CHANGELOG.md', 'ChangeLog', 'changelog.md']);
const skippedAtTop = new Set([
  'karma.conf.js',
  '.coveralls.yml',
  'README.md',
  'readme.markdown',
  'README',
  'readme.md',
  'Readme.md',
  'Readme',
  'readme',
  'test',
  'tests',
  '__tests__',
  'powered-test',
  'example',
  'examples',
  '.bin',
]);

export interface Contents {
  files: number;
  bytes: number;
  /** Of which in node_modules. */
  packageFiles: number;
  packageBytes: number;
  /** Production packages by size, largest first. */
  packages: { key: string; files: number; bytes: number }[];
}

/** The files electron-builder would package for Linux (the `files` patterns and production packages). */
export function packagedContents(root: string): Contents {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const matcherLib = require('app-builder-lib/out/fileMatcher') as {
    excludedNames: string;
    excludedExts: string;
    getFileMatchers(config: object, name: string, destination: string, options: object): FileMatcher[] | null;
    getNodeModuleFileMatcher(
      appDir: string,
      destination: string,
      expand: object,
      platform: object,
      packager: object,
    ): FileMatcher;
  };
  type FileMatcher = { isEmpty(): boolean; createFilter(): (file: string, stat: fs.Stats) => boolean };
  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
    directories: { output: string };
  };
  const expand = (s: string) => s;
  const [files] = matcherLib.getFileMatchers(config, 'files', '/packaged', {
    macroExpander: expand,
    customBuildOptions: {},
    globalOutDir: path.join(root, config.directories.output),
    defaultSrc: root,
  })!;
  const appFilter = files.createFilter();
  const moduleMatcher = matcherLib.getNodeModuleFileMatcher(
    root,
    '/packaged',
    expand,
    {},
    {
      config,
      debugLogger: { isEnabled: false },
    },
  );
  const moduleFilter = moduleMatcher.isEmpty() ? null : moduleMatcher.createFilter();
  const excludedNames = new Set([...skippedNames, ...matcherLib.excludedNames.split(',')]);
  const excludedExts = [
    '.o',
    '.obj',
    '.pdb',
    '.dll',
    '.exe',
    ...matcherLib.excludedExts.split(',').map((e) => `.${e}`),
  ];

  const out: Contents = { files: 0, bytes: 0, packageFiles: 0, packageBytes: 0, packages: [] };
  // The app's own files (dist/, package.json, LICENSE): node_modules is not walked here.
  const walkApp = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const stat = fs.lstatSync(full);
      if (!appFilter(full, stat)) continue;
      if (stat.isDirectory()) walkApp(full);
      else if (stat.isFile()) {
        out.files++;
        out.bytes += stat.size;
      }
    }
  };
  walkApp(root);
  for (const key of productionPackages(root)) {
    const top = path.join(root, key);
    const pkg = { key, files: 0, bytes: 0 };
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir).sort()) {
        if (excludedNames.has(name) || name.startsWith('._')) continue;
        if (excludedExts.some((ext) => name.endsWith(ext))) continue;
        if (dir === top && skippedAtTop.has(name)) continue;
        const full = path.join(dir, name);
        const stat = fs.lstatSync(full);
        if (moduleFilter && !moduleFilter(full, stat)) continue;
        if (stat.isDirectory()) walk(full);
        else if (stat.isFile()) {
          pkg.files++;
          pkg.bytes += stat.size;
        }
      }
    };
    walk(top);
    out.packages.push(pkg);
    out.packageFiles += pkg.files;
    out.packageBytes += pkg.bytes;
  }
  out.files += out.packageFiles;
  out.bytes += out.packageBytes;
  out.packages.sort((a, b) => b.bytes - a.bytes);
  return out;
}
