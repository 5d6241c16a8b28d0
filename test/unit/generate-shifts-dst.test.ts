// Shift rosters across the daylight-saving changes of the program's zone (America/New_York): a 19:00–07:00
// night is 13 real hours the night the clocks go back (2026-10-31) and 11 the night they go forward
// (2027-03-13). The roster counts a shift's hours, the rest between shifts and the continuous-work limit in real
// time, as the compliance engine does (core/rules/duty-items shiftStretch): before, it counted wall-clock times,
// so it planned rest the rules then found short and counted hours the rules count otherwise.
import { describe, expect, it } from 'vitest';
import { addDays, blocksForYear } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { Assignment } from '../../core/domain/types';
import { complianceInput, validate } from '../../core/rules';
import { getBackend } from '../../core/solver/backends';
import { runGeneration, withGenerated } from '../../core/solver/models/generate';
import { resolveBlock } from '../../core/solver/models/halfday-cells';
import { buildShiftRosters } from '../../core/solver/shifts';
import { YEAR } from './generate-fixture';
import { every, programWithEd, shiftActivity } from './shift-fixture';

const FALL_BACK_NIGHT = '2026-10-31';
const SPRING_FORWARD_NIGHT = '2027-03-13';
const ED = ['PGY1-02', 'PGY2-02', 'PGY3-02'];

/** The block holding a date, and the small program with its ED residents on the ED in that block. */
function edProgramAround(date: string) {
  const blocks = blocksForYear(YEAR, programWithEd().settings.blockLayout);
  const block = blocks.find((b) => b.start <= date && date <= b.end)!;
  const data = programWithEd(block.number);
  expect(data.settings.timeZone).toBe('America/New_York');
  return { data, block };
}

/** A block run as a year's step makes it (6 work seconds), and the program with its result in place. */
async function generated(data: ProgramData, blockNumber: number) {
  const report = await runGeneration(getBackend('highs'), {
    scope: 'block',
    program: data,
    academicYear: YEAR,
    blockNumber,
    timeLimitSec: 300,
    workLimitSec: 6,
  });
  expect(report.assignments, report.message).not.toBeNull();
  return { report, after: withGenerated(data, report, YEAR) };
}

const shiftOn = (a: Assignment[], person: string, date: string) =>
  a.find((x) => x.personId === person && x.date === date && x.half === 'PM' && x.activityCode.startsWith('ED'))
    ?.activityCode ?? null;

describe('shift rosters across a daylight-saving change', () => {
  it('counts the 13-hour night the clocks go back as 13 hours, as the rules do', async () => {
    const { data, block } = edProgramAround(FALL_BACK_NIGHT);
    const { report, after } = await generated(data, block.number);
    const a = report.assignments!;
    expect(ED.filter((p) => shiftOn(a, p, FALL_BACK_NIGHT) === 'EDN')).toHaveLength(1);
    // The rules measure each ED resident's shift hours: with a maximum of 1 h a week each says how many.
    const measuring = structuredClone(after);
    measuring.rotations.find((r) => r.code === 'ED')!.shifts!.maxHoursPerWeek = 1;
    const range = { start: addDays(block.start, -7), end: addDays(block.end, 7) };
    const hours = validate(complianceInput(measuring, range)).filter(
      (f) => f.ruleType === 'shift_limits' && f.message.includes('shift hours'),
    );
    for (const p of ED) {
      // By hand: 12 hours a shift; the night of the fall-back 13 (01:00–02:00 twice).
      let expected = 0;
      for (let d = block.start; d <= block.end; d = addDays(d, 1)) {
        const shift = shiftOn(a, p, d);
        if (shift) expected += shift === 'EDN' && d === FALL_BACK_NIGHT ? 13 : 12;
      }
      expect(hours.filter((f) => f.personId === p).map((f) => f.measured)).toEqual([expected]);
    }
    // And the roster counts that night as 13 hours too: its limits hold in real hours.
    const checked = validate(complianceInput(after, range));
    expect(checked.filter((f) => ['shift_limits', 'acgme_80h', 'acgme_rest_between'].includes(f.ruleType))).toEqual([]);
  }, 300_000);

  it('keeps the rest between shifts in real hours over the night the clocks go forward', async () => {
    const { data, block } = edProgramAround(SPRING_FORWARD_NIGHT);
    // 12 hours between work periods; no night shifts at weekends; the other two ED residents away that weekend.
    data.settings.rules.find((r) => r.type === 'acgme_rest_between')!.params = { minRestHours: 12 };
    data.rotations.find((r) => r.code === 'ED')!.shifts!.shifts[1].cover = { ...every(1), '6': 0, '7': 0 };
    for (const p of ['PGY2-02', 'PGY3-02'])
      data.absences.push({
        id: `away-${p}`,
        personId: p,
        type: 'medical',
        start: SPRING_FORWARD_NIGHT,
        end: addDays(SPRING_FORWARD_NIGHT, 1),
        status: 'approved',
        note: null,
      });
    const { report, after } = await generated(data, block.number);
    // Saturday's day shift ends 19:00 and Sunday's starts at 07:00: 12 hours on the wall clock, 11 real. Only one
    // of the two can be worked.
    const days = [SPRING_FORWARD_NIGHT, addDays(SPRING_FORWARD_NIGHT, 1)].map((d) =>
      shiftOn(report.assignments!, 'PGY1-02', d),
    );
    expect(days.filter((s) => s === 'EDD')).toHaveLength(1);
    const range = { start: addDays(block.start, -7), end: addDays(block.end, 7) };
    const rest = validate(complianceInput(after, range)).filter(
      (f) => f.ruleType === 'acgme_rest_between' || (f.ruleType === 'shift_limits' && / h between /.test(f.message)),
    );
    expect(rest).toEqual([]);
  }, 300_000);

  it('offers no 24-hour shift the night the clocks go back: it would be 25 hours of continuous work', () => {
    const { data, block } = edProgramAround(FALL_BACK_NIGHT);
    data.activities.push(shiftActivity('ED24', 'ED 24 hours', '07:00', '07:00'));
    data.rotations.find((r) => r.code === 'ED')!.shifts!.shifts = [{ activityCode: 'ED24', cover: every(1) }];
    const [plan] = buildShiftRosters(resolveBlock(data, { academicYear: YEAR, blockNumber: block.number }));
    const d = plan.dates.indexOf(FALL_BACK_NIGHT);
    const types = plan.problem.shifts.filter((t) => plan.shiftOfType.get(t.id) === 'ED24');
    // The roster's ED24 on that day is 25 hours long, and no resident may work it.
    const offered = (st: (typeof plan.problem.staff)[number]) =>
      types.filter((t) => !st.shiftsOff?.some((o) => o.day === d && o.shift === t.id) && !st.daysOff?.includes(d));
    expect(Math.max(...types.map((t) => t.minutes))).toBe(25 * 60);
    for (const st of plan.problem.staff) expect(offered(st), st.id).toEqual([]);
    // The day before and after, one 24-hour type each resident may work.
    for (const other of [d - 1, d + 1])
      for (const st of plan.problem.staff)
        expect(
          types.filter((t) => !st.shiftsOff?.some((o) => o.day === other && o.shift === t.id)).map((t) => t.minutes),
        ).toEqual([24 * 60]);
  });
});
