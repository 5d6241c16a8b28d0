import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The longest test files by wall time in a whole run, longest first (`npm run bench:tests`, December
// 2026; refresh it when the order drifts). vitest orders files by the last run's times, but CI runs
// on a fresh clone with none and falls back to the larger files first: generation-sweep (83 lines),
// the crash tests and the real-year files are short and among the longest, so they started in the
// last third of the run and it ended on one of them while the other core idled.
const LONGEST_FILES = [
  'test/unit/solver-roster.test.ts',
  'test/unit/generate-shifts.test.ts',
  'test/integration/generation-sweep.test.ts',
  'test/integration/generate-cli.test.ts',
  'test/integration/real-year-generation.test.ts',
  'test/integration/real-program.test.ts',
  'test/integration/electron-main.test.ts',
  'test/integration/fuzz-api.test.ts',
  'test/unit/contingency-check.test.ts',
  'test/integration/program-db.test.ts',
  'test/integration/publish-in-parts.test.ts',
  'test/unit/generate-year.test.ts',
  'test/integration/swap-crash.test.ts',
  'test/integration/generate-year.test.ts',
  'test/integration/migrations.test.ts',
  'test/integration/contingency-service.test.ts',
  'test/integration/cli.test.ts',
  'test/integration/generate-run.test.ts',
  'test/integration/generate-churn.test.ts',
  'test/integration/compliance-service.test.ts',
];

/**
 * vitest's own order when it has every file's time from a last run; else the listed files first, in
 * the list's order, and the others after them in vitest's order.
 */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (files.every((spec) => this.ctx.cache.getTestSpecificationResult(spec))) return super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FILES.indexOf(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join('/'));
      return i < 0 ? LONGEST_FILES.length : i;
    };
    // Array.prototype.sort is stable.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // The CLI's account (test/sign-in.ts is the one place tests sign in).
    setupFiles: ['test/setup-env.ts', 'test/cpu-log.ts'],
    // The workers, bundled once for the run (test/global-workers.ts), not once per test file.
    globalSetup: ['test/global-workers.ts'],
    // A test's limit stops a hang, never a slow machine: tests wait on events, and at load 25 a block
    // generation that takes 2 s on a quiet machine took over 30 s (the old default). Tests that need
    // longer still say so.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for an event (a job's phase, a worker's progress); its 1 s default is a
    // wall-clock bet a loaded 2-core machine loses while a worker starts. The test timeout bounds it.
    expect: { poll: { timeout: 25000 } },
    // Two cores: keep the pool small so worker-thread tests are not starved.
    maxWorkers: 2,
    // Test files share their two worker processes and the modules loaded in them, instead of a fresh
    // process per file that loads node, vitest and the core's module graph again (about 0.6 s CPU a
    // file, a third of a light file's cost). Files keep their state to themselves: each one opens its
    // own program files, pools and temp folders and closes them in afterAll, and a test that changes
    // process-wide state (env, cwd, fake timers) puts it back.
    isolate: false,
    sequence: { sequencer: LongestFirstSequencer },
  },
});
