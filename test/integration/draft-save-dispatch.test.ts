// While a year's draft is saved in parts, the app answers the renderer's requests through
// core.dispatch (the API the Electron preload and the browser test host call), between two parts
// of the save, and none of them sees the half-written draft (issue 15 item 1). The save runs in the
// same process on the same program file, as generation's does; the test waits on the save's own
// events (a stored part), never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/api/core';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { createDraftFromAssignments, type DraftContent } from '../../core/services/drafts';
import { openProgram, type Program } from '../../core/services/program';
import { signedInCoreOn, value } from '../test-core';
import { context, flagActivity } from './drafts-fixture';

const YEAR = 2026;
let file = '';
let closeCore: () => Promise<void> = async () => {};
let data: ProgramData;
let core: Core;
let saver: Program;

beforeAll(async () => {
  data = generateProgram({ seed: 7, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 8 });
  ({ file, core, close: closeCore } = await signedInCoreOn('draft-save-dispatch-', data));
  saver = await openProgram(file);
});
afterAll(async () => {
  await saver?.close();
  await closeCore();
});

/** The published year as a generated draft holds it. */
function yearContent(): DraftContent {
  const inYear = (date: string) => date >= `${YEAR}-07-01` && date <= `${YEAR + 1}-06-30`;
  return {
    name: 'Generated year',
    source: 'generation',
    assignments: data.assignments
      .filter((a) => inYear(a.date))
      .map((a) => ({ personId: a.personId, date: a.date, half: a.half, activityCode: a.activityCode })),
    calls: data.calls
      .filter((c) => inYear(c.date))
      .map((c) => ({ date: c.date, callTypeCode: c.callTypeCode, personId: c.personId })),
  };
}

describe("a year's draft being saved, seen through core.dispatch", () => {
  it('answers between the parts of the save and shows the draft only once it is saved', async () => {
    const listed = async () => value<{ id: number }[]>(await core.dispatch('drafts.list', {})).map((d) => d.id);
    const before = await listed();
    const answered: { part: number; parts: number }[] = [];
    const saved = await createDraftFromAssignments(context(saver, flagActivity('none')), yearContent(), undefined, {
      partEntries: 1_000,
      onPart: async (draftId, part, parts) => {
        if (part !== 2) return;
        expect(value<{ path: string }>(await core.dispatch('program.info', {})).path).toBe(file);
        expect(await listed()).toEqual(before);
        for (const [method, payload] of [
          ['drafts.get', { draftId }],
          ['drafts.diff', { draftId }],
          ['drafts.publishCheck', { draftId }],
          ['drafts.publish', { draftId, acceptChurnWarnings: true }],
          [
            'drafts.clearCells',
            { draftId, cells: [{ personId: data.people[0].id, date: `${YEAR}-08-03`, half: 'AM' }] },
          ],
        ] as const)
          expect(await core.dispatch(method, payload), method).toMatchObject({
            ok: false,
            error: { message: expect.stringMatching(/still being saved/) },
          });
        answered.push({ part, parts });
      },
    });
    expect(answered).toHaveLength(1);
    expect(answered[0].parts).toBeGreaterThan(2);
    expect(await listed()).toEqual([...before, saved.draft.id].sort((a, b) => b - a));
    expect(
      value<{ status: string; entries: unknown }>(await core.dispatch('drafts.get', { draftId: saved.draft.id })),
    ).toMatchObject({ status: 'open', entries: saved.draft.entries });
  });
});
