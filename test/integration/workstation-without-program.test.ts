// A workstation without a program (a program director's machine, a first start): createCore opens
// none, offers the start page's methods to whoever is at it and refuses the rest in plain words; a
// review file opens and is answered with no program at all; the start page makes the
// workstation's program from the demo or from a program file, never over an existing file, and a
// bad program file leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/api/core';
import type { SessionStatus, StartedProgram } from '../../core/api/contract';
import type { Envelope } from '../../core/api/kit';
import { NO_PROGRAM, WITHOUT_PROGRAM } from '../../core/api/permissions';
import { createDraft, editDraft } from '../../core/services/drafts';
import { exportProgramToFile } from '../../core/services/exchange';
import { exportReview } from '../../core/services/reviews';
import { buildTestWorkers } from './jobs-fixtures/build';
import { buildFixture, context, flagActivity, openCopy, type Fixture } from './drafts-fixture';
import { TEST_PASSWORD_COST } from '../sign-in';

let f: Fixture;
let workers: Awaited<ReturnType<typeof buildTestWorkers>>;
/** The coordinator's review file and program file, made on "their" machine. */
let reviewFile: string;
let programJson: string;
const cores: Core[] = [];

beforeAll(async () => {
  f = await buildFixture();
  workers = await buildTestWorkers();
  const program = await openCopy(f);
  try {
    const ctx = context(program, flagActivity('none'));
    const person = f.data.people.find((p) => p.kind === 'resident')!;
    const cells = f.data.assignments
      .filter((a) => a.personId === person.id && a.date === '2026-08-04')
      .map((a) => ({ personId: a.personId, date: a.date, half: a.half }));
    const draft = await createDraft(ctx, { name: 'August fix' });
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode: 'RES' });
    reviewFile = path.join(f.dir, 'sent', 'August fix.rsreview');
    fs.mkdirSync(path.dirname(reviewFile));
    fs.writeFileSync(reviewFile, (await exportReview(ctx, draft.id)).bytes);
    programJson = (await exportProgramToFile(program, path.join(f.dir, 'sent', 'program.json'))).path;
  } finally {
    await program.close();
  }
});
afterAll(async () => {
  for (const core of cores) await core.close();
  workers?.cleanup();
  f?.cleanup();
});

/** A reviewer's workstation: an empty user-data folder, the demo beside the app. */
async function workstation(name: string) {
  const userData = path.join(f.dir, name);
  fs.mkdirSync(userData);
  const file = path.join(userData, 'program.sqlite');
  const core = await createCore({
    dbPath: null,
    newProgram: { file, demoFile: f.template },
    workerDir: workers.dir,
    actor: 'workstation test',
    maxThreads: 1,
    passwordCost: TEST_PASSWORD_COST,
  });
  cores.push(core);
  return { core, userData, file };
}

async function call<T>(core: Core, method: string, payload: unknown = {}): Promise<T> {
  const envelope: Envelope<unknown> = await core.dispatch(method, payload);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

describe('a workstation without a program', () => {
  it('opens none, says so, and offers only the start page’s methods', async () => {
    const { core, userData } = await workstation('empty');
    expect(core.currentPath()).toBeNull();
    const status = await call<SessionStatus>(core, 'session.status');
    expect(status).toMatchObject({ programPath: null, account: null, setupNeeded: false, readOnly: false });
    expect(new Set(status.allowed)).toEqual(WITHOUT_PROGRAM);
    for (const method of ['program.info', 'people.list', 'drafts.list', 'session.signIn', 'reviews.importResponse']) {
      const refused = await core.dispatch(method, {});
      expect(refused, method).toMatchObject({
        ok: false,
        error: { code: 'rejected', message: `${NO_PROGRAM} (${method})` },
      });
    }
    // Nothing was made on the workstation by starting.
    expect(fs.readdirSync(userData)).toEqual([]);
  });

  it('opens a review file, prints it and saves the response, with no program at all', async () => {
    const { core, userData } = await workstation('reviewer');
    const opened = await call<{ review: { draft: { name: string } } }>(core, 'reviews.open', { path: reviewFile });
    expect(opened.review.draft.name).toBe('August fix');
    const out = path.join(userData, 'response.rsresponse');
    await call(core, 'reviews.respond', {
      reviewPath: reviewFile,
      path: out,
      decision: 'approve',
      by: 'Dr. Director',
      reason: '',
      comments: [{ anchor: { kind: 'draft' }, text: 'Fine' }],
    });
    expect(fs.existsSync(out)).toBe(true);
    const pdf = await call<{ pages: number }>(core, 'reviews.pdf', {
      reviewPath: reviewFile,
      path: path.join(userData, 'review.pdf'),
    });
    expect(pdf.pages).toBeGreaterThan(0);
    expect(core.currentPath()).toBeNull();
  });

  it('makes the workstation’s program from the demo, once, and opens it', async () => {
    const { core, file } = await workstation('from-demo');
    const made = await call<StartedProgram>(core, 'program.createFromDemo');
    expect(made).toEqual({ path: file, warnings: [] });
    expect(core.currentPath()).toBe(file);
    const status = await call<SessionStatus>(core, 'session.status');
    expect(status).toMatchObject({ programPath: file, account: null });
    expect(status.allowed).not.toContain('program.createFromDemo');
    // With a program open the start page's methods are the administrator's, and still refused.
    expect(await core.dispatch('program.createFromDemo', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('imports a program file as the workstation’s program', async () => {
    const { core, file } = await workstation('from-file');
    const made = await call<StartedProgram>(core, 'program.importFile', { path: programJson });
    expect(made.path).toBe(file);
    const status = await call<SessionStatus>(core, 'session.status');
    // A program file carries no accounts: the first run creates the administrator.
    expect(status).toMatchObject({ programPath: file, setupNeeded: true });
  });

  it('refuses a bad program file and one that would overwrite a file, and leaves nothing behind', async () => {
    const { core, file, userData } = await workstation('refused');
    const bad = path.join(userData, '..', 'bad.json');
    fs.writeFileSync(bad, '{"format": "something else"}');
    const refused = await core.dispatch('program.importFile', { path: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fs.readdirSync(userData)).toEqual([]);
    expect(core.currentPath()).toBeNull();
    const missing = await core.dispatch('program.importFile', { path: path.join(userData, 'nowhere.json') });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('nowhere.json') },
    });
    // A file already where the program would go (left by someone): never overwritten.
    fs.writeFileSync(file, 'not mine to replace');
    const taken = await core.dispatch('program.createFromDemo', {});
    expect(taken).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('already exists') },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('not mine to replace');
  });
});
