// Which grid cells a list of findings marks: a person's finding marks its slots (or, for a short
// serious window with no slots, such as a 24-hour call, the person's slots in that window); a
// finding about a slot (clinic capacity, supervision) marks the cells in that slot whose activity
// takes part in it. Worst severity wins; a mark is "acknowledged" only when all its findings are.
// Pure: the findings store builds it once per load, rows read their person's part.
import type { ComplianceFinding } from '../../../core/api/contract';
import type { Activity, HalfDay, Severity } from '../../../core/domain/types';
import { datesBetween, dayCount } from '../lib/dates';

export interface CellMark {
  severity: Severity;
  acknowledged: boolean;
  findingIds: string[];
}

export interface FindingMarks {
  /** personId → `${date}|${half}` → mark. */
  byPerson: Map<string, Map<string, CellMark>>;
  /** `${date}|${half}` → mark of findings about the slot itself, with their rule types. */
  bySlot: Map<string, CellMark & { ruleTypes: string[] }>;
}

/** Person findings without slots mark their whole window when it is at most this long. */
export const WINDOW_MARK_MAX_DAYS = 7;
const MARKED_WINDOW_SEVERITIES: readonly Severity[] = ['critical', 'high'];
const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const slotKey = (date: string, half: HalfDay) => `${date}|${half}`;

function add(map: Map<string, CellMark>, key: string, f: ComplianceFinding): CellMark {
  const mark = map.get(key);
  const acknowledged = f.acknowledgement !== null;
  if (!mark) {
    const fresh = { severity: f.severity, acknowledged, findingIds: [f.id] };
    map.set(key, fresh);
    return fresh;
  }
  if (!mark.findingIds.includes(f.id)) mark.findingIds.push(f.id);
  // An open finding outranks acknowledged ones; among the same openness, the worse severity.
  if (mark.acknowledged && !acknowledged) [mark.severity, mark.acknowledged] = [f.severity, false];
  else if (mark.acknowledged === acknowledged && RANK[f.severity] < RANK[mark.severity]) mark.severity = f.severity;
  return mark;
}

/** The slots a finding marks for its person. */
export function personSlots(f: ComplianceFinding): { date: string; half: HalfDay }[] {
  if (f.slots.length) return f.slots;
  if (!MARKED_WINDOW_SEVERITIES.includes(f.severity) || dayCount(f.start, f.end) > WINDOW_MARK_MAX_DAYS) return [];
  return datesBetween(f.start, f.end).flatMap((date) => (['AM', 'PM'] as const).map((half) => ({ date, half })));
}

export function buildMarks(findings: readonly ComplianceFinding[]): FindingMarks {
  const byPerson = new Map<string, Map<string, CellMark>>();
  const bySlot = new Map<string, CellMark & { ruleTypes: string[] }>();
  for (const f of findings) {
    if (f.personId === null) {
      for (const s of f.slots) {
        const key = slotKey(s.date, s.half);
        const mark = add(bySlot as Map<string, CellMark>, key, f) as CellMark & { ruleTypes?: string[] };
        mark.ruleTypes = [...new Set([...(mark.ruleTypes ?? []), f.ruleType])];
      }
      continue;
    }
    const slots = personSlots(f);
    if (!slots.length) continue;
    let mine = byPerson.get(f.personId);
    if (!mine) byPerson.set(f.personId, (mine = new Map()));
    for (const s of slots) add(mine, slotKey(s.date, s.half), f);
  }
  return { byPerson, bySlot };
}

/** Whether a cell's activity takes part in a slot finding of these rule types. */
export function involvedInSlot(ruleTypes: readonly string[], activity: Activity | undefined): boolean {
  if (!activity) return false;
  return ruleTypes.some((t) =>
    t === 'clinic_capacity'
      ? activity.countsTowardClinicCapacity
      : t === 'supervision'
        ? activity.needsSupervision || activity.providesSupervision
        : false,
  );
}
