// Regression tests for the boundary gaps of issue 16, each as it was found: an export over the
// program file, calendar injection through a name, settings the rules cannot run, acknowledging a
// finding before it exists, payloads that broke the dispatcher, raw internals in messages,
// read-only and newer files, unknown keys on import.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramInfo } from '../../core/api/contract';
import type { Core } from '../../core/api/core';
import { internalFailure } from '../../core/api/failures';
import { main } from '../../core/cli/main';
import { demoAccounts, DEMO_PASSWORD } from '../../core/demo/accounts';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { ProgramFileError } from '../../core/db/errors';
import { createProgramFile } from '../../core/services/create';
import { exportProgram, serializeProgramFile } from '../../core/services/exchange';
import { openProgram, writeProgramData } from '../../core/services/program';
import { signIn, TEST_PASSWORD_COST } from '../sign-in';
import { createTestCore, value } from '../test-core';

const YEAR = 2026;
let dir: string;
let data: ProgramData;
let file: string;
let core: Core;
const at = (name: string) => path.join(dir, name);
const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boundary-'));
  data = generateProgram({ seed: 9, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 8 });
  file = at('program.sqlite');
  await createProgramFile(file, data, {
    accounts: { seeds: demoAccounts(data, YEAR), password: DEMO_PASSWORD, cost: TEST_PASSWORD_COST },
  });
  core = await createTestCore({ dbPath: file, workerDir: at('no-workers'), actor: 'system' });
  await signIn(core.dispatch, 'program_director');
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exports never replace the program', () => {
  it('`cli export p.sqlite p.sqlite` is refused and the program is intact; so are its side files', async () => {
    const before = value<ProgramInfo>(await core.dispatch('program.info', {})).counts;
    for (const target of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
      const r = await cli('export', file, target, '--as', 'admin');
      expect(r.code, target).toBe(1);
      expect(r.err).toContain('is the open program file');
    }
    expect(value<ProgramInfo>(await core.dispatch('program.info', {})).counts).toEqual(before);
    // The API's exports refuse it as well.
    const csv = await core.dispatch('exports.csv', { output: file });
    expect(csv).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it(
    'an export into an existing folder or a missing one says so and leaves nothing behind; a relative path is said ' +
      'in full',
    async () => {
      fs.mkdirSync(at('a-folder'));
      const folder = await cli('export', file, at('a-folder'), '--as', 'admin');
      expect(folder).toMatchObject({ code: 1, err: expect.stringContaining('is a folder') });
      const missing = await cli('export', file, at('no/such/folder/p.json'), '--as', 'admin');
      expect(missing).toMatchObject({
        code: 1,
        err: expect.stringContaining(`The folder ${at('no/such/folder')} does not exist`),
      });
      expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const relative = await cli('export', file, 'relative.json', '--as', 'admin');
        expect(relative).toMatchObject({
          code: 0,
          out: expect.stringContaining(`to ${fs.realpathSync(dir)}${path.sep}relative.json`),
        });
      } finally {
        process.chdir(cwd);
      }
      const api = await core.dispatch('exports.csv', { output: 'relative.csv' });
      expect(api).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringContaining('is not a full path') },
      });
    },
  );
});

describe('calendar injection', () => {
  const evil = 'Evil\r\nBEGIN:VEVENT\r\nSUMMARY:Fake shift\r\nEND:VEVENT';

  it('refuses control characters and direction marks in names at the API and on import', async () => {
    for (const name of [evil, 'Tab\there', '\u0000Nul', 'Ann\u202eSmith'])
      expect(
        await core.dispatch('people.create', {
          name,
          kind: 'resident',
          facultyRole: null,
          pgy: 1,
          academicYear: YEAR,
          email: null,
        }),
        JSON.stringify(name),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'name' }] } });
    const json = at('evil.json');
    const program = await openProgram(file, { readOnly: true });
    const exported = await exportProgram(program);
    await program.close();
    exported.program.people[0].name = evil;
    fs.writeFileSync(json, serializeProgramFile(exported));
    const imported = await cli('import', json, at('evil.sqlite'));
    expect(imported).toMatchObject({
      code: 1,
      err: expect.stringContaining('program.people[0].name: name must not contain control characters'),
    });
  });

  it('escapes names already stored, so a calendar holds only its own events', async () => {
    const stored = at('stored.sqlite');
    const program = await openProgram(stored, { create: true });
    const copy = structuredClone(data);
    const person = copy.people.find((p) => p.kind === 'resident')!;
    person.name = `${evil}\u202e`;
    copy.settings.programName = 'Program; with, commas';
    await writeProgramData(program, copy);
    await program.close();
    const out = at('calendars');
    const r = await cli(
      'export-ics',
      '--program',
      stored,
      '--person',
      person.id,
      '--out',
      out,
      '--from',
      `${YEAR}-09-01`,
      '--to',
      `${YEAR}-09-07`,
    );
    expect(r.code, r.err).toBe(0);
    const [name] = fs.readdirSync(out);
    expect(name).not.toMatch(/[\u0000-\u001f\u202e]/);
    const text = fs.readFileSync(path.join(out, name), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.every((e) => String(e.getFirstPropertyValue('uid')).startsWith(`${person.id}.`))).toBe(true);
    expect(events.some((e) => String(e.getFirstPropertyValue('summary')) === 'Fake shift')).toBe(false);
    expect(text.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(events.length);
  });
});

describe('settings the rules engine cannot run', () => {
  it('are refused with the path of each problem, and nothing changes', async () => {
    const info = value<ProgramInfo>(await core.dispatch('program.info', {}));
    const rules = info.settings.rules;
    const eighty = rules.find((r) => r.type === 'acgme_80h')!;
    const cases = [
      { rules: [...rules, { ...eighty, id: 'x', type: 'no_such_rule' }], path: `rules[${rules.length}].type` },
      { rules: [...rules, { ...eighty }], path: `rules[${rules.length}].id` },
      {
        rules: rules.map((r) => (r.id === eighty.id ? { ...r, params: { ...r.params, limitHours: 'eighty' } } : r)),
        path: `rules[${rules.indexOf(eighty)}].params.limitHours`,
      },
    ];
    for (const c of cases) {
      const r = await core.dispatch('program.updateSettings', { rules: c.rules });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', issues: expect.arrayContaining([expect.objectContaining({ path: c.path })]) },
      });
    }
    expect(value<ProgramInfo>(await core.dispatch('program.info', {})).settings).toEqual(info.settings);
    expect(await core.dispatch('compliance.summary', { academicYear: YEAR })).toMatchObject({ ok: true });
  });

  it('in an imported file are refused too', async () => {
    const program = await openProgram(file, { readOnly: true });
    const exported = await exportProgram(program);
    await program.close();
    exported.program.settings.rules[0].params = {
      ...exported.program.settings.rules[0].params,
      limitHours: 'eighty',
      windowDays: 'long',
    };
    exported.program.settings.rules.push({ ...exported.program.settings.rules[1] });
    fs.writeFileSync(at('bad-rules.json'), serializeProgramFile(exported));
    const r = await cli('import', at('bad-rules.json'), at('bad-rules.sqlite'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('program.settings.rules[');
    expect(fs.existsSync(at('bad-rules.sqlite'))).toBe(false);
  });
});

describe('acknowledging a finding', () => {
  it('is refused for a finding that is not reported now (ids are predictable)', async () => {
    const future = `acgme_80h:${data.people[0].id}:${YEAR}-09-01`;
    for (const r of [
      await core.dispatch('drafts.acknowledgeFinding', {
        findingId: future,
        draftId: null,
        reasonCode: 'other',
        reason: 'in advance',
      }),
      await core.dispatch('compliance.acknowledge', {
        academicYear: YEAR,
        findingId: future,
        reasonCode: 'other',
        reason: 'in advance',
      }),
    ])
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringMatching(/not reported now|No current finding/) },
      });
  });
});

describe('payloads that broke the dispatcher', () => {
  it('an object whose toString is not a function, in any field, is a clear invalid_input', async () => {
    const hostile = { toString: 1, valueOf: 1 };
    for (const [method, payload] of [
      [
        'people.create',
        { name: hostile, kind: 'resident', facultyRole: null, pgy: 1, academicYear: YEAR, email: null },
      ],
      ['drafts.create', { name: hostile, note: hostile }],
      ['session.signIn', { username: hostile, password: hostile }],
    ] as const) {
      const r = await core.dispatch(method, payload);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('deep nesting and NUL characters are refused before any schema reads them', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(await core.dispatch('drafts.create', { name: 'n', note: deep })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('nested more than 32 levels deep') },
    });
    expect(await core.dispatch('drafts.create', { name: 'a\u0000b' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'name' }] },
    });
  });

  it('an error is bounded in size however many problems there are', async () => {
    const rules = Array.from({ length: 5000 }, (_, i) => ({
      id: `r${i}`,
      type: 'no_such_rule'.repeat(50),
      enabled: true,
      severity: 'low',
      scope: { kinds: [], pgyLevels: [] },
      params: {},
    }));
    const r = await core.dispatch('program.updateSettings', { rules });
    expect(r.ok).toBe(false);
    const size = JSON.stringify(r).length;
    expect(size).toBeLessThan(40_000);
  });

  it('a deeply nested import file is said in words', async () => {
    fs.writeFileSync(at('deep.json'), `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const r = await cli('import', at('deep.json'), at('deep.sqlite'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /deep\.json" is not a valid program file[\s\S]*(nested more than 64 levels deep|nested too deeply)/,
    );
    expect(r.err).not.toContain('Maximum call stack size exceeded');
  });
});

describe('internals in words', () => {
  it('maps SQLite refusals, file errors and stack overflows to the domain’s words', () => {
    expect(
      internalFailure(
        Object.assign(new Error('CHECK constraint failed: length(name) > 0'), { code: 'SQLITE_CONSTRAINT_CHECK' }),
      ),
    ).toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/^The program refused the change/),
    });
    expect(
      internalFailure(
        Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', path: '/x/y' }),
      ),
    ).toEqual({
      code: 'rejected',
      message: 'Could not use the file /x/y: it does not exist',
    });
    expect(internalFailure(new RangeError('Maximum call stack size exceeded'))).toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('opening a file only to read it', () => {
  it('writes nothing to it: info leaves every byte as it was', async () => {
    const copy = at('read-me.sqlite');
    fs.copyFileSync(file, copy);
    const before = sha(copy);
    expect((await cli('info', copy, '--as', 'coordinator')).code).toBe(0);
    expect((await cli('validate', copy, '--as', 'coordinator')).code).not.toBe(1);
    expect(sha(copy)).toBe(before);
  });

  it('refuses a file stamped by a newer version and leaves its stamp alone', async () => {
    const copy = at('newer.sqlite');
    fs.copyFileSync(file, copy);
    const raw = new Sqlite(copy);
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(copy);
    await expect(openProgram(copy)).rejects.toSatisfy(
      (e: unknown) => e instanceof ProgramFileError && e.problem === 'too_new',
    );
    expect(sha(copy)).toBe(before);
  });

  const canMakeImmutable = (() => {
    try {
      const probe = path.join(os.tmpdir(), `immutable-probe-${process.pid}`);
      fs.writeFileSync(probe, 'x');
      execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
      execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
      fs.rmSync(probe);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!canMakeImmutable)(
    'opens a file that cannot be written read-only, says so, and refuses changes in words',
    async () => {
      const copy = at('locked.sqlite');
      fs.copyFileSync(file, copy);
      execFileSync('chattr', ['+i', copy]);
      try {
        const ro = await createTestCore({ dbPath: copy, workerDir: at('no-workers'), actor: 'system' });
        try {
          await signIn(ro.dispatch, 'coordinator');
          expect(await ro.dispatch('session.status', {})).toMatchObject({
            ok: true,
            value: { readOnly: true, account: { username: 'coordinator' } },
          });
          expect(await ro.dispatch('program.info', {})).toMatchObject({ ok: true });
          expect(await ro.dispatch('drafts.create', { name: 'x' })).toMatchObject({
            ok: false,
            error: { code: 'rejected', message: expect.stringContaining('is read-only here') },
          });
        } finally {
          await ro.close();
        }
      } finally {
        execFileSync('chattr', ['-i', copy]);
      }
    },
  );
});

describe('unknown keys on import', () => {
  it('are reported, not dropped silently', async () => {
    const program = await openProgram(file, { readOnly: true });
    const exported = (await exportProgram(program)) as unknown as Record<string, unknown> & {
      program: { people: Record<string, unknown>[] };
    };
    await program.close();
    exported.padding = 'x'.repeat(1000);
    exported.program.people[2].nickname = 'Doc';
    fs.writeFileSync(at('extra.json'), JSON.stringify(exported));
    const r = await cli('import', at('extra.json'), at('extra.sqlite'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('2 keys of');
    expect(r.err).toContain('  padding');
    expect(r.err).toContain('  program.people[2].nickname');
  });
});
