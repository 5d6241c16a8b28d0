// The accessibility spec's no-jargon check (test/e2e/jargon.ts) catches the wordings the app used
// to show, and lets the domain's words through.
import { describe, expect, it } from 'vitest';
import { jargonIn } from '../e2e/jargon';

describe('the no-jargon check', () => {
  it.each([
    'Generated Block 1 AY 2026–27: calls and inpatient weeks (not proven optimal)',
    'Stopped at the time limit: best schedule so far kept (not proven optimal)',
    'Schedule generated: optimal, no hard-rule findings',
    'NOT PROVEN OPTIMAL (stopped by the user; gap 4.12 %)',
    'Incumbent 12.5',
    'Gap 3 %',
    'Infeasible',
    'the model is infeasible',
    'Exempt from wednesday_lecture',
    '3 finding(s)',
    'Model (34 rows)',
    'PGY-null',
  ])('catches %j', (text) => {
    expect(jargonIn(text)).not.toEqual([]);
  });

  it.each([
    'Generated Block 1 AY 2026–27: calls and inpatient weeks (stopped by Dana Diaz)',
    'Generated Block 1 AY 2026–27: half-days (best found in 60 s)',
    'Stopped: best schedule so far kept (best found in 2 min 05 s)',
    'Schedule generated: proven the best, no hard-rule findings',
    'Schedule generated: not proven the best (could still improve by up to 5.00 %)',
    'No schedule meets every requirement',
    'Exempt from Wednesday lecture',
    '3 findings',
  ])('lets %j through', (text) => {
    expect(jargonIn(text)).toEqual([]);
  });
});
