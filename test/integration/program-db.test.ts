// The program database file: creation, migration of an older file (with backup), the read-only
// refusal of corrupt and foreign files (leaving them byte-identical), and the append-only audit log.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { ProgramFileError } from '../../core/db/errors';
import { APPLICATION_ID, inspectProgramFile } from '../../core/db/inspect';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import { openDatabase } from '../../core/db/open';
import { internalFailure } from '../../core/api/failures';
import { readProgramDataInParts } from '../../core/db/program-data';
import { loadProgramData, openProgram, writeProgramData } from '../../core/services/program';
import { programAtSchema } from './old-schema';
import { publicationRecords } from './drafts-fixture';

let dir: string;
const file = (name: string) => path.join(dir, name);
const digest = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');
const sideFiles = (p: string) => ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(p + s));
const demo = generateProgram({
  seed: 7,
  academicYear: 2026,
  residentsPerPgy: [2, 2, 2],
  facultyCount: 8,
  learnerCount: 1,
});

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'program-db-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function expectRefused(p: string, problem: string, message: RegExp) {
  const before = digest(p);
  const error = await openProgram(p).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProgramFileError);
  expect((error as ProgramFileError).problem).toBe(problem);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toContain(p);
  expect(digest(p)).toBe(before);
  expect(sideFiles(p)).toEqual([]);
}

describe('a new program file', () => {
  it('is created at the latest schema with our application id and the pragmas', async () => {
    const p = file('new.sqlite');
    const program = await openProgram(p, { create: true });
    expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const pragma = async (name: string) =>
      (await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(program.db)).rows[0];
    expect(Object.values((await pragma('journal_mode'))!)[0]).toBe('wal');
    expect(Object.values((await pragma('foreign_keys'))!)[0]).toBe(1);
    expect(Object.values((await pragma('synchronous'))!)[0]).toBe(2); // FULL
    expect(Object.values((await pragma('application_id'))!)[0]).toBe(APPLICATION_ID);
    await program.close();
    expect(inspectProgramFile(p).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('is recognised while another connection has it open (header changes still in the WAL)', async () => {
    const p = file('shared.sqlite');
    const first = await openProgram(p, { create: true });
    await writeProgramData(first, demo);
    const second = await openProgram(p);
    expect((await loadProgramData(second)).people).toHaveLength(demo.people.length);
    await second.close();
    await first.close();
  });

  it('is not created without { create: true }', async () => {
    const p = file('absent.sqlite');
    await expect(openProgram(p)).rejects.toThrow(`"${p}" does not exist`);
    expect(fs.existsSync(p)).toBe(false);
  });

  it('writes and reads back a whole program unchanged, and backs up while open', async () => {
    const p = file('roundtrip.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    expect(await loadProgramData(program)).toEqual(demo);
    const copy = file('roundtrip-copy.sqlite');
    await program.backupTo(copy);
    await program.close();
    const reopened = await openProgram(copy);
    expect(await loadProgramData(reopened)).toEqual(demo);
    await reopened.close();
  });

  it('reads a whole program in parts as in one read, in one snapshot while another connection writes', async () => {
    const p = file('in-parts.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    const other = await openProgram(p);
    let pauses = 0;
    const read = await readProgramDataInParts(
      program.db,
      async () => {
        // Between two parts, another connection (the command line) empties the half-day schedule.
        if (++pauses === 1) await sql`DELETE FROM assignments`.execute(other.db);
      },
      1_000,
    );
    expect(pauses).toBe(Math.floor(demo.assignments.length / 1_000));
    expect(read).toEqual(demo);
    expect((await loadProgramData(program)).assignments).toEqual([]);
    await other.close();
    await program.close();
  });

  it('backs up only what is committed: a backup asked for during a transaction waits for its end', async () => {
    const p = file('backup-during-transaction.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    let inside!: () => void;
    const began = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = program.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM assignments`.execute(trx);
      inside();
      await held;
      throw new Error('rolled back on purpose');
    });
    await began;
    const copy = file('backup-during-transaction-copy.sqlite');
    const backup = program.backupTo(copy);
    // Turns of the event loop (SQLite's backup steps between them) with the transaction still open.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    release();
    await expect(transaction).rejects.toThrow('rolled back on purpose');
    await backup;
    await program.close();
    const reopened = await openProgram(copy);
    expect(await loadProgramData(reopened)).toEqual(demo);
    await reopened.close();
  });

  it('a write that fills the disk fails as a full disk, not as a failed rollback, and changes nothing', async () => {
    const p = file('full-disk.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    await program.close();
    const opened = await openDatabase(p);
    // The file may grow by two pages: SQLite fails the insert with SQLITE_FULL and rolls back by itself.
    const pages = opened.sqlite.pragma('page_count', { simple: true }) as number;
    opened.sqlite.pragma(`max_page_count = ${pages + 2}`);
    const error = await opened.db
      .transaction()
      .execute(async (trx) => {
        await sql`DELETE FROM assignments`.execute(trx);
        await sql`CREATE TABLE filler (x BLOB)`.execute(trx);
        await sql`INSERT INTO filler VALUES (zeroblob(50000000))`.execute(trx);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'SQLITE_FULL' });
    expect(internalFailure(error).message).toBe('The disk is full: nothing was changed.');
    await opened.db.destroy();
    const reopened = await openProgram(p);
    expect(await loadProgramData(reopened)).toEqual(demo);
    await reopened.close();
  });

  it('rolls back a write that breaks a constraint, leaving the program as it was', async () => {
    const p = file('rollback.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    const broken = { ...demo, assignments: [...demo.assignments, { ...demo.assignments[0], activityCode: 'NOPE' }] };
    await expect(writeProgramData(program, broken)).rejects.toThrow(/FOREIGN KEY|constraint/i);
    expect(await loadProgramData(program)).toEqual(demo);
    await program.close();
  });

  it('refuses a value it cannot store, naming the table, row and column, and changes nothing', async () => {
    const p = file('unstorable.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    const absences = demo.absences.map((a, i) => (i === 1 ? { ...a, note: { text: 'x' } as unknown as string } : a));
    await expect(writeProgramData(program, { ...demo, absences })).rejects.toThrow(
      'absences row 1: note is [object Object], not text, a finite number or null',
    );
    expect(await loadProgramData(program)).toEqual(demo);
    await program.close();
  });
});

describe('an older program file', () => {
  it('is backed up, then migrated in place with its data kept', async () => {
    const p = file('old.sqlite');
    const old = await programAtSchema(p, 1, demo);
    expect(old.schemaVersion).toBe(1);
    await old.db.destroy();
    expect(inspectProgramFile(p).schemaVersion).toBe(1);
    const oldDigest = digest(p);

    const program = await openProgram(p);
    expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(program.backupPath).toMatch(/old\.sqlite\.backup-v1-\d{8}T\d{6}Z$/);
    expect(fs.existsSync(program.backupPath!)).toBe(true);
    expect(digest(program.backupPath!)).toBe(oldDigest);
    expect(await loadProgramData(program)).toEqual(demo);
    const indexes = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'calls_by_person'`.execute(program.db);
    expect(indexes.rows).toHaveLength(1);
    await program.close();
    expect(inspectProgramFile(program.backupPath!).schemaVersion).toBe(1);

    // Opening again finds nothing to migrate and makes no further backup.
    const again = await openProgram(p);
    expect(again.backupPath).toBeNull();
    await again.close();
  });

  it('opened only to read, says how to upgrade it: a writable file is not "read-only here"', async () => {
    const p = file('old-read.sqlite');
    const old = await programAtSchema(p, 1, demo);
    await old.db.destroy();
    const digestBefore = digest(p);
    const refused = await openProgram(p, { readOnly: true }).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    expect(refused).toMatch(/must be upgraded before it can be read.*opened to make changes/);
    expect(refused).not.toMatch(/read-only here/);
    expect(digest(p)).toBe(digestBefore);
  });

  it('keeps the publication history through the rebuild of publication_rows, then in parts (v4 → latest)', async () => {
    const p = file('v4.sqlite');
    const old = await programAtSchema(p, 4, demo);
    await sql`INSERT INTO drafts (id, name, source, status, created_by, created_at, updated_at)
      VALUES (1, 'Old draft', 'manual', 'published', 'coord', '2026-07-01T12:00:00Z', '2026-07-01T12:00:00Z')`.execute(
      old.db,
    );
    await sql`INSERT INTO publications (id, draft_id, published_at, published_by, summary)
      VALUES (1, 1, '2026-07-01T12:00:00Z', 'coord', '{}')`.execute(old.db);
    await sql`INSERT INTO publication_rows (publication_id, seq, table_name, before, after)
      VALUES (1, 0, 'calls', NULL, '{"rowid":1}'), (1, 1, 'assignments', '{"rowid":2}', NULL)`.execute(old.db);
    await old.db.destroy();

    const program = await openProgram(p);
    expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(await publicationRecords(program)).toEqual([
      { publicationId: 1, seq: 0, table: 'calls', before: null, after: { rowid: 1 } },
      { publicationId: 1, seq: 1, table: 'assignments', before: { rowid: 2 }, after: null },
    ]);
    // The records' table takes plan rows, and keeps its checks.
    const part = (publicationId: number, seq: number, table: string) =>
      sql`INSERT INTO publication_records (publication_id, seq, table_name, row_count, rows)
        VALUES (${publicationId}, ${seq}, ${table}, 1, x'00')`.execute(program.db);
    await part(1, 2, 'rotation_assignments');
    await expect(part(1, 3, 'people')).rejects.toThrow(/CHECK/);
    await expect(part(9, 4, 'calls')).rejects.toThrow(/FOREIGN KEY/);
    const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(program.db);
    expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    await program.close();
  });

  it(
    'gains duty the ACGME way (v7 → latest): patient care by category, approved moonlighting, the ' +
      'moonlighting rules',
    async () => {
      const p = file('v7.sqlite');
      const resident = demo.people.find((x) => x.kind === 'resident')!;
      const withoutMoonlightingRules = {
        ...demo,
        settings: { ...demo.settings, rules: demo.settings.rules.filter((r) => !r.type.startsWith('moonlighting')) },
        moonlighting: [
          {
            id: 'ml-old',
            personId: resident.id,
            start: '2026-08-01T08:00',
            end: '2026-08-01T20:00',
            internal: true,
            approved: false,
          },
        ],
      };
      await (await programAtSchema(p, 7, withoutMoonlightingRules)).db.destroy();
      const program = await openProgram(p);
      const data = await loadProgramData(program);
      await program.close();
      expect(data.activities.map((a) => [a.code, a.patientCare])).toEqual(
        demo.activities.map((a) => [a.code, a.category === 'clinical']),
      );
      expect(data.moonlighting).toEqual([
        {
          id: 'ml-old',
          personId: resident.id,
          start: '2026-08-01T08:00',
          end: '2026-08-01T20:00',
          internal: true,
          approved: true,
        },
      ]);
      expect(data.callbacks).toEqual([]);
      expect(
        data.settings.rules.filter((r) => r.type.startsWith('moonlighting')).map((r) => [r.id, r.scope.pgyLevels]),
      ).toEqual([
        ['moonlighting_pgy1', [1]],
        ['moonlighting_approval', []],
      ]);
    },
  );

  it('turns the inpatient-team and night-float rules into services (v9 → latest), keeping rule ids', async () => {
    const p = file('v9.sqlite');
    const rules = demo.settings.rules.filter((r) => r.type !== 'service_staffing');
    const old = {
      ...demo,
      settings: {
        ...demo.settings,
        services: undefined,
        rules: [
          ...rules,
          {
            id: 'inpatient_team',
            type: 'inpatient_team',
            enabled: true,
            severity: 'high' as const,
            scope: { kinds: ['resident' as const], pgyLevels: [] },
            params: { rotationCode: 'FMIT', perPgyLevel: 1 },
          },
          {
            id: 'night_float_max',
            type: 'night_float_max',
            enabled: false,
            severity: 'medium' as const,
            scope: { kinds: ['resident' as const], pgyLevels: [] },
            params: { rotationCode: 'NF', max: 1 },
          },
        ],
      },
    };
    await (await programAtSchema(p, 9, old)).db.destroy();
    const program = await openProgram(p);
    const { settings } = await loadProgramData(program);
    await program.close();
    const fmitName = demo.rotations.find((r) => r.code === 'FMIT')!.name;
    expect(settings.services).toEqual([
      {
        code: 'FMIT',
        name: fmitName,
        rotationCodes: ['FMIT'],
        staffing: [1, 2, 3].map((l) => ({ pgyLevels: [l], min: 1, max: 1 })),
        facultyWeeks: true,
      },
      {
        code: 'NF',
        name: demo.rotations.find((r) => r.code === 'NF')!.name,
        rotationCodes: ['NF'],
        staffing: [{ pgyLevels: [], min: 0, max: 1 }],
        facultyWeeks: false,
      },
    ]);
    expect(
      settings.rules.filter((r) => r.type === 'service_staffing').map((r) => [r.id, r.enabled, r.severity, r.params]),
    ).toEqual([
      ['inpatient_team', true, 'high', { services: ['FMIT'] }],
      ['night_float_max', false, 'medium', { services: ['NF'] }],
    ]);
    expect(settings.rules.some((r) => r.type === 'inpatient_team' || r.type === 'night_float_max')).toBe(false);
  });

  it('written by a newer version is refused and left unchanged', async () => {
    const p = file('newer.sqlite');
    const program = await openProgram(p, { create: true });
    await sql`INSERT INTO kysely_migration (name, timestamp)
      VALUES ('0099_future', '2030-01-01T00:00:00.000Z')`.execute(program.db);
    await program.close();
    await expectRefused(p, 'too_new', /newer version of Residency Scheduler/);
  });
});

describe('files that are not intact program databases', () => {
  it('refuses random bytes', async () => {
    const p = file('random.sqlite');
    fs.writeFileSync(p, randomBytes(8192));
    await expectRefused(p, 'not_sqlite', /is not a SQLite database$/);
  });

  it('refuses an empty file', async () => {
    const p = file('empty.sqlite');
    fs.writeFileSync(p, '');
    await expectRefused(p, 'not_sqlite', /is not a SQLite database \(the file is empty\)/);
  });

  it('refuses a SQLite file from another application', async () => {
    const p = file('foreign.sqlite');
    const other = new Sqlite(p);
    other.pragma('journal_mode = WAL');
    other.exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('a')");
    other.close();
    await expectRefused(
      p,
      'foreign',
      /is not a Residency Scheduler program database \(it is a SQLite file from another application\)/,
    );
  });

  it('refuses a program file with a damaged page', async () => {
    const p = file('damaged.sqlite');
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    await program.close();
    const pageSize = fs.readFileSync(p).readUInt16BE(16);
    const pages = fs.statSync(p).size / pageSize;
    expect(pages).toBeGreaterThan(20);
    // Scribble over the middle of a page deep in the file (table or index b-tree content).
    const fd = fs.openSync(p, 'r+');
    const page = Math.floor(pages / 2);
    fs.writeSync(fd, randomBytes(pageSize - 200), 0, pageSize - 200, page * pageSize + 100);
    fs.writeSync(fd, Buffer.from([0x0d, 0xff, 0xff, 0x7f, 0xff]), 0, 5, page * pageSize);
    fs.closeSync(fd);
    await expectRefused(p, 'corrupt', /failed the integrity check: /);
  });
});

describe('how thoroughly a file is checked when it is opened', () => {
  /** A copy of the demo program whose index calls_by_person no longer matches its table (one key changed). */
  async function withStaleIndex(name: string): Promise<string> {
    const p = file(name);
    const program = await openProgram(p, { create: true });
    await writeProgramData(program, demo);
    await program.close();
    const db = new Sqlite(p, { readonly: true });
    const { rootpage } = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'calls_by_person'`).get() as {
      rootpage: number;
    };
    db.close();
    const bytes = fs.readFileSync(p);
    const pageSize = bytes.readUInt16BE(16);
    const start = (rootpage - 1) * pageSize;
    const keys = [
      ...bytes
        .subarray(start, start + pageSize)
        .toString('latin1')
        .matchAll(/[a-z0-9-]{6,}/g),
    ];
    const key = keys.at(-1)!;
    const at = start + key.index + key[0].length - 1;
    bytes[at] = bytes[at] === 0x7a ? 0x79 : bytes[at] + 1;
    fs.writeFileSync(p, bytes);
    return p;
  }

  it('checks a cleanly closed file quickly, and in full before a migration or where asked', async () => {
    const p = file('clean.sqlite');
    await (await openProgram(p, { create: true })).close();
    expect(inspectProgramFile(p, 'opening').checked).toBe('quick');
    expect(inspectProgramFile(p).checked).toBe('full');
    const old = file('old-for-check.sqlite');
    await (await openDatabase(old, { create: true, schemaVersion: 1 })).db.destroy();
    expect(inspectProgramFile(old, 'opening').checked).toBe('full');
    // What only the full check sees: an index that disagrees with its table.
    const stale = await withStaleIndex('stale-index.sqlite');
    expect(() => inspectProgramFile(stale)).toThrow(/failed the integrity check: row \d+ missing from index/);
  });

  it('checks in full a file left by a crash (its -wal file still there), and refuses one that fails', async () => {
    const stale = await withStaleIndex('stale-before-crash.sqlite');
    // A crash after a commit: the file and its write-ahead log as they were on disk, never closed.
    const writer = new Sqlite(stale);
    writer.prepare(`UPDATE meta SET value = value WHERE key = 'application'`).run();
    const crashed = file('crashed.sqlite');
    fs.copyFileSync(stale, crashed);
    fs.copyFileSync(`${stale}-wal`, `${crashed}-wal`);
    writer.close();
    const error = await openProgram(crashed).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProgramFileError);
    expect((error as ProgramFileError).problem).toBe('corrupt');
    expect((error as Error).message).toMatch(/failed the integrity check: row \d+ missing from index calls_by_person/);
  });
});

describe('the audit log', () => {
  it('accepts new entries but rejects UPDATE and DELETE', async () => {
    const p = file('audit.sqlite');
    const program = await openProgram(p, { create: true });
    await sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
      VALUES ('2026-07-01T00:00:00Z', 'me', 'x', 'person', 'p1', NULL, '{}')`.execute(program.db);
    await expect(sql`UPDATE audit_log SET actor = 'someone else'`.execute(program.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(program.db)).rejects.toThrow(/append-only/);
    const rows = await program.db.selectFrom('audit_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].actor).toBe('me');
    await program.close();
  });
});
