// Executing a swap survives a crash: the child executing an approved swap (a draft written and
// published in one transaction) is killed with SIGKILL just before each commit it makes, at 4
// moments spread over its writes, and once right after it committed (killRepeatedly, in
// test/integration/crash-harness.ts). After each kill the file passes
// integrity_check and holds either the old state (schedule as it was, the swap still
// approved, no draft, no publication) or the new one (schedule swapped, swap executed, its draft
// published), never a mix.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveSwap, requestSwap } from '../../core/services/swaps';
import { buildChild, killRepeatedly } from './crash-harness';
import { NOW, SwapFixture, WEEK } from './swaps-fixture';

const TIMED_KILLS = 4;
const root = path.resolve(import.meta.dirname, '../..');
const work = path.join(root, '.tmp', `swap-crash-${process.pid}`);
let template: string;
let child: string;
let swapId: number;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  fs.mkdirSync(work, { recursive: true });
  const opened = await new SwapFixture().inpatientWeek('f3', '2026-10-16').overnight('f3', '2026-10-06').open();
  cleanup = opened.cleanup;
  const { ctx, program } = opened;
  // A trade of two inpatient weeks: the largest swap (two weeks of half-days, calls and rows).
  const s = await requestSwap(ctx, {
    kind: 'one_to_one',
    item: { kind: 'inpatient_week', personId: 'f1', start: WEEK.start },
    counterpartId: 'f3',
    counterItem: { kind: 'inpatient_week', personId: 'f3', start: '2026-10-16' },
    reason: 'crash test',
  });
  swapId = (await approveSwap(ctx, { swapId: s.id, role: 'coordinator', note: null })).id;
  template = path.join(work, 'template.sqlite');
  await program.backupTo(template);
  child = await buildChild('test/integration/swap-crash-child.ts', path.join(work, 'swap-crash-child.mjs'));
}, 120_000);

afterAll(async () => {
  await cleanup?.();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('swap execution under SIGKILL', () => {
  // The limits are hang guards, as in publish-crash (whose 25 child processes took over 300 s at load 40).
  it('leaves the old or the new state, never a mix', async () => {
    const outcomes = await killRepeatedly({
      template,
      work,
      child,
      timedKills: TIMED_KILLS,
      args: (file) => [file, String(swapId), NOW],
      tables: [
        'assignments',
        'calls',
        'inpatient_weeks',
        'swaps',
        'drafts',
        'draft_assignment_changes',
        'publication_records',
      ],
    });
    console.log(
      `swap-crash: ${outcomes.commits} commit(s), ${outcomes.old + outcomes.new} kills in ` +
        `${outcomes.seconds.toFixed(1)} s; its writes take ${outcomes.workMs.toFixed(0)} ms; ` +
        `old ${outcomes.old}, new ${outcomes.new}`,
    );
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 900_000);
});
