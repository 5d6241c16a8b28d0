// The whole-year scope end to end through the worker pool: the rotation plan, then every block's
// calls and half-days from `fromBlock` on, each built on what was generated before it, all in ONE
// draft — nothing before `fromBlock` touched, checked by the compliance engine (no hard finding,
// no slot that no longer matches its rotation). A stop mid-run keeps the plan and the finished
// blocks in a draft that says it is incomplete; a first block that does not exist is refused and
// nothing is written. Every check reads the database, not the report.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { blocksForYear } from '../../core/domain/calendar';
import { JobService } from '../../core/jobs/service';
import { complianceInput, validate } from '../../core/rules';
import { compareDraft, getDraft } from '../../core/services/drafts';
import { applyDiffToProgram } from '../../core/services/drafts/overlay-program';
import { createGenerationRunner, type GenerationResult } from '../../core/services/generate';
import { getGenerationRun } from '../../core/services/generation-runs';
import { loadProgramData, type Program } from '../../core/services/program';
import {
  draftRows,
  missingPartsFlag,
  poolAndProgram,
  RecordingJobService,
  tableCounts,
  until,
  YEAR,
} from './generation-fixture';

const env = poolAndProgram();

const blocks = () => blocksForYear(YEAR, env.fixture.data.settings.blockLayout);

/** Plan blocks the draft changes, read from its table. */
async function draftPlanBlocks(program: Program, draftId: number): Promise<number[]> {
  const { rows } = await sql<{ block_number: number }>`SELECT DISTINCT block_number FROM draft_rotation_changes
    WHERE draft_id = ${draftId} ORDER BY block_number`.execute(program.db);
  return rows.map((r) => r.block_number);
}

describe('whole-year generation', () => {
  it('puts the plan and every block from fromBlock on into one draft that passes the rule check', async () => {
    const program = await env.fixture.copy();
    try {
      const jobs = new RecordingJobService(env.pool);
      const runner = createGenerationRunner({ jobs });
      const from = 10;
      const all = blocks();
      const first = all.find((b) => b.number === from)!;
      const generated = all.filter((b) => b.number >= from);
      const t0 = performance.now();
      const { jobId } = await runner.start(program, 'tester', {
        scope: 'year',
        academicYear: YEAR,
        blockNumber: null,
        fromBlock: from,
        keepCurrentPlan: false,
        timeLimitSec: 120,
        backend: 'highs',
      });
      const done = await jobs.wait(jobId);
      const phases = jobs.phases;
      const result = done.result as GenerationResult;
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.status, result.message).toBe('succeeded');
      expect(result.hardFindings).toEqual([]);
      expect(result.fromBlock).toBe(from);
      expect(result.completedBlocks).toEqual(generated.map((b) => b.number));
      expect(result.draftName).toMatch(/^Generated year AY 2026–27 from block 10/);
      expect(await runner.idle()).toEqual([]);
      // The phases name the block being solved.
      expect([...phases].some((p) => p.startsWith(`Block 12 of 13: Solving: Half-day schedule, block 12`))).toBe(true);
      // Each once: a call step's phase was 'Block 12 of 13: Block 12 of 12: Solving: Call and inpatient weeks …'.
      expect([...phases].filter((p) => /^Block \d+ of \d+: Block/.test(p))).toEqual([]);
      expect([...phases].some((p) => p.startsWith('Block 12 of 13: Solving: Call and inpatient weeks'))).toBe(true);
      console.log(
        `year from block ${from} (17 residents): ${((performance.now() - t0) / 1000).toFixed(2)} s end to end, ` +
          `${result.figures.models.length} models`,
      );

      // The run record: every model's figures (1 + 2 per block) and the first block.
      const run = await getGenerationRun(program.db, result.runId);
      expect(run.scope).toBe('year');
      expect(run.fromBlock).toBe(from);
      expect(run.blockNumber).toBeNull();
      expect(run.figures.models.map((m) => m.model)).toEqual([
        expect.stringMatching(/^Annual rotation plan/),
        ...generated.flatMap((b) => [
          expect.stringMatching(/^Call and inpatient weeks/),
          expect.stringMatching(new RegExp(`^Half-day schedule, block ${b.number} `)),
        ]),
      ]);

      // The draft (a fresh plan: keepCurrentPlan false): plan changes from `from` on only; calls and half-days in every
      // generated block, nothing before.
      const rows = await draftRows(program, result.draftId!);
      const planBlocks = await draftPlanBlocks(program, result.draftId!);
      expect(planBlocks.length).toBeGreaterThan(0);
      expect(Math.min(...planBlocks)).toBeGreaterThanOrEqual(from);
      expect(rows.cells.every((c) => c.date >= first.start)).toBe(true);
      expect(rows.calls.every((c) => c.date >= first.start)).toBe(true);
      expect(rows.weeks.every((w) => (w.end ?? w.start) >= first.start)).toBe(true);
      for (const b of generated) {
        const inBlock = (d: string) => d >= b.start && d <= b.end;
        expect(
          rows.cells.some((c) => inBlock(c.date)),
          `half-days of block ${b.number}`,
        ).toBe(true);
        expect(
          rows.calls.some((c) => inBlock(c.date)),
          `calls of block ${b.number}`,
        ).toBe(true);
      }

      // The compliance engine on the program as the draft would publish it: nothing hard the
      // published schedule did not have, and no slot that no longer matches its rotation.
      const published = await loadProgramData(program);
      const comparison = await compareDraft({ program, actor: 'tester' }, { draftId: result.draftId! });
      const merged = applyDiffToProgram(published, comparison.diff);
      const range = { start: first.start, end: all[all.length - 1].end };
      const hard = (f: { severity: string }) => f.severity === 'critical' || f.severity === 'high';
      const before = new Map(
        validate(complianceInput(published, range))
          .filter(hard)
          .map((f) => [f.id, f.measured]),
      );
      const findings = validate(complianceInput(merged, range));
      expect(
        findings
          .filter((f) => hard(f) && before.get(f.id) !== f.measured && f.ruleType !== 'certification_expired')
          .map((f) => f.message),
      ).toEqual([]);
      expect(findings.filter((f) => /instead of/.test(f.message)).map((f) => f.message)).toEqual([]);
    } finally {
      await program.close();
    }
  }, 180_000);

  it('a stop mid-run keeps the plan and the finished blocks in a draft that says it is incomplete', async () => {
    const program = await env.fixture.copy();
    try {
      const jobs = new JobService(env.pool);
      const runner = createGenerationRunner({ jobs });
      const from = 9;
      const { jobId } = await runner.start(program, 'tester', {
        scope: 'year',
        academicYear: YEAR,
        blockNumber: null,
        fromBlock: from,
        keepCurrentPlan: false,
        timeLimitSec: 120,
        backend: 'highs',
      });
      // Stop as soon as block 11 is being solved.
      await until(
        () => jobs.status(jobId).phase.startsWith('Block 11 of 13') || jobs.status(jobId).state !== 'running',
        120_000,
        'block 11',
      );
      runner.stop(jobId);
      const done = await jobs.wait(jobId);
      const result = done.result as GenerationResult;
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.status).toBe('stopped');
      expect(result.stoppedBy).toBe('user');
      const completed = result.completedBlocks!;
      // Blocks 9 and 10 are finished; block 11 only if its half-days were already being solved.
      expect(completed.slice(0, 2)).toEqual([9, 10]);
      expect(completed.length).toBeLessThanOrEqual(3);
      const lastDone = completed[completed.length - 1];
      expect(result.draftName).toMatch(
        new RegExp(
          `^Generated year AY 2026–27 from block 9 \\(incomplete, up to block ${lastDone}; stopped by [^)]+\\)`,
        ),
      );
      const draft = await getDraft({ program, actor: 'tester' }, result.draftId!);
      expect(draft.note).toMatch(
        new RegExp(`INCOMPLETE \\(incomplete, up to block ${lastDone}\\).*blocks ${lastDone + 1}–13 were not`),
      );
      // The plan of the whole rest of the year; calls and half-days only of the finished blocks.
      const end = blocks().find((b) => b.number === lastDone)!.end;
      const rows = await draftRows(program, result.draftId!);
      expect(Math.min(...(await draftPlanBlocks(program, result.draftId!)))).toBeGreaterThanOrEqual(from);
      expect(Math.max(...(await draftPlanBlocks(program, result.draftId!)))).toBeGreaterThan(lastDone);
      expect(rows.cells.length).toBeGreaterThan(0);
      expect(rows.cells.every((c) => c.date <= end)).toBe(true);
      expect(rows.calls.every((c) => c.date <= end)).toBe(true);
      expect(await runner.idle()).toEqual([]);
    } finally {
      await program.close();
    }
  }, 180_000);

  it('a year that only had time for its rotation plan keeps the plan, the blocks marked missing', async () => {
    const program = await env.fixture.copy();
    try {
      const jobs = new JobService(env.pool);
      let jobId = '';
      let late = false;
      // The run's clock jumps an hour once the plan is being solved: when the plan is done, the
      // time for the blocks is gone (no wall-clock wait).
      const now = () => {
        late ||= jobId !== '' && jobs.status(jobId).phase.startsWith('Rotation plan');
        return new Date(Date.now() + (late ? 3_600_000 : 0));
      };
      const runner = createGenerationRunner({ jobs, now });
      ({ jobId } = await runner.start(program, 'tester', {
        scope: 'year',
        academicYear: YEAR,
        blockNumber: null,
        fromBlock: 12,
        keepCurrentPlan: false,
        timeLimitSec: 600,
        backend: 'highs',
      }));
      const done = await jobs.wait(jobId);
      const result = done.result as GenerationResult;
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.status, result.message).toBe('stopped');
      expect(result.message).toMatch(
        /Out of time \(the run's limit is 600 s\) after the rotation plan: only the rotation plan/,
      );
      expect(result.completedBlocks).toEqual([]);
      expect(result.draftId).not.toBeNull();
      expect(result.draftName).toMatch(/incomplete, rotation plan only/);
      expect(result.missing.map((m) => m.what)).toEqual(['the calls and half-days of blocks 12–13']);
      // The draft holds the plan of blocks 12 and 13, and no half-day or call.
      expect(await draftPlanBlocks(program, result.draftId!)).toEqual([12, 13]);
      const rows = await draftRows(program, result.draftId!);
      expect(rows.cells).toEqual([]);
      expect(rows.calls).toEqual([]);
      // Publishing is blocked by a flag per missing part until it is acknowledged.
      expect(await runner.idle()).toEqual([]);
      const { flag } = await missingPartsFlag({ program, actor: 'tester' }, result);
      expect(flag.message).toMatch(/blocks 12–13/);
    } finally {
      await program.close();
    }
  }, 180_000);

  it('refuses a first block that does not exist, with a clear message, and writes nothing', async () => {
    const program = await env.fixture.copy();
    try {
      const runner = createGenerationRunner({ jobs: new JobService(env.pool) });
      const before = await tableCounts(program);
      await expect(
        runner.start(program, 'tester', {
          scope: 'year',
          academicYear: YEAR,
          blockNumber: null,
          fromBlock: 14,
          timeLimitSec: 60,
          backend: 'highs',
        }),
      ).rejects.toThrow('First block 14 does not exist in academic year 2026 (blocks 0–13)');
      await expect(
        runner.start(program, 'tester', {
          scope: 'year',
          academicYear: YEAR,
          blockNumber: 3,
          timeLimitSec: 60,
          backend: 'highs',
        }),
      ).rejects.toThrow(/give fromBlock, not a block number/);
      await expect(
        runner.start(program, 'tester', {
          scope: 'block',
          academicYear: YEAR,
          blockNumber: 3,
          fromBlock: 2,
          timeLimitSec: 60,
          backend: 'highs',
        }),
      ).rejects.toThrow(/only with the year scope/);
      expect(await tableCounts(program)).toEqual(before);
    } finally {
      await program.close();
    }
  });
});
