// A generation run's explanations (tens of MB of JSON for a year) are stored in parts with the draft
// it wrote, each part its own short transaction while the draft is saved (issue 15 item 1). What
// "why is this cell X" answers must not depend on it: the same as for explanations kept in the run's
// own row (runs stored before, runs without a draft). A save that fails keeps no part.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/schema';
import type { CellExplanation } from '../../core/solver/models/explain';
import { createDraftFromAssignments, type DraftContent } from '../../core/services/drafts';
import {
  explainCell,
  explanationParts,
  insertGenerationRun,
  recordGenerationRun,
  type ExplainTarget,
  type GenerationRunRecord,
} from '../../core/services/generation-runs';
import { context, flagActivity, fixturePerFile, YEAR } from './drafts-fixture';

const f = fixturePerFile();

/** Some published slots of the first weeks as a generated draft holds them, with their explanations. */
function generated(slots: number): { content: DraftContent; explanations: CellExplanation[] } {
  const cells = f.data.assignments.filter((a) => a.date >= `${YEAR}-07-01`).slice(0, slots);
  const call = f.data.calls.find((c) => c.date >= `${YEAR}-07-01`)!;
  const week = f.data.inpatientWeeks.find((w) => w.start >= `${YEAR}-07-01`)!;
  const content: DraftContent = {
    name: 'Generated',
    source: 'generation',
    assignments: cells.map((a) => ({ personId: a.personId, date: a.date, half: a.half, activityCode: a.activityCode })),
    calls: [{ date: call.date, callTypeCode: call.callTypeCode, personId: call.personId }],
    inpatientWeeks: [{ personId: week.personId, start: week.start, end: week.end }],
  };
  const explanations: CellExplanation[] = [
    ...cells.map((a, i) => ({
      key: `slot:${a.personId}:${a.date}:${a.half}`,
      personId: a.personId,
      value: a.activityCode,
      reasons: i % 4 === 0 ? [] : [{ kind: 'coverage' as const, text: `needed "${a.activityCode}" ${i}\n` }],
    })),
    { key: `call:${call.date}:${call.callTypeCode}`, personId: call.personId, value: call.personId, reasons: [] },
    { key: `inpatient:${week.start}`, personId: week.personId, value: week.personId, reasons: [] },
  ];
  return { content, explanations };
}

function record(draftId: number | null, explanations: CellExplanation[]): GenerationRunRecord {
  return {
    draftId,
    scope: 'block',
    academicYear: YEAR,
    blockNumber: 1,
    fromBlock: null,
    toBlock: null,
    options: {},
    unsolvedBlocks: [],
    backend: 'highs',
    timeLimitSec: 60,
    status: 'succeeded',
    optimal: true,
    stoppedBy: null,
    message: 'Generated',
    actor: 'coordinator',
    startedAt: '2026-06-01T08:00:00.000Z',
    finishedAt: '2026-06-01T08:01:00.000Z',
    figures: {
      variables: 1,
      integers: 1,
      rows: 1,
      nonzeros: 1,
      timeToFirstFeasibleSec: 1,
      timeToOptimalSec: 1,
      gap: 0,
      objective: 0,
      findings: 0,
      hardFindings: 0,
      elapsedSec: 60,
      models: [],
    },
    diagnosis: null,
    hardFindings: [],
    explanations,
    plan: null,
  };
}

/** Where an explanation's key points (an inpatient week: a day inside it). */
function targetOf(e: CellExplanation): ExplainTarget {
  const [kind, ...rest] = e.key.split(':');
  if (kind === 'slot') return { kind, personId: rest[0], date: rest[1], half: rest[2] as 'AM' | 'PM' };
  if (kind === 'call') return { kind, date: rest[0], callTypeCode: rest[1] };
  const start = new Date(`${rest[0]}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 3);
  return { kind: 'inpatient', date: start.toISOString().slice(0, 10) };
}

async function partsOf(ctx: ReturnType<typeof context>, draftId: number) {
  const { rows } = await sql<{ part: number; n: number }>`SELECT part, json_array_length(explanations) AS n
    FROM generation_explanation_parts WHERE draft_id = ${draftId} ORDER BY part`.execute(ctx.program.db);
  return rows;
}

describe("a generation run's explanations stored in parts with its draft", () => {
  it('explain every cell as the same explanations kept in the run record do', async () => {
    const program = await f.copy();
    const ctx = context(program, flagActivity('none'));
    const { content, explanations } = generated(23);
    let runId = 0;
    const { draft } = await createDraftFromAssignments(
      ctx,
      content,
      async (trx, id) => {
        runId = await insertGenerationRun(trx as unknown as Transaction<Database>, record(id, explanations), true);
      },
      { attachment: explanationParts(explanations, 4) },
    );
    // 25 explanations, 4 a part: 7 parts in the run's order; the run's own row holds none.
    expect((await partsOf(ctx, draft.id)).map((p) => [p.part, p.n])).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
      [5, 4],
      [6, 1],
    ]);
    const { rows } = await sql<{
      explanations: string;
    }>`SELECT explanations FROM generation_runs WHERE id = ${runId}`.execute(program.db);
    expect(rows[0].explanations).toBe('[]');

    // The same run's explanations kept whole in its row (as before 0021, and for runs without a draft).
    const whole = await recordGenerationRun(program.db, record(null, explanations));
    for (const e of explanations) {
      const target = targetOf(e);
      const byDraft = await explainCell(program.db, { draftId: draft.id }, target);
      const byRun = await explainCell(program.db, { runId }, target);
      const kept = await explainCell(program.db, { runId: whole }, target);
      expect(byDraft).toEqual(byRun);
      expect({ key: byDraft.key, generated: byDraft.generated, reasons: byDraft.reasons }).toEqual({
        key: e.key,
        generated: e.value,
        reasons: e.reasons,
      });
      expect({ key: kept.key, generated: kept.generated, reasons: kept.reasons }).toEqual({
        key: byDraft.key,
        generated: byDraft.generated,
        reasons: byDraft.reasons,
      });
      // The draft holds what was generated there.
      expect(byDraft).toMatchObject({ runId, draftId: draft.id, editedSince: false });
    }
  });

  it('are written between the draft’s own parts and its last transaction, and go when the save fails', async () => {
    const program = await f.copy();
    const ctx = context(program, flagActivity('none'));
    const { content, explanations } = generated(40);
    const seen: { part: number; parts: number; stored: number }[] = [];
    let draftId = 0;
    const save = createDraftFromAssignments(ctx, content, undefined, {
      partEntries: 15,
      attachment: explanationParts(explanations, 10),
      onPart: async (id, part, parts) => {
        draftId = id;
        seen.push({ part, parts, stored: (await partsOf(ctx, id)).length });
        if (part === parts) throw new Error('the disk is full');
      },
    });
    await expect(save).rejects.toThrow(/disk is full/);
    // 42 overlay entries (15 a part: 3 parts), then 42 explanations (10 a part: 5 parts).
    expect(seen).toEqual([
      { part: 1, parts: 8, stored: 0 },
      { part: 2, parts: 8, stored: 0 },
      { part: 3, parts: 8, stored: 0 },
      { part: 4, parts: 8, stored: 1 },
      { part: 5, parts: 8, stored: 2 },
      { part: 6, parts: 8, stored: 3 },
      { part: 7, parts: 8, stored: 4 },
      { part: 8, parts: 8, stored: 5 },
    ]);
    expect(await partsOf(ctx, draftId)).toEqual([]);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM generation_explanation_parts`.execute(
      program.db,
    );
    expect(rows[0].n).toBe(0);
  });
});
