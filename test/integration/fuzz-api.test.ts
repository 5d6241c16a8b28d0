// Every contract method under a few hundred generated payloads each (fixed seed, reproducible):
// half follow the method's own schema with random mistakes (a wrong type, a missing or extra key,
// a hostile value), half are junk. Every call must come back as an envelope, a refusal must carry a
// known error code and a short message, and a refusal must leave the program file as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../core/api/contract';
import type { Core, CoreSession } from '../../core/api/core';
import { MAX_MESSAGE } from '../../core/api/failures';
import { API_ERROR_CODES, type Envelope } from '../../core/api/kit';
import { demoAccounts, DEMO_PASSWORD } from '../../core/demo/accounts';
import { generateProgram } from '../../core/demo/generate';
import { mulberry32 } from '../../core/domain/random';
import { createProgramFile } from '../../core/services/create';
import { signIn, TEST_PASSWORD_COST } from '../sign-in';
import { createTestCore } from '../test-core';

const SEED = 160_012;
const PAYLOADS_PER_METHOD = Number(process.env.FUZZ_PAYLOADS ?? 200);
const YEAR = 2026;

let dir: string;
let file: string;
let core: Core;
let session: CoreSession;
let watcher: Sqlite.Database;
let ids: { people: string[]; dates: string[] };

// ---- Payloads ----

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** Values that broke things before, or might: wrong types, edge numbers, hostile objects, control characters. */
function junk(rng: Rng, depth = 0): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => true,
    () => pick(rng, [0, -1, 1, 2 ** 53, -(2 ** 53), 1e308, -0, 0.5, Number.NaN, Number.POSITIVE_INFINITY]),
    () =>
      pick(rng, [
        '',
        ' ',
        'x',
        'a'.repeat(5000),
        '\u0000',
        'Evil\r\nBEGIN:VEVENT',
        '\u202eevil',
        '../../etc/passwd',
        '2026-02-30',
        '9999-99-99',
        '__proto__',
        'constructor',
      ]),
    () => ({ toString: 1, valueOf: 1 }),
    () => ({ __proto__: { polluted: true } }),
    () => JSON.parse('{"__proto__": {"polluted": true}}'),
    () => new Date(0),
    () => new Map([[1, 2]]),
    () => BigInt(7),
    () => (depth < 3 ? Array.from({ length: Math.floor(rng() * 4) }, () => junk(rng, depth + 1)) : []),
    () => (depth < 3 ? { [pick(rng, ['a', 'name', 'draftId', 'personId'])]: junk(rng, depth + 1) } : {}),
    () => {
      let deep: unknown = 1;
      for (let i = 0; i < 200; i++) deep = [deep];
      return deep;
    },
    () => Array.from({ length: 5000 }, () => 1),
  ];
  return pick(rng, choices)();
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value shaped by the schema, with a mistake one time in eight at each level. */
function shaped(schema: z.ZodType, rng: Rng, depth = 0): unknown {
  if (rng() < 0.125 || depth > 6) return junk(rng, 2);
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return rng() < 0.2
        ? def.type === 'nullable'
          ? null
          : undefined
        : shaped(def.innerType as z.ZodType, rng, depth);
    case 'pipe':
      return shaped(def.in as z.ZodType, rng, depth);
    case 'lazy':
      return shaped((def.getter as () => z.ZodType)(), rng, depth + 1);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>))
        if (rng() < 0.92) out[key] = shaped(field, rng, depth + 1);
      if (rng() < 0.1) out[pick(rng, ['extra', '__proto__', 'toString'])] = junk(rng, 2);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.floor(rng() * 3) }, () => shaped(def.element as z.ZodType, rng, depth + 1));
    case 'record':
      return { [pick(rng, ['2026', 'key', 'x'])]: shaped(def.valueType as z.ZodType, rng, depth + 1) };
    case 'union':
      return shaped(pick(rng, def.options as z.ZodType[]), rng, depth);
    case 'enum':
      return pick(rng, Object.values(def.entries as Record<string, string>));
    case 'literal':
      return pick(rng, def.values as unknown[]);
    case 'boolean':
      return rng() < 0.5;
    case 'number':
      return pick(rng, [YEAR, 1, 2, 3, 0, -1, 999, 2.5]);
    case 'string':
      return pick(rng, [
        ...ids.people,
        ...ids.dates,
        'AM',
        'PM',
        'C',
        'OFF',
        'A name',
        'a reason long enough',
        path.join(dir, 'out', `f${Math.floor(rng() * 5)}.csv`),
        'relative/out.pdf',
      ]);
    default:
      return junk(rng, 2);
  }
}

// ---- The program and its observer ----

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  const data = generateProgram({ seed: 4, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 7 });
  ids = { people: data.people.slice(0, 4).map((p) => p.id), dates: ['2026-09-01', '2026-09-02', '2027-01-15'] };
  file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, data, {
    accounts: { seeds: demoAccounts(data, YEAR), password: DEMO_PASSWORD, cost: TEST_PASSWORD_COST },
  });
  core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'fuzz' });
  session = core.openSession();
  await signIn(session.dispatch, 'administrator');
  // A second connection sees every commit of the core's connection: PRAGMA data_version moves.
  watcher = new Sqlite(file, { readonly: true });
});
afterAll(async () => {
  watcher?.close();
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Prepared once: read after every call, 25,600 times.
let dataVersionQuery: Sqlite.Statement<[], number> | undefined;
const dataVersion = () => {
  dataVersionQuery ??= watcher.prepare<[], number>('PRAGMA data_version').pluck();
  return Number(dataVersionQuery.get());
};
const CODES = new Set<string>(API_ERROR_CODES);
/** Refusals that are themselves recorded (a failed sign-in counts towards the lock; a refused publish is audited). */
const RECORDS_REFUSALS = new Set<MethodName>(['session.signIn', 'drafts.publish']);

describe('every contract method under generated payloads', () => {
  it(`answers ${PAYLOADS_PER_METHOD} payloads per method with an envelope, and a refusal changes nothing`, async () => {
    const started = performance.now();
    let calls = 0;
    let refusals = 0;
    const perMethod: [string, number][] = [];
    for (const method of METHOD_NAMES) {
      const t0 = performance.now();
      const rng = mulberry32(SEED ^ [...method].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
      const schema = contract[method].input as z.ZodType;
      // The session methods get a session of their own (signed in at the start), so signing out
      // or a failed sign-in never signs out the one the other methods use.
      const caller = method.startsWith('session.') ? core.openSession() : session;
      if (caller !== session) await signIn(caller.dispatch, 'administrator');
      for (let i = 0; i < PAYLOADS_PER_METHOD; i++) {
        const payload = i % 2 === 0 ? shaped(schema, rng) : junk(rng);
        const before = dataVersion();
        let envelope: Envelope<unknown>;
        try {
          envelope = await caller.dispatch(method, payload);
        } catch (err) {
          throw new Error(`${method} threw instead of answering: ${String(err)} for ${show(payload)}`);
        }
        calls++;
        const okType = typeof envelope.ok;
        if (okType !== 'boolean') expect(okType, method).toBe('boolean');
        if (!envelope.ok) {
          refusals++;
          const changed = !RECORDS_REFUSALS.has(method) && dataVersion() !== before;
          // The expects (and the payload shown in their message) only when a check fails: 23,000
          // refusals through chai cost more than the calls.
          if (changed || !goodRefusal(envelope)) {
            const where =
              `${method} ${envelope.error.code}: ${envelope.error.message.slice(0, 200)} for ` + `${show(payload)}`;
            expect(CODES.has(envelope.error.code), where).toBe(true);
            expect(envelope.error.code, where).not.toBe('internal');
            expect(typeof envelope.error.message, where).toBe('string');
            expect(envelope.error.message.length, where).toBeLessThanOrEqual(MAX_MESSAGE + 60);
            expect(() => JSON.stringify(envelope), where).not.toThrow();
            expect(changed, `a refusal changed the program: ${where}`).toBe(false);
          }
        }
      }
      perMethod.push([method, performance.now() - t0]);
    }
    console.log(
      perMethod
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([m, ms]) => `${m} ${(ms / 1000).toFixed(1)}s`)
        .join(', '),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(
      `fuzz: ${calls} calls (${refusals} refused) over ${METHOD_NAMES.length} methods in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});

/** What every refusal must be: a known code that is not 'internal', a short message, and JSON. */
function goodRefusal(envelope: Envelope<unknown> & { ok: false }): boolean {
  const { code, message } = envelope.error;
  if (!CODES.has(code) || code === 'internal') return false;
  if (typeof message !== 'string' || message.length > MAX_MESSAGE + 60) return false;
  try {
    JSON.stringify(envelope);
    return true;
  } catch {
    return false;
  }
}

/** A payload in a failure message (short; values JSON cannot carry are named). */
function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(value) : text.slice(0, 200);
  } catch {
    return '(a value that cannot be shown)';
  }
}
