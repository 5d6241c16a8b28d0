// Find cover: someone is away (an absence entered over scheduled work, or gone today). Their
// calls and inpatient weeks in the days away each get the same ranked candidates as a swap
// (someone takes the item, as in an absorb swap; nothing is handed to the absent person), and
// the coordinator's choices become a draft, reviewed and published like any other.
import { academicYearOf, addDays, daysBetween } from '../../domain/calendar';
import type { IsoDate } from '../../domain/types';
import { complianceOf } from '../compliance/program-cache';
import { inTransaction, writeAudit, type DraftContext } from '../drafts/context';
import { createDraftWithPatch, getDraft } from '../drafts/drafts';
import { DraftError } from '../drafts/errors';
import type { DraftSummary } from '../drafts/types';
import { candidatesOn, poolFor, today } from './candidates';
import { dayLabel, resolveItem, type ResolvedItem } from './items';
import { mergePlans, planPatch, planPeople, planSwap } from './plan';
import { ScheduleView } from './schedule-view';
import { historyOf, swapDb } from './store';
import type { CoverResult, SwapItem, SwapPlan } from './types';
import { plural } from '../../domain/words';

/** Cover is asked for at most this many days at once. */
export const MAX_COVER_DAYS = 92;

export interface CoverQuery {
  personId: string;
  start: IsoDate;
  end: IsoDate;
}

function checkRange(q: CoverQuery): void {
  const issues: { path: string; message: string }[] = [];
  if (q.end < q.start) issues.push({ path: 'end', message: 'must be on or after start' });
  else if (daysBetween(q.start, q.end) >= MAX_COVER_DAYS)
    issues.push({ path: 'end', message: `cover is found for at most ${MAX_COVER_DAYS} days at a time` });
  else if (academicYearOf(q.start) !== academicYearOf(q.end))
    issues.push({ path: 'end', message: 'must fall in the same academic year as start' });
  if (issues.length)
    throw new DraftError(
      'invalid_input',
      `Cover range: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
}

/** The person's upcoming calls and inpatient weeks (or what is left of them) in the range. */
function needsOf(view: ScheduleView, q: CoverQuery, from: IsoDate): ResolvedItem[] {
  const items: SwapItem[] = [];
  for (const w of view.weeksOf(q.personId)) {
    if (w.end < from || w.start > q.end) continue;
    items.push({ kind: 'inpatient_week', personId: q.personId, start: w.start, ...(w.start < from ? { from } : {}) });
  }
  for (const c of view.callsOf(q.personId, from, q.end)) {
    // A week's own calls travel with the week.
    if (
      items.some(
        (i) =>
          i.kind === 'inpatient_week' && c.date >= (i.from ?? i.start) && c.date <= view.week(q.personId, i.start)!.end,
      )
    )
      continue;
    items.push({ kind: 'call', personId: q.personId, date: c.date, callTypeCode: c.callTypeCode });
  }
  return items
    .map((i) => resolveItem(view, i))
    .sort((a, b) => (a.view.start < b.view.start ? -1 : a.view.start > b.view.start ? 1 : 0));
}

/** Duty half-days of the person in the range that no cover item takes along. */
function otherWorkOf(view: ScheduleView, q: CoverQuery, from: IsoDate, needs: ResolvedItem[]) {
  const covered = new Set(needs.flatMap((n) => n.cellDays));
  const out: CoverResult['otherWork'] = [];
  for (let d = from; d <= q.end; d = addDays(d, 1)) {
    if (covered.has(d)) continue;
    for (const half of ['AM', 'PM'] as const) {
      const a = view.cell(q.personId, d, half);
      if (a && view.activities.get(a.activityCode)?.countsTowardDutyHours !== false)
        out.push({ date: d, half, activityCode: a.activityCode });
    }
  }
  return out;
}

/** What needs cover while a person is away, with ranked candidates for each call and week. */
export async function findCover(ctx: DraftContext, q: CoverQuery): Promise<CoverResult> {
  checkRange(q);
  const history = await historyOf(swapDb(ctx.program.db), q.personId);
  return complianceOf(ctx.program).withYear(academicYearOf(q.start), (schedule) => {
    const view = new ScheduleView(schedule);
    const person = view.person(q.personId);
    if (!person)
      throw new DraftError('not_found', `No person with id "${q.personId}"`, [
        { path: 'personId', message: 'not found' },
      ]);
    const todayDate = today(ctx, view.data.settings.timeZone);
    const from = q.start < todayDate ? todayDate : q.start;
    const needs = from > q.end ? [] : needsOf(view, q, from);
    return {
      personId: person.id,
      name: person.name,
      start: q.start,
      end: q.end,
      absences: view.availability
        .approvedIn(person.id, q.start, q.end)
        .map((a) => ({ id: a.id, type: a.type, start: a.start, end: a.end })),
      needs: needs.map((item) => ({
        item: item.view,
        ...candidatesOn(schedule, view, item, 'absorb', { today: todayDate, history }),
      })),
      otherWork: from > q.end ? [] : otherWorkOf(view, q, from, needs),
    };
  });
}

export interface CoverDraftInput extends CoverQuery {
  /** Who takes each item (items the coordinator leaves out stay as they are). */
  choices: { item: SwapItem; takerId: string }[];
  /** Clear the person's other work in the range (they are away). */
  clearOtherWork: boolean;
}

/** Turn cover choices into a draft (source 'swap'): each item to its taker, planned one after the other. */
export async function createCoverDraft(ctx: DraftContext, input: CoverDraftInput): Promise<DraftSummary> {
  checkRange(input);
  if (input.choices.length === 0 && !input.clearOtherWork)
    throw new DraftError('invalid_input', 'Choose someone for at least one item, or clear the other work', [
      { path: 'choices', message: 'empty' },
    ]);
  const built = await complianceOf(ctx.program).withYear(academicYearOf(input.start), (schedule) => {
    const view = new ScheduleView(schedule);
    const person = view.person(input.personId);
    if (!person)
      throw new DraftError('not_found', `No person with id "${input.personId}"`, [
        { path: 'personId', message: 'not found' },
      ]);
    const todayDate = today(ctx, view.data.settings.timeZone);
    const from = input.start < todayDate ? todayDate : input.start;
    const plans: SwapPlan[] = [];
    const labels: string[] = [];
    input.choices.forEach((choice, i) => {
      const path = `choices[${i}]`;
      if (choice.item.personId !== input.personId)
        throw new DraftError('invalid_input', `${path}.item belongs to someone else`, [
          { path: `${path}.item.personId`, message: `must be ${input.personId}` },
        ]);
      const item = resolveItem(view, choice.item, `${path}.item`);
      if (item.view.end < from || item.view.start > input.end)
        throw new DraftError('invalid_input', `${path}: ${item.view.label} is not between ${from} and ${input.end}`, [
          { path: `${path}.item`, message: 'outside the days to cover' },
        ]);
      const taker = poolFor(view, item).find((p) => p.id === choice.takerId && p.id !== input.personId);
      if (!taker)
        throw new DraftError(
          'invalid_input',
          `${path}: ${view.person(choice.takerId)?.name ?? `"${choice.takerId}"`} cannot take ${item.view.label}`,
          [{ path: `${path}.takerId`, message: 'not someone who takes this kind of item' }],
        );
      const plan = planSwap(view, [{ item, takerId: taker.id }]);
      view.apply(plan);
      plans.push(plan);
      labels.push(`${item.view.label} → ${taker.name}`);
    });
    if (input.clearOtherWork) {
      const cells: SwapPlan['cells'] = [];
      for (let d = from; d <= input.end; d = addDays(d, 1))
        for (const half of ['AM', 'PM'] as const) {
          const a = view.cell(input.personId, d, half);
          if (a && view.activities.get(a.activityCode)?.countsTowardDutyHours !== false)
            cells.push({ personId: input.personId, date: d, half, before: a, after: null });
        }
      plans.push({ cells, calls: [], weeks: [] });
      if (cells.length) labels.push(`${plural(cells.length, 'other half-day')} of ${person.name} cleared`);
    }
    return { plan: mergePlans(plans), labels, name: person.name };
  });
  const span = input.start === input.end ? dayLabel(input.start) : `${dayLabel(input.start)} – ${dayLabel(input.end)}`;
  const draftId = await inTransaction(ctx, async (trx) => {
    const row = await createDraftWithPatch(
      ctx,
      trx,
      { name: `Cover for ${built.name}, ${span}`.slice(0, 120), source: 'swap', note: built.labels.join('; ') || null },
      planPatch(built.plan),
    );
    await writeAudit(trx, {
      actor: ctx.actor,
      action: 'swap.cover_draft',
      entity: 'draft',
      entityId: String(row.id),
      before: undefined,
      after: {
        personId: input.personId,
        start: input.start,
        end: input.end,
        choices: built.labels,
        clearOtherWork: input.clearOtherWork,
        personIds: planPeople(built.plan),
      },
    });
    return row.id;
  });
  return getDraft(ctx, draftId);
}
