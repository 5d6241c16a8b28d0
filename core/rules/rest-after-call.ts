// When a person is free again after in-house call: the one definition of the ACGME rest after a
// long call (at least `minRestHours` free after `afterHours` of in-house call). The compliance rule
// (acgme-periods), the half-day generator's rest cells and its lock warnings all ask it.
import { HOUR_MS } from './clock';

export interface RestAfterCallParams {
  minRestHours: number;
  afterHours: number;
}

/** Work that may hold a long call: its real span and its longest in-house call by the clock. */
export interface WorkBeforeRest {
  start: number;
  end: number;
  inHouseCallMs: number;
}

/**
 * The instant (epoch ms) the person is free again after this work: its end plus the rest owed, or
 * null when it owes none. "24 hours of in-house call" counts by the call's scheduled length (a
 * 24-hour call on the spring-forward night is 23 real hours) or by the real length of the work.
 */
export function freeAgainAfter(work: WorkBeforeRest, p: RestAfterCallParams): number | null {
  const afterMs = p.afterHours * HOUR_MS;
  if (!work.inHouseCallMs || (work.inHouseCallMs < afterMs && work.end - work.start < afterMs)) return null;
  return work.end + p.minRestHours * HOUR_MS;
}
