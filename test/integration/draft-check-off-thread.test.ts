// A draft's check against the rules runs as a 'check' job on its own worker thread (issue 12, issue
// 15 item 1): while a year's draft is checked, the main process answers other requests, and the
// flags it stores are the ones the same check gives in the calling thread.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/api/core';
import type { Envelope } from '../../core/api/kit';
import { validateAsOfToday } from '../../core/services/compliance';
import { validateDraft } from '../../core/services/drafts';
import type { DraftSummary, DraftValidation } from '../../core/services/drafts/types';
import { openProgram } from '../../core/services/program';
import { buildAppWorkers, programFixture, YEAR, type ProgramFixture } from './generation-fixture';
import { signIn } from '../sign-in';
import { createTestCore } from '../test-core';
import { addDays } from '../../core/domain/calendar';

let workers: { dir: string; cleanup: () => void };
let fixture: ProgramFixture;
let core: Core;
let file: string;

function value<T>(e: Envelope<unknown>): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value as T;
}

beforeAll(async () => {
  workers = await buildAppWorkers();
  fixture = await programFixture();
  file = path.join(fixture.dir, 'check.sqlite');
  fs.copyFileSync(fixture.template, file);
  core = await createTestCore({ dbPath: file, workerDir: workers.dir, actor: 'api-test' });
  await signIn(core.dispatch);
}, 120_000);
afterAll(async () => {
  await core?.close();
  workers?.cleanup();
  fixture?.cleanup();
});

/** Every half-day of the year for the first residents on one clinic: no day off, too many hours. */
async function yearDraft(): Promise<number> {
  const draft = value<DraftSummary>(await core.dispatch('drafts.create', { name: 'Every day in clinic' }));
  const residents = fixture.data.people.filter((p) => p.kind === 'resident').slice(0, 6);
  const cells: { personId: string; date: string; half: 'AM' | 'PM' }[] = [];
  for (let date = `${YEAR}-07-01`; date <= `${YEAR + 1}-06-30`; date = addDays(date, 1))
    for (const r of residents) for (const half of ['AM', 'PM'] as const) cells.push({ personId: r.id, date, half });
  const activityCode = fixture.data.assignments.find((a) => residents.some((r) => r.id === a.personId))!.activityCode;
  value(await core.dispatch('drafts.setActivity', { draftId: draft.id, cells, activityCode }));
  return draft.id;
}

describe("a draft's check against the rules", () => {
  it('runs off the main thread: a request is answered while it runs, and its flags are the in-thread ones', async () => {
    const draftId = await yearDraft();
    const validating = core.dispatch('drafts.validate', { draftId });
    // The check has started on its worker thread when the worker reports its first phase.
    const running = () =>
      core.checks.list().find((j) => j.kind === 'check' && j.state === 'running' && j.phase.startsWith('Checking'));
    await expect.poll(() => running()?.id ?? null).not.toBeNull();
    const job = running()!.id;
    const order: string[] = [];
    const ended = core.checks.wait(job).then(() => order.push('check ended'));
    value(await core.dispatch('program.info', {}));
    order.push('answered');
    await ended;
    expect(order).toEqual(['answered', 'check ended']);

    const inPool = value<DraftValidation>(await validating);
    expect(inPool.added.length).toBeGreaterThan(0);
    // The same check in this thread (the engine as drafts.validate runs it), on the same file.
    const program = await openProgram(file);
    try {
      const here = await validateDraft({ program, actor: 'api-test', validate: validateAsOfToday }, draftId);
      const { validatedAt: _a, ...expected } = here;
      const { validatedAt: _b, ...actual } = inPool;
      expect(actual).toEqual(expected);
    } finally {
      await program.close();
    }
  }, 240_000);
});
