// What each person's half-day cell in a block can hold, before any optimisation: a fixed value
// (locked slot, blocking absence, post-call, inpatient week, weekend, holiday, standing program
// rule, the rotation's weekly pattern) or a decision among a few activities (an open pattern cell:
// the rotation's weekly-target activities or its main activity; a faculty member's open weekday:
// precepting, role activities, administration). Precedence follows the domain: locked > absence >
// post-call > inpatient week > weekend/holiday > standing rule > pattern > choice.
import { addDays, blocksForYear, datesInRange } from '../../domain/calendar';
import { pgyIn, type ProgramData } from '../../domain/program';
import type {
  Absence,
  AcademicYearId,
  Activity,
  Assignment,
  AssignmentSource,
  Block,
  CallAssignment,
  CallType,
  DayType,
  HalfDay,
  InpatientWeek,
  IsoDate,
  Person,
  Rotation,
  RotationAssignment,
  RuleConfig,
} from '../../domain/types';
import type { Reason } from './builder';
import type { LockedOverUnavailable } from './locked-unavailable';
import { restAfterCalls, unavailableFor } from './post-call-rest';
import { unplannedText, type UnplannedResident } from './unplanned';
import type { Availability, Unavailability } from '../../domain/availability';
import { SlotGrid, SlotTable } from './halfday-slots';
import {
  availabilityOf,
  compiledRulesOfType,
  dayTypeMap,
  ruleApplies,
  schedulableFaculty,
  absenceText,
  unavailableText,
  weekdayOf as isoWeekday,
} from './program-view';

export const HALVES: readonly HalfDay[] = ['AM', 'PM'];

export interface FixedCell {
  kind: 'fixed';
  code: string;
  source: AssignmentSource;
  locked: boolean;
  reason: Reason;
  /**
   * The person is not in the program then (core/domain/program-dates): the models count the cell as
   * time off (`code`), and nothing is written there.
   */
  outside?: true;
}
export interface DecisionCell {
  kind: 'decision';
  /** Activities the solver chooses among (first = the default). */
  codes: string[];
  reason: Reason;
  /** A requested absence covers the slot: work there has a cost (leave is among the codes). */
  requested?: Reason;
  /**
   * A reduced-capacity day (training holiday, minimal manning) where the rotation wants clinic: the
   * template's work is kept where the clinic has room; the holiday off is a fallback at a cost.
   */
  reducedDay?: Reason;
}
export type Cell = FixedCell | DecisionCell;

export interface BlockPerson {
  person: Person;
  role: 'resident' | 'faculty';
  pgy: number | null;
  /** Cell per block slot (day index × 2 + half). */
  cells: Cell[];
  /** The person's index in the setting's slot grid (`slotFrom`). */
  row: number;
  /** Rotation per block day (residents). */
  rotations: (Rotation | null)[];
}

export interface BlockCellOptions {
  academicYear: AcademicYearId;
  blockNumber: number;
  /** Annual plan to schedule from; default the program's. */
  rotationAssignments?: RotationAssignment[];
  /** Call layer to build on; default the program's calls and inpatient weeks. */
  calls?: CallAssignment[];
  inpatientWeeks?: InpatientWeek[];
  /** Activity of an inpatient-week attending's days; default 'FMIT' (as the compliance engine). */
  inpatientActivity?: string;
  /** Faculty precepting activity; default 'AT', else the first supervising activity with both halves. */
  preceptActivity?: string;
  /** Faculty administrative filler; default the first administrative activity. */
  adminActivity?: string;
  /**
   * Half-days of residents on shift-based rotations, from the shift roster, by
   * `${personId}:${date}:${half}`. A day on such a rotation takes them after locked slots,
   * absences and standing rules; a half-day without one is off.
   */
  shiftCells?: ReadonlyMap<string, FixedCell>;
  /**
   * The published half-days the schedule stays close to, for a run whose program no longer holds
   * them (the year run clears them around its blocks); default the program's own.
   */
  published?: Assignment[];
}

/** Everything the block model needs about the program, resolved once. */
export interface BlockSetting {
  data: ProgramData;
  year: AcademicYearId;
  block: Block;
  dates: IsoDate[];
  activities: Map<string, Activity>;
  dayType: (date: IsoDate) => DayType;
  capacityScale: (date: IsoDate) => number;
  people: BlockPerson[];
  /** Residents the block leaves out for want of a plan entry (not in `people`). */
  unplanned: UnplannedResident[];
  /** Locked half-days kept where their person is unavailable (an approved absence, the rest after a 24-hour call). */
  lockedOverUnavailable: LockedOverUnavailable[];
  /**
   * The half-days on file from 40 days before the block to 40 after, by person (every person of the
   * program), day and half (highest precedence wins).
   */
  existing: SlotTable<Assignment>;
  /** The published activity of each slot of the block (same grid). */
  published: SlotTable<string>;
  /** The grid slot of a person (`BlockPerson.row`) `offset` days from the block's start, -1 outside the grid. */
  slotFrom: (row: number, offset: number, half: number) => number;
  calls: CallAssignment[];
  inpatientWeeks: InpatientWeek[];
  availability: Availability;
  rotationOn: (personId: string, date: IsoDate) => Rotation | null;
  preceptCode: string;
  adminCode: string;
}

interface PostCallParams {
  afterOvernightAm: string | null;
  afterOvernightPm: string | null;
  afterNightFloat: string | null;
  afterInpatientWeek: string | null;
  overnightCallWeekdays: number[];
  overnightCallFor: 'faculty' | 'resident';
  nightFloatActivityCode: string;
}
interface StandingParams {
  weekday: number;
  half: HalfDay;
  activityCode: string;
  /** On the last such weekday of a block this activity instead (advising). */
  lastOfBlockActivityCode: string | null;
}
interface CredentialParams {
  activityCodes: string[];
  validStatuses: string[];
}
interface WeeklyLimit {
  role: string;
  activityCode: string;
  min: number;
  max: number;
}

const SOURCE_RANK: Record<AssignmentSource, number> = { preload: 3, manual: 2, solver: 1, template: 0 };

function minutes(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** Whether a call type runs past midnight (the compliance engine's "overnight"). */
export function isOvernight(t: CallType): boolean {
  const s = minutes(t.start);
  let e = minutes(t.end);
  if (e <= s) e += 24 * 60;
  return e > 24 * 60;
}

function absenceCode(a: Absence, activities: Map<string, Activity>): string {
  const specific = a.type === 'deployment' ? 'DEP' : a.type === 'tdy' ? 'TDY' : null;
  if (specific && activities.has(specific)) return specific;
  if (!activities.has('LV'))
    throw new Error('Activity "LV" (leave, for the half-days of an absence) is not defined in the program');
  return 'LV';
}

/** Time off, for the half-days outside a person's days in the program. */
function offCode(activities: Map<string, Activity>): string {
  if (!activities.has('OFF'))
    throw new Error('Activity "OFF" (time off, for days outside a person\'s dates in the program) is not defined');
  return 'OFF';
}

/** The activity a rotation's residents do when not in a target activity: its most common fixed weekday cell. */
export function mainActivityOf(rotation: Rotation, activities: Map<string, Activity>): string | null {
  const counts = new Map<string, number>();
  for (const week of rotation.pattern)
    for (let d = 1; d <= 5; d++)
      for (const half of HALVES) {
        const cell = week[String(d)]?.[half];
        if (!cell?.activityCode || cell.protected) continue;
        const a = activities.get(cell.activityCode);
        if (!a || a.category === 'time_off') continue;
        counts.set(cell.activityCode, (counts.get(cell.activityCode) ?? 0) + 1);
      }
  let best: string | null = null;
  for (const [code, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
    if (best === null || n > counts.get(best)!) best = code;
  return best;
}

function pickActivity(
  activities: Map<string, Activity>,
  explicit: string | undefined,
  preferred: string,
  fallback: (a: Activity) => boolean,
  what: string,
): string {
  if (explicit) {
    if (!activities.has(explicit)) throw new Error(`${what}: activity "${explicit}" is not defined in the program`);
    return explicit;
  }
  if (activities.has(preferred)) return preferred;
  const found = [...activities.values()].find(fallback);
  if (!found) throw new Error(`${what}: the program has no suitable activity`);
  return found.code;
}

export function resolveBlock(data: ProgramData, options: BlockCellOptions): BlockSetting {
  const year = options.academicYear;
  const layout = data.settings.blockLayout;
  const block = blocksForYear(year, layout).find((b) => b.number === options.blockNumber);
  if (!block) throw new Error(`Block ${options.blockNumber} does not exist in academic year ${year}`);
  const dates = datesInRange(block.start, block.end);
  const lastDay = block.end;
  const dayBefore = addDays(block.start, -1);
  const activities = new Map(data.activities.map((a) => [a.code, a]));
  const types = dayTypeMap(data);
  const dayType = (d: IsoDate): DayType => types.get(d) ?? 'normal';
  const capacityScale = (d: IsoDate) => data.settings.capacityScale[dayType(d)] ?? 1;
  const closed = (d: IsoDate) => capacityScale(d) === 0;
  const plan = options.rotationAssignments ?? data.rotationAssignments;
  const calls = options.calls ?? data.calls;
  const inpatientWeeks = options.inpatientWeeks ?? data.inpatientWeeks;
  const availability = availabilityOf(data);
  const inpatientCode = options.inpatientActivity ?? 'FMIT';
  if (!activities.has(inpatientCode))
    throw new Error(`Inpatient-week activity "${inpatientCode}" is not defined in the program`);
  const preceptCode = pickActivity(
    activities,
    options.preceptActivity,
    'AT',
    (a) => a.providesSupervision && !!a.am && !!a.pm,
    'Faculty precepting',
  );
  const adminCode = pickActivity(
    activities,
    options.adminActivity,
    '',
    (a) => a.category === 'administrative' && !!a.am && !!a.pm,
    'Faculty administration',
  );

  // The annual plan, indexed by person and block.
  const rotationById = new Map(data.rotations.map((r) => [r.id, r]));
  const planIndex = new Map<string, RotationAssignment[]>();
  for (const ra of plan) {
    const key = `${ra.personId}:${ra.academicYear}:${ra.blockNumber}`;
    planIndex.set(key, [...(planIndex.get(key) ?? []), ra]);
  }
  const blocksByYear = new Map<AcademicYearId, Block[]>();
  const blockOf = (d: IsoDate): Block => {
    const y = Number(d.slice(0, 4)) - (d.slice(5) < '07-01' ? 1 : 0);
    let list = blocksByYear.get(y);
    if (!list) blocksByYear.set(y, (list = blocksForYear(y, layout)));
    const found = list.find((x) => x.start <= d && d <= x.end);
    if (!found) throw new Error(`No block contains ${d}`);
    return found;
  };
  const rotationOn = (personId: string, d: IsoDate): Rotation | null => {
    const b = blockOf(d);
    const entries = planIndex.get(`${personId}:${b.academicYear}:${b.number}`) ?? [];
    const part = b.secondHalfStart > b.start && d >= b.secondHalfStart ? 'second' : 'first';
    const ra = entries.find((e) => e.part === part) ?? entries.find((e) => e.part === 'full');
    if (!ra) return null;
    const r = rotationById.get(ra.rotationId);
    if (!r)
      throw new Error(
        `Rotation plan entry for ${personId} in block ${ra.blockNumber} names unknown rotation id "${ra.rotationId}"`,
      );
    return r;
  };

  const [contextFrom, contextTo] = [addDays(block.start, -40), addDays(block.end, 40)];
  const grid = new SlotGrid(
    data.people.map((p) => p.id),
    contextFrom,
    contextTo,
  );
  const existing = new SlotTable<Assignment>(grid);
  for (const a of data.assignments) {
    if (a.date < contextFrom || a.date > contextTo) continue;
    const slot = grid.slotOf(a.personId, a.date, a.half);
    if (slot < 0) continue;
    const prior = existing.at(slot);
    if (!prior || SOURCE_RANK[a.source] > SOURCE_RANK[prior.source]) existing.set(slot, a);
  }

  const blockDay0 = grid.day(block.start);
  const slotFrom = (row: number, offset: number, half: number) => grid.slot(row, blockDay0 + offset, half);
  const published = new SlotTable<string>(grid);
  if (options.published) {
    for (const a of options.published) {
      if (a.date < block.start || a.date > block.end) continue;
      const slot = grid.slotOf(a.personId, a.date, a.half);
      if (slot >= 0) published.set(slot, a.activityCode);
    }
  } else {
    for (let row = 0; row < grid.people; row++)
      for (let slot = 0; slot < 2 * dates.length; slot++) {
        const at = slotFrom(row, slot >> 1, slot & 1);
        const code = existing.at(at)?.activityCode;
        if (code !== undefined) published.set(at, code);
      }
  }

  const postCall = compiledRulesOfType<PostCallParams>(data.settings, 'post_call')[0]?.params ?? null;
  const standing = compiledRulesOfType<StandingParams>(data.settings, 'standing_slot');
  const credentialRule = compiledRulesOfType<CredentialParams>(data.settings, 'credential_missing')[0]?.params ?? null;
  const weeklyLimits = compiledRulesOfType<{ limits: WeeklyLimit[] }>(data.settings, 'faculty_weekly_halfdays').flatMap(
    (r) => r.params.limits,
  );
  const callType = new Map(data.callTypes.map((c) => [c.code, c]));

  const hasCredential = (p: Person, code: string, date: IsoDate) =>
    !credentialRule ||
    !credentialRule.activityCodes.includes(code) ||
    p.credentials.some(
      (c) =>
        c.activityCode === code &&
        credentialRule.validStatuses.includes(c.status) &&
        (c.expires === null || c.expires >= date),
    );
  const fitsHalf = (code: string, half: HalfDay) => {
    const a = activities.get(code)!;
    return (half === 'AM' ? a.am : a.pm) !== null || !a.countsTowardDutyHours;
  };
  const lockedOverUnavailable: LockedOverUnavailable[] = [];
  // A lock is the coordinator's and is kept; where its person is unavailable the run says so.
  const lockedCell = (p: Person, d: IsoDate, half: HalfDay, slot: number): FixedCell | null => {
    const a = existing.at(slot);
    if (!a || !(a.locked || a.source === 'preload' || a.source === 'manual')) return null;
    const activity = activities.get(a.activityCode);
    if (!activity)
      throw new Error(`Locked assignment of ${p.id} on ${d} ${half} has unknown activity "${a.activityCode}"`);
    const why = activity.category === 'time_off' ? null : unavailableUnder(p, d, half);
    if (why)
      lockedOverUnavailable.push({ personId: p.id, name: p.name, date: d, half, activityCode: a.activityCode, why });
    return {
      kind: 'fixed',
      code: a.activityCode,
      source: a.source,
      locked: true,
      reason: {
        kind: 'locked',
        text: `Locked ${a.source} entry${why ? `, kept although ${p.name} is ${why}` : ''}`,
      },
    };
  };
  // An approved absence fixes the half-day to leave (unless its type allows half-day work); a day
  // outside the person's days in the program is empty (time off to the models, not leave).
  const absenceCell = (p: Person, d: IsoDate, half: HalfDay): FixedCell | null => {
    const why = availability.of(p.id).halfDay(d, half);
    if (!why?.approved) return null;
    if (why.kind === 'outside') return outsideCell(why);
    return {
      kind: 'fixed',
      code: absenceCode(why.absence, activities),
      source: 'template',
      locked: false,
      reason: { kind: 'absence', text: `${absenceText(why)}: unavailable` },
    };
  };
  const outsideCell = (why: Unavailability): FixedCell => ({
    kind: 'fixed',
    code: offCode(activities),
    source: 'template',
    locked: false,
    reason: { kind: 'absence', text: `${absenceText(why)}: unavailable` },
    outside: true,
  });
  // A requested absence: leave is one of the choices, and work there has a cost (halfday.ts).
  const requested = (p: Person, d: IsoDate, half: HalfDay, cell: Cell): Cell => {
    if (cell.kind !== 'decision') return cell;
    const why = availability.of(p.id).halfDay(d, half);
    if (!why || why.kind === 'outside' || why.approved) return cell;
    const leave = absenceCode(why.absence, activities);
    return {
      ...cell,
      codes: [...new Set([...cell.codes, leave])],
      requested: { kind: 'absence', text: `${unavailableText(p, why)}` },
    };
  };
  const fixed = (
    code: string,
    kind: Reason['kind'],
    text: string,
    source: AssignmentSource = 'template',
  ): FixedCell => {
    if (!activities.has(code)) throw new Error(`Activity "${code}" (${text}) is not defined in the program`);
    return { kind: 'fixed', code, source, locked: false, reason: { kind, text } };
  };

  // Overnight calls that put a person on post-call the next day.
  const postCallAfter = new Set<number>(); // the AM slot of each post-call day
  const restAfter = restAfterCalls(data, calls, contextFrom, contextTo);
  const unavailableUnder = unavailableFor(data, restAfter);
  const restCode = postCall?.afterNightFloat ?? offCode(activities);
  const restCell = (p: Person, d: IsoDate, half: HalfDay): FixedCell | null => {
    const rest = restAfter.get(`${p.id}:${d}:${half}`);
    return rest ? fixed(restCode, 'post_call', `Rest after a long in-house call: ${rest.why}`) : null;
  };
  for (const c of calls) {
    if (c.date < contextFrom || c.date > contextTo) continue;
    const t = callType.get(c.callTypeCode);
    if (!t) throw new Error(`Call on ${c.date} for ${c.personId} has unknown call type "${c.callTypeCode}"`);
    if (
      postCall &&
      t.for === postCall.overnightCallFor &&
      isOvernight(t) &&
      postCall.overnightCallWeekdays.includes(isoWeekday(c.date))
    ) {
      const slot = grid.slotOf(c.personId, addDays(c.date, 1), 'AM');
      if (slot >= 0) postCallAfter.add(slot);
    }
  }
  const attendingOn = new Map<IsoDate, string>();
  const dayAfterWeek = new Map<IsoDate, string>();
  for (const w of inpatientWeeks) {
    if (w.end < contextFrom || w.start > contextTo) continue;
    for (const d of datesInRange(w.start, w.end)) attendingOn.set(d, w.personId);
    dayAfterWeek.set(addDays(w.end, 1), w.personId);
  }

  const people: BlockPerson[] = [];
  const unplanned: UnplannedResident[] = [];

  /**
   * The day before the block is not scheduled yet (a year run makes a later chain of blocks first)
   * and ends the resident's run on a night-float roster: the roster of that block may give its last
   * night, which only the post-call day here lets it keep (shifts/problem.ts reads this day's duty).
   */
  function nightRosterEndsBefore(personId: string, first: Rotation | null): boolean {
    if (!postCall?.afterNightFloat || HALVES.some((h) => existing.get(personId, dayBefore, h))) return false;
    let rot: Rotation | null;
    try {
      rot = rotationOn(personId, dayBefore);
    } catch {
      return false; // before the first year with a calendar
    }
    const night = postCall.nightFloatActivityCode ?? 'NF';
    return (
      !!rot?.shifts &&
      rot.id !== first?.id &&
      rot.shifts.shifts.length > 0 &&
      rot.shifts.shifts.every((sh) => sh.activityCode === night)
    );
  }

  // Residents.
  for (const person of data.people) {
    if (person.kind !== 'resident' || !person.active) continue;
    const pgy = pgyIn(person, year);
    if (pgy === null) continue;
    // Only the days in the program need a rotation; a block wholly outside them is not theirs.
    const personAvailability = availability.of(person.id);
    const inProgram = dates.map((d) => personAvailability.inProgram(d));
    if (!inProgram.includes(true)) continue;
    const rotations = dates.map((d, i) => (inProgram[i] ? rotationOn(person.id, d) : null));
    const gaps = dates.filter((_, i) => inProgram[i] && !rotations[i]);
    if (gaps.length) {
      unplanned.push({ personId: person.id, name: person.name, days: gaps });
      continue;
    }
    const cells: Cell[] = [];
    const row = grid.person(person.id);
    let previousNf =
      dayHasActivity(existing, person.id, addDays(block.start, -1), postCall?.nightFloatActivityCode ?? 'NF') ||
      nightRosterEndsBefore(person.id, rotations[0]);
    dates.forEach((d, di) => {
      const rot = rotations[di];
      if (!rot) {
        const why = personAvailability.halfDay(d, 'AM')!;
        for (let h = 0; h < 2; h++)
          cells.push(lockedCell(person, d, HALVES[h], slotFrom(row, di, h)) ?? outsideCell(why));
        previousNf = false;
        return;
      }
      const wd = isoWeekday(d);
      const off = wd >= 6 && !rot.worksWeekends;
      const patternWeek = rot.pattern.length === 4 ? rot.pattern[Math.min(3, Math.floor(di / 7))] : rot.pattern[0];
      const dayCells: Cell[] = [];
      for (let h = 0; h < 2; h++) {
        const half = HALVES[h];
        const cell =
          lockedCell(person, d, half, slotFrom(row, di, h)) ??
          absenceCell(person, d, half) ??
          (rot.shifts ? shiftDayCell(person, pgy, rot, d, wd, half) : null) ??
          (off ? null : restCell(person, d, half)) ??
          (previousNf &&
          postCall?.afterNightFloat &&
          !off &&
          !patternHas(patternWeek, wd, postCall.nightFloatActivityCode)
            ? fixed(postCall.afterNightFloat, 'post_call', 'Post-call day after the last night of night float')
            : null) ??
          (off ? fixed('W', 'weekend', `${rot.code} does not work weekends`) : null) ??
          (closed(d) && !rot.worksWeekends
            ? fixed('HOL', 'holiday', `${dayType(d).replace('_', ' ')}: the clinic is closed`)
            : null) ??
          standingCell(standing, person, pgy, rot, wd, half, closed(d), addDays(d, 7) > block.end, fixed) ??
          onReducedDay(d, patternCell(patternWeek, wd, half, rot, fixed) ?? residentDecision(person, rot, d, half));
        dayCells.push(requested(person, d, half, cell));
      }
      cells.push(...dayCells);
      const nf = postCall?.nightFloatActivityCode ?? 'NF';
      previousNf = dayCells.some((c) => c.kind === 'fixed' && c.code === nf);
    });
    people.push({ person, role: 'resident', pgy, cells, rotations, row });
  }
  // One resident without a plan entry (added mid-year) leaves the others' block to schedule; a
  // block nobody is planned in means the plan itself is missing.
  if (unplanned.length && !people.length)
    throw new Error(
      `No rotation in the annual plan for block ${block.number} for: ${unplanned.map(unplannedText).join(', ')}. ` +
        `Generate or enter the annual plan first.`,
    );

  /**
   * On a day whose clinic runs reduced (0 < scale < 1), a half-day the template gives to clinic may
   * be the holiday off instead: fixed clinic cells beyond the reduced capacity otherwise leave no
   * schedule for the whole block. Other work (wards, electives) is not touched.
   */
  function onReducedDay(d: IsoDate, cell: Cell): Cell {
    const scale = capacityScale(d);
    if (scale <= 0 || scale >= 1 || !activities.has('HOL')) return cell;
    const codes = cell.kind === 'fixed' ? [cell.code] : cell.codes;
    if (!codes.some((c) => activities.get(c)?.countsTowardClinicCapacity)) return cell;
    const text = `${dayType(d).replace('_', ' ')}: the clinic runs at ${Math.round(scale * 100)} %`;
    return {
      kind: 'decision',
      codes: [...new Set([...codes, 'HOL'])],
      reason: cell.reason,
      reducedDay: { kind: 'holiday', text },
    };
  }

  /** A day on a shift-based rotation: standing rules, else the roster's shift, else off. */
  function shiftDayCell(person: Person, pgy: number, rot: Rotation, d: IsoDate, wd: number, half: HalfDay): FixedCell {
    return (
      standingCell(standing, person, pgy, rot, wd, half, closed(d), addDays(d, 7) > lastDay, fixed) ??
      options.shiftCells?.get(`${person.id}:${d}:${half}`) ??
      fixed('OFF', 'shift', `${rot.code} is a shift-based rotation: no shift in this half-day`)
    );
  }

  function residentDecision(person: Person, rot: Rotation, d: IsoDate, half: HalfDay): DecisionCell {
    const main = mainActivityOf(rot, activities);
    const codes = [...new Set([main, ...Object.keys(rot.weeklyTargets)].filter((c): c is string => !!c))].filter(
      (c) => activities.has(c) && fitsHalf(c, half) && hasCredential(person, c, d),
    );
    if (codes.length === 0)
      throw new Error(
        `Rotation ${rot.code} leaves ${d} ${half} open but names no activity to fill it (no weekly targets and no ` +
          `fixed weekday activity)`,
      );
    return { kind: 'decision', codes, reason: { kind: 'pattern', text: `Open cell of the ${rot.code} pattern` } };
  }

  // Faculty.
  for (const person of schedulableFaculty(data)) {
    const limits = weeklyLimits.filter((l) => l.role === person.facultyRole && l.max > 0).map((l) => l.activityCode);
    const cells: Cell[] = [];
    const row = grid.person(person.id);
    dates.forEach((d, di) => {
      const wd = isoWeekday(d);
      for (let h = 0; h < 2; h++) {
        const half = HALVES[h];
        const slot = slotFrom(row, di, h);
        const postCallCode = postCall ? (half === 'AM' ? postCall.afterOvernightAm : postCall.afterOvernightPm) : null;
        const cell =
          lockedCell(person, d, half, slot) ??
          absenceCell(person, d, half) ??
          (attendingOn.get(d) === person.id
            ? fixed(inpatientCode, 'inpatient_week', 'Inpatient-week attending (Friday–Thursday)', 'solver')
            : null) ??
          (dayAfterWeek.get(d) === person.id && postCall?.afterInpatientWeek
            ? fixed(postCall.afterInpatientWeek, 'post_call', 'The day after an inpatient week is off', 'solver')
            : null) ??
          (wd >= 6 ? fixed('W', 'weekend', 'Weekend') : null) ??
          (closed(d) ? fixed('HOL', 'holiday', `${dayType(d).replace('_', ' ')}: the clinic is closed`) : null) ??
          (postCallAfter.has(slotFrom(row, di, 0)) && postCallCode
            ? fixed(postCallCode, 'post_call', 'After overnight call', 'solver')
            : null) ??
          facultyDecision(limits, half, published.at(slot));
        cells.push(requested(person, d, half, cell));
      }
    });
    people.push({ person, role: 'faculty', pgy: null, cells, rotations: dates.map(() => null), row });
  }

  // An open faculty half-day: precepting, a role's weekly activities, or administration — the
  // program's, or the administrative activity published there (a role's own, e.g. department
  // administration), which a regeneration may keep: which one fills the half-day is no rule's matter.
  function facultyDecision(limitCodes: string[], half: HalfDay, publishedCode: string | undefined): DecisionCell {
    const ownAdmin =
      publishedCode && activities.get(publishedCode)?.category === 'administrative' ? [publishedCode] : [];
    const codes = [...new Set([preceptCode, ...limitCodes, adminCode, ...ownAdmin])].filter(
      (c) => activities.has(c) && fitsHalf(c, half),
    );
    return { kind: 'decision', codes, reason: { kind: 'choice', text: 'Open faculty half-day' } };
  }

  return {
    data,
    year,
    block,
    dates,
    activities,
    dayType,
    capacityScale,
    people,
    unplanned,
    lockedOverUnavailable,
    existing,
    published,
    slotFrom,
    calls,
    inpatientWeeks,
    availability,
    rotationOn,
    preceptCode,
    adminCode,
  };
}

function dayHasActivity(existing: SlotTable<Assignment>, personId: string, d: IsoDate, code: string): boolean {
  return HALVES.some((h) => existing.get(personId, d, h)?.activityCode === code);
}

function patternHas(week: Rotation['pattern'][number], wd: number, code: string): boolean {
  const day = week[String(wd)];
  return day?.AM.activityCode === code || day?.PM.activityCode === code;
}

function standingCell(
  rules: { config: RuleConfig; params: StandingParams }[],
  person: Person,
  pgy: number,
  rot: Rotation,
  wd: number,
  half: HalfDay,
  closed: boolean,
  lastOfBlock: boolean,
  fixed: (code: string, kind: Reason['kind'], text: string) => FixedCell,
): FixedCell | null {
  if (closed) return null;
  for (const r of rules) {
    if (r.params.weekday !== wd || r.params.half !== half) continue;
    if (!ruleApplies(r.config, person, pgy) || rot.exemptFrom.includes(r.config.id)) continue;
    const code =
      lastOfBlock && r.params.lastOfBlockActivityCode ? r.params.lastOfBlockActivityCode : r.params.activityCode;
    return fixed(
      code,
      'standing_rule',
      `Standing program rule "${r.config.id}"${code !== r.params.activityCode ? ' (last of the block)' : ''}`,
    );
  }
  return null;
}

function patternCell(
  week: Rotation['pattern'][number],
  wd: number,
  half: HalfDay,
  rot: Rotation,
  fixed: (code: string, kind: Reason['kind'], text: string) => FixedCell,
): FixedCell | null {
  const cell = week[String(wd)]?.[half];
  if (!cell) throw new Error(`Rotation ${rot.code}: pattern has no cell for weekday ${wd} ${half}`);
  if (!cell.activityCode) return null;
  return fixed(cell.activityCode, 'pattern', `${rot.code} weekly pattern${cell.protected ? ' (protected)' : ''}`);
}
