// Draft edits and their inverses: every edit returns the patch that undoes it, and undoing a
// whole sequence (then redoing it) lands exactly where it started (ended).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublishedCall, PublishedCell, PublishedLookup, PublishedWeek } from '../../core/services/drafts/diff';
import { currentSchedule, editToPatch, type DraftEdit } from '../../core/services/drafts/edits';
import { applyPatch, cellKey, MemoryOverlay, type CellRef, type DraftPatch } from '../../core/services/drafts/patch';
import type { HalfDay } from '../../core/domain/types';

const PEOPLE = ['ana', 'ben', 'cy'];
const DATES = ['2026-07-01', '2026-07-02', '2026-07-03'];
const CODES = ['C', 'AT', 'OFF', 'LEC'];
const CALL_TYPES = ['OC', 'BU'];
const WEEK_STARTS = ['2026-07-03', '2026-07-10'];

const cellRef = fc.record({
  personId: fc.constantFrom(...PEOPLE),
  date: fc.constantFrom(...DATES),
  half: fc.constantFrom<HalfDay>('AM', 'PM'),
});
const cells = fc.array(cellRef, { minLength: 1, maxLength: 5 });
const people = fc.uniqueArray(fc.constantFrom(...PEOPLE), { maxLength: 2 });

const edit: fc.Arbitrary<DraftEdit> = fc.oneof(
  fc.record({ kind: fc.constant('setActivity' as const), cells, activityCode: fc.constantFrom(...CODES) }),
  fc.record({ kind: fc.constant('clear' as const), cells }),
  fc.record({ kind: fc.constant('setLock' as const), cells, locked: fc.boolean() }),
  fc.record({
    kind: fc.constant('paste' as const),
    cells: fc.array(
      fc.record({
        personId: fc.constantFrom(...PEOPLE),
        date: fc.constantFrom(...DATES),
        half: fc.constantFrom<HalfDay>('AM', 'PM'),
        activityCode: fc.option(fc.constantFrom(...CODES), { nil: null }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
  fc.record({
    kind: fc.constant('setCall' as const),
    date: fc.constantFrom(...DATES),
    callTypeCode: fc.constantFrom(...CALL_TYPES),
    personIds: people,
  }),
  fc.record({
    kind: fc.constant('setInpatientWeek' as const),
    start: fc.constantFrom(...WEEK_STARTS),
    end: fc.constantFrom('2026-07-09', '2026-07-16'),
    personIds: people,
  }),
  fc.record({
    kind: fc.constant('revert' as const),
    cells: fc.array(cellRef, { maxLength: 3 }),
    calls: fc.array(
      fc.record({
        date: fc.constantFrom(...DATES),
        callTypeCode: fc.constantFrom(...CALL_TYPES),
        personId: fc.constantFrom(...PEOPLE),
      }),
      { maxLength: 2 },
    ),
    inpatientWeeks: fc.array(
      fc.record({ personId: fc.constantFrom(...PEOPLE), start: fc.constantFrom(...WEEK_STARTS) }),
      { maxLength: 2 },
    ),
  }),
);

/** A random published schedule over the small universe. */
const published = fc
  .record({
    cells: fc.dictionary(
      fc.constantFrom(...PEOPLE.flatMap((p) => DATES.flatMap((d) => [`${p}|${d}|AM`, `${p}|${d}|PM`]))),
      fc.record({
        activityCode: fc.constantFrom(...CODES),
        source: fc.constantFrom('solver' as const, 'template' as const, 'preload' as const),
        locked: fc.boolean(),
      }),
    ),
    calls: fc.array(
      fc.record({
        date: fc.constantFrom(...DATES),
        callTypeCode: fc.constantFrom(...CALL_TYPES),
        personId: fc.constantFrom(...PEOPLE),
      }),
      { maxLength: 4 },
    ),
    weeks: fc.array(fc.record({ personId: fc.constantFrom(...PEOPLE), start: fc.constantFrom(...WEEK_STARTS) }), {
      maxLength: 2,
    }),
  })
  .map(
    ({ cells, calls, weeks }): PublishedLookup => ({
      cell: (r: CellRef) => (cells[cellKey(r)] as PublishedCell | undefined) ?? null,
      calls: (date, type) => {
        const seen = new Map<string, PublishedCall>();
        for (const c of calls)
          if (c.date === date && c.callTypeCode === type)
            seen.set(c.personId, { personId: c.personId, source: 'solver' });
        return [...seen.values()];
      },
      weeks: (start) => {
        const seen = new Map<string, PublishedWeek>();
        for (const w of weeks) if (w.start === start) seen.set(w.personId, { personId: w.personId, end: '2026-07-09' });
        return [...seen.values()];
      },
    }),
  );

function snapshot(o: MemoryOverlay) {
  const sort = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  return { cells: sort(o.cells), calls: sort(o.calls), weeks: sort(o.weeks) };
}

function run(overlay: MemoryOverlay, pub: PublishedLookup, e: DraftEdit): DraftPatch {
  const { patch } = editToPatch(e, currentSchedule(overlay, pub));
  return applyPatch(overlay, patch);
}

describe('draft edits', () => {
  it('undo of every edit, in reverse order, restores the overlay; redo restores the result', () => {
    fc.assert(
      fc.property(
        published,
        fc.array(edit, { maxLength: 4 }),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        (pub, setup, edits) => {
          const overlay = new MemoryOverlay();
          for (const e of setup) run(overlay, pub, e);
          const start = snapshot(overlay);

          const undo: DraftPatch[] = edits.map((e) => run(overlay, pub, e));
          const end = snapshot(overlay);

          const redo: DraftPatch[] = [];
          for (const inverse of [...undo].reverse()) redo.push(applyPatch(overlay, inverse));
          expect(snapshot(overlay)).toEqual(start);

          for (const patch of [...redo].reverse()) applyPatch(overlay, patch);
          expect(snapshot(overlay)).toEqual(end);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('undoing one edit in the middle of a sequence of undo/redo steps', () => {
    fc.assert(
      fc.property(
        published,
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 20 }),
        (pub, edits, steps) => {
          // A UI history: a stack of undo patches and a stack of redo patches.
          const overlay = new MemoryOverlay();
          const states = [snapshot(overlay)];
          const undoStack: DraftPatch[] = [];
          for (const e of edits) {
            undoStack.push(run(overlay, pub, e));
            states.push(snapshot(overlay));
          }
          const redoStack: DraftPatch[] = [];
          let position = edits.length;
          for (const isUndo of steps) {
            if (isUndo && undoStack.length) {
              redoStack.push(applyPatch(overlay, undoStack.pop()!));
              position--;
            } else if (!isUndo && redoStack.length) {
              undoStack.push(applyPatch(overlay, redoStack.pop()!));
              position++;
            }
            expect(snapshot(overlay)).toEqual(states[position]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a set edit shows its value as manual and locked; clear empties the slot', () => {
    fc.assert(
      fc.property(published, cells, fc.constantFrom(...CODES), (pub, refs, code) => {
        const overlay = new MemoryOverlay();
        run(overlay, pub, { kind: 'setActivity', cells: refs, activityCode: code });
        const view = currentSchedule(overlay, pub);
        for (const r of refs) expect(view.cell(r)).toEqual({ activityCode: code, source: 'manual', locked: true });
        run(overlay, pub, { kind: 'clear', cells: refs });
        for (const r of refs) expect(currentSchedule(overlay, pub).cell(r)).toBeNull();
      }),
    );
  });

  it('lock/unlock keeps the activity and skips empty slots', () => {
    const pub: PublishedLookup = {
      cell: (r) => (r.personId === 'ana' ? { activityCode: 'C', source: 'solver', locked: false } : null),
      calls: () => [],
      weeks: () => [],
    };
    const overlay = new MemoryOverlay();
    const refs: CellRef[] = [
      { personId: 'ana', date: DATES[0], half: 'AM' },
      { personId: 'ben', date: DATES[0], half: 'AM' },
    ];
    const { patch, skipped } = editToPatch(
      { kind: 'setLock', cells: refs, locked: true },
      currentSchedule(overlay, pub),
    );
    expect(skipped).toBe(1);
    applyPatch(overlay, patch);
    expect(currentSchedule(overlay, pub).cell(refs[0])).toEqual({ activityCode: 'C', source: 'solver', locked: true });
    expect(currentSchedule(overlay, pub).cell(refs[1])).toBeNull();
  });

  it('setCall makes exactly the given people take the night; [] clears it', () => {
    fc.assert(
      fc.property(
        published,
        fc.constantFrom(...DATES),
        fc.constantFrom(...CALL_TYPES),
        people,
        (pub, date, type, ids) => {
          const overlay = new MemoryOverlay();
          run(overlay, pub, { kind: 'setCall', date, callTypeCode: type, personIds: ids });
          expect(currentSchedule(overlay, pub).callPeople(date, type)).toEqual([...ids].sort());
          run(overlay, pub, { kind: 'setCall', date, callTypeCode: type, personIds: [] });
          expect(currentSchedule(overlay, pub).callPeople(date, type)).toEqual([]);
        },
      ),
    );
  });

  it('the inverse of a patch that names a key twice restores the value before the first entry', () => {
    const overlay = new MemoryOverlay();
    const ref = { personId: 'ana', date: DATES[0], half: 'AM' as const };
    overlay.setCell(ref, { activityCode: 'OFF', source: 'manual', locked: true });
    const inverse = applyPatch(overlay, {
      cells: [
        { ...ref, value: { activityCode: 'C', source: 'manual', locked: true } },
        { ...ref, value: null },
      ],
      calls: [],
      inpatientWeeks: [],
    });
    expect(overlay.getCell(ref)).toBeNull();
    applyPatch(overlay, inverse);
    expect(overlay.getCell(ref)).toEqual({ activityCode: 'OFF', source: 'manual', locked: true });
  });
});
