// Whole-program reads and writes: load every table into a ProgramData, or replace the program's
// contents with one (inside the caller's transaction). Rows come back in insertion order (rowid),
// so what was written is what is read.
import { sql, type Kysely, type Transaction } from 'kysely';
import { blocksForYear } from '../domain/calendar';
import type { ProgramData, ProgramOutline } from '../domain/program';
import type { Assignment, ProgramSettings } from '../domain/types';
import { assignmentPacker, type PackedProgram } from '../solver/models/packed-request';
import * as R from './rows';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

type Value = string | number | null;

/**
 * The columns any row sets and each row's values in them, as kysely's insert took them: a column no
 * row sets keeps its default, one a row leaves undefined is null there. Each value text, a number or null.
 */
function valuesOf(table: string, rows: readonly object[]): { columns: string[]; values: Value[][] } {
  const set = new Set<string>();
  for (const row of rows as Record<string, unknown>[]) for (const c in row) if (row[c] !== undefined) set.add(c);
  const columns = [...set];
  const values = rows.map((row, i) =>
    columns.map((column) => {
      const v = (row as Record<string, unknown>)[column] ?? null;
      if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
      throw new Error(`${table} row ${i}: ${column} is ${String(v)}, not text, a finite number or null`);
    }),
  );
  return { columns, values };
}

/**
 * Inserts rows in one statement: they travel as one JSON parameter that SQLite unpacks with
 * json_each (as drafts' rows do, core/services/drafts/store.ts), in their order (rowid order is read
 * order). Kysely's multi-row VALUES lists, compiled and prepared 5000 rows at a time, cost a third
 * more main thread (a 100-resident program, 132 000 rows: 0.87-0.98 CPU-s against 0.58-0.61).
 */
export async function insertMany<K extends keyof Database & string>(
  db: Db,
  table: K,
  rows: Database[K][],
): Promise<void> {
  if (rows.length === 0) return;
  const { columns, values } = valuesOf(table, rows as object[]);
  const picks = columns.map((_, i) => sql`value ->> ${sql.raw(String(i))}`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT ${sql.join(picks)} FROM json_each(${JSON.stringify(values)}) ORDER BY key`.execute(db);
}

export async function readSettings(db: Db): Promise<ProgramSettings | null> {
  const row = await db.selectFrom('program_settings').select('json').where('id', '=', 1).executeTakeFirst();
  return row ? (JSON.parse(row.json) as ProgramSettings) : null;
}

export async function writeSettings(db: Db, settings: ProgramSettings): Promise<void> {
  await db
    .insertInto('program_settings')
    .values({ id: 1, json: JSON.stringify(settings) })
    .onConflict((oc) => oc.column('id').doUpdateSet({ json: JSON.stringify(settings) }))
    .execute();
}

export async function readAcademicYears(db: Db): Promise<number[]> {
  return (await db.selectFrom('academic_years').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Stores (or re-derives) the blocks of these academic years from the block layout. */
export async function writeBlocks(db: Db, years: number[], settings: ProgramSettings): Promise<void> {
  if (years.length === 0) return;
  await db.deleteFrom('blocks').where('academic_year', 'in', years).execute();
  await insertMany(
    db,
    'blocks',
    years.flatMap((year) => blocksForYear(year, settings.blockLayout).map(R.blockToRow)),
  );
}

/** Adds an academic year (and its blocks) if the program does not have it yet. */
export async function ensureAcademicYear(db: Db, year: number, settings: ProgramSettings): Promise<boolean> {
  const exists = await db.selectFrom('academic_years').select('id').where('id', '=', year).executeTakeFirst();
  if (exists) return false;
  await db.insertInto('academic_years').values({ id: year }).execute();
  await writeBlocks(db, [year], settings);
  return true;
}

export async function readPeople(db: Db): Promise<ProgramData['people']> {
  const [people, pgy, credentials, certifications] = await Promise.all([
    db.selectFrom('people').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('person_pgy').selectAll().orderBy('academic_year').execute(),
    db.selectFrom('credentials').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('certifications').selectAll().orderBy('id').execute(),
  ]);
  const group = <T extends { person_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.person_id, [...(map.get(row.person_id) ?? []), row]);
    return map;
  };
  const pgyBy = group(pgy);
  const credBy = group(credentials);
  const certBy = group(certifications);
  return people.map((p) =>
    R.personFromRow(p, {
      pgy: pgyBy.get(p.id) ?? [],
      credentials: credBy.get(p.id) ?? [],
      certifications: certBy.get(p.id) ?? [],
    }),
  );
}

export function readProgramData(db: Db): Promise<ProgramData> {
  return readProgramDataWith(db, async (d) =>
    (await d.selectFrom('assignments').selectAll().orderBy(sql`rowid`).execute()).map(R.assignmentFromRow),
  );
}

/** Half-day assignments read per statement by readProgramDataInParts. */
export const ASSIGNMENT_ROWS_PER_PART = 20_000;

/**
 * readProgramData for the main thread: the same data, in one read transaction (the caller's, or
 * its own), with the half-day assignments (a year holds 100 000s of them: their one read held the
 * main thread for 0.2-0.4 s) read a part at a time in rowid order, `pause` between two parts.
 */
export function readProgramDataInParts(
  db: Db,
  pause: () => Promise<void>,
  partRows = ASSIGNMENT_ROWS_PER_PART,
): Promise<ProgramData> {
  return readInParts(db, pause, partRows, () => {
    const out: Assignment[] = [];
    return { add: (a) => out.push(a), done: () => out };
  });
}

/**
 * The program as it travels to a pool thread (an export), read as readProgramDataInParts reads
 * it, each part of its half-days packed as it comes: no turn packs a whole year.
 */
export function readPackedProgramInParts(
  db: Db,
  pause: () => Promise<void>,
  partRows = ASSIGNMENT_ROWS_PER_PART,
): Promise<PackedProgram> {
  return readInParts(db, pause, partRows, assignmentPacker);
}

/** Everything in the program but its half-days, in one read transaction. */
export async function readProgramOutline(db: Db): Promise<ProgramOutline> {
  const { assignments: _none, ...outline } = await inOneRead(db, (d) => readProgramDataWith(d, async () => null));
  return outline;
}

/** The half-days as a read in parts keeps them: each added as it is read, then the whole. */
interface HalfDayCollector<A> {
  add(a: Assignment): void;
  done(): A;
}

function readInParts<A>(
  db: Db,
  pause: () => Promise<void>,
  partRows: number,
  collector: () => HalfDayCollector<A>,
): Promise<Omit<ProgramData, 'assignments'> & { assignments: A }> {
  return inOneRead(db, (d) =>
    readProgramDataWith(d, async (trx) => {
      const collect = collector();
      for (let after = 0; ; ) {
        const rows = await trx
          .selectFrom('assignments')
          .selectAll()
          .select(sql<number>`rowid`.as('row_id'))
          .where(sql<number>`rowid`, '>', after)
          .orderBy(sql`rowid`)
          .limit(partRows)
          .execute();
        for (const r of rows) collect.add(R.assignmentFromRow(r));
        if (rows.length < partRows) return collect.done();
        after = rows[rows.length - 1].row_id;
        await pause();
      }
    }),
  );
}

function inOneRead<T>(db: Db, read: (d: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? read(db) : db.transaction().execute(read);
}

async function readProgramDataWith<A>(
  db: Db,
  readAssignments: (db: Db) => Promise<A>,
): Promise<Omit<ProgramData, 'assignments'> & { assignments: A }> {
  const settings = await readSettings(db);
  if (!settings) throw new Error('The program has no settings yet (an empty database)');
  const [
    academicYears,
    people,
    activities,
    rotations,
    callTypes,
    holidays,
    absences,
    rotationAssignments,
    assignments,
    calls,
    inpatientWeeks,
    moonlighting,
    callbacks,
  ] = await Promise.all([
    readAcademicYears(db),
    readPeople(db),
    db.selectFrom('activities').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('rotations').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('call_types').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('holidays').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('absences').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('rotation_assignments').selectAll().orderBy(sql`rowid`).execute(),
    readAssignments(db),
    db.selectFrom('calls').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('inpatient_weeks').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('moonlighting').selectAll().orderBy(sql`rowid`).execute(),
    db.selectFrom('callbacks').selectAll().orderBy(sql`rowid`).execute(),
  ]);
  return {
    settings,
    academicYears,
    people,
    activities: activities.map(R.activityFromRow),
    rotations: rotations.map(R.rotationFromRow),
    callTypes: callTypes.map(R.callTypeFromRow),
    holidays: holidays.map(R.holidayFromRow),
    absences: absences.map(R.absenceFromRow),
    rotationAssignments: rotationAssignments.map(R.rotationAssignmentFromRow),
    assignments,
    calls: calls.map(R.callFromRow),
    inpatientWeeks: inpatientWeeks.map(R.inpatientWeekFromRow),
    moonlighting: moonlighting.map(R.moonlightingFromRow),
    callbacks: callbacks.map(R.callbackFromRow),
  };
}

/** Tables holding program content, children before parents (the order to delete in). */
export const CONTENT_TABLES = [
  'callbacks',
  'moonlighting',
  'inpatient_weeks',
  'calls',
  'assignments',
  'rotation_assignments',
  'absences',
  'certifications',
  'credentials',
  'person_pgy',
  'people',
  'call_types',
  'rotations',
  'activities',
  'holidays',
  'blocks',
  'academic_years',
  'program_settings',
] as const satisfies readonly (keyof Database)[];

/** Replaces the whole program content with `data`. Call inside a transaction. */
export async function replaceProgramData(trx: Transaction<Database>, data: ProgramData): Promise<void> {
  for (const table of CONTENT_TABLES) {
    try {
      await trx.deleteFrom(table).execute();
    } catch (err) {
      // Other records (drafts, publications) still point at this content: say so plainly.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw new Error(
          `Cannot replace the program's ${table}: other records (such as drafts or publications) still refer to them`,
        );
      throw err;
    }
  }
  await writeSettings(trx, data.settings);
  await insertMany(
    trx,
    'academic_years',
    data.academicYears.map((id) => ({ id })),
  );
  await writeBlocks(trx, data.academicYears, data.settings);
  await insertMany(trx, 'holidays', data.holidays.map(R.holidayToRow));
  await insertMany(trx, 'activities', data.activities.map(R.activityToRow));
  await insertMany(trx, 'rotations', data.rotations.map(R.rotationToRow));
  await insertMany(trx, 'call_types', data.callTypes.map(R.callTypeToRow));
  await insertMany(trx, 'people', data.people.map(R.personToRow));
  const details = data.people.map(R.personDetailRows);
  await insertMany(
    trx,
    'person_pgy',
    details.flatMap((d) => d.pgy),
  );
  await insertMany(
    trx,
    'credentials',
    details.flatMap((d) => d.credentials),
  );
  await insertMany(trx, 'certifications', details.flatMap((d) => d.certifications) as Database['certifications'][]);
  await insertMany(trx, 'absences', data.absences.map(R.absenceToRow));
  await insertMany(trx, 'rotation_assignments', data.rotationAssignments.map(R.rotationAssignmentToRow));
  await insertMany(trx, 'assignments', data.assignments.map(R.assignmentToRow));
  await insertMany(trx, 'calls', data.calls.map(R.callToRow));
  await insertMany(trx, 'inpatient_weeks', data.inpatientWeeks.map(R.inpatientWeekToRow));
  await insertMany(trx, 'moonlighting', data.moonlighting.map(R.moonlightingToRow));
  await insertMany(trx, 'callbacks', data.callbacks.map(R.callbackToRow));
}

/**
 * True when the program holds no people and no schedule (a fresh file, or one made by `init`
 * that has only settings and the standard catalog): safe to replace by an import.
 */
export async function isEmptyProgram(db: Db): Promise<boolean> {
  const tables = [
    'people',
    'rotations',
    'rotation_assignments',
    'assignments',
    'calls',
    'absences',
    'inpatient_weeks',
    'moonlighting',
    'callbacks',
  ] as const;
  for (const table of tables) {
    const row = await db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
    if (row) return false;
  }
  return true;
}
