// Fixed sizes of the block grid. Uniform day widths let a row compute its cells' positions from
// the visible column range alone, so rows re-render only when that range changes.
import type { GridRowModel } from './gridModel';

export const NAME_WIDTH = 216;
export const HALF_WIDTH = 34;
export const DAY_WIDTH = HALF_WIDTH * 2;
export const HEADER_TOP_HEIGHT = 34;
export const HEADER_BOTTOM_HEIGHT = 18;
export const HEADER_HEIGHT = HEADER_TOP_HEIGHT + HEADER_BOTTOM_HEIGHT;

/** Residents get a rotation band above their half-day cells. */
export const ROTATION_BAND_HEIGHT = 13;
export const CELL_HEIGHT = 24;

export function rowHeight(row: GridRowModel): number {
  switch (row.kind) {
    case 'call':
      return 32;
    case 'group':
      return 28;
    case 'person':
      return row.person.kind === 'resident' ? ROTATION_BAND_HEIGHT + CELL_HEIGHT + 3 : CELL_HEIGHT + 4;
  }
}

/** Left edge of a day column inside the grid's canvas. */
export function dayLeft(index: number): number {
  return NAME_WIDTH + index * DAY_WIDTH;
}

/** ARIA column index (1-based): column 1 is the name; then AM, PM per day. */
export function ariaColIndex(dayIndex: number, half: 'AM' | 'PM'): number {
  return 2 + dayIndex * 2 + (half === 'PM' ? 1 : 0);
}

/** The two header rows come first in ARIA row numbering. */
export const HEADER_ROWS = 2;

/** Columns are rendered in chunks of this many days (see columnWindow). */
export const COLUMN_CHUNK_DAYS = 7;

/**
 * The day columns to render for the visible range [first, last]: widened to whole chunks so the
 * window, and with it every row, changes only when a chunk boundary is crossed.
 */
export function columnWindow(first: number, last: number, dayCount: number): { from: number; to: number } {
  if (last < first || dayCount === 0) return { from: 0, to: -1 };
  const from = Math.floor(first / COLUMN_CHUNK_DAYS) * COLUMN_CHUNK_DAYS;
  const to = Math.min(dayCount - 1, Math.ceil((last + 1) / COLUMN_CHUNK_DAYS) * COLUMN_CHUNK_DAYS - 1);
  return { from, to };
}
