// The block grid's editing logic without a browser: selection (click, shift/ctrl-click, keyboard
// moves that skip group rows, call rows by day), copy/paste placement, undo/redo stacks,
// type-ahead ranking, key mapping and the draft overlay.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DraftPatch, GridData } from '../../core/api/contract';
import {
  combineUndo,
  emptyHistory,
  HISTORY_LIMIT,
  nextRedo,
  nextUndo,
  recordEdit,
  redone,
  undone,
} from '../../renderer/src/draft/history';
import { academicYearOf } from '../../renderer/src/lib/academicYear';
import { changesPerBlock } from '../../renderer/src/drafts/diffBlocks';
import { copyBlock, pasteTargets } from '../../renderer/src/grid/clipboard';
import { overlayDraft } from '../../renderer/src/grid/draftOverlay';
import { gridCommand, type KeyInput } from '../../renderer/src/grid/gridKeys';
import { cellKey } from '../../renderer/src/grid/gridModel';
import {
  addCell,
  clampSelection,
  extendTo,
  isSelected,
  moveSelection,
  parseRowSelection,
  rowSelectionKey,
  selectAll,
  selectedCells,
  single,
  type GridShape,
  type RowKind,
  type Selection,
} from '../../renderer/src/grid/selection';
import { rankOptions, resolveTyped } from '../../renderer/src/schedule/typeAhead';

// Rows: 0 call, 1 call, 2 group, 3–5 people, 6 group, 7–8 people. 14 half-day columns (7 days).
const kinds: RowKind[] = ['call', 'call', 'group', 'person', 'person', 'person', 'group', 'person', 'person'];
const shape: GridShape = { rowKinds: kinds, colCount: 14 };
const step = (dRow: -1 | 0 | 1, dCol: -1 | 0 | 1) => ({ kind: 'step' as const, dRow, dCol });

describe('selection', () => {
  it('click, shift-click and ctrl-click', () => {
    let sel = single({ row: 3, col: 2 });
    sel = extendTo(sel, { row: 5, col: 4 });
    expect(sel.ranges).toEqual([{ r0: 3, r1: 5, c0: 2, c1: 4 }]);
    expect(selectedCells(sel, shape).people).toHaveLength(9);
    // Shift-click again replaces the last range, from the same anchor.
    sel = extendTo(sel, { row: 4, col: 1 });
    expect(sel.ranges).toEqual([{ r0: 3, r1: 4, c0: 1, c1: 2 }]);
    sel = addCell(sel, { row: 8, col: 13 });
    expect(sel.ranges).toHaveLength(2);
    expect(sel.anchor).toEqual({ row: 8, col: 13 });
    expect(isSelected(sel, { row: 3, col: 1 })).toBe(true);
    expect(isSelected(sel, { row: 8, col: 13 })).toBe(true);
    expect(isSelected(sel, { row: 7, col: 13 })).toBe(false);
    expect(selectedCells(sel, shape).people).toHaveLength(5);
  });

  it('group rows are skipped and call rows count days', () => {
    const sel = extendTo(single({ row: 0, col: 0 }), { row: 3, col: 5 });
    const cells = selectedCells(sel, shape);
    // Two call rows × days 0..2, one person row × 6 half-days; the group row holds nothing.
    expect(cells.calls).toEqual([0, 1].flatMap((row) => [0, 1, 2].map((day) => ({ row, day }))));
    expect(cells.people).toHaveLength(6);
  });

  it('overlapping ranges list each cell once', () => {
    let sel = extendTo(single({ row: 3, col: 0 }), { row: 4, col: 3 });
    sel = addCell(sel, { row: 3, col: 1 });
    sel = extendTo(sel, { row: 3, col: 5 });
    const keys = selectedCells(sel, shape).people.map((p) => `${p.row}:${p.col}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(8 + 2);
  });

  it('arrow keys skip group rows, stop at the edges and step call rows by day', () => {
    let sel = single({ row: 5, col: 3 });
    sel = moveSelection(sel, shape, step(1, 0), false);
    expect(sel.focus).toEqual({ row: 7, col: 3 });
    sel = moveSelection(sel, shape, step(1, 0), false);
    sel = moveSelection(sel, shape, step(1, 0), false);
    expect(sel.focus).toEqual({ row: 8, col: 3 });
    sel = single({ row: 3, col: 3 });
    sel = moveSelection(sel, shape, step(-1, 0), false);
    expect(sel.focus).toEqual({ row: 1, col: 3 });
    sel = moveSelection(sel, shape, step(0, 1), false);
    expect(sel.focus).toEqual({ row: 1, col: 5 });
    sel = moveSelection(sel, shape, step(1, 0), false);
    expect(sel.focus).toEqual({ row: 3, col: 5 });
    sel = moveSelection(sel, shape, step(0, 1), false);
    expect(sel.focus).toEqual({ row: 3, col: 6 });
    sel = single({ row: 3, col: 13 });
    expect(moveSelection(sel, shape, step(0, 1), false).focus).toEqual({ row: 3, col: 13 });
  });

  it('shift+arrows extend from the anchor; Home/End, grid edges and pages', () => {
    let sel = single({ row: 3, col: 3 });
    sel = moveSelection(sel, shape, step(1, 0), true);
    sel = moveSelection(sel, shape, step(0, 1), true);
    expect(sel.ranges).toEqual([{ r0: 3, r1: 4, c0: 3, c1: 4 }]);
    expect(sel.anchor).toEqual({ row: 3, col: 3 });
    expect(moveSelection(sel, shape, { kind: 'rowEdge', edge: 'end' }, false).focus).toEqual({ row: 4, col: 13 });
    expect(moveSelection(sel, shape, { kind: 'rowEdge', edge: 'start' }, true).ranges).toEqual([
      { r0: 3, r1: 4, c0: 0, c1: 3 },
    ]);
    expect(moveSelection(sel, shape, { kind: 'gridEdge', edge: 'end' }, false).focus).toEqual({ row: 8, col: 13 });
    expect(moveSelection(sel, shape, { kind: 'gridEdge', edge: 'start' }, false).focus).toEqual({ row: 0, col: 0 });
    // A page down from row 4 by 2 rows lands on row 6 (a group): the nearest selectable row above.
    expect(moveSelection(single({ row: 4, col: 1 }), shape, { kind: 'page', dir: 1, rows: 2 }, false).focus).toEqual({
      row: 5,
      col: 1,
    });
    expect(moveSelection(single({ row: 8, col: 1 }), shape, { kind: 'page', dir: -1, rows: 20 }, false).focus).toEqual({
      row: 0,
      col: 1,
    });
  });

  it('select all and clamping to a smaller grid', () => {
    const all = selectAll(shape)!;
    expect(selectedCells(all, shape).people).toHaveLength(5 * 14);
    expect(selectedCells(all, shape).calls).toHaveLength(2 * 7);
    const smaller: GridShape = { rowKinds: ['group', 'person', 'person'], colCount: 4 };
    const clamped = clampSelection(single({ row: 8, col: 13 }), smaller)!;
    expect(clamped.focus).toEqual({ row: 2, col: 3 });
    expect(clampSelection(single({ row: 1, col: 1 }), { rowKinds: ['group'], colCount: 4 })).toBeNull();
  });

  it('row keys change only for rows the selection touches', () => {
    const sel = extendTo(single({ row: 3, col: 2 }), { row: 4, col: 5 });
    expect(rowSelectionKey(sel, 7)).toBe('');
    expect(rowSelectionKey(sel, 3)).toBe('2-5');
    expect(rowSelectionKey(sel, 4)).toBe('2-5@5');
    expect(parseRowSelection('2-5,7-7@5')).toEqual({
      spans: [
        [2, 5],
        [7, 7],
      ],
      active: 5,
    });
    expect(parseRowSelection('')).toEqual({ spans: [], active: -1 });
  });

  it('any sequence of keyboard moves keeps the active cell on a selectable row inside the grid', () => {
    const moves = fc.oneof(
      fc
        .record({ dRow: fc.constantFrom(-1, 0, 1), dCol: fc.constantFrom(-1, 0, 1) })
        .map((m) => step(m.dRow as -1 | 0 | 1, m.dCol as -1 | 0 | 1)),
      fc.constantFrom(
        { kind: 'rowEdge' as const, edge: 'start' as const },
        { kind: 'gridEdge' as const, edge: 'end' as const },
      ),
      fc
        .record({ dir: fc.constantFrom(-1, 1), rows: fc.integer({ min: 1, max: 12 }) })
        .map((p) => ({ kind: 'page' as const, dir: p.dir as -1 | 1, rows: p.rows })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(moves, fc.boolean()), { maxLength: 40 }), (seq) => {
        let sel: Selection = single({ row: 3, col: 0 });
        for (const [m, extend] of seq) sel = moveSelection(sel, shape, m, extend);
        const { row, col } = sel.focus;
        expect(kinds[row] === 'person' || kinds[row] === 'call').toBe(true);
        expect(col >= 0 && col < 14).toBe(true);
        expect(isSelected(sel, sel.focus)).toBe(true);
      }),
    );
  });
});

describe('copy and paste', () => {
  const value = (p: { row: number; col: number }) => (p.col === 1 ? null : `R${p.row}C${p.col}`);

  it('copies the person cells of the active rectangle', () => {
    const sel = extendTo(single({ row: 1, col: 0 }), { row: 4, col: 1 });
    expect(copyBlock(sel, shape, value)!.values).toEqual([
      ['R3C0', null],
      ['R4C0', null],
    ]);
    expect(copyBlock(single({ row: 0, col: 0 }), shape, value)).toBeNull();
  });

  it('pastes at the top-left, across group rows, clipped at the grid edge', () => {
    const block = {
      values: [
        ['A', 'B'],
        ['C', null],
      ],
    };
    const targets = pasteTargets(block, single({ row: 5, col: 12 }), shape);
    expect(targets).toEqual([
      { pos: { row: 5, col: 12 }, value: 'A' },
      { pos: { row: 5, col: 13 }, value: 'B' },
      { pos: { row: 7, col: 12 }, value: 'C' },
      { pos: { row: 7, col: 13 }, value: null },
    ]);
    expect(pasteTargets(block, single({ row: 8, col: 13 }), shape)).toEqual([{ pos: { row: 8, col: 13 }, value: 'A' }]);
  });

  it('tiles a block over a selection that is a whole multiple of it; one cell fills the selection', () => {
    const block = { values: [['A', 'B']] };
    const target = extendTo(single({ row: 3, col: 0 }), { row: 4, col: 3 });
    expect(pasteTargets(block, target, shape).map((t) => t.value)).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
    const odd = extendTo(single({ row: 3, col: 0 }), { row: 3, col: 2 });
    expect(pasteTargets(block, odd, shape)).toHaveLength(2);
    const one = { values: [['X']] };
    const spread = addCell(extendTo(single({ row: 3, col: 0 }), { row: 4, col: 1 }), { row: 8, col: 9 });
    expect(pasteTargets(one, spread, shape).map((t) => t.value)).toEqual(['X', 'X', 'X', 'X', 'X']);
  });
});

describe('undo/redo history', () => {
  const patch = (code: string | null): DraftPatch => ({
    cells: [
      {
        personId: 'p',
        date: '2026-07-01',
        half: 'AM',
        value: code === null ? null : { activityCode: code, source: 'manual', locked: true },
      },
    ],
    calls: [],
    inpatientWeeks: [],
  });

  it('moves patches between the stacks and forgets redo after a new edit', () => {
    let h = recordEdit(emptyHistory(), 'Set C', patch(null));
    h = recordEdit(h, 'Set AT', patch('C'));
    expect(nextUndo(h)!.label).toBe('Set AT');
    h = undone(h, patch('AT'));
    expect(nextRedo(h)).toEqual({ label: 'Set AT', patch: patch('AT') });
    expect(nextUndo(h)!.label).toBe('Set C');
    h = redone(h, patch('C'));
    expect(h.redo).toHaveLength(0);
    expect(h.undo).toHaveLength(2);
    h = undone(h, patch('AT'));
    h = recordEdit(h, 'Clear', patch('C'));
    expect(h.redo).toHaveLength(0);
    // An edit that changed nothing is not remembered.
    expect(recordEdit(h, 'Nothing', { cells: [], calls: [], inpatientWeeks: [] })).toBe(h);
  });

  it('keeps at most the limit', () => {
    let h = emptyHistory();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = recordEdit(h, `e${i}`, patch('C'));
    expect(h.undo).toHaveLength(HISTORY_LIMIT);
    expect(h.undo[0].label).toBe('e5');
  });

  it('undo then redo of any sequence against a model store returns to each state', () => {
    // A model of drafts.applyPatch over one slot: apply returns the inverse.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('C', 'AT', 'LEC', null), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 15 }),
        (edits, undos) => {
          let store: string | null = 'OFF';
          const apply = (p: DraftPatch): DraftPatch => {
            const prev = store;
            store = p.cells[0].value?.activityCode ?? null;
            return patch(prev);
          };
          let h = emptyHistory();
          const states = [store];
          for (const e of edits) {
            h = recordEdit(h, 'edit', apply(patch(e)));
            states.push(store);
          }
          const n = Math.min(undos, h.undo.length);
          for (let i = 0; i < n; i++) h = undone(h, apply(nextUndo(h)!.patch));
          expect(store).toBe(states[states.length - 1 - n]);
          for (let i = 0; i < n; i++) h = redone(h, apply(nextRedo(h)!.patch));
          expect(store).toBe(states[states.length - 1]);
        },
      ),
    );
  });
});

describe('multi-step edits', () => {
  it('undo the last step first, so each key goes back through its intermediate values', () => {
    // Model store over keys; each step sets keys and returns the previous values as its undo.
    const store = new Map<string, string | null>([
      ['a', 'OFF'],
      ['b', 'OFF'],
    ]);
    const cellPatch = (entries: [string, string | null][]): DraftPatch => ({
      cells: entries.map(([k, v]) => ({
        personId: k,
        date: '2026-07-01',
        half: 'AM',
        value: v === null ? null : { activityCode: v, source: 'manual', locked: true },
      })),
      calls: [],
      inpatientWeeks: [],
    });
    const apply = (p: DraftPatch): DraftPatch => {
      const undo = [...p.cells]
        .reverse()
        .map((c) => [c.personId, store.get(c.personId) ?? null] as [string, string | null]);
      for (const c of p.cells) store.set(c.personId, c.value?.activityCode ?? null);
      return cellPatch(undo);
    };
    const u1 = apply(
      cellPatch([
        ['a', 'C'],
        ['b', 'C'],
      ]),
    );
    const u2 = apply(cellPatch([['a', 'AT']]));
    expect([...store.values()]).toEqual(['AT', 'C']);
    apply(combineUndo([u1, u2]));
    expect([...store.values()]).toEqual(['OFF', 'OFF']);
  });
});

describe('diff grid helpers', () => {
  it('academic years start on July 1', () => {
    expect(academicYearOf('2026-07-01')).toBe(2026);
    expect(academicYearOf('2027-06-30')).toBe(2026);
    expect(academicYearOf('2026-06-30')).toBe(2025);
  });
  it('counts changes per block', () => {
    const blocks = [
      { academicYear: 2026, number: 0, start: '2026-07-01', end: '2026-07-01', secondHalfStart: '2026-07-01' },
      { academicYear: 2026, number: 1, start: '2026-07-02', end: '2026-07-29', secondHalfStart: '2026-07-16' },
    ];
    const cell = (date: string) => ({
      personId: 'a',
      date,
      half: 'AM' as const,
      kind: 'added' as const,
      before: null,
      after: null,
    });
    const counts = changesPerBlock(
      {
        cells: [cell('2026-07-01'), cell('2026-07-03'), cell('2026-07-20')],
        calls: [{ date: '2026-07-05', callTypeCode: 'OC', kind: 'added', before: [], after: [] }],
        inpatientWeeks: [],
        rotations: [],
      },
      blocks,
    );
    expect([...counts]).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });
});

describe('type-ahead', () => {
  const options = [
    { value: 'CV', code: 'CV', name: 'Virtual clinic' },
    { value: 'C', code: 'C', name: 'Clinic' },
    { value: 'PCAT', code: 'PCAT', name: 'Post-call attending' },
    { value: 'AT', code: 'AT', name: 'Attending (precepting)' },
    { value: 'LEC', code: 'LEC', name: 'Lecture' },
  ];
  it('an exact code wins, then code prefixes, then name words', () => {
    expect(resolveTyped(options, 'c')!.code).toBe('C');
    expect(resolveTyped(options, 'cv')!.code).toBe('CV');
    // PCAT's name has a word starting with c ("call"); AT and LEC only contain it.
    expect(rankOptions(options, 'c').map((o) => o.code)).toEqual(['C', 'CV', 'PCAT', 'AT', 'LEC']);
    expect(resolveTyped(options, 'lect')!.code).toBe('LEC');
    expect(resolveTyped(options, 'precep')!.code).toBe('AT');
    expect(resolveTyped(options, 'zzz')).toBeNull();
    expect(resolveTyped(options, '  ')).toBeNull();
    expect(rankOptions(options, '')).toEqual(options);
  });
});

describe('keys', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it('maps editing and navigation keys', () => {
    expect(gridCommand(key('z', { ctrlKey: true }), 10)).toEqual({ type: 'undo' });
    expect(gridCommand(key('Z', { ctrlKey: true, shiftKey: true }), 10)).toEqual({ type: 'redo' });
    expect(gridCommand(key('y', { metaKey: true }), 10)).toEqual({ type: 'redo' });
    expect(gridCommand(key('c', { ctrlKey: true }), 10)).toEqual({ type: 'copy' });
    expect(gridCommand(key('v', { metaKey: true }), 10)).toEqual({ type: 'paste' });
    expect(gridCommand(key('Delete'), 10)).toEqual({ type: 'clear' });
    expect(gridCommand(key('Backspace'), 10)).toEqual({ type: 'clear' });
    expect(gridCommand(key('ArrowDown', { shiftKey: true }), 10)).toEqual({
      type: 'move',
      move: { kind: 'step', dRow: 1, dCol: 0 },
      extend: true,
    });
    expect(gridCommand(key('PageDown'), 12)).toEqual({
      type: 'move',
      move: { kind: 'page', dir: 1, rows: 12 },
      extend: false,
    });
    expect(gridCommand(key('Home', { ctrlKey: true }), 10)).toEqual({
      type: 'move',
      move: { kind: 'gridEdge', edge: 'start' },
      extend: false,
    });
    expect(gridCommand(key('End'), 10)).toEqual({
      type: 'move',
      move: { kind: 'rowEdge', edge: 'end' },
      extend: false,
    });
    expect(gridCommand(key('c'), 10)).toEqual({ type: 'type', text: 'c' });
    expect(gridCommand(key('Enter'), 10)).toEqual({ type: 'pick' });
    expect(gridCommand(key(' '), 10)).toBeNull();
    expect(gridCommand(key('Shift', { shiftKey: true }), 10)).toBeNull();
    expect(gridCommand(key('q', { ctrlKey: true }), 10)).toBeNull();
  });
});

describe('draft overlay', () => {
  const data: GridData = {
    start: '2026-07-01',
    end: '2026-07-02',
    people: [],
    activities: [],
    assignments: [
      { personId: 'a', date: '2026-07-01', half: 'AM', activityCode: 'C', source: 'solver', locked: false },
      { personId: 'a', date: '2026-07-01', half: 'PM', activityCode: 'LEC', source: 'template', locked: false },
    ],
    calls: [{ date: '2026-07-01', callTypeCode: 'OC', personId: 'f1', source: 'solver' }],
    callTypes: [],
    holidays: [],
    rotationAssignments: [],
    rotations: [],
    absences: [],
    duty: [],
  };
  it('replaces changed slots and calls, drops removed ones, ignores changes outside the dates', () => {
    const { data: out, marks } = overlayDraft(data, {
      cells: [
        {
          personId: 'a',
          date: '2026-07-01',
          half: 'AM',
          kind: 'changed',
          before: { activityCode: 'C', source: 'solver', locked: false },
          after: { activityCode: 'AT', source: 'manual', locked: true },
        },
        {
          personId: 'a',
          date: '2026-07-01',
          half: 'PM',
          kind: 'removed',
          before: { activityCode: 'LEC', source: 'template', locked: false },
          after: null,
        },
        {
          personId: 'a',
          date: '2026-07-02',
          half: 'AM',
          kind: 'added',
          before: null,
          after: { activityCode: 'C', source: 'manual', locked: true },
        },
        {
          personId: 'a',
          date: '2026-08-02',
          half: 'AM',
          kind: 'added',
          before: null,
          after: { activityCode: 'C', source: 'manual', locked: true },
        },
      ],
      calls: [
        {
          date: '2026-07-01',
          callTypeCode: 'OC',
          kind: 'changed',
          before: [{ personId: 'f1', source: 'solver' }],
          after: [{ personId: 'f2', source: 'manual' }],
        },
      ],
      inpatientWeeks: [],
      rotations: [],
    });
    expect(out.assignments.map((a) => `${a.date}${a.half}:${a.activityCode}:${a.locked}`).sort()).toEqual([
      '2026-07-01AM:AT:true',
      '2026-07-02AM:C:true',
    ]);
    expect(out.calls).toEqual([{ date: '2026-07-01', callTypeCode: 'OC', personId: 'f2', source: 'manual' }]);
    expect(marks.cells.get(cellKey('a', '2026-07-01', 'PM'))!.kind).toBe('removed');
    expect(marks.cells.size).toBe(3);
    expect(data.assignments).toHaveLength(2);
  });
  it('returns the published data itself when the draft changes nothing in range', () => {
    expect(overlayDraft(data, { cells: [], calls: [], inpatientWeeks: [], rotations: [] }).data).toBe(data);
  });
});
