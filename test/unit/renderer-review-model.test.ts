// The reviewer's grid model and comment anchors (renderer/src/review/reviewModel.ts).
import { describe, expect, it } from 'vitest';
import type { ReviewDocument } from '../../core/api/contract';
import { activity } from './rules/fixtures';
import { anchorOfSelection, anchorText, reviewGrid } from '../../renderer/src/review/reviewModel';

const person = { id: 'r1', name: 'Nora Reyes', kind: 'resident' as const, facultyRole: null, pgy: 1, group: 'PGY-1' };
const dayActivity = (code: string) => activity(code, ['08:00', '12:00'], ['13:00', '17:00']);

function review(): ReviewDocument {
  const cell = { personId: 'r1', date: '2026-08-04', half: 'AM' as const };
  return {
    grid: {
      start: '2026-08-04',
      end: '2026-08-05',
      people: [person],
      activities: [dayActivity('C'), dayActivity('LEC')],
      assignments: [{ ...cell, activityCode: 'C', source: 'template', locked: false }],
      calls: [],
      callTypes: [],
      holidays: [],
      rotationAssignments: [],
      rotations: [],
      absences: [],
      duty: [],
    },
    comparison: {
      diff: {
        cells: [
          {
            ...cell,
            kind: 'changed',
            before: { activityCode: 'C', source: 'template', locked: false },
            after: { activityCode: 'LEC', source: 'manual', locked: true },
          },
        ],
        calls: [],
        inpatientWeeks: [],
        rotations: [],
      },
    },
    blocks: [],
    people: [person],
  } as unknown as ReviewDocument;
}

describe('review model', () => {
  it('lays the draft over the baseline with diff marks', () => {
    const g = reviewGrid(review())!;
    expect(g.model.days.map((d) => d.date)).toEqual(['2026-08-04', '2026-08-05']);
    expect([...g.marks.cells.values()].map((m) => m.kind)).toEqual(['changed']);
    expect(reviewGrid({ ...review(), grid: null })).toBeNull();
  });

  it('turns a selection into a cell-range anchor, one half when one column', () => {
    const { model } = reviewGrid(review())!;
    const row = model.rows.findIndex((r) => r.kind === 'person');
    const sel = (c0: number, c1: number) => ({
      anchor: { row, col: c0 },
      focus: { row, col: c1 },
      ranges: [{ r0: row, r1: row, c0, c1 }],
    });
    expect(anchorOfSelection(model, sel(1, 1))).toEqual({
      kind: 'cells',
      personIds: ['r1'],
      start: '2026-08-04',
      end: '2026-08-04',
      half: 'PM',
    });
    expect(anchorOfSelection(model, sel(0, 3))).toEqual({
      kind: 'cells',
      personIds: ['r1'],
      start: '2026-08-04',
      end: '2026-08-05',
    });
    expect(anchorOfSelection(model, null)).toBeNull();
  });

  it('says where a comment points', () => {
    const nameOf = (id: string) => (id === 'r1' ? 'Nora Reyes' : id);
    expect(anchorText({ kind: 'draft' }, nameOf)).toBe('the whole draft');
    expect(anchorText({ kind: 'person', personId: 'r1' }, nameOf)).toBe('Nora Reyes');
    expect(anchorText({ kind: 'finding', findingId: 'f1' }, nameOf, () => 'Too many hours')).toBe(
      'finding: Too many hours',
    );
    expect(
      anchorText({ kind: 'cells', personIds: ['r1'], start: '2026-08-04', end: '2026-08-04', half: 'AM' }, nameOf),
    ).toMatch(/^Nora Reyes, .*4.* AM$/);
  });
});
