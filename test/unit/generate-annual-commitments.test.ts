// The annual plan and what it does not plan itself: residents' in-house calls and weekend
// moonlighting stay where they are, so no rotation that works weekends lands on them (or in the
// two weeks before a call); and a locked entry is kept even where a later absence would forbid it.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { addDays } from '../../core/domain/calendar';
import { getBackend } from '../../core/solver/backends';
import { buildAnnualPlanModel, planPeriods } from '../../core/solver/models/annual';
import { solveGeneration } from '../../core/solver/models/solve';

const YEAR = 2026;

describe('annual plan and commitments it does not make', () => {
  it('keeps weekend-working rotations away from in-house resident calls and weekend moonlighting', async () => {
    const data = generateProgram({ seed: 1, academicYear: YEAR });
    const out = await solveGeneration(buildAnnualPlanModel(data, { academicYear: YEAR }), getBackend('highs'), {
      timeLimitSec: 30,
    });
    expect(out.status).toBe('optimal');
    const rotation = new Map(data.rotations.map((r) => [r.id, r]));
    const periods = planPeriods(YEAR, data);
    /** Rotations a resident is on over some dates. */
    const onDuring = (personId: string, from: string, to: string) =>
      out
        .result!.rotationAssignments.filter((a) => a.personId === personId)
        .filter((a) =>
          periods.some(
            (p) =>
              p.block.number === a.blockNumber &&
              (a.part === 'full' || a.part === p.part) &&
              p.start <= to &&
              p.end >= from,
          ),
        )
        .map((a) => rotation.get(a.rotationId)!);
    const calls = data.calls.filter((c) => c.callTypeCode === 'LD');
    expect(calls.length).toBeGreaterThan(50);
    for (const c of calls) {
      const clash = onDuring(c.personId, addDays(c.date, -14), addDays(c.date, 1)).filter((r) => r.worksWeekends);
      expect(clash.map((r) => `${c.personId} on ${r.code} near the LD call of ${c.date}`)).toEqual([]);
    }
    const weekend = data.moonlighting.filter((m) =>
      [6, 7].includes(new Date(`${m.start.slice(0, 10)}T12:00:00Z`).getUTCDay() || 7),
    );
    expect(weekend.length).toBeGreaterThan(0);
    for (const m of weekend)
      expect(onDuring(m.personId, m.start.slice(0, 10), m.end.slice(0, 10)).filter((r) => r.worksWeekends)).toEqual([]);
  });

  it('keeps a locked entry that a blocking absence or a call would rule out', async () => {
    const data = generateProgram({ seed: 1, academicYear: YEAR });
    const fmit = data.rotations.find((r) => r.code === 'FMIT')!;
    const entry = data.rotationAssignments.find(
      (a) => a.academicYear === YEAR && a.rotationId === fmit.id && a.blockNumber === 5,
    )!;
    const period = planPeriods(YEAR, data).find((p) => p.block.number === 5 && p.part === 'first')!;
    data.absences.push({
      id: 'abs-locked',
      personId: entry.personId,
      type: 'deployment',
      start: period.start,
      end: addDays(period.start, 2),
      status: 'approved',
      note: null,
    });
    data.calls.push({ date: addDays(period.start, 3), callTypeCode: 'LD', personId: entry.personId, source: 'manual' });
    const locked = data.rotationAssignments.filter((a) => a.academicYear === YEAR && a.blockNumber <= 5);
    const out = await solveGeneration(buildAnnualPlanModel(data, { academicYear: YEAR, locked }), getBackend('highs'), {
      timeLimitSec: 30,
    });
    expect(out.status, out.message).toBe('optimal');
    expect(
      out
        .result!.rotationAssignments.filter((a) => a.personId === entry.personId && a.blockNumber === 5)
        .map((a) => a.rotationId),
    ).toContain(fmit.id);
  });
});
