// Draft diff and the churn guard: kinds of change, what counts as churn, and the exact
// boundaries of the configurable thresholds (reject above 20% total / 50% of a person, warn
// above 30% of a person or more than 10 people).
import { describe, expect, it } from 'vitest';
import { computeChurn } from '../../core/services/drafts/churn';
import { diffOverlay, type CellDiff, type DraftDiff, type PublishedLookup } from '../../core/services/drafts/diff';
import { MemoryOverlay } from '../../core/services/drafts/patch';
import type { ChurnThresholds } from '../../core/domain/types';

const LIMITS: ChurnThresholds = { rejectTotalPct: 20, rejectPersonPct: 50, warnPersonPct: 30, warnPeopleAffected: 10 };

function changed(personId: string, n: number, kind: CellDiff['kind'] = 'changed'): CellDiff[] {
  return Array.from({ length: n }, (_, i) => ({
    personId,
    date: `2026-08-${String((i >> 1) + 1).padStart(2, '0')}`,
    half: i % 2 ? 'PM' : 'AM',
    kind,
    before: kind === 'added' ? null : { activityCode: 'C', source: 'solver', locked: false },
    after:
      kind === 'removed' ? null : { activityCode: kind === 'relocked' ? 'C' : 'AT', source: 'manual', locked: true },
  }));
}
const diffOf = (cells: CellDiff[]): DraftDiff => ({ cells, calls: [], inpatientWeeks: [], rotations: [] });
const counts = (byPerson: Record<string, number>, total?: number) => ({
  total: total ?? Object.values(byPerson).reduce((a, b) => a + b, 0),
  byPerson: new Map(Object.entries(byPerson)),
});

describe('diff', () => {
  const pub: PublishedLookup = {
    cell: (r) => (r.date === '2026-07-01' ? { activityCode: 'C', source: 'solver', locked: false } : null),
    calls: (date, type) => (date === '2026-07-01' && type === 'OC' ? [{ personId: 'ana', source: 'solver' }] : []),
    weeks: (start) => (start === '2026-07-03' ? [{ personId: 'ana', end: '2026-07-09' }] : []),
  };
  const at = (personId: string, date: string) => ({ personId, date, half: 'AM' as const });

  it('classifies cells as added, changed, removed, relocked, and drops no-ops', () => {
    const o = new MemoryOverlay();
    o.setCell(at('a', '2026-07-02'), { activityCode: 'C', source: 'manual', locked: true }); // added
    o.setCell(at('b', '2026-07-01'), { activityCode: 'AT', source: 'manual', locked: true }); // changed
    o.setCell(at('c', '2026-07-01'), { activityCode: null, source: 'manual', locked: true }); // removed
    o.setCell(at('d', '2026-07-01'), { activityCode: 'C', source: 'solver', locked: true }); // relocked
    o.setCell(at('e', '2026-07-01'), { activityCode: 'C', source: 'solver', locked: false }); // same
    o.setCell(at('f', '2026-07-02'), { activityCode: null, source: 'manual', locked: true }); // clear an empty slot
    const d = diffOverlay(o.entries(), pub);
    expect(d.cells.map((c) => [c.personId, c.kind])).toEqual([
      ['b', 'changed'],
      ['c', 'removed'],
      ['d', 'relocked'],
      ['a', 'added'],
    ]);
    expect(d.cells[0].before).toEqual({ activityCode: 'C', source: 'solver', locked: false });
    expect(d.cells[0].after).toEqual({ activityCode: 'AT', source: 'manual', locked: true });
  });

  it('groups calls by night and weeks by start, with who had them before', () => {
    const o = new MemoryOverlay();
    o.setCall({ date: '2026-07-01', callTypeCode: 'OC', personId: 'ana' }, { assigned: false });
    o.setCall({ date: '2026-07-01', callTypeCode: 'OC', personId: 'ben' }, { assigned: true, source: 'manual' });
    o.setCall({ date: '2026-07-02', callTypeCode: 'OC', personId: 'cy' }, { assigned: true, source: 'manual' });
    o.setCall({ date: '2026-07-02', callTypeCode: 'BU', personId: 'cy' }, { assigned: false }); // nothing to remove
    o.setWeek({ personId: 'ana', start: '2026-07-03' }, { assigned: false });
    const d = diffOverlay(o.entries(), pub);
    expect(d.calls).toEqual([
      {
        date: '2026-07-01',
        callTypeCode: 'OC',
        kind: 'changed',
        before: [{ personId: 'ana', source: 'solver' }],
        after: [{ personId: 'ben', source: 'manual' }],
      },
      {
        date: '2026-07-02',
        callTypeCode: 'OC',
        kind: 'added',
        before: [],
        after: [{ personId: 'cy', source: 'manual' }],
      },
    ]);
    expect(d.inpatientWeeks).toEqual([
      { start: '2026-07-03', kind: 'removed', before: [{ personId: 'ana', end: '2026-07-09' }], after: [] },
    ]);
  });
});

describe('churn guard', () => {
  it('total: exactly 20% passes, one more slot rejects', () => {
    const people = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, 100]));
    // 200 of 1000 slots, spread so no person passes 30%.
    const at20 = diffOf(Array.from({ length: 10 }, (_, i) => changed(`p${i}`, 20)).flat());
    expect(computeChurn(at20, counts(people), LIMITS).verdict).toBe('ok');
    const over = diffOf([...at20.cells, ...changed('p0', 21).slice(20)]);
    const report = computeChurn(over, counts(people), LIMITS);
    expect(report.changedSlots).toBe(201);
    expect(report.verdict).toBe('reject');
    expect(report.findings).toEqual([expect.objectContaining({ level: 'reject', rule: 'total_pct', threshold: 20 })]);
    expect(report.totalPct).toBeCloseTo(20.1);
  });

  it('person: 30% is fine, above 30% warns, 50% warns, above 50% rejects', () => {
    const pub = counts({ ana: 100 }, 10000);
    const verdict = (n: number) => computeChurn(diffOf(changed('ana', n)), pub, LIMITS);
    expect(verdict(30).verdict).toBe('ok');
    expect(verdict(31).verdict).toBe('warn');
    expect(verdict(31).findings[0]).toMatchObject({ rule: 'person_pct', personId: 'ana', measured: 31, threshold: 30 });
    expect(verdict(50).verdict).toBe('warn');
    expect(verdict(51).verdict).toBe('reject');
    expect(verdict(51).findings.map((f) => f.level)).toEqual(['reject']);
  });

  it('people affected: 10 is fine, 11 warns', () => {
    const people = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, 100]));
    const n = (k: number) =>
      computeChurn(
        diffOf(Array.from({ length: k }, (_, i) => changed(`p${i}`, 1)).flat()),
        counts(people, 100000),
        LIMITS,
      );
    expect(n(10).verdict).toBe('ok');
    expect(n(11).verdict).toBe('warn');
    expect(n(11).findings).toEqual([expect.objectContaining({ rule: 'people_affected', measured: 11, threshold: 10 })]);
  });

  it('filling empty slots and flipping locks is not churn; clearing is', () => {
    const pub = counts({ ana: 10 });
    const r = computeChurn(diffOf([...changed('ana', 40, 'added'), ...changed('ana', 10, 'relocked')]), pub, LIMITS);
    expect(r).toMatchObject({ changedSlots: 0, addedSlots: 40, relockedSlots: 10, peopleAffected: 0, verdict: 'ok' });
    const cleared = computeChurn(diffOf(changed('ana', 6, 'removed')), pub, LIMITS);
    expect(cleared).toMatchObject({ changedSlots: 6, verdict: 'reject' });
  });

  it('thresholds come from settings', () => {
    const pub = counts({ ana: 100 }, 100);
    const strict = { ...LIMITS, rejectTotalPct: 5, rejectPersonPct: 5 };
    expect(computeChurn(diffOf(changed('ana', 5)), pub, strict).verdict).toBe('ok');
    expect(computeChurn(diffOf(changed('ana', 6)), pub, strict).verdict).toBe('reject');
  });

  it('a reassigned call or week affects both people, not the one who keeps theirs', () => {
    const d: DraftDiff = {
      cells: [],
      calls: [
        {
          date: '2026-07-01',
          callTypeCode: 'OC',
          kind: 'changed',
          before: [
            { personId: 'ana', source: 'solver' },
            { personId: 'cy', source: 'solver' },
          ],
          after: [
            { personId: 'ben', source: 'manual' },
            { personId: 'cy', source: 'solver' },
          ],
        },
      ],
      inpatientWeeks: [
        {
          start: '2026-07-03',
          kind: 'changed',
          before: [{ personId: 'dee', end: '2026-07-09' }],
          after: [{ personId: 'dee', end: '2026-07-10' }],
        },
      ],
      rotations: [],
    };
    const r = computeChurn(d, counts({ ana: 10, ben: 10, cy: 10, dee: 10 }), LIMITS);
    expect(r.changedCalls).toBe(1);
    expect(r.changedInpatientWeeks).toBe(1);
    expect(r.people.map((p) => p.personId).sort()).toEqual(['ana', 'ben', 'dee']);
  });

  it(
    'counts plan blocks apart from slots: a changed block is churn for its resident, planning an empty block ' +
      'is not',
    () => {
      const block = { academicYear: 2026, blockNumber: 3, start: '2026-08-27', end: '2026-09-23' };
      const d: DraftDiff = {
        cells: [],
        calls: [],
        inpatientWeeks: [],
        rotations: [
          {
            ...block,
            personId: 'ana',
            kind: 'changed',
            before: [
              { part: 'first', rotationId: 'r1' },
              { part: 'second', rotationId: 'r2' },
            ],
            after: [{ part: 'full', rotationId: 'r3' }],
          },
          { ...block, personId: 'ben', kind: 'added', before: [], after: [{ part: 'full', rotationId: 'r3' }] },
        ],
      };
      const r = computeChurn(d, counts({ ana: 10, ben: 10 }), LIMITS);
      expect(r).toMatchObject({ changedRotations: 1, addedRotations: 1, changedSlots: 0, totalPct: 0, verdict: 'ok' });
      expect(r.people).toEqual([expect.objectContaining({ personId: 'ana', changedRotations: 1, changedSlots: 0 })]);
    },
  );

  it('names people in messages', () => {
    const r = computeChurn(diffOf(changed('ana', 60)), counts({ ana: 100 }, 100000), LIMITS, () => 'Dr Ana Lee');
    expect(r.findings[0].message).toContain('Dr Ana Lee');
  });
});
