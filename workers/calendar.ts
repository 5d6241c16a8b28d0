// The calendar of one academic year: every slot with its weekday, block, half of block and day
// type. Pure; the calendar worker runs it off the main thread and reports each finished month.
import {
  academicYearEnd,
  academicYearStart,
  blockHasHalves,
  blocksForYear,
  datesInRange,
  isoWeekday,
} from '../core/domain/calendar';
import { DAY_TYPES, HALF_DAYS } from '../core/domain/types';
import type { Block, DayType, Holiday } from '../core/domain/types';
import type { CalendarProgress, CalendarSlot, CalendarTaskInput, YearCalendar } from './tasks';

function blockHalfOf(date: string, block: Block): 1 | 2 {
  return blockHasHalves(block) && date >= block.secondHalfStart ? 2 : 1;
}

export function yearCalendar(input: CalendarTaskInput, onMonth?: (p: CalendarProgress) => void): YearCalendar {
  const start = academicYearStart(input.academicYear);
  const end = academicYearEnd(input.academicYear);
  const blocks = blocksForYear(input.academicYear, input.blockLayout);
  const holidayByDate = new Map<string, Holiday>();
  for (const h of input.holidays) {
    if (h.date < start || h.date > end) continue;
    const existing = holidayByDate.get(h.date);
    if (existing && existing.dayType !== h.dayType)
      throw new Error(`Holidays "${existing.name}" and "${h.name}" both fall on ${h.date} with different day types`);
    if (!existing) holidayByDate.set(h.date, h);
  }

  const daysByType = Object.fromEntries(DAY_TYPES.map((t) => [t, 0])) as Record<DayType, number>;
  const slots: CalendarSlot[] = [];
  const dates = datesInRange(start, end);
  const monthsTotal = new Set(dates.map((d) => d.slice(0, 7))).size;
  let monthsDone = 0;
  let blockIndex = 0;
  dates.forEach((date, i) => {
    while (blocks[blockIndex].end < date) blockIndex++;
    const block = blocks[blockIndex];
    const holiday = holidayByDate.get(date);
    const dayType: DayType = holiday?.dayType ?? 'normal';
    daysByType[dayType]++;
    for (const half of HALF_DAYS) {
      slots.push({
        date,
        half,
        weekday: isoWeekday(date),
        blockNumber: block.number,
        blockHalf: blockHalfOf(date, block),
        dayType,
        holidayName: holiday?.name ?? null,
      });
    }
    const month = date.slice(0, 7);
    const lastOfMonth = i === dates.length - 1 || dates[i + 1].slice(0, 7) !== month;
    if (lastOfMonth && onMonth) {
      monthsDone++;
      onMonth({
        fraction: monthsDone / monthsTotal,
        phase: `Computed ${month}`,
        detail: { month, monthsDone, monthsTotal, slots: slots.length },
      });
    }
  });
  return { academicYear: input.academicYear, start, end, blocks, slots, daysByType };
}
