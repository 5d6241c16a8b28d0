// A rollback puts back exactly what its publication changed, whatever the draft: over random drafts
// (slots changed, cleared and filled where there was none; call nights given to someone else of the same kind or
// left empty; plan blocks given another rotation), published in parts of random size, the published tables
// after the rollback are those before the publish, every column and rowid, and the publication's record
// read back holds each changed row's whole value before (with its rowid) and after.
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  createDraftFromAssignments,
  publishDraft,
  rollbackPublication,
  type DraftContent,
} from '../../core/services/drafts';
import type { Program } from '../../core/services/program';
import { context, dumpPublished, fixturePerFile, flagActivity, publicationRecords, YEAR } from './drafts-fixture';

const f = fixturePerFile();

/** No churn limit: a random draft may change anyone's whole week. */
async function withoutChurnLimit(program: Program): Promise<void> {
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(program.db);
  const settings = JSON.parse(rows[0].json);
  settings.churn = { rejectTotalPct: 100, rejectPersonPct: 100, warnPersonPct: 100, warnPeopleAffected: 1000 };
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)}`.execute(program.db);
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length];

const draftArbitrary = fc.record({
  slots: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 40 }),
  newSlots: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }),
  calls: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 6 }),
  plan: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
  partRows: fc.integer({ min: 1, max: 60 }),
});

type Picks = typeof draftArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A draft of the picks over the fixture's year (never SIM: the test rule flags it, and flags block publishing). */
function draftOf(picks: Picks): DraftContent {
  const inYear = (date: string) => date >= `${YEAR}-07-01` && date <= `${YEAR + 1}-06-30`;
  const slots = f.data.assignments.filter((a) => inYear(a.date) && a.activityCode !== 'SIM');
  // What someone does in that half-day: an activity valid then (some are done only in the AM).
  const codesOf = new Map<string, string[]>();
  for (const a of slots)
    codesOf.set(`${a.date}|${a.half}`, [...(codesOf.get(`${a.date}|${a.half}`) ?? []), a.activityCode]);
  const held = new Set(f.data.assignments.map((a) => `${a.personId}|${a.date}|${a.half}`));
  const assignments = new Map<string, DraftContent['assignments'][number]>();
  for (const [i, c, clear] of picks.slots) {
    const a = pick(slots, i);
    const other = codesOf.get(`${a.date}|${a.half}`)!.filter((code) => code !== a.activityCode);
    if (other.length === 0) continue;
    assignments.set(`${a.personId}|${a.date}|${a.half}`, {
      personId: a.personId,
      date: a.date,
      half: a.half,
      activityCode: clear ? null : pick(other, c),
    });
  }
  const dates = [...new Set(slots.map((a) => a.date))];
  for (const [p, d, c] of picks.newSlots) {
    const personId = pick(f.data.people, p).id;
    const date = pick(dates, d);
    const half = c % 2 ? 'PM' : 'AM';
    const codes = codesOf.get(`${date}|${half}`);
    if (codes && !held.has(`${personId}|${date}|${half}`))
      assignments.set(`${personId}|${date}|${half}`, { personId, date, half, activityCode: pick(codes, c) });
  }
  const nights = f.data.calls.filter((c) => inYear(c.date));
  const kindOf = new Map(f.data.people.map((p) => [p.id, p.kind]));
  const calls: NonNullable<DraftContent['calls']> = [];
  const emptyCalls: NonNullable<DraftContent['emptyCalls']> = [];
  const nightsPicked = new Set<string>();
  for (const [n, p, empty] of picks.calls) {
    const night = pick(nights, n);
    if (nightsPicked.has(`${night.date}|${night.callTypeCode}`)) continue;
    nightsPicked.add(`${night.date}|${night.callTypeCode}`);
    if (empty) emptyCalls.push({ date: night.date, callTypeCode: night.callTypeCode });
    else {
      // Someone else of the same kind (a call type is for residents or for faculty).
      const others = f.data.people.filter((x) => x.kind === kindOf.get(night.personId) && x.id !== night.personId);
      calls.push({ date: night.date, callTypeCode: night.callTypeCode, personId: pick(others, p).id });
    }
  }
  const plan = f.data.rotationAssignments.filter((r) => r.academicYear === YEAR && r.part === 'full');
  const rotationAssignments = new Map<string, NonNullable<DraftContent['rotationAssignments']>[number]>();
  for (const [e, r] of picks.plan) {
    const entry = pick(plan, e);
    const other = f.data.rotations.filter((x) => x.id !== entry.rotationId);
    rotationAssignments.set(`${entry.personId}|${entry.blockNumber}`, { ...entry, rotationId: pick(other, r).id });
  }
  return {
    name: 'A random draft',
    source: 'manual',
    assignments: [...assignments.values()],
    calls,
    emptyCalls,
    rotationAssignments: [...rotationAssignments.values()],
  };
}

describe('a rollback', () => {
  it('puts back exactly what a random draft published, rowids included', async () => {
    await fc.assert(
      fc.asyncProperty(draftArbitrary, async (picks) => {
        const program = await f.copy();
        await withoutChurnLimit(program);
        const ctx = context(program, flagActivity('SIM'));
        const before = await dumpPublished(program);
        const content = draftOf(picks);
        fc.pre(content.assignments.length > 0);
        const { draft } = await createDraftFromAssignments(ctx, content);
        const published = await publishDraft(
          ctx,
          {
            draftId: draft.id,
            acceptChurnWarnings: true,
            breakGlass: { role: 'pd', approvedBy: 'Dana Diaz', reason: 'Publishing before the lock date' },
          },
          picks.partRows,
        );
        const records = await publicationRecords(program);
        expect(records).toHaveLength(published.changes.rows);
        expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i));
        // Each row as it was (with the rowid it had) and as the publication left it.
        for (const r of records) {
          if (r.before) expect(typeof r.before.rowid).toBe('number');
          if (r.after) expect(r.after.rowid).toBeUndefined();
        }
        const changed = await dumpPublished(program);
        if (published.changes.rows > 0) expect(changed).not.toBe(before);
        await rollbackPublication(
          ctx,
          { publicationId: published.id, reason: 'checking the rollback' },
          picks.partRows,
        );
        expect(await dumpPublished(program)).toBe(before);
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
