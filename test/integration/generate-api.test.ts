// The generate.* contract methods through the core's validating dispatcher (what the Electron
// preload and the browser test host call): start → jobs.status → result, runs, explain, stop,
// and their refusals.
import { describe, expect, it } from 'vitest';
import type { CellExplanationView, GenerationResult, GenerationRunSummary, JobStatus } from '../../core/api/contract';
import type { Rotation } from '../../core/domain/types';
import { signedInCoreOnProgram, YEAR } from './generation-fixture';
import { joinRegExp } from '../regexp';
import { value } from '../test-core';

async function finished(jobId: string): Promise<JobStatus> {
  for (;;) {
    const s = value<JobStatus>(await on.core.dispatch('jobs.status', { jobId }));
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const on = signedInCoreOnProgram('api.sqlite');

describe('generate.* through the dispatcher', () => {
  it('starts a job whose result names the draft; the run is listed and its cells explained', async () => {
    const { jobId } = value<{ jobId: string }>(
      await on.core.dispatch('generate.start', { scope: 'calls', academicYear: YEAR, blockNumber: 3 }),
    );
    const done = await finished(jobId);
    expect(done.state, done.error ?? '').toBe('succeeded');
    const result = done.result as GenerationResult;
    expect(result).toMatchObject({ status: 'succeeded', scope: 'calls', blockNumber: 3 });
    expect(result.draftId).not.toBeNull();

    const runs = value<GenerationRunSummary[]>(await on.core.dispatch('generate.runs', { draftId: result.draftId }));
    expect(runs.map((r) => r.id)).toEqual([result.runId]);
    expect(
      value<GenerationRunSummary>(await on.core.dispatch('generate.run', { runId: result.runId })).figures.variables,
    ).toBe(result.figures.variables);

    const night = result.range.start;
    const why = value<CellExplanationView>(
      await on.core.dispatch('generate.explain', {
        draftId: result.draftId,
        target: { kind: 'inpatient', date: night },
      }),
    );
    expect(why.key).toMatch(/^inpatient:/);
    expect(why.reasons.length).toBeGreaterThan(0);

    // A draft made by hand has no explanations.
    const manual = value<{ id: number }>(await on.core.dispatch('drafts.create', { name: 'by hand' }));
    const refused = await on.core.dispatch('generate.explain', {
      draftId: manual.id,
      target: { kind: 'call', date: night, callTypeCode: 'OC' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/not written by schedule generation/) },
    });
  }, 120_000);

  it('annual plan: a draft holding the plan; its entries are explained and the draft shows the plan diff', async () => {
    const { jobId } = value<{ jobId: string }>(
      await on.core.dispatch('generate.start', { scope: 'annual', academicYear: YEAR, timeLimitSec: 60 }),
    );
    const done = await finished(jobId);
    const result = done.result as GenerationResult;
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect(result.draftId).not.toBeNull();
    const cmp = value<{
      diff: { rotations: { personId: string; blockNumber: number; after: { part: 'full' | 'first' | 'second' }[] }[] };
    }>(await on.core.dispatch('drafts.diff', { draftId: result.draftId }));
    expect(cmp.diff.rotations.length).toBeGreaterThan(0);
    const entry = cmp.diff.rotations.find((r) => r.after.length > 0)!;
    const why = value<CellExplanationView>(
      await on.core.dispatch('generate.explain', {
        draftId: result.draftId,
        target: { kind: 'plan', personId: entry.personId, blockNumber: entry.blockNumber, part: entry.after[0].part },
      }),
    );
    expect(why.generated).toBeTruthy();
    expect(why.reasons.length).toBeGreaterThan(0);
    expect(why).toMatchObject({ draftValue: why.generated, editedSince: false });
  }, 120_000);

  it('refuses bad requests with the field that is wrong', async () => {
    const annualWithBlock = await on.core.dispatch('generate.start', {
      scope: 'annual',
      academicYear: YEAR,
      blockNumber: 2,
    });
    expect(annualWithBlock).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'blockNumber' }] },
    });
    const blockWithout = await on.core.dispatch('generate.start', { scope: 'block', academicYear: YEAR });
    expect(blockWithout).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'blockNumber', message: 'choose a block' }] },
    });
    const badBackend = await on.core.dispatch('generate.start', {
      scope: 'calls',
      academicYear: YEAR,
      blockNumber: 2,
      backend: 'cplex',
    });
    expect(badBackend).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const both = await on.core.dispatch('generate.explain', {
      draftId: 1,
      runId: 1,
      target: { kind: 'inpatient', date: '2026-09-01' },
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'draftId' }] } });
    const noBlock = await on.core.dispatch('generate.start', { scope: 'calls', academicYear: YEAR, blockNumber: 45 });
    expect(noBlock).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/Block 45/) },
    });
    const unknownJob = await on.core.dispatch('generate.stop', { jobId: 'nope' });
    expect(unknownJob).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("says which rules cap a shift rotation's hours below its minimum, in the result and the run record", async () => {
    const rotations = value<Rotation[]>(await on.core.dispatch('rotations.list', {}));
    const em = rotations.find((r) => r.code === 'EM')!;
    const every = (n: number) => Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, n]));
    const shift = (code: string, name: string, start: string, end: string) => ({
      code,
      name,
      start,
      end,
      cover: every(1),
    });
    // 70 h a week of 12-hour day and night shifts: more than one day off in seven leaves.
    value(
      await on.core.dispatch('rotations.setShifts', {
        rotationId: em.id,
        shifts: {
          shifts: [shift('EMD', 'EM day', '07:00', '19:00'), shift('EMN', 'EM night', '19:00', '07:00')],
          minRestHours: 10,
          maxConsecutiveShifts: 7,
          minHoursPerWeek: 70,
          maxHoursPerWeek: 80,
          minWeekendsOff: 0,
        },
      }),
    );
    try {
      const blocks = value<{ number: number }[]>(await on.core.dispatch('blocks.list', { academicYear: YEAR }));
      const plan = on.fixture.data.rotationAssignments.filter(
        (a) => a.academicYear === YEAR && a.rotationId === em.id && a.part === 'full',
      );
      const block = blocks.find((b) => b.number > 0 && plan.some((a) => a.blockNumber === b.number))!;
      const { jobId } = value<{ jobId: string }>(
        await on.core.dispatch('generate.start', {
          scope: 'block',
          academicYear: YEAR,
          blockNumber: block.number,
          timeLimitSec: 60,
        }),
      );
      const done = await finished(jobId);
      const result = done.result as GenerationResult;
      expect(result.status, result.message).toBe('invalid');
      const cause = joinRegExp(
        /^EM: .+ can work at most \d+ shift hours \(\d+ shifts of 12 h\) in block \d+ \(.+\), because the rules /,
        /allow no more: One day off in seven: 4 free days in every 28 .*The rotation asks for at least \d+ h /,
        /\(70 h a week over \d+ available days\)$/,
      );
      expect(result.diagnosis?.relaxations[0]).toMatchObject({
        message: expect.stringMatching(cause),
        fix: { targets: [{ label: 'Rotation EM', target: { kind: 'rotation', rotationId: em.id } }] },
      });
      // The run's record keeps it: the run history shows the same words.
      const run = value<GenerationRunSummary>(await on.core.dispatch('generate.run', { runId: result.runId }));
      expect(run.diagnosis?.relaxations[0].message).toBe(result.diagnosis?.relaxations[0].message);
      if (result.draftId !== null)
        value(await on.core.dispatch('drafts.discard', { draftId: result.draftId, reason: 'test clean-up' }));
    } finally {
      value(await on.core.dispatch('rotations.setShifts', { rotationId: em.id, shifts: null }));
    }
  }, 300_000);
});
