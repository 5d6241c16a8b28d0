// Regenerating a published year after an ordinary change — one resident's week of emergency leave —
// changes what the change needs and little else: the absent resident's half-days during the leave
// move, and the rest of the published schedule stays (the models' stability goals weigh the same
// churn the guard measures, core/domain/churn.ts). The published year is the app's own (generated,
// then published), as in daily use. The draft passes the churn guard, and the generation result
// says how the guard judges it before anyone tries to publish.
import { describe, expect, it } from 'vitest';
import { blocksForYear, datesInRange } from '../../core/domain/calendar';
import { churnsSlot } from '../../core/domain/churn';
import { JobService } from '../../core/jobs/service';
import { createAbsence } from '../../core/services/absences';
import { checkPublish, publishDraft } from '../../core/services/drafts';
import { createGenerationRunner, type GenerationParams, type GenerationResult } from '../../core/services/generate';
import { updateSettings } from '../../core/services/settings';
import type { Program } from '../../core/services/program';
import { draftRows, poolAndProgram, publishedSchedule, until, YEAR } from './generation-fixture';
import { joinRegExp } from '../regexp';

const FROM_BLOCK = 10;
const env = poolAndProgram();

async function generate(program: Program, params: Partial<GenerationParams> = {}): Promise<GenerationResult> {
  const jobs = new JobService(env.pool);
  const runner = createGenerationRunner({ jobs });
  const { jobId } = await runner.start(program, 'tester', {
    scope: 'year',
    academicYear: YEAR,
    blockNumber: null,
    fromBlock: FROM_BLOCK,
    timeLimitSec: 240,
    backend: 'highs',
    ...params,
  });
  await until(() => jobs.status(jobId).state !== 'running', 300_000, 'year generation end');
  const done = jobs.status(jobId);
  const result = done.result as GenerationResult;
  expect(done.state, done.error ?? '').toBe('succeeded');
  expect(result.status, result.message).toBe('succeeded');
  expect(await runner.idle()).toEqual([]);
  return result;
}

describe('regenerating a published year after a small change', () => {
  it('moves the absent resident and keeps the rest of the published schedule, under the churn guard', async () => {
    const program = await env.fixture.copy();
    const ctx = { program, actor: 'tester' };
    try {
      // The year as the app generates it, published.
      const first = await generate(program);
      await publishDraft(ctx, { draftId: first.draftId!, acceptChurnWarnings: true, breakGlass: null });

      // The change: a week of emergency leave for one resident, then the year regenerated.
      const blocks = blocksForYear(YEAR, env.fixture.data.settings.blockLayout);
      const days = datesInRange(blocks.find((b) => b.number === FROM_BLOCK + 1)!.start, blocks.at(-1)!.end);
      const resident = env.fixture.data.people.find((p) => p.kind === 'resident')!;
      const l = await createAbsence(
        program,
        {
          personId: resident.id,
          type: 'family_emergency',
          start: days[4],
          end: days[10],
          status: 'approved',
          note: null,
        },
        'tester',
      );
      const result = await generate(program);

      // The published slots of the regenerated blocks, and which of them the draft churns.
      const from = blocks.find((b) => b.number === FROM_BLOCK)!;
      const published = (await publishedSchedule(program)).assignments.filter((a) => a.date >= from.start);
      const rows = await draftRows(program, result.draftId!);
      const draftCode = new Map(rows.cells.map((c) => [`${c.personId}:${c.date}:${c.half}`, c.activityCode]));
      const key = (a: { personId: string; date: string; half: string }) => `${a.personId}:${a.date}:${a.half}`;
      const churned = published.filter((a) => {
        const k = key(a);
        return draftCode.has(k) && churnsSlot(a.activityCode, draftCode.get(k)!);
      });

      // The change it must make: the resident works none of the leave's half-days any more.
      const duringLeave = published.filter((a) => a.personId === l.personId && a.date >= l.start && a.date <= l.end);
      expect(duringLeave.length).toBe(14);
      const leaveCodes = new Set(
        env.fixture.data.activities.filter((a) => a.category === 'time_off').map((a) => a.code),
      );
      const worked = duringLeave.filter((a) => !leaveCodes.has(a.activityCode));
      expect(worked.length).toBeGreaterThan(0);
      for (const a of worked) expect(leaveCodes.has(draftCode.get(key(a)) ?? a.activityCode), key(a)).toBe(true);

      // And little else: the leave's slots and a few more (without the stability goals, 492 of 7168,
      // 6.9 %), no one's schedule churned to the guard's warning.
      const pct = (churned.length * 100) / published.length;
      console.log(
        `churn after one week of leave, year from block ${FROM_BLOCK}: ${churned.length} of ${published.length} ` +
          `published slots of the regenerated blocks (${pct.toFixed(1)} %); guard ${result.churn?.verdict} ` +
          `(${result.churn?.totalPct.toFixed(1)} % of the year)`,
      );
      expect(pct).toBeLessThan(2);
      const check = await checkPublish(ctx, { draftId: result.draftId!, acceptChurnWarnings: false, breakGlass: null });
      expect(check.churn.findings.filter((f) => f.rule !== 'people_affected').map((f) => f.message)).toEqual([]);
      // The result told the same verdict before anyone asked to publish.
      expect(result.churn).toMatchObject({ verdict: check.churn.verdict, changedSlots: check.churn.changedSlots });
    } finally {
      await program.close();
    }
  }, 360_000);

  it('says in the generation result when the churn guard will refuse the draft, and what to do', async () => {
    const program = await env.fixture.copy();
    const ctx = { program, actor: 'tester' };
    try {
      // A program that allows no one's published schedule to change: any regeneration that moves a slot is refused.
      const settings = env.fixture.data.settings;
      await updateSettings(program, { churn: { ...settings.churn, rejectPersonPct: 0, warnPersonPct: 0 } }, 'tester');
      const result = await generate(program, { scope: 'block+calls', blockNumber: 3, fromBlock: null });
      const check = await checkPublish(ctx, { draftId: result.draftId!, acceptChurnWarnings: true, breakGlass: null });
      expect(check.canPublish).toBe(false);
      expect(check.churn.verdict).toBe('reject');
      expect(result.churn).toMatchObject({ verdict: 'reject', changedSlots: check.churn.changedSlots });
      expect(result.message).toMatch(
        joinRegExp(
          /The churn guard will refuse to publish this draft: /,
          /it changes [\d.]+% of the published slots of [^;.]+ \(\d+ of \d+\); the limit is 0%/,
          /(; it changes [^;]+; the limit is 0%)?( \(and \d+ more\))?\. /,
          /To publish a change this large, regenerate fewer blocks, or lock the published slots that must stay; /,
          /or edit the draft back where it need not change; /,
          /or, if the change is meant, raise the churn limits in the settings first\.$/,
        ),
      );
    } finally {
      await program.close();
    }
  }, 360_000);
});
