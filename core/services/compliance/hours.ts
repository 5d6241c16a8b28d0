// Weekly duty hours of each resident across an academic year, with the rolling 28-day average
// the ACGME 80-hour rule checks. Hours come from the compliance engine's own duty model (real
// elapsed time in the program's zone, overlaps counted once, leave days left out of the average
// exactly as the program's 80-hour rule says), so the chart and the findings always agree.
import { DateTime } from 'luxon';
import { academicYearEnd, academicYearStart, addDays, daysBetween } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { RuleConfig } from '../../domain/types';
import { hoursSeries, weeklyHoursRule } from '../../rules/acgme-hours';
import { finish } from '../../rules/engine';
import { HOUR_MS } from '../../rules/clock';
import { PersonTimeline } from '../../rules/duty';
import { DEFAULT_WORK_PERIOD_BREAK_MINUTES } from '../../rules/duty-items';
import { complianceInput, personalInput, type ResolvedOptions } from '../../rules/input';
import { ScheduleState } from '../../rules/state';
import type { HoursResult, ResidentHours, WeekHours } from './types';

/** The engine's defaults for what the duty model reads (core/rules/engine.ts resolveOptions). */
const DUTY_OPTIONS: Omit<ResolvedOptions, 'asOf'> = {
  ruleIds: null,
  workPeriodBreakMs: DEFAULT_WORK_PERIOD_BREAK_MINUTES * 60_000,
  inpatientWeekActivityCode: 'FMIT',
};

type HoursParams = ReturnType<typeof weeklyHoursRule.params.parse>;

/** The program's 80-hour rule (the first enabled one), its params parsed with the rule's defaults. */
export function hoursRule(rules: readonly RuleConfig[]): { config: RuleConfig | null; params: HoursParams } {
  const config = rules.find((r) => r.type === weeklyHoursRule.type && r.enabled) ?? null;
  if (config) return { config, params: weeklyHoursRule.params.parse(config.params) };
  // No rule: plain hours, 28-day windows, nothing left out, no limit to draw.
  return {
    config: null,
    params: weeklyHoursRule.params.parse({ limitHours: 80, windowDays: 28, excludeLeave: false }),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Monday of the week holding a date (ISO weeks, Monday first). */
function mondayOf(date: string): string {
  const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday;
  return addDays(date, 1 - weekday);
}

/** Residents of the year (with a PGY level in it), optionally only some of them. */
function residentsOf(data: ProgramData, year: number, personIds?: readonly string[]) {
  const wanted = personIds?.length ? new Set(personIds) : null;
  return data.people
    .filter((p) => p.kind === 'resident' && p.pgyByYear[String(year)] !== undefined && (!wanted || wanted.has(p.id)))
    .map((p) => ({ person: p, pgy: p.pgyByYear[String(year)] ?? null }))
    .sort((a, b) => (b.pgy ?? 0) - (a.pgy ?? 0) || a.person.name.localeCompare(b.person.name));
}

export function yearHours(
  data: ProgramData,
  year: number,
  personIds?: readonly string[],
): Omit<HoursResult, 'draftId'> {
  return finish(yearHoursSteps(data, year, personIds));
}

/**
 * The same in steps: the schedule indexed a part at a time, then a resident at a time (a year's
 * residents at 150: 200 ms of CPU).
 */
export function* yearHoursSteps(
  data: ProgramData,
  year: number,
  personIds?: readonly string[],
): Generator<void, Omit<HoursResult, 'draftId'>> {
  const { config, params } = hoursRule(data.settings.rules);
  const W = params.windowDays;
  const firstWeek = mondayOf(academicYearStart(year));
  const lastWeek = mondayOf(academicYearEnd(year));
  // Look back a whole window before the first Monday so its rolling average is complete.
  const range = { start: firstWeek, end: addDays(lastWeek, 6) };
  // Hours read only a person's own duty: some people's need only their part of the program.
  const input = personIds?.length ? personalInput(data, range, personIds) : complianceInput(data, range);
  yield;
  // A year's schedule indexed a part at a time, as the validator's is.
  const state = yield* ScheduleState.steps(input, W + 1);
  const { clock } = state;
  const weekCount = daysBetween(firstWeek, lastWeek) / 7 + 1;
  const firstDay = clock.indexOf(firstWeek);
  const options: ResolvedOptions = { ...DUTY_OPTIONS, asOf: firstWeek };

  const residents: ResidentHours[] = [];
  for (const { person, pgy } of residentsOf(data, year, personIds)) {
    yield;
    const ps = state.person(person.id);
    const series = hoursSeries(state, ps, new PersonTimeline(state, ps, options), params);
    // Average hours a week of the window ending on day `last` (inclusive).
    const average = (last: number) => series.average(Math.max(0, last - W + 1), last + 1);
    const weeks: WeekHours[] = [];
    let maxAverage = 0;
    let maxAverageEnds: string | null = null;
    let weeksOver = 0;
    for (let w = 0; w < weekCount; w++) {
      const monday = firstDay + w * 7;
      const sunday = monday + 6;
      let peak = 0;
      let peakDay = sunday;
      for (let d = monday; d <= sunday; d++) {
        const a = average(d);
        if (a > peak) [peak, peakDay] = [a, d];
      }
      if (peak > maxAverage) [maxAverage, maxAverageEnds] = [peak, clock.dates[peakDay]];
      if (config && peak > params.limitHours + 1e-9) weeksOver++;
      weeks.push({
        start: clock.dates[monday],
        end: clock.dates[sunday],
        hours: round1(series.dutyMs(monday, sunday + 1) / HOUR_MS),
        rolling: round1(average(sunday)),
        peak: round1(peak),
      });
    }
    residents.push({
      personId: person.id,
      name: person.name,
      pgy,
      weeks,
      maxAverage: round1(maxAverage),
      maxAverageEnds,
      weeksOver,
    });
  }

  return {
    academicYear: year,
    limitHours: config ? params.limitHours : null,
    windowDays: W,
    includeMoonlighting: params.includeMoonlighting,
    residents,
  };
}
