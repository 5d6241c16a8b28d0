// Builds the app's workers and the fixture workers into one temp directory with the same esbuild
// settings as `npm run build` (scripts/build.mjs), so tests never depend on a stale dist/.
// The directory is inside the project (.tmp/, gitignored) so workers resolve node_modules the way
// dist/workers does.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkers, root } from '../../../scripts/build.mjs';

const fixturesDir = path.dirname(fileURLToPath(import.meta.url));

export async function buildTestWorkers(): Promise<{ dir: string; cleanup: () => void }> {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'workers-'));
  await buildWorkers({ outDir: dir });
  await buildWorkers({ srcDir: fixturesDir, outDir: dir });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
