// Calendar arithmetic: the one place that knows weekdays, academic years and block layouts.
// Dates are calendar dates (no time zone); luxon does the arithmetic in UTC so no DST shift
// can move a date.
import { DateTime } from 'luxon';
import type {
  AcademicYearId,
  Block,
  BlockLayout,
  ExplicitBlockYear,
  HalfDay,
  IsoDate,
  IsoWeekday,
  Slot,
} from './types';

const DAY_MS = 86_400_000;

/**
 * UTC midnight of a calendar date in epoch ms: plain day arithmetic for the hot paths (adding
 * days, days between, weekdays), checked (a date that does not exist is refused).
 */
function utcDay(date: IsoDate): number {
  const t = utcDayOrNaN(date);
  if (Number.isNaN(t)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return t;
}

function utcDayOrNaN(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) return NaN;
  const y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 7);
  const d = digitsAt(date, 8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return NaN;
  return daysFromCivil(y, m, d) * DAY_MS;
}

const DASH = 45;

/** The decimal number written by the characters from..to-1 of s (NaN if one is not a digit 0–9). */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

function daysInMonth(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

// Integer day arithmetic of the proleptic Gregorian calendar (the one Date and luxon use), after
// H. Hinnant's days_from_civil / civil_from_days: no Date object per call, which in the
// compliance engine's and the contingency sweep's loops was a measurable share of all the work.

/** Days since 1970-01-01 of year y, month m (1–12), day d (past the month's end runs on, as Date.UTC). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function isoOf(ms: number): IsoDate {
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function isIsoDate(value: string): boolean {
  return !Number.isNaN(utcDayOrNaN(value));
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return (((((utcDay(date) / DAY_MS + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoOf(utcDay(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcDay(b) - utcDay(a)) / DAY_MS);
}

/** Every date from start to end inclusive. */
export function datesInRange(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const last = utcDay(end);
  for (let t = utcDay(start); t <= last; t += DAY_MS) out.push(isoOf(t));
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
  // Plain digits, checked like every other date here: called per assignment when a year's draft
  // is built (a luxon parse each was seconds of the main thread and most of its garbage at 150 residents).
  utcDay(date);
  const month = digitsAt(date, 5, 7);
  const year = digitsAt(date, 0, 4);
  return month >= 7 ? year : year - 1;
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

/** A block has halves (days 1–14, day 15 to the end) only when each half has at least a week. */
export const MIN_DAYS_FOR_HALVES = 21;
/** The second half starts on this day of the block. */
const SECOND_HALF_DAY = 15;

export function blockLengthOf(block: Pick<Block, 'start' | 'end'>): number {
  return daysBetween(block.start, block.end) + 1;
}

/** Whether a block is long enough to be cut into halves. */
export function canHaveHalves(lengthDays: number): boolean {
  return lengthDays >= MIN_DAYS_FOR_HALVES;
}

/** Whether a block has halves (a half-block rotation can take one of them). */
export function blockHasHalves(block: Block): boolean {
  return block.secondHalfStart > block.start;
}

function makeBlock(year: AcademicYearId, number: number, start: IsoDate, end: IsoDate, halves?: boolean): Block {
  const split = halves ?? canHaveHalves(daysBetween(start, end) + 1);
  const secondHalfStart = split ? addDays(start, SECOND_HALF_DAY - 1) : start;
  return { academicYear: year, number, start, end, secondHalfStart };
}

/** The explicit block list of a year, when the layout has one. */
export function explicitYearOf(layout: BlockLayout, year: AcademicYearId): ExplicitBlockYear | null {
  return layout.explicitYears?.find((y) => y.academicYear === year) ?? null;
}

/**
 * The blocks of an academic year under a layout, in order. A valid layout (see
 * blockLayoutIssues) covers July 1 – June 30 without gaps or overlaps.
 */
export function blocksForYear(year: AcademicYearId, layout: BlockLayout): Block[] {
  const yearStart = academicYearStart(year);
  const yearEnd = academicYearEnd(year);
  const explicit = explicitYearOf(layout, year);
  if (explicit) {
    return explicit.blocks.map((b, i) => {
      const next = explicit.blocks[i + 1];
      return makeBlock(year, explicit.firstNumber + i, b.start, next ? addDays(next.start, -1) : yearEnd, b.halves);
    });
  }
  const blocks: Block[] = [];
  let cursor = yearStart;
  let number = 1;
  if (layout.anchorWeekday !== null) {
    const firstAnchor = nextWeekdayOnOrAfter(yearStart, layout.anchorWeekday);
    if (firstAnchor !== yearStart) blocks.push(makeBlock(year, 0, yearStart, addDays(firstAnchor, -1)));
    cursor = firstAnchor;
  }
  for (let i = 0; i < layout.blockCount && cursor <= yearEnd; i++) {
    const length =
      i === 0 && layout.anchorWeekday === null
        ? (layout.firstBlockDays ?? layout.blockLengthDays)
        : layout.blockLengthDays;
    const end = addDays(cursor, length - 1);
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

/** The local date an instant falls on in a time zone (today in the program's zone). */
export function dateIn(zone: string, instant: Date): IsoDate {
  return (
    DateTime.fromJSDate(instant, { zone }).toISODate() ?? DateTime.fromJSDate(instant, { zone: 'utc' }).toISODate()!
  );
}

/**
 * Days since 1970-01-01 of a calendar date: cheap day arithmetic for hot loops (no validation:
 * what is not a date from the year 100 on reads as Date.UTC reads it, years 0–99 as 1900–1999
 * and day 31 of a 30-day month as the next month's first).
 */
export function epochDay(date: IsoDate): number {
  const y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 7);
  const d = digitsAt(date, 8, 10);
  if (y >= 100 && m >= 1 && m <= 12 && d >= 0) return daysFromCivil(y, m, d);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
