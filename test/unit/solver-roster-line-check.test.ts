// The incremental line check (what the annealing walk uses move by move) must give exactly the
// violation staffViolation gives by reading the whole line, for every kind of move.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curtoisToRoster, parseCurtois } from '../../core/solver/curtois';
import { generateCurtoisInstance } from '../../core/solver/curtois/synthetic';
import { compileRoster, type RosterProblem } from '../../core/solver/roster';
import { LineCheck, staffViolation } from '../../core/solver/roster/line-check';
import type { CompiledRoster } from '../../core/solver/roster/problem';
import { createRng, type Rng } from '../../core/solver/roster/random';

const instance3 = () =>
  parseCurtois(readFileSync(resolve(__dirname, '../fixtures/curtois/Instance3.txt'), 'utf8'), 'Instance3.txt');

/** Instance3's rules plus day windows (max days and minutes) on every other staff member. */
function withWindows(p: RosterProblem): RosterProblem {
  return {
    ...p,
    staff: p.staff.map((st, s) =>
      s % 2 === 0
        ? {
            ...st,
            windows: [
              { from: 2, to: 6, maxDays: 3 },
              { from: 5, to: 12, maxMinutes: 2400 },
            ],
          }
        : st,
    ),
  };
}

/** A random value for a cell: off, or a shift the cell allows. */
function randomValue(c: CompiledRoster, rng: Rng, s: number, d: number): number {
  const t = rng.int(c.T + 1) - 1;
  return t >= 0 && c.allowed[(s * c.D + d) * c.T + t] ? t : -1;
}

/** Random moves of the walk's four kinds; each measured, then kept or undone at random. */
function checkMoves(c: CompiledRoster, rng: Rng, moves: number): { kept: number; broken: number } {
  // Mostly-working lines (long runs, many weekends) and sparse ones, so every rule is crossed.
  const grid = Array.from({ length: c.S }, (_, s) =>
    Int16Array.from({ length: c.D }, (_, d) =>
      rng.next() < (s % 3 === 0 ? 0.85 : 0.4) ? randomValue(c, rng, s, d) : -1,
    ),
  );
  const lines = new LineCheck(c, grid);
  const scratch = new Int32Array(c.T);
  const full = (s: number) => staffViolation(c, s, grid[s], scratch);
  let kept = 0;
  let broken = 0;
  for (let m = 0; m < moves; m++) {
    const kind = rng.int(4);
    const s = rng.int(c.S);
    const changes: [number, number, number][] = [];
    let touched: [number, number, number, number, number][];
    if (kind === 0) {
      const d = rng.int(c.D);
      changes.push([s, d, randomValue(c, rng, s, d)]);
      touched = [[s, d, d, -1, -1]];
    } else if (kind === 1) {
      // Two days of one line, often close together (their runs meet) or the same day.
      const d1 = rng.int(c.D);
      const d2 = rng.next() < 0.5 ? Math.min(c.D - 1, Math.max(0, d1 + rng.int(7) - 3)) : rng.int(c.D);
      changes.push([s, d1, grid[s][d2]], [s, d2, grid[s][d1]]);
      touched = [[s, d1, d1, d2, d2]];
    } else if (kind === 2) {
      // Two ranges of several days (weekend swaps), anywhere, overlapping or not.
      const a = rng.int(c.D - 2);
      const b = rng.int(c.D - 2);
      for (const d of [a, a + 1, a + 2, b, b + 1, b + 2]) changes.push([s, d, randomValue(c, rng, s, d)]);
      touched = [[s, a, a + 2, b, b + 2]];
    } else {
      // A run of days swapped between two lines.
      const s2 = (s + 1 + rng.int(c.S - 1)) % c.S;
      const len = 1 + rng.int(7);
      const from = rng.int(c.D - len + 1);
      for (let d = from; d < from + len; d++) changes.push([s, d, grid[s2][d]], [s2, d, grid[s][d]]);
      touched = [
        [s, from, from + len - 1, -1, -1],
        [s2, from, from + len - 1, -1, -1],
      ];
    }
    touched.forEach(([ts, f, t, f2, t2], slot) => lines.begin(slot, ts, f, t, f2, t2));
    const before = changes.map(([cs, d]) => grid[cs][d]);
    for (const [cs, d, v] of changes) grid[cs][d] = v;
    touched.forEach(([ts], slot) => expect(lines.end(slot)).toBe(full(ts)));
    if (rng.next() < 0.5) {
      touched.forEach((_, slot) => lines.commit(slot));
      kept++;
    } else {
      for (let i = changes.length - 1; i >= 0; i--) grid[changes[i][0]][changes[i][1]] = before[i];
    }
    for (const [ts] of touched) expect(lines.violation[ts]).toBe(full(ts));
    if (touched.some(([ts]) => lines.violation[ts] > 0)) broken++;
  }
  for (let s = 0; s < c.S; s++) expect(lines.violation[s]).toBe(full(s));
  return { kept, broken };
}

describe('incremental line check', () => {
  it('equals the whole-line check after every move on published, generated and windowed rules', () => {
    const rules = [
      curtoisToRoster(instance3()),
      curtoisToRoster(generateCurtoisInstance({ days: 56, staff: 12, shifts: 4, seed: 5 })),
      withWindows(curtoisToRoster(instance3())),
    ];
    for (const [i, p] of rules.entries()) {
      const c = compileRoster(p);
      const { kept, broken } = checkMoves(c, createRng(20 + i), 4000);
      // Both kept and undone moves, on lines that break rules, were exercised.
      expect(kept).toBeGreaterThan(1000);
      expect(broken).toBeGreaterThan(1000);
    }
  });
});
