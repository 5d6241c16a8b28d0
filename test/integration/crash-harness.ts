// The crash harness: a child process opens a program file and does one write (publish a draft,
// execute a swap), printing "started" just before it and "done" once it committed. The parent
// kills it with SIGKILL at moments spread over the work, each on a fresh copy of the same file,
// and checks that every file opens, passes integrity_check, and holds either the old or the new
// state (a hash of the tables the write touches), never a mix.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import * as esbuild from 'esbuild';
import { expect } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundle a child script (TypeScript) into one ESM file next to the work files. */
export async function buildChild(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

export interface FileState {
  integrity: string;
  /** Hash of every row (with rowid) of the hashed tables. */
  hash: string;
  publications: number;
}

/** Hash of the given tables (every column and rowid) plus the publication count. */
export function fileState(file: string, tables: readonly string[]): FileState {
  const db = new Sqlite(file);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const h = createHash('sha256');
    for (const table of tables)
      for (const row of db.prepare(`SELECT rowid AS rowid, * FROM ${table} ORDER BY rowid`).iterate())
        h.update(JSON.stringify(row));
    const publications = (db.prepare('SELECT count(*) AS n FROM publications').get() as { n: number }).n;
    return { integrity, hash: h.digest('hex'), publications };
  } finally {
    db.close();
  }
}

/**
 * Run the child on a file; kill it `kill` ms after it says "started", or as soon as it says
 * "done" (committed, not yet closed), or never (null: let it finish).
 */
export function runChild(
  child: string,
  args: string[],
  kill: number | 'on done' | null,
): Promise<{ finished: boolean; workMs: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = 0;
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('started\n')) {
        started = performance.now();
        if (typeof kill === 'number') setTimeout(() => proc.kill('SIGKILL'), kill);
      }
      if (kill === 'on done' && out.includes('done\n')) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      const finished = out.includes('done\n');
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ finished, workMs: performance.now() - started });
    });
  });
}

/**
 * One undisturbed run for the new state and the work's duration, then `runs` kills: all but the
 * last one in each of `runs - 1` equal slices of that duration, at a random point of its slice,
 * and the last one as soon as the child says "done" (committed, the file not yet closed).
 * Stratified, not uniform: every stretch of the work longer than a slice (reading, checking, the
 * write transaction, its commit) gets a kill, and no two kills are more than 2/n of the work
 * apart; n uniform random kills leave a largest gap of (ln n + 0.58)/n on average, so 24
 * stratified kills cover as closely as 60 random ones, 20 as 40. The kill on "done" waits on the
 * event, not on the clock: on a loaded machine a run can take longer than the reference run,
 * so timed kills alone may all land before the commit. Returns how many ended old and new.
 */
export async function killRepeatedly(options: {
  template: string;
  work: string;
  child: string;
  args: (file: string) => string[];
  tables: readonly string[];
  runs: number;
}): Promise<{ old: number; new: number; workMs: number; seconds: number }> {
  const { template, work, child, tables, runs } = options;
  const copy = (name: string) => {
    const file = path.join(work, name);
    fs.copyFileSync(template, file);
    return file;
  };
  const before = fileState(template, tables);
  expect(before.integrity).toBe('ok');

  const reference = copy('reference.sqlite');
  const full = await runChild(child, options.args(reference), null);
  expect(full.finished).toBe(true);
  const after = fileState(reference, tables);
  expect(after).toMatchObject({ integrity: 'ok', publications: before.publications + 1 });
  expect(after.hash).not.toBe(before.hash);

  const outcomes = { old: 0, new: 0 };
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const file = copy(`run-${i}.sqlite`);
    const kill = i < runs - 1 ? ((i + Math.random()) / (runs - 1)) * full.workMs : 'on done';
    const { finished } = await runChild(child, options.args(file), kill);
    const state = fileState(file, tables);
    expect(state.integrity, `run ${i}`).toBe('ok');
    if (state.hash === before.hash) {
      expect(state.publications, `run ${i}: old state with a new publication record`).toBe(before.publications);
      expect(finished, `run ${i}: reported done but the old state is there`).toBe(false);
      outcomes.old++;
    } else {
      expect(state.hash, `run ${i}: neither the old nor the new state`).toBe(after.hash);
      expect(state.publications, `run ${i}`).toBe(after.publications);
      outcomes.new++;
    }
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
  return { ...outcomes, workMs: full.workMs, seconds: (performance.now() - started) / 1000 };
}
