// A swap item as the schedule holds it: which half-days, calls and inpatient-week row travel with
// it. A call takes its post-call day along (PCAT/DO after an overnight call, by the post_call
// rule's own definition); an inpatient week takes its days, its own calls (the Friday and Saturday
// nights) and the post-call day after it.
import { DateTime } from 'luxon';
import { addDays, datesInRange, isoWeekday } from '../../domain/calendar';
import type { CallAssignment, HalfDay, InpatientWeek, IsoDate } from '../../domain/types';
import { rangeMinutes } from '../../rules/clock';
import { hasPostCallDay, type PostCallParams } from '../../rules/post-call';
import { compiledRulesOfType } from '../../solver/models/program-view';
import { DraftError } from '../drafts/errors';
import type { ScheduleView } from './schedule-view';
import type { ItemView, SwapItem } from './types';

export interface ResolvedItem {
  view: ItemView;
  giverId: string;
  /** Days whose half-days the taker takes over. */
  cellDays: IsoDate[];
  /** Post-call activity expected in a slot (`date|half`): it moves with the item even from an absent giver. */
  postCall: Map<string, string>;
  /** The giver's calls that move with the item. */
  calls: CallAssignment[];
  /** Whether a call of the taker's has to make room (it falls on the item's nights or post-call days). */
  displaces(c: CallAssignment): boolean;
  /** The giver's inpatient week and the first day the taker takes it from. */
  week: { row: InpatientWeek; from: IsoDate } | null;
}

export const slotKey = (date: IsoDate, half: HalfDay) => `${date}|${half}`;

/** "Tue Aug 11". */
export function dayLabel(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' }).toFormat('ccc LLL d');
}

/** The post_call rule's parameters when the rule is on (its own defaults filled in). */
export function postCallParams(view: ScheduleView): PostCallParams | null {
  return compiledRulesOfType<PostCallParams>(view.data.settings, 'post_call')[0]?.params ?? null;
}

/** The day after a call when the call has a post-call day, else null. */
export function postCallDayOf(
  view: ScheduleView,
  params: PostCallParams | null,
  c: { date: IsoDate; callTypeCode: string },
): IsoDate | null {
  const type = view.callTypes.get(c.callTypeCode);
  if (!params || !type || !(params.afterOvernightAm || params.afterOvernightPm)) return null;
  return hasPostCallDay(params, type, rangeMinutes(type.start, type.end), isoWeekday(c.date))
    ? addDays(c.date, 1)
    : null;
}

function notFound(path: string, message: string): never {
  throw new DraftError('not_found', message, [{ path, message }]);
}

/** Find an item in the schedule; `path` names it in errors (`item`, `counterItem`). */
export function resolveItem(view: ScheduleView, item: SwapItem, path = 'item'): ResolvedItem {
  const person = view.person(item.personId) ?? notFound(`${path}.personId`, `No person with id "${item.personId}"`);
  const params = postCallParams(view);
  if (item.kind === 'call') {
    const type =
      view.callTypes.get(item.callTypeCode) ?? notFound(`${path}.callTypeCode`, `No call type "${item.callTypeCode}"`);
    const call = view.call(item.date, item.callTypeCode, item.personId);
    if (!call) notFound(path, `${person.name} has no ${type.code} call on ${dayLabel(item.date)} (${item.date})`);
    const postCall = new Map<string, string>();
    const next = postCallDayOf(view, params, call);
    if (next && params) {
      if (params.afterOvernightAm) postCall.set(slotKey(next, 'AM'), params.afterOvernightAm);
      if (params.afterOvernightPm) postCall.set(slotKey(next, 'PM'), params.afterOvernightPm);
    }
    return {
      view: {
        item: { kind: 'call', personId: item.personId, date: item.date, callTypeCode: item.callTypeCode },
        start: item.date,
        end: item.date,
        label: `${type.code} call ${dayLabel(item.date)}`,
        for: type.for,
      },
      giverId: person.id,
      cellDays: next ? [next] : [],
      postCall,
      calls: [call],
      displaces: () => false,
      week: null,
    };
  }
  const row = view.week(item.personId, item.start);
  if (!row) notFound(path, `${person.name} has no inpatient week starting ${dayLabel(item.start)} (${item.start})`);
  const from = item.from ?? row.start;
  if (from < row.start || from > row.end)
    throw new DraftError('invalid_input', `${path}.from must fall in the week (${row.start} – ${row.end})`, [
      { path: `${path}.from`, message: `must be from ${row.start} to ${row.end}` },
    ]);
  const after = params?.afterInpatientWeek ? addDays(row.end, 1) : null;
  const cellDays = datesInRange(from, after ?? row.end);
  const postCall = new Map<string, string>();
  if (after && params?.afterInpatientWeek)
    for (const half of ['AM', 'PM'] as const) postCall.set(slotKey(after, half), params.afterInpatientWeek);
  const days = new Set(cellDays);
  const nights = new Set(datesInRange(from, row.end));
  const partial = from > row.start;
  return {
    view: {
      item: { kind: 'inpatient_week', personId: item.personId, start: row.start, ...(partial ? { from } : {}) },
      start: from,
      end: row.end,
      label:
        `Inpatient week ${dayLabel(from)} – ` +
        `${dayLabel(row.end)}${partial ? ` (from a week starting ${dayLabel(row.start)})` : ''}`,
      for: 'faculty',
    },
    giverId: person.id,
    cellDays,
    postCall,
    calls: view.callsOf(person.id, from, row.end),
    // The week's nights and its post-call day, and a night whose post-call day falls in the week.
    displaces: (c) => nights.has(c.date) || c.date === after || days.has(postCallDayOf(view, params, c) ?? ''),
    week: { row, from },
  };
}
