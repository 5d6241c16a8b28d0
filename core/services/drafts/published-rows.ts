// Whole rows of the published schedule tables, read and written with their rowid so a rollback
// puts back exactly what was there (same values, same rowid, so the same order on reading).
import { sql, type RawBuilder } from 'kysely';
import type { DraftTrx } from './tables';

export type PublishedTable = 'assignments' | 'calls' | 'inpatient_weeks';
export type Row = Record<string, string | number | null>;

export const TABLES: Record<PublishedTable, { key: string[]; columns: string[] }> = {
  assignments: { key: ['person_id', 'date', 'half'], columns: ['person_id', 'date', 'half', 'activity_code', 'source', 'locked'] },
  calls: { key: ['date', 'call_type_code', 'person_id'], columns: ['date', 'call_type_code', 'person_id', 'source'] },
  inpatient_weeks: { key: ['person_id', 'start'], columns: ['person_id', 'start', 'end'] },
};

const MAX_PARAMS = 30000;

function chunked<T>(items: T[], perItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / perItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function rowKey(table: PublishedTable, row: Row): string {
  return TABLES[table].key.map((k) => String(row[k])).join('|');
}

/** The row's stored values without its rowid, for comparing. */
export function valuesOf(table: PublishedTable, row: Row): Row {
  return Object.fromEntries(TABLES[table].columns.map((c) => [c, row[c]]));
}

export function sameValues(table: PublishedTable, a: Row | null, b: Row | null): boolean {
  if (!a || !b) return a === b;
  return TABLES[table].columns.every((c) => a[c] === b[c]);
}

const columnList = (columns: string[]): RawBuilder<unknown> => sql.join(columns.map((c) => sql.ref(c)));
const tupleOf = (row: Row, columns: string[]): RawBuilder<unknown> => sql`(${sql.join(columns.map((c) => sql`${row[c]}`))})`;

/** Current rows (with rowid) for these keys. */
export async function selectByKeys(trx: DraftTrx, table: PublishedTable, keys: Row[]): Promise<Map<string, Row>> {
  const { key, columns } = TABLES[table];
  const out = new Map<string, Row>();
  for (const chunk of chunked(keys, key.length)) {
    const { rows } = await sql<Row>`SELECT rowid AS rowid, ${columnList(columns)} FROM ${sql.table(table)}
      WHERE (${columnList(key)}) IN (VALUES ${sql.join(chunk.map((r) => tupleOf(r, key)))})`.execute(trx);
    for (const r of rows) out.set(rowKey(table, r), r);
  }
  return out;
}

export async function deleteByKeys(trx: DraftTrx, table: PublishedTable, keys: Row[]): Promise<void> {
  const { key } = TABLES[table];
  for (const chunk of chunked(keys, key.length))
    await sql`DELETE FROM ${sql.table(table)} WHERE (${columnList(key)}) IN (VALUES ${sql.join(chunk.map((r) => tupleOf(r, key)))})`.execute(trx);
}

/**
 * Insert rows; a row with a numeric `rowid` gets that rowid back when it is free. Rows with a
 * rowid go first, so a new row cannot take a rowid an old one is about to reclaim.
 */
export async function insertRows(trx: DraftTrx, table: PublishedTable, rows: Row[]): Promise<void> {
  const { columns } = TABLES[table];
  const withId = rows.filter((r) => typeof r.rowid === 'number');
  const taken = new Set<number>();
  for (const chunk of chunked(withId, 1)) {
    const { rows: hits } = await sql<{ rowid: number }>`SELECT rowid AS rowid FROM ${sql.table(table)}
      WHERE rowid IN (${sql.join(chunk.map((r) => sql`${r.rowid}`))})`.execute(trx);
    for (const h of hits) taken.add(h.rowid);
  }
  const ordered = [...withId, ...rows.filter((r) => typeof r.rowid !== 'number')].map((r) => ({
    ...r,
    rowid: typeof r.rowid === 'number' && !taken.has(r.rowid) ? r.rowid : null,
  }));
  const all = ['rowid', ...columns];
  for (const chunk of chunked(ordered, all.length))
    await sql`INSERT INTO ${sql.table(table)} (${columnList(all)}) VALUES ${sql.join(chunk.map((r) => tupleOf(r, all)))}`.execute(trx);
}
