// Offline review (issue 18): the whole loop between two separate user-data folders (the
// coordinator's with the program, the reviewer's with only the review file) through the CLI;
// tampered files refused; stale, foreign, never-sent and repeated responses; the approval gate;
// comments resolved and unresolved; migration 0017 gives an older program file its key pair.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { openDatabase } from '../../core/db/open';
import { checkPublish, createDraft, editDraft, publishDraft } from '../../core/services/drafts';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';
import {
  draftReviewState,
  exportReview,
  importResponse,
  openReview,
  resolveComment,
  writeResponse,
  type ResponseInput,
} from '../../core/services/reviews';
import { generateProgram } from '../../core/demo/generate';
import { buildFixture, context, count, flagActivity, openCopy, type Fixture } from './drafts-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(() => f.cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A draft of the fixture program that changes two of a resident's slots. */
async function twoSlotDraft(program: Program, name = 'August fix') {
  const ctx = context(program, flagActivity('none'));
  const person = f.data.people.find((p) => p.kind === 'resident')!;
  const cells = f.data.assignments
    .filter((a) => a.personId === person.id && a.date === '2026-08-04')
    .map((a) => ({ personId: a.personId, date: a.date, half: a.half }));
  const draft = await createDraft(ctx, { name });
  await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode: 'RES' });
  return { ctx, draft, person, cells };
}

async function setSettings(program: Program, patch: Record<string, unknown>) {
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(program.db);
  await sql`UPDATE program_settings SET json = ${JSON.stringify({ ...JSON.parse(rows[0].json), ...patch })}`.execute(
    program.db,
  );
}

const approve = (by = 'Dr. Director'): ResponseInput => ({ decision: 'approve', by, reason: '', comments: [] });

describe('the review loop between two user-data folders', () => {
  it('exports, opens, responds and imports through the CLI; comments and the decision land on the draft', async () => {
    const coordinator = fs.mkdtempSync(path.join(f.dir, 'coordinator-'));
    const reviewer = fs.mkdtempSync(path.join(f.dir, 'reviewer-'));
    const db = path.join(coordinator, 'program.sqlite');
    fs.copyFileSync(f.template, db);
    let program = await openProgram(db);
    const { draft, person } = await twoSlotDraft(program);
    await program.close();

    const reviewFile = path.join(coordinator, 'august.rsreview');
    const exported = await cli('review', 'export', db, String(draft.id), reviewFile);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toMatch(
      /Wrote .*august\.rsreview \(\d+ KB\), review [0-9a-f]{12} of draft #\d+ "August fix" revision 1/,
    );

    // The reviewer's folder holds only the file: no program database.
    const copy = path.join(reviewer, 'august.rsreview');
    fs.copyFileSync(reviewFile, copy);
    const opened = await cli('review', 'open', copy);
    expect(opened.code).toBe(0);
    expect(opened.out).toContain('Review of draft #1 "August fix" (revision 1)');
    expect(opened.out).toContain('Slots: 0 added, 2 changed, 0 removed');
    expect(opened.out).toContain(`${person.name}: 2 of`);
    const review = openReview(fs.readFileSync(copy)).review;
    expect(review.people.map((p) => p.id)).toEqual([person.id]);
    expect(review.grid).toMatchObject({ start: '2026-08-04', end: '2026-08-04', absences: [] });
    expect(review.grid!.assignments.map((a) => a.personId)).toEqual([person.id, person.id]);
    expect(review.grid!.rotations.map((r) => r.id)).toEqual(review.grid!.rotationAssignments.map((r) => r.rotationId));
    expect(JSON.stringify(review)).not.toMatch(/audit|"note":"[^"]/);

    const anchored = path.join(reviewer, 'comments.json');
    fs.writeFileSync(
      anchored,
      JSON.stringify([
        {
          anchor: { kind: 'cells', personIds: [person.id], start: '2026-08-04', end: '2026-08-04', half: 'AM' },
          text: 'Why research on a clinic morning?',
        },
        { anchor: { kind: 'person', personId: person.id }, text: 'Check their leave first' },
      ]),
    );
    const responded = await cli(
      'review',
      'respond',
      copy,
      '--request-changes',
      '--by',
      'Dr. Director',
      '--reason',
      'clinic is short that week',
      '--comment',
      'Otherwise fine',
      '--comments',
      anchored,
    );
    expect(responded).toMatchObject({ code: 0 });
    const responseFile = path.join(reviewer, 'august-response.rsresponse');
    expect(fs.existsSync(responseFile)).toBe(true);

    const back = path.join(coordinator, 'august-response.rsresponse');
    fs.copyFileSync(responseFile, back);
    const imported = await cli('review', 'import', db, back);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toContain(
      'Dr. Director asked for changes to draft #1 "August fix" (revision 1): clinic is short that week; 3 ' +
        'comments added',
    );

    program = await openProgram(db);
    try {
      const state = await draftReviewState(context(program, flagActivity('none')), draft.id);
      expect(state.sent).toHaveLength(1);
      expect(state.responses).toMatchObject([
        { decision: 'request_changes', reviewer: 'Dr. Director', comments: 3, stale: null },
      ]);
      expect(state.comments.map((c) => c.anchor.kind)).toEqual(['draft', 'cells', 'person']);
      expect(state.approved).toBe(false);
      const { rows } = await sql<{
        action: string;
      }>`SELECT action FROM audit_log WHERE action LIKE 'review.%' ORDER BY id`.execute(program.db);
      expect(rows.map((r) => r.action)).toEqual(['review.export', 'review.import']);
    } finally {
      await program.close();
    }
    expect((await cli('review', 'import', db, back)).err).toContain('already imported');

    // The printout for those who review on paper: every page's footer names the file's short hash.
    const pdfFile = path.join(reviewer, 'august.pdf');
    const printed = await cli('review', 'pdf', copy, pdfFile);
    expect(printed).toMatchObject({ code: 0 });
    const short = openReview(fs.readFileSync(copy)).shortHash;
    const doc = await getDocumentProxy(new Uint8Array(fs.readFileSync(pdfFile)), { verbosity: 0 });
    for (let i = 1; i <= doc.numPages; i++) {
      const text = (await (await doc.getPage(i)).getTextContent()).items
        .map((x) => ('str' in x ? x.str : ''))
        .join(' ');
      expect(text).toContain(`file ${short}`);
      if (i === 1) expect(text).toContain(person.name);
    }
    expect((await cli('review', 'pdf', copy, path.join(reviewer, 'x.txt'))).code).toBe(2);
    expect((await cli('review', 'respond', copy, '--approve', '--request-changes', '--by', 'x')).code).toBe(2);
    expect((await cli('review', 'respond', copy, '--request-changes', '--by', 'x')).err).toContain(
      'asking for changes needs a reason',
    );
  });
});

describe('integrity', () => {
  let program: Program;
  beforeAll(async () => {
    program = await openCopy(f);
  });
  afterAll(() => program.close());

  it('refuses a review or response file changed by one byte, anywhere', async () => {
    const { ctx, draft } = await twoSlotDraft(program, 'Tamper test');
    const sent = await exportReview(ctx, draft.id);
    const opened = openReview(sent.bytes);
    const response = writeResponse(opened, approve()).bytes;
    for (const bytes of [sent.bytes, response]) {
      const kind = bytes === response ? 'response' : 'review';
      // The first line, the signature line, and bytes through the payload.
      for (const at of [3, bytes.indexOf(0x0a) + 12, bytes.indexOf(0x0a) + 100, bytes.length - 30, bytes.length - 1]) {
        const changed = Buffer.from(bytes);
        changed[at] ^= 0x01;
        if (kind === 'review')
          expect(() => openReview(changed, 'august.rsreview'), `byte ${at}`).toThrow(
            /august\.rsreview (was changed after it was signed|is not a valid review file)/,
          );
        else {
          const before = await count(program, 'review_responses');
          await expect(importResponse(ctx, changed, 'reply.rsresponse'), `byte ${at}`).rejects.toThrow(
            /reply\.rsresponse (was changed|is not a valid)/,
          );
          expect(await count(program, 'review_responses')).toBe(before);
        }
      }
      const truncated = bytes.subarray(0, bytes.length - 5);
      if (kind === 'review') expect(() => openReview(truncated)).toThrow(/changed after it was signed/);
      else await expect(importResponse(ctx, truncated)).rejects.toThrow(/changed after it was signed/);
    }
    expect(() => openReview(response)).toThrow(/it is a review response file/);
    expect(() => openReview(Buffer.from('hello'))).toThrow(/does not start like one/);
    // The untouched response imports.
    await expect(importResponse(ctx, response)).resolves.toMatchObject({
      response: { decision: 'approve', stale: null },
    });
  });

  it(
    'refuses responses to another program, to a review never sent, and the same response twice; nothing ' + 'changes',
    async () => {
      const { ctx, draft } = await twoSlotDraft(program, 'Foreign test');
      // Another program: its own key pair.
      const otherPath = path.join(f.dir, 'other.sqlite');
      const other = await openProgram(otherPath, { create: true });
      await writeProgramData(
        other,
        generateProgram({ seed: 5, academicYear: 2026, residentsPerPgy: [2, 2, 2], facultyCount: 7, learnerCount: 0 }),
        'fixture',
      );
      const otherDraft = (await twoSlotDraftOf(other)).draft;
      const foreign = writeResponse(
        openReview((await exportReview(context(other, flagActivity('none')), otherDraft.id)).bytes),
        approve(),
      ).bytes;
      await other.close();
      // A copy of this program (same key) sends a review this program never recorded.
      const twin = await openCopy(f);
      const twinDraft = (await twoSlotDraftOf(twin)).draft;
      const unsent = writeResponse(
        openReview((await exportReview(context(twin, flagActivity('none')), twinDraft.id)).bytes),
        approve(),
      ).bytes;
      await twin.close();

      const before = await Promise.all(
        ['review_responses', 'review_comments', 'audit_log'].map((t) => count(program, t)),
      );
      await expect(importResponse(ctx, foreign, 'other.rsresponse')).rejects.toThrow(
        /other\.rsresponse answers a review from another program .* nothing was imported/,
      );
      await expect(importResponse(ctx, unsent, 'twin.rsresponse')).rejects.toThrow(
        /twin\.rsresponse answers a review \([0-9a-f]{12}\) this program never sent/,
      );
      expect(
        await Promise.all(['review_responses', 'review_comments', 'audit_log'].map((t) => count(program, t))),
      ).toEqual(before);

      const reply = writeResponse(openReview((await exportReview(ctx, draft.id)).bytes), {
        ...approve(),
        comments: [{ anchor: { kind: 'draft' }, text: 'ok' }],
      }).bytes;
      await importResponse(ctx, reply);
      const after = await Promise.all(
        ['review_responses', 'review_comments', 'audit_log'].map((t) => count(program, t)),
      );
      await expect(importResponse(ctx, reply, 'again.rsresponse')).rejects.toThrow(
        /again\.rsresponse was already imported/,
      );
      expect(
        await Promise.all(['review_responses', 'review_comments', 'audit_log'].map((t) => count(program, t))),
      ).toEqual(after);
    },
  );

  it('refuses comments that point at nothing in the review', async () => {
    const { ctx, draft } = await twoSlotDraft(program, 'Anchors');
    const opened = openReview((await exportReview(ctx, draft.id)).bytes);
    expect(() =>
      writeResponse(opened, {
        ...approve(),
        comments: [{ anchor: { kind: 'person', personId: 'nobody' }, text: 'x' }],
      }),
    ).toThrow(/the review shows nobody with id "nobody"/);
    expect(() =>
      writeResponse(opened, { ...approve(), comments: [{ anchor: { kind: 'finding', findingId: 'f1' }, text: 'x' }] }),
    ).toThrow(/the review has no finding "f1"/);
  });
});

async function twoSlotDraftOf(program: Program) {
  const ctx = context(program, flagActivity('none'));
  const a = (
    await program.db.selectFrom('assignments').selectAll().where('date', '=', '2026-08-04').limit(1).execute()
  )[0];
  const draft = await createDraft(ctx, { name: 'Elsewhere' });
  await editDraft(ctx, draft.id, {
    kind: 'setActivity',
    cells: [{ personId: a.person_id, date: a.date, half: a.half as 'AM' | 'PM' }],
    activityCode: 'RES',
  });
  return { draft };
}

describe('stale responses and the approval gate', () => {
  let program: Program;
  beforeAll(async () => {
    program = await openCopy(f);
  });
  afterAll(() => program.close());

  it(
    'shows a response to an older revision as stale with what changed, and it does not approve the ' + 'draft now',
    async () => {
      const { ctx, draft, person } = await twoSlotDraft(program, 'Stale test');
      const opened = openReview((await exportReview(ctx, draft.id)).bytes);
      await editDraft(ctx, draft.id, {
        kind: 'setActivity',
        cells: [{ personId: person.id, date: '2026-08-05', half: 'PM' }],
        activityCode: 'RES',
      });
      const { response } = await importResponse(ctx, writeResponse(opened, approve()).bytes);
      expect(response.stale).toMatchObject({ reviewedRevision: 1, currentRevision: 2, changes: 1 });
      expect(response.stale!.changed[0]).toMatchObject({
        what: 'slot',
        personId: person.id,
        date: '2026-08-05',
        half: 'PM',
        now: 'RES',
      });
      expect((await draftReviewState(ctx, draft.id)).approved).toBe(false);
    },
  );

  it('gates publishing on the director approving the current revision; break-glass still publishes', async () => {
    await setSettings(program, { review: { publishNeedsDirectorApproval: true } });
    const { ctx, draft, person } = await twoSlotDraft(program, 'Gate test');
    const input = { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null };
    let check = await checkPublish(ctx, input);
    expect(check.reasons.map((r) => r.gate)).toEqual(['approval']);
    expect(check).toMatchObject({ needsBreakGlass: true, approval: { needed: true, approved: false } });

    const first = openReview((await exportReview(ctx, draft.id)).bytes);
    await importResponse(ctx, writeResponse(first, approve()).bytes);
    check = await checkPublish(ctx, input);
    expect(check).toMatchObject({
      canPublish: true,
      approval: { needed: true, approved: true },
      needsBreakGlass: false,
    });

    // A later request for changes on the same revision takes the approval back.
    const later = writeResponse(
      first,
      { decision: 'request_changes', by: 'Dr. Director', reason: 'second thoughts', comments: [] },
      { now: new Date(Date.now() + 60_000) },
    );
    await importResponse(ctx, later.bytes);
    expect((await checkPublish(ctx, input)).reasons.map((r) => r.gate)).toEqual(['approval']);

    // An edit after an approval needs a new one.
    const second = openReview((await exportReview(ctx, draft.id)).bytes);
    await importResponse(
      ctx,
      writeResponse(second, approve(), { now: new Date(Date.now() + 120_000) }).bytes,
      'second',
    );
    expect((await checkPublish(ctx, input)).canPublish).toBe(true);
    await editDraft(ctx, draft.id, {
      kind: 'setActivity',
      cells: [{ personId: person.id, date: '2026-08-05', half: 'AM' }],
      activityCode: 'RES',
    });
    expect((await checkPublish(ctx, input)).reasons.map((r) => r.gate)).toEqual(['approval']);
    await expect(publishDraft(ctx, input)).rejects.toThrow(/needs the program director's approval/);

    const published = await publishDraft(ctx, {
      ...input,
      breakGlass: { role: 'pd', approvedBy: 'Dr. Director', reason: 'ward closes tonight' },
    });
    expect(published.breakGlass).toMatchObject({ reason: 'ward closes tonight' });
    const { rows } = await sql<{
      after: string;
    }>`SELECT after FROM audit_log WHERE action = 'draft.break_glass' ORDER BY id DESC LIMIT 1`.execute(program.db);
    expect(JSON.parse(rows[0].after)).toMatchObject({ withoutDirectorApproval: true });
    await setSettings(program, { review: { publishNeedsDirectorApproval: false } });
  });

  it('resolves and unresolves comments, audited', async () => {
    const { ctx, draft } = await twoSlotDraft(program, 'Comments');
    const opened = openReview((await exportReview(ctx, draft.id)).bytes);
    await importResponse(
      ctx,
      writeResponse(opened, { ...approve(), comments: [{ anchor: { kind: 'draft' }, text: 'Looks right' }] }).bytes,
    );
    const [comment] = (await draftReviewState(ctx, draft.id)).comments;
    expect(await resolveComment(ctx, { commentId: comment.id, resolved: true })).toMatchObject({
      resolvedBy: 'coordinator',
    });
    expect(await resolveComment(ctx, { commentId: comment.id, resolved: false })).toMatchObject({
      resolvedAt: null,
      resolvedBy: null,
    });
    await expect(resolveComment(ctx, { commentId: 9999, resolved: true })).rejects.toThrow(
      /No review comment with id 9999/,
    );
    const { rows } = await sql<{
      action: string;
    }>`SELECT action FROM audit_log WHERE action LIKE 'review.comment%' ORDER BY id`.execute(program.db);
    expect(rows.map((r) => r.action)).toEqual(['review.comment_resolve', 'review.comment_unresolve']);
  });
});

describe('migration 0017', () => {
  it('gives a v16 program file its review key pair, and a new program its own', async () => {
    const p = path.join(f.dir, 'v16.sqlite');
    const old = await openDatabase(p, { create: true, schemaVersion: 16 });
    expect(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM meta WHERE key LIKE 'review_%'`.execute(old.db)).rows[0].n,
    ).toBe(0);
    await old.db.destroy();
    const keyOf = async (file: string) => {
      const program = await openProgram(file);
      try {
        return (
          await sql<{ value: string }>`SELECT value FROM meta WHERE key = 'review_public_key'`.execute(program.db)
        ).rows[0]?.value;
      } finally {
        await program.close();
      }
    };
    const migrated = await keyOf(p);
    expect(migrated).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(await keyOf(p)).toBe(migrated);
    expect(await keyOf(f.template)).not.toBe(migrated);
  });
});
