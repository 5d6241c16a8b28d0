// Publishing survives a crash: a child process publishing a large draft is killed with SIGKILL
// at random moments (at least 50 times). After each kill the file opens, passes
// integrity_check, and holds either the old or the new published schedule, never a mix.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import * as esbuild from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraftFromAssignments } from '../../core/services/drafts';
import { buildFixture, context, flagActivity, openCopy, type Fixture } from './drafts-fixture';

const RUNS = 60;
const root = path.resolve(import.meta.dirname, '../..');
const work = path.join(root, '.tmp', `publish-crash-${process.pid}`);
let f: Fixture;
let template: string;
let child: string;
let draftId: number;

/** Hash of the published tables (every column and rowid) plus the publication count. */
function publishedState(file: string): { integrity: string; hash: string; publications: number } {
  const db = new Sqlite(file);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const h = createHash('sha256');
    for (const table of ['assignments', 'calls', 'inpatient_weeks'])
      for (const row of db.prepare(`SELECT rowid AS rowid, * FROM ${table} ORDER BY rowid`).iterate()) h.update(JSON.stringify(row));
    const publications = (db.prepare('SELECT count(*) AS n FROM publications').get() as { n: number }).n;
    return { integrity, hash: h.digest('hex'), publications };
  } finally {
    db.close();
  }
}

/** Run the child on a fresh copy; kill it `killAfterMs` after it starts publishing (null = let it finish). */
function runChild(file: string, killAfterMs: number | null): Promise<{ finished: boolean; publishMs: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, String(draftId)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = 0;
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('publishing\n')) {
        started = performance.now();
        if (killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      const finished = out.includes('done\n');
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ finished, publishMs: performance.now() - started });
    });
  });
}

beforeAll(async () => {
  fs.mkdirSync(work, { recursive: true });
  // Rules off: the test is about atomicity, and a fast check leaves more of the run in the writes.
  f = await buildFixture({ rules: false });
  const program = await openCopy(f);
  const { rows } = await sql<{ json: string }>`SELECT json FROM program_settings`.execute(program.db);
  const settings = { ...JSON.parse(rows[0].json), churn: { rejectTotalPct: 100, rejectPersonPct: 100, warnPersonPct: 100, warnPeopleAffected: 1000 } };
  await sql`UPDATE program_settings SET json = ${JSON.stringify(settings)}`.execute(program.db);
  // A large draft: six months of every person's slots changed, plus the calls of those months.
  const months = f.data.assignments.filter((a) => a.date >= '2026-09-01' && a.date <= '2027-02-28');
  const faculty = f.data.people.filter((p) => p.kind === 'faculty').map((p) => p.id);
  const { draft } = await createDraftFromAssignments(context(program, flagActivity('none')), {
    name: 'Crash test import',
    source: 'import',
    assignments: months.map((a) => ({ personId: a.personId, date: a.date, half: a.half, activityCode: a.activityCode === 'RES' ? 'ELEC' : 'RES' })),
    calls: f.data.calls
      .filter((c) => c.date >= '2026-09-01' && c.date <= '2027-02-28' && c.callTypeCode === 'OC')
      .map((c, i) => ({ date: c.date, callTypeCode: 'OC', personId: faculty[(faculty.indexOf(c.personId) + 1 + (i % 2)) % faculty.length] })),
  });
  draftId = draft.id;
  expect(draft.entries.cells).toBeGreaterThan(5000);
  template = program.path;
  await program.close();

  child = path.join(work, 'publish-crash-child.mjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'test/integration/publish-crash-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}, 60_000);

afterAll(() => {
  f?.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('publish under SIGKILL', () => {
  it(`leaves the old or the new published schedule, never a mix (${RUNS} kills)`, async () => {
    const copy = (name: string) => {
      const file = path.join(work, name);
      fs.copyFileSync(template, file);
      return file;
    };
    const before = publishedState(template);
    expect(before).toMatchObject({ integrity: 'ok', publications: 0 });

    // One undisturbed run: the new state, and how long publishing takes.
    const reference = copy('reference.sqlite');
    const full = await runChild(reference, null);
    expect(full.finished).toBe(true);
    const after = publishedState(reference);
    expect(after).toMatchObject({ integrity: 'ok', publications: 1 });
    expect(after.hash).not.toBe(before.hash);

    const outcomes = { old: 0, new: 0 };
    const started = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const file = copy(`run-${i}.sqlite`);
      // Uniform over the publish, with a little past its end.
      const { finished } = await runChild(file, Math.random() * full.publishMs * 1.1);
      const state = publishedState(file);
      expect(state.integrity, `run ${i}`).toBe('ok');
      if (state.hash === before.hash) {
        expect(state.publications, `run ${i}: old schedule with a publication record`).toBe(0);
        expect(finished, `run ${i}: reported done but the old schedule is there`).toBe(false);
        outcomes.old++;
      } else {
        expect(state.hash, `run ${i}: neither the old nor the new schedule`).toBe(after.hash);
        expect(state.publications, `run ${i}`).toBe(1);
        outcomes.new++;
      }
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`publish-crash: ${RUNS} kills in ${seconds.toFixed(1)} s; publish takes ${full.publishMs.toFixed(0)} ms; old ${outcomes.old}, new ${outcomes.new}`);
    // Kills must land on both sides of the commit, or the test proves little.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 120_000);
});
