// The whole-year scope in the model layer: a stop while the plan is being solved keeps the plan
// (only it), a stop between blocks keeps the finished blocks, and an unknown first block is
// refused by name. Through the worker pool and into a draft: test/integration/generate-year.test.ts.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { blocksForYear } from '../../core/domain/calendar';
import { getBackend } from '../../core/solver/backends';
import { emptyReport, runGeneration, type GenerationRequest } from '../../core/solver/models/generate';
import { runYear } from '../../core/solver/models/year';

const YEAR = 2026;
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });

describe('year scope', () => {
  it('stopped while the plan is solved: the plan only, and it says so', async () => {
    let stop = false;
    const report = await runGeneration(
      getBackend('highs'),
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 11, timeLimitSec: 60 },
      {
        stop: () => stop,
        progress: (p) => {
          if (p.phase.startsWith('Rotation plan') && p.objective !== null) stop = true;
        },
      },
    );
    expect(report.status).toBe('stopped');
    expect(report.completedBlocks).toEqual([]);
    expect(report.rotationAssignments!.length).toBeGreaterThan(0);
    expect(Math.min(...report.rotationAssignments!.map((a) => a.blockNumber))).toBe(11);
    expect(report.calls).toBeNull();
    expect(report.assignments).toBeNull();
    expect(report.figures).toHaveLength(1);
    expect(report.message).toMatch(
      /only the rotation plan was generated.*blocks 11–13 still follow the published schedule/,
    );
  });

  it('stopped between blocks: the plan and the finished blocks, with the range they cover', async () => {
    let stop = false;
    const report = await runGeneration(
      getBackend('highs'),
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 11, timeLimitSec: 60 },
      {
        stop: () => stop,
        progress: (p) => {
          if (p.phase.startsWith('Block 12 of 13')) stop = true;
        },
      },
    );
    expect(report.status).toBe('stopped');
    // Block 12 was stopped in its calls, so only block 11 is complete.
    expect(report.completedBlocks).toEqual([11]);
    const block11 = blocksForYear(YEAR, demo().settings.blockLayout).find((b) => b.number === 11)!;
    expect(report.range).toEqual({ start: block11.start, end: block11.end });
    expect(report.assignments!.every((a) => a.date >= report.range.start && a.date <= report.range.end)).toBe(true);
    expect(report.calls!.every((c) => c.date <= report.range.end)).toBe(true);
    expect(report.message).toMatch(/the rotation plan and block 11 were generated; blocks 12 and 13 were not/);
  });

  it('the plan out of time (under load): the year goes on from the current plan', async () => {
    const program = demo();
    const backend = getBackend('highs');
    // The plan's share of the run is (almost) nothing; the blocks get theirs.
    const report = await runYear(
      { scope: 'year', program, academicYear: YEAR, fromBlock: 13, timeLimitSec: 120 },
      (sub, progress) =>
        runGeneration(backend, sub.scope === 'annual' ? { ...sub, timeLimitSec: 0.001 } : sub, { progress }),
      { parallel: 1, hooks: {} },
    );
    expect(report.status, report.message).toBe('succeeded');
    expect(report.completedBlocks).toEqual([13]);
    const key = (a: { personId: string; part: string; rotationId: string }) =>
      `${a.personId}|${a.part}|${a.rotationId}`;
    const current = program.rotationAssignments.filter((a) => a.blockNumber === 13).map(key);
    expect(report.rotationAssignments!.map(key).sort()).toEqual(current.sort());
    expect(report.assignments!.length).toBeGreaterThan(0);
  });

  it('keeps the final check’s share of the limit back from the steps', async () => {
    const program = demo();
    const limits: { scope: string; sec: number }[] = [];
    // Steps that answer at once: each step's limit is its share of the whole run's.
    const answer = (sub: GenerationRequest) => {
      limits.push({ scope: sub.scope, sec: sub.timeLimitSec! });
      const report = {
        ...emptyReport(sub.scope, { start: '2026-07-01', end: '2027-06-30' }),
        status: 'succeeded' as const,
      };
      if (sub.scope === 'annual') return { ...report, rotationAssignments: program.rotationAssignments };
      if (sub.scope === 'calls')
        return {
          ...report,
          calls: [],
          inpatientWeeks: [],
          fairness: [],
          callCounts: { decidedNights: 0, decidedWeeks: 0, lockedCalls: 0 },
        };
      if (sub.scope === 'halfday') return { ...report, assignments: [], personIds: [] };
      return report;
    };
    for (const parallel of [1, 2]) {
      limits.length = 0;
      const report = await runYear(
        { scope: 'year', program, academicYear: YEAR, fromBlock: 12, timeLimitSec: 60 },
        async (sub) => answer(sub),
        { parallel, hooks: {} },
      );
      expect(report.status, report.message).toBe('succeeded');
      expect(limits.at(-1)!.scope).toBe('check');
      // The last step leaves the check (which runs alone, unstopped) more time than it takes itself.
      const last = limits.at(-2)!;
      expect(last.scope).toBe('halfday');
      expect(last.sec, `parallel ${parallel}`).toBeLessThan(60 / 2);
    }
  });

  it('refuses a first block the year does not have', async () => {
    await expect(
      runGeneration(getBackend('highs'), { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 20 }),
    ).rejects.toThrow('Block 20 does not exist in academic year 2026 (blocks 0–13)');
  });
});
