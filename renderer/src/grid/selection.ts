// Which cells of the block grid are selected, as plain data. Positions are (row, col): `row`
// indexes the grid model's rows (call rows, group headers, people), `col` the half-day columns
// (day * 2 + 0 for AM, 1 for PM). Group header rows are never selected; call cells cover a whole
// day, so on call rows a column stands for its day. Pure functions: unit-tested, no React.

export interface CellPos {
  row: number;
  col: number;
}

/** An inclusive rectangle of positions. */
export interface CellRange {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export interface Selection {
  /** Where a range selection started (shift-click and shift+arrows extend from here). */
  anchor: CellPos;
  /** The active cell: where the keyboard is, what the picker edits. */
  focus: CellPos;
  /** Selected rectangles; the last one is anchor..focus. Ctrl/Cmd-click adds rectangles. */
  ranges: CellRange[];
}

export type RowKind = 'call' | 'group' | 'person';

/** What the selection logic needs to know about the grid. */
export interface GridShape {
  rowKinds: readonly RowKind[];
  colCount: number;
}

export function rangeOf(a: CellPos, b: CellPos): CellRange {
  return {
    r0: Math.min(a.row, b.row),
    r1: Math.max(a.row, b.row),
    c0: Math.min(a.col, b.col),
    c1: Math.max(a.col, b.col),
  };
}

export function isSelectableRow(shape: GridShape, row: number): boolean {
  const kind = shape.rowKinds[row];
  return kind === 'call' || kind === 'person';
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

/** The nearest selectable row from `row` in direction `dir` (then the other way); -1 when none. */
export function snapRow(shape: GridShape, row: number, dir: 1 | -1): number {
  const last = shape.rowKinds.length - 1;
  const start = clamp(row, 0, last);
  for (let r = start; r >= 0 && r <= last; r += dir) if (isSelectableRow(shape, r)) return r;
  for (let r = start; r >= 0 && r <= last; r -= dir) if (isSelectableRow(shape, r)) return r;
  return -1;
}

export function firstCell(shape: GridShape): CellPos | null {
  const row = snapRow(shape, 0, 1);
  return row < 0 || shape.colCount === 0 ? null : { row, col: 0 };
}

export function single(pos: CellPos): Selection {
  return { anchor: pos, focus: pos, ranges: [rangeOf(pos, pos)] };
}

/** Shift-click, drag, shift+arrows: the last range reaches from the anchor to `pos`. */
export function extendTo(sel: Selection, pos: CellPos): Selection {
  return { anchor: sel.anchor, focus: pos, ranges: [...sel.ranges.slice(0, -1), rangeOf(sel.anchor, pos)] };
}

/** Ctrl/Cmd-click: add a cell as a new range (it becomes the anchor and the active cell). */
export function addCell(sel: Selection, pos: CellPos): Selection {
  return { anchor: pos, focus: pos, ranges: [...sel.ranges, rangeOf(pos, pos)] };
}

export function selectAll(shape: GridShape): Selection | null {
  const first = snapRow(shape, 0, 1);
  const last = snapRow(shape, shape.rowKinds.length - 1, -1);
  if (first < 0 || shape.colCount === 0) return null;
  const anchor = { row: first, col: 0 };
  const focus = { row: last, col: shape.colCount - 1 };
  return { anchor, focus, ranges: [rangeOf(anchor, focus)] };
}

/** Keep a selection valid after the grid changed shape (another block, rows added or removed). */
export function clampSelection(sel: Selection, shape: GridShape): Selection | null {
  if (shape.rowKinds.length === 0 || shape.colCount === 0) return null;
  const fix = (p: CellPos): CellPos | null => {
    const row = snapRow(shape, p.row, 1);
    return row < 0 ? null : { row, col: clamp(p.col, 0, shape.colCount - 1) };
  };
  const anchor = fix(sel.anchor);
  const focus = fix(sel.focus);
  if (!anchor || !focus) return null;
  const maxRow = shape.rowKinds.length - 1;
  const maxCol = shape.colCount - 1;
  const ranges = sel.ranges
    .map((r) => ({
      r0: clamp(r.r0, 0, maxRow),
      r1: clamp(r.r1, 0, maxRow),
      c0: clamp(r.c0, 0, maxCol),
      c1: clamp(r.c1, 0, maxCol),
    }))
    .slice(0, -1);
  return { anchor, focus, ranges: [...ranges, rangeOf(anchor, focus)] };
}

export type MoveKind =
  | { kind: 'step'; dRow: -1 | 0 | 1; dCol: -1 | 0 | 1 }
  | { kind: 'rowEdge'; edge: 'start' | 'end' }
  | { kind: 'gridEdge'; edge: 'start' | 'end' }
  | { kind: 'page'; dir: -1 | 1; rows: number };

/** Where the active cell goes for a keyboard move (group rows are skipped; call rows step by day). */
export function movedFocus(shape: GridShape, from: CellPos, move: MoveKind): CellPos {
  const lastCol = shape.colCount - 1;
  const lastRow = shape.rowKinds.length - 1;
  switch (move.kind) {
    case 'step': {
      let row = from.row;
      if (move.dRow !== 0) {
        for (let r = from.row + move.dRow; r >= 0 && r <= lastRow; r += move.dRow) {
          if (isSelectableRow(shape, r)) {
            row = r;
            break;
          }
        }
      }
      // A call cell is a whole day: left/right move a day and keep the AM/PM parity.
      const step = shape.rowKinds[row] === 'call' && move.dCol !== 0 ? 2 : 1;
      let col = from.col + move.dCol * step;
      if (col < 0 || col > lastCol) col = from.col;
      return { row, col };
    }
    case 'rowEdge':
      return { row: from.row, col: move.edge === 'start' ? 0 : lastCol };
    case 'gridEdge': {
      const row = move.edge === 'start' ? snapRow(shape, 0, 1) : snapRow(shape, lastRow, -1);
      return { row: row < 0 ? from.row : row, col: move.edge === 'start' ? 0 : lastCol };
    }
    case 'page': {
      const target = clamp(from.row + move.dir * Math.max(1, move.rows), 0, lastRow);
      const row = snapRow(shape, target, move.dir === 1 ? -1 : 1);
      return { row: row < 0 ? from.row : row, col: from.col };
    }
  }
}

/** A keyboard move: collapses to the new cell, or (shift) extends the last range to it. */
export function moveSelection(sel: Selection, shape: GridShape, move: MoveKind, extend: boolean): Selection {
  const focus = movedFocus(shape, sel.focus, move);
  return extend ? extendTo(sel, focus) : single(focus);
}

export function inRange(r: CellRange, pos: CellPos): boolean {
  return pos.row >= r.r0 && pos.row <= r.r1 && pos.col >= r.c0 && pos.col <= r.c1;
}

export function isSelected(sel: Selection, pos: CellPos): boolean {
  return sel.ranges.some((r) => inRange(r, pos));
}

export interface SelectedCells {
  /** Person half-day cells, each once, in row then column order. */
  people: CellPos[];
  /** Call cells as (row, day), each once. */
  calls: { row: number; day: number }[];
}

/** Every selected position, split into person cells and call days (duplicates across ranges once). */
export function selectedCells(sel: Selection, shape: GridShape): SelectedCells {
  const people = new Map<number, CellPos>();
  const calls = new Map<number, { row: number; day: number }>();
  const width = shape.colCount;
  for (const r of sel.ranges) {
    for (let row = r.r0; row <= r.r1; row++) {
      const kind = shape.rowKinds[row];
      if (kind === 'person') {
        for (let col = r.c0; col <= r.c1; col++) people.set(row * width + col, { row, col });
      } else if (kind === 'call') {
        for (let day = r.c0 >> 1; day <= r.c1 >> 1; day++) calls.set(row * width + day, { row, day });
      }
    }
  }
  const byPos = (a: number, b: number) => a - b;
  return {
    people: [...people.keys()].sort(byPos).map((k) => people.get(k)!),
    calls: [...calls.keys()].sort(byPos).map((k) => calls.get(k)!),
  };
}

/** How many cells the selection holds (a call day counts once). */
export function selectionSize(sel: Selection, shape: GridShape): number {
  const s = selectedCells(sel, shape);
  return s.people.length + s.calls.length;
}

/**
 * The selected column spans of one row, as a string key ('' = nothing selected) so a memoised
 * row re-renders only when its own part of the selection changes.
 */
export function rowSelectionKey(sel: Selection | null, row: number): string {
  if (!sel) return '';
  const spans: string[] = [];
  for (const r of sel.ranges) if (row >= r.r0 && row <= r.r1) spans.push(`${r.c0}-${r.c1}`);
  const active = sel.focus.row === row ? `@${sel.focus.col}` : '';
  return spans.length || active ? spans.join(',') + active : '';
}

/** Parse a rowSelectionKey back into spans and the active column (-1 = none). */
export function parseRowSelection(key: string): { spans: [number, number][]; active: number } {
  if (!key) return { spans: [], active: -1 };
  const [spanPart, activePart] = key.split('@');
  const spans = spanPart
    ? spanPart.split(',').map((s) => {
        const [a, b] = s.split('-').map(Number);
        return [a, b] as [number, number];
      })
    : [];
  return { spans, active: activePart === undefined ? -1 : Number(activePart) };
}

export function colSelected(spans: readonly [number, number][], col: number): boolean {
  for (const [a, b] of spans) if (col >= a && col <= b) return true;
  return false;
}
