// Migration 0019 gives call types their fall-back-night rule: a v18 program file keeps what its
// calls did (the scheduled hours), and the new column takes only the two words the format knows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import { generateProgram } from '../../core/demo/generate';
import { loadProgramData, openProgram } from '../../core/services/program';
import { programAtSchema } from './old-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-change-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('call types through migration 0019', () => {
  it('reads v18 call types as lasting their scheduled hours, then stores only a known rule', async () => {
    const data = generateProgram({ seed: 3, academicYear: 2026, residentsPerPgy: [2, 2, 2], facultyCount: 8 });
    const p = path.join(dir, 'v18.sqlite');
    await (await programAtSchema(p, 18, data)).db.destroy();

    const program = await openProgram(p);
    try {
      expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      const callTypes = (await loadProgramData(program)).callTypes;
      expect(callTypes.map((t) => [t.code, t.clockChange])).toEqual(
        data.callTypes.map((t) => [t.code, 'scheduled_hours']),
      );
      await sql`UPDATE call_types SET clock_change = 'clock_end' WHERE code = 'LD'`.execute(program.db);
      expect((await loadProgramData(program)).callTypes.find((t) => t.code === 'LD')!.clockChange).toBe('clock_end');
      await expect(
        sql`UPDATE call_types SET clock_change = 'longer' WHERE code = 'LD'`.execute(program.db),
      ).rejects.toThrow(/CHECK/);
    } finally {
      await program.close();
    }
  });
});
