// People: list with the PGY level of an academic year, create, update. Every write is one
// transaction with an audit entry holding the person before and after.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { academicYearLabel } from '../domain/calendar';
import { programDatesIssue } from '../domain/program-dates';
import type { AcademicYearId, FacultyRole, IsoDate, Person, PersonKind } from '../domain/types';
import { ensureAcademicYear, readPeople, readSettings } from '../db/program-data';
import * as R from '../db/rows';
import type { Database } from '../db/schema';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

export interface PersonFields {
  name: string;
  kind: PersonKind;
  facultyRole: FacultyRole | null;
  /** PGY level in `academicYear` (residents only). */
  pgy: number | null;
  academicYear: AcademicYearId;
  email: string | null;
  active: boolean;
  /** First and last day in the program, inclusive (core/domain/program-dates); null: open. */
  startDate?: IsoDate | null;
  endDate?: IsoDate | null;
}

export type PersonWithPgy = Person & { pgy: number | null };

const KIND_ORDER: Record<PersonKind, number> = { resident: 0, faculty: 1, student: 2, intern: 3 };
const ID_PREFIX: Record<PersonKind, string> = { resident: 'res', faculty: 'fac', student: 'stu', intern: 'int' };

export function withPgy(person: Person, year: AcademicYearId): PersonWithPgy {
  return { ...person, pgy: person.pgyByYear[String(year)] ?? null };
}

/** Everyone, residents first (senior first), then faculty and learners, by name within each. */
export async function listPeople(program: Program, year: AcademicYearId): Promise<PersonWithPgy[]> {
  const people = (await readPeople(program.db)).map((p) => withPgy(p, year));
  return people.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (b.pgy ?? 0) - (a.pgy ?? 0) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

async function readPerson(trx: Transaction<Database>, id: string): Promise<Person | null> {
  const row = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [pgy, credentials, certifications] = await Promise.all([
    trx.selectFrom('person_pgy').selectAll().where('person_id', '=', id).orderBy('academic_year').execute(),
    trx.selectFrom('credentials').selectAll().where('person_id', '=', id).execute(),
    trx.selectFrom('certifications').selectAll().where('person_id', '=', id).orderBy('id').execute(),
  ]);
  return R.personFromRow(row, { pgy, credentials, certifications });
}

async function checkUniqueName(trx: Transaction<Database>, name: string, exceptId: string | null): Promise<void> {
  const clash = await trx
    .selectFrom('people')
    .select(['id', 'name'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('id', '!=', exceptId ?? '')
    .executeTakeFirst();
  if (clash) throw new ServiceError('conflict', `A person named "${clash.name}" already exists (id ${clash.id})`);
}

async function prepareYear(trx: Transaction<Database>, program: Program, year: AcademicYearId): Promise<void> {
  const settings = await readSettings(trx);
  if (!settings)
    throw new ServiceError(
      'not_found',
      `The program in ${program.path} has no settings yet (it was never initialised)`,
    );
  await ensureAcademicYear(trx, year, settings);
}

async function writePgy(trx: Transaction<Database>, id: string, fields: PersonFields): Promise<void> {
  await trx
    .deleteFrom('person_pgy')
    .where('person_id', '=', id)
    .where('academic_year', '=', fields.academicYear)
    .execute();
  if (fields.kind === 'resident' && fields.pgy !== null)
    await trx
      .insertInto('person_pgy')
      .values({ person_id: id, academic_year: fields.academicYear, level: fields.pgy })
      .execute();
}

function checkFields(fields: PersonFields): void {
  if (fields.kind === 'resident' && fields.pgy === null)
    throw new ServiceError('rejected', `Residents need a PGY level for ${academicYearLabel(fields.academicYear)}`);
  if ((fields.kind === 'faculty') !== (fields.facultyRole !== null))
    throw new ServiceError('rejected', fields.kind === 'faculty' ? 'Faculty need a role' : 'Only faculty have a role');
  const dates = programDatesIssue(fields);
  if (dates) throw new ServiceError('rejected', `${dates.field}: ${dates.message}`);
}

export async function createPerson(program: Program, fields: PersonFields, actor: string): Promise<PersonWithPgy> {
  return program.db.transaction().execute((trx) => addPerson(trx, program, fields, actor));
}

/** Check and add one person inside the caller's transaction (by hand, or a row of an import). */
export async function addPerson(
  trx: Transaction<Database>,
  program: Program,
  fields: PersonFields,
  actor: string,
): Promise<PersonWithPgy> {
  checkFields(fields);
  await checkUniqueName(trx, fields.name, null);
  await prepareYear(trx, program, fields.academicYear);
  const id = `${ID_PREFIX[fields.kind]}-${randomUUID().slice(0, 8)}`;
  await trx
    .insertInto('people')
    .values({
      id,
      name: fields.name,
      kind: fields.kind,
      faculty_role: fields.facultyRole,
      email: fields.email,
      active: fields.active ? 1 : 0,
      start_date: fields.startDate ?? null,
      end_date: fields.endDate ?? null,
    })
    .execute();
  await writePgy(trx, id, fields);
  const after = (await readPerson(trx, id))!;
  await audit(trx, { actor, action: 'people.create', entity: 'person', entityId: id, before: null, after });
  return withPgy(after, fields.academicYear);
}

export async function updatePerson(
  program: Program,
  id: string,
  fields: PersonFields,
  actor: string,
): Promise<PersonWithPgy> {
  checkFields(fields);
  return program.db.transaction().execute(async (trx) => {
    const before = await readPerson(trx, id);
    if (!before) throw new ServiceError('not_found', `No person with id "${id}"`);
    await checkUniqueName(trx, fields.name, id);
    await prepareYear(trx, program, fields.academicYear);
    await trx
      .updateTable('people')
      .set({
        name: fields.name,
        kind: fields.kind,
        faculty_role: fields.facultyRole,
        email: fields.email,
        active: fields.active ? 1 : 0,
        // Plan entries, half-days and calls outside new dates are kept: the rules report them as
        // findings (absence_conflict), so the coordinator sees what to move.
        start_date: fields.startDate ?? null,
        end_date: fields.endDate ?? null,
      })
      .where('id', '=', id)
      .execute();
    if (fields.kind !== 'resident') await trx.deleteFrom('person_pgy').where('person_id', '=', id).execute();
    await writePgy(trx, id, fields);
    const after = (await readPerson(trx, id))!;
    await audit(trx, { actor, action: 'people.update', entity: 'person', entityId: id, before, after });
    return withPgy(after, fields.academicYear);
  });
}
