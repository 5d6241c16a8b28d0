// Generate the shifts of a block's shift-based rotations with the roster engine, and turn each
// roster into the residents' half-day cells (the shift in the slots it takes, off in the others),
// which the half-day model then takes as fixed. A resident whose minimum hours the rules cannot give
// is rostered with the minimum lowered to the most they allow (the rule check then reports the
// shortfall, and the outcome's diagnosis says which rules cap whose hours: shift-hours.ts); if the
// roster still cannot hold, fixed cells contradict the rules and the run says whose.
import { isoWeekday } from '../../domain/calendar';
import { clockTime, shiftCover } from '../../domain/shifts';
import type { HalfDay } from '../../domain/types';
import type { SolverBackend } from '../backend';
import type { Diagnosis } from '../diagnose/diagnose';
import type { FixedCell } from '../models/halfday-cells';
import type { SolveFigures } from '../models/solve';
import { compileRoster, RosterProblemError, solveRoster, type RosterProblem, type RosterResult } from '../roster';
import type { ShiftRosterPlan } from './problem';
import { shortHours } from './shift-hours';

export interface ShiftRosterProgress {
  label: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
}

export interface ShiftRosterOutcome {
  status: 'solved' | 'stopped' | 'infeasible' | 'failed';
  /** Cells of the rotations' residents by `${personId}:${date}:${half}` (solved or stopped with a roster). */
  cells: Map<string, FixedCell>;
  figures: (SolveFigures & { model: string; buildSec: number })[];
  message: string;
  /** Why the roster cannot hold: whose minimum hours which rules cap (solved), or what contradicts (infeasible). */
  diagnosis: Diagnosis | null;
}

export interface ShiftRosterOptions {
  /** Seconds for each rotation's roster (work seconds when `repeatable`). */
  timeLimitSec: number;
  /** The roster engine's clock counts work (core/solver/roster/work-clock): the same rosters under any load. */
  repeatable?: boolean;
  stop?: () => boolean;
  progress?: (p: ShiftRosterProgress) => void;
}

const withoutMinimumHours = (p: RosterProblem): RosterProblem => ({
  ...p,
  staff: p.staff.map(({ minMinutes: _min, ...st }) => st),
});

/** Each short resident's minimum lowered to the most the rules allow (dropped where that is unknown). */
const withMinimumHoursAtMost = (p: RosterProblem, most: Map<string, number | null>): RosterProblem => ({
  ...p,
  staff: p.staff.map((st) => {
    if (!most.has(st.id)) return st;
    const { minMinutes, ...rest } = st;
    const cap = most.get(st.id);
    return cap === null || cap === undefined ? rest : { ...rest, minMinutes: Math.min(minMinutes ?? 0, cap) };
  }),
});

export async function generateShiftRosters(
  plans: ShiftRosterPlan[],
  backend: SolverBackend,
  options: ShiftRosterOptions,
): Promise<ShiftRosterOutcome> {
  const outcome: ShiftRosterOutcome = { status: 'solved', cells: new Map(), figures: [], message: '', diagnosis: null };
  const messages: string[] = [];
  for (const plan of plans) {
    let rosterWorkSec = 0;
    const run = async (problem: RosterProblem) => {
      const result = await solveRoster(problem, {
        timeLimitSec: options.timeLimitSec,
        repeatable: options.repeatable,
        backend,
        stop: options.stop,
        onProgress: (p) =>
          options.progress?.({ label: plan.label, objective: p.objective, bound: p.bound, gap: p.gap }),
      });
      rosterWorkSec += result.elapsedSec;
      return result;
    };
    let result: RosterResult;
    let relaxed = false;
    try {
      // Whose minimum hours the rules cannot give is asked resident by resident before the whole roster is
      // solved (every hard rule of a roster is one resident's, cover is soft): small solves, where the whole
      // roster had to prove itself infeasible first, which can take longer than its share of a run (it then
      // ended with no roster and no cause). Their minimums are lowered to the most the rules allow.
      compileRoster(plan.problem); // a rule the roster cannot take is named as the whole roster has it
      const short = await shortHours(plan, backend, options);
      outcome.diagnosis = withCauses(outcome.diagnosis, short.diagnosis);
      const proven = new Map([...short.most].filter(([, most]) => most !== null));
      relaxed = proven.size > 0;
      result = await run(relaxed ? withMinimumHoursAtMost(plan.problem, proven) : plan.problem);
      // A minimum whose most was not proven (a solve stopped or out of time) is dropped only if it must be.
      if (result.status === 'infeasible' && short.most.size > proven.size && !options.stop?.()) {
        relaxed = true;
        result = await run(withMinimumHoursAtMost(plan.problem, short.most));
      }
    } catch (err) {
      if (!(err instanceof RosterProblemError)) throw err;
      return { ...outcome, status: 'failed', message: `${plan.label}: ${err.message}` };
    }
    // A repeatable roster is charged the work its searches did (the work clock's reading, the same on any
    // machine): a roster proven early leaves the rest of its budget to the models after it in the run.
    outcome.figures.push({
      ...figuresOf(plan, result, backend),
      ...(options.repeatable ? { workSec: rosterWorkSec } : {}),
    });
    if (result.status === 'infeasible')
      return {
        ...outcome,
        status: 'infeasible',
        message: `${plan.label}: infeasible`,
        diagnosis: diagnoseRoster(plan),
      };
    if (!result.roster) {
      const stopped = !!options.stop?.();
      return {
        ...outcome,
        status: stopped ? 'stopped' : 'failed',
        message: `${plan.label}: ${stopped ? 'stopped before a roster was found' : result.message}`,
      };
    }
    decodeRoster(plan, result.roster, outcome.cells);
    const gapWords =
      result.bound !== null && result.objective
        ? `, gap ${(((result.objective - result.bound) / Math.max(1, result.objective)) * 100).toFixed(2)} %`
        : '';
    messages.push(
      `${plan.label}: ${result.status === 'optimal' ? 'optimal' : `best found${gapWords}`}` +
        (relaxed
          ? " (the residents' minimum hours could not all hold: each was lowered to the most the rules allow, " +
            'and the rule check reports the shortfall)'
          : ''),
    );
    if (result.stoppedBy === 'stop') {
      outcome.status = 'stopped';
      break;
    }
  }
  outcome.message = messages.join('; ');
  return outcome;
}

function figuresOf(
  plan: ShiftRosterPlan,
  r: RosterResult,
  backend: SolverBackend,
): ShiftRosterOutcome['figures'][number] {
  return {
    model: plan.label,
    buildSec: 0,
    backend: backend.name,
    ...r.size,
    firstFeasibleSec: r.firstFeasibleSec,
    solveSec: r.elapsedSec,
    status: r.status,
    objective: r.objective,
    bound: r.bound,
    gap:
      r.objective !== null && r.bound !== null
        ? Math.max(0, r.objective - r.bound) / Math.max(1, Math.abs(r.objective))
        : null,
  };
}

/** Two diagnoses' causes as one (a run's rosters, a year's blocks). */
export function withCauses(a: Diagnosis | null, b: Diagnosis | null): Diagnosis | null {
  if (!a || !b) return a ?? b;
  return {
    ...a,
    relaxations: [...a.relaxations, ...b.relaxations],
    summary: `${a.summary} ${b.summary}`,
    elapsedSec: a.elapsedSec + b.elapsedSec,
  };
}

/** The roster as half-day cells: each shift in the slots it takes, the day's other half off. */
export function decodeRoster(plan: ShiftRosterPlan, roster: (string | null)[][], into: Map<string, FixedCell>): void {
  const byCode = new Map(plan.shifts.map((sh) => [sh.code, sh]));
  const cover = new Map(plan.rotation.shifts.shifts.map((s) => [s.activityCode, s.cover]));
  // A roster type is a shift, or a shift on a day of a clock change (problem.ts): its shift's activity code.
  const codeOf = (type: string | null) => (type === null ? null : (plan.shiftOfType.get(type) ?? type));
  plan.people.forEach((bp, s) => {
    plan.dates.forEach((date, d) => {
      if (!plan.onRotation[s][d]) return;
      const code = codeOf(roster[s][d]);
      const sh = code ? byCode.get(code) : undefined;
      // The day after the last night of a night-float run is the post-call day, as the rules expect.
      const afterNight =
        !sh && plan.nightCode && plan.afterNightCode && d > 0 && codeOf(roster[s][d - 1]) === plan.nightCode
          ? plan.afterNightCode
          : null;
      for (const half of ['AM', 'PM'] as HalfDay[]) {
        const key = `${bp.person.id}:${date}:${half}`;
        if (sh && sh.span.halves.includes(half)) {
          const needed = shiftCover(cover.get(sh.code) ?? {}, isoWeekday(date));
          into.set(key, {
            kind: 'fixed',
            code: sh.code,
            source: 'solver',
            locked: false,
            reason: {
              kind: 'shift',
              text:
                `${plan.rotation.code} shift roster: ${sh.activity.name} ` +
                `${clockTime(sh.span.start)}–${clockTime(sh.span.end)} (${needed} needed that day)`,
            },
          });
        } else if (afterNight) {
          into.set(key, {
            kind: 'fixed',
            code: afterNight,
            source: 'solver',
            locked: false,
            reason: { kind: 'post_call', text: 'The day after the last night of a night-float run' },
          });
        } else {
          into.set(key, {
            kind: 'fixed',
            code: 'OFF',
            source: 'solver',
            locked: false,
            reason: {
              kind: 'shift',
              text:
                `${plan.rotation.code} shift roster: ` +
                `${sh ? `${sh.code} takes the other half-day` : 'no shift this day'}`,
            },
          });
        }
      }
    });
  });
}

/**
 * Why a roster cannot hold: each resident's rules alone (every hard rule of a roster belongs to one
 * resident), named in domain words.
 */
function diagnoseRoster(plan: ShiftRosterPlan): Diagnosis {
  const culprits: string[] = [];
  plan.problem.staff.forEach((st, s) => {
    const alone: RosterProblem = {
      ...withoutMinimumHours(plan.problem),
      staff: [withoutMinimumHours(plan.problem).staff[s]],
      cover: [],
      offRequests: [],
      fixed: (plan.problem.fixed ?? []).filter((f) => f.staff === st.id),
    };
    try {
      compileRoster(alone);
    } catch (err) {
      culprits.push(`${plan.people[s].person.name}: ${(err as Error).message}`);
      return;
    }
    if ((plan.problem.fixed ?? []).some((f) => f.staff === st.id))
      culprits.push(`${plan.people[s].person.name} (locked shifts)`);
  });
  const summary =
    `${plan.label}: no roster keeps every rule. ` +
    (culprits.length
      ? `Check ${culprits.join('; ')}: locked shifts or the days around the block leave no way to keep the rest, ` +
        `consecutive-shift, weekend and ACGME limits.`
      : 'Locked shifts or the schedule around the block leave no way to keep the rest, consecutive-shift, weekend ' +
        'and ACGME limits.');
  return {
    status: 'structural',
    relaxations: [],
    totalSlack: null,
    summary,
    elapsedSec: 0,
  };
}
