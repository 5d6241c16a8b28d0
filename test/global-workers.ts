// vitest global setup: bundles the app's workers and the test fixture workers (test/integration/
// jobs-fixtures) once per run, with the same esbuild settings as `npm run build`, into one temp
// folder inside the project (so the bundles resolve node_modules as dist/workers does), and hands
// its path to the test files (`inject('workerDir')`). Built per file before, it cost every pool test
// file a bundling of its own. Removed when the run ends.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorkers, root } from '../scripts/build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's bundled workers: the app's (`<task>.cjs`) and the fixtures' (busy, highs-probe). */
    workerDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'test-workers-'));
  await Promise.all([
    buildWorkers({ outDir: dir }),
    buildWorkers({ srcDir: path.join(root, 'test/integration/jobs-fixtures'), outDir: dir }),
  ]);
  project.provide('workerDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
