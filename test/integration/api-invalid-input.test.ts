// Every contract method refuses invalid input at the dispatcher (code invalid_input, each issue
// with its path) and the program database is left exactly as it was.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { createProgramFile } from '../../core/services/create';
import { openProgram, type Program } from '../../core/services/program';

let dir: string;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;

/** A hash of every row of every table (audit log and migrations included). */
async function contentHash(p: Program): Promise<string> {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(
    p.db,
  );
  const hash = createHash('sha256');
  for (const { name } of tables.rows) {
    const rows = await sql`SELECT * FROM ${sql.table(name)} ORDER BY rowid`
      .execute(p.db)
      .catch(() => sql`SELECT * FROM ${sql.table(name)}`.execute(p.db));
    hash.update(name).update(JSON.stringify(rows.rows));
  }
  return hash.digest('hex');
}

/**
 * The file's hash as the last test left it: the tests run one after another and nothing else writes, so a
 * test's 'before' is the previous test's 'after' (hashing the whole file is most of each test's CPU).
 */
let lastHash: string | null = null;
const hashNow = async () => {
  lastHash ??= await contentHash(program);
  return lastHash;
};
const hashAfter = async () => {
  lastHash = await contentHash(program);
  return lastHash;
};

/** Payloads that break a schema in different ways; the ones the method's schema rejects are used. */
function invalidPayloads(method: (typeof METHOD_NAMES)[number]): unknown[] {
  const schema = contract[method].input;
  const candidates: unknown[] = [null, 42, 'text', [], true];
  const shape =
    (schema as unknown as { shape?: Record<string, unknown> }).shape ??
    (schema as unknown as { def?: { in?: { shape?: Record<string, unknown> } } }).def?.in?.shape;
  if (shape) {
    // Every field of the wrong type, and every field missing.
    candidates.push(Object.fromEntries(Object.keys(shape).map((k) => [k, { wrong: [Number.NaN] }])));
    candidates.push({});
  }
  return candidates.filter((c) => !schema.safeParse(c).success);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-invalid-'));
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(
    file,
    generateProgram({ seed: 3, academicYear: 2026, residentsPerPgy: [3, 3, 3], facultyCount: 9 }),
  );
  program = await openProgram(file);
  pool = createWorkerPool({ workerDir: path.join(dir, 'no-workers'), maxThreads: 1 });
  const handlers = createHandlers({ program: () => program, jobs: new JobService(pool), actor: 'test' });
  dispatch = createDispatcher(contract, () => handlers);
});

afterAll(async () => {
  await program.close();
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('invalid input to every contract method', () => {
  it('covers the whole contract', () => {
    expect(METHOD_NAMES.length).toBeGreaterThanOrEqual(13);
  });

  it.each(METHOD_NAMES)('%s rejects invalid payloads with invalid_input and changes nothing', async (method) => {
    const payloads = invalidPayloads(method);
    expect(payloads.length, `no invalid payload could be built for ${method}`).toBeGreaterThan(0);
    const before = await hashNow();
    for (const payload of payloads) {
      const result = await dispatch(method, payload);
      expect(result.ok, `${method} accepted ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.issues?.length).toBeGreaterThan(0);
        expect(result.error.message).toContain(`Invalid input for ${method}`);
      }
    }
    expect(await hashAfter()).toBe(before);
  });

  it('a valid write does change the hash (the comparison can fail)', async () => {
    const before = await hashNow();
    const result = await dispatch('people.create', {
      name: 'Hash Check',
      kind: 'student',
      facultyRole: null,
      pgy: null,
      academicYear: 2026,
      email: null,
    });
    expect(result.ok).toBe(true);
    expect(await hashAfter()).not.toBe(before);
  });
});
