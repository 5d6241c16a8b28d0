// The generation UI's pure parts: live figures from a job status, plain-word outcomes, number
// formats, parsing of weights and time limits, and which grid cell a right-click points at.
import { describe, expect, it } from 'vitest';
import type { GenerationResult, JobStatus } from '../../core/api/contract';
import {
  formatGap,
  formatSeconds,
  liveFigures,
  outcomeHeadline,
  parseTimeLimit,
  parseWeight,
  REASON_LABELS,
  resultOf,
  statusWords,
  weightLabel,
} from '../../renderer/src/generate/format';
import { describeTarget, targetFromDataset } from '../../renderer/src/generate/explainTarget';
import { academicYearOf } from '../../renderer/src/lib/academicYear';
import { routeOfFixTarget } from '../../renderer/src/generate/fixTarget';
import { formatHash } from '../../renderer/src/state/routeHash';

function status(fields: Partial<JobStatus>): JobStatus {
  return {
    id: 'j',
    kind: 'solve',
    state: 'running',
    progress: 0,
    phase: 'Queued',
    detail: {},
    startedAt: '',
    finishedAt: null,
    error: null,
    result: null,
    ...fields,
  };
}

function result(fields: Partial<GenerationResult>): GenerationResult {
  return {
    runId: 1,
    status: 'succeeded',
    optimal: true,
    stoppedBy: null,
    bestFound: null,
    message: '',
    scope: 'block+calls',
    academicYear: 2026,
    blockNumber: 3,
    fromBlock: null,
    toBlock: null,
    completedBlocks: null,
    unsolvedBlocks: [],
    calls: null,
    range: { start: '2026-08-27', end: '2026-09-23' },
    draftId: 4,
    draftName: 'G',
    unchanged: false,
    changes: { cells: 900, calls: 28, inpatientWeeks: 4, rotations: 0 },
    missing: [],
    unplanned: [],
    lockedOverUnavailable: [],
    skippedLocked: 0,
    flags: null,
    churn: null,
    figures: {
      variables: 10,
      integers: 5,
      rows: 7,
      nonzeros: 20,
      timeToFirstFeasibleSec: 0.2,
      timeToOptimalSec: 1,
      gap: 0,
      objective: 3,
      findings: 2,
      hardFindings: 0,
      elapsedSec: 2,
      models: [],
    },
    diagnosis: null,
    hardFindings: [],
    ...fields,
  };
}

describe('generation UI helpers', () => {
  it('sends a diagnosis to where its cause is changed', () => {
    expect(formatHash(routeOfFixTarget({ kind: 'clinic_capacity' }))).toBe('#/settings?section=capacity');
    expect(formatHash(routeOfFixTarget({ kind: 'rotation', rotationId: 'rot-ORI' }))).toBe(
      '#/rotations?rotation=rot-ORI',
    );
    expect(formatHash(routeOfFixTarget({ kind: 'person', personId: 'r1-01' }))).toBe('#/person?id=r1-01');
  });

  it('reads the solver figures the worker streams into the job status', () => {
    expect(liveFigures(null)).toMatchObject({ phase: 'Starting', incumbent: null, gap: null });
    const live = liveFigures(
      status({
        phase: 'Solving: Calls',
        progress: 0.5,
        detail: { objective: 27, bound: 26.9, gap: 0.003, elapsedSec: 1.25 },
      }),
    );
    expect(live).toEqual({
      phase: 'Solving: Calls',
      fraction: 0.5,
      incumbent: 27,
      bound: 26.9,
      gap: 0.003,
      elapsedSec: 1.25,
    });
    // Missing or non-numeric figures show as unknown, never NaN.
    expect(liveFigures(status({ detail: { objective: null, gap: 'x' } }))).toMatchObject({
      incumbent: null,
      gap: null,
    });
  });

  it('formats gaps and durations for people', () => {
    expect(formatGap(null)).toBe('–');
    expect(formatGap(0)).toBe('0 %');
    expect(formatGap(0.0231)).toBe('2.31 %');
    expect(formatGap(0.9565)).toBe('96 %');
    expect(formatSeconds(0.44)).toBe('0.4 s');
    expect(formatSeconds(42.4)).toBe('42 s');
    expect(formatSeconds(125)).toBe('2 min 05 s');
  });

  it('says how a run ended, with the right tone', () => {
    expect(outcomeHeadline(result({}))).toEqual({
      text: 'Schedule generated: proven the best, no hard-rule findings',
      tone: 'success',
    });
    expect(outcomeHeadline(result({ optimal: false, figures: { ...result({}).figures, gap: 0.05 } })).text).toMatch(
      /not proven the best \(could still improve by up to 5.00 %\)$/,
    );
    // The core's words for how the run ended, as the draft's name has them.
    expect(
      outcomeHeadline(
        result({ status: 'stopped', optimal: false, stoppedBy: 'user', bestFound: 'stopped by Dana Diaz' }),
      ),
    ).toEqual({ tone: 'warning', text: 'Stopped: best schedule so far kept (stopped by Dana Diaz)' });
    expect(
      outcomeHeadline(
        result({ status: 'stopped', stoppedBy: 'time_limit', optimal: false, bestFound: 'best found in 60 s' }),
      ).text,
    ).toBe('Stopped: best schedule so far kept (best found in 60 s)');
    expect(outcomeHeadline(result({ status: 'stopped', draftId: null })).text).toMatch(/before any schedule/);
    expect(outcomeHeadline(result({ status: 'infeasible', draftId: null })).tone).toBe('error');
    expect(
      outcomeHeadline(result({ status: 'invalid', figures: { ...result({}).figures, hardFindings: 3 } })).text,
    ).toMatch(/breaks 3 hard rules$/);
    expect(
      outcomeHeadline(result({ status: 'invalid', figures: { ...result({}).figures, hardFindings: 1 } })).text,
    ).toMatch(/breaks 1 hard rule$/);
  });

  it('takes a generation result from a finished job and nothing else', () => {
    expect(resultOf(null)).toBeNull();
    expect(resultOf(status({ result: { jobId: 'x' } }))).toBeNull();
    const r = result({});
    expect(resultOf(status({ state: 'succeeded', result: r }))).toBe(r);
  });

  it("says in the top bar's few words how the run goes or ended", () => {
    expect(statusWords(null, false)).toBe('Starting generation…');
    expect(statusWords(status({ state: 'running' }), false)).toBe('Generating…');
    expect(statusWords(status({ state: 'running', detail: { elapsedSec: 42 } }), false)).toBe('Generating 42 s');
    expect(statusWords(status({ state: 'running' }), true)).toBe('Stopping…');
    const ended = (r: Partial<GenerationResult>) =>
      statusWords(status({ state: 'succeeded', result: result(r) }), false);
    expect(ended({})).toBe('Draft ready');
    expect(ended({ status: 'stopped', draftId: 7 })).toBe('Stopped: draft ready');
    expect(ended({ status: 'stopped', draftId: null })).toBe('Stopped: no draft');
    expect(ended({ status: 'infeasible', draftId: null })).toBe('No schedule possible');
    expect(ended({ status: 'invalid' })).toBe('Draft breaks hard rules');
    expect(statusWords(status({ state: 'cancelled' }), false)).toBe('Generation cancelled');
    expect(statusWords(status({ state: 'failed', error: 'worker crashed' }), false)).toBe('Generation failed');
  });

  it('checks typed weights and time limits', () => {
    expect(parseWeight('12.5')).toEqual({ value: 12.5 });
    expect(parseWeight('0')).toEqual({ value: 0 });
    expect(parseWeight('')).toEqual({ error: 'enter a number' });
    expect(parseWeight('-1')).toEqual({ error: 'must be 0 or more' });
    expect(parseWeight('abc')).toEqual({ error: 'not a number' });
    expect(parseTimeLimit('60')).toEqual({ value: 60 });
    expect(parseTimeLimit('0.5')).toEqual({ error: 'at least 1 second' });
    expect(parseTimeLimit('4000')).toMatchObject({ error: expect.stringMatching(/3600/) });
    expect(weightLabel('fairnessCalls').label).toBe('Balance calls');
    expect(weightLabel('somethingNew')).toEqual({ label: 'somethingNew', help: '' });
    expect(REASON_LABELS.locked).toBe('Locked');
  });

  it('reads the cell a right-click points at from the grid’s data attributes', () => {
    expect(targetFromDataset({ personId: 'res-01', date: '2026-09-01', half: 'PM' })).toEqual({
      kind: 'slot',
      personId: 'res-01',
      date: '2026-09-01',
      half: 'PM',
    });
    expect(targetFromDataset({ callType: 'OC', date: '2026-09-01' })).toEqual({
      kind: 'call',
      date: '2026-09-01',
      callTypeCode: 'OC',
    });
    expect(targetFromDataset({ personId: 'res-01', date: '2026-09-01' })).toBeNull();
    expect(targetFromDataset({ personId: 'res-01', date: 'Sept 1', half: 'AM' })).toBeNull();
    expect(describeTarget({ kind: 'slot', personId: 'res-01', date: '2026-09-01', half: 'PM' }, () => 'Ana Lee')).toBe(
      'Ana Lee · 2026-09-01 PM',
    );
    expect(academicYearOf('2026-07-01')).toBe(2026);
    expect(academicYearOf('2027-06-30')).toBe(2026);
  });
});
