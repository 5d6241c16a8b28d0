// A build's stamp: the files it was made from (esbuild's metafile inputs), kept beside its output,
// so `npm run cli` can tell in a few milliseconds whether a build is missing or older than its
// sources, and rebuild only then.
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = '.inputs.json';
/** npm rewrites this on every install: one stat stands for the thousands of bundled package files. */
const NPM_MARKER = 'node_modules/.package-lock.json';

/**
 * Records what a build read. `started` (ms) becomes the stamp's time, so a source saved while the
 * build ran still counts as newer. `extra` names more paths to watch (a folder: its file list).
 */
export function writeStamp(root, outDir, metafiles, started, extra = []) {
  const candidates = [NPM_MARKER, 'scripts/build.mjs', 'scripts/build-stamp.mjs', ...extra];
  for (const metafile of metafiles) {
    for (const file of Object.keys(metafile.inputs)) if (!file.startsWith('node_modules/')) candidates.push(file);
  }
  // Only what exists (an install without npm's hidden lock file must not look stale forever).
  const inputs = new Set(candidates.filter((file) => existsSync(path.join(root, file))));
  const stamp = path.join(outDir, STAMP_FILE);
  writeFileSync(stamp, `${JSON.stringify({ inputs: [...inputs].sort() }, null, 1)}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
}

/** Why the build in outDir must be made again, or null when it is up to date. */
export function staleReason(root, outDir) {
  const stamp = path.join(outDir, STAMP_FILE);
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(stamp).mtimeMs;
    inputs = JSON.parse(readFileSync(stamp, 'utf8')).inputs;
  } catch {
    return 'not built yet';
  }
  for (const file of inputs) {
    let changedAt;
    try {
      changedAt = statSync(path.join(root, file)).mtimeMs;
    } catch {
      return `${file} is gone`;
    }
    if (changedAt > builtAt) return `${file} changed`;
  }
  return null;
}
