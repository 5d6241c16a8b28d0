// The generation sweep (issue 12): every scope on generated programs of several sizes, seeds and
// block calendars, run the way a user runs them — the generation service on a program file, the
// solve worker, a draft — and one verdict for each run: a draft with zero hard findings, or a
// diagnosis in domain words; never a storage message (a refused draft, an SQLite error). The CI
// test (test/integration/generation-sweep.test.ts) runs the small cases; `npm run bench:solve --
// --sweep` the same checks at every size.
import fs from 'node:fs';
import path from 'node:path';
import { generateProgram, residentsPerPgyFor } from '../core/demo/generate';
import type { AcademicYearId, BlockLayout } from '../core/domain/types';
import type { WorkerPool } from '../core/jobs/pool';
import { JobService } from '../core/jobs/service';
import { createGenerationRunner, type GenerationParams, type GenerationResult } from '../core/services/generate';
import { openProgram, writeProgramData } from '../core/services/program';

/** The default academic year: July 1, 2026 is a Wednesday, so the reference calendar has a one-day block 0. */
export const SWEEP_YEAR = 2026;

/** Block calendars real programs have besides the anchored reference one. */
export const ODD_CALENDARS: Record<string, BlockLayout> = {
  'long first block': { anchorWeekday: null, blockLengthDays: 28, blockCount: 13, firstBlockDays: 30 },
  '13 blocks, no partial block': { anchorWeekday: null, blockLengthDays: 28, blockCount: 13 },
};

export type SweepRun = Pick<GenerationParams, 'scope'> &
  Partial<Pick<GenerationParams, 'blockNumber' | 'fromBlock' | 'toBlock' | 'regenerateInpatientWeeks'>>;

export interface SweepCase {
  residents: number;
  seed: number;
  /** Name of an odd calendar, or the reference layout. */
  calendar?: keyof typeof ODD_CALENDARS;
  /**
   * Academic year (default SWEEP_YEAR). Others start on other weekdays: 2027 on a Thursday (the
   * reference calendar's anchor: no block 0) and holds Feb 29, 2028; 2028 on a Saturday (block 0 of five days).
   */
  academicYear?: AcademicYearId;
  runs: SweepRun[];
}

export interface SweepOutcome {
  run: string;
  result: GenerationResult;
  /** What is wrong with the outcome, or null when it is a clean draft or a domain-words diagnosis. */
  problem: string | null;
}

/** Words a storage layer uses and a coordinator should never read. */
const STORAGE_WORDS = /rotations\[\d+\]|cells\[\d+\]|SQLITE|constraint failed|FOREIGN KEY|Draft change rejected/;

/** The verdict on one run (see the file's head). */
export function sweepProblem(result: GenerationResult): string | null {
  const said = [
    result.message,
    result.diagnosis?.summary ?? '',
    ...result.unsolvedBlocks.map((u) => u.diagnosis?.summary ?? ''),
  ].join(' ');
  if (STORAGE_WORDS.test(said)) return `storage words reached the user: ${said}`;
  if (result.hardFindings.length > 0)
    return `${result.hardFindings.length} hard finding(s), e.g. ${result.hardFindings[0].message}`;
  if (result.status === 'succeeded')
    return result.draftId !== null || result.calls?.allLocked || result.unchanged ? null : 'succeeded without a draft';
  if (result.status === 'infeasible') {
    const diagnoses =
      result.unsolvedBlocks.length > 0 ? result.unsolvedBlocks.map((u) => u.diagnosis) : [result.diagnosis];
    return diagnoses.every((d) => d && d.status === 'relaxed' && d.relaxations.length > 0)
      ? null
      : `infeasible without a diagnosis: ${result.message}`;
  }
  return `${result.status}: ${result.message}`;
}

export function describeRun(run: SweepRun): string {
  const where =
    run.blockNumber != null
      ? ` block ${run.blockNumber}`
      : run.fromBlock != null
        ? ` from block ${run.fromBlock}${run.toBlock != null ? ` to ${run.toBlock}` : ''}`
        : '';
  return `${run.scope}${where}`;
}

/** Runs every run of a case on a fresh program file in `dir`, through the generation service. */
export async function runSweepCase(
  pool: WorkerPool,
  dir: string,
  c: SweepCase,
  timeLimitSec: number,
): Promise<SweepOutcome[]> {
  const academicYear = c.academicYear ?? SWEEP_YEAR;
  const data = generateProgram({
    seed: c.seed,
    academicYear,
    residentsPerPgy: residentsPerPgyFor(c.residents),
    ...(c.calendar ? { blockLayout: ODD_CALENDARS[c.calendar] } : {}),
  });
  const file = path.join(
    dir,
    `sweep-${c.residents}-${c.seed}-${academicYear}-${c.calendar ?? 'reference'}.sqlite`.replace(/[^\w.-]+/g, '_'),
  );
  fs.rmSync(file, { force: true });
  const program = await openProgram(file, { create: true });
  const jobs = new JobService(pool);
  const runner = createGenerationRunner({ jobs });
  const out: SweepOutcome[] = [];
  try {
    await writeProgramData(program, data, 'sweep');
    for (const run of c.runs) {
      const { jobId } = await runner.start(program, 'sweep', {
        blockNumber: null,
        fromBlock: null,
        toBlock: null,
        ...run,
        academicYear,
        timeLimitSec,
        backend: 'highs',
      });
      const done = await jobs.wait(jobId);
      await runner.idle();
      const result = done.result as GenerationResult | null;
      if (!result)
        throw new Error(`${describeRun(run)}: the job ended ${done.state} without a result: ${done.error ?? ''}`);
      out.push({ run: describeRun(run), result, problem: sweepProblem(result) });
    }
  } finally {
    jobs.cancelAll();
    await program.close();
    fs.rmSync(file, { force: true });
  }
  return out;
}
