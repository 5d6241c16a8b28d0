// Academic years on the renderer side: July 1 to June 30, named by the year they start in.
import type { IsoDate } from '../../../core/domain/types';

/** The academic year a date falls in (the same rule as core/domain/calendar, which the renderer may not import). */
export function academicYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year : year - 1;
}
