// A person's schedule as real duty intervals (epoch ms): each duty half-day from its activity's
// start/end times, each duty call from its call type's times, each moonlighting entry. From
// those: the union (hours actually worked, never double-counted), work periods (scheduled work
// merged across short breaks), and duty per local day. Built once per person and version.
import type { Assignment } from '../domain/types';
import type { ZoneClock } from './clock';
import type { ResolvedOptions } from './input';
import { slotIndex, type PersonSchedule, type ScheduleState } from './state';

export type DutyKind = 'activity' | 'call' | 'moonlighting';

export interface DutyInterval {
  start: number;
  end: number;
  kind: DutyKind;
  /** Day index the item is dated on (a call's night, a half-day's date). */
  day: number;
  /** Slot index for half-days; −1 for calls and moonlighting. */
  slot: number;
  /** Activity code, call type code, or 'moonlighting'. */
  code: string;
  inHouseCall: boolean;
  /** Wall-clock length in ms (a 07:00–07:00 call is 24 h even on a 23-hour night). */
  nominalMs: number;
}

/** Scheduled work (half-days and calls) with no break of the configured length inside. */
export interface WorkPeriod {
  start: number;
  end: number;
  /** Indexes into the timeline's intervals (first … last, inclusive). */
  first: number;
  last: number;
  /** Longest wall-clock length of an in-house call in the period (0 when none). */
  inHouseCallMs: number;
}

const byStart = (a: DutyInterval, b: DutyInterval) =>
  a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function halfDayInterval(clock: ZoneClock, state: ScheduleState, a: Assignment, day: number): DutyInterval | null {
  if (!state.activity(a.activityCode).countsTowardDutyHours) return null;
  const times = state.activityMinutes.get(a.activityCode)![a.half];
  if (!times) return null;
  const [s, e] = times;
  return {
    start: clock.instant(day, s),
    end: clock.instant(day, e),
    kind: 'activity',
    day,
    slot: slotIndex(day, a.half),
    code: a.activityCode,
    inHouseCall: false,
    nominalMs: (e - s) * 60_000,
  };
}

export class PersonTimeline {
  /** Every duty interval, sorted by start. */
  readonly intervals: DutyInterval[];
  private unionCache: [Float64Array | null, Float64Array | null] = [null, null];
  private periodsCache: WorkPeriod[] | null = null;
  private dayCache: [Float64Array | null, Float64Array | null] = [null, null];

  constructor(
    private readonly state: ScheduleState,
    readonly ps: PersonSchedule,
    private readonly options: ResolvedOptions,
  ) {
    this.intervals = this.build();
  }

  private build(): DutyInterval[] {
    const { clock } = this.state;
    const out: DutyInterval[] = [];
    const days = clock.length;
    for (let slot = 0; slot < days * 2; slot++) {
      const list = this.ps.slots[slot];
      if (!list) continue;
      for (const a of list) {
        const interval = halfDayInterval(clock, this.state, a, slot >> 1);
        if (interval) out.push(interval);
      }
    }
    this.addInpatientWeekDays(out);
    for (const c of this.ps.calls) {
      const day = clock.indexOf(c.date);
      const type = this.state.callTypes.get(c.callTypeCode)!;
      if (day < 0 || !type.countsTowardDutyHours) continue;
      const [s, e] = this.state.callMinutes.get(c.callTypeCode)!;
      out.push({
        start: clock.instant(day, s),
        end: clock.instant(day, e),
        kind: 'call',
        day,
        slot: -1,
        code: c.callTypeCode,
        inHouseCall: type.inHouse,
        nominalMs: (e - s) * 60_000,
      });
    }
    for (const m of this.ps.moonlighting) {
      const start = clock.instantOfLocal(m.start);
      const end = clock.instantOfLocal(m.end);
      if (end <= start || end <= clock.dayStart[0] || start >= clock.dayStart[days]) continue;
      out.push({ start, end, kind: 'moonlighting', day: clock.dayOfInstant(start), slot: -1, code: 'moonlighting', inHouseCall: false, nominalMs: end - start });
    }
    return out.sort(byStart);
  }

  /** Inpatient-week slots left empty are on duty with the inpatient activity's times. */
  private addInpatientWeekDays(out: DutyInterval[]): void {
    const activity = this.state.activities.get(this.options.inpatientWeekActivityCode);
    if (!activity || !activity.countsTowardDutyHours) return;
    const { clock } = this.state;
    for (const week of this.ps.inpatientWeeks) {
      const from = Math.max(0, clock.offsetOf(week.start));
      const to = Math.min(clock.length - 1, clock.offsetOf(week.end));
      for (let day = from; day <= to; day++) {
        for (const half of ['AM', 'PM'] as const) {
          if (this.ps.slots[slotIndex(day, half)]?.length) continue;
          const filler: Assignment = { personId: this.ps.person.id, date: clock.dates[day], half, activityCode: activity.code, source: 'template', locked: false };
          const interval = halfDayInterval(clock, this.state, filler, day);
          if (interval) out.push(interval);
        }
      }
    }
  }

  /** Union of duty as [start0, end0, start1, end1, …]: overlapping or touching pieces joined. */
  union(includeMoonlighting: boolean): Float64Array {
    const key = includeMoonlighting ? 1 : 0;
    const cached = this.unionCache[key];
    if (cached) return cached;
    const pairs: number[] = [];
    for (const iv of this.intervals) {
      if (!includeMoonlighting && iv.kind === 'moonlighting') continue;
      const n = pairs.length;
      if (n && iv.start <= pairs[n - 1]) {
        if (iv.end > pairs[n - 1]) pairs[n - 1] = iv.end;
      } else pairs.push(iv.start, iv.end);
    }
    return (this.unionCache[key] = Float64Array.from(pairs));
  }

  /** Scheduled work periods: half-days and calls, joined across breaks shorter than the option. */
  periods(): WorkPeriod[] {
    if (this.periodsCache) return this.periodsCache;
    const out: WorkPeriod[] = [];
    const breakMs = this.options.workPeriodBreakMs;
    let current: WorkPeriod | null = null;
    this.intervals.forEach((iv, i) => {
      if (iv.kind === 'moonlighting') return;
      const callMs = iv.inHouseCall ? iv.nominalMs : 0;
      if (current && iv.start - current.end < breakMs) {
        if (iv.end > current.end) current.end = iv.end;
        current.last = i;
        if (callMs > current.inHouseCallMs) current.inHouseCallMs = callMs;
      } else {
        current = { start: iv.start, end: iv.end, first: i, last: i, inHouseCallMs: callMs };
        out.push(current);
      }
    });
    return (this.periodsCache = out);
  }

  /** Duty ms in each local day of the horizon (from the union, split at local midnights). */
  dutyPerDay(includeMoonlighting: boolean): Float64Array {
    const key = includeMoonlighting ? 1 : 0;
    const cached = this.dayCache[key];
    if (cached) return cached;
    const { clock } = this.state;
    const days = clock.length;
    const perDay = new Float64Array(days);
    const pairs = this.union(includeMoonlighting);
    for (let p = 0; p < pairs.length; p += 2) {
      let s = Math.max(pairs[p], clock.dayStart[0]);
      const e = pairs[p + 1];
      for (let day = s < e ? clock.dayOfInstant(s) : days; s < e && day < days; day++) {
        const dayEnd = clock.dayStart[day + 1];
        const pieceEnd = e < dayEnd ? e : dayEnd;
        perDay[day] += pieceEnd - s;
        s = pieceEnd;
      }
    }
    return (this.dayCache[key] = perDay);
  }

  /** Days with any scheduled item dated on them (duty half-day, duty call, moonlighting start). */
  workedDays(): Uint8Array {
    const worked = new Uint8Array(this.state.clock.length);
    for (const iv of this.intervals) if (iv.day >= 0 && iv.day < worked.length) worked[iv.day] = 1;
    return worked;
  }
}
