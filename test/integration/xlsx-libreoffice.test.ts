// The block sheet round trip through real spreadsheet software: LibreOffice Calc (headless soffice,
// installed by .ci/run) opens the app's export and saves it again; importing what Calc wrote
// changes nothing, and an edit in a file Calc re-saved imports as exactly that edit. Calc rewrites
// the whole file (styles, shared strings, number formats), which is what a coordinator's
// spreadsheet does to it too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftContext } from '../../core/services/drafts';
import { exportXlsxFromData } from '../../core/services/exports';
import { loadProgramData, openProgram, type Program, writeProgramData } from '../../core/services/program';
import { previewXlsxImport } from '../../core/services/xlsx-import';
import { makeProgram } from '../unit/exports-fixture';

const BLOCK6 = { start: '2026-11-19', end: '2026-12-16' };
let dir = '';
let program: Program;
let ctx: DraftContext;
let exported = '';

/** Calc opens `file` and saves it as .xlsx into its own folder; returns the saved file. */
function resaveWithCalc(file: string): string {
  const out = join(dir, `calc-${basename(file, '.xlsx')}`);
  mkdirSync(out);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'calc-profile')}`,
      '--headless',
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      file,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return join(out, basename(file));
}

function rowOf(sheet: ExcelJS.Worksheet, id: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === id) return r;
  throw new Error(`no row ${id}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-calc-'));
  program = await openProgram(join(dir, 'program.sqlite'), { create: true });
  await writeProgramData(program, makeProgram(BLOCK6.start, BLOCK6.end));
  ctx = { program, actor: 'xlsx-test', validate: () => [] };
  exported = join(dir, 'block6.xlsx');
  await exportXlsxFromData(await loadProgramData(program), {
    output: exported,
    block: { academicYear: 2026, number: 6 },
    plan: true,
    calls: true,
  });
});
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the block sheet through LibreOffice Calc', () => {
  it('re-saved by Calc, the export imports as no change at all', async () => {
    const resaved = resaveWithCalc(exported);
    const preview = await previewXlsxImport(ctx, resaved);
    expect(preview.problems).toEqual([]);
    expect(preview.sheets).toEqual([{ name: 'Block 6', start: BLOCK6.start, end: BLOCK6.end, people: 7 }]);
    expect(preview.counts).toEqual({ cells: 0, calls: 0, people: 0 });
  });

  it('an edit Calc re-saved imports as exactly that edit', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exported);
    const sheet = book.getWorksheet('Block 6')!;
    sheet.getCell(rowOf(sheet, 'r4'), 4).value = 'LEC'; // Thu 19 Nov AM: PROC → LEC
    const edited = join(dir, 'edited.xlsx');
    await book.xlsx.writeFile(edited);

    const preview = await previewXlsxImport(ctx, resaveWithCalc(edited));
    expect(preview.problems).toEqual([]);
    expect(
      preview.diff.cells.map((c) => [c.personId, c.date, c.half, c.before?.activityCode, c.after?.activityCode]),
    ).toEqual([['r4', '2026-11-19', 'AM', 'PROC', 'LEC']]);
    expect(preview.diff.calls).toEqual([]);
  });
});
