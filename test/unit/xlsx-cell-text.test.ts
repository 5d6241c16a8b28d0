// One reading of a spreadsheet cell for every sheet import (block sheets, people and absence
// lists): what each kind of cell reads as, and a formula error read as its code by a list import
// too (the list imports used to read it as "[object Object]").
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../core/exports/xlsx/cellText';
import { readAbsenceRows } from '../../core/exports/xlsx/readAbsenceRows';
import { makeProgram } from './exports-fixture';

describe('cellText', () => {
  it('reads each kind of cell as a person sees it', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText(undefined as never)).toBeNull();
    expect(cellText('  C  ')).toBe('C');
    expect(cellText('   ')).toBeNull();
    expect(cellText(3)).toBe('3');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date('2026-11-05T00:00:00Z'))).toBe('2026-11-05');
    expect(cellText({ richText: [{ text: ' Avery ' }, { text: 'Adams ' }] })).toBe('Avery Adams');
    expect(cellText({ formula: 'A1', result: ' LEC ' } as ExcelJS.CellValue)).toBe('LEC');
    expect(cellText({ formula: 'A1', result: undefined } as unknown as ExcelJS.CellValue)).toBeNull();
    expect(cellText({ text: ' Ward 4B ', hyperlink: 'https://example.org' })).toBe('Ward 4B');
    expect(cellText({ text: { richText: [{ text: 'Clinic' }] }, hyperlink: 'x' } as never)).toBe('Clinic');
  });

  it('reads a formula error as its code, directly or as a formula result', () => {
    expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBe('#N/A');
    expect(cellText({ formula: 'VLOOKUP(A1,B:C,2)', result: { error: '#REF!' } } as ExcelJS.CellValue)).toBe('#REF!');
  });

  it('a list import names the error a cell holds', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leave');
    sheet.addRow(['Name', 'Type', 'First day', 'Last day']);
    sheet.addRow(['Avery Adams', 'Vacation', '2026-11-09', '2026-11-10']);
    sheet.getCell('B2').value = { formula: 'VLOOKUP(A2,Types!A:B,2)', result: { error: '#N/A' } } as ExcelJS.CellValue;
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const reading = await readAbsenceRows(bytes, 'xlsx', makeProgram(), [{ code: 'vacation', name: 'Vacation' }]);
    expect(reading.rows).toEqual([]);
    expect(reading.problems).toEqual([
      expect.objectContaining({
        sheet: 'Leave',
        cell: 'B2',
        message: expect.stringMatching(/^"#N\/A" is not an absence type/),
      }),
    ]);
  });
});
