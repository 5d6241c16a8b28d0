// A solved repair in the domain's words: every changed half-day, call and inpatient week (the
// gone people's own included), who covers which requirement, what each cover costs them, what is
// shed and where. Learners' clinic is cancelled where supervision stays short after the covers
// (the model's shortfall), those doing procedures first (they need the most supervision).
import {
  OUTCOME_RANK,
  type CoverCost,
  type LossOutcome,
  type LostRequirement,
  type Repair,
  type RepairChange,
  type RepairMethod,
  type ShedItem,
} from '../../domain/contingency';
import type { IsoDate } from '../../domain/types';
import { HALVES, type Baseline } from './baseline';
import { activityRole, DISPLACEABLE, SHEDDING_LEVELS } from './levels';
import { isGoneAt, shortDate, slotOf, supervisionAt, type Hole } from './loss';
import type { RepairSolution } from './model';

function holeLabel(
  b: Baseline,
  hole: Hole,
): { label: string; start: IsoDate; end: IsoDate; slots: { date: IsoDate; half: 'AM' | 'PM' }[] } {
  const name = b.people.get(hole.from)?.name ?? hole.from;
  switch (hole.kind) {
    case 'call': {
      const date = b.dates[hole.day];
      const type = b.callTypes.get(hole.callTypeCode);
      return {
        label: `${type?.name ?? hole.callTypeCode} (${hole.callTypeCode}) on ${shortDate(date)}, held by ${name}`,
        start: date,
        end: date,
        slots: [],
      };
    }
    case 'inpatient_week':
      return {
        label: `Inpatient week ${shortDate(hole.start)} – ${shortDate(hole.end)}, held by ${name}`,
        start: hole.start,
        end: hole.end,
        slots: [],
      };
    case 'procedure': {
      const date = b.dates[hole.day];
      return {
        label:
          `${b.activity(hole.code).name} (${hole.code}) on ${shortDate(date)} ${HALVES[hole.half]}, held by ` +
          `${name} (needs a ${hole.code} credential)`,
        start: date,
        end: date,
        slots: [{ date, half: HALVES[hole.half] as 'AM' | 'PM' }],
      };
    }
    case 'team': {
      const start = b.dates[hole.cells[0].day];
      const end = b.dates[hole.cells[hole.cells.length - 1].day];
      const who = hole.pgyLevels !== null ? `a PGY-${hole.pgyLevels.join('/')} resident` : 'a resident';
      return {
        label:
          `${hole.rotation.name} (${hole.rotation.code}) ` +
          `${start === end ? `on ${shortDate(start)}` : `${shortDate(start)} – ${shortDate(end)}`}: ${name}'s ` +
          `place, needs ${who}`,
        start,
        end,
        slots: hole.cells.map((c) => ({ date: b.dates[c.day], half: HALVES[c.half] as 'AM' | 'PM' })),
      };
    }
  }
}

/** The repair of a solved loss, with learners' clinic cancelled where supervision stays short. */
export function describeRepair(b: Baseline, sol: RepairSolution, week: IsoDate, method: RepairMethod): Repair {
  const { loss } = sol;
  const changes: RepairChange[] = [];
  const cellTo = new Map<string, string | null>(); // person:slot → new code
  const leave = b.codes.leave;
  for (const c of loss.goneCells) {
    changes.push({
      kind: 'slot',
      personId: c.personId,
      date: b.dates[c.day],
      half: HALVES[c.half] as 'AM' | 'PM',
      from: c.from,
      to: leave,
      reason: 'gone',
      requirementId: null,
    });
    cellTo.set(`${c.personId}:${c.day * 2 + c.half}`, leave);
  }
  const coverOf = new Map<string, string[]>();
  for (const a of sol.actions) {
    coverOf.set(a.requirement, [...(coverOf.get(a.requirement) ?? []), a.personId]);
    for (const c of a.changes) {
      changes.push({
        kind: 'slot',
        personId: c.personId,
        date: b.dates[c.day],
        half: HALVES[c.half] as 'AM' | 'PM',
        from: c.from,
        to: c.to,
        reason: c.reason,
        requirementId: a.requirement,
      });
      cellTo.set(`${c.personId}:${c.day * 2 + c.half}`, c.to);
    }
  }
  const requirements: LostRequirement[] = [];
  for (const hole of loss.holes) {
    const cover = coverOf.get(hole.id)?.[0] ?? null;
    const text = holeLabel(b, hole);
    requirements.push({
      id: hole.id,
      kind: hole.kind,
      label: text.label,
      personId: hole.from,
      start: text.start,
      end: text.end,
      slots: text.slots,
      amount: 1,
      coveredBy: cover ? [cover] : [],
      shed: 0,
      uncovered: sol.uncovered.has(hole.id) ? 1 : 0,
    });
    if (hole.kind === 'call') {
      changes.push({
        kind: 'call',
        date: b.dates[hole.day],
        callTypeCode: hole.callTypeCode,
        from: hole.from,
        to: cover,
        reason: cover ? 'cover' : 'gone',
        requirementId: hole.id,
      });
    } else if (hole.kind === 'inpatient_week') {
      changes.push({
        kind: 'inpatient_week',
        start: hole.start,
        end: hole.end,
        from: hole.from,
        to: cover,
        reason: cover ? 'cover' : 'gone',
        requirementId: hole.id,
      });
      // Back before the week ends: no longer its attending on the days not gone.
      if (cover && b.codes.admin) {
        for (let day = Math.max(0, b.day(hole.start)); day < b.length && b.dates[day] <= hole.end; day++) {
          if (b.dates[day] < hole.start || isGoneAt(loss, hole.from, day)) continue;
          for (let half = 0; half < 2; half++) {
            const cur = b.cell(hole.from, day, half);
            if (cur?.activityCode !== b.codes.inpatient) continue;
            changes.push({
              kind: 'slot',
              personId: hole.from,
              date: b.dates[day],
              half: HALVES[half] as 'AM' | 'PM',
              from: cur.activityCode,
              to: b.codes.admin,
              reason: 'gone',
              requirementId: hole.id,
            });
            cellTo.set(`${hole.from}:${day * 2 + half}`, b.codes.admin);
          }
        }
      }
    }
  }

  // Supervision: covers per slot, and learners' clinic cancelled where it stays short.
  const shed: ShedItem[] = [];
  const bySlot = new Map<number, Map<string, string | null>>();
  for (const [key, code] of cellTo) {
    const [personId, s] = key.split(':');
    const slot = Number(s);
    if (!bySlot.has(slot)) bySlot.set(slot, new Map());
    bySlot.get(slot)!.set(personId, code);
  }
  for (const slot of [...sol.rows].sort((x, y) => x - y)) {
    const day = slot >> 1;
    const override = new Map(bySlot.get(slot) ?? []);
    const absent = (id: string) => isGoneAt(loss, id, day);
    let cancelled = 0;
    b.rules.supervision.forEach((_, rule) => {
      const base = supervisionAt(b, rule, slot, () => false);
      const allowance = Math.max(0, base.need - base.supply);
      for (;;) {
        const now = supervisionAt(b, rule, slot, absent, override);
        if (now.need - now.supply <= allowance) break;
        const learner = b.occupants[slot]
          .filter(
            (a) => !absent(a.personId) && !override.has(a.personId) && b.people.get(a.personId)?.kind !== 'faculty',
          )
          .filter((a) => b.activities.has(a.activityCode) && b.activity(a.activityCode).needsSupervision)
          .sort(
            (x, y) =>
              b.activity(y.activityCode).extraSupervisionUnits - b.activity(x.activityCode).extraSupervisionUnits ||
              (x.personId < y.personId ? -1 : 1),
          )[0];
        if (!learner) break;
        override.set(learner.personId, b.codes.admin);
        const where = slotOf(b, slot);
        changes.push({
          kind: 'slot',
          personId: learner.personId,
          date: where.date,
          half: where.half,
          from: learner.activityCode,
          to: b.codes.admin,
          reason: 'shed',
          requirementId: `supervision|${where.date}|${where.half}`,
        });
        shed.push({
          level: 'continuity_clinic',
          personId: learner.personId,
          date: where.date,
          half: where.half,
          activityCode: learner.activityCode,
        });
        cancelled++;
      }
    });
    const covers = sol.actions.filter((a) => a.requirement === `supervision|${slot}`).map((a) => a.personId);
    if (!covers.length && !cancelled) continue;
    const where = slotOf(b, slot);
    const id = `supervision|${where.date}|${where.half}`;
    for (const c of changes) if (c.requirementId === `supervision|${slot}`) c.requirementId = id;
    requirements.push({
      id,
      kind: 'supervision',
      label: `Supervision of the learners in clinic on ${shortDate(where.date)} ${where.half}`,
      personId: null,
      start: where.date,
      end: where.date,
      slots: [where],
      amount: covers.length + (sol.shed.get(slot) ?? 0),
      coveredBy: covers,
      shed: sol.shed.get(slot) ?? 0,
      uncovered: 0,
    });
  }

  // What each cover gives up, and what it costs them.
  const covers: CoverCost[] = [];
  const month = week.slice(0, 7);
  const byPerson = new Map<string, typeof sol.actions>();
  for (const a of sol.actions) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  for (const [personId, acts] of [...byPerson].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const gives = new Map<string, { activityCode: string; halfDays: number; level: ShedItem['level'] | null }>();
    let hours = 0;
    let halfDays = 0;
    for (const a of acts) {
      for (const c of a.changes) {
        halfDays++;
        const [oldOn, oldNext] = c.from !== null ? b.cellHours(c.from, c.day, c.half) : [0, 0];
        const [newOn, newNext] = c.to !== null ? b.cellHours(c.to, c.day, c.half) : [0, 0];
        hours += newOn + newNext - oldOn - oldNext;
        if (c.from === null) continue;
        const role = activityRole(b, personId, c.day, c.from);
        const level = DISPLACEABLE[role] ?? null;
        const g = gives.get(c.from) ?? { activityCode: c.from, halfDays: 0, level };
        g.halfDays++;
        gives.set(c.from, g);
        if (level && SHEDDING_LEVELS.has(level))
          shed.push({
            level,
            personId,
            date: b.dates[c.day],
            half: HALVES[c.half] as 'AM' | 'PM',
            activityCode: c.from,
          });
      }
      if (a.call) {
        const [on, next] = b.callHours(a.call.callTypeCode, a.call.day);
        hours += on + next;
      }
    }
    const taken = acts.filter((a) => a.call).length;
    const existing = b.data.calls.filter((c) => c.personId === personId && c.date.startsWith(month)).length;
    covers.push({
      personId,
      halfDays,
      hoursAdded: Math.round(hours * 10) / 10,
      callsTaken: taken,
      callsThisMonth: existing + acts.filter((a) => a.call && b.dates[a.call.day].startsWith(month)).length,
      inpatientWeeks: acts.filter((a) => a.week).length,
      givesUp: [...gives.values()].sort(
        (x, y) => y.halfDays - x.halfDays || (x.activityCode < y.activityCode ? -1 : 1),
      ),
    });
  }

  let outcome: LossOutcome = 'absorbed';
  if (shed.length || sol.shed.size) outcome = 'shedding';
  if (sol.uncovered.size) outcome = 'uncovered';
  return {
    gone: [...loss.scenario.gone],
    week,
    days: loss.scenario.days.map((d) => b.dates[d]),
    outcome,
    requirements,
    changes,
    covers,
    shed,
    clinicLost: loss.clinicLost,
    changedAssignments: changes.length,
    objective: sol.objective,
    method,
    verified: false,
    problems: [],
  };
}

/** The worse of two outcomes. */
export function worse(a: LossOutcome, b: LossOutcome): LossOutcome {
  return OUTCOME_RANK[a] >= OUTCOME_RANK[b] ? a : b;
}
