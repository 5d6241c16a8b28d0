// Migration 0014 gives drafts what a stopped generation left out: a v13 program file keeps its
// drafts as they were (complete: NULL), and the new column takes only JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import { openDatabase } from '../../core/db/open';
import { getDraft } from '../../core/services/drafts';
import { openProgram } from '../../core/services/program';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incomplete-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('drafts through migration 0014', () => {
  it('keeps a v13 draft complete, then stores missing parts as JSON only', async () => {
    const p = path.join(dir, 'v13.sqlite');
    const old = await openDatabase(p, { create: true, schemaVersion: 13 });
    await sql`INSERT INTO drafts
        (id, name, source, note, status, created_by, created_at, updated_at, base_publication_id)
      VALUES (3, 'Winter swap', 'manual', NULL, 'open', 'coord',
              '2026-07-01T12:00:00Z', '2026-07-01T12:00:00Z', NULL)`.execute(old.db);
    await old.db.destroy();

    const program = await openProgram(p);
    try {
      expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(await getDraft({ program, actor: 'test' }, 3)).toMatchObject({
        id: 3,
        name: 'Winter swap',
        incomplete: [],
      });
      const part = [
        { what: 'the half-day schedule of block 4', start: '2026-09-24', end: '2026-10-21', why: 'stopped' },
      ];
      await sql`UPDATE drafts SET incomplete = ${JSON.stringify(part)} WHERE id = 3`.execute(program.db);
      expect((await getDraft({ program, actor: 'test' }, 3)).incomplete).toEqual(part);
      await expect(sql`UPDATE drafts SET incomplete = 'not json' WHERE id = 3`.execute(program.db)).rejects.toThrow(
        /CHECK/,
      );
    } finally {
      await program.close();
    }
  });
});
