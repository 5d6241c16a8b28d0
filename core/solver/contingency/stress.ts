// The stress ladder: seeded random absence of 0, 10, 20, 30 and 40 % of staff (residents and
// faculty) for a whole block, several samples per level. Each sample is repaired week by week,
// each week on the schedule the previous weeks' repairs left (so covers' hours add up), then the
// repaired block is checked by the compliance engine. Samples are nested (a level's absentees
// include the level below's), so the ladder should degrade monotonically; where it does not,
// the result says so.
import {
  SACRIFICE_LABELS,
  SACRIFICE_ORDER,
  type SacrificeLevel,
  type StressLevel,
  type StressResult,
  type StressSample,
} from '../../domain/contingency';
import { addDays, blocksForYear, isoWeekday } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import { mulberry32 } from '../../domain/random';
import type { IsoDate } from '../../domain/types';
import { complianceInput, createValidator } from '../../rules';
import type { SolverBackend } from '../backend';
import { applyRepair } from './apply';
import { Baseline } from './baseline';
import { hardRuleIds, RepairChecker } from './check';
import { repairLoss } from './engine';
import { HORIZON_MARGIN_DAYS } from './sweep';
import { dailyLoad, utilizationOf } from './utilization';

export const STRESS_FRACTIONS = [0, 0.1, 0.2, 0.3, 0.4];

export interface StressInput {
  data: ProgramData;
  academicYear: number;
  blockNumber: number;
  samples?: number;
  seed?: number;
}

export interface StressProgress {
  done: number;
  total: number;
  phase: string;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const noShed = (): Record<SacrificeLevel, number> => ({
  optional_education: 0,
  administration: 0,
  core_education: 0,
  continuity_clinic: 0,
});

async function runSample(
  input: StressInput,
  backend: SolverBackend,
  block: { start: IsoDate; end: IsoDate },
  gone: string[],
  seed: number,
  stop: () => boolean,
): Promise<StressSample | null> {
  let data = input.data;
  const horizon = { start: addDays(block.start, -HORIZON_MARGIN_DAYS), end: addDays(block.end, HORIZON_MARGIN_DAYS) };
  let lost = 0;
  let kept = 0;
  let uncovered = 0;
  const shed = noShed();
  for (
    let monday = addDays(block.start, 1 - isoWeekday(block.start));
    monday <= block.end;
    monday = addDays(monday, 7)
  ) {
    if (stop()) return null;
    if (!gone.length) break;
    const b = new Baseline(data, horizon);
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))
      .filter((d) => d >= block.start && d <= block.end)
      .map((d) => b.day(d));
    const checker = new RepairChecker(b, { start: addDays(monday, -1), end: addDays(monday, 13) });
    const solved = await repairLoss(b, { gone, days }, monday, { backend, checker });
    if (!solved.repair) continue;
    for (const r of solved.repair.requirements) {
      lost += r.amount;
      kept += r.amount - r.shed - r.uncovered;
      uncovered += r.uncovered;
    }
    for (const c of solved.repair.covers) for (const g of c.givesUp) if (g.level) shed[g.level] += g.halfDays;
    // Learners' clinic cancelled where supervision stays short.
    shed.continuity_clinic += solved.repair.changes.filter((c) => c.reason === 'shed').length;
    data = applyRepair(data, solved.repair);
  }
  // The repaired block, checked: hard findings it has that the schedule did not, for people still there.
  const range = { start: block.start, end: block.end };
  const ruleIds = hardRuleIds(input.data);
  const before = new Set(
    createValidator(complianceInput(input.data, range), { ruleIds })
      .findings()
      .map((f) => f.id),
  );
  const goneSet = new Set(gone);
  const added = createValidator(complianceInput(data, range), { ruleIds })
    .findings()
    .filter((f) => !before.has(f.id) && !(f.personId && goneSet.has(f.personId)));
  const b = new Baseline(data, horizon);
  const blockDays = Array.from({ length: b.length }, (_, d) => d).filter(
    (d) => b.dates[d] >= block.start && b.dates[d] <= block.end,
  );
  return {
    seed,
    gone,
    coverageKept: lost ? Math.round((kept / lost) * 1000) / 1000 : 1,
    requirementsLost: lost,
    acgmeFindings: added.filter((f) => f.ruleType.startsWith('acgme_')).length,
    hardFindings: added.length,
    utilization: utilizationOf(dailyLoad(b, blockDays, (id) => goneSet.has(id))),
    shed,
    uncovered,
  };
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : 0);
const pct = (f: number) => `${Math.round(f * 100)} %`;

export async function runStress(
  input: StressInput,
  backend: SolverBackend,
  hooks: { progress?: (p: StressProgress) => void; stop?: () => boolean } = {},
): Promise<StressResult> {
  const started = performance.now();
  const block = blocksForYear(input.academicYear, input.data.settings.blockLayout).find(
    (b) => b.number === input.blockNumber,
  );
  if (!block) throw new Error(`Block ${input.blockNumber} does not exist in academic year ${input.academicYear}`);
  const staff = input.data.people
    .filter((p) => p.active && (p.kind === 'resident' || p.kind === 'faculty'))
    .map((p) => p.id)
    .sort();
  const samples = input.samples ?? 5;
  const seed = input.seed ?? 1;
  const stop = () => !!hooks.stop?.();
  const total = samples * STRESS_FRACTIONS.length;
  let done = 0;
  const levels: StressLevel[] = STRESS_FRACTIONS.map((fraction) => ({
    fraction,
    absent: Math.round(fraction * staff.length),
    samples: [],
    coverageKept: 1,
    acgmeFindings: 0,
    utilization: 0,
    shed: 0,
    uncovered: 0,
  }));
  for (let k = 0; k < samples && !stop(); k++) {
    const order = shuffled(staff, seed * 1000 + k);
    for (const level of levels) {
      hooks.progress?.({ done, total, phase: `Sample ${k + 1} of ${samples}: ${pct(level.fraction)} of staff absent` });
      const sample = await runSample(input, backend, block, order.slice(0, level.absent), seed * 1000 + k, stop);
      if (!sample) break;
      level.samples.push(sample);
      done++;
    }
  }
  for (const level of levels) {
    const s = level.samples;
    level.coverageKept = mean(s.map((x) => x.coverageKept));
    level.acgmeFindings = mean(s.map((x) => x.acgmeFindings));
    level.utilization = mean(s.map((x) => x.utilization.ratio));
    level.shed = mean(s.map((x) => SACRIFICE_ORDER.reduce((n, l) => n + x.shed[l], 0)));
    level.uncovered = mean(s.map((x) => x.uncovered));
  }
  return {
    academicYear: input.academicYear,
    blockNumber: input.blockNumber,
    start: block.start,
    end: block.end,
    staff: staff.length,
    levels,
    nonMonotonic: nonMonotonic(levels),
    elapsedSec: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** Where a level does better than the level below it, in words. */
export function nonMonotonic(levels: StressLevel[]): string[] {
  const out: string[] = [];
  const done = levels.filter((l) => l.samples.length);
  for (let i = 1; i < done.length; i++) {
    const [lo, hi] = [done[i - 1], done[i]];
    const step = `from ${pct(lo.fraction)} to ${pct(hi.fraction)} of staff absent`;
    if (hi.coverageKept > lo.coverageKept + 1e-9)
      out.push(`Coverage kept rises ${step} (${pct(lo.coverageKept)} → ${pct(hi.coverageKept)})`);
    if (hi.utilization < lo.utilization - 1e-9)
      out.push(`Utilization falls ${step} (${lo.utilization.toFixed(2)} → ${hi.utilization.toFixed(2)})`);
    if (hi.shed < lo.shed - 1e-9)
      out.push(
        `Less is shed ${step} (${lo.shed} → ${hi.shed} half-days of ` +
          `${SACRIFICE_ORDER.map((l) => SACRIFICE_LABELS[l]).join(', ')})`,
      );
    if (hi.uncovered < lo.uncovered - 1e-9)
      out.push(`Fewer requirements are left uncovered ${step} (${lo.uncovered} → ${hi.uncovered})`);
    if (hi.acgmeFindings < lo.acgmeFindings - 1e-9)
      out.push(`Fewer ACGME findings ${step} (${lo.acgmeFindings} → ${hi.acgmeFindings})`);
  }
  return out;
}
