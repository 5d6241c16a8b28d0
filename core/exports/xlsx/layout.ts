// The block sheet's layout, shared by the writer (blockSheet.ts) and the importer
// (core/imports/blockSheet.ts), so what one writes the other reads:
//   row 1                title (block, dates, which schedule)
//   row 2 (DATE_ROW)     the date over each day's two columns (a real spreadsheet date)
//   row 3 (HEADER_ROW)   "Id", "Name", "Rotation", then AM / PM under each date
//   rows 4…              call rows (Rotation column says "Call", Id column the call type's code),
//                        then people grouped PGY-3 … PGY-1, faculty, learners, each group under a
//                        heading row (only its Name cell filled)
// The importer finds columns by these headers, never by position, so a moved column or shifted
// dates are read as what they say.
import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/types';

export const TITLE_ROW = 1;
export const DATE_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_BODY_ROW = 4;

export const ID_HEADER = 'Id';
export const NAME_HEADER = 'Name';
export const ROTATION_HEADER = 'Rotation';
/** What the Rotation column of a call row says. */
export const CALL_MARK = 'Call';

/** Columns of the name block: Id, Name, Rotation; the grid starts after them. */
export const ID_COL = 1;
export const NAME_COL = 2;
export const ROTATION_COL = 3;
export const FIRST_GRID_COL = 4;

export const LEGEND_SHEET = 'Legend';
export const PLAN_SHEET = 'Annual plan';
export const CALL_SHEET = 'Call roster';
export const PEOPLE_SHEET = 'People';

/** "Block 6": the sheet of a block (unique within a year, a valid sheet name). */
export function blockSheetName(blockNumber: number): string {
  return `Block ${blockNumber}`;
}

/** A spreadsheet date cell holding this calendar day (exceljs writes a JS Date as a UTC serial). */
export function excelDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The calendar day a header cell names: a date cell, a date serial, or ISO / US text; else null. */
export function dateOfCell(value: unknown): IsoDate | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isFinite(value) && value > 20000 && value < 80000) {
    // Excel's 1900 date system (serial 25569 = 1970-01-01).
    return new Date(Math.round((value - 25569) * 86_400_000)).toISOString().slice(0, 10);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const iso = DateTime.fromISO(text, { zone: 'utc' });
    if (/^\d{4}-\d{2}-\d{2}$/.test(text) && iso.isValid) return iso.toISODate();
    const us = DateTime.fromFormat(text, 'M/d/yyyy', { zone: 'utc' });
    if (us.isValid) return us.toISODate();
  }
  return null;
}

/** The colour as exceljs's ARGB. */
export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** Black or white text, whichever reads better on the fill. */
export function inkOn(hex: string): string {
  const n = parseInt(hex.replace('#', ''), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? 'FF1F2933' : 'FFFFFFFF';
}
