// Holidays of the program (each with its day type), for calendars and capacity.
import { academicYearEnd, academicYearLabel, academicYearStart } from '../domain/calendar';
import type { AcademicYearId, Holiday, IsoDate } from '../domain/types';
import { readAcademicYears } from '../db/program-data';
import * as R from '../db/rows';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

/** Holidays from `start` to `end` inclusive, by date. */
export async function listHolidays(program: Program, start: IsoDate, end: IsoDate): Promise<Holiday[]> {
  const rows = await program.db
    .selectFrom('holidays')
    .selectAll()
    .where('date', '>=', start)
    .where('date', '<=', end)
    .orderBy('date')
    .execute();
  return rows.map(R.holidayFromRow);
}

/** The holidays of an academic year. */
export async function listYearHolidays(program: Program, academicYear: AcademicYearId): Promise<Holiday[]> {
  await requireYear(program, academicYear);
  return listHolidays(program, academicYearStart(academicYear), academicYearEnd(academicYear));
}

/**
 * Replaces an academic year's holidays, in one audited transaction. Each date lies in the year
 * and appears once; a problem names the entry (`holidays[2].date`) and nothing is written.
 */
export async function setYearHolidays(
  program: Program,
  academicYear: AcademicYearId,
  holidays: Holiday[],
  actor: string,
): Promise<Holiday[]> {
  const start = academicYearStart(academicYear);
  const end = academicYearEnd(academicYear);
  const issues: { path: string; message: string }[] = [];
  const seen = new Map<IsoDate, number>();
  holidays.forEach((h, i) => {
    if (h.date < start || h.date > end)
      issues.push({
        path: `holidays[${i}].date`,
        message: `${h.date} is outside ${academicYearLabel(academicYear)} (${start} to ${end})`,
      });
    const first = seen.get(h.date);
    if (first !== undefined)
      issues.push({ path: `holidays[${i}].date`, message: `${h.date} is already a holiday (${holidays[first].name})` });
    else seen.set(h.date, i);
  });
  if (issues.length > 0)
    throw new ServiceError(
      'invalid_input',
      `The holidays were not saved: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  await requireYear(program, academicYear);
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  return program.db.transaction().execute(async (trx) => {
    const before = (
      await trx
        .selectFrom('holidays')
        .selectAll()
        .where('date', '>=', start)
        .where('date', '<=', end)
        .orderBy('date')
        .execute()
    ).map(R.holidayFromRow);
    await trx.deleteFrom('holidays').where('date', '>=', start).where('date', '<=', end).execute();
    if (sorted.length > 0) await trx.insertInto('holidays').values(sorted.map(R.holidayToRow)).execute();
    await audit(trx, {
      actor,
      action: 'holidays.set',
      entity: 'holidays',
      entityId: String(academicYear),
      before,
      after: sorted,
    });
    return sorted;
  });
}

async function requireYear(program: Program, academicYear: AcademicYearId): Promise<void> {
  const years = await readAcademicYears(program.db);
  if (!years.includes(academicYear))
    throw new ServiceError(
      'not_found',
      `The program has no academic year ${academicYearLabel(academicYear)} (it has ` +
        `${years.map(academicYearLabel).join(', ') || 'none'})`,
    );
}
