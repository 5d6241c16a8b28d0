// How a whole-year run shares its limit (core/solver/models/year-budget.ts), on a clock the test
// moves itself: steps that end early leave their time to the later ones, a step that needs more
// gets it when the others turn out to need less, no step's limit reaches into the check's share,
// and a step may search on for a first schedule past its share.
import { describe, expect, it } from 'vitest';
import { MIN_STEP_SEC, YEAR_WEIGHT, YearBudget } from '../../core/solver/models/year-budget';

const blocks = 4;
const steps = { plan: 1, calls: blocks, halfday: blocks };
const weightOfSteps = YEAR_WEIGHT.plan + blocks * (YEAR_WEIGHT.calls + YEAR_WEIGHT.halfday);

/**
 * The plan takes 1 s; block 1's calls stop at their share (not proven the best), its half-days are
 * proven the best at once (0.2 s). Returns the clock after them and block 1's calls step.
 */
function planAndBlockOne(budget: YearBudget) {
  let now = 0;
  const plan = budget.start('plan', now);
  now += 1;
  budget.end(plan.id, now);
  const calls1 = budget.start('calls', now);
  now += calls1.softSec;
  budget.end(calls1.id, now);
  const halfday1 = budget.start('halfday', now);
  now += 0.2;
  budget.end(halfday1.id, now);
  return { now, calls1 };
}

describe('year time budget', () => {
  it('keeps the check’s share back: no step’s limit reaches into it', () => {
    for (const parallel of [1, 2]) {
      const budget = new YearBudget(60, parallel, steps);
      const check = YEAR_WEIGHT.check * parallel;
      expect(budget.checkSec).toBeCloseTo((60 * check) / (weightOfSteps + check), 9);
      // One step after the other, each taking all it was given.
      let now = 0;
      for (const kind of ['plan', 'calls', 'halfday', 'calls', 'halfday'] as const) {
        const t = budget.start(kind, now);
        expect(t.softSec).toBeLessThanOrEqual(t.hardSec);
        expect(now + t.hardSec, `${kind} at ${now}`).toBeLessThanOrEqual(60 - budget.checkSec + 1e-9);
        now += t.softSec;
        budget.end(t.id, now);
      }
    }
  });

  it('at first shares what is left by weight, as every step would need its share', () => {
    const budget = new YearBudget(100, 1, steps);
    const plan = budget.start('plan', 0);
    const left = 100 - budget.checkSec;
    expect(plan.softSec).toBeCloseTo((left * YEAR_WEIGHT.plan) / weightOfSteps, 9);
    // Without a plan at its share, it may search on for three shares.
    expect(plan.hardSec).toBeCloseTo(3 * plan.softSec, 9);
  });

  it('gives the time the fast steps do not need to the steps that used all theirs', () => {
    const budget = new YearBudget(100, 1, steps);
    const left = 100 - budget.checkSec;
    const { now: afterBlock1, calls1 } = planAndBlockOne(budget);
    let now = afterBlock1;
    // By weight, block 2's calls would get 1/9 of what is left (3 calls of weight 1, 3 half-days of
    // 2); the half-days are now expected to take 0.25 s each, so the calls share the rest.
    const byWeight = ((left - now) * YEAR_WEIGHT.calls) / (3 * YEAR_WEIGHT.calls + 3 * YEAR_WEIGHT.halfday);
    const calls2 = budget.start('calls', now);
    expect(calls2.softSec).toBeGreaterThan(2.5 * byWeight);
    expect(calls2.softSec).toBeGreaterThan(calls1.softSec);
    // What the steps after it are expected to take is kept for them.
    const expectedAfter = 2 * budget.expected('calls')! + 3 * budget.expected('halfday')!;
    expect(calls2.softSec).toBeLessThanOrEqual(left - now - expectedAfter + 1e-9);
    // A half-day step (a fast kind) gets what its kind took, with a margin, and may search longer for a first schedule.
    now += 0.1;
    const halfday2 = budget.start('halfday', now);
    expect(halfday2.softSec).toBeGreaterThanOrEqual(0.25);
    expect(halfday2.hardSec).toBeGreaterThan(halfday2.softSec);
    // Searching for a first schedule, it may use at least its share by weight of the time to spare.
    const spare = left - now - calls2.softSec - (2 * budget.expected('calls')! + 3 * budget.expected('halfday')!);
    expect(halfday2.hardSec).toBeGreaterThanOrEqual(
      budget.expected('halfday')! +
        (spare * YEAR_WEIGHT.halfday) / (YEAR_WEIGHT.halfday + 2 * YEAR_WEIGHT.calls + 2 * YEAR_WEIGHT.halfday) -
        1e-9,
    );
    expect(now + halfday2.hardSec).toBeLessThanOrEqual(left + 1e-9);
  });

  it('a step of a kind that was fast so far still gets a share of the time to spare', () => {
    // Block 1's calls used all their share (that kind is hungry); its half-days were proven at once.
    // A later half-day block may be harder: with most of the limit left it must not be cut at what
    // the easy one took.
    const budget = new YearBudget(300, 1, steps);
    const { now } = planAndBlockOne(budget);
    const halfday2 = budget.start('halfday', now);
    expect(halfday2.softSec).toBeGreaterThan(4 * budget.expected('halfday')!);
    expect(now + halfday2.hardSec).toBeLessThanOrEqual(300 - budget.checkSec + 1e-9);
  });

  it('the last step gets all the time left before the check', () => {
    const budget = new YearBudget(60, 1, { plan: 1, calls: 1, halfday: 1 });
    let now = 0;
    for (const kind of ['plan', 'calls'] as const) {
      const t = budget.start(kind, now);
      now += 0.5;
      budget.end(t.id, now);
    }
    const last = budget.start('halfday', now);
    expect(last.softSec).toBeCloseTo(60 - budget.checkSec - now, 9);
  });

  it('shares what is left among the steps running side by side', () => {
    const budget = new YearBudget(60, 2, steps);
    const plan = budget.start('plan', 0);
    budget.end(plan.id, 2);
    const calls = budget.start('calls', 2);
    const alone = new YearBudget(60, 2, steps);
    alone.end(alone.start('plan', 0).id, 2);
    alone.end(alone.start('calls', 2).id, 2.1);
    // A half-day step while block 1's calls still run gets less than with them done.
    const beside = budget.start('halfday', 2.1);
    const after = alone.start('halfday', 2.1);
    expect(beside.softSec).toBeLessThan(after.softSec);
    expect(calls.softSec).toBeGreaterThanOrEqual(MIN_STEP_SEC);
  });

  it('keeps back for the check a few half-day steps’ time once they are known, if that is less than its share', () => {
    const budget = new YearBudget(600, 2, steps);
    const share = budget.checkSec;
    budget.end(budget.start('plan', 0).id, 5);
    budget.end(budget.start('calls', 5).id, 6);
    expect(budget.checkSec).toBe(share);
    budget.end(budget.start('halfday', 6).id, 8);
    // One half-day step took 2 s: the check is expected to take 4 x 2 s x 1.25.
    expect(budget.checkSec).toBeCloseTo(10, 9);
    expect(budget.leftSec(8)).toBeCloseTo(600 - 10 - 8, 9);
    // Never more than its share.
    const slow = new YearBudget(60, 2, steps);
    slow.end(slow.start('halfday', 0).id, 50);
    expect(slow.checkSec).toBeCloseTo((60 * 16) / (weightOfSteps + 16), 9);
  });

  it('never gives a step less than its minimum, even out of time', () => {
    const budget = new YearBudget(10, 1, steps);
    const t = budget.start('calls', 50);
    expect(t.softSec).toBe(MIN_STEP_SEC);
    expect(t.hardSec).toBe(MIN_STEP_SEC);
  });
});
