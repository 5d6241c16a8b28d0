// The app's workers and the fixture workers, bundled with the same esbuild settings as `npm run
// build` (scripts/build.mjs) so tests never depend on a stale dist/: built once per vitest run by
// test/global-workers.ts. The run removes the folder; `cleanup` is there for the callers' symmetry.
import { inject } from 'vitest';

export async function buildTestWorkers(): Promise<{ dir: string; cleanup: () => void }> {
  return { dir: inject('workerDir'), cleanup: () => {} };
}
