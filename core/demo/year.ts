// The calendar of one demo academic year, indexed by day: dates, blocks, holidays. The other
// generator modules look days up here by index (0 = July 1).
import { academicYearEnd, academicYearStart, addDays, datesInRange, isoWeekday } from '../domain/calendar';
import type { AcademicYearId, Block, BlockLayout, Holiday, IsoDate, IsoWeekday } from '../domain/types';
import { blocksForYear } from '../domain/calendar';

export interface DemoYear {
  year: AcademicYearId;
  days: IsoDate[];
  weekday: IsoWeekday[];
  index: Map<IsoDate, number>;
  blocks: Block[];
  /** Block of each day. */
  blockOf: Block[];
  holidayOf: Map<IsoDate, Holiday>;
}

export function makeYear(year: AcademicYearId, layout: BlockLayout, holidays: Holiday[]): DemoYear {
  const days = datesInRange(academicYearStart(year), academicYearEnd(year));
  const blocks = blocksForYear(year, layout);
  const blockOf = days.map((d) => blocks.find((b) => b.start <= d && d <= b.end)!);
  return {
    year,
    days,
    weekday: days.map(isoWeekday),
    index: new Map(days.map((d, i) => [d, i])),
    blocks,
    blockOf,
    holidayOf: new Map(holidays.map((h) => [h.date, h])),
  };
}

/** Holidays that close the clinic (minimal-manning days still run it). */
export function isClosedDay(y: DemoYear, day: number): boolean {
  const h = y.holidayOf.get(y.days[day]);
  return h !== undefined && h.dayType !== 'minimal_manning';
}

/** The last Wednesday of its block: lecture in the morning, advising in the afternoon. */
export function isBlockEndWednesday(y: DemoYear, day: number): boolean {
  return y.weekday[day] === 3 && addDays(y.days[day], 7) > y.blockOf[day].end;
}
