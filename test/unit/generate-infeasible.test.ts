// When a schedule cannot be made, the diagnosis names the binding cause in domain words — the
// rule, capacity or requirement that conflicts, with the people, days and numbers, once however
// often it recurs — and where the coordinator changes it. One small program per kind of conflict.
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { RotationAssignment } from '../../core/domain/types';
import { getBackend } from '../../core/solver/backends';
import { buildBlockScheduleModel } from '../../core/solver/models/halfday';
import { solveGeneration } from '../../core/solver/models/solve';
import { rotation, smallProgram, weekPattern, YEAR } from './generate-fixture';

const BLOCK = 2;

function planBlock(data: ProgramData, entries: [string, string][]) {
  for (const [personId, code] of entries)
    data.rotationAssignments.push({
      personId,
      academicYear: YEAR,
      blockNumber: BLOCK,
      part: 'full' as RotationAssignment['part'],
      rotationId: `rot-${code}`,
    });
}

async function halfDays(data: ProgramData) {
  return solveGeneration(
    buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: BLOCK }),
    getBackend('highs'),
    {
      timeLimitSec: 30,
    },
  );
}

describe('why a schedule cannot be made', () => {
  it('clinic capacity against fixed patterns: the slot, who is fixed there and by which pattern, the capacity', async () => {
    const data = smallProgram();
    // Orientation: clinic every Thursday morning, fixed by the pattern, for all six juniors.
    data.rotations.push(
      rotation('ORI', {
        name: 'Intern orientation',
        pattern: [weekPattern(['SIM', 'SIM'], ['W', 'W'], { '4': ['C', 'SIM'] })],
        weeklyTargets: {},
      }),
    );
    const capacity = data.settings.rules.find((r) => r.type === 'clinic_capacity')!;
    capacity.params = { ...capacity.params, soft: 3, hard: 4 };
    planBlock(data, [
      ['PGY1-01', 'ORI'],
      ['PGY1-02', 'ORI'],
      ['PGY1-03', 'ORI'],
      ['PGY2-01', 'ORI'],
      ['PGY2-02', 'ORI'],
      ['PGY2-03', 'ORI'],
      ['PGY3-01', 'FMIT'],
      ['PGY3-02', 'ELEC'],
      ['PGY3-03', 'ELEC'],
    ]);
    const out = await halfDays(data);
    expect(out.status).toBe('infeasible');
    const d = out.diagnosis!;
    // Exact, by counting: every Thursday morning of the block, one cause.
    expect(d.status).toBe('counted');
    expect(d.relaxations).toHaveLength(1);
    const [cause] = d.relaxations;
    expect(cause.where).toEqual(['Thu 30 Jul', 'Thu 6 Aug', 'Thu 13 Aug', 'Thu 20 Aug']);
    expect(cause.message).toMatch(/^Thursday AM clinic, block 2: 6 are fixed to clinic but the clinic takes 4 — /);
    expect(cause.message).toContain('3 PGY-1 residents by the ORI pattern (Intern orientation): PGY1-01, PGY1-02');
    expect(cause.message).toContain('3 PGY-2 residents by the ORI pattern');
    expect(cause.shortBy).toBe(2);
    expect(cause.fix!.targets.map((t) => t.target)).toEqual([
      { kind: 'clinic_capacity' },
      { kind: 'rotation', rotationId: 'rot-ORI' },
    ]);
    expect(out.message).toContain('raise the clinic capacity (Settings → Clinic capacity).');
  });
});
