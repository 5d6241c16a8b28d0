// A core as tests open it: one solver thread (the machine has two, shared by parallel test files),
// the tests' cheap password hashes (test/sign-in.ts says why that is safe), and no solver warm-up:
// it spends about a second of CPU per core on HiGHS whether or not the test solves anything, and a
// test that generates only waits a little longer for its first solve.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Core, type CoreOptions, createCore } from '../core/api/core';
import type { Envelope } from '../core/api/kit';
import type { ProgramData } from '../core/domain/program';
import { createProgramFile } from '../core/services/create';
import { signIn, TEST_PASSWORD_COST } from './sign-in';

export function createTestCore(
  options: Pick<CoreOptions, 'dbPath' | 'workerDir' | 'actor'> & Partial<CoreOptions>,
): Promise<Core> {
  return createCore({ maxThreads: 1, passwordCost: TEST_PASSWORD_COST, warmSolver: false, ...options });
}

/** A call's value, or its error as a thrown Error (code: message). */
export function value<T>(e: Envelope<unknown>): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value as T;
}

/**
 * A new program file made of `data` in a scratch folder of its own, and a test core on it with the
 * administrator signed in (signIn's default; no workers). `close` closes the core and removes the folder.
 */
export async function signedInCoreOn(
  prefix: string,
  data: ProgramData,
): Promise<{ dir: string; file: string; core: Core; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, data);
  const core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'coordinator' });
  await signIn(core.dispatch);
  return {
    dir,
    file,
    core,
    close: async () => {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
