// The half-day schedule: one activity for every person in every slot of the year. Residents
// follow their rotation's weekly pattern plus the standing program rules; faculty precept (AT)
// as the residents in clinic require, see their own clinic within role quotas, and cover FMIT
// weeks and post-call slots; learners follow a fixed template.
import type { AbsenceType, Assignment, AssignmentSource, CallAssignment, HalfDay, Person } from '../domain/types';
import type { FmitWeeks } from './calls';
import type { Rng } from './rng';
import { STANDING, type RotationSpec } from './rotations';
import { isBlockEndWednesday, isClosedDay, type DemoYear } from './year';

const HALVES: HalfDay[] = ['AM', 'PM'];
const CLINIC = new Set(['C', 'PROC', 'VAS']);
const SUPERVISED = new Set(['C', 'CV', 'PROC', 'VAS']);
const PROCEDURE = new Set(['PROC', 'VAS']);

const ABSENCE_CODE: Partial<Record<AbsenceType, string>> = { tdy: 'TDY', deployment: 'DEP' };
const absenceCode = (type: AbsenceType) => ABSENCE_CODE[type] ?? 'LV';

interface Cell {
  code: string;
  source: AssignmentSource;
  locked?: boolean;
}

export interface ScheduleInputs {
  rng: Rng;
  y: DemoYear;
  residents: Person[];
  pgyOf: Map<string, number>;
  faculty: Person[];
  learners: Person[];
  rotationOf: Map<string, RotationSpec[]>;
  absent: Map<string, (AbsenceType | undefined)[]>;
  calls: CallAssignment[];
  fmit: FmitWeeks;
  clinicSoft: number;
  clinicHard: number;
  /** Procedure rooms: residents doing procedures at once. */
  procedureRooms: number;
  unitsPerFaculty: number;
  /** Supervision units a student or rotating intern in clinic brings. */
  learnerUnits: number;
}

/** Per slot (day × 2 + half) tallies the faculty side needs. */
interface SlotTally {
  clinic: number[];
  units: number[];
  procedures: number[];
}

const slot = (day: number, half: number) => day * 2 + half;

export function makeAssignments(inp: ScheduleInputs): Assignment[] {
  const { y } = inp;
  const tally: SlotTally = {
    clinic: new Array(y.days.length * 2).fill(0),
    units: new Array(y.days.length * 2).fill(0),
    procedures: new Array(y.days.length * 2).fill(0),
  };
  const out: Assignment[] = [];
  const push = (person: Person, day: number, half: number, cell: Cell) =>
    out.push({
      personId: person.id,
      date: y.days[day],
      half: HALVES[half],
      activityCode: cell.code,
      source: cell.source,
      locked: cell.locked ?? (cell.source === 'preload' || cell.source === 'manual'),
    });

  // Residents day by day (not person by person), so clinic choices see who else is in clinic.
  const postCall = new Set<string>();
  for (const c of inp.calls) if (c.callTypeCode === 'LD') postCall.add(`${c.personId}:${y.index.get(c.date)! + 1}`);
  const weekOf = (day: number) => Math.floor((day + y.weekday[0] - 1) / 7);
  const clinicThisWeek = new Map<string, number>();
  const residentCells: Cell[][] = inp.residents.map(() => []);
  for (let d = 0; d < y.days.length; d++) {
    inp.residents.forEach((r, ri) => {
      for (let h = 0; h < 2; h++) {
        const cell = residentCell(inp, r, d, h, postCall, clinicThisWeek, weekOf(d), tally);
        residentCells[ri][slot(d, h)] = cell;
        const s = slot(d, h);
        if (CLINIC.has(cell.code)) tally.clinic[s]++;
        if (SUPERVISED.has(cell.code)) tally.units[s] += (inp.pgyOf.get(r.id) === 1 ? 2 : 1) + (PROCEDURE.has(cell.code) ? 4 : 0);
        if (PROCEDURE.has(cell.code)) tally.procedures[s]++;
        if (cell.code === 'C') {
          const key = `${r.id}:${weekOf(d)}`;
          clinicThisWeek.set(key, (clinicThisWeek.get(key) ?? 0) + 1);
        }
      }
    });
  }
  // A coordinator's hand edits: a few clinic half-days turned virtual and locked.
  for (let i = 0; i < Math.max(4, inp.residents.length); i++) {
    const ri = inp.rng.int(0, inp.residents.length - 1);
    const s = inp.rng.int(0, y.days.length * 2 - 1);
    const cell = residentCells[ri]?.[s];
    if (cell && cell.code === 'C') {
      residentCells[ri][s] = { code: 'CV', source: 'manual' };
      tally.clinic[s]--;
    }
  }
  inp.residents.forEach((r, ri) => residentCells[ri].forEach((cell, s) => push(r, Math.floor(s / 2), s % 2, cell)));

  // Learners before faculty: students in clinic take rooms and need precepting too.
  const learnerCells = inp.learners.map((person) => {
    const cells: Cell[] = [];
    for (let d = 0; d < y.days.length; d++)
      for (let h = 0; h < 2; h++) {
        const cell = learnerCell(inp, person, d, h, tally.clinic[slot(d, h)]);
        cells.push(cell);
        if (CLINIC.has(cell.code)) tally.clinic[slot(d, h)]++;
        if (SUPERVISED.has(cell.code)) tally.units[slot(d, h)] += inp.learnerUnits;
      }
    return cells;
  });
  for (const [person, cells] of facultyCells(inp, tally, weekOf)) cells.forEach((cell, s) => push(person, Math.floor(s / 2), s % 2, cell));
  inp.learners.forEach((person, i) => learnerCells[i].forEach((cell, s) => push(person, Math.floor(s / 2), s % 2, cell)));
  return out;
}

function residentCell(
  inp: ScheduleInputs,
  r: Person,
  d: number,
  h: number,
  postCall: Set<string>,
  clinicThisWeek: Map<string, number>,
  week: number,
  tally: SlotTally,
): Cell {
  const { y } = inp;
  const away = inp.absent.get(r.id)?.[d];
  if (away) return { code: absenceCode(away), source: 'preload' };
  const rotations = inp.rotationOf.get(r.id)!;
  const rot = rotations[d];
  const wd = y.weekday[d];
  // Post-call: after a 24-hour call, and the day after the last night of night float.
  const afterNights = d > 0 && rotations[d - 1].code === 'NF' && rot.code !== 'NF' && [7, 1, 2, 3, 4].includes(y.weekday[d - 1]);
  if (postCall.has(`${r.id}:${d}`) || afterNights) {
    if (wd >= 6 && !rot.worksWeekends) return { code: 'W', source: 'template' };
    return { code: 'PC', source: 'template' };
  }
  if (wd >= 6 && !rot.worksWeekends) return { code: 'W', source: 'template' };
  if (isClosedDay(y, d) && !rot.worksWeekends) return { code: 'HOL', source: 'template' };
  const exempt = (rule: string) => rot.exemptFrom.includes(rule);
  if (wd === 3 && !isClosedDay(y, d)) {
    if (isBlockEndWednesday(y, d) && !exempt(STANDING.blockEndAdvising)) return { code: h === 0 ? 'LEC' : 'ADV', source: 'template' };
    if (h === 1 && !exempt(STANDING.wednesdayLecture)) return { code: 'LEC', source: 'template' };
    if (h === 0 && inp.pgyOf.get(r.id) === 1 && rot.setting === 'outpatient' && !exempt(STANDING.pgy1WednesdayClinic))
      return { code: 'C', source: 'template' };
  }
  const pattern = rot.pattern.length === 4 ? rot.pattern[Math.min(3, weekIndexInBlock(y, d))] : rot.pattern[0];
  const fixed = pattern[String(wd)][h === 0 ? 'AM' : 'PM'].activityCode;
  if (fixed !== null) return { code: fixed, source: 'template' };

  // A slot the scheduler chooses: clinic toward the weekly target while the clinic has room.
  const s = slot(d, h);
  // Residents leave two rooms of the soft limit for the faculty's own clinic.
  const room = tally.clinic[s] < inp.clinicSoft - 2;
  if (rot.mainActivity === 'C') {
    const privileged = r.credentials.some((c) => c.activityCode === 'PROC' && c.status !== 'suspended' && c.status !== 'expired');
    if (privileged && tally.procedures[s] < inp.procedureRooms && inp.rng.chance(0.5)) return { code: 'PROC', source: 'solver' };
    return { code: room ? 'C' : 'CV', source: 'solver' };
  }
  const target = rot.weeklyTargets.C ?? 0;
  if (room && (clinicThisWeek.get(`${r.id}:${week}`) ?? 0) < target) return { code: 'C', source: 'solver' };
  return { code: rot.mainActivity, source: 'solver' };
}

function weekIndexInBlock(y: DemoYear, d: number): number {
  const start = y.index.get(y.blockOf[d].start)!;
  return Math.floor((d - start) / 7);
}

/** Weekly own-clinic half-days by role (the low end of the program's limits) and the admin code. */
const ROLE_PLAN: Record<string, { clinic: number; admin: string; own?: { code: string; count: number } }> = {
  pd: { clinic: 1, admin: 'GME' },
  apd: { clinic: 2, admin: 'GME' },
  oic: { clinic: 3, admin: 'DFM' },
  chief: { clinic: 2, admin: 'DFM' },
  sports_med: { clinic: 1, admin: 'DFM', own: { code: 'SM', count: 3 } },
  core: { clinic: 4, admin: 'DFM' },
};

function facultyCells(inp: ScheduleInputs, tally: SlotTally, weekOf: (d: number) => number): Map<Person, Cell[]> {
  const { y } = inp;
  const cells = new Map<Person, Cell[]>(inp.faculty.map((f) => [f, []]));
  const overnight = new Set(inp.calls.filter((c) => c.callTypeCode === 'OC').map((c) => `${c.personId}:${y.index.get(c.date)! + 1}`));
  const weekly = new Map<string, number>();
  const bump = (key: string) => weekly.set(key, (weekly.get(key) ?? 0) + 1);
  const count = (key: string) => weekly.get(key) ?? 0;

  for (let d = 0; d < y.days.length; d++) {
    const week = weekOf(d);
    for (let h = 0; h < 2; h++) {
      const s = slot(d, h);
      const open: Person[] = [];
      let supervising = 0;
      for (const f of inp.faculty) {
        const fixed = fixedFacultyCell(inp, f, d, h, overnight);
        if (fixed) {
          cells.get(f)![s] = fixed;
          if (fixed.code === 'PCAT') supervising++;
          if (CLINIC.has(fixed.code)) tally.clinic[s]++;
        } else open.push(f);
      }
      // Precepting first: enough AT for the residents in clinic (units / units per faculty).
      const needed = Math.max(0, Math.ceil(tally.units[s] / inp.unitsPerFaculty) - supervising);
      const byLoad = inp.rng
        .shuffle(open)
        .sort((a, b) => count(`${a.id}:${week}:AT`) - count(`${b.id}:${week}:AT`) + (a.facultyRole === 'pd' ? 1 : 0) - (b.facultyRole === 'pd' ? 1 : 0));
      const precepting = new Set(byLoad.slice(0, needed));
      for (const f of open) {
        const plan = ROLE_PLAN[f.facultyRole!];
        let cell: Cell;
        if (precepting.has(f)) cell = { code: 'AT', source: 'solver' };
        else if (plan.own && count(`${f.id}:${week}:${plan.own.code}`) < plan.own.count) cell = { code: plan.own.code, source: 'solver' };
        // Own clinic up to the role's weekly minimum, while the clinic has rooms (soft limit).
        else if (count(`${f.id}:${week}:C`) < plan.clinic && tally.clinic[s] < inp.clinicSoft) cell = { code: 'C', source: 'solver' };
        else cell = { code: plan.admin, source: 'solver' };
        bump(`${f.id}:${week}:${cell.code}`);
        if (CLINIC.has(cell.code)) tally.clinic[s]++;
        cells.get(f)![s] = cell;
      }
    }
  }
  return cells;
}

function fixedFacultyCell(inp: ScheduleInputs, f: Person, d: number, h: number, overnight: Set<string>): Cell | null {
  const { y, fmit } = inp;
  const wd = y.weekday[d];
  const away = inp.absent.get(f.id)?.[d];
  if (away) return { code: absenceCode(away), source: 'preload' };
  if (fmit.attendingOn[d] === f.id) return { code: 'FMIT', source: 'solver' };
  if (wd === 5 && d > 0 && fmit.attendingOn[d - 1] === f.id) return { code: 'OFF', source: 'solver' };
  if (wd >= 6) return { code: 'W', source: 'template' };
  if (isClosedDay(y, d)) return { code: 'HOL', source: 'template' };
  if (overnight.has(`${f.id}:${d}`)) return { code: h === 0 ? 'PCAT' : 'DO', source: 'solver' };
  if (wd === 3 && h === 1) return { code: 'LEC', source: 'template' };
  // Adjunct faculty are never auto-scheduled: their two clinic mornings are entered by hand.
  if (f.facultyRole === 'adjunct') return (wd === 2 || wd === 4) && h === 0 ? { code: 'C', source: 'manual' } : { code: 'OFF', source: 'manual' };
  return null;
}

/** Students: clinic three mornings a week, simulation and lecture otherwise. */
const STUDENT_AM: Record<number, string> = { 1: 'C', 2: 'C', 3: 'SIM', 4: 'C', 5: 'SIM' };
const STUDENT_PM: Record<number, string> = { 1: 'SIM', 2: 'SIM', 3: 'LEC', 4: 'SIM', 5: 'C' };
const INTERN_WEEK: Record<number, [string, string]> = {
  1: ['FMIT', 'FMIT'], 2: ['FMIT', 'FMIT'], 3: ['FMIT', 'LEC'], 4: ['FMIT', 'FMIT'], 5: ['FMIT', 'FMIT'], 6: ['FMIT', 'FMIT'], 7: ['OFF', 'OFF'],
};

function learnerCell(inp: ScheduleInputs, p: Person, d: number, h: number, inClinic: number): Cell {
  const { y } = inp;
  const wd = y.weekday[d];
  const away = inp.absent.get(p.id)?.[d];
  if (away) return { code: absenceCode(away), source: 'preload' };
  if (p.kind === 'intern') return { code: INTERN_WEEK[wd][h], source: 'template' };
  if (wd >= 6) return { code: 'W', source: 'template' };
  if (isClosedDay(y, d)) return { code: 'HOL', source: 'template' };
  const code = h === 0 ? STUDENT_AM[wd] : STUDENT_PM[wd];
  // A full clinic sends the student to the simulation center instead.
  return { code: code === 'C' && inClinic >= inp.clinicSoft ? 'SIM' : code, source: 'template' };
}
