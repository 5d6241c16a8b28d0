// The half-days residents rest after a long in-house call, by the compliance engine's definition
// (core/domain/rest-after-call, with the rule's settings in force for each of them): every half-day
// after the call's date whose duty, in any activity, would start before they are free again. The
// generator fixes them to rest and names a lock kept there, and so does the draft's lock warning.
import { academicYearOf, addDays } from '../../domain/calendar';
import { pgyIn, type ProgramData } from '../../domain/program';
import { firstDutyStarts, type RestAfterCallParams, restOwedAfter } from '../../domain/rest-after-call';
import type { CallAssignment, HalfDay, IsoDate, Person } from '../../domain/types';
import { zoneClock } from '../../rules/clock';
import { callPiece } from '../../rules/duty-items';
import { formatInstant, formatNumber } from '../../rules/explain';
import { absenceText, availabilityOf, compiledRulesOfType, ruleApplies } from './program-view';

export interface RestAfterCall {
  call: CallAssignment;
  /** "resting after LD call on 2026-08-17 (free again Aug 18 21:00: 14 h after 24 h of in-house call)". */
  why: string;
}

/** By `${personId}:${date}:${half}`: the call whose rest covers that half-day. */
export function restAfterCalls(
  data: ProgramData,
  calls: readonly CallAssignment[],
  from: IsoDate,
  to: IsoDate,
): Map<string, RestAfterCall> {
  const out = new Map<string, RestAfterCall>();
  const rules = compiledRulesOfType<RestAfterCallParams>(data.settings, 'acgme_rest_after_call');
  if (!rules.length) return out;
  const zone = data.settings.timeZone;
  const clock = zoneClock(zone, from, to);
  const people = new Map(data.people.map((p) => [p.id, p]));
  const callTypes = new Map(data.callTypes.map((t) => [t.code, t]));
  const dutyStarts = firstDutyStarts(data.activities);
  for (const c of calls) {
    const person = people.get(c.personId);
    const type = callTypes.get(c.callTypeCode);
    if (!person || !type || c.date < addDays(from, -1) || c.date > to) continue;
    const day = clock.offsetOf(c.date);
    const piece = callPiece(clock, type, day);
    if (!piece?.inHouseCall) continue;
    const work = { start: piece.start, end: piece.end, inHouseCallMs: piece.nominalMs };
    const pgy = pgyIn(person, academicYearOf(c.date));
    const inForce = rules.filter((rule) => ruleApplies(rule.config, person, pgy)).map((rule) => rule.params);
    const rest = restOwedAfter(clock, day, work, inForce, dutyStarts);
    if (!rest) continue;
    const why =
      `resting after ${type.code} call on ${c.date} (free again ${formatInstant(rest.freeAt, zone)}: ` +
      `${formatNumber(rest.params.minRestHours)} h after ${formatNumber(rest.params.afterHours)} h of in-house call)`;
    for (const { day: d, half } of rest.halfDays) out.set(`${c.personId}:${clock.dateAt(d)}:${half}`, { call: c, why });
  }
  return out;
}

/**
 * Why a person may not work a half-day (the generator's lock note, the draft's lock warning): on an
 * approved absence (core/domain/availability), or resting after a long in-house call; null when free.
 */
export function unavailableFor(
  data: ProgramData,
  rest: ReadonlyMap<string, RestAfterCall>,
): (person: Person, date: IsoDate, half: HalfDay) => string | null {
  const availability = availabilityOf(data);
  return (person, date, half) => {
    const why = availability.of(person.id).halfDay(date, half);
    if (why?.approved && why.kind !== 'outside') return `on ${absenceText(why)}`;
    return rest.get(`${person.id}:${date}:${half}`)?.why ?? null;
  };
}
