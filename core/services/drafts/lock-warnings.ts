// Locking a slot where its person is unavailable: on an approved absence or resting after a long
// in-house call (the generator's own words, core/solver/models/post-call-rest, from the draft's
// calls). The lock is kept, as the coordinator asked; the edit's result names each such slot so
// the grid can warn at once, not at the next check or generation.
import { addDays } from '../../domain/calendar';
import type { CallAssignment, IsoDate } from '../../domain/types';
import { readProgramOutline } from '../../db/program-data';
import type { LockedOverUnavailable } from '../../solver/models/locked-unavailable';
import { restAfterCalls, unavailableFor } from '../../solver/models/post-call-rest';
import { currentSchedule } from './edits';
import type { DraftPatch } from './patch';
import { loadOverlay, loadPublished } from './store';
import type { DraftTrx } from './tables';

/** A call on the day before a slot can owe rest into it (a call is dated on the day it starts). */
const CALL_REACH_DAYS = 2;

/** The slots a lock patch locks where their person is unavailable, in the draft's view. */
export async function locksOverUnavailable(
  trx: DraftTrx,
  draftId: number,
  patch: DraftPatch,
): Promise<LockedOverUnavailable[]> {
  const locked = patch.cells.filter((c) => c.value?.locked && c.value.activityCode !== null);
  if (!locked.length) return [];
  const dates = locked.map((c) => c.date).sort();
  const span = { start: addDays(dates[0], -CALL_REACH_DAYS), end: dates[dates.length - 1] };
  const outline = await readProgramOutline(trx);
  const overlay = await loadOverlay(trx, draftId, span, { plan: false });
  const draft = currentSchedule(overlay, await loadPublished(trx, span));
  const calls: CallAssignment[] = [];
  for (let date: IsoDate = span.start; date <= span.end; date = addDays(date, 1))
    for (const type of outline.callTypes)
      for (const personId of draft.callPeople(date, type.code))
        calls.push({ date, callTypeCode: type.code, personId, source: 'manual' });
  const data = { ...outline, calls, assignments: [] };
  const why = unavailableFor(data, restAfterCalls(data, calls, span.start, span.end));
  const people = new Map(outline.people.map((p) => [p.id, p]));
  const activities = new Map(outline.activities.map((a) => [a.code, a]));
  const out: LockedOverUnavailable[] = [];
  for (const c of locked) {
    const person = people.get(c.personId);
    const code = c.value!.activityCode!;
    // Time off on a day off is no clash.
    if (!person || activities.get(code)?.category === 'time_off') continue;
    const reason = why(person, c.date, c.half);
    if (reason)
      out.push({ personId: person.id, name: person.name, date: c.date, half: c.half, activityCode: code, why: reason });
  }
  return out;
}
