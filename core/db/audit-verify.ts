// Checking the audit chain (core/db/audit-chain.ts): walk every entry and every seal in order and
// report the first entry that does not match, with what is wrong in words. Read-only.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { entrySeal, headSeal, type AuditEntryRow, type AuditKeyring } from './audit-chain';
import type { Database } from './schema';

export interface AuditChainProblem {
  /** The audit entry (its number in the log) where the chain stops matching. */
  entryId: number;
  kind: 'changed' | 'deleted' | 'added' | 'out_of_order' | 'cut_off';
  message: string;
}

export interface AuditChainReport {
  /** intact: every seal checked; broken: see firstProblem; unchecked: no seal this workstation can check. */
  status: 'intact' | 'broken' | 'unchecked';
  entries: number;
  /**
   * Entries sealed with a key this workstation does not have (written elsewhere): their order is checked, their content
   * cannot be.
   */
  sealedElsewhere: number;
  problems: number;
  firstProblem: AuditChainProblem | null;
  checkedAt: string;
  keySource: string;
}

interface ChainRow {
  entry_id: number;
  key_id: string;
  prev_mac: string;
  mac: string;
}

const PAGE = 2000;

export async function verifyAuditChain(
  db: Kysely<Database>,
  keyring: AuditKeyring,
  now = new Date(),
): Promise<AuditChainReport> {
  const keys = new Map(keyring.all.map((k) => [k.id, k.secret]));
  const problems: AuditChainProblem[] = [];
  const report = (p: AuditChainProblem) => problems.push(p);
  let entries = 0;
  let sealedElsewhere = 0;
  let previousMac = '';
  let lastSealed: ChainRow | null = null;

  // Entries and seals in id order, side by side (a full outer join, page by page).
  let after = -1;
  for (;;) {
    const { rows } = await sql<AuditEntryRow & { seal_entry: number | null } & Partial<ChainRow>>`
      SELECT ids.id AS id, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after, e.id AS present,
             c.entry_id AS seal_entry, c.key_id, c.prev_mac, c.mac
      FROM (SELECT id FROM audit_log WHERE id > ${after}
            UNION SELECT entry_id FROM audit_chain WHERE entry_id > ${after}
            ORDER BY 1 LIMIT ${PAGE}) ids
      LEFT JOIN audit_log e ON e.id = ids.id
      LEFT JOIN audit_chain c ON c.entry_id = ids.id
      ORDER BY ids.id`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows as (AuditEntryRow & {
      present: number | null;
      seal_entry: number | null;
    } & Partial<ChainRow>)[]) {
      after = row.id;
      const sealed = row.seal_entry !== null;
      if (row.present !== null) entries++;
      if (!sealed) {
        report({
          entryId: row.id,
          kind: 'added',
          message: `Entry #${row.id} has no seal: it was written outside the app`,
        });
        continue;
      }
      const seal = { entry_id: row.id, key_id: row.key_id!, prev_mac: row.prev_mac!, mac: row.mac! };
      if (seal.prev_mac !== previousMac)
        report({
          entryId: row.id,
          kind: 'out_of_order',
          message:
            `Entry #${row.id} does not follow the entry before it: an entry before it was removed, or ` +
            `entries were reordered`,
        });
      if (row.present === null) {
        report({ entryId: row.id, kind: 'deleted', message: `Entry #${row.id} was deleted` });
      } else {
        const secret = keys.get(seal.key_id);
        if (!secret) sealedElsewhere++;
        else if (entrySeal(secret, row, seal.prev_mac) !== seal.mac)
          report({
            entryId: row.id,
            kind: 'changed',
            message: `Entry #${row.id} (${row.action} by ${row.actor}, ${row.at}) was changed after it was written`,
          });
      }
      previousMac = seal.mac;
      lastSealed = seal;
    }
  }

  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirst();
  if (lastSealed) {
    const headSecret = head ? keys.get(head.key_id) : undefined;
    if (!head || (headSecret && headSeal(headSecret, head.entry_id, head.mac) !== head.seal))
      report({
        entryId: lastSealed.entry_id,
        kind: 'cut_off',
        message: 'The record of the newest entry is missing or was changed',
      });
    else if (head.entry_id !== lastSealed.entry_id || head.mac !== lastSealed.mac)
      report({
        entryId: Math.min(head.entry_id, lastSealed.entry_id),
        kind: 'cut_off',
        message:
          head.entry_id > lastSealed.entry_id
            ? `The newest entries were removed: the log was last sealed at entry #${head.entry_id}, but ends at ` +
              `#${lastSealed.entry_id}`
            : `The log does not end where it was last sealed (entry #${head.entry_id})`,
      });
  }

  problems.sort((a, b) => a.entryId - b.entryId);
  const checkable = entries - sealedElsewhere;
  return {
    status: problems.length > 0 ? 'broken' : entries > 0 && checkable === 0 ? 'unchecked' : 'intact',
    entries,
    sealedElsewhere,
    problems: problems.length,
    firstProblem: problems[0] ?? null,
    checkedAt: now.toISOString(),
    keySource: keyring.source,
  };
}
