// Ranked candidates for a swap. Each candidate's swap is planned, applied to the compliance
// engine's incremental validator of the published year, measured and taken back: a candidate
// whose swap adds a critical or high finding (the findings that block publishing) is not offered
// and is listed as excluded with those findings; the others are scored, with the medium and low
// findings they add.
import { academicYearOf, addDays, dateIn } from '../../domain/calendar';
import { pgyIn } from '../../domain/program';
import type { Finding, IsoDate, Person } from '../../domain/types';
import type { CheckedSchedule } from '../compliance/checked-schedule';
import { complianceOf } from '../compliance/program-cache';
import type { DraftContext } from '../drafts/context';
import { DraftError } from '../drafts/errors';
import { isBlocking } from '../drafts/findings';
import { resolveItem, type ResolvedItem } from './items';
import { planChanges, planSwap, type Move } from './plan';
import { ScheduleView } from './schedule-view';
import { scoreCandidate, type SwapHistory } from './score';
import { historyOf, swapDb } from './store';
import type {
  CandidateList,
  ExcludedCandidate,
  FindingBrief,
  ItemView,
  SwapCandidate,
  SwapItem,
  SwapKind,
  SwapPlan,
} from './types';

/** A trade's counter items lie within this many days of the item (proximity reaches 0 there). */
export const TRADE_WINDOW_DAYS = 56;

export function brief(f: Finding): FindingBrief {
  return {
    id: f.id,
    ruleId: f.ruleId,
    ruleType: f.ruleType,
    severity: f.severity,
    personId: f.personId,
    start: f.start,
    end: f.end,
    message: f.message,
  };
}

/** First day an item covers, as given (before it is looked up). */
export function itemDate(item: SwapItem): IsoDate {
  return item.kind === 'call' ? item.date : (item.from ?? item.start);
}

export function today(ctx: DraftContext, timeZone: string): IsoDate {
  return dateIn(timeZone, ctx.now ? ctx.now() : new Date());
}

/** Items that already happened cannot be swapped (a week under way only from today, as cover). */
export function requireUpcoming(item: ResolvedItem, todayDate: IsoDate, path = 'item'): void {
  if (item.view.start < todayDate)
    throw new DraftError(
      'rejected',
      `${item.view.label} is in the past (today is ${todayDate}); only upcoming items can be swapped`,
      [{ path, message: 'in the past' }],
    );
}

/** Everyone who could take this kind of item: active faculty but adjuncts, or residents of the year. */
export function poolFor(view: ScheduleView, item: ResolvedItem): Person[] {
  const year = academicYearOf(item.view.start);
  return [...view.people.values()]
    .filter(
      (p) =>
        p.active &&
        (item.view.for === 'faculty'
          ? p.kind === 'faculty' && p.facultyRole !== 'adjunct'
          : p.kind === 'resident' && pgyIn(p, year) !== null),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** A trade partner's items of the same kind near the requested one, upcoming. */
export function counterItemsOf(
  view: ScheduleView,
  item: ResolvedItem,
  personId: string,
  todayDate: IsoDate,
): ResolvedItem[] {
  const from = addDays(item.view.start, -TRADE_WINDOW_DAYS);
  const to = addDays(item.view.start, TRADE_WINDOW_DAYS);
  const year = academicYearOf(item.view.start);
  const upcoming = (d: IsoDate) => d >= todayDate && d >= from && d <= to && academicYearOf(d) === year;
  const it = item.view.item;
  if (it.kind === 'call')
    return view
      .callsOf(personId, from, to)
      .filter((c) => c.callTypeCode === it.callTypeCode && c.date !== it.date && upcoming(c.date))
      .map((c) =>
        resolveItem(view, { kind: 'call', personId, date: c.date, callTypeCode: c.callTypeCode }, 'counterItem'),
      );
  return view
    .weeksOf(personId)
    .filter((w) => upcoming(w.start) && (w.end < item.view.start || w.start > item.view.end))
    .map((w) => resolveItem(view, { kind: 'inpatient_week', personId, start: w.start }, 'counterItem'));
}

export interface Evaluation {
  plan: SwapPlan;
  candidate: SwapCandidate | null;
  excluded: ExcludedCandidate | null;
}

/** Plan one candidate's swap, check it with the rules engine and score it. */
export function evaluate(
  schedule: CheckedSchedule,
  view: ScheduleView,
  input: {
    item: ResolvedItem;
    counter: ResolvedItem | null;
    candidate: Person;
    pool: readonly Person[];
    history: SwapHistory;
  },
): Evaluation {
  const { item, counter, candidate } = input;
  const moves: Move[] = [{ item, takerId: candidate.id }];
  if (counter) moves.push({ item: counter, takerId: item.giverId });
  const plan = planSwap(view, moves);
  const diff = schedule.trial(planChanges(plan));
  const changed = new Set(diff.removed.map((f) => f.id));
  const added = diff.added.filter((f) => !changed.has(f.id)).map(brief);
  const hard = added.filter(isBlocking);
  const counterItem = counter?.view ?? null;
  if (hard.length)
    return {
      plan,
      candidate: null,
      excluded: { personId: candidate.id, name: candidate.name, counterItem, reasons: hard },
    };
  return {
    plan,
    excluded: null,
    candidate: {
      personId: candidate.id,
      name: candidate.name,
      counterItem,
      score: scoreCandidate({ view, item, counter, candidate, plan, pool: input.pool, history: input.history }),
      softFindings: added,
      moves: {
        cells: plan.cells.length,
        calls: plan.calls.filter((c) => c.after).length,
        weeks: plan.weeks.filter((w) => w.after).length,
      },
    },
  };
}

export function byScore(a: SwapCandidate, b: SwapCandidate): number {
  return (
    b.score.value - a.score.value ||
    a.name.localeCompare(b.name) ||
    (a.counterItem?.start ?? '').localeCompare(b.counterItem?.start ?? '')
  );
}

/** Every candidate for one item of the view (and the excluded ones with why). */
export function candidatesOn(
  schedule: CheckedSchedule,
  view: ScheduleView,
  item: ResolvedItem,
  kind: SwapKind,
  context: { today: IsoDate; history: Map<string, SwapHistory>; only?: string },
): Pick<CandidateList, 'candidates' | 'excluded'> {
  const pool = poolFor(view, item);
  const candidates: SwapCandidate[] = [];
  const excluded: ExcludedCandidate[] = [];
  for (const person of pool) {
    if (person.id === item.giverId || (context.only && person.id !== context.only)) continue;
    const history = context.history.get(person.id) ?? { candidateTook: 0, requesterTook: 0 };
    const counters = kind === 'absorb' ? [null] : counterItemsOf(view, item, person.id, context.today);
    for (const counter of counters) {
      const e = evaluate(schedule, view, { item, counter, candidate: person, pool, history });
      if (e.candidate) candidates.push(e.candidate);
      if (e.excluded) excluded.push(e.excluded);
    }
  }
  return { candidates: candidates.sort(byScore), excluded };
}

export interface CandidateQuery {
  kind: SwapKind;
  item: SwapItem;
}

/** Ranked candidates for giving away (absorb) or trading (one-to-one) an upcoming item. */
export async function findCandidates(ctx: DraftContext, query: CandidateQuery): Promise<CandidateList> {
  const history = await historyOf(swapDb(ctx.program.db), query.item.personId);
  return complianceOf(ctx.program).withYear(academicYearOf(itemDate(query.item)), (schedule) => {
    const view = new ScheduleView(schedule);
    const item = resolveItem(view, query.item);
    const todayDate = today(ctx, view.data.settings.timeZone);
    requireUpcoming(item, todayDate);
    return {
      kind: query.kind,
      item: item.view,
      ...candidatesOn(schedule, view, item, query.kind, { today: todayDate, history }),
    };
  });
}

/** A person's upcoming calls and inpatient weeks in a date range (what they could ask to swap). */
export async function itemsOf(
  ctx: DraftContext,
  q: { personId: string; start: IsoDate; end: IsoDate },
): Promise<ItemView[]> {
  return complianceOf(ctx.program).withYear(academicYearOf(q.start), (schedule) => {
    const view = new ScheduleView(schedule);
    if (!view.person(q.personId))
      throw new DraftError('not_found', `No person with id "${q.personId}"`, [
        { path: 'personId', message: 'not found' },
      ]);
    const todayDate = today(ctx, view.data.settings.timeZone);
    const from = q.start < todayDate ? todayDate : q.start;
    const items: SwapItem[] = [
      ...view
        .weeksOf(q.personId)
        .filter((w) => w.start >= from && w.start <= q.end)
        .map((w): SwapItem => ({ kind: 'inpatient_week', personId: q.personId, start: w.start })),
      ...view
        .callsOf(q.personId, from, q.end)
        .map((c): SwapItem => ({ kind: 'call', personId: q.personId, date: c.date, callTypeCode: c.callTypeCode })),
    ];
    return items
      .map((i) => resolveItem(view, i).view)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.label.localeCompare(b.label)));
  });
}
