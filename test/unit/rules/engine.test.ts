// The engine around the rules: bad input, the incremental validator's edits and differences,
// stable ids, the zone clock and the wording helpers.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, createValidator, scheduleEditSchema, validate } from '../../../core/rules';
import { ZoneClock } from '../../../core/rules/clock';
import { formatDateRange, formatNumber } from '../../../core/rules/explain';
import type { Absence } from '../../../core/domain/types';
import { assign, call, faculty, fill, input, resident, withRule } from './fixtures';

function inputError(run: () => unknown): ComplianceInputError {
  try {
    run();
  } catch (err) {
    if (err instanceof ComplianceInputError) return err;
    throw err;
  }
  throw new Error('expected a ComplianceInputError');
}

describe('bad input', () => {
  const people = [resident('r1', 1)];

  it('names the item and field', () => {
    const unknownActivity = inputError(() =>
      validate(
        input({
          people,
          assignments: [assign('r1', '2026-09-01', 'AM', 'C'), assign('r1', '2026-09-02', 'AM', 'XYZ')],
        }),
      ),
    );
    expect(unknownActivity.path).toBe('assignments[1].activityCode');
    expect(unknownActivity.message).toContain('unknown activity "XYZ" (r1, 2026-09-02 AM)');
    expect(inputError(() => validate(input({ people, calls: [call('r9', '2026-09-01')] }))).path).toBe(
      'calls[0].personId',
    );
    expect(
      inputError(() => validate(input({ people, assignments: [assign('r1', '2026-02-30', 'AM', 'C')] }))).path,
    ).toBe('assignments[0].date');
    expect(inputError(() => validate(input({ people }, { start: '2026-09-10', end: '2026-09-01' }))).path).toBe(
      'range.end',
    );
  });

  it('rejects unknown rule types and bad parameters, naming the rule', () => {
    const settings = withRule('acgme_80h', { params: { limitHours: 'eighty' as unknown as number } });
    const err = inputError(() => validate(input({ settings, people })));
    expect(err.path).toBe('settings.rules[0].params.limitHours');
    expect(err.message).toContain('rule "acgme_80h"');
    const typo = withRule('acgme_80h', { params: { limitHour: 80 } as never });
    expect(inputError(() => validate(input({ settings: typo, people }))).path).toBe('settings.rules[0].params');
    const unknownType = withRule('acgme_80h', { type: 'acgme_90h' });
    expect(inputError(() => validate(input({ settings: unknownType, people }))).message).toContain(
      'unknown rule type "acgme_90h"',
    );
    expect(inputError(() => validate(input({ people }), { ruleIds: ['nope'] })).path).toBe('options.ruleIds');
  });

  it('skips disabled rules', () => {
    const settings = withRule('consecutive_days', { enabled: false });
    expect(
      validate(input({ settings, people, assignments: fill('r1', '2026-09-01', '2026-09-10', 'C', ['AM']) }), {
        ruleIds: ['acgme_80h'],
      }),
    ).toEqual([]);
    expect(
      validate(input({ settings, people, assignments: fill('r1', '2026-09-01', '2026-09-10', 'C', ['AM']) })).filter(
        (f) => f.ruleId === 'consecutive_days',
      ),
    ).toEqual([]);
  });
});

describe('incremental validator', () => {
  const people = [resident('r1', 1), resident('r2', 2)];
  // Ward mornings need no supervision or clinic room: only the workload rules see them.
  const base = () => input({ people, assignments: fill('r1', '2026-09-01', '2026-09-06', 'WARD', ['AM']) });

  it('reports what an edit adds and removes, and matches a full validation', () => {
    const v = createValidator(base());
    expect(v.findings()).toEqual(validate(base()));
    const add = v.applyEdit({ kind: 'setAssignment', assignment: assign('r1', '2026-09-07', 'AM', 'WARD') });
    expect(add.removed).toEqual([]);
    expect(add.added.map((f) => [f.ruleId, f.start, f.end])).toEqual([
      ['consecutive_days', '2026-09-01', '2026-09-07'],
    ]);
    const back = v.applyEdit({ kind: 'clearSlot', personId: 'r1', date: '2026-09-07', half: 'AM' });
    expect(back.added).toEqual([]);
    expect(back.removed.map((f) => f.id)).toEqual(add.added.map((f) => f.id));
    expect(v.findings()).toEqual(validate(base()));
  });

  it('keeps ids stable so acknowledgements survive re-validation', () => {
    const long = input({ people, assignments: fill('r1', '2026-09-01', '2026-09-09', 'C', ['AM']) });
    const id = validate(long).find((f) => f.ruleId === 'consecutive_days')!.id;
    expect(id).toBe('consecutive_days|r1|2026-09-01|2026-09-09');
    const v = createValidator(long);
    v.applyEdit({ kind: 'setAssignment', assignment: assign('r2', '2026-09-03', 'AM', 'C') });
    expect(v.findings().find((f) => f.ruleId === 'consecutive_days')!.id).toBe(id);
  });

  it('leaves everything unchanged when an edit in a batch is bad', () => {
    const v = createValidator(base());
    const before = v.findings();
    const err = inputError(() =>
      v.applyEdits([
        { kind: 'setAssignment', assignment: assign('r1', '2026-09-07', 'AM', 'WARD') },
        { kind: 'removeCall', personId: 'r1', date: '2026-09-07', callTypeCode: 'LD' },
      ]),
    );
    expect(err.path).toBe('edits[1]');
    expect(v.findings()).toEqual(before);
    // The first edit was rolled back: applying only a harmless edit shows the old schedule.
    const diff = v.applyEdit({ kind: 'setAssignment', assignment: assign('r2', '2026-09-07', 'AM', 'WARD') });
    expect(diff).toEqual({ added: [], removed: [] });
    expect(
      inputError(() => v.applyEdit({ kind: 'setAssignment', assignment: assign('r1', '2026-09-07', 'AM', 'NOPE') }))
        .path,
    ).toBe('edits[0].assignment.activityCode');
  });

  it('re-checks findings inside the range for an edit that starts long before it', () => {
    // A core faculty member with no clinic half-day (minimum 4) in the week of Sep 7.
    const range = { start: '2026-09-07', end: '2026-09-13' };
    const week = fill('f1', '2026-09-07', '2026-09-11', 'AT');
    const program = (absences: Absence[]) => input({ people: [faculty('f1')], assignments: week, absences }, range);
    const only = { ruleIds: ['faculty_weekly_halfdays'] };
    const v = createValidator(program([]), only);
    expect(v.findings().map((f) => [f.measured, f.limit])).toEqual([[0, 4]]);
    // Leave from July to Sep 9 leaves 4 available half-days: the minimum drops to 1.
    const leave: Absence = {
      id: 'a1',
      personId: 'f1',
      type: 'vacation',
      start: '2026-07-01',
      end: '2026-09-09',
      status: 'approved',
      note: null,
    };
    const diff = v.applyEdit({ kind: 'addAbsence', absence: leave });
    expect(diff.added.map((f) => [f.measured, f.limit])).toEqual([[0, 1]]);
    expect(v.findings()).toEqual(validate(program([leave]), only));
  });

  it('handles calls, absences, moonlighting, inpatient weeks and the rotation plan', () => {
    const v = createValidator(base());
    const edits = [
      { kind: 'addCall', call: call('r2', '2026-09-08') },
      {
        kind: 'addAbsence',
        absence: {
          id: 'a1',
          personId: 'r2',
          type: 'vacation',
          start: '2026-09-08',
          end: '2026-09-09',
          status: 'approved',
          note: null,
        },
      },
      {
        kind: 'addMoonlighting',
        entry: { id: 'm1', personId: 'r1', start: '2026-09-07T08:00', end: '2026-09-07T12:00', internal: false },
      },
    ] as const;
    for (const edit of edits) v.applyEdit(scheduleEditSchema.parse(edit));
    const ids = v.findings().map((f) => f.ruleId);
    expect(ids).toContain('absence_conflict'); // call during vacation
    expect(ids).toContain('consecutive_days'); // moonlighting makes a 7th day
    v.applyEdit({ kind: 'removeAbsence', absenceId: 'a1' });
    v.applyEdit({ kind: 'removeMoonlighting', entryId: 'm1' });
    v.applyEdit({ kind: 'removeCall', personId: 'r2', date: '2026-09-08', callTypeCode: 'LD' });
    expect(v.findings()).toEqual(validate(base()));
  });
});

describe('zone clock', () => {
  it('agrees with luxon on every local midnight and time, across DST changes in several zones', () => {
    for (const zone of [
      'America/New_York',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/Havana',
    ]) {
      const clock = new ZoneClock(zone, '2017-09-01', '2019-04-30');
      for (let i = 0; i < clock.length; i++) {
        const midnight = DateTime.fromISO(clock.dates[i], { zone });
        expect(clock.dayStart[i], `${zone} ${clock.dates[i]}`).toBe(midnight.toMillis());
        for (const minutes of [0, 30, 90, 150, 420, 1439]) {
          const expected = midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
          expect(clock.instant(i, minutes), `${zone} ${clock.dates[i]} +${minutes}`).toBe(expected);
        }
      }
    }
  });

  it('gives the spring-forward day 23 hours and the fall-back day 25', () => {
    const clock = new ZoneClock('America/New_York', '2026-10-30', '2027-03-20');
    const hours = (date: string) =>
      (clock.dayStart[clock.indexOf(date) + 1] - clock.dayStart[clock.indexOf(date)]) / 3_600_000;
    expect(hours('2026-11-01')).toBe(25);
    expect(hours('2027-03-14')).toBe(23);
    expect(hours('2027-03-13')).toBe(24);
    expect(clock.weekday[clock.indexOf('2027-03-14')]).toBe(7);
  });
});

describe('wording', () => {
  it('shows enough decimals to tell a value from its limit', () => {
    expect(formatNumber(86.5, 80)).toBe('86.5');
    expect(formatNumber(80.0042, 80)).toBe('80.004');
    expect(formatNumber(80, 80)).toBe('80');
    expect(formatNumber(13.99, 14)).toBe('13.99');
  });

  it('formats windows, with years only across a year change', () => {
    expect(formatDateRange('2027-03-12', '2027-04-08')).toBe('Mar 12 – Apr 8');
    expect(formatDateRange('2026-12-20', '2027-01-16')).toBe('Dec 20, 2026 – Jan 16, 2027');
  });
});
