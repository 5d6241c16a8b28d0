// The export methods through the API dispatcher on a real program file: published schedule by
// default, an open draft by id (every event marked DRAFT), and refusals as structured errors.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Contract } from '../../core/api/contract';
import { draftHandlers } from '../../core/api/handlers/drafts';
import { exportHandlers } from '../../core/api/handlers/exports';
import { createDispatcher, type HandlersOf } from '../../core/api/kit';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';
import { makeProgram } from '../unit/exports-fixture';
import { exportEnd, exportJobs, exportResult } from './export-jobs-fixture';

let dir = '';
let program: Program;
let call: (method: string, payload: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
const pool = exportJobs();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exports-api-'));
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  await writeProgramData(program, makeProgram('2026-11-01', '2026-11-30'));
  const ctx = { program: () => program, actor: 'exports-test', jobs: pool.jobs };
  call = createDispatcher(
    contract,
    () => ({ ...draftHandlers(ctx), ...exportHandlers(ctx) }) as unknown as HandlersOf<Contract>,
  );
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok(method: string, payload: unknown) {
  const r = await call(method, payload);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  // An export starts a job: its result is what the job wrote.
  if (method.startsWith('exports.')) return exportResult(await exportEnd(pool.jobs, r as never)) as any;
  return r.value;
}

function summaries(path: string): string[] {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')) as unknown[]);
  return root.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary')));
}

describe('export API', () => {
  it('exports the published calendars, then an open draft by id marked DRAFT', async () => {
    const out = join(dir, 'ics');
    const published = await ok('exports.calendars', {
      people: { personIds: ['r1'] },
      start: '2026-11-09',
      end: '2026-11-09',
      outputDir: out,
    });
    expect(published).toMatchObject({ draftLabel: null, range: { start: '2026-11-09', end: '2026-11-09' } });
    expect(summaries(join(out, 'Avery Adams.ics'))).toEqual(['Clinic']);

    const draft = await ok('drafts.create', { name: 'Monday procedures' });
    await ok('drafts.setActivity', {
      draftId: draft.id,
      cells: [{ personId: 'r1', date: '2026-11-09', half: 'AM' }],
      activityCode: 'PROC',
    });
    const drafted = await ok('exports.calendars', {
      people: { personIds: ['r1'] },
      start: '2026-11-09',
      end: '2026-11-09',
      outputDir: out,
      draftId: draft.id,
    });
    expect(drafted.draftLabel).toBe('Monday procedures');
    expect(drafted.files[0]).toMatchObject({ updated: 1, added: 1 });
    expect(summaries(join(out, 'Avery Adams.ics'))).toEqual(['DRAFT: Procedures', 'DRAFT: Clinic']);
  });

  it('prints and writes CSV through the same selection options', async () => {
    const pdf = await ok('exports.pdf', {
      kind: 'call-roster',
      start: '2026-11-01',
      end: '2026-11-30',
      output: join(dir, 'roster.pdf'),
    });
    expect(pdf.files).toEqual([{ path: join(dir, 'roster.pdf'), pages: 1, personId: null }]);
    const csv = await ok('exports.csv', {
      people: { pgyLevels: [2] },
      start: '2026-11-02',
      end: '2026-11-02',
      output: join(dir, 'pgy2.csv'),
    });
    expect(csv.rows).toBe(2);
  });

  it('writes the Excel workbook as a job: a block sheet, or the whole year with the plan and call roster', async () => {
    const block = await ok('exports.xlsx', {
      block: { academicYear: 2026, number: 6 },
      output: join(dir, 'block6.xlsx'),
    });
    expect(block).toMatchObject({
      sheets: ['Block 6', 'People', 'Legend'],
      range: { start: '2026-11-19', end: '2026-12-16' },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'block6.xlsx'));
    expect(book.getWorksheet('Block 6')!.getCell(3, 2).value).toBe('Name');
    const year = await ok('exports.xlsx', {
      academicYear: 2026,
      plan: true,
      calls: true,
      output: join(dir, 'year.xlsx'),
    });
    expect(year.sheets).toHaveLength(14 + 4);
    expect(
      await call('exports.xlsx', { academicYear: 2026, block: { number: 6 }, output: join(dir, 'x.xlsx') }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'academicYear', message: 'give either a block or a whole academic year' }],
      },
    });
    expect(await call('exports.xlsx', { academicYear: 2026, output: join(dir, 'year.pdf') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The output "year.pdf" must be a .xlsx file' },
    });
  });

  it('refuses bad requests with a clear error and writes nothing', async () => {
    const out = join(dir, 'refused');
    expect(await call('exports.calendars', { people: { personIds: ['ghost'] }, outputDir: out })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'No person with id "ghost" in this program' },
    });
    expect(await call('exports.calendars', { draftId: 999, outputDir: out })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const shape = await call('exports.pdf', { kind: 'poster', output: '' });
    expect(shape.error.issues.map((i: { path: string }) => i.path)).toEqual(['kind', 'output']);
    expect(
      await call('exports.pdf', { kind: 'person', start: '1900-01-01', end: '2999-12-31', output: out }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'end', message: 'an export covers at most 731 days' }] },
    });
    expect(
      await call('exports.pdf', { kind: 'person', start: '2029-01-01', end: '2029-12-31', output: out }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^The dates 2029-01-01 to 2029-12-31 go beyond the program's academic years/),
      },
    });
    expect(() => readdirSync(out)).toThrow();
  });

  it('runs each export as a job with progress per file; a cancelled one writes nothing', async () => {
    const out = join(dir, 'jobs');
    const started = await call('exports.pdf', { kind: 'person', start: '2026-11-01', end: '2026-11-30', output: out });
    const end = await exportEnd(pool.jobs, started as never);
    expect(end).toMatchObject({ kind: 'export', state: 'succeeded', progress: 1 });
    const files = exportResult(end).files as { path: string }[];
    expect(files.length).toBeGreaterThan(1);
    expect(end.detail).toMatchObject({ done: files.length, total: files.length });

    const again = join(dir, 'cancelled');
    const second = await call('exports.pdf', { kind: 'person', start: '2026-11-01', end: '2026-11-30', output: again });
    const jobId = (second.value as { jobId: string }).jobId;
    expect(pool.jobs.cancel(jobId).state).toBe('cancelled');
    expect((await pool.jobs.wait(jobId)).state).toBe('cancelled');
    expect(() => readdirSync(again)).toThrow();
  });
});
