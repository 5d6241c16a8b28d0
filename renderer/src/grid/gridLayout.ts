// Sizes of the block grid, per density. Uniform day widths let a row compute its cells' positions
// from the visible column range alone, so rows re-render only when that range changes. The grid
// provides its metrics to its parts through GridMetricsContext.
import { createContext, useContext } from 'react';
import { CONDENSED_FONT } from '../lib/fonts';
import { pageFontFamily, textWidth, wrappedLines } from '../lib/textLines';
import type { Density } from '../state/prefs';
import type { GridRowModel } from './gridModel';

export interface GridMetrics {
  density: Density;
  nameWidth: number;
  halfWidth: number;
  dayWidth: number;
  headerTopHeight: number;
  headerBottomHeight: number;
  headerHeight: number;
  /** Residents get a rotation band above their half-day cells. */
  bandHeight: number;
  cellHeight: number;
  /** A call row's least height; a call type's name that needs more lines makes its row taller. */
  callRowHeight: number;
  /**
   * A call type's name in the name column: wrapped whole over as many lines as it needs, never
   * cut; its font, line height and side padding, and whether the "Call · residents · times" line
   * shows under it (comfortable only: compact keeps it in the tooltip).
   */
  callName: { fontPx: number; lineHeight: number; padding: number; subLine: boolean };
  /**
   * The text of a half-day cell (an activity's code) and of a call cell (who is on call), as
   * grid.css draws it: a half-day is at least as wide as its widest code plus the gap between
   * cells, a day at least as wide as the widest name on call plus its padding (fitGridMetrics).
   */
  cellText: CellFont;
  callText: CellFont & { padding: number };
  groupRowHeight: number;
}

export interface CellFont {
  weight: number;
  fontPx: number;
  /** In the bundled condensed face (lib/fonts.ts), else in the page's font. */
  condensed: boolean;
}

/** Space between two half-day cells (each cell is this much narrower than its half-day). */
export const CELL_GAP = 1;

function metrics(density: Density, m: Omit<GridMetrics, 'density' | 'dayWidth' | 'headerHeight'>): GridMetrics {
  return { density, ...m, dayWidth: m.halfWidth * 2, headerHeight: m.headerTopHeight + m.headerBottomHeight };
}

export const GRID_METRICS: Record<Density, GridMetrics> = {
  comfortable: metrics('comfortable', {
    nameWidth: 216,
    halfWidth: 34,
    headerTopHeight: 34,
    headerBottomHeight: 18,
    bandHeight: 13,
    cellHeight: 24,
    callRowHeight: 32,
    callName: { fontPx: 12.5, lineHeight: 15, padding: 10, subLine: true },
    cellText: { weight: 650, fontPx: 10.5, condensed: false },
    callText: { weight: 600, fontPx: 11, condensed: false, padding: 3 },
    groupRowHeight: 28,
  }),
  // Two weeks of a dozen people at 1280×720; a whole block of a residency at 1920×1080.
  compact: metrics('compact', {
    nameWidth: 168,
    halfWidth: 26,
    headerTopHeight: 28,
    headerBottomHeight: 13,
    bandHeight: 9,
    cellHeight: 16,
    callRowHeight: 22,
    callName: { fontPx: 11, lineHeight: 12.5, padding: 8, subLine: false },
    // Condensed: a 4-letter code fits 26 px at a readable 10 px.
    cellText: { weight: 600, fontPx: 10, condensed: true },
    callText: { weight: 600, fontPx: 10, condensed: true, padding: 1 },
    groupRowHeight: 19,
  }),
};

/** The grid's condensed text: the bundled face, the page's font behind it (grid.css --bg-condensed-font). */
export function condensedFontFamily(): string {
  return `${CONDENSED_FONT}, ${pageFontFamily()}`;
}

function cellFont(f: CellFont): string {
  return `${f.weight} ${f.fontPx}px ${f.condensed ? condensedFontFamily() : pageFontFamily()}`;
}

/**
 * The density's metrics widened, where the grid's own texts need it, so every code and every
 * name on call shows whole in this font: `codes` are what half-day cells show, `callNames` the
 * labels of single people on call. Widths grow in half pixels; never narrower than the density's.
 */
export function fitGridMetrics(base: GridMetrics, codes: Iterable<string>, callNames: Iterable<string>): GridMetrics {
  const widest = (texts: Iterable<string>, f: CellFont) =>
    Math.max(0, ...[...texts].map((t) => textWidth(t, cellFont(f))));
  const forCodes = widest(codes, base.cellText) + CELL_GAP;
  const forCalls = (widest(callNames, base.callText) + 2 * base.callText.padding) / 2;
  const halfWidth = Math.max(base.halfWidth, Math.ceil(2 * Math.max(forCodes, forCalls)) / 2);
  return halfWidth === base.halfWidth ? base : { ...base, halfWidth, dayWidth: 2 * halfWidth };
}

export const GridMetricsContext = createContext<GridMetrics>(GRID_METRICS.comfortable);
export const useGridMetrics = () => useContext(GridMetricsContext);

export function rowHeight(row: GridRowModel, m: GridMetrics = GRID_METRICS.comfortable): number {
  switch (row.kind) {
    case 'call':
      return callRowHeightOf(row.callType.name, m);
    case 'group':
      return m.groupRowHeight;
    case 'person':
      return row.person.kind === 'resident' ? m.bandHeight + m.cellHeight + 3 : m.cellHeight + 4;
  }
}

/** Left edge of a day column inside the grid's canvas. */
export function dayLeft(index: number, m: GridMetrics): number {
  return m.nameWidth + index * m.dayWidth;
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

/** The sub-line under a call type's name (comfortable density): 10.5 px text. */
const CALL_SUB_LINE = 13;

/** The font a call type's name is drawn in (CSS shorthand), for measuring it. */
export function callNameFont(m: GridMetrics): string {
  return `600 ${m.callName.fontPx}px ${pageFontFamily()}`;
}

/** How many lines a call type's name takes in the name column. */
export function callNameLines(name: string, m: GridMetrics): number {
  // The name column less its padding and right border.
  return wrappedLines(name, callNameFont(m), m.nameWidth - 2 * m.callName.padding - 1);
}

/** A call row's height: room for its whole name (and the sub-line where it shows). */
export function callRowHeightOf(name: string, m: GridMetrics): number {
  const text = callNameLines(name, m) * m.callName.lineHeight + (m.callName.subLine ? CALL_SUB_LINE : 0) + 4;
  return Math.max(m.callRowHeight, Math.ceil(text));
}
