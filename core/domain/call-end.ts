// Where a call ends in real time: one definition, read by the duty rules (core/rules/duty-items
// callPiece: validator, generators, contingency) and by the calendar export, so the calendar shows
// the hours the rules count.
import type { CallType } from './types';

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Minutes a call type is scheduled for on an ordinary night (an end at or before its start is the next day). */
export function scheduledCallMinutes(type: Pick<CallType, 'start' | 'end'>): number {
  const length = minutesOf(type.end) - minutesOf(type.start);
  return length > 0 ? length : length + 24 * 60;
}

/**
 * The real end of a call (epoch ms) from its start and its end on the clock. Only the night the
 * clocks fall back differs: by default ('scheduled_hours') the call lasts its scheduled hours and
 * ends an hour earlier on the clock; 'clock_end' keeps the clock end (an hour longer). On the
 * spring-forward night the clock end comes first either way (an hour shorter).
 */
export function callEndInstant(
  type: Pick<CallType, 'clockChange'>,
  start: number,
  clockEnd: number,
  scheduledMinutes: number,
): number {
  if (type.clockChange === 'clock_end') return clockEnd;
  return Math.min(clockEnd, start + scheduledMinutes * 60_000);
}
