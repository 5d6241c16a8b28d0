// Regenerating after a change starts from the published schedule. A block's half-days and its calls
// are published; one new approved absence breaks them (the absent faculty member precepted in a slot
// that then lacks supervision; was on call that night); the regeneration is stopped before its search
// has anything (the user's Stop, or a year step with no time left). The draft is the published
// schedule with what the absence forces changed, counted as the churn guard counts it
// (core/domain/churn.ts): before, the stopped run had no schedule at all, and the first one its
// search found was whatever the search had then, not the published one.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { addDays, blocksForYear, isoWeekday } from '../../core/domain/calendar';
import { churnsSlot } from '../../core/domain/churn';
import type { ProgramData } from '../../core/domain/program';
import type { Absence, Assignment } from '../../core/domain/types';
import { getBackend } from '../../core/solver/backends';
import { completeContinuous, violatedRows } from '../../core/solver/models/builder';
import { buildCallModel } from '../../core/solver/models/call';
import { buildBlockScheduleModel } from '../../core/solver/models/halfday';
import type { GenerationModel } from '../../core/solver/models/model';
import { solveGeneration } from '../../core/solver/models/solve';

const YEAR = 2026;
const BLOCK = 3;
const highs = getBackend('highs');
const base = generateProgram({ seed: 1, academicYear: YEAR, residentsPerPgy: [6, 6, 5] });
const block = blocksForYear(YEAR, base.settings.blockLayout).find((b) => b.number === BLOCK)!;
const inBlock = (d: string) => d >= block.start && d <= block.end;
const key = (a: { personId: string; date: string; half: string }) => `${a.personId}:${a.date}:${a.half}`;

function absent(data: ProgramData, personId: string, start: string, end = start): ProgramData {
  const absence: Absence = {
    id: 'new-absence',
    personId,
    type: 'vacation',
    start,
    end,
    status: 'approved',
    note: null,
  };
  return { ...data, absences: [...data.absences, absence] };
}

/** Rows the published values alone break (before any repair). */
function brokenByPublished<R>(model: GenerationModel<R>): string[] {
  const values = new Float64Array(model.builder.columns.length);
  for (const [j, v] of model.startHint ?? []) values[j] = v;
  return violatedRows(model.builder, completeContinuous(model.builder, values));
}

const stoppedAtOnce = { timeLimitSec: 60, mipGap: 0.01, stop: () => true };

describe('a regeneration stopped before its search has a schedule', () => {
  it('keeps the published half-days and changes only what a new absence forces', async () => {
    // The block as the app generates and publishes it.
    const first = await solveGeneration(
      buildBlockScheduleModel(base, { academicYear: YEAR, blockNumber: BLOCK }),
      highs,
      { timeLimitSec: 60, mipGap: 0.01 },
    );
    const mine = new Set(first.result!.personIds);
    const published: ProgramData = {
      ...base,
      assignments: [
        ...base.assignments.filter((a) => !(mine.has(a.personId) && inBlock(a.date))),
        ...first.result!.assignments,
      ],
    };
    const was = new Map(published.assignments.filter((a) => inBlock(a.date)).map((a) => [key(a), a.activityCode]));
    const churned = (as: Assignment[]) => as.filter((a) => churnsSlot(was.get(key(a)) ?? null, a.activityCode));

    // The change: a faculty member who precepts in a slot with no preceptor to spare is away that day.
    const precepting = first.result!.assignments.filter((a) => a.activityCode === 'AT' && isoWeekday(a.date) <= 5);
    const change = precepting
      .map((a) => ({ a, data: absent(published, a.personId, a.date) }))
      .find(
        ({ data }) =>
          brokenByPublished(buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: BLOCK })).length > 0,
      );
    expect(change, 'a slot whose supervision the absence breaks').toBeDefined();
    const { a: gone, data } = change!;

    const model = buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: BLOCK });
    expect(brokenByPublished(model).some((r) => r.startsWith('row supervision['))).toBe(true);
    // The repair of the published schedule polls the Stop too (it ends at its first repaired schedule).
    const polled: boolean[] = [];
    const recording: typeof highs = {
      ...highs,
      solve: (m, o) => {
        polled.push(o.stop !== undefined);
        return highs.solve(m, o);
      },
    };
    const out = await solveGeneration(model, recording, stoppedAtOnce);
    expect(out.status, out.message).toBe('feasible');
    expect(polled[0], 'the repair is given the stop').toBe(true);
    expect(out.message).toMatch(/kept the current one, changed only where it no longer meets every rule \(stopped\)/);

    // What the absence forces: the absent member's published work that day goes, and the slot it
    // left short gets another preceptor; nothing else of the published block moves.
    const moved = churned(out.result!.assignments);
    const forced = (a: Assignment) =>
      (a.personId === gone.personId && a.date === gone.date) || (a.date === gone.date && a.half === gone.half);
    expect(moved.filter((a) => !forced(a)).map(key)).toEqual([]);
    expect(moved.filter((a) => a.personId !== gone.personId).map((a) => a.activityCode)).toEqual(['AT']);
    const awayThatDay = [...was].filter(([k, code]) => k.startsWith(`${gone.personId}:${gone.date}:`) && code !== 'LV');
    expect(moved.filter((a) => a.personId === gone.personId).length).toBe(awayThatDay.length);

    // No more than the regeneration that runs to the end changes.
    const full = await solveGeneration(
      buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: BLOCK }),
      highs,
      {
        timeLimitSec: 60,
        mipGap: 0.01,
      },
    );
    expect(moved.length).toBeLessThanOrEqual(churned(full.result!.assignments).length);
  }, 120_000);

  it('keeps the published calls and gives only the absent member’s night to someone else', async () => {
    const range = { start: block.start, end: block.end, regenerateInpatientWeeks: true };
    const first = await solveGeneration(buildCallModel(base, range), highs, { timeLimitSec: 60, mipGap: 0.01 });
    const published: ProgramData = {
      ...base,
      calls: [...base.calls.filter((c) => !inBlock(c.date)), ...first.result!.calls],
      inpatientWeeks: [
        ...base.inpatientWeeks.filter((w) => !(w.start >= block.start && w.end <= block.end)),
        ...first.result!.inpatientWeeks,
      ],
    };
    const night = first.result!.calls.find((c) => c.callTypeCode === 'OC' && c.date > addDays(block.start, 7))!;
    const data = absent(published, night.personId, night.date, addDays(night.date, 1));
    const model = buildCallModel(data, range);
    // The night's published member can no longer take it: the start leaves it to the repair.
    expect(brokenByPublished(model).some((r) => r.startsWith(`row callCover[${night.date}]`))).toBe(true);

    const out = await solveGeneration(model, highs, stoppedAtOnce);
    expect(out.status, out.message).toBe('feasible');
    const before = new Map(
      published.calls.filter((c) => inBlock(c.date)).map((c) => [`${c.date}:${c.callTypeCode}`, c]),
    );
    const moved = out.result!.calls.filter((c) => {
      const p = before.get(`${c.date}:${c.callTypeCode}`);
      return p !== undefined && p.personId !== c.personId && ['OC', 'WKND'].includes(c.callTypeCode);
    });
    expect(moved.map((c) => c.date)).toEqual([night.date]);
    expect(moved[0].personId).not.toBe(night.personId);
    const weeks = new Map(published.inpatientWeeks.map((w) => [w.start, w.personId]));
    expect(out.result!.inpatientWeeks.filter((w) => weeks.has(w.start) && weeks.get(w.start) !== w.personId)).toEqual(
      [],
    );
  }, 120_000);
});
