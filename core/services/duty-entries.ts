// Moonlighting and callbacks: clinical work recorded outside the half-day schedule, with its
// real times. Moonlighting is a resident's (internal or external, approved by the program
// director); a callback is in-house time during one of the person's home calls in the published
// schedule. Every change is one transaction with an audit entry; the compliance engine counts both
// as work (core/rules/duty-items.ts).
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { academicYearEnd, academicYearLabel, academicYearOf, academicYearStart, addDays } from '../domain/calendar';
import type { AcademicYearId, CallType, Callback, IsoDate, MoonlightingEntry } from '../domain/types';
import { readAcademicYears, readSettings } from '../db/program-data';
import * as R from '../db/rows';
import type { Database } from '../db/schema';
import { zoneClock } from '../rules/clock';
import { callPiece } from '../rules/duty-items';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';
import { requireSettings } from './settings';

export type MoonlightingFields = Omit<MoonlightingEntry, 'id'>;
export type CallbackFields = Omit<Callback, 'id'>;

/** A home call in the published schedule, with its real start and end as local date-times. */
export interface HomeCall {
  personId: string;
  date: IsoDate;
  callTypeCode: string;
  callTypeName: string;
  start: string;
  end: string;
}

type Trx = Transaction<Database>;

const localDay = (dateTime: string) => dateTime.slice(0, 10);

async function personOf(trx: Trx, personId: string): Promise<{ name: string; kind: string }> {
  const row = await trx.selectFrom('people').select(['name', 'kind']).where('id', '=', personId).executeTakeFirst();
  if (!row)
    throw new ServiceError('not_found', `No person with id "${personId}"`, [
      { path: 'personId', message: 'no such person' },
    ]);
  return row;
}

/** The entry's first day falls in one of the program's academic years. */
async function checkYear(trx: Trx, start: string): Promise<void> {
  const years = await readAcademicYears(trx);
  const year = academicYearOf(localDay(start));
  if (!years.includes(year))
    throw new ServiceError(
      'invalid_input',
      `${localDay(start)} is outside the program's academic years ` +
        `(${years.map(academicYearLabel).join(', ') || 'none'})`,
      [{ path: 'start', message: 'outside the program’s academic years' }],
    );
}

/** Local date-times bounding an academic year, for entries whose first day is in it. */
function yearBounds(academicYear: AcademicYearId): [string, string] {
  return [`${academicYearStart(academicYear)}T00:00`, `${academicYearEnd(academicYear)}T23:59`];
}

// ---- One way to create, update and delete an entry, with its check and audit ----

/** What differs between moonlighting and callbacks when they are written. */
interface EntryKind<E extends { id: string }> {
  table: 'moonlighting' | 'callbacks';
  idPrefix: string;
  /** Audit action prefix: `${action}.create` and so on. */
  action: string;
  entity: string;
  /** For "No <noun> with id …". */
  noun: string;
  check: (trx: Trx, fields: Omit<E, 'id'>) => Promise<void>;
  toRow: (entry: E) => { id: string };
  fromRow: (row: never) => E;
}

/** The entries whose first day is in the academic year, by start then person. */
async function listEntries<E extends { id: string }>(
  program: Program,
  kind: EntryKind<E>,
  academicYear: AcademicYearId,
): Promise<E[]> {
  const [from, to] = yearBounds(academicYear);
  const rows = await program.db
    .selectFrom(kind.table)
    .selectAll()
    .where('start', '>=', from)
    .where('start', '<=', to)
    .orderBy('start')
    .orderBy('person_id')
    .execute();
  return rows.map((row) => kind.fromRow(row as never));
}

async function readEntry<E extends { id: string }>(trx: Trx, kind: EntryKind<E>, id: string): Promise<E> {
  const row = await trx.selectFrom(kind.table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No ${kind.noun} with id "${id}"`);
  return kind.fromRow(row as never);
}

function createEntry<E extends { id: string }>(
  program: Program,
  kind: EntryKind<E>,
  fields: Omit<E, 'id'>,
  actor: string,
): Promise<E> {
  return program.db.transaction().execute(async (trx) => {
    await kind.check(trx, fields);
    const entry = { id: `${kind.idPrefix}-${randomUUID().slice(0, 8)}`, ...fields } as E;
    await trx
      .insertInto(kind.table)
      .values(kind.toRow(entry) as never)
      .execute();
    const entityId = entry.id;
    await audit(trx, {
      actor,
      action: `${kind.action}.create`,
      entity: kind.entity,
      entityId,
      before: null,
      after: entry,
    });
    return entry;
  });
}

function updateEntry<E extends { id: string }>(
  program: Program,
  kind: EntryKind<E>,
  id: string,
  fields: Omit<E, 'id'>,
  actor: string,
): Promise<E> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readEntry(trx, kind, id);
    await kind.check(trx, fields);
    const after = { id, ...fields } as E;
    const { id: _id, ...row } = kind.toRow(after);
    await trx
      .updateTable(kind.table)
      .set(row as never)
      .where('id', '=', id)
      .execute();
    await audit(trx, { actor, action: `${kind.action}.update`, entity: kind.entity, entityId: id, before, after });
    return after;
  });
}

function deleteEntry<E extends { id: string }>(
  program: Program,
  kind: EntryKind<E>,
  id: string,
  actor: string,
): Promise<E> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readEntry(trx, kind, id);
    await trx.deleteFrom(kind.table).where('id', '=', id).execute();
    await audit(trx, {
      actor,
      action: `${kind.action}.delete`,
      entity: kind.entity,
      entityId: id,
      before,
      after: null,
    });
    return before;
  });
}

// ---- Moonlighting ----

async function checkMoonlighting(trx: Trx, fields: MoonlightingFields): Promise<void> {
  const person = await personOf(trx, fields.personId);
  if (person.kind !== 'resident')
    throw new ServiceError(
      'invalid_input',
      `${person.name} is not a resident: moonlighting is recorded for residents`,
      [{ path: 'personId', message: 'not a resident' }],
    );
  await checkYear(trx, fields.start);
}

const moonlighting: EntryKind<MoonlightingEntry> = {
  table: 'moonlighting',
  idPrefix: 'ml',
  action: 'moonlighting',
  entity: 'moonlighting',
  noun: 'moonlighting entry',
  check: checkMoonlighting,
  toRow: R.moonlightingToRow,
  fromRow: R.moonlightingFromRow,
};

export const listMoonlighting = (program: Program, academicYear: AcademicYearId) =>
  listEntries(program, moonlighting, academicYear);
export const createMoonlighting = (program: Program, fields: MoonlightingFields, actor: string) =>
  createEntry(program, moonlighting, fields, actor);
export const updateMoonlighting = (program: Program, id: string, fields: MoonlightingFields, actor: string) =>
  updateEntry(program, moonlighting, id, fields, actor);
export const deleteMoonlighting = (program: Program, id: string, actor: string) =>
  deleteEntry(program, moonlighting, id, actor);

/** The approval an entry has now (null: no such entry), for the program director's check. */
export async function moonlightingApproval(program: Program, id: string): Promise<boolean | null> {
  const row = await program.db.selectFrom('moonlighting').select('approved').where('id', '=', id).executeTakeFirst();
  return row ? row.approved === 1 : null;
}

// ---- Home calls and callbacks ----

/**
 * Home calls (call types not in house, counting as duty) of the published schedule whose date is
 * in [from, to], optionally one person's, with their real times in the program's zone.
 */
async function homeCallsIn(
  db: Program['db'] | Trx,
  timeZone: string,
  from: IsoDate,
  to: IsoDate,
  personId?: string,
): Promise<HomeCall[]> {
  const types = new Map(
    (await db.selectFrom('call_types').selectAll().execute()).map((r) => [r.code, R.callTypeFromRow(r)]),
  );
  const home = [...types.values()].filter((t) => !t.inHouse && t.countsTowardDutyHours).map((t) => t.code);
  if (home.length === 0) return [];
  let query = db
    .selectFrom('calls')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('call_type_code', 'in', home);
  if (personId) query = query.where('person_id', '=', personId);
  const rows = await query.orderBy('date').orderBy('person_id').execute();
  if (rows.length === 0) return [];
  const clock = zoneClock(timeZone, from, addDays(to, 1));
  return rows.map((row) => {
    const type = types.get(row.call_type_code) as CallType;
    const piece = callPiece(clock, type, clock.indexOf(row.date))!;
    return {
      personId: row.person_id,
      date: row.date,
      callTypeCode: type.code,
      callTypeName: type.name,
      start: clock.localDateTime(piece.start),
      end: clock.localDateTime(piece.end),
    };
  });
}

export async function listHomeCalls(
  program: Program,
  academicYear: AcademicYearId,
  personId?: string,
): Promise<HomeCall[]> {
  const settings = await requireSettings(program);
  return homeCallsIn(
    program.db,
    settings.timeZone,
    academicYearStart(academicYear),
    academicYearEnd(academicYear),
    personId,
  );
}

/** A callback starts during one of the person's home calls (it may run on past the call's end). */
async function checkCallback(trx: Trx, fields: CallbackFields): Promise<void> {
  const person = await personOf(trx, fields.personId);
  await checkYear(trx, fields.start);
  const settings = await readSettings(trx);
  if (!settings) throw new ServiceError('not_found', 'The program has no settings yet (it was never initialised)');
  const day = localDay(fields.start);
  const calls = await homeCallsIn(trx, settings.timeZone, addDays(day, -2), day, fields.personId);
  const clock = zoneClock(settings.timeZone, addDays(day, -2), addDays(day, 1));
  const at = clock.instantOfLocal(fields.start);
  const during = calls.some((c) => clock.instantOfLocal(c.start) <= at && at < clock.instantOfLocal(c.end));
  if (!during)
    throw new ServiceError(
      'invalid_input',
      `${person.name} has no home call in the published schedule at ${fields.start.replace('T', ' ')}: a callback ` +
        `is recorded during a home call`,
      [{ path: 'start', message: 'not during one of this person’s home calls' }],
    );
}

const callbacks: EntryKind<Callback> = {
  table: 'callbacks',
  idPrefix: 'cb',
  action: 'callbacks',
  entity: 'callback',
  noun: 'callback',
  check: checkCallback,
  toRow: R.callbackToRow,
  fromRow: R.callbackFromRow,
};

export const listCallbacks = (program: Program, academicYear: AcademicYearId) =>
  listEntries(program, callbacks, academicYear);
export const createCallback = (program: Program, fields: CallbackFields, actor: string) =>
  createEntry(program, callbacks, fields, actor);
export const updateCallback = (program: Program, id: string, fields: CallbackFields, actor: string) =>
  updateEntry(program, callbacks, id, fields, actor);
export const deleteCallback = (program: Program, id: string, actor: string) =>
  deleteEntry(program, callbacks, id, actor);
