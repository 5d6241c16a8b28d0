// vitest setup file: with TEST_CPU_LOG=<file>, each test file appends one JSON line with the CPU
// seconds its process spent on it (main thread and worker threads; not child processes it spawns).
// A loaded machine stretches wall times; CPU time is what compares between runs (npm run bench:tests).
import { appendFileSync } from 'node:fs';
import { afterAll, expect } from 'vitest';

const log = process.env.TEST_CPU_LOG;
if (log) {
  // Setup files run before each test file is imported: its import counts too.
  const start = process.cpuUsage();
  afterAll(() => {
    const used = process.cpuUsage(start);
    const file = expect.getState().testPath ?? '';
    appendFileSync(log, `${JSON.stringify({ file, cpuSec: (used.user + used.system) / 1e6 })}\n`);
  });
}
