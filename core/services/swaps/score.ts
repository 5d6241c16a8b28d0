// A candidate's score in 0..1 and its parts (DOMAIN.md, "Swaps"):
// - preference: 0 when the candidate blocked those dates (leave they asked for, or a call
//   weekday they avoid); for a trade, the requester's own preference for what they get back too;
// - proximity: for a trade, how close the two items are (like for like in time, 8 weeks apart
//   scores 0); for a give-away, how far the item is from the candidate's own nearest call or
//   week (back to back scores 0, a week away for a call or four weeks for a week scores 1);
// - workload: how the candidate's count of this kind of item in the academic year compares with
//   everyone who has such items (fewest 1, most 0): taking it balances the year best for them;
// - history: who owes whom, from executed give-aways between the two (even 0.5);
// - availability: the share of the item's half-days the candidate has free (the rest is
//   work that moves to the requester).
// The score is the parts' weighted mean (settings.swaps.scoreWeights), and 0 when blocked.
import {
  academicYearEnd,
  academicYearOf,
  academicYearStart,
  daysBetween,
  epochDay,
  isoWeekday,
} from '../../domain/calendar';
import { defaultSwapSettings } from '../../domain/defaults';
import type { CallAssignment, IsoDate, Person } from '../../domain/types';
import { avoidsCallOn } from '../../solver/models/program-view';
import { callKeyOf } from '../compliance/snapshot';
import { dayLabel, type ResolvedItem } from './items';
import type { ScheduleView } from './schedule-view';
import { SCORE_PARTS, type Score, type ScorePart, type ScorePartName, type SwapPlan } from './types';
import { formatNumber, plural } from '../../domain/words';
import { perWholePeriod, programShareOf } from '../../domain/program-dates';

const WEEKDAY = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const round = (x: number) => Math.round(x * 1000) / 1000;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** Executed give-aways between two people: how many items each took from the other. */
export interface SwapHistory {
  /** Items the candidate took from the requester. */
  candidateTook: number;
  /** Items the requester took from the candidate. */
  requesterTook: number;
}

export interface ScoreInput {
  view: ScheduleView;
  /** The requester's item, and (trade) the candidate's. */
  item: ResolvedItem;
  counter: ResolvedItem | null;
  candidate: Person;
  plan: SwapPlan;
  /** Everyone who takes this kind of item (the workload comparison). */
  pool: readonly Person[];
  history: SwapHistory;
}

/** Why a person would not want to take dates, or null. */
function blockedReason(view: ScheduleView, person: Person, taken: ResolvedItem): string | null {
  const { start, end, item } = taken.view;
  const leave = view.availability.requestedIn(person.id, start, end)[0];
  if (leave) return `${person.name} asked for leave ${dayLabel(leave.start)} – ${dayLabel(leave.end)}`;
  if (item.kind === 'call' && avoidsCallOn(view.data.settings.callPreferences, person, isoWeekday(item.date)))
    return `${person.name} avoids ${WEEKDAY[isoWeekday(item.date)]} call`;
  return null;
}

function preference(input: ScoreInput): ScorePart & { blocked: boolean } {
  const requester = input.view.person(input.item.giverId)!;
  const why =
    blockedReason(input.view, input.candidate, input.item) ??
    (input.counter && blockedReason(input.view, requester, input.counter));
  if (why) return { value: 0, note: why, blocked: true };
  return { value: 1, note: 'No leave request or call preference against these dates', blocked: false };
}

/** Days from a date to the nearest of the candidate's own items of the same kind (null: none). */
function nearestOwn(view: ScheduleView, taken: ResolvedItem, personId: string): { days: number; what: string } | null {
  // The label is written for the nearest item only (formatting every item's date costs more than the rest).
  let best: { days: number; what: () => string } | null = null;
  const consider = (days: number, what: () => string) => {
    if (!best || days < best.days) best = { days, what };
  };
  const { start, end, item } = taken.view;
  const [first, last] = [epochDay(start), epochDay(end)];
  const distance = (from: IsoDate, to: IsoDate) =>
    to < start ? first - epochDay(to) : from > end ? epochDay(from) - last : 0;
  for (const w of view.weeksOf(personId))
    consider(distance(w.start, w.end), () => `own inpatient week ${dayLabel(w.start)}`);
  if (item.kind === 'call') {
    const type = view.callTypes.get(item.callTypeCode);
    const same = (c: CallAssignment) => view.callTypes.get(c.callTypeCode)?.for === type?.for;
    for (const c of view.allCallsOf(personId))
      if (same(c)) consider(distance(c.date, c.date), () => `own ${c.callTypeCode} call ${dayLabel(c.date)}`);
  }
  const found = best as { days: number; what: () => string } | null;
  return found && { days: found.days, what: found.what() };
}

function proximity(input: ScoreInput): ScorePart {
  if (input.counter) {
    const days = Math.abs(daysBetween(input.item.view.start, input.counter.view.start));
    return {
      value: round(clamp(1 - days / 56)),
      note: days === 0 ? 'Same dates' : `The traded items are ${plural(days, 'day')} apart`,
    };
  }
  const spacing = input.item.view.item.kind === 'inpatient_week' ? 28 : 7;
  const near = nearestOwn(input.view, input.item, input.candidate.id) as { days: number; what: string } | null;
  if (!near)
    return {
      value: 1,
      note:
        `No ${input.item.view.item.kind === 'call' ? 'call or inpatient week' : 'inpatient week'} of their own ` +
        `this year`,
    };
  return {
    value: round(clamp(near.days / spacing)),
    note: near.days === 0 ? `Next to their ${near.what}` : `${plural(near.days, 'day')} from their ${near.what}`,
  };
}

/** Count of this kind of item per person in the item's academic year, from the schedule. */
function counts(view: ScheduleView, item: ResolvedItem, pool: readonly Person[]): Map<string, number> {
  const year = academicYearOf(item.view.start);
  const [from, to] = [academicYearStart(year), academicYearEnd(year)];
  const out = new Map<string, number>(pool.map((p) => [p.id, 0]));
  const it = item.view.item;
  if (it.kind === 'inpatient_week') {
    for (const w of view.allWeeks())
      if (out.has(w.personId) && w.start >= from && w.start <= to) out.set(w.personId, out.get(w.personId)! + 1);
  } else {
    for (const p of pool)
      out.set(p.id, view.callsOf(p.id, from, to).filter((c) => c.callTypeCode === it.callTypeCode).length);
  }
  return out;
}

function workload(input: ScoreInput): ScorePart {
  const before = counts(input.view, input.item, input.pool);
  const requesterId = input.item.giverId;
  // Per share of the year in the program (core/domain/program-dates): someone there half the year
  // with two calls carries the load of four (DOMAIN: fairness, pro-rated for a part-year person).
  const year = academicYearOf(input.item.view.start);
  const shareOf = (id: string) => {
    const person = input.view.person(id);
    return person ? programShareOf(person, academicYearStart(year), academicYearEnd(year)) : 1;
  };
  const perYear = (id: string, n: number) => perWholePeriod(n, shareOf(id));
  // Compared with those who do this kind of work this year (a program director who takes no
  // inpatient weeks would make everyone else look loaded). In a balanced year anyone who takes
  // one more is the most loaded afterwards, so the ranking uses the load they carry now: taking
  // it balances the year best for whoever has the fewest.
  const compared = [...before].filter(([id, n]) => n > 0 || id === input.candidate.id || id === requesterId);
  const values = compared.map(([id, n]) => perYear(id, n));
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const count = before.get(input.candidate.id) ?? 0;
  const mine = perYear(input.candidate.id, count);
  const after = count + (input.counter ? 0 : 1);
  const it = input.item.view.item;
  const what = it.kind === 'inpatient_week' ? 'inpatient week' : `${it.callTypeCode} call`;
  const share = shareOf(input.candidate.id);
  const partYear = compared.some(([id]) => shareOf(id) < 1);
  const own = share < 1 ? `, ${formatNumber(mine)} for a whole year at their share of it` : '';
  const others = `others ${formatNumber(min)}–${formatNumber(max)}${partYear ? ' per whole year' : ''}`;
  return {
    value: round(max === min ? 1 : clamp(1 - (mine - min) / (max - min))),
    note:
      `${plural(count, what)} this academic year${own} ` +
      `(${others})${after === count ? '' : `, ${after} after the swap`}`,
  };
}

function history(input: ScoreInput): ScorePart {
  const { candidateTook, requesterTook } = input.history;
  const net = requesterTook - candidateTook;
  const requester = input.view.person(input.item.giverId)!.name;
  const note =
    candidateTook + requesterTook === 0
      ? `No earlier give-aways between ${input.candidate.name} and ${requester}`
      : `${input.candidate.name} took ${plural(candidateTook, 'item')} from ${requester}, who took ` +
        `${requesterTook} back`;
  return { value: round(clamp(0.5 + 0.25 * net)), note };
}

function availability(input: ScoreInput): ScorePart {
  const days = input.item.cellDays;
  if (days.length === 0) return { value: 1, note: 'Nothing else of theirs moves' };
  let free = 0;
  for (const date of days)
    for (const half of ['AM', 'PM'] as const) {
      const a = input.view.cell(input.candidate.id, date, half);
      if (!a || input.view.activities.get(a.activityCode)?.countsTowardDutyHours === false) free++;
    }
  const total = days.length * 2;
  const traded = new Set([...input.item.calls, ...(input.counter?.calls ?? [])].map(callKeyOf));
  const handedBack = input.plan.calls.filter(
    (c) => c.before?.personId === input.candidate.id && c.after === null && !traded.has(callKeyOf(c)),
  ).length;
  const calls = handedBack ? `; ${plural(handedBack, 'call')} of theirs moves` : '';
  return {
    value: round((free - Math.min(handedBack, free)) / total),
    note: `${free} of ${total} half-days free${calls}`,
  };
}

/** Score a candidate for an item. */
export function scoreCandidate(input: ScoreInput): Score {
  const weights = input.view.data.settings.swaps?.scoreWeights ?? defaultSwapSettings().scoreWeights;
  const pref = preference(input);
  const parts: Record<ScorePartName, ScorePart> = {
    preference: { value: pref.value, note: pref.note },
    proximity: proximity(input),
    workload: workload(input),
    history: history(input),
    availability: availability(input),
  };
  const total = SCORE_PARTS.reduce((sum, name) => sum + weights[name], 0);
  const mean = total > 0 ? SCORE_PARTS.reduce((sum, name) => sum + weights[name] * parts[name].value, 0) / total : 0;
  return { value: pref.blocked ? 0 : round(mean), blocked: pref.blocked, parts };
}
