// The contingency engine on programs whose answer is known by construction (the VAS clinic's
// credential holders), and every repair it proposes, applied to the schedule, checked again by the
// compliance engine from scratch: no new critical or high finding for anyone still there.
import { describe, expect, it } from 'vitest';
import type { ContingencyParams, Repair } from '../../core/domain/contingency';
import type { ProgramData } from '../../core/domain/program';
import { complianceInput, validate } from '../../core/rules';
import { highsBackend } from '../../core/solver/backends';
import { addDays } from '../../core/domain/calendar';
import { generateProgram } from '../../core/demo/generate';
import {
  applyRepair,
  Baseline,
  hardRuleIds,
  HORIZON_MARGIN_DAYS,
  RepairChecker,
  repairLoss,
  runSweepChunk,
  summarizeSweep,
} from '../../core/solver/contingency';
import { contingencyFixture, FIXTURE_WEEK } from './contingency-fixture';

const params: ContingencyParams = { start: FIXTURE_WEEK, end: '2026-10-11', depth: 2, gone: { mode: 'period' } };

async function sweep(data: ProgramData) {
  const chunk = await runSweepChunk({ data, params, weeks: [FIXTURE_WEEK] }, highsBackend);
  return {
    chunk,
    result: summarizeSweep(
      data,
      params,
      chunk.weeks,
      { people: data.people.length, pairs: 0, elapsedSec: 0, workers: 1 },
      chunk.complete,
    ),
  };
}

/** New hard findings of the schedule with the repair applied, for people still there. */
function newHardFindings(data: ProgramData, repair: Repair): string[] {
  const range = { start: '2026-09-28', end: '2026-10-25' };
  const ruleIds = hardRuleIds(data);
  const hard = (d: ProgramData) =>
    validate(complianceInput(d, range), { ruleIds }).filter((f) => f.severity === 'critical' || f.severity === 'high');
  const before = new Set(hard(data).map((f) => f.id));
  return hard(applyRepair(data, repair))
    .filter((f) => !before.has(f.id) && !(f.personId && repair.gone.includes(f.personId)))
    .map((f) => `${f.ruleId}: ${f.message}`);
}

describe('contingency sweep', () => {
  it('finds the only credentialed faculty member for the procedure clinic as a single point of failure', async () => {
    const data = contingencyFixture({ vas: ['fac-1'] });
    const { result, chunk } = await sweep(data);
    expect(result.singlePointsOfFailure.map((c) => c.personId)).toEqual(['fac-1']);
    const repair = chunk.weeks[0].singles.find((r) => r.gone[0] === 'fac-1')!;
    expect(repair.outcome).toBe('uncovered');
    const lost = repair.requirements.filter((r) => r.uncovered);
    expect(lost.map((r) => r.kind)).toEqual(['procedure', 'procedure']);
    expect(lost[0].label).toMatch(/Vasectomy clinic \(VAS\) on Tue 6 Oct PM.*needs a VAS credential/);
    // Everyone else's loss is absorbed: precepting is covered from administration.
    expect(result.heatmap.filter((h) => h.personId !== 'fac-1').every((h) => h.outcome === 'absorbed')).toBe(true);
  });

  it('finds the two credential holders as a fatal pair, each covering for the other alone', async () => {
    const data = contingencyFixture({ vas: ['fac-1', 'fac-2'] });
    const { result, chunk } = await sweep(data);
    expect(result.singlePointsOfFailure).toEqual([]);
    expect(result.pairs.map((p) => [p.a, p.b, p.uncoveredWeeks])).toEqual([['fac-1', 'fac-2', 1]]);
    const alone = chunk.weeks[0].singles.find((r) => r.gone[0] === 'fac-1')!;
    const vas = alone.requirements.find((r) => r.kind === 'procedure')!;
    expect(vas.coveredBy).toEqual(['fac-2']);
    // The pair's repair names what stays uncovered.
    const pair = chunk.weeks[0].pairRepairs.find((r) => r.gone.join() === 'fac-1,fac-2')!;
    expect(pair.outcome).toBe('uncovered');
    expect(pair.requirements.filter((r) => r.uncovered).length).toBe(2);
  });

  it('finds nothing fatal in a program with slack', async () => {
    const data = contingencyFixture({ vas: ['fac-1', 'fac-2', 'fac-3'] });
    const { result } = await sweep(data);
    expect(result.singlePointsOfFailure).toEqual([]);
    expect(result.sheddingLosses).toEqual([]);
    expect(result.pairs).toEqual([]);
    expect(result.heatmap.length).toBeGreaterThan(0);
  });

  it('names who covers what and what it costs them', async () => {
    const data = contingencyFixture({ vas: ['fac-1', 'fac-2'] });
    const { chunk } = await sweep(data);
    const repair = chunk.weeks[0].singles.find((r) => r.gone[0] === 'fac-3')!;
    expect(repair.outcome).toBe('absorbed');
    const supervision = repair.requirements.filter((r) => r.kind === 'supervision');
    expect(supervision.length).toBeGreaterThan(0);
    for (const r of supervision) expect(r.coveredBy).toHaveLength(1);
    const covers = new Set(supervision.flatMap((r) => r.coveredBy));
    for (const c of repair.covers) {
      expect(covers.has(c.personId)).toBe(true);
      expect(c.givesUp.map((g) => g.activityCode)).toEqual(['DFM']);
      expect(c.givesUp[0].level).toBe('administration');
      expect(c.hoursAdded).toBe(0);
    }
    // The gone person's half-days go to leave; each cover precepts instead of administration.
    expect(
      repair.changes
        .filter((c) => c.kind === 'slot' && c.reason === 'gone')
        .every((c) => c.kind === 'slot' && c.to === 'LV'),
    ).toBe(true);
    expect(
      repair.changes
        .filter((c) => c.kind === 'slot' && c.reason === 'cover')
        .every((c) => c.kind === 'slot' && c.from === 'DFM' && c.to === 'AT'),
    ).toBe(true);
  });

  it('every repair, applied, passes the compliance engine with no new hard finding', async () => {
    const programs: [string, ProgramData, string[]][] = [
      ['fixture, one VAS holder', contingencyFixture({ vas: ['fac-1'] }), []],
      ['fixture, two VAS holders', contingencyFixture({ vas: ['fac-1', 'fac-2'] }), []],
      // The reference program: a week with calls, an inpatient week, the inpatient team and night float.
      [
        'demo program',
        generateProgram({ seed: 1, academicYear: 2026 }),
        ['fac-03', 'fac-06', 'fac-08', 'res-01', 'res-09', 'res-13', 'res-17'],
      ],
    ];
    for (const [label, data, sample] of programs) {
      const b = new Baseline(data, {
        start: addDays(FIXTURE_WEEK, -HORIZON_MARGIN_DAYS),
        end: addDays(FIXTURE_WEEK, 6 + HORIZON_MARGIN_DAYS),
      });
      const checker = new RepairChecker(b, { start: addDays(FIXTURE_WEEK, -7), end: addDays(FIXTURE_WEEK, 20) });
      const days = Array.from({ length: 7 }, (_, i) => b.day(addDays(FIXTURE_WEEK, i)));
      const ids = sample.length ? sample : b.staff.map((p) => p.id);
      const losses = [...ids.map((id) => [id]), ...ids.flatMap((a, i) => ids.slice(i + 1).map((c) => [a, c]))];
      let repairs = 0;
      for (const gone of losses) {
        const solved = await repairLoss(b, { gone, days }, FIXTURE_WEEK, { backend: highsBackend, checker });
        if (!solved.repair) continue;
        repairs++;
        expect(solved.repair.verified, `${label}: ${gone.join('+')}`).toBe(true);
        expect(newHardFindings(data, solved.repair), `${label}: ${gone.join('+')}`).toEqual([]);
      }
      expect(repairs, label).toBeGreaterThan(3);
    }
  }, 300_000);
});
