// Wall-clock times in the program's time zone → real instants (epoch ms), for a run of dates.
// luxon resolves every local midnight; on the rare days where the zone's offset changes
// (daylight saving) each time of day is resolved by luxon too, so elapsed hours are real.
import { DateTime, IANAZone } from 'luxon';
import { academicYearOf, daysBetween, isoWeekday } from '../domain/calendar';
import type { AcademicYearId, ClockTime, IsoDate } from '../domain/types';

const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Minutes after midnight of an `HH:MM` time; throws a RangeError on anything else. */
export function clockMinutes(time: ClockTime): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time of day (HH:MM): "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Start and end minutes of a wall-clock range; an end at or before the start is the next day. */
export function rangeMinutes(start: ClockTime, end: ClockTime): [number, number] {
  const s = clockMinutes(start);
  let e = clockMinutes(end);
  if (e <= s) e += 24 * 60;
  return [s, e];
}

/**
 * A run of consecutive local dates (the horizon the engine looks at), each with the instant
 * its local midnight falls on. Day indexes are positions in that run.
 */
export class ZoneClock {
  readonly zone: string;
  readonly first: IsoDate;
  readonly last: IsoDate;
  /** Local dates of the horizon, index 0 … length − 1. */
  readonly dates: readonly IsoDate[];
  /** Epoch ms of each day's local midnight; one extra entry for the midnight after the last day. */
  readonly dayStart: Float64Array;
  /** Academic year of each day. */
  readonly academicYear: Int32Array;
  /** ISO weekday of each day (1 = Monday … 7 = Sunday). */
  readonly weekday: Uint8Array;
  private readonly index = new Map<IsoDate, number>();
  /** UTC midnight of the first date: calendar arithmetic outside the horizon. */
  private readonly utcFirst: number;
  /** Instants luxon resolved on days whose offset changes, by day × 1440 + minutes. */
  private readonly resolved = new Map<number, number>();
  /** 1 where the zone's UTC offset is the same all day, so times are midnight + minutes. */
  private readonly steady: Uint8Array;

  constructor(zone: string, first: IsoDate, last: IsoDate) {
    const ianaZone = IANAZone.create(zone);
    if (!ianaZone.isValid) throw new RangeError(`Unknown time zone "${zone}"`);
    const length = daysBetween(first, last) + 1;
    if (length < 1) throw new RangeError(`Empty date run ${first} … ${last}`);
    this.zone = zone;
    this.first = first;
    this.last = last;
    const dates: IsoDate[] = [];
    this.dayStart = new Float64Array(length + 2);
    this.academicYear = new Int32Array(length);
    this.weekday = new Uint8Array(length);
    this.steady = new Uint8Array(length + 1);
    const offsets = new Int32Array(length + 2);
    const utcFirst = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, Number(first.slice(8, 10)));
    this.utcFirst = utcFirst;
    const dateOf = (i: number) => new Date(utcFirst + i * DAY_MS).toISOString().slice(0, 10);
    const luxonMidnight = (i: number) => DateTime.fromISO(dateOf(i), { zone }).toMillis();
    // Local midnight = UTC midnight of the date shifted by the zone's offset, when no offset
    // change is near; otherwise luxon resolves it (midnights that are skipped or repeated).
    const sampledMidnight = (i: number) => {
      const utcMidnight = utcFirst + i * DAY_MS;
      const offset = ianaZone.offset(utcMidnight);
      const guess = utcMidnight - offset * MINUTE_MS;
      const calm = ianaZone.offset(guess - 6 * HOUR_MS) === offset && ianaZone.offset(guess + 6 * HOUR_MS) === offset;
      return calm ? guess : luxonMidnight(i);
    };
    // Offsets change at most twice a year: sample weekly, resolve day by day only around a change.
    const total = length + 2;
    for (let i = 0; i < total - 1; i += 7) {
      const j = Math.min(i + 7, total - 1);
      this.dayStart[i] = sampledMidnight(i);
      offsets[i] = ianaZone.offset(this.dayStart[i]);
      this.dayStart[j] = sampledMidnight(j);
      offsets[j] = ianaZone.offset(this.dayStart[j]);
      const same = offsets[i] === offsets[j];
      for (let d = i + 1; d < j; d++) {
        this.dayStart[d] = same ? utcFirst + d * DAY_MS - offsets[i] * MINUTE_MS : luxonMidnight(d);
        offsets[d] = same ? offsets[i] : ianaZone.offset(this.dayStart[d]);
      }
    }
    let year = 0;
    for (let i = 0; i < length; i++) {
      const date = dateOf(i);
      dates.push(date);
      this.index.set(date, i);
      // Calendar helpers once; then a year turns on July 1 and weekdays cycle.
      if (i === 0 || date.endsWith('-07-01')) year = academicYearOf(date);
      this.academicYear[i] = year;
      this.weekday[i] = i === 0 ? isoWeekday(date) : (this.weekday[i - 1] % 7) + 1;
    }
    // A steady day is 24 hours long with one offset: its times are midnight + minutes.
    for (let i = 0; i <= length; i++)
      this.steady[i] = offsets[i] === offsets[i + 1] && this.dayStart[i + 1] - this.dayStart[i] === DAY_MS ? 1 : 0;
    this.dates = dates;
  }

  get length(): number {
    return this.dates.length;
  }

  /** Day index of a date, or −1 when it is outside the horizon. */
  indexOf(date: IsoDate): number {
    return this.index.get(date) ?? -1;
  }

  /** Day index of a date that may lie outside the horizon (negative or ≥ length). */
  offsetOf(date: IsoDate): number {
    const i = this.index.get(date);
    if (i !== undefined) return i;
    // Calendar days between two dates: whole UTC days (UTC has no daylight saving).
    const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    if (Number.isNaN(utc)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
    return Math.round((utc - this.utcFirst) / DAY_MS);
  }

  dateAt(day: number): IsoDate {
    return day >= 0 && day < this.dates.length
      ? this.dates[day]
      : new Date(this.utcFirst + day * DAY_MS).toISOString().slice(0, 10);
  }

  /**
   * Instant of a wall-clock time given as minutes after local midnight of day `day` (minutes
   * past 24 h run into the next day). Days just outside the horizon are resolved by luxon.
   */
  instant(day: number, minutes: number): number {
    while (minutes >= 24 * 60) {
      day += 1;
      minutes -= 24 * 60;
    }
    if (day >= 0 && day <= this.dates.length && this.steady[day]) return this.dayStart[day] + minutes * MINUTE_MS;
    const key = day * 1440 + minutes;
    let ms = this.resolved.get(key);
    if (ms === undefined) {
      const date = DateTime.fromISO(this.dateAt(day), { zone: this.zone });
      ms = date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
      this.resolved.set(key, ms);
    }
    return ms;
  }

  /** Instant of a local date-time `YYYY-MM-DDTHH:MM`. */
  instantOfLocal(dateTime: string): number {
    const day = this.offsetOf(dateTime.slice(0, 10));
    return this.instant(day, clockMinutes(dateTime.slice(11, 16)));
  }

  /** An instant as a local date-time `YYYY-MM-DDTHH:MM` in the zone. */
  localDateTime(ms: number): string {
    return DateTime.fromMillis(ms, { zone: this.zone }).toFormat("yyyy-MM-dd'T'HH:mm");
  }

  /** Index of the local day an instant falls in (may be outside the horizon). */
  dayOfInstant(ms: number): number {
    const n = this.dates.length;
    if (ms < this.dayStart[0]) return -1 - Math.floor((this.dayStart[0] - ms - 1) / DAY_MS);
    if (ms >= this.dayStart[n]) return n + Math.floor((ms - this.dayStart[n]) / DAY_MS);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.dayStart[mid] <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Whether the zone's offset changes (daylight saving) between two instants in the horizon. */
  offsetChangesBetween(startMs: number, endMs: number): boolean {
    const last = Math.min(this.dayOfInstant(endMs), this.dates.length - 1);
    for (let day = Math.max(0, this.dayOfInstant(startMs)); day <= last; day++) if (!this.steady[day]) return true;
    return false;
  }

  academicYearAt(day: number): AcademicYearId {
    return day >= 0 && day < this.dates.length ? this.academicYear[day] : academicYearOf(this.dateAt(day));
  }
}

// Validations of the same program and range (the UI re-checks after edits, drafts compare two
// versions) share one clock; it is immutable apart from its cache of resolved instants.
const clocks = new Map<string, ZoneClock>();

/** The clock for a zone and run of dates, built once and reused (the 16 most recent). */
export function zoneClock(zone: string, first: IsoDate, last: IsoDate): ZoneClock {
  const key = `${zone}|${first}|${last}`;
  let clock = clocks.get(key);
  if (clock) {
    clocks.delete(key);
  } else {
    clock = new ZoneClock(zone, first, last);
    if (clocks.size >= 16) clocks.delete(clocks.keys().next().value!);
  }
  clocks.set(key, clock);
  return clock;
}
