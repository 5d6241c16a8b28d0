// The Curtois & Qu (2014) shift-scheduling benchmark instance, as the text format describes it.
// Every instance starts on a Monday; days are 0-based.

export interface CurtoisShift {
  id: string;
  minutes: number;
  /** Shifts that may not be worked the day after this one. */
  cannotFollow: string[];
}

export interface CurtoisStaff {
  id: string;
  /** Max number of each shift type; a type not listed is unlimited. */
  maxShifts: Record<string, number>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
  /** Days this employee may not work (SECTION_DAYS_OFF). */
  daysOff: number[];
}

export interface CurtoisRequest {
  staff: string;
  day: number;
  shift: string;
  weight: number;
}

export interface CurtoisCover {
  day: number;
  shift: string;
  requirement: number;
  underWeight: number;
  overWeight: number;
}

export interface CurtoisInstance {
  name: string;
  horizonDays: number;
  shifts: CurtoisShift[];
  staff: CurtoisStaff[];
  onRequests: CurtoisRequest[];
  offRequests: CurtoisRequest[];
  cover: CurtoisCover[];
}

/** A solution: per employee id, per day, the shift id worked or null (off). */
export type CurtoisRoster = Record<string, (string | null)[]>;
