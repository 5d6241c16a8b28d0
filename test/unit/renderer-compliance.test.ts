// The Compliance view's pure parts: filters to and from the URL, grid markers from findings,
// the jump target of a finding, rule names and measured-vs-limit words, the hours chart points.
import { describe, expect, it } from 'vitest';
import type { ComplianceFinding, ResidentHours } from '../../core/api/contract';
import type { Activity, Block } from '../../core/domain/types';
import {
  activeFilterCount,
  filterDatesError,
  filtersToInput,
  filtersToQuery,
  NO_FILTERS,
  parseFilters,
} from '../../renderer/src/compliance/filters';
import { limitText, measuredText, overShare, ruleKind } from '../../renderer/src/compliance/findingText';
import { buildMarks, involvedInSlot, personSlots } from '../../renderer/src/grid/gridMarks';
import { hoursPoints, weekOf } from '../../renderer/src/compliance/hoursChart';
import { blockForFinding, focusSlots, focusTarget } from '../../renderer/src/compliance/jump';
import { academicYearOf } from '../../renderer/src/lib/academicYear';

function finding(over: Partial<ComplianceFinding>): ComplianceFinding {
  return {
    id: 'r|p|2026-10-01|2026-10-01',
    ruleId: 'acgme_continuous',
    ruleType: 'acgme_continuous',
    ruleName: 'Continuous work (24 + 4)',
    severity: 'critical',
    personId: 'res-01',
    personName: 'Ada',
    start: '2026-10-01',
    end: '2026-10-02',
    slots: [],
    measured: 25,
    limit: 24,
    unit: 'h',
    message: 'm',
    explanation: 'e',
    category: 'rule',
    acknowledgement: null,
    ...over,
  };
}

const ack = {
  id: 1,
  findingId: 'x',
  draftId: null,
  reasonCode: 'other' as const,
  reason: 'ok',
  actor: 'me',
  at: '2026-10-01T10:00:00Z',
};

describe('filters in the URL', () => {
  it('round-trip, ignore junk, and keep severities in severity order', () => {
    const f = parseFilters({
      sev: 'low,critical,bogus',
      rule: 'acgme_80h',
      person: 'a,b',
      from: '2026-09-01',
      to: 'nope',
      ack: 'open',
    });
    expect(f).toEqual({
      severities: ['critical', 'low'],
      ruleIds: ['acgme_80h'],
      personIds: ['a', 'b'],
      from: '2026-09-01',
      to: null,
      ack: 'open',
    });
    expect(
      parseFilters(
        Object.fromEntries(Object.entries(filtersToQuery(f)).filter(([, v]) => v !== null)) as Record<string, string>,
      ),
    ).toEqual(f);
    expect(filtersToQuery(NO_FILTERS)).toEqual({
      sev: null,
      rule: null,
      person: null,
      from: null,
      to: null,
      ack: null,
    });
    expect(activeFilterCount(f)).toBe(5);
    expect(activeFilterCount(parseFilters({}))).toBe(0);
  });

  it('become the API filter; From after To is refused with a message, not applied', () => {
    const backwards = { ...NO_FILTERS, from: '2026-10-05', to: '2026-10-01', ack: 'acknowledged' as const };
    expect(filterDatesError(backwards)).toBe('To is before From');
    expect(filtersToInput(backwards)).toEqual({ acknowledged: true });
    expect(filterDatesError({ ...backwards, to: '2026-10-05' })).toBeNull();
    expect(filtersToInput({ ...backwards, to: '2026-10-06' })).toEqual({
      from: '2026-10-05',
      to: '2026-10-06',
      acknowledged: true,
    });
    expect(filtersToInput(NO_FILTERS)).toEqual({});
    expect(filtersToInput({ ...NO_FILTERS, severities: ['high'], ack: 'open' })).toEqual({
      severities: ['high'],
      acknowledged: false,
    });
  });
});

describe('grid markers', () => {
  it('mark a finding’s slots, or a short serious window without slots, never a long one', () => {
    expect(personSlots(finding({ slots: [{ date: '2026-10-01', half: 'PM' }] }))).toEqual([
      { date: '2026-10-01', half: 'PM' },
    ]);
    expect(personSlots(finding({}))).toHaveLength(4);
    expect(personSlots(finding({ severity: 'low' }))).toEqual([]);
    expect(personSlots(finding({ start: '2026-10-01', end: '2026-10-28' }))).toEqual([]);
  });

  it('keep the worst open severity per cell, acknowledged only when all are', () => {
    const slot = [{ date: '2026-10-01', half: 'AM' as const }];
    const marks = buildMarks([
      finding({ id: 'a', severity: 'low', slots: slot }),
      finding({ id: 'b', severity: 'critical', slots: slot, acknowledgement: ack }),
      finding({ id: 'c', severity: 'medium', slots: slot }),
      finding({ id: 'd', personId: null, ruleType: 'clinic_capacity', severity: 'high', slots: slot }),
    ]);
    expect(marks.byPerson.get('res-01')!.get('2026-10-01|AM')).toEqual({
      severity: 'medium',
      acknowledged: false,
      findingIds: ['a', 'b', 'c'],
    });
    expect(marks.bySlot.get('2026-10-01|AM')).toMatchObject({ severity: 'high', ruleTypes: ['clinic_capacity'] });
    const onlyAck = buildMarks([finding({ slots: slot, acknowledgement: ack })]);
    expect(onlyAck.byPerson.get('res-01')!.get('2026-10-01|AM')!.acknowledged).toBe(true);
  });

  it('tie slot findings to the activities taking part in them', () => {
    const activity = (over: Partial<Activity>) =>
      ({ countsTowardClinicCapacity: false, needsSupervision: false, providesSupervision: false, ...over }) as Activity;
    expect(involvedInSlot(['clinic_capacity'], activity({ countsTowardClinicCapacity: true }))).toBe(true);
    expect(involvedInSlot(['clinic_capacity'], activity({}))).toBe(false);
    expect(involvedInSlot(['supervision'], activity({ providesSupervision: true }))).toBe(true);
    expect(involvedInSlot(['inpatient_team'], activity({ countsTowardClinicCapacity: true }))).toBe(false);
    expect(involvedInSlot(['clinic_capacity'], undefined)).toBe(false);
  });
});

describe('jumping to a finding', () => {
  const blocks: Block[] = [
    { academicYear: 2026, number: 0, start: '2026-07-01', end: '2026-07-01', secondHalfStart: '2026-07-01' },
    { academicYear: 2026, number: 1, start: '2026-07-02', end: '2026-07-29', secondHalfStart: '2026-07-16' },
    { academicYear: 2026, number: 2, start: '2026-07-30', end: '2026-08-26', secondHalfStart: '2026-08-13' },
  ];

  it('opens the block of the first slot, else of the window start, kept inside the year', () => {
    expect(
      blockForFinding(
        finding({ start: '2026-07-20', end: '2026-08-10', slots: [{ date: '2026-08-01', half: 'AM' }] }),
        blocks,
      )!.number,
    ).toBe(2);
    expect(blockForFinding(finding({ start: '2026-07-20', end: '2026-08-10' }), blocks)!.number).toBe(1);
    expect(blockForFinding(finding({ start: '2026-06-10', end: '2026-07-07' }), blocks)!.number).toBe(0);
    expect(blockForFinding(finding({}), [])).toBeNull();
  });

  it('highlights the slots, a window of at most 35 days, and scrolls to a date inside the block', () => {
    expect(focusSlots(finding({ start: '2026-07-01', end: '2026-08-30' }))).toHaveLength(70);
    expect(focusSlots(finding({ personId: null, slots: [] }))).toEqual([]);
    const t = focusTarget(finding({ start: '2026-07-20', end: '2026-08-10', ruleType: 'acgme_80h' }), blocks[2], 4, {
      sev: 'critical',
    });
    expect(t).toMatchObject({
      findingId: 'r|p|2026-10-01|2026-10-01',
      personId: 'res-01',
      ruleType: 'acgme_80h',
      draftId: 4,
      date: '2026-07-30',
      returnQuery: { sev: 'critical' },
    });
  });
});

describe('words', () => {
  it('say what kind of rule a finding breaks', () => {
    expect(ruleKind({ ruleType: 'acgme_day_off', category: 'rule' })).toBe('ACGME');
    expect(ruleKind({ ruleType: 'days_away', category: 'rule' })).toBe('Program policy');
    expect(ruleKind({ ruleType: 'clinic_capacity', category: 'coverage' })).toBe('Coverage');
  });

  it('say measured against limit, and how far over', () => {
    const f = finding({ measured: 86.54, limit: 80, unit: 'h/week' });
    expect(measuredText(f)).toBe('86.5 h/week');
    expect(limitText(f)).toBe('limit 80');
    expect(overShare(f)).toBeCloseTo(0.0818, 3);
    expect(overShare(finding({ measured: 3, limit: 4 }))).toBeNull();
    expect(overShare(finding({ measured: 3, limit: 0 }))).toBeNull();
  });

  it('know the academic year of a date', () => {
    expect(academicYearOf('2026-07-01')).toBe(2026);
    expect(academicYearOf('2027-06-30')).toBe(2026);
  });
});

describe('hours chart', () => {
  const r: ResidentHours = {
    personId: 'res-01',
    name: 'Ada',
    pgy: 1,
    maxAverage: 82,
    maxAverageEnds: '2026-07-12',
    weeksOver: 1,
    weeks: [
      { start: '2026-06-29', end: '2026-07-05', hours: 70, rolling: 60, peak: 71 },
      { start: '2026-07-06', end: '2026-07-12', hours: 90, rolling: 80.5, peak: 82 },
    ],
  };
  it('labels weeks and flags those over or near the limit', () => {
    const points = hoursPoints(r, 80);
    expect(points.map((p) => [p.label, p.over, p.near])).toEqual([
      ['Jun 29', false, false],
      ['Jul 6', true, true],
    ]);
    expect(hoursPoints(r, null).every((p) => !p.over && !p.near)).toBe(true);
    expect(weekOf(points, '2026-07-12')!.start).toBe('2026-07-06');
    expect(weekOf(points, '2026-07-13')).toBeNull();
  });
});
