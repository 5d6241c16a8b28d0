// Turning a changed schedule into validator edits: applying the edits the snapshot diff yields
// gives the same findings as validating the changed schedule from scratch (fast-check over
// random slot, call, absence and inpatient-week changes), and unchanged values yield no edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { addDays } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import { createValidator, validate } from '../../core/rules/engine';
import { complianceInput } from '../../core/rules/input';
import {
  changesBetween,
  changesBetweenInTurns,
  editsFor,
  snapshotInTurns,
  snapshotOf,
  applyChanges,
  type ScheduleParts,
} from '../../core/services/compliance/snapshot';

const data = generateProgram({
  seed: 7,
  academicYear: 2026,
  residentsPerPgy: [2, 2, 2],
  facultyCount: 7,
  learnerCount: 0,
});
const range = { start: '2026-09-01', end: '2026-09-30' };
const people = data.people.filter((p) => p.kind !== 'student' && p.kind !== 'intern').map((p) => p.id);
const codes = ['C', 'EM', 'OFF', 'NF', 'FMIT', 'LV'];
const day = fc.integer({ min: -5, max: 35 }).map((n) => addDays(range.start, n));

type Change =
  | { kind: 'cell'; personId: string; date: string; half: 'AM' | 'PM'; code: string | null }
  | { kind: 'call'; personId: string; date: string }
  | { kind: 'absence'; personId: string; date: string; days: number; remove: boolean }
  | { kind: 'week'; personId: string; date: string };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('cell' as const),
    personId: fc.constantFrom(...people),
    date: day,
    half: fc.constantFrom('AM' as const, 'PM' as const),
    code: fc.option(fc.constantFrom(...codes), { freq: 2 }),
  }),
  fc.record({ kind: fc.constant('call' as const), personId: fc.constantFrom(...people), date: day }),
  fc.record({
    kind: fc.constant('absence' as const),
    personId: fc.constantFrom(...people),
    date: day,
    days: fc.integer({ min: 1, max: 10 }),
    remove: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('week' as const), personId: fc.constantFrom(...people), date: day }),
);

/** A changed copy of the schedule parts (the input arrays are never mutated). */
function changed(parts: ScheduleParts, changes: Change[]): ScheduleParts {
  let { assignments, calls, absences, inpatientWeeks } = parts;
  for (const c of changes) {
    if (c.kind === 'cell') {
      assignments = assignments.filter((a) => !(a.personId === c.personId && a.date === c.date && a.half === c.half));
      // Night float has PM times only.
      const code = c.code === 'NF' && c.half === 'AM' ? 'OFF' : c.code;
      if (code)
        assignments = [
          ...assignments,
          { personId: c.personId, date: c.date, half: c.half, activityCode: code, source: 'manual', locked: true },
        ];
    } else if (c.kind === 'call') {
      const has = calls.some((x) => x.personId === c.personId && x.date === c.date && x.callTypeCode === 'LD');
      calls = has
        ? calls.filter((x) => !(x.personId === c.personId && x.date === c.date && x.callTypeCode === 'LD'))
        : [...calls, { date: c.date, callTypeCode: 'LD', personId: c.personId, source: 'manual' }];
    } else if (c.kind === 'absence') {
      // Removing takes back the latest absence a change added (so added ones also go away).
      const added = absences.filter((a) => a.id.startsWith('t-'));
      absences =
        c.remove && added.length
          ? absences.filter((a) => a !== added[added.length - 1])
          : [
              ...absences,
              {
                id: `t-${absences.length}-${c.date}-${c.personId}`,
                personId: c.personId,
                type: 'tdy',
                start: c.date,
                end: addDays(c.date, c.days - 1),
                status: 'approved',
                note: null,
              },
            ];
    } else {
      const has = inpatientWeeks.some((w) => w.personId === c.personId && w.start === c.date);
      inpatientWeeks = has
        ? inpatientWeeks.filter((w) => !(w.personId === c.personId && w.start === c.date))
        : [...inpatientWeeks, { personId: c.personId, start: c.date, end: addDays(c.date, 6) }];
    }
  }
  return { ...parts, assignments, calls, absences, inpatientWeeks };
}

const ids = (list: { id: string }[]) => list.map((f) => f.id).sort();

describe('schedule snapshots', () => {
  it('keyed and compared in turns (other work between two), equal the same work done at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 12 }), fc.integer({ min: 50, max: 5000 }), async (list, per) => {
        let turns = 0;
        const turn = async () => {
          turns++;
        };
        const before = await snapshotInTurns(data, turn, per);
        expect(before).toEqual(snapshotOf(data));
        expect(turns).toBe(Math.floor(data.assignments.length / per));
        const next = changed(data, list);
        const after = snapshotOf(next);
        turns = 0;
        expect(await changesBetweenInTurns(before, after, turn, per)).toEqual(changesBetween(before, after));
        expect(turns).toBe(Math.floor(after.cells.size / per) + Math.floor(before.cells.size / per));
      }),
      { numRuns: 20 },
    );
  });

  it('yield no edits when nothing changed, even with new objects of equal value', () => {
    const a = snapshotOf(data);
    const copy: ScheduleParts = {
      assignments: data.assignments.map((x) => ({ ...x })),
      calls: data.calls.map((x) => ({ ...x })),
      inpatientWeeks: data.inpatientWeeks.map((x) => ({ ...x })),
      absences: data.absences.map((x) => ({ ...x })),
      moonlighting: data.moonlighting.map((x) => ({ ...x })),
      callbacks: data.callbacks.map((x) => ({ ...x })),
      rotationAssignments: data.rotationAssignments.map((x) => ({ ...x })),
    };
    const changes = changesBetween(a, snapshotOf(copy));
    expect(editsFor(a, changes)).toEqual([]);
  });

  it('name each changed item once, removals before additions', () => {
    const before = snapshotOf(data);
    const call = data.calls.find((c) => c.date >= range.start)!;
    const after = changed(data, [
      { kind: 'cell', personId: call.personId, date: call.date, half: 'AM', code: null },
      { kind: 'call', personId: call.personId, date: '2026-09-10' },
    ]);
    after.calls = after.calls.filter((c) => c !== call);
    const edits = editsFor(before, changesBetween(before, snapshotOf(after)));
    const kinds = edits.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'removeCall')).toHaveLength(1);
    expect(kinds.lastIndexOf('removeCall')).toBeLessThan(kinds.indexOf('addCall'));
  });

  it('set or clear a slot, replace a call, and drop an absence by id', () => {
    const before = snapshotOf(data);
    const [a, b] = data.assignments.filter((x) => x.date === range.start);
    const call = data.calls[0];
    const absence = data.absences[0];
    const after: ScheduleParts = {
      ...data,
      assignments: data.assignments.filter((x) => x !== a).map((x) => (x === b ? { ...x, activityCode: 'OFF' } : x)),
      calls: data.calls.map((x) => (x === call ? { ...x, source: 'manual' as const } : x)),
      absences: data.absences.filter((x) => x !== absence),
    };
    expect(editsFor(before, changesBetween(before, snapshotOf(after)))).toEqual([
      { kind: 'clearSlot', personId: a.personId, date: a.date, half: a.half },
      { kind: 'removeCall', personId: call.personId, date: call.date, callTypeCode: call.callTypeCode },
      { kind: 'removeAbsence', absenceId: absence.id },
      { kind: 'setAssignment', assignment: { ...b, activityCode: 'OFF' } },
      { kind: 'addCall', call: { ...call, source: 'manual' } },
    ]);
  });

  it('applied as edits, give the findings of validating the changed schedule from scratch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(change, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        (steps) => {
          const snapshot = snapshotOf(data);
          const validator = createValidator(complianceInput(data, range));
          let parts: ScheduleParts = data;
          for (const step of steps) {
            parts = changed(parts, step);
            const changes = changesBetween(snapshot, snapshotOf(parts));
            validator.applyEdits(editsFor(snapshot, changes));
            applyChanges(snapshot, changes);
            const fresh = validate(complianceInput({ ...data, ...parts } as ProgramData, range));
            expect(ids(validator.findings())).toEqual(ids(fresh));
          }
        },
      ),
      { numRuns: 25, seed: 20260701 },
    );
  });
});
