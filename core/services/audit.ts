// Appending to the audit log. Every service write calls this inside its transaction, so the
// change and its audit entry commit (or roll back) together.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditRecord {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export async function audit(trx: Transaction<Database>, record: AuditRecord): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: record.actor,
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId,
      // No "before" (a creation) or "after" (a deletion) is SQL NULL, not the JSON text "null".
      before: record.before == null ? null : JSON.stringify(record.before),
      after: record.after == null ? null : JSON.stringify(record.after),
    })
    .execute();
}
