// Holidays of the program (each with its day type), for calendars and capacity.
import type { Holiday, IsoDate } from '../domain/types';
import * as R from '../db/rows';
import type { Program } from './program';

/** Holidays from `start` to `end` inclusive, by date. */
export async function listHolidays(program: Program, start: IsoDate, end: IsoDate): Promise<Holiday[]> {
  const rows = await program.db.selectFrom('holidays').selectAll().where('date', '>=', start).where('date', '<=', end).orderBy('date').execute();
  return rows.map(R.holidayFromRow);
}
