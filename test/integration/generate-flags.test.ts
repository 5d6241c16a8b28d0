// A generated draft's flags come from the check the job made of its result: the compliance engine
// runs once per generation (in the job; the annual plan's too), not again after it. Counted on the pool's tasks: no
// 'check' task follows the job, the year's one check is its 'check' step. The stored flags are
// those a check of the draft as stored gives.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { checkInPool } from '../../core/services/compliance';
import { validateDraft, type DraftValidation } from '../../core/services/drafts';
import type { Program } from '../../core/services/program';
import { createGenerationRunner, type GenerationParams, type GenerationResult } from '../../core/services/generate';
import { poolAndProgram, YEAR } from './generation-fixture';

const env = poolAndProgram();

/** The pool, counting the tasks it runs: 'check' tasks, and 'solve' tasks by scope. */
function counting(pool: WorkerPool) {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const counted = new Proxy(pool, {
    get(target, key) {
      if (key !== 'run') return Reflect.get(target, key);
      return (task: string, input: { scope?: string }, options: unknown) => {
        add(task === 'solve' ? `solve:${input.scope}` : task);
        return (target.run as (t: string, i: unknown, o: unknown) => Promise<unknown>)(task, input, options);
      };
    },
  });
  return { pool: counted as WorkerPool, count: (key: string) => counts.get(key) ?? 0 };
}

/** The flags kept on a draft (its stored validation), as the publish gate reads them. */
async function storedFlags(program: Program, draftId: number) {
  const { rows } = await sql<{
    validation: string | null;
  }>`SELECT validation FROM drafts WHERE id = ${draftId}`.execute(program.db);
  const row = rows[0];
  expect(row.validation, 'the draft has stored flags').not.toBeNull();
  return JSON.parse(row.validation!) as DraftValidation;
}

async function generate(params: Partial<GenerationParams>) {
  const program = await env.fixture.copy();
  const { pool, count } = counting(env.pool);
  const jobs = new JobService(pool);
  const runner = createGenerationRunner({ jobs });
  const { jobId } = await runner.start(program, 'tester', {
    scope: 'block+calls',
    academicYear: YEAR,
    blockNumber: null,
    timeLimitSec: 120,
    backend: 'highs',
    ...params,
  } as GenerationParams);
  const done = await jobs.wait(jobId);
  expect(await runner.idle()).toEqual([]);
  return { program, jobs, count, done, result: done.result as GenerationResult };
}

type Flags = { added: { id: string; message: string }[]; removed: { id: string }[] };
/** The draft's stored flags are those a check of the draft as stored finds. */
function expectSameFlags(stored: Flags, again: Flags) {
  const ids = (v: Flags) => v.added.map((f) => `${f.id} ${f.message}`).sort();
  expect(ids(stored)).toEqual(ids(again));
  expect(stored.removed.map((f) => f.id).sort()).toEqual(again.removed.map((f) => f.id).sort());
}

describe('a generated draft’s flags', () => {
  it('block+calls: checked once, in the job; the flags are those of a check of the stored draft', async () => {
    const { program, jobs, count, done, result } = await generate({ blockNumber: 3 });
    try {
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.draftId).not.toBeNull();
      // No check after the job: the flags were stored with the job's result.
      expect(count('check')).toBe(0);
      expect(count('solve:block')).toBe(1);
      expect(result.flags).not.toBeNull();
      const ctx = { program, actor: 'tester' };
      const stored = await storedFlags(program, result.draftId!);
      expect(stored.added.length).toBe(result.flags!.count);
      expect(stored.unresolved).toBe(result.flags!.unresolved);
      // A check of the draft as stored (the app's 'check' task) finds the same flags.
      const again = await validateDraft({ ...ctx, check: checkInPool(jobs, 'range start') }, result.draftId!);
      expect(count('check')).toBe(1);
      expectSameFlags(stored, again);
    } finally {
      await program.close();
    }
  }, 240_000);

  it('annual: one check, in the job, of every rule (the plan rules decide); its flags match a check', async () => {
    const { program, jobs, count, done, result } = await generate({ scope: 'annual' });
    try {
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.status, result.message).toBe('succeeded');
      expect(result.draftId).not.toBeNull();
      expect(count('solve:annual')).toBe(1);
      // No check of the plan's draft after the job: the job's check was of every rule.
      expect(count('check')).toBe(0);
      expect(result.flags).not.toBeNull();
      const stored = await storedFlags(program, result.draftId!);
      expect(stored.added.length).toBe(result.flags!.count);
      const again = await validateDraft(
        { program, actor: 'tester', check: checkInPool(jobs, 'range start') },
        result.draftId!,
      );
      expectSameFlags(stored, again);
    } finally {
      await program.close();
    }
  }, 240_000);

  it('year: the one check is the run’s check step, and the draft is not checked again', async () => {
    const { program, count, done, result } = await generate({ scope: 'year', fromBlock: 12 });
    try {
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect(result.status, result.message).toBe('succeeded');
      expect(count('solve:check')).toBe(1);
      expect(count('check')).toBe(0);
      expect(result.flags).not.toBeNull();
      const stored = await storedFlags(program, result.draftId!);
      expect(stored.added.length).toBe(result.flags!.count);
    } finally {
      await program.close();
    }
  }, 240_000);
});
