// The half-day schedule of one block as a MILP: every resident and faculty member × slot → one
// activity. Fixed cells come from halfday-cells.ts; the solver fills the open ones subject to
// clinic capacity (hard limit scaled by day type; soft limit as a goal), supervision (ceil(units /
// units per faculty) supervising faculty in every slot with learners), faculty weekly maximums
// per activity, and the ACGME rules as linear constraints over rolling windows that reach into
// the neighbouring blocks (80 hours a week averaged over 28 days, days off, consecutive worked
// days). Soft goals: each rotation's weekly targets, faculty weekly minimums, the soft clinic limit.
import { DateTime } from 'luxon';
import { addDays, datesInRange } from '../../domain/calendar';
import { pgyIn, type ProgramData } from '../../domain/program';
import type { RestAfterCallParams } from '../../domain/rest-after-call';
import type { AbsenceType, Activity, Assignment, HalfDay, IsoDate, Person } from '../../domain/types';
import { churnsSlot } from '../../domain/churn';
import { LinearExpr, ModelBuilder, type Reason } from './builder';
import { finishReasons, type CellExplanation } from './explain';
import {
  HALVES,
  resolveBlock,
  type BlockCellOptions,
  type BlockPerson,
  type BlockSetting,
  type Cell,
} from './halfday-cells';
import type { LockedOverUnavailable } from './locked-unavailable';
import type { UnplannedResident } from './unplanned';
import { clinicOverload, clinicSlotWords } from './halfday-capacity';
import { plural } from '../../domain/words';
import { listText, type GenerationModel } from './model';
import { residentDuty, type LeaveStatus } from './halfday-duty';
import { dutyDayEdges, longestFreeDayMs } from './night-ends';
import { compiledRulesOfType, ruleApplies, weekdayOf as isoWeekday, weightOf } from './program-view';
import { allowedWindowHours, averagingPeriods } from '../../rules/acgme-hours';
import { HOUR_MS } from '../../rules/clock';
import { freeDaysIn, requiredFreeDays } from '../../rules/acgme-days-off';
import { DEFAULT_WORK_PERIOD_BREAK_MINUTES } from '../../rules/duty-items';

export type BlockScheduleOptions = BlockCellOptions;

export interface BlockScheduleResult {
  academicYear: number;
  blockNumber: number;
  start: IsoDate;
  end: IsoDate;
  /** Every slot of the block for each person in `personIds` (locked slots included as they were). */
  assignments: Assignment[];
  /** People whose block schedule this is; others' slots are untouched. */
  personIds: string[];
  /** Residents left out for want of a plan entry on some of the block's days. */
  unplanned: UnplannedResident[];
  /** Locked half-days kept where their person is unavailable. */
  lockedOverUnavailable: LockedOverUnavailable[];
  explanations: CellExplanation[];
}

/** A 0/1 quantity: a constant plus a sum of binary columns. */
interface Indicator {
  constant: number;
  cols: number[];
}

interface SupervisionParams {
  unitsPerFaculty: number;
  pgy1Units: number;
  seniorUnits: number;
  learnerUnits: number;
}
interface CapacityParams {
  soft: number;
  hard: number;
}
interface WindowLeaveParams {
  excludeLeave: boolean;
  leaveTypes: AbsenceType[];
  minAveragingDays: number;
}
interface HoursParams extends WindowLeaveParams {
  limitHours: number;
  windowDays: number;
  includeMoonlighting: boolean;
  averageShortRotations: boolean;
}
interface ContinuousParams {
  maxHours: number;
  transitionHours?: number;
}

interface DaysOffParams extends WindowLeaveParams {
  minDaysOff: number;
  windowDays: number;
  freeHours: number;
  includeMoonlighting: boolean;
  awayTypes: AbsenceType[];
}
interface WeeklyLimit {
  role: string;
  activityCode: string;
  min: number;
  max: number;
}

const TOL = 1e-9;

const shortDates = new Map<IsoDate, string>();
/** "Thu 2 Jul": in the text of many rows, formatted once per date. */
function shortDate(d: IsoDate): string {
  let text = shortDates.get(d);
  if (text === undefined) shortDates.set(d, (text = DateTime.fromISO(d).toFormat('ccc d LLL')));
  return text;
}

export function buildBlockScheduleModel(
  data: ProgramData,
  options: BlockScheduleOptions,
): GenerationModel<BlockScheduleResult> {
  const s: BlockSetting = resolveBlock(data, options);
  const { block, dates, activities } = s;
  const tz = data.settings.timeZone;
  const D = dates.length;
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  const b = new ModelBuilder('minimize');
  const act = (code: string): Activity => activities.get(code)!;

  // ---- Columns: one binary per open cell and candidate activity ----
  const choice: Map<string, number>[][] = s.people.map((p) => p.cells.map(() => new Map()));
  const decisionColumns = new Set<number>();
  s.people.forEach((p, pi) => {
    p.cells.forEach((cell, slot) => {
      if (cell.kind !== 'decision') return;
      const e = new LinearExpr();
      for (const code of cell.codes) {
        const col = b.binary(`x[${p.person.id},${dates[slot >> 1]},${HALVES[slot & 1]},${code}]`);
        choice[pi][slot].set(code, col);
        decisionColumns.add(col);
        e.add(col);
      }
      b.row(`one[${p.person.id},${dates[slot >> 1]},${HALVES[slot & 1]}]`, e, 1, 1);
    });
  });
  // A requested absence is avoided at a cost: any work in its half-days.
  const requestedW = weightOf(data.settings, 'requestedAbsence');
  s.people.forEach((p, pi) => {
    p.cells.forEach((cell, slot) => {
      if (cell.kind !== 'decision' || !cell.requested) return;
      for (const [code, col] of choice[pi][slot]) if (act(code).category !== 'time_off') b.addCost(col, requestedW);
    });
  });
  // A reduced-capacity day: the holiday off instead of the template's clinic costs what a clinic
  // half-day short of the weekly target costs, so only the clinic's capacity makes it happen.
  const reducedW = weightOf(data.settings, 'clinicTarget');
  s.people.forEach((p, pi) => {
    p.cells.forEach((cell, slot) => {
      if (cell.kind !== 'decision' || !cell.reducedDay) return;
      for (const [code, col] of choice[pi][slot]) if (act(code).category === 'time_off') b.addCost(col, reducedW);
    });
  });
  // Soft: keep the published schedule. A published slot the schedule clears or gives another
  // activity is churn (core/domain/churn.ts), what the churn guard limits at publish: each costs
  // `publishedSlotChange`, so a regeneration changes what the rules and the weightier goals need.
  // The same choices are the solve's start (core/solver/models/start.ts): each cell as published.
  const slotChangeW = weightOf(data.settings, 'publishedSlotChange');
  const keptPublished = new Set<number>();
  const startHint = new Map<number, number>();
  s.people.forEach((p, pi) => {
    p.cells.forEach((cell, slot) => {
      const was = s.published.at(s.slotFrom(p.row, slot >> 1, slot & 1));
      // A published activity the cell can no longer take costs every choice alike: no term, no start.
      if (cell.kind !== 'decision' || was === undefined || !choice[pi][slot].has(was)) return;
      for (const [code, col] of choice[pi][slot]) {
        const churns = churnsSlot(was, code);
        startHint.set(col, churns ? 0 : 1);
        if (slotChangeW <= 0) continue;
        if (churns) b.addCost(col, slotChangeW);
        else keptPublished.add(col);
      }
    });
  });
  const indicator = (pi: number, slot: number, pred: (a: Activity) => boolean): Indicator => {
    const cell = s.people[pi].cells[slot];
    if (cell.kind === 'fixed') return { constant: pred(act(cell.code)) ? 1 : 0, cols: [] };
    return { constant: 0, cols: [...choice[pi][slot]].filter(([code]) => pred(act(code))).map(([, c]) => c) };
  };
  /** Sum of coef(activity) over a cell's possibilities. */
  const weighted = (
    pi: number,
    slot: number,
    coef: (a: Activity) => number,
  ): { constant: number; terms: [number, number][] } => {
    const cell = s.people[pi].cells[slot];
    if (cell.kind === 'fixed') return { constant: coef(act(cell.code)), terms: [] };
    return {
      constant: 0,
      terms: [...choice[pi][slot]]
        .map(([code, c]) => [c, coef(act(code))] as [number, number])
        .filter(([, v]) => v !== 0),
    };
  };
  const blockPeople = new Set(s.people.map((p) => p.person.id));
  const personById = new Map(data.people.map((p) => [p.id, p]));
  const otherRows = data.people.filter((p) => !blockPeople.has(p.id)).map((p) => s.existing.grid.person(p.id));
  // Slots of people the model does not schedule (learners, adjunct faculty): fixed context, read
  // once per slot for every rule that counts them.
  const othersBySlot: Assignment[][] = [];
  const othersInSlot = (slot: number): Assignment[] => {
    const known = othersBySlot[slot];
    if (known) return known;
    const out: Assignment[] = [];
    for (const row of otherRows) {
      const a = s.existing.at(s.slotFrom(row, slot >> 1, slot & 1));
      if (a && activities.has(a.activityCode)) out.push(a);
    }
    othersBySlot[slot] = out;
    return out;
  };
  const slotLabel = (slot: number) => `${shortDate(dates[slot >> 1])} ${HALVES[slot & 1]}`;
  const fixedWhy = (p: BlockPerson, slot: number): string | null => {
    const cell = p.cells[slot];
    return cell.kind === 'fixed' ? `${p.person.name} has ${cell.code} (${cell.reason.text})` : null;
  };

  // ---- Clinic capacity per slot ----
  const softCapW = weightOf(data.settings, 'clinicOverSoftCapacity');
  for (const rule of compiledRulesOfType<CapacityParams>(data.settings, 'clinic_capacity')) {
    for (let slot = 0; slot < 2 * D; slot++) {
      const scale = s.capacityScale(dates[slot >> 1]);
      const hard = Math.floor(rule.params.hard * scale);
      const soft = Math.floor(rule.params.soft * scale);
      const e = new LinearExpr();
      let constant = 0;
      let maxPossible = 0;
      s.people.forEach((p, pi) => {
        if (!ruleApplies(rule.config, p.person, p.pgy)) return;
        const ind = indicator(pi, slot, (a) => a.countsTowardClinicCapacity);
        constant += ind.constant;
        e.addAll(ind.cols);
        maxPossible += ind.constant + (ind.cols.length ? 1 : 0);
      });
      const othersThere: { assignment: Assignment; person: Person; pgy: number | null }[] = [];
      for (const a of othersInSlot(slot)) {
        const person = personById.get(a.personId);
        const pgy = person ? pgyIn(person, s.year) : null;
        if (person && act(a.activityCode).countsTowardClinicCapacity && ruleApplies(rule.config, person, pgy)) {
          othersThere.push({ assignment: a, person, pgy });
          constant++;
          maxPossible++;
        }
      }
      if (maxPossible > hard) {
        const date = dates[slot >> 1];
        const scaled = scale === 1 ? '' : ` (× ${scale} on a ${s.dayType(date).replace('_', ' ')})`;
        // Over capacity by the fixed cells alone: name who is fixed there and by what.
        const found = clinicOverload(
          s.people,
          slot,
          act,
          (p) => ruleApplies(rule.config, p.person, p.pgy),
          othersThere,
        );
        const overload = found.fixed > hard ? found : null;
        const g = b.group({
          id: `capacity:${date}:${HALVES[slot & 1]}`,
          kind: 'capacity',
          weight: 1,
          ...(overload
            ? {
                describe: () =>
                  `${clinicSlotWords(date, HALVES[slot & 1], block.number)}: ${overload.fixed} are fixed to clinic ` +
                  `but the clinic takes ${hard}${scaled} — ${overload.who}`,
                where: shortDate(date),
                fix: overload.fix,
              }
            : {
                describe: (short: number) =>
                  `${slotLabel(slot)}: the clinic holds at most ${hard}${scaled} but ${hard + Math.ceil(short)} ` +
                  `must be there (fixed clinic half-days of rotations, locked slots)`,
              }),
        });
        b.row(`capacity[${slot}]`, e, -Infinity, hard - constant, {
          group: g,
          reason: { kind: 'capacity', text: `The clinic is full in ${slotLabel(slot)} (at most ${hard})` },
        });
      }
      if (maxPossible > soft && softCapW > 0) {
        const over = b.continuous(`overSoft[${slot}]`, 0, Infinity, softCapW);
        const es = new LinearExpr();
        for (const [c, v] of e.terms) es.add(c, v);
        es.add(over, -1);
        b.row(`softCapacity[${slot}]`, es, -Infinity, soft - constant, {
          reason: { kind: 'capacity', text: `The clinic is at its comfortable limit in ${slotLabel(slot)} (${soft})` },
        });
      }
    }
  }

  // ---- Supervision per slot ----
  const supervisionBySlot = new Map<
    number,
    { expr: LinearExpr; fixedUnits: number; fixedSupervisors: number; unitsPerFaculty: number }
  >();
  for (const rule of compiledRulesOfType<SupervisionParams>(data.settings, 'supervision')) {
    const p = rule.params;
    const unitsOf = (person: Person, pgy: number | null, a: Activity) =>
      a.needsSupervision
        ? (person.kind === 'resident' && pgy !== null ? (pgy <= 1 ? p.pgy1Units : p.seniorUnits) : p.learnerUnits) +
          a.extraSupervisionUnits
        : 0;
    for (let slot = 0; slot < 2 * D; slot++) {
      const e = new LinearExpr();
      let fixedUnits = 0;
      let fixedSupervisors = 0;
      let maxUnits = 0;
      s.people.forEach((bp, pi) => {
        if (bp.role === 'faculty') {
          const ind = indicator(pi, slot, (a) => a.providesSupervision);
          fixedSupervisors += ind.constant;
          e.addAll(ind.cols, p.unitsPerFaculty);
          return;
        }
        if (!ruleApplies(rule.config, bp.person, bp.pgy)) return;
        const w = weighted(pi, slot, (a) => unitsOf(bp.person, bp.pgy, a));
        fixedUnits += w.constant;
        let most = w.constant;
        for (const [c, v] of w.terms) {
          e.add(c, -v);
          most = Math.max(most, v);
        }
        maxUnits += most;
      });
      for (const a of othersInSlot(slot)) {
        const person = personById.get(a.personId);
        if (!person) continue;
        if (person.kind === 'faculty') {
          if (act(a.activityCode).providesSupervision) fixedSupervisors++;
          continue;
        }
        if (!ruleApplies(rule.config, person, pgyIn(person, s.year))) continue;
        const u = unitsOf(person, person.kind === 'resident' ? pgyIn(person, s.year) : null, act(a.activityCode));
        fixedUnits += u;
        maxUnits += u;
      }
      if (maxUnits <= fixedSupervisors * p.unitsPerFaculty + TOL) continue;
      const g = b.group({
        id: `supervision:${dates[slot >> 1]}:${HALVES[slot & 1]}`,
        kind: 'supervision',
        weight: 1,
        describe: (short) => {
          const missing = Math.ceil(short / p.unitsPerFaculty);
          const away = s.people
            .filter((bp) => bp.role === 'faculty')
            .map((bp) => fixedWhy(bp, slot))
            .filter((x): x is string => !!x);
          return (
            `${slotLabel(slot)} needs ` +
            `${plural(missing, 'more supervising faculty member', 'more supervising faculty')} for the learners ` +
            `there (${p.unitsPerFaculty} supervision units ` +
            `each)${away.length ? `; unavailable: ${listText(away)}` : ''}`
          );
        },
      });
      b.row(`supervision[${slot}]`, e, fixedUnits - fixedSupervisors * p.unitsPerFaculty, Infinity, {
        group: g,
        reason: {
          kind: 'supervision',
          text:
            `${slotLabel(slot)} needs enough supervising faculty for its learners (1 per ${p.unitsPerFaculty} ` +
            `units, rule "${rule.config.id}")`,
        },
      });
      supervisionBySlot.set(slot, { expr: e, fixedUnits, fixedSupervisors, unitsPerFaculty: p.unitsPerFaculty });
    }
  }

  // Precepting where no learner can need it is wasted faculty time: rule it out.
  s.people.forEach((bp, pi) => {
    if (bp.role !== 'faculty') return;
    bp.cells.forEach((cell, slot) => {
      if (cell.kind !== 'decision' || supervisionBySlot.has(slot)) return;
      for (const [code, col] of choice[pi][slot]) if (act(code).providesSupervision) b.fix(col, 0);
    });
  });

  // ---- Faculty weekly maximums (hard) and minimums (soft) per ISO week ----
  const minW = weightOf(data.settings, 'clinicTarget');
  const approvedAbsent = (personId: string, d: IsoDate, half: HalfDay) =>
    s.availability.of(personId).halfDay(d, half)?.approved === true;
  const onInpatientWeek = (personId: string, d: IsoDate) =>
    s.inpatientWeeks.some((w) => w.personId === personId && w.start <= d && d <= w.end);
  const mondays = [...new Set(dates.map((d) => addDays(d, 1 - isoWeekday(d))))];
  for (const rule of compiledRulesOfType<{ limits: WeeklyLimit[] }>(data.settings, 'faculty_weekly_halfdays')) {
    s.people.forEach((bp, pi) => {
      if (bp.role !== 'faculty' || !ruleApplies(rule.config, bp.person, null)) return;
      for (const limit of rule.params.limits.filter((l) => l.role === bp.person.facultyRole)) {
        for (const monday of mondays) {
          const week = datesInRange(monday, addDays(monday, 6));
          const e = new LinearExpr();
          let inside = 0;
          let outside = 0;
          let outsideScheduled = false;
          let maxPossible = 0;
          for (const d of week) {
            const di = dayIndex.get(d);
            for (const half of HALVES) {
              if (di === undefined) {
                const a = s.existing.get(bp.person.id, d, half);
                if (a) outsideScheduled = true;
                if (a?.activityCode === limit.activityCode) outside++;
                continue;
              }
              const ind = indicator(pi, di * 2 + (half === 'PM' ? 1 : 0), (a) => a.code === limit.activityCode);
              inside += ind.constant;
              e.addAll(ind.cols);
              maxPossible += ind.constant + (ind.cols.length ? 1 : 0);
            }
          }
          const weekText = `${shortDate(monday)}–${shortDate(addDays(monday, 6))}`;
          if (maxPossible + outside > limit.max) {
            const g = b.group({
              id: `faculty-max:${bp.person.id}:${limit.activityCode}:${monday}`,
              kind: 'limit',
              weight: 1,
              describe: (short) =>
                `${bp.person.name} (${bp.person.facultyRole}) may have at most ${limit.max} ${limit.activityCode} ` +
                `half-days in the week ${weekText}, but ${limit.max + Math.ceil(short)} are needed`,
            });
            b.row(
              `facultyMax[${bp.person.id},${limit.activityCode},${monday}]`,
              e,
              -Infinity,
              limit.max - outside - inside,
              {
                group: g,
                reason: {
                  kind: 'limit',
                  text: `${bp.person.facultyRole} role: at most ${limit.max} ${limit.activityCode} half-days a week`,
                },
              },
            );
          }
          if (limit.min > 0 && minW > 0) {
            // Available weekday half-days, as the compliance engine counts them.
            const available = (days: IsoDate[]) =>
              days
                .filter((d) => isoWeekday(d) <= 5 && !onInpatientWeek(bp.person.id, d) && s.dayType(d) === 'normal')
                .reduce((n, d) => n + HALVES.filter((h) => !approvedAbsent(bp.person.id, d, h)).length, 0);
            const inBlock = week.filter((d) => dayIndex.has(d));
            const required = outsideScheduled
              ? Math.floor((limit.min * available(week)) / 10) - outside
              : Math.ceil((limit.min * available(inBlock)) / 10);
            const reachable = Math.min(required, maxPossible);
            if (reachable - inside <= 0) continue;
            const short = b.continuous(
              `facultyShort[${bp.person.id},${limit.activityCode},${monday}]`,
              0,
              Infinity,
              minW,
            );
            const es = new LinearExpr();
            for (const [c, v] of e.terms) es.add(c, v);
            es.add(short);
            b.row(`facultyMin[${bp.person.id},${limit.activityCode},${monday}]`, es, reachable - inside, Infinity, {
              reason: {
                kind: 'target',
                text:
                  `${bp.person.facultyRole} role: at least ${limit.min} ${limit.activityCode} half-days a ` +
                  `full week`,
              },
            });
          }
        }
      }
    });
  }

  // ---- Residents' weekly activity targets (soft) ----
  const targetW = weightOf(data.settings, 'clinicTarget');
  const targetReasons = new Map<number, Reason>();
  s.people.forEach((bp, pi) => {
    if (bp.role !== 'resident' || targetW <= 0) return;
    for (let w0 = 0; w0 < D; w0 += 7) {
      const days = Array.from({ length: Math.min(7, D - w0) }, (_, k) => w0 + k);
      // Days outside the resident's dates in the program have no rotation and no target.
      const codes = new Set(days.flatMap((di) => Object.keys(bp.rotations[di]?.weeklyTargets ?? {})));
      for (const code of codes) {
        let share = 0;
        let constant = 0;
        let cap = 0;
        const e = new LinearExpr();
        for (const di of days) {
          const rot = bp.rotations[di];
          const t = rot?.weeklyTargets[code];
          if (!rot || t === undefined) continue;
          const open = HALVES.filter((h) => !s.availability.of(bp.person.id).halfDay(dates[di], h)?.approved).length;
          if (open === 0) continue;
          share += ((t / 7) * open) / 2;
          for (let h = 0; h < 2; h++) {
            const ind = indicator(pi, di * 2 + h, (a) => a.code === code);
            constant += ind.constant;
            e.addAll(ind.cols);
            cap += ind.constant + (ind.cols.length ? 1 : 0);
            for (const c of ind.cols)
              targetReasons.set(c, { kind: 'target', text: `${rot.code} aims for ${t} ${code} half-days a week` });
          }
        }
        const target = Math.min(Math.round(share), cap);
        if (e.size === 0) continue;
        const under = b.continuous(`under[${bp.person.id},${w0},${code}]`, 0, Infinity, targetW);
        const over = b.continuous(`over[${bp.person.id},${w0},${code}]`, 0, Infinity, targetW);
        const row = new LinearExpr();
        for (const [c, v] of e.terms) row.add(c, v);
        row.add(under).add(over, -1);
        b.row(`target[${bp.person.id},${w0},${code}]`, row, target - constant, target - constant);
      }
    }
  });

  // ---- ACGME rules for residents, over windows reaching into the neighbouring blocks ----
  addAcgmeRows(b, s, choice, tz);

  // Why a faculty member precepts: the slot's supervision units and supervisors in the solution.
  const supervisionReason = (
    slot: number,
    sup: { expr: LinearExpr; fixedUnits: number; fixedSupervisors: number; unitsPerFaculty: number },
    values: ArrayLike<number>,
  ): Reason => {
    let supervisors = sup.fixedSupervisors;
    let units = sup.fixedUnits;
    for (const [col, coef] of sup.expr.terms) {
      if (values[col] < 0.5) continue;
      if (coef > 0) supervisors++;
      else units -= coef;
    }
    const needed = Math.ceil(units / sup.unitsPerFaculty);
    return {
      kind: 'supervision',
      text:
        `${slotLabel(slot)}: learners need ${units} supervision units, so ${needed} supervising faculty ` +
        `(${supervisors} scheduled)`,
    };
  };

  return {
    scope: 'block',
    label: `Half-day schedule, block ${block.number} (${block.start}–${block.end})`,
    builder: b,
    ...(startHint.size ? { startHint } : {}),
    decode(values) {
      const pinned = b.tightReasons(values, decisionColumns);
      const assignments: Assignment[] = [];
      const explanations: CellExplanation[] = [];
      s.people.forEach((bp, pi) => {
        bp.cells.forEach((cell, slot) => {
          const date = dates[slot >> 1];
          const half: HalfDay = HALVES[slot & 1];
          let code: string;
          let reasons: Reason[];
          let source = cell.kind === 'fixed' ? cell.source : 'solver';
          let locked = false;
          if (cell.kind === 'fixed') {
            code = cell.code;
            locked = cell.locked;
            reasons = [cell.reason];
          } else {
            const chosen = [...choice[pi][slot]].find(([, c]) => values[c] > 0.5);
            if (!chosen) throw new Error(`No activity chosen for ${bp.person.name} on ${date} ${half}`);
            code = chosen[0];
            source = 'solver';
            reasons = [...(pinned.get(chosen[1]) ?? [])];
            const target = targetReasons.get(chosen[1]);
            if (target) reasons.push(target);
            const sup = supervisionBySlot.get(slot);
            if (sup && act(code).providesSupervision) reasons.push(supervisionReason(slot, sup, values));
            if (keptPublished.has(chosen[1]))
              reasons.push({
                kind: 'stability',
                text: `Kept as published (changing a published half-day costs ${slotChangeW})`,
              });
          }
          if (cell.kind === 'fixed' && cell.outside) return;
          assignments.push({ personId: bp.person.id, date, half, activityCode: code, source, locked });
          explanations.push({
            key: `slot:${bp.person.id}:${date}:${half}`,
            personId: bp.person.id,
            value: code,
            reasons: finishReasons(reasons, `Open cell: ${code} balances the goals best`),
          });
        });
      });
      return {
        academicYear: s.year,
        blockNumber: block.number,
        start: block.start,
        end: block.end,
        assignments,
        personIds: s.people.map((p) => p.person.id),
        unplanned: s.unplanned,
        lockedOverUnavailable: s.lockedOverUnavailable,
        explanations,
      };
    },
  };
}

/** Whether an activity is duty in a half (the compliance engine's "worked"). */
function isDuty(a: Activity, half: HalfDay): boolean {
  return a.countsTowardDutyHours && (half === 'AM' ? a.am : a.pm) !== null;
}

const dayLengths = new Map<string, number>();
/** Whether a local day is shorter than 24 hours (the spring-forward day). */
function dayIsShort(date: IsoDate, timeZone: string): boolean {
  const key = `${date}|${timeZone}`;
  let hours = dayLengths.get(key);
  if (hours === undefined) {
    const from = DateTime.fromISO(`${date}T00:00`, { zone: timeZone });
    const to = DateTime.fromISO(`${addDays(date, 1)}T00:00`, { zone: timeZone });
    dayLengths.set(key, (hours = to.diff(from, 'hours').hours));
  }
  return hours < 24;
}

/** Whether a duty half-day runs past local midnight. */
function spillsPastMidnight(a: Activity, half: HalfDay): boolean {
  const range = half === 'AM' ? a.am : a.pm;
  return isDuty(a, half) && !!range && range.end <= range.start && range.end !== '00:00';
}

/**
 * ACGME rows for every resident: 80 hours (per day exact hours, split at midnight), free days,
 * and consecutive worked days, each over every window that overlaps the block. Days outside the
 * block count with the schedule already on file. Windows that cannot fail are left out.
 */
function addAcgmeRows(b: ModelBuilder, s: BlockSetting, choice: Map<string, number>[][], tz: string): void {
  const { data, dates, activities } = s;
  const D = dates.length;
  const hoursRules = compiledRulesOfType<HoursParams>(data.settings, 'acgme_80h');
  const offRules = compiledRulesOfType<DaysOffParams>(data.settings, 'acgme_day_off');
  const consecutive = compiledRulesOfType<{ maxDays: number }>(data.settings, 'consecutive_days');
  const continuousRules = compiledRulesOfType<ContinuousParams>(data.settings, 'acgme_continuous');
  const restRules = compiledRulesOfType<{ minRestHours: number }>(data.settings, 'acgme_rest_between');
  const restAfterCallRules = compiledRulesOfType<RestAfterCallParams>(data.settings, 'acgme_rest_after_call');
  const periodRules = continuousRules.length + restRules.length + restAfterCallRules.length;
  if (!hoursRules.length && !offRules.length && !consecutive.length && !periodRules) return;
  const breakMs = DEFAULT_WORK_PERIOD_BREAK_MINUTES * 60_000;
  const maxima = new CellMaxima(choice);
  const reach = Math.max(
    7,
    ...hoursRules.map((r) => r.params.windowDays),
    ...offRules.map((r) => r.params.windowDays),
    ...consecutive.map((r) => r.params.maxDays + 1),
  );
  const ctxDates = datesInRange(addDays(s.block.start, -reach), addDays(s.block.end, reach));
  const shortDays = ctxDates.map((d) => dayIsShort(d, tz));
  const inBlock = (ci: number) => ci >= reach && ci < reach + D;
  // Whether a night that ends in the morning can never eat into the next duty's start: every
  // overnight piece of duty ends no later than the earliest start of any duty.
  // Home call is not duty: it does not take the morning after a night (the shift roster counts it there).
  const freeMs = longestFreeDayMs(offRules);
  const { earliestStart, latestSpillEnd } = dutyDayEdges(
    activities.values(),
    data.callTypes.filter((t) => t.countsTowardDutyHours),
  );

  s.people.forEach((bp, pi) => {
    if (bp.role !== 'resident') return;
    const id = bp.person.id;
    const name = bp.person.name;
    // Hours, fixed items and leave days by the compliance engine's own duty definition.
    const duty = residentDuty(s, bp, ctxDates, reach, choice[pi]);
    const n = ctxDates.length;
    const callOrMoonOn = duty.fixedItemOn; // a call (home call too), callback or moonlighting dated on the day
    const spillInto = duty.fixedSpillInto; // fixed busy time runs into the day from the night before
    const halfInd: { constant: number; cols: number[] }[][] = ctxDates.map(() => []); // duty indicator per half
    const spillCols: { constant: number; cols: number[] }[] = ctxDates.map(() => ({ constant: 0, cols: [] }));
    ctxDates.forEach((_, ci) => {
      for (let h = 0; h < 2; h++) {
        const half = HALVES[h];
        if (inBlock(ci)) {
          const slot = (ci - reach) * 2 + h;
          const cell: Cell = bp.cells[slot];
          if (cell.kind === 'fixed') {
            const a = activities.get(cell.code)!;
            halfInd[ci][h] = { constant: isDuty(a, half) ? 1 : 0, cols: [] };
            if (h === 1 && spillsPastMidnight(a, half)) spillCols[ci] = { constant: 1, cols: [] };
          } else {
            const duties: number[] = [];
            const spill: number[] = [];
            for (const [code, col] of choice[pi][slot]) {
              const a = activities.get(code)!;
              if (isDuty(a, half)) duties.push(col);
              if (h === 1 && spillsPastMidnight(a, half)) spill.push(col);
            }
            halfInd[ci][h] = { constant: 0, cols: duties };
            if (h === 1) spillCols[ci] = { constant: 0, cols: spill };
          }
        } else {
          const a0 = s.existing.at(s.slotFrom(bp.row, ci - reach, h));
          const a = a0 ? activities.get(a0.activityCode) : undefined;
          halfInd[ci][h] = { constant: a && isDuty(a, half) ? 1 : 0, cols: [] };
          if (h === 1 && a && spillsPastMidnight(a, half)) spillCols[ci] = { constant: 1, cols: [] };
        }
      }
    });

    const spillSafe = latestSpillEnd <= earliestStart;
    /**
     * A day off after fixed busy time from the night before (a night, a call) is a free day when the next
     * duty is fixed too and leaves whole free days to it, as the rule check counts them (freeDaysIn; the
     * shift roster counts its nights' mornings so).
     */
    const freeAfterNight = (ci: number): boolean => {
      if (spillCols[ci - 1].cols.length) return false;
      for (let f = ci + 1; f < n; f++) {
        const [am, pm] = halfInd[f];
        if (am.cols.length || pm.cols.length) return false;
        const start = duty.fixedFirstStart[f];
        if (start < Number.POSITIVE_INFINITY) return freeDaysIn(start - duty.fixedSpillEnd[ci], freeMs) >= f - ci;
      }
      return true;
    };
    // A leave day has nothing scheduled; where that depends on open cells, a column says so:
    // 1 exactly when none of them is duty that day.
    const leaveStatus = (types: AbsenceType[]): LeaveStatus[] =>
      duty.leave(types, (ci, cols) => {
        const col = b.continuous(`leave[${id},${ctxDates[ci]}]`, 0, 1);
        cols.forEach((c, k) =>
          b.row(`leaveIfIdle[${id},${ctxDates[ci]},${k}]`, new LinearExpr().add(col).add(c), -Infinity, 1),
        );
        b.row(`leaveWhenIdle[${id},${ctxDates[ci]}]`, new LinearExpr().add(col).addAll(cols), 1, Infinity);
        return col;
      });
    const noLeaveStatus = (): LeaveStatus[] => ctxDates.map(() => 0);

    // 80 hours a week averaged over every window (and every rotation shorter than it, when the rule
    // says so), leave days left out (core/rules/acgme-hours: the same periods).
    const rotationKeys = () => ctxDates.map((d) => s.rotationOn(id, d)?.id ?? null);
    for (const rule of hoursRules) {
      if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
      const { windowDays: W, limitHours } = rule.params;
      const hours = duty.hours(rule.params.includeMoonlighting);
      const leave = rule.params.excludeLeave ? leaveStatus(rule.params.leaveTypes) : noLeaveStatus();
      for (const { from: start, to: end, rotation } of averagingPeriods(
        rule.params,
        n,
        reach,
        reach + D - 1,
        rotationKeys,
      )) {
        const days = end - start;
        const e = new LinearExpr();
        let constant = 0;
        let leaveDays = 0;
        const maybeLeave: number[] = [];
        for (let ci = start; ci < end; ci++) {
          constant += hours[ci].constant;
          const l = leave[ci];
          if (l === 1) leaveDays++;
          else if (l !== 0) maybeLeave.push(l.col);
          for (const [col, h] of hours[ci].terms) e.add(col, h);
        }
        // Hours allowed: exact when the leave days are known; with days that may turn out to be
        // leave, each one lowers the limit by a day's share (never looser than the validator).
        const allowedLeast = allowedWindowHours(rule.params, days - leaveDays - maybeLeave.length);
        const most = constant + maxima.of(e);
        if (most <= allowedLeast + 1e-6) continue;
        for (const col of maybeLeave) e.add(col, limitHours / 7);
        const limit = maybeLeave.length
          ? (limitHours * (days - leaveDays)) / 7
          : allowedWindowHours(rule.params, days - leaveDays);
        const from = ctxDates[start];
        const g = rotation
          ? b.group({
              id: `acgme-hours-rotation:${id}:${rule.config.id}`,
              kind: 'acgme',
              weight: 3,
              describe: (short, starts) =>
                `${name}: the rotation starting ${[...starts].sort().join(', ')} goes over ${limitHours} hours a ` +
                `week averaged over its own days (by up to ${short.toFixed(1)} hours) with the fixed rotation ` +
                `pattern, calls and moonlighting`,
            })
          : b.group({
              id: `acgme-hours:${id}:${rule.config.id}`,
              kind: 'acgme',
              weight: 3,
              describe: (short, windows) =>
                `${name}: ${windowText(windows, W)} go over ${limitHours} hours a week (by up to ` +
                `${((short * 7) / W).toFixed(1)} h/week) with the fixed rotation pattern, calls and moonlighting`,
            });
        b.row(`${rotation ? 'rotationHours' : 'hours'}[${id},${from}]`, e, -Infinity, limit - constant, {
          group: g,
          subject: from,
          reason: {
            kind: 'acgme',
            text: rotation
              ? `ACGME: at most ${limitHours} hours a week averaged over a rotation shorter than ${W} days`
              : `ACGME: at most ${limitHours} hours a week averaged over ${W} days`,
          },
        });
      }
    }

    // Continuous work (core/rules/acgme-periods): fixed work (moonlighting, callbacks, calls,
    // fixed half-days) and open cells never join into a period past 24 + 4 hours, nor one with
    // new patient care past 24 hours.
    for (const rule of continuousRules) {
      if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
      const { maxHours } = rule.params;
      const transitionHours = rule.params.transitionHours ?? 4;
      const runs = duty.continuousRuns({
        maxMs: maxHours * HOUR_MS,
        withTransitionMs: (maxHours + transitionHours) * HOUR_MS,
        breakMs,
      });
      if (!runs.length) continue;
      const g = b.group({
        id: `acgme-continuous:${id}:${rule.config.id}`,
        kind: 'acgme',
        weight: 3,
        describe: (_short, days) =>
          `${name}: work starting ${[...new Set(days)].sort().join(', ')} would run past ${maxHours} + ` +
          `${transitionHours} ` +
          'hours of continuous work with the fixed rotation pattern, calls and moonlighting',
      });
      for (const run of runs) {
        const e = new LinearExpr();
        for (const cols of run.cells) e.addAll(cols);
        const from = ctxDates[Math.min(Math.max(duty.clock.dayOfInstant(run.start), 0), n - 1)];
        b.row(`continuous[${id},${run.start}]`, e, -Infinity, run.cells.length - 1, {
          group: g,
          subject: from,
          reason: {
            kind: 'acgme',
            text: `ACGME: at most ${maxHours} hours of continuous work, plus ${transitionHours} for transitions`,
          },
        });
      }
    }

    // Rest after in-house call (core/domain/rest-after-call) for the calls that owe it only with the
    // work joined to them into one period: the rest cells cover a call that owes it alone.
    for (const rule of restAfterCallRules) {
      if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
      const { minRestHours, afterHours } = rule.params;
      const runs = duty.restAfterCallRuns(rule.params, breakMs);
      if (!runs.length) continue;
      const g = b.group({
        id: `acgme-rest-after-call:${id}:${rule.config.id}`,
        kind: 'acgme',
        weight: 3,
        describe: (_short, days) =>
          `${name}: work with in-house call starting ${[...new Set(days)].sort().join(', ')} would reach ` +
          `${afterHours} hours and leave less than ${minRestHours} hours free after it with the fixed rotation ` +
          'pattern, calls and moonlighting',
      });
      for (const run of runs) {
        const e = new LinearExpr();
        for (const cols of run.cells) e.addAll(cols);
        const from = ctxDates[Math.min(Math.max(duty.clock.dayOfInstant(run.start - 1), 0), n - 1)];
        b.row(`restAfterCall[${id},${run.start},${run.end}]`, e, -Infinity, run.cells.length - 1, {
          group: g,
          subject: from,
          reason: {
            kind: 'acgme',
            text: `ACGME: at least ${minRestHours} hours free after ${afterHours} hours of work with in-house call`,
          },
        });
      }
    }

    // Rest between work periods (a warning, so a soft goal): each pair of work with less rest
    // between them than the rule asks, at least one of them an open cell, costs its weight.
    for (const rule of restRules) {
      if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
      const restW = weightOf(data.settings, 'restBetweenWorkPeriods');
      if (restW <= 0) continue;
      for (const pair of duty.shortRests(rule.params.minRestHours * HOUR_MS, breakMs)) {
        const e = new LinearExpr();
        for (const cols of pair.cells) e.addAll(cols);
        const short = b.continuous(`shortRest[${id},${pair.start},${pair.end}]`, 0, Infinity, restW);
        e.add(short, -1);
        b.row(`restBetween[${id},${pair.start},${pair.end}]`, e, -Infinity, pair.cells.length - 1);
      }
    }

    // Free days (one in seven over the window) and consecutive worked days.
    const freeVar = new Map<number, number | 1 | 0>(); // ci → column, or a constant
    const nonWorkedVar = new Map<number, number | 1 | 0>();
    const freeOf = (ci: number, leave: boolean[], free: boolean): number | 1 | 0 => {
      const memo = free ? freeVar : nonWorkedVar;
      if (!free || !leave[ci]) {
        const known = memo.get(ci);
        if (known !== undefined) return known;
      }
      if (free && leave[ci]) return 0;
      const am = halfInd[ci][0];
      const pm = halfInd[ci][1];
      const prevSpill = ci > 0 ? spillCols[ci - 1] : { constant: 0, cols: [] };
      let out: number | 1 | 0;
      // A known night ending on this morning (night float, a 24-hour call) still leaves a free
      // day when the next duty starts no earlier than that night ended; the trailing run of a
      // window is corrected in the window row. Otherwise the day does not count.
      const spilled =
        free && (spillInto[ci] || prevSpill.constant) && (shortDays[ci] || (!spillSafe && !freeAfterNight(ci)));
      if (callOrMoonOn[ci] || am.constant || pm.constant || spilled) out = 0;
      else if (!am.cols.length && !pm.cols.length && (!free || !prevSpill.cols.length)) out = 1;
      else {
        const col = b.continuous(`${free ? 'free' : 'rest'}[${id},${ctxDates[ci]}]`, 0, 1);
        if (am.cols.length)
          b.row(
            `${free ? 'free' : 'rest'}Am[${id},${ctxDates[ci]}]`,
            new LinearExpr().add(col).addAll(am.cols),
            -Infinity,
            1,
          );
        if (pm.cols.length)
          b.row(
            `${free ? 'free' : 'rest'}Pm[${id},${ctxDates[ci]}]`,
            new LinearExpr().add(col).addAll(pm.cols),
            -Infinity,
            1,
          );
        if (free && prevSpill.cols.length)
          b.row(`freeSpill[${id},${ctxDates[ci]}]`, new LinearExpr().add(col).addAll(prevSpill.cols), -Infinity, 1);
        out = col;
      }
      memo.set(ci, out);
      return out;
    };

    for (const rule of offRules) {
      if (!ruleApplies(rule.config, bp.person, bp.pgy) || rule.params.freeHours > 24) continue;
      const { windowDays: W } = rule.params;
      const status = rule.params.excludeLeave ? leaveStatus(rule.params.leaveTypes) : noLeaveStatus();
      // Days that may turn out to be leave are never free here yet count as work days: the
      // stricter reading whichever way they turn out. Days away on an absence that is not leave
      // (a conference) are never free either (core/rules/windows awayNotOnLeaveDays).
      const away = duty.awayNotOnLeave(rule.params);
      const leave = status.map((l, ci) => l !== 0 || away[ci] === 1);
      for (let start = reach - W + 1; start <= reach + D - 1; start++) {
        if (start < 0 || start + W > n) continue;
        let workDays = 0;
        let sure = 0;
        const e = new LinearExpr();
        for (let ci = start; ci < start + W; ci++) {
          if (status[ci] !== 1) workDays++;
          const f = freeOf(ci, leave, true);
          if (f === 1) sure++;
          else if (f !== 0) e.add(f);
        }
        // A run of free days that starts when a night ends (07:00) is worth a day less when the
        // window's end cuts it or a spring-forward day shortens it (the compliance engine counts
        // whole 24-hour stretches). Runs here are of days that can be free; the real runs of the
        // solution are parts of them, and at most one part starts after the night.
        let lost = 0;
        for (let ci = start; ci < start + W; ) {
          if (freeOf(ci, leave, true) === 0) {
            ci++;
            continue;
          }
          const first = ci;
          let short = false;
          for (; ci < start + W && freeOf(ci, leave, true) !== 0; ci++) if (shortDays[ci]) short = true;
          const afterNight = !!spillInto[first] || (first > 0 && !!spillCols[first - 1].constant);
          if (afterNight && (ci === start + W || short)) lost++;
        }
        const required = requiredFreeDays(rule.params, workDays) + lost;
        if (sure >= required) continue;
        const from = ctxDates[start];
        const g = b.group({
          id: `acgme-days-off:${id}:${rule.config.id}`,
          kind: 'acgme',
          weight: 3,
          describe: (short, windows) =>
            `${name}: ${windowText(windows, W)} have fewer free days than required (one in seven; short by up to ` +
            `${Math.ceil(short)}) with the fixed rotation pattern and calls`,
        });
        b.row(`daysOff[${id},${from}]`, e, required - sure, Infinity, {
          group: g,
          subject: from,
          reason: { kind: 'acgme', text: `ACGME: one day in seven free, averaged over ${W} days` },
        });
      }
    }

    for (const rule of consecutive) {
      if (!ruleApplies(rule.config, bp.person, bp.pgy)) continue;
      const len = rule.params.maxDays + 1;
      const noLeave = ctxDates.map(() => false);
      for (let start = reach - len + 1; start <= reach + D - 1; start++) {
        if (start < 0 || start + len > n) continue;
        let sure = 0;
        const e = new LinearExpr();
        for (let ci = start; ci < start + len; ci++) {
          const f = freeOf(ci, noLeave, false);
          if (f === 1) sure++;
          else if (f !== 0) e.add(f);
        }
        if (sure >= 1) continue;
        const from = ctxDates[start];
        const g = b.group({
          id: `consecutive:${id}:${rule.config.id}`,
          kind: 'limit',
          weight: 2,
          describe: (_short, windows) =>
            `${name}: ${windowText(windows, len)} have no day off (at most ${rule.params.maxDays} consecutive ` +
            `worked days)`,
        });
        b.row(`consecutive[${id},${from}]`, e, 1, Infinity, {
          group: g,
          subject: from,
          reason: { kind: 'acgme', text: `At most ${rule.params.maxDays} consecutive worked days` },
        });
      }
    }
  });
}

/** "the 28-day windows from 2026-07-27 to 2026-08-02" (window start dates). */
function windowText(starts: string[], days: number): string {
  if (starts.length <= 1) return `the ${days} days from ${starts[0] ?? '?'}`;
  const sorted = [...starts].sort();
  return `${starts.length} rolling ${days}-day windows starting ${sorted[0]} to ${sorted[sorted.length - 1]}`;
}

/**
 * Largest value an expression over open cells' columns can take: per cell, its largest coefficient
 * (at least 0), summed in the order the cells first appear. Asked for every window of every resident,
 * so the cell of each column is known once and the buffers are reused.
 */
class CellMaxima {
  /** Open cell (person × block slot) of each choice column. */
  private readonly cellOf: number[] = [];
  private readonly best: Float64Array;
  private readonly seen: Uint8Array;
  private readonly order: number[] = [];

  constructor(choice: Map<string, number>[][]) {
    let cells = 0;
    for (const slots of choice)
      for (const codes of slots) {
        for (const col of codes.values()) this.cellOf[col] = cells;
        cells++;
      }
    this.best = new Float64Array(cells);
    this.seen = new Uint8Array(cells);
  }

  of(e: LinearExpr): number {
    for (const [col, v] of e.terms) {
      const cell = this.cellOf[col];
      if (!this.seen[cell]) {
        this.seen[cell] = 1;
        this.best[cell] = 0;
        this.order.push(cell);
      }
      if (v > this.best[cell]) this.best[cell] = v;
    }
    let sum = 0;
    for (const cell of this.order) {
      sum += this.best[cell];
      this.seen[cell] = 0;
    }
    this.order.length = 0;
    return sum;
  }
}
