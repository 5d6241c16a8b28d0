// Migration 0024: a publication recorded by version 23 (every changed row as whole-row JSON, before
// and after, in publication_rows) is converted into compact parts exactly: read back, each record is
// the JSON it was; and the publication rolls back after the upgrade, every row to the byte, rowid included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { rollbackPublication } from '../../core/services/drafts';
import { TABLES, type PublishedTable } from '../../core/services/drafts/published-rows';
import { openProgram, type Program } from '../../core/services/program';
import {
  context,
  dumpPublished,
  fixtureProgram,
  flagActivity,
  publicationRecords,
  testClock,
  YEAR,
} from './drafts-fixture';
import { programAtSchema } from './old-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publication-records-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, string | number | null>;
/** What version 23 stored of a row: its columns (with the rowid first, if given) as JSON. */
const stored = (table: PublishedTable, row: Row, rowid?: number) =>
  JSON.stringify({
    ...(rowid === undefined ? {} : { rowid }),
    ...Object.fromEntries(TABLES[table].columns.map((c) => [c, row[c]])),
  });

/**
 * A publication written as version 23 wrote one: each change applied to its table and recorded as
 * (table, before with rowid, after without), seq 0, 1, 2 … Several parts' worth of assignments.
 */
function publishAsVersion23(db: Sqlite.Database, at: string): void {
  db.prepare(
    `INSERT INTO drafts (id, name, source, status, created_by, created_at, updated_at, publication_id)
      VALUES (1, 'Old draft', 'manual', 'published', 'coordinator', ?, ?, 1)`,
  ).run(at, at);
  db.prepare(
    `INSERT INTO publications (id, draft_id, published_at, published_by, summary) VALUES (1, 1, ?, 'coordinator', ?)`,
  ).run(at, JSON.stringify({ draftName: 'Old draft', changes: {}, churn: {} }));
  const record = db.prepare(
    `INSERT INTO publication_rows (publication_id, seq, table_name, before, after) VALUES (1, ?, ?, ?, ?)`,
  );
  let seq = 0;
  const withRowid = (table: string, where: string) =>
    db.prepare(`SELECT rowid AS rowid, * FROM ${table} WHERE ${where} ORDER BY rowid`).all() as Row[];
  // Changed in place: 9 000 slots (three parts of 4 000 and less) to another activity, manual and unlocked.
  const slots = withRowid('assignments', `date >= '${YEAR}-07-01' AND locked = 0`).slice(0, 9000);
  const codes = db.prepare(`SELECT code FROM activities ORDER BY code`).pluck().all() as string[];
  const update = db.prepare(`UPDATE assignments SET activity_code = ?, source = 'manual' WHERE rowid = ?`);
  for (const slot of slots) {
    const after = { ...slot, activity_code: codes.find((c) => c !== slot.activity_code)!, source: 'manual' };
    update.run(after.activity_code, slot.rowid);
    record.run(seq++, 'assignments', stored('assignments', slot, slot.rowid as number), stored('assignments', after));
  }
  // Removed: two calls.
  for (const call of withRowid('calls', `date >= '${YEAR}-08-01'`).slice(0, 2)) {
    db.prepare(`DELETE FROM calls WHERE rowid = ?`).run(call.rowid);
    record.run(seq++, 'calls', stored('calls', call, call.rowid as number), null);
  }
  // Added: a call on a night of a later year (nobody has a call then), by someone who has another.
  const someone = withRowid('calls', `date >= '${YEAR}-09-01'`)[0] as Row;
  const added: Row = { ...someone, date: `${YEAR + 5}-07-01` };
  db.prepare(`INSERT INTO calls (date, call_type_code, person_id, source) VALUES (?, ?, ?, ?)`).run(
    added.date,
    added.call_type_code,
    added.person_id,
    added.source,
  );
  record.run(seq++, 'calls', null, stored('calls', added));
  // The plan: a block given another rotation.
  const entry = withRowid('rotation_assignments', `academic_year = ${YEAR} AND block_number = 3`)[0] as Row;
  const rotation = db
    .prepare(`SELECT id FROM rotations WHERE id != ? LIMIT 1`)
    .pluck()
    .get(entry.rotation_id) as string;
  db.prepare(`UPDATE rotation_assignments SET rotation_id = ? WHERE rowid = ?`).run(rotation, entry.rowid);
  record.run(
    seq++,
    'rotation_assignments',
    stored('rotation_assignments', entry, entry.rowid as number),
    stored('rotation_assignments', { ...entry, rotation_id: rotation }),
  );
}

describe('migration 0024 (publication records in compact parts)', () => {
  it("converts a version 23 publication's records exactly, and the publication rolls back to the byte", async () => {
    const p = path.join(dir, 'v23.sqlite');
    const clock = testClock();
    const old = await programAtSchema(p, 23, fixtureProgram());
    const original = await dumpPublished({ db: old.db } as Program);
    old.sqlite.transaction(() => publishAsVersion23(old.sqlite, clock.now().toISOString()))();
    const records = old.sqlite
      .prepare(`SELECT seq, table_name, before, after FROM publication_rows ORDER BY seq`)
      .all() as { seq: number; table_name: string; before: string | null; after: string | null }[];
    expect(records.length).toBeGreaterThan(9000);
    await old.db.destroy();

    const program = await openProgram(p);
    try {
      // Each record read back is the row JSON version 23 stored, in its seq.
      expect(
        (await publicationRecords(program)).map((r) => ({
          seq: r.seq,
          table_name: r.table,
          before: r.before && JSON.stringify(r.before),
          after: r.after && JSON.stringify(r.after),
        })),
      ).toEqual(records);
      const ctx = context(program, flagActivity('SIM'), clock);
      await rollbackPublication(ctx, { publicationId: 1, reason: 'published by mistake' });
      expect(await dumpPublished(program)).toBe(original);
    } finally {
      await program.close();
    }
  }, 120_000);
});
