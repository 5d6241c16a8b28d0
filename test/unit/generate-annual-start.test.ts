// The annual plan starts from the current plan: when the solve finds nothing better in its time
// (a year run's plan share under load, or a stop), the current plan stands instead of no plan, and
// where it breaks a rule of the model now, the plan with only what that forces changed.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { RotationAssignment } from '../../core/domain/types';
import type { LinearModel, SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { objectiveOf } from '../../core/solver/backends/model-arrays';
import { type AnnualPlanResult, buildAnnualPlanModel } from '../../core/solver/models/annual';
import { violatedRows } from '../../core/solver/models/builder';
import { solveInPhases } from '../../core/solver/models/phased';
import type { GenerationModel } from '../../core/solver/models/model';
import { formatSeconds, solveGeneration } from '../../core/solver/models/solve';
import { startFromHint } from '../../core/solver/models/start';

const YEAR = 2026;
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });
const key = (a: RotationAssignment) => `${a.personId}|${a.blockNumber}|${a.part}|${a.rotationId}`;
const keys = (plan: RotationAssignment[]) => plan.map(key).sort();

/**
 * The plan a solve stopped at once keeps: its start, the current plan completed and repaired
 * (core/solver/models/start.ts).
 */
async function stoppedAtOnce(model: GenerationModel<AnnualPlanResult>) {
  return solveGeneration(model, getBackend('highs'), { timeLimitSec: 60, stop: () => true });
}

/** The start the solve builds from the model's hint. */
async function startOf(model: GenerationModel<AnnualPlanResult>) {
  return (await startFromHint(model.builder, model.startHint!, getBackend('highs'), { timeLimitSec: 60 }))!;
}

describe('the annual plan starts from the current plan', () => {
  it('maps the current plan onto the model’s columns, entry for entry', async () => {
    const data = demo();
    const model = buildAnnualPlanModel(data, { academicYear: YEAR, current: data.rotationAssignments });
    const start = await startOf(model);
    expect(start.repaired).toBe(false);
    expect(keys(model.decode(start.values).rotationAssignments)).toEqual(keys(data.rotationAssignments));
    // Without a current plan there is nothing to start from.
    expect(buildAnnualPlanModel(data, { academicYear: YEAR }).startHint).toBeUndefined();
  });

  it('keeps the current plan when the solve is stopped before it finds one', async () => {
    const data = demo();
    const out = await stoppedAtOnce(
      buildAnnualPlanModel(data, { academicYear: YEAR, current: data.rotationAssignments }),
    );
    expect(out.status).toBe('feasible');
    expect(keys(out.result!.rotationAssignments)).toEqual(keys(data.rotationAssignments));
    expect(out.message).toMatch(/Annual rotation plan AY 2026–27: kept the current one \(stopped\)/);
  });
});

describe('a current plan that breaks a rule is kept where it still holds', () => {
  // Before, one broken hard row (a new lock, an entry storage refuses, a resident with no entry)
  // gave no start at all: a stopped run had no plan, and the search began from nothing.
  const data = demo();
  const current = data.rotationAssignments;
  const entry = current.find((a) => a.blockNumber === 5 && a.part === 'full')!;
  const same = (a: RotationAssignment, b: RotationAssignment) =>
    a.personId === b.personId && a.blockNumber === b.blockNumber;
  /** The stopped run's plan against the current one: the entries it changed or added. */
  const changedBy = async (model: GenerationModel<AnnualPlanResult>) => {
    const out = await stoppedAtOnce(model);
    expect(out.status, out.message).toBe('feasible');
    expect(out.message).toMatch(/kept the current one, changed only where it no longer meets every rule \(stopped\)/);
    const was = new Set(keys(current));
    return out.result!.rotationAssignments.filter((a) => !was.has(key(a)));
  };

  it('a new lock on another rotation: only that resident’s block changes, as locked', async () => {
    const other = data.rotations.find((r) => r.id !== entry.rotationId && !r.halfBlock)!;
    const locked = [{ ...entry, rotationId: other.id }];
    const changed = await changedBy(buildAnnualPlanModel(data, { academicYear: YEAR, current, locked }));
    expect(changed.map(key)).toContain(key(locked[0]));
    // What else moves is what the lock forces there (the rotation's staffing that block).
    expect(changed.every((a) => a.blockNumber === entry.blockNumber)).toBe(true);
  });

  it('an entry storage refuses, or a resident’s block with no entry: only that block is planned anew', async () => {
    // A half of the one-day block 0 (core/domain/plan-entries: it has no halves).
    const block0 = current.findIndex((a) => a.blockNumber === 0);
    const halfOfBlock0 = current.map((a, i) => (i === block0 ? { ...a, part: 'first' as const } : a));
    const refused = await changedBy(buildAnnualPlanModel(data, { academicYear: YEAR, current: halfOfBlock0 }));
    expect(refused.every((a) => same(a, current[block0]))).toBe(true);
    const gap = current.filter((a) => !same(a, entry));
    const filled = await changedBy(buildAnnualPlanModel(data, { academicYear: YEAR, current: gap }));
    expect(filled.filter((a) => !same(a, entry))).toEqual([]);
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
    const start = (await startOf(model)).values;
    const { out, solves } = await searchFrom(start);
    expect(out.firstFeasibleSec).toBe(0);
    expect(solves[0].what).toBe('whole model');
    expect(solves[0].bound).not.toBeNull();
    expect(out.objective!).toBeLessThan(objectiveOf(linear, start));
  });

  it('is proven by the whole model alone when it is already the best', async () => {
    const best = (await searchFrom((await startOf(model)).values)).out;
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
