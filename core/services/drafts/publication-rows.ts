// The rows a publication writes and the rows its rollback puts back, inside the caller's ONE
// transaction, a part at a time with a turn of the event loop between two statements. Each part is
// read, compared, written and recorded, then let go: nothing a year long (every row change, every
// record, the current row of each) is held to the commit, so the garbage collector's work in any
// turn is that of a part, not of the whole publication (issue 15 item 1: a year's publish held the
// main thread 400 ms, a third of it collecting).
// Rowids: a changed row is written in place (its rowid and key kept, its indexes untouched); new rows
// come after every row of their table is written (a new row takes the next free rowid, never one being
// reclaimed), so a rollback restores every row to the byte, rowid included.
import { sql } from 'kysely';
import { decodePart, encodePart, type RowChange } from '../../db/publication-records';
import type { DraftDiff } from './diff';
import { addDays } from '../../domain/calendar';
import { programWindowDays } from './diff-in-parts';
import {
  deleteRows,
  insertRows,
  rowKey,
  sameValues,
  selectInSpan,
  spanOf,
  TABLES,
  updateRows,
  valuesOf,
  type PublishedTable,
  type Row,
} from './published-rows';
import type { DraftDb, DraftTrx } from './tables';
import { nextTurn } from './turns';

/** Rows a publish (or rollback) reads or writes per statement. */
export const PUBLISH_PART_ROWS = 4000;

interface WantedRow {
  table: PublishedTable;
  key: Row;
  after: Row | null;
}

/**
 * The rows a diff wants, one at a time, table by table (assignments, calls, inpatient weeks, plan)
 * and within a table in the diff's order, which is its range column's (diffOverlay sorts by date):
 * a part of them spans few dates, and no whole-year list of them is built (nor sorted) at once.
 */
function* wantedRows(diff: DraftDiff): Generator<WantedRow> {
  for (const c of diff.cells) {
    const key = { person_id: c.personId, date: c.date, half: c.half };
    yield {
      table: 'assignments',
      key,
      after: c.after
        ? { ...key, activity_code: c.after.activityCode, source: c.after.source, locked: c.after.locked ? 1 : 0 }
        : null,
    };
  }
  for (const c of diff.calls) {
    const had = new Set(c.before.map((b) => b.personId));
    const has = new Set(c.after.map((x) => x.personId));
    for (const b of c.before)
      if (!has.has(b.personId))
        yield {
          table: 'calls',
          key: { date: c.date, call_type_code: c.callTypeCode, person_id: b.personId },
          after: null,
        };
    for (const x of c.after)
      if (!had.has(x.personId)) {
        const key = { date: c.date, call_type_code: c.callTypeCode, person_id: x.personId };
        yield { table: 'calls', key, after: { ...key, source: x.source } };
      }
  }
  for (const w of diff.inpatientWeeks) {
    const after = new Map(w.after.map((x) => [x.personId, x]));
    const before = new Map(w.before.map((x) => [x.personId, x]));
    for (const personId of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(personId);
      const x = after.get(personId);
      if (b && x && b.end === x.end) continue;
      const key = { person_id: personId, start: w.start };
      yield { table: 'inpatient_weeks', key, after: x ? { ...key, end: x.end } : null };
    }
  }
  // A plan block's parts: a whole block replacing two halves deletes both half rows and inserts one.
  for (const r of diff.rotations) {
    const after = new Map(r.after.map((x) => [x.part, x.rotationId]));
    const before = new Map(r.before.map((x) => [x.part, x.rotationId]));
    for (const part of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(part) === after.get(part)) continue;
      const key = { person_id: r.personId, academic_year: r.academicYear, block_number: r.blockNumber, part };
      const rotationId = after.get(part);
      yield { table: 'rotation_assignments', key, after: rotationId ? { ...key, rotation_id: rotationId } : null };
    }
  }
}

const keyRow = (w: WantedRow): Row => w.key;

/**
 * How large a part may be: its rows, and the days between its earliest and latest dated row (its
 * current rows are read over that span, every row of every person in it: a generated year changes a
 * few slots a day, and 4 000 of its changes spanned five months, a 126 ms read at 150 residents).
 */
export interface PartLimit {
  rows: number;
  days: number;
}

/** The limit of a program's parts: `rows`, and the days of one of its diff windows (as many as hold 6 000 slots). */
export async function partLimit(trx: DraftTrx, rows: number): Promise<PartLimit> {
  return { rows, days: await programWindowDays(trx) };
}

/** The dates a part's rows span so far, to tell whether one more row keeps it within `days`. */
class DaySpan {
  private first: string | null = null;
  private last: string | null = null;
  private earliest = '';
  private latest = '';

  constructor(private readonly days: number) {}

  /** Whether `date` is within the span's limit (always, for the first date). */
  admits(date: string): boolean {
    return this.first === null || (date >= this.earliest && date <= this.latest);
  }

  add(date: string): void {
    if (this.first !== null && this.last !== null && date >= this.first && date <= this.last) return;
    if (this.first === null || date < this.first) this.first = date;
    if (this.last === null || date > this.last) this.last = date;
    this.earliest = addDays(this.last, 1 - this.days);
    this.latest = addDays(this.first, this.days - 1);
  }
}

/**
 * Items in parts within `limit`, each part of one table; a part's items in their order. `rowOf`: an
 * item's row, whose range column (a date; the plan's academic year is not limited) the span is of. The
 * event loop turns after every part, the last too: the caller's next step does not join its last part.
 */
async function* partsByTable<T extends { table: PublishedTable }>(
  items: Iterable<T>,
  limit: PartLimit,
  rowOf: (item: T) => Row,
): AsyncGenerator<T[]> {
  let part: T[] = [];
  let span = new DaySpan(limit.days);
  for (const item of items) {
    const value = rowOf(item)[TABLES[item.table].range];
    const date = typeof value === 'string' ? value : null;
    if (
      part.length === limit.rows ||
      (part.length > 0 && (part[0].table !== item.table || (date !== null && !span.admits(date))))
    ) {
      yield part;
      await nextTurn();
      part = [];
      span = new DaySpan(limit.days);
    }
    part.push(item);
    if (date !== null) span.add(date);
  }
  if (part.length) {
    yield part;
    await nextTurn();
  }
}

/** The rows of `table` now (with their rowid) over the span of these rows' keys, by key. */
const rowsNow = (trx: DraftTrx, table: PublishedTable, keys: Row[]) => selectInSpan(trx, table, spanOf(table, keys));

/**
 * Records appended to the publication's from `seq` on, in order, as one stored part (they are a part's
 * rows, of one table); the next seq.
 */
async function writeRecords(
  trx: DraftTrx,
  publicationId: number,
  seq: number,
  table: PublishedTable,
  changes: RowChange[],
): Promise<number> {
  if (changes.length === 0) return seq;
  const rows = await encodePart(changes);
  await trx
    .insertInto('publication_records')
    .values({ publication_id: publicationId, seq, table_name: table, row_count: changes.length, rows })
    .execute();
  return seq + changes.length;
}

/**
 * A part's writes, each statement in a turn of its own after the part's read (at 4 000 rows each is
 * 20-70 ms of main thread under load; together they made one turn of 150 ms and more).
 */
async function statements(...steps: (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) {
    await nextTurn();
    await step();
  }
}

/**
 * Write what a diff changes in the published tables and record every row's previous and new value
 * in publication `publicationId`; the number of rows recorded. First the rows that exist (changed
 * ones written in place, removed ones deleted), then the new rows of the
 * tables that have any, each a part at a time.
 */
export async function publishRows(
  trx: DraftTrx,
  diff: DraftDiff,
  publicationId: number,
  partRows = PUBLISH_PART_ROWS,
): Promise<number> {
  let seq = 0;
  const withNewRows = new Set<PublishedTable>();
  const limit = await partLimit(trx, partRows);
  for await (const part of partsByTable(wantedRows(diff), limit, keyRow)) {
    const table = part[0].table;
    const current = await rowsNow(
      trx,
      table,
      part.map((w) => w.key),
    );
    const removed: Row[] = [];
    const changed: Row[] = [];
    const records: RowChange[] = [];
    for (const w of part) {
      const before = current.get(rowKey(table, w.key));
      if (!before) {
        if (w.after) withNewRows.add(table);
        continue;
      }
      if (w.after) changed.push({ ...w.after, rowid: before.rowid });
      else removed.push(before);
      records.push({ before, after: w.after });
    }
    await statements(
      () => deleteRows(trx, table, removed),
      () => updateRows(trx, table, changed),
      async () => (seq = await writeRecords(trx, publicationId, seq, table, records)),
    );
  }
  if (withNewRows.size === 0) return seq;
  // The new rows: a wanted row whose key holds nothing now (every changed row is back in place).
  const wantedNew = function* () {
    for (const w of wantedRows(diff)) if (w.after && withNewRows.has(w.table)) yield w;
  };
  for await (const part of partsByTable(wantedNew(), limit, keyRow)) {
    const table = part[0].table;
    const current = await rowsNow(
      trx,
      table,
      part.map((w) => w.key),
    );
    const added = part.flatMap((w) => (w.after && !current.has(rowKey(table, w.key)) ? [w.after] : []));
    await statements(
      () => insertRows(trx, table, added),
      async () =>
        (seq = await writeRecords(
          trx,
          publicationId,
          seq,
          table,
          added.map((after) => ({ before: null, after })),
        )),
    );
  }
  return seq;
}

export interface RecordedRow extends RowChange {
  seq: number;
  table: PublishedTable;
}

/** A publication's records in seq order, a stored part (at most a publish part's rows) read and decoded at a time. */
export async function* recordParts(trx: DraftTrx | DraftDb, publicationId: number): AsyncGenerator<RecordedRow[]> {
  for (let last = -1; ; ) {
    const part = await trx
      .selectFrom('publication_records')
      .selectAll()
      .where('publication_id', '=', publicationId)
      .where('seq', '>', last)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!part) return;
    const changes = await decodePart(part.rows);
    yield changes.map((c, i) => ({ ...c, seq: part.seq + i, table: part.table_name }));
    last = part.seq;
    await nextTurn();
  }
}

/** A publication's records a part of one table at a time. */
async function* recordsByTable(trx: DraftTrx, publicationId: number, limit: PartLimit): AsyncGenerator<RecordedRow[]> {
  for await (const records of recordParts(trx, publicationId)) yield* partsByTable(records, limit, recordedRow);
}

/** The row a record is of: as the publication left it, or as it was if the publication removed it. */
const recordedRow = (c: RecordedRow): Row => (c.after ?? c.before)!;
const keyOf = (c: RecordedRow) => rowKey(c.table, recordedRow(c));

/** Rows of a table the publication wrote that are not as it left them: how many, and the first. */
export type MovedRows = Map<PublishedTable, { count: number; first: string }>;

/**
 * Put back every row publication `publicationId` touched, exactly as it was (values and rowid),
 * provided each is still as the publication left it. First every row it left is checked, and set back
 * in place (a row it changed, still at its rowid) or deleted; then every row it removed (or that moved
 * to another rowid since) is inserted back with its rowid, each a part at a time; if some row is not as
 * it was left, what was written so far is undone and `moved` says which.
 */
export async function rollbackRows(
  trx: DraftTrx,
  publicationId: number,
  partRows = PUBLISH_PART_ROWS,
): Promise<{ moved: MovedRows; rows: number; personIds: string[] }> {
  const moved: MovedRows = new Map();
  const people = new Set<string>();
  /** Records whose previous row goes back by an insert: those a delete took away here (none, usually). */
  const reinserted = new Set<number>();
  let rows = 0;
  // Rows are written as they are checked: if one moved, the writes so far are undone here, whatever the caller does.
  const limit = await partLimit(trx, partRows);
  await sql`SAVEPOINT rollback_rows`.execute(trx);
  for await (const part of recordsByTable(trx, publicationId, limit)) {
    const table = part[0].table;
    const held = await rowsNow(trx, table, part.map(recordedRow));
    const removed: Row[] = [];
    const restored: Row[] = [];
    for (const c of part) {
      rows++;
      people.add(String(recordedRow(c).person_id));
      const now = held.get(keyOf(c));
      if (sameValues(table, now ? valuesOf(table, now) : null, c.after)) {
        if (now && c.before && now.rowid === c.before.rowid) restored.push(c.before);
        else if (now) {
          removed.push(now);
          if (c.before) reinserted.add(c.seq);
        }
        continue;
      }
      const m = moved.get(table);
      if (m) m.count++;
      else moved.set(table, { count: 1, first: keyOf(c) });
    }
    if (moved.size === 0)
      await statements(
        () => deleteRows(trx, table, removed),
        () => updateRows(trx, table, restored),
      );
  }
  if (moved.size > 0) await sql`ROLLBACK TO rollback_rows`.execute(trx);
  await sql`RELEASE rollback_rows`.execute(trx);
  if (moved.size === 0)
    for await (const part of recordsByTable(trx, publicationId, limit))
      await statements(() =>
        insertRows(
          trx,
          part[0].table,
          part.flatMap((c) => (c.before && (c.after === null || reinserted.has(c.seq)) ? [c.before] : [])),
        ),
      );
  return { moved, rows, personIds: [...people].sort() };
}
