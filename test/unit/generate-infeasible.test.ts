// When a schedule cannot be made, the diagnosis names the binding cause in domain words — the
// rule, capacity or requirement that conflicts, with the people, days and numbers, once however
// often it recurs — and where the coordinator changes it. One small program per kind of conflict.
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { RotationAssignment, RotationPlanRules } from '../../core/domain/types';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel } from '../../core/solver/models/annual';
import { buildCallModel } from '../../core/solver/models/call';
import { buildBlockScheduleModel } from '../../core/solver/models/halfday';
import { solveGeneration } from '../../core/solver/models/solve';
import {
  rotation,
  smallPlanRules,
  smallProgram,
  smallProgramWithoutPgy2s,
  weekPattern,
  YEAR,
} from './generate-fixture';
import { joinRegExp } from '../regexp';

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

async function annualPlan(data: ProgramData, rules: RotationPlanRules, locked: RotationAssignment[] = []) {
  return solveGeneration(buildAnnualPlanModel(data, { academicYear: YEAR, rules, locked }), getBackend('highs'), {
    timeLimitSec: 30,
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
  it(
    'clinic capacity against fixed patterns: the slot, who is fixed there and by which pattern, the ' + 'capacity',
    async () => {
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
    },
  );

  it('call cover with too few free faculty: the night, and who is away said once with a count', async () => {
    const data = smallProgram();
    data.people
      .filter((p) => p.kind === 'faculty')
      .forEach((p, i) =>
        data.absences.push({
          id: `tdy-${i}`,
          personId: p.id,
          type: 'tdy',
          start: '2026-08-12',
          end: '2026-08-12',
          status: 'approved',
          note: null,
        }),
      );
    const out = await solveGeneration(
      buildCallModel(data, { start: '2026-07-30', end: '2026-08-26', regenerateInpatientWeeks: true }),
      getBackend('highs'),
      { timeLimitSec: 60 },
    );
    expect(out.status).toBe('infeasible');
    expect(out.diagnosis!.status).toBe('counted');
    const night = out.diagnosis!.relaxations.find((r) => r.groupId === 'call:2026-08-12')!;
    expect(night.message).toBe(
      'The night of 2026-08-12 needs one faculty on call but no one is free: F-APD, F-C1, F-C2 and 5 more are on ' +
        'tdy 2026-08-12–2026-08-12',
    );
    // Where to act: the pages of the first few away that night.
    expect(night.fix!.targets.map((t) => t.target)).toEqual(
      ['F-APD', 'F-C1', 'F-C2'].map((personId) => ({ kind: 'person', personId })),
    );
  });

  it('rotation staffing against leave: the block, the rotation, and who is away said once', async () => {
    const data = smallProgramWithoutPgy2s();
    const out = await solveGeneration(
      buildAnnualPlanModel(data, { academicYear: YEAR, rules: smallPlanRules() }),
      getBackend('highs'),
      { timeLimitSec: 30 },
    );
    expect(out.status).toBe('infeasible');
    const d = out.diagnosis!;
    const messages = d.relaxations.map((r) => r.message);
    expect(messages).toContain(
      'Block 4 (first half) needs 1 PGY-2 resident on Family medicine inpatient team (FMIT) but only 0 are ' +
        'available: PGY2-01, PGY2-02 and PGY2-03 are on deployment 2026-09-24–2026-10-21',
    );
    // The causes first (no PGY-2 is available); what gives only because of them after, said as such:
    // a team place someone could take and block counts someone had room for.
    const causes = d.relaxations.filter((r) => !r.follows);
    const follows = d.relaxations.filter((r) => r.follows);
    expect(causes.length).toBeGreaterThan(0);
    expect(causes.every((r) => r.message.includes('are on deployment 2026-09-24–2026-10-21'))).toBe(true);
    expect(d.relaxations).toEqual([...causes, ...follows]);
    for (const r of follows) expect(r.message).not.toContain('are available');
    expect(follows.length).toBeGreaterThan(0);
    expect(d.summary).toContain('. Following from them: ');
  });

  it(
    'yearly minimums that overfill the year: found by counting, the level, its minimums, once for ' + 'the class',
    async () => {
      const data = smallProgram();
      const rules = smallPlanRules();
      // PGY-1 minimums: FMIT 4 + CLIN 9 + CARD 1 = 14 blocks.
      rules.requirements = rules.requirements.map((r) =>
        r.pgy === 1 && r.rotationCode === 'CLIN' ? { ...r, minBlocks: 9, maxBlocks: 10 } : r,
      );
      const out = await annualPlan(data, rules);
      expect(out.status).toBe('infeasible');
      const d = out.diagnosis!;
      expect(d.status).toBe('counted');
      expect(d.relaxations).toHaveLength(1);
      const [cause] = d.relaxations;
      expect(cause.message).toMatch(
        joinRegExp(
          /^The PGY-1 minimums add up to 14 blocks \(FMIT 4, CLIN 9, CARD 1\) /,
          /but the year has 13(\.\d+)? \(PGY1-01, PGY1-02 and PGY1-03\)$/,
        ),
      );
      expect(cause.fix!.text).toBe('Lower the PGY-1 minimums in the rotation plan so they fit the year');
    },
  );

  it("a resident's minimums against the blocks locked elsewhere: the resident, the locks, a link to them", async () => {
    const data = smallProgram();
    const rules = smallPlanRules();
    // PGY-1 minimums: FMIT 4 + CLIN 2 + CARD 1 = 7; PGY1-02 has 7 of their blocks locked on an elective.
    const locked = [1, 2, 3, 4, 5, 6, 7].map(
      (blockNumber): RotationAssignment => ({
        personId: 'PGY1-02',
        academicYear: YEAR,
        blockNumber,
        part: 'full',
        rotationId: 'rot-ELEC',
      }),
    );
    const out = await annualPlan(data, rules, locked);
    expect(out.status).toBe('infeasible');
    const d = out.diagnosis!;
    expect(d.status).toBe('counted');
    expect(d.relaxations.map((r) => r.message)).toEqual([
      expect.stringMatching(
        joinRegExp(
          /^PGY1-02's minimums add up to 7 blocks \(FMIT 4, CLIN 2, CARD 1\) /,
          /but only 6(\.\d+)? are open to them: 7 blocks are locked on ELEC$/,
        ),
      ),
    ]);
    expect(d.relaxations[0].fix!.targets.map((t) => t.target)).toEqual([{ kind: 'person', personId: 'PGY1-02' }]);
  });

  it("a rotation's capacity over the year against the minimums that must go there", async () => {
    const data = smallProgram();
    const rules = smallPlanRules();
    // Nine residents × 5 blocks of FMIT = 45; the team takes 3 at a time, about 40 over the year.
    rules.requirements = rules.requirements.map((r) =>
      r.rotationCode === 'FMIT' ? { ...r, minBlocks: 5, maxBlocks: 5 } : r,
    );
    const out = await annualPlan(data, rules);
    expect(out.status).toBe('infeasible');
    const d = out.diagnosis!;
    expect(d.status).toBe('counted');
    expect(d.relaxations.map((r) => r.message)).toEqual([
      expect.stringMatching(
        joinRegExp(
          /^FMIT takes at most 3 residents at a time \([\d.]+ resident-blocks over the year\), /,
          /but the minimums that must go there add up to 45 \(PGY-1 3 × 5, PGY-2 3 × 5, PGY-3 3 × 5\)$/,
        ),
      ),
    ]);
    expect(d.relaxations[0].fix!.targets.map((t) => t.target)).toEqual([{ kind: 'rotation', rotationId: 'rot-FMIT' }]);
  });
});
