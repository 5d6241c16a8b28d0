// The annual plan starts from the current plan: when the solve finds nothing better in its time
// (a year run's plan share under load, or a stop), the current plan stands instead of no plan.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { RotationAssignment } from '../../core/domain/types';
import type { LinearModel, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { objectiveOf } from '../../core/solver/backends/model-arrays';
import { buildAnnualPlanModel } from '../../core/solver/models/annual';
import { violatedRows } from '../../core/solver/models/builder';
import { solveInPhases } from '../../core/solver/models/phased';
import { formatSeconds, solveGeneration } from '../../core/solver/models/solve';

const YEAR = 2026;
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });
const key = (a: RotationAssignment) => `${a.personId}|${a.blockNumber}|${a.part}|${a.rotationId}`;
const keys = (plan: RotationAssignment[]) => plan.map(key).sort();

describe('the annual plan starts from the current plan', () => {
  it('maps the current plan onto the model’s columns, entry for entry', () => {
    const data = demo();
    const model = buildAnnualPlanModel(data, { academicYear: YEAR, current: data.rotationAssignments });
    expect(model.start).toBeDefined();
    expect(keys(model.decode(model.start!).rotationAssignments)).toEqual(keys(data.rotationAssignments));
    // Without a current plan there is nothing to start from.
    expect(buildAnnualPlanModel(data, { academicYear: YEAR }).start).toBeUndefined();
  });

  it('takes no start from a plan storage would refuse or the model’s rules break', () => {
    const data = demo();
    const current = data.rotationAssignments;
    // A half of the one-day block 0 (core/domain/plan-entries: it has no halves).
    const halfOfBlock0 = current.map((a, i) => (i === 0 ? { ...a, blockNumber: 0, part: 'first' as const } : a));
    expect(current[0].blockNumber === 0 && current[0].part === 'first').toBe(false);
    expect(buildAnnualPlanModel(data, { academicYear: YEAR, current: halfOfBlock0 }).start).toBeUndefined();
    // A locked entry the current plan does not have.
    const entry = current.find((a) => a.blockNumber === 5 && a.part === 'full')!;
    const other = data.rotations.find((r) => r.id !== entry.rotationId && !r.halfBlock)!;
    const locked = [{ ...entry, rotationId: other.id }];
    expect(buildAnnualPlanModel(data, { academicYear: YEAR, current, locked }).start).toBeUndefined();
    // A resident missing from the plan: not a complete plan.
    const gap = current.filter((a) => !(a.personId === entry.personId && a.blockNumber === 5));
    expect(buildAnnualPlanModel(data, { academicYear: YEAR, current: gap }).start).toBeUndefined();
  });

  it('keeps the current plan when the solve is stopped before it finds one', async () => {
    const data = demo();
    const model = buildAnnualPlanModel(data, { academicYear: YEAR, current: data.rotationAssignments });
    const out = await solveGeneration(model, getBackend('highs'), { timeLimitSec: 60, stop: () => true });
    expect(out.status).toBe('feasible');
    expect(keys(out.result!.rotationAssignments)).toEqual(keys(data.rotationAssignments));
    expect(out.message).toMatch(/Annual rotation plan AY 2026–27: kept the current one \(stopped\)/);
  });
});

describe('the current plan is the first schedule of the phased search', () => {
  // At 250 residents HiGHS reported the current plan only after its root LP, and the neighbourhoods
  // then took the time the whole model needed to prove it: the year kept it, not proven.
  const data = demo();
  const model = buildAnnualPlanModel(data, { academicYear: YEAR, current: data.rotationAssignments });
  const linear = model.builder.build();
  const highs = getBackend('highs');
  /** Solves the phased search from `start`, and what each solve was: the whole model or a neighbourhood. */
  const searchFrom = async (start: Float64Array) => {
    const solves: { what: 'whole model' | 'neighbourhood'; bound: number | null }[] = [];
    const recording: SolverBackend = {
      ...highs,
      async solve(m: LinearModel, o) {
        const out = await highs.solve(m, o);
        if (out.message !== 'stopped before solving')
          solves.push({ what: m.columns === linear.columns ? 'whole model' : 'neighbourhood', bound: out.bound });
        return out;
      },
    };
    const out = await solveInPhases(linear, recording, model.neighbourhoods!, {
      timeLimitSec: 120,
      wholeModelFirstSec: 0,
      mipAbsGap: 0.999,
      start,
    });
    expect(violatedRows(model.builder, out.values, 1e-5)).toEqual([]);
    return { out, solves };
  };

  it('counts as found at once, and the whole model searches until its bound before the neighbourhoods', async () => {
    const { out, solves } = await searchFrom(model.start!);
    expect(out.firstFeasibleSec).toBe(0);
    expect(solves[0].what).toBe('whole model');
    expect(solves[0].bound).not.toBeNull();
    expect(out.objective!).toBeLessThan(objectiveOf(linear, model.start!));
  });

  it('is proven by the whole model alone when it is already the best', async () => {
    const best = (await searchFrom(model.start!)).out;
    expect(best.status).toBe('optimal');
    const { out, solves } = await searchFrom(best.values);
    expect(out.status).toBe('optimal');
    expect(out.objective).toBeCloseTo(best.objective!, 6);
    expect(solves.map((s) => s.what)).toEqual(['whole model']);
  });
});

describe('a time share in words', () => {
  it('reads as a coordinator would, and a share under a tenth of a second is never "0 s"', () => {
    expect([0.001, 0.0042, 0.05, 0.44, 9.84, 42.4, 131].map(formatSeconds)).toEqual([
      '0.001 s',
      '0.004 s',
      '0.1 s',
      '0.4 s',
      '9.8 s',
      '42 s',
      '131 s',
    ]);
  });
});
