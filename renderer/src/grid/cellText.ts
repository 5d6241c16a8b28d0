// Hover text for grid cells and headers: everything the cell stands for, in words.
import type { CellDiff, GridDutyEntry, GridPerson } from '../../../core/api/contract';
import type { Absence, Activity, Assignment, CallType, HalfDay, IsoDate } from '../../../core/domain/types';
import { formatDate } from '../lib/dates';
import { absencePartText, absenceTypeName } from '../lib/absenceTypes';
import {
  callCoversMorning,
  cellKey,
  dayKey,
  inProgramOn,
  type DayColumn,
  type GridModel,
  type RotationSpan,
} from './gridModel';

const SOURCE_WORDS: Record<Assignment['source'], string> = {
  preload: 'preloaded',
  manual: 'set by hand',
  solver: 'chosen by the solver',
  template: 'from the rotation template',
};

export function cellTitle(
  person: GridPerson,
  date: IsoDate,
  half: HalfDay,
  assignment: Assignment | undefined,
  activity: Activity | undefined,
  absences: readonly Absence[] | undefined,
  calls: readonly CallType[] = [],
  duty: readonly GridDutyEntry[] = [],
): string {
  const lines = [`${person.name} · ${formatDate(date)} ${half}`];
  if (!inProgramOn(person, date))
    lines.push(
      person.startDate && date < person.startDate
        ? `Not in the program yet: first day ${formatDate(person.startDate)}`
        : `Not in the program: last day ${formatDate(person.endDate!)}`,
    );
  if (assignment) {
    const range = activity ? (half === 'AM' ? activity.am : activity.pm) : null;
    const times = range && activity?.countsTowardDutyHours ? `, ${range.start}–${range.end}` : '';
    const what = activity ? `${assignment.activityCode} – ${activity.name}${times}` : assignment.activityCode;
    lines.push(`${what} (${SOURCE_WORDS[assignment.source]}${assignment.locked ? ', locked' : ''})`);
  } else {
    lines.push('Nothing scheduled');
  }
  for (const c of calls)
    lines.push(`On call: ${c.name} (${c.code}), ${c.start}–${c.end}${c.inHouse ? ', in house' : ', from home'}`);
  for (const d of duty) lines.push(dutyLine(d));
  for (const a of absences ?? []) {
    const part = absencePartText(a.part);
    lines.push(
      `Absent: ${absenceTypeName(a.type)} ${formatDate(a.start)} – ${formatDate(a.end)}${part ? ` (${part})` : ''} ` +
        `(${a.status})${a.note ? ` – ${a.note}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** "Sat 3 Oct 2026 21:00 – Sun 4 Oct 2026 07:00", or "Sat 3 Oct 2026 09:00–17:00" within a day. */
export function timeSpanText(start: string, end: string): string {
  const [startDay, startTime] = [start.slice(0, 10), start.slice(11, 16)];
  const [endDay, endTime] = [end.slice(0, 10), end.slice(11, 16)];
  if (startDay === endDay) return `${formatDate(startDay)} ${startTime}–${endTime}`;
  return `${formatDate(startDay)} ${startTime} – ${formatDate(endDay)} ${endTime}`;
}

/** Moonlighting or a callback in words, with its real times. */
export function dutyLine(entry: GridDutyEntry): string {
  const when = timeSpanText(entry.start, entry.end);
  if (entry.kind === 'callback') return `Callback: ${when}${entry.note ? ` – ${entry.note}` : ''}`;
  const approval = entry.approved ? 'approved' : 'awaiting approval';
  return `Moonlighting (${entry.internal ? 'internal' : 'external'}, ${approval}): ${when}`;
}

// A day's hover text, once per day column: the header re-renders on every resize and scroll past a
// week, and formatting each visible day's date again was most of its render.
const dayTitles = new WeakMap<DayColumn, string>();

export function dayTitle(day: DayColumn): string {
  const known = dayTitles.get(day);
  if (known !== undefined) return known;
  const parts = [formatDate(day.date)];
  if (day.holiday) parts.push(`${day.holiday.name} (${day.holiday.dayType.replace(/_/g, ' ')})`);
  else if (day.weekend) parts.push('Weekend');
  if (day.blockStart !== null) parts.push(`Block ${day.blockStart} starts`);
  const title = parts.join('\n');
  dayTitles.set(day, title);
  return title;
}

export function rotationTitle(span: RotationSpan, days: readonly DayColumn[]): string {
  const part = span.part === 'full' ? '' : span.part === 'first' ? ', first half' : ', second half';
  return (
    `${span.code} – ${span.name}\nBlock ${span.blockNumber}${part}: ${formatDate(days[span.from].date)} – ` +
    `${formatDate(days[span.to].date)}`
  );
}

/** Hover text of a person's half-day cell, built only when the pointer reaches it. */
export function describeCell(model: GridModel, personId: string, date: IsoDate, half: HalfDay): string | null {
  const person = model.people.get(personId);
  if (!person) return null;
  const assignment = model.assignments.get(cellKey(personId, date, half));
  const activity = assignment ? model.activities.get(assignment.activityCode) : undefined;
  const calls = (model.calls.get(dayKey(personId, date)) ?? []).filter((t) => half === 'PM' || callCoversMorning(t));
  const absences = model.absences.get(dayKey(personId, date));
  return cellTitle(
    person,
    date,
    half,
    assignment,
    activity,
    absences,
    calls,
    model.duty.get(cellKey(personId, date, half)),
  );
}

/** Hover text of a resident's rotation band. */
export function describeRotation(model: GridModel, personId: string, spanIndex: number): string | null {
  const row = model.rows.find((r) => r.kind === 'person' && r.person.id === personId);
  const span = row?.kind === 'person' ? row.rotations[spanIndex] : undefined;
  return span ? rotationTitle(span, model.days) : null;
}

const CHANGE_WORDS: Record<CellDiff['kind'], string> = {
  added: 'Added in the draft',
  changed: 'Changed in the draft',
  removed: 'Cleared in the draft',
  relocked: 'Lock changed in the draft',
};

/** The draft's change to a slot in words, with the published value ("was C – Clinic, by the solver"). */
export function describeChange(model: GridModel, change: CellDiff): string {
  const before = change.before;
  if (!before) return `${CHANGE_WORDS[change.kind]} (the published slot is empty)`;
  const activity = model.activities.get(before.activityCode);
  const what = activity ? `${before.activityCode} – ${activity.name}` : before.activityCode;
  return (
    `${CHANGE_WORDS[change.kind]}; published: ${what} ` +
    `(${SOURCE_WORDS[before.source]}${before.locked ? ', locked' : ''})`
  );
}
