import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // The CLI's account (test/sign-in.ts is the one place tests sign in).
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
    // Two cores: keep the pool small so worker-thread tests are not starved.
    maxWorkers: 2,
  },
});
