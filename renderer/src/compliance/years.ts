// Academic years on the renderer side: July 1 to June 30, named by the year they start in.
import type { IsoDate } from '../../../core/domain/types';

export function academicYearOfDate(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year : year - 1;
}
