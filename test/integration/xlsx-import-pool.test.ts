// An imported workbook is read on a worker thread through the API (issue 15 item 1): at 250
// residents ExcelJS held the main thread for 0.3-0.4 s on a block's workbook. The preview made
// there equals the one made in this thread, and a file that is not a workbook is refused in the
// same words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Contract } from '../../core/api/contract';
import { importHandlers } from '../../core/api/handlers/imports';
import { createDispatcher, type HandlersOf } from '../../core/api/kit';
import { exportXlsxFromData } from '../../core/services/exports';
import { loadProgramData, openProgram, writeProgramData, type Program } from '../../core/services/program';
import { previewXlsxImport } from '../../core/services/xlsx-import';
import { makeProgram } from '../unit/exports-fixture';
import { exportJobs } from './export-jobs-fixture';

let dir = '';
let program: Program;
let edited = '';
let call: ReturnType<typeof createDispatcher>;
const pool = exportJobs();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-import-pool-'));
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  await writeProgramData(program, makeProgram('2026-11-19', '2026-12-16'));
  const exported = join(dir, 'block6.xlsx');
  await exportXlsxFromData(await loadProgramData(program), {
    output: exported,
    block: { academicYear: 2026, number: 6 },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(exported);
  const sheet = book.getWorksheet('Block 6')!;
  for (let r = 1; r <= sheet.rowCount; r++)
    if (sheet.getRow(r).getCell(1).value === 'r4') sheet.getCell(r, 4).value = 'LEC';
  edited = join(dir, 'edited.xlsx');
  await book.xlsx.writeFile(edited);
  call = createDispatcher(
    contract,
    () => importHandlers({ program: () => program, actor: 'test', jobs: pool.jobs }) as unknown as HandlersOf<Contract>,
  );
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an imported workbook', () => {
  it('is read on a worker thread, and previews as the same workbook read in this thread', async () => {
    const before = new Set(pool.jobs.list().map((j) => j.id));
    const answer = await call('imports.xlsxPreview', { path: edited });
    if (!answer.ok) throw new Error(answer.error.message);
    const read = pool.jobs.list().filter((j) => !before.has(j.id));
    expect(read.map((j) => [j.kind, j.state])).toEqual([['workbook', 'succeeded']]);
    const here = await previewXlsxImport({ program, actor: 'test', validate: () => [] }, edited);
    expect(here.counts.cells).toBe(1);
    expect(answer.value).toEqual(here);
  });

  it('that is not a workbook is refused in words', async () => {
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, 'just text');
    const answer = await call('imports.xlsxPreview', { path: text });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({ code: 'invalid_input' });
    expect(answer.error.message).toMatch(/^notes\.xlsx: This is not an Excel workbook \(\.xlsx\) the import can read/);
  });
});
