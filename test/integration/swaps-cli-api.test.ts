// The swap CLI (swap candidates | request | list | approve | execute | rollback, text and --json;
// exit codes 0 done, 1 refused, 2 called wrongly) and the swaps.* API through the validating
// dispatcher, on a generated program of the academic year that holds the coming weeks (the CLI
// runs on today's date).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher } from '../../core/api/kit';
import { main } from '../../core/cli/main';
import { generateProgram } from '../../core/demo/generate';
import { academicYearOf, addDays } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';
import type { CandidateList, SwapSummary } from '../../core/services/swaps';

let dir: string;
let file: string;
let data: ProgramData;

/** A day three weeks from now: upcoming, and inside the generated academic year. */
const soon = addDays(new Date().toISOString().slice(0, 10), 21);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swaps-cli-'));
  file = path.join(dir, 'program.sqlite');
  data = generateProgram({
    seed: 7,
    academicYear: academicYearOf(soon),
    residentsPerPgy: [2, 2, 2],
    facultyCount: 8,
    learnerCount: 0,
  });
  const program = await openProgram(file, { create: true });
  await writeProgramData(program, data, 'fixture');
  await program.close();
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('swap CLI', () => {
  it('finds candidates, requests, lists, approves, executes and rolls back', async () => {
    const call = data.calls.find((c) => c.callTypeCode === 'OC' && c.date >= soon)!;
    const item = ['--person', call.personId, '--call-date', call.date, '--call-type', 'OC'];

    const text = await cli('swap', 'candidates', file, ...item, '--limit', '3');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Who could take OC call /);
    const list = JSON.parse((await cli('swap', 'candidates', file, ...item, '--json')).out) as CandidateList;
    expect(list.candidates.length).toBeGreaterThan(0);
    const best = list.candidates[0];

    const requested = await cli(
      'swap',
      'request',
      file,
      ...item,
      '--to',
      best.personId,
      '--reason',
      'family event',
      '--json',
    );
    expect(requested.code).toBe(0);
    const swap = JSON.parse(requested.out) as SwapSummary;
    expect(swap).toMatchObject({ status: 'pending', counterpartId: best.personId, reason: 'family event' });
    expect((await cli('swap', 'list', file)).out).toContain(`#${swap.id} `);
    expect(JSON.parse((await cli('swap', 'list', file, '--status', 'open', '--json')).out)).toHaveLength(1);

    expect((await cli('swap', 'execute', file, String(swap.id))).code).toBe(1);
    const approved = await cli('swap', 'approve', file, String(swap.id), '--role', 'coordinator', '--note', 'ok');
    expect(approved.out).toContain('approved by coordinator');
    const executed = JSON.parse((await cli('swap', 'execute', file, String(swap.id), '--json')).out) as SwapSummary;
    expect(executed.status).toBe('executed');
    const rolled = await cli('swap', 'rollback', file, String(swap.id), '--reason', 'changed plans');
    expect(rolled.code).toBe(0);
    expect(rolled.out).toContain('rolled_back');
  }, 120_000);

  it('refuses wrong calls with the usage (exit 2)', async () => {
    expect((await cli('swap')).code).toBe(2);
    expect((await cli('swap', 'candidates', file, '--person', 'x')).err).toContain(
      '--call-date and --call-type, or with --week',
    );
    expect((await cli('swap', 'request', file, '--person', 'x', '--week', '2026-10-02', '--to', 'y')).err).toContain(
      '--reason TEXT',
    );
    expect((await cli('swap', 'approve', file, '1', '--role', 'boss')).code).toBe(2);
  });
});

describe('swaps API', () => {
  let program: Program;
  let pool: WorkerPool;
  let dispatch: ReturnType<typeof createDispatcher>;
  beforeAll(async () => {
    program = await openProgram(file);
    pool = createWorkerPool({ workerDir: path.join(dir, 'no-workers'), maxThreads: 1 });
    const handlers = createHandlers({ program: () => program, jobs: new JobService(pool), actor: 'api-test' });
    dispatch = createDispatcher(contract, () => handlers);
  });
  afterAll(async () => {
    await program.close();
    await pool.close();
  });

  it('answers candidates and refuses a counterpart who would break a hard rule, naming the rule', async () => {
    const week = data.inpatientWeeks.find((w) => w.start >= soon)!;
    const item = { kind: 'inpatient_week', personId: week.personId, start: week.start };
    const r = await dispatch('swaps.candidates', { kind: 'absorb', item });
    expect(r.ok).toBe(true);
    const list = (r as { value: CandidateList }).value;
    const other = list.candidates[0];
    // Once away that week, the same person is refused with the rule that excludes them.
    const absence = await dispatch('absences.create', {
      personId: other.personId,
      type: 'tdy',
      start: week.start,
      end: week.end,
      status: 'approved',
      note: null,
    });
    expect(absence.ok).toBe(true);
    const refused = await dispatch('swaps.request', {
      kind: 'absorb',
      item,
      counterpartId: other.personId,
      reason: 'try anyway',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'rejected',
        issues: expect.arrayContaining([expect.objectContaining({ path: 'absence_conflict' })]),
      },
    });
    const resident = data.people.find((p) => p.kind === 'resident')!;
    const wrongKind = await dispatch('swaps.request', {
      kind: 'absorb',
      item,
      counterpartId: resident.id,
      reason: 'a resident',
    });
    expect(wrongKind).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'counterpartId' }] },
    });
    const pending = await dispatch('swaps.pending', {});
    expect(pending).toMatchObject({ ok: true, value: { pending: expect.any(Number), approved: expect.any(Number) } });
    const invalid = await dispatch('swaps.request', {
      kind: 'one_to_one',
      item,
      counterpartId: 'x',
      reason: 'no counter item',
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'counterItem' }] } });
  });
});
