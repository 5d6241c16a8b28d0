// The audit log, filtered for the Audit view: by person, by when, by action. An entry concerns a
// person when it is about the person, or its before/after data names them (a `personId` field or
// an element of a `personIds` list, the convention every service's audit entries follow).
import { sql } from 'kysely';
import { db, type DraftContext } from './context';
import type { AuditQuery, AuditRow } from './types';

/** A bare date as `to` means the whole day. */
function upperBound(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to;
}

export async function queryAudit(ctx: DraftContext, q: AuditQuery): Promise<{ total: number; entries: AuditRow[] }> {
  let query = db(ctx).selectFrom('audit_log');
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<=', upperBound(q.to));
  if (q.action)
    query = q.action.endsWith('.')
      ? query.where('action', 'like', `${q.action.replace(/[%_]/g, '')}%`)
      : query.where('action', '=', q.action);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.personId) {
    const id = q.personId;
    const mentions = (
      column: 'before' | 'after',
    ) => sql<boolean>`EXISTS (SELECT 1 FROM json_tree(audit_log.${sql.ref(column)}) AS t
      WHERE t.atom = ${id} AND (t.key = 'personId' OR t.path LIKE '%.personIds'))`;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'person'), eb('entity_id', '=', id)]),
        eb(mentions('before'), '=', sql<boolean>`1`),
        eb(mentions('after'), '=', sql<boolean>`1`),
      ]),
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  return {
    total: Number(total),
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    })),
  };
}
