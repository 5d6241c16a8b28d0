// The published schedule as the swap planner reads it: a person's slot, calls and inpatient
// weeks, looked up by key, with plans applied on top (a cover draft plans one item after the
// other, each on what the previous ones left). Built from the compliance cache's snapshot, so
// it is the very schedule the rules engine checks.
import type {
  Activity,
  Assignment,
  CallAssignment,
  CallType,
  HalfDay,
  InpatientWeek,
  IsoDate,
  Person,
} from '../../domain/types';
import type { CheckedSchedule, ProgramBase } from '../compliance/checked-schedule';
import { callKeyOf, cellKeyOf, type ScheduleSnapshot } from '../compliance/snapshot';
import { availabilityOf, type Availability } from './availability';
import type { SwapPlan } from './types';

const byDate = (a: { date: IsoDate }, b: { date: IsoDate }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

interface Index {
  version: number;
  callsByPerson: Map<string, CallAssignment[]>;
  weeksByPerson: Map<string, InpatientWeek[]>;
  availability: Availability;
}

// Indexes of a checked schedule, kept while its version stands (candidates are asked for often).
const indexes = new WeakMap<CheckedSchedule, Index>();

function indexOf(schedule: CheckedSchedule): Index {
  const known = indexes.get(schedule);
  if (known && known.version === schedule.version) return known;
  const { snapshot } = schedule;
  const callsByPerson = new Map<string, CallAssignment[]>();
  for (const c of snapshot.calls.values()) callsByPerson.set(c.personId, [...(callsByPerson.get(c.personId) ?? []), c]);
  for (const list of callsByPerson.values()) list.sort(byDate);
  const weeksByPerson = new Map<string, InpatientWeek[]>();
  for (const w of snapshot.weeks.values()) weeksByPerson.set(w.personId, [...(weeksByPerson.get(w.personId) ?? []), w]);
  const availability = availabilityOf({
    settings: schedule.base.settings,
    people: schedule.base.people,
    absences: [...snapshot.absences.values()],
  });
  const index = { version: schedule.version, callsByPerson, weeksByPerson, availability };
  indexes.set(schedule, index);
  return index;
}

export class ScheduleView {
  readonly data: ProgramBase;
  readonly people = new Map<string, Person>();
  readonly activities = new Map<string, Activity>();
  readonly callTypes = new Map<string, CallType>();
  readonly availability: Availability;
  private readonly snapshot: ScheduleSnapshot;
  private readonly cells = new Map<string, Assignment | null>();
  private readonly calls = new Map<string, CallAssignment | null>();
  private readonly callsByPerson: Map<string, CallAssignment[]>;
  private readonly weeksByPerson: Map<string, InpatientWeek[]>;

  /** The published schedule of a checked year (plans applied later stay in this view). */
  constructor(schedule: CheckedSchedule) {
    this.data = schedule.base;
    this.snapshot = schedule.snapshot;
    for (const p of this.data.people) this.people.set(p.id, p);
    for (const a of this.data.activities) this.activities.set(a.code, a);
    for (const t of this.data.callTypes) this.callTypes.set(t.code, t);
    const index = indexOf(schedule);
    // Lists are replaced, never changed in place, so the cached index stays as it was.
    this.callsByPerson = new Map(index.callsByPerson);
    this.weeksByPerson = new Map(index.weeksByPerson);
    this.availability = index.availability;
  }

  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  cell(personId: string, date: IsoDate, half: HalfDay): Assignment | null {
    const key = cellKeyOf({ personId, date, half });
    const own = this.cells.get(key);
    return own !== undefined ? own : (this.snapshot.cells.get(key) ?? null);
  }

  call(date: IsoDate, callTypeCode: string, personId: string): CallAssignment | null {
    const key = callKeyOf({ date, callTypeCode, personId });
    const own = this.calls.get(key);
    return own !== undefined ? own : (this.snapshot.calls.get(key) ?? null);
  }

  /** A person's calls dated from … to (inclusive), by date. */
  callsOf(personId: string, from: IsoDate, to: IsoDate): CallAssignment[] {
    return (this.callsByPerson.get(personId) ?? []).filter((c) => c.date >= from && c.date <= to);
  }

  /** A person's inpatient weeks, by start. */
  weeksOf(personId: string): InpatientWeek[] {
    return [...(this.weeksByPerson.get(personId) ?? [])].sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
    );
  }

  week(personId: string, start: IsoDate): InpatientWeek | null {
    return (this.weeksByPerson.get(personId) ?? []).find((w) => w.start === start) ?? null;
  }

  /** Every holder of the published weeks (for workload counts). */
  allWeeks(): InpatientWeek[] {
    return [...this.weeksByPerson.values()].flat();
  }

  allCallsOf(personId: string): CallAssignment[] {
    return this.callsByPerson.get(personId) ?? [];
  }

  /** Take a plan's values as the schedule from now on. */
  apply(plan: SwapPlan): void {
    for (const c of plan.cells) this.cells.set(cellKeyOf(c), c.after);
    for (const c of plan.calls) {
      this.calls.set(callKeyOf(c), c.after);
      const list = (this.callsByPerson.get(c.personId) ?? []).filter(
        (x) => !(x.date === c.date && x.callTypeCode === c.callTypeCode),
      );
      if (c.after) list.push(c.after);
      this.callsByPerson.set(c.personId, list.sort(byDate));
    }
    for (const w of plan.weeks) {
      const list = (this.weeksByPerson.get(w.personId) ?? []).filter((x) => x.start !== w.start);
      if (w.after) list.push(w.after);
      this.weeksByPerson.set(w.personId, list);
    }
  }
}
