// Drafts against a real program database: edits with undo/redo, reference checks that change
// nothing, the diff and its conflicts, publish gates (flags, churn, lock date), all-or-nothing
// publish under an injected failure, byte-exact rollback, and the audit trail.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { absenceToRow } from '../../core/db/rows';
import { addDays } from '../../core/domain/calendar';
import type { Assignment } from '../../core/domain/types';
import { formatDate } from '../../core/rules/explain';
import {
  acknowledgeFinding,
  applyDraftPatch,
  checkPublish,
  compareDraft,
  createDraft,
  createDraftFromAssignments,
  discardDraft,
  DraftError,
  editDraft,
  getDraft,
  listDrafts,
  listPublications,
  publishDraft,
  queryAudit,
  rollbackPublication,
  validateDraft,
} from '../../core/services/drafts';
import { loadProgramData } from '../../core/services/program';
import { context, count, dumpPublished, flagActivity, fixturePerFile } from './drafts-fixture';

const f = fixturePerFile();

async function setup(validate = flagActivity('SIM')) {
  const program = await f.copy();
  return context(program, validate);
}

const resident = () => f.data.people.find((p) => p.kind === 'resident')!;
const faculty = () => f.data.people.filter((p) => p.kind === 'faculty');
/** Published weekday clinic-ish slots of one person in a date range. */
function slotsOf(personId: string, from: string, to: string): Assignment[] {
  return f.data.assignments.filter((a) => a.personId === personId && a.date >= from && a.date <= to);
}
const ref = (a: { personId: string; date: string; half: 'AM' | 'PM' }) => ({
  personId: a.personId,
  date: a.date,
  half: a.half,
});
const noChurnLimits = async (ctx: Awaited<ReturnType<typeof setup>>) => {
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(ctx.program.db);
  const settings = JSON.parse(rows[0].json);
  settings.churn = { rejectTotalPct: 100, rejectPersonPct: 100, warnPersonPct: 100, warnPeopleAffected: 1000 };
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)}`.execute(ctx.program.db);
};
async function setSettings(ctx: Awaited<ReturnType<typeof setup>>, patch: Record<string, unknown>) {
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(ctx.program.db);
  await sql`UPDATE program_settings SET json = ${JSON.stringify({ ...JSON.parse(rows[0].json), ...patch })}`.execute(
    ctx.program.db,
  );
}

describe('editing a draft', () => {
  it('sets, clears and locks cells; each edit returns its undo, and undo/redo round-trips', async () => {
    const ctx = await setup();
    const draft = await createDraft(ctx, { name: 'August fixes' });
    expect(draft).toMatchObject({ status: 'open', source: 'manual', createdBy: 'coordinator', revision: 0 });
    const cells = slotsOf(resident().id, '2026-08-03', '2026-08-04').map(ref);
    expect(cells).toHaveLength(4);

    const set = await editDraft(ctx, draft.id, { kind: 'setActivity', cells: cells.slice(0, 2), activityCode: 'SIM' });
    expect(set).toMatchObject({ applied: 2, revision: 1 });
    const cleared = await editDraft(ctx, draft.id, { kind: 'clear', cells: cells.slice(2, 3) });
    const unlocked = await editDraft(ctx, draft.id, { kind: 'setLock', cells: cells.slice(0, 1), locked: false });

    let cmp = await compareDraft(ctx, { draftId: draft.id });
    expect(cmp.counts.cells).toEqual({ added: 0, changed: 2, removed: 1, relocked: 0 });
    const first = cmp.diff.cells.find((c) => c.date === cells[0].date && c.half === cells[0].half)!;
    expect(first.before?.activityCode).toBe(
      f.data.assignments.find(
        (a) => a.personId === cells[0].personId && a.date === cells[0].date && a.half === cells[0].half,
      )!.activityCode,
    );
    expect(first.after).toEqual({ activityCode: 'SIM', source: 'manual', locked: false });

    // Undo all three (newest first), keeping the redo patches.
    const redo = [];
    for (const e of [unlocked, cleared, set]) redo.push(await applyDraftPatch(ctx, draft.id, e.undo));
    cmp = await compareDraft(ctx, { draftId: draft.id });
    expect(cmp.diff.cells).toEqual([]);
    expect((await getDraft(ctx, draft.id)).entries).toEqual({ cells: 0, calls: 0, inpatientWeeks: 0, rotations: 0 });
    // Redo in the original order.
    for (const r of redo.reverse()) await applyDraftPatch(ctx, draft.id, r.undo);
    cmp = await compareDraft(ctx, { draftId: draft.id });
    expect(cmp.counts.cells).toEqual({ added: 0, changed: 2, removed: 1, relocked: 0 });
  });

  it('names the slots a lock lands on while their person is away or resting after a call; the locks stay', async () => {
    const ctx = await setup();
    const r = resident();
    const codes = new Map(f.data.activities.map((a) => [a.code, a]));
    const callsOf = (date: string) => f.data.calls.some((c) => c.personId === r.id && c.date === date);
    // Two weekday mornings of work, with no call of theirs in the two nights before.
    const [vacationDay, restDay] = slotsOf(r.id, '2026-10-05', '2026-10-30')
      .filter((a) => a.half === 'AM' && codes.get(a.activityCode)?.category !== 'time_off')
      .filter((a) => codes.get(a.activityCode)?.countsTowardDutyHours)
      .filter((a) => !callsOf(addDays(a.date, -1)) && !callsOf(addDays(a.date, -2)))
      .filter((a, i, all) => i === 0 || a.date >= addDays(all[0].date, 3))
      .map((a) => a.date);
    const absence = { id: 'lock-vac', personId: r.id, type: 'vacation' as const, start: vacationDay, end: vacationDay };
    await ctx.program.db
      .insertInto('absences')
      .values(absenceToRow({ ...absence, status: 'approved', note: null }))
      .execute();
    const draft = await createDraft(ctx, { name: 'Locks' });
    // The draft puts them on 24-hour in-house call (07:00–07:00) the night before the second morning.
    const callNight = addDays(restDay, -1);
    await editDraft(ctx, draft.id, { kind: 'setCall', date: callNight, callTypeCode: 'LD', personIds: [r.id] });
    const cells = [vacationDay, restDay].map((date) => ({ personId: r.id, date, half: 'AM' as const }));
    const result = await editDraft(ctx, draft.id, { kind: 'setLock', cells, locked: true });
    const held = (date: string) => slotsOf(r.id, date, date).find((a) => a.half === 'AM')!.activityCode;
    const free = `${formatDate(restDay)} 21:00`;
    expect(result.lockedOverUnavailable).toEqual([
      { ...cells[0], name: r.name, activityCode: held(vacationDay), why: `on vacation ${vacationDay}–${vacationDay}` },
      {
        ...cells[1],
        name: r.name,
        activityCode: held(restDay),
        why: `resting after LD call on ${callNight} (free again ${free}: 14 h after 24 h of in-house call)`,
      },
    ]);
    expect(result.warning).toMatch(/^Locked 2 slots where their people are unavailable: .* The locks are kept/);
    // The locks are in the draft all the same.
    const cmp = await compareDraft(ctx, { draftId: draft.id });
    for (const c of cells)
      expect(cmp.diff.cells.find((d) => d.date === c.date && d.half === 'AM')?.after?.locked).toBe(true);
    // A lock on a free slot says nothing.
    const other = slotsOf(r.id, '2026-11-02', '2026-11-06').find((a) => a.half === 'PM')!;
    const quiet = await editDraft(ctx, draft.id, { kind: 'setLock', cells: [ref(other)], locked: true });
    expect([quiet.lockedOverUnavailable, quiet.warning]).toEqual([undefined, undefined]);
    // An entry set or pasted by hand is locked as well: said the same way, and kept.
    const set = await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cells[0]], activityCode: 'C' });
    expect(set.lockedOverUnavailable?.map((l) => [l.activityCode, l.why])).toEqual([
      ['C', `on vacation ${vacationDay}–${vacationDay}`],
    ]);
    expect(set.warning).toMatch(/^Set 1 slot where its person is unavailable: .* The entry is kept, locked/);
    const pasted = await editDraft(ctx, draft.id, { kind: 'paste', cells: [{ ...cells[1], activityCode: 'C' }] });
    expect(pasted.lockedOverUnavailable?.map((l) => l.why)).toEqual([result.lockedOverUnavailable![1].why]);
    // Unlocking and clearing lock nothing: nothing to say.
    for (const edit of [
      { kind: 'setLock', cells, locked: false },
      { kind: 'clear', cells },
    ] as const)
      expect((await editDraft(ctx, draft.id, edit)).warning).toBeUndefined();
  });

  it('assigns a call night to exactly the given faculty and an inpatient week to another', async () => {
    const ctx = await setup();
    const draft = await createDraft(ctx, { name: 'calls' });
    const night = f.data.calls.find((c) => c.callTypeCode === 'OC' && c.date >= '2026-08-01')!;
    const other = faculty().find((p) => p.id !== night.personId)!;
    await editDraft(ctx, draft.id, { kind: 'setCall', date: night.date, callTypeCode: 'OC', personIds: [other.id] });
    const week = f.data.inpatientWeeks.find((w) => w.start >= '2026-08-01')!;
    const weekTo = faculty().find((p) => p.id !== week.personId)!;
    await editDraft(ctx, draft.id, {
      kind: 'setInpatientWeek',
      start: week.start,
      end: week.end,
      personIds: [weekTo.id],
    });
    const cmp = await compareDraft(ctx, { draftId: draft.id });
    expect(cmp.diff.calls).toEqual([
      {
        date: night.date,
        callTypeCode: 'OC',
        kind: 'changed',
        before: [{ personId: night.personId, source: night.source }],
        after: [{ personId: other.id, source: 'manual' }],
      },
    ]);
    expect(cmp.diff.inpatientWeeks[0]).toMatchObject({
      start: week.start,
      kind: 'changed',
      before: [{ personId: week.personId }],
      after: [{ personId: weekTo.id }],
    });
    expect(cmp.churn.changedCalls).toBe(1);
    expect(cmp.churn.changedInpatientWeeks).toBe(1);
  });

  it('rejects unknown people, activities, call types and wrong halves by path, changing nothing', async () => {
    const ctx = await setup();
    const draft = await createDraft(ctx, { name: 'bad' });
    const auditBefore = await count(ctx.program, 'audit_log');
    const cell = ref(slotsOf(resident().id, '2026-08-03', '2026-08-03')[0]);
    const attempt = editDraft(ctx, draft.id, {
      kind: 'paste',
      cells: [
        { ...cell, activityCode: 'C' },
        { ...cell, personId: 'nobody', activityCode: 'C' },
        { ...cell, half: 'AM', activityCode: 'NOPE' },
        { ...cell, half: 'AM', activityCode: 'NF' },
        { ...cell, date: '2031-01-01', activityCode: 'C' },
      ],
    });
    const err = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DraftError);
    expect((err as DraftError).code).toBe('invalid_input');
    expect((err as DraftError).issues).toEqual([
      { path: 'cells[1].personId', message: 'no person with id "nobody"' },
      { path: 'cells[2].activityCode', message: 'no activity with code "NOPE"' },
      { path: 'cells[3].activityCode', message: 'activity NF is never done in the AM' },
      { path: 'cells[4].date', message: '2031-01-01 is not in an academic year of this program' },
    ]);
    const resident2 = f.data.people.find((p) => p.kind === 'resident')!;
    await expect(
      editDraft(ctx, draft.id, { kind: 'setCall', date: '2026-08-03', callTypeCode: 'OC', personIds: [resident2.id] }),
    ).rejects.toThrow(/call OC is for faculty/);
    expect(await getDraft(ctx, draft.id)).toMatchObject({
      revision: 0,
      entries: { cells: 0, calls: 0, inpatientWeeks: 0 },
    });
    expect(await count(ctx.program, 'audit_log')).toBe(auditBefore);
  });

  it('refuses edits to a discarded draft', async () => {
    const ctx = await setup();
    const draft = await createDraft(ctx, { name: 'gone' });
    await discardDraft(ctx, { draftId: draft.id, reason: 'not needed' });
    const cell = ref(slotsOf(resident().id, '2026-08-03', '2026-08-03')[0]);
    await expect(editDraft(ctx, draft.id, { kind: 'clear', cells: [cell] })).rejects.toThrow(
      /is discarded; only open drafts/,
    );
    expect((await listDrafts(ctx, { status: 'discarded' })).map((d) => d.id)).toEqual([draft.id]);
  });
});

describe('generation into a draft', () => {
  it('never overrides a locked published slot and places calls by night', async () => {
    const ctx = await setup();
    // Lock one published slot by publishing a manual edit first.
    await noChurnLimits(ctx);
    const person = resident().id;
    const [locked, free] = slotsOf(person, '2026-09-01', '2026-09-01');
    const manual = await createDraft(ctx, { name: 'manual' });
    await editDraft(ctx, manual.id, { kind: 'setActivity', cells: [ref(locked)], activityCode: 'RES' });
    await publishDraft(ctx, { draftId: manual.id, acceptChurnWarnings: true, breakGlass: null });

    const night = f.data.calls.find((c) => c.callTypeCode === 'OC' && c.date >= '2026-09-01')!;
    const other = faculty().find((p) => p.id !== night.personId)!;
    const { draft, skippedLocked } = await createDraftFromAssignments(ctx, {
      name: 'Regenerated September',
      source: 'generation',
      assignments: [
        { ...ref(locked), activityCode: 'ELEC' },
        { ...ref(free), activityCode: 'ELEC' },
      ],
      calls: [{ date: night.date, callTypeCode: 'OC', personId: other.id }],
    });
    expect(skippedLocked).toBe(1);
    expect(draft).toMatchObject({ source: 'generation', entries: { cells: 1, calls: 2 } });
    const cmp = await compareDraft(ctx, { draftId: draft.id });
    expect(cmp.diff.cells).toEqual([
      expect.objectContaining({
        ...ref(free),
        kind: 'changed',
        after: { activityCode: 'ELEC', source: 'solver', locked: false },
      }),
    ]);
    expect(cmp.diff.calls[0].after).toEqual([{ personId: other.id, source: 'solver' }]);
  });

  it('rejects the same slot twice', async () => {
    const ctx = await setup();
    const a = ref(slotsOf(resident().id, '2026-09-01', '2026-09-01')[0]);
    await expect(
      createDraftFromAssignments(ctx, {
        name: 'dup',
        source: 'import',
        assignments: [
          { ...a, activityCode: 'C' },
          { ...a, activityCode: 'AT' },
        ],
      }),
    ).rejects.toThrow('assignments[1]: same slot as assignments[0]');
    expect(await listDrafts(ctx)).toEqual([]);
  });
});

describe('publishing', () => {
  it('applies the draft, records the publication, and audits every step', async () => {
    const ctx = await setup();
    const person = resident().id;
    const cells = slotsOf(person, '2026-10-05', '2026-10-06').map(ref);
    const draft = await createDraft(ctx, { name: 'October' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode: 'RES' });
    const pub = await publishDraft(ctx, {
      draftId: draft.id,
      acceptChurnWarnings: false,
      breakGlass: null,
      expectedRevision: 1,
    });
    expect(pub).toMatchObject({
      draftId: draft.id,
      draftName: 'October',
      publishedBy: 'coordinator',
      changes: { cells: 4, rows: 4 },
      canRollback: true,
    });
    const data = await loadProgramData(ctx.program);
    for (const c of cells)
      expect(
        data.assignments.find((a) => a.personId === c.personId && a.date === c.date && a.half === c.half),
      ).toMatchObject({ activityCode: 'RES', source: 'manual', locked: true });
    expect(await getDraft(ctx, draft.id)).toMatchObject({ status: 'published', publicationId: pub.id });
    const actions = (
      await queryAudit(ctx, { entity: 'draft', entityId: String(draft.id), limit: 50, offset: 0 })
    ).entries.map((e) => e.action);
    expect(actions).toEqual(['draft.setActivity', 'draft.create']);
    const publishAudit = await queryAudit(ctx, { action: 'draft.publish', limit: 5, offset: 0 });
    expect(publishAudit.entries[0].after).toMatchObject({ draftId: draft.id, revalidated: true, personIds: [person] });
  });

  it('is all or nothing: a failure injected mid-publish leaves everything as it was', async () => {
    const ctx = await setup();
    await noChurnLimits(ctx);
    const people = f.data.people.filter((p) => p.kind === 'resident').slice(0, 4);
    const cells = people.flatMap((p) => slotsOf(p.id, '2026-11-02', '2026-11-13')).map(ref);
    const draft = await createDraft(ctx, { name: 'big' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode: 'RES' });
    await editDraft(ctx, draft.id, { kind: 'clear', cells: cells.slice(0, 10) });
    const before = await dumpPublished(ctx.program);
    const auditBefore = await count(ctx.program, 'audit_log');
    const victim = cells[cells.length - 1];
    // Fails on the last row written (a changed slot is written in place), after the others are already in.
    const victimIs = sql`NEW.person_id = ${sql.lit(victim.personId)} AND NEW.date = ${sql.lit(victim.date)}
      AND NEW.half = ${sql.lit(victim.half)}`;
    for (const triggers of [
      [
        sql`CREATE TRIGGER fail_mid BEFORE INSERT ON assignments WHEN ${victimIs}
          BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
        sql`CREATE TRIGGER fail_mid_update BEFORE UPDATE ON assignments WHEN ${victimIs}
          BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      ],
      [
        sql`CREATE TRIGGER fail_late BEFORE INSERT ON audit_log WHEN NEW.action = 'draft.publish'
          BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      ],
    ]) {
      for (const trigger of triggers) await trigger.execute(ctx.program.db);
      await expect(
        publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null }),
      ).rejects.toThrow('injected failure');
      expect(await dumpPublished(ctx.program)).toBe(before);
      expect(await count(ctx.program, 'publications')).toBe(0);
      expect(await count(ctx.program, 'publication_records')).toBe(0);
      expect(await count(ctx.program, 'audit_log')).toBe(auditBefore);
      expect((await getDraft(ctx, draft.id)).status).toBe('open');
      for (const name of ['fail_mid', 'fail_mid_update', 'fail_late'])
        await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(ctx.program.db);
    }
    // Without the fault it goes through.
    await publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect(await dumpPublished(ctx.program)).not.toBe(before);
  });

  it('rollback restores the previous published schedule byte for byte', async () => {
    const ctx = await setup();
    await noChurnLimits(ctx);
    const before = await dumpPublished(ctx.program);
    const p = resident().id;
    const cells = slotsOf(p, '2026-12-01', '2026-12-20').map(ref);
    const draft = await createDraft(ctx, { name: 'December' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: cells.slice(0, 20), activityCode: 'ELEC' });
    await editDraft(ctx, draft.id, { kind: 'clear', cells: cells.slice(20, 30) });
    await editDraft(ctx, draft.id, { kind: 'setLock', cells: cells.slice(30), locked: true });
    const night = f.data.calls.find((c) => c.date >= '2026-12-01' && c.callTypeCode === 'OC')!;
    await editDraft(ctx, draft.id, {
      kind: 'setCall',
      date: night.date,
      callTypeCode: 'OC',
      personIds: faculty()
        .filter((x) => x.id !== night.personId)
        .slice(0, 2)
        .map((x) => x.id),
    });
    const week = f.data.inpatientWeeks.find((w) => w.start >= '2026-12-01')!;
    await editDraft(ctx, draft.id, { kind: 'setInpatientWeek', start: week.start, end: week.end, personIds: [] });
    // Empty slots (a new row with a new rowid) too.
    const empty = { personId: p, date: '2026-12-01', half: 'AM' as const };
    await sql`DELETE FROM assignments WHERE person_id = ${p} AND date = '2026-12-01' AND half = 'AM'`.execute(
      ctx.program.db,
    );
    const beforeWithHole = await dumpPublished(ctx.program);
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [empty], activityCode: 'C' });

    const pub = await publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect(await dumpPublished(ctx.program)).not.toBe(beforeWithHole);
    ctx.clock.advanceHours(23);
    const rolled = await rollbackPublication(ctx, { publicationId: pub.id, reason: 'wrong block' });
    expect(rolled).toMatchObject({ rolledBackBy: 'coordinator', rollbackReason: 'wrong block', canRollback: false });
    expect(await dumpPublished(ctx.program)).toBe(beforeWithHole);
    expect(before).not.toBe(beforeWithHole);
    expect(await getDraft(ctx, draft.id)).toMatchObject({ status: 'open', publicationId: null });
    await expect(rollbackPublication(ctx, { publicationId: pub.id, reason: 'again' })).rejects.toThrow(
      /already rolled back/,
    );
  });

  it(
    'rollback is refused after settings.rollbackHours and when a later publication changed the ' + 'same rows',
    async () => {
      const ctx = await setup();
      await noChurnLimits(ctx);
      const cells = slotsOf(resident().id, '2027-01-04', '2027-01-05').map(ref);
      const a = await createDraft(ctx, { name: 'A' });
      await editDraft(ctx, a.id, { kind: 'setActivity', cells, activityCode: 'RES' });
      const pubA = await publishDraft(ctx, { draftId: a.id, acceptChurnWarnings: true, breakGlass: null });
      const b = await createDraft(ctx, { name: 'B' });
      await editDraft(ctx, b.id, { kind: 'setActivity', cells: cells.slice(0, 1), activityCode: 'ELEC' });
      const pubB = await publishDraft(ctx, { draftId: b.id, acceptChurnWarnings: true, breakGlass: null });
      await expect(rollbackPublication(ctx, { publicationId: pubA.id, reason: 'x' })).rejects.toThrow(
        /rows changed since it was published/,
      );
      await rollbackPublication(ctx, { publicationId: pubB.id, reason: 'undo B' });
      ctx.clock.advanceHours(24.01);
      await expect(rollbackPublication(ctx, { publicationId: pubA.id, reason: 'late' })).rejects.toThrow(
        /24-hour window ended/,
      );
      expect((await listPublications(ctx)).map((p) => [p.id, p.canRollback])).toEqual([
        [pubB.id, false],
        [pubA.id, false],
      ]);
    },
  );
});

describe('publish gates', () => {
  it('blocks on new blocking findings until they are acknowledged with a reason (audited)', async () => {
    const ctx = await setup();
    const cells = slotsOf(resident().id, '2026-08-10', '2026-08-10').map(ref);
    const draft = await createDraft(ctx, { name: 'sim' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode: 'SIM' });
    const v = await validateDraft(ctx, draft.id);
    expect(v.added.map((x) => x.id).sort()).toEqual(cells.map((c) => `flag:${c.personId}:${c.date}:${c.half}`).sort());
    expect(v).toMatchObject({ unresolved: 2, byCategory: { rule: 2 } });
    await expect(publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null })).rejects.toThrow(
      /2 findings need to be resolved or acknowledged/,
    );

    await acknowledgeFinding(ctx, {
      findingId: v.added[0].id,
      draftId: draft.id,
      reasonCode: 'approved_exception',
      reason: 'Sim day approved by PD',
    });
    const check = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect(check.canPublish).toBe(false);
    expect(check.validation.unresolved).toBe(1);
    expect((await getDraft(ctx, draft.id)).validation).toMatchObject({ unresolved: 1, stale: false });
    await acknowledgeFinding(ctx, {
      findingId: v.added[1].id,
      draftId: null,
      reasonCode: 'other',
      reason: 'accepted for the program',
    });
    const pub = await publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect(pub.acknowledged).toBe(2);
    const acks = await queryAudit(ctx, { action: 'finding.acknowledge', limit: 10, offset: 0 });
    expect(acks.entries.map((e) => (e.after as { reasonCode: string }).reasonCode).sort()).toEqual([
      'approved_exception',
      'other',
    ]);
    await expect(
      acknowledgeFinding(ctx, { findingId: 'flag:x', draftId: draft.id, reasonCode: 'other', reason: 'x' }),
    ).rejects.toThrow(/only open drafts/);
  });

  it('a draft that resolves a finding is not held back by it, and removed findings are reported', async () => {
    const ctx = await setup();
    const cells = slotsOf(resident().id, '2026-08-11', '2026-08-11').map(ref);
    const first = await createDraft(ctx, { name: 'add sim' });
    await editDraft(ctx, first.id, { kind: 'setActivity', cells, activityCode: 'SIM' });
    await acknowledgeFinding(ctx, {
      findingId: (await validateDraft(ctx, first.id)).added[0].id,
      draftId: first.id,
      reasonCode: 'other',
      reason: 'ok',
    });
    await acknowledgeFinding(ctx, {
      findingId: (await validateDraft(ctx, first.id)).added[1].id,
      draftId: first.id,
      reasonCode: 'other',
      reason: 'ok',
    });
    await publishDraft(ctx, { draftId: first.id, acceptChurnWarnings: true, breakGlass: null });
    const fix = await createDraft(ctx, { name: 'fix' });
    await editDraft(ctx, fix.id, { kind: 'setActivity', cells: cells.slice(0, 1), activityCode: 'C' });
    const v = await validateDraft(ctx, fix.id);
    expect(v.added).toEqual([]);
    expect(v.removed.map((x) => x.id)).toEqual([`flag:${cells[0].personId}:${cells[0].date}:${cells[0].half}`]);
    // Every other SIM slot within the checked range is flagged before and after.
    const others = f.data.assignments.filter(
      (x) => x.activityCode === 'SIM' && x.date >= v.range!.start && x.date <= v.range!.end,
    ).length;
    expect(v.range).toEqual({ start: '2026-07-14', end: '2026-09-08' });
    expect(v.persisting).toBe(others + 1);
  });

  it('churn guard: rejects above the limit, needs warnings accepted, thresholds from settings', async () => {
    const ctx = await setup();
    const person = resident();
    const year = slotsOf(person.id, '2026-07-01', '2027-06-30');
    const draft = await createDraft(ctx, { name: 'churn' });
    // 31% of one person's year: a warning.
    const n = Math.floor(year.length * 0.31) + 1;
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: year.slice(0, n).map(ref), activityCode: 'RES' });
    let check = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: false, breakGlass: null });
    expect(check.churn.verdict).toBe('warn');
    expect(check.reasons.map((r) => r.gate)).toEqual(['churn_warning']);
    await expect(
      publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: false, breakGlass: null }),
    ).rejects.toThrow(/Churn warnings need to be accepted/);
    check = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null });
    expect(check.canPublish).toBe(true);
    // Stricter settings turn it into a rejection that accepting warnings does not lift.
    await setSettings(ctx, {
      churn: { rejectTotalPct: 20, rejectPersonPct: 30, warnPersonPct: 20, warnPeopleAffected: 10 },
    });
    await expect(publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null })).rejects.toThrow(
      /Churn guard: The draft changes 3\d(\.\d)?% of the published slots of/,
    );
    expect(await count(ctx.program, 'publications')).toBe(0);
  });

  it('lock date: changes on or before it need break-glass approval, which is audited', async () => {
    const ctx = await setup();
    await setSettings(ctx, { lockDate: '2026-08-31' });
    const person = resident().id;
    const onLock = ref(slotsOf(person, '2026-08-31', '2026-08-31')[0]);
    const after = ref(slotsOf(person, '2026-09-01', '2026-09-01')[0]);
    const free = await createDraft(ctx, { name: 'after lock' });
    await editDraft(ctx, free.id, { kind: 'setActivity', cells: [after], activityCode: 'RES' });
    expect(
      (await checkPublish(ctx, { draftId: free.id, acceptChurnWarnings: false, breakGlass: null })).needsBreakGlass,
    ).toBe(false);

    const draft = await createDraft(ctx, { name: 'on lock' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [onLock], activityCode: 'RES' });
    const check = await checkPublish(ctx, { draftId: draft.id, acceptChurnWarnings: false, breakGlass: null });
    expect(check).toMatchObject({ canPublish: false, needsBreakGlass: true, lockedChanges: 1 });
    await expect(
      publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: false, breakGlass: null }),
    ).rejects.toThrow(/on or before the lock date 2026-08-31/);
    const refused = await queryAudit(ctx, {
      action: 'draft.publish_refused',
      entityId: String(draft.id),
      limit: 5,
      offset: 0,
    });
    expect(refused.entries[0].after).toMatchObject({ reasons: [{ path: 'lock_date' }], breakGlass: null });
    const breakGlass = {
      role: 'pd' as const,
      approvedBy: 'Dr Program Director',
      reason: 'Resident deployed on short notice',
    };
    const pub = await publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: false, breakGlass });
    expect(pub.breakGlass).toEqual(breakGlass);
    const audit = await queryAudit(ctx, { action: 'draft.break_glass', limit: 5, offset: 0 });
    expect(audit.entries[0].after).toMatchObject({ ...breakGlass, lockDate: '2026-08-31', lockedChanges: 1 });
  });

  it(
    'publish revalidates: a stale validation (older than 24 h, edited, settings changed) is reported and not ' +
      'trusted',
    async () => {
      const ctx = await setup();
      const cell = ref(slotsOf(resident().id, '2026-08-12', '2026-08-12')[0]);
      const draft = await createDraft(ctx, { name: 'stale' });
      await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cell], activityCode: 'RES' });
      await validateDraft(ctx, draft.id);
      expect((await getDraft(ctx, draft.id)).validation).toMatchObject({ stale: false, unresolved: 0 });
      ctx.clock.advanceHours(25);
      expect((await getDraft(ctx, draft.id)).validation).toMatchObject({
        stale: true,
        staleReason: 'checked more than 24 hours ago',
      });
      expect((await compareDraft(ctx, { draftId: draft.id })).validationStaleReason).toBe(
        'checked more than 24 hours ago',
      );
      // The rules changed since: the stored check says "no findings", publish finds one.
      const strict = { ...ctx, validate: flagActivity('RES') };
      await expect(
        publishDraft(strict, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null }),
      ).rejects.toThrow(/1 finding needs to be resolved/);
      await validateDraft(ctx, draft.id);
      await editDraft(ctx, draft.id, { kind: 'setLock', cells: [cell], locked: false });
      expect((await getDraft(ctx, draft.id)).validation).toMatchObject({
        stale: true,
        staleReason: 'the draft was edited after it was checked',
      });
    },
  );

  it(
    'a check made before a publication is rolled back is stale after it (the published schedule ' + 'changed)',
    async () => {
      const ctx = await setup();
      await noChurnLimits(ctx);
      const published = await createDraft(ctx, { name: 'published, then rolled back' });
      const p = resident().id;
      await editDraft(ctx, published.id, {
        kind: 'setActivity',
        cells: slotsOf(p, '2026-12-01', '2026-12-02').map(ref),
        activityCode: 'ELEC',
      });
      const pub = await publishDraft(ctx, { draftId: published.id, acceptChurnWarnings: true, breakGlass: null });
      const other = await createDraft(ctx, { name: 'checked before the rollback' });
      await editDraft(ctx, other.id, {
        kind: 'setActivity',
        cells: [ref(slotsOf(p, '2026-12-10', '2026-12-10')[0])],
        activityCode: 'ELEC',
      });
      await validateDraft(ctx, other.id);
      expect((await getDraft(ctx, other.id)).validation).toMatchObject({ stale: false });
      await rollbackPublication(ctx, { publicationId: pub.id, reason: 'wrong month' });
      // The latest publication is still the same row; what it published is no longer in force.
      expect((await getDraft(ctx, other.id)).validation).toMatchObject({
        stale: true,
        staleReason:
          'the published schedule changed after the check (a draft was published or a publication rolled back)',
      });
    },
  );

  it('refuses a publish of a draft that changed since it was reviewed, or that changes nothing', async () => {
    const ctx = await setup();
    const draft = await createDraft(ctx, { name: 'empty' });
    await expect(publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null })).rejects.toThrow(
      /changes nothing/,
    );
    const cell = ref(slotsOf(resident().id, '2026-08-12', '2026-08-12')[0]);
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cell], activityCode: 'RES' });
    await expect(
      publishDraft(ctx, { draftId: draft.id, acceptChurnWarnings: true, breakGlass: null, expectedRevision: 0 }),
    ).rejects.toThrow(/changed since it was reviewed/);
  });
});

describe('comparing drafts', () => {
  it('shows cells another publication changed after the draft was created', async () => {
    const ctx = await setup();
    const cells = slotsOf(resident().id, '2026-08-17', '2026-08-17').map(ref);
    const a = await createDraft(ctx, { name: 'A' });
    const b = await createDraft(ctx, { name: 'B' });
    await editDraft(ctx, a.id, { kind: 'setActivity', cells, activityCode: 'RES' });
    await editDraft(ctx, b.id, { kind: 'setActivity', cells: cells.slice(0, 1), activityCode: 'ELEC' });
    const pub = await publishDraft(ctx, { draftId: a.id, acceptChurnWarnings: true, breakGlass: null });
    const cmp = await compareDraft(ctx, { draftId: b.id });
    expect(cmp.conflicts).toEqual([{ publicationId: pub.id, table: 'assignments', ...cells[0] }]);
    expect(cmp.diff.cells[0].before).toEqual({ activityCode: 'RES', source: 'manual', locked: true });
    // Limited to a date range for the grid.
    expect((await compareDraft(ctx, { draftId: b.id, start: '2026-08-18', end: '2026-08-31' })).diff.cells).toEqual([]);
  });
});

describe('audit log query', () => {
  it('filters by person and by date', async () => {
    const ctx = await setup();
    const [p1, p2] = f.data.people.filter((p) => p.kind === 'resident');
    // The audit log stamps entries with the real time.
    const start = new Date().toISOString();
    const draft = await createDraft(ctx, { name: 'audit' });
    await editDraft(ctx, draft.id, {
      kind: 'setActivity',
      cells: [ref(slotsOf(p1.id, '2026-08-03', '2026-08-03')[0])],
      activityCode: 'RES',
    });
    await new Promise((r) => setTimeout(r, 5));
    const mid = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await editDraft(ctx, draft.id, {
      kind: 'setActivity',
      cells: [ref(slotsOf(p2.id, '2026-08-03', '2026-08-03')[0])],
      activityCode: 'RES',
    });
    const forP1 = await queryAudit(ctx, { personId: p1.id, limit: 10, offset: 0 });
    expect(forP1.entries.map((e) => e.action)).toEqual(['draft.setActivity']);
    expect((forP1.entries[0].after as { personIds: string[] }).personIds).toEqual([p1.id]);
    const later = await queryAudit(ctx, { from: mid, limit: 10, offset: 0 });
    expect(later.entries.map((e) => (e.after as { personIds?: string[] }).personIds)).toEqual([[p2.id]]);
    const earlier = await queryAudit(ctx, { from: start, to: mid, action: 'draft.', limit: 10, offset: 0 });
    expect(earlier.entries.map((e) => e.action)).toEqual(['draft.setActivity', 'draft.create']);
    expect(earlier.total).toBe(2);
    // A bare date as `to` covers that whole day.
    const today = await queryAudit(ctx, {
      from: start.slice(0, 10),
      to: start.slice(0, 10),
      personId: p2.id,
      limit: 10,
      offset: 0,
    });
    expect(today.total).toBe(mid.slice(0, 10) === start.slice(0, 10) ? 1 : 0);
  });
});
