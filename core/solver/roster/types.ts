// The general shift-rostering problem: staff × days × shift types, hard rules per staff member and
// soft goals (requests, cover). Domain-neutral and pure data: the Curtois benchmark, faculty call
// nights (cover 1 per night, spacing, preferences as requests) and similar rosters all map to it.
// Days are 0-based indices into the horizon; what a "day" is (a date, a night) is the caller's.

export interface RosterShiftType {
  id: string;
  /** Length in minutes, counted by the staff minute limits. */
  minutes: number;
  /** Shift types that may not be worked the day after this one. */
  forbiddenNext: string[];
  /**
   * Minutes of the shift after midnight (a night shift's morning): in day windows they count on
   * the day after the shift's day. Default 0.
   */
  minutesNextDay?: number;
  /**
   * With minutesNextDay: the shift types that, started two days after this one with no shift on the day
   * between, leave that day less than a free day (this shift's morning ends later in the day than they
   * start). In day windows with nightBeforeEnd that day then counts as worked. Default none.
   */
  busyMorningBefore?: string[];
}

/**
 * A limit over a stretch of days (inclusive): most shift minutes (a shift's `minutesNextDay`
 * count on the next day) and most days with a shift. Rolling limits that reach outside the
 * horizon (80 hours a week over 28 days, days off, consecutive days after the days before) are
 * given as windows clipped to it, with what the days outside already hold taken off the limit.
 */
export interface RosterWindow {
  from: number;
  to: number;
  maxMinutes?: number;
  maxDays?: number;
  /**
   * With maxDays, for free days that are 24-hour stretches: a day without a shift after a night counts
   * as worked when the next start (a shift in busyMorningBefore, or a staff member's busyBefore duty)
   * leaves it less than a free day; and the days without a shift at the window's end count one day more
   * when they follow a night whose morning is not counted so (the window's end cuts the stretch).
   * 'pastEnd': `to` is the horizon's last day and the window goes on past it, so a night on `to` counts.
   */
  nightBeforeEnd?: 'end' | 'pastEnd';
}

/** Hard rules of one staff member. An omitted limit does not apply. */
export interface RosterStaff {
  id: string;
  /** Maximum number of each shift type over the horizon (0 = never this type). */
  maxShifts?: Record<string, number>;
  minMinutes?: number;
  maxMinutes?: number;
  /** Longest run of consecutive working days. */
  maxConsecutive?: number;
  /** Shortest run of working days; runs touching the horizon's first or last day are exempt. */
  minConsecutive?: number;
  /** Shortest run of days off between two working runs; runs touching the horizon edges are exempt. */
  minConsecutiveOff?: number;
  /** Most weekends (see RosterProblem.weekends) with at least one working day. */
  maxWeekends?: number;
  /** Days this staff member may not work at all. */
  daysOff?: number[];
  /** Shifts this staff member may not work on a given day (the rest of the day stays open). */
  shiftsOff?: { day: number; shift: string }[];
  /** Limits over stretches of days. */
  windows?: RosterWindow[];
  /**
   * Duty outside the roster that starts on `day` (1 … days; `days` is the day after the horizon) early
   * enough that the day before it is less than a free day after a night of the shift types `after` on
   * the day before that (as busyMorningBefore).
   */
  busyBefore?: { day: number; after: string[] }[];
}

/** A wish to work (on) or not work (off) a given shift on a given day; the weight is the cost of not honouring it. */
export interface RosterRequest {
  staff: string;
  day: number;
  shift: string;
  weight: number;
}

/** Soft cover: each missing person costs `underWeight`, each extra person `overWeight`. */
export interface RosterCover {
  day: number;
  shift: string;
  requirement: number;
  underWeight: number;
  overWeight: number;
}

/** A locked cell: this staff member works `shift` that day, or is off when `shift` is null. */
export interface RosterFixedCell {
  staff: string;
  day: number;
  shift: string | null;
}

export interface RosterProblem {
  days: number;
  shifts: RosterShiftType[];
  staff: RosterStaff[];
  /** Groups of days that count as one weekend for `maxWeekends` (e.g. [[5, 6], [12, 13]]). */
  weekends: number[][];
  onRequests: RosterRequest[];
  offRequests: RosterRequest[];
  cover: RosterCover[];
  fixed?: RosterFixedCell[];
}

/** A roster: for each staff member (problem order) and day, the shift index worked or -1 (off). */
export type RosterGrid = Int16Array[];

export interface RosterProgress {
  elapsedSec: number;
  /** Objective of the best roster so far, null before the first one. */
  objective: number | null;
  /** Best proven lower bound, null when none is known. */
  bound: number | null;
  gap: number | null;
  /**
   * construct: first roster; anneal: simulated annealing; relaxation: the LP relaxation of the
   * whole model; columns: column generation; improve: fix-and-optimize; exact: whole MILP.
   */
  phase: 'construct' | 'anneal' | 'relaxation' | 'columns' | 'exact' | 'improve' | 'done';
  /** Fix-and-optimize sub-solves done so far. */
  iterations: number;
}

export interface RosterImprovement {
  elapsedSec: number;
  objective: number;
  phase: RosterProgress['phase'];
}

/** One run of a phase: when it ran and what it brought (the incumbent and the bound before and after). */
export interface RosterPhaseRecord {
  phase: RosterProgress['phase'];
  startSec: number;
  endSec: number;
  objectiveBefore: number | null;
  objectiveAfter: number | null;
  boundBefore: number | null;
  boundAfter: number | null;
  /** MILPs and LPs the phase solved. */
  solves: number;
}

export interface RosterResult {
  status: 'optimal' | 'feasible' | 'infeasible' | 'no_solution';
  /** Best roster found (shift ids, null = off), staff in problem order; null when none. */
  roster: (string | null)[][] | null;
  grid: RosterGrid | null;
  objective: number | null;
  bound: number | null;
  elapsedSec: number;
  /** Seconds to the first feasible roster and to the best one. */
  firstFeasibleSec: number | null;
  bestSec: number | null;
  iterations: number;
  /** Every new best roster, in order. */
  improvements: RosterImprovement[];
  /** Every phase run, in order: where the time went and what each brought. */
  phases: RosterPhaseRecord[];
  stoppedBy: 'optimal' | 'time_limit' | 'stop' | 'infeasible';
  message: string;
  /** Size of the MILP the search worked on. */
  size: { variables: number; integers: number; rows: number; nonzeros: number };
}
