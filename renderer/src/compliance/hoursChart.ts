// The weekly-hours chart's data: one point per ISO week with the week's hours, the rolling
// 28-day average, and labels. Pure, so the chart component stays a thin recharts layout.
import type { ResidentHours } from '../../../core/api/contract';
import { addDays, formatRange } from '../lib/dates';

export interface HoursPoint {
  start: string;
  label: string;
  range: string;
  hours: number;
  rolling: number;
  peak: number;
  over: boolean;
  near: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Oct 5` for the week's Monday. */
export function weekLabel(start: string): string {
  return `${MONTHS[Number(start.slice(5, 7)) - 1]} ${Number(start.slice(8, 10))}`;
}

export function hoursPoints(r: ResidentHours, limit: number | null, nearShare = 0.9): HoursPoint[] {
  return r.weeks.map((w) => ({
    start: w.start,
    label: weekLabel(w.start),
    range: formatRange(w.start, w.end),
    hours: w.hours,
    rolling: w.rolling,
    peak: w.peak,
    over: limit !== null && w.peak > limit,
    near: limit !== null && w.peak >= limit * nearShare,
  }));
}

/** The week holding a date, if the series has it. */
export function weekOf(points: readonly HoursPoint[], date: string): HoursPoint | null {
  return points.find((p) => p.start <= date && date <= addDays(p.start, 6)) ?? null;
}
