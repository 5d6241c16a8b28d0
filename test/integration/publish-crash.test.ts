// Publishing survives a crash: a child process publishing a large draft is killed with SIGKILL
// just before each commit it makes, at 4 moments spread over its writes, and once right after it
// committed (see killRepeatedly in test/integration/crash-harness.ts). After each kill the file
// opens, passes integrity_check, and holds either the old or the new published schedule, never a
// mix; before the commit, always the old one.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraftFromAssignments } from '../../core/services/drafts';
import { buildChild, killRepeatedly } from './crash-harness';
import { buildFixture, context, flagActivity, openCopy, type Fixture } from './drafts-fixture';

const TIMED_KILLS = 4;
const root = path.resolve(import.meta.dirname, '../..');
const work = path.join(root, '.tmp', `publish-crash-${process.pid}`);
let f: Fixture;
let template: string;
let child: string;
let draftId: number;

beforeAll(async () => {
  fs.mkdirSync(work, { recursive: true });
  // Rules off: the test is about atomicity, and a fast check leaves more of the run in the writes.
  f = await buildFixture({ rules: false });
  const program = await openCopy(f);
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(program.db);
  const settings = {
    ...JSON.parse(rows[0].json),
    churn: { rejectTotalPct: 100, rejectPersonPct: 100, warnPersonPct: 100, warnPeopleAffected: 1000 },
  };
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)}`.execute(program.db);
  // A large draft: six months of every person's slots changed, plus the calls of those months.
  const months = f.data.assignments.filter((a) => a.date >= '2026-09-01' && a.date <= '2027-02-28');
  const faculty = f.data.people.filter((p) => p.kind === 'faculty').map((p) => p.id);
  const { draft } = await createDraftFromAssignments(context(program, flagActivity('none')), {
    name: 'Crash test import',
    source: 'import',
    assignments: months.map((a) => ({
      personId: a.personId,
      date: a.date,
      half: a.half,
      activityCode: a.activityCode === 'RES' ? 'ELEC' : 'RES',
    })),
    calls: f.data.calls
      .filter((c) => c.date >= '2026-09-01' && c.date <= '2027-02-28' && c.callTypeCode === 'OC')
      .map((c, i) => ({
        date: c.date,
        callTypeCode: 'OC',
        personId: faculty[(faculty.indexOf(c.personId) + 1 + (i % 2)) % faculty.length],
      })),
  });
  draftId = draft.id;
  expect(draft.entries.cells).toBeGreaterThan(5000);
  template = program.path;
  await program.close();

  child = await buildChild('test/integration/publish-crash-child.ts', path.join(work, 'publish-crash-child.mjs'));
}, 120_000);

afterAll(() => {
  f?.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('publish under SIGKILL', () => {
  // The limits are hang guards: 25 child processes took over 300 s at load 40 (the test failed on its old limit).
  it('leaves the old or the new published schedule, never a mix', async () => {
    const outcomes = await killRepeatedly({
      template,
      work,
      child,
      timedKills: TIMED_KILLS,
      args: (file) => [file, String(draftId)],
      tables: ['assignments', 'calls', 'inpatient_weeks'],
    });
    console.log(
      `publish-crash: ${outcomes.commits} commit(s), ${outcomes.old + outcomes.new} kills in ` +
        `${outcomes.seconds.toFixed(1)} s; its writes take ${outcomes.workMs.toFixed(0)} ms; ` +
        `old ${outcomes.old}, new ${outcomes.new}`,
    );
    // Kills must land on both sides of the commit, or the test proves little.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 900_000);
});
