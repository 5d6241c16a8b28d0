// Overlapping and duplicate absences of one person: one stretch of time entered more than once.
// The import reports them, the compliance engine flags them (low), and the Absences view offers
// to merge them; all three find them here.
import { partWindow } from './availability';
import type { Absence, IsoDate } from './types';

export interface AbsenceOverlap {
  personId: string;
  /** First and last day of the group. */
  start: IsoDate;
  end: IsoDate;
  /** Two or more absences, each overlapping another of the group; by start, then id. */
  absences: Absence[];
  /** Every absence of the group is the same (type, dates, part, status): copies of one. */
  duplicates: boolean;
}

/** Whether two absences of a person cover some of the same time (dates and part of the day). */
export function absencesOverlap(a: Absence, b: Absence): boolean {
  if (a.start > b.end || b.start > a.end) return false;
  const [af, at] = partWindow(a.part);
  const [bf, bt] = partWindow(b.part);
  return af < bt && bf < at;
}

/** The same absence entered twice: type, dates, part and status alike. */
export const sameAbsence = (a: Absence, b: Absence) =>
  a.type === b.type &&
  a.start === b.start &&
  a.end === b.end &&
  a.status === b.status &&
  JSON.stringify(a.part) === JSON.stringify(b.part);

/** Groups of overlapping absences (denied ones left out), by person, then date. */
export function overlappingAbsences(absences: readonly Absence[]): AbsenceOverlap[] {
  const byPerson = new Map<string, Absence[]>();
  for (const a of absences) {
    if (a.status === 'denied') continue;
    byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  }
  const out: AbsenceOverlap[] = [];
  for (const [personId, list] of [...byPerson].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
    // Connected groups: an absence joins every earlier group it overlaps (merging them).
    const groups: Absence[][] = [];
    for (const a of sorted) {
      const touching = groups.filter((g) => g.some((b) => absencesOverlap(a, b)));
      const merged = [...touching.flat(), a];
      for (const g of touching) groups.splice(groups.indexOf(g), 1);
      groups.push(merged);
    }
    for (const g of groups) {
      if (g.length < 2) continue;
      g.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
      const start = g.reduce((m, a) => (a.start < m ? a.start : m), g[0].start);
      const end = g.reduce((m, a) => (a.end > m ? a.end : m), g[0].end);
      out.push({ personId, start, end, absences: g, duplicates: g.every((a) => sameAbsence(a, g[0])) });
    }
  }
  return out.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.start < b.start ? -1 : 1));
}
