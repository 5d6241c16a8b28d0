// The WAL's checkpoints run on a thread of their own (issue 15 item 1): SQLite's automatic one ran
// inside the COMMIT of whoever wrote the 1000th page, so a year's publish held the main thread 300 ms
// and more copying 100 MB of WAL into the file. The writing connection no longer checkpoints; the
// thread's connection folds what a large commit left in the WAL, and requests are answered meanwhile.
// If the thread cannot run, the writer checkpoints as SQLite does by default. Waits on events only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WalCheckpoints } from '../../core/db/checkpoints';
import { generateProgram } from '../../core/demo/generate';
import { createProgramFile } from '../../core/services/create';
import { createDraftFromAssignments } from '../../core/services/drafts';
import { openProgram, type Program } from '../../core/services/program';
import { changedYear } from '../changed-year';

const YEAR = 2026;
let dir: string;
let file: string;
let program: Program;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-checkpoints-'));
  file = path.join(dir, 'program.sqlite');
  const data = generateProgram({ seed: 3, academicYear: YEAR, residentsPerPgy: [6, 6, 6], facultyCount: 12 });
  await createProgramFile(file, data);
  program = await openProgram(file);
  // A year's draft: its save leaves its pages in the WAL.
  await createDraftFromAssignments({ program, actor: 'test' }, changedYear(data, YEAR));
}, 120_000);
afterAll(async () => {
  await program?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the WAL's checkpoints", () => {
  it('are not run by the commits of the writing connection', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(program.db);
    expect(rows[0].wal_autocheckpoint).toBe(0);
  });

  it('fold the whole WAL into the file on their thread while the main thread answers', async () => {
    const sqlite = new (await import('better-sqlite3')).default(file, { fileMustExist: true });
    const checkpoints = new WalCheckpoints(sqlite, file);
    try {
      const order: string[] = [];
      const folded = checkpoints.checkpoint().then((result) => {
        order.push('checkpoint');
        return result;
      });
      const answered = program.reader
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then(() => order.push('read'));
      const [result] = await Promise.all([folded, answered]);
      expect(order).toEqual(['read', 'checkpoint']);
      expect(result.busy).toBe(0);
      expect(result.log).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.log);
    } finally {
      await checkpoints.close();
      sqlite.close();
    }
  });

  it('fall back to the commits when their thread cannot run', async () => {
    const sqlite = new (await import('better-sqlite3')).default(file, { fileMustExist: true });
    const checkpoints = new WalCheckpoints(sqlite, path.join(dir, 'missing.sqlite'));
    try {
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await expect(checkpoints.checkpoint()).rejects.toThrow();
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpoints.close();
      sqlite.close();
    }
  });

  it('never fail the commit that asked for one, even when their thread cannot be made', async () => {
    const sqlite = new (await import('better-sqlite3')).default(file, { fileMustExist: true });
    const checkpoints = new WalCheckpoints(sqlite, file, 0);
    // The thread's constructor throws (say, the driver cannot be found where the app is installed).
    const post = vi.spyOn(checkpoints as unknown as { post(): unknown }, 'post').mockImplementation(() => {
      throw new Error('no thread here');
    });
    try {
      expect(() => checkpoints.afterCommit()).not.toThrow();
      expect(post).toHaveBeenCalledTimes(1);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpoints.close();
      sqlite.close();
    }
  });
});
