// A person's schedule as real duty intervals (epoch ms), built from the one definition of what
// counts (duty-items.ts): duty half-days, in-house and home calls, callbacks, moonlighting. From
// those: the union of work (hours actually worked, never double-counted), the union of busy time
// (work and home call: what is not free), work periods (work merged across short breaks), and
// duty per local day. Built once per person and version.
import type { Assignment } from '../domain/types';
import {
  callbackPiece,
  callPiece,
  halfDayPiece,
  isScheduledWork,
  isWork,
  joinsPeriod,
  moonlightingPiece,
  splitByDay,
  unionOf,
  type DutyKind,
  type DutyPiece,
} from './duty-items';
import type { ResolvedOptions } from './input';
import { slotIndex, type PersonSchedule, type ScheduleState } from './state';

export type { DutyKind, DutyPiece } from './duty-items';

/** A piece of duty of the person's timeline (dated on a day of the horizon). */
export type DutyInterval = DutyPiece;

/** Work (half-days, in-house calls, callbacks, moonlighting) with no break of the configured length inside. */
export interface WorkPeriod {
  start: number;
  end: number;
  /** Indexes into the timeline's intervals (first … last, inclusive; home calls in between are skipped). */
  first: number;
  last: number;
  /** Longest wall-clock length of an in-house call in the period (0 when none). */
  inHouseCallMs: number;
  /** When the period's last piece of new patient care ends (its start when there is none). */
  patientCareEnd: number;
}

/** What a union or a per-day total takes in. */
export interface DutyMeasure {
  /** Count moonlighting (ACGME: always; a program may look at scheduled duty alone). */
  moonlighting: boolean;
  /** Count home call too: busy time rather than work (for free days and leave days). */
  homeCall: boolean;
}
const measureKey = (m: DutyMeasure) => (m.moonlighting ? 1 : 0) + (m.homeCall ? 2 : 0);
/** Everything that keeps time from being free. */
export const BUSY: DutyMeasure = { moonlighting: true, homeCall: true };

const KIND_ORDER: Record<DutyKind, number> = { activity: 0, call: 1, homeCall: 2, callback: 3, moonlighting: 4 };
/** A total order of pieces (pieces equal under it are equal in every field): a timeline derived equals one built. */
const byStart = (a: DutyInterval, b: DutyInterval) =>
  a.start - b.start ||
  a.end - b.end ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
  a.day - b.day ||
  a.slot - b.slot;

/** Two lists sorted by `byStart`, merged into one. */
function mergeSorted(a: DutyInterval[], b: DutyInterval[]): DutyInterval[] {
  const out: DutyInterval[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byStart(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Moonlighting and callbacks are dated by their instants, not by the day an edit names: always rebuilt whole. */
const timed = (iv: DutyInterval) => iv.kind === 'moonlighting' || iv.kind === 'callback';

export class PersonTimeline {
  /** Every duty interval, sorted by start. */
  readonly intervals: DutyInterval[];
  private readonly unionCache = new Map<number, Float64Array>();
  private readonly dayCache = new Map<number, Float64Array>();
  private periodsCache: WorkPeriod[] | null = null;
  private scheduledPeriodsCache: WorkPeriod[] | null = null;

  /**
   * `since`: the person's timeline before some edits and the days those edits changed (half-days,
   * calls, inpatient weeks dated on them): only those days' pieces (and the timed ones) are built
   * again; the rest is taken from it. The result is the timeline built whole.
   */
  constructor(
    private readonly state: ScheduleState,
    readonly ps: PersonSchedule,
    private readonly options: ResolvedOptions,
    since?: { timeline: PersonTimeline; from: number; to: number },
  ) {
    if (!since) {
      this.intervals = this.build(0, state.clock.length - 1).sort(byStart);
      return;
    }
    const from = Math.max(0, since.from);
    const to = Math.min(state.clock.length - 1, since.to);
    const kept = since.timeline.intervals.filter((iv) => !timed(iv) && (iv.day < from || iv.day > to));
    this.intervals = mergeSorted(kept, (from <= to ? this.build(from, to) : this.timedPieces([])).sort(byStart));
  }

  /** The pieces dated on days from … to, and every moonlighting shift and callback. */
  private build(from: number, to: number): DutyInterval[] {
    const { clock } = this.state;
    const out: DutyInterval[] = [];
    for (let slot = from * 2; slot <= to * 2 + 1; slot++) {
      const list = this.ps.slots[slot];
      if (!list) continue;
      for (const a of list) this.addHalfDay(out, a, slot >> 1);
    }
    this.addInpatientWeekDays(out, from, to);
    for (const c of this.ps.calls) {
      const day = clock.indexOf(c.date);
      if (day < from || day > to) continue;
      const piece = callPiece(
        clock,
        this.state.callTypes.get(c.callTypeCode)!,
        day,
        this.state.callMinutes.get(c.callTypeCode),
      );
      if (piece) out.push(piece);
    }
    return this.timedPieces(out);
  }

  private timedPieces(out: DutyInterval[]): DutyInterval[] {
    const { clock } = this.state;
    const inHorizon = (p: DutyPiece | null): p is DutyPiece =>
      !!p && p.end > clock.dayStart[0] && p.start < clock.dayStart[clock.length];
    for (const m of this.ps.moonlighting) {
      const piece = moonlightingPiece(clock, m);
      if (inHorizon(piece)) out.push(piece);
    }
    for (const c of this.ps.callbacks) {
      const piece = callbackPiece(clock, c);
      if (inHorizon(piece)) out.push(piece);
    }
    return out;
  }

  private addHalfDay(out: DutyInterval[], a: Assignment, day: number): void {
    const piece = halfDayPiece(
      this.state.clock,
      this.state.activity(a.activityCode),
      a.half,
      day,
      this.state.activityMinutes.get(a.activityCode)![a.half],
    );
    if (piece) out.push(piece);
  }

  /** Inpatient-week slots left empty are on duty with the inpatient activity's times. */
  private addInpatientWeekDays(out: DutyInterval[], first: number, last: number): void {
    const activity = this.state.activities.get(this.options.inpatientWeekActivityCode);
    if (!activity || !activity.countsTowardDutyHours) return;
    const { clock } = this.state;
    for (const week of this.ps.inpatientWeeks) {
      const from = Math.max(first, clock.offsetOf(week.start));
      const to = Math.min(last, clock.offsetOf(week.end));
      for (let day = from; day <= to; day++) {
        for (const half of ['AM', 'PM'] as const) {
          if (this.ps.slots[slotIndex(day, half)]?.length) continue;
          this.addHalfDay(
            out,
            {
              personId: this.ps.person.id,
              date: clock.dates[day],
              half,
              activityCode: activity.code,
              source: 'template',
              locked: false,
            },
            day,
          );
        }
      }
    }
  }

  private counted(iv: DutyInterval, m: DutyMeasure): boolean {
    if (iv.kind === 'moonlighting' && !m.moonlighting) return false;
    return isWork(iv.kind) || m.homeCall;
  }

  /** Union of work (or busy time) as [start0, end0, start1, end1, …]: overlapping or touching pieces joined. */
  union(measure: DutyMeasure): Float64Array {
    const key = measureKey(measure);
    let cached = this.unionCache.get(key);
    if (!cached)
      this.unionCache.set(
        key,
        (cached = unionOf(
          this.intervals.filter((iv) => this.counted(iv, measure)),
          true,
        )),
      );
    return cached;
  }

  /**
   * Work periods: half-days, in-house calls, callbacks and moonlighting, joined across breaks
   * shorter than the option. Home call is not work and neither joins nor breaks a period.
   */
  periods(): WorkPeriod[] {
    if (!this.periodsCache) this.periodsCache = workPeriods(this.intervals, this.options.workPeriodBreakMs);
    return this.periodsCache;
  }

  /** Work periods of scheduled work alone (callbacks left out: `isScheduledWork`), for the rest between them. */
  scheduledPeriods(): WorkPeriod[] {
    this.scheduledPeriodsCache ??= workPeriods(this.intervals, this.options.workPeriodBreakMs, isScheduledWork);
    return this.scheduledPeriodsCache;
  }

  /** Work (or busy) ms in each local day of the horizon (from the union, split at local midnights). */
  dutyPerDay(measure: DutyMeasure): Float64Array {
    const key = measureKey(measure);
    const cached = this.dayCache.get(key);
    if (cached) return cached;
    const { clock } = this.state;
    const perDay = new Float64Array(clock.length);
    const pairs = this.union(measure);
    for (let p = 0; p < pairs.length; p += 2)
      splitByDay(clock, pairs[p], pairs[p + 1], (day, ms) => (perDay[day] += ms));
    this.dayCache.set(key, perDay);
    return perDay;
  }

  /** Days with any scheduled item dated on them (duty half-day, call of any kind, callback, moonlighting start). */
  workedDays(): Uint8Array {
    const worked = new Uint8Array(this.state.clock.length);
    for (const iv of this.intervals) if (iv.day >= 0 && iv.day < worked.length) worked[iv.day] = 1;
    return worked;
  }
}

/**
 * The one definition of a work period: pieces of work (sorted by start) joined while the next
 * starts less than `breakMs` after the period so far ends. Home call is not work and neither
 * joins nor breaks a period; `counts` may leave out more (callbacks, for the rest between
 * scheduled work). `first`/`last` index into `pieces`.
 */
export function workPeriods(
  pieces: readonly DutyPiece[],
  breakMs: number,
  counts: (kind: DutyKind) => boolean = isWork,
): WorkPeriod[] {
  const out: WorkPeriod[] = [];
  let current: WorkPeriod | null = null;
  pieces.forEach((iv, i) => {
    if (!counts(iv.kind)) return;
    const callMs = iv.inHouseCall ? iv.nominalMs : 0;
    if (current && joinsPeriod(current.end, iv.start, breakMs)) {
      if (iv.end > current.end) current.end = iv.end;
      current.last = i;
      if (callMs > current.inHouseCallMs) current.inHouseCallMs = callMs;
      if (iv.patientCare && iv.end > current.patientCareEnd) current.patientCareEnd = iv.end;
    } else {
      current = {
        start: iv.start,
        end: iv.end,
        first: i,
        last: i,
        inHouseCallMs: callMs,
        patientCareEnd: iv.patientCare ? iv.end : iv.start,
      };
      out.push(current);
    }
  });
  return out;
}

/** For a human: "LD call", "HC home call", "callback", "moonlighting", or the activity code. */
export function pieceLabel(iv: { kind: DutyKind; code: string }): string {
  if (iv.kind === 'call') return `${iv.code} call`;
  if (iv.kind === 'homeCall') return `${iv.code} home call`;
  return iv.kind === 'activity' ? iv.code : iv.kind;
}
