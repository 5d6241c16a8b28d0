// Why a rotation's minimum shift hours cannot hold: for each resident, the most shift hours the
// roster's own rules allow (a one-resident roster of the same compiled problem, maximising minutes),
// and when that is below the minimum, which rules cap it — each rule lifted in turn, kept in the
// answer only when lifting it (with the ones found not to matter) would make room for the minimum.
import type { SolverBackend } from '../backend';
import type { Diagnosis, Relaxation } from '../diagnose/diagnose';
import { buildRosterModel, compileRoster, type RosterProblem } from '../roster';
import { workLimitedOptions } from '../roster/work-clock';
import { formatDateRange, plural } from '../../rules/explain';
import { REST, SHIFTS_IN_A_ROW, WEEKENDS_OFF, type ShiftRosterPlan } from './problem';

export interface MostShifts {
  minutes: number;
  /** Shifts worked, by length in minutes. */
  lengths: number[];
}

export interface ShortHoursOptions {
  /** Seconds for each one-resident solve (work seconds when `repeatable`). */
  timeLimitSec: number;
  /**
   * The roster's run is repeatable: each solve is limited by work, as the roster engine's are, so the
   * answer (and the minimums the roster is solved again with) is the same under any load.
   */
  repeatable?: boolean;
  stop?: () => boolean;
}

/** Resident s alone, with the rules in `lifted` taken away and no minimum hours (cover and requests are soft). */
export function residentAlone(plan: ShiftRosterPlan, s: number, lifted: ReadonlySet<string>): RosterProblem {
  const { minMinutes: _min, ...staff } = plan.problem.staff[s];
  const windowRules = plan.windowRules[s];
  return {
    days: plan.problem.days,
    shifts: plan.problem.shifts.map((sh) => (lifted.has(REST) ? { ...sh, forbiddenNext: [] } : sh)),
    staff: [
      {
        ...staff,
        maxConsecutive: lifted.has(SHIFTS_IN_A_ROW) ? undefined : staff.maxConsecutive,
        maxWeekends: lifted.has(WEEKENDS_OFF) ? undefined : staff.maxWeekends,
        windows: (staff.windows ?? []).filter((_, k) => !lifted.has(windowRules[k])),
      },
    ],
    weekends: plan.problem.weekends,
    onRequests: [],
    offRequests: [],
    cover: [],
    fixed: (plan.problem.fixed ?? []).filter((f) => f.staff === staff.id),
  };
}

/**
 * The most shift minutes of a one-resident problem, proven; null when it has no roster at all or the
 * solve ended before proving it.
 */
export async function mostShiftMinutes(
  problem: RosterProblem,
  backend: SolverBackend,
  options: ShortHoursOptions,
): Promise<MostShifts | null> {
  const compiled = compileRoster(problem);
  const rm = buildRosterModel(compiled);
  const { T } = compiled;
  // Every other cost is a request's or a cover's, and the problem has none.
  const columns = rm.model.columns.map((col) => ({ ...col, cost: 0 }));
  rm.xCol.forEach((col, i) => {
    if (col >= 0) columns[col].cost = -compiled.minutes[i % T];
  });
  const model = { ...rm.model, offset: 0, columns };
  const solveOptions = { timeLimitSec: options.timeLimitSec, mipAbsGap: compiled.unitMinutes / 2, stop: options.stop };
  const result = await backend.solve(
    model,
    options.repeatable ? workLimitedOptions(model, solveOptions) : solveOptions,
  );
  if (result.status !== 'optimal' || result.objective === null) return null;
  const lengths: number[] = [];
  rm.xCol.forEach((col, i) => {
    if (col >= 0 && result.values[col] > 0.5) lengths.push(compiled.minutes[i % T]);
  });
  return { minutes: -result.objective, lengths };
}

interface ShortResident {
  s: number;
  most: MostShifts;
  /** The rules that together keep the most below the minimum (ids, plan order). */
  binding: string[];
}

export interface ShortHours {
  /** Each resident whose minimum cannot be shown to hold, by staff id: the most the rules allow, or null unknown. */
  most: Map<string, number | null>;
  /** The causes, one per group of residents with the same cap and rules; null when none was found. */
  diagnosis: Diagnosis | null;
}

/** A one-resident problem without the resident's id: residents with the same key have the same most shift minutes. */
function sameProblemKey(problem: RosterProblem): string {
  return JSON.stringify({
    ...problem,
    staff: problem.staff.map((st) => ({ ...st, id: '' })),
    fixed: problem.fixed?.map((f) => ({ ...f, staff: '' })),
  });
}

/** Whose minimum hours cannot hold under the roster's rules, how far they can go, and which rules cap them. */
export async function shortHours(
  plan: ShiftRosterPlan,
  backend: SolverBackend,
  options: ShortHoursOptions,
): Promise<ShortHours> {
  const started = Date.now();
  const short: ShortResident[] = [];
  const mostOf = new Map<string, number | null>();
  // Residents of a rotation mostly share their rules: one solve answers every resident whose problem is the same.
  const solved = new Map<string, Promise<MostShifts | null>>();
  for (let s = 0; s < plan.problem.staff.length; s++) {
    const { id, minMinutes: min = 0 } = plan.problem.staff[s];
    if (min <= 0) continue;
    const most = (lifted: Set<string>) => {
      if (options.stop?.()) return null;
      const problem = residentAlone(plan, s, lifted);
      const key = sameProblemKey(problem);
      if (!solved.has(key)) solved.set(key, mostShiftMinutes(problem, backend, options));
      return solved.get(key)!;
    };
    const all = await most(new Set());
    if (all && all.minutes >= min) continue;
    mostOf.set(id, all?.minutes ?? null);
    if (!all) continue;
    // The rotation's settings and program policies are tried first, the ACGME's last: an ACGME
    // requirement that caps the hours on its own is the one to name.
    const order = [...plan.rules.filter((r) => !r.acgme), ...plan.rules.filter((r) => r.acgme)];
    const lifted = new Set<string>();
    let settled = true;
    for (const rule of order) {
      lifted.add(rule.id);
      const without = await most(lifted);
      if (!without) settled = false;
      if (!without || without.minutes >= min) lifted.delete(rule.id);
    }
    if (settled) short.push({ s, most: all, binding: plan.rules.filter((r) => !lifted.has(r.id)).map((r) => r.id) });
  }
  if (short.length === 0) return { most: mostOf, diagnosis: null };
  const groups = new Map<string, ShortResident[]>();
  for (const r of short) {
    const key = `${r.most.minutes}|${plan.problem.staff[r.s].minMinutes}|${r.binding.join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const relaxations = [...groups.values()].map((group) => cause(plan, group));
  const diagnosis: Diagnosis = {
    status: 'counted',
    relaxations,
    totalSlack: null,
    summary: relaxations.map((r) => `${r.message}. ${r.fix!.text}.`).join(' '),
    elapsedSec: (Date.now() - started) / 1000,
  };
  return { most: mostOf, diagnosis };
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

function cause(plan: ShiftRosterPlan, group: ShortResident[]): Relaxation {
  const { rotation } = plan;
  const { code, shifts: policy } = rotation;
  const first = group[0];
  const min = plan.problem.staff[first.s].minMinutes ?? 0;
  const names = group.map((r) => plan.people[r.s].person.name);
  const lengths = [...new Set(first.most.lengths)];
  const shifts =
    lengths.length === 1
      ? `${plural(first.most.lengths.length, 'shift')} of ${hours(lengths[0])} h`
      : plural(first.most.lengths.length, 'shift');
  const words = plan.rules.filter((r) => first.binding.includes(r.id)).map((r) => r.words);
  const because = words.length
    ? `the rules allow no more: ${words.join('; ')}`
    : 'absences, locked slots and other duty leave no more room';
  const days = plan.availableDays[first.s];
  // The weekly minimum the cap allows over the same available days.
  const fits = Math.floor((first.most.minutes * 7) / (60 * days));
  const block = `block ${plan.block.number} (${formatDateRange(plan.block.start, plan.block.end)})`;
  return {
    groupId: `shift_hours:${code}:${plan.label}:${names.join(',')}`,
    kind: 'shift_hours',
    shortBy: hours(min - first.most.minutes),
    subjects: names,
    message:
      `${code}: ${names.join(', ')} can work at most ${hours(first.most.minutes)} shift hours ` +
      `(${shifts}) in ${block}, because ${because}. The rotation asks for at least ` +
      `${hours(min)} h (${policy.minHoursPerWeek} h a week over ${plural(days, 'available day')})`,
    where: [],
    fix: {
      text: `Lower ${code}'s minimum to ${fits} h a week or less, or shorten its shifts`,
      targets: [{ label: `Rotation ${code}`, target: { kind: 'rotation', rotationId: rotation.id } }],
    },
    follows: false,
  };
}
