// The audit chain (core/db/audit-chain.ts): each audit_log entry gets a seal, an HMAC over its
// content and the previous seal, keyed with a secret kept outside the program file, and the
// sealed head names the newest entry. A trigger seals every new entry in the transaction that
// writes it; the functions it calls are registered on every connection the app opens, so an entry
// written by any other tool fails (or, with the trigger dropped, stays unsealed and is reported).
// Entries written before this version are sealed here, in order, with this workstation's key.
import { sql, type Kysely } from 'kysely';

const PREVIOUS = `coalesce((SELECT mac FROM audit_chain ORDER BY entry_id DESC LIMIT 1), '')`;
/** The entry's columns the seal covers, in the order audit_seal takes them. */
const SEALED = ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'];
const SEAL_ENTRY = (row: string) => `INSERT INTO audit_chain (entry_id, key_id, prev_mac, mac)
  SELECT ${row}.id, audit_key_id(), ${PREVIOUS},
    audit_seal(${SEALED.map((column) => `${row}.${column}`).join(', ')}, ${PREVIOUS})`;
const SEAL_HEAD = (entryId: string) => `INSERT OR REPLACE INTO audit_head (id, entry_id, mac, key_id, seal)
  SELECT 1, entry_id, mac, key_id, audit_head_seal(entry_id, mac) FROM audit_chain WHERE entry_id = ${entryId}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key to audit_log: a seal whose entry was deleted must stay to show the deletion.
  await sql`CREATE TABLE audit_chain (
    entry_id INTEGER PRIMARY KEY,
    key_id TEXT NOT NULL,
    prev_mac TEXT NOT NULL,
    mac TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    entry_id INTEGER NOT NULL,
    mac TEXT NOT NULL,
    key_id TEXT NOT NULL,
    seal TEXT NOT NULL
  )`.execute(db);
  const { rows } = await sql<{ id: number }>`SELECT id FROM audit_log ORDER BY id`.execute(db);
  for (const { id } of rows)
    await sql.raw(`${SEAL_ENTRY('e')} FROM audit_log e WHERE e.id = ${Number(id)}`).execute(db);
  if (rows.length > 0) await sql.raw(SEAL_HEAD(String(Number(rows[rows.length - 1].id)))).execute(db);
  await sql
    .raw(`CREATE TRIGGER audit_log_seal AFTER INSERT ON audit_log BEGIN
    ${SEAL_ENTRY('NEW')};
    ${SEAL_HEAD('NEW.id')};
  END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
    BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only: seals cannot be changed'); END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
    BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only: seals cannot be deleted'); END`)
    .execute(db);
}
