// How a whole-year run shares its limit (core/solver/models/year-budget.ts): the steps share work,
// lane by lane (the plan; the calls; each chain of half-day steps), a step's budget follows from the
// work the earlier steps of its lane did and never from the clock; what a step leaves goes to the
// next steps of its lane, what the plan leaves to every lane; the real time before the check's share
// is every step's backstop.
import { describe, expect, it } from 'vitest';
import { MIN_STEP_SEC, YEAR_WEIGHT, YearBudget, type YearStepKind } from '../../core/solver/models/year-budget';

const blocks = 4;
/** One chain of half-day steps (one thread), or two (two threads). */
const lanes = (chains: number): Record<string, YearStepKind[]> => ({
  plan: ['plan'],
  calls: Array.from({ length: blocks }, () => 'calls' as const),
  ...Object.fromEntries(
    Array.from({ length: chains }, (_, c) => [
      `halfday ${c}`,
      Array.from({ length: blocks / chains }, () => 'halfday' as const),
    ]),
  ),
});
const weightOfSteps = YEAR_WEIGHT.plan + blocks * (YEAR_WEIGHT.calls + YEAR_WEIGHT.halfday);
/** The run's work: its limit less the check's share by weight. */
const workOf = (limitSec: number) => (limitSec * weightOfSteps) / (weightOfSteps + YEAR_WEIGHT.check);

describe('year work budget', () => {
  it('at first shares the run’s work by weight', () => {
    const budget = new YearBudget(100, 1, lanes(1));
    const plan = budget.start('plan', 'plan', 0);
    expect(plan.workSec).toBeCloseTo((workOf(100) * YEAR_WEIGHT.plan) / weightOfSteps, 9);
    const calls = budget.start('calls', 'calls', 0);
    expect(calls.workSec).toBeCloseTo((workOf(100) * YEAR_WEIGHT.calls) / weightOfSteps, 9);
  });

  it('gives what a step leaves to the next steps of its lane, and what the plan leaves to every lane', () => {
    const budget = new YearBudget(100, 1, lanes(1));
    const plan = budget.start('plan', 'plan', 0);
    budget.end(plan.id, 1, plan.workSec / 2);
    const planLeft = plan.workSec / 2;
    const callsLane = (workOf(100) * blocks * YEAR_WEIGHT.calls) / weightOfSteps;
    const afterPlan = callsLane + (planLeft * blocks * YEAR_WEIGHT.calls) / (weightOfSteps - YEAR_WEIGHT.plan);
    const calls1 = budget.start('calls', 'calls', 1);
    expect(calls1.workSec).toBeCloseTo(afterPlan / blocks, 9);
    // Proven the best at a tenth of its budget: the rest goes to the three calls steps after it.
    budget.end(calls1.id, 2, calls1.workSec / 10);
    const calls2 = budget.start('calls', 'calls', 2);
    expect(calls2.workSec).toBeCloseTo((afterPlan - calls1.workSec / 10) / 3, 9);
    expect(calls2.workSec).toBeGreaterThan(calls1.workSec);
  });

  it('a step’s budget does not depend on the clock, nor on the steps of other lanes', () => {
    const run = (clock: (i: number) => number, halfdayWork: number) => {
      const budget = new YearBudget(60, 2, lanes(2));
      const plan = budget.start('plan', 'plan', clock(0));
      budget.end(plan.id, clock(1), plan.workSec);
      const got: number[] = [];
      for (let b = 0; b < blocks; b++) {
        const calls = budget.start('calls', 'calls', clock(2 + b));
        got.push(calls.workSec);
        budget.end(calls.id, clock(3 + b), calls.workSec / 2);
        const halfday = budget.start('halfday', `halfday ${b % 2}`, clock(3 + b));
        budget.end(halfday.id, clock(4 + b), halfdayWork);
      }
      return got;
    };
    // A quiet machine, and one ten times slower whose half-day steps searched far past their budgets.
    expect(run((i) => 10 * i, 100)).toEqual(run((i) => i, 0.1));
  });

  it('keeps the check’s share of the real time back: every step’s backstop ends before it', () => {
    for (const parallel of [1, 2]) {
      const budget = new YearBudget(60, parallel, lanes(parallel));
      const check = YEAR_WEIGHT.check * parallel;
      expect(budget.checkSec).toBeCloseTo((60 * check) / (weightOfSteps + check), 9);
      const plan = budget.start('plan', 'plan', 5);
      expect(plan.timeLimitSec).toBeCloseTo(60 - budget.checkSec - 5, 9);
      budget.end(plan.id, 10, plan.workSec);
      // Once a half-day step ended, a few times what it took (at least a second), if that is less.
      const halfday = budget.start('halfday', 'halfday 0', 10);
      budget.end(halfday.id, 10.1, halfday.workSec);
      expect(budget.checkSec).toBe(1);
    }
  });

  it('never gives a step less than its minimum, even with the lane’s work spent', () => {
    const budget = new YearBudget(10, 1, lanes(1));
    const calls = budget.start('calls', 'calls', 0);
    budget.end(calls.id, 1, 1_000);
    const next = budget.start('calls', 'calls', 100);
    expect(next.workSec).toBe(MIN_STEP_SEC);
    expect(next.timeLimitSec).toBe(MIN_STEP_SEC);
  });

  it('gives what the calls leave at their end to the last block’s half-days, whenever the other steps ran', () => {
    // Two chains; the last block's half-days (the last step of 'halfday 1') wait for the last calls.
    const run = (halfdaysFirst: boolean) => {
      const budget = new YearBudget(100, 2, lanes(2), { calls: 'halfday 1' });
      const plan = budget.start('plan', 'plan', 0);
      budget.end(plan.id, 1, plan.workSec);
      const calls = Array.from({ length: blocks }, () => 0);
      const got: number[] = [];
      const halfday = (lane: string) => {
        const step = budget.start('halfday', lane, 2);
        got.push(step.workSec);
        budget.end(step.id, 3, step.workSec);
      };
      // The first chain's half-days before the calls end, or after (timing): their budgets are the same.
      if (halfdaysFirst) for (let b = 0; b < blocks / 2; b++) halfday('halfday 0');
      for (let b = 0; b < blocks; b++) {
        const step = budget.start('calls', 'calls', 2);
        calls[b] = step.workSec;
        // Each proven the best at a tenth of its budget.
        budget.end(step.id, 2, step.workSec / 10);
      }
      if (!halfdaysFirst) for (let b = 0; b < blocks / 2; b++) halfday('halfday 0');
      for (let b = 0; b < blocks / 2; b++) halfday('halfday 1');
      return { calls, got };
    };
    const a = run(true);
    expect(run(false)).toEqual(a);
    // The last calls step left nine tenths of its budget (all the lane had left): the last half-day step
    // has that on top of its share (its lane's steps used their budgets, so the share is its neighbour's).
    expect(a.got[a.got.length - 1]).toBeCloseTo(a.got[a.got.length - 2] + (a.calls[blocks - 1] * 9) / 10, 9);
  });
});
