// A publication's record of the rows it changed, stored a part at a time (the rows of one table one
// statement of the publish wrote): each row's whole value before and after, exact to the byte, so a
// rollback puts it back. A part is stored compact: its rows' values as lists under the part's column
// names, deflated. Kept as whole-row JSON, twice per row, a year's publish at 250 residents wrote
// ~70 MB of records that SQLite then re-read inside its COMMIT on the main thread, and the file grew
// by that much at every publish (issue 15 item 1). Publish writes parts, rollback and the draft
// conflict check read them, migration 0024 turned the whole-row records of before into parts.
// That migration writes with encodePart: a later change to the stored format needs a migration of its
// own that converts the parts, and 0024 then a frozen copy of this encoder, so an old file still
// upgrades through every step as it did.
import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';

export type RecordedValue = string | number | null;
export type RecordedRow = Record<string, RecordedValue>;

/** One row's change: its whole row before (null: the publication added it) and after (null: removed it). */
export interface RowChange {
  before: RecordedRow | null;
  after: RecordedRow | null;
}

/** What a part holds once inflated: the column names of its rows before and after, and each row's values. */
interface StoredPart {
  before: string[];
  after: string[];
  /** Per change, [values before, values after], each null where there is no row. */
  changes: [RecordedValue[] | null, RecordedValue[] | null][];
}

// zlib runs on libuv's thread pool: deflating a part (4 000 rows, ~300 kB of JSON) takes no main thread.
const deflated = promisify(deflate);
const inflated = promisify(inflate);

const columnsOf = (row: RecordedRow | null) => (row ? Object.keys(row) : null);

/** The shape of a change (its rows' column names): the changes of a part all have one shape. */
export function shapeOf(change: RowChange): string {
  return JSON.stringify([columnsOf(change.before), columnsOf(change.after)]);
}

/** The column names shared by every row of `rows` on one side of the changes (empty when none has a row). */
function sharedColumns(rows: (RecordedRow | null)[]): string[] {
  let columns: string[] | null = null;
  for (const row of rows) {
    if (!row) continue;
    const own = Object.keys(row);
    if (columns === null) columns = own;
    else if (own.length !== columns.length || own.some((c, i) => c !== columns?.[i]))
      throw new Error(`A publication record's part mixes rows of columns ${columns.join(',')} and ${own.join(',')}`);
  }
  return columns ?? [];
}

/** Changes stored as one part (their rows of one shape; `shapeOf` splits others). */
export async function encodePart(changes: readonly RowChange[]): Promise<Buffer> {
  const before = sharedColumns(changes.map((c) => c.before));
  const after = sharedColumns(changes.map((c) => c.after));
  const part: StoredPart = {
    before,
    after,
    changes: changes.map((c) => [
      c.before && before.map((k) => c.before![k]),
      c.after && after.map((k) => c.after![k]),
    ]),
  };
  return deflated(JSON.stringify(part));
}

/** The changes of a stored part, in their order. */
export async function decodePart(stored: Uint8Array): Promise<RowChange[]> {
  const part = JSON.parse((await inflated(stored)).toString('utf8')) as StoredPart;
  const rowOf = (columns: string[], values: RecordedValue[] | null): RecordedRow | null =>
    values && Object.fromEntries(columns.map((c, i) => [c, values[i]]));
  return part.changes.map(([b, a]) => ({ before: rowOf(part.before, b), after: rowOf(part.after, a) }));
}
