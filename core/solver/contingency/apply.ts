// A repair applied to a program's data (new arrays; the input is left alone): what the stress
// ladder builds on week after week, and what tests check with the compliance engine.
import type { Repair } from '../../domain/contingency';
import type { ProgramData } from '../../domain/program';
import type { Assignment } from '../../domain/types';

export function applyRepair(data: ProgramData, repair: Repair): ProgramData {
  const cellKey = (a: { personId: string; date: string; half: string }) => `${a.personId}|${a.date}|${a.half}`;
  const slots = new Map<string, string | null>();
  const slotPeople = new Set<string>();
  for (const c of repair.changes)
    if (c.kind === 'slot') {
      slots.set(cellKey(c), c.to);
      slotPeople.add(c.personId);
    }
  // A year's assignments are thousands: only the people whose slots change need a key built.
  const assignments: Assignment[] = data.assignments.filter(
    (a) => !slotPeople.has(a.personId) || !slots.has(cellKey(a)),
  );
  for (const c of repair.changes) {
    if (c.kind !== 'slot' || c.to === null || slots.get(cellKey(c)) !== c.to) continue;
    slots.delete(cellKey(c));
    assignments.push({
      personId: c.personId,
      date: c.date,
      half: c.half,
      activityCode: c.to,
      source: 'manual',
      locked: false,
    });
  }
  let calls = data.calls;
  let inpatientWeeks = data.inpatientWeeks;
  for (const c of repair.changes) {
    if (c.kind === 'call') {
      calls = calls.filter((x) => !(x.personId === c.from && x.date === c.date && x.callTypeCode === c.callTypeCode));
      if (c.to) calls = [...calls, { date: c.date, callTypeCode: c.callTypeCode, personId: c.to, source: 'manual' }];
    } else if (c.kind === 'inpatient_week') {
      inpatientWeeks = inpatientWeeks.filter((w) => !(w.personId === c.from && w.start === c.start));
      if (c.to) inpatientWeeks = [...inpatientWeeks, { personId: c.to, start: c.start, end: c.end }];
    }
  }
  return { ...data, assignments, calls, inpatientWeeks };
}
