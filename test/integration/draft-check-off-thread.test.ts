// A draft's check against the rules runs as a 'check' job on its own worker thread (issue 12, issue
// 15 item 1): while a year's draft is checked, the main process answers other requests, and the
// flags it stores are the ones the same check gives in the calling thread.
import { describe, expect, it } from 'vitest';
import { validateAsOfToday } from '../../core/services/compliance';
import { validateDraft } from '../../core/services/drafts';
import type { DraftSummary, DraftValidation } from '../../core/services/drafts/types';
import { openProgram } from '../../core/services/program';
import { signedInCoreOnProgram, YEAR } from './generation-fixture';
import { addDays } from '../../core/domain/calendar';
import { value } from '../test-core';

const on = signedInCoreOnProgram('check.sqlite');

/** Every half-day of the year for the first residents on one clinic: no day off, too many hours. */
async function yearDraft(): Promise<number> {
  const draft = value<DraftSummary>(await on.core.dispatch('drafts.create', { name: 'Every day in clinic' }));
  const residents = on.fixture.data.people.filter((p) => p.kind === 'resident').slice(0, 6);
  const cells: { personId: string; date: string; half: 'AM' | 'PM' }[] = [];
  for (let date = `${YEAR}-07-01`; date <= `${YEAR + 1}-06-30`; date = addDays(date, 1))
    for (const r of residents) for (const half of ['AM', 'PM'] as const) cells.push({ personId: r.id, date, half });
  const activityCode = on.fixture.data.assignments.find((a) =>
    residents.some((r) => r.id === a.personId),
  )!.activityCode;
  value(await on.core.dispatch('drafts.setActivity', { draftId: draft.id, cells, activityCode }));
  return draft.id;
}

describe("a draft's check against the rules", () => {
  it('runs off the main thread: a request is answered while it runs, and its flags are the ' +
    'in-thread ones', async () => {
    const draftId = await yearDraft();
    const validating = on.core.dispatch('drafts.validate', { draftId });
    // The check has started on its worker thread when the worker reports its first phase.
    const running = () =>
      on.core.jobs.list().find((j) => j.kind === 'check' && j.state === 'running' && j.phase.startsWith('Checking'));
    await expect.poll(() => running()?.id ?? null).not.toBeNull();
    const job = running()!.id;
    const order: string[] = [];
    const ended = on.core.jobs.wait(job).then(() => order.push('check ended'));
    value(await on.core.dispatch('program.info', {}));
    order.push('answered');
    await ended;
    expect(order).toEqual(['answered', 'check ended']);

    const inPool = value<DraftValidation>(await validating);
    expect(inPool.added.length).toBeGreaterThan(0);
    // The same check in this thread (the engine as drafts.validate runs it), on the same file.
    const program = await openProgram(on.file);
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
