// The annual rotation plan model: each hard rule on a small instance where it binds, checked on
// the solution by the compliance engine (inpatient team, night float) or by an independent reading
// of the plan (planCells), never by reading the model; infeasible instances get a diagnosis.
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { Absence, RotationAssignment, RotationPlanRules } from '../../core/domain/types';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel, type AnnualPlanResult } from '../../core/solver/models/annual';
import { rotationPlanRulesFromPlan } from '../../core/solver/models/annual-rules';
import { violatedRows } from '../../core/solver/models/builder';
import { solveInPhases } from '../../core/solver/models/phased';
import { solveGeneration, type GenerationOutcome } from '../../core/solver/models/solve';
import {
  findingsOf,
  planCells,
  smallPlanRules,
  smallProgram,
  smallProgramWithoutPgy2s,
  YEAR,
} from './generate-fixture';

const highs = getBackend('highs');

async function plan(
  data: ProgramData,
  rules: RotationPlanRules,
  locked: RotationAssignment[] = [],
  backend = highs,
): Promise<GenerationOutcome<AnnualPlanResult>> {
  return solveGeneration(buildAnnualPlanModel(data, { academicYear: YEAR, rules, locked }), backend, {
    timeLimitSec: 20,
  });
}

async function solvedPlan(data: ProgramData, rules: RotationPlanRules, locked: RotationAssignment[] = []) {
  const out = await plan(data, rules, locked);
  expect(out.status, out.message).toBe('optimal');
  return { result: out.result!, cells: planCells(data, out.result!.rotationAssignments) };
}

function absence(id: string, personId: string, type: Absence['type'], start: string, end: string): Absence {
  return { id, personId, type, start, end, status: 'approved', note: null };
}

describe('annual rotation plan', () => {
  it('gives every resident one rotation per half-block and each PGY its required block counts', async () => {
    const data = smallProgram();
    const rules = smallPlanRules();
    const { cells } = await solvedPlan(data, rules);
    for (const [personId, list] of cells) {
      const pgy = data.people.find((p) => p.id === personId)!.pgyByYear[String(YEAR)];
      for (const q of rules.requirements.filter((r) => r.pgy === pgy)) {
        const blocks = list.filter((c) => c.rotationCode === q.rotationCode).reduce((s, c) => s + c.weight, 0);
        expect(blocks, `${personId} ${q.rotationCode}`).toBeGreaterThanOrEqual(q.minBlocks);
        expect(blocks, `${personId} ${q.rotationCode}`).toBeLessThanOrEqual(q.maxBlocks);
      }
    }
  });

  it(
    'keeps one resident per PGY level on the inpatient team and at most one on night float (compliance ' + 'engine)',
    async () => {
      const data = smallProgram();
      const { result } = await solvedPlan(data, smallPlanRules());
      const merged = { ...data, rotationAssignments: result.rotationAssignments };
      expect(findingsOf(merged, `${YEAR}-07-01`, `${YEAR + 1}-06-30`, ['inpatient_team', 'night_float_max'])).toEqual(
        [],
      );
    },
  );

  it(
    'staffs a service of several rotations as the compliance engine counts it (FMIT intern, resident, ' +
      'pre-attending)',
    async () => {
      const data = smallProgram();
      // The real program's split: the inpatient team is staffed by three rotations, one per level.
      const fmit = data.rotations.find((r) => r.code === 'FMIT')!;
      data.rotations = data.rotations.filter((r) => r.code !== 'FMIT');
      for (const code of ['FMIT-I', 'FMIT-R', 'FMIT-PA'])
        data.rotations.push({ ...fmit, id: `rot-${code}`, code, name: `FMIT ${code.slice(5)}`, capacity: 2 });
      data.settings.services = [
        {
          code: 'FMIT',
          name: 'Inpatient team',
          rotationCodes: ['FMIT-I', 'FMIT-R', 'FMIT-PA'],
          staffing: [
            { pgyLevels: [1], min: 1, max: 1 },
            { pgyLevels: [2, 3], min: 2, max: 2 },
          ],
          facultyWeeks: true,
        },
        {
          code: 'NF',
          name: 'Night float',
          rotationCodes: ['NF'],
          staffing: [{ pgyLevels: [], min: 0, max: 1 }],
          facultyWeeks: false,
        },
      ];
      const rules = smallPlanRules();
      rules.requirements = rules.requirements.flatMap((q) =>
        q.rotationCode !== 'FMIT'
          ? [q]
          : [{ ...q, rotationCode: q.pgy === 1 ? 'FMIT-I' : q.pgy === 2 ? 'FMIT-R' : 'FMIT-PA' }],
      );
      const { result, cells } = await solvedPlan(data, rules);
      const merged = { ...data, rotationAssignments: result.rotationAssignments };
      expect(findingsOf(merged, `${YEAR}-07-01`, `${YEAR + 1}-06-30`, ['inpatient_team', 'night_float_max'])).toEqual(
        [],
      );
      // Read independently: every half-block has one intern and two seniors over the three rotations.
      const byHalf = new Map<string, { interns: number; seniors: number }>();
      for (const [personId, list] of cells) {
        const pgy = data.people.find((p) => p.id === personId)!.pgyByYear[String(YEAR)];
        for (const c of list.filter((x) => x.rotationCode.startsWith('FMIT-') && x.weight > 0)) {
          const k = `${c.blockNumber}:${c.half}`;
          const n = byHalf.get(k) ?? { interns: 0, seniors: 0 };
          if (pgy === 1) n.interns++;
          else n.seniors++;
          byHalf.set(k, n);
        }
      }
      expect(byHalf.size).toBeGreaterThan(20);
      for (const [k, n] of byHalf) expect(n, k).toEqual({ interns: 1, seniors: 2 });
    },
  );

  // Binding instances: leave requests push residents toward the one leave-eligible rotation, so the
  // plan without the rule breaks it; with the rule the plan keeps it (and pays for the leave).
  function pressured(leaveEligible: string, leaveStart: string, leaveEnd: string, ids?: string[]): ProgramData {
    const data = smallProgram();
    for (const r of data.rotations) if (r.setting !== 'inpatient') r.leaveEligible = r.code === leaveEligible;
    const who = ids ?? data.people.filter((p) => p.kind === 'resident').map((p) => p.id);
    who.forEach((id, i) =>
      data.absences.push({ ...absence(`lv${i}`, id, 'vacation', leaveStart, leaveEnd), status: 'requested' }),
    );
    return data;
  }

  it('respects a rotation capacity that binds', async () => {
    const data = pressured('CARD', '2026-08-31', '2026-09-04'); // block 3
    const maxOnCard = (cells: ReturnType<typeof planCells>) => {
      const n = new Map<string, number>();
      for (const list of cells.values())
        for (const c of list)
          if (c.rotationCode === 'CARD')
            n.set(`${c.blockNumber}:${c.half}`, (n.get(`${c.blockNumber}:${c.half}`) ?? 0) + 1);
      return Math.max(...n.values());
    };
    expect(maxOnCard((await solvedPlan(data, smallPlanRules())).cells)).toBeGreaterThan(1);
    data.rotations.find((r) => r.code === 'CARD')!.capacity = 1;
    expect(maxOnCard((await solvedPlan(data, smallPlanRules())).cells)).toBe(1);
  });

  it('keeps a rotation out of its window', async () => {
    const data = pressured('ELEC', '2026-08-03', '2026-08-07'); // block 2
    const inWindow = (cells: ReturnType<typeof planCells>) =>
      [...cells.values()].flat().filter((c) => c.rotationCode === 'ELEC' && c.blockNumber >= 1 && c.blockNumber <= 4)
        .length;
    const rules = smallPlanRules();
    expect(inWindow((await solvedPlan(data, rules)).cells)).toBeGreaterThan(0);
    rules.windows.push({ rotationCode: 'ELEC', pgyLevels: [], notInBlocks: [1, 2, 3, 4] });
    expect(inWindow((await solvedPlan(data, rules)).cells)).toBe(0);
  });

  it('keeps the order of two rotations', async () => {
    const pgy2 = ['PGY2-01', 'PGY2-02', 'PGY2-03'];
    const data = pressured('ELEC', '2026-07-06', '2026-07-10', pgy2); // block 1
    const rules = smallPlanRules();
    for (const q of rules.requirements) if (q.pgy === 2 && q.rotationCode === 'ELEC') q.minBlocks = 1;
    const outOfOrder = (cells: ReturnType<typeof planCells>) =>
      pgy2.filter((id) => {
        const list = cells.get(id)!;
        const lastCard = Math.max(...list.map((c, i) => (c.rotationCode === 'CARD' ? i : -1)));
        return list.some((c, i) => c.rotationCode === 'ELEC' && i < lastCard);
      }).length;
    expect(outOfOrder((await solvedPlan(data, rules)).cells)).toBeGreaterThan(0);
    rules.order.push({ pgyLevels: [2], before: 'CARD', after: 'ELEC' });
    expect(outOfOrder((await solvedPlan(data, rules)).cells)).toBe(0);
  });

  it('staffs a rotation with its minimum every half-block', async () => {
    const data = pressured('ELEC', '2026-08-03', '2026-08-07'); // block 2: everyone asks for leave
    const rules = smallPlanRules();
    const fewest = (cells: ReturnType<typeof planCells>) => {
      const n = new Map<string, number>();
      for (const list of cells.values())
        for (const c of list)
          if (c.weight > 0)
            n.set(
              `${c.blockNumber}:${c.half}`,
              (n.get(`${c.blockNumber}:${c.half}`) ?? 0) + (c.rotationCode === 'CLIN' ? 1 : 0),
            );
      return Math.min(...n.values());
    };
    expect(fewest((await solvedPlan(data, rules)).cells)).toBeLessThan(2);
    rules.staffing.push({ rotationCode: 'CLIN', pgyLevels: [], min: 2 });
    for (const q of rules.requirements) if (q.rotationCode === 'CLIN') q.maxBlocks = 13;
    expect(fewest((await solvedPlan(data, rules)).cells)).toBeGreaterThanOrEqual(2);
  });

  it('puts a PGY level on its fixed block', async () => {
    const pgy1 = ['PGY1-01', 'PGY1-02', 'PGY1-03'];
    const data = pressured('ELEC', '2026-07-06', '2026-07-10', pgy1); // block 1
    // The inpatient team is staffed by PGY-2/3 only, so PGY-1 can all be in clinic in block 1.
    data.settings.services = data.settings.services!.map((s) =>
      s.code === 'FMIT' ? { ...s, staffing: s.staffing.filter((l) => !l.pgyLevels.includes(1)) } : s,
    );
    const rules = smallPlanRules();
    const inClinic = (cells: ReturnType<typeof planCells>) =>
      pgy1.filter((id) =>
        cells
          .get(id)!
          .filter((c) => c.blockNumber === 1)
          .every((c) => c.rotationCode === 'CLIN'),
      ).length;
    expect(inClinic((await solvedPlan(data, rules)).cells)).toBeLessThan(3);
    rules.fixed.push({ pgy: 1, blockNumber: 1, rotationCode: 'CLIN' });
    expect(inClinic((await solvedPlan(data, rules)).cells)).toBe(3);
  });

  it('keeps locked entries', async () => {
    const data = smallProgram();
    const locked: RotationAssignment[] = [
      { personId: 'PGY3-02', academicYear: YEAR, blockNumber: 6, part: 'full', rotationId: 'rot-ELEC' },
      { personId: 'PGY1-01', academicYear: YEAR, blockNumber: 2, part: 'full', rotationId: 'rot-FMIT' },
    ];
    const { cells, result } = await solvedPlan(data, smallPlanRules(), locked);
    expect(
      cells
        .get('PGY3-02')!
        .filter((c) => c.blockNumber === 6)
        .map((c) => c.rotationCode),
    ).toEqual(['ELEC', 'ELEC']);
    expect(
      cells
        .get('PGY1-01')!
        .filter((c) => c.blockNumber === 2)
        .map((c) => c.rotationCode),
    ).toEqual(['FMIT', 'FMIT']);
    const why = result.explanations.find((e) => e.key === 'plan:PGY3-02:6:full')!;
    expect(why.reasons[0].kind).toBe('locked');
  });

  it(
    'puts no one on an inpatient rotation during a blocking absence, and lands leave requests on leave-eligible ' +
      'rotations',
    async () => {
      const data = smallProgram();
      data.absences.push(absence('a1', 'PGY2-01', 'deployment', '2026-10-01', '2026-10-20'));
      data.absences.push(absence('a0', 'PGY2-02', 'tdy', '2026-09-25', '2026-09-30'));
      data.absences.push({ ...absence('a2', 'PGY3-01', 'vacation', '2027-01-04', '2027-01-08'), status: 'requested' });
      const { cells } = await solvedPlan(data, smallPlanRules());
      const inpatient = new Set(['FMIT', 'NF']);
      for (const c of cells.get('PGY2-01')!)
        if (c.start <= '2026-10-27' && c.end >= '2026-10-01')
          expect(inpatient.has(c.rotationCode), `${c.blockNumber} ${c.half}`).toBe(false);
      for (const c of cells.get('PGY3-01')!)
        if (c.start <= '2027-01-08' && c.end >= '2027-01-04') expect(inpatient.has(c.rotationCode)).toBe(false);
      // Block 4 (2026-09-24 – 10-21) still has its PGY-2 on the team: the one who is there.
      expect(
        cells
          .get('PGY2-03')!
          .filter((c) => c.blockNumber === 4)
          .map((c) => c.rotationCode),
      ).toEqual(['FMIT', 'FMIT']);
    },
  );

  it('keeps a part-day appointment off the leave rule: the inpatient team is still staffed around it', async () => {
    const data = smallProgram();
    // Every PGY-2 has an approved part-day appointment in block 4: a morning, an afternoon, two hours.
    const parts: Absence['part'][] = ['AM', 'PM', { start: '13:00', end: '15:00' }];
    ['PGY2-01', 'PGY2-02', 'PGY2-03'].forEach((id, i) =>
      data.absences.push({ ...absence(`appt-${id}`, id, 'medical', '2026-10-06', '2026-10-06'), part: parts[i] }),
    );
    const { result } = await solvedPlan(data, smallPlanRules());
    const merged = { ...data, rotationAssignments: result.rotationAssignments };
    expect(findingsOf(merged, `${YEAR}-07-01`, `${YEAR + 1}-06-30`, ['leave_on_ineligible_rotation'])).toEqual([]);
  });

  it('explains every cell; inpatient-team cells cite the team rule', async () => {
    const data = smallProgram();
    const { result } = await solvedPlan(data, smallPlanRules());
    expect(result.explanations).toHaveLength(result.rotationAssignments.length);
    for (const e of result.explanations) expect(e.reasons.length).toBeGreaterThan(0);
    const fmit = result.explanations.filter((e) => e.value === 'FMIT');
    expect(fmit.length).toBeGreaterThan(0);
    for (const e of fmit)
      expect(e.reasons.map((r) => r.text).join(' | '), e.key).toMatch(/exactly 1 PGY-\d resident every block/);
  });

  it('diagnoses an infeasible plan in domain words: who is missing and why', async () => {
    // Every PGY-2 resident is deployed through block 4: the team cannot have its PGY-2.
    const out = await plan(smallProgramWithoutPgy2s(), smallPlanRules());
    expect(out.status).toBe('infeasible');
    const d = out.diagnosis!;
    expect(d.status).toBe('relaxed');
    // Said once: 'no schedule can meet every requirement. The schedule cannot meet every requirement.' before.
    expect(out.message).toMatch(
      /^Annual rotation plan AY 2026–27: The schedule cannot meet every requirement\. The smallest/,
    );
    // Block 4 and, through the 7 recovery days after deployment, the first half of block 5.
    const team = d.relaxations.filter((r) => r.groupId.startsWith('coverage:FMIT:pgy2')).map((r) => r.message);
    expect(team.length).toBeGreaterThanOrEqual(3);
    const block4 = team.find((m) => m.startsWith('Block 4 (first half)'))!;
    expect(block4).toMatch(/^Block 4 \(first half\) needs 1 PGY-2 resident on .*FMIT.* but only 0 are available: /);
    // Everyone away for the same reason is said once.
    expect(block4).toContain('PGY2-01, PGY2-02 and PGY2-03 are on deployment 2026-09-24–2026-10-21');
    expect(team.some((m) => m.startsWith('Block 5 (first half)') && m.includes('(recovery days)'))).toBe(true);
    // Nothing unrelated is relaxed: only the PGY-2 team places and PGY-2 FMIT block counts.
    expect(
      d.relaxations.every((r) => r.groupId.startsWith('coverage:FMIT:pgy2') || r.groupId === 'requirement:pgy2:FMIT'),
    ).toBe(true);
    expect(d.summary).toContain('smallest set to relax');
  });

  it('reports contradictory locked entries as a clear error', () => {
    const data = smallProgram();
    const locked: RotationAssignment[] = [
      { personId: 'PGY1-01', academicYear: YEAR, blockNumber: 3, part: 'full', rotationId: 'rot-CARD' },
      { personId: 'PGY1-01', academicYear: YEAR, blockNumber: 3, part: 'first', rotationId: 'rot-ELEC' },
    ];
    expect(() => buildAnnualPlanModel(data, { academicYear: YEAR, rules: smallPlanRules(), locked })).toThrow(
      /conflicts with another locked entry \(CARD\) in Block 3 \(first half\)/,
    );
    expect(() =>
      buildAnnualPlanModel(data, {
        academicYear: YEAR,
        rules: { ...smallPlanRules(), windows: [{ rotationCode: 'XYZ', pgyLevels: [], notInBlocks: [1] }] },
      }),
    ).toThrow(/Rotation window 1 names rotation "XYZ"/);
  });

  it('reads requirements off an existing plan so that the plan itself satisfies them', async () => {
    const data = smallProgram();
    const { result } = await solvedPlan(data, smallPlanRules());
    const derived = rotationPlanRulesFromPlan(data, YEAR, result.rotationAssignments);
    const cells = planCells(data, result.rotationAssignments);
    for (const q of derived.requirements) {
      for (const [personId, list] of cells) {
        if (data.people.find((p) => p.id === personId)!.pgyByYear[String(YEAR)] !== q.pgy) continue;
        const n = list.filter((c) => c.rotationCode === q.rotationCode).reduce((s, c) => s + c.weight, 0);
        expect(n).toBeGreaterThanOrEqual(q.minBlocks);
        expect(n).toBeLessThanOrEqual(q.maxBlocks);
      }
    }
    const again = await plan(data, derived);
    expect(again.status).toBe('optimal');
  });

  it(
    'fix-and-optimize over windows of blocks, PGY levels and halves of the year reaches the optimum of one ' +
      'plain solve',
    async () => {
      const data = smallProgram();
      data.absences.push({ ...absence('v1', 'PGY1-01', 'vacation', '2026-11-23', '2026-11-27'), status: 'requested' });
      data.absences.push({ ...absence('v2', 'PGY1-02', 'vacation', '2026-11-23', '2026-11-27'), status: 'requested' });
      data.absences.push({ ...absence('v3', 'PGY1-03', 'vacation', '2026-11-23', '2026-11-27'), status: 'requested' });
      const model = buildAnnualPlanModel(data, { academicYear: YEAR, rules: smallPlanRules() });
      // Windows of three blocks overlapping by one: every block boundary (inpatient spacing, a partial
      // block continuing its neighbour) lies inside one window, with everyone's plan columns of both blocks.
      const linear = model.builder.build();
      const blockOf = (j: number) => Number(/^plan\[[^,]+,(\d+),/.exec(linear.columns[j].name)?.[1] ?? Number.NaN);
      const planOfBlock = (n: number) => linear.columns.flatMap((_, j) => (blockOf(j) === n ? [j] : []));
      const numbers = [...new Set(linear.columns.map((_, j) => blockOf(j)).filter((n) => !Number.isNaN(n)))];
      const windows = model.neighbourhoods!.slice(0, -5); // then three PGY levels, two halves of the year
      expect(windows.length).toBe(Math.ceil((numbers.length - 1) / 2));
      for (const n of numbers.slice(1)) {
        const pair = [...planOfBlock(n - 1), ...planOfBlock(n)];
        expect(windows.some((w) => pair.every((j) => w.includes(j)))).toBe(true);
      }
      for (const w of windows) expect(new Set(w.map(blockOf)).size).toBeLessThanOrEqual(3);
      const phased = await solveInPhases(model.builder.build(), highs, model.neighbourhoods!, { timeLimitSec: 20 });
      const plain = await highs.solve(model.builder.build(), { timeLimitSec: 20 });
      expect(phased.status).toBe('optimal');
      expect(plain.status).toBe('optimal');
      expect(phased.objective!).toBeCloseTo(plain.objective!, 6);
      expect(phased.objective!).toBeGreaterThan(0);
      expect(violatedRows(model.builder, phased.values, 1e-6)).toEqual([]);

      // Given time, the whole search proves it before any neighbourhood runs; small plans ask for that.
      const whole = await solveInPhases(model.builder.build(), highs, model.neighbourhoods!, {
        timeLimitSec: 20,
        wholeModelFirstSec: 20,
      });
      expect(whole.status).toBe('optimal');
      expect(whole.improvements).toBe(0);
      expect(whole.objective!).toBeCloseTo(plain.objective!, 6);
      expect(model.wholeModelFirstSec).toBeGreaterThan(0);
    },
  );

  it('HiGHS and GLPK agree on the optimal objective', async () => {
    const data = smallProgram(2);
    // Both PGY-1s ask for leave in block 6: one of them must still staff the inpatient team.
    data.absences.push({ ...absence('v1', 'PGY1-01', 'vacation', '2026-11-23', '2026-11-27'), status: 'requested' });
    data.absences.push({ ...absence('v2', 'PGY1-02', 'vacation', '2026-11-23', '2026-11-27'), status: 'requested' });
    const rules = smallPlanRules();
    for (const q of rules.requirements) if (q.rotationCode === 'FMIT') [q.minBlocks, q.maxBlocks] = [6, 7];
    const [a, b] = [await plan(data, rules), await plan(data, rules, [], getBackend('glpk'))];
    expect(a.status).toBe('optimal');
    expect(b.status).toBe('optimal');
    expect(a.figures.objective!).toBeCloseTo(b.figures.objective!, 6);
    expect(a.figures.objective!).toBeGreaterThan(0);
  });
});
