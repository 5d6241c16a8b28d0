// The run's closing words follow its models' figures: "optimal" only when every model is proven
// the best. A model stopped before the solver had any bound (at 200 residents the annual plan stops
// inside HiGHS's root LP: feasible, gap unknown) once read "optimal".
import { describe, expect, it } from 'vitest';
import { concludeReport, emptyReport, type ModelFigures } from '../../core/solver/models/generate';

const range = { start: '2026-07-01', end: '2027-06-30' };

function figures(status: string, gap: number | null): ModelFigures {
  return {
    model: 'Annual rotation plan AY 2026–27',
    backend: 'highs',
    variables: 10,
    integers: 10,
    rows: 5,
    nonzeros: 20,
    firstFeasibleSec: 1,
    solveSec: 2,
    status,
    objective: 100,
    bound: gap === null ? null : 100 * (1 - gap),
    gap,
    buildSec: 0.1,
    memoryMB: 1,
  };
}

function concluded(...models: ModelFigures[]) {
  const report = emptyReport('annual', range);
  report.figures = models;
  concludeReport(report, 'Annual rotation plan AY 2026–27');
  return report;
}

describe('a run’s closing words', () => {
  it('say optimal when every model is proven the best', () => {
    const r = concluded(figures('optimal', 0));
    expect(r.status).toBe('succeeded');
    expect(r.message).toBe('Annual rotation plan AY 2026–27: optimal, no hard-rule findings');
  });

  it('give the largest gap when a model stopped with one', () => {
    expect(concluded(figures('optimal', 0), figures('feasible', 0.0312)).message).toContain(
      'within 3.12 % of the best possible',
    );
  });

  it('never say optimal for a model stopped before its gap was known', () => {
    const r = concluded(figures('optimal', 0), figures('feasible', null));
    expect(r.status).toBe('succeeded');
    expect(r.message).not.toContain('optimal');
    expect(r.message).toContain('not proven the best');
  });
});
