// The Excel block sheet read back as a spreadsheet program reads it: sheets, header dates, AM/PM
// columns, call rows on top, people grouped PGY-3 … faculty … learners with their rotation per
// half-block, codes filled with the legend colours, weekends and holidays shaded, frozen panes and
// the page setup; the annual plan and the call roster sheets.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildXlsx, type XlsxExportRequest } from '../../core/exports/build';
import { ExportInputError } from '../../core/exports/schedule';
import { makeProgram } from './exports-fixture';

const NOW = new Date('2026-11-10T12:00:00Z');
/** Block 6 of AY 2026-27 in the fixture's block calendar: Thursday 19 Nov – Wednesday 16 Dec. */
const BLOCK6 = { start: '2026-11-19', end: '2026-12-16' };

async function workbook(req: Partial<XlsxExportRequest> = {}) {
  const data = makeProgram(BLOCK6.start, BLOCK6.end);
  const built = await buildXlsx(data, {
    output: '/tmp/out.xlsx',
    block: { academicYear: 2026, number: 6 },
    now: NOW,
    ...req,
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(built.files[0].content as Uint8Array) as never);
  return { book, result: built.result };
}

function rowOf(sheet: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === id) return sheet.getRow(r);
  throw new Error(`no row for ${id}`);
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined);

describe('Excel block sheet', () => {
  it('lays out one block: dates, AM/PM, call rows on top, grouped people with their rotations', async () => {
    const { book, result } = await workbook();
    expect(result.sheets).toEqual(['Block 6', 'People', 'Legend']);
    expect(result.range).toEqual(BLOCK6);
    const sheet = book.getWorksheet('Block 6')!;
    expect(String(sheet.getCell('A1').value)).toContain('Block 6');
    expect(String(sheet.getCell('A1').value)).toContain('Published schedule');
    // Row 2: a real date over each day's two columns (merged); row 3: headers and AM/PM.
    expect((sheet.getCell(2, 4).value as Date).toISOString().slice(0, 10)).toBe('2026-11-19');
    expect((sheet.getCell(2, 6).value as Date).toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(sheet.getCell(2, 4).isMerged).toBe(true);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getCell(3, c).value)).toEqual(['Id', 'Name', 'Rotation', 'AM', 'PM']);
    // 28 days = 56 half-day columns after the three name columns.
    expect(sheet.getCell(3, 3 + 56).value).toBe('PM');
    expect(sheet.getCell(3, 3 + 57).value).toBeNull();

    // Call rows first, then PGY-3, PGY-2, PGY-1, faculty, learners.
    const names = Array.from({ length: sheet.rowCount - 3 }, (_, i) => sheet.getRow(4 + i).getCell(2).value);
    expect(names).toEqual([
      'Overnight call',
      'Labor and delivery call',
      'PGY-3',
      'Casey Chen',
      'PGY-2',
      'Blake Brown',
      'PGY-1',
      'Avery Adams',
      'Devon Díaz-Núñez',
      'Faculty',
      'Dana Diaz, MD',
      'Eli Evans, DO',
      'Learners',
      'Frankie Fox',
    ]);
    expect(rowOf(sheet, 'OC').getCell(3).value).toBe('Call');
    // Thursday 19 Nov: overnight call (ISO weekday 4 → even → f2, "E. Evans").
    expect(rowOf(sheet, 'OC').getCell(4).value).toBe('E. Evans');
    // Half-block rotations: night float then outpatient.
    expect(rowOf(sheet, 'r3').getCell(3).value).toBe('NF/OUT');
    expect(rowOf(sheet, 'r2').getCell(3).value).toBe('FMIT');
  });

  it('fills codes with the legend colours and shades weekends and holidays', async () => {
    const { book } = await workbook();
    const sheet = book.getWorksheet('Block 6')!;
    const devon = rowOf(sheet, 'r4');
    // Thu 19 Nov AM = PROC (Thursday), PM = C.
    expect(devon.getCell(4).value).toBe('PROC');
    expect(fillOf(devon.getCell(4))).toBe('FFFF9800');
    expect(devon.getCell(5).value).toBe('C');
    expect(fillOf(devon.getCell(5))).toBe('FF4CAF50');
    // Eli Evans has nothing on weekends: Sat 21 Nov (day 3 → columns 8, 9) is shaded.
    const eli = rowOf(sheet, 'f2');
    expect(eli.getCell(8).value).toBeNull();
    expect(fillOf(eli.getCell(8))).toBe('FFF0F2F5');
    // Thanksgiving (Thu 26 Nov, day 8 → column 4 + 14) is shaded in the header; a code keeps its colour.
    expect((sheet.getCell(2, 18).value as Date).toISOString().slice(0, 10)).toBe('2026-11-26');
    expect(fillOf(sheet.getCell(2, 18))).toBe('FFEFE2F5');
    expect(fillOf(rowOf(sheet, 's1').getCell(18))).toBe('FF4CAF50');
  });

  it('freezes the header rows and name columns and sets up landscape printing one page wide', async () => {
    const { book } = await workbook();
    const sheet = book.getWorksheet('Block 6')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:3',
    });
  });

  it('writes the whole year one sheet per block, with the annual plan, the call roster and the legend', async () => {
    const { book, result } = await workbook({ block: undefined, academicYear: 2026, plan: true, calls: true });
    expect(result.sheets.slice(0, 3)).toEqual(['Block 0', 'Block 1', 'Block 2']);
    expect(result.sheets.slice(-4)).toEqual(['People', 'Annual plan', 'Call roster', 'Legend']);
    expect(result.range).toEqual({ start: '2026-07-01', end: '2027-06-30' });

    const plan = book.getWorksheet('Annual plan')!;
    expect(plan.getRow(2).getCell(4).value).toBe('Block 0');
    const casey = rowOf(plan, 'r3');
    expect(casey.getCell(3).value).toBe(3);
    expect(casey.getCell(10).value).toBe('NF / OUT');
    expect(fillOf(rowOf(plan, 'r2').getCell(10))).toBe('FFF44336');

    const roster = book.getWorksheet('Call roster')!;
    const header = (roster.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Date',
      'Day',
      'Overnight call (OC)',
      'Labor and delivery call (LD)',
      'Inpatient week',
      'Holiday',
    ]);
    const nov19 = Array.from({ length: roster.rowCount }, (_, i) => roster.getRow(i + 1)).find(
      (r) => r.getCell(1).value instanceof Date && (r.getCell(1).value as Date).toISOString().startsWith('2026-11-19'),
    )!;
    expect(nov19.getCell(5).value).toBe('D. Diaz');
    const legend = book.getWorksheet('Legend')!;
    expect(legend.getCell('A2').value).toBe('C');
    expect(fillOf(legend.getCell('A2'))).toBe('FF4CAF50');
  });

  it('marks a draft and refuses what an Excel workbook cannot hold, in words', async () => {
    const data = makeProgram(BLOCK6.start, BLOCK6.end);
    const draft = { label: 'Swap week', start: '2026-11-09', end: '2026-11-09', assignments: [], calls: [] };
    const built = await buildXlsx(data, {
      output: '/tmp/d.xlsx',
      block: { academicYear: 2026, number: 6 },
      draft,
      now: NOW,
    });
    expect(built.result.draftLabel).toBe('Swap week');
    const refusal = (req: Partial<XlsxExportRequest>) => buildXlsx(data, { output: '/tmp/x.xlsx', now: NOW, ...req });
    await expect(refusal({ output: '/tmp/x.csv' })).rejects.toThrow(/must be a \.xlsx file/);
    await expect(refusal({ academicYear: 2031 })).rejects.toThrow(/no academic year AY 2031–32/);
    await expect(refusal({ block: { number: 40 } })).rejects.toThrow(/has no block 40/);
    await expect(refusal({ start: '2026-11-05', end: '2026-11-10' })).rejects.toThrow(ExportInputError);
  });
});
