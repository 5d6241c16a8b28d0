// createCore, the core Electron main and the test host share: dispatch over the real contract and
// handlers, jobs in the worker pool, switching program files (a bad file changes nothing), backups.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/api/core';
import type { JobStatus, ProgramInfo } from '../../core/api/contract';
import type { Envelope } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import { openProgram, writeProgramData } from '../../core/services/program';
import { root } from '../../scripts/build.mjs';
import { buildTestWorkers } from './jobs-fixtures/build';
import { signIn } from '../sign-in';
import { createTestCore } from '../test-core';

let tmp: string;
let core: Core;
let cleanupWorkers: () => void;
const first = () => path.join(tmp, 'first.sqlite');
const second = () => path.join(tmp, 'second.sqlite');

async function makeProgram(file: string, programName: string) {
  const program = await openProgram(file, { create: true });
  await writeProgramData(program, generateProgram({ seed: 7, academicYear: 2026, programName }));
  await program.close();
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

beforeAll(async () => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  tmp = mkdtempSync(path.join(root, '.tmp', 'core-'));
  await makeProgram(first(), 'First Program');
  copyFileSync(first(), path.join(tmp, 'pristine.sqlite'));
  await makeProgram(second(), 'Second Program');
  const built = await buildTestWorkers();
  cleanupWorkers = built.cleanup;
  core = await createTestCore({ dbPath: first(), workerDir: built.dir, actor: 'core test' });
  await signIn(core.dispatch);
});

afterAll(async () => {
  await core?.close();
  cleanupWorkers?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe('createCore', () => {
  it('dispatches contract methods to the open program', async () => {
    const info = value<ProgramInfo>(await core.dispatch('program.info', {}));
    expect(info.settings.programName).toBe('First Program');
    expect(info.path).toBe(first());
    expect(info.counts.residents).toBe(17);
    expect(core.currentPath()).toBe(first());
  });

  it('validates input and reports unknown methods without throwing', async () => {
    const bad = await core.dispatch('people.list', { academicYear: 'soon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'academicYear' }] } });
    expect(await core.dispatch('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('runs the calendar job through the contract', async () => {
    const { jobId } = value<{ jobId: string }>(await core.dispatch('jobs.startYearCalendar', { academicYear: 2026 }));
    const done = await core.jobs.wait(jobId);
    expect(done.state).toBe('succeeded');
    const status = value<JobStatus>(await core.dispatch('jobs.status', { jobId }));
    expect((status.result as { slots: unknown[] }).slots).toHaveLength(730);
  });

  it('saves a consistent copy that opens as the same program, never over the open file', async () => {
    const copy = path.join(tmp, 'copy.sqlite');
    await core.backupTo(copy);
    const reopened = await openProgram(copy);
    await reopened.close();
    await expect(core.backupTo(first())).rejects.toThrow(/open program file/);
  });

  it('switches to another program file, and keeps the current one when the new file is bad', async () => {
    const bogus = path.join(tmp, 'not-a-program.sqlite');
    writeFileSync(bogus, 'this is not a database');
    await expect(core.openProgramFile(bogus)).rejects.toThrow();
    await expect(core.openProgramFile(path.join(tmp, 'missing.sqlite'))).rejects.toThrow(/missing\.sqlite/);
    expect(core.currentPath()).toBe(first());
    expect(value<ProgramInfo>(await core.dispatch('program.info', {})).settings.programName).toBe('First Program');

    expect(await core.openProgramFile(second())).toEqual({ path: second() });
    expect(core.currentPath()).toBe(second());
    // Another program has its own accounts: whoever was signed in is signed out.
    expect(await core.dispatch('program.info', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await signIn(core.dispatch);
    expect(value<ProgramInfo>(await core.dispatch('program.info', {})).settings.programName).toBe('Second Program');
    expect(existsSync(bogus)).toBe(true);
  });
});
