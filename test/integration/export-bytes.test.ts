// An export's files reach the main thread as bytes, encoded in the export worker and moved, not
// copied (issue 15 item 1): at 250 residents a year's calendars are 65 MB of text, whose copy and
// encoding held the main thread for over a second. What is written is byte for byte what the same
// export made in one thread writes (a name with accents: Devon Díaz-Núñez).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Contract } from '../../core/api/contract';
import { exportHandlers } from '../../core/api/handlers/exports';
import { createDispatcher, type HandlersOf } from '../../core/api/kit';
import { buildExport, type AnyExportRequest, type Built } from '../../core/exports/build';
import type { ProgramData } from '../../core/domain/program';
import { exportCsvFromData } from '../../core/services/exports';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';
import { packProgram } from '../../core/solver/models/packed-request';
import { makeProgram } from '../unit/exports-fixture';
import { exportEnd, exportJobs, exportResult } from './export-jobs-fixture';

const NOW = new Date('2026-11-08T15:00:00Z');
let dir = '';
let data: ProgramData;
let program: Program;
const pool = exportJobs();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-bytes-'));
  data = makeProgram('2026-11-01', '2026-11-30');
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  await writeProgramData(program, data);
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an export's files", () => {
  it('come from the worker as bytes equal to the text the same export makes in one thread', async () => {
    const requests: AnyExportRequest[] = [
      {
        format: 'calendars',
        request: { start: '2026-11-02', end: '2026-11-27', outputDir: join(dir, 'ics'), now: NOW },
      },
      { format: 'csv', request: { start: '2026-11-02', end: '2026-11-27', output: join(dir, 'a.csv'), now: NOW } },
    ];
    for (const request of requests) {
      const jobId = pool.jobs.start('export', { data: packProgram(data), request });
      const end = await pool.jobs.wait(jobId);
      expect(end.state).toBe('succeeded');
      const fromWorker = (end.result as Built<unknown>).files;
      const here = (await buildExport(data, request)).files;
      expect(fromWorker.map((f) => f.path)).toEqual(here.map((f) => f.path));
      for (const [i, f] of fromWorker.entries()) {
        expect(f.content).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(f.content as Uint8Array).equals(Buffer.from(here[i].content))).toBe(true);
      }
    }
  });

  it('are written by the export job byte for byte as the in-process export writes them', async () => {
    const call = createDispatcher(
      contract,
      () =>
        exportHandlers({ program: () => program, actor: 'test', jobs: pool.jobs }) as unknown as HandlersOf<Contract>,
    );
    const range = { start: '2026-11-02', end: '2026-11-27' };
    const job = join(dir, 'job.csv');
    exportResult(await exportEnd(pool.jobs, await call('exports.csv', { ...range, output: job })));
    const here = join(dir, 'here.csv');
    await exportCsvFromData(data, { ...range, output: here });
    expect(readFileSync(job, 'utf8')).toContain('Díaz-Núñez');
    expect(readFileSync(job).equals(readFileSync(here))).toBe(true);
  });
});
