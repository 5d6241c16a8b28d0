import { describe, expect, it } from 'vitest';
import type { LinearModel, SolveProgress, WorkLimit } from '../../core/solver/backend';
import { dualBound, getBackend, LinearModelError, objectiveOf, solutionViolations } from '../../core/solver/backends';
import { checkpointBudget } from '../../core/solver/backends/highs';

type Col = LinearModel['columns'][number];
const bin = (name: string, cost: number): Col => ({ name, lower: 0, upper: 1, cost, integer: true });
const row = (name: string, lower: number, upper: number, terms: [number, number][]): LinearModel['rows'][number] => ({
  name,
  lower,
  upper,
  indices: terms.map((t) => t[0]),
  values: terms.map((t) => t[1]),
});

function knapsack(): LinearModel {
  const value = [10, 13, 7, 8, 9, 4];
  const weight = [5, 7, 4, 4, 5, 2];
  return {
    sense: 'maximize',
    offset: 0,
    columns: value.map((v, j) => bin(`item${j}`, v)),
    rows: [
      row(
        'capacity',
        -Infinity,
        15,
        weight.map((w, j) => [j, w]),
      ),
    ],
  };
}

/** 4×4 assignment with a known optimum (each worker one job, each job one worker). */
function assignment(): LinearModel {
  const cost = [
    [9, 2, 7, 8],
    [6, 4, 3, 7],
    [5, 8, 1, 8],
    [7, 6, 9, 4],
  ];
  const idx = (i: number, j: number) => i * 4 + j;
  const columns = cost.flatMap((r, i) => r.map((c, j) => bin(`x${i}${j}`, c)));
  const rows = [
    ...[0, 1, 2, 3].map((i) =>
      row(
        `worker${i}`,
        1,
        1,
        [0, 1, 2, 3].map((j) => [idx(i, j), 1]),
      ),
    ),
    ...[0, 1, 2, 3].map((j) =>
      row(
        `job${j}`,
        1,
        1,
        [0, 1, 2, 3].map((i) => [idx(i, j), 1]),
      ),
    ),
  ];
  return { sense: 'minimize', offset: 5, columns, rows };
}

/** Rows with finite lower and upper bounds that differ (the LP-text reader's weak point). */
function ranged(): LinearModel {
  return {
    sense: 'minimize',
    offset: 0,
    columns: [
      { name: 'x', lower: 0, upper: 10, cost: 1, integer: true },
      { name: 'y', lower: 0, upper: 10, cost: 2, integer: false },
    ],
    rows: [
      row('band', 3.5, 6, [
        [0, 1],
        [1, 1],
      ]),
      row('diff', -2, 1, [
        [0, 1],
        [1, -1],
      ]),
    ],
  };
}

/** A hard random-ish MILP that takes HiGHS well over the small time limit used below. */
function hardMilp(n = 120, m = 60): LinearModel {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const columns = Array.from({ length: n }, (_, j) => ({
    name: `x${j}`,
    lower: 0,
    upper: 1,
    cost: -Math.floor(1 + rnd() * 100),
    integer: true,
  }));
  const rows = Array.from({ length: m }, (_, i) => {
    const terms: [number, number][] = [];
    for (let j = 0; j < n; j++) if (rnd() < 0.5) terms.push([j, Math.floor(1 + rnd() * 50)]);
    const total = terms.reduce((s, t) => s + t[1], 0);
    return row(`r${i}`, -Infinity, Math.floor(total / 2), terms);
  });
  return { sense: 'minimize', offset: 0, columns, rows };
}

/**
 * A market split: binary x with A x = A x* for a hidden x*: the presolve and heuristics find no solution, the
 * search must.
 */
function marketSplit(n: number, m: number): LinearModel {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const hidden = Array.from({ length: n }, () => (rnd() < 0.5 ? 1 : 0));
  const columns = Array.from({ length: n }, (_, j) => ({ name: `x${j}`, lower: 0, upper: 1, cost: 0, integer: true }));
  const rows = Array.from({ length: m }, (_, i) => {
    const terms = columns.map((_, j) => [j, Math.floor(rnd() * 100)] as [number, number]);
    const b = terms.reduce((s, [j, a]) => s + a * hidden[j], 0);
    return row(`r${i}`, b, b, terms);
  });
  return { sense: 'minimize', offset: 0, columns, rows };
}

describe.each(['highs', 'glpk'] as const)('%s backend', (name) => {
  const backend = getBackend(name);

  it('solves a knapsack to the known optimum', async () => {
    const res = await backend.solve(knapsack(), { timeLimitSec: 10, mipGap: 0 });
    expect(res.status).toBe('optimal');
    // Reference: brute force over all 64 item subsets.
    expect(res.objective).toBe(bruteForceKnapsack());
    expect(solutionViolations(knapsack(), res.values)).toEqual([]);
    expect(objectiveOf(knapsack(), res.values)).toBeCloseTo(res.objective!, 6);
  });

  it('solves an assignment problem, offset included', async () => {
    const res = await backend.solve(assignment(), { timeLimitSec: 10, mipGap: 0 });
    expect(res.status).toBe('optimal');
    // Reference: brute force over the 24 permutations.
    expect(res.objective).toBe(5 + bruteForceAssignment());
    expect(solutionViolations(assignment(), res.values)).toEqual([]);
  });

  it('honours ranged rows', async () => {
    const res = await backend.solve(ranged(), { timeLimitSec: 10, mipGap: 0 });
    expect(res.status).toBe('optimal');
    // Minimise x + 2y with 3.5 ≤ x + y ≤ 6, -2 ≤ x - y ≤ 1, x integer: x = 2, y = 1.5 → 5.
    expect(res.objective).toBeCloseTo(5, 4);
    expect(res.values[0]).toBeCloseTo(2, 4);
    expect(res.values[1]).toBeCloseTo(1.5, 4);
  });

  it('reports infeasible models', async () => {
    const model: LinearModel = {
      sense: 'minimize',
      offset: 0,
      columns: [bin('a', 1), bin('b', 1)],
      rows: [
        row('both', 2, 2, [
          [0, 1],
          [1, 1],
        ]),
        row('atMostOne', -Infinity, 1, [
          [0, 1],
          [1, 1],
        ]),
      ],
    };
    const res = await backend.solve(model, { timeLimitSec: 10 });
    expect(res.status).toBe('infeasible');
    expect(res.objective).toBeNull();
    expect(res.values.length).toBe(0);
  });

  it('reports unbounded models', async () => {
    const model: LinearModel = {
      sense: 'maximize',
      offset: 0,
      columns: [
        { name: 'x', lower: 0, upper: Infinity, cost: 1, integer: true },
        { name: 'y', lower: 0, upper: Infinity, cost: 0, integer: true },
      ],
      rows: [
        row('xy', -Infinity, 3, [
          [0, 1],
          [1, -1],
        ]),
      ],
    };
    const res = await backend.solve(model, { timeLimitSec: 10 });
    expect(res.status).toBe('unbounded');
  });

  it('rejects a malformed model with an error naming the row', async () => {
    const model: LinearModel = {
      sense: 'minimize',
      offset: 0,
      columns: [bin('a', 1)],
      rows: [row('broken', 0, 1, [[3, 1]])],
    };
    await expect(backend.solve(model, { timeLimitSec: 1 })).rejects.toThrow(LinearModelError);
    await expect(backend.solve(model, { timeLimitSec: 1 })).rejects.toThrow(/row 0 \("broken"\).*out of range/);
  });

  it('returns the best solution found when the time limit ends the solve', async () => {
    const model = hardMilp();
    // All zeros is feasible (every row is "at most"): HiGHS starts from it, so it has a solution to
    // return however little CPU a loaded machine gives it in 0.5 s; glpk ignores warm starts and
    // may be cut before its first one. No wall-clock assert: the limit shows in the status (the
    // model takes far longer than 0.5 s to prove optimal), timings belong in the benchmarks.
    const res = await backend.solve(model, {
      timeLimitSec: 0.5,
      mipGap: 0,
      initialSolution: model.columns.map(() => 0),
    });
    expect(res.status).not.toBe('optimal');
    if (name === 'highs') expect(res.status).toBe('feasible');
    if (res.status === 'feasible') {
      expect(solutionViolations(model, res.values)).toEqual([]);
      expect(objectiveOf(model, res.values)).toBeCloseTo(res.objective!, 6);
    }
  });
});

describe('highs backend specifics', () => {
  const highs = getBackend('highs');

  it('is the default backend and rejects unknown names', () => {
    expect(getBackend().name).toBe('highs');
    expect(() => getBackend('cplex')).toThrow(/Unknown solver backend "cplex"/);
  });

  it('stops at the cooperative stop callback and keeps the incumbent', async () => {
    const model = hardMilp();
    let polls = 0;
    let stoppedAt = 0;
    // Twenty polls in, the MIP is under way with an incumbent (its MIP callback polls): the stop
    // lands there as it did after 200 polls, 1.7 s of CPU sooner.
    const stop = () => {
      polls++;
      if (polls > 20 && stoppedAt === 0) stoppedAt = polls;
      return stoppedAt > 0;
    };
    // A limit the test never reaches: only the stop may end the solve, however loaded the machine.
    const res = await highs.solve(model, { timeLimitSec: 3600, mipGap: 0, stop });
    // The stop was honoured: the solve ended within a few polls of the first "stop" (no wall clock:
    // a loaded machine must not decide the test), not at the 30 s limit.
    expect(stoppedAt).toBeGreaterThan(0);
    expect(polls - stoppedAt).toBeLessThan(50);
    expect(['feasible', 'no_solution']).toContain(res.status);
    if (res.status === 'feasible') expect(solutionViolations(model, res.values)).toEqual([]);
  });

  it('reports progress and accepts a warm start', async () => {
    const model = knapsack();
    const progress: SolveProgress[] = [];
    const start = [1, 1, 0, 0, 0, 0];
    const res = await highs.solve(model, {
      timeLimitSec: 10,
      initialSolution: start,
      onProgress: (p) => progress.push(p),
    });
    expect(res.status).toBe('optimal');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.objective).toBe(res.objective);
  });

  it('stops a MIP at its node budget with its incumbent, the same way every time', async () => {
    const model = hardMilp(60, 30);
    // A time limit the test never reaches: only the budget may end the solve, however loaded the machine.
    const solve = () =>
      highs.solve(model, {
        timeLimitSec: 3600,
        mipGap: 0,
        initialSolution: model.columns.map(() => 0),
        workLimit: { nodes: 10 },
      });
    const res = await solve();
    expect(res.status).toBe('feasible');
    expect(res.stoppedBy).toBe('work');
    expect(res.work!.nodes).toBeGreaterThan(0);
    expect(res.work!.nodes).toBeLessThanOrEqual(10);
    expect(solutionViolations(model, res.values)).toEqual([]);
    expect(objectiveOf(model, res.values)).toBeCloseTo(res.objective!, 6);
    // A work budget is deterministic: the same model and budget stop at the same node and roster.
    const again = await solve();
    expect(again.work).toEqual(res.work);
    expect(again.objective).toBe(res.objective);
  });

  it('stops a MIP at its LP iteration budget, inside the root too, the same way every time', async () => {
    const model = hardMilp(60, 30);
    const solve = (workLimit: WorkLimit) =>
      highs.solve(model, { timeLimitSec: 3600, mipGap: 0, initialSolution: model.columns.map(() => 0), workLimit });
    // The root alone (its LP, cut loop and heuristics) takes more iterations than this: no node limit ends it there.
    const root = await solve({ nodes: 1 });
    const budget = Math.floor(root.work!.simplexIterations / 4);
    const res = await solve({ lpIterations: budget });
    expect(res.stoppedBy).toBe('work');
    expect(res.status).toBe('feasible');
    expect(res.work!.nodes).toBeLessThanOrEqual(1);
    expect(res.work!.simplexIterations).toBeGreaterThan(budget / 2);
    expect(res.work!.simplexIterations).toBeLessThan(root.work!.simplexIterations);
    expect(solutionViolations(model, res.values)).toEqual([]);
    const again = await solve({ lpIterations: budget });
    expect(again.work).toEqual(res.work);
    expect(again.objective).toBe(res.objective);
  });

  it('stops a MIP at the checkpoint nearest its LP iteration budget, not a whole stretch past it', async () => {
    const model = hardMilp(60, 30);
    const solve = (lpIterations: number) =>
      highs.solve(model, {
        timeLimitSec: 3600,
        mipGap: 0,
        initialSolution: model.columns.map(() => 0),
        workLimit: { lpIterations },
      });
    // The first checkpoint past the root LP's start: the root LP's iterations.
    const first = (await solve(1)).work!.simplexIterations;
    expect(first).toBeGreaterThan(1);
    // One iteration more than that is far nearer this checkpoint than any later one.
    const res = await solve(first + 1);
    expect(res.stoppedBy).toBe('work');
    expect(res.work!.simplexIterations).toBe(first);
  });

  it('checkpointBudget: stops where less than half the last stretch is left, else once the budget is spent', () => {
    // The whole MIP of a 28-day roster of 36 staff x 4 shifts: checkpoints at 0, 2 591 (the root
    // LP), 5 668 (the first cut round) LP iterations; a 3 709-iteration budget ran to 5 668.
    const spent = checkpointBudget(3709);
    expect(spent(0)).toBe(false);
    expect(spent(2591)).toBe(true);
    // Short stretches run on up to the budget, and stop there.
    const fine = checkpointBudget(1000);
    expect([0, 100, 200, 300, 400, 1000].map(fine)).toEqual([false, false, false, false, false, true]);
    expect([0, 100, 960].map(checkpointBudget(1000))).toEqual([false, false, true]);
    expect(checkpointBudget(0)(0)).toBe(true);
  });

  it('with afterFirstSolution, an LP iteration budget ends a MIP only once it has a solution', async () => {
    const model = marketSplit(24, 2);
    const solve = (workLimit: WorkLimit) => highs.solve(model, { timeLimitSec: 3600, workLimit });
    // A budget spent before the first solution ends the search with none...
    const cut = await solve({ lpIterations: 1 });
    expect(cut.status).toBe('no_solution');
    expect(cut.stoppedBy).toBe('work');
    // ...unless it waits for one: then the search goes on to its first (here the optimum), the same way every time.
    const res = await solve({ lpIterations: 1, afterFirstSolution: true });
    expect(['optimal', 'feasible']).toContain(res.status);
    expect(solutionViolations(model, res.values)).toEqual([]);
    expect(res.work!.simplexIterations).toBeGreaterThan(cut.work!.simplexIterations);
    const again = await solve({ lpIterations: 1, afterFirstSolution: true });
    expect(again.work).toEqual(res.work);
  });

  it('stops an LP at its simplex iteration budget and says so', async () => {
    const mip = hardMilp();
    const lp = { ...mip, columns: mip.columns.map((c) => ({ ...c, integer: false })) };
    const res = await highs.solve(lp, { timeLimitSec: 3600, workLimit: { simplexIterations: 3 } });
    expect(res.status).not.toBe('optimal');
    expect(res.stoppedBy).toBe('work');
    expect(res.work!.simplexIterations).toBeLessThanOrEqual(3);
    const full = await highs.solve(lp, { timeLimitSec: 3600, workLimit: { simplexIterations: 100_000 } });
    expect(full.status).toBe('optimal');
    expect(full.stoppedBy).toBeUndefined();
    expect(full.work!.simplexIterations).toBeGreaterThan(3);
  });

  it('solves an LP by the barrier, its duals bounding the optimum from below, and stops it at its budget', async () => {
    const mip = hardMilp();
    const lp = { ...mip, columns: mip.columns.map((c) => ({ ...c, integer: false })) };
    const simplex = await highs.solve(lp, { timeLimitSec: 3600 });
    const barrier = await highs.solve(lp, { timeLimitSec: 3600, lpMethod: 'barrier' });
    expect(barrier.status).toBe('optimal');
    expect(barrier.work!.barrierIterations).toBeGreaterThan(0);
    expect(barrier.work!.simplexIterations).toBe(0);
    const bound = dualBound(lp, barrier.rowDuals!);
    expect(bound).toBeLessThanOrEqual(simplex.objective! + 1e-9);
    expect(bound).toBeGreaterThan(simplex.objective! - 1e-6 * Math.abs(simplex.objective!));
    const cut = await highs.solve(lp, { timeLimitSec: 3600, lpMethod: 'barrier', workLimit: { barrierIterations: 2 } });
    expect(cut.status).not.toBe('optimal');
    expect(cut.stoppedBy).toBe('work');
    expect(cut.work!.barrierIterations).toBeLessThanOrEqual(2);
  });

  it('rejects a work budget that is not a whole number', async () => {
    await expect(highs.solve(knapsack(), { timeLimitSec: 1, workLimit: { nodes: 2.5 } })).rejects.toThrow(
      /workLimit.nodes must be a whole number, got 2.5/,
    );
  });

  it('rejects a warm start of the wrong length', async () => {
    await expect(highs.solve(knapsack(), { timeLimitSec: 1, initialSolution: [1, 0] })).rejects.toThrow(
      /initialSolution has 2 values/,
    );
  });
});

function bruteForceKnapsack(): number {
  const m = knapsack();
  let best = 0;
  for (let mask = 0; mask < 1 << m.columns.length; mask++) {
    let w = 0;
    let v = 0;
    m.columns.forEach((c, j) => {
      if (mask & (1 << j)) {
        w += m.rows[0].values[j];
        v += c.cost;
      }
    });
    if (w <= 15) best = Math.max(best, v);
  }
  return best;
}

function bruteForceAssignment(): number {
  const m = assignment();
  const perms = (a: number[]): number[][] =>
    a.length <= 1 ? [a] : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p]));
  return Math.min(...perms([0, 1, 2, 3]).map((p) => p.reduce((s, j, i) => s + m.columns[i * 4 + j].cost, 0)));
}

describe('dualBound', () => {
  const mip = hardMilp();
  const lp: LinearModel = { ...mip, columns: mip.columns.map((c) => ({ ...c, integer: false })) };

  it('bounds a minimizing LP from below at any duals and meets its optimum at the optimal ones', async () => {
    const opt = await getBackend('highs').solve(lp, { timeLimitSec: 3600 });
    expect(dualBound(lp, opt.rowDuals!)).toBeCloseTo(opt.objective!, 6);
    // Duals moved anywhere, signs the rows' open sides do not allow included: still below.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20; k++) {
      const moved = opt.rowDuals!.map((y) => y + (rnd() - 0.5) * 20);
      expect(dualBound(lp, moved)).toBeLessThanOrEqual(opt.objective! + 1e-9);
    }
    // No duals at all: every column at the bound its cost prefers.
    const free = lp.columns.reduce((z, c) => z + Math.min(c.cost * c.lower, c.cost * c.upper), 0);
    expect(dualBound(lp, new Float64Array(lp.rows.length))).toBe(free);
  });

  it('says what is wrong with a maximizing model or duals of another length', () => {
    expect(() => dualBound({ ...lp, sense: 'maximize' }, new Float64Array(lp.rows.length))).toThrow(
      /dualBound: the model must minimize/,
    );
    expect(() => dualBound(lp, [1, 2])).toThrow(/dualBound: 2 row duals for 60 rows/);
  });
});
