// A sweep's weeks summed up for people: utilization per week and block, the N-1 heatmap, single
// points of failure, losses that need shedding, and the pairs that are worse together than apart.
import {
  OUTCOME_RANK,
  type ContingencyParams,
  type ContingencyResult,
  type CriticalPerson,
  type LossOutcome,
  type PairFinding,
  type SweepFigures,
  type WeekSummary,
} from '../../domain/contingency';
import { academicYearOf, blocksForYear } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import { pgyIn } from '../../domain/program';
import { FACULTY_ROLE_NAMES } from '../../domain/types';
import type { WeekResult } from './sweep';
import { utilizationOf } from './utilization';

const none = (): Record<LossOutcome, number> => ({ absorbed: 0, shedding: 0, uncovered: 0 });

function worst(outcomes: LossOutcome[]): LossOutcome | null {
  return outcomes.reduce<LossOutcome | null>((w, o) => (w === null || OUTCOME_RANK[o] > OUTCOME_RANK[w] ? o : w), null);
}

export function summarizeSweep(
  data: Pick<ProgramData, 'people' | 'settings'>,
  params: ContingencyParams,
  weeks: WeekResult[],
  figures: Omit<
    SweepFigures,
    'weeks' | 'singleLosses' | 'pairWeeks' | 'modelsSolved' | 'milpSolved' | 'pruned' | 'validatorRejections'
  >,
  complete: boolean,
): ContingencyResult {
  const sorted = [...weeks].sort((a, b) => (a.week < b.week ? -1 : 1));
  const year = academicYearOf(params.start);
  const people = data.people
    .filter((p) => p.active && (p.kind === 'resident' || p.kind === 'faculty'))
    .map((p) => {
      const pgy = pgyIn(p, year);
      return {
        id: p.id,
        name: p.name,
        kind: p.kind as 'resident' | 'faculty',
        label: p.kind === 'resident' ? (pgy ? `PGY-${pgy}` : 'Resident') : FACULTY_ROLE_NAMES[p.facultyRole ?? 'core'],
      };
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'faculty' ? -1 : 1));

  const summaries: WeekSummary[] = sorted.map((w) => {
    const singles = none();
    for (const r of w.singles) singles[r.outcome]++;
    const pairs = none();
    for (const p of w.pairs) pairs[p.outcome]++;
    return {
      week: w.week,
      end: w.end,
      utilization: w.utilization,
      worstSingle: worst(w.singles.map((r) => r.outcome)),
      worstPair: worst(w.pairs.map((p) => p.outcome)),
      singles,
      pairs,
    };
  });

  // Utilization per block, from the days of the weeks computed.
  const loads = sorted.flatMap((w) => w.loads);
  const years = [...new Set(loads.map((l) => academicYearOf(l.date)))];
  const blocks = years.flatMap((y) =>
    blocksForYear(y, data.settings.blockLayout)
      .map((b) => ({
        b,
        days: loads.filter(
          (l) => l.date >= b.start && l.date <= b.end && l.date >= params.start && l.date <= params.end,
        ),
      }))
      .filter(({ days }) => days.length)
      .map(({ b, days }) => ({
        academicYear: b.academicYear,
        blockNumber: b.number,
        start: b.start,
        end: b.end,
        utilization: utilizationOf(days),
      })),
  );

  const heatmap = sorted.flatMap((w) =>
    w.singles.map((r) => ({
      personId: r.gone[0],
      week: w.week,
      outcome: r.outcome,
      changedAssignments: r.changedAssignments,
      requirements: r.requirements.length,
    })),
  );
  const critical = new Map<string, CriticalPerson>();
  for (const h of heatmap) {
    if (h.outcome === 'absorbed') continue;
    const c = critical.get(h.personId) ?? { personId: h.personId, uncoveredWeeks: [], sheddingWeeks: [] };
    (h.outcome === 'uncovered' ? c.uncoveredWeeks : c.sheddingWeeks).push(h.week);
    critical.set(h.personId, c);
  }
  const byWeight = (x: CriticalPerson, y: CriticalPerson) =>
    y.uncoveredWeeks.length - x.uncoveredWeeks.length ||
    y.sheddingWeeks.length - x.sheddingWeeks.length ||
    (x.personId < y.personId ? -1 : 1);
  const all = [...critical.values()].sort(byWeight);

  // Pairs worse together than either alone.
  const singleOutcome = new Map(heatmap.map((h) => [`${h.personId}|${h.week}`, h.outcome]));
  const pairs = new Map<string, PairFinding>();
  for (const w of sorted) {
    for (const p of w.pairs) {
      const apart = Math.max(
        ...[p.a, p.b].map((id) => {
          const o = singleOutcome.get(`${id}|${w.week}`);
          return o ? OUTCOME_RANK[o] : -1;
        }),
      );
      if (p.outcome === 'absorbed' || OUTCOME_RANK[p.outcome] <= apart) continue;
      const key = `${p.a}|${p.b}`;
      const f = pairs.get(key) ?? { a: p.a, b: p.b, weeks: [], uncoveredWeeks: 0, sheddingWeeks: 0 };
      f.weeks.push({
        week: w.week,
        outcome: p.outcome,
        changedAssignments: p.changedAssignments ?? 0,
        method: p.method,
      });
      if (p.outcome === 'uncovered') f.uncoveredWeeks++;
      else f.sheddingWeeks++;
      pairs.set(key, f);
    }
  }
  const rankedPairs = [...pairs.values()].sort(
    (x, y) =>
      y.uncoveredWeeks - x.uncoveredWeeks || y.sheddingWeeks - x.sheddingWeeks || (x.a + x.b < y.a + y.b ? -1 : 1),
  );

  return {
    params,
    people,
    weeks: summaries,
    blocks,
    heatmap,
    singlePointsOfFailure: all.filter((c) => c.uncoveredWeeks.length),
    sheddingLosses: all.filter((c) => !c.uncoveredWeeks.length),
    pairs: rankedPairs,
    figures: {
      ...figures,
      weeks: sorted.length,
      singleLosses: heatmap.length,
      pairWeeks: sorted.reduce((n, w) => n + w.figures.pairWeeks, 0),
      modelsSolved: sorted.reduce((n, w) => n + w.figures.models, 0),
      milpSolved: sorted.reduce((n, w) => n + w.figures.milp, 0),
      pruned: sorted.reduce((n, w) => n + w.figures.pruned, 0),
      validatorRejections: sorted.reduce((n, w) => n + w.figures.rejections, 0),
    },
    complete,
    weeksDone: sorted.map((w) => w.week),
  };
}
