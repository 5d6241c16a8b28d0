import { defineConfig } from 'vitest/config';

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
  },
});
