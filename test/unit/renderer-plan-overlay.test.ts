// The grid in draft mode shows the draft's rotation plan: changed plan blocks replace every
// published part of the block, blocks outside the dates are left alone, and a plan-only undo
// patch is kept on the undo stack (and combined in order).
import { describe, expect, it } from 'vitest';
import type { DraftPatch, GridData, RotationDiff } from '../../core/api/contract';
import { combineUndo, emptyHistory, recordEdit } from '../../renderer/src/draft/history';
import { overlayDraft, planBlockKey } from '../../renderer/src/grid/draftOverlay';
import { buildGridModel } from '../../renderer/src/grid/gridModel';

const block = { academicYear: 2026, number: 3, start: '2026-08-27', end: '2026-09-23', secondHalfStart: '2026-09-10' };
const data: GridData = {
  start: '2026-08-27',
  end: '2026-09-23',
  people: [{ id: 'r1', name: 'Res One', kind: 'resident', facultyRole: null, pgy: 1, group: 'PGY-1' }],
  activities: [],
  assignments: [],
  calls: [],
  callTypes: [],
  holidays: [],
  rotationAssignments: [
    { personId: 'r1', academicYear: 2026, blockNumber: 3, part: 'first', rotationId: 'nf' },
    { personId: 'r1', academicYear: 2026, blockNumber: 3, part: 'second', rotationId: 'orth' },
  ],
  rotations: [
    { id: 'nf', code: 'NF', name: 'Night float', color: '#1e3a8a' },
    { id: 'orth', code: 'ORTH', name: 'Orthopedics', color: '#9a3412' },
    { id: 'im', code: 'IM', name: 'Internal medicine', color: '#166534' },
  ],
  absences: [],
  duty: [],
};
const change = (over: Partial<RotationDiff> = {}): RotationDiff => ({
  personId: 'r1',
  academicYear: 2026,
  blockNumber: 3,
  start: block.start,
  end: block.end,
  kind: 'changed',
  before: [
    { part: 'first', rotationId: 'nf' },
    { part: 'second', rotationId: 'orth' },
  ],
  after: [{ part: 'full', rotationId: 'im' }],
  ...over,
});
const diffOf = (rotations: RotationDiff[]) => ({ cells: [], calls: [], inpatientWeeks: [], rotations });

describe('the rotation plan in draft mode', () => {
  it('a whole block replaces both published halves; the band is marked as changed', () => {
    const { data: out, marks } = overlayDraft(data, diffOf([change()]));
    expect(out.rotationAssignments).toEqual([
      { personId: 'r1', academicYear: 2026, blockNumber: 3, part: 'full', rotationId: 'im' },
    ]);
    expect(marks.rotations.get(planBlockKey('r1', 2026, 3))?.kind).toBe('changed');
    const model = buildGridModel(out, [block]);
    const row = model.rows.find((r) => r.kind === 'person')!;
    expect(row.kind === 'person' && row.rotations.map((s) => `${s.code}:${s.part}:${s.from}-${s.to}`)).toEqual([
      'IM:full:0-27',
    ]);
    expect(data.rotationAssignments).toHaveLength(2);
  });

  it('leaves blocks outside the dates and unchanged data alone', () => {
    const outside = change({ blockNumber: 5, start: '2026-10-22', end: '2026-11-18' });
    expect(overlayDraft(data, diffOf([outside])).data).toBe(data);
    const removed = overlayDraft(data, diffOf([change({ kind: 'removed', after: [] })])).data;
    expect(removed.rotationAssignments).toEqual([]);
  });

  it('keeps plan-only undo patches and combines them last edit first', () => {
    const undo = (rotationId: string): DraftPatch => ({
      cells: [],
      calls: [],
      inpatientWeeks: [],
      rotations: [{ personId: 'r1', academicYear: 2026, blockNumber: 3, part: 'full', value: { rotationId } }],
    });
    const h = recordEdit(emptyHistory(), 'Put Res One on IM', undo('a'));
    expect(h.undo).toHaveLength(1);
    expect(combineUndo([undo('a'), undo('b')]).rotations!.map((r) => r.value!.rotationId)).toEqual(['b', 'a']);
  });
});

describe('audit text of a plan edit', () => {
  it('lists each plan entry with the rotation it replaced', async () => {
    const { describeAction, describeChanges } = await import('../../renderer/src/audit/auditText');
    const names = { person: (id: string) => (id === 'r1' ? 'Res One' : null) };
    const entry = (part: string, rotationId: string | null) => ({
      personId: 'r1',
      academicYear: 2026,
      blockNumber: 3,
      part,
      value: { rotationId },
    });
    const before = {
      patch: { cells: [], calls: [], inpatientWeeks: [], rotations: [entry('second', 'orth'), entry('first', 'nf')] },
    };
    const after = {
      personIds: ['r1'],
      patch: {
        cells: [],
        calls: [],
        inpatientWeeks: [],
        rotations: [entry('first', null), entry('second', null), entry('full', 'im')],
      },
    };
    expect(describeAction('draft.setRotation')).toBe('Changed the rotation plan');
    expect(describeChanges({ before, after }, names)).toEqual([
      'Res One · block 3 (first half): nf → nothing planned',
      'Res One · block 3 (second half): orth → nothing planned',
      'Res One · block 3: im',
    ]);
  });
});
