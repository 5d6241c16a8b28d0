// The schedule the engine checks, indexed for the rules (per person, per slot, per block) and
// editable one change at a time. Every change is checked first and returns its undo, so a batch
// that fails part-way is rolled back and changes nothing.
import { PersonAvailability, policyLookup } from '../domain/availability';
import { addDays, blocksForYear, daysBetween, isIsoDate } from '../domain/calendar';
import type {
  Absence,
  AbsencePolicy,
  Block,
  BlockLayout,
  AcademicYearId,
  Activity,
  Assignment,
  CallAssignment,
  Callback,
  CallType,
  DayType,
  HalfDay,
  InpatientWeek,
  IsoDate,
  MoonlightingEntry,
  Person,
  ProgramSettings,
  Rotation,
  RotationAssignment,
} from '../domain/types';
import { rangeMinutes, zoneClock, type ZoneClock } from './clock';
import { ComplianceInputError, type ComplianceInput } from './input';
import { finish } from './steps';

/** A block of the layout, with its day indexes in the horizon (may lie outside it). */
export interface BlockInfo {
  key: string;
  academicYear: AcademicYearId;
  number: number;
  start: IsoDate;
  end: IsoDate;
  secondHalfStart: IsoDate;
  firstDay: number;
  secondHalfDay: number;
  lastDay: number;
}

/** Everything one person has on the schedule. */
export interface PersonSchedule {
  person: Person;
  /** Half-day assignments by slot index (day × 2 + 0 for AM, 1 for PM), horizon only. */
  slots: (Assignment[] | undefined)[];
  calls: CallAssignment[];
  absences: Absence[];
  inpatientWeeks: InpatientWeek[];
  moonlighting: MoonlightingEntry[];
  callbacks: Callback[];
  rotationAssignments: RotationAssignment[];
}

/** What a change touches: people (with the days), slots, blocks. */
export interface Touched {
  persons: Map<string, { from: number; to: number }>;
  slots: Set<number>;
  blocks: Set<string>;
}

export type Undo = () => void;

/** What `ScheduleState.checkpoint` keeps: versions and the availability cached for them. */
export interface StateCheckpoint {
  versions: Map<string, number>;
  absenceVersions: Map<string, number>;
  availability: Map<string, { version: number; availability: PersonAvailability }>;
}

export function slotIndex(day: number, half: HalfDay): number {
  return day * 2 + (half === 'PM' ? 1 : 0);
}

const cheapDate = /^\d{4}-\d{2}-\d{2}$/;

/** Half-days taken between two yields of `ScheduleState.steps` (some 20 ms of CPU). */
const ITEMS_PER_STEP = 20_000;

// Block layouts repeat across validations of a program; the calendar computes each year once.
const blockMemo = new Map<string, Block[]>();
function layoutBlocks(year: AcademicYearId, layout: BlockLayout): Block[] {
  const key = `${year}|${JSON.stringify(layout)}`;
  let blocks = blockMemo.get(key);
  if (!blocks) {
    if (blockMemo.size > 1000) blockMemo.clear();
    blockMemo.set(key, (blocks = blocksForYear(year, layout)));
  }
  return blocks;
}

/**
 * Run a check of one item; a problem it finds is reported under the item's path
 * (`assignments[12].date`). The path is only built when there is a problem.
 */
export function at<T>(list: string, index: number | null, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof ComplianceInputError)) throw err;
    throw new ComplianceInputError(`${list}${index === null ? '' : `[${index}]`}.${err.path}`, err.problem);
  }
}

export class ScheduleState {
  readonly settings: ProgramSettings;
  readonly clock: ZoneClock;
  /** The reported range as day indexes. */
  readonly rangeFirst: number;
  readonly rangeLast: number;
  readonly activities = new Map<string, Activity>();
  readonly callTypes = new Map<string, CallType>();
  /** Start/end minutes after midnight (end past 24 h = next day) of each activity's halves. */
  readonly activityMinutes = new Map<string, Record<HalfDay, [number, number] | null>>();
  /** Start/end minutes of each call type. */
  readonly callMinutes = new Map<string, [number, number]>();
  readonly rotations = new Map<string, Rotation>();
  readonly people = new Map<string, PersonSchedule>();
  /** People in id order, so results never depend on the order data was stored in. */
  readonly peopleInOrder: PersonSchedule[];
  readonly dayType: DayType[];
  readonly blocks: BlockInfo[];
  readonly blockByKey = new Map<string, BlockInfo>();
  /** The program's policy of an absence type (a type without one blocks everything). */
  readonly policyOf: (type: string) => AbsencePolicy;
  private readonly availabilityCache = new Map<string, { version: number; availability: PersonAvailability }>();
  /** Every person's assignments in a slot. */
  readonly slotAssignments: Assignment[][];
  readonly rotationAssignmentsByBlock = new Map<string, RotationAssignment[]>();
  private readonly absenceById = new Map<string, Absence>();
  private readonly moonlightingById = new Map<string, MoonlightingEntry>();
  private readonly callbackById = new Map<string, Callback>();
  /**
   * A person's version: a new stamp on every change to them, so derived data can be cached per
   * version. Stamps are never reused, so a version put back by `restore` still names its content.
   */
  private readonly versions = new Map<string, number>();
  /** The same, bumped only by changes to a person's absences (all their availability depends on). */
  private readonly absenceVersions = new Map<string, number>();
  private lastStamp = 0;

  /** `load: false` leaves the items to `steps` (the same work, a part at a time). */
  constructor(input: ComplianceInput, marginDays: number, load = true) {
    const { range, settings } = input;
    if (!isIsoDate(range.start))
      throw new ComplianceInputError('range.start', `not a date (YYYY-MM-DD): "${range.start}"`);
    if (!isIsoDate(range.end)) throw new ComplianceInputError('range.end', `not a date (YYYY-MM-DD): "${range.end}"`);
    if (range.end < range.start)
      throw new ComplianceInputError('range.end', `${range.end} is before range.start ${range.start}`);
    if (daysBetween(range.start, range.end) > 1100)
      throw new ComplianceInputError('range', 'covers more than three years; validate one academic year at a time');
    this.settings = settings;
    try {
      this.clock = zoneClock(settings.timeZone, addDays(range.start, -marginDays), addDays(range.end, marginDays));
    } catch (err) {
      throw new ComplianceInputError('settings.timeZone', (err as Error).message);
    }
    this.rangeFirst = this.clock.indexOf(range.start);
    this.rangeLast = this.clock.indexOf(range.end);
    const days = this.clock.length;

    this.policyOf = policyLookup(settings.absencePolicies);
    input.activities.forEach((a, i) => {
      if (this.activities.has(a.code))
        throw new ComplianceInputError(`activities[${i}]`, `duplicate activity code "${a.code}"`);
      const minutes = (half: 'am' | 'pm') => {
        const t = a[half];
        try {
          return t ? rangeMinutes(t.start, t.end) : null;
        } catch (err) {
          throw new ComplianceInputError(`activities[${i}].${half}`, `${a.code}: ${(err as Error).message}`);
        }
      };
      this.activities.set(a.code, a);
      this.activityMinutes.set(a.code, { AM: minutes('am'), PM: minutes('pm') });
    });
    (input.callTypes ?? []).forEach((c, i) => {
      if (this.callTypes.has(c.code))
        throw new ComplianceInputError(`callTypes[${i}]`, `duplicate call type code "${c.code}"`);
      try {
        this.callMinutes.set(c.code, rangeMinutes(c.start, c.end));
      } catch (err) {
        throw new ComplianceInputError(`callTypes[${i}]`, `${c.code}: ${(err as Error).message}`);
      }
      this.callTypes.set(c.code, c);
    });
    (input.rotations ?? []).forEach((r, i) => {
      if (this.rotations.has(r.id))
        throw new ComplianceInputError(`rotations[${i}]`, `duplicate rotation id "${r.id}"`);
      this.rotations.set(r.id, r);
    });
    input.people.forEach((p, i) => {
      if (this.people.has(p.id)) throw new ComplianceInputError(`people[${i}]`, `duplicate person id "${p.id}"`);
      this.people.set(p.id, {
        person: p,
        slots: new Array(days * 2),
        calls: [],
        absences: [],
        inpatientWeeks: [],
        moonlighting: [],
        callbacks: [],
        rotationAssignments: [],
      });
    });
    this.peopleInOrder = [...this.people.values()].sort((a, b) =>
      a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0,
    );

    const holidays = new Map<IsoDate, DayType>();
    (input.holidays ?? []).forEach((h, i) => {
      if (!isIsoDate(h.date))
        throw new ComplianceInputError(`holidays[${i}].date`, `not a date (YYYY-MM-DD): "${h.date}"`);
      holidays.set(h.date, h.dayType);
    });
    this.dayType = this.clock.dates.map((d) => holidays.get(d) ?? 'normal');

    this.blocks = [];
    for (let year = this.clock.academicYearAt(0); year <= this.clock.academicYearAt(days - 1); year++) {
      for (const b of layoutBlocks(year, settings.blockLayout)) {
        const info: BlockInfo = {
          key: `${year}:${b.number}`,
          academicYear: year,
          number: b.number,
          start: b.start,
          end: b.end,
          secondHalfStart: b.secondHalfStart,
          firstDay: this.clock.offsetOf(b.start),
          secondHalfDay: this.clock.offsetOf(b.secondHalfStart),
          lastDay: this.clock.offsetOf(b.end),
        };
        this.blocks.push(info);
        this.blockByKey.set(info.key, info);
      }
    }

    this.slotAssignments = Array.from({ length: days * 2 }, () => []);
    if (load) finish(this.loadSteps(input));
  }

  /**
   * The same state, its items (a year's half-days: 300 000 at 150 residents) taken a part at a
   * time: it yields between parts, so a caller on the main thread lets other work run.
   */
  static *steps(input: ComplianceInput, marginDays: number): Generator<void, ScheduleState> {
    const state = new ScheduleState(input, marginDays, false);
    yield* state.loadSteps(input);
    return state;
  }

  /**
   * The input's items checked and indexed, yielding after every ITEMS_PER_STEP half-days: once, on
   * a state made with `load: false` from the same input.
   */
  *loadSteps(input: ComplianceInput): Generator<void> {
    const assignments = input.assignments ?? [];
    for (let i = 0; i < assignments.length; i++) {
      if (i > 0 && i % ITEMS_PER_STEP === 0) yield;
      const a = assignments[i];
      const ps = at('assignments', i, () => this.checkAssignment(a));
      const day = this.clock.indexOf(a.date);
      if (day < 0) continue;
      const slot = slotIndex(day, a.half);
      const list = ps.slots[slot];
      if (list) list.push(a);
      else ps.slots[slot] = [a];
      this.slotAssignments[slot].push(a);
    }
    (input.calls ?? []).forEach((c, i) => at('calls', i, () => this.checkCall(c)).calls.push(c));
    (input.absences ?? []).forEach((a, i) => {
      at('absences', i, () => this.checkAbsence(a)).absences.push(a);
      this.absenceById.set(a.id, a);
    });
    (input.inpatientWeeks ?? []).forEach((w, i) =>
      at('inpatientWeeks', i, () => this.checkInpatientWeek(w)).inpatientWeeks.push(w),
    );
    (input.moonlighting ?? []).forEach((m, i) => {
      at('moonlighting', i, () => this.checkMoonlighting(m)).moonlighting.push(m);
      this.moonlightingById.set(m.id, m);
    });
    (input.callbacks ?? []).forEach((c, i) => {
      at('callbacks', i, () => this.checkCallback(c)).callbacks.push(c);
      this.callbackById.set(c.id, c);
    });
    (input.rotationAssignments ?? []).forEach((r, i) => {
      at('rotationAssignments', i, () => this.checkRotationAssignment(r)).rotationAssignments.push(r);
      this.blockList(`${r.academicYear}:${r.blockNumber}`).push(r);
    });
  }

  // ---- Reading ----

  person(personId: string): PersonSchedule {
    const ps = this.people.get(personId);
    if (!ps) throw new ComplianceInputError('personId', `unknown person "${personId}"`);
    return ps;
  }

  version(personId: string): number {
    return this.versions.get(personId) ?? 0;
  }

  activity(code: string): Activity {
    return this.activities.get(code)!;
  }

  /** PGY level of a person on a day (null for faculty, learners, or no level that year). */
  pgyOn(person: Person, day: number): number | null {
    return person.pgyByYear[String(this.clock.academicYearAt(day))] ?? null;
  }

  /** When a person is unavailable (core/domain/availability), cached until their absences change. */
  availability(ps: PersonSchedule): PersonAvailability {
    const version = this.absenceVersions.get(ps.person.id) ?? 0;
    const cached = this.availabilityCache.get(ps.person.id);
    if (cached && cached.version === version) return cached.availability;
    const availability = new PersonAvailability(ps.absences, this.policyOf, ps.person);
    this.availabilityCache.set(ps.person.id, { version, availability });
    return availability;
  }

  /** Blocks that overlap a run of days. */
  blocksOverlapping(from: number, to: number): BlockInfo[] {
    return this.blocks.filter((b) => b.firstDay <= to && b.lastDay >= from);
  }

  /** The rotations a person is on, on a day, from the annual plan (usually one), in id order. */
  rotationsOn(ps: PersonSchedule, day: number): Rotation[] {
    const out: Rotation[] = [];
    for (const ra of ps.rotationAssignments) {
      const block = this.blockByKey.get(`${ra.academicYear}:${ra.blockNumber}`);
      if (!block || day < block.firstDay || day > block.lastDay) continue;
      if (ra.part === 'first' && day >= block.secondHalfDay) continue;
      if (ra.part === 'second' && day < block.secondHalfDay) continue;
      const rotation = this.rotations.get(ra.rotationId);
      if (rotation && !out.includes(rotation)) out.push(rotation);
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  // ---- Checking ----
  // Each check throws with a path relative to the item ("date", "personId"); callers put the
  // item's own path in front (`assignments[12]`, `edits[0].assignment`) with `at`.

  private knownPerson(personId: string): PersonSchedule {
    const ps = this.people.get(personId);
    if (!ps) throw new ComplianceInputError('personId', `unknown person "${personId}"`);
    return ps;
  }

  private checkDate(date: string, field: string): void {
    if (!(this.clock.indexOf(date) >= 0 || (cheapDate.test(date) && isIsoDate(date))))
      throw new ComplianceInputError(field, `not a date (YYYY-MM-DD): "${date}"`);
  }

  /** A person's slot: known person, real date, AM or PM. */
  checkSlot(personId: string, date: string, half: string): PersonSchedule {
    const ps = this.knownPerson(personId);
    this.checkDate(date, 'date');
    if (half !== 'AM' && half !== 'PM') throw new ComplianceInputError('half', `expected AM or PM, got "${half}"`);
    return ps;
  }

  checkAssignment(a: Assignment): PersonSchedule {
    const ps = this.checkSlot(a.personId, a.date, a.half);
    const activity = this.activities.get(a.activityCode);
    if (!activity)
      throw new ComplianceInputError(
        'activityCode',
        `unknown activity "${a.activityCode}" (${a.personId}, ${a.date} ${a.half})`,
      );
    if (activity.countsTowardDutyHours && !this.activityMinutes.get(a.activityCode)![a.half])
      throw new ComplianceInputError(
        'activityCode',
        `${a.activityCode} counts toward duty hours but has no ${a.half} times (${a.personId}, ${a.date} ${a.half})`,
      );
    return ps;
  }

  checkCall(c: CallAssignment): PersonSchedule {
    const ps = this.knownPerson(c.personId);
    this.checkDate(c.date, 'date');
    if (!this.callTypes.has(c.callTypeCode))
      throw new ComplianceInputError(
        'callTypeCode',
        `unknown call type "${c.callTypeCode}" (${c.personId}, ${c.date})`,
      );
    return ps;
  }

  checkAbsence(a: Absence): PersonSchedule {
    const ps = this.knownPerson(a.personId);
    this.checkDate(a.start, 'start');
    this.checkDate(a.end, 'end');
    if (a.end < a.start) throw new ComplianceInputError('end', `${a.end} is before start ${a.start} (absence ${a.id})`);
    return ps;
  }

  checkInpatientWeek(w: InpatientWeek): PersonSchedule {
    const ps = this.knownPerson(w.personId);
    this.checkDate(w.start, 'start');
    this.checkDate(w.end, 'end');
    if (w.end < w.start) throw new ComplianceInputError('end', `${w.end} is before start ${w.start}`);
    return ps;
  }

  /** A timed entry (moonlighting, callback): known person, local date-times, end after start. */
  private checkTimed(entry: MoonlightingEntry | Callback, what: string): PersonSchedule {
    const ps = this.knownPerson(entry.personId);
    for (const field of ['start', 'end'] as const) {
      const v = entry[field];
      const ok = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/.test(v) && isIsoDate(v.slice(0, 10));
      if (!ok) throw new ComplianceInputError(field, `not a local date-time (YYYY-MM-DDTHH:MM): "${v}"`);
    }
    if (entry.end < entry.start)
      throw new ComplianceInputError('end', `${entry.end} is before start ${entry.start} (${what} ${entry.id})`);
    return ps;
  }

  checkMoonlighting(m: MoonlightingEntry): PersonSchedule {
    return this.checkTimed(m, 'moonlighting');
  }

  checkCallback(c: Callback): PersonSchedule {
    return this.checkTimed(c, 'callback');
  }

  checkRotationAssignment(r: RotationAssignment): PersonSchedule {
    const ps = this.knownPerson(r.personId);
    if (!this.rotations.has(r.rotationId))
      throw new ComplianceInputError('rotationId', `unknown rotation "${r.rotationId}" (${r.personId})`);
    if (r.part !== 'full' && r.part !== 'first' && r.part !== 'second')
      throw new ComplianceInputError('part', `expected full, first or second, got "${r.part}"`);
    const inHorizon =
      r.academicYear >= this.clock.academicYearAt(0) &&
      r.academicYear <= this.clock.academicYearAt(this.clock.length - 1);
    if (inHorizon && !this.blockByKey.has(`${r.academicYear}:${r.blockNumber}`))
      throw new ComplianceInputError('blockNumber', `academic year ${r.academicYear} has no block ${r.blockNumber}`);
    return ps;
  }

  // ---- Changing (each returns its undo; callers check first) ----

  private bump(personId: string): void {
    this.versions.set(personId, ++this.lastStamp);
  }

  /** The people's versions and cached availability now, for `restore` after a trial is undone. */
  checkpoint(): StateCheckpoint {
    return {
      versions: new Map(this.versions),
      absenceVersions: new Map(this.absenceVersions),
      availability: new Map(this.availabilityCache),
    };
  }

  /** Put back the versions of a checkpoint once every change since has been undone (caches stay valid). */
  restore(checkpoint: StateCheckpoint): void {
    this.versions.clear();
    for (const [id, v] of checkpoint.versions) this.versions.set(id, v);
    this.absenceVersions.clear();
    for (const [id, v] of checkpoint.absenceVersions) this.absenceVersions.set(id, v);
    this.availabilityCache.clear();
    for (const [id, a] of checkpoint.availability) this.availabilityCache.set(id, a);
  }

  private blockList(key: string): RotationAssignment[] {
    let list = this.rotationAssignmentsByBlock.get(key);
    if (!list) this.rotationAssignmentsByBlock.set(key, (list = []));
    return list;
  }

  /** Replace a person's assignments in one slot (null clears it). Outside the horizon: nothing to keep. */
  setSlot(personId: string, date: IsoDate, half: HalfDay, next: Assignment | null): Undo {
    const day = this.clock.indexOf(date);
    if (day < 0) return () => {};
    return this.setSlotAt(personId, slotIndex(day, half), next ? [next] : undefined);
  }

  /** Replace a person's assignments in a slot of the horizon (by index) with a list (undefined clears it). */
  setSlotAt(personId: string, slot: number, next: Assignment[] | undefined): Undo {
    return this.setSlotsAt([{ personId, slot, next }]);
  }

  /**
   * Replace people's assignments in slots of the horizon, as one change: each slot's list of everyone
   * is rebuilt once (a regenerated block changes most people's slots).
   */
  setSlotsAt(changes: readonly { personId: string; slot: number; next: Assignment[] | undefined }[]): Undo {
    const bySlot = new Map<number, (typeof changes)[number][]>();
    for (const c of changes) {
      const list = bySlot.get(c.slot);
      if (list) list.push(c);
      else bySlot.set(c.slot, [c]);
    }
    const undos: Undo[] = [];
    for (const [slot, list] of bySlot) {
      const changed = new Set(list.map((c) => c.personId));
      const everyone = this.slotAssignments[slot];
      const others = everyone.filter((a) => !changed.has(a.personId));
      for (const c of list) {
        const ps = this.person(c.personId);
        const was = ps.slots[slot];
        ps.slots[slot] = c.next;
        if (c.next) others.push(...c.next);
        undos.push(() => {
          ps.slots[slot] = was;
        });
      }
      this.slotAssignments[slot] = others;
      undos.push(() => {
        this.slotAssignments[slot] = everyone;
      });
    }
    const people = new Set(changes.map((c) => c.personId));
    for (const id of people) this.bump(id);
    return () => {
      for (const undo of undos.reverse()) undo();
      for (const id of people) this.bump(id);
    };
  }

  private listEdit<T>(
    list: T[],
    item: T,
    personId: string,
    onAdd?: () => void,
    onRemove?: () => void,
  ): { add: () => Undo; remove: () => Undo } {
    const add = (): Undo => {
      list.push(item);
      onAdd?.();
      this.bump(personId);
      return () => {
        list.splice(list.lastIndexOf(item), 1);
        onRemove?.();
        this.bump(personId);
      };
    };
    const remove = (): Undo => {
      const at = list.indexOf(item);
      list.splice(at, 1);
      onRemove?.();
      this.bump(personId);
      return () => {
        list.splice(at, 0, item);
        onAdd?.();
        this.bump(personId);
      };
    };
    return { add, remove };
  }

  addCall(c: CallAssignment): Undo {
    return this.listEdit(this.person(c.personId).calls, c, c.personId).add();
  }

  findCall(personId: string, date: IsoDate, callTypeCode: string): CallAssignment | undefined {
    return this.person(personId).calls.find((c) => c.date === date && c.callTypeCode === callTypeCode);
  }

  removeCall(c: CallAssignment): Undo {
    return this.listEdit(this.person(c.personId).calls, c, c.personId).remove();
  }

  findAbsence(id: string): Absence | undefined {
    return this.absenceById.get(id);
  }

  private absenceChanged(a: Absence, present: boolean): void {
    if (present) this.absenceById.set(a.id, a);
    else this.absenceById.delete(a.id);
    this.absenceVersions.set(a.personId, ++this.lastStamp);
  }

  addAbsence(a: Absence): Undo {
    return this.listEdit(
      this.person(a.personId).absences,
      a,
      a.personId,
      () => this.absenceChanged(a, true),
      () => this.absenceChanged(a, false),
    ).add();
  }

  removeAbsence(a: Absence): Undo {
    return this.listEdit(
      this.person(a.personId).absences,
      a,
      a.personId,
      () => this.absenceChanged(a, true),
      () => this.absenceChanged(a, false),
    ).remove();
  }

  findInpatientWeek(personId: string, start: IsoDate): InpatientWeek | undefined {
    return this.person(personId).inpatientWeeks.find((w) => w.start === start);
  }

  addInpatientWeek(w: InpatientWeek): Undo {
    return this.listEdit(this.person(w.personId).inpatientWeeks, w, w.personId).add();
  }

  removeInpatientWeek(w: InpatientWeek): Undo {
    return this.listEdit(this.person(w.personId).inpatientWeeks, w, w.personId).remove();
  }

  findMoonlighting(id: string): MoonlightingEntry | undefined {
    return this.moonlightingById.get(id);
  }

  addMoonlighting(m: MoonlightingEntry): Undo {
    return this.moonlightingEdit(m).add();
  }

  removeMoonlighting(m: MoonlightingEntry): Undo {
    return this.moonlightingEdit(m).remove();
  }

  /** An edit of the person's moonlighting list that keeps the by-id index in step. */
  private moonlightingEdit(m: MoonlightingEntry) {
    return this.listEdit(
      this.person(m.personId).moonlighting,
      m,
      m.personId,
      () => this.moonlightingById.set(m.id, m),
      () => this.moonlightingById.delete(m.id),
    );
  }

  findCallback(id: string): Callback | undefined {
    return this.callbackById.get(id);
  }

  addCallback(c: Callback): Undo {
    return this.callbackEdit(c).add();
  }

  removeCallback(c: Callback): Undo {
    return this.callbackEdit(c).remove();
  }

  /** An edit of the person's callback list that keeps the by-id index in step. */
  private callbackEdit(c: Callback) {
    return this.listEdit(
      this.person(c.personId).callbacks,
      c,
      c.personId,
      () => this.callbackById.set(c.id, c),
      () => this.callbackById.delete(c.id),
    );
  }

  findRotationAssignment(
    personId: string,
    academicYear: AcademicYearId,
    blockNumber: number,
    part: RotationAssignment['part'],
  ) {
    return this.person(personId).rotationAssignments.find(
      (r) => r.academicYear === academicYear && r.blockNumber === blockNumber && r.part === part,
    );
  }

  addRotationAssignment(r: RotationAssignment): Undo {
    const key = `${r.academicYear}:${r.blockNumber}`;
    const byBlock = this.blockList(key);
    return this.listEdit(
      this.person(r.personId).rotationAssignments,
      r,
      r.personId,
      () => byBlock.push(r),
      () => byBlock.splice(byBlock.indexOf(r), 1),
    ).add();
  }

  removeRotationAssignment(r: RotationAssignment): Undo {
    const key = `${r.academicYear}:${r.blockNumber}`;
    const byBlock = this.blockList(key);
    return this.listEdit(
      this.person(r.personId).rotationAssignments,
      r,
      r.personId,
      () => byBlock.push(r),
      () => byBlock.splice(byBlock.indexOf(r), 1),
    ).remove();
  }
}
