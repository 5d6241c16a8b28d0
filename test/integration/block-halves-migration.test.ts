// Migration 0007: halves only where a block has them. A v6 program file whose plan names halves of
// a short block (the old demo generator made them for large programs; the old importer let them
// in) or of an 18-day block (which had halves before) comes out with whole-block entries — the
// first half's rotation, or the second's when it is alone — in the plan and in its drafts, and
// blocks shorter than 21 days without halves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { openProgram } from '../../core/services/program';
import { programAtSchema } from './old-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'halves-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migration 0007 (block halves)', () => {
  it('turns half-block entries of blocks without halves into whole-block entries', async () => {
    const data = generateProgram({
      seed: 3,
      academicYear: 2026,
      blockLayout: { anchorWeekday: 4, blockLengthDays: 18, blockCount: 19 },
    });
    const p = path.join(dir, 'v6.sqlite');
    const old = await programAtSchema(p, 6, data);
    const [a, b] = data.people.filter((x) => x.kind === 'resident');
    const rot = data.rotations.map((r) => r.id);
    // As version 6 stored them: an 18-day block had halves from day 15.
    await sql`UPDATE blocks SET second_half_start = date(start, '+14 days')
      WHERE julianday("end") - julianday(start) + 1 > 14`.execute(old.db);
    await sql`DELETE FROM rotation_assignments
      WHERE person_id IN (${a.id}, ${b.id}) AND block_number IN (0, 1)`.execute(old.db);
    const entry = (person: string, block: number, part: string, rotation: string) =>
      sql`INSERT INTO rotation_assignments (person_id, academic_year, block_number, part, rotation_id)
        VALUES (${person}, 2026, ${block}, ${part}, ${rotation})`.execute(old.db);
    await entry(a.id, 0, 'first', rot[0]);
    await entry(a.id, 0, 'second', rot[1]);
    await entry(b.id, 0, 'second', rot[2]);
    await entry(a.id, 1, 'first', rot[3]);
    await entry(a.id, 1, 'second', rot[4]);
    await sql`INSERT INTO drafts (id, name, source, note, status, created_by, created_at, updated_at,
                                  base_publication_id, validated_at, validated_revision, validation, publication_id)
      VALUES (1, 'plan edit', 'manual', NULL, 'open', 'coord', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z',
              NULL, NULL, NULL, NULL, NULL)`.execute(old.db);
    await sql`INSERT INTO draft_rotation_changes (draft_id, person_id, academic_year, block_number, part, rotation_id)
      VALUES (1, ${b.id}, 2026, 1, 'second', ${rot[5]})`.execute(old.db);
    await old.db.destroy();

    const program = await openProgram(p);
    try {
      const plan = await sql<{ person_id: string; block_number: number; part: string; rotation_id: string }>`
        SELECT person_id, block_number, part, rotation_id FROM rotation_assignments
        WHERE person_id IN (${a.id}, ${b.id}) AND block_number IN (0, 1)
        ORDER BY person_id, block_number`.execute(program.db);
      expect(plan.rows).toEqual([
        { person_id: a.id, block_number: 0, part: 'full', rotation_id: rot[0] },
        { person_id: a.id, block_number: 1, part: 'full', rotation_id: rot[3] },
        { person_id: b.id, block_number: 0, part: 'full', rotation_id: rot[2] },
      ]);
      const draft = await sql<{
        part: string;
        rotation_id: string;
      }>`SELECT part, rotation_id FROM draft_rotation_changes WHERE draft_id = 1`.execute(program.db);
      expect(draft.rows).toEqual([{ part: 'full', rotation_id: rot[5] }]);
      const halves = await sql<{ n: number }>`SELECT count(*) AS n FROM blocks
        WHERE second_half_start > start AND julianday("end") - julianday(start) + 1 < 21`.execute(program.db);
      expect(halves.rows[0].n).toBe(0);
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(program.db);
      expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await program.close();
    }
  });
});
