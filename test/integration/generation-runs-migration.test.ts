// Migrations 0006 and 0018 rebuild generation_runs (the whole-year scope; call ranges, options and
// unsolved blocks): a v5 program file keeps every
// recorded run as it was (and the ids go on from it), and the new table takes 'year' runs with
// their first block while its checks still refuse what they refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import { openDatabase } from '../../core/db/open';
import { listGenerationRuns } from '../../core/services/generation-runs';
import { openProgram } from '../../core/services/program';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const FIGURES = JSON.stringify({
  variables: 1,
  integers: 1,
  rows: 1,
  nonzeros: 1,
  timeToFirstFeasibleSec: null,
  timeToOptimalSec: null,
  gap: null,
  objective: null,
  findings: 0,
  hardFindings: 0,
  elapsedSec: 1,
  models: [],
});
/** generation_runs' columns as version 5 had them (migration 0006 adds from_block after block_number). */
const V5_COLUMNS = sql.raw(
  'draft_id, scope, academic_year, block_number, backend, time_limit_sec, status, optimal, stopped_by, message, ' +
    'actor, started_at, finished_at, figures, diagnosis, hard_findings, findings_count, explanations, plan',
);

describe('generation_runs through migration 0006', () => {
  it('keeps a v5 run, then records year runs with their first block', async () => {
    const p = path.join(dir, 'v5.sqlite');
    const old = await openDatabase(p, { create: true, schemaVersion: 5 });
    await sql`INSERT INTO generation_runs (id, ${V5_COLUMNS})
      VALUES (7, NULL, 'block+calls', 2026, 3, 'highs', 60, 'succeeded', 1, NULL, 'ok', 'coord',
              '2026-07-01T12:00:00Z', '2026-07-01T12:00:05Z', ${FIGURES}, NULL, '[]', 0, '[]', NULL)`.execute(old.db);
    await old.db.destroy();

    const program = await openProgram(p);
    try {
      expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      const [run] = await listGenerationRuns(program.db, { limit: 10 });
      expect(run).toMatchObject({
        id: 7,
        scope: 'block+calls',
        blockNumber: 3,
        fromBlock: null,
        status: 'succeeded',
        optimal: true,
        message: 'ok',
      });
      const insert = (scope: string, fromBlock: number | null) =>
        sql`INSERT INTO generation_runs (from_block, ${V5_COLUMNS})
          VALUES (${fromBlock}, NULL, ${scope}, 2026, NULL, 'highs', 60, 'stopped', 0, 'user', 'partial', 'coord',
                  '2026-07-02T12:00:00Z', '2026-07-02T12:00:09Z', ${FIGURES}, NULL, '[]', 0, '[]', NULL)`.execute(
          program.db,
        );
      await insert('year', 5);
      const [year] = await listGenerationRuns(program.db, { limit: 1 });
      expect(year).toMatchObject({
        id: 8,
        scope: 'year',
        blockNumber: null,
        fromBlock: 5,
        toBlock: null,
        options: {},
        unsolvedBlocks: [],
        stoppedBy: 'user',
      });
      // Migration 0018: a range of call blocks has a first block too; the other block scopes do not.
      await insert('calls', 5);
      await expect(insert('block', 5)).rejects.toThrow(/CHECK/);
      await expect(insert('month', null)).rejects.toThrow(/CHECK/);
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(program.db);
      expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await program.close();
    }
  });
});
