// Generation over several blocks in the model layer: a year run keeps what it generated when one
// block cannot be solved (marked, with its diagnosis), runs its blocks in chains side by side, and
// a calls run covers a range of blocks in one report; calls that are all locked are said to be
// locked (and can be released to the generator).
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { blocksForYear } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { SolverBackend } from '../../core/solver/backend';
import { getBackend } from '../../core/solver/backends';
import { runGeneration, type GenerationRequest } from '../../core/solver/models/generate';
import { runYear } from '../../core/solver/models/year';
import { joinRegExp } from '../regexp';

const YEAR = 2026;
const demo = () => generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });
const highs = getBackend('highs');
const block = (data: ProgramData, n: number) =>
  blocksForYear(YEAR, data.settings.blockLayout).find((b) => b.number === n)!;

describe('year run over blocks', () => {
  it('marks a block it cannot solve with its diagnosis and generates the others', async () => {
    const data = demo();
    // Nine residents locked into clinic on one afternoon of block 12: more than the clinic holds.
    const day = block(data, 12).start;
    const residents = data.people.filter((p) => p.kind === 'resident').slice(0, 9);
    data.assignments = data.assignments.filter(
      (a) => !(a.date === day && a.half === 'PM' && residents.some((r) => r.id === a.personId)),
    );
    for (const r of residents)
      data.assignments.push({
        personId: r.id,
        date: day,
        half: 'PM',
        activityCode: 'C',
        source: 'manual',
        locked: true,
      });
    const clinic = data.settings.rules.find((r) => r.type === 'clinic_capacity')!;
    clinic.params = { ...clinic.params, hard: 8 };

    const report = await runGeneration(highs, {
      scope: 'year',
      program: data,
      academicYear: YEAR,
      fromBlock: 11,
      timeLimitSec: 900,
    });
    expect(
      report.status,
      report.hardFindings
        .map((f) => f.message)
        .slice(0, 5)
        .join('; '),
    ).toBe('infeasible');
    expect(report.unsolvedBlocks).toHaveLength(1);
    expect(report.unsolvedBlocks[0]).toMatchObject({ blockNumber: 12, part: 'half-days' });
    expect(report.unsolvedBlocks[0].diagnosis?.summary).toMatch(
      /PM clinic, block 12: 9 are fixed to clinic but the clinic takes 8 — 9 residents by locked slots/,
    );
    expect(report.completedBlocks).toEqual([11, 13]);
    expect(report.rotationAssignments!.length).toBeGreaterThan(0);
    // Block 12 keeps its calls; its half-days are not in the report.
    expect(report.calls!.some((c) => c.date >= day && c.date <= block(data, 12).end)).toBe(true);
    expect(report.assignments!.some((a) => a.date >= day && a.date <= block(data, 12).end)).toBe(false);
    expect(report.message).toMatch(
      /1 block could not be generated and keeps its published schedule .*block 12 \(half-days\)/,
    );
  }, 600_000);

  it('runs the blocks in two chains side by side with the same rules checked once', async () => {
    const data = demo();
    const request: GenerationRequest = {
      scope: 'year',
      program: data,
      academicYear: YEAR,
      fromBlock: 10,
      timeLimitSec: 300,
    };
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const report = await runYear(
      request,
      async (sub, progress) => {
        started.push(`${sub.scope}:${sub.blockNumber ?? ''}`);
        most = Math.max(most, ++running);
        // Let the other chain's step start before this one solves (solves are synchronous).
        await new Promise((resolve) => setTimeout(resolve, 0));
        try {
          return await runGeneration(highs, sub, { progress });
        } finally {
          running--;
        }
      },
      { parallel: 2, hooks: {} },
    );
    expect(report.status, report.message).toBe('succeeded');
    expect(report.hardFindings).toEqual([]);
    expect(report.completedBlocks).toEqual([10, 11, 12, 13]);
    expect(most).toBe(2);
    // Chains [10, 11] and [12, 13]: 12's half-days start before 11's, which wait for them.
    expect(started.indexOf('halfday:12')).toBeLessThan(started.indexOf('halfday:11'));
    expect(started.filter((s) => s.startsWith('calls:'))).toEqual(['calls:10', 'calls:11', 'calls:12', 'calls:13']);
    expect(started[started.length - 1]).toBe('check:');
  }, 600_000);
});

describe('a year run out of time', () => {
  // A model that finds nothing in its time (as on a machine too loaded for the limit).
  const outOfTime: SolverBackend = {
    name: 'highs',
    solve: async (_model, options) => ({
      status: 'no_solution',
      objective: null,
      bound: null,
      gap: null,
      values: new Float64Array(0),
      elapsedSec: options.timeLimitSec,
      message: 'HiGHS model status: timeLimit',
    }),
  };

  it('says which block ran out of time, and why, instead of a bare "could not be generated"', async () => {
    const data = demo();
    // Block 12's half-day model finds nothing in its time; block 13 still runs.
    const report = await runYear(
      { scope: 'year', program: data, academicYear: YEAR, fromBlock: 12, timeLimitSec: 300 },
      (sub, progress) =>
        runGeneration(sub.scope === 'halfday' && sub.blockNumber === 12 ? outOfTime : highs, sub, { progress }),
      { parallel: 1, hooks: {} },
    );
    expect(report.completedBlocks).toEqual([13]);
    expect(report.unsolvedBlocks).toEqual([
      {
        blockNumber: 12,
        part: 'half-days',
        diagnosis: null,
        message: expect.stringMatching(
          joinRegExp(
            /^Half-day schedule, block 12 .*: no schedule found within \d+(\.\d)? s; /,
            /allow more time; its half-days stay as published$/,
          ),
        ),
      },
    ]);
    expect(report.message).toMatch(/block 12 \(half-days\): Half-day schedule, block 12 .* allow more time/);
  }, 600_000);

  it('keeps the quick construction’s plan when the rotation plan runs out of its share of the time', async () => {
    // Planned from scratch: the plan step keeps the quick construction's plan (keeping the current plan,
    // it returns that: test/unit/generate-year.test.ts), and the blocks go on from it.
    const report = await runYear(
      { scope: 'year', program: demo(), academicYear: YEAR, fromBlock: 11, timeLimitSec: 300, keepCurrentPlan: false },
      (sub, progress) => runGeneration(sub.scope === 'annual' ? outOfTime : highs, sub, { progress }),
      { parallel: 1, hooks: {} },
    );
    expect(report.status, report.message).toBe('succeeded');
    expect(report.completedBlocks).toEqual([11, 12, 13]);
    expect(report.message).toMatch(
      joinRegExp(
        /Annual rotation plan AY 2026–27: the solver found no better plan within its share of the run /,
        /\(\d+(\.\d)? s of solver work\); /,
        /this plan was built by the quick construction: it meets every hard rule/,
      ),
    );
    expect(report.message).not.toMatch(/HiGHS|timeLimit/);
  }, 600_000);
});

describe('calls over a range of blocks', () => {
  it('plans the calls of several blocks in one report, fair year to date', async () => {
    const data = demo();
    const report = await runGeneration(highs, {
      scope: 'calls',
      program: data,
      academicYear: YEAR,
      fromBlock: 12,
      toBlock: 13,
      timeLimitSec: 300,
    });
    expect(report.status, report.message).toBe('succeeded');
    expect(report.completedBlocks).toEqual([12, 13]);
    expect(report.range).toEqual({ start: block(data, 12).start, end: block(data, 13).end });
    for (const b of [12, 13])
      expect(
        report.calls!.some(
          (c) => c.date >= block(data, b).start && c.date <= block(data, b).end && c.source === 'solver',
        ),
      ).toBe(true);
    // No inpatient week runs past the academic year.
    expect(report.inpatientWeeks!.every((w) => w.end <= `${YEAR + 1}-06-30`)).toBe(true);
    expect(report.figures).toHaveLength(2);
  }, 600_000);

  it('says when every call is locked, and plans them once released', async () => {
    const data = demo();
    const b = block(data, 5);
    for (const c of data.calls) if (c.date >= b.start && c.date <= b.end) c.source = 'manual';
    const locked = await runGeneration(highs, { scope: 'calls', program: data, academicYear: YEAR, blockNumber: 5 });
    expect(locked.callCounts).toMatchObject({ decidedNights: 0, decidedWeeks: 0 });
    expect(locked.callCounts!.lockedCalls).toBeGreaterThan(0);
    expect(locked.message).toMatch(/^Nothing to generate: all \d+ calls from .* are locked/);
    const released = await runGeneration(highs, {
      scope: 'calls',
      program: data,
      academicYear: YEAR,
      blockNumber: 5,
      releaseLockedCalls: true,
      regenerateInpatientWeeks: true,
    });
    expect(released.status, released.message).toBe('succeeded');
    expect(released.callCounts!.decidedNights).toBeGreaterThan(0);
    expect(released.callCounts!.decidedWeeks).toBeGreaterThan(0);
    expect(released.calls!.filter((c) => c.callTypeCode === 'OC').every((c) => c.source === 'solver')).toBe(true);
  }, 600_000);
});
