import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
    // Two cores: keep the pool small so worker-thread tests are not starved.
    maxWorkers: 2,
  },
});
