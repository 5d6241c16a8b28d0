// The ways someone can cover a requirement a loss leaves: take a call, take an inpatient week,
// precept in a slot, take a procedure session, take a run of an inpatient team or night float.
// Each cover action lists the cells it changes (with what it forces: post-call after a call, the
// day off after an inpatient week, rest after a night), its cost in the sacrifice order, and what
// it adds to the person's rolling ACGME windows. Only people available on the day (the program's
// availability), not gone, in cells a repair may take them from, are candidates.
import type { ChangeReason } from '../../domain/contingency';
import { spanMinutes, type Baseline } from './baseline';
import { cellRole, COST, DISPLACEABLE, type CellRole } from './levels';
import { ownWeekCallConflict } from '../../domain/call-patterns';
import { addDays } from '../../domain/calendar';
import type { IsoDate } from '../../domain/types';
import { firstDutyStarts, restOwedAfter } from '../../domain/rest-after-call';
import { isGoneAt, type CallHole, type Loss, type ProcedureHole, type TeamHole, type WeekHole } from './loss';

export interface CellChange {
  personId: string;
  day: number;
  half: number;
  from: string | null;
  to: string | null;
  reason: ChangeReason;
}

export interface Action {
  /** Requirement it serves: a hole id, or `supervision|<slot>`. */
  requirement: string;
  personId: string;
  cost: number;
  changes: CellChange[];
  call?: { day: number; callTypeCode: string; from: string };
  week?: { start: string; end: string; from: string };
  /** Cells (day × 2 + half) of the person it takes; two actions of one person may not share one. */
  occupied: number[];
  /** Supervising faculty added (+1) or taken away (−1) per slot. */
  supply: Map<number, number>;
  /** Duty hours added per day (positive part). */
  hours: Map<number, number>;
  /** Days that were free of duty and no longer are. */
  freeLost: number[];
  /** In-house call nights taken. */
  inHouseCalls: number[];
  /** Night of a call taken (one call a night). */
  night: number | null;
  /** Days of an inpatient week taken (no call on other nights of it). */
  weekSpan: [number, number] | null;
  /** What the person gives up: code and role. */
  gives: { code: string; role: CellRole }[];
}

/** Builds one action; `ok` turns false as soon as something rules the candidate out. */
class ActionDraft {
  ok = true;
  readonly action: Action;
  private readonly dayHours = new Map<number, number>();

  constructor(
    private readonly b: Baseline,
    private readonly loss: Loss,
    personId: string,
    requirement: string,
    baseCost: number,
  ) {
    this.action = {
      requirement,
      personId,
      cost: baseCost,
      changes: [],
      occupied: [],
      supply: new Map(),
      hours: new Map(),
      freeLost: [],
      inHouseCalls: [],
      night: null,
      weekSpan: null,
      gives: [],
    };
  }

  private addHours(day: number, h: number): void {
    if (h !== 0) this.dayHours.set(day, (this.dayHours.get(day) ?? 0) + h);
  }

  /** Change the person's cell to `to` (null = clear it). */
  set(day: number, half: number, to: string | null, reason: ChangeReason): this {
    if (!this.ok) return this;
    const { b } = this;
    const personId = this.action.personId;
    if (day < 0 || day >= b.length || isGoneAt(this.loss, personId, day)) return this.fail();
    const slot = day * 2 + half;
    if (this.action.occupied.includes(slot)) return this;
    const role = cellRole(b, personId, day, half);
    if (!(role in DISPLACEABLE)) return this.fail();
    const from = b.cell(personId, day, half)?.activityCode ?? null;
    this.action.occupied.push(slot);
    if (from === to) return this;
    this.action.cost += COST.change + (COST.role[role] ?? 0);
    this.action.changes.push({ personId, day, half, from, to, reason });
    if (from !== null) this.action.gives.push({ code: from, role });
    const supervises = (code: string | null) => code !== null && b.activity(code).providesSupervision;
    if (b.people.get(personId)!.kind === 'faculty' && supervises(from) !== supervises(to))
      this.action.supply.set(slot, (this.action.supply.get(slot) ?? 0) + (supervises(to) ? 1 : -1));
    const [oldOn, oldNext] = from !== null ? b.cellHours(from, day, half) : [0, 0];
    const [newOn, newNext] = to !== null ? b.cellHours(to, day, half) : [0, 0];
    this.addHours(day, newOn - oldOn);
    this.addHours(day + 1, newNext - oldNext);
    if (to !== null && b.isDuty(to, half)) {
      this.loseFree(day);
      const span = cellSpan(b, to, day, half, day);
      if (span && b.clashesWithLongCall(personId, day, span[0], span[1], changedMap(this.action))) return this.fail();
      // Nor over their moonlighting or a callback (a double booking).
      if (span && b.overlapsTimedDuty(personId, day, span[0], span[1])) return this.fail();
      // Nor joined with them into work longer than the continuous-work limit.
      if (span && b.joinsTimedDutyTooLong(personId, day, span[0], span[1], changedMap(this.action))) return this.fail();
      // Night work runs into the next morning: nothing else may be put there.
      if (span && span[1] > 24 * 60) this.occupy(day + 1, 0);
    }
    return this;
  }

  /** Reserve a cell the action needs untouched by other actions (a call running through it). */
  occupy(day: number, half: number): this {
    const slot = day * 2 + half;
    if (day >= 0 && day < this.b.length && !this.action.occupied.includes(slot)) this.action.occupied.push(slot);
    return this;
  }

  loseFree(day: number): this {
    if (
      day >= 0 &&
      day < this.b.length &&
      this.b.freeDays(this.action.personId)[day] &&
      !this.action.freeLost.includes(day)
    )
      this.action.freeLost.push(day);
    return this;
  }

  callHours(callTypeCode: string, day: number): this {
    const [on, next] = this.b.callHours(callTypeCode, day);
    this.addHours(day, on);
    this.addHours(day + 1, next);
    // Any call, home call too, keeps the days it touches from being free.
    for (const d of this.b.callDays(callTypeCode, day)) this.loseFree(d);
    return this;
  }

  fail(): this {
    this.ok = false;
    return this;
  }

  done(): Action | null {
    if (!this.ok) return null;
    for (const [day, h] of this.dayHours) if (h > 1e-9) this.action.hours.set(day, h);
    return this.action;
  }
}

/** Minutes [start, end) of a person's duty cell, relative to midnight of `day0`. */
function cellSpan(b: Baseline, code: string, day: number, half: number, day0: number): [number, number] | null {
  const a = b.activity(code);
  const range = half === 0 ? a.am : a.pm;
  if (!a.countsTowardDutyHours || !range) return null;
  const [s, e] = spanMinutes(range.start, range.end);
  const shift = (day - day0) * 24 * 60;
  return [s + shift, e + shift];
}

/** Whether any duty cell of the person (after `changes`) overlaps [from, to) minutes after midnight of day0. */
function dutyOverlaps(
  b: Baseline,
  personId: string,
  day0: number,
  from: number,
  to: number,
  changed: Map<number, string | null>,
): { day: number; half: number }[] {
  const out: { day: number; half: number }[] = [];
  for (let day = day0 - 1; day <= day0 + 2; day++) {
    if (day < 0 || day >= b.length) continue;
    for (let half = 0; half < 2; half++) {
      const slot = day * 2 + half;
      const code = changed.has(slot) ? changed.get(slot)! : (b.cell(personId, day, half)?.activityCode ?? null);
      if (code === null || !b.activities.has(code)) continue;
      const span = cellSpan(b, code, day, half, day0);
      if (span && span[0] < to && from < span[1]) out.push({ day, half });
    }
  }
  return out;
}

/** Whether a person has a duty call whose hours overlap [from, to) minutes after midnight of day0. */
function callOverlaps(b: Baseline, personId: string, day0: number, from: number, to: number): boolean {
  for (let day = day0 - 1; day <= day0 + 1; day++) {
    for (const c of b.callsOf(personId, day)) {
      const t = b.callTypes.get(c.callTypeCode);
      if (!t || !t.countsTowardDutyHours) continue;
      const [s, e] = spanMinutes(t.start, t.end);
      const shift = (day - day0) * 24 * 60;
      if (s + shift < to && from < e + shift) return true;
    }
  }
  return false;
}

function isOvernight(start: string, end: string): boolean {
  return spanMinutes(start, end)[1] > 24 * 60;
}

function changedMap(a: Action): Map<number, string | null> {
  return new Map(a.changes.map((c) => [c.day * 2 + c.half, c.to]));
}

/**
 * Whether a call of the person on night `day` is one their own inpatient week forbids (the
 * call_during_inpatient_week rule: a night inside it the week does not cover, or the nights before it).
 */
export function callAgainstWeek(
  b: Baseline,
  personId: string,
  day: number,
  week: { start: IsoDate; end: IsoDate },
): boolean {
  const rule = b.rules.inpatientWeekCall;
  if (!rule || !b.applies(rule.config, b.people.get(personId)!, day)) return false;
  return ownWeekCallConflict(b.dates[day] ?? addDays(b.first, day), week, rule.params) !== null;
}

/** People who may cover: active staff of the kind, not gone, schedulable (no adjunct faculty). */
function pool(b: Baseline, loss: Loss, kind: 'faculty' | 'resident'): string[] {
  return b.staff
    .filter((p) => p.kind === kind && !loss.gone.has(p.id) && (kind === 'resident' || b.isSchedulableFaculty(p)))
    .map((p) => p.id);
}

/**
 * The half-days [day, half] inside the horizon a person rests after taking this call: the rest the
 * rule in force owes after the work period the call closes (the call and the person's own work it
 * joins before it; core/domain/rest-after-call, as the generator and the compliance engine).
 */
function restAfter(b: Baseline, personId: string, day: number, callTypeCode: string): [number, number][] {
  const call = b.callPiece(callTypeCode, day);
  if (!call?.inHouseCall) return [];
  const person = b.people.get(personId)!;
  const rules = b.rules.restAfterCall.filter((r) => b.applies(r.config, person, day)).map((r) => r.params);
  const rest = restOwedAfter(b.clock, day, b.workClosedBy(personId, call), rules, firstDutyStarts(b.data.activities));
  return (rest?.halfDays ?? []).filter((r) => r.day < b.length).map((r) => [r.day, r.half === 'AM' ? 0 : 1]);
}

export function callActions(
  b: Baseline,
  loss: Loss,
  hole: CallHole,
  banned: (personId: string, day: number) => boolean,
): Action[] {
  const t = b.callTypes.get(hole.callTypeCode);
  if (!t) return [];
  const d = hole.day;
  const pc = b.rules.postCall;
  const out: Action[] = [];
  const [cs, ce] = spanMinutes(t.start, t.end);
  for (const personId of pool(b, loss, t.for)) {
    if (banned(personId, d) || !b.availableForCall(personId, d, t) || b.callsOf(personId, d).length) continue;
    const person = b.people.get(personId)!;
    if (t.for === 'resident' && b.pgy(person, d) === null) continue;
    if (b.inpatientWeeksOf(personId).some((w) => callAgainstWeek(b, personId, d, w))) continue;
    // The half-days the call's rest takes (the rest-after-call rule in force for this person).
    const rest = restAfter(b, personId, d, hole.callTypeCode);
    const long = rest.length > 0;
    // Rest: no in-house call the night before or after a call that owes it.
    if (
      long &&
      [d - 1, d + 1].some((n) => b.callsOf(personId, n).some((c) => b.callTypes.get(c.callTypeCode)?.inHouse))
    )
      continue;
    const draft = new ActionDraft(b, loss, personId, hole.id, COST.change);
    // Post-call the next day: PCAT/DO after an overnight call (the program's post-call rule), or
    // rest after a long in-house call until the rule frees them. Weekends and time off stay as they are.
    const next = d + 1;
    if (
      pc &&
      t.for === pc.overnightCallFor &&
      isOvernight(t.start, t.end) &&
      pc.overnightCallWeekdays.includes(b.weekday[d])
    ) {
      const codes = [pc.afterOvernightAm, pc.afterOvernightPm];
      for (let half = 0; half < 2; half++) {
        const cur = b.cell(personId, next, half);
        if (!codes[half] || !cur || b.activity(cur.activityCode).category === 'time_off') continue;
        draft.set(next, half, codes[half], 'post_call');
      }
    }
    for (const [day, half] of rest) {
      const cur = b.cell(personId, day, half);
      if (cur && b.isDuty(cur.activityCode, half)) draft.set(day, half, pc?.afterNightFloat ?? null, 'post_call');
    }
    if (!draft.ok) continue;
    // The call itself must not run into duty (double booking); the cells it runs through are its own.
    if (t.countsTowardDutyHours && dutyOverlaps(b, personId, d, cs, ce, changedMap(draft.action)).length) continue;
    // Nor into their moonlighting or callbacks (any call: home call is no place to moonlight from).
    if (b.overlapsTimedDuty(personId, d, cs, ce)) continue;
    // Nor, in house, into one work period with them past the continuous-work limit.
    if (t.inHouse && b.joinsTimedDutyTooLong(personId, d, cs, ce, changedMap(draft.action))) continue;
    if (long) {
      // The call day and the rest after it are the call's.
      draft.occupy(d, 0).occupy(d, 1);
      for (const [day, half] of rest) draft.occupy(day, half);
    }
    if (t.inHouse) draft.action.inHouseCalls.push(d);
    draft.callHours(hole.callTypeCode, d);
    draft.action.call = { day: d, callTypeCode: hole.callTypeCode, from: hole.from };
    draft.action.night = d;
    const action = draft.done();
    if (action) out.push(action);
  }
  return out;
}

export function weekActions(
  b: Baseline,
  loss: Loss,
  hole: WeekHole,
  banned: (personId: string, day: number) => boolean,
): Action[] {
  const first = Math.max(0, b.day(hole.start) < 0 ? 0 : b.day(hole.start));
  const last = b.day(hole.end) < 0 ? b.length - 1 : b.day(hole.end);
  const pc = b.rules.postCall;
  const before = b.rules.inpatientWeekCall?.params.nightsBefore ?? 0;
  const out: Action[] = [];
  for (const personId of pool(b, loss, 'faculty')) {
    let fits = true;
    for (let d = first; d <= last + 1 && fits; d++) {
      if (d >= b.length) break;
      if (banned(personId, d)) fits = false;
      else if (
        d <= last &&
        (!b.availableForCall(personId, d) || !b.availableForHalfDays(personId, d) || b.attendingOn[d].has(personId))
      )
        fits = false;
    }
    // No call of theirs the week would forbid (inside it, or the nights before it).
    for (let d = Math.max(-1, first - before); d <= last && fits; d++)
      if (b.callsOf(personId, d).length && callAgainstWeek(b, personId, d, hole)) fits = false;
    if (!fits) continue;
    const draft = new ActionDraft(b, loss, personId, hole.id, COST.change);
    for (let d = first; d <= last; d++)
      for (let half = 0; half < 2; half++) draft.set(d, half, b.codes.inpatient, 'cover');
    const after = last + 1;
    if (pc?.afterInpatientWeek && after < b.length) {
      for (let half = 0; half < 2; half++) {
        const cur = b.cell(personId, after, half);
        if (cur && b.isDuty(cur.activityCode, half)) draft.set(after, half, pc.afterInpatientWeek, 'post_call');
      }
    }
    draft.action.week = { start: hole.start, end: hole.end, from: hole.from };
    draft.action.weekSpan = [first, last];
    const action = draft.done();
    if (action) out.push(action);
  }
  return out;
}

/** Faculty who can precept in a slot instead of what they do there. */
export function supervisionActions(
  b: Baseline,
  loss: Loss,
  slot: number,
  banned: (personId: string, day: number) => boolean,
): Action[] {
  const day = slot >> 1;
  const half = slot & 1;
  const out: Action[] = [];
  const code = b.codes.precept;
  const range = half === 0 ? b.activity(code).am : b.activity(code).pm;
  if (!range) return out;
  for (const personId of pool(b, loss, 'faculty')) {
    if (banned(personId, day) || b.attendingOn[day].has(personId)) continue;
    const role = cellRole(b, personId, day, half);
    if (role === 'supervising' || !(role in DISPLACEABLE)) continue;
    const draft = new ActionDraft(b, loss, personId, `supervision|${slot}`, 0).set(day, half, code, 'cover');
    if (!draft.ok || callOverlaps(b, personId, day, ...(cellSpan(b, code, day, half, day) ?? [0, 0]))) continue;
    const action = draft.done();
    if (action) out.push(action);
  }
  return out;
}

export function procedureActions(
  b: Baseline,
  loss: Loss,
  hole: ProcedureHole,
  banned: (personId: string, day: number) => boolean,
): Action[] {
  const out: Action[] = [];
  for (const personId of pool(b, loss, 'faculty')) {
    const person = b.people.get(personId)!;
    if (
      banned(personId, hole.day) ||
      b.attendingOn[hole.day].has(personId) ||
      !b.hasCredential(person, hole.code, hole.day)
    )
      continue;
    const draft = new ActionDraft(b, loss, personId, hole.id, 0).set(hole.day, hole.half, hole.code, 'cover');
    const span = cellSpan(b, hole.code, hole.day, hole.half, hole.day);
    if (!draft.ok || (span && callOverlaps(b, personId, hole.day, span[0], span[1]))) continue;
    const action = draft.done();
    if (action) out.push(action);
  }
  return out;
}

export function teamActions(
  b: Baseline,
  loss: Loss,
  hole: TeamHole,
  banned: (personId: string, day: number) => boolean,
): Action[] {
  const out: Action[] = [];
  const pc = b.rules.postCall;
  const days = [...new Set(hole.cells.map((c) => c.day))];
  const lastCell = hole.cells[hole.cells.length - 1];
  const lastActivity = b.activity(lastCell.code);
  const lastRange = lastCell.half === 0 ? lastActivity.am : lastActivity.pm;
  const nightRun =
    !!lastRange && isOvernight(lastRange.start, lastRange.end) && lastCell.code === pc?.nightFloatActivityCode;
  for (const personId of pool(b, loss, 'resident')) {
    const person = b.people.get(personId)!;
    if (days.some((d) => banned(personId, d) || !b.availableForHalfDays(personId, d))) continue;
    const pgy = b.pgy(person, days[0]);
    if (pgy === null || (hole.pgyLevels !== null && !hole.pgyLevels.includes(pgy))) continue;
    const draft = new ActionDraft(b, loss, personId, hole.id, 0);
    for (const c of hole.cells) draft.set(c.day, c.half, c.code, 'cover');
    const after = lastCell.day + 1;
    if (nightRun && pc?.afterNightFloat && after < b.length) {
      for (let half = 0; half < 2; half++) {
        const cur = b.cell(personId, after, half);
        if (cur && b.isDuty(cur.activityCode, half)) draft.set(after, half, pc.afterNightFloat, 'post_call');
      }
    }
    if (!draft.ok) continue;
    // None of the new duty may run into a call of theirs.
    const clash = hole.cells.some((c) => {
      const span = cellSpan(b, c.code, c.day, c.half, c.day);
      return span !== null && callOverlaps(b, personId, c.day, span[0], span[1]);
    });
    if (clash) continue;
    const action = draft.done();
    if (action) out.push(action);
  }
  return out;
}
