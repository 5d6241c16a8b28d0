// The one definition of the rest after a long in-house call (core/domain/rest-after-call), on plain
// wall-clock minutes: when the person is free again and which half-days that rest takes. Every
// expectation is worked by hand from ACGME's 14 hours free after 24 hours of in-house call.
import { describe, expect, it } from 'vitest';
import { type DayClock, firstDutyStarts, restOwedAfter } from '../../core/domain/rest-after-call';
import { activity } from './rules/fixtures';

const MIN = 60_000;
const clock: DayClock = {
  instant: (day, minutes) => (day * 1440 + minutes) * MIN,
  dayOfInstant: (t) => Math.floor(t / (1440 * MIN)),
};
const acgme = { minRestHours: 14, afterHours: 24 };
// Clinic 08:00–12:00 / 13:00–17:00; a lecture from 07:30 in the morning; leave is no duty.
const starts = firstDutyStarts([
  activity('C', ['08:00', '12:00'], ['13:00', '17:00']),
  activity('LEC', ['07:30', '12:00'], null),
  activity('LV', ['06:00', '12:00'], ['12:00', '17:00'], { countsTowardDutyHours: false }),
]);
/** A call on day 0 from `from` for `hours`, alone in its work period. */
const call = (from: string, hours: number) => {
  const start = clock.instant(0, Number(from.slice(0, 2)) * 60 + Number(from.slice(3)));
  return { start, end: start + hours * 60 * MIN, inHouseCallMs: hours * 60 * MIN };
};
const halves = (rest: ReturnType<typeof restOwedAfter>) => rest?.halfDays.map((h) => `${h.day}${h.half}`) ?? null;

describe('rest after a long in-house call', () => {
  it('takes the earliest duty start of each half, duty activities only', () => {
    expect(starts).toEqual({ AM: 7 * 60 + 30, PM: 13 * 60 });
  });

  it('rests the day after a 07:00–07:00 call, free again at 21:00', () => {
    const rest = restOwedAfter(clock, 0, call('07:00', 24), [acgme], starts);
    expect(rest?.freeAt).toBe(clock.instant(1, 21 * 60));
    expect(halves(rest)).toEqual(['1AM', '1PM']);
  });

  it('reaches the second morning after a 20:00–20:00 call (free at 10:00), not its afternoon', () => {
    expect(halves(restOwedAfter(clock, 0, call('20:00', 24), [acgme], starts))).toEqual(['1AM', '1PM', '2AM']);
  });

  it('lets duty start exactly when the person is free again, not a minute before', () => {
    // 17:30–17:30: free at 07:30 two days on, when the lecture starts.
    expect(halves(restOwedAfter(clock, 0, call('17:30', 24), [acgme], starts))).toEqual(['1AM', '1PM']);
    expect(halves(restOwedAfter(clock, 0, call('17:31', 24), [acgme], starts))).toEqual(['1AM', '1PM', '2AM']);
  });

  it('owes nothing after a call under 24 hours alone, and rest when its work period reaches 24 hours', () => {
    expect(restOwedAfter(clock, 0, call('17:00', 16), [acgme], starts)).toBeNull();
    // Clinic 08:00–17:00 joined to a 15-hour call 17:00–08:00: 24 hours of work, free at 22:00.
    const joined = { start: clock.instant(0, 8 * 60), end: clock.instant(1, 8 * 60), inHouseCallMs: 15 * 60 * MIN };
    const rest = restOwedAfter(clock, 0, joined, [acgme], starts);
    expect(rest?.freeAt).toBe(clock.instant(1, 22 * 60));
    expect(halves(rest)).toEqual(['1AM', '1PM']);
  });

  it('owes the longest rest of the rules in force', () => {
    const stricter = { minRestHours: 30, afterHours: 20 };
    const rest = restOwedAfter(clock, 0, call('07:00', 24), [acgme, stricter], starts);
    expect(rest?.params).toBe(stricter);
    expect(halves(rest)).toEqual(['1AM', '1PM', '2AM']);
  });
});
