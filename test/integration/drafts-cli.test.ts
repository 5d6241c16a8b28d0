// The draft CLI: draft list, draft diff, publish (gates and break-glass), rollback; exit codes
// 0 done, 1 refused, 2 called wrongly.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { createDraft, discardDraft, editDraft } from '../../core/services/drafts';
import type { Program } from '../../core/services/program';
import { buildFixture, context, flagActivity, openCopy, type Fixture } from './drafts-fixture';

let f: Fixture;
let program: Program;
beforeAll(async () => {
  f = await buildFixture();
  program = await openCopy(f);
});
afterAll(async () => {
  await program.close();
  f.cleanup();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('draft CLI', () => {
  it('lists, diffs, refuses, publishes with break-glass, and rolls back', async () => {
    const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(program.db);
    const settings = JSON.stringify({ ...JSON.parse(rows[0].json), lockDate: '2026-08-31' });
    await sql`UPDATE program_settings SET json = ${settings}`.execute(program.db);
    const ctx = context(program, flagActivity('none'));
    const person = f.data.people.find((p) => p.kind === 'resident')!;
    const cell = f.data.assignments.find(
      (a) => a.personId === person.id && a.date === '2026-08-31' && a.half === 'AM',
    )!;
    const draft = await createDraft(ctx, { name: 'Swap Monday' });
    await editDraft(ctx, draft.id, {
      kind: 'setActivity',
      cells: [{ personId: cell.personId, date: cell.date, half: cell.half }],
      activityCode: 'RES',
    });
    const db = program.path;
    // A plan-only draft (a generated rotation plan) lists its plan entries, not "0 slots" alone.
    const planDraft = await createDraft(ctx, { name: 'Plan only' });
    const planned = f.data.rotationAssignments.find((r) => r.part === 'full')!;
    await editDraft(ctx, planDraft.id, {
      kind: 'setRotation',
      personId: planned.personId,
      academicYear: planned.academicYear,
      blockNumber: planned.blockNumber,
      part: 'full',
      rotationId: f.data.rotations.find((r) => r.id !== planned.rotationId)!.id,
    });

    const list = await cli('draft', 'list', db);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`#${draft.id} [open] "Swap Monday" from manual, by coordinator`);
    expect(list.out).toContain('1 slot, 0 call entries, 0 inpatient week entries, 0 plan entries;');
    expect(list.out).toMatch(/"Plan only"[^\n]*\n\s+0 slots, 0 call entries, 0 inpatient week entries, 1 plan entry;/);
    await discardDraft(ctx, { draftId: planDraft.id, reason: null });
    expect(JSON.parse((await cli('draft', 'list', db, '--json', '--status', 'open')).out).drafts).toHaveLength(1);

    const diff = await cli('draft', 'diff', db, String(draft.id));
    expect(diff.code).toBe(0);
    expect(diff.out).toContain(`2026-08-31 AM ${person.id}: ${cell.activityCode} -> RES`);
    expect(diff.out).toContain('1 change on or before the lock date 2026-08-31');

    const refused = await cli('publish', db, String(draft.id));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('[lock_date]');
    expect((await cli('publish', db, String(draft.id), '--break-glass')).code).toBe(2);
    const ok = await cli('publish', db, String(draft.id), '--break-glass', '--reason', 'urgent coverage');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Published draft #\d+ "Swap Monday" as publication #1: 1 slot/);
    // What was published, the rotation plan too (a generated plan published as '0 slots, 0 call nights…').
    expect(ok.out).toContain(': 1 slot, 0 call nights, 0 inpatient weeks, 0 plan entries; churn');
    expect((await cli('draft', 'list', db)).out).toMatch(
      /#1 draft #\d+ "Swap Monday" published .* can be rolled back until/,
    );

    expect((await cli('rollback', db, '1')).code).toBe(2);
    const back = await cli('rollback', db, '1', '--reason', 'published too early');
    expect(back).toMatchObject({ code: 0 });
    expect(back.out).toContain('1 row restored');
    expect((await cli('rollback', db, '1', '--reason', 'again')).err).toContain('already rolled back');
    expect((await cli('draft', 'nope')).code).toBe(2);
    expect((await cli('draft', 'diff', db, 'x')).err).toContain('draft-id must be a positive whole number');
  });
});
