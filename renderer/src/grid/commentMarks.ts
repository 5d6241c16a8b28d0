// The program director's comments on cells, laid over the coordinator's diff grid: which slots
// each comment covers (its people × its dates × its half or both), so the grid can mark them,
// show the comments on hover and click, name its marks for the keyboard and screen readers (one
// Tab stop per comment, on its first cell), and jump to a comment's first cell. Pure, unit-tested.
import type { ReviewComment } from '../../../core/api/contract';
import type { HalfDay, IsoDate } from '../../../core/domain/types';
import { datesBetween } from '../lib/dates';
import { cellKey } from './gridModel';

export interface CellComment {
  id: number;
  author: string;
  text: string;
  resolved: boolean;
  /** The comment's first slot (its first person, first date, first half): its one keyboard stop. */
  firstCell: string;
}

/** cellKey(person, date, half) → the comments on that slot, in the order given. */
export type CommentMarks = Map<string, CellComment[]>;

const HALVES: readonly HalfDay[] = ['AM', 'PM'];

export function commentMarks(comments: readonly ReviewComment[]): CommentMarks {
  const marks: CommentMarks = new Map();
  for (const c of comments) {
    if (c.anchor.kind !== 'cells') continue;
    const halves = c.anchor.half ? [c.anchor.half] : HALVES;
    const firstCell = cellKey(c.anchor.personIds[0], c.anchor.start, halves[0]);
    const note: CellComment = { id: c.id, author: c.author, text: c.text, resolved: !!c.resolvedAt, firstCell };
    for (const date of datesBetween(c.anchor.start, c.anchor.end))
      for (const personId of c.anchor.personIds)
        for (const half of halves) {
          const key = cellKey(personId, date, half);
          const list = marks.get(key);
          if (list) list.push(note);
          else marks.set(key, [note]);
        }
  }
  return marks;
}

/** A marked slot reads "open" while any of its comments is unresolved. */
export function markState(notes: readonly CellComment[]): 'open' | 'resolved' {
  return notes.some((n) => !n.resolved) ? 'open' : 'resolved';
}

/** Hover text: one line per comment on the slot. */
export function commentTitle(notes: readonly CellComment[]): string {
  return notes.map((n) => `Comment by ${n.author}${n.resolved ? ' (resolved)' : ''}: ${n.text}`).join('\n');
}

/**
 * A marked slot's name for screen readers (the mark is a button): who commented on whose slot,
 * and whether it is still open.
 */
export function commentMarkName(notes: readonly CellComment[], slot: string): string {
  if (notes.length === 1) {
    const [n] = notes;
    return `Comment by ${n.author} on ${slot}${n.resolved ? ' (resolved)' : ''}: ${n.text}`;
  }
  const open = notes.filter((n) => !n.resolved).length;
  return `${notes.length} comments on ${slot} (${open ? `${open} open` : 'all resolved'})`;
}

/** Whether a slot is the first of one of its comments: those are the marks Tab stops on. */
export function isCommentStop(notes: readonly CellComment[], key: string): boolean {
  return notes.some((n) => n.firstCell === key);
}

/** Where to jump for a comment: its first person on its first date (null: not about cells). */
export function commentTarget(comment: ReviewComment): { personId: string; date: IsoDate } | null {
  if (comment.anchor.kind !== 'cells' || !comment.anchor.personIds.length) return null;
  return { personId: comment.anchor.personIds[0], date: comment.anchor.start };
}
