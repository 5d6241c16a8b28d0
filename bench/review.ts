// Offline review on a whole-year draft of the demo (issue 18): the review file's size, how long
// writing it takes (with the draft's validation current, as after "Check again"; the validation is
// timed apart), and how long opening it takes and showing it (verify + read, the summary, and the
// reviewer's grid model of the first block, which the screen shows; every block's is timed too).
// Each figure is wall-clock time with the process's CPU time beside it (on a loaded machine the
// wall clock waits for other processes). Targets: < 2 MB, written < 1 s, opened and shown < 2 s.
// Also: a response written and imported. `npm run bench:review`; the machine's load is printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateProgram } from '../core/demo/generate';
import { validateAsOfToday } from '../core/services/compliance';
import { createDraftFromAssignments, validateDraft, type DraftContext } from '../core/services/drafts';
import { openProgram, writeProgramData } from '../core/services/program';
import { exportReview, importResponse, openReview, reviewSummaryLines, writeResponse } from '../core/services/reviews';
import { reviewGrid } from '../renderer/src/review/reviewModel';

const YEAR = 2026;
/** The bundled demo's seed (scripts/build-demo.ts). */
const DEMO_SEED = 20260701;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main() {
  console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-review-'));
  const program = await openProgram(path.join(dir, 'program.sqlite'), { create: true });
  try {
    const data = generateProgram({ seed: DEMO_SEED, academicYear: YEAR });
    await writeProgramData(program, data, 'bench');
    const ctx: DraftContext = { program, actor: 'bench', validate: validateAsOfToday };
    // A whole-year draft: every published half-day of the year, a third of them changed (clinical
    // half-days become administration and the reverse), as a year's regeneration would.
    const codes = new Set(data.activities.map((a) => a.code));
    const swapTo = codes.has('GME') ? 'GME' : data.activities[0].code;
    const assignments = data.assignments.map((a, i) => ({
      personId: a.personId,
      date: a.date,
      half: a.half,
      source: a.source,
      locked: a.locked,
      activityCode: i % 3 === 0 ? (a.activityCode === swapTo ? 'C' : swapTo) : a.activityCode,
    }));
    const { draft } = await createDraftFromAssignments(ctx, {
      name: 'Whole year (bench)',
      source: 'import',
      assignments,
    });
    let t = performance.now();
    await validateDraft(ctx, draft.id);
    const validateMs = performance.now() - t;

    t = performance.now();
    let cpu = process.cpuUsage();
    const sent = await exportReview(ctx, draft.id);
    const writeMs = performance.now() - t;
    const writeCpu = cpuMs(cpu);
    const file = path.join(dir, 'year.rsreview');
    fs.writeFileSync(file, sent.bytes);

    t = performance.now();
    cpu = process.cpuUsage();
    const opened = openReview(fs.readFileSync(file));
    const r = opened.review;
    const lines = reviewSummaryLines(opened);
    const blocks = r.blocks.filter((b) => r.grid && b.end >= r.grid.start && b.start <= r.grid.end);
    const blockGrid = (b: (typeof blocks)[number]) =>
      reviewGrid({
        ...r,
        grid: {
          ...r.grid!,
          start: b.start > r.grid!.start ? b.start : r.grid!.start,
          end: b.end < r.grid!.end ? b.end : r.grid!.end,
        },
      });
    blockGrid(blocks[0]);
    const shownMs = performance.now() - t;
    const shownCpu = cpuMs(cpu);
    t = performance.now();
    let rows = 0;
    for (const b of blocks) rows += blockGrid(b)?.model.rows.length ?? 0;
    const allBlocksMs = performance.now() - t;

    t = performance.now();
    const response = writeResponse(opened, {
      decision: 'approve',
      by: 'Bench Director',
      reason: '',
      comments: [{ anchor: { kind: 'draft' }, text: 'ok' }],
    });
    const respondMs = performance.now() - t;
    t = performance.now();
    await importResponse(ctx, response.bytes);
    const importMs = performance.now() - t;

    const c = r.comparison;
    console.log(
      `demo whole-year draft: ${draft.entries.cells} slots in the draft, ${c.diff.cells.length} changed; ` +
        `${r.people.length} people in the review; ${lines.length} summary lines; ${rows} grid rows over the blocks`,
    );
    console.log(`validation (before, not part of writing): ${validateMs.toFixed(0)} ms`);
    console.log(`review file: ${(sent.bytes.length / 1024 / 1024).toFixed(2)} MB (target < 2 MB)`);
    console.log(`written: ${writeMs.toFixed(0)} ms wall, ${writeCpu.toFixed(0)} ms CPU (target < 1000 ms)`);
    console.log(
      `opened and shown (verify, read, summary, the first block's grid): ${shownMs.toFixed(0)} ms wall, ` +
        `${shownCpu.toFixed(0)} ms CPU (target < 2000 ms)`,
    );
    console.log(`every block's grid model (${blocks.length} blocks): ${allBlocksMs.toFixed(0)} ms`);
    console.log(
      `response: written ${respondMs.toFixed(0)} ms (${response.bytes.length} bytes), imported ` +
        `${importMs.toFixed(0)} ms`,
    );
  } finally {
    await program.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`load average at end: ${load()}`);
}

void main();
