// vitest setup file: with TEST_CPU_LOG=<file>, each test file appends one JSON line with the CPU
// seconds its process spent on it (main thread and worker threads), the CPU of the child processes it
// ran and waited for (the crash tests' children, the CLI runs: Linux only, from /proc), and its wall
// seconds. A loaded machine stretches wall times; CPU time is what compares between runs, and a file
// whose wall is far above its CPU is waiting on something (npm run bench:tests).
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, expect } from 'vitest';

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds of this process's waited-for children (cutime + cstime), or 0 where there is no /proc. */
function childrenCpuSec(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_S; // cutime, cstime (fields 16, 17)
  } catch {
    return 0;
  }
}

const log = process.env.TEST_CPU_LOG;
if (log) {
  // Setup files run before each test file is imported: its import counts too.
  const start = process.cpuUsage();
  const startChildren = childrenCpuSec();
  const startWall = performance.now();
  afterAll(() => {
    const used = process.cpuUsage(start);
    const file = expect.getState().testPath ?? '';
    const line = {
      file,
      cpuSec: (used.user + used.system) / 1e6,
      childCpuSec: childrenCpuSec() - startChildren,
      wallSec: (performance.now() - startWall) / 1000,
    };
    appendFileSync(log, `${JSON.stringify(line)}\n`);
  });
}
