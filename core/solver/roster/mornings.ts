// A night's morning in the day windows of free days (RosterWindow.nightBeforeEnd), read off a line: the
// line check counts these, and the MILP's columns for them are set from them (encodeGrid), so both read
// a line one way.
import type { CompiledRoster } from './problem';

export interface NightMornings {
  /** early[k * (D + 1) + d] (d ≥ 1): the first start on day d or after leaves a morning after busyNights[k] busy. */
  early: Uint8Array;
  /** morning[d]: day d is a night's morning the next start leaves short of a free day (counts as worked). */
  morning: Uint8Array;
  /**
   * afterNight[d] (d ≤ D): no shift from the last one before day d through d, that one ran past midnight and
   * its morning is not counted in `morning` (d = D: past the horizon).
   */
  afterNight: Uint8Array;
}

export function nightMorningsScratch(c: CompiledRoster): NightMornings {
  return {
    early: new Uint8Array(c.busyNights.length * (c.D + 1)),
    morning: new Uint8Array(c.D),
    afterNight: new Uint8Array(c.D + 1),
  };
}

/** Fill `out` for staff member s's line. */
export function readNightMornings(c: CompiledRoster, s: number, line: ArrayLike<number>, out: NightMornings): void {
  const { D, T, busyNights } = c;
  const { early, morning, afterNight } = out;
  for (let k = 0; k < busyNights.length; k++) {
    const t = busyNights[k];
    const at = k * (D + 1);
    early[at + D] = c.busyBefore[(s * (D + 1) + D) * T + t];
    for (let d = D - 1; d >= 1; d--) {
      const u = line[d];
      early[at + d] = c.busyBefore[(s * (D + 1) + d) * T + t]
        ? 1
        : u >= 0
          ? c.busyMorning[t * T + u]
          : early[at + d + 1];
    }
  }
  morning[0] = 0;
  for (let d = 1; d < D; d++) {
    const prev = line[d - 1];
    const k = line[d] < 0 && prev >= 0 && !c.dayOff[s * D + d] ? busyNights.indexOf(prev) : -1;
    morning[d] = k >= 0 ? early[k * (D + 1) + d + 1] : 0;
  }
  afterNight[0] = 0;
  for (let d = 1; d <= D; d++) {
    const t = d < D ? line[d] : -1;
    const prev = line[d - 1];
    if (t >= 0) afterNight[d] = 0;
    else if (prev >= 0) afterNight[d] = c.nextMinutes[prev] > 0 && !(d < D && morning[d]) ? 1 : 0;
    else afterNight[d] = afterNight[d - 1];
  }
}
