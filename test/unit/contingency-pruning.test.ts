// Exact pruning of N-2: a sweep that composes a pair's repair from the two N-1 repairs wherever
// they provably cannot interact must give every pair-week exactly the outcome and the optimal
// cost that solving the pair's own repair model gives. Property over generated small programs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContingencyParams } from '../../core/domain/contingency';
import { generateProgram } from '../../core/demo/generate';
import { highsBackend } from '../../core/solver/backends';
import { addDays } from '../../core/domain/calendar';
import {
  analyseLoss,
  Baseline,
  HORIZON_MARGIN_DAYS,
  runSweepChunk,
  type PairOutcome,
} from '../../core/solver/contingency';
import { solveRepair } from '../../core/solver/contingency/model';

const params: ContingencyParams = { start: '2026-07-01', end: '2027-06-30', depth: 2, gone: { mode: 'period' } };
const WEEKS = ['2026-08-03', '2026-10-12', '2027-01-18', '2027-03-22'];

describe('exact search', () => {
  it('finds the optimum the MILP finds, for single losses and pairs', async () => {
    const data = generateProgram({ seed: 20260701, academicYear: 2026 });
    let compared = 0;
    let searched = 0;
    for (const week of ['2026-08-10', '2027-01-18']) {
      const b = new Baseline(data, {
        start: addDays(week, -HORIZON_MARGIN_DAYS),
        end: addDays(week, 6 + HORIZON_MARGIN_DAYS),
      });
      const days = Array.from({ length: 7 }, (_, i) => b.day(addDays(week, i)));
      const ids = b.staff.map((p) => p.id);
      const cache = new Map();
      for (let i = 0; i < ids.length; i++) {
        for (let j = i; j < ids.length; j += 5) {
          const loss = analyseLoss(b, { gone: i === j ? [ids[i]] : [ids[i], ids[j]], days });
          const fast = await solveRepair(b, loss, { backend: highsBackend, cache });
          if (!fast.solved) continue;
          const milp = await solveRepair(b, loss, { backend: highsBackend, cache, milpOnly: true });
          expect(fast.objective, loss.scenario.gone.join('+')).toBe(milp.objective);
          compared++;
          if (!fast.milp) searched++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect(searched).toBeGreaterThan(compared / 2);
  }, 600_000);
});

describe('N-2 pruning', () => {
  it('equals exhaustive re-solving of every pair on small programs', async () => {
    let composed = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(...WEEKS), async (seed, week) => {
        const data = generateProgram({
          seed,
          academicYear: 2026,
          residentsPerPgy: [2, 2, 2],
          facultyCount: 7,
          learnerCount: 1,
        });
        const pruned = await runSweepChunk({ data, params, weeks: [week] }, highsBackend);
        const exhaustive = await runSweepChunk({ data, params, weeks: [week], exhaustive: true }, highsBackend);
        const key = (p: PairOutcome) => `${p.a}+${p.b}`;
        const answer = (list: PairOutcome[]) => new Map(list.map((p) => [key(p), `${p.outcome} ${p.objective}`]));
        expect(answer(pruned.weeks[0].pairs)).toEqual(answer(exhaustive.weeks[0].pairs));
        expect(exhaustive.weeks[0].figures.pruned).toBe(0);
        composed += pruned.weeks[0].figures.pruned;
      }),
      { numRuns: 4, seed: 20261205 },
    );
    // The property is not vacuous: most pairs were composed.
    expect(composed).toBeGreaterThan(100);
  }, 600_000);
});
