// Read-only lists the views need: activities, call types, rotations, blocks and absences of a year.
import { sql } from 'kysely';
import { academicYearEnd, academicYearLabel, academicYearStart } from '../domain/calendar';
import type { AcademicYearId, Absence, Activity, Block, CallType, Rotation } from '../domain/types';
import * as R from '../db/rows';
import { ServiceError } from './errors';
import type { Program } from './program';

export async function listActivities(program: Program): Promise<Activity[]> {
  return (await program.db.selectFrom('activities').selectAll().orderBy(sql`rowid`).execute()).map(R.activityFromRow);
}

export async function listCallTypes(program: Program): Promise<CallType[]> {
  return (await program.db.selectFrom('call_types').selectAll().orderBy(sql`rowid`).execute()).map(R.callTypeFromRow);
}

export async function listRotations(program: Program): Promise<Rotation[]> {
  return (await program.db.selectFrom('rotations').selectAll().orderBy(sql`rowid`).execute()).map(R.rotationFromRow);
}

export async function requireAcademicYear(program: Program, year: AcademicYearId): Promise<void> {
  const row = await program.db.selectFrom('academic_years').select('id').where('id', '=', year).executeTakeFirst();
  if (!row) {
    const years = (await program.db.selectFrom('academic_years').select('id').orderBy('id').execute()).map((r) => r.id);
    throw new ServiceError(
      'not_found',
      `${academicYearLabel(year)} is not in this program (it has ` +
        `${years.length ? years.map(academicYearLabel).join(', ') : 'no academic years'})`,
    );
  }
}

export async function listBlocks(program: Program, year: AcademicYearId): Promise<Block[]> {
  await requireAcademicYear(program, year);
  const rows = await program.db
    .selectFrom('blocks')
    .selectAll()
    .where('academic_year', '=', year)
    .orderBy('number')
    .execute();
  return rows.map(R.blockFromRow);
}

/** Absences overlapping the academic year, by start date. */
export async function listAbsences(program: Program, year: AcademicYearId): Promise<Absence[]> {
  const rows = await program.db
    .selectFrom('absences')
    .selectAll()
    .where('start', '<=', academicYearEnd(year))
    .where('end', '>=', academicYearStart(year))
    .orderBy('start')
    .orderBy('person_id')
    .orderBy('id')
    .execute();
  return rows.map(R.absenceFromRow);
}
