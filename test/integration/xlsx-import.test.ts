// Importing an edited block sheet: export → import is the identity; an edit made in the workbook
// (a code changed, a cell cleared, a call handed over) previews as exactly that edit and imports as
// one draft holding exactly it; every problem is said by sheet and cell with a suggestion, and
// nothing is written; a moved column or shifted dates are read by their headers, an unreadable
// column is refused with why.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../core/cli/command';
import { importXlsxCommand } from '../../core/cli/commands/import-xlsx';
import { exportXlsxFromData } from '../../core/services/exports';
import { compareDraft, listDrafts, type DraftContext } from '../../core/services/drafts';
import { loadProgramData, openProgram, writeProgramData, type Program } from '../../core/services/program';
import { importXlsx, previewXlsxImport } from '../../core/services/xlsx-import';
import { makeProgram } from '../unit/exports-fixture';

const BLOCK6 = { start: '2026-11-19', end: '2026-12-16' };
let dir = '';
let program: Program;
let ctx: DraftContext;
let exported = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-import-'));
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

/** The exported workbook (or `from`), its block sheet edited by `edit`, saved under `name`. */
async function edited(
  name: string,
  edit: (sheet: ExcelJS.Worksheet) => void,
  from = exported,
  sheet = 'Block 6',
): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(from);
  edit(book.getWorksheet(sheet)!);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

async function sheetOf(path: string, name = 'Block 6'): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book.getWorksheet(name)!;
}

function rowOf(sheet: ExcelJS.Worksheet, id: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === id) return r;
  throw new Error(`no row ${id}`);
}

describe('block sheet import', () => {
  it('the exported workbook imports as no change at all', async () => {
    const preview = await previewXlsxImport(ctx, exported);
    expect(preview.problems).toEqual([]);
    expect(preview.sheets).toEqual([{ name: 'Block 6', start: BLOCK6.start, end: BLOCK6.end, people: 7 }]);
    expect(preview.skipped.map((s) => s.sheet)).toEqual(['People', 'Annual plan', 'Call roster', 'Legend']);
    expect(preview.counts).toEqual({ cells: 0, calls: 0, people: 0 });
    expect(preview.rotationEdits).toEqual([]);
    await expect(importXlsx(ctx, { path: exported })).rejects.toThrow(
      /matches the published schedule: there is nothing to import/,
    );
  });

  it('an edit previews as exactly that edit and imports as one draft holding it', async () => {
    const path = await edited('edit.xlsx', (sheet) => {
      const devon = rowOf(sheet, 'r4');
      sheet.getCell(devon, 4).value = 'lec'; // Thu 19 Nov AM: PROC → LEC (case does not matter)
      sheet.getCell(devon, 5).value = null; // Thu 19 Nov PM: C → empty
      sheet.getCell(rowOf(sheet, 'OC'), 6).value = 'd. diaz'; // Fri 20 Nov overnight call: nobody → D. Diaz
    });
    const preview = await previewXlsxImport(ctx, path);
    expect(preview.problems).toEqual([]);
    expect(
      preview.diff.cells.map((c) => [
        c.personId,
        c.date,
        c.half,
        c.kind,
        c.before?.activityCode ?? null,
        c.after?.activityCode ?? null,
      ]),
    ).toEqual([
      ['r4', '2026-11-19', 'AM', 'changed', 'PROC', 'LEC'],
      ['r4', '2026-11-19', 'PM', 'removed', 'C', null],
    ]);
    expect(preview.diff.calls).toHaveLength(1);
    expect(preview.diff.calls[0]).toMatchObject({
      date: '2026-11-20',
      callTypeCode: 'OC',
      after: [{ personId: 'f1' }],
    });
    expect(await listDrafts(ctx)).toEqual([]);

    const { draft } = await importXlsx(ctx, { path, name: 'Block 6 from Excel' });
    expect(draft).toMatchObject({ name: 'Block 6 from Excel', source: 'import', status: 'open' });
    const { diff } = await compareDraft(ctx, { draftId: draft.id });
    expect(
      diff.cells.map((c) => [c.personId, c.date, c.half, c.after?.activityCode ?? null, c.after?.locked ?? null]),
    ).toEqual([
      ['r4', '2026-11-19', 'AM', 'LEC', true],
      ['r4', '2026-11-19', 'PM', null, null],
    ]);
    expect(
      diff.calls.map((c) => [c.date, c.callTypeCode, c.before.map((b) => b.personId), c.after.map((a) => a.personId)]),
    ).toEqual([['2026-11-20', 'OC', [], ['f1']]]);
  });

  it('says every problem by sheet and cell with a suggestion, and writes nothing', async () => {
    const before = (await listDrafts(ctx)).length;
    const path = await edited('bad.xlsx', (sheet) => {
      sheet.getCell(rowOf(sheet, 'r2'), 7).value = 'CLNC';
      sheet.getCell(rowOf(sheet, 'r4'), 4).value = 'FMIT'; // a valid code: the import still writes nothing
      sheet.getCell(rowOf(sheet, 'r3'), 1).value = 'r99';
      sheet.getCell(rowOf(sheet, 'f1'), 2).value = 'Dana Diaz';
      sheet.getCell(rowOf(sheet, 'f1'), 1).value = null;
      sheet.getCell(rowOf(sheet, 'OC'), 8).value = 'Nobody';
    });
    const preview = await previewXlsxImport(ctx, path);
    const texts = preview.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`);
    expect(texts).toEqual([
      expect.stringMatching(/^Block 6!H4: "Nobody" is not one person of this program/),
      'Block 6!A7: no person with id "r99" in this program; "Casey Chen" is r3',
      "Block 6!G9: 'CLNC' is not an activity code; did you mean 'C'?",
      'Block 6!B14: no person named "Dana Diaz" in this program; did you mean "Dana Diaz, MD"?',
    ]);
    expect(preview.diff.cells).toEqual([]);
    await expect(importXlsx(ctx, { path })).rejects.toThrow(
      /^Nothing was imported: 4 problems in bad\.xlsx: Block 6!H4/,
    );
    expect((await listDrafts(ctx)).length).toBe(before);
  });

  it(
    'reads columns by their headers: a moved day still lands on its date; an unlabelled inserted column is refused ' +
      'with why',
    async () => {
      // Swap the first two days' columns, headers and all (unmerged first, as a cut and paste
      // does): nothing changes.
      const moved = await edited('moved.xlsx', (sheet) => {
        for (const r of [2, 4, 5]) for (const c of [4, 6]) sheet.unMergeCells(r, c, r, c + 1);
        for (let r = 2; r <= sheet.rowCount; r++)
          for (const c of [4, 5]) {
            const a = sheet.getCell(r, c).value;
            sheet.getCell(r, c).value = sheet.getCell(r, c + 2).value;
            sheet.getCell(r, c + 2).value = a;
          }
      });
      const same = await previewXlsxImport(ctx, moved);
      expect(same.problems).toEqual([]);
      expect(same.counts.cells).toBe(0);

      const inserted = await edited('inserted.xlsx', (sheet) => {
        sheet.spliceColumns(6, 0, []);
        sheet.getCell(rowOf(sheet, 'r1'), 6).value = 'C';
      });
      const refused = await previewXlsxImport(ctx, inserted);
      expect(refused.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toContain(
        'Block 6!F11: column F has no date or AM/PM in its header (rows 2–3) but holds "C"; was a column inserted? ' +
          'Give it its date and AM/PM, or delete it',
      );
    },
  );

  it('refuses a file that is not a workbook, or a workbook without block sheets, in words', async () => {
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, 'just text');
    await expect(previewXlsxImport(ctx, text)).rejects.toThrow(/notes\.xlsx: This is not an Excel workbook/);
    await expect(previewXlsxImport(ctx, join(dir, 'a.csv'))).rejects.toThrow(/is not an Excel workbook \(\.xlsx\)/);
    await expect(previewXlsxImport(ctx, join(dir, 'missing.xlsx'))).rejects.toThrow(/there is no such file/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Notes').getCell('A1').value = 'hello';
    await empty.xlsx.writeFile(join(dir, 'empty.xlsx'));
    const preview = await previewXlsxImport(ctx, join(dir, 'empty.xlsx'));
    expect(preview.problems[0].message).toMatch(/no block sheet to import/);
  });

  it(
    'an edited Rotation column previews cell by cell, old → new, and imports as plan changes in ' + 'the draft',
    async () => {
      const path = await edited('rotations.xlsx', (sheet) => {
        sheet.getCell(rowOf(sheet, 'r1'), 3).value = 'inpatient  TEAM'; // OUT → FMIT, by name, case and spacing aside
        sheet.getCell(rowOf(sheet, 'r3'), 3).value = 'nf'; // NF/OUT (halves) → NF for the whole block
        sheet.getCell(rowOf(sheet, 'r2'), 3).value = ' fmit '; // the same rotation: no change
        sheet.getCell(rowOf(sheet, 'r4'), 3).value = 'NF / nf'; // OUT → both halves NF (a half-block rotation)
      });
      const r = (id: string) => `C${rowOf(xlsxSheet, id)}`;
      const xlsxSheet = await sheetOf(path);
      const preview = await previewXlsxImport(ctx, path);
      expect(preview.problems).toEqual([]);
      expect(preview.rotationEdits.map((e) => [e.sheet, e.cell, e.personId, e.blockNumber, e.before, e.after])).toEqual(
        [
          ['Block 6', r('r3'), 'r3', 6, 'NF/OUT', 'nf'],
          ['Block 6', r('r1'), 'r1', 6, 'OUT', 'inpatient  TEAM'],
          ['Block 6', r('r4'), 'r4', 6, 'OUT', 'NF / nf'],
        ],
      );
      expect(preview.counts).toEqual({ cells: 0, calls: 0, people: 3 });
      const lines: string[] = [];
      const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
      expect(await importXlsxCommand.run(['-p', program.path, path, '--preview'], io)).toBe(0);
      expect(lines).toContain(`  Block 6!${r('r1')}  Avery Adams's rotation in block 6: OUT -> inpatient  TEAM`);
      expect(lines).toContain('0 half-days, 0 call nights and 3 rotations change, for 3 people');

      const { draft } = await importXlsx(ctx, { path, name: 'Plan from Excel' });
      const { diff } = await compareDraft(ctx, { draftId: draft.id });
      expect(diff.cells).toEqual([]);
      expect(
        diff.rotations
          .map((d) => [d.personId, d.blockNumber, d.before, d.after])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ).toEqual([
        ['r1', 6, [{ part: 'full', rotationId: 'rot-out' }], [{ part: 'full', rotationId: 'rot-fmit' }]],
        [
          'r3',
          6,
          [
            { part: 'first', rotationId: 'rot-nf' },
            { part: 'second', rotationId: 'rot-out' },
          ],
          [{ part: 'full', rotationId: 'rot-nf' }],
        ],
        [
          'r4',
          6,
          [{ part: 'full', rotationId: 'rot-out' }],
          [
            { part: 'first', rotationId: 'rot-nf' },
            { part: 'second', rotationId: 'rot-nf' },
          ],
        ],
      ]);
    },
  );

  it(
    'refuses rotation edits at their cells: unknown rotations with a suggestion, halves where the block has none; ' +
      'nothing written',
    async () => {
      const before = (await listDrafts(ctx)).length;
      const path = await edited('bad-rotations.xlsx', (sheet) => {
        sheet.getCell(rowOf(sheet, 'r1'), 3).value = 'FMT';
        sheet.getCell(rowOf(sheet, 'r4'), 3).value = 'OUT / NF / FMIT';
        sheet.getCell(rowOf(sheet, 'f1'), 3).value = 'OUT';
      });
      const sheet = await sheetOf(path);
      const preview = await previewXlsxImport(ctx, path);
      expect(preview.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual([
        `Block 6!C${rowOf(sheet, 'r1')}: 'FMT' is not a rotation of this program; did you mean 'FMIT'?`,
        `Block 6!C${rowOf(sheet, 'r4')}: "OUT / NF / FMIT" names 3 rotations; a block takes one rotation, or two as ` +
          `"A / B" for its halves`,
      ]);
      expect(preview.rotationEdits).toEqual([]);

      // The draft layer's own checks, at their cells: a faculty member has no plan; block 0 has no halves.
      const facultyPath = await edited('faculty-rotation.xlsx', (s) => {
        s.getCell(rowOf(s, 'f1'), 3).value = 'OUT';
        s.getCell(rowOf(s, 'r4'), 3).value = 'FMIT / NF'; // FMIT lasts a whole block
      });
      const faculty = await previewXlsxImport(ctx, facultyPath);
      expect(faculty.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`).sort()).toEqual(
        [
          `Block 6!C${rowOf(sheet, 'f1')}: Dana Diaz, MD is faculty; the rotation plan is for residents`,
          `Block 6!C${rowOf(sheet, 'r4')}: Inpatient team (FMIT) lasts a whole block; it cannot take the first ` +
            `half only`,
        ].sort(),
      );
      const block0 = join(dir, 'block0.xlsx');
      await exportXlsxFromData(await loadProgramData(program), {
        output: block0,
        block: { academicYear: 2026, number: 0 },
      });
      const halves = await edited(
        'block0-halves.xlsx',
        (s) => {
          s.getCell(rowOf(s, 'r2'), 3).value = 'NF / NF';
        },
        block0,
        'Block 0',
      );
      const refused = await previewXlsxImport(ctx, halves);
      expect(refused.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual([
        `Block 0!C${rowOf(await sheetOf(halves, 'Block 0'), 'r2')}: Blake Brown: block 0 (1 Jul – 1 Jul, 1 day) is ` +
          `too short to have halves; plan it as a whole block`,
      ]);
      await expect(importXlsx(ctx, { path: halves })).rejects.toThrow(/^Nothing was imported: 1 problem/);
      expect((await listDrafts(ctx)).length).toBe(before);
    },
  );

  it('import-xlsx --preview prints the diff and writes nothing; without it, one draft and its id', async () => {
    const path = await edited('cli.xlsx', (sheet) => {
      sheet.getCell(rowOf(sheet, 'f2'), 4).value = 'AT';
    });
    const lines: string[] = [];
    const errors: string[] = [];
    const io: CliIo = { out: (l) => lines.push(l), err: (l) => errors.push(l) };
    const drafts = (await listDrafts(ctx)).length;
    expect(await importXlsxCommand.run(['-p', program.path, path, '--preview'], io)).toBe(0);
    expect(errors).toEqual([]);
    expect(lines).toContain('  2026-11-19 AM  Eli Evans, DO: C -> AT');
    expect(lines.at(-1)).toBe('Preview only: nothing was written.');
    expect((await listDrafts(ctx)).length).toBe(drafts);
    expect(await importXlsxCommand.run(['-p', program.path, path, '--name', 'From the CLI'], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/^Imported as draft \d+ "From the CLI"$/);
    expect((await listDrafts(ctx)).length).toBe(drafts + 1);

    const bad = await edited('cli-bad.xlsx', (sheet) => {
      sheet.getCell(rowOf(sheet, 'f2'), 4).value = 'XYZ';
    });
    expect(await importXlsxCommand.run(['-p', program.path, bad], io)).toBe(1);
    expect(errors.filter((e) => e.startsWith('Block 6'))).toEqual([
      "Block 6!D15: 'XYZ' is not an activity code (the Legend sheet lists them)",
    ]);
    expect(errors.at(-1)).toMatch(/1 problem in cli-bad\.xlsx; nothing was imported/);
    expect((await listDrafts(ctx)).length).toBe(drafts + 1);
  });
});
