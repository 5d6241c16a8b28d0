// Where a faculty member's calls stand against their own inpatient week and against each other:
// one definition, read by the compliance rules (call_during_inpatient_week, call_near_inpatient_week,
// consecutive_call_nights), by the call model that generates calls (core/solver/models/call.ts) and
// by the demo generator, with the parameters of those rules, so what generation forbids or avoids
// is what is flagged.
import { z } from 'zod';
import { dayNumber } from './availability';
import { isoWeekday } from './calendar';
import type { InpatientWeek, IsoDate, IsoWeekday, ProgramSettings } from './types';

export const inpatientWeekCallParams = z.strictObject({
  /** Nights of the week the inpatient attending covers themselves (Friday, Saturday). */
  allowedWeekdays: z.array(z.number().int().min(1).max(7)).default([5, 6]),
  /** Nights right before the week that are not the attending's either (the Thursday before). */
  nightsBefore: z.number().int().min(0).max(7).default(1),
});
export type InpatientWeekCallParams = z.output<typeof inpatientWeekCallParams>;

export const nearInpatientWeekParams = z.strictObject({
  /** Nights before (beyond those the week forbids) and after the week that are "near" it. */
  days: z.number().int().min(0).max(28).default(7),
});
export type NearInpatientWeekParams = z.output<typeof nearInpatientWeekParams>;

/**
 * Why the attending of `week` may not take a call dated `date`: 'inside' the week on a night it
 * does not cover, or 'before' it (the nights right before the first day); null = not forbidden.
 */
export function ownWeekCallConflict(
  date: IsoDate,
  week: Pick<InpatientWeek, 'start' | 'end'>,
  p: InpatientWeekCallParams,
): 'inside' | 'before' | null {
  if (date >= week.start && date <= week.end) return p.allowedWeekdays.includes(isoWeekday(date)) ? null : 'inside';
  const before = dayNumber(week.start) - dayNumber(date);
  return before >= 1 && before <= p.nightsBefore ? 'before' : null;
}

/** Whether a call dated `date` is near `week` (within `days` nights around the nights it forbids). */
export function nearOwnWeek(
  date: IsoDate,
  week: Pick<InpatientWeek, 'start' | 'end'>,
  near: NearInpatientWeekParams,
  p: InpatientWeekCallParams,
): boolean {
  const before = dayNumber(week.start) - dayNumber(date);
  const after = dayNumber(date) - dayNumber(week.end);
  return (before > p.nightsBefore && before <= p.nightsBefore + near.days) || (after >= 1 && after <= near.days);
}

/** Whether `date` is a night the person's own inpatient week covers (its weekend call). */
export function coveredByOwnWeek(
  date: IsoDate,
  weeks: readonly Pick<InpatientWeek, 'start' | 'end'>[],
  p: InpatientWeekCallParams,
): boolean {
  return weeks.some(
    (w) => date >= w.start && date <= w.end && p.allowedWeekdays.includes(isoWeekday(date) as IsoWeekday),
  );
}

/** Runs of two or more consecutive nights among sorted, distinct call dates. */
export function consecutiveRuns(dates: readonly IsoDate[]): IsoDate[][] {
  const runs: IsoDate[][] = [];
  let run: IsoDate[] = [];
  for (const d of dates) {
    if (run.length && dayNumber(d) === dayNumber(run[run.length - 1]) + 1) run.push(d);
    else {
      if (run.length > 1) runs.push(run);
      run = [d];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

export interface CallPatternParams {
  week: InpatientWeekCallParams;
  near: NearInpatientWeekParams;
}
const paramsMemo = new WeakMap<ProgramSettings, CallPatternParams>();

/** The rules' parameters as the program sets them (its first enabled rule of each type), else the defaults. */
export function callPatternParams(settings: ProgramSettings): CallPatternParams {
  let memo = paramsMemo.get(settings);
  if (memo) return memo;
  const params = <T>(type: string, schema: z.ZodType<T>): T => {
    const rule = settings.rules.find((r) => r.type === type && r.enabled);
    const parsed = schema.safeParse(rule?.params ?? {});
    return parsed.success ? parsed.data : schema.parse({});
  };
  memo = {
    week: params('call_during_inpatient_week', inpatientWeekCallParams),
    near: params('call_near_inpatient_week', nearInpatientWeekParams),
  };
  paramsMemo.set(settings, memo);
  return memo;
}
