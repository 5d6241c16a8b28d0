// Export folders that cannot be written are refused through the API with the path and the reason
// in words (a file in the way, a folder where the file should go), and nothing is left behind.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Contract } from '../../core/api/contract';
import { exportHandlers } from '../../core/api/handlers/exports';
import { createDispatcher, type HandlersOf } from '../../core/api/kit';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';
import { makeProgram } from '../unit/exports-fixture';
import { exportEnd, exportJobs } from './export-jobs-fixture';

let dir = '';
let program: Program;
let call: ReturnType<typeof createDispatcher>;
const pool = exportJobs();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exports-write-'));
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  await writeProgramData(program, makeProgram('2026-11-01', '2026-11-30'));
  call = createDispatcher(
    contract,
    () => exportHandlers({ program: () => program, actor: 'test', jobs: pool.jobs }) as unknown as HandlersOf<Contract>,
  );
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export destinations that cannot be written', () => {
  it('a file in the way of the folder', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'not a folder');
    const out = join(dir, 'notes.txt', 'Calendars');
    const end = await exportEnd(
      pool.jobs,
      await call('exports.calendars', { start: '2026-11-09', end: '2026-11-13', outputDir: out }),
    );
    expect(end.state).toBe('failed');
    expect(end.error).toMatch(
      /^Could not write .*notes\.txt.*: part of the path is a file, not a folder\. Choose another folder or file\.$/,
    );
  });

  it('a folder where the CSV file should go; no temporary file is left', async () => {
    mkdirSync(join(dir, 'taken.csv'));
    const end = await exportEnd(
      pool.jobs,
      await call('exports.csv', { start: '2026-11-09', end: '2026-11-09', output: join(dir, 'taken.csv') }),
    );
    expect(end).toMatchObject({
      state: 'failed',
      error:
        `Could not write ${join(dir, 'taken.csv')}: a folder already has that name. Choose another folder ` +
        `or file.`,
    });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
