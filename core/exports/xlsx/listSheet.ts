// What the list imports (absences, people) share: the rows of an .xlsx's sheets or a .csv file,
// the header row found by the words it uses for the columns, and the places of cells as a
// spreadsheet names them.
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../libraries';
import { cellText } from './cellText';
import { WorkbookReadError, type SheetProblem } from './readBlockSheets';

/** A header compared without case, spaces or punctuation: "First day" → "firstday". */
export const headerKey = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

export const colName = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** The sheets of a file: every sheet of an .xlsx, or a .csv's rows as one sheet named "CSV". */
export async function worksheetOf(bytes: Uint8Array, kind: 'xlsx' | 'csv'): Promise<ExcelJS.Worksheet[]> {
  const book = new (await loadExcel()).Workbook();
  try {
    if (kind === 'xlsx') await book.xlsx.load(Buffer.from(bytes) as never);
    else {
      // A BOM from Excel's "CSV UTF-8" would stick to the first header.
      const text = Buffer.from(bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      // Dates stay text: the reader parses them itself (ISO or month/day/year).
      await book.csv.read(Readable.from([text]), {
        sheetName: 'CSV',
        parserOptions: {},
        map: (v: string) => v,
      } as never);
    }
  } catch (err) {
    throw new WorkbookReadError(
      `This is not a ${kind === 'xlsx' ? 'workbook (.xlsx)' : 'CSV file'} the import can read: ` +
        `${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return book.worksheets;
}

/**
 * The first header row (in the first ten rows of a sheet, the sheets in order) whose words name the
 * columns `enough` needs; each column at the first cell that names it.
 */
export function findHeaderRow<Column extends string>(
  sheets: ExcelJS.Worksheet[],
  headers: Record<Column, string[]>,
  enough: (cols: Map<Column, number>) => boolean,
): { sheet: ExcelJS.Worksheet; row: number; cols: Map<Column, number> } | null {
  for (const sheet of sheets) {
    for (let row = 1; row <= Math.min(10, sheet.rowCount); row++) {
      const cols = new Map<Column, number>();
      sheet.getRow(row).eachCell((cell, c) => {
        const key = headerKey(cellText(cell.value) ?? '');
        for (const [col, words] of Object.entries(headers) as [Column, string[]][])
          if (words.includes(key) && !cols.has(col)) cols.set(col, c);
      });
      if (enough(cols)) return { sheet, row, cols };
    }
  }
  return null;
}

/** The reading of a file without a header row: no rows, one problem at A1 saying what to give. */
export function noHeaderRow(
  kind: 'xlsx' | 'csv',
  sheets: ExcelJS.Worksheet[],
  message: string,
): { sheet: string; rows: never[]; problems: SheetProblem[] } {
  const sheet = kind === 'csv' ? 'CSV' : (sheets[0]?.name ?? 'Sheet1');
  return { sheet, rows: [], problems: [{ sheet, cell: 'A1', message }] };
}
