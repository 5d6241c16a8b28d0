// The block sheet round trip through real spreadsheet software: LibreOffice Calc (headless soffice,
// installed by .ci/run with Debian's python3-uno) opens the app's export and saves it again;
// importing what Calc wrote changes nothing. And Calc itself makes an edit (calc-edit.py drives it
// through the UNO bridge: sets the cells, saves as .xlsx, shuts down): the import is a draft holding
// exactly that edit. Calc rewrites the whole file (styles, shared strings, number formats), which is
// what a coordinator's spreadsheet does to it too. One soffice does both (a start costs about 4.5 CPU-s).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDraft, type DraftContext } from '../../core/services/drafts';
import { exportXlsxFromData } from '../../core/services/exports';
import { loadProgramData, openProgram, type Program, writeProgramData } from '../../core/services/program';
import { importXlsx, previewXlsxImport } from '../../core/services/xlsx-import';
import { makeProgram } from '../unit/exports-fixture';

const BLOCK6 = { start: '2026-11-19', end: '2026-12-16' };
let dir = '';
let program: Program;
let ctx: DraftContext;
let exported = '';
/** The export as Calc saved it untouched, and with the edits of the second test. */
let resaved = '';
let edited = '';
// soffice sets up its profile the first time it starts: slow on a loaded machine.
const CALC_TIMEOUT = 300_000;

const PYTHON = '/usr/bin/python3'; // Debian's python, the one python3-uno is built for
const CALC_EDIT = join(import.meta.dirname, 'calc-edit.py');

/** Fails (never skips) with what to install when Calc or its UNO bridge is missing. */
function requireCalc(): void {
  const soffice = spawnSync('soffice', ['--version'], { stdio: 'pipe', timeout: 120_000 });
  if (soffice.error || soffice.status !== 0)
    throw new Error('LibreOffice Calc is not installed (no soffice): apt-get install libreoffice-calc python3-uno');
  const bridge = spawnSync(PYTHON, ['-c', 'import uno'], { stdio: 'pipe' });
  if (bridge.error || bridge.status !== 0)
    throw new Error(
      `LibreOffice's Python bridge is missing (${PYTHON} cannot import uno): apt-get install python3-uno`,
    );
}

/**
 * Calc opens each job's file, sets its cells ("Sheet!D9" → text; "" clears it; none: only re-saves)
 * and saves the result as .xlsx at the job's target, all in one soffice.
 */
function saveWithCalc(jobs: { source: string; target: string; edits: Record<string, string> }[]): void {
  const args = jobs.flatMap((job, i) => [
    ...(i > 0 ? ['--'] : []),
    job.source,
    job.target,
    ...Object.entries(job.edits).map(([place, text]) => `${place}=${text}`),
  ]);
  const run = spawnSync(PYTHON, [CALC_EDIT, join(dir, 'calc-profile'), ...args], {
    stdio: 'pipe',
    timeout: CALC_TIMEOUT,
  });
  if (run.error || run.status !== 0)
    throw new Error(`calc-edit.py failed (${run.error ?? run.status}): ${run.stderr?.toString() ?? ''}`);
}

function rowOf(sheet: ExcelJS.Worksheet, id: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === id) return r;
  throw new Error(`no row ${id}`);
}

beforeAll(async () => {
  requireCalc();
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
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(exported);
  const sheet = book.getWorksheet('Block 6')!;
  const at = (id: string, column: number) => `Block 6!${sheet.getCell(rowOf(sheet, id), column).address}`;
  resaved = join(dir, 'calc-resaved.xlsx');
  edited = join(dir, 'calc-edited.xlsx');
  saveWithCalc([
    { source: exported, target: resaved, edits: {} },
    {
      source: exported,
      target: edited,
      edits: {
        [at('r4', 4)]: 'lec', // Thu 19 Nov AM: PROC → LEC (case does not matter)
        [at('r4', 5)]: '', // Thu 19 Nov PM: C → empty
        [at('OC', 6)]: 'd. diaz', // Fri 20 Nov overnight call: nobody → D. Diaz
      },
    },
  ]);
}, CALC_TIMEOUT);
afterAll(async () => {
  await program.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the block sheet through LibreOffice Calc', { timeout: CALC_TIMEOUT }, () => {
  it('re-saved by Calc, the export imports as no change at all', async () => {
    const preview = await previewXlsxImport(ctx, resaved);
    expect(preview.problems).toEqual([]);
    expect(preview.sheets).toEqual([{ name: 'Block 6', start: BLOCK6.start, end: BLOCK6.end, people: 7 }]);
    expect(preview.counts).toEqual({ cells: 0, calls: 0, people: 0 });
  });

  it('an edit made in Calc imports as a draft holding exactly that edit', async () => {
    const preview = await previewXlsxImport(ctx, edited);
    expect(preview.problems).toEqual([]);
    const { draft } = await importXlsx(ctx, { path: edited, name: 'Edited in Calc' });
    const { diff } = await compareDraft(ctx, { draftId: draft.id });
    expect(
      diff.cells.map((c) => [
        c.personId,
        c.date,
        c.half,
        c.before?.activityCode ?? null,
        c.after?.activityCode ?? null,
      ]),
    ).toEqual([
      ['r4', '2026-11-19', 'AM', 'PROC', 'LEC'],
      ['r4', '2026-11-19', 'PM', 'C', null],
    ]);
    expect(
      diff.calls.map((c) => [c.date, c.callTypeCode, c.before.map((b) => b.personId), c.after.map((a) => a.personId)]),
    ).toEqual([['2026-11-20', 'OC', [], ['f1']]]);
  });
});
