// The half-day schedule: one activity for every person in every slot of the year, built a week at
// a time. Residents follow their rotation's weekly pattern plus the standing program rules; the
// slots a pattern leaves open, the faculty's own clinic and the students' clinic share the clinic's
// rooms (the soft capacity scaled by the day's type); faculty precept (AT, no room of its own) as
// the learners in clinic require, and cover FMIT weeks and post-call slots. What counts as a room,
// as needing or giving supervision, and as time off comes from the activities' flags.
import { clockMinutes } from '../domain/availability';
import { scheduledCallMinutes } from '../domain/call-end';
import { type DayClock, firstDutyStarts, type RestAfterCallParams, restOwedAfter } from '../domain/rest-after-call';
import type {
  AbsenceType,
  Activity,
  Assignment,
  AssignmentSource,
  CallAssignment,
  CallType,
  DayType,
  HalfDay,
  Person,
} from '../domain/types';
import type { FmitWeeks } from './calls';
import type { Rng } from './rng';
import { STANDING, type RotationSpec } from './rotations';
import { isBlockEndWednesday, isClosedDay, type DemoYear } from './year';

const HALVES: HalfDay[] = ['AM', 'PM'];

const ABSENCE_CODE: Partial<Record<AbsenceType, string>> = { tdy: 'TDY', deployment: 'DEP' };
const absenceCode = (type: AbsenceType) => ABSENCE_CODE[type] ?? 'LV';

interface Cell {
  code: string;
  source: AssignmentSource;
  locked?: boolean;
}

/** A faculty role's weekly limit on one activity (the program's faculty_weekly_halfdays rule). */
export interface WeeklyLimit {
  role: string;
  activityCode: string;
  min: number;
  max: number;
}

export interface ScheduleInputs {
  rng: Rng;
  y: DemoYear;
  activities: Activity[];
  residents: Person[];
  pgyOf: Map<string, number>;
  faculty: Person[];
  learners: Person[];
  rotationOf: Map<string, RotationSpec[]>;
  absent: Map<string, (AbsenceType | undefined)[]>;
  calls: CallAssignment[];
  callTypes: CallType[];
  /** The program's rest-after-call rules (acgme_rest_after_call), in force for every resident. */
  restAfterCall: RestAfterCallParams[];
  fmit: FmitWeeks;
  /** Clinic rooms on a normal day (the soft capacity); other day types scale it. */
  clinicSoft: number;
  capacityScale: Record<DayType, number>;
  /** Procedure rooms: residents doing procedures at once. */
  procedureRooms: number;
  unitsPerFaculty: number;
  pgy1Units: number;
  seniorUnits: number;
  /** Supervision units a student or rotating intern in clinic brings. */
  learnerUnits: number;
  facultyLimits: WeeklyLimit[];
}

/**
 * A role's usual week (within the program's limits): own half-days per activity, in the order
 * they are booked, and the administrative code of the rest. Adjuncts are never auto-scheduled.
 */
const ROLE_PLAN: Record<string, { weekly: Record<string, number>; admin: string }> = {
  pd: { weekly: { C: 1 }, admin: 'GME' },
  apd: { weekly: { C: 2 }, admin: 'GME' },
  oic: { weekly: { C: 3 }, admin: 'DFM' },
  chief: { weekly: { C: 2 }, admin: 'DFM' },
  sports_med: { weekly: { SM: 3, C: 1 }, admin: 'DFM' },
  core: { weekly: { C: 4 }, admin: 'DFM' },
};
/** Adjuncts' hand-entered clinic mornings (ISO weekdays), by adjunct in turn. */
const ADJUNCT_DAYS = [
  [2, 4],
  [1, 5],
  [2, 5],
  [1, 4],
];

const slot = (day: number, half: number) => day * 2 + half;

/** Per-slot tallies for the whole year. */
class Tally {
  readonly rooms: number[];
  readonly clinic: number[];
  readonly units: number[];
  readonly procedures: number[];
  /** Faculty in a supervising activity fixed before precepting is chosen (post-call attending). */
  readonly supervisors: number[];
  /** Faculty with nothing booked yet: who can still precept. */
  readonly open: number[];

  constructor(slots: number) {
    this.rooms = new Array(slots).fill(0);
    this.clinic = new Array(slots).fill(0);
    this.units = new Array(slots).fill(0);
    this.procedures = new Array(slots).fill(0);
    this.supervisors = new Array(slots).fill(0);
    this.open = new Array(slots).fill(0);
  }

  /** Preceptors the slot needs beyond its post-call attendings, with `extra` more units. */
  preceptorsNeeded(s: number, unitsPerFaculty: number, extra = 0): number {
    return Math.max(0, Math.ceil((this.units[s] + extra) / unitsPerFaculty) - this.supervisors[s]);
  }

  hasRoom(s: number): boolean {
    return this.clinic[s] < this.rooms[s];
  }
}

interface Choice {
  slot: number;
  rotation: RotationSpec;
}

export function makeAssignments(inp: ScheduleInputs): Assignment[] {
  const { y } = inp;
  const slots = y.days.length * 2;
  const activity = new Map(inp.activities.map((a) => [a.code, a]));
  const flag = (code: string) => {
    const a = activity.get(code);
    if (!a) throw new Error(`Demo schedule uses unknown activity "${code}"`);
    return a;
  };
  const tally = new Tally(slots);
  for (let d = 0; d < y.days.length; d++) {
    const dayType = y.holidayOf.get(y.days[d])?.dayType ?? 'normal';
    const rooms = Math.floor(inp.clinicSoft * (inp.capacityScale[dayType] ?? 1));
    tally.rooms[slot(d, 0)] = rooms;
    tally.rooms[slot(d, 1)] = rooms;
  }
  const upf = inp.unitsPerFaculty;
  const residentUnits = (r: Person, code: string) =>
    (inp.pgyOf.get(r.id) === 1 ? inp.pgy1Units : inp.seniorUnits) + flag(code).extraSupervisionUnits;
  /** Whether the slot can still be precepted with `extra` more units and `taken` fewer open faculty. */
  const supervisable = (s: number, extra: number, taken = 0) =>
    tally.preceptorsNeeded(s, upf, extra) <= tally.open[s] - taken;
  const count = (s: number, code: string, units: number) => {
    const a = flag(code);
    if (a.countsTowardClinicCapacity) tally.clinic[s]++;
    if (a.needsSupervision) tally.units[s] += units;
    if (a.extraSupervisionUnits > 0) tally.procedures[s]++;
  };

  const residentCells: Cell[][] = inp.residents.map(() => new Array(slots));
  const facultyCells: Cell[][] = inp.faculty.map(() => new Array(slots));
  const learnerCells: Cell[][] = inp.learners.map(() => new Array(slots));
  // Days after an overnight call, per faculty member: post-call attending.
  const overnight = new Map<string, Set<number>>();
  for (const c of inp.calls) {
    if (c.callTypeCode !== 'OC') continue;
    const days = overnight.get(c.personId) ?? new Set<number>();
    days.add(y.index.get(c.date)! + 1);
    overnight.set(c.personId, days);
  }
  const resting = restingSlots(inp);
  const facts = dayFacts(y);
  const adjunctDays = new Map(
    inp.faculty.filter((f) => f.facultyRole === 'adjunct').map((f, i) => [f.id, ADJUNCT_DAYS[i % ADJUNCT_DAYS.length]]),
  );
  const weekOf = (day: number) => Math.floor((day + y.weekday[0] - 1) / 7);
  const atThisWeek = new Map<Person, number>();
  const facultyIndex = new Map(inp.faculty.map((f, fi) => [f, fi]));

  for (let first = 0; first < y.days.length; ) {
    let last = first;
    while (last + 1 < y.days.length && weekOf(last + 1) === weekOf(first)) last++;
    const weekSlots: number[] = [];
    for (let d = first; d <= last; d++) weekSlots.push(slot(d, 0), slot(d, 1));
    atThisWeek.clear();

    // 1. Faculty: absences, FMIT, weekends, holidays, post-call and hand-entered adjunct clinic.
    inp.faculty.forEach((f, fi) => {
      for (const s of weekSlots) {
        const fixed = fixedFacultyCell(inp, f, s >> 1, s & 1, overnight.get(f.id), adjunctDays);
        if (!fixed) {
          tally.open[s]++;
          continue;
        }
        facultyCells[fi][s] = fixed;
        if (flag(fixed.code).providesSupervision) tally.supervisors[s]++;
        if (flag(fixed.code).countsTowardClinicCapacity) tally.clinic[s]++;
      }
    });

    // 2. Residents' fixed slots. Template clinic (orientation, PGY-1 Wednesday clinic) waits until
    //    the faculty's weekly minimum is booked: it can go virtual, a faculty minimum cannot.
    const templateClinic: { ri: number; s: number; cell: Cell }[] = [];
    const choices = inp.residents.map((r, ri) => {
      const open: Choice[] = [];
      for (const s of weekSlots) {
        const cell = residentCell(inp, facts, r, s >> 1, s & 1, resting.get(r.id));
        if (!cell) open.push({ slot: s, rotation: inp.rotationOf.get(r.id)![s >> 1] });
        else if (flag(cell.code).countsTowardClinicCapacity) templateClinic.push({ ri, s, cell });
        else {
          if (flag(cell.code).needsSupervision && !supervisable(s, residentUnits(r, cell.code))) cell.code = 'SIM';
          residentCells[ri][s] = cell;
          count(s, cell.code, residentUnits(r, cell.code));
        }
      }
      return open;
    });
    // What the residents are likely to take, so faculty book around it: template clinic for sure
    // (its units must stay coverable), open slots in proportion to the weekly target.
    const expected = new Map<number, { rooms: number; units: number; sure: number }>();
    const expect = (s: number, rooms: number, units: number, sure: number) => {
      const e = expected.get(s) ?? { rooms: 0, units: 0, sure: 0 };
      e.rooms += rooms;
      e.units += units;
      e.sure += sure;
      expected.set(s, e);
    };
    for (const t of templateClinic) {
      const units = residentUnits(inp.residents[t.ri], t.cell.code);
      expect(t.s, 1, units, units);
    }
    const templateCount = new Array(inp.residents.length).fill(0);
    for (const t of templateClinic) templateCount[t.ri]++;
    const needOf = choices.map((open, ri) => {
      const target = Math.max(0, ...open.map((c) => c.rotation.weeklyTargets.C ?? 0));
      return Math.min(open.length, Math.max(0, target - templateCount[ri]));
    });
    choices.forEach((open, ri) => {
      const share = needOf[ri] / open.length;
      for (const c of open) expect(c.slot, share, share * residentUnits(inp.residents[ri], 'C'), 0);
    });

    // 3. Faculty: the rule's weekly minimum first (four clinic half-days for core faculty in a
    //    full week), in the slots the residents are least likely to need.
    const plans = inp.faculty.map((f, fi) => facultyWeek(inp, f, weekSlots, facultyCells[fi], flag));
    const order = inp.rng.shuffle(inp.faculty.map((_, fi) => fi));
    const book = (fi: number, code: string, wanted: number) => {
      const cells = facultyCells[fi];
      const a = flag(code);
      let booked = weekSlots.filter((s) => cells[s]?.code === code).length;
      while (booked < wanted) {
        let best = -1;
        let bestScore = -Infinity;
        for (const s of weekSlots) {
          if (cells[s] || (a.countsTowardClinicCapacity && !tally.hasRoom(s))) continue;
          const e = expected.get(s) ?? { rooms: 0, units: 0, sure: 0 };
          if (!supervisable(s, e.sure, 1)) continue;
          // Rooms (or preceptors) left after the residents' likely picks; a second booking of the
          // same activity on one day, and slots whose likely learners would then lack a preceptor,
          // come last.
          const spare = a.countsTowardClinicCapacity
            ? tally.rooms[s] - tally.clinic[s] - e.rooms
            : tally.open[s] - tally.preceptorsNeeded(s, upf, e.units);
          const sameDay = cells[s ^ 1]?.code === code ? 2 : 0;
          const score = spare - sameDay - (supervisable(s, e.units, 1) ? 0 : 3) + inp.rng.next() * 0.1;
          if (score > bestScore) [best, bestScore] = [s, score];
        }
        if (best < 0) return;
        cells[best] = { code, source: 'solver' };
        tally.open[best]--;
        if (a.countsTowardClinicCapacity) tally.clinic[best]++;
        booked++;
      }
    };
    for (const fi of order) for (const [code, n] of plans[fi].must) book(fi, code, n);
    // Template clinic next: in a room while one is left, else virtual (still precepted).
    for (const { ri, s, cell } of templateClinic) {
      const r = inp.residents[ri];
      if (!(tally.hasRoom(s) && supervisable(s, residentUnits(r, cell.code)))) cell.code = 'CV';
      if (!supervisable(s, residentUnits(r, cell.code))) cell.code = 'SIM';
      residentCells[ri][s] = cell;
      count(s, cell.code, residentUnits(r, cell.code));
    }

    // 4. Residents' clinic toward their rotation's weekly target, in the slots with the most room:
    //    residents off the clinic rotation first (they have only a few chances a week), then the
    //    residents on it.
    const rest: { ri: number; choice: Choice }[] = [];
    const clinicTowardTarget = (ri: number) => {
      const r = inp.residents[ri];
      const open = [...choices[ri]];
      for (let n = 0; n < needOf[ri]; n++) {
        let best = -1;
        let bestScore = -Infinity;
        for (let i = 0; i < open.length; i++) {
          const c = open[i];
          if (!tally.hasRoom(c.slot) || !supervisable(c.slot, residentUnits(r, 'C'))) continue;
          const sameDay = residentCells[ri][c.slot ^ 1]?.code === 'C' ? 1 : 0;
          const score = tally.rooms[c.slot] - tally.clinic[c.slot] - sameDay + inp.rng.next() * 0.1;
          if (score > bestScore) [best, bestScore] = [i, score];
        }
        if (best < 0) break;
        const [c] = open.splice(best, 1);
        const code = procedureOrClinic(inp, r, c.slot, tally, supervisable(c.slot, residentUnits(r, 'PROC')));
        residentCells[ri][c.slot] = { code, source: 'solver' };
        count(c.slot, code, residentUnits(r, code));
      }
      for (const c of open) rest.push({ ri, choice: c });
    };
    const residentOrder = inp.rng.shuffle(inp.residents.map((_, ri) => ri));
    for (const ri of residentOrder) if (!mainlyClinic(choices[ri])) clinicTowardTarget(ri);
    for (const ri of residentOrder) if (mainlyClinic(choices[ri])) clinicTowardTarget(ri);

    // 5. Students' clinic days where rooms and preceptors are left, simulation otherwise.
    inp.learners.forEach((p, li) => {
      for (const s of weekSlots) {
        let cell = learnerCell(inp, p, s >> 1, s & 1);
        if (flag(cell.code).countsTowardClinicCapacity && !(tally.hasRoom(s) && supervisable(s, inp.learnerUnits)))
          cell = { ...cell, code: 'SIM' };
        learnerCells[li][s] = cell;
        count(s, cell.code, inp.learnerUnits);
      }
    });

    // 6. The faculty's usual week beyond the minimum (sports medicine, a third OIC clinic …).
    for (const fi of order) for (const [code, n] of plans[fi].want) book(fi, code, n);

    // 7. The residents' other open slots: the rotation's own work; on the clinic rotation, clinic
    //    while rooms last, then virtual clinic, then administration.
    for (const { ri, choice } of rest) {
      const r = inp.residents[ri];
      const s = choice.slot;
      let code = choice.rotation.mainActivity;
      if (flag(code).countsTowardClinicCapacity) {
        if (tally.hasRoom(s) && supervisable(s, residentUnits(r, code)))
          code = procedureOrClinic(inp, r, s, tally, supervisable(s, residentUnits(r, 'PROC')));
        else code = supervisable(s, residentUnits(r, 'CV')) ? 'CV' : 'DFM';
      }
      residentCells[ri][s] = { code, source: 'solver' };
      count(s, code, residentUnits(r, code));
    }

    // 8. Faculty left open: precept as the slot needs (fewest AT this week first, the PD last),
    //    lecture on Wednesday afternoon, administration otherwise.
    for (const s of weekSlots) {
      const open = inp.faculty.filter((_, fi) => !facultyCells[fi][s]);
      const needed = tally.preceptorsNeeded(s, upf);
      const byLoad = inp.rng
        .shuffle(open)
        .sort(
          (a, b) =>
            (atThisWeek.get(a) ?? 0) -
            (atThisWeek.get(b) ?? 0) +
            (a.facultyRole === 'pd' ? 1 : 0) -
            (b.facultyRole === 'pd' ? 1 : 0),
        );
      byLoad.forEach((f, i) => {
        const fi = facultyIndex.get(f)!;
        if (i < needed) {
          facultyCells[fi][s] = { code: 'AT', source: 'solver' };
          atThisWeek.set(f, (atThisWeek.get(f) ?? 0) + 1);
        } else if (y.weekday[s >> 1] === 3 && (s & 1) === 1) facultyCells[fi][s] = { code: 'LEC', source: 'template' };
        else facultyCells[fi][s] = { code: ROLE_PLAN[f.facultyRole!]?.admin ?? 'DFM', source: 'solver' };
      });
      tally.open[s] = 0;
    }
    first = last + 1;
  }

  // A coordinator's hand edits: a few clinic half-days turned virtual and locked.
  for (let i = 0; i < Math.max(4, inp.residents.length); i++) {
    const ri = inp.rng.int(0, inp.residents.length - 1);
    const s = inp.rng.int(0, slots - 1);
    if (residentCells[ri]?.[s]?.code === 'C') residentCells[ri][s] = { code: 'CV', source: 'manual' };
  }

  const out: Assignment[] = [];
  const emit = (person: Person, cells: Cell[]) =>
    cells.forEach((cell, s) =>
      out.push({
        personId: person.id,
        date: y.days[s >> 1],
        half: HALVES[s & 1],
        activityCode: cell.code,
        source: cell.source,
        locked: cell.locked ?? (cell.source === 'preload' || cell.source === 'manual'),
      }),
    );
  inp.residents.forEach((r, ri) => emit(r, residentCells[ri]));
  inp.faculty.forEach((f, fi) => emit(f, facultyCells[fi]));
  inp.learners.forEach((p, li) => emit(p, learnerCells[li]));
  return out;
}

/** Whether most of a resident's open slots this week belong to the clinic rotation. */
function mainlyClinic(open: Choice[]): boolean {
  return open.filter((c) => c.rotation.mainActivity === 'C').length * 2 > open.length;
}

/** Procedures for a privileged resident while a procedure room is free (about half the time). */
function procedureOrClinic(
  inp: ScheduleInputs,
  r: Person,
  s: number,
  tally: Tally,
  procedureSupervisable: boolean,
): string {
  const privileged = r.credentials.some(
    (c) => c.activityCode === 'PROC' && c.status !== 'suspended' && c.status !== 'expired',
  );
  return privileged && procedureSupervisable && tally.procedures[s] < inp.procedureRooms && inp.rng.chance(0.5)
    ? 'PROC'
    : 'C';
}

/**
 * A faculty member's week: per activity, the half-days the program's weekly rule requires (its
 * minimum scaled to the weekday half-days they are available, as the rule counts them) and the
 * role's usual number (scaled the same way, within the rule's maximum).
 */
function facultyWeek(
  inp: ScheduleInputs,
  f: Person,
  weekSlots: number[],
  fixed: Cell[],
  flag: (code: string) => Activity,
): { must: [string, number][]; want: [string, number][] } {
  const plan = ROLE_PLAN[f.facultyRole ?? ''];
  if (!plan) return { must: [], want: [] };
  const { y } = inp;
  let available = 0;
  for (const s of weekSlots) {
    const d = s >> 1;
    if (y.weekday[d] > 5 || y.holidayOf.has(y.days[d]) || inp.absent.get(f.id)?.[d] || inp.fmit.attendingOn[d] === f.id)
      continue;
    if (!fixed[s] || flag(fixed[s].code).category !== 'time_off') available++;
  }
  const limits = inp.facultyLimits.filter((l) => l.role === f.facultyRole);
  const must: [string, number][] = limits.map((l) => [l.activityCode, Math.floor((l.min * available) / 10)]);
  const want: [string, number][] = Object.entries(plan.weekly).map(([code, usual]) => {
    const limit = limits.find((l) => l.activityCode === code);
    return [code, Math.min(limit?.max ?? usual, Math.round((usual * available) / 10))];
  });
  return { must, want };
}

/** What the slot rules ask of each day, worked out once (the calendar helpers are not free). */
interface DayFacts {
  closed: boolean[];
  blockEndWednesday: boolean[];
  /** Week 0–3 of the day's block (the last days of a long block count as week 3). */
  weekInBlock: number[];
}

function dayFacts(y: DemoYear): DayFacts {
  const days = y.days.map((_, d) => d);
  return {
    closed: days.map((d) => isClosedDay(y, d)),
    blockEndWednesday: days.map((d) => isBlockEndWednesday(y, d)),
    weekInBlock: days.map((d) => Math.min(3, Math.floor((d - y.index.get(y.blockOf[d].start)!) / 7))),
  };
}

const NIGHT_FLOAT_NIGHTS = new Set([7, 1, 2, 3, 4]);

/** The demo's days on the wall clock (it has no time zone): day index and minutes, as ms. */
const WALL_CLOCK: DayClock = {
  instant: (day, minutes) => (day * 24 * 60 + minutes) * 60_000,
  dayOfInstant: (instant) => Math.floor(instant / (24 * 60 * 60_000)),
};

/** Slots each resident rests after a long in-house call, by the rest-after-call definition (core/domain). */
function restingSlots(inp: ScheduleInputs): Map<string, Set<number>> {
  const { y } = inp;
  const residents = new Set(inp.residents.map((r) => r.id));
  const types = new Map(inp.callTypes.map((t) => [t.code, t]));
  const dutyStarts = firstDutyStarts(inp.activities);
  const out = new Map<string, Set<number>>();
  for (const c of inp.calls) {
    const type = types.get(c.callTypeCode);
    if (!type?.inHouse || !type.countsTowardDutyHours || !residents.has(c.personId)) continue;
    const day = y.index.get(c.date)!;
    const start = WALL_CLOCK.instant(day, clockMinutes(type.start));
    const length = scheduledCallMinutes(type) * 60_000;
    const work = { start, end: start + length, inHouseCallMs: length };
    const rest = restOwedAfter(WALL_CLOCK, day, work, inp.restAfterCall, dutyStarts);
    if (!rest) continue;
    const slots = out.get(c.personId) ?? new Set<number>();
    for (const r of rest.halfDays) slots.add(slot(r.day, r.half === 'AM' ? 0 : 1));
    out.set(c.personId, slots);
  }
  return out;
}

/** The resident's slot from the rotation's pattern and the standing rules; null = scheduler's choice. */
function residentCell(
  inp: ScheduleInputs,
  facts: DayFacts,
  r: Person,
  d: number,
  h: number,
  resting: Set<number> | undefined,
): Cell | null {
  const { y } = inp;
  const away = inp.absent.get(r.id)?.[d];
  if (away) return { code: absenceCode(away), source: 'preload' };
  const rotations = inp.rotationOf.get(r.id)!;
  const rot = rotations[d];
  const wd = y.weekday[d];
  // Post-call: resting after a long in-house call, and the day after the last night of night float.
  const afterNights =
    d > 0 && rotations[d - 1].code === 'NF' && rot.code !== 'NF' && NIGHT_FLOAT_NIGHTS.has(y.weekday[d - 1]);
  if (resting?.has(slot(d, h)) || afterNights) {
    if (wd >= 6 && !rot.worksWeekends) return { code: 'W', source: 'template' };
    return { code: 'PC', source: 'template' };
  }
  if (wd >= 6 && !rot.worksWeekends) return { code: 'W', source: 'template' };
  if (facts.closed[d] && !rot.worksWeekends) return { code: 'HOL', source: 'template' };
  const exempt = (rule: string) => rot.exemptFrom.includes(rule);
  if (wd === 3 && !facts.closed[d]) {
    if (facts.blockEndWednesday[d] && !exempt(STANDING.blockEndAdvising))
      return { code: h === 0 ? 'LEC' : 'ADV', source: 'template' };
    if (h === 1 && !exempt(STANDING.wednesdayLecture)) return { code: 'LEC', source: 'template' };
    if (h === 0 && inp.pgyOf.get(r.id) === 1 && rot.setting === 'outpatient' && !exempt(STANDING.pgy1WednesdayClinic))
      return { code: 'C', source: 'template' };
  }
  const pattern = rot.pattern.length === 4 ? rot.pattern[facts.weekInBlock[d]] : rot.pattern[0];
  const fixed = pattern[String(wd)][h === 0 ? 'AM' : 'PM'].activityCode;
  return fixed === null ? null : { code: fixed, source: 'template' };
}

function fixedFacultyCell(
  inp: ScheduleInputs,
  f: Person,
  d: number,
  h: number,
  overnight: Set<number> | undefined,
  adjunctDays: Map<string, number[]>,
): Cell | null {
  const { y, fmit } = inp;
  const wd = y.weekday[d];
  const away = inp.absent.get(f.id)?.[d];
  if (away) return { code: absenceCode(away), source: 'preload' };
  if (fmit.attendingOn[d] === f.id) return { code: 'FMIT', source: 'solver' };
  if (wd === 5 && d > 0 && fmit.attendingOn[d - 1] === f.id) return { code: 'OFF', source: 'solver' };
  if (wd >= 6) return { code: 'W', source: 'template' };
  if (isClosedDay(y, d)) return { code: 'HOL', source: 'template' };
  if (overnight?.has(d)) return { code: h === 0 ? 'PCAT' : 'DO', source: 'solver' };
  // Adjunct faculty are never auto-scheduled: their two clinic mornings are entered by hand
  // (not on a reduced-capacity day, when the clinic keeps its own staff).
  const days = adjunctDays.get(f.id);
  if (days) {
    const normal = !y.holidayOf.has(y.days[d]);
    return normal && days.includes(wd) && h === 0 ? { code: 'C', source: 'manual' } : { code: 'OFF', source: 'manual' };
  }
  return null;
}

/** Students: clinic three mornings and one afternoon a week, simulation and lecture otherwise. */
const STUDENT_AM: Record<number, string> = { 1: 'C', 2: 'C', 3: 'SIM', 4: 'C', 5: 'SIM' };
const STUDENT_PM: Record<number, string> = { 1: 'SIM', 2: 'SIM', 3: 'LEC', 4: 'SIM', 5: 'C' };
const INTERN_WEEK: Record<number, [string, string]> = {
  1: ['FMIT', 'FMIT'],
  2: ['FMIT', 'FMIT'],
  3: ['FMIT', 'LEC'],
  4: ['FMIT', 'FMIT'],
  5: ['FMIT', 'FMIT'],
  6: ['FMIT', 'FMIT'],
  7: ['OFF', 'OFF'],
};

function learnerCell(inp: ScheduleInputs, p: Person, d: number, h: number): Cell {
  const { y } = inp;
  const wd = y.weekday[d];
  const away = inp.absent.get(p.id)?.[d];
  if (away) return { code: absenceCode(away), source: 'preload' };
  if (p.kind === 'intern') return { code: INTERN_WEEK[wd][h], source: 'template' };
  if (wd >= 6) return { code: 'W', source: 'template' };
  if (isClosedDay(y, d)) return { code: 'HOL', source: 'template' };
  return { code: h === 0 ? STUDENT_AM[wd] : STUDENT_PM[wd], source: 'template' };
}
