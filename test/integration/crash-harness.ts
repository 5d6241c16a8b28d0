// The crash harness: a child process opens a program file and does one write (publish a draft,
// execute a swap), watched by test/integration/crash-probe.ts, which reports when it starts to
// write, each moment a write becomes durable (a commit) and when it is done. The parent kills it
// with SIGKILL at those moments and at times spread over the writes, each on a fresh copy of the
// same file, and checks that every file opens, passes integrity_check, and holds either the old or
// the new state (a hash of the tables the write touches), never a mix.
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

/** Where a run of the child is killed: never (null), or as its probe reports (crash-probe.ts). */
export type Kill =
  /** Stopped just before its Nth commit, then killed. */
  | { pauseAt: number }
  /** Killed this long after its first write statement. */
  | { afterWritingMs: number }
  /** Killed as soon as it says "done" (committed, the file not yet closed). */
  | 'on done'
  | null;

export interface ChildRun {
  finished: boolean;
  /** Commits the child reported (crash-probe.ts). */
  commits: number;
  /** From its first write statement to "done". */
  writeMs: number;
}

/** Run the child on a file and kill it as `kill` says. */
export function runChild(child: string, args: string[], kill: Kill): Promise<ChildRun> {
  const pauseAt = kill && typeof kill === 'object' && 'pauseAt' in kill ? kill.pauseAt : 0;
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CRASH_PAUSE_AT: String(pauseAt) },
    });
    let out = '';
    let err = '';
    let writing = 0;
    let writeMs = 0;
    const said = (line: string) => out.split('\n').includes(line);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!writing && said('writing')) {
        writing = performance.now();
        if (kill && typeof kill === 'object' && 'afterWritingMs' in kill)
          setTimeout(() => proc.kill('SIGKILL'), kill.afterWritingMs);
      }
      if (pauseAt && out.includes(`paused ${pauseAt}\n`)) proc.kill('SIGKILL');
      if (!writeMs && said('done')) {
        writeMs = performance.now() - writing;
        if (kill === 'on done') proc.kill('SIGKILL');
      }
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      const finished = said('done');
      const commits = out.match(/^commit \d+$/gm)?.length ?? 0;
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else if (pauseAt && !out.includes(`paused ${pauseAt}\n`))
        reject(new Error(`child ended without reaching its commit ${pauseAt}: ${out}`));
      else resolve({ finished, commits, writeMs });
    });
  });
}

/**
 * One undisturbed run for the new state, the commits the work makes and how long its writes take;
 * then a kill just before each of those commits, `timedKills` kills spread over the writes, and a
 * kill as soon as the child says "done". The file's committed state changes only at a commit, so
 * the kills before each commit see every state a crash can leave: each must be the old state (a
 * commit before the last one would show part of the work), and the kill after "done" the new one.
 * That does not depend on timing, and a write moved out of the work's transaction fails it at once.
 * The timed kills, one at a random point of each of `timedKills` equal slices of the writes, land
 * inside statements, where SQLite itself (WAL, the pragmas) must keep the file whole; they wait on
 * the child's first write, so they land in the writes however slow the machine is. Returns how
 * many runs ended old and new.
 */
export async function killRepeatedly(options: {
  template: string;
  work: string;
  child: string;
  args: (file: string) => string[];
  tables: readonly string[];
  timedKills: number;
}): Promise<{ old: number; new: number; commits: number; workMs: number; seconds: number }> {
  const { template, work, child, tables, timedKills } = options;
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
  expect(full.commits, 'the probe saw no commit of the work').toBeGreaterThan(0);
  const after = fileState(reference, tables);
  expect(after).toMatchObject({ integrity: 'ok', publications: before.publications + 1 });
  expect(after.hash).not.toBe(before.hash);

  const kills: { kill: Kill; expected: 'old' | 'new' | 'either' }[] = [
    ...Array.from({ length: full.commits }, (_, i) => ({ kill: { pauseAt: i + 1 }, expected: 'old' as const })),
    ...Array.from({ length: timedKills }, (_, i) => ({
      kill: { afterWritingMs: ((i + Math.random()) / timedKills) * full.writeMs },
      expected: 'either' as const,
    })),
    { kill: 'on done', expected: 'new' },
  ];
  const outcomes = { old: 0, new: 0 };
  const started = performance.now();
  for (const [i, { kill, expected }] of kills.entries()) {
    const file = copy(`run-${i}.sqlite`);
    const { finished } = await runChild(child, options.args(file), kill);
    const state = fileState(file, tables);
    const run = `run ${i} (${JSON.stringify(kill)})`;
    expect(state.integrity, run).toBe('ok');
    const left = state.hash === before.hash ? 'old' : state.hash === after.hash ? 'new' : 'a mix of old and new';
    if (expected === 'either') expect(['old', 'new'], `${run}: the state left`).toContain(left);
    else expect(left, `${run}: the state left`).toBe(expected);
    if (left === 'old') {
      expect(state.publications, `${run}: old state with a new publication record`).toBe(before.publications);
      expect(finished, `${run}: reported done but the old state is there`).toBe(false);
      outcomes.old++;
    } else {
      expect(state.publications, run).toBe(after.publications);
      outcomes.new++;
    }
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
  return { ...outcomes, commits: full.commits, workMs: full.writeMs, seconds: (performance.now() - started) / 1000 };
}
