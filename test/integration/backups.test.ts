// Automatic backups through the real core: the administrator sets the folder; every publish is
// followed by a checked copy; old copies are rotated away; a restore puts a backup in the
// program's place and keeps the current file; a backup killed half-way leaves the earlier ones
// intact and is cleaned up by the next.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupEntry, BackupStatus, PersonRow } from '../../core/api/contract';
import type { Core } from '../../core/api/core';
import { main } from '../../core/cli/main';
import { inspectProgramFile } from '../../core/db/inspect';
import { demoAccounts, DEMO_PASSWORD } from '../../core/demo/accounts';
import { generateProgram } from '../../core/demo/generate';
import { DEFAULT_BACKUP_POLICY, listBackups, readBackupSettings, takeBackup } from '../../core/services/backups';
import { createProgramFile } from '../../core/services/create';
import { openProgram } from '../../core/services/program';
import { root } from '../../scripts/build.mjs';
import { signIn, TEST_PASSWORD_COST } from '../sign-in';
import { buildChild } from './crash-harness';
import { buildAppWorkers } from './generation-fixture';
import { createTestCore, value } from '../test-core';

const YEAR = 2026;
let dir: string;
let file: string;
let folder: string;
let core: Core;
const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');
const status = async () => value<BackupStatus>(await core.dispatch('backups.status', {}));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backups-'));
  folder = path.join(dir, 'backups');
  fs.mkdirSync(folder);
  const data = generateProgram({ seed: 2, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 7 });
  file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, data, {
    accounts: { seeds: demoAccounts(data, YEAR), password: DEMO_PASSWORD, cost: TEST_PASSWORD_COST },
  });
  // The app's workers (built once per run): publishing checks the draft against the rules on a
  // worker thread of its own before the backup that follows it.
  core = await createTestCore({ dbPath: file, workerDir: (await buildAppWorkers()).dir, actor: 'system' });
  await signIn(core.dispatch, 'administrator');
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('are off until the administrator chooses a folder that exists; the status says so', async () => {
    expect(await status()).toMatchObject({
      settings: { folder: null },
      folderReachable: false,
      lastGood: null,
      overdue: true,
    });
    const policy = DEFAULT_BACKUP_POLICY;
    expect(await core.dispatch('backups.configure', { folder: path.join(dir, 'nope'), policy })).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining('does not exist') },
    });
    expect(await core.dispatch('backups.configure', { folder: 'relative', policy })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await core.dispatch('backups.configure', { folder: file, policy })).toMatchObject({ ok: false });
    const configured = value<BackupStatus>(await core.dispatch('backups.configure', { folder, policy }));
    expect(configured.settings.folder).toBe(folder);
    // Setting a folder takes the first backup (none was there): wait for it.
    await expect.poll(async () => (await status()).backups.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const s = await status();
    expect(s).toMatchObject({ folderReachable: true, overdue: false, lastError: null });
    expect(s.lastGood!.file.startsWith(folder)).toBe(true);
    // Only the administrator sets them up; schedule owners see the status.
    const coordinator = core.openSession();
    await signIn(coordinator.dispatch, 'coordinator');
    expect(await coordinator.dispatch('backups.status', {})).toMatchObject({ ok: true });
    expect(await coordinator.dispatch('backups.configure', { folder: null, policy })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a backup now is a checked, whole copy of the program', async () => {
    const entry = value<BackupEntry>(await core.dispatch('backups.run', {}));
    expect(entry.reason).toBe('manual');
    expect(inspectProgramFile(entry.file).schemaVersion).toBeGreaterThan(0);
    const copy = await openProgram(entry.file, { readOnly: true });
    try {
      const people = await copy.db.selectFrom('people').select('id').execute();
      const { counts } = value<{ counts: { residents: number; faculty: number; others: number } }>(
        await core.dispatch('program.info', {}),
      );
      expect(people.length).toBe(counts.residents + counts.faculty + counts.others);
    } finally {
      await copy.close();
    }
    expect(fs.readdirSync(folder).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('every publish is followed by a backup', async () => {
    const before = (await status()).backups.length;
    const people = value<PersonRow[]>(await core.dispatch('people.list', { academicYear: YEAR }));
    const draft = value<{ id: number }>(await core.dispatch('drafts.create', { name: 'One change', note: null }));
    const grid = value<{ assignments: { personId: string; date: string; half: string; activityCode: string }[] }>(
      await core.dispatch('schedule.grid', { start: '2026-09-08', end: '2026-09-08' }),
    );
    const cell = grid.assignments.find((a) => people.some((p) => p.id === a.personId && p.kind === 'resident'))!;
    await core.dispatch('drafts.setActivity', {
      draftId: draft.id,
      cells: [{ personId: cell.personId, date: cell.date, half: cell.half }],
      activityCode: cell.activityCode === 'OFF' ? 'LEC' : 'OFF',
    });
    const validation = value<{ added: { id: string; blocking: boolean }[] }>(
      await core.dispatch('drafts.validate', { draftId: draft.id }),
    );
    for (const f of validation.added.filter((x) => x.blocking))
      await core.dispatch('drafts.acknowledgeFinding', {
        findingId: f.id,
        draftId: draft.id,
        reasonCode: 'other',
        reason: 'test publish',
      });
    value(await core.dispatch('drafts.publish', { draftId: draft.id, acceptChurnWarnings: true }));
    await expect
      .poll(async () => (await status()).backups.filter((b) => b.reason === 'publish').length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect((await status()).backups.length).toBeGreaterThan(before);
  });

  it('old backups are rotated away; files that are not ours are left alone', async () => {
    const program = await openProgram(file, { readOnly: true });
    try {
      // Twenty days of backups, three a day, all long ago.
      const template = (await status()).lastGood!.file;
      for (let d = 0; d < 20; d++)
        for (let k = 0; k < 3; k++) {
          const at = new Date(Date.UTC(2025, 0, 1 + d, 8 * k));
          fs.copyFileSync(
            template,
            path.join(folder, `program.${at.toISOString().replace(/[-:]/g, '').replace('.000Z', '000Z')}.daily.sqlite`),
          );
        }
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'keep me');
      const before = listBackups(folder, file).length;
      await takeBackup(program, await readBackupSettings(program), 'manual');
      const after = listBackups(folder, file);
      expect(after.length).toBeLessThan(before);
      expect(fs.existsSync(path.join(folder, 'notes.txt'))).toBe(true);
    } finally {
      await program.close();
    }
  });

  it('restore puts a backup in the program’s place, keeps the current file, signs everyone out', async () => {
    const backup = (await status()).lastGood!.file;
    const added = value<PersonRow>(
      await core.dispatch('people.create', {
        name: 'After The Backup',
        kind: 'resident',
        facultyRole: null,
        pgy: 1,
        academicYear: YEAR,
        email: null,
      }),
    );
    // Refusals: not a program file; the program file itself. Nothing changes.
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'not a database');
    expect(await core.dispatch('backups.restore', { file: path.join(dir, 'junk.sqlite') })).toMatchObject({
      ok: false,
    });
    expect(await core.dispatch('backups.restore', { file })).toMatchObject({ ok: false });
    expect(
      value<PersonRow[]>(await core.dispatch('people.list', { academicYear: YEAR })).some((p) => p.id === added.id),
    ).toBe(true);

    const restored = value<{ restoredFrom: string; keptAs: string }>(
      await core.dispatch('backups.restore', { file: backup }),
    );
    expect(restored.restoredFrom).toBe(backup);
    expect(await core.dispatch('people.list', { academicYear: YEAR })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await signIn(core.dispatch, 'administrator');
    expect(
      value<PersonRow[]>(await core.dispatch('people.list', { academicYear: YEAR })).some((p) => p.id === added.id),
    ).toBe(false);
    const log = value<{ entries: { action: string }[] }>(
      await core.dispatch('audit.query', { action: 'program.restore' }),
    );
    expect(log.entries).toHaveLength(1);
    // The program as it was, with the person added after the backup, is kept.
    const kept = await openProgram(restored.keptAs, { readOnly: true });
    try {
      expect((await kept.db.selectFrom('people').select('id').where('id', '=', added.id).execute()).length).toBe(1);
    } finally {
      await kept.close();
    }
    expect(value<{ status: string }>(await core.dispatch('audit.verifyChain', {})).status).not.toBe('broken');
  });

  it('the command line takes, lists and restores backups as the administrator', async () => {
    const io = { out: [] as string[], err: [] as string[] };
    const cli = async (...argv: string[]) => {
      io.out = [];
      io.err = [];
      return main([...argv, '--as', 'admin'], { out: (l) => io.out.push(l), err: (l) => io.err.push(l) });
    };
    const copy = path.join(dir, 'cli.sqlite');
    await core.backupTo(copy);
    const cliFolder = path.join(dir, 'cli-backups');
    fs.mkdirSync(cliFolder);
    expect(await cli('backup', 'folder', copy, cliFolder)).toBe(0);
    expect(await cli('backup', 'run', copy)).toBe(0);
    expect(io.out.join('\n')).toMatch(/Backed up to .*cli\.\d{8}T\d{9}Z\.manual\.sqlite .*checked/);
    expect(await cli('backup', 'list', copy)).toBe(0);
    const listed = io.out
      .find((l) => l.includes('manual'))!
      .trim()
      .split(/\s+/)
      .pop()!;
    expect(await cli('backup', 'restore', copy, listed)).toBe(0);
    expect(io.out.join('\n')).toContain('kept as');
  });
});

describe('a backup killed half-way', () => {
  it('leaves the earlier backups intact, and the next backup cleans up after it', async () => {
    // The size is not the point: the child stops at each moment of a backup and is killed there.
    const source = path.join(dir, 'kill-source.sqlite');
    await core.backupTo(source);
    const killFolder = path.join(dir, 'kill-backups');
    fs.mkdirSync(killFolder);
    const program = await openProgram(source);
    const settings = { folder: killFolder, policy: { ...DEFAULT_BACKUP_POLICY, keepLast: 100 } };
    const first = await takeBackup(program, settings, 'manual', new Date(Date.UTC(2029, 0, 1)));
    await program.close();
    const intact = new Map([[first.file, sha(first.file)]]);

    const child = path.join(root, '.tmp', `backup-kill-child-${process.pid}.mjs`);
    fs.mkdirSync(path.dirname(child), { recursive: true });
    await buildChild('test/integration/backup-kill-child.ts', child);
    const partials = () => fs.readdirSync(killFolder).filter((f) => f.includes('.partial'));
    try {
      for (const pause of ['copying', 'verifying', 'done']) {
        await new Promise<void>((resolve, reject) => {
          const proc = spawn(process.execPath, [child, source, killFolder], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, BACKUP_PAUSE: pause },
          });
          let out = '';
          let err = '';
          proc.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('paused\n')) proc.kill('SIGKILL');
          });
          proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
          proc.on('error', reject);
          proc.on('exit', (code, signal) =>
            signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code} before "${pause}": ${err}`)),
          );
        });
        // Killed mid-backup, it left a half-written copy, under no backup's name.
        if (pause !== 'done') expect(partials(), pause).not.toEqual([]);
        // Every backup with a final name is whole and checked; the earlier ones are as they were.
        for (const b of listBackups(killFolder, source)) {
          expect(() => inspectProgramFile(b.file), b.file).not.toThrow();
          if (intact.has(b.file)) expect(sha(b.file), b.file).toBe(intact.get(b.file));
          else intact.set(b.file, sha(b.file));
        }
        for (const [f] of intact) expect(fs.existsSync(f), f).toBe(true);
      }
      expect(intact.size, 'the backup killed when done is kept').toBe(2);
      // The next backup removes what the killed ones left half-written.
      const again = await openProgram(source);
      try {
        await takeBackup(again, settings, 'manual', new Date(Date.UTC(2031, 0, 1)));
      } finally {
        await again.close();
      }
      expect(partials()).toEqual([]);
    } finally {
      fs.rmSync(child, { force: true });
    }
  });
});
