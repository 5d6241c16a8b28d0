// The block grid as plain data: which rows (call rows, group headers, people), which day
// columns, and fast lookups from (person, date, half) to the assignment, absence and rotation.
// Pure functions of the API's GridData, unit-tested without a browser.
import type { GridData, GridDutyEntry, GridPerson } from '../../../core/api/contract';
import type {
  Absence,
  Activity,
  Assignment,
  Block,
  CallAssignment,
  CallType,
  HalfDay,
  Holiday,
  IsoDate,
  IsoWeekday,
} from '../../../core/domain/types';
import { safeColor, textColorOn } from '../lib/colors';
import { addDays, datesBetween, isoWeekday } from '../lib/dates';

export interface DayColumn {
  index: number;
  date: IsoDate;
  weekday: IsoWeekday;
  /** Header labels, computed once: 'Thu', '19', 'Nov'. */
  weekdayLabel: string;
  dayOfMonth: string;
  monthLabel: string;
  weekend: boolean;
  holiday: Holiday | null;
  /** First day of a block (drawn with a stronger left edge). */
  blockStart: number | null;
}

export interface CallRow {
  kind: 'call';
  key: string;
  callType: CallType;
  /** Person ids on this call, by date. */
  byDate: Map<IsoDate, string[]>;
}
export interface GroupRow {
  kind: 'group';
  key: string;
  label: string;
  count: number;
}
export interface PersonRowModel {
  kind: 'person';
  key: string;
  person: GridPerson;
  /** Rotation spans over the grid's days (residents). */
  rotations: RotationSpan[];
}
export type GridRowModel = CallRow | GroupRow | PersonRowModel;

export interface RotationSpan {
  /** Day column indices, inclusive. */
  from: number;
  to: number;
  rotationId: string;
  code: string;
  name: string;
  color: string;
  part: 'full' | 'first' | 'second';
  academicYear: number;
  blockNumber: number;
}

export interface GridModel {
  start: IsoDate;
  end: IsoDate;
  days: DayColumn[];
  rows: GridRowModel[];
  activities: Map<string, Activity>;
  people: Map<string, GridPerson>;
  /** `${personId}|${date}|${half}` → assignment. */
  assignments: Map<string, Assignment>;
  /** `${personId}|${date}` → absences covering that day (denied ones are left out). */
  absences: Map<string, Absence[]>;
  /** Activity codes in use in this range, for the legend. */
  usedCodes: Set<string>;
  /** Cell colours per activity code: background and the readable text colour on it. */
  colors: Map<string, { bg: string; fg: string }>;
  /** `${personId}|${date}` → the calls the person takes starting that day (shown on their row). */
  calls: Map<string, CallType[]>;
  /** `${personId}|${date}|${half}` → moonlighting and callbacks covering that half-day (shown on their row). */
  duty: Map<string, GridDutyEntry[]>;
  /** Person id → a short label no one else in view shares ("Harris", or "A. Harris" when two are). */
  shortNames: Map<string, string>;
}

const WEEKDAY_LABELS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Group order top to bottom: senior residents first, then faculty, then learners. */
export function groupRank(group: string): number {
  const pgy = /^PGY-(\d+)$/.exec(group);
  if (pgy) return 100 - Number(pgy[1]);
  if (group === 'Faculty') return 200;
  if (group === 'Learners') return 300;
  return 400;
}

/** Whether a row's person is in the program on a date (their first and last day, when they have them). */
export function inProgramOn(person: Pick<GridPerson, 'startDate' | 'endDate'>, date: IsoDate): boolean {
  return (!person.startDate || date >= person.startDate) && (!person.endDate || date <= person.endDate);
}

export function cellKey(personId: string, date: IsoDate, half: HalfDay): string {
  return `${personId}|${date}|${half}`;
}

export function dayKey(personId: string, date: IsoDate): string {
  return `${personId}|${date}`;
}

export function buildDays(
  start: IsoDate,
  end: IsoDate,
  holidays: readonly Holiday[],
  blocks: readonly Block[] = [],
): DayColumn[] {
  const holidayOn = new Map(holidays.map((h) => [h.date, h]));
  const blockStarts = new Map(blocks.map((b) => [b.start, b.number]));
  return datesBetween(start, end).map((date, index) => {
    const weekday = isoWeekday(date);
    return {
      index,
      date,
      weekday,
      weekdayLabel: WEEKDAY_LABELS[weekday],
      dayOfMonth: String(Number(date.slice(8, 10))),
      monthLabel: MONTH_LABELS[Number(date.slice(5, 7)) - 1],
      weekend: weekday >= 6,
      holiday: holidayOn.get(date) ?? null,
      blockStart: blockStarts.get(date) ?? null,
    };
  });
}

function byName(a: GridPerson, b: GridPerson): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
}

/** Date span of a rotation assignment's part of its block. */
export function partSpan(block: Block, part: 'full' | 'first' | 'second'): { start: IsoDate; end: IsoDate } {
  if (part === 'full' || block.secondHalfStart === block.start) return { start: block.start, end: block.end };
  if (part === 'first') return { start: block.start, end: addDays(block.secondHalfStart, -1) };
  return { start: block.secondHalfStart, end: block.end };
}

function rotationSpans(
  data: GridData,
  blocks: readonly Block[],
  dayIndex: Map<IsoDate, number>,
): Map<string, RotationSpan[]> {
  const rotations = new Map(data.rotations.map((r) => [r.id, r]));
  const blockOf = new Map(blocks.map((b) => [`${b.academicYear}:${b.number}`, b]));
  const out = new Map<string, RotationSpan[]>();
  const last = dayIndex.size - 1;
  for (const ra of data.rotationAssignments) {
    const block = blockOf.get(`${ra.academicYear}:${ra.blockNumber}`);
    const rotation = rotations.get(ra.rotationId);
    if (!block || !rotation) continue;
    const span = partSpan(block, ra.part);
    if (span.end < data.start || span.start > data.end) continue;
    const from = span.start < data.start ? 0 : dayIndex.get(span.start);
    const to = span.end > data.end ? last : dayIndex.get(span.end);
    if (from === undefined || to === undefined) continue;
    const list = out.get(ra.personId) ?? [];
    list.push({
      from,
      to,
      rotationId: rotation.id,
      code: rotation.code,
      name: rotation.name,
      color: rotation.color,
      part: ra.part,
      academicYear: ra.academicYear,
      blockNumber: ra.blockNumber,
    });
    out.set(ra.personId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.from - b.from);
  return out;
}

function callRows(callTypes: readonly CallType[], calls: readonly CallAssignment[]): CallRow[] {
  return callTypes.map((callType) => {
    const byDate = new Map<IsoDate, string[]>();
    for (const c of calls) {
      if (c.callTypeCode !== callType.code) continue;
      const list = byDate.get(c.date) ?? [];
      list.push(c.personId);
      byDate.set(c.date, list);
    }
    return { kind: 'call', key: `call:${callType.code}`, callType, byDate };
  });
}

/**
 * Rows top to bottom: one row per call type, then each group (PGY-3, PGY-2, PGY-1, Faculty,
 * Learners) as a header row followed by its people by name.
 */
export function buildRows(data: GridData, blocks: readonly Block[], dayIndex: Map<IsoDate, number>): GridRowModel[] {
  const rows: GridRowModel[] = callRows(data.callTypes, data.calls);
  const spans = rotationSpans(data, blocks, dayIndex);
  const groups = new Map<string, GridPerson[]>();
  for (const p of data.people) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  const ordered = [...groups.entries()].sort(([a], [b]) => groupRank(a) - groupRank(b) || a.localeCompare(b));
  for (const [label, people] of ordered) {
    rows.push({ kind: 'group', key: `group:${label}`, label, count: people.length });
    for (const person of [...people].sort(byName)) {
      rows.push({ kind: 'person', key: `person:${person.id}`, person, rotations: spans.get(person.id) ?? [] });
    }
  }
  return rows;
}

export function buildGridModel(data: GridData, blocks: readonly Block[] = []): GridModel {
  const days = buildDays(data.start, data.end, data.holidays, blocks);
  const dayIndex = new Map(days.map((d) => [d.date, d.index]));
  const assignments = new Map<string, Assignment>();
  const usedCodes = new Set<string>();
  for (const a of data.assignments) {
    assignments.set(cellKey(a.personId, a.date, a.half), a);
    usedCodes.add(a.activityCode);
  }
  const absences = new Map<string, Absence[]>();
  for (const ab of data.absences) {
    if (ab.status === 'denied') continue;
    const from = ab.start < data.start ? data.start : ab.start;
    const to = ab.end > data.end ? data.end : ab.end;
    if (from > to) continue;
    for (const date of datesBetween(from, to)) {
      const key = dayKey(ab.personId, date);
      absences.set(key, [...(absences.get(key) ?? []), ab]);
    }
  }
  const callTypes = new Map(data.callTypes.map((t) => [t.code, t]));
  const calls = new Map<string, CallType[]>();
  for (const c of data.calls) {
    const type = callTypes.get(c.callTypeCode);
    if (!type) continue;
    const key = dayKey(c.personId, c.date);
    calls.set(key, [...(calls.get(key) ?? []), type]);
  }
  const duty = new Map<string, GridDutyEntry[]>();
  for (const entry of data.duty) {
    for (const slot of entry.slots) {
      const key = cellKey(entry.personId, slot.date, slot.half);
      duty.set(key, [...(duty.get(key) ?? []), entry]);
    }
  }
  return {
    start: data.start,
    end: data.end,
    days,
    calls,
    duty,
    shortNames: uniqueShortNames(data.people),
    rows: buildRows(data, blocks, dayIndex),
    activities: new Map(data.activities.map((a) => [a.code, a])),
    people: new Map(data.people.map((p) => [p.id, p])),
    assignments,
    absences,
    usedCodes,
    colors: new Map(
      data.activities.map((a) => {
        const bg = safeColor(a.color);
        return [a.code, { bg, fg: textColorOn(bg) }];
      }),
    ),
  };
}

/** Last word of a name ("Dr. Ana Ruiz" → "Ruiz"). */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1] ?? name;
}

/**
 * A short label per person for the narrow call cells, never shared: the surname; "A. Harris"
 * when two people share it; the whole name when even that is shared.
 */
export function uniqueShortNames(people: readonly { id: string; name: string }[]): Map<string, string> {
  const count = (labels: Map<string, string>) => {
    const n = new Map<string, number>();
    for (const l of labels.values()) n.set(l.toLowerCase(), (n.get(l.toLowerCase()) ?? 0) + 1);
    return n;
  };
  const labels = new Map(people.map((p) => [p.id, shortName(p.name)]));
  const surnames = count(labels);
  for (const p of people) {
    if ((surnames.get(labels.get(p.id)!.toLowerCase()) ?? 0) < 2) continue;
    const words = p.name.trim().split(/\s+/);
    labels.set(p.id, words.length > 1 ? `${words[0][0]}. ${words[words.length - 1]}` : p.name);
  }
  const initials = count(labels);
  for (const p of people) if ((initials.get(labels.get(p.id)!.toLowerCase()) ?? 0) > 1) labels.set(p.id, p.name.trim());
  return labels;
}

/**
 * Every text the grid's cells show, for sizing its columns (fitGridMetrics): the codes in half-day
 * cells (activities, calls read on a person's row, moonlighting and callbacks) and the labels of
 * the people on call.
 */
export function gridCellTexts(model: GridModel): { codes: Set<string>; callNames: Set<string> } {
  const codes = new Set([...model.usedCodes, ...Object.values(DUTY_CODES)]);
  const callNames = new Set<string>();
  for (const [key, types] of model.calls) {
    for (const t of types) codes.add(t.code);
    const personId = key.slice(0, key.lastIndexOf('|'));
    callNames.add(model.shortNames.get(personId) ?? personId);
  }
  return { codes, callNames };
}

/** The short code a half-day that is otherwise time off shows for moonlighting or a callback. */
export const DUTY_CODES: Record<GridDutyEntry['kind'], string> = { moonlighting: 'ML', callback: 'CB' };

/** Whether a call starting on a day covers its morning too (it starts before noon: 24-hour call). */
export function callCoversMorning(type: Pick<CallType, 'start'>): boolean {
  return type.start < '12:00';
}
