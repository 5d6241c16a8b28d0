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
      `${localDay(start)} is outside the program's academic years (${years.map(academicYearLabel).join(', ') || 'none'})`,
      [{ path: 'start', message: 'outside the program’s academic years' }],
    );
}

/** Local date-times bounding an academic year, for entries whose first day is in it. */
function yearBounds(academicYear: AcademicYearId): [string, string] {
  return [`${academicYearStart(academicYear)}T00:00`, `${academicYearEnd(academicYear)}T23:59`];
}

// ---- Moonlighting ----

export async function listMoonlighting(program: Program, academicYear: AcademicYearId): Promise<MoonlightingEntry[]> {
  const [from, to] = yearBounds(academicYear);
  const rows = await program.db
    .selectFrom('moonlighting')
    .selectAll()
    .where('start', '>=', from)
    .where('start', '<=', to)
    .orderBy('start')
    .orderBy('person_id')
    .execute();
  return rows.map(R.moonlightingFromRow);
}

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

async function readMoonlighting(trx: Trx, id: string): Promise<MoonlightingEntry> {
  const row = await trx.selectFrom('moonlighting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No moonlighting entry with id "${id}"`);
  return R.moonlightingFromRow(row);
}

export async function createMoonlighting(
  program: Program,
  fields: MoonlightingFields,
  actor: string,
): Promise<MoonlightingEntry> {
  return program.db.transaction().execute(async (trx) => {
    await checkMoonlighting(trx, fields);
    const entry: MoonlightingEntry = { id: `ml-${randomUUID().slice(0, 8)}`, ...fields };
    await trx.insertInto('moonlighting').values(R.moonlightingToRow(entry)).execute();
    await audit(trx, {
      actor,
      action: 'moonlighting.create',
      entity: 'moonlighting',
      entityId: entry.id,
      before: null,
      after: entry,
    });
    return entry;
  });
}

export async function updateMoonlighting(
  program: Program,
  id: string,
  fields: MoonlightingFields,
  actor: string,
): Promise<MoonlightingEntry> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readMoonlighting(trx, id);
    await checkMoonlighting(trx, fields);
    const after: MoonlightingEntry = { id, ...fields };
    const { id: _id, ...row } = R.moonlightingToRow(after);
    await trx.updateTable('moonlighting').set(row).where('id', '=', id).execute();
    await audit(trx, { actor, action: 'moonlighting.update', entity: 'moonlighting', entityId: id, before, after });
    return after;
  });
}

export async function deleteMoonlighting(program: Program, id: string, actor: string): Promise<MoonlightingEntry> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readMoonlighting(trx, id);
    await trx.deleteFrom('moonlighting').where('id', '=', id).execute();
    await audit(trx, {
      actor,
      action: 'moonlighting.delete',
      entity: 'moonlighting',
      entityId: id,
      before,
      after: null,
    });
    return before;
  });
}

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

export async function listCallbacks(program: Program, academicYear: AcademicYearId): Promise<Callback[]> {
  const [from, to] = yearBounds(academicYear);
  const rows = await program.db
    .selectFrom('callbacks')
    .selectAll()
    .where('start', '>=', from)
    .where('start', '<=', to)
    .orderBy('start')
    .orderBy('person_id')
    .execute();
  return rows.map(R.callbackFromRow);
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
      `${person.name} has no home call in the published schedule at ${fields.start.replace('T', ' ')}: a callback is recorded during a home call`,
      [{ path: 'start', message: 'not during one of this person’s home calls' }],
    );
}

async function readCallback(trx: Trx, id: string): Promise<Callback> {
  const row = await trx.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No callback with id "${id}"`);
  return R.callbackFromRow(row);
}

export async function createCallback(program: Program, fields: CallbackFields, actor: string): Promise<Callback> {
  return program.db.transaction().execute(async (trx) => {
    await checkCallback(trx, fields);
    const callback: Callback = { id: `cb-${randomUUID().slice(0, 8)}`, ...fields };
    await trx.insertInto('callbacks').values(R.callbackToRow(callback)).execute();
    await audit(trx, {
      actor,
      action: 'callbacks.create',
      entity: 'callback',
      entityId: callback.id,
      before: null,
      after: callback,
    });
    return callback;
  });
}

export async function updateCallback(
  program: Program,
  id: string,
  fields: CallbackFields,
  actor: string,
): Promise<Callback> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readCallback(trx, id);
    await checkCallback(trx, fields);
    const after: Callback = { id, ...fields };
    const { id: _id, ...row } = R.callbackToRow(after);
    await trx.updateTable('callbacks').set(row).where('id', '=', id).execute();
    await audit(trx, { actor, action: 'callbacks.update', entity: 'callback', entityId: id, before, after });
    return after;
  });
}

export async function deleteCallback(program: Program, id: string, actor: string): Promise<Callback> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readCallback(trx, id);
    await trx.deleteFrom('callbacks').where('id', '=', id).execute();
    await audit(trx, { actor, action: 'callbacks.delete', entity: 'callback', entityId: id, before, after: null });
    return before;
  });
}
