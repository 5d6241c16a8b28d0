// Migration 0012: shift-based rotations. A v11 program file gains the rotations' shifts column
// (every rotation worked from its pattern) and the two shift rules in its settings, enabled;
// a program that already has a rule of that type keeps its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { listRotations } from '../../core/services/catalog';
import { loadProgramData, openProgram } from '../../core/services/program';
import { programAtSchema } from './old-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifts-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function v11File(
  name: string,
  change: (rules: { id: string; type: string; severity: string }[]) => void,
): Promise<string> {
  const data = generateProgram({ seed: 2, academicYear: 2026 });
  data.settings.rules = data.settings.rules.filter((r) => r.type !== 'shift_cover' && r.type !== 'shift_limits');
  change(data.settings.rules);
  const p = path.join(dir, name);
  const old = await programAtSchema(p, 11, data);
  const columns = await sql<{ name: string }>`PRAGMA table_info(rotations)`.execute(old.db);
  expect(columns.rows.map((c) => c.name)).not.toContain('shifts');
  await old.db.destroy();
  return p;
}

describe('migration 0012 (shift-based rotations)', () => {
  it('adds the shifts column (no rotation shift-based) and the shift rules, enabled', async () => {
    const p = await v11File('v11.sqlite', () => {});
    const program = await openProgram(p);
    try {
      expect((await listRotations(program)).every((r) => (r.shifts ?? null) === null)).toBe(true);
      const { settings } = await loadProgramData(program);
      expect(
        settings.rules.filter((r) => r.type.startsWith('shift_')).map((r) => [r.id, r.type, r.enabled, r.severity]),
      ).toEqual([
        ['shift_cover', 'shift_cover', true, 'high'],
        ['shift_limits', 'shift_limits', true, 'high'],
      ]);
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(program.db);
      expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await program.close();
    }
  });

  it('keeps a rule of that type the program already had', async () => {
    const p = await v11File('v11-own.sqlite', (rules) =>
      rules.push({
        id: 'ed_cover',
        type: 'shift_cover',
        severity: 'critical',
        enabled: false,
        scope: { kinds: [], pgyLevels: [] },
        params: {},
      } as never),
    );
    const program = await openProgram(p);
    try {
      const { settings } = await loadProgramData(program);
      expect(settings.rules.filter((r) => r.type === 'shift_cover').map((r) => [r.id, r.severity, r.enabled])).toEqual([
        ['ed_cover', 'critical', false],
      ]);
      expect(settings.rules.filter((r) => r.type === 'shift_limits')).toHaveLength(1);
    } finally {
      await program.close();
    }
  });
});
