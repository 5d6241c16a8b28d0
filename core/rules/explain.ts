// Wording of findings: numbers, dates and windows as a coordinator reads them
// ("86.5 h/week averaged over Mar 12 – Apr 8; limit 80").
import { DateTime } from 'luxon';
import type { IsoDate, Slot } from '../domain/types';

const HOUR_MS = 3_600_000;

import { formatNumber, plural, trimZeros } from '../domain/words';

export { formatNumber, plural };

export function formatHours(ms: number, limitHours?: number): string {
  return formatNumber(ms / HOUR_MS, limitHours);
}

function calendarDate(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' });
}

// Findings repeat the same few hundred dates; luxon formats each once.
const dateLabels = new Map<IsoDate, string>();

/** "Mar 12". */
export function formatDate(date: IsoDate): string {
  let label = dateLabels.get(date);
  if (label === undefined) {
    if (dateLabels.size > 20_000) dateLabels.clear();
    dateLabels.set(date, (label = calendarDate(date).toFormat('LLL d')));
  }
  return label;
}

/** "Mar 12, 2027". */
export function formatLongDate(date: IsoDate): string {
  return `${formatDate(date)}, ${date.slice(0, 4)}`;
}

/** "Mar 12 – Apr 8"; years are shown when the two dates fall in different years. */
export function formatDateRange(start: IsoDate, end: IsoDate): string {
  if (start === end) return formatDate(start);
  if (start.slice(0, 4) !== end.slice(0, 4))
    return `${formatDate(start)}, ${start.slice(0, 4)} – ${formatDate(end)}, ${end.slice(0, 4)}`;
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** "Mar 12 AM". */
export function formatSlot(slot: Slot): string {
  return `${formatDate(slot.date)} ${slot.half}`;
}

/** An instant as local wall-clock time in the program's zone: "Mar 12 07:00". */
export function formatInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone, locale: 'en-US' }).toFormat('LLL d HH:mm');
}

/** Lists a few items in full and counts the rest: "Mar 3 AM, Mar 4 PM and 5 more". */
export function listShort(items: string[], max = 3): string {
  if (items.length <= max)
    return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** A multiplier such as a day type's capacity scale, exact to two decimals (0.25, not 0.3). */
export function formatScale(value: number): string {
  return trimZeros(value.toFixed(2));
}
