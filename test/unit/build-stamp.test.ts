// `npm run cli` rebuilds dist/cli and dist/workers only when stale: a build's stamp lists the
// files it was made from, and any of them newer than the build (or gone) makes it stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAMP_FILE, staleReason, writeStamp } from '../../scripts/build-stamp.mjs';

let root: string;
const out = () => path.join(root, 'dist/part');
const write = (file: string, mtimeMs: number) => {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, file);
  fs.utimesSync(full, mtimeMs / 1000, mtimeMs / 1000);
};
const BUILT = Date.UTC(2026, 0, 1);

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-stamp-'));
  for (const file of ['core/a.ts', 'core/b.ts', 'scripts/build.mjs', 'scripts/build-stamp.mjs'])
    write(file, BUILT - 1000);
  write('node_modules/.package-lock.json', BUILT - 1000);
  fs.mkdirSync(out(), { recursive: true });
  const metafile = { inputs: { 'core/a.ts': {}, 'core/b.ts': {}, 'node_modules/zod/index.js': {} } };
  writeStamp(root, out(), [metafile], BUILT);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('build stamp', () => {
  it('lists the sources outside node_modules, and npm’s lock for the packages', () => {
    const { inputs } = JSON.parse(fs.readFileSync(path.join(out(), STAMP_FILE), 'utf8'));
    expect(inputs).toEqual(
      expect.arrayContaining(['core/a.ts', 'core/b.ts', 'node_modules/.package-lock.json', 'scripts/build.mjs']),
    );
    expect(inputs).not.toContain('node_modules/zod/index.js');
  });

  it('is up to date until a source changes, is removed, or npm installs', () => {
    expect(staleReason(root, out())).toBeNull();
    write('core/b.ts', BUILT + 1000);
    expect(staleReason(root, out())).toBe('core/b.ts changed');
    write('core/b.ts', BUILT - 1000);
    fs.rmSync(path.join(root, 'core/a.ts'));
    expect(staleReason(root, out())).toBe('core/a.ts is gone');
    write('core/a.ts', BUILT - 1000);
    write('node_modules/.package-lock.json', BUILT + 1);
    expect(staleReason(root, out())).toBe('node_modules/.package-lock.json changed');
  });

  it('counts a source saved while the build ran as newer than the build', () => {
    write('core/a.ts', BUILT + 1);
    expect(staleReason(root, out())).toBe('core/a.ts changed');
  });

  it('watches only files that exist: an install without npm’s hidden lock file is not stale forever', () => {
    fs.rmSync(path.join(root, 'node_modules/.package-lock.json'));
    writeStamp(root, out(), [{ inputs: { 'core/a.ts': {} } }], BUILT);
    expect(staleReason(root, out())).toBeNull();
  });

  it('says a build never made is not built yet', () => {
    expect(staleReason(root, path.join(root, 'dist/none'))).toBe('not built yet');
  });
});
