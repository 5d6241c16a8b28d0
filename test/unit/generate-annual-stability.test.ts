// The annual plan as a coordinator expects it on a real year: locked (past) blocks are context, not
// rules to satisfy; a partial block continues the block next to it; interns can be held to
// "orientation first"; and regenerating changes the current plan as little as it must.
import { describe, expect, it } from 'vitest';
import { blocksForYear } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { RotationAssignment, RotationPlanRules } from '../../core/domain/types';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel, type AnnualPlanOptions } from '../../core/solver/models/annual';
import { solveGeneration } from '../../core/solver/models/solve';
import { findingsOf, planCells, rotation, smallPlanRules, smallProgram, weekPattern, YEAR } from './generate-fixture';

async function planOf(data: ProgramData, rules: RotationPlanRules, options: Partial<AnnualPlanOptions> = {}) {
  const out = await solveGeneration(
    buildAnnualPlanModel(data, { academicYear: YEAR, rules, ...options }),
    getBackend('highs'),
    { timeLimitSec: 60 },
  );
  expect(out.status, out.diagnosis?.summary ?? out.message).toBe('optimal');
  return out.result!.rotationAssignments;
}

const residentIds = (data: ProgramData, pgy?: number) =>
  data.people
    .filter((p) => p.kind === 'resident' && (pgy === undefined || p.pgyByYear[String(YEAR)] === pgy))
    .map((p) => p.id);

/** Half-blocks (by person) whose rotation differs between two plans. */
function changes(data: ProgramData, a: RotationAssignment[], b: RotationAssignment[]): Map<string, number> {
  const [ca, cb] = [planCells(data, a), planCells(data, b)];
  const out = new Map<string, number>();
  for (const [id, cells] of ca) {
    const n = cells.filter((c, i) => c.rotationCode !== cb.get(id)![i].rotationCode).length;
    if (n) out.set(id, n);
  }
  return out;
}

describe('annual plan on a real year', () => {
  it('treats locked blocks that break the inpatient-team rule as context and plans the rest', async () => {
    const data = smallProgram();
    const rotationId = (code: string) => data.rotations.find((r) => r.code === code)!.id;
    // Blocks 0–1 as they were: block 1 had two interns on the team and block 0 none at all.
    const locked: RotationAssignment[] = [];
    for (const id of residentIds(data)) {
      locked.push({ personId: id, academicYear: YEAR, blockNumber: 0, part: 'full', rotationId: rotationId('CLIN') });
      const team = id === 'PGY1-01' || id === 'PGY1-02' || id === 'PGY2-01' || id === 'PGY3-01';
      locked.push({
        personId: id,
        academicYear: YEAR,
        blockNumber: 1,
        part: 'full',
        rotationId: rotationId(team ? 'FMIT' : 'CLIN'),
      });
    }
    const plan = await planOf(data, smallPlanRules(), { locked });
    for (const l of locked) expect(plan).toContainEqual(l);
    const block2 = blocksForYear(YEAR, data.settings.blockLayout).find((b) => b.number === 2)!;
    const merged = { ...data, rotationAssignments: plan };
    expect(findingsOf(merged, block2.start, `${YEAR + 1}-06-30`, ['inpatient_team', 'night_float_max'])).toEqual([]);
    // The rule still speaks about the locked blocks: they are what they are.
    expect(findingsOf(merged, `${YEAR}-07-01`, block2.start, ['inpatient_team']).length).toBeGreaterThan(0);
  }, 300_000);

  it('continues each resident’s rotation of block 1 into the one-day block 0', async () => {
    const data = smallProgram();
    const cells = planCells(data, await planOf(data, smallPlanRules()));
    for (const [id, list] of cells) {
      expect(list[0].blockNumber).toBe(0);
      expect(list[0].rotationCode, id).toBe(list[1].rotationCode);
    }
  }, 300_000);

  it('puts orientation first for interns when the rules say so', async () => {
    const data = smallProgram();
    data.rotations.push(rotation('ORI', { pattern: [weekPattern(['ORI', 'ORI'])], weeklyTargets: {}, capacity: 9 }));
    // The team is staffed by seniors here, so interns are free to start with orientation.
    const team = data.settings.services!.find((x) => x.code === 'FMIT')!;
    team.staffing = team.staffing.filter((line) => !line.pgyLevels.includes(1));
    const rules = smallPlanRules();
    rules.requirements = rules.requirements.filter((q) => q.pgy !== 1 || q.rotationCode !== 'FMIT');
    rules.requirements.push({ pgy: 1, rotationCode: 'ORI', minBlocks: 1, maxBlocks: 1 });
    rules.order.push({ pgyLevels: [1], before: 'ORI', after: '*' });
    const cells = planCells(data, await planOf(data, rules));
    for (const id of residentIds(data, 1)) {
      const list = cells.get(id)!;
      const firstOther = list.findIndex((c) => c.rotationCode !== 'ORI');
      expect(
        list.slice(firstOther).some((c) => c.rotationCode === 'ORI'),
        `${id}: ${list.map((c) => c.rotationCode).join(' ')}`,
      ).toBe(false);
      expect(list[0].rotationCode).toBe('ORI');
    }
  }, 300_000);

  it('regenerates with as few changes to the current plan as the new absence needs', async () => {
    const data = smallProgram();
    const rules = smallPlanRules();
    const current = await planOf(data, rules);
    // PGY-2 resident 1 is now away on approved leave in a block where the plan has them on the team.
    const cells = planCells(data, current).get('PGY2-01')!;
    const team = cells.find((c) => c.rotationCode === 'FMIT' && c.blockNumber >= 3)!;
    // A new array, as the store hands out: the models memoise availability per absences array.
    data.absences = [
      ...data.absences,
      {
        id: 'lv',
        personId: 'PGY2-01',
        type: 'deployment',
        start: team.start,
        end: team.end,
        status: 'approved',
        note: null,
      },
    ];
    const kept = await planOf(data, rules, { current });
    const fresh = await planOf(data, rules);
    const keptChanges = changes(data, current, kept);
    expect(keptChanges.get('PGY2-01')).toBeGreaterThan(0);
    // Only PGY-2 residents move (the team needs one of them there); nobody else's plan changes.
    for (const id of keptChanges.keys()) expect(id.startsWith('PGY2-')).toBe(true);
    const count = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(count(keptChanges)).toBeLessThanOrEqual(count(changes(data, current, fresh)));
    expect(count(keptChanges)).toBeLessThanOrEqual(8);
  }, 300_000);
});
