// Which writes can change the published schedule or anything the rules read (people, absences,
// settings, the catalog): every service write appends an audit entry in its transaction, so a result
// worked out from the program (the compliance cache, a contingency run, a draft's stored check) is
// current while no later entry is such a write. One definition for all of them.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Audited actions that cannot change the published schedule or anything the rules read (the program's data):
 * acknowledgements, records of generation runs, and whole families whose tables the rules never read. Anything
 * else (publish, rollback, people, absences, settings, import) makes the program be read again, a contingency
 * sweep and a draft's stored check stale; an account signing in must do none of that.
 * test/unit/audit-actions.test.ts makes every action the core audits be placed on one side.
 */
const SAFE_ACTIONS = new Set(['finding.acknowledge', 'generation.run']);
/**
 * Accounts (sign-ins, passwords), the backup settings, reviews sent and their responses and comments, swap requests
 * and decisions (executing and rolling back also write draft.publish / publication.rollback), draft work short of
 * publishing.
 */
const SAFE_FAMILIES = ['account.', 'backup.', 'review.', 'swap.', 'draft.'];
export function leavesScheduleAlone(action: string): boolean {
  if (SAFE_ACTIONS.has(action)) return true;
  return action !== 'draft.publish' && SAFE_FAMILIES.some((family) => action.startsWith(family));
}

type AuditDb = Kysely<Database>;

/** An audit entry that changed the schedule or what the rules read. */
export interface ScheduleChange {
  id: number;
  action: string;
  at: string;
}

/** Audit entries looked at per statement while looking for a change. */
const ENTRIES_PER_READ = 500;

/** The newest audit entry's id (0: none yet): a result worked out now is as of it. */
export async function latestAuditId(db: AuditDb): Promise<number> {
  const row = await db.selectFrom('audit_log').select(sql<number | null>`max(id)`.as('id')).executeTakeFirst();
  return row?.id ?? 0;
}

/** The first audit entry after `auditId` that changed the schedule or what the rules read; null if none. */
export async function scheduleChangeSince(db: AuditDb, auditId: number): Promise<ScheduleChange | null> {
  for (let after = auditId; ; ) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'action', 'at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(ENTRIES_PER_READ)
      .execute();
    const hit = rows.find((r) => !leavesScheduleAlone(r.action));
    if (hit) return hit;
    if (rows.length < ENTRIES_PER_READ) return null;
    after = rows[rows.length - 1].id;
  }
}

/**
 * The schedule's version: the newest audit entry that changed the schedule or what the rules read
 * (id 0, no action: never changed).
 */
export async function scheduleVersion(db: AuditDb): Promise<{ id: number; action: string | null; at: string | null }> {
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'action', 'at'])
      .where('id', '<', before)
      .orderBy('id', 'desc')
      .limit(ENTRIES_PER_READ)
      .execute();
    if (!rows.length) return { id: 0, action: null, at: null };
    const hit = rows.find((r) => !leavesScheduleAlone(r.action));
    if (hit) return hit;
    before = rows[rows.length - 1].id;
  }
}

/** A schedule change in words: "absence create at 2026-08-01 09:30". */
export function describeChange(change: { action: string | null; at: string | null }): string {
  return `${change.action?.replace(/[._]/g, ' ')} at ${change.at?.slice(0, 16).replace('T', ' ')}`;
}
