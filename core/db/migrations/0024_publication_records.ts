// A publication's record of what it changed is stored a part at a time, compact (core/db/publication-records):
// publication_records replaces publication_rows, which kept every row twice as whole-row JSON (~240
// bytes a changed row, with its index entry: a year's publish at 250 residents added ~70 MB to the
// file, and SQLite re-read it inside the publish's COMMIT). The records of before are converted here
// exactly, in their order and with their seqs: a rollback of an older publication is unchanged.
import { sql, type Kysely } from 'kysely';
import { encodePart, shapeOf, type RecordedRow, type RowChange } from '../publication-records';

export const statements = [
  `CREATE TABLE publication_records (
    publication_id INTEGER NOT NULL REFERENCES publications(id),
    -- The part's first row's place in the publication (0, 1, 2 …); its next rows follow it in order.
    seq INTEGER NOT NULL CHECK (seq >= 0),
    table_name TEXT NOT NULL CHECK (table_name IN ('assignments', 'calls', 'inpatient_weeks', 'rotation_assignments')),
    row_count INTEGER NOT NULL CHECK (row_count > 0),
    -- Each row before and after (with its rowid before), deflated JSON (core/db/publication-records).
    rows BLOB NOT NULL,
    PRIMARY KEY (publication_id, seq)
  )`,
];

/** Rows of the old records converted per statement, and at most per part. */
const PART_ROWS = 4000;

interface OldRecord {
  publication_id: number;
  seq: number;
  table_name: string;
  before: string | null;
  after: string | null;
}

/** Consecutive records of one publication and table, of one shape, in seq order without gaps. */
class Part {
  readonly changes: RowChange[] = [];
  constructor(
    readonly first: OldRecord,
    private readonly shape: string,
  ) {}

  admits(r: OldRecord, shape: string): boolean {
    return (
      this.changes.length < PART_ROWS &&
      r.publication_id === this.first.publication_id &&
      r.table_name === this.first.table_name &&
      r.seq === this.first.seq + this.changes.length &&
      shape === this.shape
    );
  }
}

async function writePart(db: Kysely<unknown>, part: Part): Promise<void> {
  const { publication_id, seq, table_name } = part.first;
  const rows = await encodePart(part.changes);
  await sql`INSERT INTO publication_records (publication_id, seq, table_name, row_count, rows)
    VALUES (${publication_id}, ${seq}, ${table_name}, ${part.changes.length}, ${rows})`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  let part: Part | null = null;
  for (let last = { publication_id: -1, seq: -1 }; ; ) {
    const { rows } = await sql<OldRecord>`SELECT publication_id, seq, table_name, before, after FROM publication_rows
      WHERE (publication_id, seq) > (${last.publication_id}, ${last.seq})
      ORDER BY publication_id, seq LIMIT ${PART_ROWS}`.execute(db);
    for (const r of rows) {
      const change: RowChange = {
        before: r.before === null ? null : (JSON.parse(r.before) as RecordedRow),
        after: r.after === null ? null : (JSON.parse(r.after) as RecordedRow),
      };
      const shape = shapeOf(change);
      if (!part?.admits(r, shape)) {
        if (part) await writePart(db, part);
        part = new Part(r, shape);
      }
      part.changes.push(change);
    }
    if (rows.length < PART_ROWS) break;
    last = rows[rows.length - 1];
  }
  if (part) await writePart(db, part);
  await sql`DROP TABLE publication_rows`.execute(db);
}
