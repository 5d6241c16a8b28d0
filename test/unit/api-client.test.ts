// The client generated from the contract: errors keep the one list of codes, and every write
// announces the queries it made stale (what keeps the renderer's views current).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../core/api/contract';
import {
  ALL_AREAS,
  ApiCallError,
  command,
  createClient,
  query,
  staleQueries,
  type DataChange,
  type Envelope,
} from '../../core/api/kit';

const input = z.object({});
const demo = {
  'people.list': query<typeof input, string[]>(input, ['people']),
  'absences.list': query<typeof input, string[]>(input, ['absences']),
  'audit.query': query<typeof input, string[]>(input),
  'people.create': command<typeof input, string>(input, ['people']),
  'jobs.cancel': command<typeof input, string>(input, []),
  'program.import': command<typeof input, string>(input),
};

function clientOver(reply: (method: string) => Envelope<unknown>) {
  const calls: string[] = [];
  const client = createClient(demo, async (method) => {
    calls.push(method);
    return reply(method);
  });
  return { client, calls };
}

describe('stale queries', () => {
  it('names the queries that read a changed area, and those that read everything', () => {
    expect(staleQueries(demo, ['people'])).toEqual(['people.list', 'audit.query']);
    expect(staleQueries(demo, [ALL_AREAS])).toEqual(['people.list', 'absences.list', 'audit.query']);
    expect(staleQueries(demo, [])).toEqual([]);
  });

  it('gives every contract method areas, and every write some reader', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(Array.isArray(def.areas), name).toBe(true);
      if (def.writes && def.areas.length > 0) expect(staleQueries(contract, def.areas), name).not.toEqual([]);
    }
    expect(staleQueries(contract, contract['people.create'].areas)).toContain('people.list');
    expect(staleQueries(contract, contract['people.create'].areas)).not.toContain('absences.list');
    expect(staleQueries(contract, contract['absences.create'].areas)).toContain('schedule.grid');
    expect(staleQueries(contract, contract['drafts.setActivity'].areas)).toContain('compliance.findings');
  });

  it('keeps a draft’s edits and its rules check apart: a check re-reads only what carries the check', () => {
    const after = (method: keyof typeof contract) => staleQueries(contract, contract[method].areas);
    // An edit: the grid's changes, the findings and the check (now stale) re-read; not the published schedule.
    expect(after('drafts.setActivity')).toEqual(
      expect.arrayContaining(['drafts.changes', 'drafts.validation', 'drafts.get', 'compliance.findings']),
    );
    expect(after('drafts.setActivity')).not.toContain('schedule.grid');
    // A check: the check and the summaries that carry its counts; not the changes nor the findings.
    expect(after('drafts.validate')).toEqual(
      expect.arrayContaining(['drafts.validation', 'drafts.get', 'drafts.list']),
    );
    for (const untouched of ['drafts.changes', 'compliance.findings', 'compliance.hours', 'schedule.grid'])
      expect(after('drafts.validate'), untouched).not.toContain(untouched);
    // Whatever changes a draft's flags re-reads the check: acknowledging, publishing, a repair, a review export.
    for (const write of [
      'drafts.acknowledgeFinding',
      'compliance.acknowledge',
      'drafts.publish',
      'contingency.applyRepair',
      'reviews.export',
    ] as const)
      expect(after(write), write).toContain('drafts.validation');
    // A publication makes every draft's changes and check stale.
    expect(after('drafts.publish')).toEqual(expect.arrayContaining(['drafts.changes', 'drafts.validation']));
  });
});

describe('the generated client', () => {
  it('announces a successful write with its areas and stale queries, and nothing for reads', async () => {
    const { client } = clientOver(() => ({ ok: true, value: 'x' }));
    const changes: DataChange[] = [];
    const stop = client.onDataChange((c) => changes.push(c));
    await client['people.list']({});
    expect(changes).toEqual([]);
    await client['people.create']({});
    expect(changes).toEqual([{ method: 'people.create', areas: ['people'], stale: ['people.list', 'audit.query'] }]);
    stop();
    await client['people.create']({});
    expect(changes).toHaveLength(1);
  });

  it('announces nothing when a write fails, and a listener that throws does not fail the write', async () => {
    const { client } = clientOver((m) =>
      m === 'people.create' ? { ok: false, error: { code: 'conflict', message: 'taken' } } : { ok: true, value: 'y' },
    );
    const changes: DataChange[] = [];
    client.onDataChange((c) => changes.push(c));
    await expect(client['people.create']({})).rejects.toBeInstanceOf(ApiCallError);
    expect(changes).toEqual([]);
    client.onDataChange(() => {
      throw new Error('listener bug');
    });
    const original = console.error;
    console.error = () => {};
    try {
      await expect(client['program.import']({})).resolves.toBe('y');
    } finally {
      console.error = original;
    }
    expect(changes.map((c) => c.method)).toEqual(['program.import']);
  });

  it('keeps error codes within the one list, and turns a transport failure into an internal error', async () => {
    const { client } = clientOver(() => ({ ok: false, error: { code: 'weird' as 'internal', message: 'odd' } }));
    await expect(client['people.list']({})).rejects.toMatchObject({ data: { code: 'internal', message: 'odd' } });
    const broken = createClient(demo, async () => {
      throw new Error('socket closed');
    });
    await expect(broken['people.list']({})).rejects.toMatchObject({
      data: { code: 'internal', message: 'socket closed' },
    });
  });
});
