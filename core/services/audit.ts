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
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
    })
    .execute();
}
