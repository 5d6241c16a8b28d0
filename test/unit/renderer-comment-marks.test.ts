// The program director's cell comments marked on the coordinator's diff grid
// (renderer/src/grid/commentMarks.ts): which slots each comment covers, open vs resolved,
// hover text, where a click in the comments panel jumps.
import { describe, expect, it } from 'vitest';
import type { ReviewComment } from '../../core/api/contract';
import {
  commentMarkName,
  commentMarks,
  commentTarget,
  commentTitle,
  isCommentStop,
  markState,
} from '../../renderer/src/grid/commentMarks';
import { cellKey } from '../../renderer/src/grid/gridModel';

let nextId = 1;
function comment(anchor: ReviewComment['anchor'], text: string, resolved = false): ReviewComment {
  return {
    id: nextId++,
    responseId: 1,
    draftId: 1,
    anchor,
    text,
    author: 'Dr. Ada Park',
    at: '2026-08-01T10:00:00.000Z',
    resolvedAt: resolved ? '2026-08-02T10:00:00.000Z' : null,
    resolvedBy: resolved ? 'Coordinator' : null,
  };
}

describe('comment marks on the diff grid', () => {
  it('covers every person × date of a cell range, both halves when no half is given', () => {
    const c = comment({ kind: 'cells', personIds: ['r1', 'r2'], start: '2026-08-30', end: '2026-09-01' }, 'too many');
    const marks = commentMarks([c]);
    // 2 people × 3 days (across a month end) × 2 halves.
    expect(marks.size).toBe(12);
    for (const p of ['r1', 'r2'])
      for (const d of ['2026-08-30', '2026-08-31', '2026-09-01'])
        for (const h of ['AM', 'PM'] as const) expect(marks.get(cellKey(p, d, h))?.map((n) => n.id)).toEqual([c.id]);
    expect(marks.has(cellKey('r1', '2026-09-02', 'AM'))).toBe(false);
    expect(marks.has(cellKey('r3', '2026-08-31', 'AM'))).toBe(false);
  });

  it('marks only the half a one-slot comment names', () => {
    const marks = commentMarks([
      comment({ kind: 'cells', personIds: ['r1'], start: '2026-08-04', end: '2026-08-04', half: 'PM' }, 'why PM?'),
    ]);
    expect([...marks.keys()]).toEqual([cellKey('r1', '2026-08-04', 'PM')]);
  });

  it('ignores comments on a person, a finding or the whole draft (they have no cells)', () => {
    const marks = commentMarks([
      comment({ kind: 'person', personId: 'r1' }, 'person'),
      comment({ kind: 'finding', findingId: 'f1' }, 'finding'),
      comment({ kind: 'draft' }, 'draft'),
    ]);
    expect(marks.size).toBe(0);
  });

  it('keeps every comment on a slot two comments share; open while any is unresolved', () => {
    const a = comment({ kind: 'cells', personIds: ['r1'], start: '2026-08-04', end: '2026-08-05' }, 'first', true);
    const b = comment(
      { kind: 'cells', personIds: ['r1'], start: '2026-08-05', end: '2026-08-06', half: 'AM' },
      'second',
    );
    const marks = commentMarks([a, b]);
    const shared = marks.get(cellKey('r1', '2026-08-05', 'AM'))!;
    expect(shared.map((n) => n.text)).toEqual(['first', 'second']);
    expect(markState(shared)).toBe('open');
    expect(markState(marks.get(cellKey('r1', '2026-08-04', 'AM'))!)).toBe('resolved');
    expect(markState(marks.get(cellKey('r1', '2026-08-06', 'AM'))!)).toBe('open');
    expect(commentTitle(shared)).toBe('Comment by Dr. Ada Park (resolved): first\nComment by Dr. Ada Park: second');
  });

  it('gives each comment one keyboard stop, its first slot, and names marks for screen readers', () => {
    const a = comment({ kind: 'cells', personIds: ['r2', 'r1'], start: '2026-08-04', end: '2026-08-05' }, 'why?');
    const b = comment(
      { kind: 'cells', personIds: ['r1'], start: '2026-08-05', end: '2026-08-05', half: 'PM' },
      'and this',
      true,
    );
    const marks = commentMarks([a, b]);
    const stops = [...marks].filter(([key, notes]) => isCommentStop(notes, key)).map(([key]) => key);
    // a: 2 people × 2 days × 2 halves = 8 marked slots, one stop; b: its one PM slot.
    expect(stops).toEqual([cellKey('r2', '2026-08-04', 'AM'), cellKey('r1', '2026-08-05', 'PM')]);
    expect(commentMarkName(marks.get(cellKey('r2', '2026-08-04', 'AM'))!, 'Ann Lee, 4 Aug 2026 AM')).toBe(
      'Comment by Dr. Ada Park on Ann Lee, 4 Aug 2026 AM: why?',
    );
    const shared = marks.get(cellKey('r1', '2026-08-05', 'PM'))!;
    expect(commentMarkName(shared, 'Bo Chan, 5 Aug 2026 PM')).toBe('2 comments on Bo Chan, 5 Aug 2026 PM (1 open)');
    expect(commentMarkName([shared[1]], 'Bo Chan, 5 Aug 2026 PM')).toBe(
      'Comment by Dr. Ada Park on Bo Chan, 5 Aug 2026 PM (resolved): and this',
    );
  });

  it('jumps to a cell comment’s first person and first date; other comments have nowhere to jump', () => {
    const c = comment({ kind: 'cells', personIds: ['r2', 'r1'], start: '2026-10-01', end: '2026-10-03' }, 'x');
    expect(commentTarget(c)).toEqual({ personId: 'r2', date: '2026-10-01' });
    expect(commentTarget(comment({ kind: 'person', personId: 'r1' }, 'y'))).toBeNull();
    expect(commentTarget(comment({ kind: 'draft' }, 'z'))).toBeNull();
  });
});
