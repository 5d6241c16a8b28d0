// Every scope on generated programs — two sizes, several seeds, the reference block calendar and
// the odd ones real programs have (a long first block instead of the short block 0; 13 blocks with
// no partial block; a leap year starting on the anchor weekday, so without block 0; a year starting
// on a Saturday) — through the generation service into drafts: each run gives a draft with zero
// hard findings or a diagnosis in domain words, never a storage message. The small cases run here
// (17 and 40 residents, one seed per calendar and year; about 25 s of CPU);
// `npm run bench:solve -- --sweep` runs the same checks at 100 and 150 residents with whole years.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweepCase, type SweepCase } from '../../bench/generation-sweep';
import { plural } from '../../core/domain/words';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { buildAppWorkers } from './generation-fixture';

const CASES: SweepCase[] = [
  {
    residents: 17,
    seed: 1,
    runs: [
      { scope: 'annual' },
      { scope: 'block', blockNumber: 2 },
      { scope: 'calls', fromBlock: 11, toBlock: 13 },
      { scope: 'block+calls', blockNumber: 4 },
      { scope: 'year', fromBlock: 12 },
    ],
  },
  {
    residents: 17,
    seed: 3,
    calendar: 'long first block',
    runs: [
      { scope: 'annual' },
      { scope: 'block+calls', blockNumber: 1, regenerateInpatientWeeks: true },
      { scope: 'calls', blockNumber: 13 },
      { scope: 'year', fromBlock: 12 },
    ],
  },
  {
    residents: 17,
    seed: 4,
    calendar: '13 blocks, no partial block',
    runs: [{ scope: 'annual' }, { scope: 'block', blockNumber: 13 }, { scope: 'year', fromBlock: 12 }],
  },
  { residents: 40, seed: 1, runs: [{ scope: 'annual' }, { scope: 'block+calls', blockNumber: 0 }] },
  {
    residents: 17,
    seed: 5,
    academicYear: 2027,
    runs: [{ scope: 'annual' }, { scope: 'block+calls', blockNumber: 1 }, { scope: 'year', fromBlock: 13 }],
  },
  { residents: 17, seed: 6, academicYear: 2028, runs: [{ scope: 'block+calls', blockNumber: 0 }] },
];

let workers: { dir: string; cleanup: () => void };
let pool: WorkerPool;
let dir: string;
beforeAll(async () => {
  workers = await buildAppWorkers();
  pool = createWorkerPool({ workerDir: workers.dir, maxThreads: 2, warm: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
}, 120_000);
afterAll(async () => {
  await pool?.close();
  workers?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('generation sweep', () => {
  for (const c of CASES) {
    const name =
      `${c.residents} residents, seed ${c.seed}, ` +
      `${c.calendar ?? 'reference calendar'}${c.academicYear ? `, AY ${c.academicYear}` : ''}`;
    it(`${name}: ${plural(c.runs.length, 'run')}, each a clean draft or a diagnosis in domain words`, async () => {
      const outcomes = await runSweepCase(pool, dir, c, 300);
      for (const o of outcomes)
        console.log(`sweep ${name}, ${o.run}: ${o.result.status} — ${o.result.message.slice(0, 160)}`);
      expect(outcomes.filter((o) => o.problem).map((o) => `${o.run}: ${o.problem}`)).toEqual([]);
      expect(outcomes.some((o) => o.result.draftId !== null)).toBe(true);
    }, 900_000);
  }
});
