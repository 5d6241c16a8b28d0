// While a year's draft is published (issue 15 item 1), publishing writes its rows in parts of ONE
// transaction with a turn of the event loop between two: the main thread keeps turning while the
// write transaction is open, and a query asked meanwhile through core.dispatch is answered at once
// from the last committed state (the program's reader connection), never waiting for the commit and
// never seeing half of the publication; after the commit it sees the new state. The test waits on
// events: between two turns it looks, from a second connection, whether a write transaction is open
// at that moment; never on the clock.
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridData as Grid } from '../../core/api/contract';
import type { Core } from '../../core/api/core';
import type { Envelope } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { createDraftFromAssignments } from '../../core/services/drafts';
import { PUBLISH_PART_ROWS } from '../../core/services/drafts/publication-rows';
import { openProgram } from '../../core/services/program';
import { changedYear } from '../changed-year';
import { DEMO_PASSWORD, signIn } from '../sign-in';
import { signedInCoreOn, value } from '../test-core';
import { context, flagActivity } from './drafts-fixture';
import { watchStatementRuns } from '../statement-runs';

const YEAR = 2026;
let file = '';
let closeCore: () => Promise<void> = async () => {};
let data: ProgramData;
let core: Core;

beforeAll(async () => {
  data = generateProgram({ seed: 7, academicYear: YEAR, residentsPerPgy: [3, 3, 3], facultyCount: 8 });
  // A year regenerated: no churn limit; no rule on (the rules' verdict is publish-in-parts' business).
  data.settings = {
    ...data.settings,
    churn: { ...data.settings.churn, rejectTotalPct: 100, rejectPersonPct: 100 },
    rules: data.settings.rules.map((r) => ({ ...r, enabled: false })),
  };
  ({ file, core, close: closeCore } = await signedInCoreOn('publish-dispatch-', data));
});
afterAll(async () => {
  await closeCore();
});

/** Is a write transaction open on the program file (another connection holds the write lock)? */
function writing(probe: Sqlite.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  }
}

describe("a year's draft being published, seen through core.dispatch", () => {
  it(
    'turns the event loop between the parts of its write; queries asked meanwhile answer before the commit from ' +
      'the committed state',
    async () => {
      const saver = await openProgram(file);
      const { draft } = await createDraftFromAssignments(context(saver, flagActivity('none')), changedYear(data, YEAR));
      await saver.close();
      expect(draft.entries.cells).toBeGreaterThan(2 * PUBLISH_PART_ROWS);
      const probe = new Sqlite(file, { timeout: 0 });
      const before = value<{ counts: { assignments: number } }>(await core.dispatch('program.info', {}));
      const statusOf = (listed: Envelope<unknown>) =>
        value<{ id: number; status: string }[]>(listed).find((d) => d.id === draft.id)?.status;
      const statusBefore = statusOf(await core.dispatch('drafts.list', {}));
      // The first fortnight of the year: the draft changes half-days in it.
      const range = { start: `${YEAR}-07-01`, end: `${YEAR}-07-14` };
      const gridBefore = value<Grid>(await core.dispatch('schedule.grid', range));

      // Changes on or before the lock date are published with break-glass by the program director.
      value(
        await core.dispatch('accounts.create', {
          username: 'pd',
          displayName: 'Program Director',
          role: 'program_director',
          password: DEMO_PASSWORD,
          mustChangePassword: false,
        }),
      );
      const director = core.openSession();
      await signIn(director.dispatch, 'program_director');
      let settled = false;
      const publishing = director
        .dispatch('drafts.publish', {
          draftId: draft.id,
          acceptChurnWarnings: true,
          breakGlass: { reason: 'publishing the regenerated year' },
        })
        .finally(() => (settled = true));
      let turnsWhileWriting = 0;
      /** The queries asked while the rows are being written, each with whether it was answered before the commit. */
      let asked: Promise<{ answer: Envelope<unknown>; beforeCommit: boolean }[]> | null = null;
      const ask = (method: string, payload: unknown) =>
        core.dispatch(method, payload).then((answer) => ({ answer, beforeCommit: writing(probe) }));
      while (!settled) {
        await new Promise((resolve) => setImmediate(resolve));
        if (settled || !writing(probe)) continue;
        turnsWhileWriting++;
        asked ??= Promise.all([ask('drafts.list', {}), ask('program.info', {}), ask('schedule.grid', range)]);
      }
      const answers = asked ? await asked : null;
      probe.close();
      const published = value<{ changes: { rows: number } }>(await publishing);
      expect(published.changes.rows).toBe(draft.entries.cells);
      expect(turnsWhileWriting).toBeGreaterThan(1);
      expect(answers).not.toBeNull();
      // Answered while the write transaction was still open, from the last committed state.
      expect(answers!.map((a) => a.beforeCommit)).toEqual([true, true, true]);
      const [listedMeanwhile, infoMeanwhile, gridMeanwhile] = answers!.map((a) => a.answer);
      expect(statusBefore).not.toBe('published');
      expect(statusOf(listedMeanwhile)).toBe(statusBefore);
      expect(value<typeof before>(infoMeanwhile).counts).toEqual(before.counts);
      expect(value<Grid>(gridMeanwhile).assignments).toEqual(gridBefore.assignments);
      // After the commit: the new state.
      expect(statusOf(await core.dispatch('drafts.list', {}))).toBe('published');
      const gridAfter = value<Grid>(await core.dispatch('schedule.grid', range));
      expect(gridAfter.assignments).not.toEqual(gridBefore.assignments);
      expect(value<{ counts: { assignments: number } }>(await core.dispatch('program.info', {})).counts).toEqual(
        before.counts,
      );
    },
  );

  // Its rollback writes as many rows; after its last write and the audit entry a turn passes before
  // the commit (which writes the last pages of the WAL), as publish's does: they were one turn.
  it('rolled back, turns the event loop before its commit: a query after its audit entry answers first', async () => {
    const [publication] = value<{ id: number }[]>(await core.dispatch('publications.list', {}));
    const director = core.openSession();
    await signIn(director.dispatch, 'program_director');
    const events: string[] = [];
    let answered: Promise<unknown> | null = null;
    const stop = watchStatementRuns((statement) => {
      const text = statement.source.trim();
      if (text.toLowerCase() === 'commit') events.push('commit');
      if (/^insert into "audit_log"/i.test(text)) {
        events.push('audit');
        answered = new Promise((resolve) =>
          setImmediate(() => resolve(core.dispatch('program.info', {}).then(() => events.push('answer')))),
        );
      }
    });
    try {
      value(
        await director.dispatch('publications.rollback', { publicationId: publication.id, reason: 'a test rollback' }),
      );
    } finally {
      stop();
    }
    await answered;
    expect(events.slice(events.lastIndexOf('audit'))).toEqual(['audit', 'answer', 'commit']);
  });
});
