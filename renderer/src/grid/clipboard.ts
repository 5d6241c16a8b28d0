// Copy and paste of activity codes inside the grid (an in-app clipboard: codes, not text).
// A copied block is the person rows × half-day columns of the selection's active rectangle;
// pasting puts it at the top-left of the target selection, tiles it when the target is an exact
// multiple of it, and a single copied cell fills the whole selection, as spreadsheets do.
import { createUserStore } from '../state/store';
import { selectedCells, type CellPos, type GridShape, type Selection } from './selection';

export interface ClipBlock {
  /** Rows (person rows in grid order) × half-day columns; null = an empty slot. */
  values: (string | null)[][];
}

/** The block last copied, kept across blocks and drafts (the grid's own clipboard, not the system's). */
export const useGridClipboard = createUserStore<{ block: ClipBlock | null }>(() => ({ block: null }));

export interface PasteTarget {
  pos: CellPos;
  value: string | null;
}

function personRowsBetween(shape: GridShape, r0: number, r1: number): number[] {
  const rows: number[] = [];
  for (let r = r0; r <= r1; r++) if (shape.rowKinds[r] === 'person') rows.push(r);
  return rows;
}

/** The active rectangle's person cells; null when it holds no person row. */
export function copyBlock(
  sel: Selection,
  shape: GridShape,
  valueAt: (pos: CellPos) => string | null,
): ClipBlock | null {
  const range = sel.ranges[sel.ranges.length - 1];
  const rows = personRowsBetween(shape, range.r0, range.r1);
  if (rows.length === 0) return null;
  const values = rows.map((row) => {
    const line: (string | null)[] = [];
    for (let col = range.c0; col <= range.c1; col++) line.push(valueAt({ row, col }));
    return line;
  });
  return { values };
}

export function blockSize(block: ClipBlock): { rows: number; cols: number } {
  return { rows: block.values.length, cols: block.values[0]?.length ?? 0 };
}

/** Where each pasted value goes. Cells past the grid's last column or person row are dropped. */
export function pasteTargets(block: ClipBlock, sel: Selection, shape: GridShape): PasteTarget[] {
  const { rows: h, cols: w } = blockSize(block);
  if (h === 0 || w === 0) return [];
  if (h === 1 && w === 1) {
    const value = block.values[0][0];
    return selectedCells(sel, shape).people.map((pos) => ({ pos, value }));
  }
  const range = sel.ranges[sel.ranges.length - 1];
  const allBelow = personRowsBetween(shape, range.r0, shape.rowKinds.length - 1);
  const targetRows = personRowsBetween(shape, range.r0, range.r1);
  const width = range.c1 - range.c0 + 1;
  // Tile only when the target is a whole multiple of the block in both directions.
  const tiles =
    targetRows.length >= h && width >= w && targetRows.length % h === 0 && width % w === 0
      ? { down: targetRows.length / h, across: width / w }
      : { down: 1, across: 1 };
  const out: PasteTarget[] = [];
  for (let i = 0; i < h * tiles.down; i++) {
    const row = allBelow[i];
    if (row === undefined) break;
    for (let j = 0; j < w * tiles.across; j++) {
      const col = range.c0 + j;
      if (col >= shape.colCount) break;
      out.push({ pos: { row, col }, value: block.values[i % h][j % w] });
    }
  }
  return out;
}
