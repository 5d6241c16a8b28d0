// Whole rows of the published schedule tables, read and written with their rowid so a rollback
// puts back exactly what was there (same values, same rowid, so the same order on reading).
import { sql, type RawBuilder } from 'kysely';
import type { DraftDb, DraftTrx } from './tables';

export type PublishedTable = 'assignments' | 'calls' | 'inpatient_weeks' | 'rotation_assignments';
export type Row = Record<string, string | number | null>;

/** `range`: the column a span of rows is read by (a date, or the plan's academic year). */
export const TABLES: Record<PublishedTable, { key: string[]; columns: string[]; range: string }> = {
  assignments: {
    key: ['person_id', 'date', 'half'],
    columns: ['person_id', 'date', 'half', 'activity_code', 'source', 'locked'],
    range: 'date',
  },
  calls: {
    key: ['date', 'call_type_code', 'person_id'],
    columns: ['date', 'call_type_code', 'person_id', 'source'],
    range: 'date',
  },
  inpatient_weeks: { key: ['person_id', 'start'], columns: ['person_id', 'start', 'end'], range: 'start' },
  rotation_assignments: {
    key: ['person_id', 'academic_year', 'block_number', 'part'],
    columns: ['person_id', 'academic_year', 'block_number', 'part', 'rotation_id'],
    range: 'academic_year',
  },
};

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

type Span = { start: string | number; end: string | number };

/** Smallest span of dates (inpatient weeks: starts; plan: academic years) holding these rows. */
export function spanOf(table: PublishedTable, rows: Row[]): Span {
  const column = TABLES[table].range;
  const values = rows.map((r) => r[column] as string | number).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { start: values[0], end: values[values.length - 1] };
}

/** Current rows (with rowid) within a span: one indexed range read instead of a key list. */
export async function selectInSpan(
  trx: DraftTrx | DraftDb,
  table: PublishedTable,
  span: Span,
): Promise<Map<string, Row>> {
  const { columns, range } = TABLES[table];
  const { rows } = await sql<Row>`SELECT rowid AS rowid, ${columnList(columns)} FROM ${sql.table(table)}
    WHERE ${sql.ref(range)} >= ${span.start} AND ${sql.ref(range)} <= ${span.end}`.execute(trx);
  return new Map(rows.map((r) => [rowKey(table, r), r]));
}

/** Delete rows read with their rowid. The ids travel as one JSON parameter (no statement size limit). */
export async function deleteRows(trx: DraftTrx, table: PublishedTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = JSON.stringify(rows.map((r) => r.rowid));
  await sql`DELETE FROM ${sql.table(table)} WHERE rowid IN (SELECT value FROM json_each(${ids}))`.execute(trx);
}

/**
 * Give rows read with their rowid the values of these rows' other columns, in place: the row keeps its
 * rowid and its key, so no index entry is rewritten (a delete and an insert back of the same row went
 * through every index of the table: twice the main thread per part, a fifth more pages written).
 */
export async function updateRows(trx: DraftTrx, table: PublishedTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { key, columns } = TABLES[table];
  const values = columns.filter((c) => !key.includes(c));
  const fields = sql.join(values.map((c) => sql`value ->> ${'$.' + c}`));
  await sql`UPDATE ${sql.table(table)} SET (${columnList(values)}) = (${fields})
    FROM json_each(${JSON.stringify(rows)}) WHERE ${sql.table(table)}.rowid = value ->> '$.rowid'`.execute(trx);
}

/**
 * Insert rows; a row with a numeric `rowid` gets that rowid back when it is free. Rows with a
 * rowid go first, so a new row cannot take a rowid an old one is about to reclaim. The rows
 * travel as one JSON parameter and SQLite unpacks them in order.
 */
export async function insertRows(trx: DraftTrx, table: PublishedTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { columns } = TABLES[table];
  const wanted = JSON.stringify(rows.flatMap((r) => (typeof r.rowid === 'number' ? [r.rowid] : [])));
  const { rows: hits } = await sql<{ rowid: number }>`SELECT rowid AS rowid FROM ${sql.table(table)}
    WHERE rowid IN (SELECT value FROM json_each(${wanted}))`.execute(trx);
  const taken = new Set(hits.map((h) => h.rowid));
  const ordered = [
    ...rows.filter((r) => typeof r.rowid === 'number'),
    ...rows.filter((r) => typeof r.rowid !== 'number'),
  ].map((r) => ({
    ...r,
    rowid: typeof r.rowid === 'number' && !taken.has(r.rowid) ? r.rowid : null,
  }));
  const all = ['rowid', ...columns];
  const fields = sql.join(all.map((c) => sql`value ->> ${'$.' + c}`));
  await sql`INSERT INTO ${sql.table(table)} (${columnList(all)})
    SELECT ${fields} FROM json_each(${JSON.stringify(ordered)}) ORDER BY key`.execute(trx);
}
