// A core as tests open it: one solver thread (the machine has two, shared by parallel test files)
// and the tests' cheap password hashes (test/sign-in.ts says why that is safe).
import { type Core, type CoreOptions, createCore } from '../core/api/core';
import { TEST_PASSWORD_COST } from './sign-in';

export function createTestCore(
  options: Pick<CoreOptions, 'dbPath' | 'workerDir' | 'actor'> & Partial<CoreOptions>,
): Promise<Core> {
  return createCore({ maxThreads: 1, passwordCost: TEST_PASSWORD_COST, ...options });
}
