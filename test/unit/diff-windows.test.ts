// A draft's diff is read a window of days at a time (draftDiffInParts); a window holds about the
// same number of slots whatever the program's size, so a bigger program does not hold the main
// thread longer per window (issue 15 item 1: at 150 residents a fixed 28-day window was 14 500
// slots, at 250 residents 24 000).
import { describe, expect, it } from 'vitest';
import { windowDays } from '../../core/services/drafts/diff-in-parts';

describe('the days in a window of a draft diff', () => {
  it('hold at most 6 000 slots: fewer days for more people', () => {
    // 150 residents with their 106 faculty and 3 learners; 250 residents with 176 and 3.
    expect(windowDays(259)).toBe(11);
    expect(windowDays(429)).toBe(6);
    for (const people of [40, 259, 429, 1000, 3000]) expect(2 * people * windowDays(people)).toBeLessThanOrEqual(6000);
  });

  it('are four weeks at most (a small program) and one day at least (a huge one)', () => {
    expect(windowDays(32)).toBe(28);
    expect(windowDays(0)).toBe(28);
    expect(windowDays(5000)).toBe(1);
  });
});
