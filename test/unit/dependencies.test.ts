// What ships is what the app uses: every production dependency is imported by the app's code
// (core, electron, renderer, workers) or required by one that is (a peer dependency). An unused
// library, above all a network one in an offline app, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|cjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Package names imported by the shipped code (of `dirs`). */
function importedPackages(dirs = ['core', 'electron', 'renderer', 'workers']): Set<string> {
  const found = new Set<string>();
  for (const file of dirs.flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|^import\s+)['"]([^'"./][^'"]*)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('node:')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return found;
}

describe('production dependencies', () => {
  it('are all used by the app, directly or as a peer of a library it uses', () => {
    const imported = importedPackages();
    const peers = new Set<string>();
    for (const name of imported) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
          peerDependencies?: Record<string, string>;
        };
        for (const peer of Object.keys(manifest.peerDependencies ?? {})) peers.add(peer);
      } catch {
        // A built-in or an alias: no manifest to read.
      }
    }
    const unused = Object.keys(pkg.dependencies).filter((d) => !imported.has(d) && !peers.has(d));
    expect(unused).toEqual([]);
  });

  it('leave out what only the renderer uses: Vite bundles it, so electron-builder need not copy it', () => {
    const outside = importedPackages(['core', 'electron', 'workers']);
    const rendererOnly = [...importedPackages(['renderer'])].filter((name) => !outside.has(name));
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', '@mui/material', 'zustand']));
    const inDependencies = rendererOnly.filter((name) => name in pkg.dependencies);
    expect(inDependencies, 'renderer-only packages belong in devDependencies').toEqual([]);
    // …and their peers (emotion for MUI) with them.
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@emotion/'))).toEqual([]);
  });

  it('include no network library', () => {
    const network = ['ws', 'axios', 'node-fetch', 'got', 'socket.io', 'socket.io-client', 'request', 'undici'];
    expect(Object.keys(pkg.dependencies).filter((d) => network.includes(d))).toEqual([]);
  });
});
