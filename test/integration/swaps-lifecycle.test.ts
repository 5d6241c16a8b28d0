// What a swap moves and its life: an inpatient week given away with its calls and post-call day
// (and the calls it displaces handed back), a trade of weeks, approvals (the program director
// when the program asks for it), execution as a publication, a byte-exact rollback, a request
// made stale by a later publication refused with what changed, re-validation at execution,
// refusals that change nothing, the audit trail, and cover for someone away as a draft.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createAbsence } from '../../core/services/absences';
import {
  compareDraft,
  createDraftFromAssignments,
  publishDraft,
  queryAudit,
  type DraftContext,
} from '../../core/services/drafts';
import { loadProgramData } from '../../core/services/program';
import {
  approveSwap,
  cancelSwap,
  createCoverDraft,
  executeSwap,
  findCover,
  getSwap,
  listSwaps,
  pendingCount,
  rejectSwap,
  requestSwap,
  rollbackSwap,
  type SwapItem,
} from '../../core/services/swaps';
import { dumpPublished } from './drafts-fixture';
import { openEach, SwapFixture, WEEK } from './swaps-fixture';

const open = openEach();

const F1_WEEK: SwapItem = { kind: 'inpatient_week', personId: 'f1', start: WEEK.start };
const giveWeekToF2 = (ctx: DraftContext) =>
  requestSwap(ctx, { kind: 'absorb', item: F1_WEEK, counterpartId: 'f2', counterItem: null, reason: 'conference' });

/** A program whose f2 has an overnight call inside f1's week (Tue Oct 6, post-call Wed Oct 7). */
const fixture = () => new SwapFixture().overnight('f2', '2026-10-06');

async function at(ctx: DraftContext, personId: string, date: string) {
  const data = await loadProgramData(ctx.program);
  const of = (half: string) =>
    data.assignments.find((a) => a.personId === personId && a.date === date && a.half === half)?.activityCode ?? null;
  return [of('AM'), of('PM')];
}

describe('what a swap moves', () => {
  it(
    'an inpatient week goes with its calls and post-call day; the taker’s call that week goes to ' + 'the giver',
    async () => {
      const { ctx } = await open(fixture());
      const s = await giveWeekToF2(ctx);
      expect(s).toMatchObject({
        status: 'pending',
        kind: 'absorb',
        requesterName: 'Ada Fisher',
        counterpartName: 'Ben Grant',
        approvalsNeeded: ['coordinator'],
      });
      expect(s.item.label).toBe('Inpatient week Fri Oct 2 – Thu Oct 8');
      const after = (personId: string, date: string, half: string) =>
        s.plan.cells.find((c) => c.personId === personId && c.date === date && c.half === half)?.after?.activityCode;
      for (const date of ['2026-10-02', '2026-10-03', '2026-10-05', '2026-10-08'])
        expect(after('f2', date, 'AM')).toBe('FMIT');
      expect([after('f2', '2026-10-09', 'AM'), after('f2', '2026-10-09', 'PM')]).toEqual(['OFF', 'OFF']);
      // f1 takes what f2 had: precepting, the weekend off, and the displaced call's post-call day.
      expect(after('f1', '2026-10-05', 'AM')).toBe('AT');
      expect(after('f1', '2026-10-03', 'AM')).toBe('W');
      expect([after('f1', '2026-10-07', 'AM'), after('f1', '2026-10-07', 'PM')]).toEqual(['PCAT', 'DO']);
      expect(after('f2', '2026-10-07', 'AM')).toBe('FMIT');
      const calls = s.plan.calls.map((c) => `${c.date} ${c.callTypeCode} ${c.personId} ${c.after ? '+' : '-'}`);
      expect(calls).toEqual(
        expect.arrayContaining([
          '2026-10-02 WKND f1 -',
          '2026-10-02 WKND f2 +',
          '2026-10-03 WKND f2 +',
          '2026-10-06 OC f2 -',
          '2026-10-06 OC f1 +',
        ]),
      );
      expect(s.plan.weeks.map((w) => [w.personId, w.start, w.after?.end ?? null])).toEqual([
        ['f1', '2026-10-02', null],
        ['f2', '2026-10-02', '2026-10-08'],
      ]);
      expect(s.softFindings.every((f) => f.severity === 'medium' || f.severity === 'low')).toBe(true);
    },
  );

  it('a trade moves both weeks', async () => {
    const { ctx } = await open(new SwapFixture().inpatientWeek('f3', '2026-10-16'));
    const s = await requestSwap(ctx, {
      kind: 'one_to_one',
      item: F1_WEEK,
      counterpartId: 'f3',
      counterItem: { kind: 'inpatient_week', personId: 'f3', start: '2026-10-16' },
      reason: 'trade',
    });
    expect(s.counterItem?.label).toBe('Inpatient week Fri Oct 16 – Thu Oct 22');
    expect(s.plan.weeks.filter((w) => w.after).map((w) => [w.personId, w.start])).toEqual([
      ['f3', '2026-10-02'],
      ['f1', '2026-10-16'],
    ]);
    expect(
      s.plan.calls
        .filter((c) => c.after)
        .map((c) => `${c.personId} ${c.date}`)
        .sort(),
    ).toEqual(['f1 2026-10-16', 'f1 2026-10-17', 'f3 2026-10-02', 'f3 2026-10-03']);
    expect(s.score.parts.proximity).toEqual({ value: 0.75, note: 'The traded items are 14 days apart' });
  });
});

describe('the lifecycle', () => {
  it('request → approve → execute (a publication) → roll back to the byte, every step audited', async () => {
    const { ctx } = await open(fixture());
    const before = await dumpPublished(ctx.program);
    let s = await giveWeekToF2(ctx);
    expect(await pendingCount(ctx)).toEqual({ pending: 1, approved: 0 });
    await expect(executeSwap(ctx, { swapId: s.id })).rejects.toThrow(
      /pending; only approved swaps are executed \(it needs approval by coordinator\)/,
    );
    s = await approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: 'fine' });
    expect(s.status).toBe('approved');
    expect(s.approvals).toEqual([
      expect.objectContaining({ role: 'coordinator', approvedBy: 'coordinator', note: 'fine' }),
    ]);

    s = await executeSwap(ctx, { swapId: s.id });
    expect(s).toMatchObject({ status: 'executed', executedBy: 'coordinator', canRollback: true });
    expect(s.publicationId).not.toBeNull();
    expect(await at(ctx, 'f2', '2026-10-05')).toEqual(['FMIT', 'FMIT']);
    expect(await at(ctx, 'f1', '2026-10-07')).toEqual(['PCAT', 'DO']);
    const data = await loadProgramData(ctx.program);
    expect(data.inpatientWeeks.filter((w) => w.start === WEEK.start).map((w) => w.personId)).toEqual(['f2']);
    expect((await dumpPublished(ctx.program)) === before).toBe(false);

    s = await rollbackSwap(ctx, { swapId: s.id, reason: 'f1 can make it after all' });
    expect(s).toMatchObject({ status: 'rolled_back', rollbackReason: 'f1 can make it after all', canRollback: false });
    expect(await dumpPublished(ctx.program)).toBe(before);
    // The swap's draft does not linger as an open draft.
    const { rows } = await sql<{ status: string }>`SELECT status FROM drafts WHERE id = ${s.draftId}`.execute(
      ctx.program.db,
    );
    expect(rows[0].status).toBe('discarded');

    const audit = await queryAudit(ctx, { entity: 'swap', entityId: String(s.id), limit: 50, offset: 0 });
    expect(audit.entries.map((e) => e.action).reverse()).toEqual([
      'swap.request',
      'swap.execute_refused',
      'swap.approve',
      'swap.execute',
      'swap.rollback',
    ]);
    expect(audit.entries.every((e) => e.actor === 'coordinator')).toBe(true);
    const publication = await queryAudit(ctx, { action: 'publication.rollback', limit: 5, offset: 0 });
    expect(publication.total).toBe(1);
  });

  it('needs the program director for an inpatient week when the program says so', async () => {
    const f = fixture();
    f.data.settings.swaps = { ...f.data.settings.swaps!, programDirectorApprovesInpatientWeeks: true };
    const { ctx } = await open(f);
    let s = await giveWeekToF2(ctx);
    expect(s.approvalsNeeded).toEqual(['coordinator', 'program_director']);
    s = await approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: null });
    expect(s.status).toBe('pending');
    await expect(approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: null })).rejects.toThrow(
      /already approved by the coordinator/,
    );
    s = await approveSwap(ctx, { swapId: s.id, role: 'program_director', note: 'ok by me' });
    expect(s.status).toBe('approved');
    // A call needs the coordinator only; the program director may approve in their place.
    const call = await requestSwap(ctx, {
      kind: 'absorb',
      item: { kind: 'call', personId: 'f2', date: '2026-10-06', callTypeCode: 'OC' },
      counterpartId: 'f4',
      counterItem: null,
      reason: 'x'.repeat(3),
    });
    expect(call.approvalsNeeded).toEqual(['coordinator']);
    expect((await approveSwap(ctx, { swapId: call.id, role: 'program_director', note: null })).status).toBe('approved');
  });

  it('refuses a request made stale by a later publication, saying what changed', async () => {
    const { ctx } = await open(fixture());
    const s = await giveWeekToF2(ctx);
    await approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: null });
    // Someone publishes a change to f2's Monday morning inside the week.
    const { draft } = await createDraftFromAssignments(ctx, {
      name: 'Clinic change',
      source: 'manual',
      assignments: [{ personId: 'f2', date: '2026-10-05', half: 'AM', activityCode: 'C' }],
    });
    await publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect((await getSwap(ctx, s.id)).staleBecause).toEqual(['Ben Grant Mon Oct 5 AM: AT then, C now']);
    const before = await dumpPublished(ctx.program);
    await expect(executeSwap(ctx, { swapId: s.id })).rejects.toThrow(
      /changed since it was requested \(Ben Grant Mon Oct 5 AM: AT then, C now\)/,
    );
    expect(await dumpPublished(ctx.program)).toBe(before);
    expect((await getSwap(ctx, s.id)).status).toBe('approved');
    const other = await requestSwap(ctx, {
      kind: 'absorb',
      item: { kind: 'call', personId: 'f2', date: '2026-10-06', callTypeCode: 'OC' },
      counterpartId: 'f4',
      counterItem: null,
      reason: 'stale test',
    });
    await createAbsence(
      ctx.program,
      { personId: 'f4', type: 'tdy', start: '2026-10-20', end: '2026-10-21', status: 'approved', note: null },
      'coordinator',
    );
    // An unrelated absence leaves the request current.
    expect((await getSwap(ctx, other.id)).staleBecause).toEqual([]);
  });

  it(
    're-validates at execution: an absence approved since makes the swap break a rule, and nothing ' + 'changes',
    async () => {
      const { ctx } = await open(fixture());
      const s = await giveWeekToF2(ctx);
      await approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: null });
      await createAbsence(
        ctx.program,
        { personId: 'f2', type: 'tdy', start: '2026-10-05', end: '2026-10-06', status: 'approved', note: null },
        'coordinator',
      );
      const before = await dumpPublished(ctx.program);
      await expect(executeSwap(ctx, { swapId: s.id })).rejects.toThrow(/cannot be published: .*finding/);
      expect(await dumpPublished(ctx.program)).toBe(before);
      const after = await getSwap(ctx, s.id);
      expect(after).toMatchObject({ status: 'approved', publicationId: null, draftId: null });
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM drafts`.execute(ctx.program.db);
      expect(rows[0].n).toBe(0);
    },
  );

  it('rejects, cancels, refuses duplicates, past items, hard-rule counterparts and late rollbacks', async () => {
    const f = fixture().overnight('f5', '2026-10-05');
    const { ctx } = await open(f);
    const s = await giveWeekToF2(ctx);
    await expect(giveWeekToF2(ctx)).rejects.toThrow(new RegExp(`Swap #${s.id} already asks for this item`));
    await expect(rejectSwap(ctx, { swapId: s.id, reason: '' })).rejects.toThrow(/with a reason/);
    expect((await rejectSwap(ctx, { swapId: s.id, reason: 'not this week' })).status).toBe('rejected');
    await expect(approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: null })).rejects.toThrow(
      /is rejected; only pending swaps are approved/,
    );
    const again = await giveWeekToF2(ctx);
    expect((await cancelSwap(ctx, { swapId: again.id, reason: 'asked someone else' })).status).toBe('cancelled');
    expect((await listSwaps(ctx, { status: 'open' })).length).toBe(0);
    expect((await listSwaps(ctx)).map((x) => x.status)).toEqual(['cancelled', 'rejected']);

    await expect(
      requestSwap(ctx, {
        kind: 'absorb',
        item: { kind: 'call', personId: 'f5', date: '2026-10-05', callTypeCode: 'OC' },
        counterpartId: 'f1',
        counterItem: null,
        reason: 'busy',
      }),
    ).rejects.toThrow(/Ada Fisher cannot take OC call Mon Oct 5: .*inpatient week/);
    const past = { kind: 'call' as const, personId: 'f2', date: '2026-09-08', callTypeCode: 'OC' };
    const g = new SwapFixture().overnight('f2', past.date);
    const other = await open(g);
    await expect(
      requestSwap(other.ctx, { kind: 'absorb', item: past, counterpartId: 'f3', counterItem: null, reason: 'late' }),
    ).rejects.toThrow(/in the past/);

    // A rollback after the window is refused.
    const late = await open(fixture());
    let x = await giveWeekToF2(late.ctx);
    x = await approveSwap(late.ctx, { swapId: x.id, role: 'coordinator', note: null });
    x = await executeSwap(late.ctx, { swapId: x.id });
    const tomorrow = { ...late.ctx, now: () => new Date(Date.parse(x.executedAt!) + 25 * 3_600_000) };
    expect((await getSwap(tomorrow, x.id)).canRollback).toBe(false);
    await expect(rollbackSwap(tomorrow, { swapId: x.id, reason: 'too late' })).rejects.toThrow(
      /can no longer be rolled back/,
    );
  });
});

describe('find cover', () => {
  it('offers candidates for what is left of a week and turns the choice into a draft', async () => {
    const f = new SwapFixture().absence('f1', 'tdy', '2026-10-05', '2026-10-08');
    const { ctx } = await open(f);
    const cover = await findCover(ctx, { personId: 'f1', start: '2026-10-05', end: '2026-10-08' });
    expect(cover.absences).toEqual([expect.objectContaining({ type: 'tdy', start: '2026-10-05', end: '2026-10-08' })]);
    expect(cover.needs.map((n) => n.item.label)).toEqual([
      'Inpatient week Mon Oct 5 – Thu Oct 8 (from a week starting Fri Oct 2)',
    ]);
    const best = cover.needs[0].candidates[0];
    expect(best).toBeDefined();
    const draft = await createCoverDraft(ctx, {
      personId: 'f1',
      start: '2026-10-05',
      end: '2026-10-08',
      clearOtherWork: true,
      choices: [{ item: cover.needs[0].item.item, takerId: best.personId }],
    });
    expect(draft).toMatchObject({
      source: 'swap',
      status: 'open',
      name: 'Cover for Ada Fisher, Mon Oct 5 – Thu Oct 8',
    });
    const diff = await compareDraft(ctx, { draftId: draft.id });
    const weeks = diff.diff.inpatientWeeks.map((w) => [
      w.start,
      w.before.map((x) => `${x.personId}→${x.end}`),
      w.after.map((x) => `${x.personId}→${x.end}`),
    ]);
    expect(weeks).toEqual([
      ['2026-10-02', ['f1→2026-10-08'], ['f1→2026-10-04']],
      ['2026-10-05', [], [`${best.personId}→2026-10-08`]],
    ]);
    const f1Cells = diff.diff.cells
      .filter((c) => c.personId === 'f1')
      .map((c) => `${c.date} ${c.half} ${c.after?.activityCode ?? '-'}`);
    expect(f1Cells).toContain('2026-10-06 AM -');
    expect(
      diff.diff.cells.filter((c) => c.personId === best.personId && c.after?.activityCode === 'FMIT'),
    ).toHaveLength(8);
  });
});
