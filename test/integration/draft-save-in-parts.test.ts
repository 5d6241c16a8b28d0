// A large draft (a year's generated schedule) is saved in parts, each its own short transaction, so
// the app keeps answering meanwhile (issue 15 item 1). These tests wait on the save's own events
// (each stored part), never on the clock: other requests are answered between parts and none of
// them sees the half-written draft; the draft saved in many parts is the one saved in one part; a
// save that fails or is cut short (a crash) leaves no draft; a publication meanwhile is taken in.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DraftContent, DraftContext } from '../../core/services/drafts';
import {
  createDraft,
  createDraftFromAssignments,
  editDraft,
  getDraft,
  listDrafts,
  publishDraft,
  queryAudit,
  type SaveProgress,
} from '../../core/services/drafts';
import { analyzeDraft, analyzeDraftInParts } from '../../core/services/drafts/analysis';
import { draftRow } from '../../core/services/drafts/context';
import { draftDiffInParts } from '../../core/services/drafts/diff-in-parts';
import { draftDb } from '../../core/services/drafts/tables';
import { openProgram } from '../../core/services/program';
import { context, flagActivity, YEAR, fixturePerFile } from './drafts-fixture';

const f = fixturePerFile();

async function setup() {
  const program = await f.copy();
  const ctx = context(program, flagActivity('SIM'));
  // No churn limit: the tests publish a one-slot change.
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(program.db);
  const settings = JSON.parse(rows[0].json);
  settings.churn = { rejectTotalPct: 100, rejectPersonPct: 100, warnPersonPct: 100, warnPeopleAffected: 1000 };
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)}`.execute(program.db);
  return ctx;
}

/** The published year as a generated draft would hold it, every third slot unlocked-and-relocked. */
function yearContent(name = 'Generated year'): DraftContent {
  const inYear = (date: string) => date >= `${YEAR}-07-01` && date <= `${YEAR + 1}-06-30`;
  return {
    name,
    source: 'generation',
    assignments: f.data.assignments
      .filter((a) => inYear(a.date))
      .map((a, i) => ({
        personId: a.personId,
        date: a.date,
        half: a.half,
        activityCode: a.activityCode,
        locked: i % 3 === 0,
      })),
    calls: f.data.calls
      .filter((c) => inYear(c.date))
      .map((c) => ({ date: c.date, callTypeCode: c.callTypeCode, personId: c.personId })),
    inpatientWeeks: f.data.inpatientWeeks
      .filter((w) => inYear(w.start))
      .map((w) => ({ personId: w.personId, start: w.start, end: w.end })),
    rotationAssignments: f.data.rotationAssignments.map((r) => ({
      personId: r.personId,
      academicYear: r.academicYear,
      blockNumber: r.blockNumber,
      part: r.part,
      rotationId: r.rotationId,
    })),
  };
}

/** A draft's rows as stored, without its id: what the draft holds. */
async function draftRows(ctx: DraftContext, draftId: number) {
  const q = async (table: string, order: string) =>
    (
      await sql
        .raw(`SELECT * FROM ${table} WHERE draft_id = ${Number(draftId)} ORDER BY ${order}`)
        .execute(ctx.program.db)
    ).rows.map((r) => ({ ...(r as Record<string, unknown>), draft_id: undefined }));
  return {
    cells: await q('draft_assignment_changes', 'person_id, date, half'),
    calls: await q('draft_call_changes', 'date, call_type_code, person_id'),
    weeks: await q('draft_inpatient_week_changes', 'person_id, start'),
    plan: await q('draft_rotation_changes', 'person_id, academic_year, block_number, part'),
  };
}

/** Parts the save reported, and a hook run after one of them. */
function partsSeen(at?: { part: number; run: (draftId: number) => Promise<unknown> }) {
  const seen: { draftId: number; part: number; parts: number }[] = [];
  const progress: SaveProgress = {
    partEntries: 700,
    onPart: async (draftId, part, parts) => {
      seen.push({ draftId, part, parts });
      if (at && part === at.part && seen.filter((s) => s.part === at.part).length === 1) await at.run(draftId);
    },
  };
  return { seen, progress };
}

async function savingRows(ctx: DraftContext) {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM draft_assignment_changes
    WHERE draft_id IN (SELECT id FROM drafts WHERE saving = 1)`.execute(ctx.program.db);
  return rows[0].n;
}

describe("a year's draft saved in parts", () => {
  it('is the draft saved in one part: the same rows, counts, locked slots left out and audit', async () => {
    const ctx = await setup();
    const content = yearContent();
    const whole = partsSeen();
    const one = await createDraftFromAssignments(ctx, content, undefined, { ...whole.progress, partEntries: 1e9 });
    const many = partsSeen();
    const parts = await createDraftFromAssignments(ctx, content, undefined, many.progress);

    expect(whole.seen.map((s) => s.parts)).toEqual([1]);
    expect(many.seen.length).toBeGreaterThan(10);
    expect(many.seen.map((s) => s.part)).toEqual(many.seen.map((_, i) => i + 1));
    expect(await draftRows(ctx, parts.draft.id)).toEqual(await draftRows(ctx, one.draft.id));
    const { id: _a, ...a } = one.draft;
    const { id: _b, ...b } = parts.draft;
    expect(b).toEqual(a);
    expect(parts.skippedLocked).toBe(one.skippedLocked);
    // What the draft holds is the content: every slot but the published locked ones.
    expect(one.draft.entries.cells).toBe(content.assignments.length - one.skippedLocked);
    expect(one.draft).toMatchObject({ status: 'open', revision: 1 });
    const audit = async (id: number) =>
      (await queryAudit(ctx, { entity: 'draft', entityId: String(id), limit: 10, offset: 0 })).entries
        .map((r) => ({ action: r.action, before: r.before, after: r.after }))
        .reverse();
    const oneAudit = await audit(one.draft.id);
    expect(oneAudit.map((r) => r.action)).toEqual(['draft.create', 'draft.fill_from_generation']);
    expect(await audit(parts.draft.id)).toEqual(oneAudit);
  });

  it('answers other requests between its parts, and none of them sees the draft before it is complete', async () => {
    const ctx = await setup();
    const before = (await listDrafts(ctx)).map((d) => d.id);
    const answers: string[] = [];
    const { seen, progress } = partsSeen({
      part: 1,
      run: async (draftId) => {
        // Requests the UI makes, answered while the draft is half written.
        expect((await listDrafts(ctx)).map((d) => d.id)).toEqual(before);
        await expect(getDraft(ctx, draftId)).rejects.toThrow(/still being saved/);
        const cell = f.data.assignments.find((a) => a.date === `${YEAR}-08-03`)!;
        await expect(
          editDraft(ctx, draftId, {
            kind: 'setActivity',
            cells: [{ personId: cell.personId, date: cell.date, half: cell.half }],
            activityCode: 'SIM',
          }),
        ).rejects.toThrow(/still being saved/);
        await expect(publishDraft(ctx, { draftId, acceptChurnWarnings: true, breakGlass: null })).rejects.toThrow(
          /still being saved/,
        );
        expect(await savingRows(ctx)).toBeGreaterThan(0);
        answers.push('answered');
      },
    });
    const saved = await createDraftFromAssignments(ctx, yearContent(), undefined, progress);
    answers.push('saved');
    expect(answers).toEqual(['answered', 'saved']);
    expect(seen.at(-1)!.part).toBeGreaterThan(1);
    expect((await listDrafts(ctx)).map((d) => d.id)).toContain(saved.draft.id);
    expect(await getDraft(ctx, saved.draft.id)).toMatchObject({ status: 'open' });
    expect(await savingRows(ctx)).toBe(0);
  });

  it('that fails midway leaves no draft, no rows and no audit entry', async () => {
    const ctx = await setup();
    const before = await listDrafts(ctx);
    let draftId = 0;
    const { progress } = partsSeen({
      part: 3,
      run: async (id) => {
        draftId = id;
        throw new Error('the disk is full');
      },
    });
    await expect(createDraftFromAssignments(ctx, yearContent(), undefined, progress)).rejects.toThrow(/disk is full/);
    expect(draftId).toBeGreaterThan(0);
    expect(await listDrafts(ctx)).toEqual(before);
    expect(await savingRows(ctx)).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM drafts WHERE id = ${draftId}`.execute(
      ctx.program.db,
    );
    expect(rows[0].n).toBe(0);
    const audit = await queryAudit(ctx, { entity: 'draft', entityId: String(draftId), limit: 10, offset: 0 });
    expect(audit.entries).toEqual([]);
  });

  it('cut short by a crash is removed when the program is opened again', async () => {
    const ctx = await setup();
    const before = await listDrafts(ctx);
    let stopped: (id: number) => void = () => {};
    const atPart2 = new Promise<number>((resolve) => (stopped = resolve));
    const { progress } = partsSeen({
      part: 2,
      // The app stops here: the save never goes on.
      run: (id) => {
        stopped(id);
        return new Promise(() => {});
      },
    });
    void createDraftFromAssignments(ctx, yearContent(), undefined, progress);
    const draftId = await atPart2;
    expect(await savingRows(ctx)).toBeGreaterThan(0);
    expect(await listDrafts(ctx)).toEqual(before);
    // No part is written any more: the save's lease runs out.
    const runOut = new Date(Date.now() - 1000).toISOString();
    await sql`UPDATE drafts SET saving_until = ${runOut} WHERE id = ${draftId}`.execute(ctx.program.db);
    await ctx.program.close();

    const again = await openProgram(ctx.program.path);
    f.keep(again);
    const reopened = context(again, flagActivity('SIM'));
    expect(await savingRows(reopened)).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM drafts WHERE id = ${draftId}`.execute(again.db);
    expect(rows[0].n).toBe(0);
    expect(await listDrafts(reopened)).toEqual(before);
  });

  it('is left alone when another process opens the program mid-save (the command line beside the app)', async () => {
    const ctx = await setup();
    const content = yearContent();
    const { progress } = partsSeen({
      part: 2,
      run: async () => {
        const cli = await openProgram(ctx.program.path);
        try {
          expect(await savingRows(context(cli, flagActivity('SIM')))).toBeGreaterThan(0);
        } finally {
          await cli.close();
        }
      },
    });
    const saved = await createDraftFromAssignments(ctx, content, undefined, progress);
    const whole = await createDraftFromAssignments(ctx, content, undefined, { partEntries: 1e9 });
    expect(await draftRows(ctx, saved.draft.id)).toEqual(await draftRows(ctx, whole.draft.id));
    expect((await listDrafts(ctx)).map((d) => d.id)).toContain(saved.draft.id);
    expect(await savingRows(ctx)).toBe(0);
  });

  it('reads the published schedule again when something is published meanwhile', async () => {
    const ctx = await setup();
    const quiet = await createDraftFromAssignments(ctx, yearContent('Before'));
    // A published manual change locks its slot: a generated draft must then leave that slot out.
    const target = f.data.assignments.find((a) => a.date >= `${YEAR}-09-01` && !a.locked)!;
    const cell = { personId: target.personId, date: target.date, half: target.half };
    const { seen, progress } = partsSeen({
      part: 1,
      run: async () => {
        const manual = await createDraft(ctx, { name: 'One slot' });
        await editDraft(ctx, manual.id, {
          kind: 'setActivity',
          cells: [cell],
          activityCode: target.activityCode,
        });
        await publishDraft(ctx, { draftId: manual.id, acceptChurnWarnings: true, breakGlass: null });
      },
    });
    const saved = await createDraftFromAssignments(ctx, yearContent('After'), undefined, progress);
    // The first attempt was dropped at its end and the save started again from part 1.
    expect(seen.filter((s) => s.part === 1)).toHaveLength(2);
    expect(saved.skippedLocked).toBe(quiet.skippedLocked + 1);
    expect(await savingRows(ctx)).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM drafts`.execute(ctx.program.db);
    expect(rows[0].n).toBe(3);
  });
});

describe("a year's draft read in parts", () => {
  it('has the diff read at once: the same changes in the same order', async () => {
    const ctx = await setup();
    const content = yearContent();
    // Clear some slots, leave some call nights empty and move a plan block: every kind of change.
    content.assignments = content.assignments.map((a, i) => (i % 13 === 0 ? { ...a, activityCode: null } : a));
    content.emptyCalls = content
      .calls!.filter((_, i) => i % 9 === 0)
      .map((c) => ({ date: c.date, callTypeCode: c.callTypeCode }));
    content.calls = content.calls!.filter((_, i) => i % 9 !== 0);
    const plan = content.rotationAssignments!;
    const other = plan.find((r) => r.rotationId !== plan[0].rotationId)!.rotationId;
    content.rotationAssignments = plan.map((r, i) => (i % 10 === 0 ? { ...r, rotationId: other } : r));
    const { draft } = await createDraftFromAssignments(ctx, content);

    const db = draftDb(ctx.program.db);
    const atOnce = (await analyzeDraft(db, await draftRow(db, draft.id))).diff;
    const inParts = await draftDiffInParts(ctx, draft.id);
    expect(atOnce.cells.length).toBeGreaterThan(1000);
    expect(atOnce.calls.length).toBeGreaterThan(10);
    expect(atOnce.rotations.length).toBeGreaterThan(0);
    expect(inParts).toEqual(atOnce);
  });

  it(
    'has the analysis made in one read: the same churn (its counts taken a month at a time), locks, ' + 'conflicts',
    async () => {
      const ctx = await setup();
      const content = yearContent();
      content.assignments = content.assignments.map((a, i) => (i % 11 === 0 ? { ...a, activityCode: null } : a));
      const { draft } = await createDraftFromAssignments(ctx, content);

      const db = draftDb(ctx.program.db);
      const atOnce = await analyzeDraft(db, await draftRow(db, draft.id));
      const { analysis } = await analyzeDraftInParts(ctx, draft.id);
      expect(atOnce.churn.changedSlots).toBeGreaterThan(1000);
      // The denominators: every published slot of the year, each person's too.
      const published = await ctx.program.db
        .selectFrom('assignments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(atOnce.churn.publishedSlots).toBe(Number(published.n));
      expect(atOnce.churn.people.reduce((n, p) => n + p.publishedSlots, 0)).toBeLessThanOrEqual(Number(published.n));
      expect(analysis).toEqual(atOnce);
    },
  );
});
