// The text of a spreadsheet cell as a person sees it: the one reading every sheet import uses
// (block sheets, people and absence lists), so a cell means the same to each.
import type ExcelJS from 'exceljs';

/**
 * The text of a cell as a person sees it, trimmed; null for an empty or blank cell. Rich text is
 * joined, a formula reads as its result, a hyperlink as its words, a date as its ISO day.
 * A formula error (#N/A, #REF!) reads as its code, so the reader reports it like any other wrong
 * value ("'#N/A' is not an activity code") rather than taking the cell for empty — an error left
 * in a sheet is a mistake to show, not a blank to skip.
 */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return (
        value.richText
          .map((r) => r.text)
          .join('')
          .trim() || null
      );
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    // A shared-formula cell whose result was never computed shows nothing.
    return null;
  }
  return String(value).trim() || null;
}
