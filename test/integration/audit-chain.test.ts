// The audit chain (core/db/audit-chain.ts) against someone who edits the program file directly:
// an entry edited, deleted, or two entries swapped, with the append-only triggers dropped first,
// is found, and the first entry that does not match is named. Entries written before the chain
// are sealed by its migration; entries from another workstation's key are counted, not failed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKey, currentAuditKeyring, setAuditKeyring, type AuditKeyring } from '../../core/db/audit-chain';
import { openDatabase } from '../../core/db/open';
import { checkAuditChain } from '../../core/services/audit-chain';
import { audit } from '../../core/services/audit';
import { openProgram, type Program } from '../../core/services/program';
import { main } from '../../core/cli/main';
import { signIn } from '../sign-in';
import { createTestCore } from '../test-core';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'audit-chain-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function programWithEntries(count: number): Promise<{ file: string; program: Program }> {
  const file = path.join(dir, `p${++n}.sqlite`);
  const program = await openProgram(file, { create: true });
  for (let i = 1; i <= count; i++)
    await program.db.transaction().execute((trx) =>
      audit(trx, {
        actor: `user${i}`,
        action: 'people.update',
        entity: 'person',
        entityId: `p${i}`,
        before: { name: `Old ${i}` },
        after: { name: `New ${i}` },
      }),
    );
  return { file, program };
}

/** A connection without the app's seal functions, append-only triggers dropped: what an editor of the file can do. */
function tamper(file: string, statements: string[]) {
  const raw = new Sqlite(file);
  try {
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    for (const s of statements) raw.exec(s);
  } finally {
    raw.close();
  }
}

describe('the audit chain', () => {
  it('seals every entry as it is written and finds nothing wrong in an untouched log', async () => {
    const { program } = await programWithEntries(5);
    expect(await checkAuditChain(program)).toMatchObject({
      status: 'intact',
      entries: 5,
      problems: 0,
      firstProblem: null,
      sealedElsewhere: 0,
    });
    const seals = await program.db.selectFrom('audit_chain').selectAll().orderBy('entry_id').execute();
    expect(seals.map((s) => s.entry_id)).toEqual([1, 2, 3, 4, 5]);
    expect(seals[1].prev_mac).toBe(seals[0].mac);
    await program.close();
  });

  it('finds an edited entry (triggers dropped, content changed)', async () => {
    const { file, program } = await programWithEntries(6);
    await program.close();
    tamper(file, [`UPDATE audit_log SET actor = 'someone else' WHERE id = 3`]);
    const reopened = await openProgram(file);
    const report = await checkAuditChain(reopened);
    expect(report).toMatchObject({ status: 'broken', entries: 6, firstProblem: { entryId: 3, kind: 'changed' } });
    expect(report.firstProblem!.message).toBe(
      'Entry #3 (people.update by someone else, ' + report.firstProblem!.message.split(', ')[1],
    );
    await reopened.close();
  });

  it('finds a deleted entry, in the middle or at the end', async () => {
    const { file, program } = await programWithEntries(6);
    await program.close();
    tamper(file, [`DELETE FROM audit_log WHERE id = 4`]);
    const middle = await openProgram(file);
    expect((await checkAuditChain(middle)).firstProblem).toMatchObject({
      entryId: 4,
      kind: 'deleted',
      message: 'Entry #4 was deleted',
    });
    await middle.close();
    // Deleting the newest entries and their seals (triggers on the seals dropped too).
    const raw = new Sqlite(file);
    raw.exec(
      `DROP TRIGGER audit_chain_no_delete; DELETE FROM audit_chain WHERE entry_id >= 4; DELETE FROM audit_log WHERE ` +
        `id >= 4;`,
    );
    raw.close();
    const cut = await openProgram(file);
    expect((await checkAuditChain(cut)).firstProblem).toMatchObject({
      kind: 'cut_off',
      message: 'The newest entries were removed: the log was last sealed at entry #6, but ends at #3',
    });
    await cut.close();
  });

  it('finds two entries swapped', async () => {
    const { file, program } = await programWithEntries(6);
    await program.close();
    tamper(file, [
      `UPDATE audit_log SET id = -2 WHERE id = 2`,
      `UPDATE audit_log SET id = 2 WHERE id = 5`,
      `UPDATE audit_log SET id = 5 WHERE id = -2`,
    ]);
    const reopened = await openProgram(file);
    const report = await checkAuditChain(reopened);
    expect(report.status).toBe('broken');
    expect(report.firstProblem).toMatchObject({ entryId: 2, kind: 'changed' });
    expect(report.problems).toBe(2);
    await reopened.close();
  });

  it('finds an entry added outside the app, which cannot even be written while the seal trigger is there', async () => {
    const { file, program } = await programWithEntries(2);
    await program.close();
    const raw = new Sqlite(file);
    const insert =
      `INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-01-01T00:00:00Z', ` +
      `'ghost', 'x', 'y', 'z')`;
    expect(() => raw.exec(insert)).toThrow(/no such function: audit_key_id|audit_seal/);
    raw.exec(`DROP TRIGGER audit_log_seal; ${insert}`);
    raw.close();
    const reopened = await openProgram(file);
    expect((await checkAuditChain(reopened)).firstProblem).toMatchObject({
      entryId: 3,
      kind: 'added',
      message: 'Entry #3 has no seal: it was written outside the app',
    });
    await reopened.close();
  });

  it(
    'seals the entries of an older file when it is upgraded, and counts entries sealed with another ' +
      'workstation’s key',
    async () => {
      const file = path.join(dir, 'old.sqlite');
      const old = await openDatabase(file, { create: true, schemaVersion: 12 });
      await sql`INSERT INTO audit_log (at, actor, action, entity, entity_id)
        VALUES ('2025-07-01T00:00:00Z', 'then', 'program.replace', 'program', 'P')`.execute(old.db);
      await old.db.destroy();
      const mine = currentAuditKeyring();
      const upgraded = await openProgram(file);
      expect(await checkAuditChain(upgraded)).toMatchObject({ status: 'intact', entries: 1 });
      await upgraded.close();

      // Another workstation (another key) opens it and writes; here its entry is counted, not judged.
      const other: AuditKeyring = { current: auditKey(randomBytes(32)), all: [], source: 'elsewhere' };
      other.all.push(other.current);
      setAuditKeyring(other);
      try {
        const there = await openProgram(file);
        await there.db
          .transaction()
          .execute((trx) =>
            audit(trx, { actor: 'far', action: 'x', entity: 'y', entityId: 'z', before: null, after: null }),
          );
        expect(await checkAuditChain(there)).toMatchObject({ status: 'intact', entries: 2, sealedElsewhere: 1 });
        await there.close();
      } finally {
        setAuditKeyring(mine);
      }
      const back = await openProgram(file);
      expect(await checkAuditChain(back)).toMatchObject({ status: 'intact', entries: 2, sealedElsewhere: 1 });
      await back.close();
    },
  );
});

describe('the audit chain through the API and the command line', () => {
  it('is checked at open, on demand by an administrator, and by `audit verify`', async () => {
    const { file, program } = await programWithEntries(3);
    await program.close();
    const core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'system' });
    try {
      await signIn(core.dispatch);
      expect(await core.dispatch('audit.chainStatus', {})).toMatchObject({
        ok: true,
        value: { status: 'intact', entries: 3 },
      });
      tamper(file, [`UPDATE audit_log SET after = '{"name":"Forged"}' WHERE id = 2`]);
      expect(await core.dispatch('audit.verifyChain', {})).toMatchObject({
        ok: true,
        value: { status: 'broken', firstProblem: { entryId: 2, kind: 'changed' } },
      });
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['audit', 'verify', file, '--as', 'admin'], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
      expect(code).toBe(1);
      expect(err.join('\n')).toContain('The audit log was changed outside the app: Entry #2 (people.update by user2');
    } finally {
      await core.close();
    }
  });
});
