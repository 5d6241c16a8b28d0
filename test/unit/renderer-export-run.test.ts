// Running an export plan (renderer/src/export/run.ts) against a fake of the export methods and
// the job they start: progress per file while the job runs, the outcome's files and summary, a
// refusal, a failed job (nothing written), and a stop (the job is cancelled, nothing written).
import { describe, expect, it } from 'vitest';
import type { AnyExportResult, JobStatus } from '../../core/api/contract';
import { ApiCallError } from '../../core/api/kit';
import type { ExportPlan } from '../../renderer/src/export/plan';
import { runPlan, type ExportClient, type RunProgress } from '../../renderer/src/export/run';

const range = { start: '2026-11-23', end: '2027-06-30' };

function calendarPlan(names: string[]): ExportPlan {
  return {
    format: 'ics',
    location: '/out/Calendars',
    locationKind: 'folder',
    files: names.length,
    names: {},
    people: names,
    call: {
      method: 'exports.calendars',
      input: {
        people: { personIds: names.map((_, i) => `p${i}`) },
        ...range,
        draftId: null,
        outputDir: '/out/Calendars',
      },
    },
  };
}

function status(state: JobStatus['state'], done: number, total: number, extra: Partial<JobStatus> = {}): JobStatus {
  return {
    id: 'job-1',
    kind: 'export',
    state,
    progress: total ? done / total : null,
    phase: `Made ${done}`,
    detail: { done, total, current: `Person p${done - 1}` },
    startedAt: '',
    finishedAt: null,
    error: null,
    result: null,
    ...extra,
  };
}

const calendarsDone = (ids: string[]): AnyExportResult => ({
  format: 'calendars',
  value: {
    range,
    draftLabel: null,
    files: ids.map((id, i) => ({
      personId: id,
      personName: `Person ${id}`,
      path: `/out/Calendars/${id}.ics`,
      events: 100 + i,
      added: i === 0 ? 100 : 2,
      updated: 1,
      unchanged: 97,
      cancelled: 3,
    })),
  },
});

/** An export job that reports `statuses` one per look, then ends with the last one. */
function fakeClient(statuses: JobStatus[], refuse = false) {
  const calls: string[] = [];
  let look = 0;
  const start = async () => {
    calls.push('start');
    if (refuse) throw new ApiCallError({ code: 'invalid_input', message: 'No person with id "p9" in this program' });
    return { jobId: 'job-1' };
  };
  const client = {
    'exports.calendars': start,
    'exports.pdf': start,
    'exports.csv': start,
    async 'jobs.status'() {
      calls.push('status');
      return statuses[Math.min(look++, statuses.length - 1)];
    },
    async 'jobs.cancel'() {
      calls.push('cancel');
      return status('cancelled', 1, 3);
    },
  } as unknown as ExportClient;
  return { client, calls };
}

const hooks = (progress: RunProgress[] = [], cancelled = () => false) => ({
  onProgress: (p: RunProgress) => progress.push(p),
  cancelled,
  pause: async () => {},
});

describe('running an export plan', () => {
  it('starts one job, reports its progress per file and lists every file it wrote', async () => {
    const { client, calls } = fakeClient([
      status('running', 1, 3),
      status('running', 2, 3),
      status('succeeded', 3, 3, { result: calendarsDone(['p0', 'p1', 'p2']) }),
    ]);
    const progress: RunProgress[] = [];
    const outcome = await runPlan(calendarPlan(['Ann', 'Ben', 'Cy']), client, hooks(progress));
    expect(calls).toEqual(['start', 'status', 'status', 'status']);
    expect(progress).toEqual([
      { done: 0, total: 3, current: 'Ann' },
      { done: 1, total: 3, current: 'Person p0' },
      { done: 2, total: 3, current: 'Person p1' },
      { done: 3, total: 3, current: '' },
    ]);
    expect(outcome).toMatchObject({ status: 'done', error: null, missing: [], range, location: '/out/Calendars' });
    expect(outcome.files.map((f) => f.label)).toEqual(['Person p0', 'Person p1', 'Person p2']);
    expect(outcome.files[0].detail).toBe('100 events · 1 updated · 3 cancelled');
    expect(outcome.summary).toBe('3 calendars · 303 events (9 cancelled)');
  });

  it('a refused request starts nothing; a failed job wrote nothing: everyone is named as not written', async () => {
    const refused = await runPlan(calendarPlan(['Ann', 'Ben']), fakeClient([], true).client, hooks());
    expect(refused).toMatchObject({ status: 'failed', files: [], missing: ['Ann', 'Ben'] });
    expect(refused.error).toEqual({ code: 'invalid_input', message: 'No person with id "p9" in this program' });

    const failed = await runPlan(
      calendarPlan(['Ann', 'Ben']),
      fakeClient([status('failed', 2, 2, { error: 'Could not write /out: the disk is full.' })]).client,
      hooks(),
    );
    expect(failed).toMatchObject({
      status: 'failed',
      files: [],
      missing: ['Ann', 'Ben'],
      error: { code: 'rejected', message: 'Could not write /out: the disk is full.' },
    });
  });

  it('stopping cancels the job: nothing is written and everyone is missing', async () => {
    const { client, calls } = fakeClient([status('running', 1, 3), status('running', 2, 3)]);
    let stop = false;
    const outcome = await runPlan(
      calendarPlan(['Ann', 'Ben', 'Cy']),
      client,
      hooks([], () => {
        const now = stop;
        stop = true;
        return now;
      }),
    );
    expect(calls).toEqual(['start', 'status', 'cancel']);
    expect(outcome).toMatchObject({ status: 'cancelled', files: [], missing: ['Ann', 'Ben', 'Cy'] });
  });

  it('a single-file export reports the file, its pages and the draft it came from', async () => {
    const done: AnyExportResult = {
      format: 'pdf',
      value: { range, draftLabel: 'Winter swap', files: [{ path: '/out/Block.pdf', pages: 4, personId: null }] },
    };
    const { client } = fakeClient([status('succeeded', 1, 1, { result: done })]);
    const plan: ExportPlan = {
      format: 'block-pdf',
      location: '/out/Block.pdf',
      locationKind: 'file',
      files: 1,
      names: {},
      people: [],
      call: { method: 'exports.pdf', input: { kind: 'block', output: '/out/Block.pdf', draftId: 7 } },
    };
    const outcome = await runPlan(plan, client, hooks());
    expect(outcome).toMatchObject({ status: 'done', draftLabel: 'Winter swap', summary: 'Block schedule · 4 pages' });
    expect(outcome.files).toEqual([{ path: '/out/Block.pdf', label: 'Block.pdf', detail: '4 pages' }]);
  });
});
