// The repair model keeps the rules the compliance engine holds hard, by their one definition,
// checked on the chosen actions themselves (the exact search and the MILP), so the compliance
// engine's second look is not what keeps them out: no cover is given call on a night next to a call
// of theirs (consecutive_call_nights) nor a call their own inpatient week forbids (inside it, or the
// night before it: call_during_inpatient_week, core/domain/call-patterns); no cover is put on duty
// over their moonlighting (double_booking, with the duty definition of core/rules/duty-items).
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import { generateProgram } from '../../core/demo/generate';
import { addDays, datesInRange } from '../../core/domain/calendar';
import { ownWeekCallConflict } from '../../core/domain/call-patterns';
import { highsBackend } from '../../core/solver/backends';
import { analyseLoss, Baseline, HORIZON_MARGIN_DAYS, RepairChecker, repairLoss } from '../../core/solver/contingency';
import { teamActions } from '../../core/solver/contingency/actions';
import { type RepairSolution, solveRepair } from '../../core/solver/contingency/model';
import { describeRepair } from '../../core/solver/contingency/repair';

const WEEKS = ['2026-10-05', '2026-12-21', '2027-02-01'];

/** What the independent check finds in a repair, one line per finding. */
function repairProblems(checker: RepairChecker, b: Baseline, solution: RepairSolution, week: string): string[] {
  const { problems } = checker.check(describeRepair(b, solution, week, 'model'));
  return problems.map((f) => `${f.ruleId} ${f.personId}: ${f.message}`);
}

/** A residents' in-house call counted as duty, from `start` to `end` (the next morning). */
function inHouseNightCall(code: string, name: string, start: string, end: string) {
  return {
    code,
    name,
    start,
    end,
    inHouse: true,
    for: 'resident' as const,
    countsTowardDutyHours: true,
    clockChange: 'scheduled_hours' as const,
  };
}

function withSeverity(data: ProgramData, type: string, severity: 'low' | 'high'): ProgramData {
  const rules = data.settings.rules.map((r) => (r.type === type ? { ...r, severity } : r));
  return { ...data, settings: { ...data.settings, rules } };
}

/** Call rules one repair breaks, each naming the cover, the night and the rule. */
async function brokenCallRules(data: ProgramData, week: string, gone: string[], milpOnly: boolean): Promise<string[]> {
  const horizon = { start: addDays(week, -HORIZON_MARGIN_DAYS), end: addDays(week, 6 + HORIZON_MARGIN_DAYS) };
  const b = new Baseline(data, horizon);
  const days = Array.from({ length: 7 }, (_, i) => b.day(addDays(week, i)));
  const solution = await solveRepair(b, analyseLoss(b, { gone, days }), { backend: highsBackend, milpOnly });
  const out: string[] = [];
  const dutyCall = (code: string) => data.callTypes.find((t) => t.code === code)!.countsTowardDutyHours;
  for (const a of solution.actions) {
    if (!a.call) continue;
    const date = b.dates[a.call.day];
    const mine = solution.actions.filter((x) => x.personId === a.personId);
    const weeks = [
      ...data.inpatientWeeks.filter((w) => w.personId === a.personId),
      ...mine.flatMap((x) => (x.week ? [x.week] : [])),
    ];
    if (weeks.some((w) => ownWeekCallConflict(date, w, { allowedWeekdays: [5, 6], nightsBefore: 1 })))
      out.push(`call_during_inpatient_week: ${a.personId} on ${date}`);
    if (!dutyCall(a.call.callTypeCode)) continue;
    const ownWeek = (d: string) => weeks.find((w) => d >= w.start && d <= w.end);
    const calls = new Set([
      ...data.calls.filter((c) => c.personId === a.personId && dutyCall(c.callTypeCode)).map((c) => c.date),
      ...mine.flatMap((x) => (x.call && dutyCall(x.call.callTypeCode) ? [b.dates[x.call.day]] : [])),
    ]);
    for (const [x, y] of [
      [addDays(date, -1), date],
      [date, addDays(date, 1)],
    ])
      if (calls.has(x) && calls.has(y) && !(ownWeek(x) && ownWeek(x) === ownWeek(y)))
        out.push(`consecutive_call_nights: ${a.personId} on ${x} and ${y}`);
  }
  return out;
}

describe('the repair model and the call rules', () => {
  const demo = generateProgram({ seed: 1, academicYear: 2026 });
  const faculty = demo.people.filter((p) => p.kind === 'faculty').map((p) => p.id);
  // Each rule hard alone, then both: the other one may not be what keeps a cover out.
  const programs: [ProgramData, string[]][] = [
    [demo, ['consecutive_call_nights', 'call_during_inpatient_week']],
    [withSeverity(demo, 'consecutive_call_nights', 'low'), ['call_during_inpatient_week']],
    [withSeverity(demo, 'call_during_inpatient_week', 'low'), ['consecutive_call_nights']],
  ];

  it('gives no cover a call on the night next to one of theirs, nor one their inpatient week forbids', async () => {
    let repairs = 0;
    for (const [data, hard] of programs) {
      for (const week of WEEKS) {
        const nights = new Set(datesInRange(week, addDays(week, 6)));
        for (const id of faculty.filter((f) => data.calls.some((c) => c.personId === f && nights.has(c.date)))) {
          for (const milpOnly of [false, true]) {
            const broken = await brokenCallRules(data, week, [id], milpOnly);
            const label = `${hard.join(' + ')}: ${week}, ${id} gone${milpOnly ? ' (MILP)' : ''}`;
            expect(
              broken.filter((x) => hard.some((rule) => x.startsWith(rule))),
              label,
            ).toEqual([]);
            repairs++;
          }
        }
      }
    }
    expect(repairs).toBeGreaterThan(50);
  }, 300_000);
});

describe('the repair model and moonlighting', () => {
  /**
   * The program with each of these people moonlighting on one date (08:00-20:00 unless said), and its week's baseline.
   */
  function moonlightingOn(
    data: ProgramData,
    people: { id: string }[],
    date: string,
    week: string,
    hours: [string, string] = ['08:00', '20:00'],
  ) {
    const moonlighting = people.map((p, i) => ({
      id: `ml-test-${date}-${i}`,
      personId: p.id,
      start: `${date}T${hours[0]}`,
      end: `${date}T${hours[1]}`,
      internal: false,
      approved: true,
    }));
    const program = { ...data, moonlighting: [...data.moonlighting, ...moonlighting] };
    const horizon = { start: addDays(week, -HORIZON_MARGIN_DAYS), end: addDays(week, 6 + HORIZON_MARGIN_DAYS) };
    const b = new Baseline(program, horizon);
    const days = Array.from({ length: 7 }, (_, i) => b.day(addDays(week, i)));
    return { program, b, days, busy: new Set(people.map((p) => p.id)) };
  }

  it('puts no one on duty over their moonlighting shift, and the engine agrees the first time', async () => {
    const week = '2026-10-05';
    const data = generateProgram({ seed: 1, academicYear: 2026 });
    // res-05 is on the inpatient team on Saturday 10 Oct; half the other residents moonlight that day.
    const others = data.people.filter((p) => p.kind === 'resident' && p.id !== 'res-05');
    const moonlighters = others.filter((_, i) => i % 2 === 0);
    const { program, b, days, busy } = moonlightingOn(data, moonlighters, '2026-10-10', week);
    const activity = new Map(program.activities.map((a) => [a.code, a]));
    for (const milpOnly of [false, true]) {
      const loss = analyseLoss(b, { gone: ['res-05'], days });
      const solution = await solveRepair(b, loss, { backend: highsBackend, milpOnly });
      const changes = solution.actions.flatMap((a) => a.changes);
      // The Saturday's team places are covered, by people free that day.
      expect(changes.some((c) => c.to === 'FMIT' && b.dates[c.day] === '2026-10-10')).toBe(true);
      const overMoonlighting = changes.filter((c) => {
        const a = c.to ? activity.get(c.to) : undefined;
        const range = a?.countsTowardDutyHours ? (c.half === 0 ? a.am : a.pm) : null;
        const saturday = b.dates[c.day] === '2026-10-10';
        return range && busy.has(c.personId) && saturday && range.start < '20:00' && range.end > '08:00';
      });
      expect(overMoonlighting, milpOnly ? 'MILP' : 'exact search').toEqual([]);
    }
    const checker = new RepairChecker(b, { start: addDays(week, -7), end: addDays(week, 20) });
    const options = { backend: highsBackend, checker, maxRounds: 1 };
    const solved = await repairLoss(b, { gone: ['res-05'], days }, week, options);
    expect(solved.repair?.problems).toEqual([]);
  }, 120_000);

  it('gives no one an in-house call that joins their moonlighting into work past 24 + 4 hours', async () => {
    // The 40-resident N-2 sweep's one repair the engine sent back (week of 14 Jun 2027): a
    // resident given a 24-hour L&D call (07:00-07:00) the day before their 08:00-20:00
    // moonlighting shift: a one-hour break, so 37 h of continuous work.
    const week = '2026-10-05';
    const data = generateProgram({ seed: 1, academicYear: 2026 });
    // The demo gives someone the L&D call of Saturday 10 Oct (the one who is then gone); every
    // other resident but two moonlights on Sunday from 08:00, an hour after that call would end.
    const ld = data.calls.find((c) => c.date === '2026-10-10' && c.callTypeCode === 'LD');
    expect(ld).toBeDefined();
    const gone = ld!.personId;
    const residents = data.people.filter((p) => p.kind === 'resident' && p.id !== gone);
    const moonlighters = residents.slice(2);
    const { b, days, busy } = moonlightingOn(data, moonlighters, '2026-10-11', week);
    for (const milpOnly of [false, true]) {
      const solution = await solveRepair(b, analyseLoss(b, { gone: [gone], days }), {
        backend: highsBackend,
        milpOnly,
      });
      const takers = solution.actions.filter(
        (a) => a.call?.callTypeCode === 'LD' && b.dates[a.call.day] === '2026-10-10',
      );
      expect(takers.length, milpOnly ? 'MILP' : 'exact search').toBe(1);
      expect(busy.has(takers[0].personId), `${takers[0].personId} takes the call before moonlighting`).toBe(false);
    }
    const checker = new RepairChecker(b, { start: addDays(week, -7), end: addDays(week, 20) });
    const solved = await repairLoss(b, { gone: [gone], days }, week, {
      backend: highsBackend,
      checker,
      maxRounds: 1,
    });
    expect(solved.repair?.problems).toEqual([]);
  }, 120_000);

  it("counts the cover's own half-days that join a new in-house call to their moonlighting", async () => {
    // A 15-hour night call (17:00-08:00, in house) on Friday 9 Oct and a 09:00-13:00 shift on
    // the Saturday: call and shift alone are 20 h, but a cover's own Friday clinic from 07:00 or
    // 08:00 joins them (breaks under 2 h) into 29-30 h of continuous work (acgme_continuous,
    // critical). res-04 is gone that Friday; every other resident but res-16 moonlights.
    const week = '2026-10-05';
    const generated = generateProgram({ seed: 1, academicYear: 2026 });
    const night = inHouseNightCall('NIGHT', 'Night call', '17:00', '08:00');
    const data: ProgramData = {
      ...generated,
      callTypes: [...generated.callTypes, night],
      calls: [...generated.calls, { date: '2026-10-09', callTypeCode: 'NIGHT', personId: 'res-04', source: 'manual' }],
    };
    const moonlighters = data.people.filter((p) => p.kind === 'resident' && !['res-04', 'res-16'].includes(p.id));
    const { b } = moonlightingOn(data, moonlighters, '2026-10-10', week, ['09:00', '13:00']);
    const scenario = { gone: ['res-04'], days: [b.day('2026-10-09')] };
    const checker = new RepairChecker(b, { start: addDays(week, -7), end: addDays(week, 20) });
    for (const milpOnly of [false, true]) {
      const solution = await solveRepair(b, analyseLoss(b, scenario), { backend: highsBackend, milpOnly });
      const takers = solution.actions.filter((a) => a.call?.callTypeCode === 'NIGHT');
      expect(takers.length, milpOnly ? 'MILP' : 'exact search').toBe(1);
      expect(repairProblems(checker, b, solution, week), milpOnly ? 'MILP' : 'exact search').toEqual([]);
    }
  }, 120_000);
});

describe('the repair model and the 80 hours over a short rotation', () => {
  // With the 80-hour rule's averageShortRotations on, a rotation shorter than the 28-day window
  // is averaged over its own days (core/rules/acgme-hours). res-15 is on DERM for the 14 days
  // 8–21 Oct 2026 (night float before, clinic after) and moonlights 80 h in them: 151 h, under
  // the 160 allowed; the 24-hour L&D call of Saturday 10 Oct (res-09's, who is gone) would make
  // it 175 h, while every 28-day window with it stays under 320 h. Everyone else is ruled out for
  // the call, and the day-off rules are off, so only the 80 hours can keep res-15 from taking it.
  const week = '2026-10-05';
  const moonlighting: [string, string][] = [
    ['2026-10-08T18:00', '2026-10-08T21:00'],
    ['2026-10-12T10:00', '2026-10-13T00:00'],
    ...['13', '14', '15', '16', '19', '20', '21'].map((d): [string, string] => [
      `2026-10-${d}T18:00`,
      `2026-10-${d}T23:00`,
    ]),
    ['2026-10-17T08:00', '2026-10-17T22:00'],
    ['2026-10-18T08:00', '2026-10-18T22:00'],
  ];
  function program(averageShortRotations: boolean): ProgramData {
    const data = generateProgram({ seed: 1, academicYear: 2026 });
    const rules = data.settings.rules
      .filter((r) => r.type !== 'acgme_day_off' && r.type !== 'consecutive_days')
      .map((r) => (r.type === 'acgme_80h' ? { ...r, params: { ...r.params, averageShortRotations } } : r));
    const shifts = moonlighting.map(([start, end], i) => ({
      id: `ml-short-${i}`,
      personId: 'res-15',
      start,
      end,
      internal: false,
      approved: true,
    }));
    return { ...data, settings: { ...data.settings, rules }, moonlighting: [...data.moonlighting, ...shifts] };
  }
  async function takerOfTheCall(averageShortRotations: boolean) {
    const data = program(averageShortRotations);
    const horizon = { start: addDays(week, -HORIZON_MARGIN_DAYS), end: addDays(week, 6 + HORIZON_MARGIN_DAYS) };
    const b = new Baseline(data, horizon);
    const ld = data.calls.find((c) => c.date === '2026-10-10' && c.callTypeCode === 'LD')!;
    expect(ld.personId).toBe('res-09');
    // The fixture is what it says: the DERM days hold 151 h, every 28-day window far less than 320.
    const hours = b.hoursPerDay('res-15');
    const sum = (from: string, days: number) =>
      Array.from({ length: days }, (_, i) => hours[b.day(addDays(from, i))]).reduce((a, h) => a + h, 0);
    expect(b.rotationOn('res-15', b.day('2026-10-08'))?.code).toBe('DERM');
    expect(b.rotationOn('res-15', b.day('2026-10-07'))?.code).not.toBe('DERM');
    expect(b.rotationOn('res-15', b.day('2026-10-22'))?.code).not.toBe('DERM');
    expect(sum('2026-10-08', 14)).toBeCloseTo(151, 6);
    for (let s = -27; s <= 0; s++) expect(sum(addDays('2026-10-10', s), 28) + 24).toBeLessThanOrEqual(320);
    const banned = new Set<string>();
    for (const p of data.people) if (p.id !== 'res-15') for (let d = 0; d < b.length; d++) banned.add(`${p.id}@${d}`);
    const scenario = { gone: ['res-09'], days: [b.day('2026-10-10')] };
    const checker = new RepairChecker(b, { start: addDays(week, -28), end: addDays(week, 28) });
    const out: { taker: string | null; problems: string[] }[] = [];
    for (const milpOnly of [false, true]) {
      const solution = await solveRepair(b, analyseLoss(b, scenario), { backend: highsBackend, milpOnly, banned });
      const taker = solution.actions.find((a) => a.call?.callTypeCode === 'LD')?.personId ?? null;
      out.push({ taker, problems: repairProblems(checker, b, solution, week) });
    }
    return out;
  }

  it('gives no one a call that takes their short rotation over 80 hours a week on its own days', async () => {
    for (const { taker, problems } of await takerOfTheCall(true)) {
      expect(taker).toBeNull();
      expect(problems).toEqual([]);
    }
  }, 120_000);

  it('without the setting the same call is theirs (only the 28-day windows count)', async () => {
    for (const { taker, problems } of await takerOfTheCall(false)) {
      expect(taker).toBe('res-15');
      expect(problems).toEqual([]);
    }
  }, 120_000);
});

/** The halves of a day a person has duty in after a repair: its changes, else their own cells. */
function dutyHalves(b: Baseline, solution: RepairSolution, personId: string, date: string): number[] {
  const day = b.day(date);
  return [0, 1].filter((half) => {
    const change = solution.actions
      .flatMap((a) => a.changes)
      .find((c) => c.personId === personId && c.day === day && c.half === half);
    const code = change ? change.to : (b.cell(personId, day, half)?.activityCode ?? null);
    return code !== null && b.isDuty(code, half);
  });
}

describe('the rest after a long in-house call a cover takes', () => {
  it("rests the cover as the program's rest-after-call rule says, not only after a call of 24 hours", async () => {
    // The program owes 14 h free after 16 h of in-house call (a local policy stricter than the
    // ACGME's 24). A 16-hour night call (19:00-11:00) on Tue 6 Oct frees its resident at Thu 01:00:
    // Wednesday's duty goes. res-04 has the call and is gone that day.
    const week = '2026-10-05';
    const generated = generateProgram({ seed: 1, academicYear: 2026 });
    const night = inHouseNightCall('NIGHT16', '16-hour night call', '19:00', '11:00');
    const rules = generated.settings.rules.map((r) =>
      r.type === 'acgme_rest_after_call' ? { ...r, params: { ...r.params, afterHours: 16 } } : r,
    );
    const data: ProgramData = {
      ...generated,
      settings: { ...generated.settings, rules },
      callTypes: [...generated.callTypes, night],
      calls: [
        ...generated.calls,
        { date: '2026-10-06', callTypeCode: 'NIGHT16', personId: 'res-04', source: 'manual' },
      ],
    };
    const horizon = { start: addDays(week, -HORIZON_MARGIN_DAYS), end: addDays(week, 6 + HORIZON_MARGIN_DAYS) };
    const b = new Baseline(data, horizon);
    const scenario = { gone: ['res-04'], days: [b.day('2026-10-06')] };
    const checker = new RepairChecker(b, { start: addDays(week, -7), end: addDays(week, 20) });
    for (const milpOnly of [false, true]) {
      const how = milpOnly ? 'MILP' : 'exact search';
      const solution = await solveRepair(b, analyseLoss(b, scenario), { backend: highsBackend, milpOnly });
      const taker = solution.actions.find((a) => a.call?.callTypeCode === 'NIGHT16');
      expect(taker, how).toBeDefined();
      // No duty on the Wednesday, by the repair's changes or the cover's own cells.
      expect(dutyHalves(b, solution, taker!.personId, '2026-10-07'), how).toEqual([]);
      expect(repairProblems(checker, b, solution, week), how).toEqual([]);
    }
  }, 120_000);

  /**
   * The seed-1 demo with res-06 on a 15-h in-house call 17:00-08:00 on Tue 6 Oct, after GER
   * 08:00-17:00 that day (Wed 7 Oct: clinic from 08:00), and the half-days listed made OFF.
   */
  function afterClinicCall(off: Record<string, ('AM' | 'PM')[]> = {}): Baseline {
    const night = { ...demo.callTypes.find((t) => t.code === 'LD')!, code: 'N15', start: '17:00', end: '08:00' };
    const call = { date: '2026-10-06', callTypeCode: 'N15', personId: 'res-06', source: 'manual' as const };
    const assignments = demo.assignments.map((a) =>
      a.personId === 'res-06' && off[a.date]?.includes(a.half) ? { ...a, activityCode: 'OFF' } : a,
    );
    const data = { ...demo, callTypes: [...demo.callTypes, night], calls: [...demo.calls, call], assignments };
    return new Baseline(data, { start: '2026-09-28', end: '2026-10-18' });
  }
  const demo = generateProgram({ seed: 1, academicYear: 2026 });

  it('puts no one on duty inside the rest a call owes with the work it joins: 15-h call after clinic', () => {
    // GER from 08:00 and the call make 24 h of work, free again Wed 22:00 (res-06 is off on
    // Wednesday here: work of theirs that day would join the call and move the rest). Without
    // Tuesday morning it is 19 h and owes no such rest.
    const b = afterClinicCall({ '2026-10-07': ['AM', 'PM'] });
    expect([0, 1].map((h) => b.cell('res-06', b.day('2026-10-06'), h)?.activityCode)).toEqual(['GER', 'GER']);
    const wed = b.day('2026-10-07');
    expect(b.clashesWithLongCall('res-06', wed, 13 * 60, 17 * 60)).toBe(true);
    expect(b.clashesWithLongCall('res-06', wed, 21 * 60 + 59, 23 * 60)).toBe(true);
    expect(b.clashesWithLongCall('res-06', wed, 22 * 60, 23 * 60)).toBe(false);
    const morningOff = afterClinicCall({ '2026-10-06': ['AM'], '2026-10-07': ['AM', 'PM'] });
    expect(morningOff.clashesWithLongCall('res-06', wed, 13 * 60, 17 * 60)).toBe(false);
  });

  it('counts the duty a cover is given before a short call: a morning that makes 24 h with the call', () => {
    // res-06 is off on Tuesday morning: GER 13:00-17:00 and the call are 19 h, no rest owed. A new
    // GER morning (08:00-12:00, joined across the 1-h lunch) makes the period 24 h, owing 14 h free:
    // it counts in the period as the validator counts it, alone or as an action's earlier change.
    const b = afterClinicCall({ '2026-10-06': ['AM'], '2026-10-07': ['AM', 'PM'] });
    const [tue, wed] = [b.day('2026-10-06'), b.day('2026-10-07')];
    expect([0, 1].map((h) => b.cell('res-06', tue, h)?.activityCode)).toEqual(['OFF', 'GER']);
    expect(b.clashesWithLongCall('res-06', tue, 8 * 60, 12 * 60)).toBe(true);
    expect(b.clashesWithLongCall('res-06', wed, 13 * 60, 17 * 60, new Map([[tue * 2, 'GER']]))).toBe(true);
    expect(b.clashesWithLongCall('res-06', wed, 13 * 60, 17 * 60)).toBe(false);
    // With Wednesday's own clinic from 08:00 (inside that rest, and joining the call into more than
    // 24 + 4 h), a team's Tuesday morning is offered to res-06 only where it leaves the period short.
    const gerTeam = (base: Baseline) => {
      const loss = analyseLoss(base, { gone: ['res-04'], days: [tue] });
      const rotation = demo.rotations.find((r) => r.code === 'GER')!;
      const cells = [{ day: tue, half: 0, code: 'GER' }];
      const hole = { kind: 'team' as const, id: 'GER', from: 'res-04', rotation, pgyLevels: null, cells };
      return teamActions(base, loss, hole, () => false).filter((a) => a.personId === 'res-06');
    };
    const withClinic = afterClinicCall({ '2026-10-06': ['AM'] });
    expect(withClinic.cell('res-06', wed, 0)?.activityCode).toBe('C');
    expect(gerTeam(withClinic)).toEqual([]);
    expect(gerTeam(afterClinicCall({ '2026-10-06': ['AM', 'PM'] }))).toHaveLength(1);
  });

  it('rests the cover after the work period the call closes: a 15-h call after a day of clinic is 24 h', async () => {
    // A 15-hour in-house call 17:00-08:00 on Tue 6 Oct joins the cover's own day of work before it
    // (from 08:00) into 24 h of work with in-house call: 14 h free after it, so no duty until
    // Wed 22:00. Kept, Wednesday morning's duty would also join the call into more than 24 + 4 h.
    // res-04 has the call and is gone (on leave Tuesday and Wednesday: nothing of theirs carries over).
    const week = '2026-10-05';
    const generated = generateProgram({ seed: 1, academicYear: 2026 });
    const night = inHouseNightCall('N15', '15-hour night call', '17:00', '08:00');
    const away = (a: ProgramData['assignments'][number]) =>
      a.personId === 'res-04' && (a.date === '2026-10-06' || a.date === '2026-10-07')
        ? { ...a, activityCode: 'LV' }
        : a;
    const data: ProgramData = {
      ...generated,
      callTypes: [...generated.callTypes, night],
      assignments: generated.assignments.map(away),
      calls: [...generated.calls, { date: '2026-10-06', callTypeCode: 'N15', personId: 'res-04', source: 'manual' }],
    };
    const horizon = { start: addDays(week, -HORIZON_MARGIN_DAYS), end: addDays(week, 6 + HORIZON_MARGIN_DAYS) };
    const b = new Baseline(data, horizon);
    const checker = new RepairChecker(b, { start: addDays(week, -7), end: addDays(week, 20) });
    for (const milpOnly of [false, true]) {
      const how = milpOnly ? 'MILP' : 'exact search';
      const scenario = { gone: ['res-04'], days: [b.day('2026-10-06')] };
      const solution = await solveRepair(b, analyseLoss(b, scenario), { backend: highsBackend, milpOnly });
      const taker = solution.actions.find((a) => a.call?.callTypeCode === 'N15');
      expect(taker, how).toBeDefined();
      // The cover worked Tuesday from 08:00 (it is what makes 24 h) and has no duty on Wednesday.
      expect(dutyHalves(b, { ...solution, actions: [] }, taker!.personId, '2026-10-06'), how).toEqual([0, 1]);
      expect(dutyHalves(b, solution, taker!.personId, '2026-10-07'), how).toEqual([]);
      expect(repairProblems(checker, b, solution, week), how).toEqual([]);
    }
  }, 120_000);
});
