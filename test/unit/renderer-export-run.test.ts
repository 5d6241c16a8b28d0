// Running an export plan (renderer/src/export/run.ts) against a recording fake of the export
// methods: progress per person, the outcome's files and summary, a failure part-way, and a stop.
import { describe, expect, it } from 'vitest';
import type { CalendarExportResult, PdfExportResult } from '../../core/api/contract';
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
    steps: names.map((name, i) => ({
      people: [name],
      call: { method: 'exports.calendars', input: { people: { personIds: [`p${i}`] }, ...range, draftId: null, outputDir: '/out/Calendars' } },
    })),
  };
}

/** Answers exports.calendars with one file per person id; `fail` names ids that are refused. */
function fakeClient(fail: string[] = []) {
  const calls: string[] = [];
  const client = {
    async 'exports.calendars'(input: { people?: { personIds?: string[] } }): Promise<CalendarExportResult> {
      const ids = input.people?.personIds ?? [];
      calls.push(ids.join(','));
      if (ids.some((id) => fail.includes(id)))
        throw new ApiCallError({ code: 'invalid_input', message: `The previous calendar /out/Calendars/${ids[0]}.ics cannot be read` });
      return {
        range,
        draftLabel: null,
        files: ids.map((id, i) => ({
          personId: id, personName: `Person ${id}`, path: `/out/Calendars/${id}.ics`,
          events: 100 + i, added: i === 0 ? 100 : 2, updated: 1, unchanged: 97, cancelled: 3,
        })),
      };
    },
    async 'exports.pdf'(): Promise<PdfExportResult> {
      return { range, draftLabel: 'Winter swap', files: [{ path: '/out/Block.pdf', pages: 4, personId: null }] };
    },
    async 'exports.csv'() {
      return { range, draftLabel: null, path: '/out/a.csv', rows: 23360 };
    },
  } as unknown as ExportClient;
  return { client, calls };
}

describe('running an export plan', () => {
  it('calls once per step in order, reports progress per person and lists every file', async () => {
    const { client, calls } = fakeClient();
    const progress: RunProgress[] = [];
    const outcome = await runPlan(calendarPlan(['Ann', 'Ben', 'Cy']), client, { onProgress: (p) => progress.push(p), cancelled: () => false });
    expect(calls).toEqual(['p0', 'p1', 'p2']);
    expect(progress).toEqual([
      { done: 0, total: 3, current: 'Ann' },
      { done: 1, total: 3, current: 'Ben' },
      { done: 2, total: 3, current: 'Cy' },
      { done: 3, total: 3, current: '' },
    ]);
    expect(outcome).toMatchObject({ status: 'done', error: null, missing: [], range, location: '/out/Calendars' });
    expect(outcome.files.map((f) => f.label)).toEqual(['Person p0', 'Person p1', 'Person p2']);
    expect(outcome.files[0].detail).toBe('100 events · 1 updated · 3 cancelled');
    expect(outcome.summary).toBe('3 calendars · 300 events (9 cancelled)');
  });

  it('a refused call stops the batch: earlier files are kept and listed, the rest are named as not written', async () => {
    const { client, calls } = fakeClient(['p1']);
    const outcome = await runPlan(calendarPlan(['Ann', 'Ben', 'Cy']), client, { onProgress: () => {}, cancelled: () => false });
    expect(calls).toEqual(['p0', 'p1']);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({ code: 'invalid_input', message: 'The previous calendar /out/Calendars/p1.ics cannot be read' });
    expect(outcome.files.map((f) => f.path)).toEqual(['/out/Calendars/p0.ics']);
    expect(outcome.missing).toEqual(['Ben', 'Cy']);
  });

  it('stopping ends the run between people', async () => {
    const { client, calls } = fakeClient();
    let stop = false;
    const outcome = await runPlan(calendarPlan(['Ann', 'Ben', 'Cy']), client, {
      onProgress: (p) => {
        if (p.done === 1) stop = true;
      },
      cancelled: () => stop,
    });
    // The stop is seen after Ben's call started (progress 1 of 3 is reported before it).
    expect(calls).toEqual(['p0', 'p1']);
    expect(outcome).toMatchObject({ status: 'cancelled', missing: ['Cy'] });
    expect(outcome.files).toHaveLength(2);
  });

  it('a single-file export reports the file, its pages and the draft it came from', async () => {
    const { client } = fakeClient();
    const plan: ExportPlan = {
      format: 'block-pdf',
      location: '/out/Block.pdf',
      locationKind: 'file',
      files: 1,
      names: {},
      steps: [{ people: [], call: { method: 'exports.pdf', input: { kind: 'block', output: '/out/Block.pdf', draftId: 7 } } }],
    };
    const outcome = await runPlan(plan, client, { onProgress: () => {}, cancelled: () => false });
    expect(outcome).toMatchObject({ status: 'done', draftLabel: 'Winter swap', summary: 'Block schedule · 4 pages' });
    expect(outcome.files).toEqual([{ path: '/out/Block.pdf', label: 'Block.pdf', detail: '4 pages' }]);
  });
});
