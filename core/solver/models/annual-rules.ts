// Annual-plan requirements read off an existing plan (last year's, or one entered by hand): per
// PGY level, each rotation's range of blocks a resident did, and the blocks every resident of a
// level spent on the same rotation (orientation). A starting point a coordinator edits.
import type { ProgramData } from '../../domain/program';
import type { AcademicYearId, RotationAssignment, RotationPlanRules, RotationRequirement } from '../../domain/types';
import { planPeriods } from './annual';
import { residentsOf } from './program-view';

/** How many blocks at either end of the year count as "the start" or "the end". */
const EDGE_BLOCKS = 3;

export function rotationPlanRulesFromPlan(
  data: ProgramData,
  year: AcademicYearId,
  plan: RotationAssignment[] = data.rotationAssignments,
): RotationPlanRules {
  const residents = residentsOf(data, year);
  const periods = planPeriods(year, data);
  const rotationById = new Map(data.rotations.map((r) => [r.id, r]));
  const entries = plan.filter((a) => a.academicYear === year);
  // Blocks per resident and rotation code (half-blocks count their share).
  const blocks = new Map<string, Map<string, number>>();
  for (const a of entries) {
    const rot = rotationById.get(a.rotationId);
    if (!rot)
      throw new Error(
        `Plan entry for ${a.personId} in block ${a.blockNumber} names unknown rotation id "${a.rotationId}"`,
      );
    const weight = periods
      .filter((p) => p.block.number === a.blockNumber && (a.part === 'full' || p.part === a.part))
      .reduce((s, p) => s + p.weight, 0);
    const m = blocks.get(a.personId) ?? new Map<string, number>();
    m.set(rot.code, (m.get(rot.code) ?? 0) + weight);
    blocks.set(a.personId, m);
  }
  const requirements: RotationRequirement[] = [];
  const levels = [...new Set(residents.map((r) => r.pgy))].sort((a, b) => a - b);
  for (const pgy of levels) {
    const group = residents.filter((r) => r.pgy === pgy);
    const codes = new Set(group.flatMap((r) => [...(blocks.get(r.person.id)?.keys() ?? [])]));
    for (const code of [...codes].sort()) {
      const counts = group.map((r) => blocks.get(r.person.id)?.get(code) ?? 0);
      requirements.push({ pgy, rotationCode: code, minBlocks: Math.min(...counts), maxBlocks: Math.max(...counts) });
    }
  }
  // A block every resident of a level (two or more) spent on the same full-block rotation.
  const fixed: RotationPlanRules['fixed'] = [];
  for (const pgy of levels) {
    const group = residents.filter((r) => r.pgy === pgy);
    if (group.length < 2) continue;
    for (const blockNumber of [...new Set(periods.map((p) => p.block.number))]) {
      const ids = group.map(
        (r) =>
          entries.find((a) => a.personId === r.person.id && a.blockNumber === blockNumber && a.part === 'full')
            ?.rotationId,
      );
      if (ids[0] && ids.every((x) => x === ids[0]))
        fixed.push({ pgy, blockNumber, rotationCode: rotationById.get(ids[0])!.code });
    }
  }
  // Rotations a level only did at the very start or end of the year (orientation, graduation
  // electives) stay there: a window excludes every other block.
  const windows: RotationPlanRules['windows'] = [];
  const blockNumbers = [...new Set(periods.map((p) => p.block.number))].sort((a, b) => a - b);
  for (const pgy of levels) {
    const ids = new Set(residents.filter((r) => r.pgy === pgy).map((r) => r.person.id));
    const used = new Map<string, Set<number>>();
    for (const a of entries) {
      if (!ids.has(a.personId)) continue;
      const code = rotationById.get(a.rotationId)!.code;
      used.set(code, (used.get(code) ?? new Set()).add(a.blockNumber));
    }
    for (const [code, set] of [...used].sort((x, y) => x[0].localeCompare(y[0]))) {
      const edge = EDGE_BLOCKS;
      const atStart = [...set].every((n) => blockNumbers.indexOf(n) < edge);
      const atEnd = [...set].every((n) => blockNumbers.indexOf(n) >= blockNumbers.length - edge);
      if (!atStart && !atEnd) continue;
      const notInBlocks = blockNumbers.filter((n) => !set.has(n));
      if (notInBlocks.length) windows.push({ rotationCode: code, pgyLevels: [pgy], notInBlocks });
    }
  }
  return { requirements, windows, order: [], fixed, staffing: [] };
}
