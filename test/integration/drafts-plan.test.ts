// The annual rotation plan in drafts, against a real program database: drafts.setRotation with
// whole-block ↔ half-block replacement, undo/redo patches, refusals that change nothing, the diff
// and churn, the rules engine seeing the draft's plan, content from generation, and publish +
// rollback restoring rotation_assignments to the byte (also when a later publication blocks it).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { validate as rulesEngine } from '../../core/rules/engine';
import {
  applyDraftPatch,
  checkPublish,
  compareDraft,
  createDraft,
  createDraftFromAssignments,
  DraftError,
  editDraft,
  getDraft,
  publishDraft,
  queryAudit,
  rollbackPublication,
  validateDraft,
  type DraftContext,
} from '../../core/services/drafts';
import type { Program } from '../../core/services/program';
import { context, count, YEAR, fixturePerFile, publicationRecords } from './drafts-fixture';

const f = fixturePerFile();

/** A program copy with the real rules engine (the inpatient team rule reads the plan). */
async function setup(): Promise<DraftContext & { program: Program }> {
  const program = await f.copy();
  return context(program, (input) => rulesEngine(input));
}

/** rotation_assignments exactly as stored: every column and the rowid, in rowid order. */
async function dumpPlan(program: Program): Promise<string> {
  const { rows } = await sql`SELECT rowid AS rowid, * FROM rotation_assignments ORDER BY rowid`.execute(program.db);
  return JSON.stringify(rows);
}
async function planOf(program: Program, personId: string, blockNumber: number): Promise<string[]> {
  const rows = await program.db
    .selectFrom('rotation_assignments')
    .select(['part', 'rotation_id'])
    .where('person_id', '=', personId)
    .where('academic_year', '=', YEAR)
    .where('block_number', '=', blockNumber)
    .execute();
  return rows.map((r) => `${r.part}:${r.rotation_id}`).sort();
}
async function openAnyPublish(ctx: DraftContext, draftId: number) {
  return publishDraft(ctx, { draftId, acceptChurnWarnings: true, breakGlass: null });
}
const plan = (personId: string, blockNumber: number, part: 'full' | 'first' | 'second', rotationId: string | null) => ({
  kind: 'setRotation' as const,
  personId,
  academicYear: YEAR,
  blockNumber,
  part,
  rotationId,
});

describe('drafts hold the annual rotation plan', () => {
  it('the fixture has the blocks these tests rely on', () => {
    const at = (p: string, b: number) =>
      f.data.rotationAssignments
        .filter((r) => r.personId === p && r.blockNumber === b)
        .map((r) => `${r.part}:${r.rotationId}`)
        .sort();
    expect(at('res-05', 3)).toEqual(['first:rot-nf', 'second:rot-orth']);
    expect(at('res-02', 3)).toEqual(['full:rot-em']);
    expect(at('res-01', 3)).toEqual(['full:rot-fmit']);
  });

  it(
    'a whole block replaces two halves: diff, churn, publish, and a rollback that restores the plan to ' + 'the byte',
    async () => {
      const ctx = await setup();
      const before = await dumpPlan(ctx.program);
      const draft = await createDraft(ctx, { name: 'plan by hand' });
      const r = await editDraft(ctx, draft.id, plan('res-05', 3, 'full', 'rot-im'));
      expect(r.applied).toBe(3);
      expect(r.undo.rotations).toHaveLength(3);
      expect((await getDraft(ctx, draft.id)).entries.rotations).toBe(3);

      const c = await compareDraft(ctx, { draftId: draft.id });
      expect(c.diff.rotations).toEqual([
        expect.objectContaining({
          personId: 'res-05',
          academicYear: YEAR,
          blockNumber: 3,
          kind: 'changed',
          before: [
            { part: 'first', rotationId: 'rot-nf' },
            { part: 'second', rotationId: 'rot-orth' },
          ],
          after: [{ part: 'full', rotationId: 'rot-im' }],
        }),
      ]);
      expect(c.counts.rotations).toEqual({ added: 0, changed: 1, removed: 0 });
      expect(c.churn).toMatchObject({ changedRotations: 1, changedSlots: 0, peopleAffected: 1 });
      // A date range that misses the block leaves it out of the diff (churn stays whole).
      expect(
        (await compareDraft(ctx, { draftId: draft.id, start: '2027-01-01', end: '2027-01-31' })).diff.rotations,
      ).toEqual([]);

      const pub = await openAnyPublish(ctx, draft.id);
      expect(pub.changes).toMatchObject({ rotations: 1, cells: 0, rows: 3 });
      expect(await planOf(ctx.program, 'res-05', 3)).toEqual(['full:rot-im']);
      const rows = await publicationRecords(ctx.program);
      expect(rows.map((x) => x.table)).toEqual([
        'rotation_assignments',
        'rotation_assignments',
        'rotation_assignments',
      ]);
      const audit = await queryAudit(ctx, { action: 'draft.publish', limit: 5, offset: 0 });
      expect(audit.entries[0].after).toMatchObject({
        personIds: ['res-05'],
        rotationPlan: [{ personId: 'res-05', blockNumber: 3, after: [{ part: 'full', rotationId: 'rot-im' }] }],
      });

      await rollbackPublication(ctx, { publicationId: pub.id, reason: 'wrong block' });
      expect(await dumpPlan(ctx.program)).toBe(before);
      expect((await getDraft(ctx, draft.id)).status).toBe('open');
    },
  );

  it(
    'a half replaces a whole block whose rotation stays on the other half; undo and redo patches ' + 'round-trip',
    async () => {
      const ctx = await setup();
      const draft = await createDraft(ctx, { name: 'half by hand' });
      const edit = await editDraft(ctx, draft.id, plan('res-02', 3, 'first', 'rot-derm'));
      const after = (await compareDraft(ctx, { draftId: draft.id })).diff.rotations;
      expect(after).toEqual([
        expect.objectContaining({
          before: [{ part: 'full', rotationId: 'rot-em' }],
          after: [
            { part: 'first', rotationId: 'rot-derm' },
            { part: 'second', rotationId: 'rot-em' },
          ],
        }),
      ]);

      const undone = await applyDraftPatch(ctx, draft.id, edit.undo);
      expect((await compareDraft(ctx, { draftId: draft.id })).diff.rotations).toEqual([]);
      expect(await count(ctx.program, 'draft_rotation_changes')).toBe(0);
      const redone = await applyDraftPatch(ctx, draft.id, undone.undo);
      expect((await compareDraft(ctx, { draftId: draft.id })).diff.rotations).toEqual(after);
      expect(redone.revision).toBe(edit.revision + 2);

      // Back to a whole block: both halves go, one full entry (equal to the published one) remains.
      await editDraft(ctx, draft.id, plan('res-02', 3, 'full', 'rot-em'));
      expect((await compareDraft(ctx, { draftId: draft.id })).diff.rotations).toEqual([]);
      // Removing a half of a whole block keeps the other half.
      await editDraft(ctx, draft.id, plan('res-02', 3, 'second', null));
      expect((await compareDraft(ctx, { draftId: draft.id })).diff.rotations[0]).toMatchObject({
        kind: 'changed',
        after: [{ part: 'first', rotationId: 'rot-em' }],
      });
    },
  );

  it('refuses bad plan edits with the field that is wrong, and changes nothing', async () => {
    const ctx = await setup();
    const draft = await createDraft(ctx, { name: 'refusals' });
    const refused = async (edit: ReturnType<typeof plan>, path: string, message: RegExp) => {
      const err = await editDraft(ctx, draft.id, edit).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DraftError);
      expect((err as DraftError).code).toBe('invalid_input');
      expect((err as DraftError).issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
      );
    };
    const faculty = f.data.people.find((p) => p.kind === 'faculty')!;
    await refused(plan('nobody', 3, 'full', 'rot-im'), 'personId', /no person with id "nobody"/);
    await refused(plan('res-02', 3, 'full', 'rot-none'), 'rotationId', /no rotation with id "rot-none"/);
    await refused(plan('res-02', 45, 'full', 'rot-im'), 'blockNumber', /has no block 45/);
    await refused(plan(faculty.id, 3, 'full', 'rot-im'), 'personId', /is faculty; the rotation plan is for residents/);
    await refused(plan('res-02', 0, 'first', 'rot-nf'), 'part', /too short to have halves/);
    await refused(plan('res-02', 3, 'first', 'rot-im'), 'part', /lasts a whole block/);
    // With the plan's requirements as settings, a rotation outside the resident's PGY is refused.
    const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(ctx.program.db);
    const settings = JSON.parse(rows[0].json);
    settings.rotationPlan = {
      requirements: [
        { pgy: 1, rotationCode: 'FMIT', minBlocks: 1, maxBlocks: 4 },
        { pgy: 1, rotationCode: 'EM', minBlocks: 1, maxBlocks: 2 },
      ],
      windows: [{ rotationCode: 'EM', pgyLevels: [1], notInBlocks: [4] }],
      order: [],
      fixed: [],
      staffing: [],
    };
    await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)}`.execute(ctx.program.db);
    await refused(plan('res-02', 3, 'full', 'rot-im'), 'rotationId', /not among the rotations of PGY-1 residents/);
    await refused(plan('res-02', 4, 'full', 'rot-em'), 'blockNumber', /not allowed in block 4 for PGY-1/);

    expect(await count(ctx.program, 'draft_rotation_changes')).toBe(0);
    expect((await getDraft(ctx, draft.id)).revision).toBe(0);
    // A bad entry in an undo patch is refused by path too.
    const bad = await applyDraftPatch(ctx, draft.id, {
      cells: [],
      calls: [],
      inpatientWeeks: [],
      rotations: [
        { personId: 'res-02', academicYear: YEAR, blockNumber: 3, part: 'full', value: { rotationId: 'rot-none' } },
      ],
    }).then(
      () => null,
      (e: unknown) => e as DraftError,
    );
    expect(bad?.issues).toEqual([{ path: 'rotations[0].rotationId', message: 'no rotation with id "rot-none"' }]);
    expect(await count(ctx.program, 'draft_rotation_changes')).toBe(0);
  });

  it(
    'drafts.validate checks the draft plan with the rules: a second PGY-1 on the inpatient team is a ' +
      'blocking flag',
    async () => {
      const ctx = await setup();
      const draft = await createDraft(ctx, { name: 'two interns on FMIT' });
      await editDraft(ctx, draft.id, plan('res-02', 3, 'full', 'rot-fmit'));
      const v = await validateDraft(ctx, draft.id);
      const team = v.added.filter((x) => x.ruleId === 'inpatient_team');
      expect(team.length).toBeGreaterThan(0);
      expect(team[0].blocking).toBe(true);
      expect(v.range!.start <= '2026-08-27').toBe(true);
      const check = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
      expect(check.reasons.map((x) => x.gate)).toContain('findings');
    },
  );

  it('content from generation: each named block holds exactly its listed parts; duplicates are refused', async () => {
    const ctx = await setup();
    const { draft } = await createDraftFromAssignments(ctx, {
      name: 'Generated rotation plan',
      source: 'generation',
      assignments: [],
      rotationAssignments: [
        { personId: 'res-05', academicYear: YEAR, blockNumber: 3, part: 'full', rotationId: 'rot-im' },
        { personId: 'res-02', academicYear: YEAR, blockNumber: 3, part: 'first', rotationId: 'rot-nf' },
        { personId: 'res-02', academicYear: YEAR, blockNumber: 3, part: 'second', rotationId: 'rot-orth' },
        { personId: 'res-01', academicYear: YEAR, blockNumber: 3, part: 'full', rotationId: 'rot-fmit' },
      ],
    });
    const d = (await compareDraft(ctx, { draftId: draft.id })).diff.rotations;
    expect(d.map((r) => `${r.personId}:${r.after.map((p) => `${p.part}=${p.rotationId}`).join(',')}`)).toEqual([
      'res-02:first=rot-nf,second=rot-orth',
      'res-05:full=rot-im',
    ]);
    const bad = await createDraftFromAssignments(ctx, {
      name: 'overlapping',
      source: 'generation',
      assignments: [],
      rotationAssignments: [
        { personId: 'res-02', academicYear: YEAR, blockNumber: 3, part: 'full', rotationId: 'rot-im' },
        { personId: 'res-02', academicYear: YEAR, blockNumber: 3, part: 'first', rotationId: 'rot-nf' },
      ],
    }).then(
      () => null,
      (e: unknown) => e as DraftError,
    );
    expect(bad?.issues).toEqual([
      { path: 'rotationAssignments[1]', message: 'overlaps the plan entry as rotationAssignments[0]' },
    ]);
  });

  it('a later publication of the same block blocks the rollback until it is rolled back itself', async () => {
    const ctx = await setup();
    const before = await dumpPlan(ctx.program);
    const first = await createDraft(ctx, { name: 'first' });
    await editDraft(ctx, first.id, plan('res-05', 3, 'full', 'rot-im'));
    const second = await createDraft(ctx, { name: 'second' });
    await editDraft(ctx, second.id, plan('res-05', 3, 'second', 'rot-derm'));
    const p1 = await openAnyPublish(ctx, first.id);
    // The second draft was made before the first was published: its block is a conflict now.
    expect((await compareDraft(ctx, { draftId: second.id })).conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'rotation_assignments',
          personId: 'res-05',
          plan: { academicYear: YEAR, blockNumber: 3, part: 'second' },
        }),
      ]),
    );
    // Its half now replaces the published whole block, whose rotation stays on the other half.
    const p2 = await openAnyPublish(ctx, second.id);
    expect(await planOf(ctx.program, 'res-05', 3)).toEqual(['first:rot-im', 'second:rot-derm']);
    await expect(rollbackPublication(ctx, { publicationId: p1.id, reason: 'undo first' })).rejects.toThrow(
      /rotation_assignments rows changed since/,
    );
    await rollbackPublication(ctx, { publicationId: p2.id, reason: 'undo second' });
    await rollbackPublication(ctx, { publicationId: p1.id, reason: 'undo first' });
    expect(await dumpPlan(ctx.program)).toBe(before);
  });
});
