// A core as tests open it: one solver thread (the machine has two, shared by parallel test files),
// the tests' cheap password hashes (test/sign-in.ts says why that is safe), and no solver warm-up:
// it spends about a second of CPU per core on HiGHS whether or not the test solves anything, and a
// test that generates only waits a little longer for its first solve.
import { type Core, type CoreOptions, createCore } from '../core/api/core';
import { TEST_PASSWORD_COST } from './sign-in';

export function createTestCore(
  options: Pick<CoreOptions, 'dbPath' | 'workerDir' | 'actor'> & Partial<CoreOptions>,
): Promise<Core> {
  return createCore({ maxThreads: 1, passwordCost: TEST_PASSWORD_COST, warmSolver: false, ...options });
}
