// The churn's denominators (the published slots of the draft's academic years, per person) are counted
// once per published schedule, not on every drafts.changes (issue 15 item 2: each look at a draft in
// the grid's diff mode counted a year's slots again); a publication and a rollback count them again.
import {
  TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type RootOperationNode,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDraft, draftChanges, editDraft, publishDraft, rollbackPublication } from '../../core/services/drafts';
import type { Program } from '../../core/services/program';
import { context, count, fixturePerFile, flagActivity } from './drafts-fixture';

const f = fixturePerFile();

/** Counts the statements that count published slots per person (a grouped select from assignments). */
class SlotCountStatements implements KyselyPlugin {
  seen = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'SelectQueryNode' && node.groupBy) {
      const from = node.from?.froms[0];
      if (from && TableNode.is(from) && from.table.identifier.name === 'assignments') this.seen++;
    }
    return node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

/** A copy of the fixture whose connection counts those statements (the same program object every call). */
async function countedProgram(): Promise<{ program: Program; statements: SlotCountStatements }> {
  const program = await f.copy();
  const statements = new SlotCountStatements();
  const db = program.db.withPlugin(statements);
  return { program: { ...program, db, reader: db }, statements };
}

const resident = () => f.data.people.find((p) => p.kind === 'resident')!;
const cellOn = (date: string) => {
  const a = f.data.assignments.find((x) => x.personId === resident().id && x.date === date)!;
  return { personId: a.personId, date: a.date, half: a.half };
};

describe('drafts.changes and the published slots it measures churn against', () => {
  it('counts them once while the published schedule stays as it is, the draft edited or not', async () => {
    const { program, statements } = await countedProgram();
    const ctx = context(program, flagActivity('SIM'));
    const draft = await createDraft(ctx, { name: 'looked at' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cellOn('2026-10-07')], activityCode: 'RES' });
    const first = await draftChanges(ctx, { draftId: draft.id });
    expect(statements.seen).toBeGreaterThan(0);
    expect(first.churn.publishedSlots).toBe(await count(program, 'assignments'));
    const counted = statements.seen;
    await draftChanges(ctx, { draftId: draft.id });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cellOn('2026-10-08')], activityCode: 'RES' });
    const later = await draftChanges(ctx, { draftId: draft.id });
    expect(statements.seen).toBe(counted);
    expect(later.churn).toMatchObject({ publishedSlots: first.churn.publishedSlots, changedSlots: 2 });
  });

  it('counts them again after a publication and after its rollback, as the published schedule then is', async () => {
    const { program, statements } = await countedProgram();
    const ctx = context(program, flagActivity('SIM'));
    const draft = await createDraft(ctx, { name: 'looked at' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells: [cellOn('2026-10-07')], activityCode: 'RES' });
    const slots = (await draftChanges(ctx, { draftId: draft.id })).churn.publishedSlots;
    const cleared = await createDraft(ctx, { name: 'clears a slot' });
    await editDraft(ctx, cleared.id, { kind: 'clear', cells: [cellOn('2026-11-04')] });
    const pub = await publishDraft(ctx, { draftId: cleared.id, acceptChurnWarnings: true, breakGlass: null });
    let counted = statements.seen;
    expect((await draftChanges(ctx, { draftId: draft.id })).churn.publishedSlots).toBe(slots - 1);
    expect(statements.seen).toBeGreaterThan(counted);
    await rollbackPublication(ctx, { publicationId: pub.id, reason: 'wrong slot' });
    counted = statements.seen;
    expect((await draftChanges(ctx, { draftId: draft.id })).churn.publishedSlots).toBe(slots);
    expect(statements.seen).toBeGreaterThan(counted);
  });
});
