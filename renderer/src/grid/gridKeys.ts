// Keyboard commands of the block grid, from a key event's fields. Pure: the grid component
// decides what each command does; tests check the mapping.
import type { MoveKind } from './selection';

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type GridCommand =
  | { type: 'move'; move: MoveKind; extend: boolean }
  | { type: 'clear' }
  | { type: 'pick' }
  | { type: 'type'; text: string }
  | { type: 'copy' }
  | { type: 'cut' }
  | { type: 'paste' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'selectAll' }
  | { type: 'escape' };

/** `pageRows`: how many rows a PageUp/PageDown moves (the rows in view). */
export function gridCommand(e: KeyInput, pageRows: number): GridCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const extend = e.shiftKey;
  if (mod && !e.altKey) {
    switch (e.key.toLowerCase()) {
      case 'c':
        return { type: 'copy' };
      case 'x':
        return { type: 'cut' };
      case 'v':
        return { type: 'paste' };
      case 'z':
        return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
      case 'y':
        return { type: 'redo' };
      case 'a':
        return { type: 'selectAll' };
      case 'home':
        return { type: 'move', move: { kind: 'gridEdge', edge: 'start' }, extend };
      case 'end':
        return { type: 'move', move: { kind: 'gridEdge', edge: 'end' }, extend };
    }
    return null;
  }
  switch (e.key) {
    case 'ArrowUp':
      return { type: 'move', move: { kind: 'step', dRow: -1, dCol: 0 }, extend };
    case 'ArrowDown':
      return { type: 'move', move: { kind: 'step', dRow: 1, dCol: 0 }, extend };
    case 'ArrowLeft':
      return { type: 'move', move: { kind: 'step', dRow: 0, dCol: -1 }, extend };
    case 'ArrowRight':
      return { type: 'move', move: { kind: 'step', dRow: 0, dCol: 1 }, extend };
    case 'Tab':
      return { type: 'move', move: { kind: 'step', dRow: 0, dCol: e.shiftKey ? -1 : 1 }, extend: false };
    case 'Home':
      return { type: 'move', move: { kind: 'rowEdge', edge: 'start' }, extend };
    case 'End':
      return { type: 'move', move: { kind: 'rowEdge', edge: 'end' }, extend };
    case 'PageUp':
      return { type: 'move', move: { kind: 'page', dir: -1, rows: pageRows }, extend };
    case 'PageDown':
      return { type: 'move', move: { kind: 'page', dir: 1, rows: pageRows }, extend };
    case 'Delete':
    case 'Backspace':
      return { type: 'clear' };
    case 'Enter':
    case 'F2':
      return { type: 'pick' };
    case 'Escape':
      return { type: 'escape' };
  }
  // A printable character starts type-ahead (codes are letters and digits).
  if (!e.altKey && e.key.length === 1 && /[\p{L}\p{N}]/u.test(e.key)) return { type: 'type', text: e.key };
  return null;
}
