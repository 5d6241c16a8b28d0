// The installer ships every production dependency, and the renderer's packages inside its bundle. The app is
// GPL-3.0-or-later (LICENSE, README
// "License") because it bundles glpk.js (GPL-3.0); every package it ships must carry a license
// that can be combined with that. A new dependency under other terms fails here, before it ships.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Lock, readLock, resolveInLock, runtimeClosure } from '../../scripts/package-contents';

const root = path.resolve(__dirname, '../..');
const lock = readLock(root) as Lock & { packages: Record<string, { license?: string }> };

/** Licenses (SPDX ids) that may be combined with and shipped under GPL-3.0-or-later. */
const COMPATIBLE = new Set([
  'MIT',
  'MIT/X11',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  'MPL-2.0',
  'Zlib',
  'Unlicense',
  'BlueOak-1.0.0',
  'GPL-3.0',
  'GPL-3.0-or-later',
]);

/**
 * Packages whose lock entry states no license, with what their own files say. Each was read by
 * hand; a new one must be added here with the same care.
 */
const READ_BY_HAND: Record<string, string> = {
  // LICENSE file: "MIT License".
  'png-js': 'MIT',
  // No license file or field (James Halliday's buffers 0.1.1, reached through exceljs's unzipper).
  buffers: 'none stated',
};

/**
 * Fonts the renderer bundles as data (woff2 files it loads, no code), under the SIL Open Font
 * License, which lets a font be bundled with any software provided each copy carries its copyright
 * notice and licence (OFL-1.1 §2): the package's LICENSE ships in the resources folder
 * (electron-builder.yml extraResources, checked below). Read by hand; code under OFL is still refused.
 */
const FONTS: Record<string, string> = {
  // The block grid's condensed face (renderer/src/lib/fonts.ts).
  '@fontsource-variable/roboto-condensed': 'OFL-1.1',
};

/** An SPDX expression is compatible when every alternative of an OR, or every part of an AND, is. */
function compatible(expression: string): boolean {
  const bare = expression.replace(/[()]/g, '').trim();
  if (bare.includes(' OR ')) return bare.split(' OR ').some((part) => compatible(part));
  if (bare.includes(' AND ')) return bare.split(' AND ').every((part) => compatible(part));
  return COMPATIBLE.has(bare);
}

/** Packages the renderer imports: devDependencies (Vite bundles them), shipped inside the bundle. */
function rendererPackages(): string[] {
  const found = new Set<string>();
  const dir = path.join(root, 'renderer', 'src');
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.tsx?$/.test(e.name)) continue;
    const text = fs.readFileSync(path.join(e.parentPath, e.name), 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\s)[^'"]*['"]([^'"./][^'"]*)['"]/gm))
      found.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]);
  }
  return [...found].flatMap((name) => resolveInLock(lock, '', name) ?? []);
}

const shippedKeys = new Set([
  ...Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && !entry.dev)
    .map(([key]) => key),
  ...runtimeClosure(lock, rendererPackages()),
]);
const shipped = [...shippedKeys].map((key) => ({
  name: key.replace(/.*node_modules\//, ''),
  license: lock.packages[key].license,
}));

describe('licenses', () => {
  it('the app says GPL-3.0-or-later in package.json, the lock and LICENSE', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('GPL-3.0-or-later');
    expect(lock.packages[''].license).toBe('GPL-3.0-or-later');
    const text = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s*GNU GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007/);
  });

  it('every shipped package carries a license compatible with it', () => {
    expect(shipped.length).toBeGreaterThan(100);
    // The renderer's own (devDependencies, bundled by Vite) are among them.
    for (const name of ['react', 'react-dom', '@mui/material', 'zustand'])
      expect(shipped.map((p) => p.name)).toContain(name);
    const unknown = shipped.filter((p) => !p.license && !(p.name in READ_BY_HAND)).map((p) => p.name);
    const incompatible = shipped
      .filter((p) => p.license && !compatible(p.license) && FONTS[p.name] !== p.license)
      .map((p) => `${p.name}: ${p.license}`);
    expect({ unknown, incompatible }).toEqual({ unknown: [], incompatible: [] });
  });

  it("ships each bundled font's copyright notice and licence beside the app", () => {
    const config = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    for (const font of Object.keys(FONTS)) {
      const from = `node_modules/${font}/LICENSE`;
      expect(config, `electron-builder.yml extraResources copies ${from}`).toContain(`- from: ${from}\n`);
      expect(fs.readFileSync(path.join(root, from), 'utf8')).toMatch(/Copyright .*\n[\s\S]*SIL Open Font License/);
    }
  });

  it('reads SPDX expressions as written', () => {
    expect(compatible('(MIT OR GPL-3.0-or-later)')).toBe(true);
    expect(compatible('MIT AND ISC AND BSD-3-Clause')).toBe(true);
    expect(compatible('SSPL-1.0')).toBe(false);
    expect(compatible('MIT AND SSPL-1.0')).toBe(false);
    expect(compatible('(SSPL-1.0 OR MIT)')).toBe(true);
  });
});
