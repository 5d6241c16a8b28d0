// Calendar arithmetic: the one place that knows weekdays, academic years and block layouts.
// Dates are calendar dates (no time zone); luxon does the arithmetic in UTC so no DST shift
// can move a date.
import { DateTime } from 'luxon';
import type { AcademicYearId, Block, BlockLayout, HalfDay, IsoDate, IsoWeekday, Slot } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(date: IsoDate): DateTime {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!ISO_DATE.test(date) || !dt.isValid) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return dt;
}

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): IsoWeekday {
  return parse(date).weekday as IsoWeekday;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return parse(date).plus({ days }).toISODate()!;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round(parse(b).diff(parse(a), 'days').days);
}

/** Every date from start to end inclusive. */
export function datesInRange(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = parse(start); d <= parse(end); d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

export function slotsInRange(start: IsoDate, end: IsoDate): Slot[] {
  return datesInRange(start, end).flatMap((date) => (['AM', 'PM'] as HalfDay[]).map((half) => ({ date, half })));
}

export function slotKey(slot: Slot): string {
  return `${slot.date}:${slot.half}`;
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

export function academicYearOf(date: IsoDate): AcademicYearId {
  const d = parse(date);
  return d.month >= 7 ? d.year : d.year - 1;
}

export function academicYearStart(year: AcademicYearId): IsoDate {
  return `${year}-07-01`;
}

export function academicYearEnd(year: AcademicYearId): IsoDate {
  return `${year + 1}-06-30`;
}

export function academicYearLabel(year: AcademicYearId): string {
  return `AY ${year}–${String(year + 1).slice(2)}`;
}

/** First date on or after `date` that falls on `weekday`. */
export function nextWeekdayOnOrAfter(date: IsoDate, weekday: IsoWeekday): IsoDate {
  const offset = (weekday - isoWeekday(date) + 7) % 7;
  return addDays(date, offset);
}

function makeBlock(year: AcademicYearId, number: number, start: IsoDate, end: IsoDate): Block {
  const length = daysBetween(start, end) + 1;
  const secondHalfStart = length > 14 ? addDays(start, 14) : start;
  return { academicYear: year, number, start, end, secondHalfStart };
}

/** The blocks of an academic year under a layout. Covers July 1 – June 30 without gaps. */
export function blocksForYear(year: AcademicYearId, layout: BlockLayout): Block[] {
  const yearStart = academicYearStart(year);
  const yearEnd = academicYearEnd(year);
  const blocks: Block[] = [];
  let cursor = yearStart;
  let number = 1;
  if (layout.anchorWeekday !== null) {
    const firstAnchor = nextWeekdayOnOrAfter(yearStart, layout.anchorWeekday);
    if (firstAnchor !== yearStart) blocks.push(makeBlock(year, 0, yearStart, addDays(firstAnchor, -1)));
    cursor = firstAnchor;
  }
  for (let i = 0; i < layout.blockCount && cursor <= yearEnd; i++) {
    const end = addDays(cursor, layout.blockLengthDays - 1);
    const isLastConfigured = i === layout.blockCount - 1;
    // Without an anchor the last configured block absorbs the rest of the year.
    const clippedEnd = end > yearEnd || (isLastConfigured && layout.anchorWeekday === null) ? yearEnd : end;
    blocks.push(makeBlock(year, number++, cursor, clippedEnd));
    cursor = addDays(clippedEnd, 1);
  }
  if (cursor <= yearEnd) blocks.push(makeBlock(year, number, cursor, yearEnd));
  return blocks;
}

export function blockContaining(date: IsoDate, layout: BlockLayout): Block {
  const blocks = blocksForYear(academicYearOf(date), layout);
  const block = blocks.find((b) => b.start <= date && date <= b.end);
  if (!block) throw new RangeError(`No block contains ${date}`);
  return block;
}

/** Which week (1-based) of its block a date falls in. */
export function weekOfBlock(date: IsoDate, block: Block): number {
  return Math.floor(daysBetween(block.start, date) / 7) + 1;
}
