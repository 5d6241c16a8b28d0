import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GridData } from '../../core/api/contract';
import { blocksForYear, isoWeekday as coreIsoWeekday, addDays as coreAddDays } from '../../core/domain/calendar';
import { slotsOverlapping } from '../../core/domain/availability';
import { activity } from './rules/fixtures';
import { addDays, datesBetween, dayCount, isoWeekday } from '../../renderer/src/lib/dates';
import {
  buildDays,
  buildGridModel,
  cellKey,
  dayKey,
  groupRank,
  partSpan,
  shortName,
} from '../../renderer/src/grid/gridModel';
import { describeCell, dutyLine } from '../../renderer/src/grid/cellText';
import {
  ariaColIndex,
  CELL_GAP,
  callNameLines,
  fitGridMetrics,
  GRID_METRICS,
  rowHeight,
} from '../../renderer/src/grid/gridLayout';
import { textWidth } from '../../renderer/src/lib/textLines';

const layout = { anchorWeekday: 4 as const, blockLengthDays: 28, blockCount: 12 };
const blocks = blocksForYear(2026, layout);
const block1 = blocks.find((b) => b.number === 1)!;

function gridData(): GridData {
  return {
    start: block1.start,
    end: block1.end,
    people: [
      { id: 'r1', name: 'Zed PGY One', kind: 'resident', facultyRole: null, pgy: 1, group: 'PGY-1' },
      { id: 'r3', name: 'Amy Senior', kind: 'resident', facultyRole: null, pgy: 3, group: 'PGY-3' },
      { id: 'f1', name: 'Dr Faye Core', kind: 'faculty', facultyRole: 'core', pgy: null, group: 'Faculty' },
      { id: 'r2b', name: 'Bea Two', kind: 'resident', facultyRole: null, pgy: 2, group: 'PGY-2' },
      { id: 'r2a', name: 'Abe Two', kind: 'resident', facultyRole: null, pgy: 2, group: 'PGY-2' },
      { id: 's1', name: 'Sam Student', kind: 'student', facultyRole: null, pgy: null, group: 'Learners' },
    ],
    activities: [activity('C', null, null, { color: '#2563eb' }), activity('LEC', null, null, { color: '#fde68a' })],
    assignments: [
      { personId: 'r1', date: block1.start, half: 'AM', activityCode: 'C', source: 'solver', locked: false },
      { personId: 'r1', date: block1.start, half: 'PM', activityCode: 'LEC', source: 'manual', locked: true },
    ],
    calls: [
      { date: block1.start, callTypeCode: 'FAC', personId: 'f1', source: 'solver' },
      { date: addDays(block1.start, 1), callTypeCode: 'FAC', personId: 'f1', source: 'solver' },
    ],
    callTypes: [
      {
        code: 'FAC',
        name: 'Faculty overnight',
        start: '17:00',
        end: '07:00',
        inHouse: false,
        for: 'faculty',
        countsTowardDutyHours: false,
        clockChange: 'scheduled_hours',
      },
      {
        code: 'LD',
        name: 'L&D 24h',
        start: '07:00',
        end: '07:00',
        inHouse: true,
        for: 'resident',
        countsTowardDutyHours: true,
        clockChange: 'scheduled_hours',
      },
    ],
    holidays: [{ date: addDays(block1.start, 3), name: 'Independence Day', dayType: 'federal_holiday' }],
    rotationAssignments: [
      { personId: 'r1', academicYear: 2026, blockNumber: 1, part: 'first', rotationId: 'rot-fmit' },
      { personId: 'r1', academicYear: 2026, blockNumber: 1, part: 'second', rotationId: 'rot-nf' },
      { personId: 'r3', academicYear: 2026, blockNumber: 1, part: 'full', rotationId: 'rot-fmit' },
      { personId: 'r3', academicYear: 2026, blockNumber: 2, part: 'full', rotationId: 'rot-nf' },
    ],
    rotations: [
      { id: 'rot-fmit', code: 'FMIT', name: 'Inpatient team', color: '#b91c1c' },
      { id: 'rot-nf', code: 'NF', name: 'Night float', color: '#1e293b' },
    ],
    absences: [
      {
        id: 'a1',
        personId: 'r2a',
        type: 'vacation',
        start: addDays(block1.start, -3),
        end: addDays(block1.start, 1),
        status: 'approved',
        note: null,
      },
      { id: 'a2', personId: 'r2b', type: 'sick', start: block1.start, end: block1.start, status: 'denied', note: null },
    ],
    duty: [],
  };
}

describe('block grid model (renderer)', () => {
  it('puts call rows on top, then PGY-3, PGY-2, PGY-1, Faculty, Learners with people by name', () => {
    const model = buildGridModel(gridData(), blocks);
    expect(model.rows.map((r) => (r.kind === 'person' ? r.person.id : r.key))).toEqual([
      'call:FAC',
      'call:LD',
      'group:PGY-3',
      'r3',
      'group:PGY-2',
      'r2a',
      'r2b',
      'group:PGY-1',
      'r1',
      'group:Faculty',
      'f1',
      'group:Learners',
      's1',
    ]);
    const call = model.rows[0];
    expect(call.kind === 'call' && call.byDate.get(block1.start)).toEqual(['f1']);
  });

  it('has one column per day with ISO weekdays, weekends and holidays marked', () => {
    const model = buildGridModel(gridData(), blocks);
    expect(model.days).toHaveLength(28);
    expect(model.days[0].date).toBe(block1.start);
    expect(model.days[0].weekday).toBe(4); // blocks start on Thursday
    expect(model.days[0].blockStart).toBe(1);
    expect(model.days.filter((d) => d.weekend).map((d) => d.weekday)).toEqual([6, 7, 6, 7, 6, 7, 6, 7]);
    expect(model.days[3].holiday?.name).toBe('Independence Day');
  });

  it('indexes assignments by person, date and half, and lists the codes in use', () => {
    const model = buildGridModel(gridData(), blocks);
    expect(model.assignments.get(cellKey('r1', block1.start, 'AM'))?.activityCode).toBe('C');
    expect(model.assignments.get(cellKey('r1', block1.start, 'PM'))?.locked).toBe(true);
    expect(model.assignments.get(cellKey('r3', block1.start, 'AM'))).toBeUndefined();
    expect([...model.usedCodes].sort()).toEqual(['C', 'LEC']);
  });

  it('covers absence days clipped to the range and leaves out denied absences', () => {
    const model = buildGridModel(gridData(), blocks);
    expect(model.absences.get(dayKey('r2a', block1.start))?.[0].id).toBe('a1');
    expect(model.absences.get(dayKey('r2a', addDays(block1.start, 1)))).toHaveLength(1);
    expect(model.absences.get(dayKey('r2a', addDays(block1.start, 2)))).toBeUndefined();
    expect(model.absences.get(dayKey('r2b', block1.start))).toBeUndefined();
    expect([...model.absences.keys()].filter((k) => k.startsWith('r2a|'))).toHaveLength(2);
  });

  it('spans rotations over half-blocks and full blocks, ignoring blocks outside the range', () => {
    const model = buildGridModel(gridData(), blocks);
    const r1 = model.rows.find((r) => r.kind === 'person' && r.person.id === 'r1');
    const r3 = model.rows.find((r) => r.kind === 'person' && r.person.id === 'r3');
    expect(r1?.kind === 'person' && r1.rotations.map((s) => [s.code, s.from, s.to])).toEqual([
      ['FMIT', 0, 13],
      ['NF', 14, 27],
    ]);
    expect(r3?.kind === 'person' && r3.rotations.map((s) => [s.code, s.from, s.to])).toEqual([['FMIT', 0, 27]]);
  });

  it('clips a rotation to a range that starts inside its block', () => {
    const data = { ...gridData(), start: addDays(block1.start, 20), end: addDays(block1.end, 5) };
    const model = buildGridModel(data, blocks);
    const r3 = model.rows.find((r) => r.kind === 'person' && r.person.id === 'r3');
    expect(r3?.kind === 'person' && r3.rotations.map((s) => [s.code, s.from, s.to])).toEqual([
      ['FMIT', 0, 7],
      ['NF', 8, 12],
    ]);
  });

  it('splits a block at its second half', () => {
    expect(partSpan(block1, 'first')).toEqual({ start: block1.start, end: addDays(block1.secondHalfStart, -1) });
    expect(partSpan(block1, 'second')).toEqual({ start: block1.secondHalfStart, end: block1.end });
    expect(dayCount(partSpan(block1, 'first').start, partSpan(block1, 'first').end)).toBe(14);
  });

  it('ranks groups senior first and handles longer programs', () => {
    const groups = ['Learners', 'PGY-1', 'Faculty', 'PGY-4', 'PGY-3'];
    expect([...groups].sort((a, b) => groupRank(a) - groupRank(b))).toEqual([
      'PGY-4',
      'PGY-3',
      'PGY-1',
      'Faculty',
      'Learners',
    ]);
  });

  it('numbers ARIA columns: name, then AM and PM per day', () => {
    expect(ariaColIndex(0, 'AM')).toBe(2);
    expect(ariaColIndex(0, 'PM')).toBe(3);
    expect(ariaColIndex(364, 'PM')).toBe(731);
  });

  it('gives residents taller rows for the rotation band', () => {
    const model = buildGridModel(gridData(), blocks);
    const resident = model.rows.find((r) => r.kind === 'person' && r.person.kind === 'resident')!;
    const faculty = model.rows.find((r) => r.kind === 'person' && r.person.kind === 'faculty')!;
    expect(rowHeight(resident)).toBeGreaterThan(rowHeight(faculty));
  });

  it("makes a call row as tall as its type's whole name needs, in either density", () => {
    const model = buildGridModel(gridData(), blocks);
    const call = model.rows.find((r) => r.kind === 'call')!;
    const named = (name: string) => ({ ...call, callType: { ...call.callType, name } });
    for (const m of [GRID_METRICS.comfortable, GRID_METRICS.compact]) {
      expect(callNameLines('Backup call', m)).toBe(1);
      expect(rowHeight(named('Backup call'), m)).toBe(m.callRowHeight);
      const long = 'Faculty weekend night call (Fri–Sat) at the county hospital';
      const lines = callNameLines(long, m);
      expect(lines).toBeGreaterThan(1);
      expect(rowHeight(named(long), m)).toBeGreaterThanOrEqual(lines * m.callName.lineHeight);
      expect(rowHeight(named(long), m)).toBeGreaterThan(m.callRowHeight);
    }
  });

  it('shortens names to the last word for call cells', () => {
    expect(shortName('Dr. Ana  Ruiz ')).toBe('Ruiz');
    expect(shortName('Plato')).toBe('Plato');
  });

  it('builds a whole year of 365 or 366 days', () => {
    expect(buildDays('2026-07-01', '2027-06-30', []).length).toBe(365);
    expect(buildDays('2027-07-01', '2028-06-30', []).length).toBe(366);
  });
});

describe('renderer dates agree with the core calendar', () => {
  const date = fc
    .date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2095-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  it('ISO weekday (1 = Monday … 7 = Sunday) and day arithmetic', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 400 }), (d, n) => {
        expect(isoWeekday(d)).toBe(coreIsoWeekday(d));
        expect(addDays(d, n)).toBe(coreAddDays(d, n));
      }),
      { numRuns: 2000 },
    );
  });
  it('ranges are inclusive and cross a DST change without losing a day', () => {
    expect(datesBetween('2027-03-13', '2027-03-15')).toEqual(['2027-03-13', '2027-03-14', '2027-03-15']);
    expect(dayCount('2026-11-01', '2026-11-01')).toBe(1);
  });
});

describe('grid column window (renderer)', () => {
  it('widens the visible days to whole weeks and clips at the ends', async () => {
    const { columnWindow, COLUMN_CHUNK_DAYS } = await import('../../renderer/src/grid/gridLayout');
    expect(COLUMN_CHUNK_DAYS).toBe(7);
    expect(columnWindow(9, 30, 365)).toEqual({ from: 7, to: 34 });
    expect(columnWindow(0, 6, 365)).toEqual({ from: 0, to: 6 });
    expect(columnWindow(350, 364, 365)).toEqual({ from: 350, to: 364 });
    expect(columnWindow(0, 27, 28)).toEqual({ from: 0, to: 27 });
    expect(columnWindow(0, -1, 0)).toEqual({ from: 0, to: -1 });
  });

  it('keeps the window unchanged while scrolling within a week', async () => {
    const { columnWindow } = await import('../../renderer/src/grid/gridLayout');
    const windows = new Set([10, 11, 12, 13].map((first) => JSON.stringify(columnWindow(first, first + 20, 365))));
    expect(windows.size).toBe(1);
  });
});

describe('names and call duty on the grid', () => {
  it('gives everyone a short label nobody else in view shares', async () => {
    const { uniqueShortNames } = await import('../../renderer/src/grid/gridModel');
    const labels = uniqueShortNames([
      { id: 'a', name: 'Ana Harris' },
      { id: 'b', name: 'Ben Harris' },
      { id: 'c', name: 'Cy Young' },
      { id: 'd', name: 'Dee Young' },
      { id: 'e', name: 'Dan Young' },
    ]);
    expect([...labels.values()]).toEqual(['A. Harris', 'B. Harris', 'C. Young', 'Dee Young', 'Dan Young']);
  });

  it('says whether a call covers the morning of its day (24-hour call from 07:00) or only the evening', async () => {
    const { callCoversMorning } = await import('../../renderer/src/grid/gridModel');
    expect(callCoversMorning({ start: '07:00' })).toBe(true);
    expect(callCoversMorning({ start: '17:00' })).toBe(false);
  });
});

describe('moonlighting and callbacks on the grid', () => {
  const day = block1.start;
  const next = addDays(day, 1);
  // The half-days come from the core's one definition (AM before noon, PM from noon), as schedule.grid sends them.
  const night = {
    kind: 'moonlighting' as const,
    id: 'm1',
    personId: 'r3',
    start: `${day}T21:00`,
    end: `${next}T07:00`,
    internal: false,
    approved: true,
  };
  const callback = {
    kind: 'callback' as const,
    id: 'c1',
    personId: 'f1',
    start: `${day}T22:00`,
    end: `${day}T23:30`,
    note: 'Admission from the ED',
  };
  const data = (): GridData => ({
    ...gridData(),
    duty: [night, callback].map((e) => ({ ...e, slots: slotsOverlapping(e.start, e.end, block1.start, block1.end) })),
  });

  it('takes the half-days a shift overlaps from the core: a night is that evening and the next morning', () => {
    expect(slotsOverlapping(night.start, night.end, block1.start, block1.end)).toEqual([
      { date: day, half: 'PM' },
      { date: next, half: 'AM' },
    ]);
    // Up to noon is the morning only; the range clips what lies outside it.
    expect(slotsOverlapping(`${day}T08:00`, `${day}T12:00`, day, day)).toEqual([{ date: day, half: 'AM' }]);
    expect(slotsOverlapping(night.start, night.end, next, next)).toEqual([{ date: next, half: 'AM' }]);
    expect(slotsOverlapping(night.start, night.end, addDays(day, 2), addDays(day, 3))).toEqual([]);
  });

  it('marks the person’s half-days it covers, and says what and when on hover', () => {
    const model = buildGridModel(data(), blocks);
    expect([...model.duty.entries()].map(([key, list]) => [key, list.map((d) => d.id)])).toEqual([
      [cellKey('r3', day, 'PM'), ['m1']],
      [cellKey('r3', next, 'AM'), ['m1']],
      [cellKey('f1', day, 'PM'), ['c1']],
    ]);
    expect(describeCell(model, 'r3', day, 'PM')).toContain(
      'Moonlighting (external, approved): Thu 2 Jul 2026 21:00 – Fri 3 Jul 2026 07:00',
    );
    expect(describeCell(model, 'r3', next, 'AM')).toContain('Moonlighting (external, approved)');
    expect(describeCell(model, 'r3', day, 'AM')).not.toContain('Moonlighting');
    // A callback during home call: the call and the callback, each with its times.
    const faculty = describeCell(model, 'f1', day, 'PM')!;
    expect(faculty).toContain('On call: Faculty overnight (FAC), 17:00–07:00, from home');
    expect(faculty).toContain('Callback: Thu 2 Jul 2026 22:00–23:30 – Admission from the ED');
  });

  it('says an unapproved internal shift is awaiting approval', () => {
    expect(dutyLine({ ...night, internal: true, approved: false, slots: [] })).toBe(
      'Moonlighting (internal, awaiting approval): Thu 2 Jul 2026 21:00 – Fri 3 Jul 2026 07:00',
    );
  });
});

describe('grid columns sized by their texts', () => {
  const compact = GRID_METRICS.compact;
  const font = (f: { weight: number; fontPx: number }) => `${f.weight} ${f.fontPx}px sans-serif`;

  it("keeps the density's widths while every code and name on call fits them", () => {
    expect(fitGridMetrics(compact, ['W', 'C', 'FMIT'], ['Lee'])).toBe(compact);
  });

  it('widens the half-days for a code wider than a cell, in half pixels', () => {
    const m = fitGridMetrics(compact, ['W', 'LONGCODE'], []);
    expect(m.halfWidth).toBeGreaterThanOrEqual(textWidth('LONGCODE', font(compact.cellText)) + CELL_GAP);
    expect(m.halfWidth * 2).toBe(Math.round(m.halfWidth * 2));
    expect(m.dayWidth).toBe(2 * m.halfWidth);
    expect(m.nameWidth).toBe(compact.nameWidth);
  });

  it('widens the days for a name on call wider than a day', () => {
    const m = fitGridMetrics(compact, ['W'], ['Vanderbilt-Nakamura']);
    const name = textWidth('Vanderbilt-Nakamura', font(compact.callText)) + 2 * compact.callText.padding;
    expect(m.dayWidth).toBeGreaterThanOrEqual(name);
    expect(m.dayWidth - name).toBeLessThan(1);
  });
});
